/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-record-list.h"

/* A GListModel over a query of the store that never holds the whole result.
 *
 * It knows its length from a count, and materialises rows a page at a time
 * when a view asks for them, keeping the few pages most recently used. When
 * the store reports a change to the kind it lists, it recounts, drops its
 * pages and tells its views. */

typedef struct
{
  guint      index;
  GPtrArray *records;
} Page;

struct _DossierRecordList
{
  GObject       parent_instance;

  DossierStore *store;
  DossierQuery *query;
  gulong        changed_id;
  GArray       *also_kinds;  /* kinds whose changes show in the rows too */
  guint         n_items;
  GQueue        pages;     /* of Page*, most recently used first */
  GError       *error;     /* the last failure to read, for the UI */
};

static void dossier_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierRecordList, dossier_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dossier_record_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->records);
  g_free (page);
}

static void
drop_pages (DossierRecordList *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

static void
set_error (DossierRecordList *self,
           GError            *error)
{
  if (error)
    g_warning ("Could not read the list: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
}

static guint
count_items (DossierRecordList *self)
{
  GError *error = NULL;
  gint64 count = dossier_store_count (self->store, self->query, &error);

  set_error (self, error);
  return count < 0 ? 0 : (guint) MIN (count, G_MAXUINT);
}

static Page *
find_page (DossierRecordList *self,
           guint              index)
{
  for (GList *l = self->pages.head; l; l = l->next)
    {
      Page *page = l->data;

      if (page->index == index)
        {
          /* most recently used goes first */
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          return page;
        }
    }
  return NULL;
}

static Page *
load_page (DossierRecordList *self,
           guint              index)
{
  GError *error = NULL;
  GPtrArray *records;
  Page *page;

  records = dossier_store_query (self->store, self->query,
                                 index * DOSSIER_RECORD_LIST_PAGE_SIZE,
                                 DOSSIER_RECORD_LIST_PAGE_SIZE, &error);
  set_error (self, error);
  if (records == NULL)
    return NULL;

  page = g_new0 (Page, 1);
  page->index = index;
  page->records = records;
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > DOSSIER_RECORD_LIST_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static void
reload (DossierRecordList *self)
{
  guint old = self->n_items;

  drop_pages (self);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_store_changed_cb (DossierStore      *store,
                     GType              kind,
                     DossierRecordList *self)
{
  if (kind == dossier_query_get_kind (self->query))
    {
      reload (self);
      return;
    }
  for (guint i = 0; self->also_kinds && i < self->also_kinds->len; i++)
    if (g_array_index (self->also_kinds, GType, i) == kind)
      {
        reload (self);
        return;
      }
}

static GType
dossier_record_list_get_item_type (GListModel *model)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (model);

  return dossier_query_get_kind (self->query);
}

static guint
dossier_record_list_get_n_items (GListModel *model)
{
  return DOSSIER_RECORD_LIST (model)->n_items;
}

static gpointer
dossier_record_list_get_item (GListModel *model,
                              guint       position)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (model);
  guint index = position / DOSSIER_RECORD_LIST_PAGE_SIZE;
  guint offset = position % DOSSIER_RECORD_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = find_page (self, index);
  if (page == NULL)
    page = load_page (self, index);
  /* the store may have shrunk under us before ::changed arrived */
  if (page == NULL || offset >= page->records->len)
    return NULL;
  return g_object_ref (page->records->pdata[offset]);
}

static void
dossier_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dossier_record_list_get_item_type;
  iface->get_n_items = dossier_record_list_get_n_items;
  iface->get_item = dossier_record_list_get_item;
}

static void
dossier_record_list_dispose (GObject *object)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  drop_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_record_list_parent_class)->dispose (object);
}

static void
dossier_record_list_finalize (GObject *object)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (object);

  g_clear_pointer (&self->query, dossier_query_unref);
  g_clear_error (&self->error);

  g_clear_pointer (&self->also_kinds, g_array_unref);
  G_OBJECT_CLASS (dossier_record_list_parent_class)->finalize (object);
}

static void
dossier_record_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierRecordList *self = DOSSIER_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      dossier_record_list_set_query (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_list_class_init (DossierRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dossier_record_list_dispose;
  object_class->finalize = dossier_record_list_finalize;
  object_class->get_property = dossier_record_list_get_property;
  object_class->set_property = dossier_record_list_set_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, DOSSIER_TYPE_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_record_list_init (DossierRecordList *self)
{
  g_queue_init (&self->pages);
}

DossierRecordList *
dossier_record_list_new (DossierStore *store,
                         DossierQuery *query)
{
  DossierRecordList *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->query = dossier_query_ref (query);
  self->n_items = count_items (self);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  return self;
}

DossierQuery *
dossier_record_list_get_query (DossierRecordList *self)
{
  g_return_val_if_fail (DOSSIER_IS_RECORD_LIST (self), NULL);

  return self->query;
}

/* Shows another filter or order of the same kind of record. */
void
dossier_record_list_set_query (DossierRecordList *self,
                               DossierQuery      *query)
{
  g_return_if_fail (DOSSIER_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);

  if (self->query == query)
    return;
  g_return_if_fail (self->query == NULL ||
                    dossier_query_get_kind (self->query) == dossier_query_get_kind (query));

  g_clear_pointer (&self->query, dossier_query_unref);
  self->query = dossier_query_ref (query);
  if (self->store)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/* How many records the list holds in memory now; for tests and benchmarks. */
guint
dossier_record_list_get_n_materialized (DossierRecordList *self)
{
  guint n = 0;

  g_return_val_if_fail (DOSSIER_IS_RECORD_LIST (self), 0);

  for (GList *l = self->pages.head; l; l = l->next)
    n += ((Page *) l->data)->records->len;
  return n;
}

const GError *
dossier_record_list_get_error (DossierRecordList *self)
{
  g_return_val_if_fail (DOSSIER_IS_RECORD_LIST (self), NULL);

  return self->error;
}

/**
 * dossier_record_list_also_follow:
 *
 * Re-reads the list when records of @kind change too: the rows of urgent
 * actions count the actions logged on them.
 */
void
dossier_record_list_also_follow (DossierRecordList *self,
                                 GType              kind)
{
  g_return_if_fail (DOSSIER_IS_RECORD_LIST (self));

  if (self->also_kinds == NULL)
    self->also_kinds = g_array_new (FALSE, FALSE, sizeof (GType));
  g_array_append_val (self->also_kinds, kind);
}
