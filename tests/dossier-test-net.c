/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dossier-test-net.h"

/* The servers of tests/test-feed-fetch.c: see dossier-test-net.h. */

static DossierTestServer server;

void
dossier_test_server_reset (void)
{
  server.n_requests = 0;
  g_ptr_array_set_size (server.paths, 0);
  g_ptr_array_set_size (server.remote_hosts, 0);
  g_clear_pointer (&server.user_agent, g_free);
  g_clear_pointer (&server.accept_encoding, g_free);
  g_clear_pointer (&server.if_none_match, g_free);
  g_clear_pointer (&server.if_modified_since, g_free);
  server.max_active = 0;
  server.max_per_host = 0;
  server.raw_written = 0;
  server.raw_write_done = FALSE;
  g_clear_object (&server.cancel);
  server.cancel_at = 0;
  for (guint i = 0; i < server.held->len; i++)
    g_io_stream_close (server.held->pdata[i], NULL, NULL);
  g_ptr_array_set_size (server.held, 0);
}

/* -- the server ---------------------------------------------------------- */

static void
respond_feed (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "ETag", DOSSIER_TEST_ETAG);
  soup_message_headers_replace (headers, "Last-Modified", DOSSIER_TEST_LAST_MODIFIED);
  soup_message_headers_replace (headers, "Cache-Control", "public, max-age=900");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, DOSSIER_TEST_FEED_TYPE, SOUP_MEMORY_STATIC,
                                    DOSSIER_TEST_FEED_BODY, strlen (DOSSIER_TEST_FEED_BODY));
}

static void
respond_bytes (SoupServerMessage *msg,
               const char        *encoding,
               GBytes            *bytes)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Encoding", encoding);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, DOSSIER_TEST_FEED_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
local_host (SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_local_address (msg);
  GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));

  return g_inet_address_to_string (inet);
}

static gboolean
finish_slow (gpointer data)
{
  SoupServerMessage *msg = data;
  g_autofree char *host = local_host (msg);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (server.active_per_host, host));

  g_hash_table_insert (server.active_per_host, g_strdup (host), GUINT_TO_POINTER (count - 1));
  server.active--;
  respond_feed (msg);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

/* Answers in @ms, counting the requests answered at once, in all and per
 * address the server was asked on. */
static void
respond_slowly (SoupServerMessage *msg,
                guint              ms)
{
  g_autofree char *host = local_host (msg);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (server.active_per_host, host)) + 1;

  g_hash_table_insert (server.active_per_host, g_strdup (host), GUINT_TO_POINTER (count));
  server.max_per_host = MAX (server.max_per_host, count);
  server.active++;
  server.max_active = MAX (server.max_active, server.active);
  soup_server_message_pause (msg);
  g_timeout_add (ms, finish_slow, g_object_ref (msg));
}

static void
on_raw_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data);

/* Writes blocks until DOSSIER_TEST_HUGE_SIZE bytes are out or the client is gone,
 * counting what the client's side accepted. */
static void
raw_write_more (GIOStream *stream)
{
  if (server.raw_written >= DOSSIER_TEST_HUGE_SIZE)
    {
      server.raw_write_done = TRUE;
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }
  g_output_stream_write_bytes_async (g_io_stream_get_output_stream (stream), server.block,
                                     G_PRIORITY_DEFAULT, NULL, on_raw_written, stream);
}

static void
on_raw_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GIOStream *stream = user_data;
  gssize written;

  written = g_output_stream_write_bytes_finish (G_OUTPUT_STREAM (source), result, NULL);
  if (written <= 0)
    {
      server.raw_write_done = TRUE;
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }
  server.raw_written += written;
  raw_write_more (stream);
}

