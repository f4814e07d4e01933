/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-target.h"

/* Someone to write to. Every field is a property; see DESIGN.md "Records". */

struct _DossierTarget
{
  DossierRecord parent_instance;

  char *name;
  char *office;
  char *organisation;
  char *address;
  char *email;
  char *phone;
  char *web_form;
  char *salutation;
  char *language;
  char *country;
  char *origin;
  char *fax;
  char **handles;
  char *held_from;
  char *held_to;
  char **sources;
  char *translations;
};

G_DEFINE_FINAL_TYPE (DossierTarget, dossier_target, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "name", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, name) },
  { "office", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, office) },
  { "organisation", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, organisation) },
  { "address", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierTarget, address) },
  { "email", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, email) },
  { "phone", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, phone) },
  { "web-form", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierTarget, web_form) },
  { "salutation", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, salutation) },
  { "language", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, language) },
  { "country", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, country) },
  { "origin", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierTarget, origin) },
  { "fax", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, fax) },
  { "handles", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierTarget, handles) },
  { "held-from", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_PARTIAL_DATE, G_STRUCT_OFFSET (DossierTarget, held_from) },
  { "held-to", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_PARTIAL_DATE, G_STRUCT_OFFSET (DossierTarget, held_to) },
  { "sources", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierTarget, sources) },
  { "translations", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_JSON, G_STRUCT_OFFSET (DossierTarget, translations) },
};

static void
dossier_target_class_init (DossierTargetClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_target_init (DossierTarget *self)
{

}

DossierTarget *
dossier_target_new (void)
{
  return g_object_new (DOSSIER_TYPE_TARGET, NULL);
}
