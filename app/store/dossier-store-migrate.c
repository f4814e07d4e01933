/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "dossier-case.h"
#include "dossier-countries.h"
#include "dossier-schema-private.h"
#include "dossier-store-private.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* The store's schema, brought forward one version at a time
 * (dossier-schema.c), with the steps only C can take: search documents
 * and reference keys. */

/* The SELECT of info->select_sql, for the table as the version being
 * migrated has it: a column that a later version adds (an urgent action's
 * language, version 7) is read as NULL, which the record reads as unset.
 * @where: a condition on the rows, of columns of "t", or NULL for all. */
static char *
select_existing_columns (DossierStore    *self,
                         const KindInfo  *info,
                         const char      *where,
                         GError         **error)
{
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) sql = g_string_new ("SELECT t.id, t.created_at, t.updated_at");
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name FROM pragma_table_info(?1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, info->table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (existing, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      g_autofree char *column = NULL;

      if (info->field_column[i] < 0)
        continue;
      column = g_strdelimit (g_strdup (info->klass->fields[i].name), "-", '_');
      if (g_hash_table_contains (existing, column))
        g_string_append_printf (sql, ", t.%s", column);
      else
        g_string_append_printf (sql, ", NULL AS %s", column);
    }
  g_string_append_printf (sql, " FROM %s AS t%s%s ORDER BY t.rowid", info->table,
                          where ? " WHERE " : "", where ? where : "");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Writes anew the search document of each record of @info's table that
 * matches @where (see select_existing_columns()). With @done, the count of
 * records written so far of @total, the migration's progress is said. */
static gboolean
index_records (DossierStore    *self,
               const KindInfo  *info,
               const char      *where,
               gint64          *done,
               gint64           total,
               GError         **error)
{
  g_autofree char *sql = select_existing_columns (self, info, where, error);
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n = 0;
  int rc;

  if (sql == NULL)
    return FALSE;
  /* a statement of its own: only the migration reads a whole table */
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DossierRecord) record = dossier_store_read_record (self, info, stmt, error);

      if (record == NULL ||
          !dossier_store_read_record_links (self, info, record, error) ||
          !dossier_store_index_record (self, info, record, FALSE, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      n++;
      if (done && ++*done % 1000 == 0 && self->progress)
        /* Translators: shown while a store of an older version is brought up to date */
        self->progress (_("Indexing the records for search"), 0.9 * *done / MAX (total, 1),
                        self->progress_data);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  g_debug ("Indexed %u %s for search in %.1f s", n, info->table,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return TRUE;
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
  for (guint k = 0; k < DOSSIER_STORE_N_SEARCHED; k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", dossier_store_kind_infos[dossier_store_search_order[k]].table);
      int n = 0;

      if (!dossier_store_query_int (self, sql, &n, error))
        return FALSE;
      total += n;
    }
  for (guint k = 0; k < DOSSIER_STORE_N_SEARCHED; k++)
    if (!index_records (self, &dossier_store_kind_infos[dossier_store_search_order[k]], NULL, &done, total, error))
      return FALSE;
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
  dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  return FALSE;
}

/* Version 9: a case's and a target's country become ISO 3166-1 codes. A
 * value that names a country (dossier_country_code_from_text(): "Kazakhstan",
 * "kz", "Казахстан") becomes its code; any other is kept as it was typed,
 * for the volunteer to see and choose again. The records keep their
 * updated_at: what they say has not changed. Their search documents are
 * written again, with the names of their country in every language. */
static gboolean
convert_country_codes (DossierStore  *self,
                       GError       **error)
{
  const GType kinds[] = { DOSSIER_TYPE_CASE, DOSSIER_TYPE_TARGET };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const KindInfo *info = dossier_store_find_kind (kinds[k]);
      g_autofree char *read_sql = g_strdup_printf ("SELECT DISTINCT country FROM %s WHERE country <> ''", info->table);
      g_autofree char *write_sql = g_strdup_printf ("UPDATE %s SET country = ?1 WHERE country = ?2", info->table);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *read = NULL;
      sqlite3_stmt *write = NULL;
      int rc;

      /* read whole first: the UPDATE changes what the SELECT walks */
      if (sqlite3_prepare_v2 (self->db, read_sql, -1, &read, NULL) != SQLITE_OK)
        goto failed;
      while ((rc = sqlite3_step (read)) == SQLITE_ROW)
        g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (read, 0)));
      sqlite3_finalize (read);
      read = NULL;
      if (rc != SQLITE_DONE)
        goto failed;

      if (sqlite3_prepare_v2 (self->db, write_sql, -1, &write, NULL) != SQLITE_OK)
        goto failed;
      for (guint i = 0; i < values->len; i++)
        {
          const char *value = values->pdata[i];
          const char *code = dossier_country_code_from_text (value);

          if (code == NULL || g_str_equal (code, value))
            continue;
          sqlite3_bind_text (write, 1, code, -1, SQLITE_STATIC);
          sqlite3_bind_text (write, 2, value, -1, SQLITE_STATIC);
          if (sqlite3_step (write) != SQLITE_DONE)
            goto failed;
          sqlite3_reset (write);
        }
      sqlite3_finalize (write);
      continue;

    failed:
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_finalize (read);
      sqlite3_finalize (write);
      return FALSE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (!index_records (self, dossier_store_find_kind (kinds[k]), "t.country <> ''", NULL, 0, error))
      return FALSE;
  return TRUE;
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
    case DOSSIER_SCHEMA_STEP_COUNTRY_CODES:
      return convert_country_codes (self, error);
    case DOSSIER_SCHEMA_STEP_NONE:
    default:
      return TRUE;
    }
}

