/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-store.h"
#include "dossier-target.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* Search across the kinds of records, on a real store file: across scripts,
 * case and accents, as the person types, and kept in step with every
 * write. */

#define LIMIT 10

typedef struct
{
  char         *dir;
  char         *path;
  DossierStore *store;
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

static GPtrArray *
search (DossierStore *store,
        const char   *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = dossier_store_search (store, text, LIMIT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The position of the record among the hits for @text, or -1. */
static int
position_of (DossierStore *store,
             const char   *text,
             GType         kind,
             const char   *id)
{
  g_autoptr(GPtrArray) hits = search (store, text);

  for (guint i = 0; i < hits->len; i++)
    {
      DossierSearchHit *hit = hits->pdata[i];

      if (dossier_search_hit_get_kind (hit) == kind &&
          g_str_equal (dossier_search_hit_get_id (hit), id))
        return i;
    }
  return -1;
}

static void
assert_finds (DossierStore  *store,
              const char    *text,
              DossierRecord *record)
{
  if (position_of (store, text, G_OBJECT_TYPE (record), dossier_record_get_id (record)) < 0)
    g_error ("“%s” does not find the %s %s", text, G_OBJECT_TYPE_NAME (record),
             dossier_record_get_id (record));
}

static void
assert_misses (DossierStore  *store,
               const char    *text,
               DossierRecord *record)
{
  if (position_of (store, text, G_OBJECT_TYPE (record), dossier_record_get_id (record)) >= 0)
    g_error ("“%s” finds the %s %s", text, G_OBJECT_TYPE_NAME (record),
             dossier_record_get_id (record));
}

static guint
n_hits (DossierStore *store,
        const char   *text)
{
  g_autoptr(GPtrArray) hits = search (store, text);

  return hits->len;
}

static DossierRecord *
add_case (DossierStore       *store,
          const char         *name,
          const char * const *other_names,
          const char         *city)
{
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (dossier_case_new ());

  dossier_record_set_string (record, "name", name);
  dossier_record_set_strv (record, "other-names", other_names);
  dossier_record_set_string (record, "city", city);
  dossier_record_set_string (record, "country", "KZ");
  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static DossierRecord *
add_event (DossierStore  *store,
           DossierRecord *kase,
           const char    *title,
           const char    *text)
{
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (dossier_case_event_new ());

  dossier_record_set_string (record, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (record, "date", "2020-04-17");
  dossier_record_set_string (record, "title", title);
  dossier_record_set_string (record, "text", text);
  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static DossierRecord *
add_target (DossierStore *store,
            const char   *name,
            const char   *office)
{
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (dossier_target_new ());

  dossier_record_set_string (record, "name", name);
  dossier_record_set_string (record, "office", office);
  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static DossierRecord *
add_ua (DossierStore *store,
        const char   *reference,
        const char   *title)
{
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (dossier_urgent_action_new ());

  dossier_record_set_string (record, "reference", reference);
  dossier_record_set_string (record, "title", title);
  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static DossierRecord *
add_feed (DossierStore *store)
{
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (dossier_feed_new ());

  dossier_record_set_string (record, "url", "https://example.org/feed.json");
  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static DossierRecord *
add_item (DossierStore  *store,
          DossierRecord *feed,
          const char    *title,
          const char    *content)
{
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (dossier_feed_item_new ());

  dossier_record_set_string (record, "feed-id", dossier_record_get_id (feed));
  dossier_record_set_string (record, "guid", dossier_record_get_id (record));
  dossier_record_set_string (record, "title", title);
  dossier_record_set_string (record, "content", content);
  dossier_record_set_string (record, "published", "2020-04-28T09:00:00Z");
  g_assert_true (dossier_store_create (store, record, &error));
  g_assert_no_error (error);
  return record;
}

/* Runs @sql on the file with the plain sqlite3 library, as another program
 * would. */
static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* FTS5's own check that every index agrees with its documents. */
static void
assert_index_sound (const char *path)
{
  const char *kinds[] = { "cases", "urgent_actions", "targets", "case_events", "feed_items" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO search_%s (search_%s) VALUES ('integrity-check')",
                                              kinds[i], kinds[i]);
      run_sql (path, sql);
    }
}

static void
test_cross_script (Fixture       *f,
                   gconstpointer  data)
{
  const char *alnur_names[] = { "Альнур Ильяшев", NULL };
  g_autoptr(DossierRecord) alnur = add_case (f->store, "Alnur Ilyashev", alnur_names, "Almaty");
  g_autoptr(DossierRecord) aigerim = add_case (f->store, "Айгерим Нұрланқызы", NULL, "Шымкент");
  g_autoptr(DossierRecord) maksat = add_case (f->store, "Мақсат Жақыпов", NULL, "Алматы");
  g_autoptr(DossierRecord) other = add_case (f->store, "Ivan Petrov", NULL, "Moscow");
  const char *finds_alnur[] = {
    "ilyashev", "Ильяшев", "ИЛЬЯШЕВ", "ILYASHEV", "Ilyashev", "ильяшев", "Il'yashev",
    "Альнур", "alnur ilyashev", "Альнур Ilyashev",
  };

  for (guint i = 0; i < G_N_ELEMENTS (finds_alnur); i++)
    assert_finds (f->store, finds_alnur[i], alnur);
  assert_misses (f->store, "ilyashev", other);

  /* a case known only in Kazakh Cyrillic */
  assert_finds (f->store, "nurlankyzy", aigerim);
  assert_finds (f->store, "нурланкызы", aigerim);
  assert_finds (f->store, "Нұрланқызы", aigerim);
  assert_finds (f->store, "NURLANKYZY", aigerim);
  assert_finds (f->store, "aigerim", aigerim);
  assert_finds (f->store, "shymkent", aigerim);
  assert_finds (f->store, "Zhakupov", maksat);
  assert_finds (f->store, "Жакупов", maksat);
  assert_finds (f->store, "maksat", maksat);
  /* a city in both scripts */
  assert_finds (f->store, "Almaty", maksat);
  assert_finds (f->store, "Алматы", alnur);
  assert_misses (f->store, "Almaty", aigerim);
}

static void
test_case_and_accents (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DossierRecord) feed = add_feed (f->store);
  g_autoptr(DossierRecord) cafe = add_item (f->store, feed, "Vigil at the Café Élysée",
                                            "Supporters met at the café in Zürich.");
  g_autoptr(DossierRecord) kase = add_case (f->store, "Пётр Фёдоров", NULL, "Орёл");
  g_autoptr(DossierRecord) event = add_event (f->store, kase, "Освобождён из-под стражи",
                                              "Фёдорова отпустили.");

  assert_finds (f->store, "cafe", cafe);
  assert_finds (f->store, "CAFÉ", cafe);
  assert_finds (f->store, "Café elysee", cafe);
  assert_finds (f->store, "zurich", cafe);
  assert_finds (f->store, "ZÜRICH", cafe);

  /* ё is е: written either way, in either script */
  assert_finds (f->store, "Фёдоров", kase);
  assert_finds (f->store, "федоров", kase);
  assert_finds (f->store, "ФЕДОРОВ", kase);
  assert_finds (f->store, "Fyodorov", kase);
  assert_finds (f->store, "Fedorov", kase);
  assert_finds (f->store, "Pyotr", kase);
  assert_finds (f->store, "Орел", kase);
  assert_finds (f->store, "освобожден", event);
  assert_finds (f->store, "ОСВОБОЖДЁН", event);
}

static void
test_kazakh_letters (Fixture       *f,
                     gconstpointer  data)
{
  const struct {
    const char *name;
    const char *queries[4];
  } people[] = {
    { "Әсел Серікқызы", { "Assel", "Асел", "serikkyzy", "Серикқызы" } },
    { "Ғалым Қасымов", { "Galym", "Галым", "Kassymov", "Касымов" } },
    { "Жанар Жаңаөзенова", { "Zhanaozenova", "Жанаозенова", "zhanar", NULL } },
    { "Ұлжан Өтебаева", { "Ulzhan", "Улжан", "Otebayeva", "Отебаева" } },
    { "Үміт Шаһмарданова", { "Umit", "Умит", "Shakhmardanova", "Шахмарданова" } },
    { "Іңкәр Бекболатова", { "Inkar", "Инкар", "ІҢКӘР", "bekbolatova" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(DossierRecord) target = add_target (f->store, people[i].name, "Akim");

      for (guint q = 0; q < G_N_ELEMENTS (people[i].queries) && people[i].queries[q]; q++)
        assert_finds (f->store, people[i].queries[q], target);
    }
}

/* A record's texts in other languages are searched as its own are. */
static void
test_translations_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = add_case (f->store, "Alnur Ilyashev", NULL, "Almaty");

  assert_misses (f->store, "қорғаушы", kase);
  dossier_record_set_string (kase, "translations",
                             "{\"kk\":{\"name\":\"Әлнұр Ілияшев\",\"summary\":\"Құқық қорғаушы белсенді\"}}");
  g_assert_true (dossier_store_update (f->store, kase, &error));
  g_assert_no_error (error);
  assert_finds (f->store, "Әлнұр", kase);
  assert_finds (f->store, "Ілияшев", kase);
  assert_finds (f->store, "қорғаушы", kase);
}

/* A case's country is stored as its code and found by its name in any
 * of Dossier's languages, whatever the window's; a country changed is
 * found by its new name only. */
static void
test_country_found (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = add_case (f->store, "Alnur Ilyashev", NULL, "Almaty");
  const char *kazakhstan[] = { "Kazakhstan", "Kasachstan", "Казахстан", "Қазақстан", "Republic of Kazakhstan" };

  for (guint i = 0; i < G_N_ELEMENTS (kazakhstan); i++)
    assert_finds (f->store, kazakhstan[i], kase);
  assert_misses (f->store, "Mongolei", kase);
  dossier_record_set_string (kase, "country", "MN");
  g_assert_true (dossier_store_update (f->store, kase, &error));
  g_assert_no_error (error);
  assert_finds (f->store, "Mongolei", kase);
  assert_finds (f->store, "Монголия", kase);
  assert_misses (f->store, "Kasachstan", kase);
}

static void
test_prefix (Fixture       *f,
             gconstpointer  data)
{
  const char *names[] = { "Альнур Ильяшев", NULL };
  const char *kazakh[] = { "Нұрланқызы Айгерим", NULL };
  g_autoptr(DossierRecord) alnur = add_case (f->store, "Alnur Ilyashev", names, "Almaty");
  g_autoptr(DossierRecord) aigerim = add_case (f->store, "Aigerim Nurlankyzy", kazakh, "Oral");
  const char *typed = "Ilyashev";

  /* every keystroke finds him, in either script */
  for (glong len = 1; len <= 8; len++)
    {
      g_autofree char *latin = g_utf8_substring (typed, 0, len);
      g_autofree char *cyrillic = g_utf8_substring ("Ильяшев", 0, MIN (len, 7));

      assert_finds (f->store, latin, alnur);
      assert_finds (f->store, cyrillic, alnur);
    }
  assert_finds (f->store, "ilya", alnur);
  assert_finds (f->store, "ИЛЬЯ", alnur);
  assert_finds (f->store, "alnur ilya", alnur);

  /* a space after the last word: it is whole */
  assert_misses (f->store, "ilya ", alnur);
  assert_finds (f->store, "ilyashev ", alnur);
  /* only the last word is a prefix */
  assert_misses (f->store, "aln ilyashev", alnur);

  /* longer than the longest prefix the index keeps */
  assert_finds (f->store, "Nurlankyz", aigerim);
  assert_finds (f->store, "Nurlankyzy", aigerim);
  assert_finds (f->store, "нұрланқыз", aigerim);
  assert_finds (f->store, "Нұрланқызы", aigerim);
  assert_misses (f->store, "Nurlankyzy", alnur);
}

static void
test_multiword (Fixture       *f,
                gconstpointer  data)
{
  const char *names[] = { "Альнур Ильяшев", NULL };
  g_autoptr(DossierRecord) alnur = add_case (f->store, "Alnur Ilyashev", names, "Almaty");
  g_autoptr(DossierRecord) namesake = add_case (f->store, "Alnur Sarsenbayev", NULL, "Astana");
  g_autoptr(DossierRecord) event = add_event (f->store, alnur, "Hearing at the city court",
                                              "The court in Almaty heard the prosecutor.");

  /* every word must match, in any order, in names or body */
  assert_finds (f->store, "alnur ilyashev", alnur);
  assert_finds (f->store, "ilyashev alnur", alnur);
  assert_finds (f->store, "Ильяшев Almaty", alnur);
  assert_finds (f->store, "alnur", namesake);
  assert_misses (f->store, "alnur ilyashev", namesake);
  assert_misses (f->store, "ilyashev astana", alnur);
  assert_finds (f->store, "court almaty", event);
  assert_finds (f->store, "  COURT,   prosecutor!  ", event);
  assert_misses (f->store, "court astana", event);
}

/* What a person types is never query syntax. */
static void
test_hostile_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierRecord) kase = add_case (f->store, "Alnur Ilyashev", NULL, "Almaty");
  g_autofree char *long_text = NULL;
  const char *inputs[] = {
    "\"", "\"\"", "'", "''", "AND (", "(", ")", "*", "**", "a*b", "NEAR(a b)", "NEAR",
    "AND", "OR", "NOT", "a OR b", "NOT ilyashev", "name: x", "names : ilyashev",
    "{names body}: x", "{names", "^ilyashev", "-ilyashev", "+", "ilyashev\"", "\"ilyashev",
    "il\"ya", "%", "_", "\\", ";", "DROP TABLE cases; --", "ilyashev')", "x' OR '1'='1",
    "\xff\xfe", "\xe2\x80", "💥🔥", "ilyashev 💥", "\t\n", "ilya\x01shev",
    "ь", "\xcc\x81", "½", "ⅻ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = dossier_store_search (f->store, inputs[i], LIMIT, &error);

      if (error != NULL)
        g_error ("“%s”: %s", inputs[i], error->message);
      g_assert_nonnull (hits);
    }

  /* words survive the syntax around them */
  assert_finds (f->store, "\"ilyashev\"", kase);
  assert_finds (f->store, "(ilyashev)", kase);
  assert_finds (f->store, "ilyashev*", kase);
  assert_misses (f->store, "NOT ilyashev", kase);

  /* nothing to look for: no hits */
  g_assert_cmpuint (n_hits (f->store, ""), ==, 0);
  g_assert_cmpuint (n_hits (f->store, "   "), ==, 0);
  g_assert_cmpuint (n_hits (f->store, "\" * ( ) : ^"), ==, 0);

  /* a very long word is one word, and a prefix of at most 8 letters */
  long_text = g_strnfill (10000, 'x');
  g_assert_cmpuint (n_hits (f->store, long_text), ==, 0);
}

/* Hits come grouped by kind, in a fixed order, with what to show. */
static void
test_kinds_and_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DossierRecord) feed = add_feed (f->store);
  g_autoptr(DossierRecord) item = add_item (f->store, feed, "News from Zhanaozen", "Strikers met.");
  g_autoptr(DossierRecord) target = add_target (f->store, "Akim of Zhanaozen", "Akimat");
  g_autoptr(DossierRecord) kase = add_case (f->store, "Roza Tuletaeva", NULL, "Zhanaozen");
  g_autoptr(DossierRecord) event = add_event (f->store, kase, "Arrested in Zhanaozen", "");
  g_autoptr(DossierRecord) ua = add_ua (f->store, "UA 001/12", "Oil workers of Zhanaozen");
  g_autoptr(GPtrArray) hits = search (f->store, "Жаңаөзен");
  DossierRecord *expected[] = { kase, ua, target, event, item };

  g_assert_cmpuint (hits->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < hits->len; i++)
    {
      DossierSearchHit *hit = hits->pdata[i];

      g_assert_true (dossier_search_hit_get_kind (hit) == G_OBJECT_TYPE (expected[i]));
      g_assert_cmpstr (dossier_search_hit_get_id (hit), ==, dossier_record_get_id (expected[i]));
    }

  g_assert_cmpstr (dossier_search_hit_get_title (hits->pdata[0]), ==, "Roza Tuletaeva");
  g_assert_cmpstr (dossier_search_hit_get_subtitle (hits->pdata[0]), ==, "Zhanaozen · Kazakhstan");
  g_assert_cmpstr (dossier_search_hit_get_title (hits->pdata[1]), ==, "Oil workers of Zhanaozen");
  g_assert_cmpstr (dossier_search_hit_get_subtitle (hits->pdata[1]), ==, "UA 001/12");
  g_assert_cmpstr (dossier_search_hit_get_title (hits->pdata[2]), ==, "Akim of Zhanaozen");
  g_assert_cmpstr (dossier_search_hit_get_subtitle (hits->pdata[2]), ==, "Akimat");
  g_assert_cmpstr (dossier_search_hit_get_title (hits->pdata[3]), ==, "Arrested in Zhanaozen");
  g_assert_cmpstr (dossier_search_hit_get_subtitle (hits->pdata[3]), ==, "2020-04-17");
  g_assert_cmpstr (dossier_search_hit_get_title (hits->pdata[4]), ==, "News from Zhanaozen");
  g_assert_cmpstr (dossier_search_hit_get_subtitle (hits->pdata[4]), ==, "2020-04-28");

  /* the reference of a UA finds it */
  assert_finds (f->store, "UA 001/12", ua);
  assert_finds (f->store, "001/12", ua);

  /* at most the limit per kind */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(DossierRecord) more = add_case (f->store, "Zhanaozen striker", NULL, "Aktau");
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) few = dossier_store_search (f->store, "zhanaozen", 3, &error);
    guint n_cases = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < few->len; i++)
      if (dossier_search_hit_get_kind (few->pdata[i]) == DOSSIER_TYPE_CASE)
        n_cases++;
    g_assert_cmpuint (n_cases, ==, 3);
    g_assert_cmpuint (few->len, ==, 3 + 4);
    g_clear_pointer (&few, g_ptr_array_unref);

    few = dossier_store_search (f->store, "zhanaozen", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (few->len, ==, 0);
  }
}

static void
test_update_reindexes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = add_case (f->store, "Maks Bokayev", NULL, "Atyrau");
  const char *names[] = { "Макс Бокаев", NULL };

  assert_finds (f->store, "Bokayev", kase);
  assert_misses (f->store, "Боранбаев", kase);

  dossier_record_set_string (kase, "name", "Talgat Ayan");
  g_assert_true (dossier_store_update (f->store, kase, &error));
  g_assert_no_error (error);
  assert_misses (f->store, "Bokayev", kase);
  assert_misses (f->store, "Бокаев", kase);
  assert_finds (f->store, "Talgat", kase);
  assert_finds (f->store, "Талгат Аян", kase);
  /* the rest of the record is still found */
  assert_finds (f->store, "Atyrau", kase);

  /* other names are names too */
  dossier_record_set_strv (kase, "other-names", names);
  g_assert_true (dossier_store_update (f->store, kase, &error));
  assert_finds (f->store, "Бокаев", kase);
  assert_finds (f->store, "Bokayev", kase);
  dossier_record_set_strv (kase, "other-names", NULL);
  g_assert_true (dossier_store_update (f->store, kase, &error));
  assert_misses (f->store, "Bokayev", kase);

  /* an update that fails changes neither record nor index */
  dossier_record_set_string (kase, "name", "Nurbek Kushakbayev");
  dossier_record_set_string (kase, "status", "no-such-status");
  g_assert_false (dossier_store_update (f->store, kase, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_misses (f->store, "Kushakbayev", kase);
  assert_finds (f->store, "Talgat", kase);

  /* a transaction rolled back leaves no trace in the index */
  {
    g_autoptr(DossierRecord) ghost = DOSSIER_RECORD (dossier_case_new ());

    dossier_record_set_string (ghost, "name", "Edige Batyrov");
    g_assert_true (dossier_store_begin (f->store, &error));
    g_assert_true (dossier_store_create (f->store, ghost, &error));
    assert_finds (f->store, "Batyrov", ghost);
    dossier_store_rollback (f->store);
    assert_misses (f->store, "Batyrov", ghost);
  }

  /* an update that leaves the text alone leaves the record found */
  dossier_record_set_string (kase, "name", "Talgat Ayan");
  dossier_record_set_string (kase, "status", "imprisoned");
  dossier_record_set_boolean (kase, "followed", TRUE);
  g_assert_true (dossier_store_update (f->store, kase, &error));
  g_assert_no_error (error);
  assert_finds (f->store, "Talgat", kase);
  assert_finds (f->store, "Atyrau", kase);

  /* an event follows its title */
  {
    g_autoptr(DossierRecord) event = add_event (f->store, kase, "Hearing postponed", "");

    assert_finds (f->store, "postponed", event);
    dossier_record_set_string (event, "title", "Verdict announced");
    g_assert_true (dossier_store_update (f->store, event, &error));
    assert_misses (f->store, "postponed", event);
    assert_finds (f->store, "verdict", event);
  }

  assert_index_sound (f->path);
}

static void
test_delete_removes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierRecord) kase = add_case (f->store, "Aron Atabek", NULL, "Almaty");
  g_autoptr(DossierRecord) keep = add_case (f->store, "Sanat Bukenov", NULL, "Almaty");
  g_autoptr(DossierRecord) arrest = add_event (f->store, kase, "Detained after the Shanyrak clashes", "");
  g_autoptr(DossierRecord) verdict = add_event (f->store, kase, "Sentenced to eighteen years", "");
  g_autoptr(DossierRecord) kept = add_event (f->store, keep, "Sentenced to five years", "");
  g_autoptr(DossierRecord) target = add_target (f->store, "Prosecutor of Almaty", "Prosecutor");
  g_autoptr(DossierRecord) ua = add_ua (f->store, "UA 099/19", "Free Aron Atabek");
  g_autoptr(DossierRecord) feed = add_feed (f->store);
  g_autoptr(DossierRecord) item = add_item (f->store, feed, "Shanyrak anniversary", "");

  assert_finds (f->store, "Shanyrak", arrest);
  assert_finds (f->store, "sentenced", verdict);

  /* the case, and with it its events */
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error));
  g_assert_no_error (error);
  assert_misses (f->store, "Atabek", kase);
  assert_misses (f->store, "Shanyrak", arrest);
  assert_misses (f->store, "sentenced", verdict);
  assert_misses (f->store, "Атабек", kase);
  /* and nothing else */
  assert_finds (f->store, "sentenced", kept);
  assert_finds (f->store, "Almaty", keep);
  assert_finds (f->store, "Atabek", ua);
  assert_finds (f->store, "Shanyrak", item);

  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error));
  assert_misses (f->store, "Atabek", ua);
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_TARGET, dossier_record_get_id (target), &error));
  assert_misses (f->store, "prosecutor", target);
  /* a feed takes its items with it */
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_FEED, dossier_record_get_id (feed), &error));
  g_assert_no_error (error);
  assert_misses (f->store, "Shanyrak", item);

  /* the index holds exactly the documents that are left */
  assert_index_sound (f->path);
  g_assert_cmpuint (n_hits (f->store, "sentenced"), ==, 1);
}

