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

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-links.h"
#include "dossier-schema-private.h"
#include "dossier-search-private.h"
#include "dossier-store.h"
#include "dossier-store-private.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* The only place that speaks SQL.
 *
 * Statements are built once per record kind from the kind's field table
 * (app/core/dossier-record.h) and prepared once per connection; columns are
 * read through that same table, so a SELECT and the code reading it cannot
 * drift apart. Every write runs inside a savepoint: a record is written
 * whole, with its links, or not at all. */

/* Columns every table starts with, in this order. */
enum {
  COLUMN_ID,
  COLUMN_CREATED_AT,
  COLUMN_UPDATED_AT,
  N_RECORD_COLUMNS
};

typedef struct
{
  GType               type;
  const char         *table;
  DossierRecordClass *klass;
  int                *field_column;  /* per field: its column in select_sql, or -1 (links) */
  char               *select_sql;    /* "SELECT <columns> FROM <table> AS t" */
  char               *fetch_sql;
  char               *insert_sql;
  char               *update_sql;
  char               *delete_sql;
  char               *exists_sql;
  /* urgent actions: the key of the reference (dossier_reference_key()),
   * written beside the fields, the parameter it is bound to */
  int                 key_param;
  /* kinds that are searched: their index (dossier-schema.c, version 2) */
  char               *search_table;
  char               *search_read_sql;
  char               *search_write_sql;
  char               *search_sql;
  /* while a bulk transaction defers the index: see flush_search_index() */
  int                 search_kind;       /* position in search_order */
  char               *search_keep_old_sql;
  char               *search_note_new_sql;
  char               *search_flush_old_sql;
  char               *search_flush_new_sql;
} KindInfo;

struct _DossierStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;    /* SQL → sqlite3_stmt* */
  guint       depth;         /* nested savepoints open */
  GArray     *pending;       /* kinds changed in the open transaction */
  GArray     *marks;         /* pending->len when each savepoint opened */
  gboolean    aborted;       /* SQLite rolled the whole transaction back */
  gboolean    bulk;          /* the open transaction has no savepoints inside */
  gboolean    deferring;     /* ...and defers the search index to its commit */
  GHashTable *parked;        /* ids of UAs whose reference was released, to be written again */
  gboolean    read_only;     /* opened without write access */
  /* while opening: who hears how a migration goes */
  DossierStoreProgressFunc progress;
  gpointer    progress_data;
  int         schema_version;
};

/* PRAGMA application_id of a Dossier store: "Doss" */
#define DOSSIER_STORE_APPLICATION_ID 1148154739

G_DEFINE_FINAL_TYPE (DossierStore, dossier_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (dossier-store-error-quark, dossier_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KindInfo kinds[7 + 1];
static GType kind_types[G_N_ELEMENTS (kinds)];

/* The kinds search looks through, in the order their hits are returned:
 * cases, urgent actions, targets, case events, feed items (indexes into
 * kinds[], set in ensure_kinds()). */
static const guint search_order[] = { 0, 4, 3, 2, 7 };

/* What each named constraint of dossier-schema.c means to a person. */
static const struct {
  const char *constraint;
  const char *message;
} constraint_messages[] = {
  { "id_required", N_("A record needs an id.") },
  { "created_at_valid", N_("The creation time of the record is not valid.") },
  { "updated_at_valid", N_("The update time of the record is not valid.") },
  { "case_sources_list", N_("The sources of a case must be a list of addresses.") },
  { "case_tags_list", N_("The tags of a case must be a list.") },
  { "ua_key_points_list", N_("The key points of an urgent action must be a list.") },
  { "ua_languages_list", N_("The languages of an urgent action must be a list.") },
  { "ua_posts_list", N_("The suggested posts of an urgent action must be a list.") },
  { "ua_hashtags_list", N_("The hashtags of an urgent action must be a list.") },
  { "feed_last_fetch_valid", N_("The time of the feed’s last fetch is not valid.") },
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
  { "feed_format_known", N_("The format of the feed is not one Dossier reads.") },
  { "feed_interval_positive", N_("The refresh interval of a feed cannot be negative.") },
  { "feed_failures_positive", N_("The failure count of a feed cannot be negative.") },
  { "feed_proxy_known", N_("The proxy choice of the feed is not one Dossier knows.") },
  { "feed_item_guid_required", N_("A feed item needs an id.") },
  { "feed_items.guid", N_("A feed item needs an id.") },
  { "feed_items.feed_id", N_("A feed item must belong to a feed.") },
  { "unique:feed_items.guid", N_("The feed already has an item with this id.") },
  { "feed_item_published_valid", N_("The publication time of the feed item is not valid.") },
  { "feed_item_modified_valid", N_("The update time of the feed item is not valid.") },
};

static void
init_kind (KindInfo   *info,
           GType       type,
           const char *table)
{
  g_autoptr(GString) columns = g_string_new ("id, created_at, updated_at");
  g_autoptr(GString) placeholders = g_string_new ("?, ?, ?");
  g_autoptr(GString) assignments = g_string_new ("updated_at = ?3");
  int column = N_RECORD_COLUMNS;

  info->type = type;
  info->table = table;
  info->klass = g_type_class_ref (type);
  info->field_column = g_new (int, info->klass->n_fields);

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      g_autofree char *name = g_strdelimit (g_strdup (field->name), "-", '_');

      if (field->type == DOSSIER_FIELD_LINKS)
        {
          info->field_column[i] = -1;
          continue;
        }
      info->field_column[i] = column++;
      g_string_append_printf (columns, ", %s", name);
      g_string_append_printf (placeholders, ", ?%d", info->field_column[i] + 1);
      g_string_append_printf (assignments, ", %s = ?%d", name, info->field_column[i] + 1);
    }

  /* qualify every column with t. so filters on joins stay unambiguous */
  {
    g_auto(GStrv) parts = g_strsplit (columns->str, ", ", -1);
    g_autofree char *joined = g_strjoinv (", t.", parts);

    info->select_sql = g_strdup_printf ("SELECT t.%s FROM %s AS t", joined, table);
  }

  /* what makes two references the same is written by the store, never
   * read back: it follows from the reference (schema version 4) */
  if (type == DOSSIER_TYPE_URGENT_ACTION)
    {
      info->key_param = ++column;
      g_string_append (columns, ", reference_key");
      g_string_append_printf (placeholders, ", ?%d", info->key_param);
      g_string_append_printf (assignments, ", reference_key = ?%d", info->key_param);
    }
  info->fetch_sql = g_strdup_printf ("%s WHERE t.id = ?", info->select_sql);
  info->insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                      table, columns->str, placeholders->str);
  info->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?1", table, assignments->str);
  info->delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  info->exists_sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
}

/* Writing a record's search document, or rewriting it (the triggers of
 * dossier-schema.c carry it into the index): the parameters. */
enum {
  SEARCH_WRITE_RECORD_ID = 1,
  SEARCH_WRITE_TITLE,
  SEARCH_WRITE_SUBTITLE,
  SEARCH_WRITE_NAMES,
  SEARCH_WRITE_BODY,
  SEARCH_WRITE_NAMES_KEY,
  SEARCH_WRITE_BODY_KEY,
};

/* The text of a record's search document, as stored. */
enum {
  SEARCH_READ_TITLE,
  SEARCH_READ_SUBTITLE,
  SEARCH_READ_NAMES,
  SEARCH_READ_BODY,
};

/* The best matches of one kind: parameters, then the columns read. */
enum {
  SEARCH_PARAM_MATCH = 1,
  SEARCH_PARAM_WINDOW,
  SEARCH_PARAM_LIMIT,
};
enum {
  SEARCH_COLUMN_RECORD_ID,
  SEARCH_COLUMN_TITLE,
  SEARCH_COLUMN_SUBTITLE,
};

