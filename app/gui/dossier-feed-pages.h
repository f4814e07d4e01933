/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-detail-page.h"

G_BEGIN_DECLS

DossierDetailPage *dossier_feed_page_new      (DossierStore  *store,
                                               DossierRecord *feed);
DossierDetailPage *dossier_feed_item_page_new (DossierStore  *store,
                                               DossierRecord *item);

G_END_DECLS
