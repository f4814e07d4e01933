/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "dossier-feed-error.h"
#include "dossier-feed-fetcher-private.h"
#include "dossier-test-net.h"

/* The feed fetcher against real servers started here (dossier-test-net.h):
 * a SoupServer on six addresses of the loopback for what HTTP says and
 * for what a server can do wrong (never answer, drip, cut, flood), an
 * https server, a SOCKSv5 server of our own that records what it is
 * asked, and microsocks, a real one. Everything runs in this thread's
 * main loop, as in the application, except our SOCKS server.
 *
 * tests/data/fetch-test-{cert,key}.pem: a self-signed certificate for
 * 127.0.0.1 and localhost, valid from 2000 to 2126, for these tests only
 * (openssl ca -selfsign -startdate 20000101000000Z …). */

/* what the servers saw */
static DossierTestServer *server;

/* A fetch run to its end in this thread's main loop. */
typedef struct {
  gboolean            done;
  DossierFetchResult *result;
  GError             *error;
  gint64              retry_after;
  gint64              finished_at;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->result, dossier_fetch_result_free);
  g_clear_error (&outcome->error);
  outcome->done = FALSE;
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = dossier_fetcher_fetch_finish (DOSSIER_FETCHER (source), result,
                                                  &outcome->retry_after, &outcome->error);
  g_assert_true ((outcome->result == NULL) != (outcome->error == NULL));
  outcome->finished_at = g_get_monotonic_time ();
  outcome->done = TRUE;
}

static void
wait_for (Outcome *outcome)
{
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
start_fetch (DossierFetcher            *fetcher,
             const DossierFetchRequest *request,
             GCancellable              *cancellable,
             Outcome                   *outcome)
{
  outcome_clear (outcome);
  dossier_fetcher_fetch_async (fetcher, request, cancellable, on_fetched, outcome);
}

static void
fetch (DossierFetcher            *fetcher,
       const DossierFetchRequest *request,
       Outcome                   *outcome)
{
  start_fetch (fetcher, request, NULL, outcome);
  wait_for (outcome);
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static char *
url (guint       host,
     const char *path)
{
  return g_strconcat (server->base[host], path, NULL);
}

/* A fetcher with short timeouts; freed by fetcher_free(), which checks
 * that no fetch holds on to it. */
static DossierFetcher *
fetcher_new (void)
{
  DossierFetcher *fetcher = dossier_fetcher_new ();

  dossier_fetcher_set_timeouts (fetcher, 2, 10);
  return fetcher;
}

static void
fetcher_free (DossierFetcher *fetcher)
{
  g_object_add_weak_pointer (G_OBJECT (fetcher), (gpointer *) &fetcher);
  g_object_unref (fetcher);
  g_assert_null (fetcher);
}

static void
assert_error (Outcome *outcome,
              int      code)
{
  g_assert_null (outcome->result);
  g_assert_error (outcome->error, DOSSIER_FEED_ERROR, code);
  g_test_message ("message: %s", outcome->error->message);
  g_assert_cmpuint (strlen (outcome->error->message), >, 40);
}

static void
assert_feed (Outcome *outcome)
{
  g_assert_no_error (outcome->error);
  g_assert_nonnull (outcome->result);
  g_assert_cmpuint (outcome->result->status, ==, 200);
  g_assert_false (outcome->result->not_modified);
  g_assert_nonnull (outcome->result->body);
  g_assert_cmpmem (g_bytes_get_data (outcome->result->body, NULL),
                   g_bytes_get_size (outcome->result->body),
                   DOSSIER_TEST_FEED_BODY, strlen (DOSSIER_TEST_FEED_BODY));
}

/* -- polite fetching ------------------------------------------------------- */

static void
test_ok (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/feed");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  g_assert_cmpstr (outcome.result->url, ==, address);
  g_assert_null (outcome.result->permanent_url);
  g_assert_cmpstr (outcome.result->content_type, ==, DOSSIER_TEST_FEED_TYPE);
  g_assert_cmpstr (outcome.result->etag, ==, DOSSIER_TEST_ETAG);
  g_assert_cmpstr (outcome.result->last_modified, ==, DOSSIER_TEST_LAST_MODIFIED);
  g_assert_cmpint (outcome.result->max_age, ==, 900);
  g_assert_cmpint (outcome.retry_after, ==, -1);

  /* what the server saw: who asks, that it takes compressed bodies, and
   * no conditions it was not given */
  g_assert_cmpuint (server->n_requests, ==, 1);
  g_assert_cmpstr (server->user_agent, ==,
                   "Dossier/" PACKAGE_VERSION " (+https://example.org/dossier)");
  g_assert_nonnull (server->accept_encoding);
  g_assert_nonnull (strstr (server->accept_encoding, "gzip"));
  g_assert_nonnull (strstr (server->accept_encoding, "deflate"));
  g_assert_null (server->if_none_match);
  g_assert_null (server->if_modified_since);

  /* no Cache-Control */
  outcome_clear (&outcome);
  g_free (address);
  address = url (0, "/empty");
  request.url = address;
  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.result->max_age, ==, -1);
  g_assert_null (outcome.result->etag);

  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_conditional (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *cond = url (0, "/cond");
  g_autofree char *bare = url (0, "/cond-bare");
  g_autofree char *always = url (0, "/always-304");
  DossierFetchRequest request = { .url = cond, .allow_http = TRUE, .etag = DOSSIER_TEST_ETAG };
  Outcome outcome = { 0 };

  /* If-None-Match: a 304 keeps everything */
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (server->if_none_match, ==, DOSSIER_TEST_ETAG);
  g_assert_null (server->if_modified_since);
  g_assert_cmpuint (outcome.result->status, ==, 304);
  g_assert_true (outcome.result->not_modified);
  g_assert_null (outcome.result->body);
  g_assert_cmpstr (outcome.result->etag, ==, DOSSIER_TEST_ETAG);

  /* If-Modified-Since alone */
  outcome_clear (&outcome);
  request.etag = NULL;
  request.last_modified = DOSSIER_TEST_LAST_MODIFIED;
  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (server->if_modified_since, ==, DOSSIER_TEST_LAST_MODIFIED);
  g_assert_null (server->if_none_match);
  g_assert_true (outcome.result->not_modified);
  g_assert_cmpstr (outcome.result->last_modified, ==, DOSSIER_TEST_LAST_MODIFIED);

  /* a 304 that sends no validators: the stored ones are kept */
  outcome_clear (&outcome);
  request.url = bare;
  request.etag = DOSSIER_TEST_ETAG;
  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.result->not_modified);
  g_assert_cmpstr (outcome.result->etag, ==, DOSSIER_TEST_ETAG);
  g_assert_cmpstr (outcome.result->last_modified, ==, DOSSIER_TEST_LAST_MODIFIED);

  /* validators that do not match: the whole feed */
  outcome_clear (&outcome);
  request.url = cond;
  request.etag = "\"old\"";
  request.last_modified = NULL;
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  g_assert_cmpstr (outcome.result->etag, ==, DOSSIER_TEST_ETAG);

  /* a 304 to a request without conditions is a server's mistake */
  outcome_clear (&outcome);
  request.url = always;
  request.etag = NULL;
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_HTTP);
  g_assert_nonnull (strstr (outcome.error->message, "304"));

  /* a validator from the store that would break the request is not sent */
  outcome_clear (&outcome);
  dossier_test_server_reset ();
  request.url = cond;
  request.etag = "\"v1\"\r\nX-Injected: 1";
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  g_assert_null (server->if_none_match);

  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_compressed (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  const char *paths[] = { "/gzip", "/deflate" };
  Outcome outcome = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *address = url (0, paths[i]);
      DossierFetchRequest request = { .url = address, .allow_http = TRUE };

      fetch (fetcher, &request, &outcome);
      assert_feed (&outcome);
      outcome_clear (&outcome);
    }
  fetcher_free (fetcher);
}

