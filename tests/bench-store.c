/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dossier-action.h"
#include "dossier-logging.h"
#include "dossier-record-list.h"
#include "dossier-urgent-action.h"
#include "dossier-store.h"

/* Times what the window does with a large store, through the same API:
 *
 *   dossier-generate --data-dir /tmp/big --actions 1000000
 *   bench-store --data-dir /tmp/big
 *
 * Every figure is the median of --runs runs; each run opens the store
 * afresh, so it pays for preparing its statements as the window would.
 * Search is timed as a person types: every prefix of one to eight letters
 * of typical queries, in Latin and Cyrillic letters, one search per
 * keystroke; its figures are over all keystrokes of all runs. A store of
 * an older format is migrated by the first open, which is reported on its
 * own. Prints one "name: value unit" line per figure. */

#define EXIT_USAGE 2

/* Rows read one after the other from the middle of the list, as when
 * scrolling there: several pages, each read by key from the one before. */
#define SCROLL_ITEMS (10 * DOSSIER_RECORD_LIST_PAGE_SIZE)

/* What people look for, typed one letter after another: names, places and
 * words of the generated store (dossier-generate.c), in both scripts, some
 * spelt the other way round (Nurlankyzy for Нұрланқызы); the last ones
 * start a second word. Hits per kind, as the search popover shows. */
static const char * const search_queries[] = {
  "Aigerim", "Nurlankyzy", "Zhaksylykova", "Almaty", "Shymkent", "Kassymov", "Mukhtar",
  "Sergei", "Fyodorova", "Karaganda", "hearing", "verdict", "prisoner", "Ilyashev",
  "Айгерим", "Нұрланқызы", "Нурланкызы", "Жақсылықова", "Алматы", "Шымкент", "Қасымов",
  "Мұхтар", "Сергей", "Фёдорова", "Қарағанды", "обыск", "приговор", "Ильяшев",
  "Aigerim Nurlankyzy", "Айгерим Нұрланқызы", "Maksat Otebayev", "Мақсат Өтебаев",
};
#define SEARCH_PREFIX_MAX 8
#define SEARCH_LIMIT 10

typedef enum {
  M_OPEN,
  M_COUNT_ACTIONS,
  M_COUNT_MY_ACTIONS,
  M_LIST_NEW,
  M_ITEM_FIRST,
  M_ITEM_MIDDLE_COLD,
  M_LANDMARKS,
  M_LANDMARK_STEP,
  M_ITEM_MIDDLE,
  M_ITEM_RANDOM,
  M_ITEM_LAST,
  M_SCROLL_MIDDLE,
  M_MY_LIST_NEW,
  M_MY_ITEM_MIDDLE,
  M_MY_ITEM_LAST,
  M_SEARCH,
  M_UA_CHANNELS,
  M_MY_TOTALS_ALL,
  M_MY_TOTALS_MONTH,
  N_MEASURES
} Measure;

static const char * const measure_names[N_MEASURES] = {
  [M_OPEN] = "open",
  [M_COUNT_ACTIONS] = "count_actions",
  [M_COUNT_MY_ACTIONS] = "count_my_actions",
  [M_LIST_NEW] = "list_new",
  [M_ITEM_FIRST] = "list_item_first",
  [M_ITEM_MIDDLE_COLD] = "list_item_middle_before_landmarks",
  [M_LANDMARKS] = "list_landmarks_all",
  [M_LANDMARK_STEP] = "list_landmarks_one_idle_step",
  [M_ITEM_MIDDLE] = "list_item_middle",
  [M_ITEM_RANDOM] = "list_item_random_jump",
  [M_ITEM_LAST] = "list_item_last",
  [M_SCROLL_MIDDLE] = "list_scroll_middle",
  [M_MY_LIST_NEW] = "my_list_new",
  [M_MY_ITEM_MIDDLE] = "my_list_item_middle",
  [M_MY_ITEM_LAST] = "my_list_item_last",
  [M_SEARCH] = "search_keystroke",
  [M_UA_CHANNELS] = "ua_row_counts_by_channel",
  [M_MY_TOTALS_ALL] = "my_totals_all_time",
  [M_MY_TOTALS_MONTH] = "my_totals_this_month",
};

