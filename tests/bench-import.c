/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-campaign.h"
#include "dossier-store.h"

/* Measures the campaign import: a synthetic campaign of --cases cases, each
 * with two charges and two events, plus targets and urgent actions, is
 * parsed, imported into an empty store, imported again (nothing changes)
 * and exported.
 *
 *   bench-import --cases 10000 [--data-dir DIR] [--output campaign.json]
 *
 * --output keeps the generated file, to compare with other tools. The
 * figures are wall-clock times of one run on this machine: a benchmark,
 * not a test. The floor is SQLite alone inserting as many rows, measured
 * in the same run, and the ratio of the two is printed. */

#define EXIT_USAGE 2

static const char * const latin[] = {
  "Alnur", "Aigerim", "Assel", "Galym", "Kairat", "Inkar", "Omirzak", "Ulzhan", "Umit", "Dauren",
};
static const char * const cyrillic[] = {
  "Альнур", "Айгерим", "Әсел", "Ғалым", "Қайрат", "Іңкәр", "Өмірзақ", "Ұлжан", "Үміт", "Дәурен",
};
static const char * const latin_surnames[] = {
  "Ilyashev", "Bokayev", "Ayan", "Mamay", "Dosov", "Sadykova", "Kharkova", "Abzhan",
};
static const char * const cyrillic_surnames[] = {
  "Ильяшев", "Бокаев", "Аян", "Мамай", "Досов", "Садыкова", "Харькова", "Абжан",
};
static const char * const statuses[] = {
  "imprisoned", "restricted-freedom", "suspended-sentence", "detained", "under-investigation", "exile",
};
static const char * const cities[] = { "Almaty", "Astana", "Atyrau", "Aktobe", "Pavlodar", "Balkhash" };

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static char *
make_campaign (guint n_cases)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_targets = MAX (1, n_cases / 50);
  guint n_uas = MAX (1, n_cases / 20);

  json_builder_begin_object (b);
  add_string (b, "version", "https://jsonfeed.org/version/1.1");
  add_string (b, "title", "Benchmark campaign");
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *id = g_strdup_printf ("case-%06u", i);
      g_autofree char *name = g_strdup_printf ("%s %s %u", latin[i % G_N_ELEMENTS (latin)],
                                               latin_surnames[i % G_N_ELEMENTS (latin_surnames)], i);
      g_autofree char *other = g_strdup_printf ("%s %s %u", cyrillic[i % G_N_ELEMENTS (cyrillic)],
                                                cyrillic_surnames[i % G_N_ELEMENTS (cyrillic_surnames)], i);
      g_autofree char *summary = g_strdup_printf ("Activist from %s prosecuted for posts criticising the "
                                                  "authorities (case %u).", cities[i % G_N_ELEMENTS (cities)], i);

      json_builder_begin_object (b);
      add_string (b, "id", id);
      add_string (b, "title", name);
      add_string (b, "content_text", summary);
      json_builder_set_member_name (b, "_dossier");
      json_builder_begin_object (b);
      add_string (b, "type", "case");
      add_string (b, "id", id);
      add_string (b, "name", name);
      json_builder_set_member_name (b, "other_names");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, other);
      json_builder_end_array (b);
      add_string (b, "country", "KZ");
      add_string (b, "city", cities[i % G_N_ELEMENTS (cities)]);
      add_string (b, "role", "civic-activist");
      add_string (b, "status", statuses[i % G_N_ELEMENTS (statuses)]);
      add_string (b, "summary", summary);
      json_builder_set_member_name (b, "prisoner_of_conscience");
      json_builder_add_boolean_value (b, i % 7 == 0);
      json_builder_set_member_name (b, "charges");
      json_builder_begin_array (b);
      for (guint c = 0; c < 2; c++)
        {
          json_builder_begin_object (b);
          add_string (b, "code", "Criminal Code of the Republic of Kazakhstan");
          add_string (b, "article", c == 0 ? "274" : "174");
          if (c == 0)
            add_string (b, "part", "4(2)");
          add_string (b, "description", c == 0 ? "Dissemination of knowingly false information"
                                              : "Inciting social discord");
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }

  for (guint i = 0; i < n_cases * 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%06u", i);
      g_autofree char *case_id = g_strdup_printf ("case-%06u", i / 2);
      g_autofree char *date = g_strdup_printf ("20%02u-%02u-%02u", 15 + i % 10, 1 + i % 12, 1 + i % 28);

      json_builder_begin_object (b);
      add_string (b, "id", id);
      add_string (b, "content_text", i % 2 ? "Sentenced" : "Arrested");
      json_builder_set_member_name (b, "_dossier");
      json_builder_begin_object (b);
      add_string (b, "type", "case_event");
      add_string (b, "id", id);
      add_string (b, "case_id", case_id);
      add_string (b, "kind", i % 2 ? "sentence" : "arrest");
      add_string (b, "date", date);
      add_string (b, "title", i % 2 ? "Sentenced" : "Arrested");
      json_builder_end_object (b);
      json_builder_end_object (b);
    }

  for (guint i = 0; i < n_targets; i++)
    {
      g_autofree char *id = g_strdup_printf ("target-%05u", i);
      g_autofree char *name = g_strdup_printf ("Prosecutor of region %u", i);

      json_builder_begin_object (b);
      add_string (b, "id", id);
      add_string (b, "content_text", name);
      json_builder_set_member_name (b, "_dossier");
      json_builder_begin_object (b);
      add_string (b, "type", "target");
      add_string (b, "id", id);
      add_string (b, "name", name);
      add_string (b, "address", "Mangilik El 14\nAstana 010000\nKazakhstan");
      add_string (b, "email", "info@prosecutor.example");
      add_string (b, "language", "kk");
      json_builder_end_object (b);
      json_builder_end_object (b);
    }

  for (guint i = 0; i < n_uas; i++)
    {
      g_autofree char *id = g_strdup_printf ("ua-%05u", i);
      g_autofree char *reference = g_strdup_printf ("UA %03u/%02u", i % 1000, i / 1000);
      g_autofree char *case_id = g_strdup_printf ("case-%06u", (i * 20) % n_cases);
      g_autofree char *target_id = g_strdup_printf ("target-%05u", i % n_targets);

      json_builder_begin_object (b);
      add_string (b, "id", id);
      add_string (b, "content_text", "Urgent action");
      json_builder_set_member_name (b, "_dossier");
      json_builder_begin_object (b);
      add_string (b, "type", "urgent_action");
      add_string (b, "id", id);
      add_string (b, "reference", reference);
      add_string (b, "title", "Activist jailed for criticism");
      add_string (b, "issued", "2020-04-22");
      add_string (b, "deadline", "2020-06-08");
      json_builder_set_member_name (b, "case_ids");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, case_id);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "target_ids");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, target_id);
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }

  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static double
