/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dossier-feed-error.h"
#include "dossier-feed-fetcher-private.h"

/* How a fetch goes: it waits in the fetcher's queue until fewer than
 * DOSSIER_FETCH_MAX_IN_FLIGHT fetches run and none runs to its host; then
 * each request (the address, then each redirect) is sent with libsoup's
 * asynchronous API on the session of its proxy setting, and the body is
 * read in chunks, counted as it comes: nothing blocks the main loop, and
 * no more than max_bytes + 1 bytes are ever read.
 *
 * libsoup sets the proxy per session, so there is one session per proxy
 * setting: "" (the system's GProxyResolver), "none" (no resolver at all),
 * or one proxy address (a GSimpleProxyResolver without exceptions, so even
 * localhost goes through it). A GSimpleProxyResolver offers that proxy
 * alone, never "direct://": when the proxy cannot be reached, GLib has
 * nothing else to try, and the fetch fails.
 *
 * Proxies in GLib 2.74: "socks5" (GSocks5Proxy) sends the host name to the
 * proxy, which resolves it, as curl's socks5h does; GLib knows no
 * "socks5h", so that scheme is given to GLib as "socks5". "socks4a" also
 * sends the name; "socks4" cannot, and GLib resolves the name here first
 * (a DNS query outside the proxy). "http" proxies are libsoup's own: the
 * whole address goes to the proxy (CONNECT for https). The tests check
 * each with a .invalid name that only a proxy can carry, a SOCKS server of
 * their own and a resolver that notes every name it is asked for. */

#define USER_AGENT "Dossier/" PACKAGE_VERSION " (+https://example.org/dossier)"
#define ACCEPT "application/atom+xml, application/rss+xml, application/feed+json, " \
               "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
#define READ_CHUNK (64 * 1024)

/* busy_hosts is a set: one fetch per host */
G_STATIC_ASSERT (DOSSIER_FETCH_MAX_PER_HOST == 1);

struct _DossierFetcher
{
  GObject       parent_instance;

  GHashTable   *sessions;      /* proxy setting's key → SoupSession */
  GQueue        waiting;       /* GTask (a reference each), in the order asked */
  GHashTable   *busy_hosts;    /* the hosts a fetch runs to */
  guint         n_running;
  guint         connect_timeout;
  guint         total_timeout;
  GTlsDatabase *tls_database;
};

G_DEFINE_FINAL_TYPE (DossierFetcher, dossier_fetcher, G_TYPE_OBJECT)

/* How far the connection of the request being sent has come, from
 * libsoup's network events: a failure before anything went through the
 * proxy means that the proxy could not be reached. */
typedef enum {
  PHASE_NONE,        /* no new connection (yet) */
  PHASE_CONNECTING,  /* resolving, connecting to the server or the proxy */
  PHASE_THROUGH,     /* past the proxy's handshake, or connected */
} Phase;

typedef struct {
  /* the request, copied */
  char               *etag;
  char               *last_modified;
  gboolean            allow_http;
  gsize               max_bytes;
  DossierProxySetting proxy;
  char               *host;             /* the host the fetch counts against */

  SoupSession        *session;
  GCancellable       *cancellable;      /* ours: the caller's and the deadline */
  GSource            *cancel_source;    /* the caller's cancellable, in our context */
  GSource            *deadline;
  gboolean            queued;
  gboolean            running;
  gboolean            timed_out;

  GUri               *uri;              /* the address asked now */
  GHashTable         *visited;          /* the keys of every address asked */
  guint               n_redirects;
  gboolean            all_permanent;

  SoupMessage        *msg;
  Phase               phase;
  GError             *transport_error;  /* kept while the system's proxy is asked */
  GInputStream       *stream;
  GByteArray         *body;
  goffset             content_length;   /* -1 unless given, and not compressed */

  DossierFetchResult *result;
  GError             *error;
  gint64              retry_after;
} Fetch;

