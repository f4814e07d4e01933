/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "dossier-action.h"
#include "dossier-campaign.h"
#include "dossier-logging.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-json-write.h"
#include "dossier-charge.h"
#include "dossier-store.h"
#include "dossier-target.h"
#include "dossier-test-utils.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

/* The campaign format: the sample campaign imported into a real store,
 * imported again, changed, exported and read back; and every kind of bad
 * file refused with a message that names the item and the field, leaving
 * the store exactly as it was. */

typedef struct
{
  char         *dir;
  DossierStore *store;
  char         *sample;
  guint         changes;
} Fixture;

static void
on_changed_cb (DossierStore *store,
               GType         kind,
               gpointer      user_data)
{
  Fixture *f = user_data;

  f->changes++;
}

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GError) error = NULL;

  f->dir = dossier_test_make_dir ();
  f->store = dossier_test_open_store (f->dir);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), f);
  g_file_get_contents (path, &f->sample, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dossier_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->sample);
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

static DossierImportStats
import (DossierStore *store,
        const char   *text)
{
  DossierImportStats stats;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_campaign_import_data (store, text, -1, &stats, &error));
  g_assert_no_error (error);
  return stats;
}

static char *
export (DossierStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = dossier_campaign_export (store, "Test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  return root;
}

static char *
serialize (JsonNode *root)
{
  return json_to_string (root, TRUE);
}

static JsonArray *
items_of (JsonNode *root)
{
  return json_object_get_array_member (json_node_get_object (root), "items");
}

/* The `_dossier` object of the item describing @id, and its position. */
static JsonObject *
find_record (JsonNode   *root,
             const char *id,
             guint      *index)
{
  JsonArray *items = items_of (root);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *record;

      if (!json_object_has_member (item, "_dossier"))
        continue;
      record = json_object_get_object_member (item, "_dossier");
      if (g_strcmp0 (json_object_get_string_member (record, "id"), id) == 0)
        {
          if (index)
            *index = i + 1;
          return record;
        }
    }
  g_assert_not_reached ();
}

/* How many items of the sample describe records of @type. */
static guint
count_in_file (const char *text,
               const char *type)
{
  g_autoptr(JsonNode) root = parse (text);
  JsonArray *items = items_of (root);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_has_member (item, "_dossier") &&
          (type == NULL ||
           g_str_equal (json_object_get_string_member (json_object_get_object_member (item, "_dossier"), "type"), type)))
        n++;
    }
  return n;
}

/* "kind/id" → updated_at of every record of the store. */
static GHashTable *
collect_times (DossierStore *store)
{
  const GType kinds[] = {
    DOSSIER_TYPE_CASE, DOSSIER_TYPE_CHARGE, DOSSIER_TYPE_CASE_EVENT,
    DOSSIER_TYPE_TARGET, DOSSIER_TYPE_URGENT_ACTION,
  };
  GHashTable *times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (kinds[k]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = dossier_store_query (store, query, 0, G_MAXUINT, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < records->len; i++)
        g_hash_table_insert (times,
                             g_strdup_printf ("%s/%s", g_type_name (kinds[k]),
                                              dossier_record_get_id (records->pdata[i])),
                             g_strdup (dossier_record_get_updated_at (records->pdata[i])));
    }
  return times;
}

static guint
count_changed_times (GHashTable *before,
                     GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;
  guint changed = 0;

  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (after, key)) != 0)
      changed++;
  return changed;
}

/* ---- the sample campaign ---- */

static void
test_import_sample (Fixture       *f,
                    gconstpointer  data)
{
  DossierImportStats stats;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) ilyashev = NULL;
  g_autoptr(DossierRecord) charge = NULL;
  g_autoptr(DossierRecord) target = NULL;
  g_autoptr(DossierQuery) events = NULL;
  g_autofree char *path = sample_path ();
  g_autofree char *problems = NULL;
  g_autoptr(DossierRecord) appeal = NULL;
  g_autofree char *ru_salutation = NULL;
  g_autofree char *ru_from = NULL;
  g_autofree char *ru_name = NULL;
  g_autofree char *ru_name_from = NULL;
  g_auto(GStrv) ru_asks = NULL;
  g_autofree char *ru_asks_from = NULL;
  /* the NGO report's groups, as the report groups them, and Ilyashev's
   * restricted freedom and one case released before the report */
  const char *statuses[] = {
    "imprisoned", "suspended-sentence", "forced-psychiatric-treatment", "prosecution-continues",
    "extradition-risk", "at-risk-abroad", "restricted-freedom", "released",
  };

  g_assert_true (dossier_campaign_import_file (f->store, path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.created, ==, count_in_file (f->sample, NULL));
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 0);
  /* the news are the items of the campaign's own feed, not fetched */
  g_assert_cmpuint (stats.news_added, ==, 2);
  g_assert_cmpuint (count (f->store, DOSSIER_TYPE_FEED_ITEM), ==, 2);
  g_assert_cmpuint (count (f->store, DOSSIER_TYPE_FEED), ==, 1);
  /* one transaction: one signal per kind written, the feed and its items too */
  g_assert_cmpuint (f->changes, ==, 7);

  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, count_in_file (f->sample, "case"));
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), >=, 11);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE_EVENT), ==, count_in_file (f->sample, "case_event"));
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_TARGET), ==, count_in_file (f->sample, "target"));
  /* UA 065/20, and the report's appeal to write to the officials it lists */
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_URGENT_ACTION), ==, 2);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CHARGE), >=, count (f->store, DOSSIER_TYPE_CASE));

  /* every status group of the NGO report */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE);

      dossier_query_filter_text (query, "status", DOSSIER_QUERY_EQ, statuses[i]);
      g_assert_cmpint (dossier_store_count (f->store, query, NULL), >=, 1);
    }

  ua = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "reference"), ==, "UA 065/20");
  g_assert_cmpstr (dossier_record_get_string (ua, "ua-index"), ==, "EUR 57/2227/2020");
  g_assert_cmpstr (dossier_record_get_string (ua, "deadline"), ==, "2020-06-08");
  g_assert_cmpstr (dossier_record_get_strv (ua, "case-ids")[0], ==, "case-alnur-ilyashev");
  g_assert_cmpstr (dossier_record_get_string (ua, "kind"), ==, "urgent-action");
  g_assert_nonnull (dossier_record_get_strv (ua, "hashtags"));
  /* the UA's one ask, translated by the file's author, and marked so */
  ru_asks = dossier_record_get_strv_in (ua, "key-points", "ru", TRUE, NULL, &ru_asks_from);
  g_assert_cmpuint (g_strv_length (ru_asks), ==, g_strv_length ((char **) dossier_record_get_strv (ua, "key-points")));
  g_assert_cmpstr (ru_asks_from, ==, "en");

  appeal = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, "appeal-odf-report-2017", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (appeal, "kind"), ==, "appeal");
  g_assert_cmpstr (dossier_record_get_string (appeal, "status"), ==, "open");
  g_assert_true (dossier_text_is_blank (dossier_record_get_string (appeal, "deadline")));
  g_assert_cmpuint (g_strv_length ((char **) dossier_record_get_strv (appeal, "case-ids")), ==,
                    count (f->store, DOSSIER_TYPE_CASE) - 1);
  g_assert_cmpuint (g_strv_length ((char **) dossier_record_get_strv (appeal, "target-ids")), ==,
                    count (f->store, DOSSIER_TYPE_TARGET) - 1);

  /* the Prosecutor General: an office, its salutation in English, and in
   * German, Russian and Kazakh as the file's author translated it; no
   * language of its own, which no source gives */
  target = dossier_store_fetch (f->store, DOSSIER_TYPE_TARGET, dossier_record_get_strv (ua, "target-ids")[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (target, "name"), ==, "Prosecutor General");
  g_assert_cmpstr (dossier_record_get_string (target, "salutation"), ==, "Dear Prosecutor General,");
  g_assert_cmpstr (dossier_record_get_strv (target, "handles")[0], ==, "@GenProkRK");
  g_assert_true (dossier_text_is_blank (dossier_record_get_string (target, "language")));
  ru_salutation = dossier_record_get_text_in (target, "salutation", "ru", TRUE, NULL, &ru_from);
  g_assert_cmpstr (ru_salutation, ==, "Уважаемый господин Генеральный прокурор!");
  g_assert_cmpstr (ru_from, ==, "en");

  ilyashev = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, "case-alnur-ilyashev", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ilyashev, "name"), ==, "Alnur Ilyashev");
  g_assert_cmpstr (dossier_record_get_strv (ilyashev, "other-names")[0], ==, "Альнур Ильяшев");
  /* the interview gives the Russian spelling: not a translation */
  ru_name = dossier_record_get_text_in (ilyashev, "name", "ru", TRUE, NULL, &ru_name_from);
  g_assert_cmpstr (ru_name, ==, "Альнур Ильяшев");
  g_assert_cmpstr (ru_name_from, ==, "");
  g_assert_true (dossier_record_get_boolean (ilyashev, "prisoner-of-conscience"));
  g_assert_false (dossier_record_get_boolean (ilyashev, "followed"));

  charge = dossier_store_fetch (f->store, DOSSIER_TYPE_CHARGE, "case-alnur-ilyashev/charge/1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (charge, "case-id"), ==, "case-alnur-ilyashev");
  g_assert_cmpstr (dossier_record_get_string (charge, "article"), ==, "274");
  g_assert_cmpstr (dossier_record_get_string (charge, "part"), ==, "4(2)");

  events = dossier_query_new (DOSSIER_TYPE_CASE_EVENT);
  dossier_query_filter_text (events, "case-id", DOSSIER_QUERY_EQ, "case-alnur-ilyashev");
  dossier_query_filter_text (events, "date", DOSSIER_QUERY_EQ, "2020-04-17");
  g_assert_cmpint (dossier_store_count (f->store, events, NULL), >=, 1);

  g_assert_true (dossier_store_check_integrity (f->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
}

/* At least ten cases of the sample have two or more dated events, and only
 * Ilyashev has a name in Cyrillic: the interview gives it; the NGO report is
 * in English only (tests/test-sample-facts.py checks every name against
 * the sources). */
static void
test_sample_is_complete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  guint with_events = 0;
  guint with_cyrillic = 0;

  import (f->store, f->sample);
  cases = dossier_store_query (f->store, query, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *id = dossier_record_get_id (cases->pdata[i]);
      const char * const *names = dossier_record_get_strv (cases->pdata[i], "other-names");
      g_autoptr(DossierQuery) events = dossier_query_new (DOSSIER_TYPE_CASE_EVENT);

      dossier_query_filter_text (events, "case-id", DOSSIER_QUERY_EQ, id);
      if (dossier_store_count (f->store, events, NULL) >= 2)
        with_events++;
      /* Cyrillic letters start at U+0400: 0xD0 or 0xD1 in UTF-8 */
      if (names && names[0] && ((guchar) names[0][0] == 0xD0 || (guchar) names[0][0] == 0xD1))
        with_cyrillic++;
    }
  g_assert_cmpuint (with_events, >=, 10);
  g_assert_cmpuint (with_cyrillic, ==, 1);
}

/* ---- importing again ---- */

static void
test_import_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  DossierImportStats stats;

  stats = import (f->store, f->sample);
  g_assert_cmpuint (stats.created, >, 0);
  before = collect_times (f->store);
  f->changes = 0;

  stats = import (f->store, f->sample);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, count_in_file (f->sample, NULL));
  g_assert_cmpuint (stats.news_added, ==, 0);
  g_assert_cmpuint (stats.news_unchanged, ==, 2);
  g_assert_cmpuint (f->changes, ==, 0);

  after = collect_times (f->store);
  g_assert_cmpuint (count_changed_times (before, after), ==, 0);
}

