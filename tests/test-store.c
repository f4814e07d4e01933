/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-enums.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-figures.h"
#include "dossier-logging.h"
#include "dossier-record-list.h"
#include "dossier-report.h"
#include "dossier-store.h"
#include "dossier-deletion.h"
#include "dossier-forget.h"
#include "dossier-store-private.h"
#include "dossier-schema-private.h"
#include "dossier-target.h"
#include "dossier-test-utils.h"
#include "dossier-translit.h"
#include "dossier-urgent-action.h"

/* The store on a real SQLite file in a temporary folder. The tests read
 * the file with sqlite3 directly only to check what the store wrote. */

typedef struct
{
  char         *dir;
  char         *path;
  DossierStore *store;
  guint         changes;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = dossier_test_make_dir ();
  f->path = dossier_store_default_path (f->dir);
  f->store = dossier_test_open_store (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dossier_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
count (DossierStore *store,
       GType         kind)
{
  g_autoptr(DossierQuery) query = dossier_query_new (kind);
  g_autoptr(GError) error = NULL;
  gint64 n = dossier_store_count (store, query, &error);

  g_assert_no_error (error);
  return n;
}

/* Runs a single-value SQL query on the file, outside the store. */
static char *
peek (const char *path,
      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static DossierRecord *
make_case (const char *name)
{
  DossierRecord *record = DOSSIER_RECORD (dossier_case_new ());

  dossier_record_set_string (record, "name", name);
  dossier_record_set_string (record, "status", "imprisoned");
  return record;
}

static DossierRecord *
make_ua (const char *reference)
{
  DossierRecord *record = DOSSIER_RECORD (dossier_urgent_action_new ());

  dossier_record_set_string (record, "reference", reference);
  dossier_record_set_string (record, "title", "Activist jailed for criticism");
  return record;
}

static void
test_open_new (Fixture       *f,
               gconstpointer  data)
{
  struct stat st;
  g_autofree char *journal = peek (f->path, "PRAGMA journal_mode");
  g_autofree char *version = peek (f->path, "PRAGMA user_version");

  g_assert_cmpint (dossier_store_get_schema_version (f->store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (atoi (version), ==, DOSSIER_STORE_SCHEMA_VERSION);

  /* private to the user: the seeds tell of computers that get seized */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  for (guint i = 0; i < 8; i++)
    {
      guint n_kinds;
      const GType *kinds = dossier_store_kinds (&n_kinds);

      g_assert_cmpuint (n_kinds, ==, 8);
      g_assert_cmpint (count (f->store, kinds[i]), ==, 0);
    }
}

static void
test_open_private_folder (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sub = g_build_filename (dir, "profile", "nested", NULL);
  g_autoptr(DossierStore) store = dossier_test_open_store (sub);
  struct stat st;

  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

static void
test_foreign_keys_on (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (event, "case-id", "no-such-case");
  dossier_record_set_string (event, "date", "2020-04-17");
  g_assert_false (dossier_store_create (f->store, event, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE_EVENT), ==, 0);
}

/* Version 3 to 4: reference keys and tallies, from a store where two
 * references differ only in case and spacing. */
/* A store of an older version at @path, from its SQL in tests/data. */
static void
write_fixture (const char *path,
               const char *name)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migrate_from_v3 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) found = NULL;
  g_autoptr(DossierQuery) all = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(DossierQuery) mine = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(DossierQuery) unread = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autofree char *problems = NULL;

  write_fixture (path, "store-v3.sql");

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);

  /* the first keeps its key; the other is named by check */
  found = dossier_store_find_urgent_action (store, "UA 1/21", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_id (found), ==, "ua-1-21");
  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (problems, "ua  1/21"));
  g_assert_null (strstr (strstr (problems, "ua  1/21"), "count"));

  /* the tallies count what is there */
  dossier_query_filter_int (mine, "mine", DOSSIER_QUERY_EQ, 1);
  dossier_query_filter_int (unread, "read", DOSSIER_QUERY_EQ, 0);
  g_assert_cmpint (dossier_store_count (store, all, NULL), ==, 4);
  g_assert_cmpint (dossier_store_count (store, mine, NULL), ==, 1);
  g_assert_cmpint (dossier_store_count (store, unread, NULL), ==, 1);

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* Version 4 to 5: a feed gains its schedule and its own proxy; what it
 * had stays, and its items are still there and still read as they were. */
static void
test_migrate_from_v4 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(DossierRecord) item = NULL;
  g_autoptr(DossierQuery) unread = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(DossierQuery) of_feed = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(DossierQuery) unread_of_feed = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autofree char *problems = NULL;

  write_fixture (path, "store-v4.sql");

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);

  feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED, "feed-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (feed, "url"), ==, "https://example.org/campaign.json");
  g_assert_cmpint (dossier_record_get_int (feed, "refresh-interval"), ==, 60);
  g_assert_cmpstr (dossier_record_get_string (feed, "proxy"), ==, "system");
  g_assert_null (dossier_record_get_string (feed, "next-fetch"));
  g_assert_cmpstr (dossier_record_get_string (feed, "proxy-url"), ==, "");

  /* the new fields are written and read back */
  dossier_record_set_string (feed, "next-fetch", "2020-04-20T11:00:00.000Z");
  dossier_record_set_string (feed, "proxy", "custom");
  dossier_record_set_string (feed, "proxy-url", "socks5://127.0.0.1:1080");
  g_assert_true (dossier_store_update (store, feed, &error));
  g_assert_no_error (error);
  g_clear_object (&feed);
  feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED, "feed-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (feed, "next-fetch"), ==, "2020-04-20T11:00:00.000Z");
  g_assert_cmpstr (dossier_record_get_string (feed, "proxy-url"), ==, "socks5://127.0.0.1:1080");

  item = dossier_store_fetch (store, DOSSIER_TYPE_FEED_ITEM, "item-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (item, "feed-id"), ==, "feed-1");
  dossier_query_filter_int (unread, "read", DOSSIER_QUERY_EQ, 0);
  g_assert_cmpint (dossier_store_count (store, unread, NULL), ==, 1);

  /* each feed's counts are kept as its items come, go and are read */
  dossier_query_filter_text (of_feed, "feed-id", DOSSIER_QUERY_EQ, "feed-1");
  dossier_query_filter_text (unread_of_feed, "feed-id", DOSSIER_QUERY_EQ, "feed-1");
  dossier_query_filter_int (unread_of_feed, "read", DOSSIER_QUERY_EQ, 0);
  g_assert_cmpint (dossier_store_count (store, of_feed, NULL), ==, 1);
  g_assert_cmpint (dossier_store_count (store, unread_of_feed, NULL), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DossierRecord) more = DOSSIER_RECORD (dossier_feed_item_new ());
      g_autofree char *guid = g_strdup_printf ("https://example.org/news/%u", i);

      dossier_record_set_string (more, "feed-id", "feed-1");
      dossier_record_set_string (more, "guid", guid);
      dossier_record_set_boolean (more, "read", i == 0);
      g_assert_true (dossier_store_create (store, more, &error));
      g_assert_no_error (error);
    }
  dossier_record_set_boolean (item, "read", TRUE);
  g_assert_true (dossier_store_update (store, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_count (store, of_feed, NULL), ==, 4);
  g_assert_cmpint (dossier_store_count (store, unread_of_feed, NULL), ==, 2);

  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  /* a feed that goes takes its items and its counts along */
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_FEED, "feed-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_count (store, of_feed, NULL), ==, 0);
  g_assert_cmpint (dossier_store_count (store, unread, NULL), ==, 0);
  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* Version 8 copies cases and case events into tables that allow two
 * more statuses: nothing of them may be lost on the way, nor anything
 * that refers to them, and what the new columns hold is checked. */
static void
test_migrate_to_v8 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) kase = NULL;
  g_autoptr(DossierRecord) target = NULL;
  g_autofree char *problems = NULL;
  const char *counts = "SELECT (SELECT count(*) FROM cases) || ' ' || (SELECT count(*) FROM case_events)"
                       " || ' ' || (SELECT count(*) FROM charges) || ' ' || (SELECT count(*) FROM case_names)"
                       " || ' ' || (SELECT count(*) FROM ua_cases) || ' ' || (SELECT count(*) FROM search_cases_docs)"
                       " || ' ' || (SELECT group_concat(id || status, ',') FROM (SELECT id, status FROM cases ORDER BY id))";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_fixture (path, "store-v6.sql");
  before = peek (path, counts);

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  after = peek (path, counts);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (strchr (before, ' '), !=, NULL);

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  /* still found by name, through the search documents that refer to it */
  {
    g_autoptr(GPtrArray) hits = dossier_store_search (store, "Ilyashev", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >, 0);
  }
  kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-ilyashev", &error);
  g_assert_no_error (error);
  dossier_record_set_string (kase, "status", "prosecution-continues");
  dossier_record_set_string (kase, "translations", "{\"ru\":{\"name\":\"Альнур Ильяшев\"}}");
  g_assert_true (dossier_store_update (store, kase, &error));
  g_assert_no_error (error);
  dossier_record_set_string (kase, "translations", "[\"not an object\"]");
  g_assert_false (dossier_store_update (store, kase, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  dossier_record_set_string (kase, "status", "at-risk-abroad");
  dossier_record_set_string (kase, "translations", NULL);
  g_assert_true (dossier_store_update (store, kase, &error));
  g_assert_no_error (error);

  target = DOSSIER_RECORD (dossier_target_new ());
  dossier_record_set_string (target, "name", "Prosecutor General");
  {
    const char *good[] = { "", "2017", "2017-06", "2017-06-30" };
    const char *bad[] = { "17", "2017-13", "2017-02-30", "2017/06", "about 2017" };

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autofree char *id = g_strdup_printf ("target-good-%u", i);

        dossier_record_set_id (target, id);
        dossier_record_set_string (target, "held-from", good[i]);
        g_assert_true (dossier_store_create (store, target, &error));
        g_assert_no_error (error);
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *id = g_strdup_printf ("target-bad-%u", i);

        dossier_record_set_id (target, id);
        dossier_record_set_string (target, "held-from", bad[i]);
        g_assert_false (dossier_store_create (store, target, &error));
        g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
        g_clear_error (&error);
      }
  }

  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* Version 9: countries become ISO 3166-1 codes. What names a country in
 * any way a volunteer may have typed it becomes its code; anything else
 * stays as it was, never lost; the records are found by their country's
 * name in any of Dossier's languages, and keep their updated_at. */
static void
test_migrate_to_v9 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;
  static const struct { const char *id; const char *before; const char *after; } cases[] = {
    { "case-ilyashev", "Kazakhstan", "KZ" },
    { "case-code", "kz", "KZ" },
    { "case-spaces", " Kazakhstan ", "KZ" },
    { "case-common", "Russia", "RU" },
    { "case-official", "Czech Republic", "CZ" },
    { "case-kazakh", "Қазақстан", "KZ" },
    { "case-russian", "Швейцария", "CH" },
    { "case-typo", "Kazakstan", "Kazakstan" },
    { "case-gone", "Soviet Union", "Soviet Union" },
    { "case-none", "", "" },
  };
  const char *dates = "SELECT group_concat(id || updated_at, ',') FROM"
                      " (SELECT id, updated_at FROM cases UNION ALL SELECT id, updated_at FROM targets ORDER BY 1)";

  write_fixture (path, "store-v6.sql");
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 1; i < G_N_ELEMENTS (cases); i++)
    {
      char *sql = sqlite3_mprintf ("INSERT INTO cases (id, created_at, updated_at, name, country, status)"
                                              " VALUES (%Q, '2021-01-01T00:00:00.000Z', '2021-01-02T00:00:00.000Z',"
                                              " %Q, %Q, 'detained')", cases[i].id, cases[i].id, cases[i].before);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
    }
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO targets (id, created_at, updated_at, name, country) VALUES"
                                     " ('target-official', '2021-01-01T00:00:00.000Z', '2021-01-02T00:00:00.000Z',"
                                     " 'Minister', 'Republic of Kazakhstan'),"
                                     " ('target-unknown', '2021-01-01T00:00:00.000Z', '2021-01-02T00:00:00.000Z',"
                                     " 'Ombudsman', 'Atlantis')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = peek (path, dates);

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DossierRecord) kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, cases[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (dossier_record_get_string (kase, "country") ?: "", ==, cases[i].after);
    }
  {
    const struct { const char *id; const char *country; } targets[] = {
      { "target-pg", "KZ" }, { "target-official", "KZ" }, { "target-unknown", "Atlantis" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        g_autoptr(DossierRecord) target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, targets[i].id, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (dossier_record_get_string (target, "country"), ==, targets[i].country);
      }
  }

  /* found by the country's name in each language, and by what was typed */
  {
    /* n_cases: how many cases are found; the transliterated key of
     * "Қазақстан" is "kazakstan", which finds the misspelt one too */
    const struct { const char *query; const char *id; guint n_cases; } searches[] = {
      { "Kasachstan", "case-ilyashev", 4 },
      { "Қазақстан", "case-kazakh", 5 },
      { "Казахстан", "case-code", 4 },
      { "Tschechien", "case-official", 1 },
      { "Швейцария", "case-russian", 1 },
      { "Switzerland", "case-russian", 1 },
      { "Kazakstan", "case-typo", 5 },
      { "Soviet", "case-gone", 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autoptr(GPtrArray) hits = dossier_store_search (store, searches[i].query, 50, &error);
        guint n_cases = 0;
        gboolean found = FALSE;

        g_assert_no_error (error);
        for (guint h = 0; h < hits->len; h++)
          if (dossier_search_hit_get_kind (hits->pdata[h]) == DOSSIER_TYPE_CASE)
            {
              n_cases++;
              found = found || g_str_equal (dossier_search_hit_get_id (hits->pdata[h]), searches[i].id);
            }
        g_test_message ("%s: %u cases", searches[i].query, n_cases);
        g_assert_true (found);
        g_assert_cmpuint (n_cases, ==, searches[i].n_cases);
      }
  }
  /* the target of the Prosecutor General in Kazakhstan, in German */
  {
    g_autoptr(GPtrArray) hits = dossier_store_search (store, "Kasachstan Prosecutor", 10, &error);
    g_autoptr(GPtrArray) targets = g_ptr_array_new ();

    g_assert_no_error (error);
    for (guint h = 0; h < hits->len; h++)
      if (dossier_search_hit_get_kind (hits->pdata[h]) == DOSSIER_TYPE_TARGET)
        g_ptr_array_add (targets, (gpointer) dossier_search_hit_get_id (hits->pdata[h]));
    g_assert_cmpuint (targets->len, ==, 1);
    g_assert_cmpstr (targets->pdata[0], ==, "target-pg");
  }

  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_clear_object (&store);

  after = peek (path, dates);
  g_assert_cmpstr (after, ==, before);

  dossier_test_remove_dir (dir);
}

/* Version 6 to 7: an urgent action gains the language its asks are
 * written in; one written before has none (read as English), and a
 * language is kept once set, but only a language code. */
static void
test_migrate_from_v6 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *column = NULL;

  write_fixture (path, "store-v6.sql");

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  column = peek (path, "SELECT language FROM urgent_actions WHERE id = 'ua-065-20'");
  g_assert_cmpstr (column, ==, "");

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "reference"), ==, "UA 065/20");
  g_assert_true (dossier_record_get_string (ua, "language") == NULL ||
                 g_str_equal (dossier_record_get_string (ua, "language"), ""));

  dossier_record_set_string (ua, "language", "ru");
  g_assert_true (dossier_store_update (store, ua, &error));
  g_assert_no_error (error);
  g_clear_object (&ua);
  ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "language"), ==, "ru");

  /* the store keeps only codes, whatever writes to it */
  {
    const char *bad[] = { "Russian", "r", "ru-", "ru--RU", "not a code!", "RU" };
    const char *good[] = { "kk", "pt-BR", "sr-Latn", "ast" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        dossier_record_set_string (ua, "language", bad[i]);
        g_assert_false (dossier_store_update (store, ua, &error));
        g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
        g_assert_nonnull (strstr (error->message, "language"));
        g_clear_error (&error);
      }
    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        dossier_record_set_string (ua, "language", good[i]);
        g_assert_true (dossier_store_update (store, ua, &error));
        g_assert_no_error (error);
      }
  }

  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

