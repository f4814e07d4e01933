/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What can go wrong with a feed: fetching it, or reading what came. Each
 * code has a message a volunteer can act on; the fetcher and the parsers
 * set them, the Feeds section and `dossier refresh` show them. */

#define DOSSIER_FEED_ERROR (dossier_feed_error_quark ())

typedef enum {
  DOSSIER_FEED_ERROR_ADDRESS,      /* not an address Dossier fetches (scheme, syntax) */
  DOSSIER_FEED_ERROR_INSECURE,     /* plain http not allowed for this feed, or https → http */
  DOSSIER_FEED_ERROR_DNS,          /* the host name could not be resolved */
  DOSSIER_FEED_ERROR_REFUSED,      /* the server refused the connection, or is unreachable */
  DOSSIER_FEED_ERROR_TLS,          /* the secure connection failed (certificate…) */
  DOSSIER_FEED_ERROR_PROXY,        /* the proxy could not be reached or refused */
  DOSSIER_FEED_ERROR_TIMEOUT,      /* no answer, or not all of it, in time */
  DOSSIER_FEED_ERROR_HTTP,         /* an HTTP status that is a failure (404, 500…) */
  DOSSIER_FEED_ERROR_GONE,         /* 410: the feed is gone for good */
  DOSSIER_FEED_ERROR_RATE_LIMITED, /* 429 or 503 with Retry-After: ask again later */
  DOSSIER_FEED_ERROR_REDIRECTS,    /* too many redirects, or a loop */
  DOSSIER_FEED_ERROR_TOO_LARGE,    /* more bytes than the cap */
  DOSSIER_FEED_ERROR_NOT_A_FEED,   /* what came is not a feed Dossier reads */
  DOSSIER_FEED_ERROR_MALFORMED,    /* a feed, but broken beyond repair */
  DOSSIER_FEED_ERROR_FAILED,       /* anything else */
  DOSSIER_FEED_ERROR_SIGNATURE,    /* a signed feed's update not signed with its key: not applied */
} DossierFeedError;

GQuark dossier_feed_error_quark (void);

G_END_DECLS