/* A newer version of the campaign updates what changed and nothing else,
 * and keeps what only the user sets. */
static void
test_import_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) root = parse (f->sample);
  g_autoptr(DossierRecord) kase = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(DossierQuery) charges = dossier_query_new (DOSSIER_TYPE_CHARGE);
  DossierImportStats stats;
  JsonObject *record;
  JsonArray *list;

  import (f->store, f->sample);

  /* the user follows the case and keeps notes on it and on the UA */
  kase = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, "case-alnur-ilyashev", &error);
  g_assert_no_error (error);
  dossier_record_set_boolean (kase, "followed", TRUE);
  dossier_record_set_string (kase, "notes", "Wrote to the Prosecutor General on 2 May.");
  g_assert_true (dossier_store_update (f->store, kase, &error));
  g_clear_object (&kase);
  ua = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  dossier_record_set_string (ua, "notes", "Our group sent eight letters.");
  g_assert_true (dossier_store_update (f->store, ua, &error));
  g_assert_no_error (error);
  g_clear_object (&ua);
  before = collect_times (f->store);

  /* the coordinator changes the case's summary and the UA's status */
  record = find_record (root, "case-alnur-ilyashev", NULL);
  json_object_set_string_member (record, "summary", "Sentenced to three years of restricted freedom.");
  record = find_record (root, "ua-065-20", NULL);
  json_object_set_string_member (record, "status", "follow-up");
  /* and drops one of Maks Bokayev's three charges */
  record = find_record (root, "case-maks-bokayev", NULL);
  list = json_object_get_array_member (record, "charges");
  json_array_remove_element (list, 2);
  changed = serialize (root);

  stats = import (f->store, changed);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 3);
  g_assert_cmpuint (stats.unchanged, ==, count_in_file (f->sample, NULL) - 3);

  kase = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, "case-alnur-ilyashev", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (kase, "summary"), ==, "Sentenced to three years of restricted freedom.");
  g_assert_true (dossier_record_get_boolean (kase, "followed"));
  g_assert_cmpstr (dossier_record_get_string (kase, "notes"), ==, "Wrote to the Prosecutor General on 2 May.");
  ua = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "status"), ==, "follow-up");
  g_assert_cmpstr (dossier_record_get_string (ua, "notes"), ==, "Our group sent eight letters.");

  dossier_query_filter_text (charges, "case-id", DOSSIER_QUERY_EQ, "case-maks-bokayev");
  g_assert_cmpint (dossier_store_count (f->store, charges, NULL), ==, 2);

  /* only those records were written: two rows and one charge deleted */
  after = collect_times (f->store);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) - 1);
  g_hash_table_remove (before, "DossierCharge/case-maks-bokayev/charge/3");
  g_assert_cmpuint (count_changed_times (before, after), ==, 2);

  /* the user's notes never leave the machine */
  {
    g_autofree char *exported = export (f->store);

    g_assert_null (strstr (exported, "Wrote to the Prosecutor General"));
    g_assert_null (strstr (exported, "eight letters"));
    g_assert_null (strstr (exported, "\"followed\""));
  }
}

/* ---- export ---- */

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autoptr(DossierStore) other = dossier_test_open_store (dir);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) root = NULL;
  DossierImportStats stats;

  import (f->store, f->sample);
  first = export (f->store);

  root = parse (first);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "version"), ==,
                   "https://jsonfeed.org/version/1.1");
  g_assert_cmpuint (json_array_get_length (items_of (root)), ==, count_in_file (f->sample, NULL));

  stats = import (other, first);
  g_assert_cmpuint (stats.created, ==, count_in_file (f->sample, NULL));
  second = export (other);
  g_assert_cmpstr (first, ==, second);

  /* and the export is what the first store holds */
  stats = import (f->store, first);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 0);

  g_clear_object (&other);
  dossier_test_remove_dir (dir);
}

/* The language of a UA's asks travels with it; a file without one (as
 * every file before it) gives a UA whose asks are read as English, and
 * its export says nothing of a language it was never told. */
static void
test_ua_language (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autoptr(DossierStore) other = dossier_test_open_store (dir);
  g_autoptr(JsonNode) root = parse (f->sample);
  JsonObject *record = find_record (root, "ua-065-20", NULL);
  g_autofree char *russian = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(JsonNode) out = NULL;
  g_autoptr(GError) error = NULL;

  /* the sample's asks are English, and it says so */
  g_assert_cmpstr (json_object_get_string_member (record, "language"), ==, "en");

  json_object_set_string_member (record, "language", "ru");
  russian = serialize (root);
  import (f->store, russian);
  ua = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "language"), ==, "ru");
  g_clear_object (&ua);

  exported = export (f->store);
  out = parse (exported);
  g_assert_cmpstr (json_object_get_string_member (find_record (out, "ua-065-20", NULL), "language"), ==, "ru");
  import (other, exported);
  ua = dossier_store_fetch (other, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (ua, "language"), ==, "ru");
  g_clear_object (&ua);
  again = export (other);
  g_assert_cmpstr (exported, ==, again);
  g_clear_pointer (&exported, g_free);
  g_clear_pointer (&again, g_free);
  g_clear_pointer (&out, json_node_unref);
  g_clear_object (&other);
  dossier_test_remove_dir (dir);

  /* without the member: no language, and none written out */
  json_object_remove_member (record, "language");
  g_clear_pointer (&russian, g_free);
  russian = serialize (root);
  import (f->store, russian);
  ua = dossier_store_fetch (f->store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  g_assert_true (dossier_text_is_blank (dossier_record_get_string (ua, "language")));
  exported = export (f->store);
  out = parse (exported);
  g_assert_false (json_object_has_member (find_record (out, "ua-065-20", NULL), "language"));
}

/* A country travels as its ISO 3166-1 code. A file from before codes
 * names it in English, which the import turns into the code; the export
 * writes the code. */