typedef struct {
  guint         reports;
  char         *what;
  DossierStore *store;
  GError       *error;
  gboolean      done;
} AsyncOpen;

static void
on_open_progress (const char *what,
                  double      fraction,
                  gpointer    data)
{
  AsyncOpen *state = data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  state->reports++;
  if (what)
    {
      g_free (state->what);
      state->what = g_strdup (what);
    }
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  AsyncOpen *state = data;

  state->store = dossier_store_open_finish (result, &state->error);
  state->done = TRUE;
}

/* The window's first start: opened in a worker thread, which migrates an
 * older store and says what it does in the main context. */
/* Version 10: every action from before has its present state in its
 * history, as of its last change. */
static void
test_migrate_to_v10 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) replied = NULL;

  write_fixture (path, "store-v6.sql");
  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  sent = dossier_store_list_action_states (store, "action-1", &error);
  replied = dossier_store_list_action_states (store, "action-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 1);
  g_assert_cmpstr (((char **) sent->pdata[0])[0], ==, "2020-04-29T18:00:00.000Z");
  g_assert_cmpstr (((char **) sent->pdata[0])[1], ==, "sent");
  g_assert_cmpuint (replied->len, ==, 1);
  g_assert_cmpstr (((char **) replied->pdata[0])[1], ==, "replied");
  dossier_test_remove_dir (dir);
}

/* Version 11: a feed from before is unsigned, with no key; the store
 * keeps only minisign public keys, and a key only on a feed that is
 * signed or waits for its key to be trusted. */
/* Version 12: the actions of before are in the progress figures at once,
 * and the profile has its own random id. */
static void
test_migrate_to_v12 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *other_dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierStore) other = NULL;
  g_autoptr(DossierFigures) figures = NULL;
  g_autoptr(GRegex) uuid = g_regex_new ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", 0, 0, NULL);
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *problems = NULL;
  DossierFigureFilter all = { 0 };

  write_fixture (path, "store-v6.sql");
  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  figures = dossier_store_figures (store, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpint (figures->total.sent, ==, 2);
  g_assert_cmpint (figures->total.replied, ==, 1);
  g_assert_cmpint (figures->total.letters, ==, 1);
  g_assert_cmpint (figures->total.reported, ==, 0);
  g_assert_cmpuint (figures->by_group->len, ==, 2);
  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_cmpstr (problems, ==, NULL);

  id = dossier_store_volunteer_id (store, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (uuid, id, 0, NULL));
  other = dossier_test_open_store (other_dir);
  other_id = dossier_store_volunteer_id (other, &error);
  g_assert_true (g_regex_match (uuid, other_id, 0, NULL));
  g_assert_cmpstr (id, !=, other_id);
  g_clear_object (&other);
  dossier_test_remove_dir (other_dir);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

static void
test_migrate_to_v11 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autofree char *problems = NULL;
  const char *key = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

  write_fixture (path, "store-v6.sql");
  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED, "feed-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (feed, "url"), ==, "https://example.org/campaign.json");
  g_assert_cmpstr (dossier_record_get_string (feed, "signing"), ==, "unsigned");
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, "");
  g_assert_cmpint (dossier_record_get_int (feed, "signed-at"), ==, 0);
  g_assert_false (dossier_record_get_boolean (feed, "last-refused"));

  {
    /* field, value, and the signing state it is tried with */
    const char *bad[][3] = {
      { "signing", "maybe", "" },
      { "public-key", key, "unsigned" },            /* a key on an unsigned feed */
      { "public-key", "", "signed" },               /* a signed feed without one */
      { "public-key", "RWQ not a key", "signed" },
      { "public-key", "untrusted comment: minisign secret key", "signed" },
      { "next-public-key", "RWQ", "unsigned" },
      { "key-origin", "somewhere", "unsigned" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(DossierRecord) copy = dossier_store_fetch (store, DOSSIER_TYPE_FEED, "feed-1", NULL);

        if (*bad[i][2])
          dossier_record_set_string (copy, "signing", bad[i][2]);
        if (g_str_equal (bad[i][0], "public-key") == FALSE && g_str_equal (bad[i][2], "signed"))
          dossier_record_set_string (copy, "public-key", key);
        dossier_record_set_string (copy, bad[i][0], bad[i][1]);
        g_assert_false (dossier_store_update (store, copy, &error));
        g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
        g_clear_error (&error);
      }
    dossier_record_set_int (feed, "signed-at", -1);
    g_assert_false (dossier_store_update (store, feed, &error));
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }

  dossier_record_set_int (feed, "signed-at", 1700000000);
  dossier_record_set_string (feed, "signing", "signed");
  dossier_record_set_string (feed, "public-key", key);
  dossier_record_set_string (feed, "key-origin", "given");
  dossier_record_set_boolean (feed, "last-refused", TRUE);
  g_assert_true (dossier_store_update (store, feed, &error));
  g_assert_no_error (error);
  g_clear_object (&feed);
  feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED, "feed-1", &error);
  g_assert_cmpstr (dossier_record_get_string (feed, "signing"), ==, "signed");
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, key);
  g_assert_cmpstr (dossier_record_get_string (feed, "key-origin"), ==, "given");
  g_assert_cmpint (dossier_record_get_int (feed, "signed-at"), ==, 1700000000);
  g_assert_true (dossier_record_get_boolean (feed, "last-refused"));

  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

