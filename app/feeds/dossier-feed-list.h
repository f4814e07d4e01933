/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-store.h"

G_BEGIN_DECLS

/* The list of feeds subscribed to, in and out as OPML 2.0: what every
 * feed reader imports and exports. */

typedef struct {
  guint added;     /* feeds subscribed to now */
  guint existing;  /* feeds of the list subscribed to already */
  guint skipped;   /* entries with no address Dossier fetches */
} DossierOpmlImport;

gboolean dossier_feed_import_opml        (DossierStore       *store,
                                          GBytes             *data,
                                          DossierOpmlImport  *counts,
                                          GError            **error);
void     dossier_feed_import_opml_async  (const char         *store_path,
                                          GFile              *file,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean dossier_feed_import_opml_finish (GAsyncResult       *result,
                                          DossierOpmlImport  *counts,
                                          GError            **error);
GBytes  *dossier_feed_export_opml        (DossierStore       *store,
                                          GError            **error);

G_END_DECLS