gboolean
dossier_store_read_version (DossierStore  *self,
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
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
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

/* Whether the rows of other tables still find what they refer to in
 * @table, after it was copied and replaced. */
static gboolean
check_references_to (DossierStore  *self,
                     const char    *table,
                     GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int n_broken = 0;

  /* the tables that refer to @table, and then their broken rows */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT DISTINCT m.name FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f"
                          " WHERE m.type = 'table' AND f.\"table\" = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *check = g_strdup_printf ("SELECT count(*) FROM pragma_foreign_key_check('%s')",
                                                (const char *) sqlite3_column_text (stmt, 0));
      int n = 0;

      if (!dossier_store_query_int (self, check, &n, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      n_broken += n;
    }
  sqlite3_finalize (stmt);

  if (n_broken > 0)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE,
                   /* Translators: %s is the path of the store */
                   _("The store “%s” could not be brought up to the new format: some of its records "
                     "refer to records that are not there. It has not been changed; “dossier check” "
                     "names them."), self->path);
      return FALSE;
    }
  return TRUE;
}

/* @tables: names separated by spaces */
static gboolean
check_references_to_all (DossierStore  *self,
                         const char    *tables,
                         GError       **error)
{
  g_auto(GStrv) names = g_strsplit (tables, " ", -1);

  for (guint i = 0; names[i]; i++)
    if (*names[i] && !check_references_to (self, names[i], error))
      return FALSE;
  return TRUE;
}

/* Takes the store from version @next - 1 to @next in one transaction. */
static gboolean
migrate_one (DossierStore  *self,
             guint          next,
             const char    *rebuilt,
             GError       **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", next);
  int current;

  if (!dossier_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* another process opening the same new store may have migrated it
   * while we waited for the lock */
  if (!dossier_store_query_int (self, "PRAGMA user_version", &current, error))
    {
      dossier_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  if (current >= (int) next)
    return dossier_store_exec (self, "COMMIT", error);

  g_debug ("Migrating store to version %u", next);
  if (self->progress)
    /* Translators: shown while a store of an older version is brought up to date */
    self->progress (_("Updating the store to the new format"), 0.0, self->progress_data);
  if (!dossier_store_exec (self, dossier_schema_migration (next), error) ||
      !run_migration_step (self, next, error) ||
      (dossier_schema_migration_finish (next) != NULL &&
       !dossier_store_exec (self, dossier_schema_migration_finish (next), error)) ||
      (rebuilt != NULL && !check_references_to_all (self, rebuilt, error)) ||
      !dossier_store_exec (self, set_version, error) ||
      !dossier_store_exec (self, "COMMIT", error))
    {
      dossier_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_migrate (DossierStore  *self,
                       GError       **error)
{
  int version = self->schema_version;

  for (guint next = version + 1; next <= dossier_schema_n_migrations (); next++)
    {
      const char *rebuilt = dossier_schema_migration_rebuilt (next);
      gboolean ok;

      /* outside a transaction, where the pragma takes effect */
      if (rebuilt && !dossier_store_exec (self, "PRAGMA foreign_keys = OFF", error))
        return FALSE;
      ok = migrate_one (self, next, rebuilt, error);
      if (rebuilt && !dossier_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
        return FALSE;
      if (!ok)
        return FALSE;
    }

  self->schema_version = DOSSIER_STORE_SCHEMA_VERSION;
  return TRUE;
}