/* How much a match weighs in each column of the index, for dossier_rank()
 * (bm25, dossier-search.c): in the names more than in the body, as written
 * more than through the key. */
#define SEARCH_WEIGHTS "10.0, 1.0, 5.0, 0.5"

/* Matches ranked per kind at most, newest first: all the matches of a
 * query that found fewer are ranked, and the newest of one that found more
 * (one or two letters, a word every record holds), so that no keystroke
 * waits for a hundred thousand matches to be ranked. */
#define SEARCH_WINDOW 256

static void
init_search (KindInfo *info,
             int       search_kind)
{
  info->search_kind = search_kind;
  info->search_table = g_strdup_printf ("search_%s", info->table);
  info->search_keep_old_sql =
    g_strdup_printf ("INSERT OR IGNORE INTO temp.search_old (kind, docid, names, body, names_key, body_key)"
                     " SELECT ?1, docid, names, body, names_key, body_key FROM main.%s_docs"
                     " WHERE record_id = ?2 AND NOT EXISTS"
                     " (SELECT 1 FROM temp.search_new WHERE kind = ?1 AND record_id = ?2)",
                     info->search_table);
  info->search_note_new_sql =
    g_strdup ("INSERT OR IGNORE INTO temp.search_new (kind, record_id) VALUES (?1, ?2)");
  info->search_flush_old_sql =
    g_strdup_printf ("INSERT INTO main.%s (%s, rowid, names, body, names_key, body_key)"
                     " SELECT 'delete', docid, names, body, names_key, body_key"
                     " FROM temp.search_old WHERE kind = %d",
                     info->search_table, info->search_table, search_kind);
  info->search_flush_new_sql =
    g_strdup_printf ("INSERT INTO main.%s (rowid, names, body, names_key, body_key)"
                     " SELECT d.docid, d.names, d.body, d.names_key, d.body_key"
                     " FROM temp.search_new AS n JOIN main.%s_docs AS d ON d.record_id = n.record_id"
                     " WHERE n.kind = %d",
                     info->search_table, info->search_table, search_kind);
  info->search_read_sql =
    g_strdup_printf ("SELECT title, subtitle, names, body FROM %s_docs WHERE record_id = ?",
                     info->search_table);
  info->search_write_sql =
    g_strdup_printf ("INSERT INTO %s_docs"
                     " (record_id, title, subtitle, names, body, names_key, body_key)"
                     " VALUES (?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d)"
                     " ON CONFLICT (record_id) DO UPDATE SET"
                     " title = excluded.title, subtitle = excluded.subtitle,"
                     " names = excluded.names, body = excluded.body,"
                     " names_key = excluded.names_key, body_key = excluded.body_key",
                     info->search_table,
                     SEARCH_WRITE_RECORD_ID, SEARCH_WRITE_TITLE, SEARCH_WRITE_SUBTITLE,
                     SEARCH_WRITE_NAMES, SEARCH_WRITE_BODY, SEARCH_WRITE_NAMES_KEY,
                     SEARCH_WRITE_BODY_KEY);
  info->search_sql =
    g_strdup_printf ("SELECT d.record_id, d.title, d.subtitle"
                     " FROM (SELECT rowid AS docid, dossier_rank(%s, " SEARCH_WEIGHTS ") AS score"
                     "       FROM %s WHERE %s MATCH ?%d ORDER BY rowid DESC LIMIT ?%d) AS m"
                     " JOIN %s_docs AS d ON d.docid = m.docid"
                     " ORDER BY m.score, m.docid DESC LIMIT ?%d",
                     info->search_table, info->search_table, info->search_table,
                     SEARCH_PARAM_MATCH, SEARCH_PARAM_WINDOW, info->search_table,
                     SEARCH_PARAM_LIMIT);
}

static void
ensure_kinds (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* in an order where every record refers only to kinds before it */
      init_kind (&kinds[0], DOSSIER_TYPE_CASE, "cases");
      init_kind (&kinds[1], DOSSIER_TYPE_CHARGE, "charges");
      init_kind (&kinds[2], DOSSIER_TYPE_CASE_EVENT, "case_events");
      init_kind (&kinds[3], DOSSIER_TYPE_TARGET, "targets");
      init_kind (&kinds[4], DOSSIER_TYPE_URGENT_ACTION, "urgent_actions");
      init_kind (&kinds[5], DOSSIER_TYPE_ACTION, "actions");
      init_kind (&kinds[6], DOSSIER_TYPE_FEED, "feeds");
      init_kind (&kinds[7], DOSSIER_TYPE_FEED_ITEM, "feed_items");
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        kind_types[i] = kinds[i].type;
      for (guint i = 0; i < G_N_ELEMENTS (search_order); i++)
        init_search (&kinds[search_order[i]], i);
      g_once_init_leave (&initialized, 1);
    }
}

static const KindInfo *
find_kind (GType type)
{
  ensure_kinds ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].type == type)
      return &kinds[i];
  return NULL;
}

/* For tests: whether a constraint of the schema has a message. */
const char *
dossier_store_describe_constraint (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (constraint_messages); i++)
    if (g_str_equal (constraint_messages[i].constraint, name))
      return constraint_messages[i].message;
  return NULL;
}

static const char *
translated_constraint_message (const char *detail)
{
  for (guint i = 0; i < G_N_ELEMENTS (constraint_messages); i++)
    if (g_str_equal (constraint_messages[i].constraint, detail))
      return _(constraint_messages[i].message);
  return NULL;
}

