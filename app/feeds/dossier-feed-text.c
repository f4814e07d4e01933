/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dossier-feed-parser-private.h"
#include "dossier-record.h"

/* Text from feeds, as a person reads it: HTML becomes plain text (tags
 * dropped, entities decoded, blocks on lines of their own, scripts and
 * styles gone), white space is collapsed, control characters never get
 * through, and nothing is longer than the field that keeps it. The input
 * is valid UTF-8 (the parsers decode and repair it first); the output is
 * valid UTF-8 holding no control character but "\n" in content. */

typedef struct {
  GString  *out;
  guint     max_chars;
  guint     n_chars;
  gboolean  one_line;
  gboolean  ellipsis;     /* a cut text ends with "…" */
  gboolean  full;         /* more than max_chars came */
  gboolean  plain;        /* line breaks in the text count (not HTML) */
  gboolean  pre;          /* inside <pre>: line breaks count too */
  guint     breaks;       /* line breaks owed before the next character, 0–2 */
  guint     newlines;     /* line breaks seen in the current run of space */
  gboolean  cr;           /* the last character was "\r" */
  gboolean  space;        /* a space owed before the next character */
} Builder;

/* What windows-1252 has at 0x80–0x9F, where Unicode has C1 controls: HTML
 * reads &#150; as "–", and so does every feed that writes it. 0 where
 * windows-1252 has nothing. */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void
builder_init (Builder             *b,
              DossierFeedTextKind  kind,
              gboolean             plain,
              gsize                size_hint)
{
  memset (b, 0, sizeof *b);
  b->one_line = kind == DOSSIER_FEED_TEXT_LINE;
  b->max_chars = b->one_line ? DOSSIER_TEXT_MAX_LINE : DOSSIER_TEXT_MAX_LONG;
  b->ellipsis = TRUE;
  b->plain = plain;
  b->out = g_string_sized_new (MIN (size_hint, (gsize) b->max_chars * 2) + 1);
}

static inline gboolean
is_collapsible_space (gunichar c)
{
  /* not U+0085: feeds that have it mean windows-1252's "…" */
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x2028 || c == 0x2029;
}

static inline void
builder_break (Builder *b,
               guint    n)
{
  b->breaks = MAX (b->breaks, n);
}

/* One <br>: a second one in a row leaves an empty line. */
static inline void
builder_line_break (Builder *b)
{
  b->breaks = MIN (b->breaks + 1, 2);
}

static void
builder_add (Builder  *b,
             gunichar  c)
{
  if (b->full)
    return;
  if (is_collapsible_space (c))
    {
      gboolean after_cr = b->cr;

      b->cr = c == '\r';
      if ((b->plain || b->pre) && (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029))
        {
          /* "\r\n" is one line break, and so is "\r" alone */
          if (c == '\n' && after_cr)
            return;
          b->newlines++;
          b->breaks = MAX (b->breaks, MIN (b->newlines, 2));
        }
      else
        b->space = TRUE;
      return;
    }
  b->cr = FALSE;
  if (c >= 0x80 && c < 0xA0)
    c = cp1252_c1[c - 0x80];
  if (c < 0x20 || c == 0x7F || c == 0 || c == 0xFEFF)
    return;
  if (c == 0xFFFE || c == 0xFFFF)
    c = 0xFFFD;

  if (b->out->len > 0)
    {
      if (b->breaks > 0 && !b->one_line)
        {
          g_string_append_len (b->out, "\n\n", b->breaks);
          b->n_chars += b->breaks;
        }
      else if (b->breaks > 0 || b->space)
        {
          g_string_append_c (b->out, ' ');
          b->n_chars++;
        }
    }
  b->breaks = 0;
  b->space = FALSE;
  b->newlines = 0;

  if (c < 0x80)
    g_string_append_c (b->out, (char) c);
  else
    g_string_append_unichar (b->out, c);
  if (++b->n_chars > b->max_chars)
    b->full = TRUE;
}

