/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "dossier-csv.h"

/* CSV as RFC 4180 writes it, and as a spreadsheet reads it back. */

static char *
csv_of_rows (const char * const *fields,
             guint               n_fields,
             guint               n_columns)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      dossier_csv_append_field (out, fields[i]);
      if ((i + 1) % n_columns == 0)
        dossier_csv_end_row (out);
    }
  return g_string_free (out, FALSE);
}

static void
test_plain_fields (void)
{
  const char *fields[] = { "Channel", "Actions", "Letter", "1204", "Email", "310" };
  g_autofree char *csv = csv_of_rows (fields, G_N_ELEMENTS (fields), 2);

  g_assert_cmpstr (csv, ==, "Channel,Actions\r\nLetter,1204\r\nEmail,310\r\n");
}

static void
test_quoted_fields (void)
{
  const char *fields[] = {
    "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\n",
    "\"", "Ильяшев, А.", "plain", " spaces kept ", "x\"y,z\nw",
  };
  g_autofree char *csv = csv_of_rows (fields, G_N_ELEMENTS (fields), G_N_ELEMENTS (fields));

  g_assert_cmpstr (csv, ==,
                   "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"crlf\r\n\","
                   "\"\"\"\",\"Ильяшев, А.\",plain, spaces kept ,\"x\"\"y,z\nw\"\r\n");
}

static void
test_empty_fields (void)
{
  /* an empty field keeps its place, at the start, middle and end of a
   * row, and a row of one empty field is not a blank line */
  const char *three[] = { "", "b", "", NULL, "", "" };
  const char *one[] = { "", "a" };
  g_autofree char *csv3 = csv_of_rows (three, G_N_ELEMENTS (three), 3);
  g_autofree char *csv1 = csv_of_rows (one, G_N_ELEMENTS (one), 1);

  g_assert_cmpstr (csv3, ==, "\"\",b,\r\n\"\",,\r\n");
  g_assert_cmpstr (csv1, ==, "\"\"\r\na\r\n");
}

static void
test_row_after_quoted_line_break (void)
{
  /* a field ending with a line break does not end the row */
  GString *out = g_string_new (NULL);
  g_autofree char *csv = NULL;

  dossier_csv_append_field (out, "ends with\n");
  dossier_csv_append_field (out, "next");
  dossier_csv_end_row (out);
  dossier_csv_append_field (out, "second");
  dossier_csv_end_row (out);
  csv = g_string_free (out, FALSE);
  g_assert_cmpstr (csv, ==, "\"ends with\n\",next\r\nsecond\r\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain-fields", test_plain_fields);
  g_test_add_func ("/csv/quoted-fields", test_quoted_fields);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/row-after-quoted-line-break", test_row_after_quoted_line_break);

  return g_test_run ();
}
