/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-accessible.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-logging.h"
#include "dossier-my-actions.h"
#include "dossier-urgent-action.h"

/* The bar over My Actions: filters by urgent action, channel, state and
 * period, and the totals of what the filters show ("12 letters, 3 emails
 * this month"). In a narrow window the four filters would take four
 * full-width rows: below COMPACT_BELOW pixels they fold behind one
 * Filters button ("2 Filters On"), in its popover, and come back to the
 * bar when there is room again. */

#define COMPACT_BELOW 520

struct _DossierMyActionsBar
{
  GtkWidget     parent_instance;

  GtkFlowBox   *filters;
  GtkMenuButton *filters_button;
  GtkPopover   *filters_popover;
  gboolean      compact;
  guint         compact_idle;
  GtkDropDown  *ua_filter;
  GtkDropDown  *channel_filter;
  GtkDropDown  *state_filter;
  GtkDropDown  *period_filter;
  GtkLabel     *totals;

  DossierStore *store;
  GStrv         ua_ids;     /* the UA filter's values after "All" */
  gboolean      refilling;
  gboolean      loaded;     /* read from the store once first shown, not at start-up */
  gulong        changed_id;
};

G_DEFINE_FINAL_TYPE (DossierMyActionsBar, dossier_my_actions_bar, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PERIOD_ALL,
  PERIOD_WEEK,
  PERIOD_MONTH,
  PERIOD_YEAR,
};

static GtkDropDown *
drop_down_new (GtkStringList *items,
               const char    *label)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (items), NULL));

  dossier_accessible_name_drop_down (drop_down, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), label);
  return drop_down;
}

static GtkDropDown *
enum_drop_down (DossierEnum  which,
                const char  *all,
                const char  *label)
{
  return drop_down_new (GTK_STRING_LIST (dossier_enum_model (which, all)), label);
}

static const char *
selected_enum (GtkDropDown *drop_down,
               DossierEnum  which)
{
  return dossier_enum_id_at (which, gtk_drop_down_get_selected (drop_down), TRUE);
}

/* The first day of the chosen period, or NULL for all time. */
static char *
period_start (DossierMyActionsBar *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;

  switch (gtk_drop_down_get_selected (self->period_filter))
  {
  case PERIOD_WEEK:
    start = g_date_time_add_days (now, 1 - g_date_time_get_day_of_week (now));
    break;
  case PERIOD_MONTH:
    start = g_date_time_add_days (now, 1 - g_date_time_get_day_of_month (now));
    break;
  case PERIOD_YEAR:
    start = g_date_time_add_days (now, 1 - g_date_time_get_day_of_year (now));
    break;
  default:
    return NULL;
  }
  return g_date_time_format (start, "%Y-%m-%d");
}

static DossierQuery *
build_query (DossierMyActionsBar *self,
           gboolean             for_totals)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_ACTION);
  guint ua = gtk_drop_down_get_selected (self->ua_filter);
  const char *channel = selected_enum (self->channel_filter, DOSSIER_ENUM_CHANNEL);
  const char *state = selected_enum (self->state_filter, DOSSIER_ENUM_ACTION_STATE);
  g_autofree char *since = period_start (self);

  dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  if (ua > 0 && self->ua_ids && ua <= g_strv_length (self->ua_ids))
  dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, self->ua_ids[ua - 1]);
  if (channel)
  dossier_query_filter_text (query, "channel", DOSSIER_QUERY_EQ, channel);
  if (state)
  dossier_query_filter_text (query, "state", DOSSIER_QUERY_EQ, state);
  else if (for_totals)
  /* what was begun is not yet done */
  dossier_query_filter_text (query, "state", DOSSIER_QUERY_NE, "drafted");
  if (since)
  dossier_query_filter_text (query, "date", DOSSIER_QUERY_GE, since);
  dossier_query_sort (query, "date", TRUE);
  return query;
}

static void
update_totals (DossierMyActionsBar *self)
{
  g_autoptr(DossierQuery) query = build_query (self, TRUE);
  g_autoptr(GHashTable) counts = dossier_store_count_by (self->store, query, "channel", NULL);
  g_autofree char *list = counts ? dossier_action_describe_counts (counts) : g_strdup ("");
  g_autofree char *text = NULL;

  /* nothing to total: the list's empty state below says so, once */
  gtk_widget_set_visible (GTK_WIDGET (self->totals), *list != '\0');
  if (*list == '\0')
    return;
  switch (gtk_drop_down_get_selected (self->period_filter))
    {
    case PERIOD_WEEK:
      /* Translators: %s lists counts: "12 letters, 3 emails" */
      text = g_strdup_printf (_("%s this week"), list);
      break;
    case PERIOD_MONTH:
      /* Translators: %s lists counts: "12 letters, 3 emails" */
      text = g_strdup_printf (_("%s this month"), list);
      break;
    case PERIOD_YEAR:
      /* Translators: %s lists counts: "12 letters, 3 emails" */
      text = g_strdup_printf (_("%s this year"), list);
      break;
    default:
      /* Translators: %s lists counts: "12 letters, 3 emails" */
      text = g_strdup_printf (_("%s in all"), list);
    }
  gtk_label_set_text (self->totals, text);
}

