/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-figures.h"

G_BEGIN_DECLS

/* The Progress overview as it leaves Dossier: JSON for scripts, the table
 * of urgent actions as CSV for a spreadsheet, and the progress report on
 * paper or as a PDF a coordinator sends to their section. */

GBytes     *dossier_progress_to_json        (DossierFigures             *figures,
                                             const DossierFigureFilter  *filter,
                                             GError                    **error);
GBytes     *dossier_progress_ua_table_to_csv (DossierFigures            *figures,
                                             GError                    **error);

char       *dossier_progress_ua_name        (const DossierFigure        *ua);
char       *dossier_progress_describe_filter (DossierFigures            *figures,
                                             const DossierFigureFilter  *filter);
char       *dossier_progress_describe_period (DossierFigures            *figures,
                                             const DossierFigureFilter  *filter);
char       *dossier_progress_format_count   (gint64                      n);
char       *dossier_progress_format_percent (const DossierFigure        *ua);
const char *dossier_progress_ua_subtitle    (const DossierFigure        *ua);
char       *dossier_progress_week_label     (const char                 *monday,
                                             gboolean                    with_year);
const char *dossier_progress_channel_label  (const char                 *channel);

/* The columns of a chart over time: a week each while they are few
 * enough to read, else a month or a year each. */
typedef enum {
  DOSSIER_PROGRESS_SPAN_WEEK,
  DOSSIER_PROGRESS_SPAN_MONTH,
  DOSSIER_PROGRESS_SPAN_YEAR,
} DossierProgressSpan;

typedef struct {
  char   *key;    /* a week's Monday; or "FIRST/LAST", the Mondays of the first and the last week */
  char   *label;
  char   *first;  /* the first week's Monday */
  char   *last;   /* the last week's Monday */
  gint64  sent;
  gint64  reported;
} DossierTimeBar;

GPtrArray  *dossier_progress_time_bars      (GPtrArray                  *weeks,
                                             DossierProgressSpan        *span);
void        dossier_time_bar_free           (DossierTimeBar             *bar);
const char *dossier_progress_time_title     (DossierProgressSpan         span,
                                             gboolean                    title_case);

typedef struct _DossierProgressReport DossierProgressReport;

DossierProgressReport *dossier_progress_report_new       (DossierFigures             *figures,
                                                          const DossierFigureFilter  *filter,
                                                          GDateTime                  *generated);
void                   dossier_progress_report_free      (DossierProgressReport      *self);
int                    dossier_progress_report_paginate  (DossierProgressReport      *self,
                                                          PangoContext               *context,
                                                          double                      width,
                                                          double                      height);
void                   dossier_progress_report_draw_page (DossierProgressReport      *self,
                                                          cairo_t                    *cr,
                                                          PangoContext               *context,
                                                          int                         page);
GBytes                *dossier_progress_report_to_pdf    (DossierProgressReport      *self,
                                                          GError                    **error);
GtkPrintOperationResult dossier_progress_report_print    (DossierProgressReport      *self,
                                                          GtkWindow                  *parent,
                                                          const char                 *export_path,
                                                          GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierProgressReport, dossier_progress_report_free)

G_END_DECLS
