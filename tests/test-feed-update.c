/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-feed.h"
#include "dossier-feed-error.h"
#include "dossier-feed-item.h"
#include "dossier-feed-list.h"
#include "dossier-feed-updater.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* Subscribing and refreshing end to end: a real SoupServer on 127.0.0.1
 * serves good, broken and hostile feeds; the updater fetches, parses and
 * stores them in an on-disk store in a temporary directory; the store is
 * then read back. Where nothing should change, the test checks that
 * nothing did (dossier_campaign_export() and the items, before and
 * after). */

typedef struct {
  char               *dir;
  DossierStore       *store;
  DossierFeedUpdater *updater;
  SoupServer         *server;
  char               *base;       /* http://127.0.0.1:PORT */
  GHashTable         *hits;       /* path → requests */
  GPtrArray          *remote;     /* the address each request came from */
  guint               version;    /* what /edited serves */
  char               *sample;     /* the sample campaign */
  GPtrArray          *outcomes;   /* DossierFeedOutcome of the last refresh */
  guint               pending;
  GMainLoop          *loop;
} Fixture;

#define RSS_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Defenders' news</title>"
#define RSS_TAIL "</channel></rss>"

static const char cyrillic_title[] = "Алнур Ильяшев: приговор оставлен в силе";
static const char cyrillic_text[] = "Суд в Алматы оставил в силе приговор правозащитнику.";

static char *
rss_in (const char *encoding,
        gboolean    declared)
{
  g_autofree char *utf8 = g_strdup_printf ("<?xml version=\"1.0\"%s%s%s?><rss version=\"2.0\"><channel>"
                                           "<title>Новости</title><item><guid>n-1</guid><title>%s</title>"
                                           "<description>%s</description>"
                                           "<pubDate>Mon, 22 Jun 2020 10:00:00 +0600</pubDate></item>"
                                           "</channel></rss>",
                                           declared ? " encoding=\"" : "", declared ? encoding : "",
                                           declared ? "\"" : "", cyrillic_title, cyrillic_text);

  return g_convert (utf8, -1, encoding, "UTF-8", NULL, NULL, NULL);
}

