/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_COMPOSER (dossier_composer_get_type ())
G_DECLARE_FINAL_TYPE (DossierComposer, dossier_composer, DOSSIER, COMPOSER, AdwWindow)

DossierComposer *dossier_composer_new           (GtkWindow        *parent,
                                                 DossierStore     *store,
                                                 DossierRecord    *ua,
                                                 DossierRecord    *target);
gboolean         dossier_composer_log           (DossierComposer  *self,
                                                 GError          **error);
char            *dossier_composer_get_mailto    (DossierComposer  *self);
void             dossier_composer_save_pdf      (DossierComposer  *self,
                                                 const char       *path);
void             dossier_composer_save_text     (DossierComposer  *self,
                                                 const char       *path);
GtkTextView     *dossier_composer_get_text_view (DossierComposer  *self);
DossierRecord   *dossier_composer_get_urgent_action (DossierComposer *self);
char            *dossier_composer_closed_warning (DossierRecord   *ua);

G_END_DECLS
