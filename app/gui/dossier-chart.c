/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dossier-chart.h"

/* A bar chart of a few figures (actions per week, per channel), drawn by
 * one function, dossier_chart_render(), on any cairo surface: the widget's
 * snapshot and a printed report draw the same. Where each bar, label and
 * tick goes is worked out once, by layout_chart(), for drawing and for
 * finding the bar under the pointer alike. */

/* Spaces in pixels (points on paper) */
#define GAP           6.0  /* between a label and what it labels */
#define LABEL_GAP     8.0  /* least space between two labels under columns */
#define ROW_GAP       8.0  /* between two horizontal bars */
#define MIN_PLOT      24.0 /* the least length a bar may have to grow in */
#define MAX_COLUMN    64.0 /* the widest a column gets */

struct _DossierChart
{
  GtkWidget         parent_instance;

  DossierChartKind  kind;
  GArray           *bars;       /* of DossierChartBar, strings owned */
  char             *title;
  char             *part_label;
  int               hover;      /* the bar under the pointer, or -1 */
  int               focus;      /* the bar the keyboard is on, or -1 */
  int               pressed;    /* the bar a click began on, or -1 */
  gboolean          by_keys;    /* the keys moved along the bars last */
};

G_DEFINE_FINAL_TYPE (DossierChart, dossier_chart, GTK_TYPE_WIDGET)

