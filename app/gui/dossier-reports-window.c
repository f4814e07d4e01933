/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dossier-action.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-progress.h"
#include "dossier-report.h"
#include "dossier-reports-window.h"

/* Volunteers' Reports: the coordinator's side of docs/report-format.md.
 * The reports imported, each with Undo; Import Reports… and files
 * dropped on the window bring more. The work runs in a worker on its own
 * connection to the store, in one transaction for all the files, with a
 * progress bar and Cancel; Cancel rolls all of it back. A file with an
 * error imports nothing and is listed with the reason. */

struct _DossierReportsWindow
{
  AdwWindow             parent_instance;

  DossierStore         *store;
  AdwToastOverlay      *toasts;
  GtkStack             *stack;
  GtkRevealer          *busy_revealer;
  GtkLabel             *busy_label;
  GtkProgressBar       *busy_progress;
  GtkWidget            *import_button;
  GtkWidget            *empty_button;
  GtkBox               *list_box;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesGroup  *imports_group;
  GPtrArray            *rows;         /* widgets in the two groups */
  GCancellable         *cancellable;  /* the job running, if one is */
  gboolean              closing;      /* closed while it ran: close at its end */
};

G_DEFINE_FINAL_TYPE (DossierReportsWindow, dossier_reports_window, ADW_TYPE_WINDOW)

/* ---- what an import says ---- */

static char *
describe_import (const DossierReportImport *import)
{
  g_autofree char *when = dossier_format_timestamp (import->imported_at, DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *who = NULL;
  g_autofree char *added = NULL;

  if (*import->volunteer)
    who = g_strdup (import->volunteer);
  else if (*import->group)
    /* Translators: who a counts-only report is from: %s is a volunteer group */
    who = g_strdup_printf (_("a volunteer of %s"), import->group);
  else
    who = g_strdup (_("a volunteer without a group"));

  if (!import->active)
    /* Translators: the first %s is a volunteer's name or “a volunteer of Almaty group”, the
     * second a date and time */
    return g_strdup_printf (_("From %s, imported %s. A newer report from the same volunteer replaced it."),
                            who, when);
  if (import->replaced > 0)
    added = g_strdup_printf (ngettext ("From %s, imported %s: %'lld action, in place of an older report.",
                                       "From %s, imported %s: %'lld actions, in place of an older report.",
                                       (gulong) import->actions), who, when, (long long) import->actions);
  else
    added = g_strdup_printf (ngettext ("From %s, imported %s: %'lld action.",
                                       "From %s, imported %s: %'lld actions.",
                                       (gulong) import->actions), who, when, (long long) import->actions);
  return g_steal_pointer (&added);
}

static void reload (DossierReportsWindow *self);
static void start_undo (DossierReportsWindow *self, const char *id);

static void
on_undo_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     DossierReportsWindow *self)
{
  if (g_str_equal (response, "undo"))
    start_undo (self, g_object_get_data (G_OBJECT (dialog), "report-id"));
}

static void
on_undo_clicked_cb (GtkButton            *button,
                    DossierReportsWindow *self)
{
  const DossierReportImport *import = g_object_get_data (G_OBJECT (button), "import");
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (import->replaces && import->active)
    body = g_strdup_printf (ngettext ("Its %'lld action will no longer count, and the older report of the same volunteer it replaced counts again.",
                                      "Its %'lld actions will no longer count, and the older report of the same volunteer it replaced counts again.",
                                      (gulong) import->actions), (long long) import->actions);
  else
    body = g_strdup_printf (ngettext ("Its %'lld action will no longer count. You can import the file again later.",
                                      "Its %'lld actions will no longer count. You can import the file again later.",
                                      (gulong) import->actions), (long long) import->actions);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Undo This Import?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "undo", _("_Undo Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "report-id", g_strdup (import->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
import_row_new (DossierReportsWindow      *self,
                const DossierReportImport *import)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_import (import);
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *import->file_name ? import->file_name : _("Report without a file name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  button = gtk_button_new_with_mnemonic (_("_Undo Import"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "import",
                          g_memdup2 (import, sizeof *import), g_free);
  /* the strings stay with the row's copy of the list */
  g_signal_connect (button, "clicked", G_CALLBACK (on_undo_clicked_cb), self);
  gtk_widget_set_name (button, "undo-import");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
add_problem (DossierReportsWindow *self,
             const char           *file,
             const char           *message)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), file);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "error");
  adw_preferences_group_add (self->problems_group, row);
  g_ptr_array_add (self->rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
}