static void     fetch_send     (GTask *task);
static gboolean on_deadline_cb (gpointer user_data);

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_assert (fetch->cancel_source == NULL && fetch->deadline == NULL);
  g_assert (fetch->stream == NULL);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  dossier_proxy_setting_clear (&fetch->proxy);
  g_free (fetch->host);
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_clear_pointer (&fetch->visited, g_hash_table_unref);
  g_clear_object (&fetch->msg);
  g_clear_error (&fetch->transport_error);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_pointer (&fetch->result, dossier_fetch_result_free);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

/* A validator from the store goes out only as one line of printable
 * text: libsoup refuses anything else, loudly. */
static char *
header_value_dup (const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  for (const char *p = value; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return NULL;
  return g_strdup (value);
}

static SoupSession *
fetcher_get_session (DossierFetcher *self,
                     const char     *key)
{
  SoupSession *session = g_hash_table_lookup (self->sessions, key);

  if (session != NULL)
    return session;

  /* no cookie jar, cache or HSTS store: a fetch leaves no trace on disk,
   * and tells a server nothing of the fetches before it */
  session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                           "timeout", self->connect_timeout,
                                           NULL);
  if (g_str_equal (key, "none"))
    soup_session_set_proxy_resolver (session, NULL);
  else if (*key != '\0')
    {
      g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (key, NULL);

      soup_session_set_proxy_resolver (session, resolver);
    }
  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);
  g_hash_table_insert (self->sessions, g_strdup (key), session);
  return session;
}

/* Starts waiting fetches, first asked first, while there is room. */
static void
fetcher_pump (DossierFetcher *self)
{
  GList *link = self->waiting.head;

  while (link != NULL && self->n_running < DOSSIER_FETCH_MAX_IN_FLIGHT)
    {
      GList *next = link->next;
      GTask *task = link->data;
      Fetch *fetch = g_task_get_task_data (task);

      if (!g_hash_table_contains (self->busy_hosts, fetch->host))
        {
          g_queue_delete_link (&self->waiting, link);
          fetch->queued = FALSE;
          fetch->running = TRUE;
          self->n_running++;
          g_hash_table_add (self->busy_hosts, g_strdup (fetch->host));
          if (self->total_timeout > 0)
            {
              fetch->deadline = g_timeout_source_new_seconds (self->total_timeout);
              g_source_set_static_name (fetch->deadline, "[dossier] fetch deadline");
              g_source_set_callback (fetch->deadline, on_deadline_cb, task, NULL);
              g_source_attach (fetch->deadline, g_task_get_context (task));
            }
          /* the queue's reference goes on to the fetch's callbacks */
          fetch_send (task);
        }
      link = next;
    }
}

/* Hands the outcome to the caller once the stream is closed, so that the
 * fetch leaves nothing running behind it; takes the callbacks' reference. */
static void
fetch_return (GTask *task)
{
  DossierFetcher *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->running)
    {
      fetch->running = FALSE;
      self->n_running--;
      g_hash_table_remove (self->busy_hosts, fetch->host);
    }
  g_clear_object (&fetch->msg);
  fetcher_pump (self);

  if (fetch->error != NULL)
    g_task_return_error (task, g_steal_pointer (&fetch->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&fetch->result),
                           (GDestroyNotify) dossier_fetch_result_free);
  g_object_unref (task);
}

static void
on_final_close_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);

  /* a stream closed before its end drops the connection: nothing to say */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  g_clear_object (&fetch->stream);
  fetch_return (task);
}

/* Ends a fetch with fetch->result or fetch->error. */
static void
fetch_complete (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  clear_source (&fetch->deadline);
  clear_source (&fetch->cancel_source);
  if (fetch->stream != NULL)
    {
      /* libsoup's close marks an unread body done without reading it, and
       * drops the connection: a 50 MB answer is not drained */
      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL,
                                  on_final_close_cb, task);
      return;
    }
  fetch_return (task);
}

