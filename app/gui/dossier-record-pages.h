/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-detail-page.h"

G_BEGIN_DECLS

DossierDetailPage *dossier_ua_page_new   (DossierStore  *store,
                                          DossierRecord *ua);
DossierDetailPage *dossier_case_page_new (DossierStore  *store,
                                          DossierRecord *kase);
int                 dossier_days_until        (const char *deadline);
char              *dossier_describe_deadline (const char *deadline,
                                              const char *status);

G_END_DECLS