enum
{
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Where one bar goes */
typedef struct
{
  graphene_rect_t slot;       /* where it is hit: its column or row */
  graphene_rect_t bar;        /* the bar, as long as its value */
  double          part;       /* the length of its part, from the base */
  gboolean        show_label; /* COLUMNS: labels are thinned out */
  double          label_x;    /* top left of the label */
  double          label_y;
  double          value_x;    /* BARS: top left of the value */
  double          value_y;
} BarPlace;

typedef struct
{
  gboolean         empty;
  double           line_height;
  graphene_rect_t  plot;        /* where the bars grow */
  gint64           top;         /* the value at the plot's far edge */
  gint64           tick_step;   /* COLUMNS */
  guint            n_intervals; /* COLUMNS: ticks, less the one at 0 */
  double           label_width; /* BARS: the labels' column */
  double           height;      /* BARS: the height all rows need */
  BarPlace        *places;
} Geometry;

static void
geometry_clear (Geometry *g)
{
  g_clear_pointer (&g->places, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Geometry, geometry_clear)

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

static gint64
bar_value (const DossierChartBar *bar)
{
  return MAX (bar->value, 0);
}

static gint64
bar_part (const DossierChartBar *bar)
{
  return CLAMP (bar->part, 0, bar_value (bar));
}

/* Numbers are in tabular figures, so that the ticks' line up */
static PangoLayout *
new_layout (PangoContext *context,
            gboolean      numeric)
{
  PangoLayout *layout = pango_layout_new (context);

  if (numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width)
    *width = w;
  if (height)
    *height = h;
}

static double
value_width (PangoLayout *layout,
             gint64       value)
{
  g_autofree char *text = dossier_chart_format_value (value);
  double width;

  text_size (layout, text, &width, NULL);
  return width;
}

/* A step between ticks of 1, 2 or 5 times a power of ten that divides
 * 0..max into 2 to 4 intervals (3 to 5 ticks); whole numbers only. */
static gint64
nice_step (gint64 max)
{
  double raw = max / 4.0;
  double magnitude = pow (10, floor (log10 (raw)));
  double norm = raw / magnitude;
  double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;

  return MAX ((gint64) ceil (nice * magnitude - 1e-9), 1);
}

static gint64
max_value (const DossierChartBar *bars,
           guint                  n_bars)
{
  gint64 max = 0;

  for (guint i = 0; i < n_bars; i++)
    max = MAX (max, bar_value (&bars[i]));
  return max;
}

static double
max_label_width (PangoLayout           *layout,
                 const DossierChartBar *bars,
                 guint                  n_bars)
{
  double max = 0;

  for (guint i = 0; i < n_bars; i++)
    {
      double w;

      text_size (layout, bars[i].label ? bars[i].label : "", &w, NULL);
      max = MAX (max, w);
    }
  return max;
}

static double
max_value_width (PangoLayout           *layout,
                 const DossierChartBar *bars,
                 guint                  n_bars)
{
  double max = 0;

  for (guint i = 0; i < n_bars; i++)
    max = MAX (max, value_width (layout, bar_value (&bars[i])));
  return max;
}

/* Columns over time: a y axis of nice ticks on the left, the labels under
 * the columns, as many as fit without touching, counted from the last
 * (the newest period keeps its label). */
static void
layout_columns (Geometry              *g,
                PangoContext          *context,
                double                 width,
                double                 height,
                const DossierChartBar *bars,
                guint                  n_bars)
{
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);
  g_autoptr(PangoLayout) numbers = new_layout (context, TRUE);
  double tick_width = 0, slot, column, next_left = width;
  gint64 max = max_value (bars, n_bars);

  g->tick_step = nice_step (max);
  g->n_intervals = MAX ((max + g->tick_step - 1) / g->tick_step, 2);
  g->top = g->tick_step * g->n_intervals;
  for (guint i = 0; i <= g->n_intervals; i++)
    tick_width = MAX (tick_width, value_width (numbers, g->tick_step * i));

  /* the top tick's label is centred on the top line */
  g->plot.origin.x = tick_width + GAP;
  g->plot.origin.y = ceil (g->line_height / 2) + 2;
  g->plot.size.width = MAX (width - g->plot.origin.x, n_bars);
  g->plot.size.height = MAX (height - g->plot.origin.y - g->line_height - GAP / 2, MIN_PLOT);

  slot = g->plot.size.width / n_bars;
  /* columns with room between them, as wide as a finger at most; a
   * year of weeks on a phone gets one pixel of space each */
  column = slot < 4 ? MAX (slot - 1, 1) : MIN (slot * 0.7, MAX_COLUMN);

  for (guint i = 0; i < n_bars; i++)
    {
      BarPlace *p = &g->places[i];
      double x = g->plot.origin.x + i * slot;
      double length = g->plot.size.height * bar_value (&bars[i]) / g->top;

      p->slot = GRAPHENE_RECT_INIT (x, 0, slot, height);
      p->bar = GRAPHENE_RECT_INIT (x + (slot - column) / 2, g->plot.origin.y + g->plot.size.height - length,
                                   column, length);
      p->part = g->plot.size.height * bar_part (&bars[i]) / g->top;
    }

  /* a label is shown where it fits: every k-th one from the last, k as
   * small as the widest label allows, and never over its neighbours
   * (the first, pushed right to stay in sight, may be dropped) */
  {
    double widest = max_label_width (layout, bars, n_bars);
    guint k = MAX ((guint) ceil ((widest + LABEL_GAP) / slot), 1);

    for (guint j = n_bars; j-- > 0;)
      {
        BarPlace *p = &g->places[j];
        double w, x;

        if ((n_bars - 1 - j) % k != 0)
          continue;
        text_size (layout, bars[j].label ? bars[j].label : "", &w, NULL);
        x = p->slot.origin.x + slot / 2 - w / 2;
        x = CLAMP (x, 0, MAX (width - w, 0));
        if (next_left < width && x + w + LABEL_GAP > next_left)
          continue;
        p->show_label = TRUE;
        p->label_x = x;
        p->label_y = g->plot.origin.y + g->plot.size.height + GAP / 2;
        next_left = x;
      }
  }
}

/* Horizontal bars, one row each: the label on the left (wrapped when it
 * takes more than 40 % of the width), the bar, its value at its end. */
static void
layout_bars (Geometry              *g,
             PangoContext          *context,
             double                 width,
             const DossierChartBar *bars,
             guint                  n_bars)
{
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);
  g_autoptr(PangoLayout) numbers = new_layout (context, TRUE);
  double values = max_value_width (numbers, bars, n_bars);
  double thickness = ceil (g->line_height * 1.2);
  double y = 0;

