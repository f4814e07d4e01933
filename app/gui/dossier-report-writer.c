/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dossier-action.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-report.h"
#include "dossier-reports-window.h"
#include "dossier-urgent-action.h"

/* Write a Report…: the volunteer's side of docs/report-format.md. The
 * form chooses the level of detail, the period and the urgent actions;
 * below it, "What the File Will Hold" says before anything is written
 * which names, groups and period the file carries, read again at every
 * change by a worker on its own connection, as is the writing. */

struct _DossierReportWriter
{
  AdwWindow            parent_instance;

  DossierStore        *store;
  AdwToastOverlay     *parent_toasts;
  AdwToastOverlay     *toasts;
  GtkWidget           *save_button;
  AdwComboRow         *detail_row;
  AdwComboRow         *format_row;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  AdwExpanderRow      *uas_row;
  GPtrArray           *ua_checks;     /* GtkCheckButton*, "reference" data */
  AdwActionRow        *problem_row;
  char                *problem;
  AdwPreferencesGroup *summary_group;
  AdwActionRow        *actions_row;
  AdwActionRow        *period_row;
  AdwActionRow        *names_row;
  AdwActionRow        *groups_row;
  AdwActionRow        *left_out_row;
  guint                describe_id;   /* the next reading of the summary */
  guint                serial;        /* of the last reading asked for */
  GCancellable        *cancellable;   /* the readings and the writing */
  gboolean             writing;
  gboolean             has_actions;
};

G_DEFINE_FINAL_TYPE (DossierReportWriter, dossier_report_writer, ADW_TYPE_WINDOW)

typedef struct
{
  char                *store_path;
  DossierReportDetail  detail;
  char                *from;
  char                *to;
  GStrv                uas;
  gboolean             csv;
  GFile               *file;          /* writing: where */
  guint                serial;
  DossierReportSummary summary;
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->from);
  g_free (job->to);
  g_strfreev (job->uas);
  g_clear_object (&job->file);
  dossier_report_summary_clear (&job->summary);
  g_free (job);
}

static gboolean
is_day (const char *text)
{
  guint y, m, d;
  char tail;

  return strlen (text) == 10 && sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* The form as a job; NULL, with the problem shown under its field, when a
 * date is not one. */
static Job *
read_form (DossierReportWriter *self)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  g_autoptr(GStrvBuilder) uas = g_strv_builder_new ();
  gboolean all = TRUE;
  Job *job;

  if (*from && !is_day (from))
    {
      dossier_form_show_problem (self->problem_row, &self->problem, GTK_WIDGET (self->from_row),
                                 _("The first day must be a real date written YYYY-MM-DD, or empty for all."));
      return NULL;
    }
  if (*to && !is_day (to))
    {
      dossier_form_show_problem (self->problem_row, &self->problem, GTK_WIDGET (self->to_row),
                                 _("The last day must be a real date written YYYY-MM-DD, or empty for all."));
      return NULL;
    }
  if (*from && *to && strcmp (from, to) > 0)
    {
      dossier_form_show_problem (self->problem_row, &self->problem, GTK_WIDGET (self->to_row),
                                 _("The last day cannot be before the first."));
      return NULL;
    }
  dossier_form_show_problem (self->problem_row, &self->problem, NULL, NULL);

  job = g_new0 (Job, 1);
  job->store_path = g_strdup (dossier_store_get_path (self->store));
  job->detail = adw_combo_row_get_selected (self->detail_row) == 1 ? DOSSIER_REPORT_COUNTS : DOSSIER_REPORT_FULL;
  job->csv = adw_combo_row_get_selected (self->format_row) == 1;
  job->from = *from ? g_strdup (from) : NULL;
  job->to = *to ? g_strdup (to) : NULL;
  for (guint i = 0; i < self->ua_checks->len; i++)
    {
      GtkCheckButton *check = self->ua_checks->pdata[i];

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (uas, g_object_get_data (G_OBJECT (check), "reference"));
      else
        all = FALSE;
    }
  job->uas = all ? NULL : g_strv_builder_end (uas);
  return job;
}

