/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dossier-feed-error.h"
#include "dossier-feed-parser-private.h"
#include "dossier-links.h"
#include "dossier-record.h"

/* What came from a feed's address, told apart by its content (JSON,
 * XML, a web page, anything else), decoded to UTF-8 and handed to the
 * parser of its format; and what the parsers share: addresses resolved
 * and checked, identities, duplicates. */

static const char * const format_ids[] = {
  [DOSSIER_FEED_FORMAT_JSON] = "json",
  [DOSSIER_FEED_FORMAT_RSS] = "rss",
  [DOSSIER_FEED_FORMAT_ATOM] = "atom",
};

/**
 * dossier_feed_format_id:
 *
 * Returns: the id the store keeps in Feed.format: "json", "rss", "atom".
 */
const char *
dossier_feed_format_id (DossierFeedFormat format)
{
  g_return_val_if_fail (format <= DOSSIER_FEED_FORMAT_ATOM, NULL);

  return format_ids[format];
}

gboolean
dossier_feed_format_from_id (const char        *id,
                             DossierFeedFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_ids); i++)
    if (g_strcmp0 (id, format_ids[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

void
dossier_feed_entry_free (DossierFeedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->guid);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->published);
  g_free (entry->updated);
  g_free (entry->content);
  g_free (entry->dossier_type);
  g_free (entry->dossier_id);
  g_free (entry);
}

DossierParsedFeed *
dossier_parsed_feed_new (DossierFeedFormat format)
{
  DossierParsedFeed *feed = g_new0 (DossierParsedFeed, 1);

  feed->format = format;
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_feed_entry_free);
  return feed;
}

void
dossier_parsed_feed_free (DossierParsedFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->title);
  g_free (feed->home_page);
  g_free (feed->feed_url);
  g_free (feed->signing_key);
  g_free (feed->next_signing_key);
  g_ptr_array_unref (feed->entries);
  g_free (feed);
}

/* --- addresses --- */

/**
 * dossier_feed_resolve_base:
 * @base: (nullable): the address @reference is relative to
 *
 * Returns: (transfer full) (nullable): @reference made absolute against
 *   @base (RFC 3986), white space around it dropped and tabs and line
 *   breaks in it removed (as browsers do), or %NULL when it cannot be.
 */
char *
dossier_feed_resolve_base (const char *base,
                           const char *reference)
{
  g_autofree char *trimmed = NULL;
  GString *cleaned;
  char *resolved;

  if (reference == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (reference));
  if (*trimmed == '\0' || strlen (trimmed) > 8 * DOSSIER_TEXT_MAX_URL ||
      !g_utf8_validate (trimmed, -1, NULL))
    return NULL;
  cleaned = g_string_sized_new (strlen (trimmed));
  for (const char *p = trimmed; *p; p++)
    {
      /* tabs and line breaks inside an address are dropped, and a "%"
       * that escapes nothing is one, as browsers do */
      if (*p == '\n' || *p == '\r' || *p == '\t')
        continue;
      if (*p == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])))
        g_string_append (cleaned, "%25");
      else
        g_string_append_c (cleaned, *p);
    }
  /* not G_URI_FLAGS_PARSE_RELAXED: in GLib 2.74 it fails a critical
   * assertion on "https://a;b/"; spaces and letters beyond ASCII are
   * escaped all the same */
  resolved = g_uri_resolve_relative (base, cleaned->str, G_URI_FLAGS_ENCODED, NULL);
  if (resolved == NULL && base != NULL)
    resolved = g_uri_resolve_relative (NULL, cleaned->str, G_URI_FLAGS_ENCODED, NULL);
  g_string_free (cleaned, TRUE);
  return resolved;
}

/**
 * dossier_feed_resolve_link:
 *
 * Returns: (transfer full) (nullable): @reference resolved against @base,
 *   as a link Dossier may open (dossier_link_uri(): a web address, or a
 *   mailto: to one mailbox), or %NULL. A link longer than
 *   DOSSIER_TEXT_MAX_URL is dropped: cut, it would open another page.
 */
