/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "dossier-feed-error.h"
#include "dossier-feed-parser.h"
#include "dossier-feed-parser-private.h"
#include "dossier-links.h"
#include "dossier-opml.h"
#include "dossier-record.h"

/* The feed parsers as a reader meets them: every format and version,
 * text in the encodings Russian, Kazakh and German feeds are written in,
 * HTML turned into the text a person reads, dates in UTC, links that are
 * safe to open; and documents made to harm (billion laughs, external
 * entities) or broken (cut off, not UTF-8, not a feed at all), each
 * refused or repaired with a message a volunteer understands. Fixtures
 * are in tests/data/feeds/. */

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "feeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static gboolean
is_timestamp (const char *text)
{
  return g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$",
                               text, 0, 0);
}

/* What every parsed feed must be, whatever came: text the store takes. */
static void
check_feed (DossierParsedFeed *feed)
{
  g_autoptr(GHashTable) guids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (feed->title);
  g_assert_true (dossier_text_check (feed->title, "title", FALSE, DOSSIER_TEXT_MAX_LINE, &error));
  g_assert_true (feed->home_page == NULL || dossier_web_address_is_valid (feed->home_page));
  g_assert_true (feed->feed_url == NULL || dossier_web_address_is_valid (feed->feed_url));
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DossierFeedEntry *entry = g_ptr_array_index (feed->entries, i);

      g_assert_nonnull (entry->guid);
      g_assert_cmpstr (entry->guid, !=, "");
      g_assert_false (g_hash_table_contains (guids, entry->guid));
      g_hash_table_add (guids, entry->guid);
      g_assert_true (dossier_text_check (entry->guid, "guid", FALSE, DOSSIER_TEXT_MAX_URL, &error));
      g_assert_nonnull (entry->title);
      g_assert_true (dossier_text_check (entry->title, "title", FALSE, DOSSIER_TEXT_MAX_LINE, &error));
      g_assert_nonnull (entry->content);
      g_assert_true (dossier_text_check (entry->content, "content", TRUE, DOSSIER_TEXT_MAX_LONG, &error));
      g_assert_null (strchr (entry->content, '\r'));
      g_assert_null (strstr (entry->content, "\n\n\n"));
      g_assert_false (g_str_has_prefix (entry->content, "\n") || g_str_has_suffix (entry->content, "\n"));
      if (entry->link)
        {
          g_assert_true (dossier_uri_is_safe (entry->link));
          g_assert_true (dossier_text_check (entry->link, "link", FALSE, DOSSIER_TEXT_MAX_URL, &error));
        }
      g_assert_true (entry->published == NULL || is_timestamp (entry->published));
      g_assert_true (entry->updated == NULL || is_timestamp (entry->updated));
      g_assert_true (entry->dossier_type == NULL ||
                     dossier_text_check (entry->dossier_type, "type", FALSE, DOSSIER_TEXT_MAX_ID, &error));
      g_assert_true (entry->dossier_id == NULL ||
                     dossier_text_check (entry->dossier_id, "id", FALSE, DOSSIER_TEXT_MAX_ID, &error));
    }
}

static DossierParsedFeed *
parse_bytes (GBytes     *data,
             const char *content_type,
             const char *base_url)
{
  g_autoptr(GError) error = NULL;
  DossierParsedFeed *feed = dossier_feed_parse (data, content_type, base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  check_feed (feed);
  return feed;
}

static DossierParsedFeed *
parse_fixture (const char *name,
               const char *content_type,
               const char *base_url)
{
  g_autoptr(GBytes) data = fixture (name);

  return parse_bytes (data, content_type, base_url);
}

/* The error parsing @data fails with; its message is asserted to be a
 * sentence. */
static GError *
parse_error (GBytes *data)
{
  GError *error = NULL;
  g_autoptr(DossierParsedFeed) feed = dossier_feed_parse (data, NULL, NULL, &error);

  g_assert_null (feed);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DOSSIER_FEED_ERROR);
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_true (g_str_has_suffix (error->message, ".") || g_str_has_suffix (error->message, ")."));
  return error;
}

static DossierFeedEntry *
entry_at (DossierParsedFeed *feed,
          guint              index)
{
  g_assert_cmpuint (index, <, feed->entries->len);
  return g_ptr_array_index (feed->entries, index);
}

static DossierFeedEntry *
entry_by_guid (DossierParsedFeed *feed,
               const char        *guid)
{
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DossierFeedEntry *entry = g_ptr_array_index (feed->entries, i);

      if (g_str_equal (entry->guid, guid))
        return entry;
    }
  g_error ("no entry %s", guid);
}

/* --- formats --- */

static void
test_format_ids (void)
{
  DossierFeedFormat format;

  g_assert_cmpstr (dossier_feed_format_id (DOSSIER_FEED_FORMAT_JSON), ==, "json");
  g_assert_cmpstr (dossier_feed_format_id (DOSSIER_FEED_FORMAT_RSS), ==, "rss");
  g_assert_cmpstr (dossier_feed_format_id (DOSSIER_FEED_FORMAT_ATOM), ==, "atom");
  g_assert_true (dossier_feed_format_from_id ("atom", &format));
  g_assert_cmpint (format, ==, DOSSIER_FEED_FORMAT_ATOM);
  g_assert_false (dossier_feed_format_from_id ("rdf", &format));
}

static void
test_rss_090 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-0.90.xml", NULL, NULL);

  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_RSS);
  g_assert_cmpstr (feed->title, ==, "Mozilla Dot Org");
  g_assert_cmpstr (feed->home_page, ==, "http://www.mozilla.org");
  /* the <image> has a title and a link too: not an entry */
  g_assert_cmpuint (feed->entries->len, ==, 2);
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "New Status Updates");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "http://www.mozilla.org/status/");
  g_assert_cmpstr (entry_at (feed, 0)->guid, ==, "http://www.mozilla.org/status/");
  g_assert_cmpstr (entry_at (feed, 1)->title, ==, "Bugzilla Reorganized");
  g_assert_null (entry_at (feed, 1)->published);
}

static void
test_rss_091 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-0.91.xml", NULL, NULL);

  g_assert_cmpstr (feed->title, ==, "WriteTheWeb");
  g_assert_cmpuint (feed->entries->len, ==, 2);
  /* &nbsp; and &mdash;, which the Netscape DTD declares and which is never
   * loaded, read as HTML reads them */
  g_assert_cmpstr (entry_at (feed, 0)->content, ==,
                   "WorldOS is a framework on which to build programs that work like Freenet or "
                   "Gnutella\u00A0— allowing distributed applications using peer-to-peer routing.");
  /* the file is ISO-8859-1 */
  g_assert_true (g_str_has_suffix (entry_at (feed, 1)->content, "contributions from Straße."));
}

static void
test_rss_092 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-0.92.xml", NULL, NULL);
  DossierFeedEntry *untitled;

  g_assert_cmpuint (feed->entries->len, ==, 2);
  untitled = entry_at (feed, 0);
  g_assert_cmpstr (untitled->title, ==, "");
  g_assert_cmpstr (untitled->content, ==, "It's been a few days since I added a song to the "
                   "Grateful Dead channel. Weather Report Suite is the one.");
  /* neither guid nor link nor date: a hash */
  g_assert_true (g_str_has_prefix (untitled->guid, "sha256:"));
  g_assert_cmpuint (strlen (untitled->guid), ==, 7 + 64);
  g_assert_cmpstr (entry_at (feed, 1)->content, ==, "Arrived in the nick of time.");
  g_assert_cmpstr (entry_at (feed, 0)->guid, !=, entry_at (feed, 1)->guid);

  /* the same entry read again has the same identity */
  {
    g_autoptr(DossierParsedFeed) again = parse_fixture ("rss-0.92.xml", NULL, NULL);

    g_assert_cmpstr (entry_at (again, 0)->guid, ==, untitled->guid);
  }
}

