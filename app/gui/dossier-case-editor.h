/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CASE_EDITOR (dossier_case_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierCaseEditor, dossier_case_editor, DOSSIER, CASE_EDITOR, AdwWindow)

DossierCaseEditor *dossier_case_editor_new        (GtkWindow         *parent,
                                                   DossierStore      *store,
                                                   DossierRecord     *kase);
const char        *dossier_case_editor_get_problem (DossierCaseEditor *self);
gboolean           dossier_case_editor_save        (DossierCaseEditor *self);

G_END_DECLS
