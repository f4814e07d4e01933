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
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* The store as a campaign file others can import. */

/* ---- export ---- */

static GPtrArray *
fetch_all (DossierStore  *store,
           GType          kind,
           GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (kind);

  return dossier_store_query (store, query, 0, G_MAXUINT, error);
}

static int
compare_strings (const char *a,
                 const char *b)
{
  return strcmp (a ? a : "", b ? b : "");
}

/* Records sorted by one text field, then id: the same store always gives
 * the same document, whatever order its rows were written in. */
static int
compare_by_field (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const char *field = user_data;
  DossierRecord *ra = *(DossierRecord **) a;
  DossierRecord *rb = *(DossierRecord **) b;
  int cmp = compare_strings (dossier_record_get_string (ra, field),
                             dossier_record_get_string (rb, field));

  return cmp ? cmp : strcmp (dossier_record_get_id (ra), dossier_record_get_id (rb));
}

/* Events follow their cases' order, then their own dates. */
static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *case_order = user_data;
  DossierRecord *ea = *(DossierRecord **) a;
  DossierRecord *eb = *(DossierRecord **) b;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (case_order, dossier_record_get_string (ea, "case-id")));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (case_order, dossier_record_get_string (eb, "case-id")));
  int cmp;

  if (pa != pb)
    return pa < pb ? -1 : 1;
  if ((cmp = compare_strings (dossier_record_get_string (ea, "date"),
                              dossier_record_get_string (eb, "date"))) != 0)
    return cmp;
  return strcmp (dossier_record_get_id (ea), dossier_record_get_id (eb));
}

static int
compare_charges (gconstpointer a,
                 gconstpointer b)
{
  gint64 pa = dossier_record_get_int (*(DossierRecord **) a, "position");
  gint64 pb = dossier_record_get_int (*(DossierRecord **) b, "position");

  return pa < pb ? -1 : pa > pb;
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *text)
{
  if (text != NULL && *text != '\0')
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, text);
    }
}