static void
test_rss_093_094 (void)
{
  g_autoptr(DossierParsedFeed) feed93 = parse_fixture ("rss-0.93.xml", NULL, NULL);
  g_autoptr(DossierParsedFeed) feed94 = parse_fixture ("rss-0.94.xml", NULL, NULL);

  g_assert_cmpstr (entry_at (feed93, 0)->title, ==, "Item of 0.93");
  g_assert_cmpstr (entry_at (feed93, 0)->published, ==, "2001-04-01T09:00:00.000000Z");
  g_assert_cmpstr (entry_at (feed94, 0)->guid, ==, "0.94-item-1");
  /* a guid that is not a permalink is not a link; <link> is */
  g_assert_cmpstr (entry_at (feed94, 0)->link, ==, "http://www.scripting.com/2002/08/19.html");
  /* EST is five hours behind */
  g_assert_cmpstr (entry_at (feed94, 0)->published, ==, "2002-08-19T19:00:00.000000Z");
  g_assert_cmpstr (entry_at (feed94, 0)->content, ==, "Written in 0.94.");
}

static void
test_rss_10 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-1.0.xml", NULL, NULL);
  DossierFeedEntry *first, *second;

  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_RSS);
  g_assert_cmpstr (feed->title, ==, "Правозащитные новости");
  g_assert_cmpstr (feed->home_page, ==, "https://meduza.example/");
  g_assert_cmpuint (feed->entries->len, ==, 2);
  first = entry_at (feed, 0);
  g_assert_cmpstr (first->guid, ==, "https://meduza.example/news/1");
  g_assert_cmpstr (first->title, ==, "Суд продлил арест журналисту");
  g_assert_cmpstr (first->published, ==, "2024-03-01T06:30:00.000000Z");
  /* content:encoded is fuller than the description */
  g_assert_cmpstr (first->content, ==, "Первый абзац.\n\nВторой абзац «в кавычках».");
  second = entry_at (feed, 1);
  /* rdf:about is the identity */
  g_assert_cmpstr (second->guid, ==, "urn:uuid:2f6c0c5e-0000-4000-8000-000000000002");
  g_assert_cmpstr (second->link, ==, "https://meduza.example/news/2");
  g_assert_cmpstr (second->published, ==, "2024-03-02T00:00:00.000000Z");
  g_assert_cmpstr (second->content, ==, "Пишите письма.");
}

static void
test_rss_20 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-2.0.xml", NULL, NULL);
  DossierFeedEntry *entry;

  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_RSS);
  g_assert_cmpstr (feed->title, ==, "Amnesty & Friends: Urgent Actions");
  g_assert_cmpstr (feed->home_page, ==, "https://ua.example.org/");
  g_assert_cmpstr (feed->feed_url, ==, "https://ua.example.org/feed.xml");
  g_assert_false (feed->has_records);
  g_assert_cmpuint (feed->entries->len, ==, 5);

  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->guid, ==, "ua-065-20");
  /* HTML in a title is text */
  g_assert_cmpstr (entry->title, ==, "Free Alnur Ilyashev now");
  g_assert_cmpstr (entry->link, ==, "https://ua.example.org/ua/065-20");
  g_assert_cmpstr (entry->published, ==, "2020-04-17T15:00:00.000000Z");
  g_assert_null (entry->updated);
  g_assert_null (entry->dossier_type);
  /* headings and paragraphs apart, list items on lines, <br> a line break,
   * scripts and styles gone, entities decoded */
  g_assert_cmpstr (entry->content, ==,
                   "What happened\n\n"
                   "Alnur was sentenced\u00A0on 22 June.\nHe is under restrictions.\n\n"
                   "Write to the prosecutor\nShare this action\n\n"
                   "Thank you — and “good luck” …");

  entry = entry_at (feed, 1);
  /* a guid that is a permalink is the link too */
  g_assert_cmpstr (entry->guid, ==, "https://ua.example.org/ua/066-20");
  g_assert_cmpstr (entry->link, ==, "https://ua.example.org/ua/066-20");
  g_assert_cmpstr (entry->published, ==, "2020-04-18T08:15:00.000000Z");
  g_assert_cmpstr (entry->content, ==, "Escaped HTML.\n\nSecond.");

  entry = entry_at (feed, 2);
  /* no guid: the link, white space around it dropped */
  g_assert_cmpstr (entry->guid, ==, "https://ua.example.org/ua/067-20");
  g_assert_cmpstr (entry->link, ==, "https://ua.example.org/ua/067-20");
  g_assert_cmpstr (entry->published, ==, "2020-04-19T10:00:00.000000Z");

  entry = entry_at (feed, 3);
  g_assert_true (g_str_has_prefix (entry->guid, "sha256:"));
  g_assert_null (entry->link);

  entry = entry_at (feed, 4);
  /* javascript: is no link */
  g_assert_null (entry->link);
  g_assert_cmpstr (entry->content, ==, "");
}

static void
test_atom_03 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("atom-0.3.xml", NULL, NULL);
  DossierFeedEntry *entry;

  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_ATOM);
  g_assert_cmpstr (feed->title, ==, "dive into mark");
  g_assert_cmpstr (feed->home_page, ==, "http://diveintomark.org/");
  g_assert_cmpuint (feed->entries->len, ==, 2);
  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->guid, ==, "tag:diveintomark.org,2003:3.2397");
  g_assert_cmpstr (entry->link, ==, "http://diveintomark.org/2003/12/13/atom03");
  /* issued is when it was published, modified when it changed */
  g_assert_cmpstr (entry->published, ==, "2003-12-13T12:29:29.000000Z");
  g_assert_cmpstr (entry->updated, ==, "2003-12-13T18:30:02.000000Z");
  g_assert_cmpstr (entry->content, ==, "Escaped HTML content.");
  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->title, ==, "Second & last");
  g_assert_cmpstr (entry->published, ==, "2003-12-14T10:00:00.000000Z");
  g_assert_cmpstr (entry->content, ==, "Inline XHTML.\n\nTwo.");
}

static void
test_atom_10 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("atom-1.0.xml", NULL, "https://fetched.example/atom");
  DossierFeedEntry *entry;

  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_ATOM);
  g_assert_cmpstr (feed->title, ==, "Kazakhstan Watch");
  /* relative to the feed's xml:base, not to where it was fetched */
  g_assert_cmpstr (feed->home_page, ==, "https://atom.example/blog/");
  g_assert_cmpstr (feed->feed_url, ==, "https://atom.example/feeds/atom.xml");
  g_assert_cmpuint (feed->entries->len, ==, 3);

  entry = entry_at (feed, 0);
  g_assert_cmpstr (entry->title, ==, "Verdict in Almaty case");
  /* the alternate link, not the enclosure nor the source's */
  g_assert_cmpstr (entry->link, ==, "https://atom.example/blog/2024/05/verdict");
  g_assert_cmpstr (entry->published, ==, "2024-05-01T04:00:00.000000Z");
  g_assert_cmpstr (entry->updated, ==, "2024-05-01T05:30:00.250000Z");
  /* XHTML content, in Kazakh; the summary gives way to it */
  g_assert_cmpstr (entry->content, ==, "Алматы соты үкім шығарды.\n\nSecond paragraph.");

  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->link, ==, "https://other.example/base/page.html");
  g_assert_null (entry->published);
  g_assert_cmpstr (entry->updated, ==, "2024-05-02T00:00:00.000000Z");
  g_assert_cmpstr (entry->content, ==, "HTML content");

  entry = entry_at (feed, 2);
  /* text keeps its lines and its "<" */
  g_assert_cmpstr (entry->content, ==, "First line\nsecond line\n\nNew paragraph <not a tag>");
  g_assert_null (entry->link);
}

static void
test_json_10 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("json-1.0.json", NULL, "https://example.org/feeds/main.json");
  DossierFeedEntry *entry;

  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_JSON);
  g_assert_cmpstr (feed->title, ==, "My Example Feed");
  g_assert_cmpstr (feed->home_page, ==, "https://example.org/");
  g_assert_cmpstr (feed->feed_url, ==, "https://example.org/feed.json");
  g_assert_false (feed->has_records);
  g_assert_cmpuint (feed->entries->len, ==, 2);
  entry = entry_at (feed, 0);
  /* JSON Feed 1.0 allowed numbers as ids */
  g_assert_cmpstr (entry->guid, ==, "2");
  g_assert_cmpstr (entry->title, ==, "");
  g_assert_cmpstr (entry->content, ==, "This is a second item.");
  g_assert_cmpstr (entry->published, ==, "2010-02-07T19:04:00.000000Z");
  entry = entry_at (feed, 1);
  /* a JSON Feed title is plain text */
  g_assert_cmpstr (entry->title, ==, "First <item>");
  g_assert_cmpstr (entry->content, ==, "Hello, world!\n\nBye.");
  g_assert_cmpstr (entry->link, ==, "https://example.org/first-item");
  g_assert_null (entry->updated);
}