static void
fetch_fail (GTask  *task,
            GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_clear_error (&fetch->error);
  fetch->error = error;
  fetch_complete (task);
}

/* Our cancellable was cancelled: by the caller, or by the deadline. */
static GError *
cancelled_error (GTask *task)
{
  DossierFetcher *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return dossier_fetch_deadline_error (g_uri_get_host (fetch->uri), self->total_timeout);
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The fetch was cancelled."));
}

/* @proxy_label: the proxy on the way, or %NULL */
static GError *
map_transport_error (GTask        *task,
                     const GError *error,
                     const char   *proxy_label)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cancelled_error (task);
  /* nothing went through the proxy yet: it is the proxy that failed,
   * unless GLib itself looked the feed's host up (socks4) */
  if (proxy_label != NULL && fetch->phase != PHASE_THROUGH &&
      !(fetch->proxy.resolves_here && error->domain == G_RESOLVER_ERROR) &&
      (fetch->phase == PHASE_CONNECTING || dossier_fetch_error_is_unreachable (error)))
    return dossier_fetch_proxy_unreachable_error (proxy_label);
  return dossier_fetch_transport_error (error, g_uri_get_host (fetch->uri), proxy_label);
}

static void
on_proxy_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_auto(GStrv) proxies = NULL;
  g_autofree char *label = NULL;
  GError *error;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, NULL);
  if (proxies != NULL && proxies[0] != NULL && !g_str_has_prefix (proxies[0], "direct:"))
    label = dossier_fetch_proxy_label (proxies[0]);
  if (g_cancellable_is_cancelled (fetch->cancellable))
    error = cancelled_error (task);
  else
    error = map_transport_error (task, fetch->transport_error, label);
  fetch_fail (g_steal_pointer (&task), error);
}

/* A request failed: was a proxy on the way? An explicit one is known; the
 * system's settings are asked, only when it matters. Takes @error. */
static void
fetch_fail_transport (GTask  *task,
                      GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);
  GError *mapped;

  if (*fetch->proxy.key == '\0' && fetch->phase != PHASE_THROUGH &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *address = g_uri_to_string (fetch->uri);

      g_clear_error (&fetch->transport_error);
      fetch->transport_error = error;
      g_proxy_resolver_lookup_async (soup_session_get_proxy_resolver (fetch->session), address,
                                     fetch->cancellable, on_proxy_lookup_cb, task);
      return;
    }

  mapped = map_transport_error (task, error, fetch->proxy.label);
  g_error_free (error);
  fetch_fail (task, mapped);
}

static void
on_network_event_cb (SoupMessage        *msg,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     gpointer            user_data)
{
  Fetch *fetch = g_task_get_task_data (G_TASK (user_data));

  switch (event)
    {
    case G_SOCKET_CLIENT_RESOLVING:
    case G_SOCKET_CLIENT_RESOLVED:
    case G_SOCKET_CLIENT_CONNECTING:
    case G_SOCKET_CLIENT_CONNECTED:
      if (fetch->phase == PHASE_NONE)
        fetch->phase = PHASE_CONNECTING;
      break;
    case G_SOCKET_CLIENT_PROXY_NEGOTIATING:
    case G_SOCKET_CLIENT_PROXY_NEGOTIATED:
    case G_SOCKET_CLIENT_TLS_HANDSHAKING:
    case G_SOCKET_CLIENT_TLS_HANDSHAKED:
    case G_SOCKET_CLIENT_COMPLETE:
    default:
      fetch->phase = PHASE_THROUGH;
      break;
    }
}

static char *
header_or (SoupMessageHeaders *headers,
           const char         *name,
           const char         *fallback)
{
  const char *value = soup_message_headers_get_one (headers, name);

  return g_strdup (value != NULL ? value : fallback);
}

