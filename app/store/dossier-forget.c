/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dossier-forget.h"
#include "dossier-store-private.h"

/* Forgetting a case, and deletions that leave nothing behind in the file.
 *
 * A deletion with Undo (dossier-deletion.c) keeps its records in memory
 * until its toast goes; forgetting a case has no Undo. Once either is
 * final, what went must not be readable in the store's files. Every
 * connection runs with secure_delete (dossier-store.c), so the rows and
 * the pages freed are overwritten with zeros, but two copies outlive them:
 *
 * - the search index: FTS5 takes a document out by writing a "delete" to
 *   a new segment, and the words stay in the older segments until a merge
 *   into the oldest one drops them. 'optimize' merges every segment into
 *   one, so no earlier segment is left to hold them;
 * - the -wal file: a page's earlier versions stay there after the page was
 *   written again, until a checkpoint copies the newest into the database
 *   and TRUNCATE empties the file.
 *
 * dossier_store_scrub() does both. It costs a rewrite of each index that
 * changed since the last scrub, and a checkpoint: 30–50 ms on a store of
 * 100 cases and 1,000 events and feed items, 2–3 s on one of 10,000 cases
 * and 100,000 events and feed items (measured after forgetting a case);
 * the window runs it in a worker (dossier_store_scrub_async()). */

/* The urgent actions that are for @case_id (?1) alone. */
#define ONLY_FOR_CASE \
  "SELECT c.ua_id FROM ua_cases AS c WHERE c.case_id = ?1 AND NOT EXISTS" \
  " (SELECT 1 FROM ua_cases AS o WHERE o.ua_id = c.ua_id AND o.case_id <> ?1)"

enum {
  COUNT_CASE,
  COUNT_CHARGES,
  COUNT_EVENTS,
  COUNT_UPDATES,
  COUNT_ACTIONS,
  COUNT_DRAFTS,
  COUNT_LETTERS,
  COUNT_UAS_EMPTIED,
  COUNT_UAS_LINKED,
};

static const char count_sql[] =
  "SELECT (SELECT count(*) FROM cases WHERE id = ?1),"
  " (SELECT count(*) FROM charges WHERE case_id = ?1),"
  " (SELECT count(*) FROM case_events WHERE case_id = ?1),"
  " (SELECT count(*) FROM feed_items WHERE case_id = ?1),"
  " (SELECT count(*) FROM actions WHERE ua_id IN (" ONLY_FOR_CASE ") AND state <> 'drafted'),"
  " (SELECT count(*) FROM actions WHERE ua_id IN (" ONLY_FOR_CASE ") AND state = 'drafted'),"
  " (SELECT count(*) FROM actions WHERE ua_id IN (" ONLY_FOR_CASE ") AND letter_text <> ''),"
  " (SELECT count(*) FROM (" ONLY_FOR_CASE ")),"
  " (SELECT count(*) FROM ua_cases WHERE case_id = ?1)";

/* In this order: what refers to the case and does not go with it by
 * itself (an action refers to its UA, which stays; a feed item only loses
 * its link), then the case, whose deletion cascades to its charges,
 * events, other spellings, links from urgent actions and search
 * documents, and the documents' triggers take them out of the index. */
static const char * const forget_sql[] = {
  "DELETE FROM actions WHERE ua_id IN (" ONLY_FOR_CASE ")",
  "DELETE FROM feed_items WHERE case_id = ?1",
  "DELETE FROM cases WHERE id = ?1",
};

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                       _("The record is no longer in the store; it may have been deleted."));
}

/**
 * dossier_store_count_forget:
 * @counts: (out caller-allocates): what dossier_store_forget_case() would
 *   take and leave
 *
 * Counts what forgetting the case @case_id would take with it, for the
 * question that comes first.
 *
 * Returns: %FALSE with @error set (%DOSSIER_STORE_ERROR_NOT_FOUND when
 *   there is no such case)
 */
