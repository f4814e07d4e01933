/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign-private.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-json-write.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* The store as a campaign file others can import. */

/* ---- export ---- */

/* The document is written item by item, in the order of the kinds (cases,
 * case events, targets, urgent actions), each kind read from the store a
 * page at a time in an order of its own keys: the same store always gives
 * the same document, byte for byte, whatever order its rows were written
 * in, and however many records there are only a page of them is held. */

#define EXPORT_PAGE 500
/* output is handed to the stream in pieces of this size */
#define EXPORT_FLUSH_SIZE (64 * 1024)

typedef struct {
  DossierStore  *store;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *out;        /* written, not yet handed to the stream */
  JsonGenerator *generator;  /* for the fields that hold JSON */
  GHashTable    *prefixed;   /* item ids written as "type:id" */
  Kind           kind;       /* of the records being written */
  guint          n_items;
} Writer;

static void
write_member (GString    *out,
              const char *member)
{
  g_string_append_c (out, ',');
  dossier_json_write_string (out, member);
  g_string_append_c (out, ':');
}

/* ,"member":"text" when there is text */
static void
write_text (GString    *out,
            const char *member,
            const char *text)
{
  if (text != NULL && *text != '\0')
    {
      write_member (out, member);
      dossier_json_write_string (out, text);
    }
}

static void
write_record_fields (Writer        *writer,
                     DossierRecord *record)
{
  const KindFields *info = &dossier_campaign_kind_fields[writer->kind];
  GString *out = writer->out;

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      const char *member = info->members[i];

      if (info->rules[i] && (info->rules[i]->flags & RULE_LOCAL))
        continue;

      switch (field->type)
        {
        case DOSSIER_FIELD_STRING:
          {
            const char *text = dossier_field_get_string (field, record);
            g_autoptr(JsonNode) node = NULL;

            if (text == NULL || *text == '\0')
              break;
            if (!(field->flags & DOSSIER_FIELD_FLAG_JSON))
              {
                write_text (out, member, text);
                break;
              }
            /* an object as json-glib writes it again: members in order,
             * numbers as it prints them */
            node = json_from_string (text, NULL);
            if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
                json_object_get_size (json_node_get_object (node)) > 0)
              {
                write_member (out, member);
                json_generator_set_root (writer->generator, node);
                json_generator_to_gstring (writer->generator, out);
              }
          }
          break;

        case DOSSIER_FIELD_INT:
          if (dossier_field_get_int (field, record) != 0)
            {
              write_member (out, member);
              g_string_append_printf (out, "%" G_GINT64_FORMAT, dossier_field_get_int (field, record));
            }
          break;

        case DOSSIER_FIELD_DOUBLE:
          if (dossier_field_get_double (field, record) != 0)
            {
              write_member (out, member);
              dossier_json_write_double (out, dossier_field_get_double (field, record));
            }
          break;

        case DOSSIER_FIELD_BOOLEAN:
          write_member (out, member);
          g_string_append (out, dossier_field_get_boolean (field, record) ? "true" : "false");
          break;

        case DOSSIER_FIELD_STRV:
        case DOSSIER_FIELD_LINKS:
          {
            const char * const *values = dossier_field_get_strv (field, record);

            if (values == NULL || values[0] == NULL)
              break;
            write_member (out, member);
            g_string_append_c (out, '[');
            for (guint n = 0; values[n]; n++)
              {
                if (n > 0)
                  g_string_append_c (out, ',');
                dossier_json_write_string (out, values[n]);
              }
            g_string_append_c (out, ']');
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* A case's charges, in their order: by position, then as they were written. */
static gboolean
write_charges (Writer      *writer,
               const char  *case_id,
               GError     **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CHARGE);
  g_autoptr(GPtrArray) charges = NULL;
  GString *out = writer->out;

  dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, case_id);
  dossier_query_sort (query, "position", FALSE);
  if (!(charges = dossier_store_query (writer->store, query, 0, G_MAXUINT, error)))
    return FALSE;
  if (charges->len == 0)
    return TRUE;

  write_member (out, "charges");
  g_string_append_c (out, '[');
  for (guint i = 0; i < charges->len; i++)
    {
      gboolean first = TRUE;

      g_string_append (out, i ? ",{" : "{");
      for (guint m = 0; m < G_N_ELEMENTS (dossier_campaign_charge_members); m++)
        {
          const char *text = dossier_record_get_string (charges->pdata[i], dossier_campaign_charge_members[m]);

          if (text == NULL || *text == '\0')
            continue;
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          dossier_json_write_string (out, dossier_campaign_charge_members[m]);
          g_string_append_c (out, ':');
          dossier_json_write_string (out, text);
        }
      {
        const char *translations = dossier_record_get_string (charges->pdata[i], "translations");
        g_autoptr(JsonNode) node = translations ? json_from_string (translations, NULL) : NULL;

        if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
            json_object_get_size (json_node_get_object (node)) > 0)
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            dossier_json_write_string (out, "translations");
            g_string_append_c (out, ':');
            json_generator_set_root (writer->generator, node);
            json_generator_to_gstring (writer->generator, out);
          }
      }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  return TRUE;
}

