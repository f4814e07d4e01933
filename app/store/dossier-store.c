/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dossier-progress.h"
#include "dossier-search-private.h"
#include "dossier-store.h"
#include "dossier-store-private.h"

/* The only layer that speaks SQL (dossier-store-private.h lists its
 * files). This one opens the store, turns SQLite's errors into messages,
 * keeps the prepared statements and runs the transactions: the outermost
 * one takes the write lock at once, nested ones are savepoints, and
 * ::changed is emitted when the outermost commits. */


G_DEFINE_FINAL_TYPE (DossierStore, dossier_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (dossier-store-error-quark, dossier_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each named constraint of dossier-schema.c means to a person. */
static const struct {
  const char *constraint;
  const char *message;
} constraint_messages[] = {
  { "id_required", N_("A record needs an id.") },
  { "created_at_valid", N_("The creation time of the record is not valid.") },
  { "updated_at_valid", N_("The update time of the record is not valid.") },
  { "case_sources_list", N_("The sources of a case must be a list.") },
  { "case_translations_object", N_("The translations of a case must be a JSON object.") },
  { "charge_translations_object", N_("The translations of a charge must be a JSON object.") },
  { "target_translations_object", N_("The translations of a target must be a JSON object.") },
  { "ua_translations_object", N_("The translations of an urgent action must be a JSON object.") },
  { "target_handles_list", N_("The social-media handles of a target must be a list.") },
  { "target_sources_list", N_("The sources of a target must be a list.") },
  { "ua_sources_list", N_("The sources of an urgent action must be a list.") },
  /* Translators: keep YYYY, YYYY-MM and YYYY-MM-DD as they are */
  { "target_held_from_valid", N_("The year the office was taken must be written YYYY, YYYY-MM or YYYY-MM-DD.") },
  /* Translators: keep YYYY, YYYY-MM and YYYY-MM-DD as they are */
  { "target_held_to_valid", N_("The year the office was left must be written YYYY, YYYY-MM or YYYY-MM-DD.") },
  { "ua_kind_known", N_("The kind of the urgent action is not one Dossier knows.") },
  { "case_tags_list", N_("The tags of a case must be a list.") },
  { "ua_key_points_list", N_("The key points of an urgent action must be a list.") },
  { "ua_languages_list", N_("The languages of an urgent action must be a list.") },
  { "ua_posts_list", N_("The suggested posts of an urgent action must be a list.") },
  { "ua_language_code", N_("The language of an urgent action must be a language code such as “en” or “kk”.") },
  { "ua_hashtags_list", N_("The hashtags of an urgent action must be a list.") },
  { "feed_last_fetch_valid", N_("The time of the feed’s last fetch is not valid.") },
  { "feed_next_fetch_valid", N_("The time of the feed’s next fetch is not valid.") },
  { "case_name_required", N_("A case needs a name.") },
  { "cases.name", N_("A case needs a name.") },
  { "case_role_known", N_("The role of the case is not one Dossier knows.") },
  { "case_status_known", N_("The status of the case is not one Dossier knows.") },
  { "cases.status", N_("A case needs a status.") },
  { "case_other_name_required", N_("Another spelling of a name cannot be empty.") },
  { "case_names.name", N_("Another spelling of a name cannot be empty.") },
  { "charge_described", N_("A charge needs an article or a description.") },
  { "charges.case_id", N_("A charge must belong to a case.") },
  { "event_kind_known", N_("The kind of the case event is not one Dossier knows.") },
  { "case_events.kind", N_("A case event needs a kind.") },
  { "event_date_valid", N_("A case event needs a real date, written YYYY-MM-DD.") },
  { "case_events.date", N_("A case event needs a date.") },
  { "case_events.case_id", N_("A case event must belong to a case.") },
  { "event_status_known", N_("The new status of the case event is not one Dossier knows.") },
  { "target_name_required", N_("A target needs a name.") },
  { "targets.name", N_("A target needs a name.") },
  { "target_email_valid", N_("The email address of the target is not valid.") },
  { "ua_reference_required", N_("An urgent action needs a reference, such as “UA 065/20”.") },
  { "urgent_actions.reference", N_("An urgent action needs a reference, such as “UA 065/20”.") },
  { "unique:urgent_actions.reference", N_("Another urgent action already has this reference.") },
  { "unique:urgent_actions.reference_key", N_("Another urgent action already has this reference.") },
  { "ua_issued_valid", N_("The issue date of the urgent action is not a real date.") },
  { "ua_deadline_valid", N_("The deadline of the urgent action is not a real date.") },
  { "ua_deadline_after_issued", N_("The deadline of an urgent action cannot be before its issue date.") },
  { "ua_status_known", N_("The status of the urgent action is not one Dossier knows.") },
  { "urgent_actions.status", N_("An urgent action needs a status.") },
  { "ua_documents_object", N_("The document links of the urgent action are not valid.") },
  { "ua_goal_positive", N_("The letter goal cannot be negative.") },
  { "unique:ua_cases.case_id", N_("The same case is listed twice on one urgent action.") },
  { "unique:ua_targets.target_id", N_("The same target is listed twice on one urgent action.") },
  { "action_channel_known", N_("An action needs a channel: letter, email, fax, phone call, post, petition, card or meeting.") },
  { "actions.channel", N_("An action needs a channel: letter, email, fax, phone call, post, petition, card or meeting.") },
  { "action_date_valid", N_("An action needs a real date, written YYYY-MM-DD.") },
  { "actions.date", N_("An action needs a date.") },
  { "action_state_known", N_("The state of the action is not one Dossier knows.") },
  { "actions.state", N_("An action needs a state.") },
  { "action_reply_date_valid", N_("The reply date of the action is not a real date.") },
  { "action_cost_positive", N_("The cost of an action cannot be negative.") },
  { "action_signature_known", N_("The signature of the action is not one Dossier knows.") },
  { "feed_url_valid", N_("A feed needs a web address starting with https:// or http://.") },
  { "feeds.url", N_("A feed needs a web address starting with https:// or http://.") },
  { "unique:feeds.url", N_("You are already subscribed to this feed.") },
  { "unique:feeds.title", N_("The news of another imported campaign with this title are already in the store.") },
  { "feed_file_titled", N_("The news of an imported campaign need the campaign’s title.") },
  { "feed_format_known", N_("The format of the feed is not one Dossier reads.") },
  { "feed_interval_positive", N_("The refresh interval of a feed cannot be negative.") },
  { "feed_failures_positive", N_("The failure count of a feed cannot be negative.") },
  { "feed_proxy_known", N_("The proxy choice of the feed is not one Dossier knows.") },
  { "feed_signing_known", N_("Whether the feed is signed is not said in a way Dossier knows.") },
  { "feed_public_key_valid", N_("The key of a signed feed must be a minisign public key, starting with “RW”.") },
  { "feed_next_key_valid", N_("The next key of a signed feed must be a minisign public key, starting with “RW”.") },
  { "feed_signed_has_key", N_("A signed feed needs its key, and only a signed feed has one.") },
  { "report_id_required", N_("A volunteer’s report needs its id.") },
  { "report_detail_known", N_("A volunteer’s report is either full or counts only.") },
  { "report_from_valid", N_("The first day of a volunteer’s report is not a real date.") },
  { "report_to_valid", N_("The last day of a volunteer’s report is not a real date.") },
  { "report_imported_valid", N_("The time a volunteer’s report was imported is not valid.") },
  { "reported_ua_required", N_("Each action of a report must name its urgent action.") },
  { "reported_channel_known", N_("An action of a report has a channel Dossier does not know.") },
  { "reported_state_known", N_("An action of a report must be sent, replied to or returned.") },
  { "reported_date_valid", N_("An action of a report needs a real date, written YYYY-MM-DD.") },
  { "reported_week_monday", N_("An action of a report must fall in a real week.") },
  { "reported_signature_known", N_("An action of a report has a kind of signature Dossier does not know.") },
  { "reported_count_range", N_("A count in a report must be between 1 and 1,000,000.") },
  { "feed_key_origin_known", N_("Where the feed’s key came from is not said in a way Dossier knows.") },
  { "feed_signed_at_positive", N_("The time of the feed’s last signature cannot be negative.") },
  { "feed_item_guid_required", N_("A feed item needs an id.") },
  { "feed_items.guid", N_("A feed item needs an id.") },
  { "feed_items.feed_id", N_("A feed item must belong to a feed.") },
  { "unique:feed_items.guid", N_("The feed already has an item with this id.") },
  { "feed_item_published_valid", N_("The publication time of the feed item is not valid.") },
  { "feed_item_modified_valid", N_("The update time of the feed item is not valid.") },
};

/* For tests: whether a constraint of the schema has a message. */
const char *
dossier_store_describe_constraint (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (constraint_messages); i++)
    if (g_str_equal (constraint_messages[i].constraint, name))
      return constraint_messages[i].message;
  return NULL;
}

const char *
dossier_store_constraint_message (const char *detail)
{
  for (guint i = 0; i < G_N_ELEMENTS (constraint_messages); i++)
    if (g_str_equal (constraint_messages[i].constraint, detail))
      return _(constraint_messages[i].message);
  return NULL;
}

/* Turns the connection's last error into a GError a window can show. */
void
dossier_store_set_error (DossierStore  *self,
                         int            rc,
                         GError       **error)
{
  const char *msg = sqlite3_errmsg (self->db);
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_CONSTRAINT:
      {
        const char *detail = NULL;
        const char *message = NULL;

        /* "CHECK constraint failed: name", "NOT NULL constraint failed: t.c",
         * "UNIQUE constraint failed: t.c, t.d": a uniqueness rule is looked
         * up as "unique:" and its last column */
        if ((detail = strstr (msg, "failed: ")) != NULL)
          {
            g_autofree char *key = NULL;

            detail += strlen ("failed: ");
            if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
              {
                const char *last = strrchr (detail, ' ');
                key = g_strconcat ("unique:", last ? last + 1 : detail, NULL);
              }
            else
              key = g_strdup (detail);
            message = dossier_store_constraint_message (key);
          }
        if (message == NULL && rc == SQLITE_CONSTRAINT_FOREIGNKEY)
          message = _("The record refers to a case, urgent action, target or feed that is not in the store.");
        if (message == NULL && rc == SQLITE_CONSTRAINT_PRIMARYKEY && strstr (msg, ".id") != NULL)
          {
            g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_EXISTS,
                                 _("A record with this id is already in the store."));
            return;
          }
        if (message)
          g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT, message);
        else
          /* Translators: %s is SQLite's own description of the broken rule */
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT,
                       _("The record breaks a rule of the store (%s)."), msg);
      }
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_BUSY,
                           _("Another program is using the store. Close other copies of Dossier and try again."));
      break;

    case SQLITE_FULL:
      g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FULL,
                           _("The disk is full: nothing was saved."));
      break;

    case SQLITE_READONLY:
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is the path of the store's file */
                   _("The store “%s” cannot be written: it is on a read-only disk, or the file is read-only."),
                   self->path);
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_debug ("SQLite reports a damaged store (%d): %s", rc, msg);
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE,
                   /* Translators: %s is the path of the file */
                   _("“%s” is not a Dossier store, or it is damaged."), self->path);
      break;

    default:
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                   /* Translators: %s is SQLite's own error message, in English */
                   _("The store reported an error: %s"), msg);
    }
}

