/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dossier-feed-error.h"
#include "dossier-feed-parser-private.h"
#include "dossier-links.h"
#include "dossier-record.h"

/* RSS 0.90, 0.91, 0.92, 0.93, 0.94, 1.0 (RDF) and 2.0, and Atom 0.3 and
 * 1.0, with the extensions feeds use for what their core lacks (content:
 * encoded, Dublin Core dates and titles, XHTML bodies, atom:link in RSS),
 * read in one pass over the document (dossier-feed-xml.c) without a tree.
 *
 * Only the direct children of <channel>, <item>, <feed> and <entry> count:
 * an Atom entry's <source> or a Media RSS group has titles and links of its
 * own that are not the entry's. Of two elements giving the same thing
 * (content:encoded and description, title and dc:title) the fuller one is
 * kept; of two of the same rank, the first. */

#define NS_ATOM10   "http://www.w3.org/2005/Atom"
#define NS_ATOM03   "http://purl.org/atom/ns#"
#define NS_RSS10    "http://purl.org/rss/1.0/"
#define NS_RSS090   "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RSS_UL   "http://backend.userland.com/rss2"
#define NS_RSS_HV   "http://blogs.law.harvard.edu/tech/rss"
#define NS_RDF      "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_CONTENT  "http://purl.org/rss/1.0/modules/content/"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS  "http://purl.org/dc/terms/"
#define NS_XHTML    "http://www.w3.org/1999/xhtml"

typedef enum {
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_LINK,
  FIELD_GUID,
  FIELD_PUBLISHED,
  FIELD_UPDATED,
  FIELD_CONTENT,
} Field;

typedef enum {
  MODE_TEXT,
  MODE_HTML,        /* escaped HTML: its text is markup */
  MODE_XHTML,       /* elements inside it are the markup */
  MODE_TEXT_BASE64,
  MODE_HTML_BASE64,
  MODE_SKIP,        /* not text (an image, a video) */
} Mode;

/* The text of an element, kept as it was written until it is known to
 * be needed: of content:encoded and description, only one is shown. */
typedef struct {
  GString  *text;
  Mode      mode;
  gboolean  markup;
} Captured;

#define MAX_RANK 3

typedef struct {
  DossierFeedEntry *entry;
  int               depth;
  char             *guid;
  gboolean          guid_is_permalink;
  char             *about;        /* RSS 1.0: rdf:about */
  char             *link;
  int               link_rank;
  int               title_rank;
  int               published_rank;
  Captured          contents[MAX_RANK + 1];  /* by rank */
} Draft;

typedef struct {
  DossierParsedFeed *feed;
  GHashTable        *seen;
  int                depth;
  gboolean           rdf;
  gboolean           atom03;
  gboolean           saw_channel;
  int                channel_depth;   /* the open <channel>, or <feed> (1); else 0 */
  int                title_rank;
  int                home_rank;
  Draft              draft;
  gboolean           in_entry;
  /* the element whose text is read */
  Field              field;
  int                rank;
  int                capture_depth;
  Mode               mode;
  gboolean           markup;          /* buffer holds HTML */
  gboolean           maybe_html;      /* plain text that may be HTML (RSS titles) */
  char              *capture_base;
  GString           *buffer;
} Parser;

static gboolean
str_equal0 (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && strcmp (a, b) == 0;
}

static gboolean
is_rss_ns (const char *ns)
{
  return ns == NULL || str_equal0 (ns, NS_RSS10) || str_equal0 (ns, NS_RSS090) ||
         str_equal0 (ns, NS_RSS_UL) || str_equal0 (ns, NS_RSS_HV);
}

static gboolean
is_atom_ns (const char *ns)
{
  return str_equal0 (ns, NS_ATOM10) || str_equal0 (ns, NS_ATOM03);
}

static void
draft_clear (Draft *draft)
{
  g_clear_pointer (&draft->entry, dossier_feed_entry_free);
  g_clear_pointer (&draft->guid, g_free);
  g_clear_pointer (&draft->about, g_free);
  g_clear_pointer (&draft->link, g_free);
  for (guint i = 0; i <= MAX_RANK; i++)
    if (draft->contents[i].text)
      g_string_free (draft->contents[i].text, TRUE);
  memset (draft, 0, sizeof *draft);
}