static void
serve (SoupServerMessage *msg,
       guint              status,
       const char        *type,
       const char        *body,
       gssize             length)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, length < 0 ? strlen (body) : (gsize) length);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  Fixture *f = data;
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);

  g_ptr_array_add (f->remote, g_strdup (soup_server_message_get_remote_host (msg)));
  g_hash_table_insert (f->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path)) + 1));

  if (g_str_equal (path, "/sample.json"))
    serve (msg, 200, "application/feed+json", f->sample, -1);
  else if (g_str_equal (path, "/news.rss"))
    {
      /* validators: a second fetch with them is a 304 */
      if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), "\"n1\"") == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          return;
        }
      soup_message_headers_replace (response, "ETag", "\"n1\"");
      serve (msg, 200, "application/rss+xml",
             RSS_HEAD
             "<item><guid>a</guid><title>Hearing on 12 June</title><description>&lt;p&gt;The &lt;b&gt;court&lt;/b&gt; "
             "met.&lt;/p&gt;</description><link>/news/a</link><pubDate>Fri, 12 Jun 2020 09:00:00 GMT</pubDate></item>"
             "<item><guid>b</guid><title>Letters arrive</title><link>https://example.org/b</link></item>"
             "<item><guid>a</guid><title>The same guid again</title></item>"
             RSS_TAIL, -1);
    }
  else if (g_str_equal (path, "/edited.rss"))
    {
      g_autofree char *body = g_strdup_printf (RSS_HEAD "<item><guid>e</guid><title>Version %u</title></item>" RSS_TAIL,
                                               f->version);
      serve (msg, 200, "application/rss+xml", body, -1);
    }
  else if (g_str_equal (path, "/cp1251-header.rss") || g_str_equal (path, "/cp1251-declared.rss") ||
           g_str_equal (path, "/koi8r-declared.rss"))
    {
      gboolean header = g_str_equal (path, "/cp1251-header.rss");
      const char *encoding = g_str_has_prefix (path, "/koi8r") ? "KOI8-R" : "WINDOWS-1251";
      g_autofree char *body = rss_in (encoding, !header);

      serve (msg, 200, header ? "application/rss+xml; charset=windows-1251" : "application/rss+xml", body, -1);
    }
  else if (g_str_equal (path, "/atom.xml"))
    serve (msg, 200, "application/atom+xml",
           "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom feed</title>"
           "<entry><id>urn:x:1</id><title>One</title><updated>2020-06-23T10:00:00Z</updated></entry></feed>", -1);
  else if (g_str_equal (path, "/page-one.html"))
    {
      g_autofree char *body = g_strdup_printf ("<html><head><title>A site</title><link rel=\"alternate\" "
                                               "type=\"application/atom+xml\" href=\"%s/atom.xml\"></head>"
                                               "<body>Hello</body></html>", f->base);
      serve (msg, 200, "text/html; charset=utf-8", body, -1);
    }
  else if (g_str_equal (path, "/page-two.html"))
    serve (msg, 200, "text/html",
           "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"/atom.xml\">"
           "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/news.rss\"></head></html>", -1);
  else if (g_str_equal (path, "/page-none.html"))
    serve (msg, 200, "text/html", "<html><head><title>No feed</title></head><body>Hello</body></html>", -1);
  else if (g_str_equal (path, "/moved"))
    {
      g_autofree char *to = g_strdup_printf ("%s/atom.xml", f->base);

      soup_server_message_set_redirect (msg, 301, to);
    }
  else if (g_str_equal (path, "/found"))
    {
      g_autofree char *to = g_strdup_printf ("%s/atom.xml", f->base);

      soup_server_message_set_redirect (msg, 302, to);
    }
  else if (g_str_equal (path, "/gone"))
    serve (msg, 410, "text/plain", "gone", -1);
  else if (g_str_equal (path, "/broken"))
    serve (msg, 500, "text/plain", "oops", -1);
  else if (g_str_equal (path, "/busy"))
    {
      soup_message_headers_replace (response, "Retry-After", "120");
      serve (msg, 429, "text/plain", "slow down", -1);
    }
  else if (g_str_equal (path, "/laughs.xml"))
    serve (msg, 200, "application/rss+xml",
           "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
           "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
           "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
           "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
           "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
           "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
           "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
           "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
           "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
           "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
           "<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>", -1);
  else if (g_str_equal (path, "/cut.xml"))
    serve (msg, 200, "application/rss+xml", RSS_HEAD "<item><guid>x</guid><title>Cut", -1);
  else
    serve (msg, 404, "text/plain", "not here", -1);
}

