/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "dossier-feed-parser-private.h"

/* Every document becomes UTF-8 before a parser sees it, so that libxml2
 * and json-glib read one encoding only, and what Dossier shows is text
 * whatever came: bytes that are not text in the encoding become U+FFFD,
 * never an error, and never reach a parser raw.
 *
 * Which encoding a document is in, in this order:
 *
 *  1. A byte-order mark (UTF-8, UTF-16, UTF-32) decides: both the XML
 *     specification (appendix F) and RFC 7303 (section 3.2) put it
 *     first, and no server adds one by mistake. Without one, XML that
 *     begins "<\0?\0" or "\0<\0?" is UTF-16.
 *  2. Then the labels: the charset of the HTTP Content-Type, then the
 *     document's own (the XML declaration's encoding, an HTML page's
 *     <meta charset>). RFC 7303 and the HTML specification put the HTTP
 *     charset before the document's own, as does XML's appendix F for
 *     "external information".
 *  3. But two things servers get wrong are put right by the bytes. Many
 *     send a default "charset=utf-8" for every file: a label that says
 *     UTF-8 about bytes that are not gives way to the next label. And
 *     bytes that are valid UTF-8 and not all ASCII are read as UTF-8
 *     whatever a label says: text in windows-1251, KOI8-R and the other
 *     legacy encodings is practically never valid UTF-8 (two letters in a
 *     row are enough to break it), while CMSes that moved to UTF-8 often
 *     kept an old declaration.
 *  4. Without a usable label: UTF-8 (the default of XML and JSON).
 *
 * JSON is UTF-8 by its specification (RFC 8259) and has no declaration;
 * the HTTP charset is heeded only for bytes that are not UTF-8.
 *
 * Encodings by their names on the Web (WHATWG's labels) and in glibc's
 * iconv: windows-1251, KOI8-R, KOI8-U, ISO-8859-5, IBM866, KZ-1048
 * (RK1048) and PTCP154 (PT154) for Russian and Kazakh, windows-1252 and
 * ISO-8859-* for German, and anything else iconv knows. */

typedef struct {
  const char *label;
  const char *iconv_name;
} Alias;

/* Labels iconv does not know, or reads otherwise than browsers do. */
static const Alias aliases[] = {
  { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
  { "us-ascii", "UTF-8" }, { "ascii", "UTF-8" }, { "ansi_x3.4-1968", "UTF-8" },
  /* as browsers do: Latin-1 labels are windows-1252, whose extra
   * characters (“ ” – € …) are what such feeds mean */
  { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
  { "l1", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
  { "x-cp1251", "WINDOWS-1251" }, { "cp1251", "WINDOWS-1251" }, { "win-1251", "WINDOWS-1251" },
  { "x-cp1252", "WINDOWS-1252" },
  { "koi8", "KOI8-R" }, { "koi", "KOI8-R" }, { "koi8_r", "KOI8-R" }, { "cskoi8r", "KOI8-R" },
  { "koi8-ru", "KOI8-U" },
  { "cp866", "IBM866" }, { "866", "IBM866" }, { "csibm866", "IBM866" },
  { "x-mac-cyrillic", "MAC-CYRILLIC" }, { "x-mac-ukrainian", "MAC-CYRILLIC" },
  { "kz-1048", "RK1048" }, { "kz1048", "RK1048" }, { "strk1048-2002", "RK1048" },
  { "rk1048", "RK1048" },
  { "ptcp154", "PT154" }, { "pt154", "PT154" }, { "cp154", "PT154" }, { "csptcp154", "PT154" },
  { "pt-154", "PT154" },
};

static gboolean
is_utf8_name (const char *name)
{
  return g_ascii_strcasecmp (name, "UTF-8") == 0;
}

/* The iconv name for a label from a document or a header, or NULL for
 * one Dossier does not read: UTF-16 and UTF-32 named in a text that could
 * be read as ASCII cannot be true, and UTF-7 is refused as browsers do. */
static char *
encoding_from_label (const char *label,
                     gsize       length)
{
  g_autofree char *name = NULL;

  while (length > 0 && g_ascii_isspace (*label))
    label++, length--;
  while (length > 0 && g_ascii_isspace (label[length - 1]))
    length--;
  if (length == 0 || length > 40)
    return NULL;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (label[i]) && !strchr ("-_.:()", label[i]))
      return NULL;
  name = g_ascii_strdown (label, length);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (aliases[i].label, name) == 0)
      return g_strdup (aliases[i].iconv_name);
  if (g_str_has_prefix (name, "utf-16") || g_str_has_prefix (name, "utf-32") ||
      g_str_has_prefix (name, "ucs-") || g_str_has_prefix (name, "utf-7") ||
      g_str_has_prefix (name, "unicode"))
    return NULL;
  if (strcmp (name, "utf-8") == 0)
    return g_strdup ("UTF-8");
  return g_ascii_strup (name, -1);
}

/**
 * dossier_feed_charset_from_content_type:
 *
 * Returns: (transfer full) (nullable): the charset parameter of an HTTP
 *   Content-Type ("text/xml; charset=windows-1251"), or %NULL.
 */
char *
dossier_feed_charset_from_content_type (const char *content_type)
{
  const char *p;

  if (content_type == NULL)
    return NULL;
  for (p = strchr (content_type, ';'); p != NULL; p = strchr (p + 1, ';'))
    {
      const char *q = p + 1;
      const char *end;

      while (*q == ' ' || *q == '\t')
        q++;
      if (g_ascii_strncasecmp (q, "charset", 7) != 0)
        continue;
      q += 7;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q != '=')
        continue;
      q++;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q == '"' || *q == '\'')
        {
          char quote = *q++;

          end = strchr (q, quote);
          if (end == NULL)
            end = q + strlen (q);
        }
      else
        end = q + strcspn (q, "; \t");
      return end > q ? g_strndup (q, end - q) : NULL;
    }
  return NULL;
}