static void
test_country (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) root = parse (f->sample);
  JsonObject *kase = find_record (root, "case-alnur-ilyashev", NULL);
  JsonObject *target = find_record (root, "target-prosecutor-general-kazakhstan", NULL);
  const struct { const char *case_country; const char *target_country; const char *code; } files[] = {
    { "KZ", "KZ", "KZ" },
    { "kz", " KZ ", "KZ" },
    { "Kazakhstan", "Republic of Kazakhstan", "KZ" },
    { "Czech Republic", "Czechia", "CZ" },
  };

  /* the sample says so by code */
  g_assert_cmpstr (json_object_get_string_member (kase, "country"), ==, "KZ");
  g_assert_cmpstr (json_object_get_string_member (target, "country"), ==, "KZ");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *exported = NULL;
      g_autoptr(JsonNode) out = NULL;
      g_autoptr(DossierRecord) stored_case = NULL;
      g_autoptr(DossierRecord) stored_target = NULL;

      json_object_set_string_member (kase, "country", files[i].case_country);
      json_object_set_string_member (target, "country", files[i].target_country);
      text = serialize (root);
      import (f->store, text);
      stored_case = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, "case-alnur-ilyashev", NULL);
      stored_target = dossier_store_fetch (f->store, DOSSIER_TYPE_TARGET, "target-prosecutor-general-kazakhstan", NULL);
      g_assert_cmpstr (dossier_record_get_string (stored_case, "country"), ==, files[i].code);
      g_assert_cmpstr (dossier_record_get_string (stored_target, "country"), ==, files[i].code);

      exported = export (f->store);
      out = parse (exported);
      g_assert_cmpstr (json_object_get_string_member (find_record (out, "case-alnur-ilyashev", NULL), "country"), ==,
                       files[i].code);
      g_assert_cmpstr (json_object_get_string_member (find_record (out, "target-prosecutor-general-kazakhstan", NULL), "country"), ==,
                       files[i].code);
    }
}

/* "translated_from" marks a language's texts as the file author's
 * translation, wherever it stands among them: json-glib gives an object's
 * members in no particular order, and a language is only kept once it has
 * a text. */
static void
test_translated_from (Fixture       *f,
                      gconstpointer  data)
{
  const char *text =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"t\", \"_dossier\": {"
    "\"type\": \"target\", \"id\": \"target-t\", \"name\": \"Prosecutor General\","
    " \"salutation\": \"Dear Prosecutor General,\", \"translations\": {"
    "\"ru\": {\"translated_from\": \"en\", \"name\": \"Генеральный прокурор\","
    "         \"salutation\": \"Уважаемый господин Генеральный прокурор!\"},"
    "\"de\": {\"name\": \"Generalstaatsanwalt\", \"translated_from\": \"en\","
    "         \"salutation\": \"Sehr geehrter Herr Generalstaatsanwalt,\"},"
    "\"kk\": {\"name\": \"Бас прокурор\", \"salutation\": \"Құрметті Бас прокурор мырза!\","
    "         \"translated_from\": \"en\"},"
    "\"fr\": {\"translated_from\": \"en\"},"
    "\"uk\": {\"name\": \"Генеральний прокурор\"}}}}]}";
  const char *translated[] = { "ru", "de", "kk" };
  g_autoptr(DossierRecord) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *given_from = NULL;
  g_autofree char *uk = NULL;

  import (f->store, text);
  target = dossier_store_fetch (f->store, DOSSIER_TYPE_TARGET, "target-t", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (translated); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *salutation = dossier_record_get_text_in (target, "salutation", translated[i], TRUE, NULL, &from);

      g_assert_nonnull (salutation);
      g_assert_cmpstr (from, ==, "en");
    }
  /* a language with no text is not kept; a name the source gave has no mark */
  g_assert_null (strstr (dossier_record_get_string (target, "translations"), "\"fr\""));
  uk = dossier_record_get_text_in (target, "name", "uk", TRUE, NULL, &given_from);
  g_assert_cmpstr (uk, ==, "Генеральний прокурор");
  g_assert_cmpstr (given_from, ==, "");
}

static void
test_export_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = export (f->store);
  g_autoptr(JsonNode) root = parse (text);
  DossierImportStats stats;

  g_assert_cmpuint (json_array_get_length (items_of (root)), ==, 0);
  stats = import (f->store, text);
  g_assert_cmpuint (stats.created + stats.updated + stats.unchanged + stats.news_added, ==, 0);
}

/* The JSON writer of the export and of `actions --json` writes every text
 * as json-glib's generator does, byte for byte: what the store refuses
 * today too (control characters an older store may hold). */
static void
test_export_json_writer (void)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  const char *texts[] = { "", "plain", "Ильяшев Қарағанды ☮ 𝄞", "\"\\/", "a\nb\r\tc\b\f", "</script>",
                          "\xc3\xa9\x7f\x1f\x1e\x01" };
  const double numbers[] = { 0.5, 1, -2, 1e21, 1e-7, 123456.789, 3.0 / 7 };

  for (guint c = 1; c < 256 + G_N_ELEMENTS (texts); c++)
    {
      char one[2] = { (char) c, '\0' };
      const char *text = c < 256 ? one : texts[c - 256];
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autoptr(GString) theirs = g_string_new (NULL);

      dossier_json_write_string (ours, text);
      json_generator_set_root (generator, node);
      json_generator_to_gstring (generator, theirs);
      g_assert_cmpstr (ours->str, ==, theirs->str);
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), numbers[i]);
      g_autoptr(GString) ours = g_string_new (NULL);
      g_autoptr(GString) theirs = g_string_new (NULL);

      dossier_json_write_double (ours, numbers[i]);
      json_generator_set_root (generator, node);
      json_generator_to_gstring (generator, theirs);
      g_assert_cmpstr (ours->str, ==, theirs->str);
    }
  {
    g_autoptr(GString) ours = g_string_new (NULL);

    dossier_json_write_string (ours, NULL);
    g_assert_cmpstr (ours->str, ==, "null");
  }
}

/* The export written item by item to a stream is the document
 * dossier_campaign_export() returns, and both are the bytes json-glib
 * writes for the same tree: text JSON escapes, a target whose id a case
 * has (its item id "target:…"), charges. */
static void
test_export_stream (Fixture       *f,
                    gconstpointer  data)
{
  const char *tricky = "quote \" backslash \\ slash / Ильяшев Қарағанды ☮ 𝄞 </script>";
  const char *lines = "quote \" backslash \\\nsecond line\n\nИльяшев ☮ 𝄞";
  g_autoptr(DossierRecord) target = g_object_new (DOSSIER_TYPE_TARGET, NULL);
  g_autoptr(DossierRecord) a_case = g_object_new (DOSSIER_TYPE_CASE, NULL);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) small = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) flat = NULL;
  g_autofree char *in_memory = NULL;
  g_autofree char *regenerated = NULL;
  char buffer[4096];
  JsonArray *items;
  gboolean found = FALSE;

  import (f->store, f->sample);
  dossier_record_set_string (a_case, "name", tricky);
  dossier_record_set_string (a_case, "status", "detained");
  dossier_record_set_string (a_case, "summary", lines);
  g_assert_true (dossier_store_create (f->store, a_case, &error));
  g_assert_no_error (error);
  dossier_record_set_id (target, dossier_record_get_id (a_case));
  dossier_record_set_string (target, "name", "Same id as a case");
  dossier_record_set_string (target, "office", tricky);
  g_assert_true (dossier_store_create (f->store, target, &error));
  g_assert_no_error (error);

  g_assert_true (dossier_campaign_export_to_stream (f->store, "Test", stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  in_memory = export (f->store);
  g_assert_cmpstr (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), ==, in_memory);

  /* newlines only part items: without them, json-glib's own text */
  root = parse (in_memory);
  flat = g_string_new (NULL);
  for (const char *p = in_memory; *p; p++)
    if (*p != '\n')
      g_string_append_c (flat, *p);
  regenerated = json_to_string (root, FALSE);
  g_assert_cmpstr (flat->str, ==, regenerated);

  items = items_of (root);
  g_assert_cmpuint (json_array_get_length (items), ==, count_in_file (f->sample, NULL) + 2);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = json_object_get_string_member (item, "id");

      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
      if (g_str_has_prefix (id, "target:"))
        {
          g_assert_cmpstr (id + strlen ("target:"), ==, dossier_record_get_id (target));
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* a stream that fills up: an error, not a document cut short */
  small = g_memory_output_stream_new (buffer, sizeof buffer, NULL, NULL);
  g_assert_false (dossier_campaign_export_to_stream (f->store, "Test", small, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* JSON Feed 1.0 files, and records whose references point into the store. */
static void
test_import_json_feed_1_0 (Fixture       *f,
                           gconstpointer  data)
{
  const char *feed =
    "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Update\", \"items\": ["
    " {\"id\": 1, \"content_text\": \"A news item\"},"
    " {\"id\": \"e\", \"content_text\": \"Hearing\", \"_dossier\": {\"type\": \"case_event\","
    "  \"id\": \"event-new\", \"case_id\": \"case-alnur-ilyashev\", \"kind\": \"hearing\","
    "  \"date\": \"2020-06-10\"}}]}";
  DossierImportStats stats;

  import (f->store, f->sample);
  stats = import (f->store, feed);
  g_assert_cmpuint (stats.created, ==, 1);
  g_assert_cmpuint (stats.news_added, ==, 1);
}

/* The whole file is checked before anything is written: an error in the
 * last item keeps every earlier record out. */
static void
test_nothing_half_imported (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) root = parse (f->sample);
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *record = json_object_new ();

  json_object_set_string_member (bad, "id", "last");
  json_object_set_string_member (record, "type", "target");
  json_object_set_string_member (record, "id", "target-nameless");
  json_object_set_object_member (bad, "_dossier", record);
  json_array_add_object_element (items_of (root), g_steal_pointer (&bad));
  text = serialize (root);

  g_assert_false (dossier_campaign_import_data (f->store, text, -1, NULL, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_INVALID);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, 0);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_TARGET), ==, 0);
  g_assert_cmpuint (f->changes, ==, 0);
}

/* A failure while writing rolls back what the import had written. The
 * checks before writing leave nothing the store would refuse, so the
 * failure is injected: a trigger refuses one urgent action. */
static void
test_write_failure_rolls_back (Fixture       *f,
                               gconstpointer  data)
{
  const char *first =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
    " {\"id\": \"a\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-a\", \"reference\": \"UA 1/20\"}},"
    " {\"id\": \"b\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-b\", \"reference\": \"UA 2/20\"}}]}";
  /* a new target is written first, then the refused urgent action */
  const char *refused =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
    " {\"id\": \"t\", \"_dossier\": {\"type\": \"target\", \"id\": \"target-new\", \"name\": \"New\"}},"
    " {\"id\": \"a\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-a\", \"reference\": \"UA 9/20\"}},"
    " {\"id\": \"b\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-b\", \"reference\": \"UA 2/20\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  import (f->store, first);
  before = export (f->store);
  f->changes = 0;

  g_assert_cmpint (sqlite3_open (dossier_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE UPDATE ON urgent_actions"
                                     " WHEN new.reference = 'UA 9/20'"
                                     " BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (dossier_campaign_import_data (f->store, refused, -1, NULL, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Item 2"));
  after = export (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_TARGET), ==, 0);
  g_assert_cmpuint (f->changes, ==, 0);
}

