/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-accessible.h"
#include "dossier-chart-card.h"
#include "dossier-csv.h"

/* A chart under its heading, and the same figures as a table at the
 * press of a button: for a person who reads numbers better than bars,
 * who wants to copy one, or who hears the window through a screen
 * reader. The table goes out as CSV too. */

struct _DossierChartCard
{
  GtkWidget         parent_instance;

  GtkBox           *chart_box;
  GtkWidget        *legend;
  GtkLabel         *legend_label;
  GtkDrawingArea   *legend_swatch;
  GtkStack         *stack;
  GtkListBox       *table;
  GtkToggleButton  *table_button;
  GtkLabel         *title_label;

  DossierChart     *chart;
  DossierChartKind  kind;
  char             *label_header;
  char             *value_header;
  char             *part_header;
};

G_DEFINE_FINAL_TYPE (DossierChartCard, dossier_chart_card, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The table's rows line their columns up as a grid would: each row's
 * first cell (the label) takes what the figures leave, and each column of
 * figures is as wide as its widest cell, in every row. When the width is
 * short, the figures' columns give up what their headings can lose by
 * wrapping, word by word, down to a width the labels keep 40 % of. */

#define CELL_SPACING 12

#define DOSSIER_TYPE_TABLE_ROW_LAYOUT (dossier_table_row_layout_get_type ())
G_DECLARE_FINAL_TYPE (DossierTableRowLayout, dossier_table_row_layout, DOSSIER, TABLE_ROW_LAYOUT, GtkLayoutManager)

struct _DossierTableRowLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (DossierTableRowLayout, dossier_table_row_layout, GTK_TYPE_LAYOUT_MANAGER)

#define MAX_COLUMNS 3

typedef struct
{
  int n;                   /* columns, the label's included */
  int min[MAX_COLUMNS];    /* the widest least width in each column */
  int nat[MAX_COLUMNS];    /* the widest natural width */
} Columns;

/* The columns of all the rows of the list @box is a row of */
static void
measure_columns (GtkWidget *box,
                 Columns   *columns)
{
  GtkWidget *row = gtk_widget_get_parent (box);
  GtkWidget *list = row ? gtk_widget_get_parent (row) : NULL;

  *columns = (Columns) { 0 };
  for (GtkWidget *r = list ? gtk_widget_get_first_child (list) : row; r; r = list ? gtk_widget_get_next_sibling (r) : NULL)
    {
      GtkWidget *cells;
      int c = 0;

      if (!GTK_IS_LIST_BOX_ROW (r) || !(cells = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (r))))
        continue;
      for (GtkWidget *cell = gtk_widget_get_first_child (cells); cell && c < MAX_COLUMNS;
           cell = gtk_widget_get_next_sibling (cell), c++)
        {
          int min, nat;

          gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          columns->min[c] = MAX (columns->min[c], min);
          columns->nat[c] = MAX (columns->nat[c], nat);
        }
      columns->n = MAX (columns->n, c);
    }
}

/* The width of each column at @width */
static void
column_widths (const Columns *columns,
               int            width,
               int           *widths)
{
  int space = width - CELL_SPACING * MAX (columns->n - 1, 0);
  int figures_min = 0, figures_nat = 0, label_wants, spare;

  for (int c = 1; c < columns->n; c++)
    {
      figures_min += columns->min[c];
      figures_nat += columns->nat[c];
    }
  label_wants = MAX (MIN (columns->nat[0], space * 2 / 5), columns->min[0]);
  spare = CLAMP (space - label_wants - figures_min, 0, figures_nat - figures_min);
  for (int c = 1; c < columns->n; c++)
    {
      int give = columns->nat[c] - columns->min[c];

      widths[c] = columns->min[c] + (figures_nat > figures_min ? give * spare / (figures_nat - figures_min) : 0);
    }
  widths[0] = space;
  for (int c = 1; c < columns->n; c++)
    widths[0] -= widths[c];
  widths[0] = MAX (widths[0], columns->min[0]);
}