static char *
url_of (Fixture    *f,
        const char *path)
{
  return g_strconcat (f->base, path, NULL);
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autoslist(GUri) uris = NULL;

  f->dir = dossier_test_make_dir ();
  f->store = dossier_test_open_store (f->dir);
  f->updater = dossier_feed_updater_new (f->store);
  /* a test waits seconds, not a minute, for a server that hangs */
  dossier_fetcher_set_timeouts (dossier_feed_updater_get_fetcher (f->updater), 2, 5);
  dossier_feed_updater_set_defaults (f->updater, 60, "none");
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->remote = g_ptr_array_new_with_free_func (g_free);
  f->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_feed_outcome_free);
  f->loop = g_main_loop_new (NULL, FALSE);
  g_assert_true (g_file_get_contents (path, &f->sample, NULL, &error));
  g_assert_no_error (error);

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, on_request, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *problems = NULL;
  g_autoptr(GError) error = NULL;

  /* whatever a test did, the store is whole and its counts are right */
  g_assert_true (dossier_store_check_integrity (f->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  g_clear_object (&f->updater);
  /* the updater's jobs hold it until they are done */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->remote, g_ptr_array_unref);
  g_clear_pointer (&f->outcomes, g_ptr_array_unref);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_free (f->sample);
  g_free (f->base);
  dossier_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* ---- driving the updater ---- */

typedef struct {
  GMainLoop           *loop;
  DossierSubscription *subscription;
  GError              *error;
} Subscribing;

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Subscribing *state = data;

  state->subscription = dossier_feed_updater_subscribe_finish (DOSSIER_FEED_UPDATER (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static DossierSubscription *
subscribe (Fixture     *f,
           const char  *path,
           gboolean     allow_http,
           GError     **error)
{
  g_autofree char *url = g_str_has_prefix (path, "/") ? url_of (f, path) : g_strdup (path);
  Subscribing state = { f->loop, NULL, NULL };

  dossier_feed_updater_subscribe_async (f->updater, url, allow_http, "system", NULL, NULL, NULL, on_subscribed,
                                        &state);
  g_main_loop_run (f->loop);
  if (state.error)
    g_propagate_error (error, state.error);
  return state.subscription;
}

static DossierSubscription *
subscribe_ok (Fixture    *f,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  DossierSubscription *subscription = subscribe (f, path, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (subscription);
  return subscription;
}

static void
on_feed_finished (DossierFeedUpdater *updater,
                  DossierFeedOutcome *outcome,
                  Fixture            *f)
{
  g_ptr_array_add (f->outcomes, dossier_feed_outcome_copy (outcome));
  if (--f->pending == 0)
    g_main_loop_quit (f->loop);
}

/* Refreshes @feed_id (or every feed), and waits for them. */
static DossierFeedOutcome *
refresh (Fixture    *f,
         const char *feed_id)
{
  gulong handler = g_signal_connect (f->updater, "feed-finished", G_CALLBACK (on_feed_finished), f);

  g_ptr_array_set_size (f->outcomes, 0);
  f->pending = dossier_feed_updater_refresh (f->updater, feed_id, FALSE);
  if (f->pending > 0)
    g_main_loop_run (f->loop);
  g_signal_handler_disconnect (f->updater, handler);
  return f->outcomes->len > 0 ? f->outcomes->pdata[0] : NULL;
}

static DossierRecord *
feed_record (Fixture    *f,
             const char *id)
{
  DossierRecord *feed = dossier_store_fetch (f->store, DOSSIER_TYPE_FEED, id, NULL);

  g_assert_nonnull (feed);
  return feed;
}

static gint64
count_items (Fixture    *f,
             const char *feed_id,
             gboolean    unread)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);

  if (feed_id)
    dossier_query_filter_text (query, "feed-id", DOSSIER_QUERY_EQ, feed_id);
  if (unread)
    dossier_query_filter_int (query, "read", DOSSIER_QUERY_EQ, 0);
  return dossier_store_count (f->store, query, NULL);
}

static DossierRecord *
item_with_guid (Fixture    *f,
                const char *feed_id,
                const char *guid)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(GPtrArray) found = NULL;

  dossier_query_filter_text (query, "feed-id", DOSSIER_QUERY_EQ, feed_id);
  dossier_query_filter_text (query, "guid", DOSSIER_QUERY_EQ, guid);
  found = dossier_store_query (f->store, query, 0, 1, NULL);
  return found && found->len > 0 ? g_object_ref (found->pdata[0]) : NULL;
}

/* Everything the store holds, as text: equal before and after means
 * nothing changed. */
static char *
snapshot (Fixture *f)
{
  g_autoptr(DossierQuery) feeds = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(DossierQuery) items = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(GPtrArray) all_feeds = NULL;
  g_autoptr(GPtrArray) all_items = NULL;
  g_autofree char *campaign = dossier_campaign_export (f->store, "snapshot", NULL);
  GString *text = g_string_new (campaign);

  dossier_query_sort (feeds, "url", FALSE);
  dossier_query_sort (items, "guid", FALSE);
  all_feeds = dossier_store_query (f->store, feeds, 0, G_MAXUINT, NULL);
  all_items = dossier_store_query (f->store, items, 0, G_MAXUINT, NULL);
  for (guint i = 0; i < all_feeds->len; i++)
    g_string_append_printf (text, "\nfeed %s %s %s", dossier_record_get_string (all_feeds->pdata[i], "url"),
                            dossier_record_get_string (all_feeds->pdata[i], "title"),
                            dossier_record_get_string (all_feeds->pdata[i], "etag"));
  for (guint i = 0; i < all_items->len; i++)
    g_string_append_printf (text, "\nitem %s %s %d", dossier_record_get_string (all_items->pdata[i], "guid"),
                            dossier_record_get_string (all_items->pdata[i], "title"),
                            dossier_record_get_boolean (all_items->pdata[i], "read"));
  return g_string_free (text, FALSE);
}

/* ---- the tests ---- */

/* The sample campaign served as a feed: its urgent action, cases and
 * targets through the campaign import, its news as the feed's items. */
static void
test_campaign_feed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierSubscription) subscription = subscribe_ok (f, "/sample.json");
  g_autoptr(DossierRecord) ua = dossier_store_find_urgent_action (f->store, "UA 065/20", NULL);
  g_autoptr(DossierRecord) feed = feed_record (f, subscription->feed_id);
  g_autoptr(DossierQuery) cases = dossier_query_new (DOSSIER_TYPE_CASE);
  DossierFeedOutcome *outcome;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpstr (subscription->title, ==, "Sample campaign: Kazakhstan");
  g_assert_cmpuint (subscription->items, ==, 2);
  g_assert_nonnull (ua);
  g_assert_cmpint (dossier_store_count (f->store, cases, NULL), >, 5);
  g_assert_cmpstr (dossier_record_get_string (feed, "format"), ==, "json");
  g_assert_cmpstr (dossier_record_get_string (feed, "last-result"), ==, "");
  g_assert_nonnull (dossier_record_get_string (feed, "next-fetch"));
  g_assert_cmpint (count_items (f, subscription->feed_id, TRUE), ==, 2);

  /* the same campaign again: nothing changes */
  before = snapshot (f);
  outcome = refresh (f, subscription->feed_id);
  g_assert_nonnull (outcome);
  g_assert_true (outcome->ok);
  g_assert_cmpuint (outcome->added + outcome->updated + outcome->records, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* and the same file imported by hand lands in the same feed's items,
   * not in a second copy */
  g_assert_true (dossier_campaign_import_data (f->store, f->sample, -1, NULL, NULL));
  g_assert_cmpint (count_items (f, NULL, FALSE), ==, 4);
}