static void
test_empty (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/empty");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_nonnull (outcome.result->body);
  g_assert_cmpuint (g_bytes_get_size (outcome.result->body), ==, 0);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* -- redirects ------------------------------------------------------------- */

static void
assert_redirected (DossierFetcher *fetcher,
                   const char     *path,
                   gboolean        permanent)
{
  g_autofree char *address = url (0, path);
  g_autofree char *final = url (0, "/redirect");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  g_assert_cmpstr (outcome.result->url, ==, final);
  if (permanent)
    g_assert_cmpstr (outcome.result->permanent_url, ==, final);
  else
    g_assert_null (outcome.result->permanent_url);
  outcome_clear (&outcome);
}

static void
test_redirect_permanent (void)
{
  DossierFetcher *fetcher = fetcher_new ();

  assert_redirected (fetcher, "/redirect/301", TRUE);
  assert_redirected (fetcher, "/redirect/308", TRUE);
  assert_redirected (fetcher, "/redirect/301/308/301", TRUE);
  fetcher_free (fetcher);
}

static void
test_redirect_temporary (void)
{
  DossierFetcher *fetcher = fetcher_new ();

  assert_redirected (fetcher, "/redirect/302", FALSE);
  assert_redirected (fetcher, "/redirect/303", FALSE);
  assert_redirected (fetcher, "/redirect/307", FALSE);
  /* one temporary hop is enough to keep the stored address */
  assert_redirected (fetcher, "/redirect/301/302/308", FALSE);
  fetcher_free (fetcher);
}

static void
test_redirect_loop (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/loop/a");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_REDIRECTS);
  g_assert_nonnull (strstr (outcome.error->message, "loop"));
  g_assert_cmpuint (server->n_requests, ==, 2);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_redirect_limit (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *five = url (0, "/hops/5");
  g_autofree char *six = url (0, "/hops/6");
  g_autofree char *final = url (0, "/hops/0");
  g_autofree char *nowhere = url (0, "/no-location");
  DossierFetchRequest request = { .url = five, .allow_http = TRUE };
  Outcome outcome = { 0 };

  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  g_assert_cmpstr (outcome.result->permanent_url, ==, final);

  outcome_clear (&outcome);
  dossier_test_server_reset ();
  request.url = six;
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_REDIRECTS);
  /* the address and five redirects; the sixth is not followed */
  g_assert_cmpuint (server->n_requests, ==, 6);

  outcome_clear (&outcome);
  request.url = nowhere;
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_REDIRECTS);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* The redirect rules alone, https included, without a network. */
static void
test_redirect_policy (void)
{
  g_autoptr(GUri) https = g_uri_parse ("https://example.org/feed", SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) http = g_uri_parse ("http://example.org/feed", SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GUri *next;

  g_hash_table_add (visited, dossier_fetch_address_key (https));

  /* from https to http: never, even where the feed allows http */
  next = dossier_fetch_redirect_target (https, 301, "http://example.org/feed", TRUE, visited, 0,
                                        &error);
  g_assert_null (next);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE);
  g_clear_error (&error);

  /* from http to http: only where allowed */
  next = dossier_fetch_redirect_target (http, 302, "/other", FALSE, visited, 0, &error);
  g_assert_null (next);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "allow"));
  g_clear_error (&error);
  next = dossier_fetch_redirect_target (http, 302, "/other", TRUE, visited, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_path (next), ==, "/other");
  g_uri_unref (next);

  /* up to https: fine; relative addresses are resolved */
  next = dossier_fetch_redirect_target (http, 301, "https://example.org/feed2", FALSE, visited, 0,
                                        &error);
  g_assert_no_error (error);
  g_uri_unref (next);
  next = dossier_fetch_redirect_target (https, 308, "../x/feed.xml?a=1", FALSE, visited, 0,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (next), ==, "https");
  g_assert_cmpstr (g_uri_get_path (next), ==, "/x/feed.xml");
  g_uri_unref (next);

  /* back to an address asked before, the fragment aside: a loop */
  next = dossier_fetch_redirect_target (https, 302, "https://example.org/feed#top", FALSE,
                                        visited, 1, &error);
  g_assert_null (next);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS);
  g_clear_error (&error);

  /* somewhere that is no web address, or none at all */
  next = dossier_fetch_redirect_target (https, 302, "file:///etc/passwd", FALSE, visited, 0,
                                        &error);
  g_assert_null (next);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS);
  g_clear_error (&error);
  next = dossier_fetch_redirect_target (https, 302, NULL, FALSE, visited, 0, &error);
  g_assert_null (next);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS);
  g_clear_error (&error);

  /* the sixth */
  next = dossier_fetch_redirect_target (https, 301, "/six", FALSE, visited,
                                        DOSSIER_FETCH_MAX_REDIRECTS, &error);
  g_assert_null (next);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS);
}

