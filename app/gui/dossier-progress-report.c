/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dossier-chart.h"
#include "dossier-dates.h"
#include "dossier-progress-report.h"

/* The progress report is drawn by one function per page on any cairo
 * context: a PDF surface for `dossier progress --pdf` (no display needed)
 * and the print context of a GtkPrintOperation for the window, both laid
 * out over the whole sheet from its edges, in points. Page 1 holds the
 * title, what the report covers, the overview figures and the two charts;
 * the table of urgent actions follows, on page 1 if it has room for a few
 * rows, its header repeated on every page it runs over. */

#define A4_WIDTH          595.276
#define A4_HEIGHT         841.890
#define MARGIN            50.0
#define FOOTER            30.0   /* from the sheet's bottom edge to the page number */
#define GAP               16.0   /* between blocks */
#define CELL_PAD          4.0
#define WEEK_CHART_HEIGHT 170.0
#define MIN_FIRST_ROWS    3      /* rows the table needs on page 1 to start there */

/* ---- The printed report --------------------------------------------- */

enum
{
  COL_UA,
  COL_GOAL,
  COL_LETTERS,
  COL_PROGRESS,
  COL_DEADLINE,
  N_COLUMNS
};

/* the least share of the text width the column of UAs keeps */
#define UA_COLUMN_SHARE 0.20
#define COLUMN_GAP      8.0

struct _DossierProgressReport
{
  DossierFigures *figures;        /* not owned */
  char           *covers;         /* what the report covers, one line or two */
  char           *period;
  char           *generated;
  GArray         *week_bars;      /* of DossierChartBar */
  DossierProgressSpan span;       /* what each of them stands for */
  GArray         *channel_bars;
  GPtrArray      *strings;        /* the bars' labels */

  /* laid out by dossier_progress_report_paginate() */
  double          width, height;
  double          left, right, top, bottom;
  double          header_height;  /* title and the lines under it */
  double          figures_height;
  double          channel_height; /* the channel chart alone */
  double          table_top;      /* where the table starts on its first page */
  double          head_height;    /* the table's header row */
  double          row_height;
  double          column_x[N_COLUMNS];     /* where each column's text starts */
  double          column_width[N_COLUMNS];
  int             table_page;     /* the page the table starts on */
  GArray         *page_rows;      /* the first row of each page of the table */
  int             n_pages;
};

/**
 * dossier_progress_report_new:
 * @figures: (transfer none): the figures to report; they must outlive it
 * @filter: what they were read for
 * @generated: (nullable): when the report is made; now when %NULL
 */
DossierProgressReport *
dossier_progress_report_new (DossierFigures            *figures,
                             const DossierFigureFilter *filter,
                             GDateTime                 *generated)
{
  DossierProgressReport *self = g_new0 (DossierProgressReport, 1);
  g_autoptr(GDateTime) now = generated ? g_date_time_to_local (generated) : g_date_time_new_now_local ();
  g_autofree char *when = dossier_format_date_time (now, DOSSIER_DATE_STYLE_DATE_TIME, NULL);

  g_return_val_if_fail (figures != NULL && filter != NULL, NULL);

  self->figures = figures;
  self->covers = dossier_progress_describe_filter (figures, filter);
  self->period = dossier_progress_describe_period (figures, filter);
  /* Translators: %s is a date and time, "30 November 2026, 14:05" */
  self->generated = g_strdup_printf (_("Generated on %s"), when);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->week_bars = g_array_new (FALSE, TRUE, sizeof (DossierChartBar));
  self->channel_bars = g_array_new (FALSE, TRUE, sizeof (DossierChartBar));
  self->page_rows = g_array_new (FALSE, FALSE, sizeof (int));

  /* a week a column while they are few, else a month or a year, as the
   * dashboard draws it */
  {
    g_autoptr(GPtrArray) times = dossier_progress_time_bars (figures->by_week, &self->span);

    for (guint i = 0; i < times->len; i++)
      {
        DossierTimeBar *time = g_ptr_array_index (times, i);
        char *key = g_strdup (time->key);
        char *label = self->span == DOSSIER_PROGRESS_SPAN_WEEK
                      ? dossier_progress_week_label (time->first, FALSE) : g_strdup (time->label);
        DossierChartBar bar = { key, label, time->sent, time->reported };

        g_ptr_array_add (self->strings, key);
        g_ptr_array_add (self->strings, label);
        g_array_append_val (self->week_bars, bar);
      }
  }
  for (guint i = 0; i < figures->by_channel->len; i++)
    {
      const DossierFigure *channel = g_ptr_array_index (figures->by_channel, i);
      DossierChartBar bar = { channel->key, dossier_progress_channel_label (channel->key), channel->sent, channel->reported };

      g_array_append_val (self->channel_bars, bar);
    }
  return self;
}

