/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-chart-card.h"
#include "dossier-figures.h"
#include "dossier-filter-bar.h"
#include "dossier-progress-entries.h"
#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PROGRESS_SECTION (dossier_progress_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierProgressSection, dossier_progress_section, DOSSIER, PROGRESS_SECTION, GtkWidget)

void                    dossier_progress_section_show_ua        (DossierProgressSection *self,
                                                                 const char             *key);
void                    dossier_progress_section_reload         (DossierProgressSection *self);
const DossierFigures   *dossier_progress_section_get_figures    (DossierProgressSection *self);
DossierChartCard       *dossier_progress_section_get_card       (DossierProgressSection *self,
                                                                 const char             *which);
GtkDropDown            *dossier_progress_section_get_filter     (DossierProgressSection *self,
                                                                 guint                   which);
DossierFilterBar       *dossier_progress_section_get_filter_bar (DossierProgressSection *self);
DossierProgressEntries *dossier_progress_section_get_entries    (DossierProgressSection *self);
const char             *dossier_progress_section_get_page       (DossierProgressSection *self);

G_END_DECLS