static DossierFetchResult *
fetch_result_new (Fetch *fetch)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->msg);
  DossierFetchResult *result = g_new0 (DossierFetchResult, 1);

  result->url = g_uri_to_string (fetch->uri);
  if (fetch->n_redirects > 0 && fetch->all_permanent)
    result->permanent_url = g_strdup (result->url);
  result->status = soup_message_get_status (fetch->msg);
  result->not_modified = result->status == SOUP_STATUS_NOT_MODIFIED;
  result->content_type = header_or (headers, "Content-Type", NULL);
  /* a 304 need not repeat the validators: then the stored ones hold */
  result->etag = header_or (headers, "ETag", result->not_modified ? fetch->etag : NULL);
  result->last_modified = header_or (headers, "Last-Modified",
                                     result->not_modified ? fetch->last_modified : NULL);
  result->max_age = dossier_fetch_parse_max_age (headers);
  return result;
}

static void fetch_read (GTask *task);

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      fetch_fail_transport (g_steal_pointer (&task), error);
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      g_byte_array_append (fetch->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (fetch->body->len > fetch->max_bytes)
        fetch_fail (g_steal_pointer (&task), dossier_fetch_too_large_error (fetch->max_bytes));
      else
        fetch_read (g_steal_pointer (&task));
      return;
    }

  /* the end; libsoup takes a body shorter than its Content-Length when
   * the server closes the connection, but a feed cut short is no feed */
  if (fetch->content_length >= 0 && (goffset) fetch->body->len != fetch->content_length)
    {
      g_autoptr(GError) cut = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "");

      error = map_transport_error (task, cut, NULL);
      fetch_fail (g_steal_pointer (&task), error);
      return;
    }
  fetch->result = fetch_result_new (fetch);
  fetch->result->body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
  fetch_complete (g_steal_pointer (&task));
}

/* Reads the next chunk, never past max_bytes + 1: enough to know that a
 * body is too large. */
static void
fetch_read (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  gsize want = MIN (READ_CHUNK, fetch->max_bytes + 1 - fetch->body->len);

  g_input_stream_read_bytes_async (fetch->stream, want, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, on_read_cb, task);
}

static void
on_redirect_closed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error;

  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  g_clear_object (&fetch->stream);
  if (g_cancellable_is_cancelled (fetch->cancellable))
    {
      error = cancelled_error (task);
      fetch_fail (g_steal_pointer (&task), error);
    }
  else
    fetch_send (g_steal_pointer (&task));
}

static gboolean
fetch_follow (Fetch   *fetch,
              guint    status,
              GError **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->msg);
  GUri *next;

  next = dossier_fetch_redirect_target (fetch->uri, status,
                                        soup_message_headers_get_one (headers, "Location"),
                                        fetch->allow_http, fetch->visited, fetch->n_redirects,
                                        error);
  if (next == NULL)
    return FALSE;
  fetch->n_redirects++;
  fetch->all_permanent = fetch->all_permanent && dossier_fetch_status_is_permanent (status);
  g_hash_table_add (fetch->visited, dossier_fetch_address_key (next));
  g_uri_unref (fetch->uri);
  fetch->uri = next;
  return TRUE;
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->stream == NULL)
    {
      fetch_fail_transport (g_steal_pointer (&task), error);
      return;
    }
  fetch->phase = PHASE_THROUGH;
  status = soup_message_get_status (fetch->msg);
  headers = soup_message_get_response_headers (fetch->msg);

  if (dossier_fetch_status_is_redirect (status))
    {
      if (!fetch_follow (fetch, status, &error))
        {
          fetch_fail (g_steal_pointer (&task), error);
          return;
        }
      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL,
                                  on_redirect_closed_cb, g_steal_pointer (&task));
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED && (fetch->etag != NULL || fetch->last_modified != NULL))
    {
      fetch->result = fetch_result_new (fetch);
      fetch_complete (g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (status == DOSSIER_FETCH_STATUS_TOO_MANY_REQUESTS ||
          status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        fetch->retry_after = dossier_fetch_parse_retry_after (headers);
      error = dossier_fetch_status_error (status, fetch->retry_after >= 0);
      fetch_fail (g_steal_pointer (&task), error);
      return;
    }

  /* an uncompressed body says its length: one too long is refused unread */
  fetch->content_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      fetch->content_length = soup_message_headers_get_content_length (headers);
      if (fetch->content_length > (goffset) fetch->max_bytes)
        {
          fetch_fail (g_steal_pointer (&task), dossier_fetch_too_large_error (fetch->max_bytes));
          return;
        }
    }
  fetch->body = g_byte_array_new ();
  fetch_read (g_steal_pointer (&task));
}

