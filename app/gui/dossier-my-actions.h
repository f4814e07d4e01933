/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_MY_ACTIONS_BAR (dossier_my_actions_bar_get_type ())
G_DECLARE_FINAL_TYPE (DossierMyActionsBar, dossier_my_actions_bar, DOSSIER, MY_ACTIONS_BAR, GtkWidget)

DossierMyActionsBar *dossier_my_actions_bar_new          (DossierStore        *store);
DossierQuery        *dossier_my_actions_bar_get_query    (DossierMyActionsBar *self);
const char          *dossier_my_actions_bar_get_totals   (DossierMyActionsBar *self);
gboolean             dossier_my_actions_bar_is_filtered  (DossierMyActionsBar *self);
gboolean             dossier_my_actions_bar_is_compact  (DossierMyActionsBar *self);
GtkDropDown         *dossier_my_actions_bar_get_filter   (DossierMyActionsBar *self,
                                                          guint                which);

G_END_DECLS
