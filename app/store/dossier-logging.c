/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-logging.h"

/**
 * dossier_store_log_action:
 *
 * Checks @action (dossier_action_check()) and writes it: created if it is
 * new, updated if it is a draft or a logged action being changed. The
 * write is one transaction; on any error the store is as it was.
 */
gboolean
dossier_store_log_action (DossierStore   *store,
                          DossierAction  *action,
                          GError        **error)
{
  g_autoptr(DossierRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (DOSSIER_IS_ACTION (action), FALSE);

  if (!dossier_action_check (action, error))
    return FALSE;
  if (!dossier_store_begin (store, error))
    return FALSE;
  existing = dossier_store_fetch (store, DOSSIER_TYPE_ACTION,
                                  dossier_record_get_id (DOSSIER_RECORD (action)), &local_error);
  if (local_error && !g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
    {
      dossier_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing)
    ok = dossier_store_update (store, DOSSIER_RECORD (action), error);
  else
    ok = dossier_store_create (store, DOSSIER_RECORD (action), error);
  if (!ok)
    {
      dossier_store_rollback (store);
      return FALSE;
    }
  return dossier_store_commit (store, error);
}

/**
 * dossier_store_find_draft:
 *
 * Returns: (transfer full) (nullable): this volunteer's latest draft for
 *   @ua_id and @target_id, the letter they had begun, if any.
 */
DossierAction *
dossier_store_find_draft (DossierStore  *store,
                          const char    *ua_id,
                          const char    *target_id,
                          GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(GPtrArray) found = NULL;

  dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  dossier_query_filter_text (query, "state", DOSSIER_QUERY_EQ, "drafted");
  dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, ua_id);
  if (target_id)
    dossier_query_filter_text (query, "target-id", DOSSIER_QUERY_EQ, target_id);
  else
    dossier_query_filter_null (query, "target-id", TRUE);
  dossier_query_sort (query, "date", TRUE);
  found = dossier_store_query (store, query, 0, 1, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * dossier_store_count_channels:
 * @ua_id: (nullable): only the actions on this UA
 * @since: (nullable): only actions on or after this date (YYYY-MM-DD)
 *
 * Returns: (transfer full): channel → number of actions done (drafts do
 *   not count), for dossier_action_describe_counts().
 */
GHashTable *
dossier_store_count_channels (DossierStore  *store,
                              const char    *ua_id,
                              gboolean       mine_only,
                              const char    *since,
                              GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);

  if (ua_id)
    dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, ua_id);
  if (mine_only)
    dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  if (since)
    dossier_query_filter_text (query, "date", DOSSIER_QUERY_GE, since);
  dossier_query_filter_text (query, "state", DOSSIER_QUERY_NE, "drafted");
  return dossier_store_count_by (store, query, "channel", error);
}
