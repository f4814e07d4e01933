/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-links.h"
#include "dossier-search-private.h"
#include "dossier-store-private.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* Records written and read. Statements are built once per record kind from
 * the kind's field table (app/core/dossier-record.h) and prepared once per
 * connection; columns are read through that same table, so a SELECT and
 * the code reading it cannot drift apart. Every write runs inside a
 * savepoint: a record is written whole, with its links, or not at all. */

KindInfo dossier_store_kind_infos[DOSSIER_STORE_N_KINDS];
static GType kind_types[DOSSIER_STORE_N_KINDS];

/* The kinds search looks through, in the order their hits are returned:
 * cases, urgent actions, targets, case events, feed items (indexes into
 * dossier_store_kind_infos[], set in ensure_kinds()). */
const guint dossier_store_search_order[DOSSIER_STORE_N_SEARCHED] = { 0, 4, 3, 2, 7 };

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
}

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

void
dossier_store_ensure_kinds (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* in an order where every record refers only to kinds before it */
      init_kind (&dossier_store_kind_infos[0], DOSSIER_TYPE_CASE, "cases");
      init_kind (&dossier_store_kind_infos[1], DOSSIER_TYPE_CHARGE, "charges");
      init_kind (&dossier_store_kind_infos[2], DOSSIER_TYPE_CASE_EVENT, "case_events");
      init_kind (&dossier_store_kind_infos[3], DOSSIER_TYPE_TARGET, "targets");
      init_kind (&dossier_store_kind_infos[4], DOSSIER_TYPE_URGENT_ACTION, "urgent_actions");
      init_kind (&dossier_store_kind_infos[5], DOSSIER_TYPE_ACTION, "actions");
      init_kind (&dossier_store_kind_infos[6], DOSSIER_TYPE_FEED, "feeds");
      init_kind (&dossier_store_kind_infos[7], DOSSIER_TYPE_FEED_ITEM, "feed_items");
      for (guint i = 0; i < DOSSIER_STORE_N_KINDS; i++)
        kind_types[i] = dossier_store_kind_infos[i].type;
      for (guint i = 0; i < DOSSIER_STORE_N_SEARCHED; i++)
        init_search (&dossier_store_kind_infos[dossier_store_search_order[i]], i);
      g_once_init_leave (&initialized, 1);
    }
}

