/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/xmlreader.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-feed.h"
#include "dossier-feed-merge.h"
#include "dossier-feed-parser.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"

/* How fast the feed parsers read a large feed, next to the least any
 * reader of the same file must do: a 10,000-item RSS 2.0 feed and the same
 * items as a JSON Feed (about 10 MB each, Russian and Kazakh text, HTML
 * content), parsed with dossier_feed_parse(), against libxml2's
 * xmlTextReader visiting every node and building nothing, and json-glib
 * loading the document alone.
 *
 * Then where the volunteer waits: the same feeds parsed and stored as a
 * refresh stores them (dossier_feed_merge_entries(), in its transaction)
 * into an on-disk store that already holds --prefill items (100,000),
 * first as new items, then again unchanged (every item a duplicate, as a
 * feed is fetched most of the time). bench-feeds --help */

static const char * const words[] = {
  "суд", "приговор", "активист", "задержан", "письмо", "прокурор", "свобода", "апелляция",
  "правозащитник", "журналист", "сот", "үкім", "белсенді", "хат", "бостандық", "әділет",
  "қамауда", "құқық", "Алматы", "Астана", "Шымкент", "Москва", "Казань", "статья", "кодекс",
};

static void
append_words (GString *out,
              GRand   *rand,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
}

/* The HTML of one item: a heading, paragraphs, a list, entities. */
static char *
item_html (GRand *rand)
{
  GString *html = g_string_new ("<h2>");

  append_words (html, rand, 4);
  g_string_append (html, "</h2>");
  for (guint p = 0; p < 2; p++)
    {
      g_string_append (html, "<p>");
      append_words (html, rand, 7);
      g_string_append (html, " &laquo;<a href=\"https://example.org/a\">");
      append_words (html, rand, 2);
      g_string_append (html, "</a>&raquo; &mdash; <b>");
      append_words (html, rand, 2);
      g_string_append (html, "</b>.</p>");
    }
  g_string_append (html, "<ul><li>");
  append_words (html, rand, 3);
  g_string_append (html, "</li><li>");
  append_words (html, rand, 3);
  g_string_append (html, "</li></ul>");
  return g_string_free (html, FALSE);
}

static void
generate (guint     n_items,
          GBytes  **rss,
          GBytes  **json)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *x = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
                             "<channel>\n<title>Бенчмарк: жаңалықтар</title>\n"
                             "<link>https://bench.example/</link>\n"
                             "<description>Синтетическая лента</description>\n");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "https://jsonfeed.org/version/1.1");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Бенчмарк: жаңалықтар");
  json_builder_set_member_name (builder, "home_page_url");
  json_builder_add_string_value (builder, "https://bench.example/");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *html = item_html (rand);
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1 + i % 12, 1 + i % 28, i % 24, i % 60, 0);
      g_autofree char *iso = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
      static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
      static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                             "Aug", "Sep", "Oct", "Nov", "Dec" };
      g_autofree char *escaped = NULL;
      /* the first 150 bytes, at a character's boundary */
      const char *cut = g_utf8_find_prev_char (html, html + 151);

      append_words (title, rand, 6);
      g_string_append_printf (title, " № %u", i);
      escaped = g_markup_escape_text (title->str, -1);
      g_string_append_printf (x, "<item>\n<title>%s</title>\n"
                                 "<link>https://bench.example/news/%u</link>\n"
                                 "<guid isPermaLink=\"false\">bench-%u</guid>\n"
                                 "<pubDate>%s, %02d %s %d %02d:%02d:00 +0000</pubDate>\n"
                                 "<description>",
                              escaped, i, i, days[g_date_time_get_day_of_week (date) - 1],
                              g_date_time_get_day_of_month (date),
                              months[g_date_time_get_month (date) - 1], g_date_time_get_year (date),
                              g_date_time_get_hour (date), g_date_time_get_minute (date));
      {
        /* a summary, escaped; the whole text in content:encoded */
        g_autofree char *summary = g_markup_escape_text (html, cut - html);

        g_string_append (x, summary);
      }
      g_string_append_printf (x, "</description>\n<content:encoded><![CDATA[%s]]></content:encoded>\n"
                                 "</item>\n", html);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      {
        g_autofree char *id = g_strdup_printf ("bench-%u", i);

        json_builder_add_string_value (builder, id);
      }
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title->str);
      json_builder_set_member_name (builder, "url");
      {
        g_autofree char *url = g_strdup_printf ("https://bench.example/news/%u", i);

        json_builder_add_string_value (builder, url);
      }
      json_builder_set_member_name (builder, "date_published");
      json_builder_add_string_value (builder, iso);
      json_builder_set_member_name (builder, "summary");
      {
        g_autofree char *summary = g_strndup (html, cut - html);

        json_builder_add_string_value (builder, summary);
      }
      json_builder_set_member_name (builder, "content_html");
      json_builder_add_string_value (builder, html);
      json_builder_end_object (builder);
    }
  g_string_append (x, "</channel>\n</rss>\n");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  *rss = g_string_free_to_bytes (x);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  *json = g_bytes_new_take (text, length);
}

