/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dossier-feed-error.h"
#include "dossier-feed-parser-private.h"
#include "dossier-opml.h"
#include "dossier-record.h"

/* OPML subscription lists in and out. Reading: every <outline> with an
 * xmlUrl (or of type "rss") at any depth, folders flattened, each feed
 * once, with the same safe XML reader as feeds. Writing: OPML 2.0 as other
 * readers import it, every text escaped. */

DossierOpmlOutline *
dossier_opml_outline_new (const char *xml_url,
                          const char *title,
                          const char *html_url)
{
  DossierOpmlOutline *outline = g_new0 (DossierOpmlOutline, 1);

  outline->xml_url = g_strdup (xml_url);
  outline->title = g_strdup (title);
  outline->html_url = g_strdup (html_url);
  return outline;
}

void
dossier_opml_outline_free (DossierOpmlOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->xml_url);
  g_free (outline->title);
  g_free (outline->html_url);
  g_free (outline);
}

typedef struct {
  GPtrArray  *outlines;
  GHashTable *seen;
  int         depth;
} Reader;

/* An attribute by its name as OPML writes it, or in lower case as some
 * exporters do. */
static char *
attribute (DossierXmlReader  *reader,
           const xmlChar    **attributes,
           int                n_attributes,
           const char        *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  char *value = dossier_xml_attribute (reader, attributes, n_attributes, NULL, name);

  if (value == NULL && strcmp (lower, name) != 0)
    value = dossier_xml_attribute (reader, attributes, n_attributes, NULL, lower);
  return value;
}

/* "feed://host/path" and "feed:https://…", which some sites write */
static char *
feed_address (const char *base,
              const char *url)
{
  g_autofree char *http = NULL;

  if (url == NULL)
    return NULL;
  while (g_ascii_isspace (*url))
    url++;
  if (g_ascii_strncasecmp (url, "feed:", 5) == 0)
    {
      http = g_ascii_strncasecmp (url + 5, "//", 2) == 0 ? g_strconcat ("http:", url + 5, NULL)
                                                          : g_strdup (url + 5);
      url = http;
    }
  return dossier_feed_resolve_web (base, url);
}

static void
on_start_element_cb (DossierXmlReader  *reader,
                     const char        *name,
                     const char        *ns,
                     const xmlChar    **attributes,
                     int                n_attributes,
                     gpointer           user_data)
{
  Reader *self = user_data;
  g_autofree char *xml_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *html_url = NULL;
  DossierOpmlOutline *outline;

  if (++self->depth == 1)
    {
      if (strcmp (name, "opml") != 0)
        dossier_xml_reader_stop (reader,
            g_error_new_literal (DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                                 _("This is not a list of subscriptions in OPML: it does not "
                                   "begin with <opml>.")));
      return;
    }
  if (strcmp (name, "outline") != 0)
    return;

  xml_url = attribute (reader, attributes, n_attributes, "xmlUrl");
  url = feed_address (dossier_xml_reader_get_base (reader), xml_url);
  if (url == NULL)
    {
      if (xml_url != NULL)
        g_debug ("Outline with an xmlUrl that is not a web address skipped");
      return;
    }
  if (g_hash_table_contains (self->seen, url))
    return;

  title = attribute (reader, attributes, n_attributes, "title");
  if (dossier_text_is_blank (title))
    {
      g_free (title);
      title = attribute (reader, attributes, n_attributes, "text");
    }
  html_url = attribute (reader, attributes, n_attributes, "htmlUrl");

  outline = g_new0 (DossierOpmlOutline, 1);
  outline->xml_url = g_steal_pointer (&url);
  outline->title = dossier_feed_text_from_plain (title, -1, DOSSIER_FEED_TEXT_LINE);
  outline->html_url = dossier_feed_resolve_web (dossier_xml_reader_get_base (reader), html_url);
  g_ptr_array_add (self->outlines, outline);
  g_hash_table_add (self->seen, outline->xml_url);
}

static void
on_end_element_cb (DossierXmlReader *reader,
                   const char       *name,
                   const char       *ns,
                   gpointer          user_data)
{
  Reader *self = user_data;

  self->depth--;
}