/* RSS with HTML, relative links and a repeated guid; a 304 the second
 * time; a read item stays read. */
static void
test_rss_conditional (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DossierSubscription) subscription = subscribe_ok (f, "/news.rss");
  g_autoptr(DossierRecord) a = item_with_guid (f, subscription->feed_id, "a");
  g_autoptr(DossierRecord) feed = NULL;
  g_autofree char *link = url_of (f, "/news/a");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DossierFeedOutcome *outcome;

  g_assert_cmpstr (subscription->title, ==, "Defenders' news");
  /* the guid twice counts once, the first time */
  g_assert_cmpuint (subscription->items, ==, 2);
  g_assert_nonnull (a);
  g_assert_cmpstr (dossier_record_get_string (a, "title"), ==, "Hearing on 12 June");
  g_assert_cmpstr (dossier_record_get_string (a, "content"), ==, "The court met.");
  g_assert_cmpstr (dossier_record_get_string (a, "link"), ==, link);
  g_assert_true (g_str_has_prefix (dossier_record_get_string (a, "published"), "2020-06-12T09:00:00"));

  dossier_record_set_boolean (a, "read", TRUE);
  g_assert_true (dossier_store_update (f->store, a, NULL));

  before = snapshot (f);
  outcome = refresh (f, subscription->feed_id);
  g_assert_true (outcome->ok);
  g_assert_true (outcome->not_modified);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  feed = feed_record (f, subscription->feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "etag"), ==, "\"n1\"");
  g_assert_cmpuint (hits (f, "/news.rss"), ==, 2);
}

