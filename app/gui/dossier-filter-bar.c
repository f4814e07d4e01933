/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-filter-bar.h"

/* A row of drop-downs that filter what is shown under them (Progress's
 * period, urgent action and group). In a narrow window they would take a
 * full-width row each: below COMPACT_BELOW pixels they fold behind one
 * Filters button ("2 Filters On"), in its popover, and come back to the
 * bar when there is room again. My Actions and Progress use it. */

#define COMPACT_BELOW 520

struct _DossierFilterBar
{
  GtkWidget      parent_instance;

  GtkFlowBox    *filters;
  GtkMenuButton *filters_button;
  GtkPopover    *filters_popover;
  GPtrArray     *drop_downs;
  gboolean       compact;
  guint          compact_idle;
};

G_DEFINE_FINAL_TYPE (DossierFilterBar, dossier_filter_bar, GTK_TYPE_WIDGET)

/* The folded bar's button says how many filters are on. */
static void
update_filters_button (DossierFilterBar *self)
{
  g_autofree char *label = NULL;
  guint n = 0;

  for (guint i = 0; i < self->drop_downs->len; i++)
    n += gtk_drop_down_get_selected (g_ptr_array_index (self->drop_downs, i)) > 0;
  if (n == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the button that holds the filters of My Actions or
     * Progress in a narrow window */
    label = g_strdup_printf (ngettext ("%u Filter On", "%u Filters On", n), n);
  gtk_menu_button_set_label (self->filters_button, label);
}

static gboolean
set_compact_cb (gpointer data)
{
  DossierFilterBar *self = data;
  gboolean compact = gtk_widget_get_width (GTK_WIDGET (self)) < COMPACT_BELOW;

  self->compact_idle = 0;
  if (compact == self->compact)
    return G_SOURCE_REMOVE;
  self->compact = compact;
  g_object_ref (self->filters);
  if (compact)
    {
      gtk_widget_unparent (GTK_WIDGET (self->filters));
      gtk_flow_box_set_max_children_per_line (self->filters, 1);
      gtk_popover_set_child (self->filters_popover, GTK_WIDGET (self->filters));
    }
  else
    {
      gtk_popover_popdown (self->filters_popover);
      gtk_popover_set_child (self->filters_popover, NULL);
      gtk_flow_box_set_max_children_per_line (self->filters, MAX (self->drop_downs->len, 1));
      gtk_widget_insert_after (GTK_WIDGET (self->filters), GTK_WIDGET (self), GTK_WIDGET (self->filters_button));
    }
  g_object_unref (self->filters);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), compact);
  return G_SOURCE_REMOVE;
}

/* The bar lays its children out in a column itself (no layout manager:
 * with one, GTK does not call size_allocate), so that it sees its width. */
static void
dossier_filter_bar_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &child_min, &child_nat, NULL, NULL);
      /* as tall as the children need at this width, which is what
       * size_allocate gives them: a flow box's natural height (its
       * filters one a line) would leave a gap under them */
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += child_min;
          *natural += child_min;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

static GtkSizeRequestMode
dossier_filter_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The bar's width decides whether its filters fold; the change is made
 * after this allocation, not during it. */
static void
dossier_filter_bar_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  DossierFilterBar *self = DOSSIER_FILTER_BAR (widget);
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_min }, -1);
      y += child_min;
    }
  if ((width < COMPACT_BELOW) != self->compact && self->compact_idle == 0)
    self->compact_idle = g_idle_add (set_compact_cb, self);
}

static void
dossier_filter_bar_dispose (GObject *object)
{
  DossierFilterBar *self = DOSSIER_FILTER_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->compact_idle, g_source_remove);
  g_clear_pointer (&self->drop_downs, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dossier_filter_bar_parent_class)->dispose (object);
}

static void
dossier_filter_bar_class_init (DossierFilterBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dossier_filter_bar_dispose;
  GTK_WIDGET_CLASS (klass)->size_allocate = dossier_filter_bar_size_allocate;
  GTK_WIDGET_CLASS (klass)->measure = dossier_filter_bar_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = dossier_filter_bar_get_request_mode;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "filter-bar");
}

static void
dossier_filter_bar_init (DossierFilterBar *self)
{
  self->drop_downs = g_ptr_array_new ();
  /* as tall as what it holds, in a tall window too */
  gtk_widget_set_vexpand (GTK_WIDGET (self), FALSE);

  self->filters_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  self->filters_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_menu_button_set_popover (self->filters_button, GTK_WIDGET (self->filters_popover));
  gtk_menu_button_set_always_show_arrow (self->filters_button, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->filters_button), GTK_ALIGN_START);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->filters_button), GTK_WIDGET (self));

  self->filters = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->filters, GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (self->filters, 1);
  gtk_flow_box_set_homogeneous (self->filters, TRUE);
  gtk_flow_box_set_column_spacing (self->filters, 6);
  gtk_flow_box_set_row_spacing (self->filters, 6);
  gtk_widget_set_parent (GTK_WIDGET (self->filters), GTK_WIDGET (self));
  update_filters_button (self);
}

DossierFilterBar *
dossier_filter_bar_new (const char *tooltip)
{
  DossierFilterBar *self = g_object_new (DOSSIER_TYPE_FILTER_BAR, NULL);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters_button), tooltip);
  return self;
}

/* Adds @drop_down after the others. */
void
dossier_filter_bar_add (DossierFilterBar *self,
                        GtkDropDown      *drop_down)
{
  g_return_if_fail (DOSSIER_IS_FILTER_BAR (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_ptr_array_add (self->drop_downs, drop_down);
  gtk_flow_box_append (self->filters, GTK_WIDGET (drop_down));
  if (!self->compact)
    gtk_flow_box_set_max_children_per_line (self->filters, self->drop_downs->len);
  /* Tab goes to the drop-down, not first to the cell around it */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (drop_down)), FALSE);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (update_filters_button), self,
                           G_CONNECT_SWAPPED);
  update_filters_button (self);
}

/* Whether the filters are folded behind their button. */
gboolean
dossier_filter_bar_is_compact (DossierFilterBar *self)
{
  g_return_val_if_fail (DOSSIER_IS_FILTER_BAR (self), FALSE);

  return self->compact && gtk_widget_get_visible (GTK_WIDGET (self->filters_button));
}