/* What a reader that knows nothing of `_dossier` shows of a record. */
static void
describe_record (Kind           kind,
                 DossierRecord *record,
                 const char   **title,
                 const char   **content)
{
  switch (kind)
    {
    case KIND_CASE:
      *title = dossier_record_get_string (record, "name");
      *content = dossier_record_get_string (record, "summary");
      break;
    case KIND_EVENT:
      *title = dossier_record_get_string (record, "title");
      *content = dossier_record_get_string (record, "text");
      break;
    case KIND_TARGET:
      *title = dossier_record_get_string (record, "name");
      *content = dossier_record_get_string (record, "office");
      break;
    case KIND_UA:
      *title = dossier_record_get_string (record, "reference");
      *content = dossier_record_get_string (record, "title");
      break;
    default:
      g_assert_not_reached ();
    }
  /* JSON Feed wants content on every item */
  if (*content == NULL)
    *content = *title ? *title : "";
}

/* Item ids are unique in a feed; record ids only within their kind. A
 * record whose id an earlier item has is written as "type:id". The ids
 * written so far are not all kept: an earlier item has @id when a record
 * of an earlier kind has it (it was written under it, or under its
 * "type:id" because an item had @id already), or when it was one of
 * those "type:id" ids, which are kept — there are none in a store of
 * Dossier's own ids. */
static char *
item_id (Writer      *writer,
         const char  *id,
         GError     **error)
{
  gboolean taken = g_hash_table_contains (writer->prefixed, id);
  char *prefixed;

  for (Kind k = 0; k < writer->kind && !taken; k++)
    {
      int found = dossier_store_contains (writer->store, dossier_campaign_kind_fields[k].type, id, error);

      if (found < 0)
        return NULL;
      taken = found;
    }
  if (!taken)
    return g_strdup (id);
  prefixed = g_strconcat (dossier_campaign_kind_specs[writer->kind].type, ":", id, NULL);
  g_hash_table_add (writer->prefixed, g_strdup (prefixed));
  return prefixed;
}

static gboolean
flush_writer (Writer  *writer,
              GError **error)
{
  if (writer->out->len > 0 &&
      !g_output_stream_write_all (writer->stream, writer->out->str, writer->out->len, NULL,
                                  writer->cancellable, error))
    return FALSE;
  g_string_truncate (writer->out, 0);
  return TRUE;
}

/* One item per line, each compact: a campaign reads in a diff item by
 * item, and is no larger than it has to be. */
static gboolean
write_item (DossierRecord  *record,
            gpointer        user_data,
            GError        **error)
{
  Writer *writer = user_data;
  GString *out = writer->out;
  const char *id = dossier_record_get_id (record);
  g_autofree char *item = NULL;
  const char *title = NULL;
  const char *content = NULL;

  if (!(item = item_id (writer, id, error)))
    return FALSE;
  describe_record (writer->kind, record, &title, &content);

  g_string_append (out, writer->n_items++ ? ",\n{\"id\":" : "\n{\"id\":");
  dossier_json_write_string (out, item);
  write_text (out, "title", title);
  write_member (out, "content_text");
  dossier_json_write_string (out, content);
  write_text (out, "date_published", dossier_record_get_created_at (record));
  write_text (out, "date_modified", dossier_record_get_updated_at (record));

  g_string_append (out, ",\"_dossier\":{\"type\":");
  dossier_json_write_string (out, dossier_campaign_kind_specs[writer->kind].type);
  write_text (out, "id", id);
  write_record_fields (writer, record);
  if (writer->kind == KIND_CASE && !write_charges (writer, id, error))
    return FALSE;
  g_string_append (out, "}}");

  if (out->len >= EXPORT_FLUSH_SIZE)
    return flush_writer (writer, error);
  return TRUE;
}

/* Events follow their cases' order, then their own dates. An event always
 * has its case: the schema holds it (case_id is NOT NULL and REFERENCES
 * cases, foreign keys are on, and every migration is checked with
 * foreign_key_check), so they are read case by case. */
static gboolean
write_case_events (DossierRecord  *a_case,
                   gpointer        user_data,
                   GError        **error)
{
  Writer *writer = user_data;
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE_EVENT);

  writer->kind = KIND_EVENT;
  dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, dossier_record_get_id (a_case));
  dossier_query_sort (query, "date", FALSE);
  dossier_query_sort (query, "id", FALSE);
  return dossier_store_query_foreach (writer->store, query, EXPORT_PAGE, write_item, writer,
                                      writer->cancellable, error);
}

/* Every record of a kind, sorted by one text field, then id. */
static gboolean
write_kind (Writer            *writer,
            Kind               kind,
            const char        *field,
            DossierRecordFunc  func,
            GError           **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (dossier_campaign_kind_fields[kind].type);

  writer->kind = kind;
  dossier_query_sort (query, field, FALSE);
  dossier_query_sort (query, "id", FALSE);
  return dossier_store_query_foreach (writer->store, query, EXPORT_PAGE, func, writer,
                                      writer->cancellable, error);
}

