/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign-private.h"
#include "dossier-feed.h"
#include "dossier-feed-merge.h"
#include "dossier-charge.h"

/* Writing a validated file into the store, in one bulk transaction: a
 * record not in the store is created, one that differs is updated (keeping
 * what only the user sets), one that is the same is left alone. */

/* ---- writing ---- */

static gboolean
saving_failed (const Entry  *entry,
               GError       *cause,
               GError      **error)
{
  Subject subject;
  g_auto(Place) at = { .subject = &subject };

  dossier_campaign_entry_subject (entry, &subject);
  g_set_error (error, cause->domain, cause->code,
               /* Translators: the first %s says which item and record, such as “Item 2,
                * the case “Alnur Ilyashev””; the second is the store's explanation, a
                * sentence of its own */
               _("%s could not be saved: %s"), dossier_campaign_place_item (&at), cause->message);
  g_error_free (cause);
  return FALSE;
}

/* Brings what the user set in the store over to the record from the file. */
static void
keep_local_fields (Kind           kind,
                   DossierRecord *stored,
                   DossierRecord *incoming)
{
  const KindFields *info = &dossier_campaign_kind_fields[kind];

  for (guint i = 0; i < info->klass->n_fields; i++)
    if (info->rules[i] && (info->rules[i]->flags & RULE_LOCAL))
      {
        const char *name = info->klass->fields[i].name;
        GValue value = G_VALUE_INIT;

        g_object_get_property (G_OBJECT (stored), name, &value);
        g_object_set_property (G_OBJECT (incoming), name, &value);
        g_value_unset (&value);
      }

  /* documents written elsewhere may be spaced differently: compare them
   * as this file would write them */
  if (kind == KIND_UA && dossier_record_get_string (stored, "documents"))
    {
      g_autoptr(JsonNode) node = json_from_string (dossier_record_get_string (stored, "documents"), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *compact = json_object_get_size (json_node_get_object (node))
                                     ? json_to_string (node, FALSE) : NULL;

          dossier_record_set_string (stored, "documents", compact);
        }
    }
}

/* Writes one record: created when absent, updated when it differs.
 * *@changed says whether the store was written. */
static gboolean
write_record (Import         *self,
              const Entry    *entry,
              gboolean       *created,
              gboolean       *changed,
              GError        **error)
{
  DossierRecord *incoming = entry->record;
  const char *created_at = entry->created_at;
  const char *updated_at = entry->updated_at;
  Kind kind = entry->kind;
  g_autoptr(DossierRecord) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  *created = *changed = FALSE;
  if (!self->empty[kind])
    stored = dossier_store_fetch (self->store, G_OBJECT_TYPE (incoming),
                                  dossier_record_get_id (incoming), &local_error);
  if (stored == NULL)
    {
      if (local_error && !g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
        return saving_failed (entry, g_steal_pointer (&local_error), error);
      g_clear_error (&local_error);

      /* a record keeps the times it came with */
      dossier_record_set_created_at (incoming, created_at);
      dossier_record_set_updated_at (incoming, updated_at ? updated_at : created_at);
      if (self->origin)
        dossier_record_set_string (incoming, "origin", self->origin);
      if (!dossier_store_create (self->store, incoming, &local_error))
        return saving_failed (entry, g_steal_pointer (&local_error), error);
      *created = *changed = TRUE;
      return TRUE;
    }

  keep_local_fields (kind, stored, incoming);
  if (dossier_record_equal (stored, incoming))
    return TRUE;
  if (!dossier_store_update (self->store, incoming, &local_error))
    return saving_failed (entry, g_steal_pointer (&local_error), error);
  *changed = TRUE;
  return TRUE;
}

/* A case's charges are the file's: ones it no longer lists are deleted. */
static gboolean
write_charges (Import    *self,
               Entry     *entry,
               gboolean   case_is_new,
               gboolean  *changed,
               GError   **error)
{
  const char *case_id = dossier_record_get_id (entry->record);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer value;

  /* a case just created has none */
  if (!case_is_new)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CHARGE);
      g_autoptr(GPtrArray) found = NULL;

      dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, case_id);
      if (!(found = dossier_store_query (self->store, query, 0, G_MAXUINT, &local_error)))
        return saving_failed (entry, g_steal_pointer (&local_error), error);
      for (guint i = 0; i < found->len; i++)
        g_hash_table_insert (stored, (gpointer) dossier_record_get_id (found->pdata[i]),
                             g_object_ref (found->pdata[i]));
    }

  for (guint i = 0; i < entry->charges->len; i++)
    {
      DossierRecord *charge = entry->charges->pdata[i];
      DossierRecord *old = g_hash_table_lookup (stored, dossier_record_get_id (charge));

      if (old == NULL)
        {
          dossier_record_set_created_at (charge, entry->created_at);
          dossier_record_set_updated_at (charge, entry->updated_at ? entry->updated_at : entry->created_at);
          if (!dossier_store_create (self->store, charge, &local_error))
            return saving_failed (entry, g_steal_pointer (&local_error), error);
          *changed = TRUE;
        }
      else
        {
          if (!dossier_record_equal (old, charge))
            {
              if (!dossier_store_update (self->store, charge, &local_error))
                return saving_failed (entry, g_steal_pointer (&local_error), error);
              *changed = TRUE;
            }
          g_hash_table_remove (stored, dossier_record_get_id (charge));
        }
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!dossier_store_delete (self->store, DOSSIER_TYPE_CHARGE,
                                 dossier_record_get_id (value), &local_error))
        return saving_failed (entry, g_steal_pointer (&local_error), error);
      *changed = TRUE;
    }
  return TRUE;
}