void
dossier_progress_report_free (DossierProgressReport *self)
{
  if (self == NULL)
    return;
  g_free (self->covers);
  g_free (self->period);
  g_free (self->generated);
  g_array_unref (self->week_bars);
  g_array_unref (self->channel_bars);
  g_ptr_array_unref (self->strings);
  g_array_unref (self->page_rows);
  g_free (self);
}

/* A layout of @text in @font ("Sans Bold 9"), @width wide (wrapped, or
 * on one line ellipsized), aligned. */
static PangoLayout *
make_layout (PangoContext   *context,
             const char     *text,
             const char     *font,
             double          width,
             PangoAlignment  alignment,
             gboolean        one_line)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  if (one_line)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  else
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
text_height (PangoContext *context,
             const char   *text,
             const char   *font,
             double        width)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, width, PANGO_ALIGN_LEFT, FALSE);

  return layout_height (layout);
}

/* Draws @text at (@x, @y), its top; returns its height. */
static double
draw_text (cairo_t        *cr,
           PangoContext   *context,
           double          x,
           double          y,
           double          width,
           const char     *text,
           const char     *font,
           PangoAlignment  alignment,
           gboolean        one_line)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, width, alignment, one_line);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return layout_height (layout);
}

#define TITLE_FONT    "Sans Bold 24"
#define LINE_FONT     "Sans 11"
#define HEADING_FONT  "Sans Bold 14"
#define FIGURE_FONT   "Sans Bold 22"
#define LABEL_FONT    "Sans 10"
#define TABLE_FONT    "Sans 10"
#define BOLD_FONT     "Sans Bold 10"
#define SMALL_FONT    "Sans 8.5"
#define CHART_FONT    "Sans 9"

static const char *
figure_label (guint i)
{
  switch (i)
    {
    case 0:
      /* Translators: the overview figures of a progress report */
      return C_("progress figure", "Actions that went out");
    case 1:
      return C_("progress figure", "Of those, from volunteers’ reports");
    case 2:
      return C_("progress figure", "Replies");
    default:
      return C_("progress figure", "Returned letters");
    }
}

static gint64
figure_value (const DossierFigure *total,
              guint                i)
{
  switch (i)
    {
    case 0:
      return total->sent;
    case 1:
      return total->reported;
    case 2:
      return total->replied;
    default:
      return total->returned;
    }
}

#define N_FIGURES 4

static double
measure_figures (DossierProgressReport *self,
                 PangoContext          *context)
{
  double cell = (self->right - self->left) / N_FIGURES;
  double height = 0;

  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *value = dossier_progress_format_count (figure_value (&self->figures->total, i));
      double h = text_height (context, value, FIGURE_FONT, cell - 2 * CELL_PAD) +
                 text_height (context, figure_label (i), LABEL_FONT, cell - 2 * CELL_PAD);

      height = MAX (height, h);
    }
  return height + 2 * CELL_PAD;
}

static double
measure_header (DossierProgressReport *self,
                PangoContext          *context)
{
  double width = self->right - self->left;

  return text_height (context, _("Progress report"), TITLE_FONT, width) + 6 +
         text_height (context, self->covers, LINE_FONT, width) +
         text_height (context, self->period, LINE_FONT, width) +
         text_height (context, self->generated, LINE_FONT, width);
}

static void
column_extent (DossierProgressReport *self,
               int                    column,
               double                *x,
               double                *width)
{
  *x = self->column_x[column];
  *width = self->column_width[column];
}

static const char *
column_title (int column)
{
  switch (column)
    {
    case COL_UA:
      /* Translators: the columns of the table of urgent actions in the
       * printed progress report */
      return C_("progress column", "Urgent action");
    case COL_GOAL:
      return C_("progress column", "Goal");
    case COL_LETTERS:
      return C_("progress column", "Letters");
    case COL_PROGRESS:
      return C_("progress column", "Progress");
    default:
      return C_("progress column", "Deadline");
    }
}