typedef double (*Run) (GBytes *data);

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static double
run_parse (GBytes *data)
{
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(DossierParsedFeed) feed = dossier_feed_parse (data, NULL, "https://bench.example/feed", &error);
  double elapsed = now () - start;

  if (feed == NULL)
    g_error ("%s", error->message);
  return elapsed;
}

static double
run_reader_walk (GBytes *data)
{
  double start = now ();
  xmlTextReaderPtr reader = xmlReaderForMemory (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                                NULL, "UTF-8", XML_PARSE_NONET);
  guint64 nodes = 0;

  while (xmlTextReaderRead (reader) == 1)
    nodes++;
  xmlFreeTextReader (reader);
  g_assert (nodes > 0);
  return now () - start;
}

static double
run_json_load (GBytes *data)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  double start = now ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
    g_error ("%s", error->message);
  return now () - start;
}

/* The best of @runs: what the code costs, without the noise of a shared
 * machine. */
static double
best_of (Run     run,
         GBytes *data,
         guint   runs)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < runs; i++)
    best = MIN (best, run (data));
  return best;
}


/* ---- parsing and storing ---- */

static DossierStore *store;
static guint feed_serial;

static char *
new_feed (const char *title)
{
  g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
  g_autofree char *url = g_strdup_printf ("https://bench.example/%s/%u", title, feed_serial++);
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (feed, "url", url);
  dossier_record_set_string (feed, "title", title);
  if (!dossier_store_create (store, feed, &error))
    g_error ("%s", error->message);
  return g_strdup (dossier_record_get_id (feed));
}

/* What the store holds before: @n items of a feed of their own. */
static void
prefill (guint n)
{
  g_autofree char *feed_id = new_feed ("prefill");
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_feed_entry_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  DossierFeedMergeStats stats = { 0, };

  for (guint i = 0; i < n; i++)
    {
      DossierFeedEntry *entry = g_new0 (DossierFeedEntry, 1);
      g_autoptr(GString) text = g_string_new (NULL);

      append_words (text, rand, 60);
      entry->guid = g_strdup_printf ("https://prefill.example/item/%u", i);
      entry->title = g_strdup_printf ("Новость %u", i);
      entry->link = g_strdup (entry->guid);
      entry->published = g_strdup_printf ("2024-%02u-%02uT10:00:00.000000Z", 1 + i % 12, 1 + i % 28);
      entry->content = g_string_free (g_steal_pointer (&text), FALSE);
      g_ptr_array_add (entries, entry);
    }
  if (!dossier_feed_merge_entries (store, feed_id, entries, NULL, &stats, &error))
    g_error ("%s", error->message);
  dossier_feed_merge_stats_clear (&stats);
}