/* Another program, with the plain sqlite3 library, can still write. */
static void
test_other_programs (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DossierRecord) kase = add_case (f->store, "Igor Chuprina", NULL, "Pavlodar");
  g_autoptr(DossierRecord) event = add_event (f->store, kase, "Detained in Pavlodar", "");

  run_sql (f->path,
           "INSERT INTO cases (id, created_at, updated_at, name, status)"
           " VALUES ('case-raw', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'Written by sqlite3', 'detained');"
           "UPDATE cases SET city = 'Ekibastuz' WHERE id = 'case-raw';");
  run_sql (f->path, "PRAGMA foreign_keys = ON; DELETE FROM cases WHERE name = 'Igor Chuprina';");

  assert_misses (f->store, "Chuprina", kase);
  assert_misses (f->store, "Pavlodar", event);
  assert_index_sound (f->path);
}

/* Opening a store of version 1 indexes what it holds. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), >=, 2);

  hits = search (store, "ilyashev");
  g_assert_cmpuint (hits->len, >=, 1);
  g_assert_true (dossier_search_hit_get_kind (hits->pdata[0]) == DOSSIER_TYPE_CASE);
  g_assert_cmpstr (dossier_search_hit_get_id (hits->pdata[0]), ==, "case-ilyashev");
  g_assert_cmpstr (dossier_search_hit_get_title (hits->pdata[0]), ==, "Alnur Ilyashev");
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_cmpint (position_of (store, "Ильяшев", DOSSIER_TYPE_CASE, "case-ilyashev"), ==, 0);
  g_assert_cmpint (position_of (store, "ИЛЬЯШЕВ", DOSSIER_TYPE_CASE, "case-ilyashev"), ==, 0);
  g_assert_cmpint (position_of (store, "UA 065/20", DOSSIER_TYPE_URGENT_ACTION, "ua-065-20"), >=, 0);
  g_assert_cmpint (position_of (store, "prosecutor general", DOSSIER_TYPE_TARGET, "target-pg"), >=, 0);
  g_assert_cmpint (position_of (store, "arrested almaty", DOSSIER_TYPE_CASE_EVENT, "event-1"), >=, 0);
  g_assert_cmpint (position_of (store, "Алматы", DOSSIER_TYPE_CASE, "case-ilyashev"), >=, 0);

  /* every record of the fixture has its document, and each kind one */
  for (guint i = 0; i < 5; i++)
    {
      const char *kinds[] = { "cases", "urgent_actions", "targets", "case_events", "feed_items" };
      g_autofree char *query = g_strdup_printf ("SELECT (SELECT count(*) FROM %s) = (SELECT count(*) FROM search_%s_docs)"
                                                " AND (SELECT count(*) FROM %s) > 0",
                                                kinds[i], kinds[i], kinds[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("%s: not every record is indexed", kinds[i]);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  assert_index_sound (path);

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DossierRecord) in_summary = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) in_name = NULL;
  g_autoptr(DossierRecord) yulia = NULL;
  g_autoptr(DossierRecord) ilya = NULL;
  g_autoptr(GError) error = NULL;

  /* the word in the name ranks above the word in the summary, whichever
   * was written first */
  dossier_record_set_string (in_summary, "name", "Dina Kim");
  dossier_record_set_string (in_summary, "summary",
                             "A journalist who reported on the trial of Zhaksylyk Zharimbetov's colleagues.");
  g_assert_true (dossier_store_create (f->store, in_summary, &error));
  in_name = add_case (f->store, "Zhaksylyk Zharimbetov", NULL, "Astana");
  g_assert_cmpint (position_of (f->store, "Zharimbetov", DOSSIER_TYPE_CASE, dossier_record_get_id (in_name)), ==, 0);
  g_assert_cmpint (position_of (f->store, "Zharimbetov", DOSSIER_TYPE_CASE, dossier_record_get_id (in_summary)), ==, 1);
  g_assert_cmpint (position_of (f->store, "Жарымбетов", DOSSIER_TYPE_CASE, dossier_record_get_id (in_name)), ==, 0);

  /* the key makes Ilya and Yulia alike (ilia); the name as written decides */
  ilya = add_case (f->store, "Ilya Sokolov", NULL, "Omsk");
  yulia = add_case (f->store, "Yulia Sokolova", NULL, "Omsk");
  g_assert_cmpint (position_of (f->store, "Ilya", DOSSIER_TYPE_CASE, dossier_record_get_id (ilya)), ==, 0);
  g_assert_cmpint (position_of (f->store, "Yulia", DOSSIER_TYPE_CASE, dossier_record_get_id (yulia)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/search/cross-script", Fixture, NULL, fixture_set_up, test_cross_script, fixture_tear_down);
  g_test_add ("/search/case-and-accents", Fixture, NULL, fixture_set_up, test_case_and_accents, fixture_tear_down);
  g_test_add ("/search/kazakh-letters", Fixture, NULL, fixture_set_up, test_kazakh_letters, fixture_tear_down);
  g_test_add ("/search/prefix", Fixture, NULL, fixture_set_up, test_prefix, fixture_tear_down);
  g_test_add ("/search/translations", Fixture, NULL, fixture_set_up, test_translations_found, fixture_tear_down);
  g_test_add ("/search/country", Fixture, NULL, fixture_set_up, test_country_found, fixture_tear_down);
  g_test_add ("/search/multiword", Fixture, NULL, fixture_set_up, test_multiword, fixture_tear_down);
  g_test_add ("/search/hostile-input", Fixture, NULL, fixture_set_up, test_hostile_input, fixture_tear_down);
  g_test_add ("/search/kinds-and-order", Fixture, NULL, fixture_set_up, test_kinds_and_order, fixture_tear_down);
  g_test_add ("/search/update-reindexes", Fixture, NULL, fixture_set_up, test_update_reindexes, fixture_tear_down);
  g_test_add ("/search/delete-removes", Fixture, NULL, fixture_set_up, test_delete_removes, fixture_tear_down);
  g_test_add ("/search/other-programs", Fixture, NULL, fixture_set_up, test_other_programs, fixture_tear_down);
  g_test_add_func ("/search/migrate-from-v1", test_migrate_from_v1);
  g_test_add ("/search/ranking", Fixture, NULL, fixture_set_up, test_ranking, fixture_tear_down);

  return g_test_run ();
}
