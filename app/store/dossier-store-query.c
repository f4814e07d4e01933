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

/* One term of a query's order: an expression over the row "t", its
 * direction, and whether it can be NULL (which sorts first). The last term
 * is always the rowid. */
typedef struct {
  char     *expr;
  gboolean  descending;
  gboolean  nullable;
} SortTerm;

static void
sort_term_clear (gpointer data)
{
  SortTerm *term = data;

  g_free (term->expr);
}

/* Appends " WHERE …" for @query's filters, from names checked against the
 * kind's fields; values go in as parameters, in order. */
static gboolean
append_filters (const KindInfo  *info,
                DossierQuery    *query,
                GString         *sql,
                GError         **error)
{
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
  return TRUE;
}

/* The terms of @query's order, the rowid last: ties are broken by rowid,
 * which every index carries, so the order is read straight from an index,
 * with no sort, pages never overlap, and every row has a key of its own. */
static GArray *
sort_terms (DossierStore    *self,
            const KindInfo  *info,
            DossierQuery    *query,
            GError         **error)
{
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (SortTerm));
  gboolean last_descending = FALSE;
  SortTerm rowid;

  g_array_set_clear_func (terms, sort_term_clear);
  for (guint i = 0; i < dossier_query_get_n_sorts (query); i++)
    {
      const DossierQuerySort *sort = dossier_query_get_sort (query, i);
      const DossierField *field = NULL;
      g_autofree char *name = NULL;
      SortTerm term = { NULL, sort->descending, FALSE };

      /* the id too: the same records in the same order whatever order
       * their rows were written in (an export) */
      if (g_str_equal (sort->field, "created-at") || g_str_equal (sort->field, "updated-at") ||
          g_str_equal (sort->field, "id"))
        name = g_strdelimit (g_strdup (sort->field), "-", '_');
      else
        {
          field = dossier_record_class_find_field (info->klass, sort->field);
          if (field == NULL || field->type == DOSSIER_FIELD_LINKS || field->type == DOSSIER_FIELD_STRV)
            {
              g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                           "Cannot sort %s by “%s”", info->table, sort->field);
              return NULL;
            }
          name = g_strdelimit (g_strdup (field->name), "-", '_');
          /* as the schema says: a date an action must have is never NULL */
          term.nullable = dossier_store_column_is_nullable (self, info->table, name);
        }
      if (sort->order != NULL)
        {
          /* instr() over ",a,b,c,": the position is the rank. The values go
           * into the SQL text, so only vocabulary ids are accepted. */
          g_autofree char *joined = g_strjoinv (",", sort->order);

          if (!g_regex_match_simple ("^[a-z0-9,-]*$", joined, 0, 0))
            {
              g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                           "Cannot sort %s by these values of “%s”", info->table, sort->field);
              return NULL;
            }
          term.expr = g_strdup_printf ("coalesce(nullif(instr(',%s,', ',' || t.%s || ','), 0), 1000000)",
                                       joined, name);
          term.nullable = FALSE;
        }
      else
        term.expr = g_strdup_printf ("t.%s", name);
      g_array_append_val (terms, term);
      last_descending = sort->descending;
    }
  rowid = (SortTerm) { g_strdup ("t.rowid"), last_descending, FALSE };
  g_array_append_val (terms, rowid);
  return g_steal_pointer (&terms);
}

/* Appends " ORDER BY …" of @terms, or of their reverse. */
static void
append_order (GString *sql,
              GArray  *terms,
              gboolean reverse)
{
  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; i < terms->len; i++)
    {
      const SortTerm *term = &g_array_index (terms, SortTerm, i);

      g_string_append_printf (sql, "%s%s%s", i ? ", " : "", term->expr,
                              term->descending != reverse ? " DESC" : "");
    }
}

/* Builds "WHERE … ORDER BY …" for @query. */
static gboolean
query_clauses (DossierStore    *self,
               const KindInfo  *info,
               DossierQuery    *query,
               gboolean         with_order,
               GString         *sql,
               GError         **error)
{
  g_autoptr(GArray) terms = NULL;

  if (!append_filters (info, query, sql, error))
    return FALSE;
  if (!with_order)
    return TRUE;
  if (!(terms = sort_terms (self, info, query, error)))
    return FALSE;
  append_order (sql, terms, FALSE);
  return TRUE;
}