/* An edited item is updated in place, and keeps being read. */
static void
test_edited_item (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(DossierRecord) item = NULL;
  g_autoptr(DossierRecord) again = NULL;
  DossierFeedOutcome *outcome;

  f->version = 1;
  subscription = subscribe_ok (f, "/edited.rss");
  item = item_with_guid (f, subscription->feed_id, "e");
  dossier_record_set_boolean (item, "read", TRUE);
  dossier_record_set_boolean (item, "starred", TRUE);
  g_assert_true (dossier_store_update (f->store, item, NULL));

  f->version = 2;
  outcome = refresh (f, subscription->feed_id);
  g_assert_true (outcome->ok);
  g_assert_cmpuint (outcome->updated, ==, 1);
  g_assert_cmpuint (outcome->added, ==, 0);
  again = item_with_guid (f, subscription->feed_id, "e");
  g_assert_cmpstr (dossier_record_get_id (again), ==, dossier_record_get_id (item));
  g_assert_cmpstr (dossier_record_get_string (again, "title"), ==, "Version 2");
  g_assert_true (dossier_record_get_boolean (again, "read"));
  g_assert_true (dossier_record_get_boolean (again, "starred"));
  g_assert_cmpint (count_items (f, subscription->feed_id, FALSE), ==, 1);
}

/* Russian and Kazakh sites' encodings, with and without a charset in the
 * header: correct Cyrillic in the store. */
static void
test_encodings (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { "/cp1251-header.rss", "/cp1251-declared.rss", "/koi8r-declared.rss" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(DossierSubscription) subscription = subscribe_ok (f, paths[i]);
      g_autoptr(DossierRecord) item = item_with_guid (f, subscription->feed_id, "n-1");

      g_test_message ("%s", paths[i]);
      g_assert_cmpstr (subscription->title, ==, "Новости");
      g_assert_nonnull (item);
      g_assert_cmpstr (dossier_record_get_string (item, "title"), ==, cyrillic_title);
      g_assert_cmpstr (dossier_record_get_string (item, "content"), ==, cyrillic_text);
      /* +0600 is Almaty's: 04:00 in UTC */
      g_assert_true (g_str_has_prefix (dossier_record_get_string (item, "published"), "2020-06-22T04:00:00"));
    }
}

/* A web page that links one feed is that feed; one that links two offers
 * them; one that links none says so. */
static void
test_discovery (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierSubscription) one = subscribe_ok (f, "/page-one.html");
  g_autoptr(DossierSubscription) two = NULL;
  g_autoptr(DossierSubscription) none = NULL;
  g_autoptr(DossierRecord) feed = feed_record (f, one->feed_id);
  g_autofree char *atom = url_of (f, "/atom.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierQuery) feeds = dossier_query_new (DOSSIER_TYPE_FEED);

  g_assert_cmpstr (dossier_record_get_string (feed, "url"), ==, atom);
  g_assert_cmpstr (one->title, ==, "Atom feed");
  g_assert_cmpstr (dossier_record_get_string (feed, "format"), ==, "atom");
  {
    /* an Atom entry with only <updated> is dated by it, not left undated */
    g_autoptr(DossierRecord) entry = item_with_guid (f, one->feed_id, "urn:x:1");

    g_assert_true (g_str_has_prefix (dossier_record_get_string (entry, "published"), "2020-06-23T10:00:00"));
  }

  two = subscribe_ok (f, "/page-two.html");
  g_assert_null (two->feed_id);
  g_assert_nonnull (two->candidates);
  g_assert_cmpuint (two->candidates->len, ==, 2);
  /* nothing stored for a page with a choice to make */
  g_assert_cmpint (dossier_store_count (f->store, feeds, NULL), ==, 1);

  none = subscribe (f, "/page-none.html", TRUE, &error);
  g_assert_null (none);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "links no feed"));
  g_clear_error (&error);

  /* a feed subscribed to already */
  g_assert_null (subscribe (f, "/atom.xml", TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "already subscribed"));
  g_assert_cmpint (dossier_store_count (f->store, feeds, NULL), ==, 1);
}

