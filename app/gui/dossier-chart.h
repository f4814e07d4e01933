/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DOSSIER_CHART_COLUMNS, /* vertical bars over time, labels under the x axis */
  DOSSIER_CHART_BARS,    /* horizontal bars, labels on the left */
} DossierChartKind;

/* One bar: @key is handed back when it is activated; @label is shown as it
 * is (already translated: "W14", "7 Apr", "Letter"); @part, from 0 to
 * @value, is drawn in another shade at the bar's base. */
typedef struct
{
  const char *key;
  const char *label;
  gint64      value;
  gint64      part;
} DossierChartBar;

typedef struct
{
  GdkRGBA fg;        /* text */
  GdkRGBA grid;      /* grid lines and the axis */
  GdkRGBA bar;
  GdkRGBA part;      /* the part of a bar */
  GdkRGBA highlight; /* behind the bar under the pointer or the focus */
} DossierChartColors;

#define DOSSIER_TYPE_CHART (dossier_chart_get_type ())
G_DECLARE_FINAL_TYPE (DossierChart, dossier_chart, DOSSIER, CHART, GtkWidget)

GtkWidget             *dossier_chart_new              (DossierChartKind       kind);
DossierChartKind       dossier_chart_get_kind         (DossierChart          *self);
void                   dossier_chart_set_bars         (DossierChart          *self,
                                                       const DossierChartBar *bars,
                                                       guint                  n_bars);
guint                  dossier_chart_get_n_bars       (DossierChart          *self);
const DossierChartBar *dossier_chart_get_bar          (DossierChart          *self,
                                                       guint                  index);
void                   dossier_chart_set_title        (DossierChart          *self,
                                                       const char            *title);
const char            *dossier_chart_get_title        (DossierChart          *self);
void                   dossier_chart_set_part_label   (DossierChart          *self,
                                                       const char            *part_label);
const char            *dossier_chart_get_part_label   (DossierChart          *self);
int                    dossier_chart_bar_at           (DossierChart          *self,
                                                       double                 x,
                                                       double                 y);
gboolean               dossier_chart_get_bar_area     (DossierChart          *self,
                                                       guint                  index,
                                                       graphene_rect_t       *area);
int                    dossier_chart_get_focus_bar    (DossierChart          *self);
void                   dossier_chart_get_style_colors (GtkWidget             *widget,
                                                       DossierChartColors    *colors);

/* The same drawing without a widget: for a printed report */
void                   dossier_chart_get_print_colors (DossierChartColors    *colors);
char                  *dossier_chart_format_value     (gint64                 value);
gboolean               dossier_chart_bars_are_empty   (const DossierChartBar *bars,
                                                       guint                  n_bars);
char                  *dossier_chart_describe_bars    (const DossierChartBar *bars,
                                                       guint                  n_bars,
                                                       const char            *part_label);
char                  *dossier_chart_describe_bar     (const DossierChartBar *bar,
                                                       const char            *part_label);
double                 dossier_chart_measure_height   (PangoContext          *context,
                                                       double                 width,
                                                       DossierChartKind       kind,
                                                       const DossierChartBar *bars,
                                                       guint                  n_bars);
void                   dossier_chart_render           (cairo_t               *cr,
                                                       PangoContext          *context,
                                                       double                 width,
                                                       double                 height,
                                                       DossierChartKind       kind,
                                                       const DossierChartBar *bars,
                                                       guint                  n_bars,
                                                       const DossierChartColors *colors,
                                                       int                    highlighted);

G_END_DECLS