static void
test_json_11 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("json-1.1.json", NULL, NULL);
  DossierFeedEntry *entry;

  g_assert_cmpstr (feed->title, ==, "Новости кампании");
  /* the item that is not an object is skipped */
  g_assert_cmpuint (feed->entries->len, ==, 3);
  entry = entry_at (feed, 0);
  /* content_text before content_html; its lines kept, CRLF and empty lines
   * made one paragraph break */
  g_assert_cmpstr (entry->content, ==, "Первый абзац.\n\nВторой абзац.\nСтрока.");
  g_assert_cmpstr (entry->published, ==, "2024-03-01T06:30:00.123456Z");
  /* no zone: UTC */
  g_assert_cmpstr (entry->updated, ==, "2024-03-01T12:00:00.000000Z");
  entry = entry_at (feed, 1);
  g_assert_cmpstr (entry->content, ==, "A summary.");
  g_assert_cmpstr (entry->link, ==, "https://elsewhere.example/article");
  entry = entry_at (feed, 2);
  g_assert_cmpstr (entry->link, ==, "mailto:coordinator@campaign.example");
}

static void
test_json_campaign (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("json-campaign.json", NULL, NULL);

  g_assert_true (feed->has_records);
  g_assert_cmpuint (feed->entries->len, ==, 3);
  g_assert_cmpstr (entry_at (feed, 0)->dossier_type, ==, "case");
  g_assert_cmpstr (entry_at (feed, 0)->dossier_id, ==, "case-alnur-ilyashev");
  g_assert_cmpstr (entry_at (feed, 1)->dossier_type, ==, "urgent_action");
  g_assert_cmpstr (entry_at (feed, 1)->dossier_id, ==, "ua-065-20");
  g_assert_null (entry_at (feed, 2)->dossier_type);
  g_assert_null (entry_at (feed, 2)->dossier_id);
}

static void
test_json_errors (void)
{
  static const struct {
    const char *json;
    int         code;
  } cases[] = {
    { "{\"a\": 1}", DOSSIER_FEED_ERROR_NOT_A_FEED },
    { "[1, 2]", DOSSIER_FEED_ERROR_NOT_A_FEED },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": 3}", DOSSIER_FEED_ERROR_MALFORMED },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"a\\u0000b\"}]}",
      DOSSIER_FEED_ERROR_MALFORMED },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [}", DOSSIER_FEED_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = parse_error (data);

      g_test_message ("%s: %s", cases[i].json, error->message);
      g_assert_error (error, DOSSIER_FEED_ERROR, cases[i].code);
    }

  /* nested beyond the bounds: refused before json-glib recurses */
  {
    GString *deep = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"x\": ");
    g_autoptr(GBytes) data = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    data = g_string_free_to_bytes (deep);
    error = parse_error (data);
    g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED);
  }
}

/* --- encodings --- */

static void
test_windows_1251 (void)
{
  const char *types[] = { NULL, "application/rss+xml", "text/xml; charset=windows-1251",
                          "text/xml; charset=\"CP1251\"",
                          /* a server's default, wrong for this file */
                          "application/xml; charset=utf-8" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-windows-1251.xml", types[i], NULL);
      DossierFeedEntry *entry = entry_at (feed, 0);

      g_test_message ("Content-Type: %s", types[i]);
      g_assert_cmpstr (feed->title, ==, "Новости «Мемориала»");
      g_assert_cmpstr (entry->title, ==, "Приговор — 5 лет; дело № 12");
      g_assert_cmpstr (entry->content, ==, "Ещё одно письмо – ёлка.");
      /* "Пт, 01 мар 2024 10:00:00 +0300" */
      g_assert_cmpstr (entry->published, ==, "2024-03-01T07:00:00.000000Z");
    }
}

static void
test_koi8_r (void)
{
  g_autoptr(DossierParsedFeed) declared = parse_fixture ("rss-koi8-r.xml", NULL, NULL);
  g_autoptr(DossierParsedFeed) labelled = parse_fixture ("rss-koi8-r-undeclared.xml", "text/xml; charset=KOI8-R", NULL);
  g_autoptr(DossierParsedFeed) unlabelled = parse_fixture ("rss-koi8-r-undeclared.xml", NULL, NULL);
  DossierParsedFeed *feeds[] = { declared, labelled };

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      DossierFeedEntry *entry = entry_at (feeds[i], 0);

      g_assert_cmpstr (feeds[i]->title, ==, "Новости правозащитников");
      g_assert_cmpstr (entry->title, ==, "Съешь ещё этих мягких французских булок");
      g_assert_cmpstr (entry->content, ==, "Да, выпей же чаю. Ёжик.");
      /* "1 марта 2024 10:00 MSK" */
      g_assert_cmpstr (entry->published, ==, "2024-03-01T07:00:00.000000Z");
    }
  /* nothing says KOI8-R: read as UTF-8, the bytes that are not become
   * U+FFFD, and the rest is there */
  g_assert_nonnull (strstr (unlabelled->title, "\uFFFD"));
  g_assert_cmpstr (entry_at (unlabelled, 0)->link, ==, "https://koi.example/news/1");
}

/* Text in @encoding, declared in the document or in the Content-Type. */
static void
check_encoding (const char *encoding,
                const char *label,
                const char *text)
{
  for (guint where = 0; where < 2; where++)
    {
      g_autofree char *document = g_strdup_printf ("<?xml version=\"1.0\"%s%s%s?>\n"
                                                   "<rss version=\"2.0\"><channel><title>%s</title>"
                                                   "<item><title>%s</title><guid>1</guid></item>"
                                                   "</channel></rss>",
                                                   where == 0 ? " encoding=\"" : "",
                                                   where == 0 ? label : "",
                                                   where == 0 ? "\"" : "", text, text);
      g_autofree char *content_type = where == 1 ? g_strdup_printf ("text/xml;charset=%s", label) : NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      char *encoded = g_convert (document, -1, encoding, "UTF-8", NULL, &length, &error);
      g_autoptr(GBytes) data = NULL;
      g_autoptr(DossierParsedFeed) feed = NULL;

      g_assert_no_error (error);
      data = g_bytes_new_take (encoded, length);
      g_test_message ("%s as %s (%s)", label, encoding, where == 0 ? "declared" : "Content-Type");
      feed = parse_bytes (data, content_type, NULL);
      g_assert_cmpstr (feed->title, ==, text);
      g_assert_cmpstr (entry_at (feed, 0)->title, ==, text);
    }
}

static void
test_encodings (void)
{
  const char *russian = "Свобода слова — право каждого";
  const char *ukrainian = "Ґрунтовна їжа для всіх";
  const char *kazakh = "Қазақстан: әділ сот үшін ұйымдар ғана емес";
  const char *german = "Grüße aus Köln, Straße";

  check_encoding ("ISO-8859-5", "iso-8859-5", "Свобода слова, право каждого");
  check_encoding ("IBM866", "IBM866", "Свобода слова, право каждого");
  check_encoding ("IBM866", "cp866", "Ёж и ёлка");
  check_encoding ("KOI8-U", "koi8-u", ukrainian);
  check_encoding ("WINDOWS-1251", "windows-1251", russian);
  check_encoding ("RK1048", "KZ-1048", kazakh);
  check_encoding ("PT154", "PTCP154", kazakh);
  check_encoding ("WINDOWS-1252", "ISO-8859-1", german);
  check_encoding ("ISO-8859-15", "ISO-8859-15", german);
  check_encoding ("UTF-8", "utf-8", kazakh);
}

