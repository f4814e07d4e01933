/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dossier-action.h"
#include "dossier-record-list.h"
#include "dossier-store.h"

/* Times what the window does with a large store, through the same API:
 *
 *   dossier-generate --data-dir /tmp/big --actions 1000000
 *   bench-store --data-dir /tmp/big
 *
 * Every figure is the median of --runs runs; each run opens the store
 * afresh, so it pays for preparing its statements as the window would.
 * Prints one "name: value unit" line per figure. */

#define EXIT_USAGE 2

/* Rows read one after the other from the middle of the list, as when
 * scrolling there: several pages, each a query with a deep OFFSET. */
#define SCROLL_ITEMS (10 * DOSSIER_RECORD_LIST_PAGE_SIZE)

typedef enum {
  M_OPEN,
  M_COUNT_ACTIONS,
  M_COUNT_MY_ACTIONS,
  M_LIST_NEW,
  M_ITEM_FIRST,
  M_ITEM_MIDDLE,
  M_ITEM_LAST,
  M_SCROLL_MIDDLE,
  M_MY_LIST_NEW,
  M_MY_ITEM_MIDDLE,
  M_MY_ITEM_LAST,
  N_MEASURES
} Measure;

static const char * const measure_names[N_MEASURES] = {
  [M_OPEN] = "open",
  [M_COUNT_ACTIONS] = "count_actions",
  [M_COUNT_MY_ACTIONS] = "count_my_actions",
  [M_LIST_NEW] = "list_new",
  [M_ITEM_FIRST] = "list_item_first",
  [M_ITEM_MIDDLE] = "list_item_middle",
  [M_ITEM_LAST] = "list_item_last",
  [M_SCROLL_MIDDLE] = "list_scroll_middle",
  [M_MY_LIST_NEW] = "my_list_new",
  [M_MY_ITEM_MIDDLE] = "my_list_item_middle",
  [M_MY_ITEM_LAST] = "my_list_item_last",
};

typedef struct
{
  GArray *samples[N_MEASURES];  /* of double, milliseconds */
  gint64  n_actions;
  gint64  n_my_actions;
  guint   materialized_after_reads;
  guint   materialized_after_scroll;
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
      !read_item (list, n_items / 2, results, M_ITEM_MIDDLE, error) ||
      !read_item (list, n_items - 1, results, M_ITEM_LAST, error))
    return FALSE;
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

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Times opening a Dossier store, counting its actions and reading a "
                                "lazy list of them, and shows how little of the list is in memory. "
                                "Fill the store first with dossier-generate.");
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
  g_print ("runs: %d\n", runs);
  g_print ("actions: %" G_GINT64_FORMAT " rows\n", results.n_actions);
  g_print ("my_actions: %" G_GINT64_FORMAT " rows\n", results.n_my_actions);
  g_print ("list_scroll_items: %u items\n", SCROLL_ITEMS);
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