/* --- capture of an element's text --- */

static void
append_escaped (GString    *buffer,
                const char *text,
                gsize       length)
{
  const char *end = text + length;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : NULL;

      if (entity == NULL)
        continue;
      g_string_append_len (buffer, run, p - run);
      g_string_append (buffer, entity);
      run = p + 1;
    }
  g_string_append_len (buffer, run, end - run);
}

static void
begin_capture (Parser           *self,
               DossierXmlReader *reader,
               Field             field,
               int               rank,
               Mode              mode)
{
  self->field = field;
  self->rank = rank;
  self->mode = mode;
  self->capture_depth = self->depth;
  self->markup = mode == MODE_HTML || mode == MODE_XHTML;
  self->maybe_html = FALSE;
  g_free (self->capture_base);
  self->capture_base = g_strdup (dossier_xml_reader_get_base (reader));
  g_string_truncate (self->buffer, 0);
}

/* An element's text as plain text, of @kind. */
static char *
text_of (GString             *buffer,
         Mode                 mode,
         gboolean             markup,
         gboolean             maybe_html,
         DossierFeedTextKind  kind)
{
  const char *text = buffer->str;
  gsize length = buffer->len;
  g_autofree guchar *decoded = NULL;
  g_autofree char *valid = NULL;
  gboolean html = markup;

  if (mode == MODE_TEXT_BASE64 || mode == MODE_HTML_BASE64)
    {
      gsize n;

      decoded = g_base64_decode (buffer->str, &n);
      valid = g_utf8_make_valid ((const char *) decoded, n);
      text = valid;
      length = strlen (valid);
      html = mode == MODE_HTML_BASE64;
    }
  if (!html && maybe_html && dossier_feed_text_looks_like_html (text, length))
    html = TRUE;
  return html ? dossier_feed_text_from_html (text, length, kind)
              : dossier_feed_text_from_plain (text, length, kind);
}

static char *
captured_text (Parser              *self,
               DossierFeedTextKind  kind)
{
  return text_of (self->buffer, self->mode, self->markup, self->maybe_html, kind);
}

static void
replace (char **field,
         char  *value)
{
  g_free (*field);
  *field = value;
}

static void
end_capture (Parser *self)
{
  Draft *draft = &self->draft;
  DossierFeedEntry *entry = draft->entry;
  const char *raw = self->buffer->str;

  switch (self->field)
    {
    case FIELD_TITLE:
      if (entry && self->rank > draft->title_rank)
        {
          replace (&entry->title, captured_text (self, DOSSIER_FEED_TEXT_LINE));
          draft->title_rank = self->rank;
        }
      else if (!entry && self->rank > self->title_rank)
        {
          replace (&self->feed->title, captured_text (self, DOSSIER_FEED_TEXT_LINE));
          self->title_rank = self->rank;
        }
      break;
    case FIELD_LINK:
      if (entry && draft->link_rank < 3)
        {
          char *link = dossier_feed_resolve_link (self->capture_base, raw);

          if (link)
            {
              replace (&draft->link, link);
              draft->link_rank = 3;
            }
        }
      else if (!entry && self->home_rank < 3)
        {
          char *home = dossier_feed_resolve_web (self->capture_base, raw);

          if (home)
            {
              replace (&self->feed->home_page, home);
              self->home_rank = 3;
            }
        }
      break;
    case FIELD_GUID:
      if (entry && draft->guid == NULL)
        draft->guid = dossier_feed_text_id (raw, self->buffer->len, DOSSIER_TEXT_MAX_URL);
      break;
    case FIELD_PUBLISHED:
      if (entry && self->rank > draft->published_rank)
        {
          char *date = dossier_feed_parse_date (raw);

          if (date)
            {
              replace (&entry->published, date);
              draft->published_rank = self->rank;
            }
        }
      break;
    case FIELD_UPDATED:
      if (entry && entry->updated == NULL)
        entry->updated = dossier_feed_parse_date (raw);
      break;
    case FIELD_CONTENT:
      g_assert (self->rank > 0 && self->rank <= MAX_RANK);
      if (entry && draft->contents[self->rank].text == NULL && self->mode != MODE_SKIP)
        {
          Captured *captured = &draft->contents[self->rank];

          captured->text = g_steal_pointer (&self->buffer);
          captured->mode = self->mode;
          captured->markup = self->markup;
          self->buffer = g_string_new (NULL);
        }
      break;
    case FIELD_NONE:
    default:
      break;
    }
  self->field = FIELD_NONE;
  g_string_truncate (self->buffer, 0);
}

