/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dossier-feed-error.h"
#include "dossier-feed-parser-private.h"
#include "dossier-json-bounds.h"
#include "dossier-minisign.h"
#include "dossier-record.h"

/* JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). As
 * every JSON document from outside, it is checked against bounds before
 * json-glib reads it, then read as the campaign import reads it: a tree
 * of the feed without its items, then one item at a time, so that memory
 * follows the size of one item. Items with a `_dossier` object are the
 * records of a campaign (docs/campaign-format.md); here only their kind
 * and id are noted, the import reads the rest. */

#define JSON_FEED_PREFIX "https://jsonfeed.org/version/"
#define JSON_FEED_PREFIX_HTTP "http://jsonfeed.org/version/"

static const DossierJsonBounds feed_bounds = {
  .max_bytes = DOSSIER_FEED_MAX_BYTES,
  .max_depth = 32,
  /* a long article, written with escapes */
  .max_string_bytes = 8 * 1000 * 1000,
  .max_values = 0,
  .split_member = "items",
  .max_elements = DOSSIER_FEED_MAX_ENTRIES,
  .max_element_bytes = DOSSIER_FEED_MAX_BYTES,
  .max_element_values = 20000,
};

/* A member's text: a string, or a number written as text (JSON Feed 1.0
 * allowed numbers as ids). NULL for anything else. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static int
feed_error_code (const GError *error)
{
  switch (error->code)
    {
    case DOSSIER_JSON_ERROR_TOO_LARGE:
    case DOSSIER_JSON_ERROR_TOO_MANY:
      return DOSSIER_FEED_ERROR_TOO_LARGE;
    case DOSSIER_JSON_ERROR_EMPTY:
      return DOSSIER_FEED_ERROR_NOT_A_FEED;
    default:
      return DOSSIER_FEED_ERROR_MALFORMED;
    }
}

static DossierFeedEntry *
read_item (JsonObject *item,
           const char *base,
           gboolean   *is_record)
{
  DossierFeedEntry *entry = g_new0 (DossierFeedEntry, 1);
  g_autofree char *id = member_text (item, "id");
  const char *text;
  JsonNode *node;

  entry->title = dossier_feed_text_from_plain (member_string (item, "title"), -1,
                                               DOSSIER_FEED_TEXT_LINE);
  /* plain text first: what the feed says without markup */
  if ((text = member_string (item, "content_text")) != NULL && !dossier_text_is_blank (text))
    entry->content = dossier_feed_text_from_plain (text, -1, DOSSIER_FEED_TEXT_CONTENT);
  else if ((text = member_string (item, "content_html")) != NULL)
    entry->content = dossier_feed_text_from_html (text, -1, DOSSIER_FEED_TEXT_CONTENT);
  else
    entry->content = dossier_feed_text_from_plain (member_string (item, "summary"), -1,
                                                   DOSSIER_FEED_TEXT_CONTENT);

  if ((text = member_string (item, "url")) != NULL)
    entry->link = dossier_feed_resolve_link (base, text);
  if (entry->link == NULL && (text = member_string (item, "external_url")) != NULL)
    entry->link = dossier_feed_resolve_link (base, text);
  entry->published = dossier_feed_parse_date (member_string (item, "date_published"));
  entry->updated = dossier_feed_parse_date (member_string (item, "date_modified"));

  node = json_object_get_member (item, "_dossier");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *record = json_node_get_object (node);
      g_autofree char *record_id = member_text (record, "id");

      entry->dossier_type = dossier_feed_text_id (member_string (record, "type"), -1,
                                                  DOSSIER_TEXT_MAX_ID);
      entry->dossier_id = dossier_feed_text_id (record_id, -1, DOSSIER_TEXT_MAX_ID);
      *is_record = entry->dossier_type != NULL;
    }

  {
    g_autofree char *guid = dossier_feed_text_id (id, -1, DOSSIER_TEXT_MAX_URL);

    dossier_feed_entry_set_identity (entry, guid);
  }
  return entry;
}

/* The keys a campaign's header names, kept only when they are keys. */
static void
read_signing_keys (DossierParsedFeed *feed,
                   JsonObject        *object)
{
  JsonNode *node = json_object_get_member (object, "_dossier");
  const char *members[] = { "signing_key", "next_signing_key" };
  char **keys[] = { &feed->signing_key, &feed->next_signing_key };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *text = member_string (json_node_get_object (node), members[i]);
      g_autoptr(DossierMinisignKey) key = NULL;
      g_autoptr(GError) error = NULL;

      if (text == NULL)
        continue;
      if ((key = dossier_minisign_key_parse (text, &error)) == NULL)
        g_debug ("The feed's _dossier.%s is not a key: %s", members[i], error->message);
      else
        *keys[i] = dossier_minisign_key_to_string (key);
    }
}

