/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dossier-json-bounds.h"

/* One pass over the bytes of a JSON document (RFC 8259), with an explicit
 * stack instead of recursion, that allocates nothing but that stack: its
 * cost is the document's length, whatever the document holds. It checks
 * everything a parser would, and what a parser lets through: how deep,
 * how long and how many, that every byte is UTF-8, that no escape makes a
 * NUL or half a surrogate pair, and that every whole number fits in 64
 * bits. A document that passes can be handed to json-glib safely. */

G_DEFINE_QUARK (dossier-json-error-quark, dossier_json_error)

typedef struct {
  const guchar            *data;
  gsize                    length;
  gsize                    pos;
  const DossierJsonBounds *bounds;
  guint                    values;
  /* the split array */
  gboolean                 split_seen;
  guint                    split_depth;    /* stack depth inside it, or 0 */
  gsize                    element_start;
  guint                    element_values; /* values when the element began */
  guint                    n_elements;
  DossierJsonSpan         *split_array;
  GArray                  *elements;
} Scanner;

/* Where @offset is, as a person counts: lines and characters from 1. */
static void
locate (const Scanner *s,
        gsize          offset,
        guint         *line,
        guint         *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset && i < s->length; i++)
    if (s->data[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  *column = 1;
  for (gsize i = line_start; i < offset && i < s->length; i++)
    /* a character starts at every byte that is not a continuation byte */
    if ((s->data[i] & 0xC0) != 0x80)
      (*column)++;
}

static gboolean
fail_at (const Scanner  *s,
         gsize           offset,
         GError        **error,
         int             code,
         const char     *what)
{
  guint line, column;

  locate (s, offset, &line, &column);
  /* Translators: %s says what is wrong with a JSON file (a sentence of its
   * own, without a full stop); the numbers say where it is */
  g_set_error (error, DOSSIER_JSON_ERROR, code, _("%s (line %u, column %u)."), what, line, column);
  return FALSE;
}

/* The same, for a message built for the occasion: takes @what. */
static gboolean
fail_take (const Scanner  *s,
           gsize           offset,
           GError        **error,
           int             code,
           char           *what)
{
  fail_at (s, offset, error, code, what);
  g_free (what);
  return FALSE;
}

static gboolean
fail_syntax (const Scanner  *s,
             GError        **error)
{
  if (s->pos >= s->length)
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TRUNCATED,
                           _("The file ends too early, as if it had been cut off while being "
                             "downloaded or saved."));
      return FALSE;
    }
  return fail_at (s, s->pos, error, DOSSIER_JSON_ERROR_SYNTAX,
                    _("The file is not valid JSON: something else was expected here"));
}