static void
test_utf16 (void)
{
  const char *document = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                         "<rss version=\"2.0\"><channel><title>Ұлы дала</title></channel></rss>";
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    for (guint bom = 0; bom < 2; bom++)
      {
        g_autoptr(GError) error = NULL;
        gsize length;
        g_autofree char *encoded = g_convert (document, -1, encodings[i], "UTF-8", NULL, &length, &error);
        GString *bytes = g_string_new (NULL);
        g_autoptr(GBytes) data = NULL;
        g_autoptr(DossierParsedFeed) feed = NULL;

        g_assert_no_error (error);
        if (bom)
          g_string_append (bytes, i == 0 ? "\xFF\xFE" : "\xFE\xFF");
        g_string_append_len (bytes, encoded, length);
        data = g_string_free_to_bytes (bytes);
        feed = parse_bytes (data, NULL, NULL);
        g_assert_cmpstr (feed->title, ==, "Ұлы дала");
      }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("invalid-utf8.xml", NULL, NULL);
  DossierFeedEntry *entry;

  /* bytes that are not UTF-8 become U+FFFD; control characters go */
  g_assert_cmpstr (feed->title, ==, "Bad \uFFFD\uFFFD bytes \uFFFD");
  entry = entry_at (feed, 0);
  g_assert_null (strchr (entry->title, '\x1b'));
  g_assert_true (g_str_has_prefix (entry->title, "Esc [31mape and NUL\uFFFD here"));
  g_assert_true (g_str_has_prefix (entry->content, "Caf\uFFFD"));

  /* the same in a JSON Feed */
  {
    const char json[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Caf\xe9\","
                        " \"items\": [{\"id\": \"1\", \"title\": \"Esc\\u001b[0m \xff\","
                        " \"content_text\": \"a\\u0007b\\tc\"}]}";
    g_autoptr(GBytes) data = g_bytes_new_static (json, sizeof json - 1);
    g_autoptr(DossierParsedFeed) json_feed = parse_bytes (data, NULL, NULL);

    g_assert_cmpstr (json_feed->title, ==, "Caf\uFFFD");
    g_assert_cmpstr (entry_at (json_feed, 0)->title, ==, "Esc[0m \uFFFD");
    g_assert_cmpstr (entry_at (json_feed, 0)->content, ==, "ab c");
  }
  /* and a JSON Feed in windows-1251, as its server says */
  {
    g_autofree char *json = g_convert ("{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Письма\", \"items\": []}",
                                       -1, "WINDOWS-1251", "UTF-8", NULL, NULL, NULL);
    g_autoptr(GBytes) data = g_bytes_new (json, strlen (json));
    g_autoptr(DossierParsedFeed) json_feed = parse_bytes (data, "application/json; charset=windows-1251", NULL);

    g_assert_cmpstr (json_feed->title, ==, "Письма");
  }
}

/* What dossier_feed_decode() gives for UTF-8 with mistakes: valid UTF-8
 * where the mistakes were, the rest as it was. */
#define BYTES(literal) literal, sizeof literal - 1

static void
test_utf8_repair (void)
{
  static const struct {
    const char *bytes;
    gsize       length;
    const char *text;
  } cases[] = {
    { BYTES ("plain ASCII, long enough for words of eight"), "plain ASCII, long enough for words of eight" },
    { BYTES ("emoji \xF0\x9F\x93\xA8 and \xE2\x82\xAC"), "emoji \U0001F4E8 and €" },
    { BYTES ("overlong \xC0\xAF"), "overlong \uFFFD\uFFFD" },
    { BYTES ("overlong \xE0\x80\xAF"), "overlong \uFFFD\uFFFD\uFFFD" },
    { BYTES ("surrogate \xED\xA0\x80"), "surrogate \uFFFD\uFFFD\uFFFD" },
    { BYTES ("beyond \xF4\x90\x80\x80"), "beyond \uFFFD\uFFFD\uFFFD\uFFFD" },
    { BYTES ("cut \xD0"), "cut \uFFFD" },
    { BYTES ("cut \xE2\x82"), "cut \uFFFD\uFFFD" },
    { BYTES ("NUL\0and\x1b controls\x7f"), "NUL and  controls\x7f" },
    { BYTES ("non-characters \xEF\xBF\xBE\xEF\xBF\xBF"), "non-characters \uFFFD\uFFFD" },
    { BYTES ("tab\tand\r\nline"), "tab\tand\r\nline" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (cases[i].bytes, cases[i].length);
      g_autoptr(GBytes) text = dossier_feed_decode (data, NULL, DOSSIER_FEED_SYNTAX_XML, NULL);
      gsize length;
      const char *utf8 = g_bytes_get_data (text, &length);

      g_test_message ("%u", i);
      g_assert_true (g_utf8_validate_len (utf8, length, NULL));
      g_assert_cmpmem (utf8, length, cases[i].text, strlen (cases[i].text));
    }
}

static void
test_bare_ampersands (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("bare-ampersands.xml", NULL, NULL);
  DossierFeedEntry *entry = entry_at (feed, 0);

  /* a bare "&" is text, not the end of what follows it */
  g_assert_cmpstr (feed->title, ==, "Tom & Jerry's feed");
  g_assert_cmpstr (feed->home_page, ==, "https://amp.example/?a=1&b=2");
  g_assert_cmpstr (entry->title, ==, "AT&T, &unknown; and &  — №5");
  g_assert_cmpstr (entry->link, ==, "https://amp.example/item?id=1&lang=ru");
  g_assert_cmpstr (entry->content, ==, "CDATA keeps & as it is: a && b\n\nand after & it");
}

/* --- documents made to harm --- */

static void
test_billion_laughs (void)
{
  g_autoptr(GBytes) data = fixture ("billion-laughs.xml");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = parse_error (data);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_test_message ("%s (%" G_GINT64_FORMAT " µs)", error->message, elapsed);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "entities"));
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
}

static void
test_quadratic_blowup (void)
{
  /* one entity of 50,000 characters used 100,000 times: 5 GB of text */
  GString *document = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < 50000; i++)
    g_string_append_c (document, 'a');
  g_string_append (document, "\">]>\n<rss version=\"2.0\"><channel><title>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (document, "&a;");
  g_string_append (document, "</title></channel></rss>");
  data = g_string_free_to_bytes (document);
  start = g_get_monotonic_time ();
  error = parse_error (data);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_empty_laughs (void)
{
  /* a billion references to an entity that is empty: no text, all time */
  GString *document = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY e0 \"\">\n");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierParsedFeed) feed = NULL;
  gint64 start;

  for (guint level = 1; level <= 9; level++)
    {
      g_string_append_printf (document, "<!ENTITY e%u \"", level);
      for (guint i = 0; i < 10; i++)
        g_string_append_printf (document, "&e%u;", level - 1);
      g_string_append (document, "\">\n");
    }
  g_string_append (document, "]>\n<rss version=\"2.0\"><channel><title>&e9;</title></channel></rss>");
  data = g_string_free_to_bytes (document);
  start = g_get_monotonic_time ();
  feed = dossier_feed_parse (data, NULL, NULL, &error);
  /* each entity is expanded once: read at once, and empty */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_no_error (error);
  g_assert_cmpstr (feed->title, ==, "");
}

static void
test_internal_entities (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("internal-entities.xml", NULL, NULL);
  DossierFeedEntry *entry = entry_at (feed, 0);

  /* entities a document declares for itself are read, within bounds */
  g_assert_cmpstr (feed->title, ==, "Entities of Amnesty\u00A0International");
  g_assert_cmpstr (entry->title, ==, "Letters — Amnesty\u00A0International");
  g_assert_cmpstr (entry->link, ==, "https://entities.example/a?x=1&y=2");
  g_assert_cmpstr (entry->content, ==, "Written by «Amnesty\u00A0International»");
}