/**
 * dossier_campaign_describe_names:
 *
 * Says whose names an export of @store holds, to be said before it is
 * written: a file others can read. Dossier's users include volunteers
 * whose computers get seized, and people they pass a file on to.
 *
 * Returns: (transfer full) (nullable): a few sentences, or %NULL when the
 *   export names no one (the store has no cases) or, with @error set, when
 *   the store could not be read
 */
char *
dossier_campaign_describe_names (DossierStore  *store,
                                 GError       **error)
{
  g_autoptr(DossierQuery) query = NULL;
  gint64 n;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  query = dossier_query_new (DOSSIER_TYPE_CASE);
  if ((n = dossier_store_count (store, query, error)) <= 0)
    return NULL;
  return g_strdup_printf (ngettext ("The campaign file holds the name of %lld person, with the charges "
                                    "and events of the case, and the names of the officials to write "
                                    "to. Anyone who has the file can read them. Your own notes, the "
                                    "cases you follow and the actions you logged stay out of it.",
                                    "The campaign file holds the names of %lld people, with the charges "
                                    "and events of their cases, and the names of the officials to write "
                                    "to. Anyone who has the file can read them. Your own notes, the "
                                    "cases you follow and the actions you logged stay out of it.",
                                    (gulong) n), (long long) n);
}

/**
 * dossier_campaign_export_to_stream:
 * @title: (nullable): the campaign's title
 * @stream: where the document goes; it is not closed
 * @cancellable: (nullable): stops the export
 *
 * Writes every case (with its charges), case event, target and urgent
 * action of @store to @stream as a campaign document, item by item: what
 * the export holds in memory does not grow with the store. The user's own
 * notes and follow flags stay out of it. The same store always gives the
 * same document, the one dossier_campaign_export() returns.
 *
 * On an error, part of the document may have been written.
 *
 * Returns: %TRUE when the whole document was written, %FALSE with @error
 *   set otherwise.
 */
gboolean
dossier_campaign_export_to_stream (DossierStore   *store,
                                   const char     *title,
                                   GOutputStream  *stream,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  return dossier_campaign_export_to_stream_full (store, title, NULL, NULL, stream, cancellable, error);
}

/**
 * dossier_campaign_export_to_stream_full:
 * @signing_key: (nullable): the minisign public key the file will be
 *   signed with, written as `_dossier.signing_key`
 * @next_signing_key: (nullable): the key the campaign's next updates will
 *   be signed with, announced as `_dossier.next_signing_key`
 *
 * As dossier_campaign_export_to_stream(), with the header of a signed
 * campaign (docs/campaign-format.md, "Signatures"). The keys are written
 * as given: the caller checked them.
 */
gboolean
dossier_campaign_export_to_stream_full (DossierStore   *store,
                                        const char     *title,
                                        const char     *signing_key,
                                        const char     *next_signing_key,
                                        GOutputStream  *stream,
                                        GCancellable   *cancellable,
                                        GError        **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GHashTable) prefixed = NULL;
  g_autoptr(GString) out = NULL;
  Writer writer;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dossier_campaign_ensure_kind_fields ();

  generator = json_generator_new ();
  prefixed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out = g_string_sized_new (EXPORT_FLUSH_SIZE + 4096);
  writer = (Writer) { store, stream, cancellable, out, generator, prefixed, KIND_CASE, 0 };

  g_string_append (out, "{\"version\":\"" JSON_FEED_1_1 "\",\"title\":");
  /* Translators: the title of an exported campaign when none is given */
  dossier_json_write_string (out, title && *title ? title : _("Dossier campaign"));
  g_string_append_printf (out, ",\"_dossier\":{\"format\":%d", DOSSIER_CAMPAIGN_FORMAT);
  if (signing_key && *signing_key)
    {
      g_string_append (out, ",\"signing_key\":");
      dossier_json_write_string (out, signing_key);
    }
  if (next_signing_key && *next_signing_key)
    {
      g_string_append (out, ",\"next_signing_key\":");
      dossier_json_write_string (out, next_signing_key);
    }
  g_string_append (out, "},\"items\":[");

  if (!write_kind (&writer, KIND_CASE, "name", write_item, error))
    return FALSE;
  /* the cases again, for their events in the cases' order */
  if (!write_kind (&writer, KIND_CASE, "name", write_case_events, error))
    return FALSE;
  if (!write_kind (&writer, KIND_TARGET, "name", write_item, error) ||
      !write_kind (&writer, KIND_UA, "reference", write_item, error))
    return FALSE;

  g_string_append (out, writer.n_items ? "\n]}" : "]}");
  return flush_writer (&writer, error);
}

/**
 * dossier_campaign_export:
 * @title: (nullable): the campaign's title
 *
 * Writes every case (with its charges), case event, target and urgent
 * action of @store as a campaign document, as
 * dossier_campaign_export_to_stream() does, into memory.
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
char *
dossier_campaign_export (DossierStore  *store,
                         const char    *title,
                         GError       **error)
{
  g_autoptr(GOutputStream) stream = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_output_stream_new_resizable ();
  if (!dossier_campaign_export_to_stream (store, title, stream, NULL, error) ||
      !g_output_stream_write_all (stream, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}
