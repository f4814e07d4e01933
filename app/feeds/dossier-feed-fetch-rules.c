/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dossier-feed-error.h"
#include "dossier-feed-fetcher-private.h"
#include "dossier-links.h"

/* The rules of fetching that need no network, so that each can be tested
 * alone: which addresses, proxies and redirects are followed, how the
 * headers a server sends are read, and what each failure says to the
 * volunteer who reads it in the Feeds section: what happened, and what to
 * do (often nothing: Dossier tries again later by itself). */

#define BACKOFF_FIRST (10 * 60)

static gboolean
uri_is_http (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0;
}

static gboolean
uri_is_web (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  return (uri_is_http (uri) || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0) &&
         host != NULL && *host != '\0';
}

void
dossier_proxy_setting_clear (DossierProxySetting *setting)
{
  g_clear_pointer (&setting->key, g_free);
  g_clear_pointer (&setting->label, g_free);
  setting->resolves_here = FALSE;
}

/* A proxy as a person reads it: scheme, host and port, never a password. */
char *
dossier_fetch_proxy_label (const char *address)
{
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (_("the proxy"));
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

/**
 * dossier_fetch_parse_proxy:
 * @proxy: (nullable): a request's proxy setting (see DossierFetchRequest)
 *
 * Reads a proxy setting into the key of its session: "" for the system's
 * settings, "none", or the proxy address GLib is given, with the port the
 * setting must name (GLib has no default port for a proxy).
 */
gboolean
dossier_fetch_parse_proxy (const char           *proxy,
                           DossierProxySetting  *setting,
                           GError              **error)
{
  const char *known[] = { "socks5", "socks5h", "socks4a", "socks4", "http", NULL };
  g_autoptr(GUri) uri = NULL;
  const char *scheme = NULL;
  const char *path = NULL;

  memset (setting, 0, sizeof *setting);
  if (proxy == NULL || *proxy == '\0' || g_str_equal (proxy, "none"))
    {
      setting->key = g_strdup (proxy ? proxy : "");
      return TRUE;
    }

  uri = g_uri_parse (proxy, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri != NULL)
    {
      scheme = g_uri_get_scheme (uri);
      path = g_uri_get_path (uri);
    }
  if (uri == NULL || !g_strv_contains (known, scheme) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_port (uri) <= 0 || (*path != '\0' && !g_str_equal (path, "/")) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_PROXY,
                           _("The proxy setting is not one Dossier understands, so the feed "
                             "was not fetched. Give the proxy as an address with its port, "
                             "such as socks5h://127.0.0.1:9050, or choose no proxy."));
      return FALSE;
    }

  /* GLib's SOCKSv5 always lets the proxy resolve names: that is socks5h */
  setting->key = g_uri_join (G_URI_FLAGS_HAS_PASSWORD,
                             g_str_equal (scheme, "socks5h") ? "socks5" : scheme,
                             g_uri_get_userinfo (uri), g_uri_get_host (uri),
                             g_uri_get_port (uri), "", NULL, NULL);
  setting->label = dossier_fetch_proxy_label (proxy);
  /* with a name, GLib cannot tell which lookup failed: the proxy's or the
   * feed's; with an address, a failed lookup is the feed's */
  setting->resolves_here = g_str_equal (scheme, "socks4") &&
                           g_hostname_is_ip_address (g_uri_get_host (uri));
  return TRUE;
}

GUri *
dossier_fetch_parse_address (const char  *url,
                             gboolean     allow_http,
                             GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (dossier_web_address_is_valid (url))
    uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || !uri_is_web (uri))
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_ADDRESS,
                   /* Translators: %s is what was given as a feed's address */
                   _("“%s” is not a web address Dossier can fetch. A feed's address starts "
                     "with https://; check it for typing mistakes."),
                   url ? url : "");
      return NULL;
    }
  if (uri_is_http (uri) && !allow_http)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE,
                   /* Translators: %s is a feed's address */
                   _("“%s” is not a secure address: over plain http, anyone on the way can "
                     "see what you read and change it. Use the feed's https address; if it "
                     "has none, allow insecure http for this feed."),
                   url);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

/* An address as redirects are compared: a fragment never reaches the
 * server. */
