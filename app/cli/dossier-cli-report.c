/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-dates.h"
#include "dossier-report.h"
#include "dossier-store.h"

/* `dossier report`: a volunteer's report of their actions for their
 * coordinator, and the coordinator's side: importing reports, listing
 * them, undoing one. See docs/report-format.md. */

static gboolean
check_day (const char *option,
           const char *value)
{
  guint y, m, d;
  char tail;

  if (value == NULL)
    return TRUE;
  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-' &&
      g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]) &&
      g_ascii_isdigit (value[3]) && g_ascii_isdigit (value[5]) && g_ascii_isdigit (value[6]) &&
      g_ascii_isdigit (value[8]) && g_ascii_isdigit (value[9]) &&
      sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return TRUE;
  /* Translators: the first %s is an option such as --from, the second what was given */
  g_printerr (_("%s must be a real day written YYYY-MM-DD, not “%s”.\n"), option, value);
  return FALSE;
}

/* What the report holds, said before it is written. */
static void
print_summary (const DossierReportSummary *summary)
{
  g_autofree char *first = summary->detail == DOSSIER_REPORT_FULL ? dossier_format_date (summary->first)
                                                                  : g_strdup (summary->first);
  g_autofree char *last = summary->detail == DOSSIER_REPORT_FULL ? dossier_format_date (summary->last)
                                                                 : g_strdup (summary->last);

  g_print (ngettext ("The report holds %'lld action.\n",
                     "The report holds %'lld actions.\n", (gulong) summary->actions),
           (long long) summary->actions);
  g_print (ngettext ("They were taken on %u urgent action.\n", "They were taken on %u urgent actions.\n",
                     summary->uas), summary->uas);
  /* Translators: the period of a report: two days, or two ISO weeks such as 2026-W48 */
  g_print (_("The first is of %s, the last of %s.\n"), first, last);
  if (summary->detail == DOSSIER_REPORT_COUNTS)
    g_print ("%s\n", _("Counts only: how many actions per urgent action, target, channel and week. "
                       "No name, no signature, no notes, no letter and no day."));
  else
    {
      g_autofree char *names = g_strjoinv (", ", summary->names);

      if (summary->names && summary->names[0])
        /* Translators: %s lists volunteers' names as they logged them */
        g_print (_("Names in it, as you logged them: %s\n"), names);
      else
        g_print ("%s\n", _("It names no volunteer: your actions were logged without a name."));
      g_print ("%s\n", _("It gives each action’s day, target, channel and state, and how it was signed; "
                         "no notes and no letter."));
    }
  if (summary->groups && summary->groups[0])
    {
      g_autofree char *groups = g_strjoinv (", ", summary->groups);

      /* Translators: %s lists volunteer groups */
      g_print (_("Groups in it: %s\n"), groups);
    }
}

static int
command_export (const char  *data_dir,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) uas = NULL;
  g_auto(DossierReportSummary) summary = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean counts_only = FALSE, csv = FALSE;
  DossierReportScope scope = { 0 };
  const GOptionEntry entries[] = {
    { "counts-only", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &counts_only,
      N_("Only how many actions per urgent action, target, channel and week: no name, no signature, no day"), NULL },
    { "from", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &from,
      N_("Only actions from this day on"), N_("YYYY-MM-DD") },
    { "to", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &to,
      N_("Only actions up to this day"), N_("YYYY-MM-DD") },
    { "ua", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, &uas,
      N_("Only actions on this urgent action (may be given more than once)"), N_("REF") },
    { "csv", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &csv,
      N_("Write CSV for a spreadsheet instead of a report file to import"), NULL },
    { NULL }
  };

  /* Translators: the argument of “dossier report export”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Writes a report of the actions you logged, for your coordinator "
                                           "to import. Says what it holds before writing it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2 || *argv[1] == '\0')
    {
      g_printerr (_("Name the file to write: dossier report export FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!check_day ("--from", from) || !check_day ("--to", to))
    return DOSSIER_EXIT_USAGE;
  if (from && to && strcmp (from, to) > 0)
    {
      g_printerr (_("--from must not be after --to.\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  for (guint i = 0; uas && uas[i]; i++)
    {
      g_autoptr(DossierRecord) ua = dossier_cli_find_ua (store, uas[i]);

      if (ua == NULL)
        return DOSSIER_EXIT_INPUT;
      g_free (uas[i]);
      uas[i] = g_strdup (dossier_record_get_string (ua, "reference"));
    }

  scope.detail = counts_only ? DOSSIER_REPORT_COUNTS : DOSSIER_REPORT_FULL;
  scope.from = from;
  scope.to = to;
  scope.uas = (const char * const *) uas;
  if (!(bytes = dossier_report_write (store, &scope, csv, &summary, &error)))
    {
      if (g_error_matches (error, DOSSIER_REPORT_ERROR, DOSSIER_REPORT_ERROR_NOTHING))
        {
          g_printerr ("%s\n", error->message);
          return DOSSIER_EXIT_INPUT;
        }
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  print_summary (&summary);
  if (!g_file_set_contents_full (argv[1], g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      /* Translators: %s says what went wrong */
      g_printerr (_("Could not write the report: %s\n"), error->message);
      return DOSSIER_EXIT_OUTPUT;
    }
  /* Translators: %s is the name of the file written */
  g_print (_("Wrote “%s”.\n"), argv[1]);
  return DOSSIER_EXIT_OK;
}

