/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "dossier-feed-fetcher.h"

G_BEGIN_DECLS

/* For tests: the certificates trusted instead of the system's, so that a
 * test can serve https with a certificate of its own. */
void dossier_fetcher_set_tls_database (DossierFetcher *self,
                                       GTlsDatabase   *database);

/* The rules of fetching, apart from the I/O (dossier-feed-fetch-rules.c):
 * which addresses, proxies and redirects are followed, and what a failure
 * says to a volunteer. */

#define DOSSIER_FETCH_STATUS_TOO_MANY_REQUESTS 429

typedef struct {
  char     *key;            /* "" system, "none", or the proxy GLib is given */
  char     *label;          /* (nullable) an explicit proxy as shown to a
                             * person: scheme, host and port, no password */
  gboolean  resolves_here;  /* socks4 at an IP address: GLib resolves the
                             * feed's host name itself */
} DossierProxySetting;

void     dossier_proxy_setting_clear      (DossierProxySetting *setting);
gboolean dossier_fetch_parse_proxy        (const char          *proxy,
                                           DossierProxySetting *setting,
                                           GError             **error);
char    *dossier_fetch_proxy_label        (const char          *address);
GUri    *dossier_fetch_parse_address      (const char          *url,
                                           gboolean             allow_http,
                                           GError             **error);
char    *dossier_fetch_address_key        (GUri                *uri);
GUri    *dossier_fetch_redirect_target    (GUri                *from,
                                           guint                status,
                                           const char          *location,
                                           gboolean             allow_http,
                                           GHashTable          *visited,
                                           guint                n_redirects,
                                           GError             **error);
gboolean dossier_fetch_status_is_redirect (guint                status);
gboolean dossier_fetch_status_is_permanent (guint               status);

GError  *dossier_fetch_status_error       (guint                status,
                                           gboolean             retry_after_given);
GError  *dossier_fetch_transport_error    (const GError        *error,
                                           const char          *host,
                                           const char          *proxy_label);
GError  *dossier_fetch_proxy_unreachable_error (const char     *proxy_label);
GError  *dossier_fetch_too_large_error    (gsize                max_bytes);
GError  *dossier_fetch_deadline_error     (const char          *host,
                                           guint                seconds);
gboolean dossier_fetch_error_is_unreachable (const GError      *error);

gint64   dossier_fetch_parse_retry_after  (SoupMessageHeaders  *headers);
gint64   dossier_fetch_parse_max_age      (SoupMessageHeaders  *headers);

G_END_DECLS
