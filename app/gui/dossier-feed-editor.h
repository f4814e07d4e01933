/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-feed-updater.h"
#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_FEED_EDITOR (dossier_feed_editor_get_type ())
G_DECLARE_FINAL_TYPE (DossierFeedEditor, dossier_feed_editor, DOSSIER, FEED_EDITOR, AdwWindow)

DossierFeedEditor *dossier_feed_editor_new (GtkWindow          *parent,
                                            DossierStore       *store,
                                            DossierFeedUpdater *updater,
                                            DossierRecord      *feed,
                                            const char         *url);

G_END_DECLS