static void
test_open_async_migrates (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(DossierRecord) ua = NULL;
  AsyncOpen state = { 0, };

  write_fixture (path, "store-v1.sql");

  dossier_store_open_async (path, DOSSIER_STORE_OPEN_DEFAULT, on_open_progress, &state, NULL,
                            NULL, on_opened, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.store);
  g_assert_cmpint (dossier_store_get_schema_version (state.store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (state.reports, >=, 1);
  g_assert_nonnull (state.what);
  /* used from this thread from now on */
  ua = dossier_store_find_urgent_action (state.store, "UA 065/20", NULL);
  g_assert_nonnull (ua);
  g_clear_object (&state.store);
  g_free (state.what);
  dossier_test_remove_dir (dir);
}

/* Loads a fixture written by an earlier version and opens it. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) kase = NULL;
  g_autofree char *problems = NULL;

  write_fixture (path, "store-v1.sql");

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_null (problems);

  ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "reference"), ==, "UA 065/20");
  g_assert_cmpstr (dossier_record_get_string (ua, "ua-index"), ==, "EUR 57/2227/2020");
  g_assert_cmpstr (dossier_record_get_strv (ua, "case-ids")[0], ==, "case-ilyashev");
  g_assert_cmpstr (dossier_record_get_strv (ua, "target-ids")[0], ==, "target-pg");

  kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-ilyashev", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_strv (kase, "other-names")[0], ==, "Альнур Ильяшев");
  g_assert_true (dossier_record_get_boolean (kase, "prisoner-of-conscience"));

  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (count (store, dossier_store_kinds (NULL)[i]), >=, 1);

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

static void
test_too_new_refused (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = dossier_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));

  /* refused means untouched */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  dossier_test_remove_dir (dir);
}

static void
test_not_a_store (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autofree char *after = NULL;
  const char garbage[] = "This is a letter, not a database. It is long enough to look like a header of a file.";

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  store = dossier_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);
  dossier_test_remove_dir (dir);
}

static void
round_trip (DossierStore  *store,
            DossierRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) fetched = NULL;
  g_autoptr(DossierRecord) updated = NULL;
  GType kind = G_OBJECT_TYPE (record);
  const char *id = dossier_record_get_id (record);

  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  g_assert_nonnull (dossier_record_get_created_at (record));

  fetched = dossier_store_fetch (store, kind, id, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_record_equal (record, fetched));
  g_assert_cmpstr (dossier_record_get_created_at (fetched), ==, dossier_record_get_created_at (record));

  /* creating the same id twice is refused */
  g_assert_false (dossier_store_create (store, fetched, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (dossier_store_update (store, fetched, &error));
  g_assert_no_error (error);
  updated = dossier_store_fetch (store, kind, id, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_record_equal (record, updated));
  g_assert_cmpstr (dossier_record_get_updated_at (updated), >=, dossier_record_get_created_at (record));
}

static void
test_round_trip_all_kinds (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DossierRecord) kase = make_case ("Алнұр Ілияшев");
  g_autoptr(DossierRecord) charge = DOSSIER_RECORD (dossier_charge_new ());
  g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
  g_autoptr(DossierRecord) ua = make_ua ("UA 065/20");
  g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
  g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(DossierRecord) item = DOSSIER_RECORD (dossier_feed_item_new ());
  const char *other_names[] = { "Alnur Ilyashev", "Альнур Ильяшев", "Әлнұр Ильяшев", NULL };
  const char *kazakh_letters = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І";
  const char *sources[] = { "https://example.org/ua", "https://example.org/ru?q=\"quoted\"", NULL };
  const char *key_points[] = { "Освободить немедленно и безоговорочно", "Тергеуді тоқтату", NULL };
  const char *languages[] = { "ru", "kk", "en", NULL };

  dossier_record_set_strv (kase, "other-names", other_names);
  dossier_record_set_string (kase, "country", "Қазақстан");
  dossier_record_set_string (kase, "city", "Алматы");
  dossier_record_set_string (kase, "role", "human-rights-defender");
  dossier_record_set_string (kase, "summary", kazakh_letters);
  dossier_record_set_boolean (kase, "prisoner-of-conscience", TRUE);
  dossier_record_set_string (kase, "health-concerns", "Гипертония; needs medication\nevery day");
  dossier_record_set_strv (kase, "sources", sources);
  dossier_record_set_boolean (kase, "followed", TRUE);
  round_trip (f->store, kase);

  dossier_record_set_string (charge, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (charge, "code", "Уголовный кодекс");
  dossier_record_set_string (charge, "article", "274");
  dossier_record_set_string (charge, "part", "4(2)");
  dossier_record_set_string (charge, "description", "Көпшілікке жалған ақпарат тарату");
  round_trip (f->store, charge);

  dossier_record_set_string (event, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (event, "kind", "verdict");
  dossier_record_set_string (event, "date", "2020-06-22");
  dossier_record_set_string (event, "title", "Приговор: три года ограничения свободы");
  dossier_record_set_string (event, "new-status", "restricted-freedom");
  round_trip (f->store, event);

  dossier_record_set_string (target, "name", "Бас прокурор");
  dossier_record_set_string (target, "email", "info@prokuror.example");
  dossier_record_set_string (target, "salutation", "Құрметті Бас прокурор");
  dossier_record_set_string (target, "language", "kk");
  round_trip (f->store, target);

  dossier_record_set_string (ua, "ua-index", "EUR 57/2227/2020");
  dossier_record_set_string (ua, "issued", "2020-04-20");
  dossier_record_set_string (ua, "deadline", "2020-06-08");
  dossier_record_set_strv (ua, "key-points", key_points);
  dossier_record_set_strv (ua, "languages", languages);
  dossier_record_set_string (ua, "documents", "{\"en\": \"https://example.org/en.docx\"}");
  dossier_record_set_int (ua, "goal", 500);
  {
    const char *case_ids[] = { dossier_record_get_id (kase), NULL };
    const char *target_ids[] = { dossier_record_get_id (target), NULL };

    dossier_record_set_strv (ua, "case-ids", case_ids);
    dossier_record_set_strv (ua, "target-ids", target_ids);
  }
  round_trip (f->store, ua);

  dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
  dossier_record_set_string (action, "target-id", dossier_record_get_id (target));
  dossier_record_set_string (action, "channel", "email");
  dossier_record_set_string (action, "date", "2020-04-29");
  dossier_record_set_string (action, "volunteer", "Ғалия Сәтбаева");
  dossier_record_set_double (action, "cost", 1.85);
  dossier_record_set_string (action, "letter-text", "Құрметті Бас прокурор,\n…");
  round_trip (f->store, action);

  dossier_record_set_string (feed, "url", "https://example.org/feed.json");
  dossier_record_set_string (feed, "title", "Кампания");
  round_trip (f->store, feed);

  dossier_record_set_string (item, "feed-id", dossier_record_get_id (feed));
  dossier_record_set_string (item, "guid", "item-1");
  dossier_record_set_string (item, "title", "Новости");
  dossier_record_set_string (item, "published", "2020-04-28T09:00:00Z");
  dossier_record_set_string (item, "case-id", dossier_record_get_id (kase));
  round_trip (f->store, item);

  /* deleting a case takes its charges and events with it, and unlinks it */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DossierRecord) ua2 = NULL;
    g_autoptr(DossierRecord) item2 = NULL;

    g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f->store, DOSSIER_TYPE_CHARGE), ==, 0);
    g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE_EVENT), ==, 0);
    ua2 = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error);
    g_assert_no_error (error);
    g_assert_null (dossier_record_get_strv (ua2, "case-ids"));
    item2 = dossier_store_fetch (f->store, DOSSIER_TYPE_FEED_ITEM, dossier_record_get_id (item), &error);
    g_assert_no_error (error);
    g_assert_null (dossier_record_get_string (item2, "case-id"));

    g_assert_null (dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error));
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (dossier_store_delete (f->store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error));
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND);
  }
}

/* A record the schema must refuse: the error is a constraint error with a
 * message naming what is wrong, and nothing in the store changed. */