typedef struct
{
  GArray *samples[N_MEASURES];  /* of double, milliseconds */
  gint64  n_actions;
  gint64  n_my_actions;
  guint   materialized_after_reads;
  guint   materialized_after_scroll;
  guint   search_hits;         /* in the last run */
  double  first_open_ms;       /* the first open, which migrates an older store */
} Results;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
add_sample (Results *results,
            Measure  measure,
            double   start_ms)
{
  double elapsed = now_ms () - start_ms;

  g_array_append_val (results->samples[measure], elapsed);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  guint n = samples->len;

  g_assert (n > 0);
  g_array_sort (samples, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);
  return (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

/* The value below which @fraction of the samples lie (nearest rank). */
static double
percentile (GArray *samples,
            double  fraction)
{
  guint rank;

  g_assert (samples->len > 0);
  g_array_sort (samples, compare_doubles);
  rank = (guint) (fraction * samples->len + 0.999999);
  return g_array_index (samples, double, CLAMP (rank, 1, samples->len) - 1);
}

/* A field of /proc/self/status in kB ("VmHWM"), or -1. */
static gint64
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize field_len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (strncmp (lines[i], field, field_len) == 0 && lines[i][field_len] == ':')
      return g_ascii_strtoll (lines[i] + field_len + 1, NULL, 10);
  return -1;
}

/* A single number from the file, read with sqlite3 directly, or -1: the
 * format version before the store migrates it, the size of the index. */
static gint64
peek_int (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static DossierQuery *
all_actions_query (void)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_ACTION);

  dossier_query_sort (query, "date", TRUE);
  return query;
}

/* The "My actions" view: what I did, newest first. */
static DossierQuery *
my_actions_query (void)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_ACTION);

  dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  dossier_query_sort (query, "date", TRUE);
  return query;
}

static gboolean
read_item (DossierRecordList  *list,
           guint               position,
           Results            *results,
           Measure             measure,
           GError            **error)
{
  double start = now_ms ();
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  if (results)
    add_sample (results, measure, start);
  if (item == NULL)
    {
      const GError *list_error = dossier_record_list_get_error (list);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not read item %u of %u: %s",
                   position, g_list_model_get_n_items (G_LIST_MODEL (list)),
                   list_error ? list_error->message : "no such item");
      return FALSE;
    }
  return TRUE;
}

static gboolean
count (DossierStore  *store,
       DossierQuery  *query,
       Results       *results,
       Measure        measure,
       gint64        *n,
       GError       **error)
{
  double start = now_ms ();

  *n = dossier_store_count (store, query, error);
  add_sample (results, measure, start);
  return *n >= 0;
}

/* One search per keystroke: every prefix of each query, up to
 * SEARCH_PREFIX_MAX letters of its last word. */
static gboolean
type_queries (DossierStore  *store,
              Results       *results,
              gboolean       last_run,
              GError       **error)
{
  for (guint q = 0; q < G_N_ELEMENTS (search_queries); q++)
    {
      const char *query = search_queries[q];
      const char *last_word = strrchr (query, ' ');
      glong start = last_word ? g_utf8_pointer_to_offset (query, last_word + 1) : 0;
      glong n_chars = g_utf8_strlen (query, -1);

      for (glong len = start + 1; len <= MIN (n_chars, start + SEARCH_PREFIX_MAX); len++)
        {
          g_autofree char *typed = g_utf8_substring (query, 0, len);
          g_autoptr(GPtrArray) hits = NULL;
          double begin = now_ms ();

          hits = dossier_store_search (store, typed, SEARCH_LIMIT, error);
          add_sample (results, M_SEARCH, begin);
          if (hits == NULL)
            return FALSE;
          if (last_run)
            results->search_hits += hits->len;
        }
    }
  return TRUE;
}

