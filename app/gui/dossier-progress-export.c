/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-chart-card.h"
#include "dossier-progress-export.h"
#include "dossier-progress-report.h"
#include "dossier-translations.h"

/* Progress's Export menu: the figures shown — the filters as they are —
 * as the PDF progress report (saved or printed), as JSON, and each table
 * as CSV, the files `dossier progress --pdf|--json|--csv` writes. The
 * report and the JSON are made in a worker on its own connection to the
 * store, from the figures of the same filter, and every file is written
 * whole or not at all. */

typedef struct
{
  char                *store_path;
  DossierFigureFilter  filter;
  char                *from, *to, *ua, *group;   /* the filter's strings */
  char                *what;                     /* "pdf", "json", "uas" or a card's CSV */
  const char          *language;                 /* the window's, for the UAs' titles */
  GBytes              *bytes;                    /* a card's CSV, made before */
  GFile               *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->store_path);
  g_free (job->from);
  g_free (job->to);
  g_free (job->ua);
  g_free (job->group);
  g_free (job->what);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->file);
  g_free (job);
}

static ExportJob *
export_job_new (DossierStore              *store,
                const DossierFigureFilter *filter,
                const char                *what)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->store_path = g_strdup (dossier_store_get_path (store));
  job->filter.from = job->from = g_strdup (filter->from);
  job->filter.to = job->to = g_strdup (filter->to);
  job->filter.ua = job->ua = g_strdup (filter->ua);
  job->filter.group = job->group = g_strdup (filter->group);
  job->what = g_strdup (what);
  job->language = dossier_ui_language ();
  return job;
}

static GBytes *
make_bytes (ExportJob  *job,
            GError    **error)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierFigures) figures = NULL;

  if (job->bytes)
    return g_bytes_ref (job->bytes);
  if (!(store = dossier_store_open_full (job->store_path, DOSSIER_STORE_OPEN_READING, NULL, NULL, error)) ||
      !(figures = dossier_store_figures (store, &job->filter, error)))
    return NULL;
  dossier_figures_translate_titles (figures, store, job->language);
  if (g_str_equal (job->what, "json"))
    return dossier_progress_to_json (figures, &job->filter, error);
  if (g_str_equal (job->what, "uas"))
    return dossier_progress_ua_table_to_csv (figures, error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(DossierProgressReport) report = dossier_progress_report_new (figures, &job->filter, now);

    return dossier_progress_report_to_pdf (report, error);
  }
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!(bytes = make_bytes (job, &error)) ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkWidget *section = GTK_WIDGET (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved “%s”"), name);
  else
    /* Translators: the first %s is a file name, the second what went wrong */
    message = g_strdup_printf (_("“%s” was not saved: %s"), name, error->message);
  gtk_widget_activate_action (section, "win.show-toast", "s", message);
}

/**
 * dossier_progress_export_to_file:
 * @what: "pdf", "json", "uas" (the urgent actions' table as CSV), or the
 *   name of a chart card whose table to write as CSV: "channel", "week",
 *   "group", "target"
 *
 * Writes the figures @filter keeps to @file in a worker; says in a toast
 * of the window when it is done.
 */
void
dossier_progress_export_to_file (GtkWidget                 *section,
                                 DossierStore              *store,
                                 const DossierFigureFilter *filter,
                                 DossierChartCard          *card,
                                 const char                *what,
                                 GFile                     *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job = export_job_new (store, filter, what);

  job->file = g_object_ref (file);
  if (card)
    {
      char *csv = dossier_chart_card_to_csv (card);

      job->bytes = g_bytes_new_take (csv, strlen (csv));
    }
  task = g_task_new (section, NULL, on_exported_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

/* ---- the menu ---- */

typedef struct
{
  GtkWidget                 *section;
  DossierStore              *store;
  DossierFigureFilter        filter;
  char                      *from, *to, *ua, *group;
  DossierChartCard          *card;
  char                      *what;
} Choice;

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->section);
  g_object_unref (choice->store);
  g_free (choice->from);
  g_free (choice->to);
  g_free (choice->ua);
  g_free (choice->group);
  g_clear_object (&choice->card);
  g_free (choice->what);
  g_free (choice);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      dossier_progress_export_to_file (choice->section, choice->store, &choice->filter, choice->card,
                                       choice->what, file);
    }
  choice_free (choice);
  g_object_unref (chooser);
}

/**
 * dossier_progress_export_choose_file:
 *
 * Asks where to save, then writes (dossier_progress_export_to_file()).
 */
void
dossier_progress_export_choose_file (GtkWidget                 *section,
                                     DossierStore              *store,
                                     const DossierFigureFilter *filter,
                                     DossierChartCard          *card,
                                     const char                *what)
{
  Choice *choice = g_new0 (Choice, 1);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  const char *extension = g_str_equal (what, "pdf") ? "pdf" : g_str_equal (what, "json") ? "json" : "csv";

  choice->section = g_object_ref (section);
  choice->store = g_object_ref (store);
  choice->filter.from = choice->from = g_strdup (filter->from);
  choice->filter.to = choice->to = g_strdup (filter->to);
  choice->filter.ua = choice->ua = g_strdup (filter->ua);
  choice->filter.group = choice->group = g_strdup (filter->group);
  choice->card = card ? g_object_ref (card) : NULL;
  choice->what = g_strdup (what);

  /* Translators: the name offered for a file of Progress's figures; %s is today's date,
   * YYYY-MM-DD; keep it free of characters file systems refuse */
  name = g_strdup_printf (_("progress-%s"), today);
  chooser = gtk_file_chooser_native_new (_("Save the Figures"),
                                         GTK_WINDOW (gtk_widget_get_root (section)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  {
    g_autofree char *file_name = g_strdup_printf ("%s.%s", name, extension);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * dossier_progress_export_print:
 *
 * Prints the progress report of the figures shown, through the print
 * dialog.
 */
void
dossier_progress_export_print (GtkWidget                 *section,
                               DossierFigures            *figures,
                               const DossierFigureFilter *filter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(DossierProgressReport) report = dossier_progress_report_new (figures, filter, now);
  g_autoptr(GError) error = NULL;

  if (dossier_progress_report_print (report, GTK_WINDOW (gtk_widget_get_root (section)), NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* Translators: %s says what went wrong */
      g_autofree char *message = g_strdup_printf (_("The report was not printed: %s"), error->message);

      gtk_widget_activate_action (section, "win.show-toast", "s", message);
    }
}

/**
 * dossier_progress_export_menu:
 *
 * Returns: (transfer full): the Export menu, with the tables there are.
 */
GMenuModel *
dossier_progress_export_menu (gboolean with_targets)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) report = g_menu_new ();
  g_autoptr(GMenu) tables = g_menu_new ();

  g_menu_append (report, _("Save Report as _PDF…"), "progress.save::pdf");
  g_menu_append (report, _("_Print Report…"), "progress.print");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (report));
  g_menu_append (tables, _("Urgent Actions as _CSV…"), "progress.save::uas");
  g_menu_append (tables, _("By Channel as CSV…"), "progress.save::channel");
  g_menu_append (tables, _("Over Time as CSV…"), "progress.save::week");
  if (with_targets)
    g_menu_append (tables, _("By Target as CSV…"), "progress.save::target");
  g_menu_append (tables, _("Groups as CSV…"), "progress.save::group");
  g_menu_append (tables, _("All Figures as _JSON…"), "progress.save::json");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tables));
  return G_MENU_MODEL (menu);
}