/* The encoding an XML declaration names: <?xml version="1.0" encoding="…"?> */
static char *
xml_declared_encoding (const char *data,
                       gsize       length)
{
  const char *end;
  const char *p;

  if (length < 6 || memcmp (data, "<?xml", 5) != 0)
    return NULL;
  end = memchr (data, '>', MIN (length, 512));
  if (end == NULL)
    return NULL;
  for (p = data + 5; p + 8 < end; p++)
    if (memcmp (p, "encoding", 8) == 0)
      {
        const char *q = p + 8;
        const char *close;
        char quote;

        while (q < end && g_ascii_isspace (*q))
          q++;
        if (q >= end || *q++ != '=')
          return NULL;
        while (q < end && g_ascii_isspace (*q))
          q++;
        if (q >= end || (*q != '"' && *q != '\''))
          return NULL;
        quote = *q++;
        close = memchr (q, quote, end - q);
        return close ? encoding_from_label (q, close - q) : NULL;
      }
  return NULL;
}

/* The encoding an HTML page names in its first 1024 bytes, as the HTML
 * specification's prescan finds it, simplified: <meta charset="…"> or
 * <meta http-equiv="Content-Type" content="text/html; charset=…">. */
static char *
html_declared_encoding (const char *data,
                        gsize       length)
{
  gsize n = MIN (length, 1024);

  for (gsize i = 0; i + 8 < n; i++)
    {
      const char *p = data + i;
      const char *q;
      gsize left = n - i;

      if (g_ascii_strncasecmp (p, "charset", 7) != 0)
        continue;
      q = p + 7;
      left -= 7;
      while (left > 0 && g_ascii_isspace (*q))
        q++, left--;
      if (left == 0 || *q != '=')
        continue;
      q++, left--;
      while (left > 0 && (g_ascii_isspace (*q) || *q == '"' || *q == '\''))
        q++, left--;
      {
        gsize k = 0;

        while (k < left && (g_ascii_isalnum (q[k]) || strchr ("-_.:", q[k])))
          k++;
        if (k > 0)
          return encoding_from_label (q, k);
      }
    }
  return NULL;
}

/* Converts @length bytes from @encoding to UTF-8, a U+FFFD for each byte
 * iconv cannot read. NULL when iconv does not know @encoding. */