const KindInfo *
dossier_store_find_kind (GType type)
{
  dossier_store_ensure_kinds ();
  for (guint i = 0; i < DOSSIER_STORE_N_KINDS; i++)
    if (dossier_store_kind_infos[i].type == type)
      return &dossier_store_kind_infos[i];
  return NULL;
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

  if (!(stmt = dossier_store_get_statement (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      dossier_store_release_statement (stmt);
      return FALSE;
    }
  dossier_store_release_statement (stmt);
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
      if (!(stmt = dossier_store_get_statement (self, delete_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
      if (!dossier_store_run_statement (self, stmt, error))
        return FALSE;
    }

  if (!(stmt = dossier_store_get_statement (self, insert_sql, error)))
    return FALSE;
  for (guint i = 0; values && values[i]; i++)
    {
      sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, values[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i);
      if (!dossier_store_run_statement (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Makes a record of the row @stmt stands on. */
DossierRecord *
dossier_store_read_record (DossierStore    *self,
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
gboolean
dossier_store_read_record_links (DossierStore    *self,
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

/* Brings the search index up to date with what a bulk transaction wrote,
 * in two statements per kind: FTS5 writes out what it holds at the end of
 * every statement, so one statement for all the records makes one segment
 * where one per record made thousands (dossier-schema.c, version 4). */
gboolean
dossier_store_flush_search_index (DossierStore  *self,
                                  GError       **error)
{
  if (!self->deferring)
    return TRUE;
  for (guint k = 0; k < DOSSIER_STORE_N_SEARCHED; k++)
    {
      const KindInfo *info = &dossier_store_kind_infos[dossier_store_search_order[k]];

      if (!dossier_store_exec (self, info->search_flush_old_sql, error) ||
          !dossier_store_exec (self, info->search_flush_new_sql, error))
        return FALSE;
    }
  return dossier_store_exec (self, "DELETE FROM temp.search_old; DELETE FROM temp.search_new", error);
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
gboolean
dossier_store_index_record (DossierStore    *self,
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
  if (!(stmt = dossier_store_get_statement (self, info->search_read_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, dossier_record_get_id (record), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  unchanged = rc == SQLITE_ROW &&
              column_is (stmt, SEARCH_READ_TITLE, doc.title) &&
              column_is (stmt, SEARCH_READ_SUBTITLE, doc.subtitle) &&
              column_is (stmt, SEARCH_READ_NAMES, doc.names) &&
              column_is (stmt, SEARCH_READ_BODY, doc.body);
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  if (unchanged)
    return TRUE;

write:
  /* the index is brought up to date at the commit: what it holds of this
   * record now is what it must take out then */
  if (self->deferring && rc == SQLITE_ROW)
    {
      if (!(stmt = dossier_store_get_statement (self, info->search_keep_old_sql, error)))
        return FALSE;
      sqlite3_bind_int (stmt, 1, info->search_kind);
      sqlite3_bind_text (stmt, 2, dossier_record_get_id (record), -1, SQLITE_STATIC);
      if (!dossier_store_run_statement (self, stmt, error))
        return FALSE;
    }

  dossier_search_doc_set_keys (&doc);
  if (self->deferring)
    {
      if (!(stmt = dossier_store_get_statement (self, info->search_note_new_sql, error)))
        return FALSE;
      sqlite3_bind_int (stmt, 1, info->search_kind);
      sqlite3_bind_text (stmt, 2, dossier_record_get_id (record), -1, SQLITE_STATIC);
      if (!dossier_store_run_statement (self, stmt, error))
        return FALSE;
    }
  if (!(stmt = dossier_store_get_statement (self, info->search_write_sql, error)))
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
  return dossier_store_run_statement (self, stmt, error);
}

/* Whether a record of @info's kind has @id: asked only after a write failed. */
static gboolean
id_taken (DossierStore   *self,
          const KindInfo *info,
          const char     *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", info->table);
  sqlite3_stmt *stmt = dossier_store_get_statement (self, sql, NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  dossier_store_release_statement (stmt);
  return taken;
}

static gboolean
write_record (DossierStore   *self,
              DossierRecord  *record,
              gboolean        create,
              GError        **error)
{
  const KindInfo *info = dossier_store_find_kind (G_OBJECT_TYPE (record));
  g_autofree char *now = NULL;
  g_autofree char *old_created = g_strdup (dossier_record_get_created_at (record));
  g_autofree char *old_updated = g_strdup (dossier_record_get_updated_at (record));
  g_autoptr(GError) local_error = NULL;
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
  if (!dossier_record_check_text (record, &local_error))
    {
      g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT,
                           local_error->message);
      return FALSE;
    }

  /* the schema's rule is only "something@something": one that a mail
   * link cannot be bent by is checked here */
  if (info->type == DOSSIER_TYPE_TARGET)
    {
      const char *email = dossier_record_get_string (record, "email");

      if (email && *email && !dossier_email_is_valid (email))
        {
          g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT,
                               dossier_store_constraint_message ("target_email_valid"));
          return FALSE;
        }
    }

  if (!dossier_store_savepoint (self, error))
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
  if (!(stmt = dossier_store_get_statement (self, create ? info->insert_sql : info->update_sql, error)))
    goto fail;
  bind_record (info, stmt, record);
  if (!dossier_store_run_statement (self, stmt, &local_error))
    {
      /* SQLite may report another rule first (a UA's reference): a taken
       * id is what the caller must hear */
      if (create && g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT) &&
          id_taken (self, info, dossier_record_get_id (record)))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_EXISTS,
                               _("A record with this id is already in the store."));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
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

  if (!dossier_store_index_record (self, info, record, create, error))
    goto fail;

  if (info->key_param > 0)
    g_hash_table_remove (self->parked, dossier_record_get_id (record));
  dossier_store_note_change (self, info->type);
  if (!dossier_store_release (self, error))
    goto restore;
  return TRUE;

fail:
  dossier_store_rollback_level (self);
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
  const KindInfo *info = dossier_store_find_kind (kind);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!dossier_store_savepoint (self, error))
    return FALSE;
  /* a removal leaves the index at once (its trigger is never deferred):
   * what a bulk transaction added must be there to be taken out */
  if (!dossier_store_flush_search_index (self, error))
    goto fail;
  if (!(stmt = dossier_store_get_statement (self, info->delete_sql, error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!dossier_store_run_statement (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                           _("The record is no longer in the store; it may have been deleted."));
      goto fail;
    }

  /* cascades may have touched every kind that refers to this one */
  dossier_store_ensure_kinds ();
  for (guint i = 0; i < DOSSIER_STORE_N_KINDS; i++)
    dossier_store_note_change (self, dossier_store_kind_infos[i].type);
  return dossier_store_release (self, error);

fail:
  dossier_store_rollback_level (self);
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
  const KindInfo *info = dossier_store_find_kind (kind);
  g_autoptr(DossierRecord) record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!(stmt = dossier_store_get_statement (self, info->fetch_sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = dossier_store_read_record (self, info, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                         _("The record is no longer in the store; it may have been deleted."));
  else
    dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  dossier_store_release_statement (stmt);

  if (record && !dossier_store_read_record_links (self, info, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * dossier_store_contains:
 *
 * Whether the store holds a record of @kind with @id: one look-up in the
 * primary key, no record read.
 *
 * Returns: 1 if it does, 0 if not, -1 on error.
 */
int
dossier_store_contains (DossierStore  *self,
                        GType          kind,
                        const char    *id,
                        GError       **error)
{
  const KindInfo *info = dossier_store_find_kind (kind);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc, found = -1;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), -1);
  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", info->table);
  if (!(stmt = dossier_store_get_statement (self, sql, error)))
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    found = rc == SQLITE_ROW;
  else
    dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  dossier_store_release_statement (stmt);
  return found;
}

/**
 * dossier_store_fetch_ua_cases:
 * @cases: (out) (transfer container): the urgent action's cases, in its order
 * @charges: (out) (transfer container): their charges, case by case, each
 *   case's in its order
 *
 * What a letter on @ua is about. A case deleted since is left out.
 */
void
dossier_store_fetch_ua_cases (DossierStore   *self,
                              DossierRecord  *ua,
                              GPtrArray     **cases,
                              GPtrArray     **charges)
{
  const char * const *case_ids = dossier_record_get_strv (ua, "case-ids");

  *cases = g_ptr_array_new_with_free_func (g_object_unref);
  *charges = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; case_ids && case_ids[i]; i++)
    {
      DossierRecord *kase = dossier_store_fetch (self, DOSSIER_TYPE_CASE, case_ids[i], NULL);
      g_autoptr(DossierQuery) query = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (kase == NULL)
        continue;
      g_ptr_array_add (*cases, kase);
      query = dossier_query_new (DOSSIER_TYPE_CHARGE);
      dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, case_ids[i]);
      dossier_query_sort (query, "position", FALSE);
      found = dossier_store_query (self, query, 0, DOSSIER_LIST_MAX_ENTRIES, NULL);
      for (guint j = 0; found && j < found->len; j++)
        g_ptr_array_add (*charges, g_object_ref (g_ptr_array_index (found, j)));
    }
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
  const KindInfo *info = dossier_store_find_kind (DOSSIER_TYPE_URGENT_ACTION);
  g_autofree char *sql = NULL;
  g_autofree char *key = NULL;
  g_autoptr(DossierRecord) record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  key = dossier_reference_key (reference);
  sql = g_strdup_printf ("%s WHERE t.reference_key = ?", info->select_sql);
  if (!(stmt = dossier_store_get_statement (self, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = dossier_store_read_record (self, info, stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND,
                         _("There is no urgent action with this reference."));
  else
    dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  dossier_store_release_statement (stmt);

  if (record && !dossier_store_read_record_links (self, info, record, error))
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
  if (!(stmt = dossier_store_get_statement (self,
                              "UPDATE urgent_actions SET reference = char(31) || id, reference_key = NULL"
                              " WHERE id = ?1 AND reference_key IS NOT ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, ua_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!dossier_store_run_statement (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    g_hash_table_add (self->parked, g_strdup (ua_id));
  return TRUE;
}

/* The record kinds the store keeps, in dependency order. */
const GType *
dossier_store_kinds (guint *n_kinds)
{
  dossier_store_ensure_kinds ();
  if (n_kinds)
    *n_kinds = G_N_ELEMENTS (kind_types);
  return kind_types;
}

const char *
dossier_store_kind_table (GType kind)
{
  const KindInfo *info = dossier_store_find_kind (kind);

  return info ? info->table : NULL;
}

/**
 * dossier_store_mark_items_read:
 * @feed_id: (nullable): only this feed's items
 * @case_id: (nullable): only the items linked to this case
 *
 * Marks the unread feed items read, in one statement: tens of thousands
 * at once. Call it where a window is not waiting (a worker thread with a
 * connection of its own).
 *
 * Returns: how many were marked, or -1 on error
 */
gint64
dossier_store_mark_items_read (DossierStore  *self,
                               const char    *feed_id,
                               const char    *case_id,
                               GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 changed;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), -1);

  if (!dossier_store_savepoint (self, error))
    return -1;
  stmt = dossier_store_get_statement (self,
                                      "UPDATE feed_items SET read = 1, updated_at = ?3"
                                      " WHERE read = 0 AND (?1 IS NULL OR feed_id = ?1)"
                                      " AND (?2 IS NULL OR case_id = ?2)", error);
  if (stmt == NULL)
    {
      dossier_store_rollback_level (self);
      return -1;
    }
  {
    g_autofree char *now = dossier_now_timestamp ();

    sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
    /* releases the statement either way */
    if (!dossier_store_run_statement (self, stmt, error))
      {
        dossier_store_rollback_level (self);
        return -1;
      }
  }
  changed = sqlite3_changes64 (self->db);
  if (changed > 0)
    dossier_store_note_change (self, DOSSIER_TYPE_FEED_ITEM);
  if (!dossier_store_release (self, error))
    return -1;
  return changed;
}