/* A file may hand a reference from one urgent action to another, even
 * swap two: it imports in any order of its items (it failed on the
 * UNIQUE constraint depending on the order). */
static void
test_reference_handed_over (Fixture       *f,
                            gconstpointer  data)
{
  const char *first =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
    " {\"id\": \"a\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-a\", \"reference\": \"UA 1/20\"}},"
    " {\"id\": \"b\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-b\", \"reference\": \"UA 2/20\"}}]}";
  const char *swapped =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
    " {\"id\": \"a\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-a\", \"reference\": \"UA 2/20\"}},"
    " {\"id\": \"b\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-b\", \"reference\": \"UA 1/20\"}}]}";
  /* ua-a gives "UA 2/20" up for "UA 3/20", and ua-c takes it: written
   * in reference order, ua-c would come first */
  const char *handed =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
    " {\"id\": \"c\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-c\", \"reference\": \"ua  2/20\"}},"
    " {\"id\": \"a\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-a\", \"reference\": \"UA 3/20\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) found = NULL;
  DossierImportStats stats;

  import (f->store, first);
  g_assert_true (dossier_campaign_import_data (f->store, swapped, -1, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.updated, ==, 2);
  found = dossier_store_find_urgent_action (f->store, "UA 1/20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_id (found), ==, "ua-b");
  g_clear_object (&found);

  g_assert_true (dossier_campaign_import_data (f->store, handed, -1, &stats, &error));
  g_assert_no_error (error);
  found = dossier_store_find_urgent_action (f->store, "UA 2/20", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_id (found), ==, "ua-c");
  /* kept as the store keeps references: one space, as typed otherwise */
  g_assert_cmpstr (dossier_record_get_string (found, "reference"), ==, "ua 2/20");
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_URGENT_ACTION), ==, 3);

  /* and the same again changes nothing */
  g_assert_true (dossier_campaign_import_data (f->store, handed, -1, &stats, &error));
  g_assert_cmpuint (stats.created + stats.updated, ==, 0);
}

/* ---- in a worker thread ---- */

typedef struct {
  GArray            *fractions;
  GCancellable      *cancel_after_first;
  gboolean           done;
  gboolean           ok;
  GError            *error;
  DossierImportStats stats;
} AsyncImport;

static void
on_async_progress (const char *what,
                   double      fraction,
                   gpointer    data)
{
  AsyncImport *state = data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (state->fractions, fraction);
  if (state->cancel_after_first)
    g_cancellable_cancel (state->cancel_after_first);
}

static void
on_async_imported (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  AsyncImport *state = data;

  state->ok = dossier_campaign_import_finish (result, &state->stats, &state->error);
  state->done = TRUE;
}

static void
wait_for (AsyncImport *state)
{
  while (!state->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The window's import: in a worker thread with a connection of its own,
 * its progress told in the main context, and the window's store told of
 * the new records. */
static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncImport state = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE, FALSE, NULL, { 0, } };
  double last;

  dossier_campaign_import_async (dossier_store_get_path (f->store), file, NULL,
                                 on_async_progress, &state, NULL, NULL, on_async_imported, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.stats.created, >, 100);
  g_assert_cmpuint (state.fractions->len, >=, 1);
  last = g_array_index (state.fractions, double, state.fractions->len - 1);
  g_assert_cmpfloat (last, ==, 1.0);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (state.fractions, double, i), >=,
                       g_array_index (state.fractions, double, i - 1));

  /* written through another connection: this one sees them, and hears */
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), >, 30);
  f->changes = 0;
  dossier_store_notify_changed (f->store, DOSSIER_TYPE_CASE);
  g_assert_cmpuint (f->changes, ==, 1);
  g_array_unref (state.fractions);
}

/* Cancelled while it runs: nothing is imported. */
static void
test_import_async_cancelled (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *before = export (f->store);
  g_autofree char *after = NULL;
  AsyncImport state = { g_array_new (FALSE, FALSE, sizeof (double)), cancellable, FALSE, FALSE, NULL, { 0, } };

  /* enough items that the first report comes long before the end */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%s{\"id\": \"c%u\", \"_dossier\": {\"type\": \"case\", \"id\": \"c%u\","
                            " \"name\": \"Person %u\", \"status\": \"imprisoned\"}}", i ? "," : "", i, i, i);
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);

  dossier_campaign_import_async (dossier_store_get_path (f->store), NULL, bytes,
                                 on_async_progress, &state, NULL, cancellable, on_async_imported, &state);
  wait_for (&state);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, 0);
  after = export (f->store);
  g_assert_cmpstr (before, ==, after);
  g_array_unref (state.fractions);
}

typedef struct {
  DossierStore *store;
} Holder;

static gboolean
on_release_lock_cb (gpointer data)
{
  Holder *holder = data;

  g_assert_true (dossier_store_commit (holder->store, NULL));
  return G_SOURCE_REMOVE;
}

/* The window holds the write lock for a moment (a draft being saved):
 * the import waits for it instead of failing. */
static void
test_import_async_waits (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
  AsyncImport state = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE, FALSE, NULL, { 0, } };
  Holder holder = { f->store };

  g_assert_true (dossier_store_begin (f->store, NULL));
  dossier_record_set_string (target, "name", "Held");
  g_assert_true (dossier_store_create (f->store, target, NULL));
  g_timeout_add (1500, on_release_lock_cb, &holder);

  dossier_campaign_import_async (dossier_store_get_path (f->store), file, NULL,
                                 NULL, NULL, NULL, NULL, on_async_imported, &state);
  wait_for (&state);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_TARGET), >=, 2);
  g_array_unref (state.fractions);
}

/* After an import in a worker thread (a second connection in this
 * process, closed when it is done), other processes write: this store
 * goes on reading and writing. Opening a connection once closed a
 * descriptor of the file, which dropped every POSIX lock of the process,
 * the first connection's included; the next process to close the store
 * then took itself for its last user and cleared the WAL under it: "database
 * disk image is malformed". */
static void
test_import_async_then_others_write (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DossierRecord) ua = NULL;
  const char *binary = g_getenv ("DOSSIER_BINARY");
  AsyncImport state = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE, FALSE, NULL, { 0, } };

  if (binary == NULL)
    {
      g_test_skip ("DOSSIER_BINARY is not set");
      g_array_unref (state.fractions);
      return;
    }
  dossier_campaign_import_async (dossier_store_get_path (f->store), file, NULL,
                                 NULL, NULL, NULL, NULL, on_async_imported, &state);
  wait_for (&state);
  g_assert_true (state.ok);
  ua = dossier_store_find_urgent_action (f->store, "UA 065/20", NULL);
  g_assert_nonnull (ua);

  for (guint i = 0; i < 20; i++)
    {
      const char *argv[] = { binary, "log", "--ua", "UA 065/20", "--data-dir", f->dir, NULL };
      g_autoptr(DossierAction) draft = dossier_action_new ();
      g_autoptr(GError) error = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                   G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      dossier_record_set_string (DOSSIER_RECORD (draft), "ua-id", dossier_record_get_id (ua));
      dossier_record_set_string (DOSSIER_RECORD (draft), "state", "drafted");
      g_assert_true (dossier_store_log_action (f->store, draft, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_ACTION), ==, 40);
  g_array_unref (state.fractions);
}

/* ---- bad files ---- */

/* Each makes a bad file from the sample and says what the error must say:
 * a part of it, where "*" stands for any text. */
typedef char *(*MakeBadFile) (const char *sample,
                              char      **expected);

typedef struct {
  const char  *name;
  MakeBadFile  make;
  int          code;
} BadFile;

static char *
bad_not_json (const char *sample, char **expected)
{
  *expected = g_strdup ("not valid JSON");
  return g_strdup ("Dear Prosecutor General, I am writing to you about Alnur Ilyashev.");
}

