/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "dossier-action.h"
#include "dossier-feed-item.h"
#include "dossier-search-private.h"
#include "dossier-store-private.h"

/* Lists, counts and search: the statements of a DossierQuery, built from
 * names checked against the kind's fields, never pasted in as given. */

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

  info = dossier_store_find_kind (dossier_query_get_kind (query));
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
  if (!(stmt = dossier_store_get_statement (self, sql->str, error)))
    return -1;
  if (tally == NULL)
    bind_filters (stmt, query);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  dossier_store_release_statement (stmt);
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

  info = dossier_store_find_kind (dossier_query_get_kind (query));
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
  if (!(stmt = dossier_store_get_statement (self, sql->str, error)))
    return NULL;
  bind_filters (stmt, query);
  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      dossier_store_release_statement (stmt);
      return NULL;
    }
  dossier_store_release_statement (stmt);
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

  info = dossier_store_find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, NULL);
  if (!(column = text_column (info, field, error)))
    return NULL;
  sql = g_string_new (NULL);
  g_string_printf (sql, "SELECT t.%s, count(*) FROM %s AS t", column, info->table);
  if (!query_clauses (info, query, FALSE, sql, error))
    return NULL;
  g_string_append_printf (sql, " GROUP BY t.%s", column);
  if (!(stmt = dossier_store_get_statement (self, sql->str, error)))
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
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      dossier_store_release_statement (stmt);
      return NULL;
    }
  dossier_store_release_statement (stmt);
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

  info = dossier_store_find_kind (dossier_query_get_kind (query));
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

  if (!(stmt = dossier_store_get_statement (self, sql->str, error)))
    return NULL;
  bind_filters (stmt, query);
  sqlite3_bind_int64 (stmt, n_params + 1, limit);
  sqlite3_bind_int64 (stmt, n_params + 2, offset);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierRecord *record = dossier_store_read_record (self, info, stmt, error);

      if (record == NULL)
        break;
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      if (rc != SQLITE_ROW)
        dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      dossier_store_release_statement (stmt);
      return NULL;
    }
  dossier_store_release_statement (stmt);

  for (guint i = 0; i < records->len; i++)
    if (!dossier_store_read_record_links (self, info, records->pdata[i], error))
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

  for (guint k = 0; k < DOSSIER_STORE_N_SEARCHED; k++)
    {
      const KindInfo *info = &dossier_store_kind_infos[dossier_store_search_order[k]];
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = dossier_store_get_statement (self, info->search_sql, error)))
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
          dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
          dossier_store_release_statement (stmt);
          return NULL;
        }
      dossier_store_release_statement (stmt);
    }

  return g_steal_pointer (&hits);
}