static gboolean
drip (gpointer data)
{
  GIOStream *stream = data;
  GError *error = NULL;

  if (g_io_stream_is_closed (stream) ||
      g_output_stream_write (g_io_stream_get_output_stream (stream), "x", 1, NULL, &error) != 1)
    {
      g_clear_error (&error);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* What a server can do wrong, on a connection taken from the SoupServer. */
static void
respond_raw (SoupServerMessage *msg,
             const char        *path)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);
  const char *head = NULL;
  gboolean close = FALSE;

  if (g_str_equal (path, "/never"))
    ;
  else if (g_str_equal (path, "/drip"))
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n";
  else if (g_str_equal (path, "/cut"))
    {
      head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<rss>";
      close = TRUE;
    }
  else if (g_str_equal (path, "/cut-close"))
    {
      head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n"
             "Connection: close\r\n\r\n<rss>";
      close = TRUE;
    }
  else if (g_str_equal (path, "/huge"))
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n";
  else if (g_str_equal (path, "/huge-declared"))
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 50000000\r\n\r\n";
  else
    g_assert_not_reached ();

  if (head != NULL)
    g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL));
  if (close)
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else if (g_str_has_prefix (path, "/huge"))
    raw_write_more (stream);
  else
    {
      g_ptr_array_add (server.held, stream);
      if (g_str_equal (path, "/drip"))
        g_timeout_add_full (G_PRIORITY_DEFAULT, 300, drip, g_object_ref (stream), g_object_unref);
    }
}

