/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign.h"
#include "dossier-campaign-private.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feed-parser.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* Import and export of the Dossier campaign format (docs/campaign-format.md).
 *
 * Import is two steps. First the whole document is read and checked, and a
 * record is built for every item; nothing touches the store but look-ups of
 * ids the file refers to. Only a document without a single problem reaches
 * the second step, which writes every record inside one store transaction:
 * a record that is not in the store is created, one that differs is
 * updated (keeping what only the user sets: notes, the follow flag), one
 * that is the same is left alone — so importing a file twice changes
 * nothing. Any failure rolls the whole import back.
 *
 * What a `_dossier` object holds follows the records' own field tables
 * (app/core/): a member per field, named like the field with '_' for '-'.
 * The rules below add what a table cannot say: which fields are required,
 * which hold closed vocabularies, addresses or ids of other records, and
 * which belong to the user and never travel in a file.
 *
 * Every look-up is a hash table or an index of the store: the cost of an
 * import grows with the size of the file, not with the size of the store.
 * dossier-campaign-private.h lists the files that do each step. */

G_DEFINE_QUARK (dossier-exchange-error-quark, dossier_exchange_error)

static const Rule case_rules[] = {
  { "name", RULE_REQUIRED },
  { "role", RULE_ENUM, DOSSIER_ENUM_CASE_ROLE },
  { "status", RULE_REQUIRED | RULE_ENUM, DOSSIER_ENUM_CASE_STATUS },
  { "country", RULE_COUNTRY },
  /* web addresses, or documents cited in words */
  { "sources", RULE_SOURCE },
  { "followed", RULE_LOCAL },
  { "notes", RULE_LOCAL },
  { "origin", RULE_LOCAL },
};

static const Rule event_rules[] = {
  { "case-id", RULE_REQUIRED | RULE_REF, 0, KIND_CASE },
  { "kind", RULE_REQUIRED | RULE_ENUM, DOSSIER_ENUM_EVENT_KIND },
  { "date", RULE_REQUIRED },
  { "new-status", RULE_ENUM, DOSSIER_ENUM_CASE_STATUS },
  { "origin", RULE_LOCAL },
};

static const Rule target_rules[] = {
  { "name", RULE_REQUIRED },
  { "email", RULE_EMAIL },
  { "web-form", RULE_URL },
  { "language", RULE_LANGUAGE },
  { "country", RULE_COUNTRY },
  { "sources", RULE_SOURCE },
  { "origin", RULE_LOCAL },
};

static const Rule ua_rules[] = {
  { "kind", RULE_ENUM, DOSSIER_ENUM_UA_KIND },
  { "reference", RULE_REQUIRED },
  { "case-ids", RULE_REF, 0, KIND_CASE },
  { "status", RULE_ENUM, DOSSIER_ENUM_UA_STATUS },
  { "follows-id", RULE_REF, 0, KIND_UA },
  /* what the title and key points are written in */
  { "language", RULE_LANGUAGE },
  { "languages", RULE_LANGUAGE },
  /* an object: language code → address of the UA's document in it */
  { "documents", RULE_LANGUAGE | RULE_URL },
  { "target-ids", RULE_REF, 0, KIND_TARGET },
  { "sources", RULE_SOURCE },
  { "notes", RULE_LOCAL },
  { "origin", RULE_LOCAL },
};

const KindSpec dossier_campaign_kind_specs[N_KINDS] = {
  [KIND_CASE] = { "case", dossier_case_get_type, case_rules, G_N_ELEMENTS (case_rules) },
  [KIND_EVENT] = { "case_event", dossier_case_event_get_type, event_rules, G_N_ELEMENTS (event_rules) },
  [KIND_TARGET] = { "target", dossier_target_get_type, target_rules, G_N_ELEMENTS (target_rules) },
  [KIND_UA] = { "urgent_action", dossier_urgent_action_get_type, ua_rules, G_N_ELEMENTS (ua_rules) },
};

KindFields dossier_campaign_kind_fields[N_KINDS];