  g->top = max_value (bars, n_bars);
  g->label_width = MIN (ceil (max_label_width (layout, bars, n_bars)), MAX (floor (width * 0.4), 48));
  g->plot.origin.x = g->label_width + 2 * GAP;
  g->plot.origin.y = 0;
  g->plot.size.width = MAX (width - g->plot.origin.x - GAP - values, MIN_PLOT);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (g->label_width * PANGO_SCALE));
  for (guint i = 0; i < n_bars; i++)
    {
      BarPlace *p = &g->places[i];
      double label_height, row, length;

      text_size (layout, bars[i].label ? bars[i].label : "", NULL, &label_height);
      row = MAX (label_height, thickness);
      length = g->plot.size.width * bar_value (&bars[i]) / g->top;

      p->slot = GRAPHENE_RECT_INIT (0, y, width, row + ROW_GAP);
      p->bar = GRAPHENE_RECT_INIT (g->plot.origin.x, y + ROW_GAP / 2 + (row - thickness) / 2, length, thickness);
      p->part = g->plot.size.width * bar_part (&bars[i]) / g->top;
      p->show_label = TRUE;
      p->label_x = 0;
      p->label_y = y + ROW_GAP / 2 + (row - label_height) / 2;
      p->value_x = g->plot.origin.x + length + GAP;
      p->value_y = y + ROW_GAP / 2 + (row - g->line_height) / 2;
      y += row + ROW_GAP;
    }
  g->height = y;
  g->plot.size.height = y;
}

static void
layout_chart (Geometry              *g,
              PangoContext          *context,
              double                 width,
              double                 height,
              DossierChartKind       kind,
              const DossierChartBar *bars,
              guint                  n_bars)
{
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);

  *g = (Geometry) { 0 };
  text_size (layout, "0", NULL, &g->line_height);
  g->empty = dossier_chart_bars_are_empty (bars, n_bars);
  if (g->empty)
    {
      g->height = g->line_height + 4 * GAP;
      return;
    }
  g->places = g_new0 (BarPlace, n_bars);
  if (kind == DOSSIER_CHART_COLUMNS)
    layout_columns (g, context, width, height, bars, n_bars);
  else
    layout_bars (g, context, width, bars, n_bars);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  set_source (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A rectangle with the corners at its far end rounded: the top of a
 * column, the right end of a bar */
static void
bar_path (cairo_t               *cr,
          const graphene_rect_t *r,
          DossierChartKind       kind)
{
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;
  double radius = MIN (3, MIN (w, h) / 3);

  if (radius < 1)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  if (kind == DOSSIER_CHART_COLUMNS)
    {
      cairo_move_to (cr, x, y + h);
      cairo_arc (cr, x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
      cairo_arc (cr, x + w - radius, y + radius, radius, 1.5 * G_PI, 2 * G_PI);
      cairo_line_to (cr, x + w, y + h);
    }
  else
    {
      cairo_move_to (cr, x, y);
      cairo_arc (cr, x + w - radius, y + radius, radius, 1.5 * G_PI, 2 * G_PI);
      cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, 0.5 * G_PI);
      cairo_line_to (cr, x, y + h);
    }
  cairo_close_path (cr);
}

static void
draw_bar (cairo_t                  *cr,
          const BarPlace           *p,
          DossierChartKind          kind,
          const DossierChartColors *colors)
{
  const graphene_rect_t *r = &p->bar;

  if (r->size.width <= 0 || r->size.height <= 0)
    return;
  bar_path (cr, r, kind);
  set_source (cr, &colors->bar);
  cairo_fill (cr);
  if (p->part <= 0)
    return;
  /* the part over the bar's base, clipped to the bar's rounded shape */
  cairo_save (cr);
  bar_path (cr, r, kind);
  cairo_clip (cr);
  if (kind == DOSSIER_CHART_COLUMNS)
    cairo_rectangle (cr, r->origin.x, r->origin.y + r->size.height - p->part, r->size.width, p->part);
  else
    cairo_rectangle (cr, r->origin.x, r->origin.y, p->part, r->size.height);
  set_source (cr, &colors->part);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
render_columns (cairo_t                  *cr,
                PangoContext             *context,
                const Geometry           *g,
                double                    width,
                const DossierChartBar    *bars,
                guint                     n_bars,
                const DossierChartColors *colors,
                int                       highlighted)
{
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);
  g_autoptr(PangoLayout) numbers = new_layout (context, TRUE);
  double bottom = g->plot.origin.y + g->plot.size.height;

  /* grid lines and their ticks, on whole pixels so they stay crisp */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= g->n_intervals; i++)
    {
      g_autofree char *text = dossier_chart_format_value (g->tick_step * i);
      double y = round (bottom - g->plot.size.height * i / g->n_intervals) - 0.5;
      double w;

      set_source (cr, &colors->grid);
      cairo_move_to (cr, g->plot.origin.x, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
      text_size (numbers, text, &w, NULL);
      show_text (cr, numbers, text, g->plot.origin.x - GAP - w, y - g->line_height / 2, &colors->fg);
    }

  for (guint i = 0; i < n_bars; i++)
    draw_bar (cr, &g->places[i], DOSSIER_CHART_COLUMNS, colors);
  for (guint i = 0; i < n_bars; i++)
    if (g->places[i].show_label)
      show_text (cr, layout, bars[i].label ? bars[i].label : "", g->places[i].label_x, g->places[i].label_y,
                 &colors->fg);

  /* the highlighted column says its value above it */
  if (highlighted >= 0 && (guint) highlighted < n_bars)
    {
      const BarPlace *p = &g->places[highlighted];
      g_autofree char *text = dossier_chart_format_value (bar_value (&bars[highlighted]));
      double w, x, y;

      text_size (numbers, text, &w, NULL);
      x = CLAMP (p->bar.origin.x + p->bar.size.width / 2 - w / 2, g->plot.origin.x, MAX (width - w, 0));
      y = MAX (p->bar.origin.y - GAP / 2 - g->line_height, 0);
      show_text (cr, numbers, text, x, y, &colors->fg);
    }
}

static void
render_bars (cairo_t                  *cr,
             PangoContext             *context,
             const Geometry           *g,
             const DossierChartBar    *bars,
             guint                     n_bars,
             const DossierChartColors *colors)
{
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);
  g_autoptr(PangoLayout) numbers = new_layout (context, TRUE);
  double x = round (g->plot.origin.x) - 0.5;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (g->label_width * PANGO_SCALE));

  /* the axis the bars grow from */
  cairo_set_line_width (cr, 1);
  set_source (cr, &colors->grid);
  cairo_move_to (cr, x, 0);
  cairo_line_to (cr, x, g->height);
  cairo_stroke (cr);

  for (guint i = 0; i < n_bars; i++)
    {
      const BarPlace *p = &g->places[i];
      g_autofree char *value = dossier_chart_format_value (bar_value (&bars[i]));

      draw_bar (cr, p, DOSSIER_CHART_BARS, colors);
      show_text (cr, layout, bars[i].label ? bars[i].label : "", p->label_x, p->label_y, &colors->fg);
      show_text (cr, numbers, value, p->value_x, p->value_y, &colors->fg);
    }
}