/* The folded bar's button says how many filters are on. */
static void
update_filters_button (DossierMyActionsBar *self)
{
  GtkDropDown *filters[] = { self->ua_filter, self->channel_filter, self->state_filter, self->period_filter };
  g_autofree char *label = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    n += gtk_drop_down_get_selected (filters[i]) > 0;
  if (n == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the button that holds My Actions' filters in a narrow window */
    label = g_strdup_printf (ngettext ("%u Filter On", "%u Filters On", n), n);
  gtk_menu_button_set_label (self->filters_button, label);
}

static gboolean
set_compact_cb (gpointer data)
{
  DossierMyActionsBar *self = data;
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
      gtk_flow_box_set_max_children_per_line (self->filters, 4);
      gtk_widget_insert_after (GTK_WIDGET (self->filters), GTK_WIDGET (self), GTK_WIDGET (self->filters_button));
    }
  g_object_unref (self->filters);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), compact);
  return G_SOURCE_REMOVE;
}

/* The bar lays its children out in a column itself (no layout manager:
 * with one, GTK does not call size_allocate), so that it sees its width. */
static void
dossier_my_actions_bar_measure (GtkWidget      *widget,
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

/* Its totals wrap: its height depends on its width. */
static GtkSizeRequestMode
dossier_my_actions_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The bar's width decides whether its filters fold; the change is made
 * after this allocation, not during it. */
static void
dossier_my_actions_bar_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  DossierMyActionsBar *self = DOSSIER_MY_ACTIONS_BAR (widget);
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
on_filter_changed_cb (DossierMyActionsBar *self)
{
  update_filters_button (self);
  if (self->refilling)
    return;
  update_totals (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The UAs this volunteer acted on, by reference. */
static void
refill_uas (DossierMyActionsBar *self)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *selected_id = NULL;
  guint selected = gtk_drop_down_get_selected (self->ua_filter);
  guint new_selected = 0, n = 0;

  if (selected > 0 && self->ua_ids && selected <= g_strv_length (self->ua_ids))
    selected_id = g_strdup (self->ua_ids[selected - 1]);
  dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  ids = dossier_store_distinct (self->store, query, "ua-id", NULL);
  gtk_string_list_append (items, _("All Urgent Actions"));
  for (guint i = 0; ids && ids[i] && n < 500; i++)
    {
      g_autoptr(DossierRecord) ua = dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, ids[i], NULL);

      if (ua == NULL)
        continue;
      gtk_string_list_append (items, dossier_record_get_string (ua, "reference"));
      g_strv_builder_add (kept, ids[i]);
      n++;
      if (g_strcmp0 (selected_id, ids[i]) == 0)
        new_selected = n;
    }
  self->refilling = TRUE;
  gtk_drop_down_set_model (self->ua_filter, G_LIST_MODEL (items));
  g_strfreev (self->ua_ids);
  self->ua_ids = g_strv_builder_end (kept);
  gtk_drop_down_set_selected (self->ua_filter, new_selected);
  self->refilling = FALSE;
  /* the urgent action filtered on is gone: the list shows all again */
  if (selected_id && new_selected == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_store_changed_cb (DossierMyActionsBar *self,
                     GType                kind)
{
  if (!self->loaded || (kind != DOSSIER_TYPE_ACTION && kind != DOSSIER_TYPE_URGENT_ACTION))
    return;
  refill_uas (self);
  update_totals (self);
}

static void
dossier_my_actions_bar_map (GtkWidget *widget)
{
  DossierMyActionsBar *self = DOSSIER_MY_ACTIONS_BAR (widget);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      refill_uas (self);
      update_totals (self);
    }
  GTK_WIDGET_CLASS (dossier_my_actions_bar_parent_class)->map (widget);
}

static void
dossier_my_actions_bar_dispose (GObject *object)
{
  DossierMyActionsBar *self = DOSSIER_MY_ACTIONS_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->compact_idle, g_source_remove);
  if (self->store)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ua_ids, g_strfreev);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dossier_my_actions_bar_parent_class)->dispose (object);
}

