/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-action.h"

/* Something a volunteer did on an urgent action. Every field is a property; see DESIGN.md "Records". */

struct _DossierAction
{
  DossierRecord parent_instance;

  char *ua_id;
  char *target_id;
  char *channel;
  char *date;
  char *volunteer;
  char *volunteer_group;
  gboolean mine;
  char *state;
  char *reply_text;
  char *reply_date;
  double cost;
  char *notes;
  char *letter_text;
  char *signature;
};

G_DEFINE_FINAL_TYPE (DossierAction, dossier_action, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "ua-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierAction, ua_id) },
  { "target-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierAction, target_id) },
  { "channel", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, channel) },
  { "date", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierAction, date) },
  { "volunteer", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, volunteer) },
  { "volunteer-group", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, volunteer_group) },
  { "mine", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, mine) },
  { "state", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, state) },
  { "reply-text", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, reply_text) },
  { "reply-date", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierAction, reply_date) },
  { "cost", DOSSIER_FIELD_DOUBLE, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, cost) },
  { "notes", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, notes) },
  { "letter-text", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, letter_text) },
  { "signature", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, signature) },
};

static void
dossier_action_class_init (DossierActionClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_action_init (DossierAction *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->channel = g_strdup ("letter");
  self->state = g_strdup ("sent");
  self->mine = TRUE;
  self->signature = g_strdup ("full-name");
  self->date = g_date_time_format (now, "%Y-%m-%d");
}

DossierAction *
dossier_action_new (void)
{
  return g_object_new (DOSSIER_TYPE_ACTION, NULL);
}
