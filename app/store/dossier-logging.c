/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <stdio.h>

#include "dossier-case.h"
#include "dossier-logging.h"
#include "dossier-store-private.h"
#include "dossier-urgent-action.h"

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
  g_autoptr(DossierQuery) query = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (dossier_store_get_schema_version (store) >= 6)
    {
      /* the literals let SQLite use the partial index of drafts
       * (schema version 6), which a bound value would not */
      sqlite3_stmt *stmt = dossier_store_get_statement (store,
                                                        "SELECT id FROM actions WHERE mine = 1 AND state = 'drafted'"
                                                        " AND ua_id = ?1 AND target_id IS ?2"
                                                        " ORDER BY date DESC, rowid DESC LIMIT 1", error);
      g_autofree char *id = NULL;
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, ua_id, -1, SQLITE_TRANSIENT);
      if (target_id)
        sqlite3_bind_text (stmt, 2, target_id, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 2);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        dossier_store_set_error (store, sqlite3_extended_errcode (store->db), error);
      dossier_store_release_statement (stmt);
      return id ? DOSSIER_ACTION (dossier_store_fetch (store, DOSSIER_TYPE_ACTION, id, error)) : NULL;
    }

  query = dossier_query_new (DOSSIER_TYPE_ACTION);
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

  /* without a date, dossier_store_count_by() reads the tallies the store
   * keeps: a few rows whatever the number of actions */
  if (ua_id)
    dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, ua_id);
  if (mine_only)
    dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  if (since)
    dossier_query_filter_text (query, "date", DOSSIER_QUERY_GE, since);
  dossier_query_filter_text (query, "state", DOSSIER_QUERY_NE, "drafted");
  return dossier_store_count_by (store, query, "channel", error);
}

/**
 * dossier_store_find_due:
 * @today: YYYY-MM-DD
 * @days: how far ahead to look
 *
 * Returns: (transfer full) (element-type DossierUrgentAction): the open
 *   urgent actions for a followed case whose deadline is between @today
 *   and @days later, on which this volunteer has done nothing yet (a
 *   draft is not done), closest deadline first.
 */
GPtrArray *
dossier_store_find_due (DossierStore  *store,
                        const char    *today,
                        guint          days,
                        GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GDate) start = g_date_new ();
  GPtrArray *due;
  char end[16];
  int y, m, d;

  if (!dossier_date_is_valid (today) || sscanf (today, "%d-%d-%d", &y, &m, &d) != 3)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED, "“%s” is not a date", today);
      return NULL;
    }
  g_date_set_dmy (start, d, m, y);
  g_date_add_days (start, days);
  g_date_strftime (end, sizeof end, "%Y-%m-%d", start);

  dossier_query_filter_text (query, "status", DOSSIER_QUERY_NE, "closed");
  dossier_query_filter_text (query, "deadline", DOSSIER_QUERY_GE, today);
  dossier_query_filter_text (query, "deadline", DOSSIER_QUERY_LE, end);
  dossier_query_sort (query, "deadline", FALSE);
  /* a bound: a reminder for more than this is no reminder */
  if (!(candidates = dossier_store_query (store, query, 0, 200, error)))
    return NULL;

  due = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      DossierRecord *ua = g_ptr_array_index (candidates, i);
      const char * const *case_ids = dossier_record_get_strv (ua, "case-ids");
      gboolean followed = FALSE;
      g_autoptr(DossierQuery) done = dossier_query_new (DOSSIER_TYPE_ACTION);

      for (guint j = 0; case_ids && case_ids[j] && !followed; j++)
        {
          g_autoptr(DossierRecord) kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_ids[j], NULL);

          followed = kase && dossier_record_get_boolean (kase, "followed");
        }
      if (!followed)
        continue;
      dossier_query_filter_text (done, "ua-id", DOSSIER_QUERY_EQ, dossier_record_get_id (ua));
      dossier_query_filter_int (done, "mine", DOSSIER_QUERY_EQ, 1);
      dossier_query_filter_text (done, "state", DOSSIER_QUERY_NE, "drafted");
      if (dossier_store_count (store, done, NULL) == 0)
        g_ptr_array_add (due, g_object_ref (ua));
    }
  return due;
}

/**
 * dossier_store_list_action_states:
 *
 * The states @action_id went through, the first first, as they were
 * written: each a #GStrv of two, when (the store's time, UTC, as
 * updated_at) and the state. At most the latest 100.
 *
 * Returns: (transfer full) (element-type GStrv): the states, or %NULL with
 *   @error set
 */
GPtrArray *
dossier_store_list_action_states (DossierStore  *store,
                                  const char    *action_id,
                                  GError       **error)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (action_id != NULL, NULL);

  stmt = dossier_store_get_statement (store,
                                      "SELECT at, state FROM (SELECT rowid, at, state FROM action_states"
                                      " WHERE action_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 100)"
                                      " ORDER BY at, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, action_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **pair = g_new0 (char *, 3);

      pair[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      pair[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (states, pair);
    }
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, sqlite3_extended_errcode (store->db), error);
      dossier_store_release_statement (stmt);
      return NULL;
    }
  dossier_store_release_statement (stmt);
  return g_steal_pointer (&states);
}