report (const char *what,
        gint64      usec,
        guint       records,
        gsize       bytes)
{
  double seconds = usec / (double) G_USEC_PER_SEC;

  g_print ("%-34s %8.3f s  %9.0f records/s  %6.1f MB/s\n", what, seconds,
           records / seconds, bytes / seconds / 1e6);
  return records / seconds;
}

/* The floor the import is measured against, in the same run: SQLite
 * itself inserting @n rows with a random text UUID key and two short text
 * columns, in one transaction, with the store's own settings (WAL,
 * synchronous=FULL). Returns rows per second, or 0 on failure. */
static double
sqlite_floor (const char *dir,
              guint       n)
{
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  double rate = 0;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                        "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL) STRICT",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO t (id, a, b) VALUES (?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    goto out;

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, "Aigerim Bokayeva", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, "Almaty", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto out;
      sqlite3_reset (stmt);
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto out;
  rate = report ("floor: SQLite inserting rows alone", g_get_monotonic_time () - start, n, 0);

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  return rate;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *exported = NULL;
  DossierImportStats stats;
  int n_cases = 10000;
  gsize length;
  guint records;
  gint64 start;
  double import_rate, floor_rate;
  const GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases in the campaign (10000)", "N" },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Profile folder of an empty store to import into (a temporary one)", "DIR" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Also write the generated campaign to FILE", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Measures parsing, importing and exporting a campaign file.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_cases < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--cases must be 1 or more");
      return EXIT_USAGE;
    }

  campaign = make_campaign (n_cases);
  length = strlen (campaign);
  if (output && !g_file_set_contents (output, campaign, length, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (data_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  path = dossier_store_default_path (data_dir ? data_dir : tmp_dir);
  if (!(store = dossier_store_open (path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("Campaign: %d cases, %.1f MB; store %s\n", n_cases, length / 1e6, path);

  /* the JSON reader alone, as a floor */
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();

    start = g_get_monotonic_time ();
    if (!json_parser_load_from_data (parser, campaign, length, &error))
      {
        g_printerr ("%s\n", error->message);
        return EXIT_FAILURE;
      }
    report ("parse (json-glib alone)", g_get_monotonic_time () - start, 0, length);
  }

  start = g_get_monotonic_time ();
  if (!dossier_campaign_import_data (store, campaign, length, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  /* charges are records too: two per case */
  records = stats.created + 2 * n_cases;
  import_rate = report ("import into the empty store", g_get_monotonic_time () - start, records, length);
  floor_rate = sqlite_floor (data_dir ? data_dir : tmp_dir, records);
  if (floor_rate > 0)
    g_print ("%-34s %8.2f  (the import's records/s over the floor's rows/s)\n",
             "import / floor", import_rate / floor_rate);

  start = g_get_monotonic_time ();
  if (!dossier_campaign_import_data (store, campaign, length, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  g_assert (stats.unchanged + 0u == records - 2u * n_cases);
  report ("import again (all unchanged)", g_get_monotonic_time () - start, records, length);

  start = g_get_monotonic_time ();
  if (!(exported = dossier_campaign_export (store, NULL, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  report ("export", g_get_monotonic_time () - start, records, strlen (exported));

  g_clear_object (&store);
  if (tmp_dir)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (tmp_dir);
    }
  return EXIT_SUCCESS;
}
