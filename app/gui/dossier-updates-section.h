/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_UPDATES_SECTION (dossier_updates_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierUpdatesSection, dossier_updates_section, DOSSIER, UPDATES_SECTION, GtkWidget)

void dossier_updates_section_set_feed (DossierUpdatesSection *self,
                                      const char            *feed_id);

G_END_DECLS
