/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_URGENT_ACTION (dossier_urgent_action_get_type ())
G_DECLARE_FINAL_TYPE (DossierUrgentAction, dossier_urgent_action, DOSSIER, URGENT_ACTION, DossierRecord)

DossierUrgentAction *dossier_urgent_action_new (void);

char *dossier_reference_normalize (const char *reference);
char *dossier_reference_key       (const char *reference);

G_END_DECLS