/* Plain http is refused until allowed, before anything is sent. */
static void
test_http_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierQuery) feeds = dossier_query_new (DOSSIER_TYPE_FEED);

  g_assert_null (subscribe (f, "/atom.xml", FALSE, &error));
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "Allow Plain HTTP"));
  g_assert_cmpuint (hits (f, "/atom.xml"), ==, 0);
  g_assert_cmpint (dossier_store_count (f->store, feeds, NULL), ==, 0);
}

/* 301 moves the feed, 302 does not. */
static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierSubscription) found = subscribe_ok (f, "/found");
  g_autoptr(DossierRecord) feed = feed_record (f, found->feed_id);
  g_autofree char *found_url = url_of (f, "/found");
  g_autofree char *atom = url_of (f, "/atom.xml");
  g_autoptr(DossierRecord) moved_feed = NULL;
  g_autoptr(DossierSubscription) moved = NULL;

  g_assert_cmpstr (dossier_record_get_string (feed, "url"), ==, found_url);
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_FEED, found->feed_id, NULL));
  moved = subscribe_ok (f, "/moved");
  moved_feed = feed_record (f, moved->feed_id);
  g_assert_cmpstr (dossier_record_get_string (moved_feed, "url"), ==, atom);
}

/* The faults of a server: each a message in the feed's record, a next
 * fetch backed off, and the feed's items as they were. */
static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DossierSubscription) subscription = subscribe_ok (f, "/news.rss");
  const struct {
    const char *path;
    const char *message;
  } faults[] = {
    { "/broken", "500" },
    { "/missing", "404" },
    { "/laughs.xml", "" },
    { "/cut.xml", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(DossierRecord) feed = feed_record (f, subscription->feed_id);
      g_autoptr(DossierRecord) after = NULL;
      g_autofree char *url = url_of (f, faults[i].path);
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
      g_autofree char *now = g_date_time_format_iso8601 (utc);
      DossierFeedOutcome *outcome;

      g_test_message ("%s", faults[i].path);
      dossier_record_set_string (feed, "url", url);
      dossier_record_set_string (feed, "etag", "");
      g_assert_true (dossier_store_update (f->store, feed, NULL));
      outcome = refresh (f, subscription->feed_id);
      g_assert_nonnull (outcome);
      g_assert_false (outcome->ok);
      g_assert_nonnull (outcome->message);
      g_test_message ("%s", outcome->message);
      g_assert_nonnull (strstr (outcome->message, faults[i].message));
      after = feed_record (f, subscription->feed_id);
      g_assert_cmpstr (dossier_record_get_string (after, "last-result"), ==, outcome->message);
      g_assert_cmpint (dossier_record_get_int (after, "failures"), ==, i + 1);
      /* backed off: at least ten minutes from now */
      g_assert_cmpstr (dossier_record_get_string (after, "next-fetch"), >, now);
      g_assert_cmpint (count_items (f, subscription->feed_id, FALSE), ==, 2);
    }
}

/* 410 turns the feed off; 429 holds the host, this feed and the others. */
static void
test_gone_and_busy (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierSubscription) first = subscribe_ok (f, "/news.rss");
  g_autoptr(DossierSubscription) second = subscribe_ok (f, "/atom.xml");
  g_autoptr(DossierRecord) feed = feed_record (f, first->feed_id);
  g_autoptr(DossierRecord) gone = NULL;
  g_autoptr(DossierRecord) other = NULL;
  g_autofree char *gone_url = url_of (f, "/gone");
  g_autofree char *busy_url = url_of (f, "/busy");
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (utc, 100);
  g_autofree char *soon = g_date_time_format_iso8601 (later);
  DossierFeedOutcome *outcome;

  dossier_record_set_string (feed, "url", gone_url);
  g_assert_true (dossier_store_update (f->store, feed, NULL));
  outcome = refresh (f, first->feed_id);
  g_assert_false (outcome->ok);
  g_assert_true (outcome->disabled);
  gone = feed_record (f, first->feed_id);
  g_assert_false (dossier_record_get_boolean (gone, "enabled"));
  g_assert_nonnull (strstr (dossier_record_get_string (gone, "last-result"), "no longer fetches"));
  /* off: a refresh of all does not fetch it */
  g_hash_table_remove_all (f->hits);
  refresh (f, NULL);
  g_assert_cmpuint (hits (f, "/gone"), ==, 0);

  dossier_record_set_string (gone, "url", busy_url);
  dossier_record_set_boolean (gone, "enabled", TRUE);
  g_assert_true (dossier_store_update (f->store, gone, NULL));
  outcome = refresh (f, first->feed_id);
  g_assert_false (outcome->ok);
  /* the other feed of the host waits as long */
  other = feed_record (f, second->feed_id);
  g_assert_cmpstr (dossier_record_get_string (other, "next-fetch"), >, soon);
  /* and is not fetched before then, not even when asked */
  g_hash_table_remove_all (f->hits);
  g_assert_cmpuint (dossier_feed_updater_refresh (f->updater, second->feed_id, FALSE), ==, 0);
  g_assert_cmpuint (hits (f, "/atom.xml"), ==, 0);
}