static void
render_empty (cairo_t                  *cr,
              PangoContext             *context,
              double                    width,
              double                    height,
              const DossierChartColors *colors)
{
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);
  GdkRGBA dim = colors->fg;
  double h;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  text_size (layout, _("No actions in this period"), NULL, &h);
  dim.alpha *= 0.7;
  show_text (cr, layout, _("No actions in this period"), 0, MAX ((height - h) / 2, 0), &dim);
}

/* Whether the keyboard's place is shown: when the focus came with the
 * keyboard (GTK's focus-visible, which only a move between widgets sets),
 * or since the arrow keys moved along the bars */
static gboolean
shows_keyboard (DossierChart *self)
{
  return self->focus >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)) &&
         (self->by_keys || (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_VISIBLE));
}

/* The bar that the keyboard or the pointer is on, or -1 */
static int
highlighted_bar (DossierChart *self)
{
  if (shows_keyboard (self))
    return self->focus;
  return self->hover;
}

static const DossierChartBar *
bars_of (DossierChart *self)
{
  return (const DossierChartBar *) self->bars->data;
}

static void
widget_geometry (DossierChart *self,
                 Geometry     *g)
{
  layout_chart (g, gtk_widget_get_pango_context (GTK_WIDGET (self)),
                gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                self->kind, bars_of (self), self->bars->len);
}

