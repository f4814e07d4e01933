/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-charge.h"

/* One charge brought against a case: "Criminal Code art. 274 part 4(2):
 * dissemination of knowingly false information". A record of its own, so a
 * feed can update one charge in place; deleting the case deletes them. */

struct _DossierCharge
{
  DossierRecord parent_instance;

  char *case_id;
  gint64 position;
  char *code;
  char *article;
  char *part;
  char *description;
  char *translations;
};

G_DEFINE_FINAL_TYPE (DossierCharge, dossier_charge, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "case-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierCharge, case_id) },
  { "position", DOSSIER_FIELD_INT, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCharge, position) },
  { "code", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCharge, code) },
  { "article", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCharge, article) },
  { "part", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCharge, part) },
  { "description", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierCharge, description) },
  { "translations", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_JSON, G_STRUCT_OFFSET (DossierCharge, translations) },
};

static void
dossier_charge_class_init (DossierChargeClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_charge_init (DossierCharge *self)
{
}

DossierCharge *
dossier_charge_new (void)
{
  return g_object_new (DOSSIER_TYPE_CHARGE, NULL);
}
