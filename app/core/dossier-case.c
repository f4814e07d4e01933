/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-case.h"

/* A person or group at risk. Every field is a property; see DESIGN.md "Records". */

struct _DossierCase
{
  DossierRecord parent_instance;

  char *name;
  char **other_names;
  char *country;
  char *city;
  char *role;
  char *status;
  char *summary;
  gboolean prisoner_of_conscience;
  char *health_concerns;
  char **sources;
  char **tags;
  gboolean followed;
  char *notes;
  char *origin;
  char *translations;
};

G_DEFINE_FINAL_TYPE (DossierCase, dossier_case, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "name", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, name) },
  { "other-names", DOSSIER_FIELD_LINKS, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, other_names), "case_names", "case_id", "name" },
  { "country", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, country) },
  { "city", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, city) },
  { "role", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, role) },
  { "status", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, status) },
  { "summary", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierCase, summary) },
  { "prisoner-of-conscience", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, prisoner_of_conscience) },
  { "health-concerns", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierCase, health_concerns) },
  { "sources", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierCase, sources) },
  { "tags", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, tags) },
  { "followed", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCase, followed) },
  { "notes", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierCase, notes) },
  { "origin", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierCase, origin) },
  { "translations", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_JSON, G_STRUCT_OFFSET (DossierCase, translations) },
};

static void
dossier_case_class_init (DossierCaseClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_case_init (DossierCase *self)
{
  self->status = g_strdup ("detained");
}

DossierCase *
dossier_case_new (void)
{
  return g_object_new (DOSSIER_TYPE_CASE, NULL);
}

const char * const dossier_case_report_order[] = {
  "imprisoned", "suspended-sentence", "restricted-freedom", "forced-psychiatric-treatment",
  "prosecution-continues", "under-investigation", "on-trial", "detained", "extradition-risk",
  "at-risk-abroad", "exile",
  "released", "acquitted", "other", NULL
};
