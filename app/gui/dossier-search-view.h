/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SEARCH_VIEW (dossier_search_view_get_type ())
G_DECLARE_FINAL_TYPE (DossierSearchView, dossier_search_view, DOSSIER, SEARCH_VIEW, GtkWidget)

void     dossier_search_view_set_store      (DossierSearchView *self,
                                             DossierStore      *store);
void     dossier_search_view_clear          (DossierSearchView *self);
gboolean dossier_search_view_search         (DossierSearchView *self,
                                             const char        *text,
                                             GError           **error);
gboolean dossier_search_view_activate_first (DossierSearchView *self);
gboolean dossier_search_view_focus_first    (DossierSearchView *self);

G_END_DECLS
