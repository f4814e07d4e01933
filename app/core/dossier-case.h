/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CASE (dossier_case_get_type ())
G_DECLARE_FINAL_TYPE (DossierCase, dossier_case, DOSSIER, CASE, DossierRecord)

DossierCase *dossier_case_new (void);

G_END_DECLS