static void
skip_space (Scanner *s)
{
  while (s->pos < s->length)
    {
      guchar c = s->data[s->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        return;
      s->pos++;
    }
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u" at @p, or -1. */
static int
read_hex4 (const Scanner *s,
           gsize          p)
{
  int value = 0;

  if (p + 4 > s->length)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (s->data[p + i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Scans the string starting at the opening quote. When @decoded is given,
 * the string's text is appended to it (for member names only: short). */
static gboolean
scan_string (Scanner  *s,
             GString  *decoded,
             GError  **error)
{
  gsize start = s->pos;

  g_assert (s->data[s->pos] == '"');
  s->pos++;
  while (s->pos < s->length)
    {
      guchar c = s->data[s->pos];

      if (s->bounds->max_string_bytes > 0 && s->pos - start - 1 > s->bounds->max_string_bytes)
        {
          g_autofree char *limit = g_format_size (s->bounds->max_string_bytes);

          return fail_take (s, start, error, DOSSIER_JSON_ERROR_STRING_TOO_LONG,
                            /* Translators: %s is a size such as “1.0 MB” */
                            g_strdup_printf (_("The file has a text longer than %s"), limit));
        }

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c == '\\')
        {
          gsize escape = s->pos;
          guchar next;

          if (s->pos + 1 >= s->length)
            break;
          next = s->data[s->pos + 1];
          if (next == 'u')
            {
              int unit = read_hex4 (s, s->pos + 2);
              gunichar ch;

              if (unit < 0)
                {
                  s->pos = escape;
                  if (escape + 6 > s->length)
                    break;
                  return fail_at (s, escape, error, DOSSIER_JSON_ERROR_SYNTAX,
                                    _("The file is not valid JSON: “\\u” must be followed by four hexadecimal digits"));
                }
              s->pos += 6;
              if (unit == 0)
                return fail_at (s, escape, error, DOSSIER_JSON_ERROR_BAD_TEXT,
                                  _("The file holds a “\\u0000” escape, a character that would cut the text short"));
              if (unit >= 0xDC00 && unit <= 0xDFFF)
                return fail_at (s, escape, error, DOSSIER_JSON_ERROR_BAD_TEXT,
                                  _("The file holds half a character: a “\\uDC00”–“\\uDFFF” escape without the “\\uD800”–“\\uDBFF” before it"));
              if (unit >= 0xD800 && unit <= 0xDBFF)
                {
                  int low = -1;

                  if (s->pos + 6 <= s->length && s->data[s->pos] == '\\' && s->data[s->pos + 1] == 'u')
                    low = read_hex4 (s, s->pos + 2);
                  if (low < 0xDC00 || low > 0xDFFF)
                    return fail_at (s, escape, error, DOSSIER_JSON_ERROR_BAD_TEXT,
                                      _("The file holds half a character: a “\\uD800”–“\\uDBFF” escape without the “\\uDC00”–“\\uDFFF” after it"));
                  s->pos += 6;
                  ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                }
              else
                ch = unit;
              if (decoded)
                g_string_append_unichar (decoded, ch);
              continue;
            }
          switch (next)
            {
            case '"': case '\\': case '/':
              if (decoded)
                g_string_append_c (decoded, next);
              break;
            case 'b': case 'f': case 'n': case 'r': case 't':
              if (decoded)
                g_string_append_c (decoded, next == 'b' ? '\b' : next == 'f' ? '\f' :
                                            next == 'n' ? '\n' : next == 'r' ? '\r' : '\t');
              break;
            default:
              return fail_at (s, escape, error, DOSSIER_JSON_ERROR_SYNTAX,
                                _("The file is not valid JSON: an unknown escape after “\\”"));
            }
          s->pos += 2;
          continue;
        }
      if (c < 0x20)
        return fail_at (s, s->pos, error, DOSSIER_JSON_ERROR_SYNTAX,
                          _("The file is not valid JSON: a control character inside a text must be written as an escape"));
      if (c < 0x80)
        {
          if (decoded)
            g_string_append_c (decoded, c);
          s->pos++;
          continue;
        }
      {
        gunichar ch = g_utf8_get_char_validated ((const char *) s->data + s->pos,
                                                 MIN (s->length - s->pos, 4));
        guint n;

        if (ch == (gunichar) -2 && s->length - s->pos < 4)
          break;  /* cut inside a character: the file ends early */
        if (ch == (gunichar) -1 || ch == (gunichar) -2)
          return fail_at (s, s->pos, error, DOSSIER_JSON_ERROR_NOT_UTF8,
                            _("The file is not text in UTF-8"));
        n = ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
        if (decoded)
          g_string_append_len (decoded, (const char *) s->data + s->pos, n);
        s->pos += n;
      }
    }
  s->pos = s->length;
  return fail_syntax (s, error);
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  gsize start = s->pos;
  gboolean whole = TRUE;
  char buffer[64];
  gsize n;

  if (s->data[s->pos] == '-')
    s->pos++;
  if (s->pos < s->length && s->data[s->pos] == '0')
    s->pos++;
  else if (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
    while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
      s->pos++;
  else
    return fail_syntax (s, error);
  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      whole = FALSE;
      s->pos++;
      if (s->pos >= s->length || !g_ascii_isdigit (s->data[s->pos]))
        return fail_syntax (s, error);
      while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
        s->pos++;
    }
  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      whole = FALSE;
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (s->pos >= s->length || !g_ascii_isdigit (s->data[s->pos]))
        return fail_syntax (s, error);
      while (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
        s->pos++;
    }

  n = s->pos - start;
  if (n >= sizeof buffer)
    goto out_of_range;
  memcpy (buffer, s->data + start, n);
  buffer[n] = '\0';
  if (whole)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (buffer, 10, G_MININT64, G_MAXINT64, &value, NULL))
        goto out_of_range;
    }
  else if (!isfinite (g_ascii_strtod (buffer, NULL)))
    goto out_of_range;
  return TRUE;

out_of_range:
  return fail_at (s, start, error, DOSSIER_JSON_ERROR_BAD_NUMBER,
                    _("The file has a number too large to be read exactly"));
}

static gboolean
scan_literal (Scanner  *s,
              GError  **error)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (s->data[s->pos] != (guchar) literals[i][0])
        continue;
      if (s->pos + n > s->length)
        {
          if (memcmp (s->data + s->pos, literals[i], s->length - s->pos) == 0)
            {
              s->pos = s->length;
              return fail_syntax (s, error);
            }
          return fail_syntax (s, error);
        }
      if (memcmp (s->data + s->pos, literals[i], n) != 0)
        return fail_syntax (s, error);
      s->pos += n;
      return TRUE;
    }
  return fail_syntax (s, error);
}

