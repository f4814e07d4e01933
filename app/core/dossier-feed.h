/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_FEED (dossier_feed_get_type ())
G_DECLARE_FINAL_TYPE (DossierFeed, dossier_feed, DOSSIER, FEED, DossierRecord)

DossierFeed *dossier_feed_new (void);

G_END_DECLS