static GString *
convert (const char *data,
         gsize       length,
         const char *encoding,
         gsize       unit)
{
  GIConv cd = g_iconv_open ("UTF-8", encoding);
  GString *out;
  char *in = (char *) data;
  gsize in_left = length;
  char buffer[8192];

  if (cd == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + length / 2 + 16);
  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;
      gsize r = g_iconv (cd, &in, &in_left, &o, &o_left);

      g_string_append_len (out, buffer, o - buffer);
      if (r == (gsize) -1)
        {
          if (errno == E2BIG)
            continue;
          /* EILSEQ: a sequence that is not text; EINVAL: one cut off at
           * the end */
          g_string_append (out, "\xEF\xBF\xBD");
          if (errno == EINVAL)
            break;
          in += MIN (unit, in_left);
          in_left -= MIN (unit, in_left);
          /* start afresh after a broken sequence */
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
  g_iconv_close (cd);
  return out;
}

/* One pass over @data: whether it is valid UTF-8 (RFC 3629: no overlong
 * forms, no surrogates), whether it has characters beyond ASCII, and
 * whether it holds anything clean_controls() would change. ASCII goes
 * eight bytes at a time. */
static gboolean
scan_utf8 (const char *data,
           gsize       length,
           gboolean   *beyond_ascii,
           gboolean   *needs_cleaning)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + length;

  *beyond_ascii = *needs_cleaning = FALSE;
  while (p < end)
    {
      guchar c = *p;

      if (c < 0x80)
        {
          guint64 word;

          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            *needs_cleaning = TRUE;
          p++;
          /* then a run of printable ASCII */
          while (end - p >= 8)
            {
              memcpy (&word, p, 8);
              if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0 ||
                  ((word - G_GUINT64_CONSTANT (0x2020202020202020)) & ~word &
                   G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
                break;
              p += 8;
            }
          continue;
        }
      *beyond_ascii = TRUE;
      if (c >= 0xC2 && c <= 0xDF)
        {
          if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return FALSE;
          p += 2;
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
            return FALSE;
          if (c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            *needs_cleaning = TRUE;
          p += 3;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
              (p[3] & 0xC0) != 0x80 || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
            return FALSE;
          p += 4;
        }
      else
        return FALSE;
    }
  return TRUE;
}

/* What no parser should see, put right in place: C0 controls other than
 * tab and line breaks become spaces (XML 1.0 forbids them, and they are
 * never text), U+FFFE and U+FFFF become U+FFFD. Same length. */
static void
clean_controls (char  *data,
                gsize  length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        data[i] = ' ';
      else if (c == 0xEF && i + 2 < length && (guchar) data[i + 1] == 0xBF &&
               ((guchar) data[i + 2] == 0xBE || (guchar) data[i + 2] == 0xBF))
        data[i + 2] = (char) 0xBD;
    }
}

static GBytes *
finish (GString *text)
{
  clean_controls (text->str, text->len);
  return g_string_free_to_bytes (text);
}

static GBytes *
finish_repaired (const char *data,
                 gsize       length)
{
  char *text = g_utf8_make_valid (data, length);
  gsize n = strlen (text);

  clean_controls (text, n);
  return g_bytes_new_take (text, n);
}

/**
 * dossier_feed_decode:
 * @content_type: (nullable): the HTTP Content-Type, with its charset
 * @encoding: (out) (optional): the encoding it was read in
 *
 * Returns: (transfer full): @data as valid UTF-8 without a byte-order
 *   mark, NUL or C0 controls (but tab and line breaks), whatever it was
 *   written in; see the order at the top of this file. @data itself
 *   when it is that already.
 */
GBytes *
dossier_feed_decode (GBytes             *data,
                     const char         *content_type,
                     DossierFeedSyntax   syntax,
                     char              **encoding)
{
  gsize length;
  const char *bytes = g_bytes_get_data (data, &length);
  const guchar *u = (const guchar *) bytes;
  g_autofree char *charset = NULL;
  g_autofree char *http = NULL;
  g_autofree char *declared = NULL;
  const char *labels[2] = { NULL, NULL };
  const char *chosen = NULL;
  GString *text;
  gboolean valid;
  gboolean beyond;
  gboolean needs_cleaning;

  /* 1. a byte-order mark, or UTF-16 that XML's first characters show */
  {
    const char *bom = NULL;
    gsize skip = 0, unit = 2;

    if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
      bom = "UTF-8", skip = 3;
    else if (length >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
      bom = "UTF-32LE", skip = 4, unit = 4;
    else if (length >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
      bom = "UTF-32BE", skip = 4, unit = 4;
    else if (length >= 2 && u[0] == 0xFF && u[1] == 0xFE)
      bom = "UTF-16LE", skip = 2;
    else if (length >= 2 && u[0] == 0xFE && u[1] == 0xFF)
      bom = "UTF-16BE", skip = 2;
    else if (syntax != DOSSIER_FEED_SYNTAX_JSON && length >= 4 &&
             u[0] == '<' && u[1] == 0 && u[2] != 0 && u[3] == 0)
      bom = "UTF-16LE";
    else if (syntax != DOSSIER_FEED_SYNTAX_JSON && length >= 4 &&
             u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] != 0)
      bom = "UTF-16BE";

    if (bom != NULL)
      {
        if (encoding)
          *encoding = g_strdup (bom);
        if (g_str_equal (bom, "UTF-8"))
          return finish_repaired (bytes + skip, length - skip);
        text = convert (bytes + skip, length - skip, bom, unit);
        return finish (text);
      }
  }

  /* 2. the labels, and 3. what the bytes say of them */
  charset = dossier_feed_charset_from_content_type (content_type);
  if (charset != NULL)
    http = encoding_from_label (charset, strlen (charset));
  if (syntax == DOSSIER_FEED_SYNTAX_XML)
    declared = xml_declared_encoding (bytes, length);
  else if (syntax == DOSSIER_FEED_SYNTAX_HTML)
    declared = html_declared_encoding (bytes, length);
  labels[0] = http;
  labels[1] = declared;

  valid = scan_utf8 (bytes, length, &beyond, &needs_cleaning);
  if (valid && (beyond || syntax == DOSSIER_FEED_SYNTAX_JSON))
    chosen = "UTF-8";
  for (guint i = 0; i < G_N_ELEMENTS (labels) && chosen == NULL; i++)
    {
      if (labels[i] == NULL || (is_utf8_name (labels[i]) && !valid))
        continue;
      chosen = labels[i];
    }
  if (chosen == NULL)
    chosen = "UTF-8";

  if (!is_utf8_name (chosen))
    {
      text = convert (bytes, length, chosen, 1);
      if (text != NULL)
        {
          if (encoding)
            *encoding = g_strdup (chosen);
          return finish (text);
        }
      g_debug ("Unknown encoding “%s”; reading the document as UTF-8", chosen);
    }
  if (encoding)
    *encoding = g_strdup ("UTF-8");
  if (valid && !needs_cleaning)
    return g_bytes_ref (data);
  if (valid)
    return finish (g_string_new_len (bytes, length));
  return finish_repaired (bytes, length);
}