static void
assert_refused (Fixture       *f,
                DossierRecord *record,
                const char    *message_part)
{
  g_autoptr(GError) error = NULL;
  GType kind = G_OBJECT_TYPE (record);
  gint64 n = count (f->store, kind);
  const char *created = dossier_record_get_created_at (record);

  g_assert_false (dossier_store_create (f->store, record, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  /* a message of ours, not SQLite's English */
  g_assert_null (strstr (error->message, "constraint failed"));
  g_assert_cmpint (count (f->store, kind), ==, n);
  g_assert_null (dossier_store_fetch (f->store, kind, dossier_record_get_id (record), NULL));
  /* the record in memory is left as it was given */
  g_assert_cmpstr (dossier_record_get_created_at (record), ==, created);
}

static void
test_constraints (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) ua = make_ua ("UA 001/26");
  g_autoptr(DossierRecord) kase = make_case ("Мақсат Жақыпов");

  g_assert_true (dossier_store_create (f->store, ua, &error));
  g_assert_true (dossier_store_create (f->store, kase, &error));
  g_assert_no_error (error);

  {
    g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
    dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
    dossier_record_set_string (action, "channel", NULL);
    assert_refused (f, action, "channel");
    dossier_record_set_string (action, "channel", "carrier-pigeon");
    assert_refused (f, action, "channel");
    dossier_record_set_string (action, "channel", "letter");
    dossier_record_set_string (action, "date", "2021-02-29");
    assert_refused (f, action, "YYYY-MM-DD");
    dossier_record_set_string (action, "date", "yesterday");
    assert_refused (f, action, "YYYY-MM-DD");
    dossier_record_set_string (action, "date", "2021-02-28");
    dossier_record_set_double (action, "cost", -1);
    assert_refused (f, action, "negative");
  }
  {
    g_autoptr(DossierRecord) no_ref = make_ua (NULL);
    g_autoptr(DossierRecord) blank_ref = make_ua ("   ");
    g_autoptr(DossierRecord) dup_ref = make_ua ("UA 001/26");
    g_autoptr(DossierRecord) backwards = make_ua ("UA 002/26");
    g_autoptr(DossierRecord) bad_documents = make_ua ("UA 003/26");

    assert_refused (f, no_ref, "reference");
    assert_refused (f, blank_ref, "reference");
    assert_refused (f, dup_ref, "already has this reference");
    dossier_record_set_string (backwards, "issued", "2026-03-01");
    dossier_record_set_string (backwards, "deadline", "2026-02-01");
    assert_refused (f, backwards, "before its issue date");
    dossier_record_set_string (bad_documents, "documents", "[\"not an object\"]");
    assert_refused (f, bad_documents, "document links");
  }
  {
    g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
    dossier_record_set_string (event, "case-id", dossier_record_get_id (kase));
    dossier_record_set_string (event, "date", NULL);
    assert_refused (f, event, "date");
    dossier_record_set_string (event, "date", "2020-13-01");
    assert_refused (f, event, "date");
    dossier_record_set_string (event, "date", "2020-01-01");
    dossier_record_set_string (event, "kind", "rumour");
    assert_refused (f, event, "kind");
  }
  {
    g_autoptr(DossierRecord) nameless = make_case ("");
    g_autoptr(DossierRecord) no_status = make_case ("Name");
    g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
    g_autoptr(DossierRecord) charge = DOSSIER_RECORD (dossier_charge_new ());

    assert_refused (f, nameless, "name");
    dossier_record_set_string (no_status, "status", "vanished");
    assert_refused (f, no_status, "status");
    dossier_record_set_string (target, "name", "Prosecutor");
    dossier_record_set_string (target, "email", "not an address");
    assert_refused (f, target, "email");
    dossier_record_set_string (charge, "case-id", dossier_record_get_id (kase));
    assert_refused (f, charge, "article");
  }
  {
    g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
    dossier_record_set_string (feed, "url", "file:///etc/passwd");
    assert_refused (f, feed, "https://");
  }

  /* an update that breaks a rule leaves the stored record as it was */
  dossier_record_set_string (kase, "name", " ");
  g_assert_false (dossier_store_update (f->store, kase, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  {
    g_autoptr(DossierRecord) stored = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE,
                                                           dossier_record_get_id (kase), &error);
    g_assert_cmpstr (dossier_record_get_string (stored, "name"), ==, "Мақсат Жақыпов");
  }

  /* updating a record that is not there */
  {
    g_autoptr(DossierRecord) ghost = make_case ("Ghost");
    g_assert_false (dossier_store_update (f->store, ghost, &error));
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND);
  }
}

/* Every value of the vocabularies in app/core is one the schema accepts. */
static void
test_enums_match_schema (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    DossierEnum which;
    GType (*kind) (void);
    const char *field;
  } uses[] = {
    { DOSSIER_ENUM_CASE_ROLE, dossier_case_get_type, "role" },
    { DOSSIER_ENUM_CASE_STATUS, dossier_case_get_type, "status" },
    { DOSSIER_ENUM_CASE_STATUS, dossier_case_event_get_type, "new-status" },
    { DOSSIER_ENUM_EVENT_KIND, dossier_case_event_get_type, "kind" },
    { DOSSIER_ENUM_UA_STATUS, dossier_urgent_action_get_type, "status" },
    { DOSSIER_ENUM_CHANNEL, dossier_action_get_type, "channel" },
    { DOSSIER_ENUM_ACTION_STATE, dossier_action_get_type, "state" },
    { DOSSIER_ENUM_SIGNATURE, dossier_action_get_type, "signature" },
    { DOSSIER_ENUM_FEED_FORMAT, dossier_feed_get_type, "format" },
    { DOSSIER_ENUM_PROXY, dossier_feed_get_type, "proxy" },
    { DOSSIER_ENUM_UA_KIND, dossier_urgent_action_get_type, "kind" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = make_case ("Case");
  g_autoptr(DossierRecord) ua = make_ua ("UA 1");
  guint serial = 0;

  g_assert_true (dossier_store_create (f->store, kase, &error));
  g_assert_true (dossier_store_create (f->store, ua, &error));

  for (guint u = 0; u < G_N_ELEMENTS (uses); u++)
    {
      guint n;
      const DossierEnumValue *values = dossier_enum_values (uses[u].which, &n);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DossierRecord) record = g_object_new (uses[u].kind (), NULL);
          g_autofree char *unique = g_strdup_printf ("%u", serial++);

          /* fill what each kind needs besides the field under test */
          if (DOSSIER_IS_CASE (record))
            dossier_record_set_string (record, "name", unique);
          else if (DOSSIER_IS_CASE_EVENT (record))
            {
              dossier_record_set_string (record, "case-id", dossier_record_get_id (kase));
              dossier_record_set_string (record, "date", "2020-01-01");
            }
          else if (DOSSIER_IS_URGENT_ACTION (record))
            dossier_record_set_string (record, "reference", unique);
          else if (DOSSIER_IS_ACTION (record))
            dossier_record_set_string (record, "ua-id", dossier_record_get_id (ua));
          else if (DOSSIER_IS_FEED (record))
            {
              g_autofree char *url = g_strdup_printf ("https://example.org/%s", unique);
              dossier_record_set_string (record, "url", url);
            }

          dossier_record_set_string (record, uses[u].field, values[i].id);
          if (!dossier_store_create (f->store, record, &error))
            g_error ("%s “%s” refused: %s", uses[u].field, values[i].id, error->message);
          g_assert_nonnull (dossier_enum_label (uses[u].which, values[i].id));
        }
    }
}

