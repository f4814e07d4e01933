/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-record.h"
#include "dossier-query.h"
#include "dossier-search-hit.h"

G_BEGIN_DECLS

#define DOSSIER_STORE_ERROR (dossier_store_error_quark ())

typedef enum {
  DOSSIER_STORE_ERROR_OPEN,        /* the file cannot be opened or created */
  DOSSIER_STORE_ERROR_NOT_A_STORE, /* the file is not a Dossier store, or is damaged */
  DOSSIER_STORE_ERROR_TOO_NEW,     /* written by a newer Dossier */
  DOSSIER_STORE_ERROR_CONSTRAINT,  /* the record breaks a rule of the schema */
  DOSSIER_STORE_ERROR_EXISTS,      /* a record with this id exists already */
  DOSSIER_STORE_ERROR_NOT_FOUND,   /* no record with this id */
  DOSSIER_STORE_ERROR_BUSY,        /* another program holds the store */
  DOSSIER_STORE_ERROR_FULL,        /* the disk is full */
  DOSSIER_STORE_ERROR_FAILED,      /* anything else SQLite reports */
  DOSSIER_STORE_ERROR_MISSING,     /* there is no store where one must be */
  DOSSIER_STORE_ERROR_READ_ONLY,   /* the store cannot be written, and must be */
} DossierStoreError;

typedef enum {
  DOSSIER_STORE_OPEN_DEFAULT  = 0,      /* create the store when there is none */
  DOSSIER_STORE_OPEN_EXISTING = 1 << 0, /* a missing store is an error */
  DOSSIER_STORE_OPEN_READING  = 1 << 1, /* EXISTING, and the caller only reads */
} DossierStoreOpenFlags;

/* How long opening waits for another program that holds the store, and
 * how long a write waits for another writer. */
#define DOSSIER_STORE_OPEN_TIMEOUT_MS 5000
#define DOSSIER_STORE_BUSY_TIMEOUT_MS 5000

/* Told what a migration does (a sentence) and how far it is, from 0 to 1. */
typedef void (*DossierStoreProgressFunc) (const char *what,
                                          double      fraction,
                                          gpointer    user_data);

/* The schema version this code writes; see dossier-schema.c */
#define DOSSIER_STORE_SCHEMA_VERSION 12

/* Where a row stands in a query's order: the values of its sort keys and
 * its rowid. The rows after or before it are read through an index from
 * there (a page by key), whatever the number of rows before it. */
typedef struct _DossierCursor DossierCursor;

typedef enum {
  DOSSIER_PAGE_AFTER,   /* the rows after the cursor, or from the first */
  DOSSIER_PAGE_BEFORE,  /* the rows before the cursor, or up to the last */
} DossierPageDirection;

/* Told each record of dossier_store_query_foreach(), in order; returns
 * FALSE with @error set to stop there. */
typedef gboolean (*DossierRecordFunc) (DossierRecord  *record,
                                       gpointer        user_data,
                                       GError        **error);

DossierCursor *dossier_cursor_copy (const DossierCursor *cursor);
void           dossier_cursor_free (DossierCursor       *cursor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierCursor, dossier_cursor_free)

#define DOSSIER_TYPE_STORE (dossier_store_get_type ())
G_DECLARE_FINAL_TYPE (DossierStore, dossier_store, DOSSIER, STORE, GObject)

GQuark        dossier_store_error_quark       (void);

char         *dossier_store_default_path      (const char    *data_dir);
DossierStore *dossier_store_open              (const char    *path,
                                               GError       **error);
DossierStore *dossier_store_open_full         (const char               *path,
                                               DossierStoreOpenFlags     flags,
                                               DossierStoreProgressFunc  progress,
                                               gpointer                  progress_data,
                                               GError                  **error);
gboolean      dossier_store_is_read_only      (DossierStore  *self);
void          dossier_store_open_async        (const char               *path,
                                               DossierStoreOpenFlags     flags,
                                               DossierStoreProgressFunc  progress,
                                               gpointer                  progress_data,
                                               GDestroyNotify            progress_destroy,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data);