static gboolean
write_entry (Import   *self,
             Entry    *entry,
             GError  **error)
{
  gboolean created = FALSE;
  gboolean changed = FALSE;

  if (!write_record (self, entry, &created, &changed, error))
    return FALSE;
  if (entry->kind == KIND_CASE && !write_charges (self, entry, created, &changed, error))
    return FALSE;

  if (created)
    self->stats.created++;
  else if (changed)
    self->stats.updated++;
  else
    self->stats.unchanged++;
  return TRUE;
}

static gboolean
write_kind (Import     *self,
            Kind        kind,
            GPtrArray  *entries,
            GError    **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = entries->pdata[i];

      if (entry->kind != kind)
        continue;
      if (self->n_written++ % 256 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
            return FALSE;
          dossier_campaign_report_progress (self, 0.45 + 0.55 * self->n_written / MAX (self->entries->len, 1));
        }
      if (!write_entry (self, entry, error))
        return FALSE;
    }
  return TRUE;
}

/* A file may hand a reference from one of its UAs to another ("UA 1/20"
 * was the first's, is now the second's): the references that change are
 * released first, so that the UAs can be written in any order. */
static gboolean
release_references (Import   *self,
                    GError  **error)
{
  for (guint i = 0; i < self->ua_order->len; i++)
    {
      Entry *entry = self->ua_order->pdata[i];
      g_autoptr(GError) local_error = NULL;

      if (self->empty[KIND_UA])
        return TRUE;
      if (!dossier_store_release_reference (self->store, dossier_record_get_id (entry->record),
                                            dossier_record_get_string (entry->record, "reference"),
                                            &local_error))
        return saving_failed (entry, g_steal_pointer (&local_error), error);
    }
  return TRUE;
}

/* The feed whose items a file's news are: the feed of the address the file
 * says it is published at, when the volunteer subscribes to it; else the
 * feed of the imported campaign of this title, made when there is none. */
static char *
news_feed (Import  *self,
           GError **error)
{
  if (self->origin)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
      g_autoptr(GPtrArray) found = NULL;

      dossier_query_filter_text (query, "url", DOSSIER_QUERY_EQ, self->origin);
      if ((found = dossier_store_query (self->store, query, 0, 1, error)) == NULL)
        return NULL;
      if (found->len > 0)
        return g_strdup (dossier_record_get_id (found->pdata[0]));
    }
  /* Translators: the name of the news of an imported campaign file that has no title */
  return dossier_feed_find_file_feed (self->store, self->title ? self->title : _("Imported campaign"), error);
}

static gboolean
write_news (Import  *self,
            GError **error)
{
  DossierFeedMergeStats merged = { 0, };
  g_autofree char *feed_id = NULL;

  if (self->news->len == 0)
    return TRUE;
  feed_id = self->feed_id ? g_strdup (self->feed_id) : news_feed (self, error);
  if (feed_id == NULL)
    return FALSE;
  if (!dossier_feed_merge_entries (self->store, feed_id, self->news, self->cancellable, &merged, error))
    {
      dossier_feed_merge_stats_clear (&merged);
      return FALSE;
    }
  self->stats.news_added = merged.added;
  self->stats.news_updated = merged.updated;
  self->stats.news_unchanged = merged.unchanged;
  g_ptr_array_add (merged.followed, NULL);
  g_strfreev (self->followed);
  self->followed = (GStrv) g_ptr_array_steal (merged.followed, NULL);
  dossier_feed_merge_stats_clear (&merged);
  return TRUE;
}

gboolean
dossier_campaign_write_all (Import   *self,
                            GError  **error)
{
  if (!dossier_store_begin_bulk (self->store, error))
    return FALSE;

  /* Into a kind the store has none of yet — the first import of a
   * campaign — every record is new: no need to look each one up. The
   * file's ids are unique within a kind, so none is written twice. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (dossier_campaign_kind_fields[k].type);
      g_autoptr(GPtrArray) found = dossier_store_query (self->store, query, 0, 1, error);

      if (found == NULL)
        {
          dossier_store_rollback (self->store);
          return FALSE;
        }
      self->empty[k] = found->len == 0;
    }

  /* in the order the store's references need */
  if (!write_kind (self, KIND_CASE, self->entries, error) ||
      !write_kind (self, KIND_EVENT, self->entries, error) ||
      !write_kind (self, KIND_TARGET, self->entries, error) ||
      !release_references (self, error) ||
      !write_kind (self, KIND_UA, self->ua_order, error))
    {
      dossier_store_rollback (self->store);
      return FALSE;
    }
  if (!write_news (self, error) ||
      g_cancellable_set_error_if_cancelled (self->cancellable, error))
    {
      dossier_store_rollback (self->store);
      return FALSE;
    }
  return dossier_store_commit (self->store, error);
}