static gboolean
open_and_scope (Job                 *job,
                DossierStore       **store,
                DossierReportScope  *scope,
                GError             **error)
{
  *store = dossier_store_open_full (job->store_path, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, error);
  scope->detail = job->detail;
  scope->from = job->from;
  scope->to = job->to;
  scope->uas = (const char * const *) job->uas;
  return *store != NULL;
}

static void
describe_in_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(DossierStore) store = NULL;
  DossierReportScope scope;
  GError *error = NULL;

  /* a scope with no UA ticked holds nothing */
  if (job->uas && job->uas[0] == NULL)
    {
      memset (&job->summary, 0, sizeof job->summary);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!open_and_scope (job, &store, &scope, &error) ||
      !dossier_report_describe (store, &scope, &job->summary, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_row (AdwActionRow *row,
         const char   *subtitle)
{
  adw_action_row_set_subtitle (row, subtitle);
}

static void
show_summary (DossierReportWriter        *self,
              const DossierReportSummary *summary)
{
  g_autofree char *actions = NULL;
  g_autofree char *period = NULL;
  g_autofree char *names = NULL;
  g_autofree char *groups = NULL;

  self->has_actions = summary->entries > 0;
  gtk_widget_set_sensitive (self->save_button, self->has_actions && !self->writing);
  if (!self->has_actions)
    {
      set_row (self->actions_row, _("Nothing: none of your actions that went out is in this period and these urgent actions."));
      set_row (self->period_row, "—");
      set_row (self->names_row, "—");
      set_row (self->groups_row, "—");
      return;
    }
  {
    g_autofree char *n_actions = g_strdup_printf (ngettext ("%'lld action", "%'lld actions",
                                                            (gulong) summary->actions), (long long) summary->actions);
    g_autofree char *uas = g_strdup_printf (ngettext ("%u urgent action", "%u urgent actions", summary->uas),
                                            summary->uas);

    /* Translators: the first %s is a number of actions such as “12 actions”, the second a
     * number of urgent actions such as “3 urgent actions” */
    actions = g_strdup_printf (C_("report summary", "%s on %s"), n_actions, uas);
  }
  set_row (self->actions_row, actions);

  if (summary->detail == DOSSIER_REPORT_COUNTS)
    /* Translators: the period of a counts-only report: two ISO weeks as files write them,
     * such as 2026-W48 */
    period = g_strdup_printf (_("Weeks %s to %s, no day"), summary->first, summary->last);
  else
    {
      g_autofree char *first = dossier_format_date (summary->first);
      g_autofree char *last = dossier_format_date (summary->last);

      /* Translators: the first and last day of the actions in a report */
      period = g_strdup_printf (_("%s to %s"), first, last);
    }
  set_row (self->period_row, period);

  if (summary->names && summary->names[0])
    {
      g_autofree char *list = g_strjoinv (", ", summary->names);

      /* Translators: %s lists the names a report holds, as the actions were logged */
      names = g_strdup_printf (_("Yes: %s, and how each action was signed"), list);
    }
  else if (summary->detail == DOSSIER_REPORT_COUNTS)
    names = g_strdup (_("No: no name, no signature"));
  else
    names = g_strdup (_("No name: your actions were logged without one; how each was signed is included"));
  set_row (self->names_row, names);

  if (summary->groups && summary->groups[0])
    groups = g_strjoinv (", ", summary->groups);
  else
    groups = g_strdup (_("None"));
  set_row (self->groups_row, groups);
}

static void
on_described_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DossierReportWriter *self = DOSSIER_REPORT_WRITER (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dossier_form_show_problem (self->problem_row, &self->problem, NULL, error->message);
      return;
    }
  /* a later reading was asked for: this one is out of date */
  if (job->serial != self->serial)
    return;
  show_summary (self, &job->summary);
}

static gboolean
describe_now (gpointer data)
{
  DossierReportWriter *self = data;
  g_autoptr(GTask) task = NULL;
  Job *job;

  self->describe_id = 0;
  if (!(job = read_form (self)))
    {
      gtk_widget_set_sensitive (self->save_button, FALSE);
      return G_SOURCE_REMOVE;
    }
  job->serial = ++self->serial;
  task = g_task_new (self, self->cancellable, on_described_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, describe_in_thread);
  return G_SOURCE_REMOVE;
}

static void
on_form_changed_cb (DossierReportWriter *self)
{
  g_clear_handle_id (&self->describe_id, g_source_remove);
  /* typing a date: once it stops for a moment */
  self->describe_id = g_timeout_add (150, describe_now, self);
  adw_expander_row_set_subtitle (self->uas_row, NULL);
  {
    guint ticked = 0;

    for (guint i = 0; i < self->ua_checks->len; i++)
      ticked += gtk_check_button_get_active (self->ua_checks->pdata[i]);
    if (ticked == self->ua_checks->len)
      adw_expander_row_set_subtitle (self->uas_row, _("All of them"));
    else
      {
        g_autofree char *text = g_strdup_printf (ngettext ("%u of %u", "%u of %u", ticked), ticked,
                                                 self->ua_checks->len);

        adw_expander_row_set_subtitle (self->uas_row, text);
      }
  }
}

/* ---- writing ---- */

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  DossierReportScope scope;
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Dossier writes reports only to folders of this computer."));
      return;
    }
  if (!open_and_scope (job, &store, &scope, &error) ||
      !(bytes = dossier_report_write (store, &scope, job->csv, &job->summary, &error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      /* it may hold names: readable by its owner alone */
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DossierReportWriter *self = DOSSIER_REPORT_WRITER (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);

  self->writing = FALSE;
  gtk_widget_set_sensitive (self->save_button, self->has_actions);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says what went wrong */
          g_autofree char *message = g_strdup_printf (_("The report was not written: %s"), error->message);

          dossier_form_show_problem (self->problem_row, &self->problem, NULL, message);
        }
      return;
    }
  {
    /* Translators: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Wrote the report “%s”"), name);

    if (self->parent_toasts)
      dossier_add_toast (self->parent_toasts, adw_toast_new (message));
  }
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * dossier_report_writer_save_to:
 *
 * Writes the report the form describes to @file, as Save… does once a
 * file is chosen.
 */
void
dossier_report_writer_save_to (DossierReportWriter *self,
                               GFile               *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (DOSSIER_IS_REPORT_WRITER (self));

  if (self->writing || !(job = read_form (self)))
    return;
  job->file = g_object_ref (file);
  self->writing = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  task = g_task_new (self, self->cancellable, on_written_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
dossier_report_writer_is_busy (DossierReportWriter *self)
{
  return self->writing || self->describe_id != 0;
}

static void
on_save_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     DossierReportWriter *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      dossier_report_writer_save_to (self, file);
    }
  g_object_unref (chooser);
}

static void
on_save_clicked_cb (DossierReportWriter *self)
{
  gboolean counts = adw_combo_row_get_selected (self->detail_row) == 1;
  gboolean csv = adw_combo_row_get_selected (self->format_row) == 1;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* Translators: the name offered for a report file; %s is today's date, as YYYY-MM-DD;
   * keep it free of characters file systems refuse */
  name = g_strdup_printf (counts ? _("dossier-report-counts-%s") : _("dossier-report-%s"), today);
  {
    g_autofree char *with_extension = g_strconcat (name, csv ? ".csv" : ".json", NULL);

    chooser = gtk_file_chooser_native_new (_("Save the Report"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), with_extension);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the form ---- */

static AdwActionRow *
summary_row_new (AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

static AdwComboRow *
combo_row_new (AdwPreferencesGroup *group,
               const char          *title,
               const char * const  *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

/* The urgent actions the volunteer acted on, to choose among. */
static void
add_ua_choices (DossierReportWriter *self)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) uas = g_ptr_array_new_with_free_func (g_object_unref);

  dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  ids = dossier_store_distinct (self->store, query, "ua-id", NULL);
  for (guint i = 0; ids && ids[i]; i++)
    {
      DossierRecord *ua = *ids[i] ? dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, ids[i], NULL) : NULL;

      if (ua)
        g_ptr_array_add (uas, ua);
    }
  for (guint i = 0; i < uas->len; i++)
    {
      DossierRecord *ua = uas->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *title = dossier_record_get_string (ua, "title");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data_full (G_OBJECT (check), "reference",
                              g_strdup (dossier_record_get_string (ua, "reference")), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_form_changed_cb), self);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dossier_record_get_string (ua, "reference"));
      if (title && *title)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->uas_row, row);
      g_ptr_array_add (self->ua_checks, check);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->uas_row), uas->len > 0);
}