static void
add_record_fields (JsonBuilder   *builder,
                   Kind           kind,
                   DossierRecord *record)
{
  const KindFields *info = &dossier_campaign_kind_fields[kind];

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
                add_text (builder, member, text);
                break;
              }
            node = json_from_string (text, NULL);
            if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
                json_object_get_size (json_node_get_object (node)) > 0)
              {
                json_builder_set_member_name (builder, member);
                json_builder_add_value (builder, g_steal_pointer (&node));
              }
          }
          break;

        case DOSSIER_FIELD_INT:
          if (dossier_field_get_int (field, record) != 0)
            {
              json_builder_set_member_name (builder, member);
              json_builder_add_int_value (builder, dossier_field_get_int (field, record));
            }
          break;

        case DOSSIER_FIELD_DOUBLE:
          if (dossier_field_get_double (field, record) != 0)
            {
              json_builder_set_member_name (builder, member);
              json_builder_add_double_value (builder, dossier_field_get_double (field, record));
            }
          break;

        case DOSSIER_FIELD_BOOLEAN:
          json_builder_set_member_name (builder, member);
          json_builder_add_boolean_value (builder, dossier_field_get_boolean (field, record));
          break;

        case DOSSIER_FIELD_STRV:
        case DOSSIER_FIELD_LINKS:
          {
            const char * const *values = dossier_field_get_strv (field, record);

            if (values == NULL || values[0] == NULL)
              break;
            json_builder_set_member_name (builder, member);
            json_builder_begin_array (builder);
            for (guint n = 0; values[n]; n++)
              json_builder_add_string_value (builder, values[n]);
            json_builder_end_array (builder);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
add_charges (JsonBuilder *builder,
             GPtrArray   *charges)
{
  if (charges == NULL || charges->len == 0)
    return;

  json_builder_set_member_name (builder, "charges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < charges->len; i++)
    {
      json_builder_begin_object (builder);
      for (guint m = 0; m < G_N_ELEMENTS (dossier_campaign_charge_members); m++)
        add_text (builder, dossier_campaign_charge_members[m],
                  dossier_record_get_string (charges->pdata[i], dossier_campaign_charge_members[m]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* What a reader that knows nothing of `_dossier` shows of a record. */
static void
describe_record (Kind           kind,
                 DossierRecord *record,
                 const char   **title,
                 char         **content)
{
  switch (kind)
    {
    case KIND_CASE:
      *title = dossier_record_get_string (record, "name");
      *content = g_strdup (dossier_record_get_string (record, "summary"));
      break;
    case KIND_EVENT:
      *title = dossier_record_get_string (record, "title");
      *content = g_strdup (dossier_record_get_string (record, "text"));
      break;
    case KIND_TARGET:
      *title = dossier_record_get_string (record, "name");
      *content = g_strdup (dossier_record_get_string (record, "office"));
      break;
    case KIND_UA:
      *title = dossier_record_get_string (record, "reference");
      *content = g_strdup (dossier_record_get_string (record, "title"));
      break;
    default:
      g_assert_not_reached ();
    }
  /* JSON Feed wants content on every item */
  if (*content == NULL)
    *content = g_strdup (*title ? *title : "");
}

/* Items are written one per line, each compact: a campaign reads in a
 * diff item by item, and is no larger than it has to be. */
typedef struct {
  JsonBuilder   *builder;
  JsonGenerator *generator;
  GString       *out;
  GHashTable    *item_ids;
  guint          n_items;
} Writer;

static void
add_item (Writer        *writer,
          Kind           kind,
          DossierRecord *record,
          GPtrArray     *charges)
{
  JsonBuilder *builder = writer->builder;
  const char *id = dossier_record_get_id (record);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *content = NULL;
  const char *title = NULL;

  /* item ids are unique in a feed; record ids only within their kind */
  item_id = g_hash_table_contains (writer->item_ids, id)
            ? g_strconcat (dossier_campaign_kind_specs[kind].type, ":", id, NULL) : g_strdup (id);
  g_hash_table_add (writer->item_ids, g_strdup (item_id));
  describe_record (kind, record, &title, &content);

  json_builder_reset (builder);
  json_builder_begin_object (builder);
  add_text (builder, "id", item_id);
  add_text (builder, "title", title);
  json_builder_set_member_name (builder, "content_text");
  json_builder_add_string_value (builder, content);
  add_text (builder, "date_published", dossier_record_get_created_at (record));
  add_text (builder, "date_modified", dossier_record_get_updated_at (record));

  json_builder_set_member_name (builder, "_dossier");
  json_builder_begin_object (builder);
  add_text (builder, "type", dossier_campaign_kind_specs[kind].type);
  add_text (builder, "id", id);
  add_record_fields (builder, kind, record);
  if (kind == KIND_CASE)
    add_charges (builder, charges);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  json_generator_set_root (writer->generator, node);
  g_string_append (writer->out, writer->n_items++ ? ",\n" : "\n");
  json_generator_to_gstring (writer->generator, writer->out);
}

/**
 * dossier_campaign_export:
 * @title: (nullable): the campaign's title
 *
 * Writes every case (with its charges), case event, target and urgent
 * action of @store as a campaign document. The user's own notes and follow
 * flags stay out of it. The same store always gives the same document.
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
char *
dossier_campaign_export (DossierStore  *store,
                         const char    *title,
                         GError       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) title_node = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) charges = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) urgent_actions = NULL;
  g_autoptr(GHashTable) charges_by_case = NULL;
  g_autoptr(GHashTable) case_order = NULL;
  g_autoptr(GHashTable) item_ids = NULL;
  g_autoptr(GString) out = NULL;
  Writer writer;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dossier_campaign_ensure_kind_fields ();

  if (!(cases = fetch_all (store, DOSSIER_TYPE_CASE, error)) ||
      !(charges = fetch_all (store, DOSSIER_TYPE_CHARGE, error)) ||
      !(events = fetch_all (store, DOSSIER_TYPE_CASE_EVENT, error)) ||
      !(targets = fetch_all (store, DOSSIER_TYPE_TARGET, error)) ||
      !(urgent_actions = fetch_all (store, DOSSIER_TYPE_URGENT_ACTION, error)))
    return NULL;

  g_ptr_array_sort_with_data (cases, compare_by_field, (gpointer) "name");
  g_ptr_array_sort_with_data (targets, compare_by_field, (gpointer) "name");
  g_ptr_array_sort_with_data (urgent_actions, compare_by_field, (gpointer) "reference");

  case_order = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < cases->len; i++)
    g_hash_table_insert (case_order, (gpointer) dossier_record_get_id (cases->pdata[i]),
                         GUINT_TO_POINTER (i + 1));
  g_ptr_array_sort_with_data (events, compare_events, case_order);

  charges_by_case = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < charges->len; i++)
    {
      DossierRecord *charge = charges->pdata[i];
      const char *case_id = dossier_record_get_string (charge, "case-id");
      GPtrArray *list = g_hash_table_lookup (charges_by_case, case_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (charges_by_case, (gpointer) case_id, list);
        }
      g_ptr_array_add (list, charge);
    }

  builder = json_builder_new_immutable ();
  generator = json_generator_new ();
  item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out = g_string_sized_new (4096);
  writer = (Writer) { builder, generator, out, item_ids, 0 };

  /* Translators: the title of an exported campaign when none is given */
  title_node = json_node_init_string (json_node_alloc (), title && *title ? title : _("Dossier campaign"));
  json_generator_set_root (generator, title_node);
  g_string_append (out, "{\"version\":\"" JSON_FEED_1_1 "\",\"title\":");
  json_generator_to_gstring (generator, out);
  g_string_append_printf (out, ",\"_dossier\":{\"format\":%d},\"items\":[", DOSSIER_CAMPAIGN_FORMAT);

  for (guint i = 0; i < cases->len; i++)
    {
      GPtrArray *list = g_hash_table_lookup (charges_by_case, dossier_record_get_id (cases->pdata[i]));

      if (list)
        g_ptr_array_sort (list, compare_charges);
      add_item (&writer, KIND_CASE, cases->pdata[i], list);
    }
  for (guint i = 0; i < events->len; i++)
    add_item (&writer, KIND_EVENT, events->pdata[i], NULL);
  for (guint i = 0; i < targets->len; i++)
    add_item (&writer, KIND_TARGET, targets->pdata[i], NULL);
  for (guint i = 0; i < urgent_actions->len; i++)
    add_item (&writer, KIND_UA, urgent_actions->pdata[i], NULL);

  g_string_append (out, writer.n_items ? "\n]}" : "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