static void
test_external_entities (void)
{
  const char *templates[] = { "xxe.xml.in", "xxe-dtd.xml.in" };
  g_autofree char *dir = g_dir_make_tmp ("dossier-xxe-XXXXXX", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  const char *secret_text = "TOPSECRET-7d1f0c";

  g_assert_true (g_file_set_contents (secret, secret_text, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(GBytes) template = fixture (templates[i]);
      g_autoptr(GString) document = g_string_new_len (g_bytes_get_data (template, NULL),
                                                      g_bytes_get_size (template));
      g_autoptr(GBytes) data = NULL;
      g_autoptr(DossierParsedFeed) feed = NULL;
      g_autofree char *json = NULL;

      g_string_replace (document, "@SECRET_PATH@", secret, 0);
      data = g_bytes_new (document->str, document->len);
      feed = parse_bytes (data, NULL, NULL);
      json = dossier_parsed_feed_to_json (feed);
      g_test_message ("%s", json);
      /* the file is not read: the entity is simply unknown */
      g_assert_null (strstr (json, secret_text));
      g_assert_cmpuint (feed->entries->len, ==, 1);
      if (i == 0)
        {
          g_assert_cmpstr (feed->title, ==, "Title end");
          g_assert_cmpstr (entry_at (feed, 0)->content, ==, "Before after");
        }
      else
        g_assert_cmpstr (entry_at (feed, 0)->title, ==, "Included:");
    }
  g_remove (secret);
  g_rmdir (dir);
}

static void
test_deep_nesting (void)
{
  /* deeper than any parser's stack should go */
  GString *document = g_string_new ("<rss version=\"2.0\"><channel><item><description>");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierParsedFeed) feed = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (document, "<b>");
  data = g_string_free_to_bytes (document);
  feed = dossier_feed_parse (data, NULL, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED);
}

/* --- what is not a feed --- */

static void
test_not_a_feed (void)
{
  static const struct {
    const char *name;
    const char *text;
    const char *says;
  } cases[] = {
    { "not-a-feed.html", NULL, "web page" },
    { "empty.xml", NULL, "empty" },
    { NULL, "", "empty" },
    { NULL, "Hello, this is plain text.\n", "not a feed" },
    { NULL, "<?xml version=\"1.0\"?><!-- a comment --><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", "svg" },
    { NULL, "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "web page" },
    { NULL, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>", "RDF" },
    { NULL, "\xEF\xBB\xBF  <HTML><BODY>Upper case</BODY></HTML>", "web page" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) data = cases[i].name ? fixture (cases[i].name)
                                             : g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = parse_error (data);

      g_test_message ("%u: %s", i, error->message);
      g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

static void
test_truncated (void)
{
  const char *names[] = { "truncated.xml", "truncated.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) data = fixture (names[i]);
      g_autoptr(GError) error = parse_error (data);

      g_test_message ("%s", error->message);
      g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "ends early"));
    }
}

static void
drop_message (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
}

/* Thousands of broken documents: their mistakes, which the parsers note
 * with g_debug(), are not news. */
static guint
quiet_begin (void)
{
  return g_log_set_handler ("dossier-feeds", G_LOG_LEVEL_DEBUG, drop_message, NULL);
}

/* Every prefix of a feed: refused as cut off (or as not a feed, when too
 * little is left to tell), never read as a smaller feed, never a crash. */
static void
test_every_prefix (void)
{
  const char *names[] = { "rss-2.0.xml", "atom-1.0.xml", "json-1.1.json", "rss-windows-1251.xml" };
  guint handler = quiet_begin ();

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GBytes) whole = fixture (names[n]);
      gsize length = g_bytes_get_size (whole);
      const char *bytes = g_bytes_get_data (whole, NULL);
      gsize end = length;

      /* past the last closing tag there is only a line break */
      while (end > 0 && g_ascii_isspace (bytes[end - 1]))
        end--;
      for (gsize i = 0; i < end; i++)
        {
          g_autoptr(GBytes) prefix = g_bytes_new_from_bytes (whole, 0, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(DossierParsedFeed) feed = dossier_feed_parse (prefix, NULL, NULL, &error);

          g_assert_null (feed);
          g_assert_true (g_error_matches (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED) ||
                         g_error_matches (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED));
        }
    }
  g_log_remove_handler ("dossier-feeds", handler);
}

static void
test_too_large (void)
{
  gsize size = DOSSIER_FEED_MAX_BYTES + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  memset (data, ' ', size);
  memcpy (data, "<rss>", 5);
  bytes = g_bytes_new_take (data, size);
  error = parse_error (bytes);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE);
}

/* --- identity, links, dates, text --- */

static void
test_duplicates (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("duplicate-guids.xml", NULL, NULL);

  /* the first of each guid is kept */
  g_assert_cmpuint (feed->entries->len, ==, 3);
  g_assert_cmpstr (entry_at (feed, 0)->title, ==, "First");
  g_assert_cmpstr (entry_at (feed, 1)->title, ==, "Second");
  g_assert_cmpstr (entry_at (feed, 2)->title, ==, "No guid");
  g_assert_cmpstr (entry_at (feed, 2)->guid, ==, "https://dup.example/a");
}

static void
test_relative_links (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("relative-links.xml", NULL, "https://fetched.example/feed");
  g_autoptr(DossierParsedFeed) no_base = parse_fixture ("relative-no-base.xml", NULL, "https://site.example/blog/feed.rss");
  g_autoptr(DossierParsedFeed) nowhere = parse_fixture ("relative-no-base.xml", NULL, NULL);

  g_assert_cmpstr (feed->home_page, ==, "https://base.example/");
  g_assert_cmpstr (entry_at (feed, 0)->link, ==, "https://base.example/news/item-1.html");
  g_assert_cmpstr (entry_at (feed, 1)->link, ==, "https://base.example/archive/2024/item-2.html?a=1&b=2");
  g_assert_cmpstr (entry_at (feed, 2)->link, ==, "https://cdn.example/y/item-3.html");
  g_assert_cmpstr (entry_at (feed, 3)->link, ==, "https://elsewhere.example/item-4");
  /* escaped, as a browser sends it */
  g_assert_cmpstr (entry_at (feed, 4)->link, ==,
                   "https://base.example/news/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F%20"
                   "%D0%BD%D0%BE%D0%BC%D0%B5%D1%80%205.html");

  /* without xml:base: against the address the feed was fetched from */
  g_assert_cmpstr (no_base->home_page, ==, "https://site.example/");
  g_assert_cmpstr (entry_at (no_base, 0)->link, ==, "https://site.example/blog/posts/1");
  g_assert_cmpstr (entry_at (no_base, 1)->link, ==, "https://cdn.example/posts/2");
  /* without either, a relative link leads nowhere */
  g_assert_null (nowhere->home_page);
  g_assert_null (entry_at (nowhere, 0)->link);
  g_assert_null (entry_at (nowhere, 1)->link);
}

static void
test_dates_in_feeds (void)
{
  static const struct {
    const char *guid;
    const char *published;
  } cases[] = {
    { "rfc1123-gmt", "2002-09-07T00:00:01.000000Z" },
    { "rfc822-numeric-zone", "2002-09-07T00:00:01.000000Z" },
    { "rfc822-named-zone", "2002-09-07T00:00:01.000000Z" },
    { "no-seconds", "2002-09-07T00:00:00.000000Z" },
    { "two-digit-year", "2002-09-07T00:00:01.000000Z" },
    { "lower-case", "2002-09-07T00:00:01.000000Z" },
    { "no-day-name", "2002-09-07T00:00:01.000000Z" },
    { "russian", "2002-09-07T00:00:01.000000Z" },
    { "russian-genitive", "2002-09-07T00:00:00.000000Z" },
    { "german", "2002-09-07T00:00:01.000000Z" },
    { "kazakh", "2002-09-07T00:00:01.000000Z" },
    { "rfc3339", "2002-09-07T00:00:01.000000Z" },
    { "rfc3339-fraction", "2002-09-07T00:00:01.500000Z" },
    { "iso-no-zone", "2002-09-07T00:00:01.000000Z" },
    { "w3cdtf-day", "2002-09-07T00:00:00.000000Z" },
    { "w3cdtf-month", "2002-09-01T00:00:00.000000Z" },
    { "w3cdtf-year", "2002-01-01T00:00:00.000000Z" },
    { "atom-published", "2002-09-07T00:00:01.000000Z" },
    { "unreadable", NULL },
    { "unreadable-then-dc", "2002-09-07T00:00:01.000000Z" },
    { "year-1899", NULL },
    { "epoch", NULL },
    { "february-30", NULL },
  };
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("dates.xml", NULL, NULL);

  g_assert_cmpuint (feed->entries->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].guid);
      g_assert_cmpstr (entry_by_guid (feed, cases[i].guid)->published, ==, cases[i].published);
    }
  g_assert_cmpstr (entry_by_guid (feed, "atom-published")->updated, ==, "2002-09-08T00:00:01.000000Z");
}