static void
update_accessible (DossierChart *self)
{
  g_autofree char *description = dossier_chart_describe_bars (bars_of (self), self->bars->len, self->part_label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_hover (DossierChart *self,
           int           hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focus_bar (DossierChart *self,
               int           focus)
{
  if (self->focus == focus)
    return;
  self->focus = focus;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_bar (DossierChart *self,
              guint         index)
{
  g_assert (index < self->bars->len);

  g_signal_emit (self, signals[BAR_ACTIVATED], 0, index, bars_of (self)[index].key);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              DossierChart             *self)
{
  int hover = dossier_chart_bar_at (self, x, y);

  /* the pointer moving to another bar takes over from the keys */
  if (hover != self->hover && self->by_keys)
    {
      self->by_keys = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  set_hover (self, hover);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             DossierChart             *self)
{
  set_hover (self, -1);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               DossierChart    *self)
{
  self->pressed = n_press == 1 ? dossier_chart_bar_at (self, x, y) : -1;
  if (self->pressed >= 0)
    {
      self->by_keys = FALSE;
      set_focus_bar (self, self->pressed);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                DossierChart    *self)
{
  int index = dossier_chart_bar_at (self, x, y);

  if (index >= 0 && index == self->pressed)
    activate_bar (self, index);
  self->pressed = -1;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DossierChart          *self)
{
  int n = self->bars->len;
  int focus = self->focus;
  gboolean vertical = self->kind == DOSSIER_CHART_BARS;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      focus = focus < 0 ? 0 : MAX (focus - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      focus = focus < 0 ? 0 : MIN (focus + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!vertical)
        return GDK_EVENT_PROPAGATE;
      focus = focus < 0 ? 0 : MAX (focus - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!vertical)
        return GDK_EVENT_PROPAGATE;
      focus = focus < 0 ? 0 : MIN (focus + 1, n - 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      focus = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      focus = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (focus < 0)
        return GDK_EVENT_PROPAGATE;
      activate_bar (self, focus);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  self->by_keys = TRUE;
  set_focus_bar (self, focus);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_EVENT_STOP;
}

static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   DossierChart            *self)
{
  if (self->focus < 0 && self->bars->len > 0)
    set_focus_bar (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   DossierChart            *self)
{
  self->by_keys = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard,
                     GtkTooltip   *tooltip,
                     DossierChart *self)
{
  int index = keyboard ? self->focus : dossier_chart_bar_at (self, x, y);
  g_autofree char *text = NULL;
  graphene_rect_t area;

  if (index < 0 || !dossier_chart_get_bar_area (self, index, &area))
    return FALSE;
  text = dossier_chart_describe_bar (&bars_of (self)[index], self->part_label);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (area.origin.x), floor (area.origin.y),
                                                       ceil (area.size.width), ceil (area.size.height) });
  return TRUE;
}

static void
dossier_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DossierChart *self = DOSSIER_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  DossierChartColors colors;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  dossier_chart_get_style_colors (widget, &colors);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dossier_chart_render (cr, gtk_widget_get_pango_context (widget), width, height, self->kind,
                        bars_of (self), self->bars->len, &colors, highlighted_bar (self));

  /* the keyboard's place, ringed as libadwaita rings a focused control */
  if (shows_keyboard (self))
    {
      graphene_rect_t area;
      GdkRGBA ring;

      if (dossier_chart_get_bar_area (self, self->focus, &area))
        {
          if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &ring))
            ring = colors.bar;
          ring.alpha *= 0.5;
          set_source (cr, &ring);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, area.origin.x + 1, area.origin.y + 1,
                           MAX (area.size.width - 2, 0), MAX (area.size.height - 2, 0));
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static GtkSizeRequestMode
dossier_chart_get_request_mode (GtkWidget *widget)
{
  return DOSSIER_CHART (widget)->kind == DOSSIER_CHART_BARS ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                                            : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* Columns: a y axis and a few pixels a column at the least, 36 pixels a
 * column at ease. Bars: labels wrapped to 80 pixels and a short bar at
 * the least, and as high as their rows at the width given. */
static void
dossier_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DossierChart *self = DOSSIER_CHART (widget);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const DossierChartBar *bars = bars_of (self);
  guint n = self->bars->len;
  g_autoptr(PangoLayout) layout = new_layout (context, FALSE);
  g_autoptr(PangoLayout) numbers = new_layout (context, TRUE);
  double labels = max_label_width (layout, bars, n);
  double values = max_value_width (numbers, bars, n);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (self->kind == DOSSIER_CHART_COLUMNS)
        {
          /* the widest tick is about as wide as the largest value */
          *minimum = ceil (values + GAP + MAX (n * 3, 120));
          *natural = ceil (values + GAP + MAX (n * 36, 240));
        }
      else
        {
          *minimum = ceil (MIN (labels, 80) + 2 * GAP + MIN_PLOT * 2 + GAP + values);
          *natural = ceil (labels + 2 * GAP + 240 + GAP + values);
        }
    }
  else if (self->kind == DOSSIER_CHART_COLUMNS)
    {
      *minimum = 140;
      *natural = 220;
    }
  else
    {
      int width = for_size, least;

      if (width < 0)
        dossier_chart_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &least, &width, NULL, NULL);
      *minimum = *natural = ceil (dossier_chart_measure_height (context, width, self->kind, bars, n));
    }
}

static void
dossier_chart_finalize (GObject *object)
{
  DossierChart *self = DOSSIER_CHART (object);

  g_array_unref (self->bars);
  g_free (self->title);
  g_free (self->part_label);

  G_OBJECT_CLASS (dossier_chart_parent_class)->finalize (object);
}

static void
dossier_chart_class_init (DossierChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dossier_chart_finalize;
  widget_class->snapshot = dossier_chart_snapshot;
  widget_class->measure = dossier_chart_measure;
  widget_class->get_request_mode = dossier_chart_get_request_mode;

  /**
   * DossierChart::bar-activated:
   * @index: the bar's place in the list given
   * @key: the bar's key
   *
   * A bar was clicked, or chosen with the keyboard and Enter.
   */
  signals[BAR_ACTIVATED] = g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
clear_bar (gpointer data)
{
  DossierChartBar *bar = data;

  g_free ((char *) bar->key);
  g_free ((char *) bar->label);
}

static void
dossier_chart_init (DossierChart *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->bars = g_array_new (FALSE, TRUE, sizeof (DossierChartBar));
  g_array_set_clear_func (self->bars, clear_bar);
  self->hover = self->focus = self->pressed = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

/**
 * dossier_chart_new:
 * @kind: columns over time, or horizontal bars
 *
 * Returns: (transfer floating): an empty chart
 */
GtkWidget *
dossier_chart_new (DossierChartKind kind)
{
  DossierChart *self = g_object_new (DOSSIER_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

DossierChartKind
dossier_chart_get_kind (DossierChart *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART (self), DOSSIER_CHART_COLUMNS);

  return self->kind;
}

/**
 * dossier_chart_set_bars:
 * @bars: (array length=n_bars): the bars, in the order shown (the oldest
 *   period first, or the largest group first); copied
 *
 * Shows @bars in place of the chart's; the keyboard's place is kept when
 * there are still as many bars.
 */
void
dossier_chart_set_bars (DossierChart          *self,
                        const DossierChartBar *bars,
                        guint                  n_bars)
{
  g_return_if_fail (DOSSIER_IS_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      DossierChartBar copy = {
        .key = g_strdup (bars[i].key),
        .label = g_strdup (bars[i].label),
        .value = bars[i].value,
        .part = bars[i].part,
      };

      g_array_append_val (self->bars, copy);
    }
  if (self->focus >= (int) n_bars)
    self->focus = n_bars > 0 ? (int) n_bars - 1 : -1;
  self->hover = self->pressed = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
dossier_chart_get_n_bars (DossierChart *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART (self), 0);

  return self->bars->len;
}

/**
 * dossier_chart_get_bar:
 *
 * Returns: (transfer none) (nullable): the bar at @index, or %NULL
 */
const DossierChartBar *
dossier_chart_get_bar (DossierChart *self,
                       guint         index)
{
  g_return_val_if_fail (DOSSIER_IS_CHART (self), NULL);

  return index < self->bars->len ? &bars_of (self)[index] : NULL;
}

/**
 * dossier_chart_set_title:
 * @title: (nullable): what the chart shows ("Actions per Week"), which
 *   names it for a screen reader
 */
void
dossier_chart_set_title (DossierChart *self,
                         const char   *title)
{
  g_return_if_fail (DOSSIER_IS_CHART (self));

  if (set_string (&self->title, title))
    update_accessible (self);
}

const char *
dossier_chart_get_title (DossierChart *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART (self), NULL);

  return self->title;
}

/**
 * dossier_chart_set_part_label:
 * @part_label: (nullable): what the part of a bar is ("From Reports"),
 *   said in the tooltips and to a screen reader beside its figure
 */
void
dossier_chart_set_part_label (DossierChart *self,
                              const char   *part_label)
{
  g_return_if_fail (DOSSIER_IS_CHART (self));

  if (set_string (&self->part_label, part_label))
    update_accessible (self);
}

const char *
dossier_chart_get_part_label (DossierChart *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART (self), NULL);

  return self->part_label;
}

/**
 * dossier_chart_bar_at:
 * @x: in the chart's coordinates
 * @y: in the chart's coordinates
 *
 * The bar whose column (or row) holds the point, its label included.
 *
 * Returns: the bar's index, or -1
 */
int
dossier_chart_bar_at (DossierChart *self,
                      double        x,
                      double        y)
{
  g_auto(Geometry) g = { 0 };

  g_return_val_if_fail (DOSSIER_IS_CHART (self), -1);

  widget_geometry (self, &g);
  if (g.empty)
    return -1;
  for (guint i = 0; i < self->bars->len; i++)
    if (graphene_rect_contains_point (&g.places[i].slot, &GRAPHENE_POINT_INIT (x, y)))
      return i;
  return -1;
}

/**
 * dossier_chart_get_bar_area:
 * @area: (out): the column or row of the bar, in the chart's coordinates
 *
 * Returns: whether the bar at @index is drawn
 */
gboolean
dossier_chart_get_bar_area (DossierChart    *self,
                            guint            index,
                            graphene_rect_t *area)
{
  g_auto(Geometry) g = { 0 };

  g_return_val_if_fail (DOSSIER_IS_CHART (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (index >= self->bars->len)
    return FALSE;
  widget_geometry (self, &g);
  if (g.empty)
    return FALSE;
  *area = g.places[index].slot;
  return TRUE;
}

/**
 * dossier_chart_get_focus_bar:
 *
 * Returns: the bar the keyboard is on (Left and Right move it), or -1
 */
int
dossier_chart_get_focus_bar (DossierChart *self)
{
  g_return_val_if_fail (DOSSIER_IS_CHART (self), -1);

  return self->focus;
}

static void
mix (GdkRGBA       *out,
     const GdkRGBA *a,
     const GdkRGBA *b,
     double         t)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha;
}

/**
 * dossier_chart_get_style_colors:
 * @widget: a widget in the window the chart is drawn for
 * @colors: (out): the text's colour, and libadwaita's accent for the bars
 *
 * The colours of the style in use, light or dark: the bars in the accent
 * colour, their parts a shade towards the text's colour (darker in the
 * light style, lighter in the dark), grid lines and highlights faint.
 */
void
dossier_chart_get_style_colors (GtkWidget          *widget,
                                DossierChartColors *colors)
{
  GtkStyleContext *context;
  GdkRGBA opaque_fg;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (colors != NULL);

  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &colors->fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &colors->bar))
    colors->bar = (GdkRGBA) { 0.208, 0.518, 0.894, 1 };
  opaque_fg = colors->fg;
  opaque_fg.alpha = 1;
  mix (&colors->part, &colors->bar, &opaque_fg, 0.5);
  colors->grid = colors->fg;
  colors->grid.alpha *= 0.15;
  colors->highlight = colors->fg;
  colors->highlight.alpha *= 0.08;
}

/**
 * dossier_chart_get_print_colors:
 * @colors: (out): colours for paper
 *
 * Black text, grey grid lines, mid blue bars with dark blue parts, which
 * a grey printer still tells apart.
 */
void
dossier_chart_get_print_colors (DossierChartColors *colors)
{
  g_return_if_fail (colors != NULL);

  *colors = (DossierChartColors) {
    .fg = { 0, 0, 0, 1 },
    .grid = { 0.75, 0.75, 0.75, 1 },
    .bar = { 0.290, 0.525, 0.784, 1 },
    .part = { 0.114, 0.282, 0.478, 1 },
    .highlight = { 0, 0, 0, 0.08 },
  };
}

/**
 * dossier_chart_format_value:
 *
 * Returns: (transfer full): @value as the locale writes it, thousands
 *   separated ("1,204", "1 204")
 */
char *
dossier_chart_format_value (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/**
 * dossier_chart_bars_are_empty:
 *
 * Returns: whether there is nothing to draw: no bar, or none above 0
 */
gboolean
dossier_chart_bars_are_empty (const DossierChartBar *bars,
                              guint                  n_bars)
{
  return max_value (bars, n_bars) == 0;
}

/**
 * dossier_chart_describe_bar:
 * @part_label: (nullable): what the part of a bar is
 *
 * Returns: (transfer full): the bar in words, its part said when it has
 *   one and @part_label names it: "Letter: 1,204 (From Reports: 310)"
 */
char *
dossier_chart_describe_bar (const DossierChartBar *bar,
                            const char            *part_label)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (bar != NULL, NULL);

  value = dossier_chart_format_value (bar_value (bar));
  if (part_label && bar_part (bar) > 0)
    {
      g_autofree char *part = dossier_chart_format_value (bar_part (bar));

      /* Translators: one bar of a chart in words, with the part of it
       * that is shaded apart, e.g. "W14: 1,204 (From Reports: 310)":
       * the bar's label, its figure, what the part is, the part's figure */
      return g_strdup_printf (C_("chart", "%1$s: %2$s (%3$s: %4$s)"), bar->label ? bar->label : "", value,
                              part_label, part);
    }
  /* Translators: one bar of a chart in words, e.g. "Letter: 1,204": the
   * bar's label and its figure */
  return g_strdup_printf (C_("chart", "%1$s: %2$s"), bar->label ? bar->label : "", value);
}

/**
 * dossier_chart_describe_bars:
 * @bars: (array length=n_bars): the bars
 * @part_label: (nullable): what the part of a bar is
 *
 * Returns: (transfer full): all the figures in words, for a screen
 *   reader: "Letter: 1,204; Email: 310", or that there is none
 */
char *
dossier_chart_describe_bars (const DossierChartBar *bars,
                             guint                  n_bars,
                             const char            *part_label)
{
  GString *text;

  g_return_val_if_fail (bars != NULL || n_bars == 0, NULL);

  if (dossier_chart_bars_are_empty (bars, n_bars))
    return g_strdup (_("No actions in this period"));
  text = g_string_new (NULL);
  for (guint i = 0; i < n_bars; i++)
    {
      g_autofree char *bar = dossier_chart_describe_bar (&bars[i], part_label);

      if (i > 0)
        /* Translators: separates the figures of a chart, as a screen
         * reader says them all: "Letter: 1,204; Email: 310; Phone call: 12" */
        g_string_append (text, C_("chart", "; "));
      g_string_append (text, bar);
    }
  return g_string_free (text, FALSE);
}

/**
 * dossier_chart_measure_height:
 * @context: the context of the text, its font set
 * @width: the width the chart is given
 *
 * Returns: the height horizontal bars need at @width, each row as high as
 *   its label; for columns, which take any height, a height that suits
 */
double
dossier_chart_measure_height (PangoContext          *context,
                              double                 width,
                              DossierChartKind       kind,
                              const DossierChartBar *bars,
                              guint                  n_bars)
{
  g_auto(Geometry) g = { 0 };

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (bars != NULL || n_bars == 0, 0);

  if (kind == DOSSIER_CHART_COLUMNS)
    return 220;
  layout_chart (&g, context, width, 0, kind, bars, n_bars);
  return g.height;
}

/**
 * dossier_chart_render:
 * @cr: where to draw, from (0, 0)
 * @context: the context of the text, its font set: a widget's, or one of
 *   pango_cairo_create_context() for paper
 * @width: the width to draw in
 * @height: the height to draw in (horizontal bars take what
 *   dossier_chart_measure_height() says and leave the rest)
 * @bars: (array length=n_bars): the bars
 * @colors: the colours to draw in
 * @highlighted: the bar to draw highlighted (its column saying its
 *   value), or -1
 *
 * Draws the chart, or says there is nothing to draw when no bar has a
 * value above 0.
 */
void
dossier_chart_render (cairo_t                  *cr,
                      PangoContext             *context,
                      double                    width,
                      double                    height,
                      DossierChartKind          kind,
                      const DossierChartBar    *bars,
                      guint                     n_bars,
                      const DossierChartColors *colors,
                      int                       highlighted)
{
  g_auto(Geometry) g = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (bars != NULL || n_bars == 0);
  g_return_if_fail (colors != NULL);

  cairo_save (cr);
  layout_chart (&g, context, width, height, kind, bars, n_bars);
  if (g.empty)
    render_empty (cr, context, width, height, colors);
  else
    {
      if (highlighted >= 0 && (guint) highlighted < n_bars)
        {
          const graphene_rect_t *slot = &g.places[highlighted].slot;

          set_source (cr, &colors->highlight);
          cairo_rectangle (cr, slot->origin.x, slot->origin.y, slot->size.width, slot->size.height);
          cairo_fill (cr);
        }
      if (kind == DOSSIER_CHART_COLUMNS)
        render_columns (cr, context, &g, width, bars, n_bars, colors, highlighted);
      else
        render_bars (cr, context, &g, bars, n_bars, colors);
    }
  cairo_restore (cr);
}