/* -- statuses -------------------------------------------------------------- */

static void
assert_status (DossierFetcher *fetcher,
               const char     *path,
               int             code,
               const char     *in_message,
               gint64          retry_after)
{
  g_autofree char *address = url (0, path);
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, code);
  if (in_message != NULL)
    g_assert_nonnull (strstr (outcome.error->message, in_message));
  if (retry_after > 500)
    /* counted from this computer's clock: a second or two may pass */
    g_assert_cmpint (ABS (outcome.retry_after - retry_after), <=, 5);
  else
    g_assert_cmpint (outcome.retry_after, ==, retry_after);
  outcome_clear (&outcome);
}

static void
test_status (void)
{
  DossierFetcher *fetcher = fetcher_new ();

  assert_status (fetcher, "/status/404", DOSSIER_FEED_ERROR_HTTP, "404", -1);
  assert_status (fetcher, "/status/403", DOSSIER_FEED_ERROR_HTTP, "403", -1);
  assert_status (fetcher, "/status/400", DOSSIER_FEED_ERROR_HTTP, "400 (Bad Request)", -1);
  assert_status (fetcher, "/status/500", DOSSIER_FEED_ERROR_HTTP, "500 (Internal Server Error)",
                 -1);
  assert_status (fetcher, "/status/502", DOSSIER_FEED_ERROR_HTTP, "502", -1);
  assert_status (fetcher, "/status/300", DOSSIER_FEED_ERROR_HTTP, "300", -1);
  assert_status (fetcher, "/status/410", DOSSIER_FEED_ERROR_GONE, "disabled", -1);
  fetcher_free (fetcher);
}

static void
test_rate_limited (void)
{
  DossierFetcher *fetcher = fetcher_new ();

  assert_status (fetcher, "/retry/429/seconds", DOSSIER_FEED_ERROR_RATE_LIMITED, "429", 120);
  /* an HTTP date, from the server's Date */
  assert_status (fetcher, "/retry/429/date", DOSSIER_FEED_ERROR_RATE_LIMITED, "429", 300);
  /* an HTTP date, from this computer's clock when the server sends no Date */
  assert_status (fetcher, "/retry/429/later", DOSSIER_FEED_ERROR_RATE_LIMITED, "429", 600);
  /* no delay given: the caller backs off by itself */
  assert_status (fetcher, "/retry/429/none", DOSSIER_FEED_ERROR_RATE_LIMITED, "429", -1);
  assert_status (fetcher, "/retry/503/seconds", DOSSIER_FEED_ERROR_RATE_LIMITED, "503", 120);
  assert_status (fetcher, "/retry/503/date", DOSSIER_FEED_ERROR_RATE_LIMITED, "503", 300);
  /* a 503 that does not say when is a server's failure */
  assert_status (fetcher, "/retry/503/none", DOSSIER_FEED_ERROR_HTTP, "503", -1);
  fetcher_free (fetcher);
}

static gint64
retry_after_of (const char *value,
                const char *date)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  if (value != NULL)
    soup_message_headers_append (headers, "Retry-After", value);
  if (date != NULL)
    soup_message_headers_append (headers, "Date", date);
  return dossier_fetch_parse_retry_after (headers);
}

static gint64
max_age_of (const char *value)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  soup_message_headers_append (headers, "Cache-Control", value);
  return dossier_fetch_parse_max_age (headers);
}

static void
test_headers (void)
{
  const char *date = "Wed, 21 Oct 2015 07:28:00 GMT";

  g_assert_cmpint (retry_after_of (NULL, NULL), ==, -1);
  g_assert_cmpint (retry_after_of ("120", NULL), ==, 120);
  g_assert_cmpint (retry_after_of (" 0 ", NULL), ==, 0);
  g_assert_cmpint (retry_after_of ("-5", NULL), ==, -1);
  g_assert_cmpint (retry_after_of ("12abc", NULL), ==, -1);
  g_assert_cmpint (retry_after_of ("soon", NULL), ==, -1);
  g_assert_cmpint (retry_after_of ("99999999999999999999999", NULL), ==,
                   DOSSIER_FETCH_MAX_RETRY_AFTER);
  g_assert_cmpint (retry_after_of ("Wed, 21 Oct 2015 08:28:00 GMT", date), ==, 3600);
  /* the past, and a date of another format RFC 9110 allows */
  g_assert_cmpint (retry_after_of ("Wed, 21 Oct 2015 07:00:00 GMT", date), ==, 0);
  g_assert_cmpint (retry_after_of ("Wednesday, 21-Oct-15 07:29:00 GMT", date), ==, 60);
  g_assert_cmpint (retry_after_of ("Wed, 21 Oct 2099 07:28:00 GMT", date), ==,
                   DOSSIER_FETCH_MAX_RETRY_AFTER);

  g_assert_cmpint (max_age_of ("max-age=60"), ==, 60);
  g_assert_cmpint (max_age_of ("public, max-age=3600, must-revalidate"), ==, 3600);
  g_assert_cmpint (max_age_of ("no-cache"), ==, -1);
  g_assert_cmpint (max_age_of ("max-age=soon"), ==, -1);
  g_assert_cmpint (max_age_of ("max-age=-1"), ==, -1);
}