static char *
describe_import (const DossierReportImport *import)
{
  g_autofree char *who = NULL;
  g_autofree char *added = g_strdup_printf (ngettext ("%'lld action", "%'lld actions",
                                                      (gulong) import->actions), (long long) import->actions);

  /* a counts-only report names no one: it says its group */
  if (*import->volunteer)
    who = g_strdup (import->volunteer);
  else if (*import->group)
    /* Translators: who a counts-only report is from: %s is a volunteer group */
    who = g_strdup_printf (_("a volunteer of %s"), import->group);
  else
    who = g_strdup (_("a volunteer without a group"));
  if (import->replaced)
    /* Translators: the first %s is a volunteer's name or “a volunteer of Almaty group”, the
     * second a number of actions such as “12 actions”; the number counts the actions of the
     * report replaced */
    return g_strdup_printf (ngettext ("report of %s: %s, in place of an older report of %'lld action",
                                     "report of %s: %s, in place of an older report of %'lld actions",
                                     (gulong) import->replaced), who, added, (long long) import->replaced);
  /* Translators: the first %s is a volunteer's name or “a volunteer of Almaty group”, the
   * second a number of actions */
  return g_strdup_printf (_("report of %s: %s"), who, added);
}

static int
command_import (const char  *data_dir,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_report_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_report_import_free);
  g_autoptr(GError) error = NULL;
  guint failed = 0;

  /* Translators: the arguments of “dossier report import”; keep them in capitals */
  context = g_option_context_new (_("FILE…"));
  g_option_context_set_summary (context, _("Imports volunteers’ reports. Each file is checked whole first: a file "
                                           "with an error imports nothing. The same report twice counts once; "
                                           "a newer report of a volunteer replaces their older one."));
  if (!dossier_cli_parse_command (context, &argc, &argv, G_MAXINT - 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the reports to import: dossier report import FILE…\n"));
      return DOSSIER_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GMappedFile) mapped = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      GStatBuf st;
      DossierReport *report;

      if (g_stat (argv[i], &st) == 0 && st.st_size > DOSSIER_REPORT_MAX_SIZE)
        {
          g_autofree char *limit = g_format_size (DOSSIER_REPORT_MAX_SIZE);

          /* Translators: the first %s is a file name, the second a size such as “268 MB” */
          g_printerr (_("%s: the file is larger than a report can be (%s). Nothing was imported from it.\n"),
                      argv[i], limit);
          failed++;
          continue;
        }
      if (!(mapped = g_mapped_file_new (argv[i], FALSE, &local_error)))
        {
          /* Translators: the first %s is a file name, the second what went wrong */
          g_printerr (_("%s: could not read the file: %s\n"), argv[i], local_error->message);
          failed++;
          continue;
        }
      bytes = g_mapped_file_get_bytes (mapped);
      if (!(report = dossier_report_read (bytes, NULL, &local_error)))
        {
          /* Translators: the first %s is a file name, the second what is wrong with it */
          g_printerr (_("%s: %s Nothing was imported from it.\n"), argv[i], local_error->message);
          failed++;
          continue;
        }
      g_ptr_array_add (reports, report);
      g_ptr_array_add (names, argv[i]);
    }

  if (reports->len > 0)
    {
      if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
        return DOSSIER_EXIT_STORE;
      if (!dossier_store_begin (store, &error))
        {
          g_printerr (_("Could not open the store: %s\n"), error->message);
          return DOSSIER_EXIT_STORE;
        }
      for (guint i = 0; i < reports->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *base = g_path_get_basename (names->pdata[i]);
          DossierReportImport *outcome = NULL;
          gboolean already = FALSE;

          /* a report refused is undone alone; a failure of the store undoes all */
          if (!dossier_store_begin (store, &local_error))
            {
              dossier_store_rollback (store);
              g_printerr (_("Could not save the reports: %s\nNothing was imported.\n"), local_error->message);
              return DOSSIER_EXIT_STORE;
            }
          if (!dossier_store_add_report (store, reports->pdata[i], base, NULL, NULL, NULL, &outcome, &already,
                                         &local_error))
            {
              dossier_store_rollback (store);
              if (local_error->domain != DOSSIER_REPORT_ERROR)
                {
                  dossier_store_rollback (store);
                  g_printerr (_("Could not save the reports: %s\nNothing was imported.\n"), local_error->message);
                  return DOSSIER_EXIT_STORE;
                }
              g_printerr (_("%s: %s Nothing was imported from it.\n"), (char *) names->pdata[i], local_error->message);
              g_ptr_array_add (outcomes, NULL);
              failed++;
              continue;
            }
          /* a commit that fails has closed its level */
          if (!dossier_store_commit (store, &local_error))
            {
              dossier_store_rollback (store);
              g_printerr (_("Could not save the reports: %s\nNothing was imported.\n"), local_error->message);
              dossier_report_import_free (outcome);
              return DOSSIER_EXIT_STORE;
            }
          if (already)
            {
              /* Translators: %s is a file name */
              g_print (_("%s: this report was imported before; nothing changed.\n"), (char *) names->pdata[i]);
              dossier_report_import_free (outcome);
              g_ptr_array_add (outcomes, NULL);
              continue;
            }
          g_ptr_array_add (outcomes, outcome);
        }
      if (!dossier_store_commit (store, &error))
        {
          g_printerr (_("Could not save the reports: %s\nNothing was imported.\n"), error->message);
          return DOSSIER_EXIT_STORE;
        }
      for (guint i = 0; i < outcomes->len; i++)
        if (outcomes->pdata[i])
          {
            g_autofree char *what = describe_import (outcomes->pdata[i]);

            /* Translators: the first %s is a file name, the second says what it brought, such as
             * “report of Anna: 12 actions”; the last is the id to undo it with */
            g_print (_("%s: %s (undo with: dossier report undo %s)\n"), (char *) names->pdata[i], what,
                     ((DossierReportImport *) outcomes->pdata[i])->id);
          }
    }
  return failed ? DOSSIER_EXIT_INPUT : DOSSIER_EXIT_OK;
}

