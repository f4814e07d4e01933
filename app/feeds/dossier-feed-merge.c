/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feed-merge.h"
#include "dossier-feed-parser.h"
#include "dossier-translit.h"

/* A feed's entries into its items: one path for every feed, a campaign's
 * news included.
 *
 * An entry is its feed's item with the same identity (the parser's guid:
 * id, else link, else title and date). A new one is added unread; one that
 * is there is updated in place when the feed edited it, and keeps what the
 * volunteer made of it: read, starred, the case it is linked to. The same
 * identity twice in one document counts once, the first time.
 *
 * A new item whose title or text names a case the volunteer follows — its
 * name or another of its names, in any script, as the search keys compare
 * them — is linked to that case, and reported, for the one notification a
 * refresh raises. */

/* Shorter names ("Li", "Ivan") would link everything */
#define MIN_NAME_KEY_LENGTH 6

typedef struct {
  char *case_id;
  char *key;       /* dossier_translit_key() of a name */
} FollowedName;

static void
followed_name_free (gpointer data)
{
  FollowedName *name = data;

  g_free (name->case_id);
  g_free (name->key);
  g_free (name);
}

void
dossier_feed_merge_stats_clear (DossierFeedMergeStats *stats)
{
  g_clear_pointer (&stats->followed, g_ptr_array_unref);
  memset (stats, 0, sizeof *stats);
}

static void
add_followed_name (GPtrArray  *names,
                   const char *case_id,
                   const char *name)
{
  g_autofree char *key = name ? dossier_translit_key (name) : NULL;
  FollowedName *followed;

  if (key == NULL || strlen (key) < MIN_NAME_KEY_LENGTH)
    return;
  followed = g_new0 (FollowedName, 1);
  followed->case_id = g_strdup (case_id);
  followed->key = g_steal_pointer (&key);
  g_ptr_array_add (names, followed);
}

/* The names of the cases followed, as search keys. */
static GPtrArray *
load_followed_names (DossierStore  *store,
                     GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GPtrArray) cases = NULL;
  GPtrArray *names;

  dossier_query_filter_int (query, "followed", DOSSIER_QUERY_EQ, 1);
  cases = dossier_store_query (store, query, 0, G_MAXUINT, error);
  if (cases == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (followed_name_free);
  for (guint i = 0; i < cases->len; i++)
    {
      DossierRecord *record = cases->pdata[i];
      const char * const *others = dossier_record_get_strv (record, "other-names");

      add_followed_name (names, dossier_record_get_id (record), dossier_record_get_string (record, "name"));
      for (guint j = 0; others && others[j]; j++)
        add_followed_name (names, dossier_record_get_id (record), others[j]);
    }
  return names;
}

/* Whether @key holds @name as whole words. */
static gboolean
key_names (const char *key,
           const char *name)
{
  gsize length = strlen (name);

  for (const char *at = strstr (key, name); at != NULL; at = strstr (at + 1, name))
    {
      gboolean starts = at == key || !g_ascii_isalnum (at[-1]);
      gboolean ends = !g_ascii_isalnum (at[length]);

      if (starts && ends)
        return TRUE;
    }
  return FALSE;
}

static const char *
followed_case_named (GPtrArray        *names,
                     DossierFeedEntry *entry)
{
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;

  if (names->len == 0)
    return NULL;
  text = g_strconcat (entry->title ? entry->title : "", "\n", entry->content ? entry->content : "", NULL);
  key = dossier_translit_key (text);
  for (guint i = 0; key && i < names->len; i++)
    {
      FollowedName *name = names->pdata[i];

      if (key_names (key, name->key))
        return name->case_id;
    }
  return NULL;
}

/* When an entry was published: its date, or the date it was last changed
 * when that is all it gives (Atom entries often have only <updated>), so
 * that Updates, newest first, puts it where it belongs. Never a date the
 * feed did not give. */
static const char *
entry_date (DossierFeedEntry *entry)
{
  return entry->published ? entry->published : entry->updated;
}

static void
set_entry_fields (DossierRecord    *item,
                  DossierFeedEntry *entry)
{
  dossier_record_set_string (item, "title", entry->title ? entry->title : "");
  dossier_record_set_string (item, "link", entry->link ? entry->link : "");
  dossier_record_set_string (item, "published", entry_date (entry));
  dossier_record_set_string (item, "modified", entry->updated);
  dossier_record_set_string (item, "content", entry->content ? entry->content : "");
}

/* Whether the feed changed the entry since the item was stored. */
static gboolean
entry_differs (DossierRecord    *item,
               DossierFeedEntry *entry)
{
  const char *published = dossier_record_get_string (item, "published");
  const char *modified = dossier_record_get_string (item, "modified");

  /* an unset time reads back as NULL or "" */
  if (published && *published == '\0')
    published = NULL;
  if (modified && *modified == '\0')
    modified = NULL;
  return g_strcmp0 (dossier_record_get_string (item, "title"), entry->title ? entry->title : "") != 0 ||
         g_strcmp0 (dossier_record_get_string (item, "link"), entry->link ? entry->link : "") != 0 ||
         g_strcmp0 (dossier_record_get_string (item, "content"), entry->content ? entry->content : "") != 0 ||
         g_strcmp0 (published, entry_date (entry)) != 0 ||
         g_strcmp0 (modified, entry->updated) != 0;
}