static double
natural_width (PangoContext *context,
            const char   *text,
            const char   *font)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, -1, PANGO_ALIGN_LEFT, FALSE);
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* Each column of figures as wide as its widest cell or its title, the
 * urgent actions the rest; titles that still do not fit wrap. */
static void
measure_columns (DossierProgressReport *self,
                 PangoContext          *context)
{
  double widths[N_COLUMNS] = { 0 };
  double total = self->right - self->left;
  double others = 0, x;

  for (int i = COL_GOAL; i < N_COLUMNS; i++)
    widths[i] = natural_width (context, column_title (i), BOLD_FONT);
  for (guint r = 0; r < self->figures->by_ua->len; r++)
    {
      const DossierFigure *ua = g_ptr_array_index (self->figures->by_ua, r);
      g_autofree char *goal = ua->goal > 0 ? dossier_progress_format_count (ua->goal) : g_strdup ("—");
      g_autofree char *letters = dossier_progress_format_count (ua->letters);
      g_autofree char *percent = dossier_progress_format_percent (ua);
      g_autofree char *deadline = ua->deadline ? dossier_format_date (ua->deadline) : g_strdup ("—");

      widths[COL_GOAL] = MAX (widths[COL_GOAL], natural_width (context, goal, TABLE_FONT));
      widths[COL_LETTERS] = MAX (widths[COL_LETTERS], natural_width (context, letters, TABLE_FONT));
      widths[COL_PROGRESS] = MAX (widths[COL_PROGRESS], natural_width (context, percent, TABLE_FONT));
      widths[COL_DEADLINE] = MAX (widths[COL_DEADLINE], natural_width (context, deadline, TABLE_FONT));
    }
  /* a point to spare: a cell measured to the last fraction of its text
   * would wrap or lose its end to rounding */
  for (int i = COL_GOAL; i < N_COLUMNS; i++)
    {
      widths[i] += 1;
      others += widths[i] + COLUMN_GAP;
    }
  /* too wide: every column of figures gives up the same share */
  if (others > total * (1 - UA_COLUMN_SHARE))
    {
      double scale = total * (1 - UA_COLUMN_SHARE) / others;

      for (int i = COL_GOAL; i < N_COLUMNS; i++)
        widths[i] = (widths[i] + COLUMN_GAP) * scale - COLUMN_GAP;
      others = total * (1 - UA_COLUMN_SHARE);
    }
  widths[COL_UA] = total - others - 2 * CELL_PAD;

  x = self->left + CELL_PAD;
  for (int i = 0; i < N_COLUMNS; i++)
    {
      self->column_x[i] = x;
      self->column_width[i] = widths[i];
      x += widths[i] + COLUMN_GAP;
    }
}

static double
measure_head (DossierProgressReport *self,
              PangoContext          *context)
{
  double height = 0;

  for (int i = 0; i < N_COLUMNS; i++)
    {
      double x, width;

      column_extent (self, i, &x, &width);
      height = MAX (height, text_height (context, column_title (i), BOLD_FONT, width));
    }
  return height + 2 * CELL_PAD;
}

static double
chart_title_height (PangoContext *context,
                    double        width)
{
  return text_height (context, dossier_progress_time_title (DOSSIER_PROGRESS_SPAN_MONTH, FALSE), HEADING_FONT, width) + 6 +
         text_height (context, _("From volunteers’ reports"), SMALL_FONT, width) + 6;
}

/**
 * dossier_progress_report_paginate:
 * @context: the context its text is laid out in, for the surface it will
 *   be drawn on
 * @width: the sheet's width in points
 * @height: the sheet's height in points
 *
 * Lays the report out on sheets of this size.
 *
 * Returns: how many pages it takes
 */