static void
on_text_cb (DossierXmlReader *reader,
            const char       *text,
            gsize             length,
            gpointer          user_data)
{
}

static const DossierXmlHandler handler = {
  on_start_element_cb,
  on_end_element_cb,
  on_text_cb,
};

/**
 * dossier_opml_parse:
 *
 * Returns: (transfer container) (element-type DossierOpmlOutline): the
 *   feeds an OPML file lists, in its order, each once; an empty array for
 *   a list without feeds.
 */
GPtrArray *
dossier_opml_parse (GBytes  *data,
                    GError **error)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GBytes) utf8 = NULL;
  g_auto(DossierXmlResult) result = { 0 };
  Reader self = { 0 };
  const char *bytes;
  gsize length;

  g_return_val_if_fail (data != NULL, NULL);

  if (g_bytes_get_size (data) > DOSSIER_FEED_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (DOSSIER_FEED_MAX_BYTES);

      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “16.0 MB” */
                   _("The subscription list is larger than %s, the most Dossier reads."), limit);
      return NULL;
    }
  utf8 = dossier_feed_decode (data, NULL, DOSSIER_FEED_SYNTAX_XML, NULL);
  bytes = g_bytes_get_data (utf8, &length);

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_opml_outline_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  self.outlines = outlines;
  self.seen = seen;
  if (!dossier_xml_parse (bytes, length, NULL, &handler, &self, &result, error))
    return NULL;
  if (!result.saw_root)
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                           _("This is not a list of subscriptions in OPML: it is empty or not "
                             "XML."));
      return NULL;
    }
  if (!result.root_closed || result.ended_early)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_MALFORMED,
                   /* Translators: %d is a line number */
                   _("The subscription list ends early, as if it had been cut off (it stops "
                     "at line %d)."), result.error_line);
      return NULL;
    }
  return g_steal_pointer (&outlines);
}

/* @text in an XML attribute value: markup escaped, line breaks and tabs as
 * references (an attribute would turn them into spaces), control
 * characters dropped. */
static void
append_attribute (GString    *out,
                  const char *name,
                  const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  valid = g_utf8_make_valid (text, -1);
  g_string_append_printf (out, " %s=\"", name);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        default:
          if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xFFFE && c != 0xFFFF)
            g_string_append_unichar (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *line = dossier_feed_text_from_plain (text, -1, DOSSIER_FEED_TEXT_LINE);
  g_autofree char *escaped = g_markup_escape_text (line, -1);

  g_string_append (out, escaped);
}

/* RFC 822, in English whatever the locale, as OPML wants it */
static char *
rfc822_now (void)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_strdup_printf ("%s, %02d %s %d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now),
                          months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now), g_date_time_get_hour (now),
                          g_date_time_get_minute (now), g_date_time_get_second (now));
}

/**
 * dossier_opml_write:
 * @title: (nullable): the list's title
 * @outlines: (element-type DossierOpmlOutline): the feeds
 *
 * Returns: (transfer full): an OPML 2.0 document listing @outlines.
 */
char *
dossier_opml_write (const char *title,
                    GPtrArray  *outlines)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<opml version=\"2.0\">\n"
                               "  <head>\n"
                               "    <title>");
  g_autofree char *date = rfc822_now ();

  g_return_val_if_fail (outlines != NULL, NULL);

  append_text (out, title ? title : "Dossier");
  g_string_append_printf (out, "</title>\n"
                               "    <dateCreated>%s</dateCreated>\n"
                               "    <docs>http://opml.org/spec2.opml</docs>\n"
                               "  </head>\n"
                               "  <body>\n", date);
  for (guint i = 0; i < outlines->len; i++)
    {
      DossierOpmlOutline *outline = g_ptr_array_index (outlines, i);
      const char *text = dossier_text_is_blank (outline->title) ? outline->xml_url : outline->title;

      if (outline->xml_url == NULL)
        continue;
      g_string_append (out, "    <outline type=\"rss\"");
      append_attribute (out, "text", text);
      append_attribute (out, "title", text);
      append_attribute (out, "xmlUrl", outline->xml_url);
      append_attribute (out, "htmlUrl", outline->html_url);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </body>\n"
                        "</opml>\n");
  return g_string_free (out, FALSE);
}
