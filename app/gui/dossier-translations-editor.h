/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_TRANSLATIONS_EDITOR (dossier_translations_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierTranslationsEditor, dossier_translations_editor, DOSSIER, TRANSLATIONS_EDITOR,
                      AdwPreferencesGroup)

GtkWidget  *dossier_translations_editor_new         (GType                      record_type,
                                                     const char                *json);
char       *dossier_translations_editor_get_json    (DossierTranslationsEditor *self);
char       *dossier_translations_editor_get_problem (DossierTranslationsEditor *self,
                                                     GtkWidget                **field);
gboolean    dossier_translations_editor_add_language (DossierTranslationsEditor *self,
                                                      const char                *code,
                                                      char                     **problem);
void        dossier_translations_editor_set_text    (DossierTranslationsEditor *self,
                                                     const char                *code,
                                                     const char                *member,
                                                     const char                *text);

G_END_DECLS