static char *
bad_empty (const char *sample, char **expected)
{
  *expected = g_strdup ("The file is empty.");
  return g_strdup ("  \n");
}

static char *
bad_truncated (const char *sample, char **expected)
{
  *expected = g_strdup ("ends too early");
  return g_strndup (sample, strlen (sample) / 2);
}

static char *
bad_not_utf8 (const char *sample, char **expected)
{
  *expected = g_strdup ("UTF-8");
  return g_strdup ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"\xd0\xff\", \"items\": []}");
}

static char *
bad_not_an_object (const char *sample, char **expected)
{
  *expected = g_strdup ("not a JSON Feed");
  return g_strdup ("[\"https://jsonfeed.org/version/1.1\"]");
}

static char *
bad_no_version (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);

  json_object_remove_member (json_node_get_object (root), "version");
  *expected = g_strdup ("it does not say which version of JSON Feed it follows (version).");
  return serialize (root);
}

static char *
bad_wrong_version (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);

  json_object_set_string_member (json_node_get_object (root), "version", "https://jsonfeed.org/version/2");
  *expected = g_strdup ("says it follows JSON Feed “https://jsonfeed.org/version/2” (version);");
  return serialize (root);
}

static char *
bad_no_items (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);

  json_object_remove_member (json_node_get_object (root), "items");
  *expected = g_strdup ("it has no list of items (items).");
  return serialize (root);
}

static char *
bad_items_not_array (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);

  json_object_set_object_member (json_node_get_object (root), "items", json_object_new ());
  *expected = g_strdup ("its list of items must be a JSON array (items).");
  return serialize (root);
}

static char *
bad_too_new (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  JsonObject *format = json_object_get_object_member (json_node_get_object (root), "_dossier");

  json_object_set_int_member (format, "format", DOSSIER_CAMPAIGN_FORMAT + 1);
  *expected = g_strdup ("newer version of Dossier");
  return serialize (root);
}

static char *
bad_item_not_object (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);

  json_array_add_string_element (items_of (root), "case-extra");
  *expected = g_strdup_printf ("Item %u is not a JSON object (items[%u]).",
                               json_array_get_length (items_of (root)), json_array_get_length (items_of (root)) - 1);
  return serialize (root);
}

static char *
bad_case_without_name (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);

  json_object_remove_member (record, "name");
  /* with no name, the case is named by its kind */
  *expected = g_strdup_printf ("Item %u, a case: the name is missing; it is required (items[%u]._dossier.name).",
                               index, index - 1);
  return serialize (root);
}

static char *
bad_case_blank_name (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-maks-bokayev", &index);

  json_object_set_string_member (record, "name", "   ");
  *expected = g_strdup_printf ("Item %u, a case: the name must not be empty (items[%u]._dossier.name).",
                               index, index - 1);
  return serialize (root);
}

static char *
bad_ua_without_reference (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  json_object_remove_member (record, "reference");
  *expected = g_strdup_printf ("Item %u, an urgent action: the reference is missing; it is required "
                               "(items[%u]._dossier.reference).", index, index - 1);
  return serialize (root);
}

static char *
bad_name_is_number (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);

  json_object_set_int_member (record, "name", 42);
  *expected = g_strdup_printf ("Item %u, a case: the name must be text (items[%u]._dossier.name).", index, index - 1);
  return serialize (root);
}

static char *
bad_boolean_is_text (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);

  json_object_set_string_member (record, "prisoner_of_conscience", "yes");
  *expected = g_strdup_printf ("Item %u, the case “Alnur Ilyashev”: the prisoner of conscience mark must be true "
                               "or false (items[%u]._dossier.prisoner_of_conscience).", index, index - 1);
  return serialize (root);
}

static char *
bad_list_is_text (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);

  json_object_set_string_member (record, "other_names", "Альнур Ильяшев");
  *expected = g_strdup_printf ("Item %u, the case “Alnur Ilyashev”: the other names must be a list of texts, "
                               "none of them empty (items[%u]._dossier.other_names).", index, index - 1);
  return serialize (root);
}

static char *
bad_goal_negative (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  json_object_set_int_member (record, "goal", -5);
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the goal must be a whole number, "
                               "0 or more (items[%u]._dossier.goal).", index, index - 1);
  return serialize (root);
}

static char *
bad_unknown_type (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "target-prosecutor-general-kazakhstan", &index);

  json_object_set_string_member (record, "type", "petition");
  /* of no known kind: the item alone */
  *expected = g_strdup_printf ("Item %u: the record’s type cannot be “petition”; it must be one of: "
                               "case, case_event, urgent_action, target (items[%u]._dossier.type).", index, index - 1);
  return serialize (root);
}

static char *
bad_status (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);

  json_object_set_string_member (record, "status", "jailed");
  *expected = g_strdup_printf ("Item %u, the case “Alnur Ilyashev”: the status cannot be “jailed”; it must be "
                               "one of: detained, * (items[%u]._dossier.status).", index, index - 1);
  return serialize (root);
}

static char *
bad_event_kind (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "event-alnur-ilyashev-2020-04-17-arrest", &index);

  json_object_set_string_member (record, "kind", "Arrest");
  *expected = g_strdup_printf ("Item %u, the case event “Arrested in Almaty”: the kind of event cannot be "
                               "“Arrest”; it must be one of: arrest, * (items[%u]._dossier.kind).", index, index - 1);
  return serialize (root);
}

static char *
bad_date (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "event-alnur-ilyashev-2020-04-17-arrest", &index);

  json_object_set_string_member (record, "date", "2021-02-29");
  *expected = g_strdup_printf ("Item %u, the case event “Arrested in Almaty”: the date must be a real date "
                               "written YYYY-MM-DD; “2021-02-29” is not one (items[%u]._dossier.date).", index, index - 1);
  return serialize (root);
}

static char *
bad_date_format (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  json_object_set_string_member (record, "deadline", "8 June 2020");
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the deadline must be a real date written "
                               "YYYY-MM-DD; “8 June 2020” is not one (items[%u]._dossier.deadline).", index, index - 1);
  return serialize (root);
}

static char *
bad_deadline_before_issued (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  json_object_set_string_member (record, "issued", "2020-06-09");
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the deadline, 2020-06-08, cannot be "
                               "before the issue date, 2020-06-09 (items[%u]._dossier.deadline).", index, index - 1);
  return serialize (root);
}

static char *
bad_published (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonArray *items = items_of (root);

  find_record (root, "case-alnur-ilyashev", &index);
  json_object_set_string_member (json_array_get_object_element (items, index - 1), "date_published", "yesterday");
  *expected = g_strdup_printf ("Item %u, the case “Alnur Ilyashev”: the time it was published must be a date and "
                               "time such as 2020-04-17T21:00:00+06:00; “yesterday” is not one "
                               "(items[%u].date_published).", index, index - 1);
  return serialize (root);
}

static char *
bad_email (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "target-prosecutor-general-kazakhstan", &index);

  json_object_set_string_member (record, "email", "prokuror at example.kz");
  *expected = g_strdup_printf ("Item %u, the target “Prosecutor General”: the email address must be written like "
                               "name@example.org; “prokuror at example.kz” is not (items[%u]._dossier.email).",
                               index, index - 1);
  return serialize (root);
}

/* A country no code or English name finds: refused, not kept as text */
static char *
bad_country (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);

  json_object_set_string_member (record, "country", "Kazakstan");
  *expected = g_strdup_printf ("Item %u, the case “Alnur Ilyashev”: the country must be a country’s two-letter code "
                               "such as “KZ”, or its name in English; “Kazakstan” is no country Dossier knows "
                               "(items[%u]._dossier.country).", index, index - 1);
  return serialize (root);
}

static char *
bad_target_country (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "target-prosecutor-general-kazakhstan", &index);

  json_object_set_string_member (record, "country", "XX");
  *expected = g_strdup_printf ("Item %u, the target “Prosecutor General”: the country must be a country’s "
                               "two-letter code such as “KZ”", index);
  return serialize (root);
}

/* @json is put as @member of @record_id, which the error calls @who; it
 * says @message of the member and gives its path, @tail after the member
 * (".ru.name", "[1]"). */
static char *
bad_member_json (const char  *sample,
                 const char  *record_id,
                 const char  *who,
                 const char  *member,
                 const char  *json,
                 const char  *message,
                 const char  *tail,
                 char       **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, record_id, &index);

  json_object_set_member (record, member, json_from_string (json, NULL));
  *expected = g_strdup_printf ("Item %u, %s: %s (items[%u]._dossier.%s%s).", index, who, message, index - 1, member, tail);
  return serialize (root);
}

#define ALNUR "case-alnur-ilyashev", "the case “Alnur Ilyashev”"
#define UA_065 "ua-065-20", "the urgent action “UA 065/20”"
#define PROSECUTOR "target-prosecutor-general-kazakhstan", "the target “Prosecutor General”"

/* A record's texts in other languages are checked as the texts they
 * translate, and named so. */

static char *
bad_translation_language (const char *sample, char **expected)
{
  return bad_member_json (sample, ALNUR, "translations", "{\"Russian\": {\"name\": \"Альнур\"}}",
                          "the translations must be listed by language code, such as “en” or “kk”; “Russian” is "
                          "not one", ".Russian", expected);
}