/* The imports as the store has them now; problems of the last import stay. */
static void
reload (DossierReportsWindow *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = self->rows->len; i > 0; i--)
    {
      GtkWidget *row = self->rows->pdata[i - 1];

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (self->imports_group))
        {
          adw_preferences_group_remove (self->imports_group, row);
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }
  if (!(list = dossier_store_list_reports (self->store, &error)))
    {
      add_problem (self, _("The imported reports could not be read"), error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = import_row_new (self, list->pdata[i]);

      adw_preferences_group_add (self->imports_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->imports_group), list->len > 0);
  /* the rows' copies point into these */
  g_object_set_data_full (G_OBJECT (self), "imports", g_steal_pointer (&list), (GDestroyNotify) g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_widget_get_visible (GTK_WIDGET (self->imports_group)) ||
                                    gtk_widget_get_visible (GTK_WIDGET (self->problems_group))
                                    ? "list" : "empty");
}

/* ---- jobs ---- */

typedef struct
{
  char                 *store_path;
  GPtrArray            *files;     /* GFile* */
  char                 *undo_id;   /* or NULL */
  DossierProgressRelay *relay;
  /* results */
  GPtrArray            *problems;  /* pairs: file name, message */
  GPtrArray            *outcomes;  /* DossierReportImport* */
  guint                 already;
  gint64                actions;
  /* while running */
  gint64                entries_done;
  gint64                entries_current;
  gint64                entries_total;
} Job;

static void
job_free (Job *job)
{
  if (job->relay)
    {
      dossier_progress_relay_stop (job->relay);
      dossier_progress_relay_unref (job->relay);
    }
  g_free (job->store_path);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_free (job->undo_id);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->outcomes, g_ptr_array_unref);
  g_free (job);
}

static void
on_progress_cb (const char *what,
                double      fraction,
                gpointer    data)
{
  DossierReportsWindow *self = data;

  if (self->cancellable == NULL)
    return;
  if (what)
    gtk_label_set_text (self->busy_label, what);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->busy_progress);
  else
    gtk_progress_bar_set_fraction (self->busy_progress, fraction);
}

/* Within one report being written: its share of the second half. */
static void
on_entry_progress (const char *what,
                   double      fraction,
                   gpointer    data)
{
  Job *job = data;

  dossier_progress_relay_report (job->relay, NULL,
                                 0.5 + 0.5 * (job->entries_done + fraction * job->entries_current)
                                       / MAX (job->entries_total, 1));
}

