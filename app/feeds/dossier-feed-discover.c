/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "dossier-feed-parser-private.h"

/* The feeds a web page names in its head, as browsers and feed readers
 * find them: <link rel="alternate" type="application/rss+xml" href="…"
 * title="…">. The page is read by libxml2's HTML parser, which like every
 * reader here never touches the network (HTML_PARSE_NONET), and says
 * nothing of the page's mistakes. */

typedef struct {
  const char        *type;
  DossierFeedFormat  format;
} FeedType;

static const FeedType feed_types[] = {
  { "application/rss+xml", DOSSIER_FEED_FORMAT_RSS },
  { "application/atom+xml", DOSSIER_FEED_FORMAT_ATOM },
  { "application/feed+json", DOSSIER_FEED_FORMAT_JSON },
  { "application/json", DOSSIER_FEED_FORMAT_JSON },
};

void
dossier_discovered_feed_free (DossierDiscoveredFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->url);
  g_free (feed->title);
  g_free (feed);
}

static char *
get_attribute (xmlNodePtr  node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *text;

  if (value == NULL)
    return NULL;
  text = g_utf8_make_valid ((const char *) value, -1);
  xmlFree (value);
  return text;
}

/* Whether the space-separated list @rel holds "alternate". */
static gboolean
rel_is_alternate (const char *rel)
{
  g_auto(GStrv) tokens = NULL;

  if (rel == NULL)
    return FALSE;
  tokens = g_strsplit_set (rel, " \t\n\r\f", -1);
  for (guint i = 0; tokens[i]; i++)
    if (g_ascii_strcasecmp (tokens[i], "alternate") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
feed_format (const char        *type,
             DossierFeedFormat *format)
{
  g_autofree char *bare = NULL;

  if (type == NULL)
    return FALSE;
  /* "application/rss+xml; charset=utf-8" */
  bare = g_strstrip (g_strndup (type, strcspn (type, ";")));
  for (guint i = 0; i < G_N_ELEMENTS (feed_types); i++)
    if (g_ascii_strcasecmp (bare, feed_types[i].type) == 0)
      {
        *format = feed_types[i].format;
        return TRUE;
      }
  return FALSE;
}

/* The elements named @name, in document order, at any depth. */
static void
collect (xmlNodePtr  node,
         const char *name,
         GPtrArray  *found,
         guint       depth)
{
  /* libxml2's HTML parser nests at most 256 deep as well */
  if (depth > 512)
    return;
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, name) == 0)
        g_ptr_array_add (found, node);
      collect (node->children, name, found, depth + 1);
    }
}

/**
 * dossier_feed_discover:
 * @html: a web page
 * @content_type: (nullable): its HTTP Content-Type, for its charset
 * @base_url: (nullable): its address, for relative links
 *
 * Returns: (transfer container) (element-type DossierDiscoveredFeed): the
 *   feeds the page links with <link rel="alternate">, with absolute web
 *   addresses, each once, in the page's order; empty when there are none.
 */
GPtrArray *
dossier_feed_discover (GBytes     *html,
                       const char *content_type,
                       const char *base_url)
{
  GPtrArray *feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_discovered_feed_free);
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  g_autoptr(GPtrArray) bases = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) utf8 = NULL;
  g_autofree char *page_base = NULL;
  const char *base = base_url;
  const char *bytes;
  gsize length;
  htmlDocPtr doc;

  g_return_val_if_fail (html != NULL, feeds);

  if (g_bytes_get_size (html) == 0 || g_bytes_get_size (html) > DOSSIER_FEED_MAX_BYTES)
    return feeds;
  utf8 = dossier_feed_decode (html, content_type, DOSSIER_FEED_SYNTAX_HTML, NULL);
  bytes = g_bytes_get_data (utf8, &length);
  if (length == 0 || length > G_MAXINT)
    return feeds;
  dossier_xml_init ();
  doc = htmlReadMemory (bytes, (int) length, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
  if (doc == NULL)
    return feeds;

  /* <base href> first, then the page's own address */
  collect (xmlDocGetRootElement (doc), "base", bases, 0);
  for (guint i = 0; i < bases->len && page_base == NULL; i++)
    {
      g_autofree char *href = get_attribute (bases->pdata[i], "href");

      page_base = dossier_feed_resolve_web (base_url, href);
    }
  if (page_base)
    base = page_base;

  collect (xmlDocGetRootElement (doc), "link", links, 0);
  for (guint i = 0; i < links->len; i++)
    {
      g_autofree char *rel = get_attribute (links->pdata[i], "rel");
      g_autofree char *type = get_attribute (links->pdata[i], "type");
      g_autofree char *href = NULL;
      g_autofree char *title = NULL;
      DossierDiscoveredFeed *feed;
      DossierFeedFormat format;
      char *url;

      if (!rel_is_alternate (rel) || !feed_format (type, &format))
        continue;
      href = get_attribute (links->pdata[i], "href");
      url = dossier_feed_resolve_web (base, href);
      /* WordPress links its REST API as application/json: not a feed */
      if (url == NULL || (format == DOSSIER_FEED_FORMAT_JSON && strstr (url, "/wp-json/")) ||
          g_hash_table_contains (seen, url))
        {
          g_free (url);
          continue;
        }
      g_hash_table_add (seen, g_strdup (url));
      title = get_attribute (links->pdata[i], "title");
      feed = g_new0 (DossierDiscoveredFeed, 1);
      feed->url = url;
      feed->title = dossier_feed_text_id (title, -1, 500);
      feed->format = format;
      g_ptr_array_add (feeds, feed);
    }
  xmlFreeDoc (doc);
  return feeds;
}