static char *
bad_translation_not_object (const char *sample, char **expected)
{
  return bad_member_json (sample, ALNUR, "translations", "{\"ru\": \"Альнур Ильяшев\"}",
                          "the translations into Russian must be a JSON object", ".ru", expected);
}

static char *
bad_translation_control (const char *sample, char **expected)
{
  return bad_member_json (sample, UA_065, "translations", "{\"ru\": {\"title\": \"A\\u0007B\"}}",
                          "the title in Russian cannot hold the control character U+0007, which is not text",
                          ".ru.title", expected);
}

static char *
bad_translation_too_long (const char *sample, char **expected)
{
  g_autofree char *name = g_strnfill (501, 'a');
  g_autofree char *json = g_strdup_printf ("{\"kk\": {\"name\": \"%s\"}}", name);

  return bad_member_json (sample, ALNUR, "translations", json,
                          "the name in Kazakh can be at most 500 characters long, not 501", ".kk.name", expected);
}

static char *
bad_translation_list (const char *sample, char **expected)
{
  return bad_member_json (sample, UA_065, "translations", "{\"de\": {\"key_points\": \"Freilassung\"}}",
                          "the key points in German must be a list of texts, none of them empty", ".de.key_points",
                          expected);
}

static char *
bad_translated_from (const char *sample, char **expected)
{
  return bad_member_json (sample, UA_065, "translations",
                          "{\"de\": {\"title\": \"Aktivist\", \"translated_from\": \"English\"}}",
                          "the language the texts in German were translated from must be a language code such as "
                          "“en” or “kk”; “English” is not one", ".de.translated_from", expected);
}

static char *
bad_held_from (const char *sample, char **expected)
{
  return bad_member_json (sample, PROSECUTOR, "held_from", "\"2017-13\"",
                          "the date they took office must be a year, a month or a day written YYYY, YYYY-MM or "
                          "YYYY-MM-DD; “2017-13” is not one", "", expected);
}

static char *
bad_source_address (const char *sample, char **expected)
{
  return bad_member_json (sample, UA_065, "sources",
                          "[\"Amnesty International, UA 065/20\", \"file:///etc/passwd\"]",
                          "the sources must be a web address starting with https:// or http://; "
                          "“file:///etc/passwd” is not one", "[1]", expected);
}

static char *
bad_ua_kind (const char *sample, char **expected)
{
  return bad_member_json (sample, UA_065, "kind", "\"petition\"",
                          "the kind of action cannot be “petition”; it must be one of: urgent-action, appeal", "",
                          expected);
}

static char *
bad_charge_translation (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);
  JsonArray *charges = json_object_get_array_member (record, "charges");
  JsonObject *charge = json_array_get_object_element (charges, 0);

  json_object_set_member (charge, "translations", json_from_string ("{\"ru\": {\"code\": 274}}", NULL));
  *expected = g_strdup_printf ("Item %u, charge 1 of the case “Alnur Ilyashev”: the law in Russian must be text "
                               "(items[%u]._dossier.charges[0].translations.ru.code).", index, index - 1);
  return serialize (root);
}

static char *
bad_url (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);
  JsonArray *sources = json_array_new ();

  json_array_add_string_element (sources, "https://example.org/ua-065-20");
  json_array_add_string_element (sources, "javascript:alert(1)");
  json_object_set_array_member (record, "sources", sources);
  *expected = g_strdup_printf ("Item %u, the case “Alnur Ilyashev”: the sources must be a web address starting with "
                               "https:// or http://; “javascript:alert(1)” is not one (items[%u]._dossier.sources[1]).",
                               index, index - 1);
  return serialize (root);
}

static char *
bad_document_language (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);
  JsonObject *documents = json_object_new ();

  json_object_set_string_member (documents, "English", "https://example.org/ua-en.pdf");
  json_object_set_object_member (record, "documents", documents);
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the documents must be listed by language "
                               "code, such as “en” or “kk”; “English” is not one (items[%u]._dossier.documents.English).",
                               index, index - 1);
  return serialize (root);
}

static char *
bad_ua_language (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  json_object_set_string_member (record, "language", "not a code!");
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the language it is written in must be a "
                               "language code such as “en” or “kk”; “not a code!” is not one "
                               "(items[%u]._dossier.language).", index, index - 1);
  return serialize (root);
}

static char *
bad_charge (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "case-alnur-ilyashev", &index);
  JsonObject *charge = json_object_new ();

  json_object_set_string_member (charge, "code", "Criminal Code");
  json_array_add_object_element (json_object_get_array_member (record, "charges"), charge);
  *expected = g_strdup_printf ("Item %u, charge 2 of the case “Alnur Ilyashev”: it needs an article or a "
                               "description (items[%u]._dossier.charges[1]).", index, index - 1);
  return serialize (root);
}

static char *
bad_duplicate_id (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint first, second;
  JsonObject *record;

  find_record (root, "case-alnur-ilyashev", &first);
  record = find_record (root, "case-maks-bokayev", &second);
  json_object_set_string_member (record, "id", "case-alnur-ilyashev");
  *expected = g_strdup_printf ("Item %u, the case “Maks Bokayev”: the record’s id is “case-alnur-ilyashev”, which "
                               "item %u already uses (items[%u]._dossier.id).", second, first, second - 1);
  return serialize (root);
}

static char *
bad_duplicate_item_id (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  JsonArray *items = items_of (root);
  guint last = json_array_get_length (items);

  json_object_set_string_member (json_array_get_object_element (items, last - 1), "id", "case-alnur-ilyashev");
  *expected = g_strdup_printf ("Item %u, the news item “UA 065/20: media reaction”: the item’s id is "
                               "“case-alnur-ilyashev”, which item 1 already uses (items[%u].id).", last, last - 1);
  return serialize (root);
}

static char *
bad_duplicate_link (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  JsonArray *cases = json_object_get_array_member (record, "case_ids");

  json_array_add_string_element (cases, "case-alnur-ilyashev");
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the cases it is for cannot name "
                               "“case-alnur-ilyashev” twice (items[%u]._dossier.case_ids[%u]).",
                               index, index - 1, json_array_get_length (cases) - 1);
  return serialize (root);
}

static char *
bad_dangling_case (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "event-alnur-ilyashev-2020-04-17-arrest", &index);

  json_object_set_string_member (record, "case_id", "case-nobody");
  *expected = g_strdup_printf ("Item %u, the case event “Arrested in Almaty”: the case it belongs to must name a case "
                               "of the file or of the store; there is no case “case-nobody” (items[%u]._dossier.case_id).",
                               index, index - 1);
  return serialize (root);
}

static char *
bad_dangling_target (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  JsonArray *targets = json_object_get_array_member (record, "target_ids");

  json_array_add_string_element (targets, "target-nobody");
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the targets to write to must name a target of "
                               "the file or of the store; there is no target “target-nobody” "
                               "(items[%u]._dossier.target_ids[%u]).", index, index - 1, json_array_get_length (targets) - 1);
  return serialize (root);
}

static char *
bad_follow_loop (const char *sample, char **expected)
{
  g_autoptr(JsonNode) root = parse (sample);
  guint index;
  JsonObject *record = find_record (root, "ua-065-20", &index);

  json_object_set_string_member (record, "follows_id", "ua-065-20");
  *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the action it follows up makes a loop: these "
                               "urgent actions follow up on each other (items[%u]._dossier.follows_id).", index, index - 1);
  return serialize (root);
}

static char *
bad_too_large (const char *sample, char **expected)
{
  gsize size = 50 * 1000 * 1000;
  GString *text = g_string_sized_new (size + 64);

  /* valid JSON, so only its size can refuse it */
  g_string_append (text, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"");
  while (text->len < size)
    g_string_append (text, "Alnur Ilyashev Альнур Ильяшев ");
  g_string_append (text, "\", \"items\": []}");
  *expected = g_strdup ("larger than");
  return g_string_free (text, FALSE);
}