/* The document as a JSON Feed; @data is UTF-8 (dossier_feed_decode()). */
DossierParsedFeed *
dossier_feed_parse_json (const char  *data,
                         gsize        length,
                         const char  *base_url,
                         GError     **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DossierJsonSpan));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DossierParsedFeed) feed = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GString) header = NULL;
  DossierJsonSpan items_span = { 0, 0 };
  const char *version;
  const char *base;
  JsonObject *object;
  JsonNode *root;
  JsonNode *items;

  if (!dossier_json_check (data, length, &feed_bounds, &items_span, spans, &local_error))
    {
      if (local_error->code == DOSSIER_JSON_ERROR_TRUNCATED)
        g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                             _("The feed ends early, as if it had been cut off while being "
                               "downloaded. Try again later."));
      else
        g_set_error (error, DOSSIER_FEED_ERROR, feed_error_code (local_error),
                     /* Translators: %s says what is wrong with the file, as a sentence */
                     _("The JSON Feed cannot be read: %s"), local_error->message);
      return NULL;
    }

  /* the feed without its items */
  header = g_string_new_len (data, items_span.length ? items_span.offset : length);
  if (items_span.length)
    {
      g_string_append (header, "[]");
      g_string_append_len (header, data + items_span.offset + items_span.length,
                           length - items_span.offset - items_span.length);
    }
  if (!json_parser_load_from_data (parser, header->str, header->len, &local_error))
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                   /* Translators: %s is the JSON reader's description of the problem, in
                    * English */
                   _("The JSON Feed cannot be read: it is not valid JSON (%s)."),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object ? member_string (object, "version") : NULL;
  if (version == NULL ||
      !(g_str_has_prefix (version, JSON_FEED_PREFIX) ||
        g_str_has_prefix (version, JSON_FEED_PREFIX_HTTP)))
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           /* Translators: keep “version” and the address as they are */
                           _("This is a JSON document, but not a JSON Feed: it has no “version” "
                             "starting with https://jsonfeed.org/version/."));
      return NULL;
    }
  items = json_object_get_member (object, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                           /* Translators: keep “items” as it is: it is the name of a field */
                           _("The JSON Feed has no list of “items”."));
      return NULL;
    }

  feed = dossier_parsed_feed_new (DOSSIER_FEED_FORMAT_JSON);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  feed->title = dossier_feed_text_from_plain (member_string (object, "title"), -1,
                                              DOSSIER_FEED_TEXT_LINE);
  feed->feed_url = dossier_feed_resolve_web (base_url, member_string (object, "feed_url"));
  /* relative addresses: against where the feed came from, else where it
   * says it is */
  base = base_url ? base_url : feed->feed_url;
  feed->home_page = dossier_feed_resolve_web (base, member_string (object, "home_page_url"));
  read_signing_keys (feed, object);

  for (guint i = 0; i < spans->len; i++)
    {
      const DossierJsonSpan *span = &g_array_index (spans, DossierJsonSpan, i);
      gboolean is_record = FALSE;
      JsonNode *element;

      if (!json_parser_load_from_data (parser, data + span->offset, span->length, &local_error))
        {
          g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                       _("The JSON Feed cannot be read: it is not valid JSON (%s)."),
                       local_error->message);
          return NULL;
        }
      element = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_debug ("Item %u of a JSON Feed is not an object; skipped", i + 1);
          continue;
        }
      dossier_parsed_feed_add_entry (feed, seen, read_item (json_node_get_object (element), base,
                                                            &is_record));
      feed->has_records |= is_record;
    }
  return g_steal_pointer (&feed);
}

/**
 * dossier_feed_entry_from_json_item:
 * @item: a JSON Feed item
 * @base_url: (nullable): what relative links resolve against
 *
 * Reads one JSON Feed item as the parser reads a feed's: the campaign
 * import reads its news items with this, so that a campaign file and the
 * same campaign fetched as a feed give the same items.
 *
 * Returns: (transfer full): the entry
 */
DossierFeedEntry *
dossier_feed_entry_from_json_item (JsonObject *item,
                                   const char *base_url)
{
  gboolean is_record = FALSE;

  g_return_val_if_fail (item != NULL, NULL);

  return read_item (item, base_url, &is_record);
}

/**
 * dossier_feed_entry_text_line:
 * @text: (nullable): a title from a feed, plain text
 *
 * Returns: (transfer full) (nullable): @text as one line of valid UTF-8,
 *   as the parser keeps a title
 */
char *
dossier_feed_entry_text_line (const char *text)
{
  return dossier_feed_text_from_plain (text, -1, DOSSIER_FEED_TEXT_LINE);
}
