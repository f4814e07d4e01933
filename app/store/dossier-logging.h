/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-action.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* Logging what a volunteer did: one transaction per action, so that a
 * crash leaves either the whole action or nothing. */
gboolean       dossier_store_log_action      (DossierStore   *store,
                                              DossierAction  *action,
                                              GError        **error);
GPtrArray     *dossier_store_list_action_states (DossierStore  *store,
                                                 const char    *action_id,
                                                 GError       **error);
DossierAction *dossier_store_find_draft      (DossierStore   *store,
                                              const char     *ua_id,
                                              const char     *target_id,
                                              GError        **error);
GHashTable    *dossier_store_count_channels  (DossierStore   *store,
                                              const char     *ua_id,
                                              gboolean        mine_only,
                                              const char     *since,
                                              GError        **error);

GPtrArray     *dossier_store_find_due        (DossierStore   *store,
                                              const char     *today,
                                              guint           days,
                                              GError        **error);

G_END_DECLS