static void
dossier_table_row_layout_measure (GtkLayoutManager *manager,
                                  GtkWidget        *box,
                                  GtkOrientation    orientation,
                                  int               for_size,
                                  int              *minimum,
                                  int              *natural,
                                  int              *minimum_baseline,
                                  int              *natural_baseline)
{
  Columns columns;

  measure_columns (box, &columns);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = CELL_SPACING * MAX (columns.n - 1, 0);
      for (int c = 0; c < columns.n; c++)
        {
          *minimum += columns.min[c];
          *natural += columns.nat[c];
        }
    }
  else
    {
      int widths[MAX_COLUMNS];
      int c = 0;

      if (for_size < 0)
        dossier_table_row_layout_measure (manager, box, GTK_ORIENTATION_HORIZONTAL, -1, &(int) { 0 }, &for_size,
                                          NULL, NULL);
      column_widths (&columns, for_size, widths);
      *minimum = *natural = 0;
      for (GtkWidget *cell = gtk_widget_get_first_child (box); cell && c < MAX_COLUMNS;
           cell = gtk_widget_get_next_sibling (cell), c++)
        {
          int min, nat;

          gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, widths[c], &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
    }
}

static void
dossier_table_row_layout_allocate (GtkLayoutManager *manager,
                                   GtkWidget        *box,
                                   int               width,
                                   int               height,
                                   int               baseline)
{
  Columns columns;
  int widths[MAX_COLUMNS];
  int x = 0, c = 0;

  measure_columns (box, &columns);
  column_widths (&columns, width, widths);
  for (GtkWidget *cell = gtk_widget_get_first_child (box); cell && c < MAX_COLUMNS;
       cell = gtk_widget_get_next_sibling (cell), c++)
    {
      gtk_widget_size_allocate (cell, &(GtkAllocation) { x, 0, widths[c], height }, -1);
      x += widths[c] + CELL_SPACING;
    }
}

static GtkSizeRequestMode
dossier_table_row_layout_get_request_mode (GtkLayoutManager *manager,
                                           GtkWidget        *box)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dossier_table_row_layout_class_init (DossierTableRowLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = dossier_table_row_layout_measure;
  layout_class->allocate = dossier_table_row_layout_allocate;
  layout_class->get_request_mode = dossier_table_row_layout_get_request_mode;
}

static void
dossier_table_row_layout_init (DossierTableRowLayout *self)
{
}

static GtkWidget *
new_cell (const char *text,
          gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  return label;
}

/* Figures to copy: selectable, but not a stop of the Tab key each; the
 * row is the stop */
static GtkWidget *
new_figure (const char *text,
            gboolean    number)
{
  GtkWidget *label = new_cell (text, number);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  return label;
}

static GtkWidget *
new_row_box (void)
{
  /* a box only to hold the cells; they are laid out as columns */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_layout_manager (box, g_object_new (DOSSIER_TYPE_TABLE_ROW_LAYOUT, NULL));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  return box;
}

static gboolean
has_parts (DossierChart *chart)
{
  for (guint i = 0; i < dossier_chart_get_n_bars (chart); i++)
    if (dossier_chart_get_bar (chart, i)->part > 0)
      return TRUE;
  return FALSE;
}

static void
rebuild_table (DossierChartCard *self)
{
  guint n = dossier_chart_get_n_bars (self->chart);
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->table, 0)))
    gtk_list_box_remove (self->table, GTK_WIDGET (old));
  if (n == 0)
    return;

  /* the headers, as a row that is not one of the figures */
  if (self->label_header || self->value_header || self->part_header)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = new_row_box ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_box_append (GTK_BOX (box), new_cell (self->label_header ? self->label_header : "", FALSE));
      gtk_box_append (GTK_BOX (box), new_cell (self->value_header ? self->value_header : "", TRUE));
      if (self->part_header)
        gtk_box_append (GTK_BOX (box), new_cell (self->part_header, TRUE));
      /* the figures' headings wrap between words, right-aligned over
       * their figures */
      for (GtkWidget *cell = gtk_widget_get_first_child (box); cell; cell = gtk_widget_get_next_sibling (cell))
        {
          gtk_widget_add_css_class (cell, "caption-heading");
          if (cell == gtk_widget_get_first_child (box))
            continue;
          gtk_label_set_wrap (GTK_LABEL (cell), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (cell), PANGO_WRAP_WORD);
          gtk_label_set_justify (GTK_LABEL (cell), GTK_JUSTIFY_RIGHT);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->table, row);
    }

  for (guint i = 0; i < n; i++)
    {
      const DossierChartBar *bar = dossier_chart_get_bar (self->chart, i);
      g_autofree char *value = dossier_chart_format_value (bar->value);
      g_autofree char *part = bar->part > 0 ? dossier_chart_format_value (bar->part) : g_strdup ("");
      g_autofree char *description = dossier_chart_describe_bar (bar, self->part_header);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = new_row_box ();

      gtk_box_append (GTK_BOX (box), new_figure (bar->label ? bar->label : "", FALSE));
      gtk_box_append (GTK_BOX (box), new_figure (value, TRUE));
      if (self->part_header)
        gtk_box_append (GTK_BOX (box), new_figure (part, TRUE));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* a row said as a whole, its part named */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      g_object_set_data (G_OBJECT (row), "dossier-bar-index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->table, row);
    }
}

