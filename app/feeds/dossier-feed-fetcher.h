/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Fetching a feed over HTTP(S), politely and asynchronously: conditional
 * GET, compressed bodies, redirects followed by our own rules, a cap on the
 * size read, timeouts, at most a few fetches at once and one per host, and
 * a proxy per feed that nothing goes around. Network only: what came is
 * handed to a parser; nothing here touches the store.
 *
 * Errors are in DOSSIER_FEED_ERROR with a message a volunteer can act on;
 * a fetch that was cancelled fails with G_IO_ERROR_CANCELLED instead. */

#define DOSSIER_TYPE_FETCHER (dossier_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (DossierFetcher, dossier_fetcher, DOSSIER, FETCHER, GObject)

/* The most bytes of a feed read, after decompression, unless a request
 * says otherwise. */
#define DOSSIER_FETCH_DEFAULT_MAX_BYTES (10 * 1000 * 1000)
/* Redirects followed before giving up. */
#define DOSSIER_FETCH_MAX_REDIRECTS 5
/* Fetches in flight at once, in all and to one host; the others wait in
 * the order they were asked for. */
#define DOSSIER_FETCH_MAX_IN_FLIGHT 4
#define DOSSIER_FETCH_MAX_PER_HOST 1
/* Seconds: to connect (and of silence from the server once connected),
 * and for a whole fetch with its redirects. */
#define DOSSIER_FETCH_CONNECT_TIMEOUT 15
#define DOSSIER_FETCH_TOTAL_TIMEOUT 60
/* Seconds: the longest wait a server's Retry-After is believed for, and
 * the longest backoff after failures. */
#define DOSSIER_FETCH_MAX_RETRY_AFTER (7 * 24 * 60 * 60)
#define DOSSIER_FETCH_MAX_BACKOFF (24 * 60 * 60)

typedef struct {
  const char *url;            /* an http(s) address */
  gboolean    allow_http;     /* plain http allowed for this feed */
  const char *etag;           /* (nullable) the stored validators: a */
  const char *last_modified;  /* (nullable)   conditional GET */
  /* (nullable) NULL or "": the system's proxy settings; "none": direct;
   * otherwise a proxy address with its port: socks5://host:port,
   * socks5h://host:port (the same in GLib: the proxy resolves the feed's
   * host name), socks4a://host:port, socks4://host:port (the feed's host
   * name is then resolved here, outside the proxy) or http://host:port.
   * With a proxy, every request of the fetch goes through it, and a
   * proxy that cannot be reached fails the fetch. */
  const char *proxy;
  gsize       max_bytes;      /* 0: DOSSIER_FETCH_DEFAULT_MAX_BYTES */
} DossierFetchRequest;

typedef struct {
  char    *url;              /* the address that answered, after redirects */
  char    *permanent_url;    /* (nullable) set when there were redirects and
                              * all were permanent (301, 308): the feed's
                              * address should become this */
  guint    status;           /* the HTTP status: 200 (any 2xx) or 304 */
  gboolean not_modified;     /* 304: nothing changed, body is NULL */
  GBytes  *body;             /* (nullable) 2xx: the body, decompressed, at
                              * most max_bytes; empty when the server sent
                              * nothing */
  char    *content_type;     /* (nullable) with its parameters (charset) */
  char    *etag;             /* (nullable) the validators to store: the */
  char    *last_modified;    /* (nullable)   server's, or on a 304 that
                              *   sends none, the request's */
  gint64   max_age;          /* Cache-Control max-age in seconds, or -1 */
} DossierFetchResult;

void dossier_fetch_result_free (DossierFetchResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierFetchResult, dossier_fetch_result_free)

DossierFetcher     *dossier_fetcher_new          (void);
void                dossier_fetcher_set_timeouts (DossierFetcher             *self,
                                                  guint                       connect_seconds,
                                                  guint                       total_seconds);
void                dossier_fetcher_fetch_async  (DossierFetcher             *self,
                                                  const DossierFetchRequest  *request,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
DossierFetchResult *dossier_fetcher_fetch_finish (DossierFetcher             *self,
                                                  GAsyncResult               *result,
                                                  gint64                     *retry_after,
                                                  GError                    **error);

gint64              dossier_fetch_backoff_seconds (guint consecutive_failures);

G_END_DECLS
