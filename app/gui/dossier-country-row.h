/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_COUNTRY_ROW (dossier_country_row_get_type ())
G_DECLARE_FINAL_TYPE (DossierCountryRow, dossier_country_row, DOSSIER, COUNTRY_ROW, AdwActionRow)

const char *dossier_country_row_get_country (DossierCountryRow *self);
void        dossier_country_row_set_country (DossierCountryRow *self,
                                             const char        *country);
GtkDropDown *dossier_country_row_get_drop_down (DossierCountryRow *self);

G_END_DECLS
