/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_TEMPLATE_EDITOR (dossier_template_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierTemplateEditor, dossier_template_editor, DOSSIER, TEMPLATE_EDITOR, AdwWindow)

DossierTemplateEditor *dossier_template_editor_new      (GtkWindow             *parent,
                                                          const char            *templates_dir,
                                                          const char            *language);
gboolean               dossier_template_editor_save     (DossierTemplateEditor *self,
                                                          GError               **error);
GtkTextView           *dossier_template_editor_get_view (DossierTemplateEditor *self);

G_END_DECLS