static void
update_legend (DossierChartCard *self)
{
  gtk_label_set_label (self->legend_label, self->part_header);
  gtk_widget_set_visible (self->legend, self->part_header != NULL && has_parts (self->chart));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  DossierChartColors colors;

  dossier_chart_get_style_colors (GTK_WIDGET (area), &colors);
  gdk_cairo_set_source_rgba (cr, &colors.part);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static void
on_table_toggled_cb (DossierChartCard *self)
{
  gtk_stack_set_visible_child_name (self->stack, gtk_toggle_button_get_active (self->table_button) ? "table"
                                                                                                   : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

static void
on_row_activated_cb (DossierChartCard *self,
                     GtkListBoxRow    *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "dossier-bar-index"));
  const DossierChartBar *bar = dossier_chart_get_bar (self->chart, index);

  if (bar)
    g_signal_emit (self, signals[BAR_ACTIVATED], 0, index, bar->key);
}

static void
on_bar_activated_cb (DossierChartCard *self,
                     guint             index,
                     const char       *key)
{
  g_signal_emit (self, signals[BAR_ACTIVATED], 0, index, key);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
dossier_chart_card_constructed (GObject *object)
{
  DossierChartCard *self = DOSSIER_CHART_CARD (object);

  G_OBJECT_CLASS (dossier_chart_card_parent_class)->constructed (object);

  self->chart = DOSSIER_CHART (dossier_chart_new (self->kind));
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  g_signal_connect_swapped (self->chart, "bar-activated", G_CALLBACK (on_bar_activated_cb), self);
  gtk_box_prepend (self->chart_box, GTK_WIDGET (self->chart));
  dossier_chart_set_title (self->chart, gtk_label_get_label (self->title_label));
}

static void
dossier_chart_card_dispose (GObject *object)
{
  DossierChartCard *self = DOSSIER_CHART_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CHART_CARD);
  /* the heading's box is not bound, so not unparented above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dossier_chart_card_parent_class)->dispose (object);
}

static void
dossier_chart_card_finalize (GObject *object)
{
  DossierChartCard *self = DOSSIER_CHART_CARD (object);

  g_free (self->label_header);
  g_free (self->value_header);
  g_free (self->part_header);

  G_OBJECT_CLASS (dossier_chart_card_parent_class)->finalize (object);
}

static void
dossier_chart_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DossierChartCard *self = DOSSIER_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, dossier_chart_card_get_title (self));
      break;
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, dossier_chart_card_get_show_table (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_chart_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DossierChartCard *self = DOSSIER_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_TITLE:
      dossier_chart_card_set_title (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TABLE:
      dossier_chart_card_set_show_table (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_chart_card_class_init (DossierChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dossier_chart_card_constructed;
  object_class->dispose = dossier_chart_card_dispose;
  object_class->finalize = dossier_chart_card_finalize;
  object_class->get_property = dossier_chart_card_get_property;
  object_class->set_property = dossier_chart_card_set_property;

  /* a DossierChartKind: columns (0) or bars (1) */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, DOSSIER_CHART_COLUMNS, DOSSIER_CHART_BARS,
                                            DOSSIER_CHART_COLUMNS,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TABLE] = g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierChartCard::bar-activated:
   * @index: the bar's place in the list given
   * @key: the bar's key
   *
   * A bar of the chart or a row of the table was activated.
   */
  signals[BAR_ACTIVATED] = g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, chart_box);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, legend);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, legend_label);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, legend_swatch);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, table);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, table_button);
  gtk_widget_class_bind_template_child (widget_class, DossierChartCard, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chart-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dossier_chart_card_init (DossierChartCard *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);

  gtk_drawing_area_set_draw_func (self->legend_swatch, draw_swatch, NULL, NULL);
  dossier_accessible_name (GTK_WIDGET (self->table_button), _("Show as Table"));

  placeholder = gtk_label_new (_("No actions in this period"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->table, placeholder);
}

/**
 * dossier_chart_card_new:
 * @title: (nullable): the heading, which also names the chart and the
 *   table for a screen reader ("Actions per Week")
 * @kind: columns over time, or horizontal bars
 *
 * Returns: (transfer floating): a card showing its chart
 */
GtkWidget *
dossier_chart_card_new (const char       *title,
                        DossierChartKind  kind)
{
  return g_object_new (DOSSIER_TYPE_CHART_CARD, "kind", kind, "title", title, NULL);
}

void
dossier_chart_card_set_title (DossierChartCard *self,
                              const char       *title)
{
  g_return_if_fail (DOSSIER_IS_CHART_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->title_label), title ? title : "") == 0)
    return;
  gtk_label_set_label (self->title_label, title);
  if (self->chart)
    dossier_chart_set_title (self->chart, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
dossier_chart_card_get_title (DossierChartCard *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART_CARD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * dossier_chart_card_set_bars:
 * @bars: (array length=n_bars): the bars, copied
 *
 * Shows @bars in the chart and in the table.
 */
void
dossier_chart_card_set_bars (DossierChartCard      *self,
                             const DossierChartBar *bars,
                             guint                  n_bars)
{
  g_return_if_fail (DOSSIER_IS_CHART_CARD (self));

  dossier_chart_set_bars (self->chart, bars, n_bars);
  rebuild_table (self);
  update_legend (self);
}

/**
 * dossier_chart_card_set_table_headers:
 * @label_header: (nullable): the heading of the labels' column ("Week")
 * @value_header: (nullable): of the values' column ("Actions")
 * @part_header: (nullable): of the parts' column ("From Reports"), or
 *   %NULL for no such column; it also names the shaded part of the bars
 *   in the chart's legend and tooltips
 */
void
dossier_chart_card_set_table_headers (DossierChartCard *self,
                                      const char       *label_header,
                                      const char       *value_header,
                                      const char       *part_header)
{
  g_return_if_fail (DOSSIER_IS_CHART_CARD (self));

  set_string (&self->label_header, label_header);
  set_string (&self->value_header, value_header);
  set_string (&self->part_header, part_header);
  dossier_chart_set_part_label (self->chart, part_header);
  rebuild_table (self);
  update_legend (self);
}

/**
 * dossier_chart_card_get_chart:
 *
 * Returns: (transfer none): the chart the card shows
 */
DossierChart *
dossier_chart_card_get_chart (DossierChartCard *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART_CARD (self), NULL);

  return self->chart;
}

gboolean
dossier_chart_card_get_show_table (DossierChartCard *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART_CARD (self), FALSE);

  return gtk_toggle_button_get_active (self->table_button);
}

