/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-chart.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CHART_CARD (dossier_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (DossierChartCard, dossier_chart_card, DOSSIER, CHART_CARD, GtkWidget)

GtkWidget    *dossier_chart_card_new               (const char            *title,
                                                    DossierChartKind       kind);
void          dossier_chart_card_set_title         (DossierChartCard      *self,
                                                    const char            *title);
const char   *dossier_chart_card_get_title         (DossierChartCard      *self);
void          dossier_chart_card_set_bars          (DossierChartCard      *self,
                                                    const DossierChartBar *bars,
                                                    guint                  n_bars);
void          dossier_chart_card_set_table_headers (DossierChartCard      *self,
                                                    const char            *label_header,
                                                    const char            *value_header,
                                                    const char            *part_header);
DossierChart *dossier_chart_card_get_chart         (DossierChartCard      *self);
gboolean      dossier_chart_card_get_show_table    (DossierChartCard      *self);
void          dossier_chart_card_set_show_table    (DossierChartCard      *self,
                                                    gboolean               show_table);
char         *dossier_chart_card_to_csv            (DossierChartCard      *self);

G_END_DECLS
