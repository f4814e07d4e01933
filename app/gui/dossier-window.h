/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-action.h"
#include "dossier-application.h"
#include "dossier-deletion.h"
#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_WINDOW (dossier_window_get_type ())
G_DECLARE_FINAL_TYPE (DossierWindow, dossier_window, DOSSIER, WINDOW, AdwApplicationWindow)

DossierWindow      *dossier_window_new                  (DossierApplication *application);
DossierFeedUpdater *dossier_window_get_feed_updater     (DossierWindow      *self);
const char         *dossier_window_get_section          (DossierWindow      *self);
void                dossier_window_set_section          (DossierWindow      *self,
                                                         const char         *section);
DossierSectionPage *dossier_window_get_section_page     (DossierWindow      *self,
                                                         const char         *section);
DossierSection     *dossier_window_get_section_widget   (DossierWindow      *self,
                                                         const char         *section);
void                dossier_window_set_store            (DossierWindow      *self,
                                                         DossierStore       *store,
                                                         const GError       *error);
void                dossier_window_show_opening         (DossierWindow      *self,
                                                         const char         *what,
                                                         double              fraction);
void                dossier_window_import_file          (DossierWindow      *self,
                                                         GFile              *file);
void                dossier_window_export_file          (DossierWindow      *self,
                                                         GFile              *file);
void                dossier_window_backup_file          (DossierWindow      *self,
                                                         GFile              *file);
void                dossier_window_restore_file         (DossierWindow      *self,
                                                         GFile              *file);
void                dossier_window_report_restored      (DossierWindow      *self,
                                                         const GError       *error,
                                                         gint64              created);
gboolean            dossier_window_get_busy             (DossierWindow      *self);
void                dossier_window_offer_undo_deletion  (DossierWindow      *self,
                                                         DossierDeletion    *deletion,
                                                         AdwToast           *toast);
void                dossier_window_report_forgotten     (DossierWindow      *self);
void                dossier_window_report_logged        (DossierWindow      *self,
                                                         DossierAction      *action,
                                                         DossierAction      *before);

GtkWidget     *dossier_window_show_reports   (DossierWindow *self);
GtkWidget     *dossier_window_write_report   (DossierWindow *self);

G_END_DECLS