static void
on_changed_cb (DossierStore *store,
               GType         kind,
               Fixture      *f)
{
  f->changes++;
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) a = make_case ("A");
  g_autoptr(DossierRecord) b = make_case ("B");
  g_autoptr(DossierRecord) bad = make_case ("");

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), f);

  /* rolled back: nothing stored, nothing announced */
  g_assert_true (dossier_store_begin (f->store, &error));
  g_assert_true (dossier_store_create (f->store, a, &error));
  g_assert_cmpuint (f->changes, ==, 0);
  dossier_store_rollback (f->store);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, 0);
  g_assert_cmpuint (f->changes, ==, 0);

  /* a failing record inside a transaction does not undo the others */
  g_assert_true (dossier_store_begin (f->store, &error));
  g_assert_true (dossier_store_create (f->store, a, &error));
  g_assert_false (dossier_store_create (f->store, bad, &error));
  g_clear_error (&error);
  g_assert_true (dossier_store_create (f->store, b, &error));
  g_assert_true (dossier_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, 2);
  /* announced once, at commit */
  g_assert_cmpuint (f->changes, ==, 1);
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) ua1 = make_ua ("UA 1");
  g_autoptr(DossierRecord) ua2 = make_ua ("UA 2");
  g_autoptr(DossierRecord) kase = make_case ("Case");
  const char *channels[] = { "letter", "email", "letter", "fax", "letter" };

  g_assert_true (dossier_store_create (f->store, kase, &error));
  {
    const char *case_ids[] = { dossier_record_get_id (kase), NULL };
    dossier_record_set_strv (ua2, "case-ids", case_ids);
  }
  dossier_record_set_string (ua1, "deadline", "2026-12-01");
  dossier_record_set_string (ua2, "deadline", "2026-11-25");
  dossier_record_set_string (ua2, "status", "closed");
  g_assert_true (dossier_store_create (f->store, ua1, &error));
  g_assert_true (dossier_store_create (f->store, ua2, &error));

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
      g_autofree char *date = g_strdup_printf ("2026-11-%02u", i + 1);

      dossier_record_set_string (action, "ua-id", dossier_record_get_id (i % 2 ? ua2 : ua1));
      dossier_record_set_string (action, "channel", channels[i]);
      dossier_record_set_string (action, "date", date);
      g_assert_true (dossier_store_create (f->store, action, &error));
    }
  g_assert_no_error (error);

  {
    g_autoptr(DossierQuery) q = dossier_query_new (DOSSIER_TYPE_ACTION);
    g_autoptr(GPtrArray) rows = NULL;

    dossier_query_filter_text (q, "channel", DOSSIER_QUERY_EQ, "letter");
    dossier_query_sort (q, "date", TRUE);
    g_assert_cmpint (dossier_store_count (f->store, q, &error), ==, 3);
    rows = dossier_store_query (f->store, q, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpstr (dossier_record_get_string (rows->pdata[0], "date"), ==, "2026-11-05");
    g_assert_cmpstr (dossier_record_get_string (rows->pdata[2], "date"), ==, "2026-11-01");
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = dossier_store_query (f->store, q, 1, 1, &error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (dossier_record_get_string (rows->pdata[0], "date"), ==, "2026-11-03");
  }
  {
    g_autoptr(DossierQuery) q = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
    g_autoptr(GPtrArray) rows = NULL;

    dossier_query_filter_text (q, "case-ids", DOSSIER_QUERY_LINKS_TO, dossier_record_get_id (kase));
    rows = dossier_store_query (f->store, q, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (dossier_record_get_string (rows->pdata[0], "reference"), ==, "UA 2");
  }
  {
    g_autoptr(DossierQuery) q = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
    dossier_query_filter_text (q, "status", DOSSIER_QUERY_NE, "closed");
    dossier_query_filter_null (q, "deadline", FALSE);
    g_assert_cmpint (dossier_store_count (f->store, q, &error), ==, 1);
  }
  {
    /* a vocabulary in an order of its own: closed before open */
    const char *order[] = { "closed", "open", NULL };
    const char *bad[] = { "open') --", NULL };
    g_autoptr(DossierQuery) q = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
    g_autoptr(DossierQuery) hostile = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
    g_autoptr(GPtrArray) rows = NULL;

    dossier_query_sort_by_values (q, "status", order);
    rows = dossier_store_query (f->store, q, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpstr (dossier_record_get_string (rows->pdata[0], "status"), ==, "closed");
    dossier_query_sort_by_values (hostile, "status", bad);
    g_assert_null (dossier_store_query (f->store, hostile, 0, 10, &error));
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED);
    g_clear_error (&error);
  }
  {
    /* names that are not fields never reach SQL */
    g_autoptr(DossierQuery) q = dossier_query_new (DOSSIER_TYPE_ACTION);
    dossier_query_filter_text (q, "channel = channel OR 1", DOSSIER_QUERY_EQ, "x");
    g_assert_cmpint (dossier_store_count (f->store, q, &error), ==, -1);
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED);
    g_clear_error (&error);
  }
  {
    g_autoptr(DossierQuery) q = dossier_query_new (DOSSIER_TYPE_ACTION);
    dossier_query_sort (q, "date; DROP TABLE actions", FALSE);
    g_assert_null (dossier_store_query (f->store, q, 0, 1, &error));
    g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED);
  }
}


/* Every named rule of the schema has a message a person can read. */
static void
test_every_constraint_has_message (void)
{
  g_autoptr(GRegex) regex = g_regex_new ("CONSTRAINT ([a-z_]+)", 0, 0, NULL);
  guint n = 0;

  for (guint v = 1; v <= dossier_schema_n_migrations (); v++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (regex, dossier_schema_migration (v), 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          if (!g_str_has_suffix (name, "_unique"))
            {
              if (dossier_store_describe_constraint (name) == NULL)
                g_error ("constraint %s has no message", name);
              n++;
            }
          g_match_info_next (match, NULL);
        }
    }
  g_assert_cmpuint (n, >, 40);
}

/* A UA linking one real case and one that is not there: nothing is stored,
 * not the UA, not the link that was valid. */
static void
test_links_all_or_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = make_case ("Real");
  g_autoptr(DossierRecord) ua = make_ua ("UA 7/26");
  g_autoptr(DossierRecord) twice = make_ua ("UA 8/26");
  g_autofree char *links = NULL;

  g_assert_true (dossier_store_create (f->store, kase, &error));
  {
    const char *case_ids[] = { dossier_record_get_id (kase), "not-a-case", NULL };
    dossier_record_set_strv (ua, "case-ids", case_ids);
  }
  g_assert_false (dossier_store_create (f->store, ua, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_URGENT_ACTION), ==, 0);
  links = peek (f->path, "SELECT count(*) FROM ua_cases");
  g_assert_cmpstr (links, ==, "0");

  {
    const char *case_ids[] = { dossier_record_get_id (kase), dossier_record_get_id (kase), NULL };
    dossier_record_set_strv (twice, "case-ids", case_ids);
  }
  g_assert_false (dossier_store_create (f->store, twice, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "twice"));
  g_clear_error (&error);

  /* an update that fails on its links keeps the old links */
  {
    const char *good[] = { dossier_record_get_id (kase), NULL };
    const char *bad[] = { "not-a-case", NULL };
    g_autoptr(DossierRecord) stored = NULL;

    dossier_record_set_strv (ua, "case-ids", good);
    g_assert_true (dossier_store_create (f->store, ua, &error));
    dossier_record_set_strv (ua, "case-ids", bad);
    g_assert_false (dossier_store_update (f->store, ua, &error));
    g_clear_error (&error);
    stored = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error);
    g_assert_cmpstr (dossier_record_get_strv (stored, "case-ids")[0], ==, dossier_record_get_id (kase));
  }

  /* deleting the UA keeps the actions logged on it */
  {
    g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
    g_autoptr(DossierRecord) kept = NULL;

    dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
    g_assert_true (dossier_store_create (f->store, action, &error));
    g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error));
    kept = dossier_store_fetch (f->store, DOSSIER_TYPE_ACTION, dossier_record_get_id (action), &error);
    g_assert_no_error (error);
    g_assert_null (dossier_record_get_string (kept, "ua-id"));
  }
}

static void
test_nested_rollback_not_announced (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = make_case ("Inner");
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), f);
  dossier_record_set_string (target, "name", "Outer");

  g_assert_true (dossier_store_begin (f->store, &error));
  g_assert_true (dossier_store_create (f->store, target, &error));
  g_assert_true (dossier_store_begin (f->store, &error));
  g_assert_true (dossier_store_create (f->store, kase, &error));
  dossier_store_rollback (f->store);
  g_assert_true (dossier_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, 0);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_TARGET), ==, 1);
  /* the target was announced, the case that was undone was not */
  g_assert_cmpuint (f->changes, ==, 1);
}

/* Deleting with Undo puts back the record, what cascaded and the links. */
static void
test_delete_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = make_case ("Undone");
  g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(DossierRecord) ua = make_ua ("UA 9/26");
  g_autoptr(DossierDeletion) deletion = NULL;
  g_autoptr(DossierRecord) ua_after = NULL;
  g_autoptr(DossierRecord) ua_back = NULL;
  g_autoptr(DossierRecord) back = NULL;

  g_assert_true (dossier_store_create (f->store, kase, &error));
  dossier_record_set_string (event, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (event, "date", "2020-04-17");
  g_assert_true (dossier_store_create (f->store, event, &error));
  {
    const char *case_ids[] = { dossier_record_get_id (kase), NULL };
    dossier_record_set_strv (ua, "case-ids", case_ids);
  }
  g_assert_true (dossier_store_create (f->store, ua, &error));

  deletion = dossier_store_delete_with_undo (f->store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error);
  g_assert_no_error (error);
  g_assert_true (dossier_record_equal (dossier_deletion_get_record (deletion), kase));
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE_EVENT), ==, 0);
  ua_after = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error);
  g_assert_null (dossier_record_get_strv (ua_after, "case-ids"));

  g_assert_true (dossier_store_undo_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  back = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error);
  g_assert_true (dossier_record_equal (back, kase));
  g_assert_cmpstr (dossier_record_get_created_at (back), ==, dossier_record_get_created_at (kase));
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE_EVENT), ==, 1);
  ua_back = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error);
  g_assert_cmpstr (dossier_record_get_strv (ua_back, "case-ids")[0], ==, dossier_record_get_id (kase));

  /* a record that is not there: nothing deleted, an error */
  g_assert_null (dossier_store_delete_with_undo (f->store, DOSSIER_TYPE_CASE, "missing", &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND);
}

/* ---- deleted means gone ----
 *
 * Dossier's users include volunteers whose computers get seized: what they
 * delete, once it is final, must not be readable in the store's files by
 * anyone who reads their bytes. The tests write a marker into every text a
 * case can hold, delete or forget it, and look for the marker in the raw
 * bytes of the database, its -wal and its -shm file: as written, in
 * the search index's lower case and as the index's Latin key, in UTF-8
 * and, should SQLite ever store UTF-16, in that too. */

#define MARKER_LATIN "Zyxwvut-Forget-Marker"
#define MARKER_CYRILLIC "Жщюэфыцк-Маркер"

/* Occurrences of @needle in @haystack; ASCII letters match either case. */
static guint
count_bytes (const guint8 *haystack,
             gsize         length,
             const guint8 *needle,
             gsize         needle_length)
{
  guint n = 0;

  for (gsize i = 0; needle_length > 0 && i + needle_length <= length; i++)
    {
      gsize j = 0;

      while (j < needle_length &&
             g_ascii_tolower (haystack[i + j]) == g_ascii_tolower (needle[j]))
        j++;
      if (j == needle_length)
        n++;
    }
  return n;
}

/* The forms a text of the marker can take in the files: each word as
 * written (FTS5 keeps words lower-cased, which the comparison folds for
 * the Latin ones), the Cyrillic words lower-cased, and the search key of
 * each (dossier-translit.c), each in UTF-8, UTF-16LE and UTF-16BE. */
static GPtrArray *
marker_forms (void)
{
  const char *words[] = { "Zyxwvut", "Жщюэфыцк", "Маркер", NULL };
  GPtrArray *forms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *lower = g_utf8_strdown (words[i], -1);
      g_autofree char *key = dossier_translit_key (words[i]);
      const char *texts[] = { words[i], lower, key };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

          g_assert_true (texts[t] && *texts[t]);
          g_ptr_array_add (forms, g_bytes_new (texts[t], strlen (texts[t])));
          for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
            {
              gsize written = 0;
              g_autofree char *converted = g_convert (texts[t], -1, encodings[e], "UTF-8", NULL, &written, NULL);

              g_assert_nonnull (converted);
              g_ptr_array_add (forms, g_bytes_new (converted, written));
            }
        }
    }
  return forms;
}