/* Charges travel inside their case as {code, article, part, description}. */
const char * const dossier_campaign_charge_members[4] = { "code", "article", "part", "description" };
/* and "translations", an object as a record's (read_translations()) */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->record);
  g_clear_pointer (&entry->charges, g_ptr_array_unref);
  g_free (entry->created_at);
  g_free (entry->updated_at);
  g_free (entry);
}

void
dossier_campaign_ensure_kind_fields (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint k = 0; k < N_KINDS; k++)
        {
          KindFields *info = &dossier_campaign_kind_fields[k];

          info->type = dossier_campaign_kind_specs[k].get_type ();
          info->klass = g_type_class_ref (info->type);
          info->rules = g_new0 (const Rule *, info->klass->n_fields);
          info->members = g_new0 (char *, info->klass->n_fields + 1);
          for (guint i = 0; i < info->klass->n_fields; i++)
            {
              const DossierField *field = &info->klass->fields[i];

              info->members[i] = g_strdelimit (g_strdup (field->name), "-", '_');
              for (guint r = 0; r < dossier_campaign_kind_specs[k].n_rules; r++)
                if (g_str_equal (dossier_campaign_kind_specs[k].rules[r].field, field->name))
                  info->rules[i] = &dossier_campaign_kind_specs[k].rules[r];
            }
        }
      g_once_init_leave (&initialized, 1);
    }
}

static void
import_init (Import       *self,
             DossierStore *store)
{
  memset (self, 0, sizeof *self);
  self->store = store;
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->ids[k] = g_hash_table_new (g_str_hash, g_str_equal);
      self->in_store[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  self->item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ua_order = g_ptr_array_new ();
  self->news = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_feed_entry_free);
}

static void
import_clear (Import *self)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&self->ids[k], g_hash_table_unref);
      g_clear_pointer (&self->in_store[k], g_hash_table_unref);
    }
  g_clear_pointer (&self->item_ids, g_hash_table_unref);
  g_clear_pointer (&self->references, g_hash_table_unref);
  g_clear_pointer (&self->ua_order, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->news, g_ptr_array_unref);
  g_clear_pointer (&self->followed, g_strfreev);
}

G_GNUC_PRINTF (3, 4)
gboolean
dossier_campaign_fail (GError     **error,
                       int          code,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DOSSIER_EXCHANGE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

void
dossier_campaign_report_progress (Import *self,
                                  double  fraction)
{
  if (self->progress)
    self->progress (CLAMP (fraction, 0.0, 1.0), self->progress_data);
}

/* ---- public API: import ---- */

/* The import of a file, or of a feed's document into @feed_id. */
static gboolean
run_import (DossierStore              *store,
            const char                *data,
            gsize                      length,
            const char                *feed_id,
            DossierImportProgressFunc  progress,
            gpointer                   progress_data,
            GCancellable              *cancellable,
            DossierImportStats        *stats,
            GStrv                     *followed,
            GError                   **error)
{
  Import self;
  gboolean ok;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (length > DOSSIER_CAMPAIGN_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_SIZE);

      return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “32.0 MB” */
                   _("The file is larger than %s, the most Dossier imports at once."), limit);
    }

  dossier_campaign_ensure_kind_fields ();
  import_init (&self, store);
  self.progress = progress;
  self.progress_data = progress_data;
  self.cancellable = cancellable;
  self.feed_id = feed_id;
  {
    gint64 t0 = g_get_monotonic_time (), t1 = 0, t2 = 0;

    ok = dossier_campaign_read_document (&self, data ? data : "", length, error) &&
         (t1 = g_get_monotonic_time (), dossier_campaign_validate (&self, error)) &&
         (t2 = g_get_monotonic_time (), dossier_campaign_write_all (&self, error));
    if (ok)
      g_debug ("Imported %u items: read in %.3f s, checked in %.3f s, written in %.3f s",
               self.n_items, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6);
  }
  if (ok)
    dossier_campaign_report_progress (&self, 1.0);
  if (ok && stats)
    *stats = self.stats;
  if (ok && followed)
    *followed = g_steal_pointer (&self.followed);
  import_clear (&self);
  return ok;
}

