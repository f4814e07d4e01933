/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ACTION (dossier_action_get_type ())
G_DECLARE_FINAL_TYPE (DossierAction, dossier_action, DOSSIER, ACTION, DossierRecord)

#define DOSSIER_ACTION_ERROR (dossier_action_error_quark ())

typedef enum {
  DOSSIER_ACTION_ERROR_INVALID,
} DossierActionError;

GQuark         dossier_action_error_quark      (void);
DossierAction *dossier_action_new              (void);
gboolean       dossier_action_check            (DossierAction  *self,
                                                GError        **error);
char          *dossier_action_describe_counts  (GHashTable     *counts);

G_END_DECLS