/* Sends the request for fetch->uri. */
static void
fetch_send (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&fetch->msg);
  fetch->msg = soup_message_new_from_uri (SOUP_METHOD_GET, fetch->uri);
  /* redirects are ours to judge: see dossier_fetch_redirect_target() */
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->msg);
  soup_message_headers_replace (headers, "Accept", ACCEPT);
  if (fetch->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
  if (fetch->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);
  g_signal_connect_object (fetch->msg, "network-event", G_CALLBACK (on_network_event_cb),
                           task, G_CONNECT_DEFAULT);
  fetch->phase = PHASE_NONE;
  soup_session_send_async (fetch->session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->cancellable, on_sent_cb, task);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Fetch *fetch = g_task_get_task_data (G_TASK (user_data));

  fetch->timed_out = TRUE;
  g_clear_pointer (&fetch->deadline, g_source_unref);
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

/* The caller's cancellable, seen in the fetch's main context whatever the
 * thread that cancels: a waiting fetch ends at once, a running one stops
 * what it does, and ends with that. */
static gboolean
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DossierFetcher *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);

  g_clear_pointer (&fetch->cancel_source, g_source_unref);
  if (fetch->queued)
    {
      fetch->queued = FALSE;
      g_queue_remove (&self->waiting, task);
      /* with the queue's reference */
      fetch_fail (task, cancelled_error (task));
    }
  else
    g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
dossier_fetcher_finalize (GObject *object)
{
  DossierFetcher *self = DOSSIER_FETCHER (object);

  /* every fetch holds a reference on the fetcher: none can be left */
  g_assert (g_queue_is_empty (&self->waiting) && self->n_running == 0);
  g_hash_table_unref (self->sessions);
  g_hash_table_unref (self->busy_hosts);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (dossier_fetcher_parent_class)->finalize (object);
}

static void
dossier_fetcher_class_init (DossierFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_fetcher_finalize;
}

static void
dossier_fetcher_init (DossierFetcher *self)
{
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->busy_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->waiting);
  self->connect_timeout = DOSSIER_FETCH_CONNECT_TIMEOUT;
  self->total_timeout = DOSSIER_FETCH_TOTAL_TIMEOUT;
}

/**
 * dossier_fetcher_new:
 *
 * Returns: (transfer full): a fetcher. Use it from the thread that made
 *   it, and keep one for the application, so that its limits hold for
 *   every fetch.
 */
DossierFetcher *
dossier_fetcher_new (void)
{
  return g_object_new (DOSSIER_TYPE_FETCHER, NULL);
}

/**
 * dossier_fetcher_set_timeouts:
 * @connect_seconds: to connect, and the longest silence of a server once
 *   connected (libsoup's timeout); 0: none
 * @total_seconds: for a whole fetch with its redirects, from when it
 *   starts (not while it waits its turn); 0: none
 *
 * For the requests sent from now on.
 */
void
dossier_fetcher_set_timeouts (DossierFetcher *self,
                              guint           connect_seconds,
                              guint           total_seconds)
{
  GHashTableIter iter;
  gpointer session;

  g_return_if_fail (DOSSIER_IS_FETCHER (self));

  self->connect_timeout = connect_seconds;
  self->total_timeout = total_seconds;
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &session))
    soup_session_set_timeout (session, connect_seconds);
}

