/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_LOG_EDITOR (dossier_log_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierLogEditor, dossier_log_editor, DOSSIER, LOG_EDITOR, AdwWindow)

DossierLogEditor *dossier_log_editor_new     (GtkWindow         *parent,
                                              DossierStore      *store,
                                              DossierRecord     *ua);
DossierLogEditor *dossier_log_editor_new_for_action (GtkWindow     *parent,
                                                     DossierStore  *store,
                                                     DossierRecord *action);
gboolean          dossier_log_editor_log     (DossierLogEditor  *self,
                                              GError           **error);
void              dossier_log_editor_set     (DossierLogEditor  *self,
                                              guint              channel,
                                              const char        *date,
                                              const char        *notes);
gboolean          dossier_log_editor_can_log (DossierLogEditor  *self);

G_END_DECLS