/* How an Atom text construct is written: its type (and in Atom 0.3 its
 * mode). */
static Mode
atom_mode (DossierXmlReader  *reader,
           const xmlChar    **attributes,
           int                n_attributes,
           gboolean           atom03)
{
  g_autofree char *type = dossier_xml_attribute (reader, attributes, n_attributes, NULL, "type");
  g_autofree char *mode = dossier_xml_attribute (reader, attributes, n_attributes, NULL, "mode");
  gboolean html;

  if (type)
    g_strstrip (type);
  if (atom03)
    {
      html = type != NULL && strstr (type, "html") != NULL;
      if (str_equal0 (mode, "base64"))
        return html ? MODE_HTML_BASE64 : MODE_TEXT_BASE64;
      if (str_equal0 (mode, "escaped"))
        return html ? MODE_HTML : MODE_TEXT;
      return html ? MODE_XHTML : MODE_TEXT;
    }
  if (type == NULL || *type == '\0' || g_ascii_strcasecmp (type, "text") == 0)
    return MODE_TEXT;
  if (g_ascii_strcasecmp (type, "html") == 0 || g_ascii_strcasecmp (type, "text/html") == 0)
    return MODE_HTML;
  if (g_ascii_strcasecmp (type, "xhtml") == 0 || strstr (type, "xml") != NULL)
    return MODE_XHTML;
  if (g_ascii_strncasecmp (type, "text/", 5) == 0)
    return MODE_TEXT;
  return MODE_SKIP;
}

/* <link rel="alternate" href="…">, of an entry or of the feed */
static void
read_atom_link (Parser            *self,
                DossierXmlReader  *reader,
                const xmlChar    **attributes,
                int                n_attributes)
{
  g_autofree char *rel = dossier_xml_attribute (reader, attributes, n_attributes, NULL, "rel");
  g_autofree char *href = dossier_xml_attribute (reader, attributes, n_attributes, NULL, "href");
  g_autofree char *type = dossier_xml_attribute (reader, attributes, n_attributes, NULL, "type");
  const char *base = dossier_xml_reader_get_base (reader);
  int rank;

  if (href == NULL)
    return;
  if (rel)
    g_strstrip (rel);
  if (rel != NULL && g_ascii_strcasecmp (rel, "self") == 0)
    {
      if (!self->in_entry && self->feed->feed_url == NULL)
        self->feed->feed_url = dossier_feed_resolve_web (base, href);
      return;
    }
  if (rel != NULL && *rel != '\0' && g_ascii_strcasecmp (rel, "alternate") != 0 &&
      strcmp (rel, "http://www.iana.org/assignments/relation/alternate") != 0)
    return;
  /* a page rather than a file to download */
  rank = type == NULL || strstr (type, "html") != NULL ? 2 : 1;
  if (self->in_entry && rank > self->draft.link_rank)
    {
      char *link = dossier_feed_resolve_link (base, href);

      if (link)
        {
          replace (&self->draft.link, link);
          self->draft.link_rank = rank;
        }
    }
  else if (!self->in_entry && rank > self->home_rank)
    {
      char *home = dossier_feed_resolve_web (base, href);

      if (home)
        {
          replace (&self->feed->home_page, home);
          self->home_rank = rank;
        }
    }
}

