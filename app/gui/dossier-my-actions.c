/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-accessible.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-logging.h"
#include "dossier-filter-bar.h"
#include "dossier-my-actions.h"
#include "dossier-urgent-action.h"

/* The bar over My Actions: filters by urgent action, channel, state and
 * period, and the totals of what the filters show ("12 letters, 3 emails
 * this month"). In a narrow window the four filters fold behind one
 * Filters button ("2 Filters On"), as a DossierFilterBar does. */

struct _DossierMyActionsBar
{
  GtkWidget     parent_instance;

  DossierFilterBar *filter_bar;
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

static void
on_filter_changed_cb (DossierMyActionsBar *self)
{
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
  /* the filters over the totals */
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
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

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->filter_bar = dossier_filter_bar_new (_("Show only some of your actions"));
  gtk_widget_set_parent (GTK_WIDGET (self->filter_bar), GTK_WIDGET (self));

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
      dossier_filter_bar_add (self->filter_bar, drop_downs[i]);
      g_signal_connect_swapped (drop_downs[i], "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
    }

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
  return dossier_filter_bar_is_compact (self->filter_bar);
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