int
dossier_progress_report_paginate (DossierProgressReport *self,
                                  PangoContext          *context,
                                  double                 width,
                                  double                 height)
{
  double text_width, y, room;
  guint n_rows, row;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);

  self->width = width;
  self->height = height;
  self->left = MARGIN;
  self->right = width - MARGIN;
  self->top = MARGIN;
  self->bottom = height - MARGIN;
  text_width = self->right - self->left;

  self->header_height = measure_header (self, context);
  self->figures_height = measure_figures (self, context);
  self->channel_height = dossier_chart_measure_height (context, text_width, DOSSIER_CHART_BARS,
                                                       (DossierChartBar *) self->channel_bars->data,
                                                       self->channel_bars->len);
  measure_columns (self, context);
  self->head_height = measure_head (self, context);
  self->row_height = text_height (context, "Ag", BOLD_FONT, -1) +
                     text_height (context, "Ag", SMALL_FONT, -1) + 2 * CELL_PAD;

  y = self->top + self->header_height + GAP + self->figures_height + GAP +
      chart_title_height (context, text_width) + WEEK_CHART_HEIGHT + GAP +
      chart_title_height (context, text_width) + self->channel_height + GAP;
  /* the table's heading, "Urgent actions" */
  y += text_height (context, _("Urgent actions"), HEADING_FONT, text_width) + 6;

  n_rows = self->figures->by_ua->len;
  g_array_set_size (self->page_rows, 0);
  if (self->bottom - y - self->head_height >= MIN (n_rows, MIN_FIRST_ROWS) * self->row_height &&
      self->bottom - y - self->head_height >= self->row_height)
    {
      self->table_page = 0;
      self->table_top = y;
    }
  else
    {
      self->table_page = 1;
      self->table_top = self->top + text_height (context, _("Urgent actions"), HEADING_FONT, text_width) + 6;
    }

  row = 0;
  y = self->table_top;
  do
    {
      guint fit;

      g_array_append_val (self->page_rows, row);
      room = self->bottom - y - self->head_height;
      fit = MAX (1, (guint) (room / self->row_height));
      row += fit;
      y = self->top;
    }
  while (row < n_rows);

  self->n_pages = self->table_page + (int) self->page_rows->len;
  return self->n_pages;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* A chart with its title and a legend of its two shades; returns where
 * it ends. */
static double
draw_chart (DossierProgressReport *self,
            cairo_t               *cr,
            PangoContext          *context,
            double                 y,
            const char            *title,
            DossierChartKind       kind,
            GArray                *bars,
            double                 height)
{
  DossierChartColors colors;
  double text_width = self->right - self->left;
  double x = self->left, swatch;
  g_autoptr(PangoLayout) mine = NULL;
  g_autoptr(PangoLayout) reported = NULL;
  int w;

  dossier_chart_get_print_colors (&colors);
  set_color (cr, &colors.fg);
  y += draw_text (cr, context, self->left, y, text_width, title, HEADING_FONT, PANGO_ALIGN_LEFT, TRUE) + 6;

  /* the legend: the bar's shade, then its part's */
  mine = make_layout (context, _("Logged on this computer"), SMALL_FONT, -1, PANGO_ALIGN_LEFT, TRUE);
  reported = make_layout (context, _("From volunteers’ reports"), SMALL_FONT, -1, PANGO_ALIGN_LEFT, TRUE);
  swatch = layout_height (mine) * 0.7;
  set_color (cr, &colors.bar);
  cairo_rectangle (cr, x, y + (layout_height (mine) - swatch) / 2, swatch, swatch);
  cairo_fill (cr);
  set_color (cr, &colors.fg);
  cairo_move_to (cr, x + swatch + 4, y);
  pango_cairo_show_layout (cr, mine);
  pango_layout_get_size (mine, &w, NULL);
  x += swatch + 4 + (double) w / PANGO_SCALE + 16;
  set_color (cr, &colors.part);
  cairo_rectangle (cr, x, y + (layout_height (mine) - swatch) / 2, swatch, swatch);
  cairo_fill (cr);
  set_color (cr, &colors.fg);
  cairo_move_to (cr, x + swatch + 4, y);
  pango_cairo_show_layout (cr, reported);
  y += layout_height (mine) + 6;

  cairo_save (cr);
  cairo_translate (cr, self->left, y);
  dossier_chart_render (cr, context, text_width, height, kind,
                        (DossierChartBar *) bars->data, bars->len, &colors, -1);
  cairo_restore (cr);
  return y + height;
}