/* One broken feed does not keep another from its news. */
static void
test_one_broken_feed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DossierSubscription) good = subscribe_ok (f, "/edited.rss");
  g_autoptr(DossierSubscription) bad = subscribe_ok (f, "/atom.xml");
  g_autoptr(DossierRecord) feed = feed_record (f, bad->feed_id);
  g_autofree char *broken = url_of (f, "/broken");
  guint failed = 0, succeeded = 0;

  dossier_record_set_string (feed, "url", broken);
  g_assert_true (dossier_store_update (f->store, feed, NULL));
  f->version = 7;
  refresh (f, NULL);
  g_assert_cmpuint (f->outcomes->len, ==, 2);
  for (guint i = 0; i < f->outcomes->len; i++)
    {
      DossierFeedOutcome *outcome = f->outcomes->pdata[i];

      if (outcome->ok)
        succeeded++;
      else
        failed++;
    }
  g_assert_cmpuint (succeeded, ==, 1);
  g_assert_cmpuint (failed, ==, 1);
  {
    g_autoptr(DossierRecord) item = item_with_guid (f, good->feed_id, "e");

    g_assert_cmpstr (dossier_record_get_string (item, "title"), ==, "Version 7");
  }
}

/* A refresh cancelled stores nothing of it. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gulong handler;

  f->version = 1;
  subscription = subscribe_ok (f, "/edited.rss");
  f->version = 2;
  before = snapshot (f);
  handler = g_signal_connect (f->updater, "feed-finished", G_CALLBACK (on_feed_finished), f);
  g_ptr_array_set_size (f->outcomes, 0);
  f->pending = dossier_feed_updater_refresh (f->updater, subscription->feed_id, FALSE);
  dossier_feed_updater_cancel (f->updater);
  g_main_loop_run (f->loop);
  g_signal_handler_disconnect (f->updater, handler);
  g_assert_true (((DossierFeedOutcome *) f->outcomes->pdata[0])->cancelled);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* A feed list of 20 feeds: subscribed to, due at once; the same list
 * again adds nothing; exported, it lists them. */