static gboolean
run_once (const char  *path,
          Results     *results,
          gboolean     last_run,
          GError     **error)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierQuery) all_query = all_actions_query ();
  g_autoptr(DossierQuery) my_query = my_actions_query ();
  g_autoptr(DossierRecordList) list = NULL;
  g_autoptr(DossierRecordList) my_list = NULL;
  guint n_items;
  double start;

  start = now_ms ();
  store = dossier_store_open (path, error);
  if (results->first_open_ms < 0)
    results->first_open_ms = now_ms () - start;
  else
    add_sample (results, M_OPEN, start);
  if (store == NULL)
    return FALSE;

  if (!count (store, all_query, results, M_COUNT_ACTIONS, &results->n_actions, error) ||
      !count (store, my_query, results, M_COUNT_MY_ACTIONS, &results->n_my_actions, error))
    return FALSE;
  if (results->n_actions == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the store holds no actions; fill it with dossier-generate first");
      return FALSE;
    }

  start = now_ms ();
  list = dossier_record_list_new (store, all_query);
  add_sample (results, M_LIST_NEW, start);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (!read_item (list, 0, results, M_ITEM_FIRST, error) ||
      !read_item (list, n_items / 3, results, M_ITEM_MIDDLE_COLD, error))
    return FALSE;

  /* the landmarks the list gathers at low priority while the window is
   * idle: every idle step, and all of them */
  {
    double all = now_ms ();

    for (;;)
      {
        double step = now_ms ();

        if (!g_main_context_iteration (NULL, FALSE))
          break;
        add_sample (results, M_LANDMARK_STEP, step);
      }
    add_sample (results, M_LANDMARKS, all);
  }
  if (!read_item (list, n_items / 2, results, M_ITEM_MIDDLE, error) ||
      !read_item (list, n_items - 1, results, M_ITEM_LAST, error))
    return FALSE;
  /* a scroll bar dragged anywhere: pages no neighbour of which is read */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);

    for (guint i = 0; i < 20; i++)
      if (!read_item (list, g_rand_int_range (rand, 0, n_items), results, M_ITEM_RANDOM, error))
        return FALSE;
  }
  if (last_run)
    results->materialized_after_reads = dossier_record_list_get_n_materialized (list);

  start = now_ms ();
  for (guint i = 0; i < SCROLL_ITEMS && n_items / 2 + i < n_items; i++)
    if (!read_item (list, n_items / 2 + i, NULL, 0, error))
      return FALSE;
  add_sample (results, M_SCROLL_MIDDLE, start);
  if (last_run)
    results->materialized_after_scroll = dossier_record_list_get_n_materialized (list);

  start = now_ms ();
  my_list = dossier_record_list_new (store, my_query);
  add_sample (results, M_MY_LIST_NEW, start);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (my_list));
  if (n_items > 0 &&
      (!read_item (my_list, n_items / 2, results, M_MY_ITEM_MIDDLE, error) ||
       !read_item (my_list, n_items - 1, results, M_MY_ITEM_LAST, error)))
    return FALSE;

  if (!type_queries (store, results, last_run, error))
    return FALSE;

  /* what a UA row and the My Actions totals ask on each rebind */
  {
    g_autoptr(DossierQuery) uas = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
    g_autoptr(GPtrArray) some = dossier_store_query (store, uas, 0, 10, error);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) month_start = g_date_time_add_days (now, 1 - g_date_time_get_day_of_month (now));
    g_autofree char *since = g_date_time_format (month_start, "%Y-%m-%d");

    if (some == NULL)
      return FALSE;
    for (guint i = 0; i < some->len; i++)
      {
        g_autoptr(GHashTable) counts = NULL;

        start = now_ms ();
        counts = dossier_store_count_channels (store, dossier_record_get_id (g_ptr_array_index (some, i)),
                                               FALSE, NULL, error);
        add_sample (results, M_UA_CHANNELS, start);
        if (counts == NULL)
          return FALSE;
      }
    {
      g_autoptr(GHashTable) all = NULL;
      g_autoptr(GHashTable) month = NULL;

      start = now_ms ();
      all = dossier_store_count_channels (store, NULL, TRUE, NULL, error);
      add_sample (results, M_MY_TOTALS_ALL, start);
      start = now_ms ();
      month = dossier_store_count_channels (store, NULL, TRUE, since, error);
      add_sample (results, M_MY_TOTALS_MONTH, start);
      if (all == NULL || month == NULL)
        return FALSE;
    }
  }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Profile folder of a store filled by dossier-generate (required)", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs to take the median of (5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Results results = { { NULL, }, };
  GStatBuf st;
  gint64 version_before;
  gint64 search_bytes;

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Times opening a Dossier store, counting its actions, reading a "
                                "lazy list of them and searching as a person types, and shows how "
                                "little of the list is in memory. Fill the store first with "
                                "dossier-generate.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("bench-store: unexpected argument “%s”\n", argv[1]);
      return EXIT_USAGE;
    }
  if (data_dir == NULL || *data_dir == '\0')
    {
      g_printerr ("bench-store: --data-dir DIR is required (see --help)\n");
      return EXIT_USAGE;
    }
  if (runs < 1)
    {
      g_printerr ("bench-store: --runs must be 1 or more, not %d\n", runs);
      return EXIT_USAGE;
    }

  /* opening creates a missing store: a typo would time an empty one */
  path = dossier_store_default_path (data_dir);
  if (g_stat (path, &st) != 0)
    {
      g_printerr ("bench-store: there is no store at %s; fill one with dossier-generate first\n", path);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < N_MEASURES; i++)
    results.samples[i] = g_array_new (FALSE, FALSE, sizeof (double));
  results.first_open_ms = -1;
  version_before = peek_int (path, "PRAGMA user_version");

  for (int run = 0; run < runs; run++)
    if (!run_once (path, &results, run == runs - 1, &error))
      {
        g_printerr ("bench-store: %s\n", error->message);
        for (guint i = 0; i < N_MEASURES; i++)
          g_array_unref (results.samples[i]);
        return EXIT_FAILURE;
      }

  g_print ("store: %s\n", path);
  g_print ("store_size: %.1f MiB\n", st.st_size / (1024.0 * 1024.0));
  if (version_before >= 0 && version_before < DOSSIER_STORE_SCHEMA_VERSION)
    {
      GStatBuf after;

      g_print ("migrated_from_version: %" G_GINT64_FORMAT "\n", version_before);
      g_print ("migration: %.0f ms\n", results.first_open_ms);
      if (g_stat (path, &after) == 0)
        g_print ("store_size_after_migration: %.1f MiB\n", after.st_size / (1024.0 * 1024.0));
    }
  else
    g_print ("first_open: %.2f ms\n", results.first_open_ms);
  /* dbstat is optional in SQLite builds: no line without it */
  search_bytes = peek_int (path, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'");
  if (search_bytes >= 0)
    g_print ("search_index_size: %.1f MiB\n", search_bytes / (1024.0 * 1024.0));
  g_print ("runs: %d\n", runs);
  g_print ("actions: %" G_GINT64_FORMAT " rows\n", results.n_actions);
  g_print ("my_actions: %" G_GINT64_FORMAT " rows\n", results.n_my_actions);
  g_print ("list_scroll_items: %u items\n", SCROLL_ITEMS);
  g_print ("search_keystrokes: %u searches, %u hits in the last run\n",
           results.samples[M_SEARCH]->len, results.search_hits);
  g_print ("search_keystroke_p95: %.2f ms\n", percentile (results.samples[M_SEARCH], 0.95));
  g_print ("search_keystroke_worst: %.2f ms\n", percentile (results.samples[M_SEARCH], 1.0));
  for (guint i = 0; i < N_MEASURES; i++)
    {
      if (results.samples[i]->len > 0)
        g_print ("%s: %.2f ms\n", measure_names[i], median (results.samples[i]));
      g_array_unref (results.samples[i]);
    }
  g_print ("list_materialized_after_reads: %u records\n", results.materialized_after_reads);
  g_print ("list_materialized_after_scroll: %u records\n", results.materialized_after_scroll);
  g_print ("list_materialized_limit: %u records\n",
           DOSSIER_RECORD_LIST_PAGE_SIZE * DOSSIER_RECORD_LIST_MAX_PAGES);
  g_print ("peak_rss: %.1f MiB\n", read_status_kb ("VmHWM") / 1024.0);
  return EXIT_SUCCESS;
}