/**
 * dossier_chart_card_set_show_table:
 *
 * Shows the figures as a table, or as the chart; as "Show as Table" does.
 */
void
dossier_chart_card_set_show_table (DossierChartCard *self,
                                   gboolean          show_table)
{
  g_return_if_fail (DOSSIER_IS_CHART_CARD (self));

  gtk_toggle_button_set_active (self->table_button, show_table);
}

/**
 * dossier_chart_card_to_csv:
 *
 * The table as CSV (RFC 4180): a row of the headers, then one row for
 * each bar, its label, its value and, when the table has the column, its
 * part. The figures are written as numbers, without the thousands
 * separators shown, so that a spreadsheet reads them as numbers.
 *
 * Returns: (transfer full): the CSV text, lines ending with CRLF
 */
char *
dossier_chart_card_to_csv (DossierChartCard *self)
{
  GString *out;

  g_return_val_if_fail (DOSSIER_IS_CHART_CARD (self), NULL);

  out = g_string_new (NULL);
  dossier_csv_append_field (out, self->label_header);
  dossier_csv_append_field (out, self->value_header);
  if (self->part_header)
    dossier_csv_append_field (out, self->part_header);
  dossier_csv_end_row (out);
  for (guint i = 0; i < dossier_chart_get_n_bars (self->chart); i++)
    {
      const DossierChartBar *bar = dossier_chart_get_bar (self->chart, i);
      char number[32];

      dossier_csv_append_field (out, bar->label);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, bar->value);
      dossier_csv_append_field (out, number);
      if (self->part_header)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, bar->part);
          dossier_csv_append_field (out, number);
        }
      dossier_csv_end_row (out);
    }
  return g_string_free (out, FALSE);
}
