/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CASE (dossier_case_get_type ())
G_DECLARE_FINAL_TYPE (DossierCase, dossier_case, DOSSIER, CASE, DossierRecord)

DossierCase *dossier_case_new (void);

/* Cases grouped by status as the NGO reports group them: those in prison
 * first, then suspended sentences, forced treatment, prosecutions still
 * going on, those at risk abroad, and those free. The same order, as the
 * store's index of the Cases list spells it (schema version 8). */
extern const char * const dossier_case_report_order[];
#define DOSSIER_CASE_REPORT_ORDER_LIST "imprisoned,suspended-sentence,restricted-freedom," \
  "forced-psychiatric-treatment,prosecution-continues,under-investigation,on-trial,detained," \
  "extradition-risk,at-risk-abroad,exile,released,acquitted,other"

G_END_DECLS
