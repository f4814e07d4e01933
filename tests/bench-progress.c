/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-progress"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dossier-figures.h"
#include "dossier-report.h"
#include "dossier-store.h"

/* The coordinator's figures on a large store, against a floor:
 *
 *   dossier-generate --data-dir /tmp/big --actions 1000000 --uas 200 --volunteers 500 --cases 1000
 *   bench-progress --data-dir /tmp/big
 *
 * For each view of Progress (the campaign; a UA; a group; the last twelve
 * weeks; a UA and a group) it times the queries behind it, as the
 * dashboard runs them (dossier_store_figures(), and for the campaign the
 * groups of the filter too), and the same figures — totals by channel,
 * by week, by UA, by group — computed by the sqlite3 command-line tool
 * scanning the actions table, as a program without the store's tallies
 * would. Medians of --runs runs; the ratio is ours over sqlite3's.
 *
 * Then it imports --import actions from volunteers' reports (full reports
 * of 10,000 actions each, in one transaction, as Volunteers' Reports
 * does), prints the rate, checks that Cancel halfway leaves the figures
 * as they were, and undoes the import. Prints "name: value unit" lines. */

#define EXIT_USAGE 2

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_of (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

typedef struct
{
  const char *name;
  DossierFigureFilter filter;
  char *sql;          /* the same figures by scanning actions */
} View;

/* The sqlite3 tool's time for @sql on @path, in ms, as a person would run it. */
static double
sqlite3_ms (const char *path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "sqlite3", "-readonly", path, sql, NULL };
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("sqlite3: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The floor of a process that starts sqlite3 and runs nothing. */
static double
sqlite3_start_ms (const char *path)
{
  return sqlite3_ms (path, "SELECT 1");
}

static char *
scan_sql (const char *where)
{
  /* what dossier_store_figures() answers, from the actions themselves */
  return g_strdup_printf (
    "SELECT channel, count(*) FROM actions WHERE state <> 'drafted' %s GROUP BY channel;"
    "SELECT date(date, '-6 days', 'weekday 1'), count(*) FROM actions WHERE state <> 'drafted' %s GROUP BY 1;"
    "SELECT ua_id, count(*), sum(channel = 'letter') FROM actions WHERE state <> 'drafted' %s GROUP BY ua_id;"
    "SELECT volunteer_group, count(*) FROM actions WHERE state <> 'drafted' %s GROUP BY volunteer_group;"
    "SELECT count(*), sum(state = 'replied'), sum(state = 'returned') FROM actions WHERE state <> 'drafted' %s;",
    where, where, where, where, where);
}

static GBytes *
make_report (guint          index,
             guint          n,
             GPtrArray     *references)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (index + 1);
  static const char * const channels[] = { "letter", "email", "fax", "phone" };

  g_string_append_printf (text, "{\"dossier_report\": 1, \"report_id\": \"bench-%u\", \"volunteer_id\": \"bench-volunteer-%u\","
                          " \"sequence\": 1, \"created\": \"2026-11-30T10:00:00Z\", \"detail\": \"full\", \"entries\": [",
                          index, index);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\n{\"date\": \"2025-%02d-%02d\", \"ua\": \"%s\", \"target\": \"\","
                            " \"channel\": \"%s\", \"state\": \"sent\", \"signature\": \"initials\","
                            " \"volunteer\": \"Reporter %u\", \"group\": \"Reporting group %u\"}",
                            i ? "," : "", g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                            (char *) references->pdata[g_rand_int_range (rand, 0, references->len)],
                            channels[g_rand_int_range (rand, 0, 4)], index, index % 7);
  g_string_append (text, "]}\n");
  g_rand_free (rand);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

typedef struct
{
  DossierStore *store;
  GPtrArray    *reports;
  GCancellable *cancellable;
  guint         cancel_at;   /* cancel after this many reports, or 0 */
  gint64        actions;
  GError       *error;
} ImportRun;

static gboolean
import_reports (ImportRun *run)
{
  if (!dossier_store_begin (run->store, &run->error))
    return FALSE;
  for (guint i = 0; i < run->reports->len; i++)
    {
      g_autoptr(DossierReport) report = NULL;
      g_autoptr(DossierReportImport) outcome = NULL;

      if (run->cancel_at && i == run->cancel_at)
        g_cancellable_cancel (run->cancellable);
      if (!(report = dossier_report_read (run->reports->pdata[i], run->cancellable, &run->error)) ||
          !dossier_store_add_report (run->store, report, "bench.json", run->cancellable, NULL, NULL,
                                     &outcome, NULL, &run->error))
        {
          dossier_store_rollback (run->store);
          return FALSE;
        }
      run->actions += outcome->actions;
    }
  return dossier_store_commit (run->store, &run->error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  int runs = 5;
  int import_actions = 100000;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Profile folder of the store (required)", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs to take the median of (5)", "N" },
    { "import", 0, 0, G_OPTION_ARG_INT, &import_actions, "Actions to import from reports (100000; 0: none)", "N" },
    { NULL }
  };
  View views[5] = { { 0 } };
  g_autofree char *busy_ua = NULL;
  g_autofree char *busy_group = NULL;
  g_autofree char *twelve_weeks_ago = NULL;
  double start_floor;

  setlocale (LC_ALL, "");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Times the Progress section's queries on a large store against "
                                         "sqlite3 scanning the actions, and importing volunteers' reports.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || data_dir == NULL || runs < 1 || import_actions < 0)
    {
      g_printerr ("bench-progress: %s\n", error ? error->message : "--data-dir DIR is required (see --help)");
      return EXIT_USAGE;
    }
  path = dossier_store_default_path (data_dir);
  if (!(store = dossier_store_open (path, &error)))
    {
      g_printerr ("bench-progress: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* the busiest UA and group, and a period */
  {
    DossierFigureFilter all = { 0 };
    g_autoptr(DossierFigures) figures = dossier_store_figures (store, &all, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) then = NULL;
    gint64 most = -1;

    g_assert_no_error (error);
    for (guint i = 0; i < figures->by_ua->len; i++)
      {
        DossierFigure *figure = figures->by_ua->pdata[i];

        if (figure->sent > most)
          {
            most = figure->sent;
            g_free (busy_ua);
            busy_ua = g_strdup (figure->key);
          }
      }
    for (guint i = 0; i < figures->by_group->len; i++)
      if (*((DossierFigure *) figures->by_group->pdata[i])->key)
        {
          busy_group = g_strdup (((DossierFigure *) figures->by_group->pdata[i])->key);
          break;
        }
    /* the last twelve weeks of the store's actions */
    if (figures->by_week->len > 0)
      {
        DossierFigure *last = figures->by_week->pdata[figures->by_week->len - 1];
        int y, m, d;

        g_autoptr(GDateTime) monday = NULL;

        sscanf (last->key, "%d-%d-%d", &y, &m, &d);
        monday = g_date_time_new_local (y, m, d, 0, 0, 0);
        then = g_date_time_add_weeks (monday, -11);
        twelve_weeks_ago = g_date_time_format (then, "%Y-%m-%d");
      }
    g_print ("store: %" G_GINT64_FORMAT " actions went out, %u UAs with actions, %u groups, %u weeks\n",
             figures->total.sent, figures->by_ua->len, figures->by_group->len, figures->by_week->len);
    g_print ("busiest UA: %s (%" G_GINT64_FORMAT " actions); group: %s\n", busy_ua, most, busy_group);
  }

  views[0] = (View) { "campaign", { 0 }, scan_sql ("") };
  views[1] = (View) { "one UA", { .ua = busy_ua }, NULL };
  views[1].sql = scan_sql (g_strdup_printf ("AND ua_id = '%s'", busy_ua));
  views[2] = (View) { "one group", { .group = busy_group }, NULL };
  views[2].sql = scan_sql (g_strdup_printf ("AND volunteer_group = '%s'", busy_group));
  views[3] = (View) { "last 12 weeks", { .from = twelve_weeks_ago }, NULL };
  views[3].sql = scan_sql (g_strdup_printf ("AND date >= date('%s', '-6 days', 'weekday 1')", twelve_weeks_ago));
  views[4] = (View) { "one UA, one group", { .ua = busy_ua, .group = busy_group }, NULL };
  views[4].sql = scan_sql (g_strdup_printf ("AND ua_id = '%s' AND volunteer_group = '%s'", busy_ua, busy_group));

  /* the same store, read by sqlite3: its cache warm as ours */
  sqlite3_ms (path, views[0].sql);
  {
    g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));

    for (int r = 0; r < runs; r++)
      {
        double ms = sqlite3_start_ms (path);

        g_array_append_val (floor, ms);
      }
    start_floor = median_of (floor);
    g_print ("sqlite3 start, no query: %.2f ms (subtracted below)\n", start_floor);
  }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 cells = 0;
      gint64 sent = 0;

      for (int r = 0; r < runs; r++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(DossierFigures) figures = dossier_store_figures (store, &views[v].filter, &error);
          double ms;

          g_assert_no_error (error);
          if (v == 0)
            {
              g_auto(GStrv) groups = dossier_store_figure_groups (store, &error);

              g_assert_nonnull (groups);

              g_assert_no_error (error);
            }
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (ours, ms);
          cells = figures->cells_read;
          sent = figures->total.sent;
          ms = sqlite3_ms (path, views[v].sql) - start_floor;
          g_array_append_val (theirs, ms);
        }
      g_print ("%s: %.2f ms (%" G_GINT64_FORMAT " tally rows, %" G_GINT64_FORMAT " actions); "
               "sqlite3 scanning actions: %.1f ms; ratio %.4f\n",
               views[v].name, median_of (ours), cells, sent, median_of (theirs),
               median_of (ours) / MAX (median_of (theirs), 0.001));
    }

  /* the actions behind a bar: a week of the campaign, first page */
  {
    DossierFigureFilter all = { 0 };
    g_autoptr(DossierFigures) figures = dossier_store_figures (store, &all, &error);
    DossierFigure *week = figures->by_week->len ? figures->by_week->pdata[figures->by_week->len / 2] : NULL;
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *cursor = NULL;

    for (int r = 0; week && r < runs; r++)
      {
        DossierFigureSelection selection = { .week = week->key, .channel = "letter" };
        gint64 start = g_get_monotonic_time ();
        g_autoptr(GPtrArray) page = dossier_store_figure_entries (store, &selection, NULL, 100, &error);
        g_autoptr(GPtrArray) next = NULL;
        double ms;

        g_assert_no_error (error);
        next = page->len ? dossier_store_figure_entries (store, &selection,
                                                         ((DossierFigureEntry *) page->pdata[page->len - 1])->cursor,
                                                         100, &error) : NULL;
        ms = (g_get_monotonic_time () - start) / 2000.0;
        g_array_append_val (samples, ms);
      }
    if (week)
      g_print ("actions behind a bar (letters of the week of %s, %" G_GINT64_FORMAT " actions), a page of 100: %.2f ms\n",
               week->key, week->sent, median_of (samples));
  }

  if (import_actions > 0)
    {
      g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GPtrArray) imports = NULL;
      DossierFigureFilter all = { 0 };
      g_autoptr(DossierFigures) before = dossier_store_figures (store, &all, &error);
      g_autoptr(DossierFigures) after = NULL;
      ImportRun run = { .store = store };
      guint per_report = 10000;
      guint n_reports = (import_actions + per_report - 1) / per_report;
      gint64 start;
      double seconds;

      for (guint i = 0; i < before->by_ua->len; i++)
        if (((DossierFigure *) before->by_ua->pdata[i])->label)
          g_ptr_array_add (references, g_strdup (((DossierFigure *) before->by_ua->pdata[i])->label));
      for (guint i = 0; i < n_reports; i++)
        g_ptr_array_add (reports, make_report (i, MIN (per_report, import_actions - i * per_report), references));

      /* cancelled halfway: the figures as they were */
      run.reports = reports;
      run.cancellable = g_cancellable_new ();
      run.cancel_at = n_reports / 2;
      g_assert_false (import_reports (&run));
      if (!g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error ("import: %s", run.error->message);
      g_clear_error (&run.error);
      after = dossier_store_figures (store, &all, &error);
      g_assert_cmpint (after->total.sent, ==, before->total.sent);
      g_print ("import cancelled after %u of %u reports: figures unchanged (%" G_GINT64_FORMAT ")\n",
               run.cancel_at, n_reports, after->total.sent);
      g_clear_pointer (&after, dossier_figures_free);
      g_clear_object (&run.cancellable);

      run.actions = 0;
      run.cancel_at = 0;
      start = g_get_monotonic_time ();
      if (!import_reports (&run))
        g_error ("import: %s", run.error->message);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_print ("import of %" G_GINT64_FORMAT " actions in %u reports: %.2f s, %.0f actions/s\n",
               run.actions, n_reports, seconds, run.actions / seconds);
      after = dossier_store_figures (store, &all, &error);
      g_assert_cmpint (after->total.sent, ==, before->total.sent + run.actions);

      /* and undone, one report at a time, in one transaction */
      imports = dossier_store_list_reports (store, &error);
      start = g_get_monotonic_time ();
      g_assert_true (dossier_store_begin (store, &error));
      for (guint i = 0; i < imports->len; i++)
        if (g_str_has_prefix (((DossierReportImport *) imports->pdata[i])->id, "bench-"))
          g_assert_true (dossier_store_undo_report (store, ((DossierReportImport *) imports->pdata[i])->id, NULL, &error));
      g_assert_true (dossier_store_commit (store, &error));
      g_print ("undo of that import: %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
      g_clear_pointer (&after, dossier_figures_free);
      after = dossier_store_figures (store, &all, &error);
      g_assert_cmpint (after->total.sent, ==, before->total.sent);
    }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    g_free (views[v].sql);
  return EXIT_SUCCESS;
}
