/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a list shows: one kind of record, filtered and sorted by its fields.
 * Fields are named as properties ("ua-id"); the store checks every name
 * against the kind's fields, so a query can never inject SQL. */

typedef enum {
  DOSSIER_QUERY_EQ,
  DOSSIER_QUERY_NE,
  DOSSIER_QUERY_LT,
  DOSSIER_QUERY_LE,
  DOSSIER_QUERY_GT,
  DOSSIER_QUERY_GE,
  DOSSIER_QUERY_IS_NULL,
  DOSSIER_QUERY_NOT_NULL,
  DOSSIER_QUERY_LINKS_TO, /* a LINKS field holds the value */
} DossierQueryOp;

typedef struct {
  char           *field;
  DossierQueryOp  op;
  gboolean        is_int;
  char           *text;
  gint64          number;
} DossierQueryFilter;

typedef struct {
  char     *field;
  gboolean  descending;
  GStrv     order;   /* NULL, or the field's values in the order to sort by */
} DossierQuerySort;

typedef struct _DossierQuery DossierQuery;

#define DOSSIER_TYPE_QUERY (dossier_query_get_type ())

GType         dossier_query_get_type      (void) G_GNUC_CONST;
DossierQuery *dossier_query_new           (GType           kind);
DossierQuery *dossier_query_ref           (DossierQuery   *self);
void          dossier_query_unref         (DossierQuery   *self);
GType         dossier_query_get_kind      (DossierQuery   *self);

void          dossier_query_filter_text   (DossierQuery   *self,
                                           const char     *field,
                                           DossierQueryOp  op,
                                           const char     *value);
void          dossier_query_filter_int    (DossierQuery   *self,
                                           const char     *field,
                                           DossierQueryOp  op,
                                           gint64          value);
void          dossier_query_filter_null   (DossierQuery   *self,
                                           const char     *field,
                                           gboolean        is_null);
void          dossier_query_sort          (DossierQuery   *self,
                                           const char     *field,
                                           gboolean        descending);
void          dossier_query_sort_by_values (DossierQuery       *self,
                                            const char         *field,
                                            const char * const *order);

guint                     dossier_query_get_n_filters (DossierQuery *self);
const DossierQueryFilter *dossier_query_get_filter    (DossierQuery *self,
                                                       guint         i);
guint                     dossier_query_get_n_sorts   (DossierQuery *self);
const DossierQuerySort   *dossier_query_get_sort      (DossierQuery *self,
                                                       guint         i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierQuery, dossier_query_unref)

G_END_DECLS