/* A direct child of <channel>, <feed>, <item> or <entry>. */
static void
start_field (Parser            *self,
             DossierXmlReader  *reader,
             const char        *name,
             const char        *ns,
             const xmlChar    **attributes,
             int                n_attributes)
{
  gboolean rss = self->feed->format == DOSSIER_FEED_FORMAT_RSS && is_rss_ns (ns);
  gboolean atom = is_atom_ns (ns);
  gboolean atom03 = str_equal0 (ns, NS_ATOM03);
  gboolean entry = self->in_entry;

  if (rss && strcmp (name, "title") == 0)
    {
      begin_capture (self, reader, FIELD_TITLE, 2, MODE_TEXT);
      self->maybe_html = TRUE;
    }
  else if (rss && strcmp (name, "link") == 0)
    {
      g_autofree char *href = dossier_xml_attribute (reader, attributes, n_attributes,
                                                     NULL, "href");

      /* <link href="…"/> in RSS, as Atom writes it */
      if (href)
        read_atom_link (self, reader, attributes, n_attributes);
      else
        begin_capture (self, reader, FIELD_LINK, 3, MODE_TEXT);
    }
  else if (atom && strcmp (name, "title") == 0)
    begin_capture (self, reader, FIELD_TITLE, 2,
                   atom_mode (reader, attributes, n_attributes, atom03));
  else if (atom && strcmp (name, "link") == 0)
    read_atom_link (self, reader, attributes, n_attributes);
  else if (str_equal0 (ns, NS_DC) && strcmp (name, "title") == 0)
    {
      begin_capture (self, reader, FIELD_TITLE, 1, MODE_TEXT);
      self->maybe_html = TRUE;
    }
  else if (!entry)
    return;
  else if (rss && strcmp (name, "guid") == 0)
    {
      g_autofree char *permalink = dossier_xml_attribute (reader, attributes, n_attributes,
                                                          NULL, "isPermaLink");

      self->draft.guid_is_permalink = permalink == NULL ||
                                      g_ascii_strcasecmp (g_strstrip (permalink), "false") != 0;
      begin_capture (self, reader, FIELD_GUID, 1, MODE_TEXT);
    }
  else if (atom && strcmp (name, "id") == 0)
    begin_capture (self, reader, FIELD_GUID, 1, MODE_TEXT);
  else if (rss && strcmp (name, "description") == 0)
    begin_capture (self, reader, FIELD_CONTENT, 1, MODE_HTML);
  else if (atom && strcmp (name, "summary") == 0)
    begin_capture (self, reader, FIELD_CONTENT, 1,
                   atom_mode (reader, attributes, n_attributes, atom03));
  else if (atom && strcmp (name, "content") == 0)
    {
      g_autofree char *src = dossier_xml_attribute (reader, attributes, n_attributes, NULL, "src");

      begin_capture (self, reader, FIELD_CONTENT, 2,
                     src ? MODE_SKIP : atom_mode (reader, attributes, n_attributes, atom03));
    }
  else if (str_equal0 (ns, NS_CONTENT) && strcmp (name, "encoded") == 0)
    begin_capture (self, reader, FIELD_CONTENT, 2, MODE_HTML);
  else if (str_equal0 (ns, NS_XHTML) && strcmp (name, "body") == 0)
    begin_capture (self, reader, FIELD_CONTENT, 3, MODE_XHTML);
  else if ((rss && strcmp (name, "pubDate") == 0) ||
           (atom && (strcmp (name, "published") == 0 || strcmp (name, "issued") == 0)))
    begin_capture (self, reader, FIELD_PUBLISHED, 2, MODE_TEXT);
  else if ((str_equal0 (ns, NS_DC) && strcmp (name, "date") == 0) ||
           (str_equal0 (ns, NS_DCTERMS) &&
            (strcmp (name, "issued") == 0 || strcmp (name, "created") == 0)) ||
           (atom && strcmp (name, "created") == 0))
    begin_capture (self, reader, FIELD_PUBLISHED, 1, MODE_TEXT);
  else if ((atom && (strcmp (name, "updated") == 0 || strcmp (name, "modified") == 0)) ||
           (str_equal0 (ns, NS_DCTERMS) && strcmp (name, "modified") == 0))
    begin_capture (self, reader, FIELD_UPDATED, 1, MODE_TEXT);
}