char *
dossier_fetch_address_key (GUri *uri)
{
  return g_uri_to_string_partial (uri, G_URI_HIDE_FRAGMENT);
}

gboolean
dossier_fetch_status_is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

gboolean
dossier_fetch_status_is_permanent (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/**
 * dossier_fetch_redirect_target:
 * @from: the address that answered with a redirect
 * @location: (nullable): its Location header
 * @visited: the keys (dossier_fetch_address_key()) of the addresses asked
 * @n_redirects: the redirects followed so far
 *
 * The rules of redirects for feeds: never from https to plain http, plain
 * http only where the feed allows it, no address twice, at most
 * DOSSIER_FETCH_MAX_REDIRECTS.
 *
 * Returns: (transfer full) (nullable): the address to ask next, or %NULL
 *   with @error when the redirect may not be followed.
 */
GUri *
dossier_fetch_redirect_target (GUri        *from,
                               guint        status,
                               const char  *location,
                               gboolean     allow_http,
                               GHashTable  *visited,
                               guint        n_redirects,
                               GError     **error)
{
  g_autoptr(GUri) next = NULL;
  g_autofree char *key = NULL;

  if (location != NULL)
    next = g_uri_parse_relative (from, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || !uri_is_web (next))
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS,
                   /* Translators: %u is an HTTP status (such as 301) */
                   _("The server answered %u (a redirect) without a web address to go to. "
                     "Ask the publisher for the feed's address."),
                   status);
      return NULL;
    }
  key = dossier_fetch_address_key (next);

  if (uri_is_http (next) && !uri_is_http (from))
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE,
                   /* Translators: %s is a web address */
                   _("The feed's secure address sends Dossier to an insecure one, “%s”. "
                     "Dossier does not leave a secure connection for plain http; ask the "
                     "publisher to fix the redirect."),
                   key);
      return NULL;
    }
  if (uri_is_http (next) && !allow_http)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE,
                   /* Translators: %s is a web address */
                   _("The feed's address sends Dossier to “%s”, which is not secure: over "
                     "plain http, anyone on the way can see what you read and change it. "
                     "If the feed has no https address, allow insecure http for this "
                     "feed."),
                   key);
      return NULL;
    }
  if (g_hash_table_contains (visited, key))
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS,
                   /* Translators: %s is a web address */
                   _("The feed's address redirects in a loop, back to “%s”. Ask the "
                     "publisher to fix it."),
                   key);
      return NULL;
    }
  if (n_redirects >= DOSSIER_FETCH_MAX_REDIRECTS)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REDIRECTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The feed's address redirects more than %d time. Ask the "
                                "publisher for the feed's final address.",
                                "The feed's address redirects more than %d times. Ask the "
                                "publisher for the feed's final address.",
                                DOSSIER_FETCH_MAX_REDIRECTS),
                   DOSSIER_FETCH_MAX_REDIRECTS);
      return NULL;
    }
  return g_steal_pointer (&next);
}

/**
 * dossier_fetch_status_error:
 * @status: an HTTP status that is neither a success nor a redirect
 * @retry_after_given: the answer said how long to wait (Retry-After)
 *
 * Returns: (transfer full): the error a volunteer reads for @status.
 */