static int
command_list (const char  *data_dir,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Lists the volunteers’ reports imported, the latest first."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING | DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  if (!(list = dossier_store_list_reports (store, &error)))
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No report has been imported."));
  for (guint i = 0; i < list->len; i++)
    {
      DossierReportImport *import = list->pdata[i];
      g_autofree char *what = describe_import (import);
      g_autofree char *when = dossier_format_timestamp (import->imported_at, DOSSIER_DATE_STYLE_DATE_TIME);

      g_print ("%s  %s\n", import->id, import->file_name);
      /* Translators: the first %s says what a report brought, such as “report of Anna: 12
       * actions”; the second when it was imported */
      g_print (_("  %s; imported %s"), what, when);
      if (!import->active)
        g_print ("%s", _("; replaced by a newer report"));
      g_print ("\n");
    }
  return DOSSIER_EXIT_OK;
}

static int
command_undo (const char  *data_dir,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierReportImport) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  /* Translators: the argument of “dossier report undo”; keep it in capitals */
  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context, _("Takes an imported report out again, as a whole. If it had "
                                           "replaced an older report of the same volunteer, that one counts again."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Give the id of the report, as “dossier report list” shows it.\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  if (!dossier_store_begin (store, &error))
    {
      g_printerr (_("Could not open the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  if (!dossier_store_undo_report (store, argv[1], &undone, &error))
    {
      dossier_store_rollback (store);
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND)
             ? DOSSIER_EXIT_INPUT : DOSSIER_EXIT_STORE;
    }
  if (!dossier_store_commit (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND)
             ? DOSSIER_EXIT_INPUT : DOSSIER_EXIT_STORE;
    }
  what = describe_import (undone);
  /* Translators: %s says what the report had brought, such as “report of Anna: 12 actions” */
  g_print (_("Took out the %s.\n"), what);
  return DOSSIER_EXIT_OK;
}

int
dossier_cli_command_report (const char  *data_dir,
                            int          argc,
                            char       **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return command_export (data_dir, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return command_import (data_dir, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return command_list (data_dir, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "undo"))
    return command_undo (data_dir, argc - 1, argv + 1);
  g_printerr ("%s\n", _("Usage: dossier report export|import|list|undo …\n"
                        "  export [--counts-only] [--from DATE] [--to DATE] [--ua REF]… [--csv] FILE\n"
                        "  import FILE…\n"
                        "  list\n"
                        "  undo ID"));
  return DOSSIER_EXIT_USAGE;
}
