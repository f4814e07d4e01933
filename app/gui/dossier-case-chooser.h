/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CASE_CHOOSER (dossier_case_chooser_get_type ())
G_DECLARE_FINAL_TYPE (DossierCaseChooser, dossier_case_chooser, DOSSIER, CASE_CHOOSER, AdwWindow)

DossierCaseChooser *dossier_case_chooser_new (GtkWindow    *parent,
                                              DossierStore *store);
DossierCaseChooser *dossier_case_chooser_new_several (GtkWindow          *parent,
                                                      DossierStore       *store,
                                                      const char * const *case_ids);

G_END_DECLS