static gboolean
count_value (Scanner  *s,
             GError  **error)
{
  const DossierJsonBounds *b = s->bounds;

  s->values++;
  if (b->max_values > 0 && s->values > b->max_values)
    return fail_take (s, s->pos, error, DOSSIER_JSON_ERROR_TOO_MANY,
                      /* Translators: %u is a number of values (texts, numbers, lists…) */
                      g_strdup_printf (_("The file holds more than %u values"), b->max_values));
  if (s->split_depth > 0 && b->max_element_values > 0 &&
      s->values - s->element_values > b->max_element_values)
    return fail_take (s, s->pos, error, DOSSIER_JSON_ERROR_TOO_MANY,
                      /* Translators: the first %u is an item's position in the file, counted
                       * from 1; the second a number of values (texts, numbers, lists…) */
                      g_strdup_printf (_("Item %u holds more than %u values"),
                                       s->n_elements + 1, b->max_element_values));
  return TRUE;
}

/* A value of the split array is about to begin at s->pos. */
static gboolean
begin_element (Scanner  *s,
               GError  **error)
{
  const DossierJsonBounds *b = s->bounds;
  if (b->max_elements > 0 && s->n_elements >= b->max_elements)
    return fail_take (s, s->pos, error, DOSSIER_JSON_ERROR_TOO_MANY,
                      /* Translators: %s is a member of the file such as “items”; %u a number */
                      g_strdup_printf (_("The file’s “%s” has more than %u entries"),
                                       b->split_member, b->max_elements));
  s->element_start = s->pos;
  s->element_values = s->values;
  return TRUE;
}

static gboolean
end_element (Scanner  *s,
             GError  **error)
{
  const DossierJsonBounds *b = s->bounds;
  DossierJsonSpan span = { s->element_start, s->pos - s->element_start };

  if (b->max_element_bytes > 0 && span.length > b->max_element_bytes)
    {
      g_autofree char *limit = g_format_size (b->max_element_bytes);

      return fail_take (s, s->element_start, error, DOSSIER_JSON_ERROR_TOO_MANY,
                        /* Translators: %u is an item's position in the file, counted from 1;
                         * %s a size such as “4.0 MB” */
                        g_strdup_printf (_("Item %u is larger than %s"),
                                         s->n_elements + 1, limit));
    }
  s->n_elements++;
  if (s->elements)
    g_array_append_val (s->elements, span);
  return TRUE;
}

/**
 * dossier_json_check:
 * @bounds: the limits; a 0 means no limit (but max_depth must be set)
 * @split_array: (out) (optional): where the array of @bounds->split_member is
 * @elements: (element-type DossierJsonSpan) (nullable): receives the span of
 *   each element of that array, in order
 *
 * Checks that @data is one JSON value within @bounds. The error says what is
 * wrong and where, in words a person can act on.
 *
 * Returns: %TRUE when the document is within bounds.
 */