DossierStore *dossier_store_open_finish       (GAsyncResult             *result,
                                               GError                  **error);
void          dossier_store_notify_changed    (DossierStore  *self,
                                               GType          kind);
const char   *dossier_store_get_path          (DossierStore  *self);
int           dossier_store_get_schema_version (DossierStore *self);

gboolean      dossier_store_begin             (DossierStore  *self,
                                               GError       **error);
gboolean      dossier_store_begin_bulk        (DossierStore  *self,
                                               GError       **error);
gboolean      dossier_store_commit            (DossierStore  *self,
                                               GError       **error);
void          dossier_store_rollback          (DossierStore  *self);

gboolean      dossier_store_create            (DossierStore  *self,
                                               DossierRecord *record,
                                               GError       **error);
gboolean      dossier_store_update            (DossierStore  *self,
                                               DossierRecord *record,
                                               GError       **error);
gboolean      dossier_store_delete            (DossierStore  *self,
                                               GType          kind,
                                               const char    *id,
                                               GError       **error);
gpointer      dossier_store_fetch             (DossierStore  *self,
                                               GType          kind,
                                               const char    *id,
                                               GError       **error);
int           dossier_store_contains          (DossierStore  *self,
                                               GType          kind,
                                               const char    *id,
                                               GError       **error);

gint64        dossier_store_mark_items_read   (DossierStore  *self,
                                               const char    *feed_id,
                                               const char    *case_id,
                                               GError       **error);

void          dossier_store_fetch_ua_cases    (DossierStore  *self,
                                               DossierRecord *ua,
                                               GPtrArray    **cases,
                                               GPtrArray    **charges);
gpointer      dossier_store_find_urgent_action (DossierStore *self,
                                                const char   *reference,
                                                GError      **error);
gboolean      dossier_store_release_reference (DossierStore  *self,
                                               const char    *ua_id,
                                               const char    *reference,
                                               GError       **error);

gint64        dossier_store_count             (DossierStore  *self,
                                               DossierQuery  *query,
                                               GError       **error);
GStrv         dossier_store_distinct          (DossierStore  *self,
                                               DossierQuery  *query,
                                               const char    *field,
                                               GError       **error);
GHashTable   *dossier_store_count_by          (DossierStore  *self,
                                               DossierQuery  *query,
                                               const char    *field,
                                               GError       **error);
GPtrArray    *dossier_store_query             (DossierStore  *self,
                                               DossierQuery  *query,
                                               guint          offset,
                                               guint          limit,
                                               GError       **error);

GPtrArray    *dossier_store_query_page        (DossierStore          *self,
                                               DossierQuery          *query,
                                               DossierPageDirection   direction,
                                               const DossierCursor   *cursor,
                                               guint                  skip,
                                               guint                  limit,
                                               DossierCursor        **first,
                                               DossierCursor        **last,
                                               GError               **error);
gboolean      dossier_store_query_foreach     (DossierStore          *self,
                                               DossierQuery          *query,
                                               guint                  page_size,
                                               DossierRecordFunc      func,
                                               gpointer               user_data,
                                               GCancellable          *cancellable,
                                               GError               **error);
gint64        dossier_store_query_cursors     (DossierStore          *self,
                                               DossierQuery          *query,
                                               const DossierCursor   *after,
                                               guint                  limit,
                                               guint                  every,
                                               GPtrArray             *cursors,
                                               GError               **error);

GPtrArray    *dossier_store_search            (DossierStore  *self,
                                               const char    *text,
                                               guint          limit_per_kind,
                                               GError       **error);

const GType  *dossier_store_kinds             (guint         *n_kinds);
const char   *dossier_store_kind_table        (GType          kind);

gboolean      dossier_store_check_integrity   (DossierStore  *self,
                                               char         **problems,
                                               GError       **error);

G_END_DECLS