/* Binds @query's filters from the first parameter; returns the index of
 * the next one. */
static int
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
  return index;
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

/* The column of feed_tallies (schema version 5) that counts what @query
 * matches, when one does: a feed's items, or its unread items. */
static const char *
feed_tally_for (const KindInfo  *info,
                DossierQuery    *query,
                const char     **feed_id)
{
  const char *column = "items";
  guint n = dossier_query_get_n_filters (query);

  *feed_id = NULL;
  if (info->type != DOSSIER_TYPE_FEED_ITEM || n == 0 || n > 2)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      const DossierQueryFilter *filter = dossier_query_get_filter (query, i);

      if (filter->op != DOSSIER_QUERY_EQ)
        return NULL;
      if (!filter->is_int && g_str_equal (filter->field, "feed-id") && *feed_id == NULL)
        *feed_id = filter->text;
      else if (filter->is_int && g_str_equal (filter->field, "read") && filter->number == 0)
        column = "unread";
      else
        return NULL;
    }
  return *feed_id ? column : NULL;
}

/* An action query whose filters are all on the UA, mine, the channel or
 * the state (equal, or a state not equal) is counted from action_tallies
 * (schema version 6): a few rows, whatever the number of actions. Appends
 * the WHERE clause over action_tallies, whose parameters are the filters'
 * values in order, or returns %FALSE when the tallies cannot answer. */
static gboolean
action_tally_where (DossierStore   *self,
                    const KindInfo *info,
                    DossierQuery   *query,
                    GString        *sql)
{
  guint n = dossier_query_get_n_filters (query);

  if (info->type != DOSSIER_TYPE_ACTION || self->schema_version < 6)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const DossierQueryFilter *filter = dossier_query_get_filter (query, i);
      gboolean ne = filter->op == DOSSIER_QUERY_NE;

      if (filter->op != DOSSIER_QUERY_EQ && !(ne && g_str_equal (filter->field, "state")))
        return FALSE;
      if (!(filter->is_int && g_str_equal (filter->field, "mine")) &&
          !(!filter->is_int && (g_str_equal (filter->field, "ua-id") || g_str_equal (filter->field, "channel") ||
                                g_str_equal (filter->field, "state"))))
        return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const DossierQueryFilter *filter = dossier_query_get_filter (query, i);

      g_string_append_printf (sql, "%s%s %s ?", i ? " AND " : " WHERE ",
                              g_str_equal (filter->field, "ua-id") ? "ua_id" : filter->field,
                              filter->op == DOSSIER_QUERY_NE ? "<>" : "=");
    }
  return TRUE;
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
  const char *feed_id = NULL;
  const KindInfo *info;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
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
  else if ((tally = feed_tally_for (info, query, &feed_id)) != NULL)
    /* and per feed (version 5); a feed that is not there has none */
    g_string_printf (sql, "SELECT coalesce((SELECT %s FROM feed_tallies WHERE feed_id = ?1), 0)", tally);
  else if (action_tally_where (self, info, query, where))
    /* and actions per UA, mine, channel and state (version 6) */
    g_string_printf (sql, "SELECT coalesce(sum(n), 0) FROM action_tallies%s", where->str);
  else
    {
      g_string_printf (sql, "SELECT count(*) FROM %s AS t", info->table);
      if (!query_clauses (self, info, query, FALSE, sql, error))
        return -1;
    }
  if (!(stmt = dossier_store_get_statement (self, sql->str, error)))
    return -1;
  if (feed_id)
    sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_TRANSIENT);
  else if (tally == NULL)
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
  if (!query_clauses (self, info, query, FALSE, sql, error))
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
  g_autoptr(GString) where = g_string_new (NULL);
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
  if ((g_str_equal (field, "channel") || g_str_equal (field, "state") || g_str_equal (field, "ua-id")) &&
      action_tally_where (self, info, query, where))
    /* from the tallies (schema 6): the same groups, a few rows read */
    g_string_printf (sql, "SELECT %s, sum(n) FROM action_tallies%s GROUP BY %s HAVING sum(n) > 0",
                     column, where->str, column);
  else
    {
      g_string_printf (sql, "SELECT t.%s, count(*) FROM %s AS t", column, info->table);
      if (!query_clauses (self, info, query, FALSE, sql, error))
        return NULL;
      g_string_append_printf (sql, " GROUP BY t.%s", column);
    }
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
 *   records matching @query, starting at @offset in its order. An offset
 *   walks every row before it: for the first rows of a query; a page deep
 *   in a list is read by key, with dossier_store_query_page().
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
  int index, rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  info = dossier_store_find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, NULL);

  sql = g_string_new (info->select_sql);
  if (!query_clauses (self, info, query, TRUE, sql, error))
    return NULL;
  g_string_append (sql, " LIMIT ? OFFSET ?");

  if (!(stmt = dossier_store_get_statement (self, sql->str, error)))
    return NULL;
  index = bind_filters (stmt, query);
  sqlite3_bind_int64 (stmt, index++, limit);
  sqlite3_bind_int64 (stmt, index, offset);

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