static void
test_backoff (void)
{
  g_assert_cmpint (dossier_fetch_backoff_seconds (0), ==, 0);
  g_assert_cmpint (dossier_fetch_backoff_seconds (1), ==, 600);
  g_assert_cmpint (dossier_fetch_backoff_seconds (2), ==, 1200);
  g_assert_cmpint (dossier_fetch_backoff_seconds (3), ==, 2400);
  g_assert_cmpint (dossier_fetch_backoff_seconds (8), ==, 600 * 128);
  g_assert_cmpint (dossier_fetch_backoff_seconds (9), ==, DOSSIER_FETCH_MAX_BACKOFF);
  g_assert_cmpint (dossier_fetch_backoff_seconds (1000), ==, DOSSIER_FETCH_MAX_BACKOFF);
  g_assert_cmpint (dossier_fetch_backoff_seconds (G_MAXUINT), ==, DOSSIER_FETCH_MAX_BACKOFF);
  for (guint i = 1; i < 64; i++)
    g_assert_cmpint (dossier_fetch_backoff_seconds (i), >=, dossier_fetch_backoff_seconds (i - 1));
}

/* -- addresses and connections ------------------------------------------- */

static void
test_insecure (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/feed");
  DossierFetchRequest request = { .url = address };
  Outcome outcome = { 0 };

  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_INSECURE);
  g_assert_nonnull (strstr (outcome.error->message, "allow insecure http for this feed"));
  g_assert_cmpuint (server->n_requests, ==, 0);

  outcome_clear (&outcome);
  request.allow_http = TRUE;
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_address (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  const char *addresses[] = { "", "feed", "ftp://example.org/feed", "file:///etc/passwd",
                              "https://", "https://exa mple.org/", "javascript:alert(1)" };
  Outcome outcome = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      DossierFetchRequest request = { .url = addresses[i], .allow_http = TRUE };

      fetch (fetcher, &request, &outcome);
      assert_error (&outcome, DOSSIER_FEED_ERROR_ADDRESS);
      outcome_clear (&outcome);
    }
  fetcher_free (fetcher);
}

static void
test_dns (void)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GError) error = NULL;
  GList *found;
  DossierFetcher *fetcher;
  DossierFetchRequest request = { .url = "https://feed.dossier.invalid/feed", .proxy = "none" };
  Outcome outcome = { 0 };

  /* RFC 2606: .invalid never resolves, unless a resolver makes names up */
  found = g_resolver_lookup_by_name (resolver, "feed.dossier.invalid", NULL, &error);
  if (found != NULL)
    {
      g_resolver_free_addresses (found);
      g_test_skip ("this computer's resolver answers for .invalid names");
      return;
    }

  fetcher = fetcher_new ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_DNS);
  g_assert_nonnull (strstr (outcome.error->message, "feed.dossier.invalid"));
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_refused (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = g_strdup_printf ("http://127.0.0.1:%u/feed",
                                              dossier_test_closed_port ());
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_REFUSED);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* -- limits ---------------------------------------------------------------- */

