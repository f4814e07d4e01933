/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-detail-page.h"

G_BEGIN_DECLS

DossierDetailPage *dossier_action_page_new (DossierStore  *store,
                                            DossierRecord *action);

G_END_DECLS