static void
test_dates (void)
{
  static const struct {
    const char *text;
    const char *utc;
  } cases[] = {
    { "Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 -0700", "2003-06-10T11:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 CST", "2003-06-10T10:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 +05:30", "2003-06-09T22:30:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 GMT+0300", "2003-06-10T01:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 MSK", "2003-06-10T01:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 ALMT", "2003-06-09T23:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00 XYZT", "2003-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00.000000Z" },
    { "10 Jun 2003", "2003-06-10T00:00:00.000000Z" },
    { "Tuesday, 10 June 2003 04:00 GMT", "2003-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 99 04:00:00 GMT", "1999-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 49 04:00:00 GMT", "2049-06-10T04:00:00.000000Z" },
    { "Tue, 10 Jun 2003 4:00:00 GMT", "2003-06-10T04:00:00.000000Z" },
    { "  TUE, 10 JUN 2003 04:00:00 GMT  ", "2003-06-10T04:00:00.000000Z" },
    { "Jun 10 2003 04:00:00 GMT", "2003-06-10T04:00:00.000000Z" },
    { "Di, 10 Juni 2003 04:00:00 +0200", "2003-06-10T02:00:00.000000Z" },
    { "10. März 2003 04:00 MEZ", "2003-03-10T03:00:00.000000Z" },
    { "10 Dezember 2003", "2003-12-10T00:00:00.000000Z" },
    { "Вт, 10 июн 2003 04:00:00 +0300", "2003-06-10T01:00:00.000000Z" },
    { "10 июня 2003 г. 04:00", "2003-06-10T04:00:00.000000Z" },
    { "10 Мая 2003", "2003-05-10T00:00:00.000000Z" },
    { "1 января 2024, 00:30 MSK", "2023-12-31T21:30:00.000000Z" },
    { "10 маусым 2003 04:00 +0600", "2003-06-09T22:00:00.000000Z" },
    { "10.06.2003 04:00", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10T04:00:00Z", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10t04:00:00z", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10T04:00:00+06:00", "2003-06-09T22:00:00.000000Z" },
    { "2003-06-10T04:00:00-0330", "2003-06-10T07:30:00.000000Z" },
    { "2003-06-10T04:00:00+06", "2003-06-09T22:00:00.000000Z" },
    { "2003-06-10T04:00:00.123456789Z", "2003-06-10T04:00:00.123456Z" },
    { "2003-06-10T04:00Z", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10 04:00:00", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10 04:00:00 UTC", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10T04:00:00", "2003-06-10T04:00:00.000000Z" },
    { "20030610T040000Z", "2003-06-10T04:00:00.000000Z" },
    { "2003-06-10", "2003-06-10T00:00:00.000000Z" },
    { "2003-06", "2003-06-01T00:00:00.000000Z" },
    { "2003", "2003-01-01T00:00:00.000000Z" },
    { "2003-12-31T24:00:00Z", "2004-01-01T00:00:00.000000Z" },
    { "2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999999Z" },
    { "2003-06-10T23:00:00-05:00", "2003-06-11T04:00:00.000000Z" },
    /* no date, never 1970 or now */
    { "", NULL },
    { "   ", NULL },
    { "now", NULL },
    { "0", NULL },
    /* a year alone is a date (W3CDTF) */
    { "1970", "1970-01-01T00:00:00.000000Z" },
    { "1899-12-31T23:00:00Z", NULL },
    { "10000-01-01", NULL },
    { "9999-12-31T23:00:00-05:00", NULL },
    { "1900-01-01T02:00:00+03:00", NULL },
    { "2003-13-01", NULL },
    { "2003-02-29", NULL },
    { "2003-06-10T25:00:00Z", NULL },
    { "2003-06-10T04:61:00Z", NULL },
    { "2003-06-10T04:00:00+25:00", NULL },
    { "2003-06-10Tfoo", NULL },
    { "Tue, 32 Jun 2003 04:00:00 GMT", NULL },
    { "Tue, 10 Foo 2003 04:00:00 GMT", NULL },
    { "Tue, 10 Jun 04:00:00 GMT", NULL },
    { "Tue, 10 Jun 2003 04:00:00 +99999", NULL },
    { "99999999999999999999", NULL },
    { "\xff\xfe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *utc = dossier_feed_parse_date (cases[i].text);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpstr (utc, ==, cases[i].utc);
    }
  g_assert_null (dossier_feed_parse_date (NULL));
}

static void
test_html_to_text (void)
{
  static const struct {
    const char *html;
    const char *line;
    const char *content;
  } cases[] = {
    { "<p>One</p><p>Two</p>", "One Two", "One\n\nTwo" },
    { "a<br>b<br/><br />c", "a b c", "a\nb\n\nc" },
    { "<ul><li>x</li><li>y</li></ul>after", "x y after", "x\ny\n\nafter" },
    { "<div>a</div><div>b</div>", "a b", "a\nb" },
    { "<h1>Title</h1>Text", "Title Text", "Title\n\nText" },
    { "  lots   of\n\n  space\t ", "lots of space", "lots of space" },
    { "&amp; &lt; &gt; &quot; &apos; &nbsp;x", "& < > \" ' \u00A0x", "& < > \" ' \u00A0x" },
    { "&laquo;&raquo;&mdash;&ndash;&hellip;&copy;&euro;", "«»—–…©€", "«»—–…©€" },
    { "&#1055;&#x440;&#X438;&#0000065;", "ПриA", "ПриA" },
    { "&#150; &#0; &#xD800; &#x110000; &#99999999999;", "– \uFFFD \uFFFD \uFFFD \uFFFD", NULL },
    { "AT&T &unknown; & &amp", "AT&T &unknown; & &", NULL },
    { "<script>var a = '<p>';</script>ok<style>p{}</style>", "ok", "ok" },
    { "<SCRIPT type=x>bad()</SCRIPT >ok", "ok", "ok" },
    { "<!-- hidden -->shown<!-- unclosed", "shown", "shown" },
    { "<![CDATA[<b>raw</b>]]>", "<b>raw</b>", NULL },
    { "a < b > c", "a < b > c", NULL },
    { "<a href=\"x>y\" title='>'>link</a>", "link", "link" },
    { "<img src=x alt=picture>", "", "" },
    { "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b c", "a b\nc" },
    { "<pre>line 1\nline 2</pre>", "line 1 line 2", "line 1\nline 2" },
    /* C1 controls are what windows-1252 has there */
    { "x\x01y\x7f\xc2\x85z\xc2\x96", "xy…z–", NULL },
    { "<p>unclosed <b>bold", "unclosed bold", "unclosed bold" },
    { "<", "<", "<" },
    { "&", "&", "&" },
    { "<a", "", "" },
    { "</", "</", "</" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = dossier_feed_text_from_html (cases[i].html, -1, DOSSIER_FEED_TEXT_LINE);
      g_autofree char *content = dossier_feed_text_from_html (cases[i].html, -1, DOSSIER_FEED_TEXT_CONTENT);

      g_test_message ("“%s”", cases[i].html);
      g_assert_cmpstr (line, ==, cases[i].line);
      if (cases[i].content)
        g_assert_cmpstr (content, ==, cases[i].content);
    }

  g_assert_true (dossier_feed_text_looks_like_html ("Tom &amp; Jerry", -1));
  g_assert_true (dossier_feed_text_looks_like_html ("<b>bold</b>", -1));
  g_assert_true (dossier_feed_text_looks_like_html ("x</y>", -1));
  g_assert_false (dossier_feed_text_looks_like_html ("AT&T", -1));
  g_assert_false (dossier_feed_text_looks_like_html ("a < b", -1));
  g_assert_false (dossier_feed_text_looks_like_html ("x <y", -1));
}

static void
test_limits (void)
{
  GString *title = g_string_new ("<rss version=\"2.0\"><channel><title>");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(DossierParsedFeed) feed = NULL;
  DossierFeedEntry *entry;

  /* a title of 600 Cyrillic letters, a link and a guid of 2,500 characters,
   * and an article of 1.2 million characters */
  for (guint i = 0; i < 600; i++)
    g_string_append (title, "Ж");
  g_string_append (title, "</title><item><title>");
  for (guint i = 0; i < 600; i++)
    g_string_append (title, "Ж");
  g_string_append (title, "</title><link>https://long.example/");
  for (guint i = 0; i < 2500; i++)
    g_string_append_c (title, 'a');
  g_string_append (title, "</link><guid>");
  for (guint i = 0; i < 2500; i++)
    g_string_append (title, "я");
  g_string_append (title, "</guid><description>");
  for (guint i = 0; i < 120000; i++)
    g_string_append (title, "&lt;p&gt;Жалоба.&lt;/p&gt;");
  g_string_append (title, "</description></item></channel></rss>");
  data = g_string_free_to_bytes (title);
  feed = parse_bytes (data, NULL, NULL);

  g_assert_cmpuint (g_utf8_strlen (feed->title, -1), ==, DOSSIER_TEXT_MAX_LINE);
  g_assert_true (g_str_has_suffix (feed->title, "Ж…"));
  entry = entry_at (feed, 0);
  g_assert_cmpuint (g_utf8_strlen (entry->title, -1), ==, DOSSIER_TEXT_MAX_LINE);
  /* a link cut would open another page: dropped */
  g_assert_null (entry->link);
  g_assert_cmpuint (g_utf8_strlen (entry->guid, -1), ==, DOSSIER_TEXT_MAX_URL);
  /* cut at the limit, without the line breaks that ended up last */
  g_assert_cmpuint (g_utf8_strlen (entry->content, -1), <=, DOSSIER_TEXT_MAX_LONG);
  g_assert_cmpuint (g_utf8_strlen (entry->content, -1), >, DOSSIER_TEXT_MAX_LONG - 3);
  g_assert_true (g_str_has_prefix (entry->content, "Жалоба.\n\nЖалоба."));
  g_assert_true (g_str_has_suffix (entry->content, "…"));
}

static void
test_to_json (void)
{
  g_autoptr(DossierParsedFeed) feed = parse_fixture ("rss-2.0.xml", NULL, NULL);
  g_autofree char *json = dossier_parsed_feed_to_json (feed);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *item;
  JsonArray *items;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Amnesty & Friends: Urgent Actions");
  g_assert_cmpstr (json_object_get_string_member (root, "url"), ==, "https://ua.example.org/");
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "rss");
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 5);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, "ua-065-20");
  g_assert_cmpstr (json_object_get_string_member (item, "url"), ==, "https://ua.example.org/ua/065-20");
  g_assert_cmpstr (json_object_get_string_member (item, "published"), ==, "2020-04-17T15:00:00.000000Z");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "content"), "What happened\n\n"));
  item = json_array_get_object_element (items, 4);
  g_assert_true (json_object_get_null_member (item, "url"));
  g_assert_true (json_object_get_null_member (item, "published"));
}