gboolean
dossier_store_count_forget (DossierStore         *store,
                            const char           *case_id,
                            DossierForgetCounts  *counts,
                            GError              **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (DossierForgetCounts) { 0 };
  if (!(stmt = dossier_store_get_statement (store, count_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      dossier_store_set_error (store, sqlite3_extended_errcode (store->db), error);
      dossier_store_release_statement (stmt);
      return FALSE;
    }
  found = sqlite3_column_int (stmt, COUNT_CASE) > 0;
  counts->charges = sqlite3_column_int (stmt, COUNT_CHARGES);
  counts->events = sqlite3_column_int (stmt, COUNT_EVENTS);
  counts->updates = sqlite3_column_int (stmt, COUNT_UPDATES);
  counts->actions = sqlite3_column_int (stmt, COUNT_ACTIONS);
  counts->drafts = sqlite3_column_int (stmt, COUNT_DRAFTS);
  counts->letters = sqlite3_column_int (stmt, COUNT_LETTERS);
  counts->uas_emptied = sqlite3_column_int (stmt, COUNT_UAS_EMPTIED);
  counts->uas_unlinked = sqlite3_column_int (stmt, COUNT_UAS_LINKED) - counts->uas_emptied;
  dossier_store_release_statement (stmt);
  if (!found)
    {
      set_not_found (error);
      return FALSE;
    }
  return TRUE;
}

/**
 * dossier_store_forget_case:
 * @counts: (out caller-allocates) (optional): what went and what stayed
 *
 * Deletes the case @case_id with everything that is about it alone, in
 * one transaction, with no Undo: its charges, events, other spellings and
 * search documents; the actions and drafts of the urgent actions that are
 * for this case alone (the urgent actions stay: they are the campaign's);
 * the feed items linked to it. An urgent action for other cases too only
 * loses its link to this one. Call dossier_store_scrub() afterwards, so
 * that none of it stays readable in the file.
 */
gboolean
dossier_store_forget_case (DossierStore         *store,
                           const char           *case_id,
                           DossierForgetCounts  *counts,
                           GError              **error)
{
  DossierForgetCounts local_counts;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!dossier_store_begin (store, error))
    return FALSE;
  /* what a bulk transaction added to the index must be there to be taken out */
  if (!dossier_store_flush_search_index (store, error) ||
      !dossier_store_count_forget (store, case_id, counts ? counts : &local_counts, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (forget_sql); i++)
    {
      sqlite3_stmt *stmt = dossier_store_get_statement (store, forget_sql[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
      if (!dossier_store_run_statement (store, stmt, error))
        goto fail;
    }
  /* every kind may have lost rows, or links */
  dossier_store_ensure_kinds ();
  for (guint i = 0; i < DOSSIER_STORE_N_KINDS; i++)
    dossier_store_note_change (store, dossier_store_kind_infos[i].type);
  return dossier_store_commit (store, error);

fail:
  dossier_store_rollback (store);
  return FALSE;
}

static void
append_line (GString    *out,
             const char *prefix,
             char       *line)
{
  g_string_append_printf (out, "\n%s%s", prefix, line);
  g_free (line);
}

/**
 * dossier_forget_describe:
 * @bullet: what each line of the list starts with: "• ", "  "
 *
 * Returns: (transfer full): what forgetting takes with it, a line each,
 *   then what it leaves, in the window's language
 */
char *
dossier_forget_describe (const DossierForgetCounts *counts,
                         const char                *bullet)
{
  g_autoptr(GString) goes = g_string_new (NULL);
  GString *out;

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->charges)
    append_line (goes, bullet, g_strdup_printf (ngettext ("%u charge", "%u charges", counts->charges),
                                                counts->charges));
  if (counts->events)
    append_line (goes, bullet, g_strdup_printf (ngettext ("%u event of its timeline", "%u events of its timeline",
                                                          counts->events), counts->events));
  if (counts->actions)
    /* Translators: actions are letters sent, calls made… logged on the
     * urgent actions that are about this case alone */
    append_line (goes, bullet, g_strdup_printf (ngettext ("%u logged action, with its notes",
                                                          "%u logged actions, with their notes",
                                                          counts->actions), counts->actions));
  if (counts->drafts)
    append_line (goes, bullet, g_strdup_printf (ngettext ("%u draft", "%u drafts", counts->drafts),
                                                counts->drafts));
  if (counts->letters)
    /* Translators: the text of letters kept with those actions and drafts */
    append_line (goes, bullet, g_strdup_printf (ngettext ("%u letter as it was written",
                                                          "%u letters as they were written",
                                                          counts->letters), counts->letters));
  if (counts->updates)
    append_line (goes, bullet, g_strdup_printf (ngettext ("%u update from a feed, linked to it",
                                                          "%u updates from feeds, linked to it",
                                                          counts->updates), counts->updates));

  out = g_string_new (goes->len ? _("With it go:") : _("Nothing else is linked to it."));
  g_string_append (out, goes->str);
  if (counts->uas_emptied || counts->uas_unlinked)
    g_string_append_c (out, '\n');
  if (counts->uas_emptied)
    append_line (out, "",
                 g_strdup_printf (ngettext ("%u urgent action about this case alone stays, without its "
                                            "actions: it is the campaign’s, and may still name the person. "
                                            "Delete it from its page if it should go too.",
                                            "%u urgent actions about this case alone stay, without their "
                                            "actions: they are the campaign’s, and may still name the "
                                            "person. Delete them from their pages if they should go too.",
                                            counts->uas_emptied), counts->uas_emptied));
  if (counts->uas_unlinked)
    append_line (out, "",
                 g_strdup_printf (ngettext ("%u urgent action about other cases too stays, with its "
                                            "actions; it only loses its link to this case.",
                                            "%u urgent actions about other cases too stay, with their "
                                            "actions; they only lose their link to this case.",
                                            counts->uas_unlinked), counts->uas_unlinked));
  return g_string_free (out, FALSE);
}

/**
 * dossier_store_scrub:
 *
 * Leaves no readable copy of what was deleted in the store's files: each
 * search index is merged into one segment (FTS5 'optimize'), which drops
 * the words of documents taken out, and the -wal file is checkpointed and
 * emptied. Nothing changes for a person using the store. Takes seconds
 * on a large store: see dossier_store_scrub_async(). Does nothing on a
 * store opened for reading only.
 */
gboolean
dossier_store_scrub (DossierStore  *store,
                     GError       **error)
{
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (store->depth == 0, FALSE);

  if (store->read_only)
    return TRUE;
  dossier_store_ensure_kinds ();
  for (guint i = 0; i < DOSSIER_STORE_N_SEARCHED; i++)
    {
      const char *table = dossier_store_kind_infos[dossier_store_search_order[i]].search_table;
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES ('optimize')", table, table);

      if (!dossier_store_exec (store, sql, error))
        return FALSE;
    }
  rc = sqlite3_wal_checkpoint_v2 (store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* One scrub at a time, each whole: one that starts while another runs
 * could find the write lock taken and give up on the checkpoint. */
static GMutex scrub_lock;

/* How many times a scrub that found the store busy (an import writing
 * for longer than the busy timeout) tries again. */
#define SCRUB_TRIES 12

static void
scrub_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&scrub_lock);
  g_autoptr(DossierStore) store = NULL;
  GError *error = NULL;

  if (!(store = dossier_store_open_full (data, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint tries = 1; !dossier_store_scrub (store, &error); tries++)
    {
      if (tries >= SCRUB_TRIES || !g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_BUSY))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * dossier_store_scrub_async:
 *
 * Runs dossier_store_scrub() in a worker thread, through a connection of
 * its own to @store's file; scrubs run one after another. @store is only
 * used from the caller's thread.
 */
void
dossier_store_scrub_async (DossierStore        *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DOSSIER_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_store_scrub_async);
  if (store->read_only)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, g_strdup (store->path), g_free);
  g_task_run_in_thread (task, scrub_in_thread);
}

gboolean
dossier_store_scrub_finish (DossierStore  *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_store_scrub_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
