/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-my-actions.h"
#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_MY_ACTIONS_SECTION (dossier_my_actions_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierMyActionsSection, dossier_my_actions_section, DOSSIER, MY_ACTIONS_SECTION, GtkWidget)

DossierMyActionsBar *dossier_my_actions_section_get_bar (DossierMyActionsSection *self);

/* The row of an action, in My Actions and in Progress. */
void                 dossier_action_row                 (DossierStore            *store,
                                                         DossierRecord           *record,
                                                         char                   **title,
                                                         char                   **subtitle);

G_END_DECLS