static char *
file_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_report_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  /* first every file read and checked whole: half the bar */
  for (guint i = 0; i < job->files->len; i++)
    {
      GFile *file = job->files->pdata[i];
      g_autofree char *name = file_name (file);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      DossierReport *report;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      dossier_progress_relay_report (job->relay, NULL, 0.5 * i / job->files->len);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (info && g_file_info_get_size (info) > DOSSIER_REPORT_MAX_SIZE)
        {
          g_autofree char *limit = g_format_size (DOSSIER_REPORT_MAX_SIZE);

          g_ptr_array_add (job->problems, g_strdup (name));
          /* Translators: %s is a size such as “268 MB” */
          g_ptr_array_add (job->problems, g_strdup_printf (_("The file is larger than a report can be (%s)."), limit));
          continue;
        }
      if (info == NULL || !(bytes = g_file_load_bytes (file, cancellable, NULL, &local_error)))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, g_steal_pointer (&local_error));
              return;
            }
          g_ptr_array_add (job->problems, g_strdup (name));
          /* Translators: %s is the system's reason */
          g_ptr_array_add (job->problems, g_strdup_printf (_("The file could not be read: %s"), local_error->message));
          continue;
        }
      if (!(report = dossier_report_read (bytes, cancellable, &local_error)))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, g_steal_pointer (&local_error));
              return;
            }
          g_ptr_array_add (job->problems, g_strdup (name));
          g_ptr_array_add (job->problems, g_strdup (local_error->message));
          continue;
        }
      {
        DossierReportSummary summary;

        dossier_report_summarize (report, &summary);
        job->entries_total += summary.entries;
        dossier_report_summary_clear (&summary);
      }
      g_ptr_array_add (reports, report);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  if (reports->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* then all of them in one transaction */
  if (!(store = dossier_store_open_full (job->store_path, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, &error)) ||
      !dossier_store_begin (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < reports->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      DossierReportImport *outcome = NULL;
      gboolean already = FALSE;
      DossierReportSummary summary;

      dossier_report_summarize (reports->pdata[i], &summary);
      job->entries_current = summary.entries;
      /* a report refused is undone alone; Cancel or a failure of the
       * store undoes all of them */
      if (!dossier_store_begin (store, &local_error))
        {
          dossier_store_rollback (store);
          dossier_report_summary_clear (&summary);
          g_task_return_error (task, g_steal_pointer (&local_error));
          return;
        }
      if (!dossier_store_add_report (store, reports->pdata[i], names->pdata[i], cancellable,
                                     on_entry_progress, job, &outcome, &already, &local_error))
        {
          dossier_store_rollback (store);
          if (local_error->domain != DOSSIER_REPORT_ERROR)
            {
              dossier_store_rollback (store);
              dossier_report_summary_clear (&summary);
              g_task_return_error (task, g_steal_pointer (&local_error));
              return;
            }
          g_ptr_array_add (job->problems, g_strdup (names->pdata[i]));
          g_ptr_array_add (job->problems, g_strdup (local_error->message));
        }
      /* a commit that fails has closed its level */
      else if (!dossier_store_commit (store, &local_error))
        {
          dossier_store_rollback (store);
          dossier_report_import_free (outcome);
          dossier_report_summary_clear (&summary);
          g_task_return_error (task, g_steal_pointer (&local_error));
          return;
        }
      else if (already || outcome == NULL)
        {
          job->already += already;
          dossier_report_import_free (outcome);
        }
      else
        {
          job->actions += outcome->actions;
          g_ptr_array_add (job->outcomes, outcome);
        }
      job->entries_done += summary.entries;
      dossier_progress_relay_report (job->relay, NULL,
                                     0.5 + 0.5 * job->entries_done / MAX (job->entries_total, 1));
      dossier_report_summary_clear (&summary);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      dossier_store_rollback (store);
      g_task_return_error (task, error);
      return;
    }
  if (!dossier_store_commit (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
undo_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(DossierStore) store = NULL;
  DossierReportImport *undone = NULL;
  GError *error = NULL;

  if (!(store = dossier_store_open_full (job->store_path, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, &error)) ||
      !dossier_store_begin (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!dossier_store_undo_report (store, job->undo_id, &undone, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      dossier_store_rollback (store);
      dossier_report_import_free (undone);
      g_task_return_error (task, error);
      return;
    }
  if (!dossier_store_commit (store, &error))
    {
      dossier_report_import_free (undone);
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (job->outcomes, undone);
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (DossierReportsWindow *self,
          const char           *label)
{
  gboolean busy = label != NULL;

  if (busy)
    {
      gtk_label_set_text (self->busy_label, label);
      gtk_progress_bar_set_fraction (self->busy_progress, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->busy_progress),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  gtk_revealer_set_reveal_child (self->busy_revealer, busy);
  gtk_widget_set_sensitive (self->import_button, !busy);
  gtk_widget_set_sensitive (self->empty_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->imports_group), !busy);
}

static void
notify_store (DossierReportsWindow *self)
{
  dossier_store_notify_changed (self->store, DOSSIER_TYPE_ACTION);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DossierReportsWindow *self = DOSSIER_REPORTS_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  set_busy (self, NULL);
  if (self->closing)
    {
      /* it may have landed before Cancel reached it */
      notify_store (self);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* the problems of this import, not of the one before */
  for (guint i = self->rows->len; i > 0; i--)
    {
      GtkWidget *row = self->rows->pdata[i - 1];

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (self->problems_group))
        {
          adw_preferences_group_remove (self->problems_group, row);
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("Import cancelled: nothing was imported"));
      else
        {
          add_problem (self, _("Nothing was imported"), error->message);
          reload (self);
          return;
        }
    }
  else
    {
      for (guint i = 0; i + 1 < job->problems->len; i += 2)
        add_problem (self, job->problems->pdata[i], job->problems->pdata[i + 1]);
      if (job->outcomes->len > 0)
        {
          g_autofree char *actions = g_strdup_printf (ngettext ("%'lld action", "%'lld actions",
                                                                (gulong) job->actions), (long long) job->actions);

          /* Translators: %s is a number of actions, such as “1,204 actions” */
          message = g_strdup_printf (ngettext ("Imported %u report: %s", "Imported %u reports: %s", job->outcomes->len),
                                     job->outcomes->len, actions);
          notify_store (self);
        }
      else if (job->already > 0 && job->problems->len == 0)
        message = g_strdup_printf (ngettext ("%u report was imported before: nothing changed",
                                             "%u reports were imported before: nothing changed", job->already),
                                   job->already);
    }
  reload (self);
  if (message)
    dossier_add_toast (self->toasts, adw_toast_new (message));
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DossierReportsWindow *self = DOSSIER_REPORTS_WINDOW (source);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  set_busy (self, NULL);
  if (self->closing)
    {
      /* it may have landed before Cancel reached it */
      notify_store (self);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_problem (self, _("The import was not undone"), error->message);
    }
  else
    {
      dossier_add_toast (self->toasts, adw_toast_new (_("Import undone: its actions no longer count")));
      notify_store (self);
    }
  reload (self);
}

static Job *
job_new (DossierReportsWindow *self)
{
  Job *job = g_new0 (Job, 1);

  job->store_path = g_strdup (dossier_store_get_path (self->store));
  job->problems = g_ptr_array_new_with_free_func (g_free);
  job->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_report_import_free);
  job->relay = dossier_progress_relay_new (on_progress_cb, g_object_ref (self), g_object_unref);
  return job;
}

/**
 * dossier_reports_window_import_files:
 * @files: (element-type GFile): the reports, as chosen or dropped
 */
void
dossier_reports_window_import_files (DossierReportsWindow *self,
                                     GListModel           *files)
{
  g_autoptr(GTask) task = NULL;
  guint n = g_list_model_get_n_items (files);
  g_autofree char *label = NULL;
  Job *job;

  if (self->cancellable || n == 0)
    return;
  job = job_new (self);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->files, g_list_model_get_item (files, i));
  label = g_strdup_printf (ngettext ("Importing %u report…", "Importing %u reports…", n), n);
  set_busy (self, label);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_imported_cb, NULL);
  /* a Cancel after the commit changes nothing: the worker says what it did */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, import_in_thread);
}

static void
start_undo (DossierReportsWindow *self,
            const char           *id)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->cancellable)
    return;
  job = job_new (self);
  job->undo_id = g_strdup (id);
  set_busy (self, _("Undoing the import…"));
  gtk_progress_bar_pulse (self->busy_progress);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_undone_cb, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, undo_in_thread);
}