static void
draw_first_page (DossierProgressReport *self,
                 cairo_t               *cr,
                 PangoContext          *context)
{
  double text_width = self->right - self->left;
  double cell = text_width / N_FIGURES;
  double y = self->top;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (cr, context, self->left, y, text_width, _("Progress report"), TITLE_FONT,
                  PANGO_ALIGN_LEFT, FALSE) + 6;
  y += draw_text (cr, context, self->left, y, text_width, self->covers, LINE_FONT, PANGO_ALIGN_LEFT, FALSE);
  y += draw_text (cr, context, self->left, y, text_width, self->period, LINE_FONT, PANGO_ALIGN_LEFT, FALSE);
  y += draw_text (cr, context, self->left, y, text_width, self->generated, LINE_FONT, PANGO_ALIGN_LEFT, FALSE);
  y += GAP;

  /* the overview figures, in a row of boxes */
  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *value = dossier_progress_format_count (figure_value (&self->figures->total, i));
      double x = self->left + i * cell;
      double h;

      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_rectangle (cr, x + 1, y, cell - 2, self->figures_height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      h = draw_text (cr, context, x + CELL_PAD, y + CELL_PAD, cell - 2 * CELL_PAD, value, FIGURE_FONT,
                     PANGO_ALIGN_LEFT, TRUE);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, context, x + CELL_PAD, y + CELL_PAD + h, cell - 2 * CELL_PAD, figure_label (i), LABEL_FONT,
                 PANGO_ALIGN_LEFT, FALSE);
    }
  y += self->figures_height + GAP;

  y = draw_chart (self, cr, context, y, dossier_progress_time_title (self->span, FALSE), DOSSIER_CHART_COLUMNS, self->week_bars,
                  WEEK_CHART_HEIGHT) + GAP;
  draw_chart (self, cr, context, y, _("Actions by channel"), DOSSIER_CHART_BARS, self->channel_bars,
              self->channel_height);
}

static void
draw_cell (DossierProgressReport *self,
           cairo_t               *cr,
           PangoContext          *context,
           int                    column,
           double                 y,
           const char            *text,
           const char            *font)
{
  double x, width;

  column_extent (self, column, &x, &width);
  draw_text (cr, context, x, y, width, text, font,
             column == COL_UA || column == COL_DEADLINE ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, TRUE);
}

static void
draw_table (DossierProgressReport *self,
            cairo_t               *cr,
            PangoContext          *context,
            int                    table_page)
{
  GPtrArray *uas = self->figures->by_ua;
  int first = g_array_index (self->page_rows, int, table_page);
  int last = (guint) table_page + 1 < self->page_rows->len
             ? g_array_index (self->page_rows, int, table_page + 1) : (int) uas->len;
  double y = table_page == 0 ? self->table_top : self->top;
  double text_width = self->right - self->left;

  if (table_page == 0)
    {
      double heading = text_height (context, _("Urgent actions"), HEADING_FONT, text_width) + 6;

      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, context, self->left, y - heading, text_width, _("Urgent actions"), HEADING_FONT,
                 PANGO_ALIGN_LEFT, TRUE);
    }

  if (uas->len == 0)
    {
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, context, self->left, y, text_width, _("No urgent actions to show."), LINE_FONT,
                 PANGO_ALIGN_LEFT, FALSE);
      return;
    }

  /* the header row, on every page */
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  cairo_rectangle (cr, self->left, y, text_width, self->head_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      double x, width;

      column_extent (self, i, &x, &width);
      draw_text (cr, context, x, y + CELL_PAD, width, column_title (i), BOLD_FONT,
                 i == COL_UA || i == COL_DEADLINE ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, FALSE);
    }
  y += self->head_height;

  for (int r = first; r < last; r++)
    {
      const DossierFigure *ua = g_ptr_array_index (uas, r);
      g_autofree char *name = dossier_progress_ua_name (ua);
      g_autofree char *goal = ua->goal > 0 ? dossier_progress_format_count (ua->goal) : g_strdup ("—");
      g_autofree char *letters = dossier_progress_format_count (ua->letters);
      g_autofree char *percent = dossier_progress_format_percent (ua);
      g_autofree char *deadline = ua->deadline ? dossier_format_date (ua->deadline) : g_strdup ("—");
      double line;

      if ((r - first) % 2 == 1)
        {
          cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
          cairo_rectangle (cr, self->left, y, text_width, self->row_height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      line = text_height (context, "Ag", BOLD_FONT, -1);
      draw_cell (self, cr, context, COL_UA, y + CELL_PAD, name, BOLD_FONT);
      draw_cell (self, cr, context, COL_GOAL, y + CELL_PAD, goal, TABLE_FONT);
      draw_cell (self, cr, context, COL_LETTERS, y + CELL_PAD, letters, TABLE_FONT);
      draw_cell (self, cr, context, COL_PROGRESS, y + CELL_PAD, percent, TABLE_FONT);
      draw_cell (self, cr, context, COL_DEADLINE, y + CELL_PAD, deadline, TABLE_FONT);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      /* the title under the figures too: they take one line */
      draw_text (cr, context, self->column_x[COL_UA], y + CELL_PAD + line,
                 self->right - CELL_PAD - self->column_x[COL_UA], dossier_progress_ua_subtitle (ua), SMALL_FONT,
                 PANGO_ALIGN_LEFT, TRUE);
      y += self->row_height;
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, self->left, y);
  cairo_line_to (cr, self->right, y);
  cairo_stroke (cr);
}

/**
 * dossier_progress_report_draw_page:
 * @cr: where to draw, the sheet's top left corner at (0, 0)
 * @context: the context dossier_progress_report_paginate() was given
 * @page: from 0
 */
void
dossier_progress_report_draw_page (DossierProgressReport *self,
                                   cairo_t               *cr,
                                   PangoContext          *context,
                                   int                    page)
{
  g_autofree char *number = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page >= 0 && page < self->n_pages);

  cairo_save (cr);
  if (page == 0)
    draw_first_page (self, cr, context);
  if (page >= self->table_page)
    draw_table (self, cr, context, page - self->table_page);

  /* Translators: under each page of the progress report */
  number = g_strdup_printf (_("Page %1$d of %2$d"), page + 1, self->n_pages);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  draw_text (cr, context, self->left, self->height - FOOTER - text_height (context, number, SMALL_FONT, -1),
             self->right - self->left, number, SMALL_FONT, PANGO_ALIGN_CENTER, TRUE);
  cairo_restore (cr);
}

