/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_SCHEMA_STEP_NONE,
  DOSSIER_SCHEMA_STEP_SEARCH_DOCUMENTS, /* every record's search document */
  DOSSIER_SCHEMA_STEP_REFERENCE_KEYS,   /* every UA's reference key */
  DOSSIER_SCHEMA_STEP_COUNTRY_CODES,    /* countries as ISO 3166-1 codes */
} DossierSchemaStep;

/* Migration N (1-based) takes a store from user_version N-1 to N. */
const char *dossier_schema_migration          (guint version);
DossierSchemaStep dossier_schema_migration_step (guint version);
const char *dossier_schema_migration_finish   (guint version);
const char *dossier_schema_migration_rebuilt  (guint version);
guint       dossier_schema_n_migrations       (void);

G_END_DECLS
