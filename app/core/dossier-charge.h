/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CHARGE (dossier_charge_get_type ())
G_DECLARE_FINAL_TYPE (DossierCharge, dossier_charge, DOSSIER, CHARGE, DossierRecord)

DossierCharge *dossier_charge_new (void);

G_END_DECLS
