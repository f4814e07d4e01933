/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-feed-item.h"

/* One entry of a feed. Every field is a property; see DESIGN.md "Records". */

struct _DossierFeedItem
{
  DossierRecord parent_instance;

  char *feed_id;
  char *guid;
  char *title;
  char *link;
  char *published;
  char *modified;
  char *content;
  gboolean read;
  gboolean starred;
  char *case_id;
  char *ua_id;
};

G_DEFINE_FINAL_TYPE (DossierFeedItem, dossier_feed_item, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "feed-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierFeedItem, feed_id) },
  { "guid", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierFeedItem, guid) },
  { "title", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeedItem, title) },
  { "link", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierFeedItem, link) },
  { "published", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_TIME, G_STRUCT_OFFSET (DossierFeedItem, published) },
  { "modified", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_TIME, G_STRUCT_OFFSET (DossierFeedItem, modified) },
  { "content", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_LONG, G_STRUCT_OFFSET (DossierFeedItem, content) },
  { "read", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeedItem, read) },
  { "starred", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierFeedItem, starred) },
  { "case-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierFeedItem, case_id) },
  { "ua-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierFeedItem, ua_id) },
};

static void
dossier_feed_item_class_init (DossierFeedItemClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_feed_item_init (DossierFeedItem *self)
{

}

DossierFeedItem *
dossier_feed_item_new (void)
{
  return g_object_new (DOSSIER_TYPE_FEED_ITEM, NULL);
}