/* Text known to be valid UTF-8. */
static void
builder_add_text (Builder    *b,
                  const char *text,
                  gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p < end && !b->full;)
    {
      guchar byte = *p;

      if (b->out->len > 0 && !b->space && b->breaks == 0)
        {
          /* the common cases: a printable character after another, copied
           * as it is written */
          if (byte > 0x20 && byte < 0x7F)
            {
              g_string_append_c (b->out, byte);
              b->newlines = 0;
              b->cr = FALSE;
              if (++b->n_chars > b->max_chars)
                b->full = TRUE;
              p++;
              continue;
            }
          /* two-byte sequences from U+00A0 (Cyrillic, Latin letters with
           * accents); not U+0080–U+009F */
          if (byte >= 0xC3 && byte <= 0xDF && p + 1 < end)
            {
              g_string_append_c (b->out, p[0]);
              g_string_append_c (b->out, p[1]);
              b->newlines = 0;
              b->cr = FALSE;
              if (++b->n_chars > b->max_chars)
                b->full = TRUE;
              p += 2;
              continue;
            }
        }
      builder_add (b, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
}

static char *
builder_finish (Builder *b)
{
  if (b->full)
    {
      /* cut at a character boundary, and say so */
      const char *cut = g_utf8_offset_to_pointer (b->out->str,
                                                  b->max_chars - (b->ellipsis ? 1 : 0));

      g_string_truncate (b->out, cut - b->out->str);
      while (b->out->len > 0 && (b->out->str[b->out->len - 1] == ' ' ||
                                 b->out->str[b->out->len - 1] == '\n'))
        g_string_truncate (b->out, b->out->len - 1);
      if (b->ellipsis)
        g_string_append (b->out, "…");
    }
  return g_string_free (b->out, FALSE);
}

/* --- plain text --- */

/**
 * dossier_feed_text_from_plain:
 *
 * Returns: (transfer full): @text as one line (@kind LINE: every line
 *   break a space) or as paragraphs (CONTENT: lines kept, empty lines
 *   collapsed to one), white space collapsed, control characters dropped,
 *   cut to the field's length.
 */
char *
dossier_feed_text_from_plain (const char          *text,
                              gssize               length,
                              DossierFeedTextKind  kind)
{
  Builder b;

  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (text);
  builder_init (&b, kind, TRUE, length);
  builder_add_text (&b, text, length);
  return builder_finish (&b);
}

/**
 * dossier_feed_text_id:
 *
 * Returns: (transfer full) (nullable): @text as an identifier: one line,
 *   trimmed, without control characters, cut (without an ellipsis) to
 *   @max_chars; %NULL when nothing is left.
 */
char *
dossier_feed_text_id (const char *text,
                      gssize      length,
                      guint       max_chars)
{
  Builder b;

  if (text == NULL)
    return NULL;
  if (length < 0)
    length = strlen (text);
  builder_init (&b, DOSSIER_FEED_TEXT_LINE, TRUE, length);
  b.max_chars = max_chars;
  b.ellipsis = FALSE;
  builder_add_text (&b, text, length);
  if (b.out->len == 0)
    {
      g_string_free (b.out, TRUE);
      return NULL;
    }
  return builder_finish (&b);
}

/* --- HTML --- */

typedef enum {
  TAG_INLINE,
  TAG_CELL,      /* a table cell: a space */
  TAG_LINE,      /* its own line */
  TAG_BR,        /* a line break; two in a row leave an empty line */
  TAG_BLOCK,     /* a paragraph of its own */
  TAG_PRE,       /* a paragraph whose line breaks count */
  TAG_SKIP,      /* its content is not text: dropped up to its end tag */
} TagKind;

typedef struct {
  const char *name;
  TagKind     kind;
} Tag;

static const Tag tags[] = {
  { "address", TAG_BLOCK }, { "article", TAG_BLOCK }, { "aside", TAG_BLOCK },
  { "blockquote", TAG_BLOCK }, { "body", TAG_BLOCK }, { "br", TAG_BR },
  { "caption", TAG_LINE }, { "center", TAG_BLOCK }, { "dd", TAG_LINE },
  { "details", TAG_BLOCK }, { "dialog", TAG_BLOCK }, { "div", TAG_LINE },
  { "dl", TAG_BLOCK }, { "dt", TAG_LINE }, { "fieldset", TAG_BLOCK },
  { "figcaption", TAG_LINE }, { "figure", TAG_BLOCK }, { "footer", TAG_BLOCK },
  { "form", TAG_BLOCK }, { "h1", TAG_BLOCK }, { "h2", TAG_BLOCK }, { "h3", TAG_BLOCK },
  { "h4", TAG_BLOCK }, { "h5", TAG_BLOCK }, { "h6", TAG_BLOCK }, { "head", TAG_SKIP },
  { "header", TAG_BLOCK }, { "hr", TAG_BLOCK }, { "iframe", TAG_SKIP },
  { "legend", TAG_LINE }, { "li", TAG_LINE }, { "listing", TAG_PRE }, { "main", TAG_BLOCK },
  { "math", TAG_SKIP }, { "nav", TAG_BLOCK }, { "noembed", TAG_SKIP }, { "noframes", TAG_SKIP },
  { "noscript", TAG_SKIP }, { "object", TAG_SKIP }, { "ol", TAG_BLOCK }, { "p", TAG_BLOCK },
  { "plaintext", TAG_PRE }, { "pre", TAG_PRE }, { "script", TAG_SKIP }, { "section", TAG_BLOCK },
  { "select", TAG_SKIP }, { "style", TAG_SKIP }, { "summary", TAG_LINE }, { "svg", TAG_SKIP },
  { "table", TAG_BLOCK }, { "td", TAG_CELL }, { "template", TAG_SKIP }, { "textarea", TAG_SKIP },
  { "th", TAG_CELL }, { "title", TAG_SKIP }, { "tr", TAG_LINE }, { "ul", TAG_BLOCK },
  { "xmp", TAG_PRE },
};

static int
compare_tag (const void *key,
             const void *member)
{
  return strcmp (key, ((const Tag *) member)->name);
}

/* What a tag does to the text; tags[] is sorted for this. */
static TagKind
tag_kind (const char *name)
{
  const Tag *tag;

  /* most tags in feeds are short and inline: a, b, i, em, span */
  if (name[0] == 'a' && name[1] == '\0')
    return TAG_INLINE;
  tag = bsearch (name, tags, G_N_ELEMENTS (tags), sizeof tags[0], compare_tag);
  return tag ? tag->kind : TAG_INLINE;
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Reads a tag name at @p, lower-cased into @name (cut to its size). */
static const char *
read_tag_name (const char *p,
               const char *end,
               char        name[16])
{
  guint n = 0;

  for (; p < end && is_name_char (*p); p++)
    if (n < 15)
      name[n++] = g_ascii_tolower (*p);
  name[n] = '\0';
  return p;
}

/* Past the '>' that closes a tag, skipping quoted attribute values. */
static const char *
skip_tag (const char *p,
          const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return end;
}

/* Where "</name" begins, in any case, or @end. */
static const char *
find_end_tag (const char *p,
              const char *end,
              const char *name)
{
  gsize n = strlen (name);

  for (; p + 2 + n <= end; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, n) == 0 &&
        (p + 2 + n == end || !is_name_char (p[2 + n])))
      return p;
  return end;
}

static const char *
find_string (const char *p,
             const char *end,
             const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (*p == *needle && memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* The character a numeric reference names, as HTML reads it. */
static gunichar
numeric_reference (const char *digits,
                   gsize       length,
                   gboolean    hex)
{
  guint32 value = 0;

  while (length > 1 && *digits == '0')
    {
      digits++;
      length--;
    }
  if (length == 0 || length > (hex ? 6 : 7))
    return 0xFFFD;
  for (gsize i = 0; i < length; i++)
    value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (digits[i])
                                           : g_ascii_digit_value (digits[i]));
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return 0xFFFD;
  return value;
}

/* Decodes the character reference at @p ("&…"): sets *@c and returns
 * where it ends, or returns @p when it is not one. */
static const char *
read_reference (const char *p,
                const char *end,
                gunichar   *c)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = FALSE;
      const char *digits;

      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          hex = TRUE;
          q++;
        }
      digits = q;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        q++;
      if (q == digits)
        return p;
      *c = numeric_reference (digits, q - digits, hex);
      return q < end && *q == ';' ? q + 1 : q;
    }
  else
    {
      const char *name = q;
      static const char * const legacy[] = { "amp", "lt", "gt", "quot", "nbsp", "copy", "reg" };

      while (q < end && g_ascii_isalnum (*q) && q - name < 10)
        q++;
      if (q < end && *q == ';' && (*c = dossier_feed_html_entity (name, q - name)) != 0)
        return q + 1;
      /* a few references work without their ";" in every browser */
      for (guint i = 0; i < G_N_ELEMENTS (legacy); i++)
        {
          gsize n = strlen (legacy[i]);

          if ((gsize) (end - name) >= n && strncmp (name, legacy[i], n) == 0 &&
              (name + n == end || !g_ascii_isalnum (name[n])))
            {
              *c = dossier_feed_html_entity (name, n);
              return name + n;
            }
        }
      return p;
    }
}