/* --- discovery --- */

static void
test_discover (void)
{
  g_autoptr(GBytes) page = fixture ("page-with-feeds.html");
  g_autoptr(GPtrArray) feeds = dossier_feed_discover (page, "text/html", "https://rights.example/index.html");
  DossierDiscoveredFeed *feed;

  /* the page is windows-1251, as its <meta charset> says; the stylesheet,
   * the translation, the REST API, the javascript: and the duplicate are
   * not feeds */
  g_assert_cmpuint (feeds->len, ==, 4);
  feed = g_ptr_array_index (feeds, 0);
  g_assert_cmpstr (feed->url, ==, "https://rights.example/ru/news.rss");
  g_assert_cmpstr (feed->title, ==, "Новости (RSS)");
  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_RSS);
  feed = g_ptr_array_index (feeds, 1);
  g_assert_cmpstr (feed->url, ==, "https://rights.example/atom.xml");
  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_ATOM);
  feed = g_ptr_array_index (feeds, 2);
  g_assert_cmpstr (feed->url, ==, "https://rights.example/feed.json");
  g_assert_cmpint (feed->format, ==, DOSSIER_FEED_FORMAT_JSON);
  g_assert_cmpstr (feed->title, ==, "JSON");
  feed = g_ptr_array_index (feeds, 3);
  g_assert_cmpstr (feed->url, ==, "https://rights.example/ru/comments.atom");

  /* a page without feeds, and what is no page at all */
  {
    const char *pages[] = { "<html><head><title>x</title></head></html>", "", "\xff\xfe\x00<", "plain text",
                            "<link rel=alternate type=application/rss+xml href=/relative>" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autoptr(GBytes) data = g_bytes_new_static (pages[i], i == 2 ? 4 : strlen (pages[i]));
        g_autoptr(GPtrArray) none = dossier_feed_discover (data, NULL, NULL);

        g_assert_cmpuint (none->len, ==, 0);
      }
  }
}

/* --- OPML --- */

static DossierOpmlOutline *
outline_at (GPtrArray *outlines,
            guint      index)
{
  g_assert_cmpuint (index, <, outlines->len);
  return g_ptr_array_index (outlines, index);
}