/**
 * dossier_campaign_import:
 * @data: the campaign document
 * @length: its length in bytes
 * @progress: (nullable): called now and then with how far the import is
 * @cancellable: (nullable): stops the import; then nothing is imported
 * @stats: (out) (optional): what the import did
 *
 * Imports a campaign document into @store: everything or, when the
 * document has a problem, nothing. The error then says which item and
 * field are wrong, and what was expected. Runs as long as the document
 * is large: call it from a worker thread, on a store of its own, where a
 * window is waiting.
 *
 * Returns: %TRUE when every record was imported.
 */
gboolean
dossier_campaign_import (DossierStore              *store,
                         const char                *data,
                         gsize                      length,
                         DossierImportProgressFunc  progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         DossierImportStats        *stats,
                         GError                   **error)
{
  return run_import (store, data, length, NULL, progress, progress_data, cancellable, stats, NULL, error);
}

/**
 * dossier_campaign_import_into_feed:
 * @feed_id: the feed the document came from: its news are that feed's items
 * @followed: (out) (optional): the ids of new news linked to followed cases
 *
 * Imports a campaign a feed sent, as dossier_campaign_import() imports a
 * file: the same checks, the same records; its news become @feed_id's
 * items. Inside a bulk transaction the caller opened, it is part of it.
 *
 * Returns: %TRUE when everything was imported.
 */
gboolean
dossier_campaign_import_into_feed (DossierStore        *store,
                                   const char          *data,
                                   gsize                length,
                                   const char          *feed_id,
                                   GCancellable        *cancellable,
                                   DossierImportStats  *stats,
                                   GStrv               *followed,
                                   GError             **error)
{
  g_return_val_if_fail (feed_id != NULL, FALSE);

  return run_import (store, data, length, feed_id, NULL, NULL, cancellable, stats, followed, error);
}

/**
 * dossier_campaign_notify_changed:
 *
 * Tells @store's watchers that the kinds a campaign holds changed, after
 * an import through another connection.
 */
void
dossier_campaign_notify_changed (DossierStore *store)
{
  for (guint k = 0; k < N_KINDS; k++)
    dossier_store_notify_changed (store, dossier_campaign_kind_specs[k].get_type ());
  dossier_store_notify_changed (store, dossier_charge_get_type ());
  dossier_store_notify_changed (store, dossier_feed_get_type ());
  dossier_store_notify_changed (store, dossier_feed_item_get_type ());
}

/**
 * dossier_campaign_import_data:
 * @data: the campaign document
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @stats: (out) (optional): what the import did
 *
 * Imports a campaign document as dossier_campaign_import() does, without
 * progress or cancellation.
 *
 * Returns: %TRUE when every record was imported.
 */
gboolean
dossier_campaign_import_data (DossierStore        *store,
                              const char          *data,
                              gssize               length,
                              DossierImportStats  *stats,
                              GError             **error)
{
  g_return_val_if_fail (data != NULL || length <= 0, FALSE);

  if (length < 0)
    length = strlen (data);
  return dossier_campaign_import (store, data, length, NULL, NULL, NULL, stats, error);
}

typedef struct {
  char                 *store_path;
  GFile                *file;
  GBytes               *bytes;
  DossierProgressRelay *relay;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->store_path);
  g_clear_object (&import->file);
  g_clear_pointer (&import->bytes, g_bytes_unref);
  if (import->relay)
    {
      dossier_progress_relay_stop (import->relay);
      dossier_progress_relay_unref (import->relay);
    }
  g_free (import);
}