GError *
dossier_fetch_status_error (guint    status,
                            gboolean retry_after_given)
{
  const char *reason = soup_status_get_phrase (status);

  switch (status)
    {
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                                  _("The server answered 404 (Not Found): there is no feed "
                                    "at this address. Check the address, or ask the "
                                    "publisher where the feed is now."));
    case SOUP_STATUS_GONE:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_GONE,
                                  _("The server answered 410 (Gone): the feed was removed, "
                                    "and it is disabled. If the publisher has a new address "
                                    "for it, add that one."));
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                                  _("The server answered 401 (Unauthorized): the feed asks "
                                    "for a user name and password, which Dossier does not "
                                    "send. Ask the publisher for a public address of the "
                                    "feed."));
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                                  _("The server answered 403 (Forbidden): it does not let "
                                    "Dossier read this feed. Check the address, or ask the "
                                    "publisher."));
    case SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_PROXY,
                                  _("The answer was 407 (Proxy Authentication Required): a "
                                    "proxy on the way asks for a password. Check the feed's "
                                    "proxy setting."));
    case DOSSIER_FETCH_STATUS_TOO_MANY_REQUESTS:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_RATE_LIMITED,
                                  _("The server answered 429 (Too Many Requests): it asks "
                                    "Dossier to fetch this feed less often. Dossier waits "
                                    "before trying again; nothing needs doing."));
    case SOUP_STATUS_NOT_MODIFIED:
      return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                                  _("The server answered 304 (Not Modified) although Dossier "
                                    "had nothing for it to compare with. Dossier tries again "
                                    "later; if it lasts, tell the publisher."));
    default:
      break;
    }

  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE && retry_after_given)
    return g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_RATE_LIMITED,
                                _("The server answered 503 (Service Unavailable): it is busy "
                                  "or under maintenance and asks Dossier to wait. Dossier "
                                  "tries again when it asked; nothing needs doing."));
  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                        /* Translators: %u is an HTTP status (such as 500), %s its name
                         * in English (such as Internal Server Error) */
                        _("The server answered %u (%s): something went wrong on the server's "
                          "side. Dossier tries again later; if it lasts, tell the "
                          "publisher."),
                        status, reason);
  if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                        /* Translators: %u is an HTTP status (such as 400), %s its name
                         * in English (such as Bad Request) */
                        _("The server answered %u (%s): it refused to send the feed. Check "
                          "the address, or ask the publisher."),
                        status, reason);
  return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP,
                      /* Translators: %u is an HTTP status (such as 300), %s its name
                       * in English (such as Multiple Choices) */
                      _("The server answered %u (%s), which is not a feed Dossier can use. "
                        "Check the address, or ask the publisher."),
                      status, reason);
}

gboolean
dossier_fetch_error_is_unreachable (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

static gboolean
is_proxy_protocol_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED) ||
         /* "Proxy protocol “…” is not supported." */
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

GError *
dossier_fetch_proxy_unreachable_error (const char *proxy_label)
{
  return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_PROXY,
                      /* Translators: %s is a proxy's address, such as socks5://127.0.0.1:9050 */
                      _("The proxy %s could not be reached, so the feed was not fetched: "
                        "Dossier never goes around a proxy. Check that the proxy (Tor, for "
                        "example) is running, or change the feed's proxy setting."),
                      proxy_label);
}

/**
 * dossier_fetch_transport_error:
 * @error: what GLib or libsoup said, not a cancellation
 * @host: the server asked
 * @proxy_label: (nullable): the proxy on the way, if any
 *
 * What went wrong on the way to the server or while its answer came, once
 * the proxy, if any, was reached.
 *
 * Returns: (transfer full): the error a volunteer reads.
 */
GError *
dossier_fetch_transport_error (const GError *error,
                               const char   *host,
                               const char   *proxy_label)
{
  if (proxy_label != NULL && is_proxy_protocol_error (error))
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_PROXY,
                        /* Translators: the first %s is a proxy's address, the second a
                         * server's name, the third the reason the proxy gave */
                        _("The proxy %s could not connect to “%s” (%s). Dossier tries again "
                          "later; if it lasts, check the proxy and the feed's address."),
                        proxy_label, host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_DNS,
                        /* Translators: %s is a server's name */
                        _("The server “%s” could not be found. Check the feed's address for "
                          "typing mistakes, and that this computer is online."),
                        host);

  if (dossier_fetch_error_is_unreachable (error))
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_REFUSED,
                        /* Translators: %s is a server's name */
                        _("The server “%s” could not be reached: it refused the connection, "
                          "or the network is down. Dossier tries again later; if it lasts, "
                          "check that this computer is online."),
                        host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TLS,
                        /* Translators: the first %s is a server's name, the second the
                         * reason (from GLib) */
                        _("The secure connection to “%s” failed (%s), so the feed was not "
                          "fetched. The server may be misconfigured, or someone may be "
                          "intercepting the connection: do not work around it."),
                        host, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TIMEOUT,
                        /* Translators: %s is a server's name */
                        _("The server “%s” did not answer in time. Dossier tries again "
                          "later; if it lasts, check that this computer is online."),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                        /* Translators: %s is a server's name */
                        _("The connection to “%s” broke before the whole feed arrived. "
                          "Dossier tries again later."),
                        host);

  return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                      /* Translators: the first %s is a server's name, the second the reason
                       * (from GLib or libsoup) */
                      _("The feed could not be fetched from “%s” (%s). Dossier tries again "
                        "later."),
                      host, error->message);
}

