/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "dossier-record.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* What the files of the store share, and nothing outside app/store/ uses:
 *
 *   dossier-store.c          opening, errors, statements, transactions
 *   dossier-store-migrate.c  the schema's versions, one migration after another
 *   dossier-store-records.c  the kinds' statements, and records written and read
 *   dossier-store-query.c    lists, counts and search
 *   dossier-store-check.c    what `dossier check` looks at
 */

/* The untranslated message for a named constraint of the schema, or NULL. */
const char *dossier_store_describe_constraint (const char *name);

/* PRAGMA application_id of a Dossier store: "Doss" */
#define DOSSIER_STORE_APPLICATION_ID 1148154739

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
  /* urgent actions: the key of the reference (dossier_reference_key()),
   * written beside the fields, the parameter it is bound to */
  int                 key_param;
  /* kinds that are searched: their index (dossier-schema.c, version 2) */
  char               *search_table;
  char               *search_read_sql;
  char               *search_write_sql;
  char               *search_sql;
  /* while a bulk transaction defers the index: see dossier_store_flush_search_index() */
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
  GHashTable *nullable;      /* "table.column" of the columns that may hold NULL */
  gboolean    read_only;     /* opened without write access */
  /* while opening: who hears how a migration goes */
  DossierStoreProgressFunc progress;
  gpointer    progress_data;
  int         schema_version;
};

/* The kinds, in an order where every record refers only to kinds before
 * it; and the kinds search looks through, in the order their hits are
 * returned (indexes into dossier_store_kind_infos). */
#define DOSSIER_STORE_N_KINDS 8
#define DOSSIER_STORE_N_SEARCHED 5
extern KindInfo dossier_store_kind_infos[DOSSIER_STORE_N_KINDS];
extern const guint dossier_store_search_order[DOSSIER_STORE_N_SEARCHED];

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

void            dossier_store_ensure_kinds        (void);
const KindInfo *dossier_store_find_kind           (GType          type);

const char   *dossier_store_constraint_message    (const char    *detail);
void          dossier_store_set_error             (DossierStore  *self,
                                                   int            rc,
                                                   GError       **error);
sqlite3_stmt *dossier_store_get_statement         (DossierStore  *self,
                                                   const char    *sql,
                                                   GError       **error);
void          dossier_store_release_statement     (sqlite3_stmt  *stmt);
gboolean      dossier_store_run_statement         (DossierStore  *self,
                                                   sqlite3_stmt  *stmt,
                                                   GError       **error);
gboolean      dossier_store_exec                  (DossierStore  *self,
                                                   const char    *sql,
                                                   GError       **error);
gboolean      dossier_store_column_is_nullable    (DossierStore  *self,
                                                   const char    *table,
                                                   const char    *column);
gboolean      dossier_store_query_int             (DossierStore  *self,
                                                   const char    *sql,
                                                   int           *value,
                                                   GError       **error);

void          dossier_store_note_change           (DossierStore  *self,
                                                   GType          kind);
gboolean      dossier_store_savepoint             (DossierStore  *self,
                                                   GError       **error);
gboolean      dossier_store_release               (DossierStore  *self,
                                                   GError       **error);
void          dossier_store_rollback_level        (DossierStore  *self);

DossierRecord *dossier_store_read_record          (DossierStore    *self,
                                                   const KindInfo  *info,
                                                   sqlite3_stmt    *stmt,
                                                   GError         **error);
gboolean      dossier_store_read_record_links     (DossierStore    *self,
                                                   const KindInfo  *info,
                                                   DossierRecord   *record,
                                                   GError         **error);
gboolean      dossier_store_index_record          (DossierStore    *self,
                                                   const KindInfo  *info,
                                                   DossierRecord   *record,
                                                   gboolean         created,
                                                   GError         **error);
gboolean      dossier_store_flush_search_index    (DossierStore  *self,
                                                   GError       **error);

gboolean      dossier_store_read_version          (DossierStore  *self,
                                                   GError       **error);
gboolean      dossier_store_migrate               (DossierStore  *self,
                                                   GError       **error);

void          dossier_store_text_bad_function     (sqlite3_context  *context,
                                                   int               argc,
                                                   sqlite3_value   **argv);

G_END_DECLS
