/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-case-event.h"

/* A dated entry on a case's timeline. Every field is a property; see DESIGN.md "Records". */

struct _DossierCaseEvent
{
  DossierRecord parent_instance;

  char *case_id;
  char *kind;
  char *date;
  char *title;
  char *text;
  char *source;
  char *new_status;
  char *origin;
};

G_DEFINE_FINAL_TYPE (DossierCaseEvent, dossier_case_event, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "case-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierCaseEvent, case_id) },
  { "kind", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCaseEvent, kind) },
  { "date", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierCaseEvent, date) },
  { "title", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCaseEvent, title) },
  { "text", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierCaseEvent, text) },
  { "source", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierCaseEvent, source) },
  { "new-status", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierCaseEvent, new_status) },
  { "origin", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierCaseEvent, origin) },
};

static void
dossier_case_event_class_init (DossierCaseEventClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_case_event_init (DossierCaseEvent *self)
{
  self->kind = g_strdup ("other");
}

DossierCaseEvent *
dossier_case_event_new (void)
{
  return g_object_new (DOSSIER_TYPE_CASE_EVENT, NULL);
}
