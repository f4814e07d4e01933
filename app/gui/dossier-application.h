/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-feed-updater.h"
#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_APPLICATION (dossier_application_get_type ())
G_DECLARE_FINAL_TYPE (DossierApplication, dossier_application, DOSSIER, APPLICATION, AdwApplication)

DossierApplication *dossier_application_new          (void);
const char         *dossier_application_get_data_dir (DossierApplication *self);
void                dossier_application_set_data_dir (DossierApplication *self,
                                                      const char         *data_dir);
DossierStore       *dossier_application_get_store    (DossierApplication *self);
const GError       *dossier_application_get_store_error (DossierApplication *self);
GSettings          *dossier_application_get_settings (DossierApplication *self);
DossierFeedUpdater *dossier_application_get_feed_updater (DossierApplication *self);
void                dossier_application_replace_store (DossierApplication *self,
                                                       const char         *unpacked,
                                                       gint64              created);

G_END_DECLS