static void
builder_tag (Builder    *b,
             TagKind     kind,
             gboolean    is_end)
{
  switch (kind)
    {
    case TAG_CELL:
      b->space = TRUE;
      break;
    case TAG_LINE:
      builder_break (b, 1);
      break;
    case TAG_BR:
      if (!is_end)
        builder_line_break (b);
      break;
    case TAG_PRE:
      b->pre = !is_end;
      builder_break (b, 2);
      break;
    case TAG_BLOCK:
      builder_break (b, 2);
      break;
    case TAG_INLINE:
    case TAG_SKIP:
    default:
      break;
    }
}

static void
builder_add_html (Builder    *b,
                  const char *html,
                  gsize       length)
{
  const char *p = html;
  const char *end = html + length;
  const char *text = p;

  while (p < end && !b->full)
    {
      if (*p != '<' && *p != '&')
        {
          p++;
          continue;
        }
      builder_add_text (b, text, p - text);

      if (*p == '&')
        {
          gunichar c = 0;
          const char *after = read_reference (p, end, &c);

          if (after == p)
            {
              builder_add (b, '&');
              p++;
            }
          else
            {
              builder_add (b, c);
              p = after;
            }
        }
      else if (p + 1 < end && (g_ascii_isalpha (p[1]) ||
                               (p[1] == '/' && p + 2 < end && g_ascii_isalpha (p[2]))))
        {
          gboolean is_end = p[1] == '/';
          char name[16];
          TagKind kind;

          p = read_tag_name (p + (is_end ? 2 : 1), end, name);
          p = skip_tag (p, end);
          kind = tag_kind (name);
          if (kind == TAG_SKIP && !is_end && p[-1] != '>')
            p = end;
          else if (kind == TAG_SKIP && !is_end && !(p - 2 >= html && p[-2] == '/'))
            {
              /* up to its end tag, which is then read as one */
              p = find_end_tag (p, end, name);
            }
          else
            builder_tag (b, kind, is_end);
        }
      else if (p + 3 < end && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = find_string (p + 4, end, "-->");

          p = close ? close + 3 : end;
        }
      else if (p + 8 < end && memcmp (p, "<![CDATA[", 9) == 0)
        {
          const char *close = find_string (p + 9, end, "]]>");

          builder_add_text (b, p + 9, (close ? close : end) - (p + 9));
          p = close ? close + 3 : end;
        }
      else if (p + 1 < end && (p[1] == '!' || p[1] == '?'))
        p = skip_tag (p + 2, end);
      else
        {
          /* a "<" that begins no tag is text */
          builder_add (b, '<');
          p++;
        }
      text = p;
    }
  if (!b->full)
    builder_add_text (b, text, p - text);
}