static void
test_opml_parse (void)
{
  g_autoptr(GBytes) data = fixture ("subscriptions.opml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = dossier_opml_parse (data, &error);

  g_assert_no_error (error);
  /* folders flattened, the duplicate, the link and the javascript: left out */
  g_assert_cmpuint (outlines->len, ==, 3);
  g_assert_cmpstr (outline_at (outlines, 0)->xml_url, ==, "https://amnesty.example/feed.xml");
  g_assert_cmpstr (outline_at (outlines, 0)->title, ==, "Amnesty & Co");
  g_assert_cmpstr (outline_at (outlines, 0)->html_url, ==, "https://amnesty.example/");
  g_assert_cmpstr (outline_at (outlines, 1)->xml_url, ==, "https://memo.example/rss");
  g_assert_cmpstr (outline_at (outlines, 1)->title, ==, "Memorial");
  g_assert_null (outline_at (outlines, 1)->html_url);
  g_assert_cmpstr (outline_at (outlines, 2)->xml_url, ==, "http://old.example/rss.xml");
}

static void
test_opml_round_trip (void)
{
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_opml_outline_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opml = NULL;

  g_ptr_array_add (outlines, dossier_opml_outline_new ("https://a.example/feed?x=1&y=2",
                                                      "Tom & Jerry <3 \"quoted\" 'single'",
                                                      "https://a.example/"));
  g_ptr_array_add (outlines, dossier_opml_outline_new ("https://b.example/rss", "Қазақ тілі\nжаңалықтары", NULL));
  g_ptr_array_add (outlines, dossier_opml_outline_new ("https://c.example/atom", NULL, NULL));
  opml = dossier_opml_write ("Lists & <things>", outlines);
  g_test_message ("%s", opml);
  g_assert_true (g_str_has_prefix (opml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
  g_assert_nonnull (strstr (opml, "<title>Lists &amp; &lt;things&gt;</title>"));
  g_assert_nonnull (strstr (opml, "xmlUrl=\"https://a.example/feed?x=1&amp;y=2\""));

  data = g_bytes_new (opml, strlen (opml));
  read = dossier_opml_parse (data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 3);
  g_assert_cmpstr (outline_at (read, 0)->xml_url, ==, "https://a.example/feed?x=1&y=2");
  g_assert_cmpstr (outline_at (read, 0)->title, ==, "Tom & Jerry <3 \"quoted\" 'single'");
  g_assert_cmpstr (outline_at (read, 0)->html_url, ==, "https://a.example/");
  /* a title is one line */
  g_assert_cmpstr (outline_at (read, 1)->title, ==, "Қазақ тілі жаңалықтары");
  g_assert_cmpstr (outline_at (read, 2)->title, ==, "https://c.example/atom");
}

static void
test_opml_errors (void)
{
  const char *documents[] = { "", "<rss version=\"2.0\"/>", "<opml version=\"2.0\"><body><outline",
                              "not xml" };
  const int codes[] = { DOSSIER_FEED_ERROR_NOT_A_FEED, DOSSIER_FEED_ERROR_NOT_A_FEED,
                        DOSSIER_FEED_ERROR_MALFORMED, DOSSIER_FEED_ERROR_NOT_A_FEED };
  g_autoptr(GBytes) rss_laughs = fixture ("billion-laughs.xml");
  g_autoptr(GString) opml_laughs = g_string_new_len (g_bytes_get_data (rss_laughs, NULL),
                                                     g_bytes_get_size (rss_laughs));
  g_autoptr(GBytes) laughs = NULL;
  g_autoptr(GError) laughs_error = NULL;
  g_autoptr(GPtrArray) none = NULL;

  /* <opml><channel><title>&lol9;… */
  g_string_replace (opml_laughs, "rss", "opml", 0);
  laughs = g_bytes_new (opml_laughs->str, opml_laughs->len);
  none = dossier_opml_parse (laughs, &laughs_error);
  g_assert_null (none);
  g_assert_error (laughs_error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (documents[i], strlen (documents[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) outlines = dossier_opml_parse (data, &error);

      g_test_message ("“%s”: %s", documents[i], error ? error->message : "");
      g_assert_null (outlines);
      g_assert_error (error, DOSSIER_FEED_ERROR, codes[i]);
    }
}

/* --- robustness --- */

/* Every fixture, mutated at random a few hundred times (bytes changed,
 * markup inserted, pieces cut or repeated): parsing either fails with a
 * feed error or gives text the store takes; never a crash, which the
 * sanitizer build would see. Seeded: a failure is repeatable. */
static void
test_mutations (void)
{
  static const char *tokens[] = {
    "<", ">", "&", ";", "&amp;", "&#", "&#x", "&nbsp;", "&lol;", "]]>", "<![CDATA[", "<!--", "-->",
    "<item>", "</item>", "<entry>", "</", "\"", "'", "\xff", "\xd0", "\xe2\x80", "\0", "{", "}",
    "[", "]", "\\u", "\\ud800", ":", ",", "<!DOCTYPE x [<!ENTITY lol \"&lol;&lol;\">]>", "xml:base=\"",
    "<p>", "<br>", "<script>", "\r", "\n", "https://", "javascript:",
  };
  const char *names[] = {
    "rss-0.90.xml", "rss-0.91.xml", "rss-0.92.xml", "rss-1.0.xml", "rss-2.0.xml", "atom-0.3.xml",
    "atom-1.0.xml", "json-1.0.json", "json-1.1.json", "json-campaign.json", "rss-windows-1251.xml",
    "rss-koi8-r.xml", "internal-entities.xml", "relative-links.xml", "dates.xml", "subscriptions.opml",
    "page-with-feeds.html",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240301);
  guint rounds = g_test_slow () ? 2000 : 150;
  guint handler = quiet_begin ();

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GBytes) original = fixture (names[n]);

      for (guint round = 0; round < rounds; round++)
        {
          GString *doc = g_string_new_len (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
          guint changes = g_rand_int_range (rand, 1, 6);
          g_autoptr(GBytes) data = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(DossierParsedFeed) feed = NULL;
          g_autoptr(GPtrArray) outlines = NULL;
          g_autoptr(GPtrArray) discovered = NULL;

          for (guint c = 0; c < changes && doc->len > 0; c++)
            {
              gsize at = g_rand_int_range (rand, 0, doc->len);
              gsize span = g_rand_int_range (rand, 1, 200);

              switch (g_rand_int_range (rand, 0, 4))
                {
                case 0:
                  doc->str[at] = (char) g_rand_int_range (rand, 0, 256);
                  break;
                case 1:
                  {
                    const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

                    g_string_insert_len (doc, at, token, *token ? (gssize) strlen (token) : 1);
                  }
                  break;
                case 2:
                  g_string_erase (doc, at, MIN (span / 4 + 1, doc->len - at));
                  break;
                default:
                  {
                    gsize length = MIN (span, doc->len - at);
                    g_autofree char *piece = g_strndup (doc->str + at, length);

                    g_string_insert_len (doc, g_rand_int_range (rand, 0, doc->len), piece, length);
                  }
                }
            }
          data = g_string_free_to_bytes (doc);
          feed = dossier_feed_parse (data, round % 3 == 0 ? "text/xml; charset=koi8-r" : NULL,
                                     "https://mutated.example/feed", &error);
          if (feed)
            check_feed (feed);
          else
            g_assert_true (error->domain == DOSSIER_FEED_ERROR);
          g_clear_error (&error);
          outlines = dossier_opml_parse (data, &error);
          g_assert_true (outlines != NULL || error->domain == DOSSIER_FEED_ERROR);
          discovered = dossier_feed_discover (data, NULL, "https://mutated.example/");
          g_assert_nonnull (discovered);
        }
    }
  g_log_remove_handler ("dossier-feeds", handler);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/format-ids", test_format_ids);
  g_test_add_func ("/feeds/rss/0.90", test_rss_090);
  g_test_add_func ("/feeds/rss/0.91", test_rss_091);
  g_test_add_func ("/feeds/rss/0.92", test_rss_092);
  g_test_add_func ("/feeds/rss/0.93-0.94", test_rss_093_094);
  g_test_add_func ("/feeds/rss/1.0", test_rss_10);
  g_test_add_func ("/feeds/rss/2.0", test_rss_20);
  g_test_add_func ("/feeds/atom/0.3", test_atom_03);
  g_test_add_func ("/feeds/atom/1.0", test_atom_10);
  g_test_add_func ("/feeds/json/1.0", test_json_10);
  g_test_add_func ("/feeds/json/1.1", test_json_11);
  g_test_add_func ("/feeds/json/campaign", test_json_campaign);
  g_test_add_func ("/feeds/json/errors", test_json_errors);
  g_test_add_func ("/feeds/encoding/windows-1251", test_windows_1251);
  g_test_add_func ("/feeds/encoding/koi8-r", test_koi8_r);
  g_test_add_func ("/feeds/encoding/legacy", test_encodings);
  g_test_add_func ("/feeds/encoding/utf-16", test_utf16);
  g_test_add_func ("/feeds/encoding/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/feeds/encoding/utf8-repair", test_utf8_repair);
  g_test_add_func ("/feeds/errors/bare-ampersands", test_bare_ampersands);
  g_test_add_func ("/feeds/security/billion-laughs", test_billion_laughs);
  g_test_add_func ("/feeds/security/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/feeds/security/empty-laughs", test_empty_laughs);
  g_test_add_func ("/feeds/security/internal-entities", test_internal_entities);
  g_test_add_func ("/feeds/security/external-entities", test_external_entities);
  g_test_add_func ("/feeds/security/deep-nesting", test_deep_nesting);
  g_test_add_func ("/feeds/errors/not-a-feed", test_not_a_feed);
  g_test_add_func ("/feeds/errors/truncated", test_truncated);
  g_test_add_func ("/feeds/errors/every-prefix", test_every_prefix);
  g_test_add_func ("/feeds/errors/too-large", test_too_large);
  g_test_add_func ("/feeds/identity/duplicates", test_duplicates);
  g_test_add_func ("/feeds/links/relative", test_relative_links);
  g_test_add_func ("/feeds/dates/in-feeds", test_dates_in_feeds);
  g_test_add_func ("/feeds/dates/forms", test_dates);
  g_test_add_func ("/feeds/text/html", test_html_to_text);
  g_test_add_func ("/feeds/text/limits", test_limits);
  g_test_add_func ("/feeds/to-json", test_to_json);
  g_test_add_func ("/feeds/discover", test_discover);
  g_test_add_func ("/feeds/opml/parse", test_opml_parse);
  g_test_add_func ("/feeds/opml/round-trip", test_opml_round_trip);
  g_test_add_func ("/feeds/opml/errors", test_opml_errors);
  g_test_add_func ("/feeds/robustness/mutations", test_mutations);

  return g_test_run ();
}
