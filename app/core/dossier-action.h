/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ACTION (dossier_action_get_type ())
G_DECLARE_FINAL_TYPE (DossierAction, dossier_action, DOSSIER, ACTION, DossierRecord)

DossierAction *dossier_action_new (void);

G_END_DECLS