static void
on_import_progress (double   fraction,
                    gpointer data)
{
  dossier_progress_relay_report (data, NULL, fraction);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportData *import = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree DossierImportStats *stats = g_new0 (DossierImportStats, 1);
  GError *error = NULL;
  gconstpointer data;
  gsize length;

  if (import->bytes)
    bytes = g_bytes_ref (import->bytes);
  else
    {
      g_autofree char *path = g_file_get_path (import->file);
      char *contents;

      if (path == NULL)
        {
          g_task_return_new_error (task, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_READ,
                                   "%s", _("Only files on this computer can be imported."));
          return;
        }
      if (!(contents = dossier_campaign_read_file (path, &length, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      bytes = g_bytes_new_take (contents, length);
    }

  /* a connection of this thread's own; the window's goes on reading */
  if (!(store = dossier_store_open_full (import->store_path, DOSSIER_STORE_OPEN_EXISTING,
                                         NULL, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (bytes, &length);
  if (!dossier_campaign_import (store, data, length, import->relay ? on_import_progress : NULL,
                                import->relay, cancellable, stats, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&stats), g_free);
}

/**
 * dossier_campaign_import_async:
 * @store_path: the store's file: the import opens a connection of its own
 * @file: (nullable): the campaign file, or %NULL when @bytes are given
 * @bytes: (nullable): the campaign document
 * @progress: (nullable): told in the caller's main context how far the
 *   import is
 * @cancellable: (nullable): stops the import; then nothing is imported
 *
 * Imports a campaign in a worker thread, as dossier_campaign_import()
 * does: reading, checking and writing a large file takes seconds, while a
 * window must go on drawing. The records are written through another
 * connection: call dossier_store_notify_changed() on the caller's store
 * when it is done.
 */
void
dossier_campaign_import_async (const char          *store_path,
                               GFile               *file,
                               GBytes              *bytes,
                               DossierProgressFunc  progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_destroy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail ((file != NULL) != (bytes != NULL));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_campaign_import_async);
  /* a cancelled import returns its error, not a success it finished */
  g_task_set_return_on_cancel (task, FALSE);
  import = g_new0 (ImportData, 1);
  import->store_path = g_strdup (store_path);
  import->file = file ? g_object_ref (file) : NULL;
  import->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  if (progress)
    import->relay = dossier_progress_relay_new (progress, progress_data, progress_destroy);
  else if (progress_destroy)
    progress_destroy (progress_data);
  g_task_set_task_data (task, import, import_data_free);
  g_task_run_in_thread (task, import_in_thread);
}

/**
 * dossier_campaign_import_finish:
 * @stats: (out) (optional): what the import did
 *
 * Returns: %TRUE when every record was imported; otherwise nothing was,
 *   and @error says why (%G_IO_ERROR_CANCELLED when it was stopped).
 */
gboolean
dossier_campaign_import_finish (GAsyncResult        *result,
                                DossierImportStats  *stats,
                                GError             **error)
{
  g_autofree DossierImportStats *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_campaign_import_async, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (!(done = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (stats)
    *stats = *done;
  return TRUE;
}

/* Reads at most DOSSIER_CAMPAIGN_MAX_SIZE bytes: a pipe or a device may
 * never end, and a regular file may grow while it is read. */
char *
dossier_campaign_read_file (const char  *path,
                            gsize       *length,
                            GError     **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_READ,
            /* Translators: the first %s is a file name, the second the system's reason */
            _("Could not read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > DOSSIER_CAMPAIGN_MAX_SIZE)
    goto too_large;

  buffer = g_byte_array_sized_new (fstat (fd, &st) == 0 && S_ISREG (st.st_mode)
                                   ? (guint) st.st_size + 1 : READ_CHUNK);
  for (;;)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_READ,
                _("Could not read “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > DOSSIER_CAMPAIGN_MAX_SIZE)
        goto too_large;
      g_byte_array_append (buffer, chunk, n);
    }
  close (fd);

  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);

too_large:
  close (fd);
  {
    g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_SIZE);

    dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_TOO_LARGE,
          _("The file is larger than %s, the most Dossier imports at once."), limit);
  }
  return NULL;
}

/**
 * dossier_campaign_import_file:
 * @path: a campaign file
 * @stats: (out) (optional): what the import did
 *
 * Reads @path and imports it as dossier_campaign_import_data() does.
 */
gboolean
dossier_campaign_import_file (DossierStore        *store,
                              const char          *path,
                              DossierImportStats  *stats,
                              GError             **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (!(data = dossier_campaign_read_file (path, &length, error)))
    return FALSE;
  return dossier_campaign_import_data (store, data, length, stats, error);
}