sqlite3_stmt *
dossier_store_get_statement (DossierStore  *self,
                             const char    *sql,
                             GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
dossier_store_release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs a statement that returns no rows. */
gboolean
dossier_store_run_statement (DossierStore  *self,
                             sqlite3_stmt  *stmt,
                             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      dossier_store_release_statement (stmt);
      return FALSE;
    }
  dossier_store_release_statement (stmt);
  return TRUE;
}

gboolean
dossier_store_exec (DossierStore  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

void
dossier_store_note_change (DossierStore *self,
                           GType         kind)
{
  for (guint i = 0; i < self->pending->len; i++)
    if (g_array_index (self->pending, GType, i) == kind)
      return;
  g_array_append_val (self->pending, kind);
}

static void
emit_pending (DossierStore *self)
{
  g_autoptr(GArray) pending = self->pending;

  self->pending = g_array_new (FALSE, FALSE, sizeof (GType));
  for (guint i = 0; i < pending->len; i++)
    g_signal_emit (self, signals[CHANGED], 0, g_array_index (pending, GType, i));
}

/* On some errors (disk full, I/O, out of memory) SQLite rolls back the
 * whole transaction itself. Then every savepoint still counted is gone: the
 * writes grouped with the failed one are undone too, so the group is marked
 * aborted and refuses further writes and its commit until it is closed. */
static void
check_transaction_lost (DossierStore *self)
{
  if (self->depth > 0 && sqlite3_get_autocommit (self->db))
    self->aborted = TRUE;
}

static void
set_aborted_error (GError **error)
{
  g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                       _("An earlier error undid this group of changes: nothing of it was saved."));
}

