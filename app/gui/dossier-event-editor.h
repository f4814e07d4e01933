/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_EVENT_EDITOR (dossier_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierEventEditor, dossier_event_editor, DOSSIER, EVENT_EDITOR, AdwWindow)

DossierEventEditor *dossier_event_editor_new         (GtkWindow          *parent,
                                                      DossierStore       *store,
                                                      DossierRecord      *kase,
                                                      DossierRecord      *event);
const char         *dossier_event_editor_get_problem (DossierEventEditor *self);
gboolean            dossier_event_editor_save        (DossierEventEditor *self);

G_END_DECLS
