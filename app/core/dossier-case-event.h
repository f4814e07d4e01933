/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_CASE_EVENT (dossier_case_event_get_type ())
G_DECLARE_FINAL_TYPE (DossierCaseEvent, dossier_case_event, DOSSIER, CASE_EVENT, DossierRecord)

DossierCaseEvent *dossier_case_event_new (void);

G_END_DECLS
