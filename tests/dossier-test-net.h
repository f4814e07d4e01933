/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Servers for the feed fetcher's tests, in the test's own main loop: one
 * SoupServer listening on 127.0.0.1 to 127.0.0.6 (Linux routes all of
 * 127.0.0.0/8 to the loopback: six hosts), its paths answering what HTTP
 * says and, on connections taken over from it, what a server can do
 * wrong; the same on https with tests/data/fetch-test-cert.pem; a SOCKSv5
 * server in a thread; a resolver that notes the names it is asked for.
 *
 * Paths: /feed, /cond and /cond-bare (304 to the right validators, with
 * and without an ETag), /always-304, /empty, /gzip, /deflate, /bomb (4 MB
 * of zeros, gzipped), /sized/N, /redirect/CODE/CODE… (one redirect per
 * code, then the feed), /hops/N (N 301s), /loop/a, /no-location,
 * /to-https, /to-http, /status/N, /retry/STATUS/seconds|date|later|none,
 * /slow/MS (answers in MS, counting requests at once), and on raw
 * connections /never, /drip (a byte every 300 ms), /cut and /cut-close
 * (1000 bytes announced, 5 sent), /huge (50 MB, no length) and
 * /huge-declared (Content-Length: 50 MB). */

#define DOSSIER_TEST_FEED_BODY \
  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>UA</title></channel></rss>"
#define DOSSIER_TEST_FEED_TYPE "application/rss+xml; charset=utf-8"
#define DOSSIER_TEST_ETAG "\"v1\""
#define DOSSIER_TEST_LAST_MODIFIED "Tue, 15 Nov 1994 12:45:26 GMT"
#define DOSSIER_TEST_HUGE_SIZE (50 * 1000 * 1000)
#define DOSSIER_TEST_N_HOSTS 6

typedef struct {
  SoupServer   *soup;
  char         *base[DOSSIER_TEST_N_HOSTS];  /* http://127.0.0.N:PORT, N from 1 */
  SoupServer   *tls_soup;
  char         *tls_base;         /* https://127.0.0.1:PORT */

  /* what the servers saw, until dossier_test_server_reset() */
  guint         n_requests;
  GPtrArray    *paths;            /* in the order they came */
  GPtrArray    *remote_hosts;     /* the address each came from */
  char         *user_agent;       /* the last request's headers */
  char         *accept_encoding;
  char         *if_none_match;
  char         *if_modified_since;
  guint         active;           /* /slow requests being answered */
  guint         max_active;
  GHashTable   *active_per_host;  /* the address asked → /slow requests */
  guint         max_per_host;

  /* cancelled when the server sees request number cancel_at */
  GCancellable *cancel;
  guint         cancel_at;

  /* connections taken over from the SoupServer */
  GPtrArray    *held;             /* GIOStream never answered, or dripped to */
  guint64       raw_written;      /* bytes /huge and /huge-declared got out */
  gboolean      raw_write_done;

  GBytes       *block;
  GBytes       *gzip_body;
  GBytes       *deflate_body;
  GBytes       *bomb;
} DossierTestServer;

DossierTestServer *dossier_test_server_start (void);
void               dossier_test_server_stop  (void);
void               dossier_test_server_reset (void);
char              *dossier_test_first_uri    (SoupServer *soup,
                                              const char *scheme);
guint16            dossier_test_closed_port  (void);
gboolean           dossier_test_port_accepts (guint16     port);

/* A SOCKSv5 server of our own, in a thread: it records what it is asked
 * to connect to, and answers the HTTP request itself. */
typedef struct {
  GSocketListener *listener;
  guint16          port;
  GCancellable    *stop;
  GThread         *thread;
  GMutex           lock;
  guint            n_connections;
  guint8           version;
  guint8           address_type;   /* 1 IPv4, 3 a name, 4 IPv6 */
  char            *name;
} DossierTestSocks;

/* What it answers to any request. */
#define DOSSIER_TEST_PROXY_BODY \
  "<rss version=\"2.0\"><channel><title>through the proxy</title></channel></rss>"

void dossier_test_socks_start (DossierTestSocks *socks);
void dossier_test_socks_stop  (DossierTestSocks *socks);

/* A resolver that notes every name it is asked for, then asks the real
 * one: what a proxy resolves must never come here. install() makes it
 * the default; uninstall() puts the real one back. */
#define DOSSIER_TEST_TYPE_RESOLVER (dossier_test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (DossierTestResolver, dossier_test_resolver, DOSSIER_TEST, RESOLVER, GResolver)

DossierTestResolver *dossier_test_resolver_install   (void);
void                 dossier_test_resolver_uninstall (DossierTestResolver *self);
gboolean             dossier_test_resolver_was_asked (DossierTestResolver *self,
                                                      const char          *name);

G_END_DECLS