static void
stop_not_a_feed (DossierXmlReader *reader,
                 const char       *root)
{
  GError *error;

  if (g_ascii_strcasecmp (root, "html") == 0)
    error = g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                                 _("This is a web page, not a feed. The page may link to its "
                                   "feed: give Dossier the page’s address to look for it."));
  else
    {
      g_autofree char *shown = dossier_feed_text_id (root, -1, 40);

      error = g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           /* Translators: %s is the name of an XML element, such as “html” or
                            * “svg”; keep RSS, Atom and RDF as they are */
                           _("This is an XML document, but not a feed: it begins with “%s” where "
                             "a feed begins with RSS, Atom or RDF."),
                           shown ? shown : "?");
    }
  dossier_xml_reader_stop (reader, error);
}

static void
on_start_element_cb (DossierXmlReader  *reader,
                     const char        *name,
                     const char        *ns,
                     const xmlChar    **attributes,
                     int                n_attributes,
                     gpointer           user_data)
{
  Parser *self = user_data;
  DossierParsedFeed *feed = self->feed;

  self->depth++;
  if (self->depth == 1)
    {
      if (strcmp (name, "rss") == 0)
        feed->format = DOSSIER_FEED_FORMAT_RSS;
      else if (strcmp (name, "RDF") == 0 && str_equal0 (ns, NS_RDF))
        {
          feed->format = DOSSIER_FEED_FORMAT_RSS;
          self->rdf = TRUE;
        }
      else if (strcmp (name, "feed") == 0 && (ns == NULL || is_atom_ns (ns)))
        {
          feed->format = DOSSIER_FEED_FORMAT_ATOM;
          self->atom03 = str_equal0 (ns, NS_ATOM03);
          self->channel_depth = 1;
        }
      else
        stop_not_a_feed (reader, name);
      return;
    }

  if (self->field != FIELD_NONE)
    {
      /* an element inside the text: markup, whatever the feed said */
      if (self->mode == MODE_SKIP || (self->field != FIELD_CONTENT && self->field != FIELD_TITLE))
        return;
      if (!self->markup)
        {
          g_autofree char *text = g_strndup (self->buffer->str, self->buffer->len);

          g_string_truncate (self->buffer, 0);
          if (self->mode == MODE_HTML || self->mode == MODE_HTML_BASE64)
            g_string_append (self->buffer, text);
          else
            append_escaped (self->buffer, text, strlen (text));
          self->markup = TRUE;
        }
      g_string_append_printf (self->buffer, "<%s>", name);
      return;
    }

  if (self->in_entry)
    {
      if (self->depth == self->draft.depth + 1)
        start_field (self, reader, name, ns, attributes, n_attributes);
      return;
    }

  if ((feed->format == DOSSIER_FEED_FORMAT_RSS && strcmp (name, "item") == 0 && is_rss_ns (ns) &&
       (self->depth == 2 || self->depth == self->channel_depth + 1)) ||
      (feed->format == DOSSIER_FEED_FORMAT_ATOM && strcmp (name, "entry") == 0 && self->depth == 2))
    {
      if (feed->entries->len >= DOSSIER_FEED_MAX_ENTRIES)
        {
          dossier_xml_reader_stop (reader,
              g_error_new (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE,
                           /* Translators: %u is a number of entries */
                           _("The feed has more than %u entries, more than Dossier reads."),
                           DOSSIER_FEED_MAX_ENTRIES));
          return;
        }
      self->in_entry = TRUE;
      self->draft.entry = g_new0 (DossierFeedEntry, 1);
      self->draft.depth = self->depth;
      self->draft.about = dossier_xml_attribute (reader, attributes, n_attributes, NS_RDF, "about");
      self->saw_channel = TRUE;
      return;
    }

  if (feed->format == DOSSIER_FEED_FORMAT_RSS && strcmp (name, "channel") == 0 &&
      is_rss_ns (ns) && self->depth == 2)
    {
      self->channel_depth = self->depth;
      self->saw_channel = TRUE;
      return;
    }

  if (self->channel_depth > 0 && self->depth == self->channel_depth + 1)
    start_field (self, reader, name, ns, attributes, n_attributes);
}

