/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ACTIONS_SECTION (dossier_actions_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierActionsSection, dossier_actions_section, DOSSIER, ACTIONS_SECTION, GtkWidget)

const char *dossier_actions_section_get_filter (DossierActionsSection *self);
void        dossier_actions_section_set_filter (DossierActionsSection *self,
                                                const char            *filter);

G_END_DECLS
