/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-chart-card.h"
#include "dossier-figures.h"

G_BEGIN_DECLS

void        dossier_progress_export_to_file     (GtkWidget                 *section,
                                                 DossierStore              *store,
                                                 const DossierFigureFilter *filter,
                                                 DossierChartCard          *card,
                                                 const char                *what,
                                                 GFile                     *file);
void        dossier_progress_export_choose_file (GtkWidget                 *section,
                                                 DossierStore              *store,
                                                 const DossierFigureFilter *filter,
                                                 DossierChartCard          *card,
                                                 const char                *what);
void        dossier_progress_export_print       (GtkWidget                 *section,
                                                 DossierFigures            *figures,
                                                 const DossierFigureFilter *filter);
GMenuModel *dossier_progress_export_menu        (gboolean                   with_targets);

G_END_DECLS
