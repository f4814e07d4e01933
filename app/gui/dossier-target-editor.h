/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-links.h"

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_TARGET_EDITOR (dossier_target_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierTargetEditor, dossier_target_editor, DOSSIER, TARGET_EDITOR, AdwWindow)

DossierTargetEditor *dossier_target_editor_new         (GtkWindow           *parent,
                                                        DossierStore        *store,
                                                        DossierRecord       *target);
const char          *dossier_target_editor_get_problem (DossierTargetEditor *self);
gboolean             dossier_target_editor_save        (DossierTargetEditor *self);

G_END_DECLS
