/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_REPORTS_WINDOW (dossier_reports_window_get_type ())
G_DECLARE_FINAL_TYPE (DossierReportsWindow, dossier_reports_window, DOSSIER, REPORTS_WINDOW, AdwWindow)

GtkWidget *dossier_reports_window_new          (GtkWindow            *parent,
                                                DossierStore         *store);
void       dossier_reports_window_import_files (DossierReportsWindow *self,
                                                GListModel           *files);
gboolean   dossier_reports_window_is_busy      (DossierReportsWindow *self);

#define DOSSIER_TYPE_REPORT_WRITER (dossier_report_writer_get_type ())
G_DECLARE_FINAL_TYPE (DossierReportWriter, dossier_report_writer, DOSSIER, REPORT_WRITER, AdwWindow)

GtkWidget *dossier_report_writer_new           (GtkWindow            *parent,
                                                DossierStore         *store,
                                                AdwToastOverlay      *toasts);
void       dossier_report_writer_save_to       (DossierReportWriter  *self,
                                                GFile                *file);
gboolean   dossier_report_writer_is_busy       (DossierReportWriter  *self);

G_END_DECLS