gboolean
dossier_json_check (const char               *data,
                    gsize                     length,
                    const DossierJsonBounds  *bounds,
                    DossierJsonSpan          *split_array,
                    GArray                   *elements,
                    GError                  **error)
{
  g_autofree guchar *stack = NULL;
  g_autoptr(GString) key = NULL;
  guint depth = 0;
  gboolean key_is_split = FALSE;
  Scanner s = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (bounds != NULL && bounds->max_depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bounds->max_bytes > 0 && length > bounds->max_bytes)
    {
      g_autofree char *limit = g_format_size (bounds->max_bytes);

      g_set_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “32.0 MB” */
                   _("The file is larger than %s, the most Dossier reads."), limit);
      return FALSE;
    }

  s.data = (const guchar *) data;
  s.length = length;
  s.bounds = bounds;
  s.split_array = split_array;
  s.elements = elements;
  if (split_array)
    *split_array = (DossierJsonSpan) { 0, 0 };
  stack = g_malloc (bounds->max_depth + 1);
  if (bounds->split_member)
    key = g_string_new (NULL);

  /* a byte-order mark is not JSON, but editors write one */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    s.pos = 3;
  skip_space (&s);
  if (s.pos >= s.length)
    {
      g_set_error_literal (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }

  for (;;)
    {
      /* a value begins here */
      skip_space (&s);
      if (s.pos >= s.length)
        return fail_syntax (&s, error);
      if (s.split_depth > 0 && depth == s.split_depth && !begin_element (&s, error))
        return FALSE;
      if (!count_value (&s, error))
        return FALSE;

      switch (s.data[s.pos])
        {
        case '{':
        case '[':
          if (depth >= bounds->max_depth)
            return fail_take (&s, s.pos, error, DOSSIER_JSON_ERROR_TOO_DEEP,
                              /* Translators: %u is a number of levels */
                              g_strdup_printf (_("The file nests lists and objects more than %u levels deep"),
                                               bounds->max_depth));
          stack[depth++] = s.data[s.pos];
          if (key_is_split && depth == 2 && s.data[s.pos] == '[')
            {
              s.split_depth = depth;
              if (split_array)
                split_array->offset = s.pos;
            }
          key_is_split = FALSE;
          s.pos++;
          skip_space (&s);
          if (s.pos < s.length && s.data[s.pos] == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              s.pos++;
              depth--;
              break;  /* an empty container is a whole value */
            }
          if (stack[depth - 1] == '[')
            continue;
          goto member_name;
        case '"':
          if (!scan_string (&s, NULL, error))
            return FALSE;
          break;
        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!scan_number (&s, error))
            return FALSE;
          break;
        default:
          if (!scan_literal (&s, error))
            return FALSE;
        }
      key_is_split = FALSE;

    value_done:
      /* a value has ended at s.pos */
      if (s.split_depth > 0 && depth == s.split_depth && !end_element (&s, error))
        return FALSE;
      if (s.split_depth > 0 && depth < s.split_depth)
        {
          /* the split array itself has ended */
          if (split_array)
            split_array->length = s.pos - split_array->offset;
          s.split_depth = 0;
        }
      if (depth == 0)
        {
          skip_space (&s);
          if (s.pos < s.length)
            return fail_at (&s, s.pos, error, DOSSIER_JSON_ERROR_SYNTAX,
                              _("The file is not valid JSON: there is more after its end"));
          return TRUE;
        }
      skip_space (&s);
      if (s.pos >= s.length)
        return fail_syntax (&s, error);
      if (s.data[s.pos] == ',')
        {
          s.pos++;
          if (stack[depth - 1] == '[')
            continue;
          skip_space (&s);
          goto member_name;
        }
      if (s.data[s.pos] != (stack[depth - 1] == '{' ? '}' : ']'))
        return fail_syntax (&s, error);
      s.pos++;
      depth--;
      goto value_done;

    member_name:
      if (s.pos >= s.length || s.data[s.pos] != '"')
        return fail_syntax (&s, error);
      {
        gboolean want_key = key != NULL && depth == 1 && stack[0] == '{';

        if (want_key)
          g_string_truncate (key, 0);
        if (!scan_string (&s, want_key ? key : NULL, error))
          return FALSE;
        if (want_key && g_str_equal (key->str, bounds->split_member))
          {
            if (s.split_seen)
              return fail_take (&s, s.pos, error, DOSSIER_JSON_ERROR_SYNTAX,
                                /* Translators: %s is a member of the file such as “items” */
                                g_strdup_printf (_("The file has “%s” twice"), bounds->split_member));
            s.split_seen = TRUE;
            key_is_split = TRUE;
          }
      }
      skip_space (&s);
      if (s.pos >= s.length || s.data[s.pos] != ':')
        return fail_syntax (&s, error);
      s.pos++;
      /* its value follows, at the top of the loop */
      continue;
    }
}