static void
test_timeout_silent (void)
{
  DossierFetcher *fetcher = dossier_fetcher_new ();
  g_autofree char *address = url (0, "/never");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  /* a server that takes the request and says nothing: the connect
   * timeout is also the longest silence */
  dossier_fetcher_set_timeouts (fetcher, 1, 30);
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (server->n_requests, ==, 1);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_timeout_total (void)
{
  DossierFetcher *fetcher = dossier_fetcher_new ();
  g_autofree char *address = url (0, "/drip");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 took;

  /* a byte every 300 ms is never silent for 2 s, but never done */
  dossier_fetcher_set_timeouts (fetcher, 2, 3);
  fetch (fetcher, &request, &outcome);
  took = g_get_monotonic_time () - start;
  assert_error (&outcome, DOSSIER_FEED_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (outcome.error->message, "3 seconds"));
  g_assert_cmpint (took, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (took, <, 8 * G_USEC_PER_SEC);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_too_large_stream (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/huge");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  /* 50 MB without a length: reading stops at the 10 MB cap */
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (outcome.error->message, "10.0\u00a0MB"));
  while (!server->raw_write_done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("the server wrote %" G_GUINT64_FORMAT " bytes", server->raw_written);
  /* the cap, and what the sockets' buffers took on the way */
  g_assert_cmpuint (server->raw_written, >=, DOSSIER_FETCH_DEFAULT_MAX_BYTES);
  g_assert_cmpuint (server->raw_written, <, 25 * 1000 * 1000);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_too_large_declared (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/huge-declared");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  /* Content-Length: 50 MB is refused without reading */
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_TOO_LARGE);
  while (!server->raw_write_done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("the server wrote %" G_GUINT64_FORMAT " bytes", server->raw_written);
  g_assert_cmpuint (server->raw_written, <, 8 * 1000 * 1000);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_too_large_compressed (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/bomb");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE,
                                  .max_bytes = 1000 * 1000 };
  Outcome outcome = { 0 };

  /* a few kilobytes that unpack to 4 MB: the cap counts what comes out */
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (outcome.error->message, "1.0\u00a0MB"));
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_too_large_boundary (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/sized/100000");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE, .max_bytes = 100000 };
  Outcome outcome = { 0 };

  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (g_bytes_get_size (outcome.result->body), ==, 100000);
  outcome_clear (&outcome);
  request.max_bytes = 99999;
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_TOO_LARGE);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_cut (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  const char *paths[] = { "/cut", "/cut-close" };
  Outcome outcome = { 0 };

  /* Content-Length: 1000, and the connection closed after 5 bytes, with
   * and without "Connection: close" (which libsoup forgives) */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *address = url (0, paths[i]);
      DossierFetchRequest request = { .url = address, .allow_http = TRUE };

      fetch (fetcher, &request, &outcome);
      assert_error (&outcome, DOSSIER_FEED_ERROR_FAILED);
      g_assert_nonnull (strstr (outcome.error->message, "broke"));
      outcome_clear (&outcome);
    }
  fetcher_free (fetcher);
}

static void
test_one_per_host (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  Outcome outcomes[4] = { 0 };

  dossier_test_server_reset ();
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", 100 + i);
      g_autofree char *address = url (0, path);
      DossierFetchRequest request = { .url = address, .allow_http = TRUE };

      start_fetch (fetcher, &request, NULL, &outcomes[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      wait_for (&outcomes[i]);
      assert_feed (&outcomes[i]);
    }
  g_assert_cmpuint (server->max_per_host, ==, 1);
  g_assert_cmpuint (server->max_active, ==, 1);
  /* one after the other, in the order asked */
  g_assert_cmpuint (server->paths->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", 100 + i);

      g_assert_cmpstr (server->paths->pdata[i], ==, path);
      if (i > 0)
        g_assert_cmpint (outcomes[i].finished_at, >, outcomes[i - 1].finished_at);
      outcome_clear (&outcomes[i]);
    }
  fetcher_free (fetcher);
}

static void
test_in_flight (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  Outcome outcomes[2 * DOSSIER_TEST_N_HOSTS] = { 0 };

  /* two fetches to each of six hosts, asked host after host */
  dossier_test_server_reset ();
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", 200 + i);
      g_autofree char *address = url (i % DOSSIER_TEST_N_HOSTS, path);
      DossierFetchRequest request = { .url = address, .allow_http = TRUE };

      start_fetch (fetcher, &request, NULL, &outcomes[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      wait_for (&outcomes[i]);
      assert_feed (&outcomes[i]);
      outcome_clear (&outcomes[i]);
    }
  g_assert_cmpuint (server->max_active, ==, DOSSIER_FETCH_MAX_IN_FLIGHT);
  g_assert_cmpuint (server->max_per_host, ==, 1);
  /* the first four asked went first */
  g_assert_cmpuint (server->paths->len, ==, 2 * DOSSIER_TEST_N_HOSTS);
  for (guint i = 0; i < DOSSIER_FETCH_MAX_IN_FLIGHT; i++)
    {
      gboolean among_first = FALSE;

      for (guint j = 0; j < DOSSIER_FETCH_MAX_IN_FLIGHT; j++)
        {
          g_autofree char *path = g_strdup_printf ("/slow/%u", 200 + j);

          among_first = among_first || g_str_equal (server->paths->pdata[i], path);
        }
      g_assert_true (among_first);
    }
  fetcher_free (fetcher);
}

static gboolean
tick (gpointer data)
{
  gint64 *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks[1] = MAX (ticks[1], now - ticks[0]);
  ticks[0] = now;
  return G_SOURCE_CONTINUE;
}

/* Ten megabytes come while the main loop goes on turning. */
static void
test_main_loop (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/sized/10000000");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };
  gint64 ticks[2] = { g_get_monotonic_time (), 0 };
  guint id = g_timeout_add (10, tick, ticks);

  fetch (fetcher, &request, &outcome);
  g_source_remove (id);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (g_bytes_get_size (outcome.result->body), ==, 10000000);
  g_test_message ("the longest gap between two ticks: %" G_GINT64_FORMAT " ms", ticks[1] / 1000);
  g_assert_cmpint (ticks[1], <, 500 * 1000);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* -- cancellation ---------------------------------------------------------- */

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
assert_cancelled (Outcome *outcome)
{
  g_assert_null (outcome->result);
  g_assert_error (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_before (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *address = url (0, "/feed");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  dossier_test_server_reset ();
  g_cancellable_cancel (cancellable);
  start_fetch (fetcher, &request, cancellable, &outcome);
  wait_for (&outcome);
  assert_cancelled (&outcome);
  g_assert_cmpuint (server->n_requests, ==, 0);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* Cancelled at @ms after the start of a fetch of @path: it ends at once,
 * and the host is free again. */
static void
assert_cancels (const char *path,
                guint       ms)
{
  DossierFetcher *fetcher = dossier_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *address = url (0, path);
  g_autofree char *feed = url (0, "/feed");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  dossier_fetcher_set_timeouts (fetcher, 30, 60);
  start_fetch (fetcher, &request, cancellable, &outcome);
  g_timeout_add (ms, cancel_later, cancellable);
  wait_for (&outcome);
  assert_cancelled (&outcome);
  g_assert_cmpint (g_get_monotonic_time () - start, <, (ms + 1000) * 1000);

  outcome_clear (&outcome);
  request.url = feed;
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

static void
test_cancel_running (void)
{
  /* waiting for the answer, and in the middle of the body */
  assert_cancels ("/never", 200);
  assert_cancels ("/drip", 700);
}

/* Cancelled while the server answers the third request of a chain of
 * redirects: no fourth request goes out. */
static void
test_cancel_redirects (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *address = url (0, "/hops/5");
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };

  dossier_test_server_reset ();
  server->cancel = g_object_ref (cancellable);
  server->cancel_at = 3;
  start_fetch (fetcher, &request, cancellable, &outcome);
  wait_for (&outcome);
  assert_cancelled (&outcome);
  spin (100);
  g_assert_cmpuint (server->n_requests, ==, 3);
  outcome_clear (&outcome);
  dossier_test_server_reset ();
  fetcher_free (fetcher);
}

static void
test_cancel_queued (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *first = url (0, "/slow/500");
  g_autofree char *second = url (0, "/feed");
  DossierFetchRequest request = { .url = first, .allow_http = TRUE };
  Outcome outcomes[2] = { 0 };

  dossier_test_server_reset ();
  start_fetch (fetcher, &request, NULL, &outcomes[0]);
  request.url = second;
  start_fetch (fetcher, &request, cancellable, &outcomes[1]);
  spin (50);
  g_cancellable_cancel (cancellable);
  wait_for (&outcomes[1]);
  assert_cancelled (&outcomes[1]);
  /* ended while the first still ran, and never reached the server */
  g_assert_false (outcomes[0].done);
  wait_for (&outcomes[0]);
  assert_feed (&outcomes[0]);
  g_assert_cmpuint (server->n_requests, ==, 1);
  outcome_clear (&outcomes[0]);
  outcome_clear (&outcomes[1]);
  fetcher_free (fetcher);
}

/* -- https ----------------------------------------------------------------- */

static GTlsDatabase *
test_tls_database (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "fetch-test-cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database = g_tls_file_database_new (cert, &error);

  g_assert_no_error (error);
  return database;
}

static void
test_tls (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autoptr(GTlsDatabase) database = test_tls_database ();
  g_autofree char *address = g_strconcat (server->tls_base, "/feed", NULL);
  g_autofree char *to_http = g_strconcat (server->tls_base, "/to-http", NULL);
  g_autofree char *up = url (0, "/to-https");
  DossierFetchRequest request = { .url = address };
  Outcome outcome = { 0 };

  /* a certificate this computer does not trust */
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_TLS);
  g_assert_cmpuint (server->n_requests, ==, 0);

  /* trusted */
  outcome_clear (&outcome);
  dossier_fetcher_set_tls_database (fetcher, database);
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);

  /* from https down to http: refused, even where http is allowed */
  outcome_clear (&outcome);
  dossier_test_server_reset ();
  request.url = to_http;
  request.allow_http = TRUE;
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_INSECURE);
  g_assert_cmpuint (server->n_requests, ==, 1);

  /* from http up to https: followed, and the new address is permanent */
  outcome_clear (&outcome);
  request.url = up;
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  g_assert_cmpstr (outcome.result->permanent_url, ==, address);

  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* -- proxies --------------------------------------------------------------- */

static void
test_proxy_setting (void)
{
  struct {
    const char *setting;
    const char *key;
    const char *label;
  } good[] = {
    { NULL, "", NULL },
    { "", "", NULL },
    { "none", "none", NULL },
    { "socks5h://127.0.0.1:9050", "socks5://127.0.0.1:9050", "socks5h://127.0.0.1:9050" },
    { "socks5://localhost:1080", "socks5://localhost:1080", "socks5://localhost:1080" },
    { "SOCKS5H://127.0.0.1:9050/", "socks5://127.0.0.1:9050", "socks5h://127.0.0.1:9050" },
    { "socks4a://127.0.0.1:9050", "socks4a://127.0.0.1:9050", "socks4a://127.0.0.1:9050" },
    { "http://[::1]:8080", "http://[::1]:8080", "http://[::1]:8080" },
    { "socks5://me:secret@127.0.0.1:1080", "socks5://me:secret@127.0.0.1:1080",
      "socks5://127.0.0.1:1080" },
  };
  const char *bad[] = { "socks5://127.0.0.1", "ftp://127.0.0.1:21", "https://127.0.0.1:443",
                        "127.0.0.1:9050", "socks5://:9050", "http://127.0.0.1:8080/path",
                        "system", "socks5://127.0.0.1:9050?x=1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      DossierProxySetting setting;
      g_autoptr(GError) error = NULL;

      g_assert_true (dossier_fetch_parse_proxy (good[i].setting, &setting, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (setting.key, ==, good[i].key);
      g_assert_cmpstr (setting.label, ==, good[i].label);
      dossier_proxy_setting_clear (&setting);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DossierProxySetting setting;
      g_autoptr(GError) error = NULL;

      g_assert_false (dossier_fetch_parse_proxy (bad[i], &setting, &error));
      g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_PROXY);
      dossier_proxy_setting_clear (&setting);
    }
}

static void
test_proxy_direct (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *address = url (0, "/redirect/301");
  const char *settings[] = { "none", "", NULL };
  Outcome outcome = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      DossierFetchRequest request = { .url = address, .allow_http = TRUE, .proxy = settings[i] };

      dossier_test_server_reset ();
      fetch (fetcher, &request, &outcome);
      assert_feed (&outcome);
      g_assert_cmpstr (server->remote_hosts->pdata[0], ==, "127.0.0.1");
      outcome_clear (&outcome);
    }

  {
    DossierFetchRequest request = { .url = address, .allow_http = TRUE, .proxy = "tor" };

    dossier_test_server_reset ();
    fetch (fetcher, &request, &outcome);
    assert_error (&outcome, DOSSIER_FEED_ERROR_PROXY);
    g_assert_cmpuint (server->n_requests, ==, 0);
    outcome_clear (&outcome);
  }
  fetcher_free (fetcher);
}

/* socks5 and socks5h: the proxy gets the name, nothing resolves it here
 * (a .invalid name never would: the fetch works only through the proxy) */
static void
test_proxy_remote_dns (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  const char *schemes[] = { "socks5", "socks5h" };
  DossierTestResolver *resolver = dossier_test_resolver_install ();
  DossierTestSocks socks;
  Outcome outcome = { 0 };

  dossier_test_socks_start (&socks);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *proxy = g_strdup_printf ("%s://127.0.0.1:%u", schemes[i], socks.port);
      DossierFetchRequest request = { .url = "http://feed.dossier.invalid/feed",
                                      .allow_http = TRUE, .proxy = proxy };

      fetch (fetcher, &request, &outcome);
      g_assert_no_error (outcome.error);
      g_assert_cmpmem (g_bytes_get_data (outcome.result->body, NULL),
                       g_bytes_get_size (outcome.result->body),
                       DOSSIER_TEST_PROXY_BODY, strlen (DOSSIER_TEST_PROXY_BODY));
      g_mutex_lock (&socks.lock);
      g_assert_cmpuint (socks.n_connections, ==, i + 1);
      g_assert_cmpuint (socks.version, ==, 5);
      g_assert_cmpuint (socks.address_type, ==, 3);
      g_assert_cmpstr (socks.name, ==, "feed.dossier.invalid");
      g_mutex_unlock (&socks.lock);
      outcome_clear (&outcome);
    }
  g_assert_false (dossier_test_resolver_was_asked (resolver, "feed.dossier.invalid"));
  dossier_test_socks_stop (&socks);
  fetcher_free (fetcher);
  dossier_test_resolver_uninstall (resolver);
}

/* socks4 cannot carry a name: GLib looks it up here, outside the proxy */
static void
test_proxy_socks4_local_dns (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autofree char *proxy = NULL;
  DossierTestResolver *resolver = dossier_test_resolver_install ();
  DossierTestSocks socks;
  Outcome outcome = { 0 };

  dossier_test_socks_start (&socks);
  proxy = g_strdup_printf ("socks4://127.0.0.1:%u", socks.port);
  {
    DossierFetchRequest request = { .url = "http://feed.dossier.invalid/feed",
                                    .allow_http = TRUE, .proxy = proxy };

    fetch (fetcher, &request, &outcome);
    assert_error (&outcome, DOSSIER_FEED_ERROR_DNS);
  }
  g_mutex_lock (&socks.lock);
  g_assert_cmpuint (socks.n_connections, ==, 0);
  g_mutex_unlock (&socks.lock);
  g_assert_true (dossier_test_resolver_was_asked (resolver, "feed.dossier.invalid"));
  outcome_clear (&outcome);
  dossier_test_socks_stop (&socks);
  fetcher_free (fetcher);
  dossier_test_resolver_uninstall (resolver);
}

static char *proxied_host;

static void
on_proxy_request (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  g_free (proxied_host);
  proxied_host = g_strdup (g_uri_get_host (soup_server_message_get_uri (msg)));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, DOSSIER_TEST_FEED_TYPE, SOUP_MEMORY_STATIC,
                                    DOSSIER_TEST_PROXY_BODY, strlen (DOSSIER_TEST_PROXY_BODY));
}

/* An http proxy (a SoupServer that answers for any host) gets the whole
 * address; and when it is gone, the fetch fails rather than go direct. */
static void
test_proxy_http (void)
{
  DossierFetcher *fetcher = fetcher_new ();
  g_autoptr(SoupServer) proxy_server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *address = url (0, "/feed");
  DossierFetchRequest request = { .url = "http://feed.dossier.invalid/feed", .allow_http = TRUE };
  DossierTestResolver *resolver = dossier_test_resolver_install ();
  Outcome outcome = { 0 };

  soup_server_add_handler (proxy_server, NULL, on_proxy_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (proxy_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  proxy = dossier_test_first_uri (proxy_server, "http");
  request.proxy = proxy;
  fetch (fetcher, &request, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (proxied_host, ==, "feed.dossier.invalid");
  g_assert_false (dossier_test_resolver_was_asked (resolver, "feed.dossier.invalid"));
  outcome_clear (&outcome);
  dossier_test_resolver_uninstall (resolver);

  soup_server_disconnect (proxy_server);
  dossier_test_server_reset ();
  request.url = address;
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_PROXY);
  g_assert_nonnull (strstr (outcome.error->message, proxy));
  g_assert_cmpuint (server->n_requests, ==, 0);
  outcome_clear (&outcome);
  g_clear_pointer (&proxied_host, g_free);
  fetcher_free (fetcher);
}

/* microsocks, a real SOCKSv5 server, sends what it forwards from
 * 127.0.0.2: the server can tell what came through it. */
static void
test_proxy_microsocks (void)
{
  g_autofree char *program = g_find_program_in_path ("microsocks");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *address = url (0, "/redirect/302/301");
  DossierFetcher *fetcher;
  DossierFetchRequest request = { .url = address, .allow_http = TRUE };
  Outcome outcome = { 0 };
  guint16 number = dossier_test_closed_port ();

  if (program == NULL)
    {
      g_test_skip ("microsocks is not installed (apt-get install microsocks)");
      return;
    }
  port = g_strdup_printf ("%u", number);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, program, "-i", "127.0.0.1", "-p", port, "-b", "127.0.0.2",
                              NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !dossier_test_port_accepts (number); i++)
    g_usleep (10 * 1000);

  fetcher = fetcher_new ();
  proxy = g_strdup_printf ("socks5://127.0.0.1:%s", port);
  request.proxy = proxy;
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_feed (&outcome);
  /* every request, redirects included, came through the proxy */
  g_assert_cmpuint (server->n_requests, ==, 3);
  for (guint i = 0; i < server->remote_hosts->len; i++)
    g_assert_cmpstr (server->remote_hosts->pdata[i], ==, "127.0.0.2");
  outcome_clear (&outcome);

  /* the proxy stops: the fetch fails, and nothing goes around it */
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  dossier_test_server_reset ();
  fetch (fetcher, &request, &outcome);
  assert_error (&outcome, DOSSIER_FEED_ERROR_PROXY);
  g_assert_nonnull (strstr (outcome.error->message, proxy));
  g_assert_cmpuint (server->n_requests, ==, 0);
  outcome_clear (&outcome);
  fetcher_free (fetcher);
}

/* The system's settings (here libproxy, from http_proxy) name a proxy
 * that is down: the fetch says so. In a process of its own, whose
 * environment names that proxy. */
static void
test_proxy_system (void)
{
  g_autofree char *proxy = NULL;
  g_autofree char *address = url (0, "/feed");

  if (g_test_subprocess ())
    {
      DossierFetcher *fetcher = fetcher_new ();
      DossierFetchRequest request = { .url = address, .allow_http = TRUE };
      Outcome outcome = { 0 };

      proxy = g_strdup (g_getenv ("DOSSIER_TEST_PROXY"));
      g_setenv ("http_proxy", proxy, TRUE);
      dossier_test_server_reset ();
      fetch (fetcher, &request, &outcome);
      assert_error (&outcome, DOSSIER_FEED_ERROR_PROXY);
      g_assert_nonnull (strstr (outcome.error->message, proxy));
      g_assert_cmpuint (server->n_requests, ==, 0);
      outcome_clear (&outcome);
      fetcher_free (fetcher);
      return;
    }

  proxy = g_strdup_printf ("socks5://127.0.0.1:%u", dossier_test_closed_port ());
  {
    g_auto(GStrv) proxies = NULL;

    g_setenv ("http_proxy", proxy, TRUE);
    proxies = g_proxy_resolver_lookup (g_proxy_resolver_get_default (), address, NULL, NULL);
    g_unsetenv ("http_proxy");
    if (proxies == NULL || g_strcmp0 (proxies[0], proxy) != 0)
      {
        g_test_skip ("the system's proxy resolver here does not read http_proxy");
        return;
      }
  }
  g_setenv ("DOSSIER_TEST_PROXY", proxy, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("DOSSIER_TEST_PROXY");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  const char *proxy_variables[] = { "http_proxy", "https_proxy", "all_proxy", "no_proxy",
                                    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY" };
  int status;

  /* the system's proxy settings are this test's: none */
  for (guint i = 0; i < G_N_ELEMENTS (proxy_variables); i++)
    g_unsetenv (proxy_variables[i]);
  g_test_init (&argc, &argv, NULL);
  server = dossier_test_server_start ();

  g_test_add_func ("/feed-fetch/ok", test_ok);
  g_test_add_func ("/feed-fetch/conditional", test_conditional);
  g_test_add_func ("/feed-fetch/compressed", test_compressed);
  g_test_add_func ("/feed-fetch/empty", test_empty);
  g_test_add_func ("/feed-fetch/redirect/permanent", test_redirect_permanent);
  g_test_add_func ("/feed-fetch/redirect/temporary", test_redirect_temporary);
  g_test_add_func ("/feed-fetch/redirect/loop", test_redirect_loop);
  g_test_add_func ("/feed-fetch/redirect/limit", test_redirect_limit);
  g_test_add_func ("/feed-fetch/redirect/policy", test_redirect_policy);
  g_test_add_func ("/feed-fetch/status", test_status);
  g_test_add_func ("/feed-fetch/rate-limited", test_rate_limited);
  g_test_add_func ("/feed-fetch/headers", test_headers);
  g_test_add_func ("/feed-fetch/backoff", test_backoff);
  g_test_add_func ("/feed-fetch/insecure", test_insecure);
  g_test_add_func ("/feed-fetch/address", test_address);
  g_test_add_func ("/feed-fetch/dns", test_dns);
  g_test_add_func ("/feed-fetch/refused", test_refused);
  g_test_add_func ("/feed-fetch/timeout/silent", test_timeout_silent);
  g_test_add_func ("/feed-fetch/timeout/total", test_timeout_total);
  g_test_add_func ("/feed-fetch/too-large/stream", test_too_large_stream);
  g_test_add_func ("/feed-fetch/too-large/declared", test_too_large_declared);
  g_test_add_func ("/feed-fetch/too-large/compressed", test_too_large_compressed);
  g_test_add_func ("/feed-fetch/too-large/boundary", test_too_large_boundary);
  g_test_add_func ("/feed-fetch/cut", test_cut);
  g_test_add_func ("/feed-fetch/limits/one-per-host", test_one_per_host);
  g_test_add_func ("/feed-fetch/limits/in-flight", test_in_flight);
  g_test_add_func ("/feed-fetch/main-loop", test_main_loop);
  g_test_add_func ("/feed-fetch/cancel/before", test_cancel_before);
  g_test_add_func ("/feed-fetch/cancel/running", test_cancel_running);
  g_test_add_func ("/feed-fetch/cancel/redirects", test_cancel_redirects);
  g_test_add_func ("/feed-fetch/cancel/queued", test_cancel_queued);
  g_test_add_func ("/feed-fetch/tls", test_tls);
  g_test_add_func ("/feed-fetch/proxy/setting", test_proxy_setting);
  g_test_add_func ("/feed-fetch/proxy/direct", test_proxy_direct);
  g_test_add_func ("/feed-fetch/proxy/remote-dns", test_proxy_remote_dns);
  g_test_add_func ("/feed-fetch/proxy/socks4-local-dns", test_proxy_socks4_local_dns);
  g_test_add_func ("/feed-fetch/proxy/http", test_proxy_http);
  g_test_add_func ("/feed-fetch/proxy/microsocks", test_proxy_microsocks);
  g_test_add_func ("/feed-fetch/proxy/system", test_proxy_system);

  status = g_test_run ();
  dossier_test_server_stop ();
  return status;
}