static void
dossier_report_writer_dispose (GObject *object)
{
  DossierReportWriter *self = DOSSIER_REPORT_WRITER (object);

  g_clear_handle_id (&self->describe_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ua_checks, g_ptr_array_unref);
  g_clear_pointer (&self->problem, g_free);
  if (self->parent_toasts)
    g_object_remove_weak_pointer (G_OBJECT (self->parent_toasts), (gpointer *) &self->parent_toasts);
  self->parent_toasts = NULL;

  G_OBJECT_CLASS (dossier_report_writer_parent_class)->dispose (object);
}

static void
dossier_report_writer_class_init (DossierReportWriterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_report_writer_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_report_writer_init (DossierReportWriter *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *form = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *details[] = {
    C_("report detail", "Every Action"),
    C_("report detail", "Counts Only"),
    NULL
  };
  const char *formats[] = {
    C_("report file", "For Dossier"),
    C_("report file", "Spreadsheet"),
    NULL
  };

  self->ua_checks = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Write a Report"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), dossier_title_that_gives_way (_("Write a Report")));
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save…"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_sensitive (self->save_button, FALSE);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (form, _("What to Report"));
  adw_preferences_group_set_description (form,
                                         _("A report of the actions you logged that went out, for your "
                                           "coordinator to count. Counts only leaves out your name and the days. "
                                           "Leave the days empty to report all your actions."));
  self->detail_row = combo_row_new (form, _("Detail"), details);
  g_signal_connect_swapped (self->detail_row, "notify::selected", G_CALLBACK (on_form_changed_cb), self);
  self->from_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("First Day"));
  dossier_form_add_date_picker (self->from_row);
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (on_form_changed_cb), self);
  adw_preferences_group_add (form, GTK_WIDGET (self->from_row));
  self->to_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("Last Day"));
  dossier_form_add_date_picker (self->to_row);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (on_form_changed_cb), self);
  adw_preferences_group_add (form, GTK_WIDGET (self->to_row));
  self->problem_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->problem_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->problem_row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_row), "error");
  adw_preferences_group_add (form, GTK_WIDGET (self->problem_row));
  self->uas_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->uas_row), _("Urgent Actions"));
  adw_preferences_group_add (form, GTK_WIDGET (self->uas_row));
  self->format_row = combo_row_new (form, _("File"), formats);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_form_changed_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), form);

  self->summary_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->summary_group, _("What the File Will Hold"));
  adw_preferences_group_set_description (self->summary_group,
                                         _("Anyone who gets the file can read this. Check it before you send it."));
  self->actions_row = summary_row_new (self->summary_group, _("Actions"), "mail-send-symbolic");
  self->period_row = summary_row_new (self->summary_group, _("Period"), "x-office-calendar-symbolic");
  self->names_row = summary_row_new (self->summary_group, _("Names"), "avatar-default-symbolic");
  self->groups_row = summary_row_new (self->summary_group, _("Groups"), "system-users-symbolic");
  self->left_out_row = summary_row_new (self->summary_group, _("Left Out"), "action-unavailable-symbolic");
  set_row (self->left_out_row, _("Notes, letters, costs, replies’ texts, drafts, and anything about the cases"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->summary_group);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

GtkWidget *
dossier_report_writer_new (GtkWindow       *parent,
                           DossierStore    *store,
                           AdwToastOverlay *toasts)
{
  DossierReportWriter *self = g_object_new (DOSSIER_TYPE_REPORT_WRITER, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->parent_toasts = toasts;
  if (toasts)
    g_object_add_weak_pointer (G_OBJECT (toasts), (gpointer *) &self->parent_toasts);
  add_ua_choices (self);
  on_form_changed_cb (self);
  return GTK_WIDGET (self);
}
