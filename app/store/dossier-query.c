/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-query.h"
#include "dossier-record.h"

struct _DossierQuery
{
  gatomicrefcount ref_count;
  GType kind;
  GArray *filters;
  GArray *sorts;
};

G_DEFINE_BOXED_TYPE (DossierQuery, dossier_query, dossier_query_ref, dossier_query_unref)

static void
clear_filter (gpointer data)
{
  DossierQueryFilter *filter = data;

  g_free (filter->field);
  g_free (filter->text);
}

static void
clear_sort (gpointer data)
{
  DossierQuerySort *sort = data;

  g_free (sort->field);
  g_strfreev (sort->order);
}

DossierQuery *
dossier_query_new (GType kind)
{
  DossierQuery *self;

  g_return_val_if_fail (g_type_is_a (kind, DOSSIER_TYPE_RECORD), NULL);

  self = g_new0 (DossierQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->filters = g_array_new (FALSE, TRUE, sizeof (DossierQueryFilter));
  g_array_set_clear_func (self->filters, clear_filter);
  self->sorts = g_array_new (FALSE, TRUE, sizeof (DossierQuerySort));
  g_array_set_clear_func (self->sorts, clear_sort);
  return self;
}

DossierQuery *
dossier_query_ref (DossierQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dossier_query_unref (DossierQuery *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->filters);
      g_array_unref (self->sorts);
      g_free (self);
    }
}

GType
dossier_query_get_kind (DossierQuery *self)
{
  g_return_val_if_fail (self != NULL, G_TYPE_INVALID);

  return self->kind;
}

void
dossier_query_filter_text (DossierQuery   *self,
                           const char     *field,
                           DossierQueryOp  op,
                           const char     *value)
{
  DossierQueryFilter filter = { g_strdup (field), op, FALSE, g_strdup (value), 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  g_array_append_val (self->filters, filter);
}

void
dossier_query_filter_int (DossierQuery   *self,
                          const char     *field,
                          DossierQueryOp  op,
                          gint64          value)
{
  DossierQueryFilter filter = { g_strdup (field), op, TRUE, NULL, value };

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  g_array_append_val (self->filters, filter);
}

void
dossier_query_filter_null (DossierQuery *self,
                           const char   *field,
                           gboolean      is_null)
{
  dossier_query_filter_text (self, field,
                             is_null ? DOSSIER_QUERY_IS_NULL : DOSSIER_QUERY_NOT_NULL,
                             NULL);
}

/* Sort keys apply in the order they are added; the id always breaks ties
 * so that pages of a list never overlap. */
void
dossier_query_sort (DossierQuery *self,
                    const char   *field,
                    gboolean      descending)
{
  DossierQuerySort sort = { g_strdup (field), descending, NULL };

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  g_array_append_val (self->sorts, sort);
}

/* Sorts by a closed vocabulary in an order of its own rather than the
 * alphabet (case statuses as the reports group them); values not listed
 * come last. */
void
dossier_query_sort_by_values (DossierQuery       *self,
                              const char         *field,
                              const char * const *order)
{
  DossierQuerySort sort = { g_strdup (field), FALSE, g_strdupv ((char **) order) };

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL && order != NULL);

  g_array_append_val (self->sorts, sort);
}

guint
dossier_query_get_n_filters (DossierQuery *self)
{
  return self->filters->len;
}

const DossierQueryFilter *
dossier_query_get_filter (DossierQuery *self,
                          guint         i)
{
  g_return_val_if_fail (i < self->filters->len, NULL);
  return &g_array_index (self->filters, DossierQueryFilter, i);
}

guint
dossier_query_get_n_sorts (DossierQuery *self)
{
  return self->sorts->len;
}

const DossierQuerySort *
dossier_query_get_sort (DossierQuery *self,
                        guint         i)
{
  g_return_val_if_fail (i < self->sorts->len, NULL);
  return &g_array_index (self->sorts, DossierQuerySort, i);
}