char *
dossier_feed_resolve_link (const char *base,
                           const char *reference)
{
  g_autofree char *absolute = dossier_feed_resolve_base (base, reference);
  char *link = dossier_link_uri (absolute);

  if (link != NULL && g_utf8_strlen (link, -1) > DOSSIER_TEXT_MAX_URL)
    {
      g_debug ("Link longer than %d characters dropped", DOSSIER_TEXT_MAX_URL);
      g_clear_pointer (&link, g_free);
    }
  return link;
}

/* The same for an address that must be a web page or a feed: http(s). */
char *
dossier_feed_resolve_web (const char *base,
                          const char *reference)
{
  g_autofree char *absolute = dossier_feed_resolve_base (base, reference);

  if (absolute == NULL || !dossier_web_address_is_valid (absolute) ||
      g_utf8_strlen (absolute, -1) > DOSSIER_TEXT_MAX_URL)
    return NULL;
  return g_steal_pointer (&absolute);
}

/* --- entries --- */

/**
 * dossier_feed_entry_set_identity:
 * @guid: (nullable): the entry's own id (RSS guid, Atom id, JSON id)
 *
 * Gives @entry its guid: @guid; without one its link; without that a
 * hash of its title and date (of its content, when it has neither), so
 * that the same entry read again is known again.
 */
void
dossier_feed_entry_set_identity (DossierFeedEntry *entry,
                                 const char       *guid)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_clear_pointer (&entry->guid, g_free);
  if (guid != NULL && *guid != '\0')
    {
      entry->guid = g_strdup (guid);
      return;
    }
  if (entry->link != NULL)
    {
      entry->guid = g_strdup (entry->link);
      return;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) (entry->title ? entry->title : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (entry->published ? entry->published
                                                 : entry->updated ? entry->updated : ""), -1);
  if (dossier_text_is_blank (entry->title) && entry->published == NULL && entry->updated == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "\n", 1);
      g_checksum_update (checksum, (const guchar *) (entry->content ? entry->content : ""), -1);
    }
  entry->guid = g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}

/* Adds @entry (taking it) unless an entry with its guid came before. */
void
dossier_parsed_feed_add_entry (DossierParsedFeed *feed,
                               GHashTable        *seen,
                               DossierFeedEntry  *entry)
{
  g_assert (entry->guid != NULL);

  if (g_hash_table_contains (seen, entry->guid))
    {
      g_debug ("The feed has two entries with the id “%s”; the first is kept", entry->guid);
      dossier_feed_entry_free (entry);
      return;
    }
  g_ptr_array_add (feed->entries, entry);
  /* the entry lives as long as the feed, the set not longer */
  g_hash_table_add (seen, entry->guid);
}

/* --- what came --- */

typedef enum {
  KIND_EMPTY,
  KIND_JSON,
  KIND_XML,
  KIND_HTML,
  KIND_TEXT,
} Kind;

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* What a document is by its first characters, past a byte-order mark,
 * white space, the XML declaration, comments and processing
 * instructions. */
static Kind
sniff (const char *data,
       gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  for (;;)
    {
      p = skip_space (p, end);
      if (p >= end)
        return KIND_EMPTY;
      if (*p == '{' || *p == '[')
        return KIND_JSON;
      if (*p != '<')
        return KIND_TEXT;
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            return KIND_XML;
          p = close + 3;
        }
      else if (end - p >= 2 && p[1] == '?')
        {
          const char *close = memchr (p, '>', end - p);

          if (close == NULL)
            return KIND_XML;
          p = close + 1;
        }
      else if ((end - p >= 14 && g_ascii_strncasecmp (p, "<!doctype html", 14) == 0) ||
               (end - p >= 5 && g_ascii_strncasecmp (p, "<html", 5) == 0 &&
                (end - p == 5 || !g_ascii_isalnum (p[5]))) ||
               (end - p >= 5 && (g_ascii_strncasecmp (p, "<head", 5) == 0 ||
                                 g_ascii_strncasecmp (p, "<body", 5) == 0)))
        return KIND_HTML;
      else
        return KIND_XML;
    }
}

