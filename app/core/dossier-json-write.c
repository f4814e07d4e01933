/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>

#include "dossier-json-write.h"

/* Whether JsonGenerator escapes the byte. json-glib 1.6 escapes 0x01 to
 * 0x1e and 0x7f, but not 0x1f (its test is `c < 0x1f`); bytes of UTF-8
 * sequences pass as they are. The same bytes, for the same output. */
static inline gboolean
needs_escape (char c)
{
  return c == '"' || c == '\\' || (c > 0 && c < 0x1f) || c == 0x7f;
}

/**
 * dossier_json_write_string:
 * @text: (nullable): the text, UTF-8
 *
 * Appends @text as a JSON string, quoted and escaped; `null` for %NULL.
 */
void
dossier_json_write_string (GString    *out,
                           const char *text)
{
  const char *run;

  if (text == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  g_string_append_c (out, '"');
  run = text;
  for (const char *p = text; *p; p++)
    {
      if (G_LIKELY (!needs_escape (*p)))
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (*p)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default: g_string_append_printf (out, "\\u00%02x", (guint) *p); break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/**
 * dossier_json_write_double:
 *
 * Appends @value as JsonGenerator writes a double: the shortest text that
 * reads back the same, with a ".0" when it would look like a whole number.
 */
void
dossier_json_write_double (GString *out,
                           double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
  if (strchr (buf, '.') == NULL)
    g_string_append_len (out, ".0", 2);
}