/* Parses @data and stores its items into @feed_id, as a refresh does. */
static double
parse_and_store (GBytes     *data,
                 const char *feed_id,
                 guint      *added,
                 guint      *unchanged)
{
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(DossierParsedFeed) feed = dossier_feed_parse (data, NULL, "https://bench.example/feed", &error);
  DossierFeedMergeStats stats = { 0, };
  double elapsed;

  if (feed == NULL || !dossier_feed_merge_entries (store, feed_id, feed->entries, NULL, &stats, &error))
    g_error ("%s", error->message);
  elapsed = now () - start;
  *added = stats.added;
  *unchanged = stats.unchanged;
  dossier_feed_merge_stats_clear (&stats);
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  int items = 10000;
  int runs = 5;
  int prefill_items = 100000;
  char *write_dir = NULL;
  GOptionEntry entries[] = {
    { "items", 'n', 0, G_OPTION_ARG_INT, &items, "Items in each feed (10000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each measure; the best counts (5)", "N" },
    { "write", 'w', 0, G_OPTION_ARG_FILENAME, &write_dir, "Also write the feeds to DIR (bench.rss, bench.json)", "DIR" },
    { "prefill", 'p', 0, G_OPTION_ARG_INT, &prefill_items, "Items in the store before storing (100000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the feed parsers");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) rss = NULL;
  g_autoptr(GBytes) json = NULL;
  struct {
    const char *name;
    GBytes     *data;
    Run         bare;
    const char *bare_name;
  } cases[2];

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || items < 1 || runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--items and --runs must be positive");
      return 2;
    }

  xmlInitParser ();
  generate (items, &rss, &json);
  if (write_dir)
    {
      g_autofree char *rss_path = g_build_filename (write_dir, "bench.rss", NULL);
      g_autofree char *json_path = g_build_filename (write_dir, "bench.json", NULL);

      if (!g_file_set_contents (rss_path, g_bytes_get_data (rss, NULL), g_bytes_get_size (rss), &error) ||
          !g_file_set_contents (json_path, g_bytes_get_data (json, NULL), g_bytes_get_size (json), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  cases[0].name = "RSS 2.0";
  cases[0].data = rss;
  cases[0].bare = run_reader_walk;
  cases[0].bare_name = "xmlTextReader walk";
  cases[1].name = "JSON Feed";
  cases[1].data = json;
  cases[1].bare = run_json_load;
  cases[1].bare_name = "json-glib load";

  g_print ("%d items per feed, best of %d runs\n\n", items, runs);
  g_print ("%-10s %8s  %10s %10s   %-20s %10s %10s   %s\n", "feed", "size", "parse", "items/s",
           "bare", "time", "items/s", "parse/bare");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (cases[i].data));
      double parse = best_of (run_parse, cases[i].data, runs);
      double bare = best_of (cases[i].bare, cases[i].data, runs);

      g_print ("%-10s %8s  %7.1f ms %10.0f   %-20s %7.1f ms %10.0f   %.2f\n", cases[i].name, size,
               parse * 1000, items / parse, cases[i].bare_name, bare * 1000, items / bare,
               parse / bare);
    }

  {
    g_autofree char *dir = dossier_test_make_dir ();
    double start;

    store = dossier_test_open_store (dir);
    start = now ();
    prefill (prefill_items);
    g_print ("\nParsed and stored into a store of %d items (filled in %.1f s), best of %d runs\n\n",
             prefill_items, now () - start, runs);
    g_print ("%-10s %-12s %10s %10s   %-20s %10s   %s\n", "feed", "items", "time", "items/s", "bare",
             "items/s", "stored/bare");
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        double bare = best_of (cases[i].bare, cases[i].data, runs);
        double first = G_MAXDOUBLE, again = G_MAXDOUBLE;

        for (int r = 0; r < runs; r++)
          {
            g_autofree char *feed_id = new_feed (cases[i].name);
            guint added = 0, unchanged = 0;
            double t;

            t = parse_and_store (cases[i].data, feed_id, &added, &unchanged);
            g_assert (added > 0 && unchanged == 0);
            first = MIN (first, t);
            t = parse_and_store (cases[i].data, feed_id, &added, &unchanged);
            g_assert (added == 0 && unchanged > 0);
            again = MIN (again, t);
          }
        g_print ("%-10s %-12s %7.1f ms %10.0f   %-20s %10.0f   %.2f\n", cases[i].name, "new",
                 first * 1000, items / first, cases[i].bare_name, items / bare, first / bare);
        g_print ("%-10s %-12s %7.1f ms %10.0f   %-20s %10.0f   %.2f\n", cases[i].name, "unchanged",
                 again * 1000, items / again, cases[i].bare_name, items / bare, again / bare);
      }
    g_clear_object (&store);
    dossier_test_remove_dir (dir);
  }
  g_free (write_dir);
  return 0;
}
