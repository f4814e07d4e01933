/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-feed.h"
#include "dossier-feed-error.h"
#include "dossier-feed-list.h"
#include "dossier-feed-parser.h"
#include "dossier-feed-updater.h"
#include "dossier-opml.h"

/* Importing a feed list subscribes to its feeds without fetching them:
 * they are due at once, and the next refresh — the window's schedule, or
 * `dossier refresh` — fetches them, with the proxy Preferences give. All
 * of the list's new feeds are added in one transaction, or none. */

static gboolean
url_subscribed (DossierStore *store,
                const char   *url)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) found = NULL;

  dossier_query_filter_text (query, "url", DOSSIER_QUERY_EQ, url);
  found = dossier_store_query (store, query, 0, 1, NULL);
  return found && found->len > 0;
}

/**
 * dossier_feed_import_opml:
 * @data: an OPML document
 * @counts: (out caller-allocates) (optional): what the import did
 *
 * Subscribes to the feeds @data lists that are not subscribed to yet.
 *
 * Returns: %TRUE when the list was read and its feeds stored
 */
gboolean
dossier_feed_import_opml (DossierStore       *store,
                          GBytes             *data,
                          DossierOpmlImport  *counts,
                          GError            **error)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DossierOpmlImport local = { 0, };

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if ((outlines = dossier_opml_parse (data, error)) == NULL)
    return FALSE;

  if (!dossier_store_begin_bulk (store, error))
    return FALSE;
  for (guint i = 0; i < outlines->len; i++)
    {
      DossierOpmlOutline *outline = outlines->pdata[i];
      g_autoptr(DossierRecord) feed = NULL;
      g_autofree char *url = dossier_feed_normalize_url (outline->xml_url, NULL);

      if (url == NULL)
        {
          local.skipped++;
          continue;
        }
      if (!g_hash_table_add (seen, g_strdup (url)) || url_subscribed (store, url))
        {
          local.existing++;
          continue;
        }
      feed = DOSSIER_RECORD (dossier_feed_new ());
      dossier_record_set_string (feed, "url", url);
      dossier_record_set_string (feed, "title", outline->title ? outline->title : "");
      /* a plain http feed in a list was chosen by whoever wrote the list */
      dossier_record_set_boolean (feed, "allow-http", g_str_has_prefix (url, "http:"));
      if (!dossier_store_create (store, feed, error))
        {
          dossier_store_rollback (store);
          return FALSE;
        }
      local.added++;
    }
  if (!dossier_store_commit (store, error))
    return FALSE;
  if (counts)
    *counts = local;
  return TRUE;
}

typedef struct {
  char              *store_path;
  GFile             *file;
  DossierOpmlImport  counts;
} ImportOpml;

static void
import_opml_free (gpointer data)
{
  ImportOpml *import = data;

  g_free (import->store_path);
  g_clear_object (&import->file);
  g_free (import);
}

static void
import_opml_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportOpml *import = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  /* a list of feeds is small; a file the size of a film is not one */
  info = g_file_query_info (import->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info && g_file_info_get_size (info) > DOSSIER_FEED_MAX_BYTES)
    {
      g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE,
                               _("The file is too large to be a feed list."));
      return;
    }
  if (info == NULL || (bytes = g_file_load_bytes (import->file, cancellable, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = dossier_store_open_full (import->store_path, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, &error);
  if (store == NULL || !dossier_feed_import_opml (store, bytes, &import->counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * dossier_feed_import_opml_async:
 * @store_path: the store to import into, opened in a worker thread
 * @file: the OPML file
 *
 * Reads @file and imports it as dossier_feed_import_opml() does, in a
 * worker thread.
 */
void
dossier_feed_import_opml_async (const char          *store_path,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportOpml *import = g_new0 (ImportOpml, 1);

  import->store_path = g_strdup (store_path);
  import->file = g_object_ref (file);
  g_task_set_source_tag (task, dossier_feed_import_opml_async);
  g_task_set_task_data (task, import, import_opml_free);
  g_task_run_in_thread (task, import_opml_thread);
}

gboolean
dossier_feed_import_opml_finish (GAsyncResult       *result,
                                 DossierOpmlImport  *counts,
                                 GError            **error)
{
  ImportOpml *import;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  import = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (counts)
    *counts = import->counts;
  return TRUE;
}

/**
 * dossier_feed_export_opml:
 *
 * Returns: (transfer full): the feeds subscribed to as an OPML 2.0
 *   document; the news of imported files, which have no address, are not
 *   in it
 */
GBytes *
dossier_feed_export_opml (DossierStore  *store,
                          GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_opml_outline_free);
  char *text;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  dossier_query_sort (query, "title", FALSE);
  if ((feeds = dossier_store_query (store, query, 0, G_MAXUINT, error)) == NULL)
    return NULL;
  for (guint i = 0; i < feeds->len; i++)
    {
      DossierRecord *feed = feeds->pdata[i];
      const char *url = dossier_record_get_string (feed, "url");
      const char *title = dossier_record_get_string (feed, "title");

      if (*url)
        g_ptr_array_add (outlines, dossier_opml_outline_new (url, *title ? title : NULL, NULL));
    }
  /* Translators: the title of an exported list of feeds */
  text = dossier_opml_write (_("Dossier feeds"), outlines);
  return g_bytes_new_take (text, strlen (text));
}