static DossierRecord *
find_item (DossierStore  *store,
           const char    *feed_id,
           const char    *guid,
           GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(GPtrArray) found = NULL;

  dossier_query_filter_text (query, "feed-id", DOSSIER_QUERY_EQ, feed_id);
  dossier_query_filter_text (query, "guid", DOSSIER_QUERY_EQ, guid);
  found = dossier_store_query (store, query, 0, 1, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_object_ref (found->pdata[0]);
}

/**
 * dossier_feed_merge_entries:
 * @feed_id: the feed the entries came from
 * @entries: (element-type DossierFeedEntry): what the feed sent; entries
 *   that describe records (`_dossier`) are not items, and are passed over
 * @stats: (out caller-allocates): what changed; clear it with
 *   dossier_feed_merge_stats_clear()
 *
 * Stores @entries as the items of @feed_id, in one transaction (or as part
 * of the bulk transaction the caller has opened): all of them, or none.
 *
 * Returns: %TRUE when every entry was stored.
 */
gboolean
dossier_feed_merge_entries (DossierStore           *store,
                            const char             *feed_id,
                            GPtrArray              *entries,
                            GCancellable           *cancellable,
                            DossierFeedMergeStats  *stats,
                            GError                **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  stats->followed = g_ptr_array_new_with_free_func (g_free);

  if (!dossier_store_begin_bulk (store, error))
    return FALSE;
  if ((names = load_followed_names (store, error)) == NULL)
    goto failed;

  for (guint i = 0; i < entries->len; i++)
    {
      DossierFeedEntry *entry = entries->pdata[i];
      g_autoptr(DossierRecord) item = NULL;
      g_autoptr(GError) local_error = NULL;

      if (entry->dossier_type != NULL)
        continue;
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      if (!g_hash_table_add (seen, entry->guid))
        {
          stats->repeated++;
          continue;
        }

      item = find_item (store, feed_id, entry->guid, &local_error);
      if (local_error)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (item == NULL)
        {
          const char *case_id;

          item = DOSSIER_RECORD (dossier_feed_item_new ());
          dossier_record_set_string (item, "feed-id", feed_id);
          dossier_record_set_string (item, "guid", entry->guid);
          set_entry_fields (item, entry);
          if ((case_id = followed_case_named (names, entry)) != NULL)
            dossier_record_set_string (item, "case-id", case_id);
          if (!dossier_store_create (store, item, error))
            goto failed;
          stats->added++;
          if (case_id)
            g_ptr_array_add (stats->followed, g_strdup (dossier_record_get_id (item)));
        }
      else if (entry_differs (item, entry))
        {
          /* read, starred and the links stay as the volunteer left them */
          set_entry_fields (item, entry);
          if (!dossier_store_update (store, item, error))
            goto failed;
          stats->updated++;
        }
      else
        stats->unchanged++;
    }

  return dossier_store_commit (store, error);

failed:
  dossier_store_rollback (store);
  return FALSE;
}

/**
 * dossier_feed_find_file_feed:
 * @title: the campaign's title
 *
 * The feed that holds the news of the imported campaign files titled
 * @title: not fetched, known by its title; made when there is none.
 *
 * Returns: (transfer full): its id, or %NULL on error
 */
char *
dossier_feed_find_file_feed (DossierStore  *store,
                             const char    *title,
                             GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(DossierRecord) feed = NULL;

  g_return_val_if_fail (title != NULL && *title != '\0', NULL);

  dossier_query_filter_text (query, "url", DOSSIER_QUERY_EQ, "");
  dossier_query_filter_text (query, "title", DOSSIER_QUERY_EQ, title);
  if ((found = dossier_store_query (store, query, 0, 1, error)) == NULL)
    return NULL;
  if (found->len > 0)
    return g_strdup (dossier_record_get_id (found->pdata[0]));

  feed = DOSSIER_RECORD (dossier_feed_new ());
  dossier_record_set_string (feed, "url", "");
  dossier_record_set_string (feed, "title", title);
  dossier_record_set_boolean (feed, "enabled", FALSE);
  if (!dossier_store_create (store, feed, error))
    return NULL;
  return g_strdup (dossier_record_get_id (feed));
}

typedef struct {
  char *store_path;
  char *feed_id;
  char *case_id;
} MarkRead;

static void
mark_read_free (gpointer data)
{
  MarkRead *mark = data;

  g_free (mark->store_path);
  g_free (mark->feed_id);
  g_free (mark->case_id);
  g_free (mark);
}

static void
mark_read_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MarkRead *mark = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 changed;

  store = dossier_store_open_full (mark->store_path, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, &error);
  if (store == NULL ||
      (changed = dossier_store_mark_items_read (store, mark->feed_id, mark->case_id, &error)) < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, changed);
}

/**
 * dossier_feed_mark_read_async:
 * @store_path: the store, opened in a worker thread
 * @feed_id: (nullable): only this feed's items
 * @case_id: (nullable): only the items linked to this case
 *
 * Marks the unread items read, however many, without blocking the main
 * context (dossier_store_mark_items_read()).
 */
void
dossier_feed_mark_read_async (const char          *store_path,
                              const char          *feed_id,
                              const char          *case_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  MarkRead *mark = g_new0 (MarkRead, 1);

  mark->store_path = g_strdup (store_path);
  mark->feed_id = g_strdup (feed_id);
  mark->case_id = g_strdup (case_id);
  g_task_set_source_tag (task, dossier_feed_mark_read_async);
  g_task_set_task_data (task, mark, mark_read_free);
  g_task_run_in_thread (task, mark_read_thread);
}

/* Returns: how many items were marked read, or -1 with @error set */
gint64
dossier_feed_mark_read_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
