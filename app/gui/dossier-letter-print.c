/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dossier-letter-print.h"

/* A letter on paper. Its first paragraph is the address: it goes where the
 * window of an envelope is (DIN 5008 on A4 and other ISO paper, a #10
 * window envelope on US Letter), and the rest follows below it, over as
 * many pages as it takes. Nothing of the sender is printed that the
 * volunteer did not write into the letter themselves. */

#define MM(x) ((x) / 25.4 * 72.0)   /* to points */

typedef struct
{
  char        *address;     /* may be NULL: then the whole text is the body */
  char        *body;
  PangoLayout *layout;      /* the body, over the printable width */
  GArray      *page_starts; /* the first line of each page */
  double       address_x, address_y, address_width;
  double       first_top;   /* where the body starts on page 1 */
  double       top, bottom, left, right;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->address);
  g_free (job->body);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

/* Splits off the first paragraph if it looks like an address: a few short
 * lines, then a blank line. */
static void
split_address (const char  *text,
               char       **address,
               char       **body)
{
  const char *end = strstr (text, "\n\n");
  guint lines = 1;

  *address = NULL;
  if (end != NULL)
    {
      for (const char *p = text; p < end; p++)
        lines += *p == '\n';
      if (lines <= 8 && end > text)
        {
          *address = g_strndup (text, end - text);
          while (*end == '\n')
            end++;
          *body = g_strdup (end);
          return;
        }
    }
  *body = g_strdup (text);
}

static PangoFontDescription *
letter_font (void)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans 11");

  return font;
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  GtkPaperSize *paper = gtk_page_setup_get_paper_size (setup);
  g_autoptr(PangoFontDescription) font = letter_font ();
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  gboolean us_letter = g_str_has_prefix (gtk_paper_size_get_name (paper), "na_letter");
  /* the context's origin is the printable area; our positions are from
   * the paper's edge */
  double offset_x = gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS);
  double offset_y = gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS);
  int n_lines;
  double y, page_height;

  job->left = MM (25) - offset_x;
  job->right = width - (MM (20) - gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS));
  job->top = MM (20) - offset_y;
  job->bottom = height - (MM (20) - gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS));
  if (us_letter)
    {
      /* a #10 window envelope: the window 7/8" from the left, 2" from the top */
      job->address_x = MM (25.4 * 0.875) + MM (3) - offset_x;
      job->address_y = MM (25.4 * 2.0) + MM (2) - offset_y;
      job->address_width = MM (25.4 * 4.0) - MM (6);
    }
  else
    {
      /* DIN 5008 form B: the address field 20 mm from the left, 45 mm
       * from the top, 85 × 45 mm, with 5 mm for the return line */
      job->address_x = MM (25) - offset_x;
      job->address_y = MM (50) - offset_y;
      job->address_width = MM (80);
    }
  job->first_top = job->address ? job->address_y + MM (48) : job->top;

  job->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->layout, font);
  pango_layout_set_width (job->layout, (int) ((job->right - job->left) * PANGO_SCALE));
  pango_layout_set_wrap (job->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (job->layout, job->body, -1);

  job->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  n_lines = pango_layout_get_line_count (job->layout);
  y = job->first_top;
  page_height = job->bottom;
  g_array_append_val (job->page_starts, (int) { 0 });
  for (int i = 0; i < n_lines; i++)
    {
      PangoRectangle logical;

      pango_layout_line_get_extents (pango_layout_get_line_readonly (job->layout, i), NULL, &logical);
      if (y + (double) logical.height / PANGO_SCALE > page_height && i > 0)
        {
          g_array_append_val (job->page_starts, i);
          y = job->top;
        }
      y += (double) logical.height / PANGO_SCALE;
    }
  gtk_print_operation_set_n_pages (operation, job->page_starts->len);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (job->page_starts, int, page_nr);
  int last = (guint) page_nr + 1 < job->page_starts->len
             ? g_array_index (job->page_starts, int, page_nr + 1)
             : pango_layout_get_line_count (job->layout);
  double y = page_nr == 0 ? job->first_top : job->top;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page_nr == 0 && job->address)
    {
      g_autoptr(PangoLayout) address = gtk_print_context_create_pango_layout (context);
      g_autoptr(PangoFontDescription) font = letter_font ();

      pango_layout_set_font_description (address, font);
      pango_layout_set_width (address, (int) (job->address_width * PANGO_SCALE));
      pango_layout_set_wrap (address, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (address, job->address, -1);
      cairo_move_to (cr, job->address_x, job->address_y);
      pango_cairo_show_layout (cr, address);
    }

  for (int i = first; i < last; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (job->layout, i);
      PangoRectangle logical;
      int baseline;

      pango_layout_line_get_extents (line, NULL, &logical);
      baseline = -logical.y;
      cairo_move_to (cr, job->left + (double) logical.x / PANGO_SCALE, y + (double) baseline / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, line);
      y += (double) logical.height / PANGO_SCALE;
    }
}

/**
 * dossier_letter_print:
 * @parent: the window the print dialog belongs to
 * @title: the job's name, for the print queue and the PDF
 * @text: the letter
 * @with_address: its first paragraph is the address
 * @export_path: (nullable): write a PDF here instead of showing the
 *   dialog, readable by the user alone (mode 0600)
 *
 * Returns: %GTK_PRINT_OPERATION_RESULT_ERROR with @error when printing
 *   or writing failed, %GTK_PRINT_OPERATION_RESULT_CANCEL when the user
 *   cancelled.
 */
GtkPrintOperationResult
dossier_letter_print (GtkWindow   *parent,
                      const char  *title,
                      const char  *text,
                      gboolean     with_address,
                      const char  *export_path,
                      GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autofree char *temp = NULL;
  PrintJob *job;
  GtkPrintOperationResult result;

  if (export_path)
    {
      /* A letter names the person it is about: its file is the
       * volunteer's alone (0600) from its first byte, as the store is.
       * GTK writes the PDF where it is told, with the mode a new file
       * gets; it is told a file made private here, beside the one chosen,
       * which it replaces once whole. */
      g_autofree char *dir = g_path_get_dirname (export_path);
      g_autofree char *base = g_path_get_basename (export_path);
      g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
      int fd;

      temp = g_build_filename (dir, name, NULL);
      fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          return GTK_PRINT_OPERATION_RESULT_ERROR;
        }
      close (fd);
    }

  job = g_new0 (PrintJob, 1);

  if (with_address)
    split_address (text, &job->address, &job->body);
  else
    job->body = g_strdup (text);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  if (temp)
    gtk_print_operation_set_export_filename (operation, temp);
  result = gtk_print_operation_run (operation,
                                    export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  print_job_free (job);
  if (temp && result == GTK_PRINT_OPERATION_RESULT_APPLY && g_rename (temp, export_path) != 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      result = GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  if (temp && result != GTK_PRINT_OPERATION_RESULT_APPLY)
    g_unlink (temp);
  return result;
}