/* How often any form of the marker is in the store's files at @path, as
 * they are on disk now; says which file holds how many. */
static guint
count_marker_in_files (const char *path,
                       const char *when)
{
  g_autoptr(GPtrArray) forms = marker_forms ();
  const char *suffixes[] = { "", "-wal", "-shm" };
  guint total = 0;

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[s], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      guint n = 0;

      if (!g_file_get_contents (file, &contents, &length, NULL))
        continue;
      for (guint i = 0; i < forms->len; i++)
        {
          gsize needle_length;
          const guint8 *needle = g_bytes_get_data (forms->pdata[i], &needle_length);

          n += count_bytes ((const guint8 *) contents, length, needle, needle_length);
        }
      g_test_message ("%s: the marker %u times in dossier.db%s (%" G_GSIZE_FORMAT " bytes)",
                      when, n, suffixes[s], length);
      total += n;
    }
  return total;
}

/* Cases, events and feed items around the one that goes, so that its rows
 * share pages with rows that stay. */
static void
add_neighbours (DossierStore *store,
                const char   *feed_id,
                guint         n)
{
  static guint serial;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_begin (store, &error));
  for (guint i = 0; i < n; i++, serial++)
    {
      g_autofree char *name = g_strdup_printf ("Neighbour %u", serial);
      g_autofree char *guid = g_strdup_printf ("https://example.org/neighbour/%u", serial);
      g_autoptr(DossierRecord) kase = make_case (name);
      g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
      g_autoptr(DossierRecord) item = DOSSIER_RECORD (dossier_feed_item_new ());

      dossier_record_set_string (kase, "summary", "Detained after a peaceful protest in the capital.");
      g_assert_true (dossier_store_create (store, kase, &error));
      dossier_record_set_string (event, "case-id", dossier_record_get_id (kase));
      dossier_record_set_string (event, "kind", "hearing");
      dossier_record_set_string (event, "date", "2021-05-04");
      dossier_record_set_string (event, "text", "The hearing was postponed again.");
      g_assert_true (dossier_store_create (store, event, &error));
      dossier_record_set_string (item, "feed-id", feed_id);
      dossier_record_set_string (item, "guid", guid);
      dossier_record_set_string (item, "title", "Another hearing postponed");
      g_assert_true (dossier_store_create (store, item, &error));
    }
  g_assert_true (dossier_store_commit (store, &error));
}

typedef struct
{
  char *case_id;
  char *other_case_id;
  char *only_ua_id;
  char *shared_ua_id;
  char *kept_action_id;
  char *kept_item_id;
} MarkedStore;

static void
marked_store_clear (MarkedStore *m)
{
  g_free (m->case_id);
  g_free (m->other_case_id);
  g_free (m->only_ua_id);
  g_free (m->shared_ua_id);
  g_free (m->kept_action_id);
  g_free (m->kept_item_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MarkedStore, marked_store_clear)

static DossierRecord *
make_action (const char *ua_id,
             const char *state,
             const char *notes,
             const char *letter)
{
  DossierRecord *action = DOSSIER_RECORD (dossier_action_new ());

  dossier_record_set_string (action, "ua-id", ua_id);
  dossier_record_set_string (action, "channel", "letter");
  dossier_record_set_string (action, "date", "2021-06-01");
  dossier_record_set_string (action, "state", state);
  dossier_record_set_boolean (action, "mine", TRUE);
  dossier_record_set_string (action, "notes", notes);
  dossier_record_set_string (action, "letter-text", letter);
  return action;
}

/* A case with the marker in every text it has, and in those of what is
 * about it alone: its charge, events, an urgent action for it alone with
 * a logged action, a letter and a draft, and a feed item linked to it; an
 * urgent action shared with another case; neighbours all around. */
static void
fill_marked_store (DossierStore *store,
                   MarkedStore  *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(DossierRecord) kase = make_case (MARKER_LATIN " " MARKER_CYRILLIC);
  g_autoptr(DossierRecord) other = make_case ("Another Person");
  g_autoptr(DossierRecord) charge = DOSSIER_RECORD (dossier_charge_new ());
  g_autoptr(DossierRecord) only_ua = make_ua ("UA 1/99");
  g_autoptr(DossierRecord) shared_ua = make_ua ("UA 2/99");
  g_autoptr(DossierRecord) item = DOSSIER_RECORD (dossier_feed_item_new ());
  g_autoptr(DossierRecord) kept_item = DOSSIER_RECORD (dossier_feed_item_new ());
  g_autoptr(DossierRecord) sent = NULL;
  g_autoptr(DossierRecord) draft = NULL;
  g_autoptr(DossierRecord) kept_action = NULL;
  const char *other_names[] = { MARKER_CYRILLIC, "Zyxwvut Forget", NULL };
  const char *tags[] = { "zyxwvut-tag", NULL };

  dossier_record_set_string (feed, "url", "https://example.org/news.xml");
  g_assert_true (dossier_store_create (store, feed, &error));
  add_neighbours (store, dossier_record_get_id (feed), 150);

  /* the case's id is its name's too, as a campaign's may be */
  dossier_record_set_id (kase, "case-zyxwvut-forget-marker");
  dossier_record_set_strv (kase, "other-names", other_names);
  dossier_record_set_strv (kase, "tags", tags);
  dossier_record_set_string (kase, "city", "Zyxwvut city");
  dossier_record_set_string (kase, "summary", "Summary of " MARKER_LATIN ", " MARKER_CYRILLIC ".");
  dossier_record_set_string (kase, "health-concerns", MARKER_CYRILLIC " needs medication.");
  dossier_record_set_string (kase, "notes", "My notes on " MARKER_LATIN);
  dossier_record_set_string (kase, "translations", "{\"ru\":{\"name\":\"" MARKER_CYRILLIC " (ru)\"}}");
  g_assert_true (dossier_store_create (store, kase, &error));
  g_assert_no_error (error);
  g_assert_true (dossier_store_create (store, other, &error));

  dossier_record_set_string (charge, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (charge, "article", "174");
  dossier_record_set_string (charge, "description", "Charged because " MARKER_LATIN " wrote a post");
  g_assert_true (dossier_store_create (store, charge, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());

      dossier_record_set_string (event, "case-id", dossier_record_get_id (kase));
      dossier_record_set_string (event, "kind", "hearing");
      dossier_record_set_string (event, "date", "2021-05-05");
      dossier_record_set_string (event, "title", "Hearing of " MARKER_CYRILLIC);
      dossier_record_set_string (event, "text", MARKER_LATIN " spoke to the court.");
      g_assert_true (dossier_store_create (store, event, &error));
    }

  {
    const char *only[] = { dossier_record_get_id (kase), NULL };
    const char *both[] = { dossier_record_get_id (other), dossier_record_get_id (kase), NULL };

    dossier_record_set_strv (only_ua, "case-ids", only);
    dossier_record_set_strv (shared_ua, "case-ids", both);
  }
  g_assert_true (dossier_store_create (store, only_ua, &error));
  g_assert_true (dossier_store_create (store, shared_ua, &error));

  sent = make_action (dossier_record_get_id (only_ua), "sent", "Posted for " MARKER_CYRILLIC,
                      "Dear Prosecutor,\n\nRelease " MARKER_LATIN " now.\n\nYours");
  draft = make_action (dossier_record_get_id (only_ua), "drafted", "",
                       "Dear Prosecutor,\n\nRelease " MARKER_CYRILLIC ".");
  kept_action = make_action (dossier_record_get_id (shared_ua), "sent", "A letter for the other case", "");
  g_assert_true (dossier_store_create (store, sent, &error));
  g_assert_true (dossier_store_create (store, draft, &error));
  g_assert_true (dossier_store_create (store, kept_action, &error));

  dossier_record_set_string (item, "feed-id", dossier_record_get_id (feed));
  dossier_record_set_string (item, "guid", "https://example.org/news/zyxwvut");
  dossier_record_set_string (item, "title", MARKER_LATIN " sentenced");
  dossier_record_set_string (item, "content", "<p>" MARKER_CYRILLIC " was sentenced.</p>");
  dossier_record_set_string (item, "link", "https://example.org/news/zyxwvut");
  dossier_record_set_string (item, "case-id", dossier_record_get_id (kase));
  g_assert_true (dossier_store_create (store, item, &error));
  dossier_record_set_string (kept_item, "feed-id", dossier_record_get_id (feed));
  dossier_record_set_string (kept_item, "guid", "https://example.org/news/kept");
  dossier_record_set_string (kept_item, "title", "News about nobody in particular");
  g_assert_true (dossier_store_create (store, kept_item, &error));

  /* more neighbours written after: the case is in the middle */
  add_neighbours (store, dossier_record_get_id (feed), 150);
  g_assert_no_error (error);

  m->case_id = g_strdup (dossier_record_get_id (kase));
  m->other_case_id = g_strdup (dossier_record_get_id (other));
  m->only_ua_id = g_strdup (dossier_record_get_id (only_ua));
  m->shared_ua_id = g_strdup (dossier_record_get_id (shared_ua));
  m->kept_action_id = g_strdup (dossier_record_get_id (kept_action));
  m->kept_item_id = g_strdup (dossier_record_get_id (kept_item));
}

/* Forget a Case: the case and everything about it alone are gone from the
 * files, once forgotten and scrubbed, while the store is still open and
 * after it is closed; what is the campaign's or other cases' stays. */
static void
test_forget_case_leaves_no_trace (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_auto(MarkedStore) m = { NULL, };
  DossierForgetCounts counts, forgotten;
  guint before;

  fill_marked_store (store, &m);
  /* the scan finds the marker where it is: in the open store's files… */
  before = count_marker_in_files (path, "written");
  g_assert_cmpuint (before, >, 0);

  g_assert_true (dossier_store_count_forget (store, m.case_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.charges, ==, 1);
  g_assert_cmpuint (counts.events, ==, 3);
  g_assert_cmpuint (counts.actions, ==, 1);
  g_assert_cmpuint (counts.drafts, ==, 1);
  g_assert_cmpuint (counts.letters, ==, 2);
  g_assert_cmpuint (counts.updates, ==, 1);
  g_assert_cmpuint (counts.uas_emptied, ==, 1);
  g_assert_cmpuint (counts.uas_unlinked, ==, 1);
  {
    g_autofree char *text = dossier_forget_describe (&counts, "• ");

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "• 3 events"));
    g_assert_nonnull (strstr (text, "• 1 draft"));
    g_assert_nonnull (strstr (text, "1 urgent action about this case alone stays"));
  }

  /* …and in the closed store's, where the index has merged its segments */
  g_clear_object (&store);
  g_assert_cmpuint (count_marker_in_files (path, "closed"), >, 0);
  store = dossier_test_open_store (dir);

  g_assert_true (dossier_store_forget_case (store, m.case_id, &forgotten, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (&counts, &forgotten, sizeof counts) == 0);
  g_assert_true (dossier_store_scrub (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_marker_in_files (path, "forgotten, store open"), ==, 0);

  /* what was not about this case alone stays */
  {
    g_autoptr(DossierRecord) shared = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, m.shared_ua_id, &error);
    g_autoptr(DossierRecord) only = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, m.only_ua_id, &error);
    g_autoptr(DossierRecord) other = dossier_store_fetch (store, DOSSIER_TYPE_CASE, m.other_case_id, &error);
    g_autoptr(DossierRecord) action = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, m.kept_action_id, &error);
    g_autoptr(DossierRecord) item = dossier_store_fetch (store, DOSSIER_TYPE_FEED_ITEM, m.kept_item_id, &error);
    g_autoptr(DossierQuery) only_actions = dossier_query_new (DOSSIER_TYPE_ACTION);
    g_autoptr(GPtrArray) hits = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((char **) dossier_record_get_strv (shared, "case-ids")), ==, 1);
    g_assert_cmpstr (dossier_record_get_strv (shared, "case-ids")[0], ==, m.other_case_id);
    g_assert_null (dossier_record_get_strv (only, "case-ids"));
    g_assert_nonnull (other);
    g_assert_nonnull (action);
    g_assert_nonnull (item);
    dossier_query_filter_text (only_actions, "ua-id", DOSSIER_QUERY_EQ, m.only_ua_id);
    g_assert_cmpint (dossier_store_count (store, only_actions, NULL), ==, 0);
    g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE, m.case_id, NULL));
    g_assert_cmpint (count (store, DOSSIER_TYPE_CASE), ==, 301);
    g_assert_cmpint (count (store, DOSSIER_TYPE_CASE_EVENT), ==, 300);
    g_assert_cmpint (count (store, DOSSIER_TYPE_FEED_ITEM), ==, 301);
    g_assert_cmpint (count (store, DOSSIER_TYPE_CHARGE), ==, 0);
    /* search still works, and finds nothing of it */
    hits = dossier_store_search (store, "Zyxwvut", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = dossier_store_search (store, "Neighbour", 10, &error);
    g_assert_cmpuint (hits->len, >, 0);
  }
  {
    g_autofree char *problems = NULL;

    g_assert_true (dossier_store_check_integrity (store, &problems, &error));
    g_assert_null (problems);
  }

  g_clear_object (&store);
  g_assert_cmpuint (count_marker_in_files (path, "forgotten, store closed"), ==, 0);

  /* a case that is not there: an error, and nothing else */
  store = dossier_test_open_store (dir);
  g_assert_false (dossier_store_forget_case (store, "no-such-case", NULL, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

static void
on_scrubbed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_scrub_finish (DOSSIER_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

/* An ordinary deletion, with Undo: its text stays in the files while Undo
 * can bring it back, and is gone once the window makes it final by
 * scrubbing the store (dossier_store_scrub_async(), as it does when the
 * Undo toast goes). */
static void
test_deletion_final_leaves_no_trace (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_auto(MarkedStore) m = { NULL, };
  g_autoptr(DossierDeletion) deletion = NULL;
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(GPtrArray) actions = NULL;
  gboolean scrubbed = FALSE;

  fill_marked_store (store, &m);
  /* what is left of the marker once the case is deleted: the actions'
   * notes and letters and the feed item, which only lose their link */
  dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, m.only_ua_id);
  actions = dossier_store_query (store, query, 0, 10, &error);
  g_assert_cmpuint (actions->len, ==, 2);
  for (guint i = 0; i < actions->len; i++)
    g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (actions->pdata[i]), &error));
  {
    g_autoptr(DossierQuery) items = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
    g_autoptr(GPtrArray) linked = NULL;

    dossier_query_filter_text (items, "case-id", DOSSIER_QUERY_EQ, m.case_id);
    linked = dossier_store_query (store, items, 0, 10, &error);
    g_assert_cmpuint (linked->len, ==, 1);
    g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_FEED_ITEM, dossier_record_get_id (linked->pdata[0]), &error));
  }

  deletion = dossier_store_delete_with_undo (store, DOSSIER_TYPE_CASE, m.case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  /* Undo can still bring it back: the deleted text is still in the files */
  g_assert_cmpuint (count_marker_in_files (path, "deleted, Undo offered"), >, 0);

  /* the toast goes: the deletion is final */
  g_clear_pointer (&deletion, dossier_deletion_free);
  dossier_store_scrub_async (store, NULL, on_scrubbed_cb, &scrubbed);
  while (!scrubbed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_marker_in_files (path, "deletion final, store open"), ==, 0);
  {
    g_autoptr(DossierRecord) kept = dossier_store_fetch (store, DOSSIER_TYPE_CASE, m.other_case_id, &error);

    g_assert_nonnull (kept);
  }
  g_clear_object (&store);
  g_assert_cmpuint (count_marker_in_files (path, "deletion final, store closed"), ==, 0);
  dossier_test_remove_dir (dir);
}

