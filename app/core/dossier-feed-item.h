/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_FEED_ITEM (dossier_feed_item_get_type ())
G_DECLARE_FINAL_TYPE (DossierFeedItem, dossier_feed_item, DOSSIER, FEED_ITEM, DossierRecord)

DossierFeedItem *dossier_feed_item_new (void);

G_END_DECLS