/**
 * dossier_feed_parse:
 * @data: what the feed's address returned
 * @content_type: (nullable): the HTTP Content-Type, for its charset only
 * @base_url: (nullable): the address @data was fetched from, for
 *   relative links
 *
 * Reads a JSON Feed, an RSS or an Atom feed, telling which from the
 * content. Fails with DOSSIER_FEED_ERROR_NOT_A_FEED for anything else (a
 * web page, plain text, nothing), _MALFORMED for a feed broken beyond
 * repair or cut off, _TOO_LARGE past DOSSIER_FEED_MAX_BYTES or
 * DOSSIER_FEED_MAX_ENTRIES.
 *
 * Returns: (transfer full): the feed, its entries in document order
 */
DossierParsedFeed *
dossier_feed_parse (GBytes      *data,
                    const char  *content_type,
                    const char  *base_url,
                    GError     **error)
{
  g_autoptr(GBytes) text = NULL;
  const char *bytes;
  gsize length;
  Kind kind;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = g_bytes_get_size (data);
  if (length > DOSSIER_FEED_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (DOSSIER_FEED_MAX_BYTES);

      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “16.0 MB” */
                   _("The feed is larger than %s, the most Dossier reads."), limit);
      return NULL;
    }

  /* UTF-16 and UTF-32 first, to see the first characters at all */
  bytes = g_bytes_get_data (data, &length);
  if (length >= 2 && ((guchar) bytes[0] == 0xFF || (guchar) bytes[0] == 0xFE ||
                      bytes[0] == '\0' || bytes[1] == '\0'))
    text = dossier_feed_decode (data, content_type, DOSSIER_FEED_SYNTAX_XML, NULL);
  else
    text = g_bytes_ref (data);
  bytes = g_bytes_get_data (text, &length);
  kind = sniff (bytes, length);

  switch (kind)
    {
    case KIND_EMPTY:
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           _("The document is empty: there is no feed in it."));
      return NULL;
    case KIND_HTML:
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           _("This is a web page, not a feed. The page may link to its feed: "
                             "give Dossier the page’s address to look for it."));
      return NULL;
    case KIND_TEXT:
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           _("This is not a feed: it does not begin as RSS, Atom or JSON Feed "
                             "do."));
      return NULL;
    case KIND_JSON:
      {
        g_autoptr(GBytes) utf8 = dossier_feed_decode (text, content_type,
                                                      DOSSIER_FEED_SYNTAX_JSON, NULL);

        bytes = g_bytes_get_data (utf8, &length);
        return dossier_feed_parse_json (bytes, length, base_url, error);
      }
    case KIND_XML:
    default:
      {
        g_autoptr(GBytes) utf8 = dossier_feed_decode (text, content_type,
                                                      DOSSIER_FEED_SYNTAX_XML, NULL);

        bytes = g_bytes_get_data (utf8, &length);
        return dossier_feed_parse_xml (bytes, length, base_url, error);
      }
    }
}

/**
 * dossier_parsed_feed_to_json:
 *
 * Returns: (transfer full): @feed as JSON, for `dossier feed parse`:
 *   {"title", "url", "feed_url", "format", "items": [{"id", "title",
 *   "url", "published", "updated", "content"}]}, times in UTC or null.
 */
char *
dossier_parsed_feed_to_json (DossierParsedFeed *feed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (feed != NULL, NULL);

#define ADD_STRING(name, value) \
  G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    if ((value) != NULL) \
      json_builder_add_string_value (builder, value); \
    else \
      json_builder_add_null_value (builder); \
  } G_STMT_END

  json_builder_begin_object (builder);
  ADD_STRING ("title", feed->title);
  ADD_STRING ("url", feed->home_page);
  ADD_STRING ("feed_url", feed->feed_url);
  ADD_STRING ("format", dossier_feed_format_id (feed->format));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      DossierFeedEntry *entry = g_ptr_array_index (feed->entries, i);

      json_builder_begin_object (builder);
      ADD_STRING ("id", entry->guid);
      ADD_STRING ("title", entry->title);
      ADD_STRING ("url", entry->link);
      ADD_STRING ("published", entry->published);
      ADD_STRING ("updated", entry->updated);
      ADD_STRING ("content", entry->content);
      if (entry->dossier_type != NULL)
        {
          json_builder_set_member_name (builder, "_dossier");
          json_builder_begin_object (builder);
          ADD_STRING ("type", entry->dossier_type);
          ADD_STRING ("id", entry->dossier_id);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
#undef ADD_STRING

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