/* Another program's SQLite file gets none of our tables. */
static void
test_foreign_database_refused (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autofree char *tables = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dossier_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE);
  tables = peek (path, "SELECT group_concat(name) FROM sqlite_master");
  g_assert_cmpstr (tables, ==, "contacts");
  dossier_test_remove_dir (dir);
}

/* A store copied in with loose permissions is made private on open. */
static void
test_permissions_tightened (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierRecord) kase = make_case ("Private");
  g_autoptr(DossierRecord) again = make_case ("Again");
  struct stat st;

  g_assert_true (dossier_store_create (store, kase, NULL));
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = dossier_test_open_store (dir);
  g_assert_true (dossier_store_create (store, again, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* Two processes opening one new store at once: both succeed. */
static void
test_concurrent_first_open (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  const char *binary = g_getenv ("DOSSIER_BINARY");

  if (binary == NULL)
    {
      g_test_skip ("DOSSIER_BINARY is not set");
      return;
    }
  g_autofree char *campaign = g_build_filename (dir, "campaign.json", NULL);

  g_assert_true (g_file_set_contents (campaign,
                                      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
                                      " {\"id\": \"a\", \"_dossier\": {\"type\": \"target\","
                                      " \"id\": \"t\", \"name\": \"A target\"}}]}", -1, NULL));
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/%u", dir, round);
      /* import creates the store (export, which only reads, no longer
       * does), and all four write the same record */
      const char *argv[] = { binary, "--data-dir", sub, "import", campaign, NULL };
      GPid pids[4];
      int status;

      for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
        {
          g_autoptr(GError) error = NULL;

          g_spawn_async (NULL, (char **) argv, NULL,
                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                         NULL, NULL, &pids[i], &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
        {
          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          g_spawn_close_pid (pids[i]);
        }
    }
  dossier_test_remove_dir (dir);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? atol (line + 6) : -1;
}

/* Reads @list's items at @positions and compares each with what OFFSET
 * gives for that position: the pages read by key hold the same rows. */
static void
assert_list_matches (DossierRecordList *list,
                     GPtrArray         *expected,
                     const guint       *positions,
                     guint              n_positions)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < n_positions; i++)
    {
      g_autoptr(DossierRecord) item = g_list_model_get_item (G_LIST_MODEL (list), positions[i]);

      g_assert_nonnull (item);
      g_assert_cmpstr (dossier_record_get_id (item), ==,
                       dossier_record_get_id (expected->pdata[positions[i]]));
    }
}

/* Pages by key, in every way a view asks for them: in order, backwards,
 * jumping before and after the landmarks are gathered; on an order with
 * NULLs and ties (feed items by publication time, newest first) and one
 * by an expression and a name (cases as the reports group them). */
static void
test_pages_by_key (Fixture       *f,
                   gconstpointer  data)
{
  const guint n_items = 3000;
  static const char * const statuses[] = { "imprisoned", "released", "detained", NULL };
  g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  DossierQuery *queries[2];

  dossier_record_set_string (feed, "url", "https://example.org/feed.json");
  g_assert_true (dossier_store_create (f->store, feed, &error));
  g_assert_true (dossier_store_begin (f->store, &error));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DossierRecord) item = DOSSIER_RECORD (dossier_feed_item_new ());
      g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
      g_autofree char *guid = g_strdup_printf ("item-%u", i);
      g_autofree char *published = g_strdup_printf ("2026-01-%02uT10:00:00Z", 1 + i % 28);
      g_autofree char *name = g_strdup_printf ("%c%c person", 'A' + i % 26, 'a' + i % 7);

      dossier_record_set_string (item, "feed-id", dossier_record_get_id (feed));
      dossier_record_set_string (item, "guid", guid);
      /* one in five has no time; many share one */
      dossier_record_set_string (item, "published", i % 5 == 0 ? NULL : published);
      g_assert_true (dossier_store_create (f->store, item, &error));
      dossier_record_set_string (kase, "name", name);
      dossier_record_set_string (kase, "status", statuses[i % 3]);
      g_assert_true (dossier_store_create (f->store, kase, &error));
    }
  g_assert_true (dossier_store_commit (f->store, &error));
  g_assert_no_error (error);

  queries[0] = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  dossier_query_sort (queries[0], "published", TRUE);
  queries[1] = dossier_query_new (DOSSIER_TYPE_CASE);
  dossier_query_sort_by_values (queries[1], "status", (const char * const *) statuses);
  dossier_query_sort (queries[1], "name", FALSE);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) expected = dossier_store_query (f->store, queries[q], 0, G_MAXUINT, &error);
      guint *order;

      g_assert_no_error (error);
      g_assert_cmpuint (expected->len, ==, n_items);

      /* forwards, then backwards, on lists of their own */
      g_array_set_size (positions, 0);
      for (guint i = 0; i < n_items; i++)
        g_array_append_val (positions, i);
      {
        g_autoptr(DossierRecordList) list = dossier_record_list_new (f->store, queries[q]);

        assert_list_matches (list, expected, (guint *) positions->data, positions->len);
      }
      order = (guint *) positions->data;
      for (guint i = 0; i < n_items / 2; i++)
        {
          guint swap = order[i];

          order[i] = order[n_items - 1 - i];
          order[n_items - 1 - i] = swap;
        }
      {
        g_autoptr(DossierRecordList) list = dossier_record_list_new (f->store, queries[q]);

        assert_list_matches (list, expected, order, n_items);
      }

      /* jumps, before the landmarks and after */
      g_array_set_size (positions, 0);
      for (guint i = 0; i < 200; i++)
        {
          guint position = g_rand_int_range (rand, 0, n_items);

          g_array_append_val (positions, position);
        }
      {
        g_autoptr(DossierRecordList) list = dossier_record_list_new (f->store, queries[q]);

        assert_list_matches (list, expected, (guint *) positions->data, positions->len);
        while (g_main_context_iteration (NULL, FALSE))
          ;
        assert_list_matches (list, expected, (guint *) positions->data, positions->len);
        g_assert_cmpuint (dossier_record_list_get_n_materialized (list), <=,
                          DOSSIER_RECORD_LIST_PAGE_SIZE * DOSSIER_RECORD_LIST_MAX_PAGES);
      }
      dossier_query_unref (queries[q]);
    }
}

