/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>

#include "dossier-csv.h"

/* A row is opened by the first field written after the end of the last
 * one: the buffer is empty or ends with the CRLF of dossier_csv_end_row(),
 * which no field can leave there (a field with a line break is quoted, and
 * ends with the quote). */
static gboolean
opens_row (GString *out)
{
  return out->len == 0 || out->str[out->len - 1] == '\n';
}

/**
 * dossier_csv_append_field:
 * @out: the CSV written so far
 * @field: (nullable): the field's text in UTF-8; %NULL is an empty field
 *
 * Appends @field to the row being written, after a comma unless it opens
 * the row. A field holding a comma, a double quote, a carriage return or
 * a line feed is written between double quotes, its quotes doubled; so is
 * an empty field that opens a row, so that a row of one empty field is not
 * read as a blank line. Anything else is written as it is: a spreadsheet
 * reads "=1+1" as a formula, which is for the caller to think about.
 */
void
dossier_csv_append_field (GString    *out,
                          const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    field = "";
  if (!opens_row (out))
    g_string_append_c (out, ',');
  if (field[0] == '\0' ? opens_row (out) : strpbrk (field, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = field; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, field);
}

/**
 * dossier_csv_end_row:
 * @out: the CSV written so far
 *
 * Ends the row being written with CRLF, as RFC 4180 does; the next field
 * opens a new row.
 */
void
dossier_csv_end_row (GString *out)
{
  g_return_if_fail (out != NULL);

  g_string_append (out, "\r\n");
}