static const BadFile bad_files[] = {
  { "not-json", bad_not_json, DOSSIER_EXCHANGE_ERROR_NOT_JSON },
  { "empty", bad_empty, DOSSIER_EXCHANGE_ERROR_NOT_JSON },
  { "truncated", bad_truncated, DOSSIER_EXCHANGE_ERROR_NOT_JSON },
  { "not-utf8", bad_not_utf8, DOSSIER_EXCHANGE_ERROR_NOT_JSON },
  { "not-an-object", bad_not_an_object, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED },
  { "no-version", bad_no_version, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED },
  { "wrong-version", bad_wrong_version, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED },
  { "no-items", bad_no_items, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED },
  { "items-not-array", bad_items_not_array, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED },
  { "format-too-new", bad_too_new, DOSSIER_EXCHANGE_ERROR_TOO_NEW },
  { "item-not-object", bad_item_not_object, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "case-without-name", bad_case_without_name, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "case-blank-name", bad_case_blank_name, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "ua-without-reference", bad_ua_without_reference, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "name-is-number", bad_name_is_number, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "boolean-is-text", bad_boolean_is_text, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "list-is-text", bad_list_is_text, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "goal-negative", bad_goal_negative, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "unknown-type", bad_unknown_type, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "bad-status", bad_status, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "bad-event-kind", bad_event_kind, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "impossible-date", bad_date, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "date-format", bad_date_format, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "deadline-before-issued", bad_deadline_before_issued, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "date-published", bad_published, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "email", bad_email, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "country", bad_country, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "target-country", bad_target_country, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "url", bad_url, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "document-language", bad_document_language, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "translation-language", bad_translation_language, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "translation-not-object", bad_translation_not_object, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "translation-control", bad_translation_control, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "translation-too-long", bad_translation_too_long, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "translation-list", bad_translation_list, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "translated-from", bad_translated_from, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "charge-translation", bad_charge_translation, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "held-from", bad_held_from, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "source-address", bad_source_address, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "ua-kind", bad_ua_kind, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "ua-language", bad_ua_language, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "charge-undescribed", bad_charge, DOSSIER_EXCHANGE_ERROR_INVALID },
  { "duplicate-id", bad_duplicate_id, DOSSIER_EXCHANGE_ERROR_DUPLICATE },
  { "duplicate-item-id", bad_duplicate_item_id, DOSSIER_EXCHANGE_ERROR_DUPLICATE },
  { "duplicate-link", bad_duplicate_link, DOSSIER_EXCHANGE_ERROR_DUPLICATE },
  { "dangling-case", bad_dangling_case, DOSSIER_EXCHANGE_ERROR_REFERENCE },
  { "dangling-target", bad_dangling_target, DOSSIER_EXCHANGE_ERROR_REFERENCE },
  { "follow-loop", bad_follow_loop, DOSSIER_EXCHANGE_ERROR_REFERENCE },
  { "too-large", bad_too_large, DOSSIER_EXCHANGE_ERROR_TOO_LARGE },
};

/* Whether @message holds @expected, where "*" in @expected is any text. */
static gboolean
message_has (const char *message,
             const char *expected)
{
  g_autofree char *pattern = g_strconcat ("*", expected, "*", NULL);

  return g_pattern_match_simple (pattern, message);
}