/* ---- pages by key ---- */

struct _DossierCursor
{
  guint           n;
  sqlite3_value **values;
};

static DossierCursor *
cursor_from_row (sqlite3_stmt *stmt,
                 int           first_column,
                 guint         n)
{
  DossierCursor *cursor = g_new0 (DossierCursor, 1);

  cursor->n = n;
  cursor->values = g_new0 (sqlite3_value *, n);
  for (guint i = 0; i < n; i++)
    cursor->values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, first_column + i));
  return cursor;
}

DossierCursor *
dossier_cursor_copy (const DossierCursor *cursor)
{
  DossierCursor *copy;

  g_return_val_if_fail (cursor != NULL, NULL);

  copy = g_new0 (DossierCursor, 1);
  copy->n = cursor->n;
  copy->values = g_new0 (sqlite3_value *, cursor->n);
  for (guint i = 0; i < cursor->n; i++)
    copy->values[i] = sqlite3_value_dup (cursor->values[i]);
  return copy;
}

void
dossier_cursor_free (DossierCursor *cursor)
{
  if (cursor == NULL)
    return;
  for (guint i = 0; i < cursor->n; i++)
    sqlite3_value_free (cursor->values[i]);
  g_free (cursor->values);
  g_free (cursor);
}

static gboolean
cursor_is_null (const DossierCursor *cursor,
                guint                i)
{
  return sqlite3_value_type (cursor->values[i]) == SQLITE_NULL;
}

/* Appends the condition of the rows that come after @cursor in the order
 * of @terms (or before it, with @before), and notes in @binds which of its
 * values the placeholders take, in order. With every term in one direction
 * and none that can be NULL it is a row value, (a, b, rowid) > (?, ?, ?),
 * which SQLite reads as a range of an index; otherwise one alternative per
 * term, NULL sorting first. */
static void
append_keyset (GString             *sql,
               GArray              *terms,
               const DossierCursor *cursor,
               gboolean             before,
               gboolean             has_where,
               GArray              *binds)
{
  gboolean uniform = TRUE;

  g_assert (cursor->n == terms->len);
  g_string_append (sql, has_where ? " AND " : " WHERE ");
  for (guint i = 0; i < terms->len; i++)
    {
      const SortTerm *term = &g_array_index (terms, SortTerm, i);

      if (term->nullable || cursor_is_null (cursor, i) ||
          term->descending != g_array_index (terms, SortTerm, 0).descending)
        uniform = FALSE;
    }

  if (uniform)
    {
      gboolean greater = g_array_index (terms, SortTerm, 0).descending == before;

      g_string_append_c (sql, '(');
      for (guint i = 0; i < terms->len; i++)
        {
          g_string_append_printf (sql, "%s%s", i ? ", " : "", g_array_index (terms, SortTerm, i).expr);
          g_array_append_val (binds, i);
        }
      g_string_append_printf (sql, ") %s (", greater ? ">" : "<");
      for (guint i = 0; i < terms->len; i++)
        g_string_append (sql, i ? ", ?" : "?");
      g_string_append_c (sql, ')');
      return;
    }

  g_string_append_c (sql, '(');
  for (guint i = 0; i < terms->len; i++)
    {
      const SortTerm *term = &g_array_index (terms, SortTerm, i);
      gboolean greater = term->descending == before;

      g_string_append (sql, i ? " OR (" : "(");
      for (guint j = 0; j < i; j++)
        {
          const SortTerm *equal = &g_array_index (terms, SortTerm, j);

          if (cursor_is_null (cursor, j))
            g_string_append_printf (sql, "%s IS NULL AND ", equal->expr);
          else
            {
              g_string_append_printf (sql, "%s = ? AND ", equal->expr);
              g_array_append_val (binds, j);
            }
        }
      if (greater && cursor_is_null (cursor, i))
        g_string_append_printf (sql, "%s IS NOT NULL", term->expr);
      else if (greater)
        {
          g_string_append_printf (sql, "%s > ?", term->expr);
          g_array_append_val (binds, i);
        }
      else if (cursor_is_null (cursor, i))
        g_string_append (sql, "0");
      else
        {
          g_string_append_printf (sql, term->nullable ? "(%s < ? OR %s IS NULL)" : "%s < ?",
                                  term->expr, term->expr);
          g_array_append_val (binds, i);
        }
      g_string_append_c (sql, ')');
    }
  g_string_append_c (sql, ')');
}

