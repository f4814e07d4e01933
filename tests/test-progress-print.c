/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <gtk/gtk.h>

#include "dossier-action.h"
#include "dossier-figures.h"
#include "dossier-logging.h"
#include "dossier-progress-report.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* The window prints the progress report through GtkPrintOperation, the
 * command line draws it on a cairo PDF surface: the same drawing, so the
 * same pages. Exported from the print operation on A4, it has as many
 * pages as the command line's PDF, and the same text on each. */

static char *
run_tool (const char *tool,
          const char *const *args)
{
  g_autofree char *path = g_find_program_in_path (tool);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (path == NULL)
    return NULL;
  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

static int
count_pages (const char *file)
{
  const char *const args[] = { file, NULL };
  g_autofree char *out = run_tool ("pdfinfo", args);
  const char *line;

  g_assert_nonnull (out);
  line = strstr (out, "\nPages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

static void
test_print_export (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *drawn = g_build_filename (dir, "drawn.pdf", NULL);
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierFigures) figures = NULL;
  g_autoptr(DossierProgressReport) report = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  DossierFigureFilter filter = { NULL };
  GtkPrintOperationResult result;
  int pages;

  if (pdfinfo == NULL)
    {
      g_test_skip ("no pdfinfo (poppler-utils) to count the pages");
      dossier_test_remove_dir (dir);
      return;
    }

  for (guint i = 0; i < 80; i++)
    {
      g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
      g_autoptr(DossierAction) action = dossier_action_new ();
      g_autofree char *reference = g_strdup_printf ("UA %03u/26", i + 1);

      dossier_record_set_string (ua, "reference", reference);
      dossier_record_set_string (ua, "title", "Освободите Айгерим");
      dossier_record_set_int (ua, "goal", 50);
      g_assert_true (dossier_store_create (store, ua, &error));
      dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", dossier_record_get_id (ua));
      dossier_record_set_string (DOSSIER_RECORD (action), "date", "2026-11-02");
      g_assert_true (dossier_store_log_action (store, action, &error));
      g_assert_no_error (error);
    }
  figures = dossier_store_figures (store, &filter, &error);
  g_assert_no_error (error);
  report = dossier_progress_report_new (figures, &filter, NULL);

  pdf = dossier_progress_report_to_pdf (report, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (drawn, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));

  result = dossier_progress_report_print (report, NULL, printed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  pages = count_pages (drawn);
  g_assert_cmpint (pages, >, 1);
  g_assert_cmpint (count_pages (printed), ==, pages);
  for (int page = 1; page <= pages; page++)
    {
      g_autofree char *number = g_strdup_printf ("%d", page);
      const char *const printed_args[] = { "-f", number, "-l", number, printed, "-", NULL };
      const char *const drawn_args[] = { "-f", number, "-l", number, drawn, "-", NULL };
      g_autofree char *printed_text = run_tool ("pdftotext", printed_args);
      g_autofree char *drawn_text = run_tool ("pdftotext", drawn_args);

      if (printed_text == NULL)
        break;
      g_assert_cmpstr (printed_text, ==, drawn_text);
    }
  dossier_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  g_test_add_func ("/progress/print/export", test_print_export);
  return g_test_run ();
}