static void
close_level (DossierStore *self)
{
  g_assert (self->depth > 0);

  self->depth--;
  g_array_set_size (self->marks, self->depth);
  if (self->depth == 0)
    {
      self->aborted = FALSE;
      self->bulk = FALSE;
      self->deferring = FALSE;
      g_hash_table_remove_all (self->parked);
    }
}

/* The outermost level is a transaction that takes the write lock at once
 * (BEGIN IMMEDIATE): it waits for another writer as long as the busy
 * timeout allows, where a deferred one that read first would fail at once
 * when another process commits in between. Nested levels are savepoints,
 * but for a bulk transaction (dossier_store_begin_bulk()), whose writes are
 * all or nothing anyway: there a savepoint per record would only make the
 * search index flush at every record. */
gboolean
dossier_store_savepoint (DossierStore  *self,
                         GError       **error)
{
  guint mark = self->pending->len;

  check_transaction_lost (self);
  if (self->aborted)
    {
      set_aborted_error (error);
      return FALSE;
    }
  if (self->depth == 0)
    {
      if (!dossier_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else if (!self->bulk && !dossier_store_exec (self, "SAVEPOINT dossier", error))
    return FALSE;
  g_array_append_val (self->marks, mark);
  self->depth++;
  return TRUE;
}

gboolean
dossier_store_release (DossierStore  *self,
                       GError       **error)
{
  g_assert (self->depth > 0);

  check_transaction_lost (self);
  if (self->aborted)
    {
      if (self->depth == 1 && !sqlite3_get_autocommit (self->db))
        dossier_store_exec (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      set_aborted_error (error);
      return FALSE;
    }
  if (self->depth > 1)
    {
      if (!self->bulk && !dossier_store_exec (self, "RELEASE dossier", error))
        {
          dossier_store_exec (self, "ROLLBACK TO dossier", NULL);
          dossier_store_exec (self, "RELEASE dossier", NULL);
          check_transaction_lost (self);
          g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
          close_level (self);
          return FALSE;
        }
      close_level (self);
      return TRUE;
    }
  if (self->deferring &&
      (!dossier_store_flush_search_index (self, error) ||
       !dossier_store_exec (self, "UPDATE search_state SET deferred = 0", error)))
    {
      if (!sqlite3_get_autocommit (self->db))
        dossier_store_exec (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      return FALSE;
    }
  if (g_hash_table_size (self->parked) > 0)
    {
      /* a reference released and never taken back: a bug, not the user's */
      g_critical ("%u urgent actions were left without their reference", g_hash_table_size (self->parked));
      dossier_store_exec (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      set_aborted_error (error);
      return FALSE;
    }
  if (!dossier_store_exec (self, "COMMIT", error))
    {
      /* a failed COMMIT (disk full, say) leaves nothing half-written */
      if (!sqlite3_get_autocommit (self->db))
        dossier_store_exec (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      return FALSE;
    }
  close_level (self);
  emit_pending (self);
  return TRUE;
}

void
dossier_store_rollback_level (DossierStore *self)
{
  g_assert (self->depth > 0);

  check_transaction_lost (self);
  if (self->depth == 1)
    {
      if (!sqlite3_get_autocommit (self->db))
        dossier_store_exec (self, "ROLLBACK", NULL);
    }
  else if (self->bulk)
    /* nothing to go back to but the start: the whole transaction fails */
    self->aborted = TRUE;
  else if (!self->aborted)
    {
      dossier_store_exec (self, "ROLLBACK TO dossier", NULL);
      dossier_store_exec (self, "RELEASE dossier", NULL);
    }
  /* what was undone is not announced */
  g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
  close_level (self);
}

gboolean
dossier_store_query_int (DossierStore  *self,
                         const char    *sql,
                         int           *value,
                         GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
dossier_store_finalize (GObject *object)
{
  DossierStore *self = DOSSIER_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    {
      /* leave no copy of deleted pages in the -wal file */
      if (self->schema_version > 0 && !self->read_only)
        sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->parked, g_hash_table_unref);
  g_clear_pointer (&self->nullable, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dossier_store_parent_class)->finalize (object);
}

static void
dossier_store_class_init (DossierStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_store_finalize;

  /**
   * DossierStore::changed:
   * @kind: the GType of the records that changed
   *
   * Emitted after a write is committed, once per kind it touched.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_GTYPE);

  dossier_store_ensure_kinds ();
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
dossier_store_init (DossierStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->pending = g_array_new (FALSE, FALSE, sizeof (GType));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->parked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->nullable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Where a profile keeps its store: DATA_DIR/dossier.db, or the user's data
 * directory when @data_dir is NULL. */
char *
dossier_store_default_path (const char *data_dir)
{
  if (data_dir != NULL)
    return g_build_filename (data_dir, "dossier.db", NULL);
  return g_build_filename (g_get_user_data_dir (), "dossier", "dossier.db", NULL);
}

static gboolean
configure (DossierStore  *self,
           int            busy_ms,
           GError       **error)
{
  g_autofree char *busy = g_strdup_printf ("PRAGMA busy_timeout = %d", busy_ms);

  /* Nothing is written before the version is known to be one we read:
   * even switching to WAL would change a newer Dossier's file. */
  if (!dossier_store_exec (self, busy, error) ||
      !dossier_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* deleted records are overwritten, not left in free pages */
      !dossier_store_exec (self, "PRAGMA secure_delete = ON", error) ||
      /* the pages Progress reads at every filter stay in memory: with
       * SQLite's 2 MiB the campaign's tallies of a million actions were
       * read from the file again each time (25 ms, 20 of them in pread) */
      !dossier_store_exec (self, "PRAGMA cache_size = -16384", error) ||
      !dossier_store_read_version (self, error))
    return FALSE;

  if (self->read_only)
    {
      if (self->schema_version < DOSSIER_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_READ_ONLY,
                       /* Translators: %s is the path of the store's file */
                       _("The store “%s” is in an older format, and it cannot be brought up to date "
                         "because it cannot be written (a read-only disk or file). Open it once "
                         "where it can be written."), self->path);
          return FALSE;
        }
      return TRUE;
    }
  return dossier_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         /* FULL: a committed action survives a power cut, not only a crash */
         dossier_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         dossier_store_migrate (self, error) &&
         /* what a bulk transaction wrote, for the search index at its commit */
         dossier_store_exec (self,
                   "CREATE TEMP TABLE IF NOT EXISTS search_old (kind INTEGER NOT NULL,"
                   " docid INTEGER NOT NULL, names TEXT, body TEXT, names_key TEXT, body_key TEXT,"
                   " PRIMARY KEY (kind, docid));"
                   "CREATE TEMP TABLE IF NOT EXISTS search_new (kind INTEGER NOT NULL,"
                   " record_id TEXT NOT NULL, PRIMARY KEY (kind, record_id))", error);
}


static int
on_profile_cb (unsigned int  type,
               void         *data,
               void         *statement,
               void         *nanoseconds)
{
  double ms = *(sqlite3_int64 *) nanoseconds / 1e6;

  if (ms >= GPOINTER_TO_INT (data))
    g_debug ("%.1f ms: %s", ms, sqlite3_sql (statement));
  return 0;
}

static gboolean
open_database (DossierStore  *self,
               gboolean       immutable,
               GError       **error)
{
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  g_autofree char *name = NULL;
  int rc;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  if (self->db)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  flags |= self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (immutable)
    {
      /* on a read-only disk SQLite cannot make the shared-memory file a
       * WAL store needs: nobody can change the file there, so it may be
       * read as it is */
      g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);

      if (uri == NULL)
        uri = g_strconcat ("file:", self->path, NULL);
      name = g_strconcat (uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_URI;
    }
  else
    name = g_strdup (self->path);

  rc = sqlite3_open_v2 (name, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_OPEN,
                   _("Could not open the store “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  /* for whoever looks for what is slow: DOSSIER_SLOW_SQL_MS=N logs, as
   * debug messages, each statement that ran N ms or more (its SQL, not
   * its values) */
  if (g_getenv ("DOSSIER_SLOW_SQL_MS"))
    sqlite3_trace_v2 (self->db, SQLITE_TRACE_PROFILE, on_profile_cb,
                      GINT_TO_POINTER (MAX (atoi (g_getenv ("DOSSIER_SLOW_SQL_MS")), 0)));

  /* search ranks with a function of its own (dossier-search.c) */
  if (dossier_search_register_rank (self->db) != SQLITE_OK)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                   _("The store reported an error: %s"),
                   "SQLite has no full-text search (FTS5)");
      return FALSE;
    }
  /* for `dossier check`: finds text the store would not take now */
  sqlite3_create_function (self->db, "dossier_text_bad", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, dossier_store_text_bad_function, NULL, NULL);
  return TRUE;
}

/* Configures and migrates, trying again while another process holds a
 * lock SQLite does not wait for (switching to WAL, a first migration), but
 * never for longer than DOSSIER_STORE_OPEN_TIMEOUT_MS in all. */
static gboolean
configure_within_deadline (DossierStore  *self,
                           GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + DOSSIER_STORE_OPEN_TIMEOUT_MS * 1000;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

      if (configure (self, (int) CLAMP (left, 1, DOSSIER_STORE_OPEN_TIMEOUT_MS), &local_error))
        break;
      if (!g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_BUSY,
                       /* Translators: %s is the path of the store's file, %d a number of seconds */
                       _("Another program holds the store “%s” and did not let go of it within "
                         "%d seconds. Close other copies of Dossier, or wait for them to finish, "
                         "and try again."),
                       self->path, DOSSIER_STORE_OPEN_TIMEOUT_MS / 1000);
          return FALSE;
        }
      g_usleep (50 * 1000);
    }

  /* from now on a write waits for another writer this long */
  return dossier_store_exec (self, "PRAGMA busy_timeout = " G_STRINGIFY (DOSSIER_STORE_BUSY_TIMEOUT_MS), error);
}

/* Which columns of the kinds' tables may hold NULL, as the schema says:
 * pages are read by key through an index only on columns that cannot. */
static gboolean
read_nullable_columns (DossierStore  *self,
                       GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT name FROM pragma_table_info (?1) WHERE \"notnull\" = 0",
                           -1, &stmt, NULL);
  for (guint k = 0; rc == SQLITE_OK && k < DOSSIER_STORE_N_KINDS; k++)
    {
      const char *table = dossier_store_kind_infos[k].table;

      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (self->nullable, g_strconcat (table, ".", sqlite3_column_text (stmt, 0), NULL));
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_column_is_nullable (DossierStore *self,
                                  const char   *table,
                                  const char   *column)
{
  g_autofree char *key = g_strconcat (table, ".", column, NULL);

  return g_hash_table_contains (self->nullable, key);
}

/**
 * dossier_store_open:
 *
 * Opens the store at @path, creating it (mode 0600, in a directory of mode
 * 0700) when it does not exist, and migrates it to the current schema.
 */
DossierStore *
dossier_store_open (const char  *path,
                    GError     **error)
{
  return dossier_store_open_full (path, DOSSIER_STORE_OPEN_DEFAULT, NULL, NULL, error);
}

/**
 * dossier_store_open_full:
 * @flags: whether a missing store is created, and whether the caller only
 *   reads
 * @progress: (nullable): told what a migration is doing and how far it is
 *
 * Opens the store at @path as dossier_store_open() does. With
 * %DOSSIER_STORE_OPEN_EXISTING a missing store is an error
 * (%DOSSIER_STORE_ERROR_MISSING), not a new empty one. With
 * %DOSSIER_STORE_OPEN_READING, too, and a store that cannot be written (a
 * read-only disk or file) is opened for reading only. Gives up after
 * %DOSSIER_STORE_OPEN_TIMEOUT_MS when another program holds the store.
 * Migrating a large store takes seconds: where a window waits, open it in
 * a worker thread.
 */
DossierStore *
dossier_store_open_full (const char                *path,
                         DossierStoreOpenFlags      flags,
                         DossierStoreProgressFunc   progress,
                         gpointer                   progress_data,
                         GError                   **error)
{
  g_autoptr(DossierStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean must_exist = (flags & (DOSSIER_STORE_OPEN_EXISTING | DOSSIER_STORE_OPEN_READING)) != 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (must_exist)
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_MISSING,
                       /* Translators: %s is the path of the store's file */
                       _("There is no store at “%s”."), path);
          return NULL;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_OPEN,
                       /* Translators: the first %s is a folder, the second the system's reason */
                       _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  /* Create the file ourselves so that it is private from its first byte;
   * SQLite gives its -wal and -shm files the same mode. Only a new file is
   * opened here: closing a descriptor of a file drops every POSIX lock the
   * process holds on it, those of another connection (the window's, while
   * an import opens one of its own) included, and another process could
   * then take the store for unused and clear its WAL under that
   * connection. */
  if (!must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        {
          int saved = errno;
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_OPEN,
                       /* Translators: the first %s is a file, the second the system's reason */
                       _("Could not open the store “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (fd >= 0)
        close (fd);
    }

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, DOSSIER_STORE_ERROR,
                   saved == ENOENT ? DOSSIER_STORE_ERROR_MISSING : DOSSIER_STORE_ERROR_OPEN,
                   _("Could not open the store “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if ((flags & DOSSIER_STORE_OPEN_READING) && g_access (path, W_OK) != 0 &&
      (errno == EROFS || errno == EACCES || errno == EPERM))
    self->read_only = TRUE;
  /* A store copied or restored from elsewhere may be readable by others:
   * make it private again, with the journal files SQLite derives from it */
  else if (st.st_uid == getuid () && (st.st_mode & 0077) != 0)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      if (g_chmod (path, 0600) != 0)
        g_debug ("Could not make the store private: %s", g_strerror (errno));
      g_chmod (wal, 0600);
      g_chmod (shm, 0600);
    }

  self->progress = progress;
  self->progress_data = progress_data;
  if (!open_database (self, FALSE, error))
    return NULL;
  if (!configure_within_deadline (self, &local_error))
    {
      /* read-only: a WAL store whose shared-memory file cannot be made */
      if (!self->read_only ||
          g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_READ_ONLY) ||
          g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_TOO_NEW) ||
          g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
      if (!open_database (self, TRUE, error) ||
          !configure_within_deadline (self, error))
        return NULL;
    }
  self->progress = NULL;
  self->progress_data = NULL;
  dossier_store_ensure_kinds ();
  if (!read_nullable_columns (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct {
  char                  *path;
  DossierStoreOpenFlags  flags;
  DossierProgressRelay  *relay;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->path);
  if (open->relay)
    {
      dossier_progress_relay_stop (open->relay);
      dossier_progress_relay_unref (open->relay);
    }
  g_free (open);
}

static void
on_open_progress (const char *what,
                  double      fraction,
                  gpointer    data)
{
  dossier_progress_relay_report (data, what, fraction);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *open = task_data;
  GError *error = NULL;
  DossierStore *store;

  store = dossier_store_open_full (open->path, open->flags,
                                   open->relay ? on_open_progress : NULL, open->relay, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * dossier_store_open_async:
 * @progress: (nullable): told in the caller's main context what a
 *   migration is doing and how far it is
 *
 * Opens the store as dossier_store_open_full() does, in a worker thread:
 * a first start on a large store of an older format migrates it, which
 * takes seconds, while the window goes on drawing. The store returned is
 * then used from the caller's thread only.
 */
void
dossier_store_open_async (const char               *path,
                          DossierStoreOpenFlags     flags,
                          DossierStoreProgressFunc  progress,
                          gpointer                  progress_data,
                          GDestroyNotify            progress_destroy,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_store_open_async);
  open = g_new0 (OpenData, 1);
  open->path = g_strdup (path);
  open->flags = flags;
  if (progress)
    open->relay = dossier_progress_relay_new (progress, progress_data, progress_destroy);
  else if (progress_destroy)
    progress_destroy (progress_data);
  g_task_set_task_data (task, open, open_data_free);
  g_task_run_in_thread (task, open_in_thread);
}

DossierStore *
dossier_store_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dossier_store_notify_changed:
 *
 * Says that records of @kind changed through another connection to the
 * same file (an import in a worker thread): ::changed is emitted, as for
 * a write of this one, and the lists read again.
 */
void
dossier_store_notify_changed (DossierStore *self,
                              GType         kind)
{
  g_return_if_fail (DOSSIER_IS_STORE (self));
  g_return_if_fail (self->depth == 0);

  g_signal_emit (self, signals[CHANGED], 0, kind);
}

/* Whether the store was opened for reading only (dossier_store_open_full()). */
gboolean
dossier_store_is_read_only (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  return self->read_only;
}

const char *
dossier_store_get_path (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  return self->path;
}

int
dossier_store_get_schema_version (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * dossier_store_begin:
 *
 * Opens a transaction (or a nested one): the writes until the matching
 * dossier_store_commit() land together or not at all, and ::changed is
 * emitted once, when the outermost one commits.
 */
gboolean
dossier_store_begin (DossierStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  return dossier_store_savepoint (self, error);
}

/**
 * dossier_store_begin_bulk:
 *
 * Opens a transaction for many writes that land together or not at all
 * (an import): the same as dossier_store_begin(), but the writes inside
 * open no savepoints of their own. A write that fails inside it cannot be
 * undone alone: the whole transaction then refuses to commit.
 *
 * Inside a bulk transaction, it opens a level of it: a feed's refresh
 * imports its campaign and updates the feed in one transaction.
 */
gboolean
dossier_store_begin_bulk (DossierStore  *self,
                          GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0 || self->bulk, FALSE);

  if (self->depth > 0)
    return dossier_store_savepoint (self, error);
  if (!dossier_store_savepoint (self, error))
    return FALSE;
  self->bulk = TRUE;
  /* the search index waits for the commit; only this transaction sees
   * the flag, and it is cleared before the commit */
  if (!dossier_store_exec (self, "UPDATE search_state SET deferred = 1", error))
    {
      dossier_store_rollback_level (self);
      return FALSE;
    }
  self->deferring = TRUE;
  return TRUE;
}

gboolean
dossier_store_commit (DossierStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  return dossier_store_release (self, error);
}

void
dossier_store_rollback (DossierStore *self)
{
  g_return_if_fail (DOSSIER_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  dossier_store_rollback_level (self);
}
