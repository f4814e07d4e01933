/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_TARGET (dossier_target_get_type ())
G_DECLARE_FINAL_TYPE (DossierTarget, dossier_target, DOSSIER, TARGET, DossierRecord)

DossierTarget *dossier_target_new (void);

G_END_DECLS
