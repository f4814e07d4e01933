/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Migration N (1-based) takes a store from user_version N-1 to N. */
const char *dossier_schema_migration          (guint version);
gboolean    dossier_schema_migration_indexes  (guint version);
const char *dossier_schema_migration_finish   (guint version);
guint       dossier_schema_n_migrations       (void);

G_END_DECLS