static void
finish_entry (Parser *self)
{
  Draft *draft = &self->draft;
  DossierFeedEntry *entry = g_steal_pointer (&draft->entry);
  const char *guid = draft->guid ? draft->guid : draft->about;

  entry->link = g_steal_pointer (&draft->link);
  /* an RSS guid that is a permalink is the entry's address */
  if (entry->link == NULL && draft->guid && draft->guid_is_permalink &&
      dossier_web_address_is_valid (draft->guid))
    entry->link = dossier_feed_resolve_link (NULL, draft->guid);
  if (entry->title == NULL)
    entry->title = g_strdup ("");
  /* the fullest text; an empty <content:encoded/> does not hide the
   * description */
  for (int rank = MAX_RANK; rank > 0 && entry->content == NULL; rank--)
    {
      Captured *captured = &draft->contents[rank];

      if (captured->text != NULL)
        {
          entry->content = text_of (captured->text, captured->mode, captured->markup, FALSE,
                                    DOSSIER_FEED_TEXT_CONTENT);
          if (*entry->content == '\0')
            g_clear_pointer (&entry->content, g_free);
        }
    }
  if (entry->content == NULL)
    entry->content = g_strdup ("");
  dossier_feed_entry_set_identity (entry, guid);
  dossier_parsed_feed_add_entry (self->feed, self->seen, entry);
  draft_clear (draft);
  self->in_entry = FALSE;
}

static void
on_end_element_cb (DossierXmlReader *reader,
                   const char       *name,
                   const char       *ns,
                   gpointer          user_data)
{
  Parser *self = user_data;

  if (self->field != FIELD_NONE)
    {
      if (self->depth == self->capture_depth)
        end_capture (self);
      else if (self->markup && self->mode != MODE_SKIP)
        g_string_append_printf (self->buffer, "</%s>", name);
    }
  else if (self->in_entry && self->depth == self->draft.depth)
    finish_entry (self);
  else if (self->depth == self->channel_depth && self->feed->format == DOSSIER_FEED_FORMAT_RSS)
    self->channel_depth = 0;
  self->depth--;
}

static void
on_text_cb (DossierXmlReader *reader,
            const char       *text,
            gsize             length,
            gpointer          user_data)
{
  Parser *self = user_data;

  if (self->field == FIELD_NONE || self->mode == MODE_SKIP)
    return;
  /* a text is never longer than the document it is in */
  if (self->markup && self->mode != MODE_HTML && self->mode != MODE_HTML_BASE64)
    append_escaped (self->buffer, text, length);
  else
    g_string_append_len (self->buffer, text, length);
}

static const DossierXmlHandler handler = {
  on_start_element_cb,
  on_end_element_cb,
  on_text_cb,
};

/* The document as RSS or Atom; @data is UTF-8 (dossier_feed_decode()). */
DossierParsedFeed *
dossier_feed_parse_xml (const char  *data,
                        gsize        length,
                        const char  *base_url,
                        GError     **error)
{
  g_autoptr(DossierParsedFeed) feed = dossier_parsed_feed_new (DOSSIER_FEED_FORMAT_RSS);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(DossierXmlResult) result = { 0 };
  Parser self = { 0 };
  gboolean ok;

  self.feed = feed;
  self.seen = seen;
  self.buffer = g_string_new (NULL);
  ok = dossier_xml_parse (data, length, base_url, &handler, &self, &result, error);
  draft_clear (&self.draft);
  g_string_free (self.buffer, TRUE);
  g_free (self.capture_base);
  if (!ok)
    return NULL;

  if (!result.saw_root)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                   /* Translators: %d is a line number; %s what the XML reader found
                    * wrong, in English */
                   _("The feed is not valid XML: it is broken at line %d (%s)."),
                   result.error_line,
                   result.error_message ? g_strchomp (result.error_message) : "");
      return NULL;
    }
  if (!result.root_closed || result.ended_early)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                   /* Translators: %d is a line number */
                   _("The feed ends early, as if it had been cut off while being downloaded "
                     "(it stops at line %d). Try again later."),
                   result.error_line);
      return NULL;
    }
  if (self.rdf && !self.saw_channel)
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           _("This is an RDF document, but not an RSS feed: it has no channel "
                             "and no items."));
      return NULL;
    }
  if (feed->title == NULL)
    feed->title = g_strdup ("");
  return g_steal_pointer (&feed);
}