/* Binds @query's filters, then @cursor's values as @binds lists them;
 * returns the index of the next parameter. */
static int
bind_page (sqlite3_stmt        *stmt,
           DossierQuery        *query,
           const DossierCursor *cursor,
           GArray              *binds)
{
  int index = bind_filters (stmt, query);

  for (guint i = 0; cursor && i < binds->len; i++)
    sqlite3_bind_value (stmt, index++, cursor->values[g_array_index (binds, guint, i)]);
  return index;
}

/* "SELECT <what> FROM <table> AS t WHERE … ORDER BY …" for a page. */
static char *
page_sql (const KindInfo       *info,
          DossierQuery         *query,
          GArray               *terms,
          const char           *what,
          const DossierCursor  *cursor,
          gboolean              before,
          GArray               *binds,
          GError              **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_printf (sql, "SELECT %s FROM %s AS t", what, info->table);
  if (!append_filters (info, query, sql, error))
    return NULL;
  if (cursor)
    append_keyset (sql, terms, cursor, before, dossier_query_get_n_filters (query) > 0, binds);
  append_order (sql, terms, before);
  g_string_append (sql, " LIMIT ? OFFSET ?");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
key_columns (GArray *terms)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    g_string_append_printf (keys, "%s%s", i ? ", " : "", g_array_index (terms, SortTerm, i).expr);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/**
 * dossier_store_query_page:
 * @direction: whether to read the rows after @cursor or before it
 * @cursor: (nullable): where to start; %NULL for the first row (after) or
 *   the last (before)
 * @skip: rows to pass over first (they cost as they are read: keep it small)
 * @first: (out) (optional): where the first row returned stands
 * @last: (out) (optional): where the last row returned stands
 *
 * Reads up to @limit records of @query next to @cursor, through an index
 * when there is one for the query's order: a page deep in a million rows
 * costs what the first does, where an OFFSET walks every row before it.
 *
 * Returns: (transfer full) (element-type DossierRecord): the records, in
 *   the query's order either way, or %NULL on error.
 */
GPtrArray *
dossier_store_query_page (DossierStore          *self,
                          DossierQuery          *query,
                          DossierPageDirection   direction,
                          const DossierCursor   *cursor,
                          guint                  skip,
                          guint                  limit,
                          DossierCursor        **first,
                          DossierCursor        **last,
                          GError               **error)
{
  gboolean before = direction == DOSSIER_PAGE_BEFORE;
  const KindInfo *info;
  g_autoptr(GArray) terms = NULL;
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(DossierCursor) first_read = NULL;
  g_autoptr(DossierCursor) last_read = NULL;
  g_autofree char *what = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int index, key_column, rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  info = dossier_store_find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, NULL);
  if (!(terms = sort_terms (self, info, query, error)))
    return NULL;
  g_return_val_if_fail (cursor == NULL || cursor->n == terms->len, NULL);

  {
    g_autofree char *keys = key_columns (terms);
    const char *from = strstr (info->select_sql, " FROM ");

    what = g_strdup_printf ("%.*s, %s", (int) (from - info->select_sql - strlen ("SELECT ")),
                            info->select_sql + strlen ("SELECT "), keys);
  }
  if (!(sql = page_sql (info, query, terms, what, cursor, before, binds, error)) ||
      !(stmt = dossier_store_get_statement (self, sql, error)))
    return NULL;
  index = bind_page (stmt, query, cursor, binds);
  sqlite3_bind_int64 (stmt, index++, limit);
  sqlite3_bind_int64 (stmt, index, skip);

  key_column = sqlite3_column_count (stmt) - (int) terms->len;
  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierRecord *record = dossier_store_read_record (self, info, stmt, error);

      if (record == NULL)
        break;
      g_ptr_array_add (records, record);
      if (first_read == NULL)
        first_read = cursor_from_row (stmt, key_column, terms->len);
      else if (last != NULL || first != NULL)
        {
          g_clear_pointer (&last_read, dossier_cursor_free);
          last_read = cursor_from_row (stmt, key_column, terms->len);
        }
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

  if (last_read == NULL && first_read != NULL)
    last_read = dossier_cursor_copy (first_read);
  if (before)
    {
      /* read from the end: in the query's order, the last read is first */
      DossierCursor *swap = first_read;

      first_read = last_read;
      last_read = swap;
      for (guint i = 0; i < records->len / 2; i++)
        {
          gpointer record = records->pdata[i];

          records->pdata[i] = records->pdata[records->len - 1 - i];
          records->pdata[records->len - 1 - i] = record;
        }
    }
  if (first)
    *first = g_steal_pointer (&first_read);
  if (last)
    *last = g_steal_pointer (&last_read);
  return g_steal_pointer (&records);
}

