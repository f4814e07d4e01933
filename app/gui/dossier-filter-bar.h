/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_FILTER_BAR (dossier_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (DossierFilterBar, dossier_filter_bar, DOSSIER, FILTER_BAR, GtkWidget)

DossierFilterBar *dossier_filter_bar_new         (const char       *tooltip);
void              dossier_filter_bar_add         (DossierFilterBar *self,
                                                  GtkDropDown      *drop_down);
gboolean          dossier_filter_bar_is_compact  (DossierFilterBar *self);

G_END_DECLS
