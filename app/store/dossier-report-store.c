/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-campaign-private.h"
#include "dossier-figures.h"
#include "dossier-report-private.h"
#include "dossier-store-private.h"
#include "dossier-urgent-action.h"

/* The store's side of volunteers' reports (docs/report-format.md): the
 * actions a report of this profile holds, its number and the profile's
 * id; and on a coordinator's side, bringing a report in, listing the
 * reports brought in and taking one out. The file's format is
 * app/exchange/dossier-report.c's. */

static const char full_sql[] =
  "SELECT a.date, u.reference, u.reference_key, coalesce(t.name, ''), a.target_id, a.channel, a.state,"
  "  a.signature, a.volunteer, a.volunteer_group, 1"
  " FROM actions AS a JOIN urgent_actions AS u ON u.id = a.ua_id"
  "  LEFT JOIN targets AS t ON t.id = a.target_id"
  " WHERE a.mine = 1 AND a.state <> 'drafted' AND a.date BETWEEN ?1 AND ?2"
  " ORDER BY a.date, u.reference, a.id";

static const char counts_sql[] =
  "SELECT date(a.date, '-6 days', 'weekday 1'), u.reference, u.reference_key, coalesce(t.name, ''),"
  "  a.target_id, a.channel, a.state, NULL, '', a.volunteer_group, count(*)"
  " FROM actions AS a JOIN urgent_actions AS u ON u.id = a.ua_id"
  "  LEFT JOIN targets AS t ON t.id = a.target_id"
  " WHERE a.mine = 1 AND a.state <> 'drafted' AND a.date BETWEEN ?1 AND ?2"
  " GROUP BY 1, 2, 3, 4, 5, 6, 7, 10 ORDER BY 1, 2, 4, 6, 7, 10";