GError *
dossier_fetch_too_large_error (gsize max_bytes)
{
  g_autofree char *size = g_format_size (max_bytes);

  return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE,
                      /* Translators: %s is a size, such as 10.0 MB */
                      _("The feed is larger than %s, the most Dossier reads, so it was not "
                        "read. Ask the publisher for a shorter feed."),
                      size);
}

GError *
dossier_fetch_deadline_error (const char *host,
                              guint       seconds)
{
  return g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TIMEOUT,
                      /* Translators: %s is a server's name, %u a number of seconds */
                      g_dngettext (GETTEXT_PACKAGE,
                                   "The feed from “%s” did not arrive within %u second. The "
                                   "server or the connection is very slow; Dossier tries "
                                   "again later.",
                                   "The feed from “%s” did not arrive within %u seconds. The "
                                   "server or the connection is very slow; Dossier tries "
                                   "again later.",
                                   seconds),
                      host, seconds);
}

/**
 * dossier_fetch_parse_retry_after:
 *
 * Reads Retry-After (RFC 9110 10.2.3): seconds, or an HTTP date, counted
 * from the server's own Date when it sends one, so that a wrong clock
 * here does not matter.
 *
 * Returns: the seconds to wait, at most DOSSIER_FETCH_MAX_RETRY_AFTER, or
 *   -1 when the header is missing or unreadable.
 */
gint64
dossier_fetch_parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *digits = NULL;
  const char *date;
  guint64 seconds;
  gint64 delta;

  if (value == NULL)
    return -1;
  digits = g_strstrip (g_strdup (value));
  if (g_ascii_isdigit (*digits))
    {
      for (const char *p = digits; *p; p++)
        if (!g_ascii_isdigit (*p))
          return -1;
      /* too many digits to hold is still "a very long time" */
      if (!g_ascii_string_to_unsigned (digits, 10, 0, DOSSIER_FETCH_MAX_RETRY_AFTER,
                                       &seconds, NULL))
        return DOSSIER_FETCH_MAX_RETRY_AFTER;
      return (gint64) seconds;
    }

  when = soup_date_time_new_from_http_string (digits);
  if (when == NULL)
    return -1;
  date = soup_message_headers_get_one (headers, "Date");
  if (date != NULL)
    now = soup_date_time_new_from_http_string (date);
  if (now == NULL)
    now = g_date_time_new_now_utc ();
  delta = g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
  return CLAMP (delta, 0, DOSSIER_FETCH_MAX_RETRY_AFTER);
}

/* Cache-Control: max-age=N, in seconds; -1 when absent or unreadable. */
gint64
dossier_fetch_parse_max_age (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_list (headers, "Cache-Control");
  GHashTable *params;
  const char *max_age;
  guint64 seconds;
  gint64 found = -1;

  if (value == NULL)
    return -1;
  params = soup_header_parse_param_list (value);
  max_age = g_hash_table_lookup (params, "max-age");
  if (max_age != NULL &&
      g_ascii_string_to_unsigned (max_age, 10, 0, G_MAXINT32, &seconds, NULL))
    found = (gint64) seconds;
  soup_header_free_param_list (params);
  return found;
}

/**
 * dossier_fetch_backoff_seconds:
 * @consecutive_failures: failed fetches of a feed in a row
 *
 * Returns: how long to wait before fetching the feed again: 0 after no
 *   failure, then 10 minutes, doubling with each failure, at most
 *   DOSSIER_FETCH_MAX_BACKOFF (a day). A server's Retry-After, when it
 *   gives one, comes first.
 */
gint64
dossier_fetch_backoff_seconds (guint consecutive_failures)
{
  gint64 delay = BACKOFF_FIRST;

  if (consecutive_failures == 0)
    return 0;
  for (guint i = 1; i < consecutive_failures && delay < DOSSIER_FETCH_MAX_BACKOFF; i++)
    delay *= 2;
  return MIN (delay, DOSSIER_FETCH_MAX_BACKOFF);
}