static void
on_request (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_auto(GStrv) parts = NULL;

  server.n_requests++;
  g_ptr_array_add (server.paths, g_strdup (path));
  g_ptr_array_add (server.remote_hosts, g_strdup (soup_server_message_get_remote_host (msg)));
  g_free (server.user_agent);
  server.user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (server.accept_encoding);
  server.accept_encoding = g_strdup (soup_message_headers_get_one (request, "Accept-Encoding"));
  g_free (server.if_none_match);
  server.if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));
  g_free (server.if_modified_since);
  server.if_modified_since = g_strdup (soup_message_headers_get_one (request,
                                                                     "If-Modified-Since"));
  parts = g_strsplit (path + 1, "/", -1);
  if (server.cancel != NULL && server.n_requests == server.cancel_at)
    g_cancellable_cancel (server.cancel);

  if (g_str_equal (path, "/feed"))
    respond_feed (msg);
  else if (g_str_equal (path, "/cond") || g_str_equal (path, "/cond-bare"))
    {
      if (g_strcmp0 (server.if_none_match, DOSSIER_TEST_ETAG) == 0 ||
          g_strcmp0 (server.if_modified_since, DOSSIER_TEST_LAST_MODIFIED) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          if (g_str_equal (path, "/cond"))
            soup_message_headers_replace (response, "ETag", DOSSIER_TEST_ETAG);
        }
      else
        respond_feed (msg);
    }
  else if (g_str_equal (path, "/always-304"))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
  else if (g_str_equal (path, "/empty"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, DOSSIER_TEST_FEED_TYPE, SOUP_MEMORY_STATIC, "", 0);
    }
  else if (g_str_equal (path, "/gzip"))
    respond_bytes (msg, "gzip", server.gzip_body);
  else if (g_str_equal (path, "/deflate"))
    respond_bytes (msg, "deflate", server.deflate_body);
  else if (g_str_equal (path, "/bomb"))
    respond_bytes (msg, "gzip", server.bomb);
  else if (g_str_equal (parts[0], "sized"))
    {
      /* /sized/N: a body of N bytes */
      guint64 size = g_ascii_strtoull (parts[1], NULL, 10);
      char *body = g_malloc (size);

      memset (body, 'a', size);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, DOSSIER_TEST_FEED_TYPE, SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (parts[0], "redirect"))
    {
      /* /redirect/301/302: a 301 to /redirect/302, then a 302 to /redirect */
      if (parts[1] == NULL)
        respond_feed (msg);
      else
        {
          g_autofree char *rest = g_strjoinv ("/", parts + 2);
          g_autofree char *next = g_strconcat ("/redirect", *rest ? "/" : "", rest, NULL);

          soup_server_message_set_redirect (msg, (guint) g_ascii_strtoull (parts[1], NULL, 10),
                                            next);
        }
    }
  else if (g_str_equal (parts[0], "hops"))
    {
      /* /hops/N: N redirects before the feed */
      guint n = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      g_autofree char *next = g_strdup_printf ("/hops/%u", n - 1);

      if (n == 0)
        respond_feed (msg);
      else
        soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, next);
    }
  else if (g_str_equal (path, "/loop/a"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop/b");
  else if (g_str_equal (path, "/loop/b"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop/a");
  else if (g_str_equal (path, "/no-location"))
    soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
  else if (g_str_equal (path, "/to-https"))
    {
      g_autofree char *target = g_strconcat (server.tls_base, "/feed", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, target);
    }
  else if (g_str_equal (path, "/to-http"))
    {
      g_autofree char *target = g_strconcat (server.base[0], "/feed", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, target);
    }
  else if (g_str_equal (parts[0], "status"))
    soup_server_message_set_status (msg, (guint) g_ascii_strtoull (parts[1], NULL, 10), NULL);
  else if (g_str_equal (parts[0], "retry"))
    {
      /* /retry/STATUS/seconds|date|later|none */
      soup_server_message_set_status (msg, (guint) g_ascii_strtoull (parts[1], NULL, 10), NULL);
      if (g_str_equal (parts[2], "seconds"))
        soup_message_headers_replace (response, "Retry-After", "120");
      else if (g_str_equal (parts[2], "date"))
        {
          soup_message_headers_replace (response, "Date", "Wed, 21 Oct 2015 07:28:00 GMT");
          soup_message_headers_replace (response, "Retry-After", "Wed, 21 Oct 2015 07:33:00 GMT");
        }
      else if (g_str_equal (parts[2], "later"))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 600);
          g_autofree char *text = soup_date_time_to_string (later, SOUP_DATE_HTTP);

          soup_message_headers_remove (response, "Date");
          soup_message_headers_replace (response, "Retry-After", text);
        }
    }
  else if (g_str_equal (parts[0], "slow"))
    respond_slowly (msg, parts[1] ? (guint) g_ascii_strtoull (parts[1], NULL, 10) : 150);
  else if (g_str_equal (path, "/never") || g_str_equal (path, "/drip") ||
           g_str_has_prefix (path, "/cut") || g_str_has_prefix (path, "/huge"))
    respond_raw (msg, path);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static GBytes *
compress (GZlibCompressorFormat  format,
          const void            *data,
          gsize                  size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) converter = g_converter_output_stream_new (memory,
                                                                      G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (converter, data, size, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (converter, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

char *
dossier_test_first_uri (SoupServer *soup,
                        const char *scheme)
{
  GSList *uris = soup_server_get_uris (soup);
  char *text;

  g_assert_nonnull (uris);
  text = g_strdup_printf ("%s://%s:%d", scheme, g_uri_get_host (uris->data),
                          g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return text;
}

DossierTestServer *
dossier_test_server_start (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "fetch-test-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "fetch-test-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zeros = g_malloc0 (4 * 1000 * 1000);
  char *block = g_malloc (64 * 1024);
  GSList *listeners;

  server.paths = g_ptr_array_new_with_free_func (g_free);
  server.remote_hosts = g_ptr_array_new_with_free_func (g_free);
  server.held = g_ptr_array_new_with_free_func (g_object_unref);
  server.active_per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  memset (block, 'x', 64 * 1024);
  server.block = g_bytes_new_take (block, 64 * 1024);
  server.gzip_body = compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                               DOSSIER_TEST_FEED_BODY, strlen (DOSSIER_TEST_FEED_BODY));
  server.deflate_body = compress (G_ZLIB_COMPRESSOR_FORMAT_ZLIB,
                                  DOSSIER_TEST_FEED_BODY, strlen (DOSSIER_TEST_FEED_BODY));
  server.bomb = compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP, zeros, 4 * 1000 * 1000);

  /* one server, one port per address: each address is a host of its own */
  server.soup = soup_server_new ("server-header", "dossier-test ", NULL);
  soup_server_add_handler (server.soup, NULL, on_request, NULL, NULL);
  for (guint i = 0; i < DOSSIER_TEST_N_HOSTS; i++)
    {
      g_autofree char *ip = g_strdup_printf ("127.0.0.%u", i + 1);
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (ip);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, 0);

      g_assert_true (soup_server_listen (server.soup, address, 0, &error));
      g_assert_no_error (error);
    }
  listeners = soup_server_get_listeners (server.soup);
  for (GSList *l = listeners; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (l->data, NULL);
      GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (local);
      g_autofree char *ip = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
      guint n = ip[strlen (ip) - 1] - '1';

      g_assert_cmpuint (n, <, DOSSIER_TEST_N_HOSTS);
      server.base[n] = g_strdup_printf ("http://%s:%u", ip, g_inet_socket_address_get_port (inet));
    }
  g_slist_free (listeners);

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  server.tls_soup = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server.tls_soup, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server.tls_soup, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  server.tls_base = dossier_test_first_uri (server.tls_soup, "https");
  return &server;
}

void
dossier_test_server_stop (void)
{
  dossier_test_server_reset ();
  soup_server_disconnect (server.soup);
  g_clear_object (&server.soup);
  soup_server_disconnect (server.tls_soup);
  g_clear_object (&server.tls_soup);
  for (guint i = 0; i < DOSSIER_TEST_N_HOSTS; i++)
    g_free (server.base[i]);
  g_free (server.tls_base);
  g_ptr_array_unref (server.paths);
  g_ptr_array_unref (server.remote_hosts);
  g_ptr_array_unref (server.held);
  g_hash_table_unref (server.active_per_host);
  g_bytes_unref (server.block);
  g_bytes_unref (server.gzip_body);
  g_bytes_unref (server.deflate_body);
  g_bytes_unref (server.bomb);
}

/* A port of 127.0.0.1 where nothing listens. */
guint16
dossier_test_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) local = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  local = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

gboolean
dossier_test_port_accepts (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/* -- a resolver that notes what it is asked ----------------------------- */

struct _DossierTestResolver
{
  GResolver  parent_instance;
  GResolver *real;
  GMutex     lock;
  GPtrArray *names;
};

G_DEFINE_FINAL_TYPE (DossierTestResolver, dossier_test_resolver, G_TYPE_RESOLVER)

static void
dossier_test_resolver_note (DossierTestResolver *self,
                            const char          *name)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->names, g_strdup (name));
  g_mutex_unlock (&self->lock);
}

gboolean
dossier_test_resolver_was_asked (DossierTestResolver *self,
                                 const char          *name)
{
  gboolean asked = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->names->len; i++)
    asked = asked || g_ascii_strcasecmp (self->names->pdata[i], name) == 0;
  g_mutex_unlock (&self->lock);
  return asked;
}

