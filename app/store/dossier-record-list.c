/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-record-list.h"

/* A GListModel over a query of the store that never holds the whole result.
 *
 * It knows its length from a count, and materialises rows a page at a time
 * when a view asks for them, keeping the few pages most recently used. When
 * the store reports a change to the kind it lists, it recounts, drops its
 * pages and tells its views.
 *
 * Pages are read by key, never by OFFSET: from the last row of the page
 * before (scrolling down), the first row of the page after (scrolling up),
 * or the end (End). For a jump into the middle (a scroll bar dragged) it
 * keeps landmarks: the key of the row before every page, gathered in the
 * background at low priority from the index of the list's order, a few
 * thousand keys per idle step, so that any page costs what the first does.
 * Until they are all there, a jump reads from the nearest landmark. */

typedef struct
{
  guint          index;
  GPtrArray     *records;
  DossierCursor *first;
  DossierCursor *last;
} Page;

/* Keys read per idle step of the landmark scan: a few milliseconds. */
#define LANDMARK_STEP (256 * DOSSIER_RECORD_LIST_PAGE_SIZE)
/* Lists shorter than this many pages need no landmarks. */
#define LANDMARK_MIN_PAGES 16

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
  GPtrArray    *landmarks; /* DossierCursor* of the row before page i, or NULL */
  guint         landmarks_done; /* pages whose landmark the scan has set */
  guint         scan_id;   /* the idle source of the landmark scan */
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
  dossier_cursor_free (page->first);
  dossier_cursor_free (page->last);
  g_free (page);
}

static guint
n_pages (DossierRecordList *self)
{
  return (self->n_items + DOSSIER_RECORD_LIST_PAGE_SIZE - 1) / DOSSIER_RECORD_LIST_PAGE_SIZE;
}

static void
set_landmark (DossierRecordList   *self,
              guint                index,
              const DossierCursor *cursor)
{
  if (index == 0 || index >= self->landmarks->len || cursor == NULL)
    return;
  if (g_ptr_array_index (self->landmarks, index) == NULL)
    g_ptr_array_index (self->landmarks, index) = dossier_cursor_copy (cursor);
}

static void
drop_landmarks (DossierRecordList *self)
{
  g_clear_handle_id (&self->scan_id, g_source_remove);
  g_ptr_array_set_size (self->landmarks, 0);
  self->landmarks_done = 0;
}

static void start_scan (DossierRecordList *self);

static void
drop_pages (DossierRecordList *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

/* One step of the landmark scan: the keys of the next LANDMARK_STEP rows,
 * through the index of the list's order. */
static gboolean
on_scan_step_cb (gpointer data)
{
  DossierRecordList *self = data;
  g_autoptr(GPtrArray) cursors = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_cursor_free);
  g_autoptr(GError) error = NULL;
  guint from = self->landmarks_done;
  gint64 n;

  n = dossier_store_query_cursors (self->store, self->query,
                                   from > 0 ? g_ptr_array_index (self->landmarks, from) : NULL,
                                   LANDMARK_STEP, DOSSIER_RECORD_LIST_PAGE_SIZE, cursors, &error);
  if (n < 0)
    {
      g_debug ("Could not read the list's keys: %s", error->message);
      self->scan_id = 0;
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < cursors->len; i++)
    if (from + i + 1 < self->landmarks->len)
      {
        DossierCursor **slot = (DossierCursor **) &g_ptr_array_index (self->landmarks, from + i + 1);

        if (*slot == NULL)
          *slot = g_steal_pointer (&cursors->pdata[i]);
      }
  self->landmarks_done = from + cursors->len;
  if (n < LANDMARK_STEP || self->landmarks_done + 1 >= self->landmarks->len)
    {
      self->scan_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_scan (DossierRecordList *self)
{
  g_ptr_array_set_size (self->landmarks, n_pages (self));
  if (n_pages (self) < LANDMARK_MIN_PAGES || self->scan_id != 0)
    return;
  self->scan_id = g_idle_add_full (G_PRIORITY_LOW, on_scan_step_cb, self, NULL);
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
cached_page (DossierRecordList *self,
             guint              index)
{
  for (GList *l = self->pages.head; l; l = l->next)
    if (((Page *) l->data)->index == index)
      return l->data;
  return NULL;
}

/* Reads page @index by key, from the nearest place whose key is known. */
static Page *
load_page (DossierRecordList *self,
           guint              index)
{
  const guint size = DOSSIER_RECORD_LIST_PAGE_SIZE;
  guint last_index = n_pages (self) - 1;
  GError *error = NULL;
  DossierPageDirection direction = DOSSIER_PAGE_AFTER;
  const DossierCursor *from = NULL;
  guint skip = 0, limit = size;
  Page *next = cached_page (self, index + 1);
  Page *page;

  if (index == 0)
    ;
  else if (index < self->landmarks->len && g_ptr_array_index (self->landmarks, index))
    from = g_ptr_array_index (self->landmarks, index);
  else if (next != NULL && next->first != NULL)
    {
      direction = DOSSIER_PAGE_BEFORE;
      from = next->first;
    }
  else if (index == last_index)
    {
      direction = DOSSIER_PAGE_BEFORE;
      limit = self->n_items - index * size;
    }
  else
    {
      /* a jump: from the nearest landmark before, or from the end */
      guint known = index;
      guint rows_after = self->n_items - (index + 1) * size;

      while (known > 0 && (known >= self->landmarks->len || g_ptr_array_index (self->landmarks, known) == NULL))
        known--;
      if ((index - known) * size <= rows_after)
        {
          from = known > 0 ? g_ptr_array_index (self->landmarks, known) : NULL;
          skip = (index - known) * size;
        }
      else
        {
          direction = DOSSIER_PAGE_BEFORE;
          skip = rows_after;
        }
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->records = dossier_store_query_page (self->store, self->query, direction, from, skip, limit,
                                            &page->first, &page->last, &error);
  set_error (self, error);
  if (page->records == NULL)
    {
      g_free (page);
      return NULL;
    }
  /* the next page starts after this one's last row */
  if (page->records->len == size)
    set_landmark (self, index + 1, page->last);

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
  drop_landmarks (self);
  self->n_items = count_items (self);
  start_scan (self);
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
  drop_landmarks (self);
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
  g_clear_pointer (&self->landmarks, g_ptr_array_unref);
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
  self->landmarks = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_cursor_free);
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
  start_scan (self);
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

/**
 * dossier_record_list_reload:
 *
 * Reads the list again, as after a change of the store: for what its rows
 * show beside the records (a feed being fetched).
 */
void
dossier_record_list_reload (DossierRecordList *self)
{
  g_return_if_fail (DOSSIER_IS_RECORD_LIST (self));

  reload (self);
}
