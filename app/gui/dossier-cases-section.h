/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CASES_SECTION (dossier_cases_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierCasesSection, dossier_cases_section, DOSSIER, CASES_SECTION, GtkWidget)

const char *dossier_cases_section_get_status  (DossierCasesSection *self);
void        dossier_cases_section_set_status  (DossierCasesSection *self,
                                               const char          *status);
const char *dossier_cases_section_get_country (DossierCasesSection *self);
void        dossier_cases_section_set_country (DossierCasesSection *self,
                                               const char          *country);

G_END_DECLS