static void
test_opml (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GString) opml = g_string_new ("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Mine</title></head><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierQuery) feeds = dossier_query_new (DOSSIER_TYPE_FEED);
  DossierOpmlImport counts = { 0, };

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (opml, "<outline type=\"rss\" text=\"Feed %u\" xmlUrl=\"https://example.org/feed/%u.xml\"/>", i, i);
  g_string_append (opml, "<outline text=\"No address\"/></body></opml>");
  bytes = g_bytes_new (opml->str, opml->len);

  g_assert_true (dossier_feed_import_opml (f->store, bytes, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 20);
  g_assert_cmpint (dossier_store_count (f->store, feeds, NULL), ==, 20);

  g_assert_true (dossier_feed_import_opml (f->store, bytes, &counts, &error));
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.existing, ==, 20);

  exported = dossier_feed_export_opml (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (exported, NULL), "https://example.org/feed/19.xml"));

  /* half a file: a message, and nothing added */
  {
    g_autoptr(GBytes) cut = g_bytes_new (opml->str, opml->len / 2);

    g_assert_false (dossier_feed_import_opml (f->store, cut, &counts, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_cmpint (dossier_store_count (f->store, feeds, NULL), ==, 20);
  }
}

/* An item naming a case the volunteer follows is linked to it. */
static void
test_followed_case (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(DossierRecord) item = NULL;

  dossier_record_set_string (kase, "name", "Alnur Ilyashev");
  dossier_record_set_string (kase, "status", "restricted-freedom");
  dossier_record_set_boolean (kase, "followed", TRUE);
  g_assert_true (dossier_store_create (f->store, kase, NULL));

  /* the feed writes the name in Cyrillic */
  subscription = subscribe_ok (f, "/cp1251-header.rss");
  item = item_with_guid (f, subscription->feed_id, "n-1");
  g_assert_cmpstr (dossier_record_get_string (item, "case-id"), ==, dossier_record_get_id (kase));
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_accepts (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  /* straight to the port: the system's proxy settings have no say here */
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/* The proxy of Preferences, a real SOCKSv5 server (microsocks, which
 * forwards from 127.0.0.2): every request goes through it; when it stops,
 * the refresh fails saying so, and nothing reaches the feed's server
 * directly. A feed that says "none" goes direct. */
static void
test_proxy (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *program = g_find_program_in_path ("microsocks");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *proxy = NULL;
  DossierFeedOutcome *outcome;
  guint16 number;

  if (program == NULL)
    {
      g_test_skip ("microsocks is not installed (apt-get install microsocks)");
      return;
    }
  number = free_port ();
  port = g_strdup_printf ("%u", number);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              program, "-i", "127.0.0.1", "-p", port, "-b", "127.0.0.2", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !port_accepts (number); i++)
    g_usleep (10 * 1000);
  proxy = g_strdup_printf ("socks5h://127.0.0.1:%s", port);
  dossier_feed_updater_set_defaults (f->updater, 60, proxy);

  subscription = subscribe_ok (f, "/news.rss");
  outcome = refresh (f, subscription->feed_id);
  g_assert_true (outcome->ok);
  g_assert_cmpuint (f->remote->len, ==, 2);
  for (guint i = 0; i < f->remote->len; i++)
    g_assert_cmpstr (f->remote->pdata[i], ==, "127.0.0.2");

  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_ptr_array_set_size (f->remote, 0);
  outcome = refresh (f, subscription->feed_id);
  g_assert_false (outcome->ok);
  g_test_message ("%s", outcome->message);
  g_assert_nonnull (strstr (outcome->message, proxy));
  g_assert_cmpuint (f->remote->len, ==, 0);

  /* this feed's own choice: direct */
  feed = feed_record (f, subscription->feed_id);
  dossier_record_set_string (feed, "proxy", "none");
  g_assert_true (dossier_store_update (f->store, feed, NULL));
  outcome = refresh (f, subscription->feed_id);
  g_assert_true (outcome->ok);
  g_assert_cmpuint (f->remote->len, ==, 1);
  g_assert_cmpstr (f->remote->pdata[0], ==, "127.0.0.1");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* These tests choose every proxy themselves. The system's resolver would
   * read the desktop's settings, which the isolated directories lack
   * (the system's proxy settings are tested in test-feed-fetch.c). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add ("/feed-update/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("campaign-feed", test_campaign_feed);
  ADD ("rss-conditional", test_rss_conditional);
  ADD ("edited-item", test_edited_item);
  ADD ("encodings", test_encodings);
  ADD ("discovery", test_discovery);
  ADD ("http-refused", test_http_refused);
  ADD ("redirects", test_redirects);
  ADD ("failures", test_failures);
  ADD ("gone-and-busy", test_gone_and_busy);
  ADD ("one-broken-feed", test_one_broken_feed);
  ADD ("cancelled", test_cancelled);
  ADD ("opml", test_opml);
  ADD ("followed-case", test_followed_case);
  ADD ("proxy", test_proxy);
#undef ADD

  return g_test_run ();
}