/* Turns the connection's last error into a GError a window can show. */
static void
set_error_from_db (DossierStore  *self,
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
            message = translated_constraint_message (key);
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

static sqlite3_stmt *
get_statement (DossierStore  *self,
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
      set_error_from_db (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static void
release_statement (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Runs a statement that returns no rows. */
static gboolean
run_statement (DossierStore  *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      release_statement (stmt);
      return FALSE;
    }
  release_statement (stmt);
  return TRUE;
}

static gboolean
exec_sql (DossierStore  *self,
          const char    *sql,
          GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GStrv
strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json == NULL || g_str_equal (json, "[]"))
    return NULL;
  /* the schema checks the column holds an array; anything else reads as empty */
  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

static void
bind_record (const KindInfo *info,
             sqlite3_stmt   *stmt,
             DossierRecord  *record)
{
  sqlite3_bind_text (stmt, COLUMN_ID + 1, dossier_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, COLUMN_CREATED_AT + 1, dossier_record_get_created_at (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, COLUMN_UPDATED_AT + 1, dossier_record_get_updated_at (record), -1, SQLITE_TRANSIENT);

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      int index = info->field_column[i] + 1;

      switch (field->type)
        {
        case DOSSIER_FIELD_STRING:
          if (field->flags & (DOSSIER_FIELD_FLAG_DATE | DOSSIER_FIELD_FLAG_REF |
                              DOSSIER_FIELD_FLAG_TIME | DOSSIER_FIELD_FLAG_JSON))
            bind_text_or_null (stmt, index, dossier_field_get_string (field, record));
          else
            {
              const char *text = dossier_field_get_string (field, record);
              /* plain text is never NULL in the store: unset reads as empty */
              sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
            }
          break;
        case DOSSIER_FIELD_INT:
          sqlite3_bind_int64 (stmt, index, dossier_field_get_int (field, record));
          break;
        case DOSSIER_FIELD_BOOLEAN:
          sqlite3_bind_int (stmt, index, dossier_field_get_boolean (field, record) ? 1 : 0);
          break;
        case DOSSIER_FIELD_DOUBLE:
          sqlite3_bind_double (stmt, index, dossier_field_get_double (field, record));
          break;
        case DOSSIER_FIELD_STRV:
          sqlite3_bind_text (stmt, index, strv_to_json (dossier_field_get_strv (field, record)),
                             -1, g_free);
          break;
        case DOSSIER_FIELD_LINKS:
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (info->key_param > 0)
    {
      const char *reference = dossier_record_get_string (record, "reference");

      if (reference)
        sqlite3_bind_text (stmt, info->key_param, dossier_reference_key (reference), -1, g_free);
      else
        sqlite3_bind_null (stmt, info->key_param);
    }
}

static gboolean
load_links (DossierStore        *self,
            const DossierField  *field,
            DossierRecord       *record,
            GError             **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ? ORDER BY position",
                                          field->link_other, field->link_table, field->link_owner);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      release_statement (stmt);
      return FALSE;
    }
  release_statement (stmt);
  values = g_strv_builder_end (builder);
  dossier_field_set_strv (field, record, (const char * const *) values);
  return TRUE;
}

static gboolean
save_links (DossierStore        *self,
            const DossierField  *field,
            DossierRecord       *record,
            gboolean             created,
            GError             **error)
{
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?",
                                                 field->link_table, field->link_owner);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (%s, %s, position) VALUES (?, ?, ?)",
                                                 field->link_table, field->link_owner,
                                                 field->link_other);
  const char * const *values = dossier_field_get_strv (field, record);
  sqlite3_stmt *stmt;

  /* a record just created has no links yet */
  if (!created)
    {
      if (!(stmt = get_statement (self, delete_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
      if (!run_statement (self, stmt, error))
        return FALSE;
    }

  if (!(stmt = get_statement (self, insert_sql, error)))
    return FALSE;
  for (guint i = 0; values && values[i]; i++)
    {
      sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, values[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i);
      if (!run_statement (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Makes a record of the row @stmt stands on. */
static DossierRecord *
read_record (DossierStore    *self,
             const KindInfo  *info,
             sqlite3_stmt    *stmt,
             GError         **error)
{
  g_autoptr(DossierRecord) record = g_object_new (info->type, NULL);

  dossier_record_set_id (record, (const char *) sqlite3_column_text (stmt, COLUMN_ID));
  dossier_record_set_created_at (record, (const char *) sqlite3_column_text (stmt, COLUMN_CREATED_AT));
  dossier_record_set_updated_at (record, (const char *) sqlite3_column_text (stmt, COLUMN_UPDATED_AT));

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      int column = info->field_column[i];

      switch (field->type)
        {
        case DOSSIER_FIELD_STRING:
          dossier_field_set_string (field, record, (const char *) sqlite3_column_text (stmt, column));
          break;
        case DOSSIER_FIELD_INT:
          dossier_field_set_int (field, record, sqlite3_column_int64 (stmt, column));
          break;
        case DOSSIER_FIELD_BOOLEAN:
          dossier_field_set_boolean (field, record, sqlite3_column_int (stmt, column) != 0);
          break;
        case DOSSIER_FIELD_DOUBLE:
          dossier_field_set_double (field, record, sqlite3_column_double (stmt, column));
          break;
        case DOSSIER_FIELD_STRV:
          {
            g_auto(GStrv) strv = strv_from_json ((const char *) sqlite3_column_text (stmt, column));
            dossier_field_set_strv (field, record, (const char * const *) strv);
          }
          break;
        case DOSSIER_FIELD_LINKS:
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_steal_pointer (&record);
}

/* Links are read with their own statement, which must not run while the
 * row statement is still stepping through the same table's pages of
 * results — so they are read after the rows. */
static gboolean
read_record_links (DossierStore    *self,
                   const KindInfo  *info,
                   DossierRecord   *record,
                   GError         **error)
{
  for (guint i = 0; i < info->klass->n_fields; i++)
    if (info->klass->fields[i].type == DOSSIER_FIELD_LINKS &&
        !load_links (self, &info->klass->fields[i], record, error))
      return FALSE;
  return TRUE;
}

static void
note_change (DossierStore *self,
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

/* Brings the search index up to date with what a bulk transaction wrote,
 * in two statements per kind: FTS5 writes out what it holds at the end of
 * every statement, so one statement for all the records makes one segment
 * where one per record made thousands (dossier-schema.c, version 4). */
static gboolean
flush_search_index (DossierStore  *self,
                    GError       **error)
{
  if (!self->deferring)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (search_order); k++)
    {
      const KindInfo *info = &kinds[search_order[k]];

      if (!exec_sql (self, info->search_flush_old_sql, error) ||
          !exec_sql (self, info->search_flush_new_sql, error))
        return FALSE;
    }
  return exec_sql (self, "DELETE FROM temp.search_old; DELETE FROM temp.search_new", error);
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
static gboolean
savepoint (DossierStore  *self,
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
      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else if (!self->bulk && !exec_sql (self, "SAVEPOINT dossier", error))
    return FALSE;
  g_array_append_val (self->marks, mark);
  self->depth++;
  return TRUE;
}

static gboolean
release (DossierStore  *self,
         GError       **error)
{
  g_assert (self->depth > 0);

  check_transaction_lost (self);
  if (self->aborted)
    {
      if (self->depth == 1 && !sqlite3_get_autocommit (self->db))
        exec_sql (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      set_aborted_error (error);
      return FALSE;
    }
  if (self->depth > 1)
    {
      if (!self->bulk && !exec_sql (self, "RELEASE dossier", error))
        {
          exec_sql (self, "ROLLBACK TO dossier", NULL);
          exec_sql (self, "RELEASE dossier", NULL);
          check_transaction_lost (self);
          g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
          close_level (self);
          return FALSE;
        }
      close_level (self);
      return TRUE;
    }
  if (self->deferring &&
      (!flush_search_index (self, error) ||
       !exec_sql (self, "UPDATE search_state SET deferred = 0", error)))
    {
      if (!sqlite3_get_autocommit (self->db))
        exec_sql (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      return FALSE;
    }
  if (g_hash_table_size (self->parked) > 0)
    {
      /* a reference released and never taken back: a bug, not the user's */
      g_critical ("%u urgent actions were left without their reference", g_hash_table_size (self->parked));
      exec_sql (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      set_aborted_error (error);
      return FALSE;
    }
  if (!exec_sql (self, "COMMIT", error))
    {
      /* a failed COMMIT (disk full, say) leaves nothing half-written */
      if (!sqlite3_get_autocommit (self->db))
        exec_sql (self, "ROLLBACK", NULL);
      g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
      close_level (self);
      return FALSE;
    }
  close_level (self);
  emit_pending (self);
  return TRUE;
}

static void
rollback (DossierStore *self)
{
  g_assert (self->depth > 0);

  check_transaction_lost (self);
  if (self->depth == 1)
    {
      if (!sqlite3_get_autocommit (self->db))
        exec_sql (self, "ROLLBACK", NULL);
    }
  else if (self->bulk)
    /* nothing to go back to but the start: the whole transaction fails */
    self->aborted = TRUE;
  else if (!self->aborted)
    {
      exec_sql (self, "ROLLBACK TO dossier", NULL);
      exec_sql (self, "RELEASE dossier", NULL);
    }
  /* what was undone is not announced */
  g_array_set_size (self->pending, g_array_index (self->marks, guint, self->depth - 1));
  close_level (self);
}

static gboolean
query_int (DossierStore  *self,
           const char    *sql,
           int           *value,
           GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Reads the schema version, refusing a file that is not a Dossier store or
 * one written by a newer Dossier. Reads only. */
static gboolean
column_is (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt, column), text) == 0;
}

/* Writes @record's search document, when its kind is searched. Runs inside
 * the savepoint of the write, so a record and its document land together. */
static gboolean
index_record (DossierStore    *self,
              const KindInfo  *info,
              DossierRecord   *record,
              gboolean         created,
              GError         **error)
{
  g_auto(DossierSearchDoc) doc = { NULL, };
  sqlite3_stmt *stmt;
  gboolean unchanged = FALSE;
  int rc = SQLITE_DONE;

  if (info->search_table == NULL)
    return TRUE;
  if (!dossier_search_doc_build (&doc, record))
    g_assert_not_reached ();

  /* a record just created has no document: it went with the record */
  if (created)
    goto write;

  /* Most updates leave the text as it was (a feed item marked read, a case
   * followed): then the keys, slow to compute for a long text, and the
   * index stay as they are. */
  if (!(stmt = get_statement (self, info->search_read_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  unchanged = rc == SQLITE_ROW &&
              column_is (stmt, SEARCH_READ_TITLE, doc.title) &&
              column_is (stmt, SEARCH_READ_SUBTITLE, doc.subtitle) &&
              column_is (stmt, SEARCH_READ_NAMES, doc.names) &&
              column_is (stmt, SEARCH_READ_BODY, doc.body);
  release_statement (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  if (unchanged)
    return TRUE;

write:
  /* the index is brought up to date at the commit: what it holds of this
   * record now is what it must take out then */
  if (self->deferring && rc == SQLITE_ROW)
    {
      if (!(stmt = get_statement (self, info->search_keep_old_sql, error)))
        return FALSE;
      sqlite3_bind_int (stmt, 1, info->search_kind);
      sqlite3_bind_text (stmt, 2, dossier_record_get_id (record), -1, SQLITE_STATIC);
      if (!run_statement (self, stmt, error))
        return FALSE;
    }

  dossier_search_doc_set_keys (&doc);
  if (self->deferring)
    {
      if (!(stmt = get_statement (self, info->search_note_new_sql, error)))
        return FALSE;
      sqlite3_bind_int (stmt, 1, info->search_kind);
      sqlite3_bind_text (stmt, 2, dossier_record_get_id (record), -1, SQLITE_STATIC);
      if (!run_statement (self, stmt, error))
        return FALSE;
    }
  if (!(stmt = get_statement (self, info->search_write_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, SEARCH_WRITE_RECORD_ID, dossier_record_get_id (record), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, SEARCH_WRITE_TITLE, doc.title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SEARCH_WRITE_SUBTITLE, doc.subtitle, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SEARCH_WRITE_NAMES, doc.names, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SEARCH_WRITE_BODY, doc.body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SEARCH_WRITE_NAMES_KEY, doc.names_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, SEARCH_WRITE_BODY_KEY, doc.body_key, -1, SQLITE_STATIC);
  /* run_statement() clears the bindings before doc goes */
  return run_statement (self, stmt, error);
}

/* Writes the search document of every record of the searched kinds, for a
 * store whose records were written before there was an index. */
static gboolean
index_all_records (DossierStore  *self,
                   GError       **error)
{
  gint64 total = 0, done = 0;

  /* how many there are, for the progress shown while a large store is
   * migrated: a count reads an index, not the rows */
  for (guint k = 0; k < G_N_ELEMENTS (search_order); k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", kinds[search_order[k]].table);
      int n = 0;

      if (!query_int (self, sql, &n, error))
        return FALSE;
      total += n;
    }

  for (guint k = 0; k < G_N_ELEMENTS (search_order); k++)
    {
      const KindInfo *info = &kinds[search_order[k]];
      g_autofree char *sql = g_strdup_printf ("%s ORDER BY t.rowid", info->select_sql);
      sqlite3_stmt *stmt = NULL;
      gint64 start = g_get_monotonic_time ();
      guint n = 0;
      int rc;

      /* a statement of its own: only the migration reads a whole table */
      rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(DossierRecord) record = read_record (self, info, stmt, error);

          if (record == NULL ||
              !read_record_links (self, info, record, error) ||
              !index_record (self, info, record, FALSE, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          n++;
          if (++done % 1000 == 0 && self->progress)
            /* Translators: shown while a store of an older version is brought up to date */
            self->progress (_("Indexing the records for search"), 0.9 * done / MAX (total, 1),
                            self->progress_data);
        }
      if (rc != SQLITE_DONE)
        {
          set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      g_debug ("Indexed %u %s for search in %.1f s", n, info->table,
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }
  return TRUE;
}

/* Writes the reference key of every UA (schema version 4). Should two UAs
 * already share one (written by an older version, "UA 1" and "ua 1"), the
 * later keeps none: the unique index can then still be made, and `dossier
 * check` names them. */
static gboolean
fill_reference_keys (DossierStore  *self,
                     GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT rowid, reference FROM urgent_actions ORDER BY rowid",
                          -1, &read, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE urgent_actions SET reference_key = ?1 WHERE rowid = ?2",
                          -1, &write, NULL) != SQLITE_OK)
    goto failed;
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *reference = (const char *) sqlite3_column_text (read, 1);
      g_autofree char *key = NULL;

      if (reference == NULL || !g_utf8_validate (reference, -1, NULL))
        continue;
      key = dossier_reference_key (reference);
      if (!g_hash_table_add (seen, g_strdup (key)))
        {
          g_debug ("Two urgent actions share the reference “%s”", key);
          continue;
        }
      sqlite3_bind_text (write, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (write, 2, sqlite3_column_int64 (read, 0));
      if (sqlite3_step (write) != SQLITE_DONE)
        goto failed;
      sqlite3_reset (write);
    }
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  return TRUE;

failed:
  set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  return FALSE;
}

static gboolean
run_migration_step (DossierStore  *self,
                    guint          version,
                    GError       **error)
{
  switch (dossier_schema_migration_step (version))
    {
    case DOSSIER_SCHEMA_STEP_SEARCH_DOCUMENTS:
      return index_all_records (self, error);
    case DOSSIER_SCHEMA_STEP_REFERENCE_KEYS:
      return fill_reference_keys (self, error);
    case DOSSIER_SCHEMA_STEP_NONE:
    default:
      return TRUE;
    }
}

static gboolean
read_version (DossierStore  *self,
              GError       **error)
{
  int version, application_id, n_tables;

  sqlite3_stmt *stmt = NULL;
  int rc;

  /* one statement, so one snapshot: read apart, another process's first
   * migration could land between the reads and look like a foreign file */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT (SELECT user_version FROM pragma_user_version),"
                           " (SELECT application_id FROM pragma_application_id),"
                           " (SELECT count(*) FROM sqlite_master)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  application_id = sqlite3_column_int (stmt, 1);
  n_tables = sqlite3_column_int (stmt, 2);
  sqlite3_finalize (stmt);

  /* Another program's database: never add our tables to it. A negative
   * version is no version Dossier ever wrote. */
  if ((application_id != 0 && application_id != DOSSIER_STORE_APPLICATION_ID) ||
      (application_id == 0 && version == 0 && n_tables > 0) ||
      version < 0)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE,
                   /* Translators: %s is the path of the file */
                   _("“%s” is not a Dossier store, or it is damaged."), self->path);
      return FALSE;
    }

  if (version > DOSSIER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_TOO_NEW,
                   /* Translators: %s is a file path, the numbers are schema versions */
                   _("The store “%s” was written by a newer version of Dossier (format %d; this version reads up to %d). "
                     "Update Dossier to open it; it has not been changed."),
                   self->path, version, DOSSIER_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  self->schema_version = version;
  return TRUE;
}

static gboolean
migrate (DossierStore  *self,
         GError       **error)
{
  int version = self->schema_version;

  for (guint next = version + 1; next <= dossier_schema_n_migrations (); next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", next);

      int current;

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* another process opening the same new store may have migrated it
       * while we waited for the lock */
      if (!query_int (self, "PRAGMA user_version", &current, error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (current >= (int) next)
        {
          exec_sql (self, "COMMIT", NULL);
          continue;
        }
      g_debug ("Migrating store to version %u", next);
      if (self->progress)
        /* Translators: shown while a store of an older version is brought up to date */
        self->progress (_("Updating the store to the new format"), 0.0, self->progress_data);
      if (!exec_sql (self, dossier_schema_migration (next), error) ||
          !run_migration_step (self, next, error) ||
          (dossier_schema_migration_finish (next) != NULL &&
           !exec_sql (self, dossier_schema_migration_finish (next), error)) ||
          !exec_sql (self, set_version, error) ||
          !exec_sql (self, "COMMIT", error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  self->schema_version = DOSSIER_STORE_SCHEMA_VERSION;
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

  ensure_kinds ();
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
  if (!exec_sql (self, busy, error) ||
      !exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      /* deleted records are overwritten, not left in free pages */
      !exec_sql (self, "PRAGMA secure_delete = ON", error) ||
      !read_version (self, error))
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
  return exec_sql (self, "PRAGMA journal_mode = WAL", error) &&
         /* FULL: a committed action survives a power cut, not only a crash */
         exec_sql (self, "PRAGMA synchronous = FULL", error) &&
         migrate (self, error) &&
         /* what a bulk transaction wrote, for the search index at its commit */
         exec_sql (self,
                   "CREATE TEMP TABLE IF NOT EXISTS search_old (kind INTEGER NOT NULL,"
                   " docid INTEGER NOT NULL, names TEXT, body TEXT, names_key TEXT, body_key TEXT,"
                   " PRIMARY KEY (kind, docid));"
                   "CREATE TEMP TABLE IF NOT EXISTS search_new (kind INTEGER NOT NULL,"
                   " record_id TEXT NOT NULL, PRIMARY KEY (kind, record_id))", error);
}

/* dossier_text_bad(value, multiline, max_length): 1 when @value is text the
 * store would refuse now (dossier_text_check()), else 0. Counts bytes
 * itself: text with a NUL inside would look shorter to strlen(). */
static void
text_bad_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *text;
  int length;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  length = sqlite3_value_bytes (argv[0]);
  sqlite3_result_int (context,
                      text == NULL || (int) strlen (text) != length ||
                      !dossier_text_check (text, NULL, sqlite3_value_int (argv[1]) != 0,
                                           (guint) sqlite3_value_int (argv[2]), NULL));
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
                           NULL, text_bad_function, NULL, NULL);
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
  return exec_sql (self, "PRAGMA busy_timeout = " G_STRINGIFY (DOSSIER_STORE_BUSY_TIMEOUT_MS), error);
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
   * SQLite gives its -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | (must_exist ? 0 : O_CREAT) | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      if ((flags & DOSSIER_STORE_OPEN_READING) && (saved == EROFS || saved == EACCES || saved == EPERM))
        self->read_only = TRUE;
      else
        {
          g_set_error (error, DOSSIER_STORE_ERROR,
                       saved == ENOENT ? DOSSIER_STORE_ERROR_MISSING : DOSSIER_STORE_ERROR_OPEN,
                       /* Translators: the first %s is a file, the second the system's reason */
                       _("Could not open the store “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
    }
  else
    {
      /* A store copied or restored from elsewhere may be readable by others:
       * make it private again, with the journal files SQLite derives from it */
      if (fstat (fd, &st) == 0 && st.st_uid == getuid () && (st.st_mode & 0077) != 0)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          if (fchmod (fd, 0600) != 0)
            g_debug ("Could not make the store private: %s", g_strerror (errno));
          g_chmod (wal, 0600);
          g_chmod (shm, 0600);
        }
      close (fd);
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

  return g_steal_pointer (&self);
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

  return savepoint (self, error);
}

/**
 * dossier_store_begin_bulk:
 *
 * Opens a transaction for many writes that land together or not at all
 * (an import): the same as dossier_store_begin(), but the writes inside
 * open no savepoints of their own. A write that fails inside it cannot be
 * undone alone: the whole transaction then refuses to commit.
 */
gboolean
dossier_store_begin_bulk (DossierStore  *self,
                          GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!savepoint (self, error))
    return FALSE;
  self->bulk = TRUE;
  /* the search index waits for the commit; only this transaction sees
   * the flag, and it is cleared before the commit */
  if (!exec_sql (self, "UPDATE search_state SET deferred = 1", error))
    {
      rollback (self);
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

  return release (self, error);
}

void
dossier_store_rollback (DossierStore *self)
{
  g_return_if_fail (DOSSIER_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  rollback (self);
}

static gboolean
write_record (DossierStore   *self,
              DossierRecord  *record,
              gboolean        create,
              GError        **error)
{
  const KindInfo *info = find_kind (G_OBJECT_TYPE (record));
  g_autofree char *now = NULL;
  g_autofree char *old_created = g_strdup (dossier_record_get_created_at (record));
  g_autofree char *old_updated = g_strdup (dossier_record_get_updated_at (record));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (info != NULL, FALSE);

  /* a reference is kept without stray spaces, whoever typed it */
  if (info->key_param > 0 && dossier_record_get_string (record, "reference"))
    {
      g_autofree char *reference = dossier_reference_normalize (dossier_record_get_string (record, "reference"));

      dossier_record_set_string (record, "reference", reference);
    }

  /* text that is not UTF-8, holds control characters or is longer than its
   * field never reaches the file, whoever writes it */
  {
    GError *local_error = NULL;

    if (!dossier_record_check_text (record, &local_error))
      {
        g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT,
                             local_error->message);
        g_error_free (local_error);
        return FALSE;
      }
  }

  /* the schema's rule is only "something@something": one that a mail
   * link cannot be bent by is checked here */
  if (info->type == DOSSIER_TYPE_TARGET)
    {
      const char *email = dossier_record_get_string (record, "email");

      if (email && *email && !dossier_email_is_valid (email))
        {
          g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT,
                               translated_constraint_message ("target_email_valid"));
          return FALSE;
        }
    }

  if (!savepoint (self, error))
    return FALSE;

  /* A record brought by an import keeps the times it came with. */
  if ((create && dossier_record_get_created_at (record) == NULL) || !create)
    now = dossier_now_timestamp ();
  if (create && dossier_record_get_created_at (record) == NULL)
    dossier_record_set_created_at (record, now);
  if (create && dossier_record_get_updated_at (record) == NULL)
    dossier_record_set_updated_at (record, dossier_record_get_created_at (record));
  if (!create)
    dossier_record_set_updated_at (record, now);

  /* no look-up first: an id taken makes the INSERT fail (EXISTS), a
   * record gone makes the UPDATE change nothing (NOT_FOUND) */
  if (!(stmt = get_statement (self, create ? info->insert_sql : info->update_sql, error)))
    goto fail;
  bind_record (info, stmt, record);
  if (!run_statement (self, stmt, error))
    goto fail;
  if (!create && sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                           _("The record is no longer in the store; it may have been deleted."));
      goto fail;
    }

  for (guint i = 0; i < info->klass->n_fields; i++)
    if (info->klass->fields[i].type == DOSSIER_FIELD_LINKS &&
        !save_links (self, &info->klass->fields[i], record, create, error))
      goto fail;

  if (!index_record (self, info, record, create, error))
    goto fail;

  if (info->key_param > 0)
    g_hash_table_remove (self->parked, dossier_record_get_id (record));
  note_change (self, info->type);
  if (!release (self, error))
    goto restore;
  return TRUE;

fail:
  rollback (self);
restore:
  dossier_record_set_created_at (record, old_created);
  dossier_record_set_updated_at (record, old_updated);
  return FALSE;
}

/**
 * dossier_store_create:
 *
 * Adds @record to the store. Sets its created and updated times unless it
 * has them already. Fails with %DOSSIER_STORE_ERROR_EXISTS when its id is
 * taken and %DOSSIER_STORE_ERROR_CONSTRAINT when it breaks a rule; then the
 * store is as it was.
 */
gboolean
dossier_store_create (DossierStore   *self,
                      DossierRecord  *record,
                      GError        **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_record (self, record, TRUE, error);
}

/**
 * dossier_store_update:
 *
 * Writes every field of @record over the stored one with the same id and
 * sets its updated time.
 */
gboolean
dossier_store_update (DossierStore   *self,
                      DossierRecord  *record,
                      GError        **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_record (self, record, FALSE, error);
}

/**
 * dossier_store_delete:
 *
 * Deletes one record, and what belongs to it (a case's events and charges,
 * a feed's items, a UA's logged actions).
 */
gboolean
dossier_store_delete (DossierStore  *self,
                      GType          kind,
                      const char    *id,
                      GError       **error)
{
  const KindInfo *info = find_kind (kind);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!savepoint (self, error))
    return FALSE;
  /* a removal leaves the index at once (its trigger is never deferred):
   * what a bulk transaction added must be there to be taken out */
  if (!flush_search_index (self, error))
    goto fail;
  if (!(stmt = get_statement (self, info->delete_sql, error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!run_statement (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                           _("The record is no longer in the store; it may have been deleted."));
      goto fail;
    }

  /* cascades may have touched every kind that refers to this one */
  ensure_kinds ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    note_change (self, kinds[i].type);
  return release (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * dossier_store_fetch:
 *
 * Returns: (transfer full) (nullable): the record of @kind with @id, or
 *   %NULL with %DOSSIER_STORE_ERROR_NOT_FOUND.
 */
gpointer
dossier_store_fetch (DossierStore  *self,
                     GType          kind,
                     const char    *id,
                     GError       **error)
{
  const KindInfo *info = find_kind (kind);
  g_autoptr(DossierRecord) record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!(stmt = get_statement (self, info->fetch_sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (self, info, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                         _("The record is no longer in the store; it may have been deleted."));
  else
    set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
  release_statement (stmt);

  if (record && !read_record_links (self, info, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * dossier_store_find_urgent_action:
 * @reference: a reference as a person types it: "UA 065/20", "ua  065/20 "
 *
 * Finds the urgent action whose reference is @reference, in any case and
 * spacing (dossier_reference_key()), through an index.
 *
 * Returns: (transfer full) (nullable): the urgent action, or %NULL with
 *   %DOSSIER_STORE_ERROR_NOT_FOUND.
 */
gpointer
dossier_store_find_urgent_action (DossierStore  *self,
                                  const char    *reference,
                                  GError       **error)
{
  const KindInfo *info = find_kind (DOSSIER_TYPE_URGENT_ACTION);
  g_autofree char *sql = NULL;
  g_autofree char *key = NULL;
  g_autoptr(DossierRecord) record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  key = dossier_reference_key (reference);
  sql = g_strdup_printf ("%s WHERE t.reference_key = ?", info->select_sql);
  if (!(stmt = get_statement (self, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (self, info, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                         _("There is no urgent action with this reference."));
  else
    set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
  release_statement (stmt);

  if (record && !read_record_links (self, info, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * dossier_store_release_reference:
 * @ua_id: an urgent action that will be written again in this transaction
 * @reference: the reference it will then have
 *
 * Frees the reference of the urgent action @ua_id when it is about to
 * change to @reference, so that another urgent action written in the same
 * transaction can take the old one: a campaign that hands "UA 1/20" from
 * one urgent action to another imports in any order. Must be called inside
 * a transaction, which refuses to commit unless @ua_id is written again.
 */
gboolean
dossier_store_release_reference (DossierStore  *self,
                                 const char    *ua_id,
                                 const char    *reference,
                                 GError       **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);
  g_return_val_if_fail (ua_id != NULL && reference != NULL, FALSE);

  key = dossier_reference_key (reference);
  /* a placeholder no reference can be: the store refuses control
   * characters in text */
  if (!(stmt = get_statement (self,
                              "UPDATE urgent_actions SET reference = char(31) || id, reference_key = NULL"
                              " WHERE id = ?1 AND reference_key IS NOT ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, ua_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!run_statement (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    g_hash_table_add (self->parked, g_strdup (ua_id));
  return TRUE;
}

static const char *
op_sql (DossierQueryOp op)
{
  switch (op)
    {
    case DOSSIER_QUERY_EQ: return "=";
    case DOSSIER_QUERY_NE: return "IS NOT";
    case DOSSIER_QUERY_LT: return "<";
    case DOSSIER_QUERY_LE: return "<=";
    case DOSSIER_QUERY_GT: return ">";
    case DOSSIER_QUERY_GE: return ">=";
    default: return NULL;
    }
}

/* Builds "WHERE … ORDER BY …" for @query from names checked against the
 * kind's fields; values go in as parameters, in order. */
static gboolean
query_clauses (const KindInfo  *info,
               DossierQuery    *query,
               gboolean         with_order,
               GString         *sql,
               GError         **error)
{
  gboolean last_descending;

  for (guint i = 0; i < dossier_query_get_n_filters (query); i++)
    {
      const DossierQueryFilter *filter = dossier_query_get_filter (query, i);
      const DossierField *field = dossier_record_class_find_field (info->klass, filter->field);
      g_autofree char *column = NULL;

      if (field == NULL ||
          (filter->op == DOSSIER_QUERY_LINKS_TO) != (field->type == DOSSIER_FIELD_LINKS))
        {
          g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                       "Cannot filter %s on “%s”", info->table, filter->field);
          return FALSE;
        }
      column = g_strdelimit (g_strdup (field->name), "-", '_');
      g_string_append (sql, i == 0 ? " WHERE " : " AND ");
      switch (filter->op)
        {
        case DOSSIER_QUERY_IS_NULL:
          g_string_append_printf (sql, "(t.%s IS NULL OR t.%s = '')", column, column);
          break;
        case DOSSIER_QUERY_NOT_NULL:
          g_string_append_printf (sql, "(t.%s IS NOT NULL AND t.%s <> '')", column, column);
          break;
        case DOSSIER_QUERY_LINKS_TO:
          g_string_append_printf (sql, "EXISTS (SELECT 1 FROM %s WHERE %s = t.id AND %s = ?)",
                                  field->link_table, field->link_owner, field->link_other);
          break;
        default:
          g_string_append_printf (sql, "t.%s %s ?", column, op_sql (filter->op));
        }
    }

  if (!with_order)
    return TRUE;

  g_string_append (sql, " ORDER BY ");
  last_descending = FALSE;
  for (guint i = 0; i < dossier_query_get_n_sorts (query); i++)
    {
      const DossierQuerySort *sort = dossier_query_get_sort (query, i);
      const char *column = NULL;
      g_autofree char *name = NULL;

      if (g_str_equal (sort->field, "created-at") || g_str_equal (sort->field, "updated-at"))
        column = sort->field;
      else
        {
          const DossierField *field = dossier_record_class_find_field (info->klass, sort->field);

          if (field == NULL || field->type == DOSSIER_FIELD_LINKS || field->type == DOSSIER_FIELD_STRV)
            {
              g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                           "Cannot sort %s by “%s”", info->table, sort->field);
              return FALSE;
            }
          column = field->name;
        }
      name = g_strdelimit (g_strdup (column), "-", '_');
      if (sort->order != NULL)
        {
          /* instr() over ",a,b,c,": the position is the rank. The values go
           * into the SQL text, so only vocabulary ids are accepted. */
          g_autofree char *joined = g_strjoinv (",", sort->order);

          if (!g_regex_match_simple ("^[a-z0-9,-]*$", joined, 0, 0))
            {
              g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                           "Cannot sort %s by these values of “%s”", info->table, sort->field);
              return FALSE;
            }
          g_string_append_printf (sql, "coalesce(nullif(instr(',%s,', ',' || t.%s || ','), 0), 1000000), ",
                                  joined, name);
        }
      else
        g_string_append_printf (sql, "t.%s%s, ", name, sort->descending ? " DESC" : "");
      last_descending = sort->descending;
    }
  /* Ties are broken by rowid, which every index carries: the order is then
   * read straight from an index, with no sort, and pages never overlap. */
  g_string_append (sql, last_descending ? "t.rowid DESC" : "t.rowid");
  return TRUE;
}

static void
bind_filters (sqlite3_stmt *stmt,
              DossierQuery *query)
{
  int index = 1;

  for (guint i = 0; i < dossier_query_get_n_filters (query); i++)
    {
      const DossierQueryFilter *filter = dossier_query_get_filter (query, i);

      if (filter->op == DOSSIER_QUERY_IS_NULL || filter->op == DOSSIER_QUERY_NOT_NULL)
        continue;
      if (filter->is_int)
        sqlite3_bind_int64 (stmt, index++, filter->number);
      else
        sqlite3_bind_text (stmt, index++, filter->text, -1, SQLITE_TRANSIENT);
    }
}

/* The tally that counts what @query matches, when one does. */
static const char *
tally_for (const KindInfo *info,
           DossierQuery   *query)
{
  const DossierQueryFilter *filter;

  if (info->type != DOSSIER_TYPE_ACTION && info->type != DOSSIER_TYPE_FEED_ITEM)
    return NULL;
  if (dossier_query_get_n_filters (query) == 0)
    return info->table;
  if (dossier_query_get_n_filters (query) > 1)
    return NULL;
  filter = dossier_query_get_filter (query, 0);
  if (filter->op != DOSSIER_QUERY_EQ || !filter->is_int)
    return NULL;
  if (info->type == DOSSIER_TYPE_ACTION && g_str_equal (filter->field, "mine") && filter->number == 1)
    return "actions:mine";
  if (info->type == DOSSIER_TYPE_FEED_ITEM && g_str_equal (filter->field, "read") && filter->number == 0)
    return "feed_items:unread";
  return NULL;
}

/**
 * dossier_store_count:
 *
 * Returns: how many records @query matches, or -1 on error.
 */
gint64
dossier_store_count (DossierStore  *self,
                     DossierQuery  *query,
                     GError       **error)
{
  const char *tally;
  const KindInfo *info;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  info = find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, -1);

  sql = g_string_new (NULL);
  if ((tally = tally_for (info, query)) != NULL)
    /* kept by triggers (schema version 4): one row read, not a million */
    g_string_printf (sql, "SELECT n FROM tallies WHERE name = '%s'", tally);
  else
    {
      g_string_printf (sql, "SELECT count(*) FROM %s AS t", info->table);
      if (!query_clauses (info, query, FALSE, sql, error))
        return -1;
    }
  if (!(stmt = get_statement (self, sql->str, error)))
    return -1;
  if (tally == NULL)
    bind_filters (stmt, query);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
  release_statement (stmt);
  return count;
}

/* The column of @field, a text field of the kind: what distinct and
 * count_by group on. Names are checked, never pasted in as given. */
static char *
text_column (const KindInfo  *info,
             const char      *field,
             GError         **error)
{
  const DossierField *f = dossier_record_class_find_field (info->klass, field);

  if (f == NULL || f->type != DOSSIER_FIELD_STRING)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                   "Cannot group %s by “%s”", info->table, field);
      return NULL;
    }
  return g_strdelimit (g_strdup (f->name), "-", '_');
}

/**
 * dossier_store_distinct:
 * @field: a text field of the query's kind
 *
 * Returns: (transfer full): the distinct non-empty values of @field among
 *   the records @query matches, sorted, or %NULL on error. For filters
 *   ("which countries are there").
 */
GStrv
dossier_store_distinct (DossierStore  *self,
                        DossierQuery  *query,
                        const char    *field,
                        GError       **error)
{
  const KindInfo *info;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *column = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  info = find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, NULL);
  if (!(column = text_column (info, field, error)))
    return NULL;
  sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT DISTINCT t.%s FROM %s AS t", column, info->table);
  if (!query_clauses (info, query, FALSE, sql, error))
    return NULL;
  g_string_append_printf (sql, "%s t.%s IS NOT NULL AND t.%s <> '' ORDER BY t.%s",
                          dossier_query_get_n_filters (query) ? " AND" : " WHERE",
                          column, column, column);
  if (!(stmt = get_statement (self, sql->str, error)))
    return NULL;
  bind_filters (stmt, query);
  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      release_statement (stmt);
      return NULL;
    }
  release_statement (stmt);
  return g_strv_builder_end (builder);
}

/**
 * dossier_store_count_by:
 * @field: a text field of the query's kind
 *
 * Returns: (transfer full): how many records @query matches for each value
 *   of @field (value → count as GINT_TO_POINTER), or %NULL on error. One
 *   GROUP BY over an index, for "3 letters, 1 email" on a UA's row.
 */
GHashTable *
dossier_store_count_by (DossierStore  *self,
                        DossierQuery  *query,
                        const char    *field,
                        GError       **error)
{
  const KindInfo *info;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *column = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  info = find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, NULL);
  if (!(column = text_column (info, field, error)))
    return NULL;
  sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT t.%s, count(*) FROM %s AS t", column, info->table);
  if (!query_clauses (info, query, FALSE, sql, error))
    return NULL;
  g_string_append_printf (sql, " GROUP BY t.%s", column);
  if (!(stmt = get_statement (self, sql->str, error)))
    return NULL;
  bind_filters (stmt, query);
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      g_hash_table_insert (counts, g_strdup (value ? value : ""),
                           GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      release_statement (stmt);
      return NULL;
    }
  release_statement (stmt);
  return g_steal_pointer (&counts);
}

/**
 * dossier_store_query:
 *
 * Returns: (transfer full) (element-type DossierRecord): up to @limit
 *   records matching @query, starting at @offset in its order.
 */
GPtrArray *
dossier_store_query (DossierStore  *self,
                     DossierQuery  *query,
                     guint          offset,
                     guint          limit,
                     GError       **error)
{
  const KindInfo *info;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) records = NULL;
  sqlite3_stmt *stmt;
  int rc;
  int n_params = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  info = find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, NULL);

  sql = g_string_new (info->select_sql);
  if (!query_clauses (info, query, TRUE, sql, error))
    return NULL;
  for (guint i = 0; i < dossier_query_get_n_filters (query); i++)
    {
      DossierQueryOp op = dossier_query_get_filter (query, i)->op;
      if (op != DOSSIER_QUERY_IS_NULL && op != DOSSIER_QUERY_NOT_NULL)
        n_params++;
    }
  g_string_append_printf (sql, " LIMIT ?%d OFFSET ?%d", n_params + 1, n_params + 2);

  if (!(stmt = get_statement (self, sql->str, error)))
    return NULL;
  bind_filters (stmt, query);
  sqlite3_bind_int64 (stmt, n_params + 1, limit);
  sqlite3_bind_int64 (stmt, n_params + 2, offset);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierRecord *record = read_record (self, info, stmt, error);

      if (record == NULL)
        break;
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      if (rc != SQLITE_ROW)
        set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      release_statement (stmt);
      return NULL;
    }
  release_statement (stmt);

  for (guint i = 0; i < records->len; i++)
    if (!read_record_links (self, info, records->pdata[i], error))
      return NULL;

  return g_steal_pointer (&records);
}

/**
 * dossier_store_search:
 * @text: what the person typed
 * @limit_per_kind: hits of each kind at most
 *
 * Finds the cases, urgent actions, targets, case events and feed items whose
 * text holds every word of @text: in any case, without regard to accents,
 * and across scripts, so that "ilyashev", "Ильяшев" and "ИЛЬЯШЕВ" find the
 * same case (dossier-translit.c). The last word is a prefix, as the person
 * is still typing it, unless a space follows it. @text is never query
 * syntax: quotes, operators and brackets in it only separate words.
 *
 * Returns: (transfer full) (element-type DossierSearchHit): the hits, those
 *   of cases first, then urgent actions, targets, case events and feed
 *   items; the best match first within each kind. Empty when @text holds
 *   no word; %NULL on error.
 */
GPtrArray *
dossier_store_search (DossierStore  *self,
                      const char    *text,
                      guint          limit_per_kind,
                      GError       **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hits = g_ptr_array_new_with_free_func (g_object_unref);
  match = dossier_search_match (text);
  if (match == NULL || limit_per_kind == 0)
    return g_steal_pointer (&hits);

  for (guint k = 0; k < G_N_ELEMENTS (search_order); k++)
    {
      const KindInfo *info = &kinds[search_order[k]];
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = get_statement (self, info->search_sql, error)))
        return NULL;
      sqlite3_bind_text (stmt, SEARCH_PARAM_MATCH, match, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, SEARCH_PARAM_WINDOW, MAX (limit_per_kind, SEARCH_WINDOW));
      sqlite3_bind_int64 (stmt, SEARCH_PARAM_LIMIT, limit_per_kind);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, SEARCH_COLUMN_RECORD_ID);
          const char *title = (const char *) sqlite3_column_text (stmt, SEARCH_COLUMN_TITLE);
          const char *subtitle = (const char *) sqlite3_column_text (stmt, SEARCH_COLUMN_SUBTITLE);

          g_ptr_array_add (hits, dossier_search_hit_new (info->type, id, title, subtitle));
        }
      if (rc != SQLITE_DONE)
        {
          set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
          release_statement (stmt);
          return NULL;
        }
      release_statement (stmt);
    }

  return g_steal_pointer (&hits);
}

/* The record kinds the store keeps, in dependency order. */
const GType *
dossier_store_kinds (guint *n_kinds)
{
  ensure_kinds ();
  if (n_kinds)
    *n_kinds = G_N_ELEMENTS (kind_types);
  return kind_types;
}

const char *
dossier_store_kind_table (GType kind)
{
  const KindInfo *info = find_kind (kind);

  return info ? info->table : NULL;
}

/* Lists the rows where @sql (rowid, value, …) finds text the store would
 * not take now, with what is wrong with it. */
static gboolean
report_bad_text (DossierStore  *self,
                 const char    *sql,
                 const char    *table,
                 const char    *name,
                 gboolean       multiline,
                 guint          max_length,
                 GString       *found,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) problem = NULL;
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      int length = sqlite3_column_bytes (stmt, 1);

      if (text && (int) strlen (text) != length)
        g_set_error (&problem, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_CONTROL,
                     /* Translators: %s names a field, such as “city” */
                     _("“%s” holds a NUL character, which cuts it short."), name);
      else if (text)
        dossier_text_check (text, name, multiline, max_length, &problem);
      if (problem)
        /* Translators: a problem found by "dossier check": a table, a row
         * number, and what is wrong with a text in that row (a sentence) */
        g_string_append_printf (found, _("%s row %lld: %s\n"), table,
                                (long long) sqlite3_column_int64 (stmt, 0), problem->message);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

/* Text written before the store checked it, or by another program with
 * plain SQL: not UTF-8, with NUL or control characters, or longer than its
 * field. Such text would make every later export a file that no import
 * takes. One pass over each column, in SQL. */
static gboolean
check_text (DossierStore  *self,
            GString       *found,
            GError       **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const KindInfo *info = &kinds[k];
      g_autofree char *ids = g_strdup_printf ("SELECT rowid, id FROM %s WHERE dossier_text_bad (id, 0, %d)",
                                              info->table, DOSSIER_TEXT_MAX_ID);

      if (!report_bad_text (self, ids, info->table, "id", FALSE, DOSSIER_TEXT_MAX_ID, found, error))
        return FALSE;
      for (guint i = 0; i < info->klass->n_fields; i++)
        {
          const DossierField *field = &info->klass->fields[i];
          g_autofree char *column = g_strdelimit (g_strdup (field->name), "-", '_');
          gboolean multiline = dossier_field_is_multiline (field);
          guint max_length = dossier_field_max_length (field);
          g_autofree char *sql = NULL;

          if (field->type == DOSSIER_FIELD_STRING && !(field->flags & DOSSIER_FIELD_FLAG_JSON))
            sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE dossier_text_bad (%s, %d, %u)",
                                   column, info->table, column, multiline, max_length);
          else if (field->type == DOSSIER_FIELD_STRV)
            sql = g_strdup_printf ("SELECT t.rowid, j.value FROM %s AS t, json_each (t.%s) AS j"
                                   " WHERE dossier_text_bad (j.value, %d, %u)",
                                   info->table, column, multiline, max_length);
          else if (field->type == DOSSIER_FIELD_LINKS)
            sql = g_strdup_printf ("SELECT t.rowid, l.%s FROM %s AS t JOIN %s AS l ON l.%s = t.id"
                                   " WHERE dossier_text_bad (l.%s, 0, %u)",
                                   field->link_other, info->table, field->link_table,
                                   field->link_owner, field->link_other, max_length);
          else
            continue;
          if (!report_bad_text (self, sql, info->table, column, multiline, max_length, found, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* What the store keeps beside the records: a key per UA reference, and the
 * tallies of dossier-schema.c version 4. */
static gboolean
check_derived (DossierStore  *self,
               GString       *found,
               GError       **error)
{
  static const struct {
    const char *name;
    const char *sql;
  } tallies[] = {
    { "actions", "SELECT count(*) FROM actions" },
    { "actions:mine", "SELECT count(*) FROM actions WHERE mine = 1" },
    { "feed_items", "SELECT count(*) FROM feed_items" },
    { "feed_items:unread", "SELECT count(*) FROM feed_items WHERE read = 0" },
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->schema_version < 4)
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT rowid, reference FROM urgent_actions WHERE reference_key IS NULL",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Translators: a problem found by "dossier check"; %lld is a row number,
       * %s a reference such as “UA 065/20” */
      g_string_append_printf (found, _("urgent_actions row %lld: another urgent action has the reference “%s” "
                                       "in another spelling; give one of them another reference\n"),
                              (long long) sqlite3_column_int64 (stmt, 0), sqlite3_column_text (stmt, 1));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (tallies); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT (%s), (SELECT n FROM tallies WHERE name = '%s')",
                                              tallies[i].sql, tallies[i].name);

      rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
        goto failed;
      if (sqlite3_column_int64 (stmt, 0) != sqlite3_column_int64 (stmt, 1))
        /* Translators: a problem found by "dossier check"; %s names a count kept
         * by the store, the numbers are what it says and what is there */
        g_string_append_printf (found, _("the count “%s” says %lld, but there are %lld\n"),
                                tallies[i].name, (long long) sqlite3_column_int64 (stmt, 1),
                                (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  return TRUE;

failed:
  set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/**
 * dossier_store_check_integrity:
 * @problems: (out) (optional): what SQLite found wrong, one per line
 *
 * Runs SQLite's integrity check and the foreign-key check.
 *
 * Returns: %TRUE when the check ran; *@problems is %NULL when it found nothing.
 */
gboolean
dossier_store_check_integrity (DossierStore  *self,
                               char         **problems,
                               GError       **error)
{
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (found, "%s\n", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Translators: a problem found by "dossier check": a table, a row number and another table */
      g_string_append_printf (found, _("%s row %lld refers to a missing %s\n"),
                              sqlite3_column_text (stmt, 0),
                              (long long) sqlite3_column_int64 (stmt, 1),
                              sqlite3_column_text (stmt, 2));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }

  if (!check_text (self, found, error) || !check_derived (self, found, error))
    return FALSE;

  if (problems)
    *problems = found->len ? g_string_free (g_steal_pointer (&found), FALSE) : NULL;
  return TRUE;
}