/**
 * dossier_feed_text_from_html:
 *
 * Returns: (transfer full): the text a browser would show for @html, as
 *   plain text: <p>, headings, lists and the like on lines of their own
 *   (paragraphs separated by an empty line, list items by a line break),
 *   entities decoded, tags, comments, scripts and styles dropped, white
 *   space collapsed; one line for @kind LINE.
 */
char *
dossier_feed_text_from_html (const char          *html,
                             gssize               length,
                             DossierFeedTextKind  kind)
{
  Builder b;

  if (html == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (html);
  builder_init (&b, kind, FALSE, length);
  builder_add_html (&b, html, length);
  return builder_finish (&b);
}

/* Tags a title written in HTML uses. */
static const char * const title_tags[] = {
  "a", "abbr", "b", "big", "br", "cite", "code", "del", "em", "font", "i", "img", "ins",
  "mark", "p", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "wbr",
};

/**
 * dossier_feed_text_looks_like_html:
 *
 * Whether a text a feed gives as plain (an RSS title) holds HTML: a
 * character reference, an end tag or a start tag HTML titles use. "a < b"
 * and "AT&T" are plain text.
 */
gboolean
dossier_feed_text_looks_like_html (const char *text,
                                   gssize      length)
{
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;
  for (const char *p = text; p < end; p++)
    {
      if (*p == '&')
        {
          gunichar c;

          if (read_reference (p, end, &c) != p)
            return TRUE;
        }
      else if (*p == '<' && p + 1 < end)
        {
          char name[16];
          const char *after;

          if (p[1] == '/' && p + 2 < end && g_ascii_isalpha (p[2]))
            return TRUE;
          if (!g_ascii_isalpha (p[1]))
            continue;
          after = read_tag_name (p + 1, end, name);
          if (after < end && *after != '>' && *after != '/' && !g_ascii_isspace (*after))
            continue;
          for (guint i = 0; i < G_N_ELEMENTS (title_tags); i++)
            if (strcmp (title_tags[i], name) == 0)
              return TRUE;
        }
    }
  return FALSE;
}