static char *
text_column (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/**
 * dossier_store_collect_report_entries:
 *
 * Calls @func for each entry of a report of @scope, in the file's order:
 * this profile's actions that went out, or their counts per week.
 */
gboolean
dossier_store_collect_report_entries (DossierStore             *store,
                                      const DossierReportScope *scope,
                                      DossierReportEntryFunc    func,
                                      gpointer                  user_data,
                                      GError                  **error)
{
  g_autoptr(GHashTable) uas = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (scope->uas && scope->uas[0])
    {
      uas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; scope->uas[i]; i++)
        g_hash_table_add (uas, dossier_reference_key (scope->uas[i]));
    }
  /* counts-only reports keep whole weeks */
  if (scope->detail == DOSSIER_REPORT_COUNTS)
    {
      from = scope->from ? dossier_week_monday (scope->from) : NULL;
      to = scope->to ? dossier_week_sunday (scope->to) : NULL;
    }
  else
    {
      from = g_strdup (scope->from);
      to = g_strdup (scope->to);
    }

  stmt = dossier_store_get_statement (store, scope->detail == DOSSIER_REPORT_FULL ? full_sql : counts_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from ? from : "0001-01-01", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to ? to : "9999-12-31", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportEntry entry = { 0 };
      gboolean ok;

      if (uas && !g_hash_table_contains (uas, (const char *) sqlite3_column_text (stmt, 2)))
        continue;
      if (scope->detail == DOSSIER_REPORT_FULL)
        entry.date = text_column (stmt, 0);
      entry.week = scope->detail == DOSSIER_REPORT_FULL ? dossier_week_monday (entry.date) : text_column (stmt, 0);
      entry.ua = text_column (stmt, 1);
      entry.target = text_column (stmt, 3);
      entry.target_id = text_column (stmt, 4);
      entry.channel = text_column (stmt, 5);
      entry.state = text_column (stmt, 6);
      entry.signature = text_column (stmt, 7);
      entry.volunteer = text_column (stmt, 8);
      entry.group = text_column (stmt, 9);
      entry.n = sqlite3_column_int64 (stmt, 10);
      ok = func (&entry, user_data, error);
      dossier_report_entry_clear (&entry);
      if (!ok)
        {
          dossier_store_release_statement (stmt);
          return FALSE;
        }
    }
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* One more report written by this profile: its number. */
gboolean
dossier_store_next_report_sequence (DossierStore  *store,
                                    gint64        *sequence,
                                    GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!dossier_store_exec (store,
                           "INSERT INTO profile (key, value) VALUES ('report_sequence', '1')"
                           " ON CONFLICT DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
                           error))
    return FALSE;
  stmt = dossier_store_get_statement (store, "SELECT CAST(value AS INTEGER) FROM profile WHERE key = 'report_sequence'",
                                      error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *sequence = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_ROW)
    {
      dossier_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * dossier_store_volunteer_id:
 *
 * Returns: (transfer full): the random id this profile's reports carry.
 */
char *
dossier_store_volunteer_id (DossierStore  *store,
                            GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_get_statement (store, "SELECT value FROM profile WHERE key = 'volunteer_id'",
                                                    error);
  char *id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = text_column (stmt, 0);
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_ROW)
    dossier_store_set_error (store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
  return id;
}

static const char import_columns[] =
  "id, file_name, volunteer, volunteer_group, detail, created, imported_at, actions, replaced, replaces, active";

static DossierReportImport *
read_import (sqlite3_stmt *stmt)
{
  DossierReportImport *import = g_new0 (DossierReportImport, 1);

  import->id = text_column (stmt, 0);
  import->file_name = text_column (stmt, 1);
  import->volunteer = text_column (stmt, 2);
  import->group = text_column (stmt, 3);
  import->detail = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "counts") == 0
                   ? DOSSIER_REPORT_COUNTS : DOSSIER_REPORT_FULL;
  import->created = text_column (stmt, 5);
  import->imported_at = text_column (stmt, 6);
  import->actions = sqlite3_column_int64 (stmt, 7);
  import->replaced = sqlite3_column_int64 (stmt, 8);
  import->replaces = text_column (stmt, 9);
  import->active = sqlite3_column_int (stmt, 10);
  return import;
}

static DossierReportImport *
find_import (DossierStore  *store,
             const char    *id,
             GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM report_imports WHERE id = ?1", import_columns);
  sqlite3_stmt *stmt = dossier_store_get_statement (store, sql, error);
  DossierReportImport *import = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    import = read_import (stmt);
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    dossier_store_set_error (store, rc, error);
  return import;
}

/* A short query with text parameters and one text or number answer. */
static gboolean
query_text (DossierStore  *store,
            const char    *sql,
            const char    *param1,
            const char    *param2,
            char         **text,
            GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_get_statement (store, sql, error);
  int rc;

  *text = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);
  if (param2)
    sqlite3_bind_text (stmt, 2, param2, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *text = text_column (stmt, 0);
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run (DossierStore  *store,
     const char    *sql,
     const char    *param1,
     const char    *param2,
     GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_get_statement (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);
  if (param2)
    sqlite3_bind_text (stmt, 2, param2, -1, SQLITE_TRANSIENT);
  return dossier_store_run_statement (store, stmt, error);
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* The names of a full report's volunteers, or "" */
static char *
join_set (GStrv values)
{
  return values ? g_strjoinv (", ", values) : g_strdup ("");
}

/* The tally rows a report taken out left at zero: the figures read every
 * row of their period, and a coordinator who imports and undoes large
 * reports would have them read more and more zeros. */
static gboolean
prune_tallies (DossierStore  *store,
               GError       **error)
{
  static const char * const tables[] = {
    "progress_cells", "progress_weeks", "progress_groups", "progress_group_totals",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE letter = 0 AND email = 0 AND fax = 0"
                                              " AND phone = 0 AND social_media = 0 AND petition = 0"
                                              " AND solidarity_card = 0 AND meeting = 0 AND replied = 0"
                                              " AND returned = 0", tables[i]);

      if (!dossier_store_exec (store, sql, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_add_report (DossierStore         *store,
                          DossierReport        *report,
                          const char           *file_name,
                          GCancellable         *cancellable,
                          DossierProgressFunc   progress,
                          gpointer              progress_data,
                          DossierReportImport **outcome,
                          gboolean             *already,
                          GError              **error)
{
  g_autoptr(DossierReportImport) existing = NULL;
  g_autoptr(DossierReportImport) older = NULL;
  g_autoptr(GHashTable) uas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(DossierReportSummary) summary = { 0 };
  g_autofree char *digest = NULL;
  g_autofree char *older_id = NULL;
  g_autofree char *older_sequence = NULL;
  g_autofree char *imported_at = now_timestamp ();
  g_autofree char *names = NULL;
  g_autofree char *groups = NULL;
  sqlite3_stmt *stmt;
  gint64 actions = 0, replaced = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);

  if (already)
    *already = FALSE;
  if (outcome)
    *outcome = NULL;

  /* one's own: its actions are this computer's, counted already */
  {
    g_autofree char *own = dossier_store_volunteer_id (store, NULL);

    if (own && g_str_equal (own, report->volunteer_id))
      return dossier_report_fail (error, DOSSIER_REPORT_ERROR_CONFLICT,
                   _("This report was written on this computer, from its own actions, which Progress counts already."));
  }

  /* the same report again */
  if (!query_text (store, "SELECT digest FROM report_imports WHERE id = ?1", report->id, NULL, &digest, error))
    return FALSE;
  if (digest != NULL)
    {
      if (!g_str_equal (digest, report->digest))
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_CONFLICT,
                     _("A different report with the same id was imported before. One of the two was changed after it was written: ask the volunteer for a new report."));
      if (already)
        *already = TRUE;
      if (outcome)
        *outcome = find_import (store, report->id, NULL);
      return TRUE;
    }

  /* a report of the same volunteer already here */
  if (!query_text (store,
                   "SELECT id FROM report_imports WHERE volunteer_id = ?1 AND active = 1",
                   report->volunteer_id, NULL, &older_id, error))
    return FALSE;
  if (older_id != NULL)
    {
      if (!query_text (store, "SELECT sequence FROM report_imports WHERE id = ?1", older_id, NULL,
                       &older_sequence, error))
        return FALSE;
      if (g_ascii_strtoll (older_sequence, NULL, 10) >= report->sequence)
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_OUTDATED,
                     _("A newer report from the same volunteer is already imported; this older one would count their actions twice. Nothing was imported from it."));
      if (!(older = find_import (store, older_id, error)))
        return FALSE;
      replaced = older->actions;
    }

  dossier_report_summarize (report, &summary);
  names = join_set (summary.names);
  groups = join_set (summary.groups);
  for (guint i = 0; i < report->entries->len; i++)
    actions += g_array_index (report->entries, ReportEntry, i).n;

  stmt = dossier_store_get_statement (store,
                                      "INSERT INTO report_imports (id, volunteer_id, detail, sequence, created,"
                                      " period_from, period_to, volunteer, volunteer_group, file_name, digest,"
                                      " imported_at, entries, actions, replaces, replaced, active)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1)",
                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, report->volunteer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, report->detail == DOSSIER_REPORT_FULL ? "full" : "counts", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, report->sequence);
  sqlite3_bind_text (stmt, 5, report->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, report->detail == DOSSIER_REPORT_FULL ? report->from : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, report->detail == DOSSIER_REPORT_FULL ? report->to : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, names, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, groups, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, file_name ? file_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, report->digest, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, imported_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 13, report->entries->len);
  sqlite3_bind_int64 (stmt, 14, actions);
  sqlite3_bind_text (stmt, 15, older_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 16, replaced);
  if (!dossier_store_run_statement (store, stmt, error))
    return FALSE;

  if (older_id != NULL &&
      (!run (store, "UPDATE reported SET active = 0 WHERE import_id = ?1", older_id, NULL, error) ||
       !run (store, "UPDATE report_imports SET active = 0 WHERE id = ?1", older_id, NULL, error) ||
       !prune_tallies (store, error)))
    return FALSE;

  for (guint i = 0; i < report->entries->len; i++)
    {
      const ReportEntry *entry = &g_array_index (report->entries, ReportEntry, i);
      g_autofree char *key = dossier_reference_key (entry->ua);
      g_autofree char *target_key = NULL;
      const char *ua_id;
      const char *target_id;

      if (i % 512 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (NULL, (double) i / report->entries->len, progress_data);
        }

      if (!g_hash_table_lookup_extended (uas, key, NULL, (gpointer *) &ua_id))
        {
          char *found = NULL;

          if (!query_text (store, "SELECT id FROM urgent_actions WHERE reference_key = ?1", key, NULL, &found, error))
            return FALSE;
          g_hash_table_insert (uas, g_strdup (key), found);
          ua_id = found;
        }
      target_key = g_strdup_printf ("%s\x1f%s\x1f%s", ua_id ? ua_id : "", entry->target_id ? entry->target_id : "",
                                    entry->target);
      if (!g_hash_table_lookup_extended (targets, target_key, NULL, (gpointer *) &target_id))
        {
          char *found = NULL;

          if (entry->target_id &&
              !query_text (store, "SELECT id FROM targets WHERE id = ?1", entry->target_id, NULL, &found, error))
            return FALSE;
          if (found == NULL && ua_id && *entry->target &&
              !query_text (store,
                           "SELECT t.id FROM ua_targets AS l JOIN targets AS t ON t.id = l.target_id"
                           " WHERE l.ua_id = ?1 AND t.name = ?2",
                           ua_id, entry->target, &found, error))
            return FALSE;
          g_hash_table_insert (targets, g_steal_pointer (&target_key), found);
          target_id = found;
        }

      stmt = dossier_store_get_statement (store,
                                          "INSERT INTO reported (import_id, seq, ua_id, ua_ref, ua_ref_key, target_id,"
                                          " target, channel, state, date, week, signature, volunteer, volunteer_group,"
                                          " n, active)"
                                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1)",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, report->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, ua_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, entry->ua, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, target_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, entry->target, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, entry->channel, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, entry->state, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, entry->date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, entry->week, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 12, entry->signature, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, entry->volunteer, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 14, entry->group, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 15, entry->n);
      if (!dossier_store_run_statement (store, stmt, error))
        return FALSE;
    }
  if (progress)
    progress (NULL, 1.0, progress_data);
  dossier_store_note_change (store, DOSSIER_TYPE_ACTION);
  if (outcome)
    *outcome = find_import (store, report->id, NULL);
  return TRUE;
}

/**
 * dossier_store_list_reports:
 *
 * Returns: (transfer full) (element-type DossierReportImport): the imports,
 *   the latest first.
 */
GPtrArray *
dossier_store_list_reports (DossierStore  *store,
                            GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_report_import_free);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM report_imports ORDER BY imported_at DESC, id",
                                          import_columns);
  sqlite3_stmt *stmt = dossier_store_get_statement (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_import (stmt));
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * dossier_store_undo_report:
 *
 * Takes an imported report out as a whole, in the caller's transaction;
 * the older report of the same volunteer it replaced counts again.
 */
gboolean
dossier_store_undo_report (DossierStore         *store,
                           const char           *id,
                           DossierReportImport **undone,
                           GError              **error)
{
  g_autoptr(DossierReportImport) import = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(import = find_import (store, id, &local_error)))
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          g_autofree char *shown = dossier_campaign_shown (id);

          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                       /* Translators: %s is the id of a report as listed */
                       _("No imported report has the id “%s”."), shown);
        }
      return FALSE;
    }
  /* a newer report that replaced this one now replaces the one it did */
  if (import->replaces &&
      !run (store, "UPDATE report_imports SET replaces = ?2 WHERE replaces = ?1", id, import->replaces, error))
    return FALSE;
  if (!run (store, "DELETE FROM reported WHERE import_id = ?1", id, NULL, error) ||
      !run (store, "DELETE FROM report_imports WHERE id = ?1", id, NULL, error))
    return FALSE;
  if (import->active && import->replaces &&
      (!run (store, "UPDATE reported SET active = 1 WHERE import_id = ?1", import->replaces, NULL, error) ||
       !run (store, "UPDATE report_imports SET active = 1 WHERE id = ?1", import->replaces, NULL, error)))
    return FALSE;
  if (!prune_tallies (store, error))
    return FALSE;
  dossier_store_note_change (store, DOSSIER_TYPE_ACTION);
  if (undone)
    *undone = g_steal_pointer (&import);
  return TRUE;
}