/* The store holds a campaign already, so "unchanged" means something. */
static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  const BadFile *bad = data;
  g_autofree char *expected = NULL;
  g_autofree char *text = bad->make (f->sample, &expected);
  g_autofree char *path = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) times_before = NULL;
  g_autoptr(GHashTable) times_after = NULL;
  g_autoptr(GError) error = NULL;
  DossierImportStats stats = { 1, 1, 1, 1 };

  import (f->store, f->sample);
  before = export (f->store);
  times_before = collect_times (f->store);
  f->changes = 0;

  g_assert_false (dossier_campaign_import_data (f->store, text, -1, &stats, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, bad->code);
  g_test_message ("%s", error->message);
  if (!message_has (error->message, expected))
    g_error ("“%s” does not contain “%s”", error->message, expected);
  g_assert_cmpuint (stats.created + stats.updated + stats.unchanged + stats.news_added, ==, 0);
  g_clear_error (&error);

  /* the same from a file */
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_false (dossier_campaign_import_file (f->store, path, NULL, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, bad->code);
  g_assert_true (message_has (error->message, expected));

  after = export (f->store);
  g_assert_cmpstr (before, ==, after);
  times_after = collect_times (f->store);
  g_assert_cmpuint (count_changed_times (times_before, times_after), ==, 0);
  g_assert_cmpuint (f->changes, ==, 0);
}

/* Another UA of the store already has the reference. */
static void
test_bad_reference_taken (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) root = parse (f->sample);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint index;

  import (f->store, f->sample);
  before = export (f->store);
  find_record (root, "ua-065-20", &index);
  json_object_set_string_member (find_record (root, "ua-065-20", NULL), "id", "ua-other");
  text = serialize (root);

  g_assert_false (dossier_campaign_import_data (f->store, text, -1, NULL, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_DUPLICATE);
  {
    g_autofree char *expected = g_strdup_printf ("Item %u, the urgent action “UA 065/20”: the reference is “UA 065/20”, "
                                                 "which another urgent action in the store already has "
                                                 "(items[%u]._dossier.reference).", index, index - 1);

    g_assert_cmpstr (error->message, ==, expected);
  }
  after = export (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_unreadable (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.json", NULL);
  g_autofree char *big = g_build_filename (f->dir, "big.json", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_false (dossier_campaign_import_file (f->store, missing, NULL, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "no-such-file.json"));
  g_clear_error (&error);

  g_assert_false (dossier_campaign_import_file (f->store, f->dir, NULL, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_READ);
  g_clear_error (&error);

  /* refused from its size alone, before a byte is read */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 50 * 1000 * 1000), ==, 0);
  close (fd);
  g_assert_false (dossier_campaign_import_file (f->store, big, NULL, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_TOO_LARGE);
  g_assert_cmpint (count (f->store, DOSSIER_TYPE_CASE), ==, 0);
}

/* ---- what errors quote ---- */

/* The feed around @items, and the store's state before and after
 * importing it: the import must fail, with @code, and change nothing. */
static char *
refused_message (DossierStore *store,
                 const char   *items,
                 int           code)
{
  g_autofree char *text = g_strconcat ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
                                       items, "]}", NULL);
  g_autofree char *before = export (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  DossierImportStats stats = { 1, 1, 1, 1 };

  g_assert_false (dossier_campaign_import_data (store, text, -1, &stats, &error));
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, code);
  g_assert_cmpuint (stats.created + stats.updated + stats.unchanged + stats.news_added, ==, 0);
  after = export (store);
  g_assert_cmpstr (before, ==, after);
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

/* A value from the file an error quotes is the file's: it may hold
 * escape sequences for the terminal, line breaks that make a second
 * error up, direction marks that turn the message around, or a
 * megabyte. It is quoted short and escaped. */
static void
test_quoted_values_escaped (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (5000, 'x');
  /* freed one by one at the end: g_autofree on an array frees its first */
  char *items[6] = { NULL };
  const char *expected[6] = {
    "Item 1: the record’s type cannot be “\\x1B]0;pwned\\x07\\x0AItem 1: imported.xxx",
    "Item 1, the case “Alnur”: the status cannot be “\\u202Edeniatedxxx",
    "Item 1, the case “A”: the translations must be listed by language code, such as “en” or “kk”; “\\x1B[2Jxxx",
    "Item 2, the case “B”: the item’s id is “\\u202Exxx",
    "Item 1, the case “A\\x1B[8m”: the name cannot hold the control character U+001B, which is not text "
    "(items[0]._dossier.name).",
    "Item 1, the case “Alnur\\x0AItem 2: fine”: the name must be a single line, without line breaks "
    "(items[0]._dossier.name).",
  };

  items[0] = g_strdup_printf ("{\"id\": \"a\", \"_dossier\": {\"type\": \"\\u001b]0;pwned\\u0007\\nItem 1: imported.%s\"}}",
                              long_text);
  /* a status of 400 characters, which a field of one line holds */
  items[1] = g_strdup_printf ("{\"id\": \"a\", \"_dossier\": {\"type\": \"case\", \"id\": \"a\", "
                              "\"name\": \"Alnur\", \"status\": \"\\u202edeniated%.400s\"}}",
                              long_text);
  items[2] = g_strdup_printf ("{\"id\": \"a\", \"_dossier\": {\"type\": \"case\", \"id\": \"a\", \"name\": \"A\", "
                              "\"status\": \"detained\", \"translations\": {\"\\u001b[2J%s\": {}}}}", long_text);
  /* an item's id may be 2,000 characters long */
  items[3] = g_strdup_printf ("{\"id\": \"\\u202e%.1500s\", \"_dossier\": {\"type\": \"case\", \"id\": \"a\", "
                              "\"name\": \"A\", \"status\": \"detained\"}},"
                              "{\"id\": \"\\u202e%.1500s\", \"_dossier\": {\"type\": \"case\", \"id\": \"b\", "
                              "\"name\": \"B\", \"status\": \"detained\"}}", long_text, long_text);
  /* the record's own name, escaped, as it says what is wrong with it */
  items[4] = g_strdup ("{\"id\": \"a\", \"_dossier\": {\"type\": \"case\", \"id\": \"a\", "
                       "\"name\": \"A\\u001b[8m\", \"status\": \"detained\"}}");
  /* a name on two lines stays on one: its second would pass for another error */
  items[5] = g_strdup ("{\"id\": \"a\", \"_dossier\": {\"type\": \"case\", \"id\": \"a\", "
                       "\"name\": \"Alnur\\nItem 2: fine\", \"status\": \"detained\"}}");

  import (f->store, f->sample);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *message = refused_message (f->store, items[i], i == 3 ? DOSSIER_EXCHANGE_ERROR_DUPLICATE
                                                                              : DOSSIER_EXCHANGE_ERROR_INVALID);

      if (!message_has (message, expected[i]))
        g_error ("“%s” does not contain “%s”", message, expected[i]);
      for (const char *p = message; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_assert_false (g_unichar_iscntrl (c));
          g_assert_cmpuint (c, !=, 0x202E);
        }
      /* each value at most 80 characters, each \xNN of them 4 bytes */
      g_assert_cmpuint (strlen (message), <, 1500);
      if (i < 4)
        g_assert_nonnull (strstr (message, "x…"));
      else
        g_assert_null (strstr (message, "…"));
    }
  /* the translations' member is in its path too, quoted as a member */
  {
    g_autofree char *message = refused_message (f->store, items[2], DOSSIER_EXCHANGE_ERROR_INVALID);

    g_assert_true (message_has (message, "(items[0]._dossier.translations[\"\\x1B[2Jxxx*x…\"])."));
  }
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    g_free (items[i]);
}

/* What every field a file may hold is called, in every kind of record,
 * found by making each of them wrong in turn. A field without words is a
 * critical, which fails the test; in Russian, the words, the record and
 * the sentence are all Russian, and only the path is the file's. */
static const char case_item[] =
  "{\"id\": \"c\", \"_dossier\": {\"type\": \"case\", \"id\": \"c\", \"name\": \"Альнур\", \"status\": \"detained\","
  " \"charges\": [{\"article\": \"274\"}]}}";

/* A good record of each kind: the case is item 1, the others item 2. */
static const char * const kind_items[] = {
  case_item,
  "{\"id\": \"e\", \"_dossier\": {\"type\": \"case_event\", \"id\": \"e\", \"case_id\": \"c\","
  " \"kind\": \"arrest\", \"date\": \"2020-04-17\", \"title\": \"Арест\"}}",
  "{\"id\": \"t\", \"_dossier\": {\"type\": \"target\", \"id\": \"t\", \"name\": \"Прокурор\"}}",
  "{\"id\": \"u\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"u\", \"reference\": \"СА 1/20\"}}",
};

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches translations until the locale is set again */
  setlocale (LC_ALL, "");
}

/* Makes @member hold @value in the record of kind_items[@kind] (@where:
 * "record"), in its item ("item"), in its first charge ("charge"), in its
 * or its charge's texts in Russian ("ru", "charge-ru"); checks the error
 * in English and in Russian. */
static void
check_field_named (Fixture     *f,
                   guint        kind,
                   const char  *where,
                   const char  *member,
                   const char  *value)
{
  g_autoptr(JsonNode) node = parse (kind_items[kind]);
  JsonObject *item = json_node_get_object (node);
  JsonObject *object = json_object_get_object_member (item, "_dossier");
  g_autofree char *items = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *path = NULL;
  g_autofree char *english = NULL;
  g_autofree char *russian = NULL;
  guint index = kind == 0 ? 1 : 2;
  const char *human_end;

  if (g_str_equal (where, "item"))
    object = item;
  else if (g_str_has_prefix (where, "charge"))
    object = json_array_get_object_element (json_object_get_array_member (object, "charges"), 0);
  if (g_str_has_suffix (where, "ru"))
    {
      JsonObject *texts = json_object_new ();
      JsonObject *translations = json_object_new ();

      json_object_set_object_member (translations, "ru", texts);
      json_object_set_object_member (object, "translations", translations);
      object = texts;
    }
  json_object_set_member (object, member, json_from_string (value, NULL));
  bad = json_to_string (node, FALSE);
  items = kind == 0 ? g_strdup (bad) : g_strconcat (case_item, ",", bad, NULL);

  path = g_strdup_printf ("(items[%u]%s%s%s.%s).", index - 1,
                          g_str_equal (where, "item") ? "" : "._dossier",
                          g_str_has_prefix (where, "charge") ? ".charges[0]" : "",
                          g_str_has_suffix (where, "ru") ? ".translations.ru" : "", member);

  set_language ("en");
  english = refused_message (f->store, items, DOSSIER_EXCHANGE_ERROR_INVALID);
  if (!g_str_has_prefix (english, "Item ") || !g_str_has_suffix (english, path))
    g_error ("“%s” does not name its item or end with %s", english, path);
  /* a member such as "other_names" is named in words, not by itself */
  human_end = strstr (english, " (items[");
  if (strchr (member, '_'))
    g_assert_null (g_strstr_len (english, human_end - english, member));

  set_language ("ru");
  russian = refused_message (f->store, items, DOSSIER_EXCHANGE_ERROR_INVALID);
  set_language ("en");
  if (!g_str_has_prefix (russian, "Элемент ") || !g_str_has_suffix (russian, path))
    g_error ("“%s” does not name its item or end with %s", russian, path);
  /* what the file writes stays as it is: JSON's words, an example, a value */
  {
    const char * const kept[] = { "JSON", "true", "false", "2020-04-17T21:00:00+06:00", "«yesterday»" };
    g_autoptr(GString) human = g_string_new_len (russian, strstr (russian, " (items[") - russian);

    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      g_string_replace (human, kept[i], "", 0);
    for (const char *p = human->str; *p; p++)
      if (g_ascii_isalpha (*p))
        g_error ("“%s” is not all in Russian", russian);
  }
}

static void
test_every_field_named (Fixture       *f,
                        gconstpointer  data)
{
  const GType types[] = { DOSSIER_TYPE_CASE, DOSSIER_TYPE_CASE_EVENT, DOSSIER_TYPE_TARGET, DOSSIER_TYPE_URGENT_ACTION };
  const char * const charge_members[] = { "code", "article", "part", "description" };
  const DossierTranslatable *translatable;
  guint n_translatable;

  G_STATIC_ASSERT (G_N_ELEMENTS (types) == G_N_ELEMENTS (kind_items));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DOSSIER_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint k = 0; k < G_N_ELEMENTS (types); k++)
    {
      DossierRecordClass *klass = g_type_class_ref (types[k]);

      for (guint i = 0; i < klass->n_fields; i++)
        {
          const DossierField *field = &klass->fields[i];
          g_autofree char *member = g_strdelimit (g_strdup (field->name), "-", '_');
          const char *wrong;

          /* the volunteer's own, never read from a file */
          if (g_str_equal (member, "followed") || g_str_equal (member, "notes") ||
              g_str_equal (member, "origin"))
            continue;
          if (field->type == DOSSIER_FIELD_INT)
            wrong = "\"5\"";
          else if (field->type == DOSSIER_FIELD_BOOLEAN)
            wrong = "\"yes\"";
          else if (field->flags & DOSSIER_FIELD_FLAG_JSON)
            wrong = "[]";
          else
            wrong = "5";
          check_field_named (f, k, "record", member, wrong);
        }
      g_type_class_unref (klass);

      translatable = dossier_translatable_fields (types[k], &n_translatable);
      for (guint i = 0; i < n_translatable; i++)
        check_field_named (f, k, "ru", translatable[i].member, "5");
      if (n_translatable)
        check_field_named (f, k, "ru", "translated_from", "5");

      /* what every item and every record has */
      check_field_named (f, k, "item", "id", "true");
      check_field_named (f, k, "item", "date_published", "5");
      check_field_named (f, k, "item", "date_modified", "\"yesterday\"");
      check_field_named (f, k, "record", "id", "5");
    }

  /* a case's charges */
  check_field_named (f, 0, "record", "charges", "{}");
  for (guint m = 0; m < G_N_ELEMENTS (charge_members); m++)
    check_field_named (f, 0, "charge", charge_members[m], "5");
  check_field_named (f, 0, "charge", "translations", "[]");
  translatable = dossier_translatable_fields (DOSSIER_TYPE_CHARGE, &n_translatable);
  for (guint i = 0; i < n_translatable; i++)
    check_field_named (f, 0, "charge-ru", translatable[i].member, "5");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* messages are checked in English whatever the machine's language */
  g_setenv ("LANGUAGE", "en", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/campaign/import/sample", test_import_sample);
  ADD ("/campaign/import/sample-complete", test_sample_is_complete);
  ADD ("/campaign/import/twice", test_import_twice);
  ADD ("/campaign/import/changed", test_import_changed);
  ADD ("/campaign/import/json-feed-1.0", test_import_json_feed_1_0);
  ADD ("/campaign/import/nothing-half-imported", test_nothing_half_imported);
  ADD ("/campaign/import/write-failure-rolls-back", test_write_failure_rolls_back);
  ADD ("/campaign/import/reference-handed-over", test_reference_handed_over);
  ADD ("/campaign/import/async", test_import_async);
  ADD ("/campaign/import/async-cancelled", test_import_async_cancelled);
  ADD ("/campaign/import/async-waits-for-a-writer", test_import_async_waits);
  ADD ("/campaign/import/async-then-others-write", test_import_async_then_others_write);
  ADD ("/campaign/export/round-trip", test_export_round_trip);
  ADD ("/campaign/ua-language", test_ua_language);
  ADD ("/campaign/country", test_country);
  ADD ("/campaign/translated-from", test_translated_from);
  ADD ("/campaign/export/empty", test_export_empty);
  ADD ("/campaign/export/stream", test_export_stream);
  g_test_add_func ("/campaign/export/json-writer", test_export_json_writer);
  ADD ("/campaign/bad/reference-taken", test_bad_reference_taken);
  ADD ("/campaign/bad/unreadable", test_bad_unreadable);
  ADD ("/campaign/bad/quoted-values-escaped", test_quoted_values_escaped);
  ADD ("/campaign/bad/every-field-named", test_every_field_named);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strconcat ("/campaign/bad/", bad_files[i].name, NULL);

      g_test_add (path, Fixture, &bad_files[i], fixture_set_up, test_bad_file, fixture_tear_down);
    }

  return g_test_run ();
}
