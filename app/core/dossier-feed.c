/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-feed.h"

/* A subscribed update feed. Every field is a property; see DESIGN.md "Records".
 *
 * refresh-interval is in minutes; 0 follows Preferences. proxy is "system"
 * (the proxy chosen in Preferences, which may be the system's own
 * settings), "none" (direct) or "custom" (this feed's proxy-url).
 *
 * signing is "unsigned", "pending" (public-key was named by the feed's
 * own file and waits for the volunteer to trust it) or "signed" (every
 * update must be signed with public-key, or with next-public-key once an
 * update signed with public-key announced it); key-origin is "given",
 * "first-use" or "rotation"; signed-at is the Unix time in the trusted
 * comment of the last update applied. See docs/campaign-format.md,
 * "Signatures". */

struct _DossierFeed
{
  DossierRecord parent_instance;

  char *url;
  char *title;
  char *format;
  gint64 refresh_interval;
  gboolean enabled;
  gboolean allow_http;
  char *last_fetch;
  char *last_result;
  char *etag;
  char *last_modified;
  gint64 failures;
  char *proxy;
  char *next_fetch;
  char *proxy_url;
  char *signing;
  char *public_key;
  char *next_public_key;
  char *key_origin;
  gint64 signed_at;
  gboolean last_refused;
};

G_DEFINE_FINAL_TYPE (DossierFeed, dossier_feed, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "url", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierFeed, url) },
  { "title", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, title) },
  { "format", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, format) },
  { "refresh-interval", DOSSIER_FIELD_INT, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, refresh_interval) },
  { "enabled", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, enabled) },
  { "allow-http", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, allow_http) },
  { "last-fetch", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_TIME, G_STRUCT_OFFSET (DossierFeed, last_fetch) },
  { "last-result", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, last_result) },
  { "etag", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, etag) },
  { "last-modified", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, last_modified) },
  { "failures", DOSSIER_FIELD_INT, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, failures) },
  { "proxy", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, proxy) },
  { "next-fetch", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_TIME, G_STRUCT_OFFSET (DossierFeed, next_fetch) },
  { "proxy-url", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierFeed, proxy_url) },
  { "signing", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, signing) },
  { "public-key", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, public_key) },
  { "next-public-key", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, next_public_key) },
  { "key-origin", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, key_origin) },
  { "signed-at", DOSSIER_FIELD_INT, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, signed_at) },
  { "last-refused", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeed, last_refused) },
};

static void
dossier_feed_class_init (DossierFeedClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_feed_init (DossierFeed *self)
{
  self->enabled = TRUE;
  self->refresh_interval = 0;
  self->proxy = g_strdup ("system");
  self->format = g_strdup ("json");
  self->signing = g_strdup ("unsigned");
}

DossierFeed *
dossier_feed_new (void)
{
  return g_object_new (DOSSIER_TYPE_FEED, NULL);
}