/* The list over 100,000 rows holds only the pages it was asked for. */
static void
test_lazy_list (Fixture       *f,
                gconstpointer  data)
{
  const guint n_rows = 100000;
  const guint cap = DOSSIER_RECORD_LIST_PAGE_SIZE * DOSSIER_RECORD_LIST_MAX_PAGES;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) ua = make_ua ("UA 100/26");
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(DossierRecordList) list = NULL;
  g_autoptr(DossierRecord) first = NULL;
  g_autoptr(DossierRecord) middle = NULL;
  g_autoptr(DossierRecord) last = NULL;
  guint calls = 0;
  long rss_before, rss_after;
  gint64 t0;

  g_assert_true (dossier_store_create (f->store, ua, &error));
  g_assert_true (dossier_store_begin (f->store, &error));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2000 + i / 4000, 1 + (i / 300) % 12, 1 + i % 28);

      dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
      dossier_record_set_string (action, "date", date);
      dossier_record_set_string (action, "volunteer", i % 2 ? "Айгүл Серікқызы" : "Jonas Weber");
      g_assert_true (dossier_store_create (f->store, action, &error));
    }
  g_assert_true (dossier_store_commit (f->store, &error));
  g_assert_no_error (error);

  rss_before = rss_kib ();
  t0 = g_get_monotonic_time ();
  dossier_query_sort (query, "date", TRUE);
  list = dossier_record_list_new (f->store, query);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &calls);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_rows);
  g_assert_cmpuint (dossier_record_list_get_n_materialized (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  middle = g_list_model_get_item (G_LIST_MODEL (list), n_rows / 2);
  last = g_list_model_get_item (G_LIST_MODEL (list), n_rows - 1);
  g_assert_nonnull (first);
  g_assert_nonnull (middle);
  g_assert_nonnull (last);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n_rows));
  g_assert_cmpstr (dossier_record_get_string (first, "date"), >=, dossier_record_get_string (middle, "date"));
  g_assert_cmpstr (dossier_record_get_string (middle, "date"), >=, dossier_record_get_string (last, "date"));
  g_assert_cmpuint (dossier_record_list_get_n_materialized (list), <=, 3 * DOSSIER_RECORD_LIST_PAGE_SIZE);

  /* scrolling through 5,000 rows keeps at most the page cache */
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), 20000 + i);
      g_assert_nonnull (item);
      g_assert_cmpuint (dossier_record_list_get_n_materialized (list), <=, cap);
    }
  rss_after = rss_kib ();
  g_test_message ("100,000-row list: %u records materialised of %u; RSS grew %ld KiB; %.1f ms",
                  dossier_record_list_get_n_materialized (list), n_rows,
                  rss_after - rss_before, (g_get_monotonic_time () - t0) / 1000.0);
  /* 512 records are well under a megabyte; 100,000 would be tens of them */
  g_assert_cmpint (rss_after - rss_before, <, 16 * 1024);

  /* the model follows the store */
  {
    g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
    dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
    dossier_record_set_string (action, "date", "2030-01-01");
    g_assert_true (dossier_store_create (f->store, action, &error));
  }
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_rows + 1);
  {
    g_autoptr(DossierRecord) newest = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (dossier_record_get_string (newest, "date"), ==, "2030-01-01");
  }

  /* a filtered view of the same rows */
  {
    g_autoptr(DossierQuery) mine = dossier_query_new (DOSSIER_TYPE_ACTION);
    dossier_query_filter_text (mine, "volunteer", DOSSIER_QUERY_EQ, "Айгүл Серікқызы");
    dossier_record_list_set_query (list, mine);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_rows / 2);
    g_assert_cmpuint (calls, ==, 2);
  }
}

/* The Cases list is read in the reports' order from an index: the order
 * the window asks for is the one the index was made with, and SQLite uses
 * the index for the query the store writes for it. */
static void
test_cases_order_indexed (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *joined = g_strjoinv (",", (char **) dossier_case_report_order);
  g_autofree char *sql = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpstr (joined, ==, DOSSIER_CASE_REPORT_ORDER_LIST);
  sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT t.id FROM cases AS t ORDER BY"
                         " coalesce(nullif(instr(',%s,', ',' || t.status || ','), 0), 1000000), t.name, t.rowid"
                         " LIMIT 50", joined);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "cases_by_report_order"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/open/new", Fixture, NULL, fixture_set_up, test_open_new, fixture_tear_down);
  g_test_add ("/store/cases/order-indexed", Fixture, NULL, fixture_set_up, test_cases_order_indexed, fixture_tear_down);
  g_test_add_func ("/store/open/private-folder", test_open_private_folder);
  g_test_add ("/store/open/foreign-keys", Fixture, NULL, fixture_set_up, test_foreign_keys_on, fixture_tear_down);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate/from-v3", test_migrate_from_v3);
  g_test_add_func ("/store/migrate/from-v4", test_migrate_from_v4);
  g_test_add_func ("/store/migrate/from-v6", test_migrate_from_v6);
  g_test_add_func ("/store/migrate/to-v8", test_migrate_to_v8);
  g_test_add_func ("/store/migrate/to-v9", test_migrate_to_v9);
  g_test_add_func ("/store/migrate/to-v10", test_migrate_to_v10);
  g_test_add_func ("/store/migrate/to-v11", test_migrate_to_v11);
  g_test_add_func ("/store/migrate/to-v12", test_migrate_to_v12);
  g_test_add_func ("/store/migrate/async", test_open_async_migrates);
  g_test_add_func ("/store/open/too-new", test_too_new_refused);
  g_test_add_func ("/store/open/not-a-store", test_not_a_store);
  g_test_add ("/store/records/round-trip", Fixture, NULL, fixture_set_up, test_round_trip_all_kinds, fixture_tear_down);
  g_test_add ("/store/records/constraints", Fixture, NULL, fixture_set_up, test_constraints, fixture_tear_down);
  g_test_add ("/store/records/enums-match-schema", Fixture, NULL, fixture_set_up, test_enums_match_schema, fixture_tear_down);
  g_test_add ("/store/transactions", Fixture, NULL, fixture_set_up, test_transactions, fixture_tear_down);
  g_test_add ("/store/query", Fixture, NULL, fixture_set_up, test_query, fixture_tear_down);
  g_test_add_func ("/store/schema/every-constraint-has-message", test_every_constraint_has_message);
  g_test_add ("/store/records/links-all-or-nothing", Fixture, NULL, fixture_set_up, test_links_all_or_nothing, fixture_tear_down);
  g_test_add ("/store/transactions/nested-rollback", Fixture, NULL, fixture_set_up, test_nested_rollback_not_announced, fixture_tear_down);
  g_test_add ("/store/records/delete-with-undo", Fixture, NULL, fixture_set_up, test_delete_with_undo, fixture_tear_down);
  g_test_add_func ("/store/records/forget-case-leaves-no-trace", test_forget_case_leaves_no_trace);
  g_test_add_func ("/store/records/deletion-final-leaves-no-trace", test_deletion_final_leaves_no_trace);
  g_test_add_func ("/store/open/foreign-database", test_foreign_database_refused);
  g_test_add_func ("/store/open/permissions-tightened", test_permissions_tightened);
  g_test_add_func ("/store/open/concurrent-first-open", test_concurrent_first_open);
  g_test_add ("/store/list/pages-by-key", Fixture, NULL, fixture_set_up, test_pages_by_key, fixture_tear_down);
  g_test_add ("/store/list/lazy-100000", Fixture, NULL, fixture_set_up, test_lazy_list, fixture_tear_down);

  return g_test_run ();
}