static GList *
dossier_test_resolver_lookup_by_name (GResolver     *resolver,
                                      const char    *hostname,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  DossierTestResolver *self = DOSSIER_TEST_RESOLVER (resolver);

  dossier_test_resolver_note (self, hostname);
  return g_resolver_lookup_by_name (self->real, hostname, cancellable, error);
}

static GList *
dossier_test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                                 const char                *hostname,
                                                 GResolverNameLookupFlags   flags,
                                                 GCancellable              *cancellable,
                                                 GError                   **error)
{
  DossierTestResolver *self = DOSSIER_TEST_RESOLVER (resolver);

  dossier_test_resolver_note (self, hostname);
  return g_resolver_lookup_by_name_with_flags (self->real, hostname, flags, cancellable, error);
}

static void
on_real_lookup (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
}

static void
dossier_test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                                       const char               *hostname,
                                                       GResolverNameLookupFlags  flags,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data)
{
  DossierTestResolver *self = DOSSIER_TEST_RESOLVER (resolver);

  dossier_test_resolver_note (self, hostname);
  g_resolver_lookup_by_name_with_flags_async (self->real, hostname, flags, cancellable,
                                              on_real_lookup,
                                              g_task_new (resolver, cancellable, callback,
                                                          user_data));
}

static void
dossier_test_resolver_lookup_by_name_async (GResolver           *resolver,
                                            const char          *hostname,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  dossier_test_resolver_lookup_by_name_with_flags_async (resolver, hostname,
                                                 G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                 cancellable, callback, user_data);
}

static GList *
dossier_test_resolver_lookup_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dossier_test_resolver_finalize (GObject *object)
{
  DossierTestResolver *self = DOSSIER_TEST_RESOLVER (object);

  g_object_unref (self->real);
  g_ptr_array_unref (self->names);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (dossier_test_resolver_parent_class)->finalize (object);
}

static void
dossier_test_resolver_class_init (DossierTestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dossier_test_resolver_finalize;
  resolver_class->lookup_by_name = dossier_test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = dossier_test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = dossier_test_resolver_lookup_finish;
  resolver_class->lookup_by_name_with_flags = dossier_test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async =
    dossier_test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = dossier_test_resolver_lookup_finish;
}