static void
dossier_my_actions_bar_class_init (DossierMyActionsBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dossier_my_actions_bar_dispose;
  GTK_WIDGET_CLASS (klass)->map = dossier_my_actions_bar_map;
  GTK_WIDGET_CLASS (klass)->size_allocate = dossier_my_actions_bar_size_allocate;
  GTK_WIDGET_CLASS (klass)->measure = dossier_my_actions_bar_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = dossier_my_actions_bar_get_request_mode;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "my-actions-bar");

  /**
   * DossierMyActionsBar::changed:
   *
   * A filter changed: the list's query is another one.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_my_actions_bar_init (DossierMyActionsBar *self)
{
  /* the drop-downs take these */
  GtkStringList *uas = gtk_string_list_new (NULL);
  GtkStringList *periods = gtk_string_list_new (NULL);
  GtkDropDown *drop_downs[4];

  gtk_widget_add_css_class (GTK_WIDGET (self), "toolbar");
  /* as tall as what it holds, in a tall window too */
  gtk_widget_set_vexpand (GTK_WIDGET (self), FALSE);

  self->filters_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  self->filters_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_menu_button_set_popover (self->filters_button, GTK_WIDGET (self->filters_popover));
  gtk_menu_button_set_always_show_arrow (self->filters_button, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->filters_button), GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters_button), _("Show only some of your actions"));
  gtk_widget_set_visible (GTK_WIDGET (self->filters_button), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->filters_button), GTK_WIDGET (self));

  self->filters = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->filters, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->filters, 4);
  gtk_flow_box_set_min_children_per_line (self->filters, 1);
  gtk_flow_box_set_homogeneous (self->filters, TRUE);
  gtk_flow_box_set_column_spacing (self->filters, 6);
  gtk_flow_box_set_row_spacing (self->filters, 6);
  gtk_widget_set_parent (GTK_WIDGET (self->filters), GTK_WIDGET (self));

  gtk_string_list_append (uas, _("All Urgent Actions"));
  self->ua_filter = drop_down_new (uas, _("Urgent action"));
  self->channel_filter = enum_drop_down (DOSSIER_ENUM_CHANNEL, _("All Channels"), _("Channel"));
  self->state_filter = enum_drop_down (DOSSIER_ENUM_ACTION_STATE, _("Any State"), _("State"));
  gtk_string_list_append (periods, _("All Time"));
  gtk_string_list_append (periods, _("This Week"));
  gtk_string_list_append (periods, _("This Month"));
  gtk_string_list_append (periods, _("This Year"));
  self->period_filter = drop_down_new (periods, _("Period"));

  drop_downs[0] = self->ua_filter;
  drop_downs[1] = self->channel_filter;
  drop_downs[2] = self->state_filter;
  drop_downs[3] = self->period_filter;
  for (guint i = 0; i < G_N_ELEMENTS (drop_downs); i++)
    {
      gtk_flow_box_append (self->filters, GTK_WIDGET (drop_downs[i]));
      /* Tab goes to the drop-down, not first to the cell around it */
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (drop_downs[i])), FALSE);
      g_signal_connect_swapped (drop_downs[i], "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
    }

  update_filters_button (self);

  self->totals = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->totals, TRUE);
  gtk_label_set_xalign (self->totals, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->totals), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->totals), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->totals), "heading");
  gtk_widget_set_parent (GTK_WIDGET (self->totals), GTK_WIDGET (self));
}

DossierMyActionsBar *
dossier_my_actions_bar_new (DossierStore *store)
{
  DossierMyActionsBar *self = g_object_new (DOSSIER_TYPE_MY_ACTIONS_BAR, NULL);

  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  return self;
}

/* The query the list below shows. */
DossierQuery *
dossier_my_actions_bar_get_query (DossierMyActionsBar *self)
{
  return build_query (self, FALSE);
}

const char *
dossier_my_actions_bar_get_totals (DossierMyActionsBar *self)
{
  return gtk_label_get_text (self->totals);
}

gboolean
dossier_my_actions_bar_is_filtered (DossierMyActionsBar *self)
{
  return gtk_drop_down_get_selected (self->ua_filter) > 0 ||
         gtk_drop_down_get_selected (self->channel_filter) > 0 ||
         gtk_drop_down_get_selected (self->state_filter) > 0 ||
         gtk_drop_down_get_selected (self->period_filter) > 0;
}

/* For tests: whether the filters are folded behind their button. */
gboolean
dossier_my_actions_bar_is_compact (DossierMyActionsBar *self)
{
  return self->compact && gtk_widget_get_visible (GTK_WIDGET (self->filters_button));
}

/* For tests: 0 UA, 1 channel, 2 state, 3 period. */
GtkDropDown *
dossier_my_actions_bar_get_filter (DossierMyActionsBar *self,
                                   guint                which)
{
  GtkDropDown *filters[] = { self->ua_filter, self->channel_filter, self->state_filter, self->period_filter };

  g_return_val_if_fail (which < G_N_ELEMENTS (filters), NULL);
  return filters[which];
}
