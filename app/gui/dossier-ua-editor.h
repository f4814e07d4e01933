/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_UA_EDITOR (dossier_ua_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierUaEditor, dossier_ua_editor, DOSSIER, UA_EDITOR, AdwWindow)

DossierUaEditor *dossier_ua_editor_new         (GtkWindow       *parent,
                                                DossierStore    *store,
                                                DossierRecord   *ua);
const char      *dossier_ua_editor_get_problem (DossierUaEditor *self);
gboolean         dossier_ua_editor_save        (DossierUaEditor *self);

G_END_DECLS