static void
dossier_test_resolver_init (DossierTestResolver *self)
{
  self->real = g_resolver_get_default ();
  self->names = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->lock);
}

/* Installs a DossierTestResolver as the default; dossier_test_resolver_uninstall() puts
 * the real one back. */
DossierTestResolver *
dossier_test_resolver_install (void)
{
  DossierTestResolver *self = g_object_new (DOSSIER_TEST_TYPE_RESOLVER, NULL);

  g_resolver_set_default (G_RESOLVER (self));
  return self;
}

void
dossier_test_resolver_uninstall (DossierTestResolver *self)
{
  g_resolver_set_default (self->real);
  g_object_unref (self);
}

/* -- a SOCKSv5 server of our own ------------------------------------------ */

static gboolean
read_exactly (GInputStream *in,
              void         *buffer,
              gsize         size,
              GCancellable *stop)
{
  gsize n = 0;

  return size == 0 || (g_input_stream_read_all (in, buffer, size, &n, stop, NULL) && n == size);
}

static void
socks_serve (DossierTestSocks  *socks,
             GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const guint8 choose_no_auth[] = { 5, 0 };
  const guint8 connected[] = { 5, 0, 0, 1, 127, 0, 0, 1, 0, 80 };
  g_autofree char *response = NULL;
  guint8 buffer[512];
  guint8 length = 0;
  gsize n = 0;

  if (!read_exactly (in, buffer, 2, socks->stop))
    return;
  g_mutex_lock (&socks->lock);
  socks->version = buffer[0];
  g_mutex_unlock (&socks->lock);
  if (buffer[0] != 5 || !read_exactly (in, buffer, buffer[1], socks->stop) ||
      !g_output_stream_write_all (out, choose_no_auth, 2, NULL, socks->stop, NULL) ||
      !read_exactly (in, buffer, 4, socks->stop))
    return;

  g_mutex_lock (&socks->lock);
  socks->address_type = buffer[3];
  g_mutex_unlock (&socks->lock);
  if (buffer[3] == 3 && read_exactly (in, &length, 1, socks->stop) &&
      read_exactly (in, buffer, length, socks->stop))
    {
      g_mutex_lock (&socks->lock);
      g_free (socks->name);
      socks->name = g_strndup ((char *) buffer, length);
      g_mutex_unlock (&socks->lock);
    }
  else if (buffer[3] == 1)
    read_exactly (in, buffer, 4, socks->stop);
  else if (buffer[3] == 4)
    read_exactly (in, buffer, 16, socks->stop);
  if (!read_exactly (in, buffer, 2, socks->stop) ||
      !g_output_stream_write_all (out, connected, sizeof connected, NULL, socks->stop, NULL))
    return;

  /* the request, to its empty line */
  while (n < 4 || memcmp (buffer + n - 4, "\r\n\r\n", 4) != 0)
    if (n == sizeof buffer || !read_exactly (in, buffer + n++, 1, socks->stop))
      return;
  response = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              strlen (DOSSIER_TEST_PROXY_BODY), DOSSIER_TEST_PROXY_BODY);
  g_output_stream_write_all (out, response, strlen (response), NULL, socks->stop, NULL);
}

static gpointer
socks_run (gpointer data)
{
  DossierTestSocks *socks = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_listener_accept (socks->listener, NULL, socks->stop, NULL);
      if (connection == NULL)
        return NULL;
      g_mutex_lock (&socks->lock);
      socks->n_connections++;
      g_mutex_unlock (&socks->lock);
      socks_serve (socks, connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

void
dossier_test_socks_start (DossierTestSocks *socks)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  memset (socks, 0, sizeof *socks);
  g_mutex_init (&socks->lock);
  socks->listener = g_socket_listener_new ();
  g_assert_true (g_socket_listener_add_address (socks->listener, any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  socks->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  socks->stop = g_cancellable_new ();
  socks->thread = g_thread_new ("fake-socks", socks_run, socks);
}

void
dossier_test_socks_stop (DossierTestSocks *socks)
{
  g_cancellable_cancel (socks->stop);
  g_thread_join (socks->thread);
  g_socket_listener_close (socks->listener);
  g_object_unref (socks->listener);
  g_object_unref (socks->stop);
  g_free (socks->name);
  g_mutex_clear (&socks->lock);
}