gboolean
dossier_reports_window_is_busy (DossierReportsWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_REPORTS_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

/* ---- choosing and dropping ---- */

static void
on_chooser_response_cb (GtkNativeDialog      *chooser,
                        int                   response,
                        DossierReportsWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      dossier_reports_window_import_files (self, files);
    }
  g_object_unref (chooser);
}

static void
on_import_clicked_cb (DossierReportsWindow *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Volunteers’ Reports"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Reports (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget        *target,
            const GValue         *value,
            double                x,
            double                y,
            DossierReportsWindow *self)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->cancellable)
    return FALSE;
  for (GSList *l = g_value_get_boxed (value); l; l = l->next)
    g_list_store_append (files, l->data);
  dossier_reports_window_import_files (self, G_LIST_MODEL (files));
  return g_list_model_get_n_items (G_LIST_MODEL (files)) > 0;
}

static void
on_cancel_clicked_cb (DossierReportsWindow *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
on_close_request_cb (DossierReportsWindow *self)
{
  /* the job goes on to its end or its cancel; the window waits for it */
  if (self->cancellable)
    {
      self->closing = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return FALSE;
}

static void
on_store_changed_cb (DossierReportsWindow *self)
{
  if (self->cancellable == NULL)
    reload (self);
}

/* ---- the window ---- */

static void
dossier_reports_window_dispose (GObject *object)
{
  DossierReportsWindow *self = DOSSIER_REPORTS_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dossier_reports_window_parent_class)->dispose (object);
}

static void
dossier_reports_window_class_init (DossierReportsWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dossier_reports_window_dispose;
}

static void
dossier_reports_window_init (DossierReportsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *busy_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Volunteers’ Reports"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), dossier_title_that_gives_way (_("Volunteers’ Reports")));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->import_button = gtk_button_new_with_mnemonic (_("_Import…"));
  gtk_widget_set_tooltip_text (self->import_button, _("Import reports volunteers sent you"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  /* the job: what it does, how far, and Cancel */
  self->busy_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->busy_label, TRUE);
  gtk_label_set_xalign (self->busy_label, 0);
  self->busy_progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->busy_progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->busy_progress), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  gtk_widget_set_name (cancel, "cancel-job");
  {
    GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_widget_set_hexpand (column, TRUE);
    gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->busy_label));
    gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->busy_progress));
    gtk_box_append (GTK_BOX (busy_box), column);
  }
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (busy_box), cancel);
  gtk_widget_set_margin_start (busy_box, 12);
  gtk_widget_set_margin_end (busy_box, 12);
  gtk_widget_set_margin_top (busy_box, 6);
  gtk_widget_set_margin_bottom (busy_box, 6);
  self->busy_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->busy_revealer, busy_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->busy_revealer));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "mail-send-receive-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Reports Imported"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Volunteers write a report of their actions with Write a Report… in their "
                                     "Dossier and send you the file. Import the files here, or drop them on this "
                                     "window: Progress then counts their actions."));
  self->empty_button = gtk_button_new_with_mnemonic (_("_Import Reports…"));
  gtk_widget_set_halign (self->empty_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->empty_button, "pill");
  gtk_widget_add_css_class (self->empty_button, "suggested-action");
  g_signal_connect_swapped (self->empty_button, "clicked", G_CALLBACK (on_import_clicked_cb), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), self->empty_button);
  gtk_stack_add_named (self->stack, status, "empty");

  self->list_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->list_box), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list_box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list_box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list_box), 12);
  self->problems_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->problems_group, _("Not Imported"));
  adw_preferences_group_set_description (self->problems_group,
                                         _("Nothing was imported from these files. Ask the volunteer for a new report."));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  self->imports_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->imports_group, _("Imported Reports"));
  adw_preferences_group_set_description (self->imports_group,
                                         _("The latest first. Drop more files on this window to import them."));
  gtk_box_append (self->list_box, GTK_WIDGET (self->problems_group));
  gtk_box_append (self->list_box, GTK_WIDGET (self->imports_group));
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list_box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

GtkWidget *
dossier_reports_window_new (GtkWindow    *parent,
                            DossierStore *store)
{
  DossierReportsWindow *self = g_object_new (DOSSIER_TYPE_REPORTS_WINDOW,
                                             "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}