static void
set_up_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(PangoFontDescription) description = NULL;

  /* the same widths at any resolution: paper has no pixels to snap to */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* sizes in points on a sheet measured in points, as a GtkPrintContext
   * in GTK_UNIT_POINTS has it; a cairo context's own default is 96 dpi */
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_language (context, pango_language_get_default ());
  /* the charts' text, which takes the context's font */
  description = pango_font_description_from_string (CHART_FONT);
  pango_context_set_font_description (context, description);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * dossier_progress_report_to_pdf:
 *
 * Draws the report on A4 sheets into a PDF, without a display.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
dossier_progress_report_to_pdf (DossierProgressReport  *self,
                                GError                **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_status_t status;
  int n_pages;

  g_return_val_if_fail (self != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Progress report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dossier " PACKAGE_VERSION);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  set_up_context (context);

  n_pages = dossier_progress_report_paginate (self, context, A4_WIDTH, A4_HEIGHT);
  for (int page = 0; page < n_pages; page++)
    {
      dossier_progress_report_draw_page (self, cr, context, page);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %s is the drawing library's reason */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the report: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

typedef struct
{
  DossierProgressReport *report;
  PangoContext          *context;
} PrintJob;

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  g_clear_object (&job->context);
  job->context = gtk_print_context_create_pango_context (context);
  set_up_context (job->context);
  gtk_print_operation_set_n_pages (operation,
                                   dossier_progress_report_paginate (job->report, job->context,
                                                                     gtk_print_context_get_width (context),
                                                                     gtk_print_context_get_height (context)));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  dossier_progress_report_draw_page (job->report, gtk_print_context_get_cairo_context (context),
                                     job->context, page_nr);
}

/**
 * dossier_progress_report_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @export_path: (nullable): write a PDF here instead of showing the dialog
 *
 * Shows the print dialog and prints the report, or saves it as a PDF
 * from there: the same pages as dossier_progress_report_to_pdf() on A4,
 * or on the paper chosen.
 *
 * Returns: %GTK_PRINT_OPERATION_RESULT_ERROR with @error when printing
 *   failed, %GTK_PRINT_OPERATION_RESULT_CANCEL when the user cancelled
 */
GtkPrintOperationResult
dossier_progress_report_print (DossierProgressReport  *self,
                               GtkWindow              *parent,
                               const char             *export_path,
                               GError                **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintJob job = { self, NULL };
  GtkPrintOperationResult result;

  g_return_val_if_fail (self != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("Progress report"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* positions are from the sheet's edges, as on the PDF surface */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), &job);
  if (export_path)
    gtk_print_operation_set_export_filename (operation, export_path);
  result = gtk_print_operation_run (operation,
                                    export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  g_clear_object (&job.context);
  return result;
}
