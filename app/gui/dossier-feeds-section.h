/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_FEEDS_SECTION (dossier_feeds_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierFeedsSection, dossier_feeds_section, DOSSIER, FEEDS_SECTION, GtkWidget)

char *dossier_feed_describe_state (DossierStore  *store,
                                   DossierRecord *feed);

G_END_DECLS