void
dossier_fetcher_set_tls_database (DossierFetcher *self,
                                  GTlsDatabase   *database)
{
  GHashTableIter iter;
  gpointer session;

  g_return_if_fail (DOSSIER_IS_FETCHER (self));

  g_set_object (&self->tls_database, database);
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &session))
    soup_session_set_tls_database (session, database);
}

/**
 * dossier_fetcher_fetch_async:
 * @request: what to fetch; copied, the caller keeps it
 * @cancellable: (nullable): stops the fetch, whether it waits or runs
 *
 * Fetches @request->url in the background. The fetch waits its turn while
 * DOSSIER_FETCH_MAX_IN_FLIGHT fetches run, or one runs to the same host
 * (the host of @request->url: a redirect elsewhere keeps that turn).
 */
void
dossier_fetcher_fetch_async (DossierFetcher            *self,
                             const DossierFetchRequest *request,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Fetch *fetch;

  g_return_if_fail (DOSSIER_IS_FETCHER (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_fetcher_fetch_async);
  fetch = g_new0 (Fetch, 1);
  fetch->retry_after = -1;
  fetch->all_permanent = TRUE;
  g_task_set_task_data (task, fetch, fetch_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  fetch->uri = dossier_fetch_parse_address (request->url, request->allow_http, &error);
  if (fetch->uri == NULL || !dossier_fetch_parse_proxy (request->proxy, &fetch->proxy, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  fetch->allow_http = request->allow_http;
  fetch->etag = header_value_dup (request->etag);
  fetch->last_modified = header_value_dup (request->last_modified);
  fetch->max_bytes = request->max_bytes > 0 ? request->max_bytes : DOSSIER_FETCH_DEFAULT_MAX_BYTES;
  fetch->host = g_ascii_strdown (g_uri_get_host (fetch->uri), -1);
  fetch->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (fetch->visited, dossier_fetch_address_key (fetch->uri));
  fetch->session = g_object_ref (fetcher_get_session (self, fetch->proxy.key));
  fetch->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      fetch->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (fetch->cancel_source, "[dossier] fetch cancelled");
      g_source_set_callback (fetch->cancel_source, G_SOURCE_FUNC (on_cancelled_cb), task, NULL);
      g_source_attach (fetch->cancel_source, g_task_get_context (task));
    }

  fetch->queued = TRUE;
  g_queue_push_tail (&self->waiting, g_object_ref (task));
  fetcher_pump (self);
}

/**
 * dossier_fetcher_fetch_finish:
 * @retry_after: (out) (optional): with DOSSIER_FEED_ERROR_RATE_LIMITED, the
 *   seconds the server asked to wait (its Retry-After, at most
 *   DOSSIER_FETCH_MAX_RETRY_AFTER); -1 otherwise, and when the server did
 *   not say (then wait dossier_fetch_backoff_seconds())
 *
 * The delay comes out here rather than in the error: a GError carries a
 * message, and the delay is what the scheduler needs, as a number.
 *
 * Returns: (transfer full) (nullable): what came: a body (2xx), or "not
 *   modified" (304); %NULL with @error otherwise: DOSSIER_FEED_ERROR, or
 *   G_IO_ERROR_CANCELLED when @cancellable was cancelled.
 */
DossierFetchResult *
dossier_fetcher_fetch_finish (DossierFetcher  *self,
                              GAsyncResult    *result,
                              gint64          *retry_after,
                              GError         **error)
{
  Fetch *fetch;

  g_return_val_if_fail (DOSSIER_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_fetcher_fetch_async,
                        NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (retry_after != NULL)
    *retry_after = fetch->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dossier_fetch_result_free (DossierFetchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->url);
  g_free (result->permanent_url);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->content_type);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result);
}