/**
 * dossier_store_query_foreach:
 * @page_size: how many records are read at a time (0: a default)
 * @func: told each record, in the query's order
 * @cancellable: (nullable): stops the reading between two pages
 *
 * Reads every record of @query, a page at a time by key, and tells @func of
 * each: what a listing or an export of a million records goes through, in
 * the memory of one page. The store is free to use again while @func runs
 * (no statement is open then), but a page is read as the store is at the
 * time: records written meanwhile after the page are read, those before it
 * are not.
 *
 * Returns: %TRUE when every record was told; %FALSE with @error set on an
 *   error, on cancellation, or when @func stopped.
 */
gboolean
dossier_store_query_foreach (DossierStore       *self,
                             DossierQuery       *query,
                             guint               page_size,
                             DossierRecordFunc   func,
                             gpointer            user_data,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(DossierCursor) cursor = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (page_size == 0)
    page_size = 1000;
  for (;;)
    {
      g_autoptr(DossierCursor) next = NULL;
      g_autoptr(GPtrArray) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = dossier_store_query_page (self, query, DOSSIER_PAGE_AFTER, cursor, 0, page_size,
                                       NULL, &next, error);
      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        if (!func (page->pdata[i], user_data, error))
          return FALSE;
      if (page->len < page_size)
        return TRUE;
      g_clear_pointer (&cursor, dossier_cursor_free);
      cursor = g_steal_pointer (&next);
    }
}

/**
 * dossier_store_query_cursors:
 * @after: (nullable): where to start; %NULL for the first row
 * @limit: rows to read at most
 * @every: a cursor is kept for every @every-th row read
 * @cursors: (element-type DossierCursor): receives the cursors
 *
 * Reads only the keys of @query's rows, through the index of its order,
 * and keeps the cursor of every @every-th row: the landmarks from which a
 * list reads any page of itself by key.
 *
 * Returns: the rows read, or -1 on error.
 */
gint64
dossier_store_query_cursors (DossierStore         *self,
                             DossierQuery         *query,
                             const DossierCursor  *after,
                             guint                 limit,
                             guint                 every,
                             GPtrArray            *cursors,
                             GError              **error)
{
  const KindInfo *info;
  g_autoptr(GArray) terms = NULL;
  g_autoptr(GArray) binds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *keys = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int index, rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL && every > 0 && cursors != NULL, -1);

  info = dossier_store_find_kind (dossier_query_get_kind (query));
  g_return_val_if_fail (info != NULL, -1);
  if (!(terms = sort_terms (self, info, query, error)))
    return -1;
  keys = key_columns (terms);
  if (!(sql = page_sql (info, query, terms, keys, after, FALSE, binds, error)) ||
      !(stmt = dossier_store_get_statement (self, sql, error)))
    return -1;
  index = bind_page (stmt, query, after, binds);
  sqlite3_bind_int64 (stmt, index++, limit);
  sqlite3_bind_int64 (stmt, index, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (++n % every == 0)
      g_ptr_array_add (cursors, cursor_from_row (stmt, 0, terms->len));
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      dossier_store_release_statement (stmt);
      return -1;
    }
  dossier_store_release_statement (stmt);
  return n;
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
