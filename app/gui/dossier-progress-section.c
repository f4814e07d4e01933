/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-action.h"
#include "dossier-accessible.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-chart-card.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-filter-bar.h"
#include "dossier-progress-entries.h"
#include "dossier-progress-export.h"
#include "dossier-progress-report.h"
#include "dossier-progress-section.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

/* Progress: the coordinator's dashboard. How many letters, emails and
 * calls went out — from this computer and from volunteers' reports — by
 * channel, by week and by group, and each urgent action against its goal
 * and its deadline. The figures are the store's tallies (dossier-figures.h),
 * read again at each change of the store or of a filter; a bar, a total
 * or a row of a table lists the actions behind it. An urgent action
 * chosen (in the filter or from the list) shows the same dashboard for it
 * alone, with its targets and its groups. */

/* The urgent actions listed before "Show All" */
#define UAS_SHOWN 8
/* The groups of the overview's "Top Groups" */
#define TOP_GROUPS 10

enum {
  PERIOD_ALL,
  PERIOD_4_WEEKS,
  PERIOD_12_WEEKS,
  PERIOD_THIS_YEAR,
  PERIOD_LAST_YEAR,
};

struct _DossierProgressSection
{
  GtkWidget               parent_instance;

  /* template, in alphabetical order */
  GtkBox                 *cards_box;
  GtkWidget              *dashboard_scrolled;
  AdwStatusPage          *empty_page;
  DossierProgressEntries *entries;
  GtkBox                 *filter_slot;
  GtkBox                 *more_cards_box;
  GtkLabel               *no_match_label;
  AdwActionRow           *replied_row;
  GtkLabel               *replied_value;
  AdwActionRow           *returned_row;
  GtkLabel               *returned_value;
  AdwActionRow           *sent_row;
  GtkLabel               *sent_value;
  GtkStack               *stack;
  GtkListBox             *totals_list;
  GtkProgressBar         *ua_goal_bar;
  GtkLabel               *ua_goal_label;
  GtkBox                 *ua_header;
  GtkLabel               *ua_subtitle;
  GtkLabel               *ua_title;
  GtkWidget              *uas_group;
  GtkListBox             *uas_list;
  GtkButton              *uas_more_button;
  GtkLabel               *uas_more_label;

  DossierFilterBar       *filter_bar;
  GtkMenuButton          *export_button;
  GtkMenuButton          *export_icon_button;
  GtkDropDown            *period_filter;
  GtkDropDown            *ua_filter;
  GtkDropDown            *group_filter;
  DossierChartCard       *channel_card;
  DossierChartCard       *week_card;
  DossierChartCard       *target_card;
  DossierChartCard       *group_card;

  DossierStore           *store;
  DossierFigures         *figures;     /* what is shown */
  gint64                  all_sent;    /* all time, everything: the header's count */
  GStrv                   ua_keys;     /* the UA filter's values after "All" */
  GStrv                   groups;      /* the group filter's values after "All" */
  char                   *from;        /* the period shown */
  char                   *to;
  gboolean                refilling;
  gboolean                uas_expanded;
  guint                   reload_idle;
};

static void dossier_progress_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierProgressSection, dossier_progress_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_progress_section_page_init))

static void reload (DossierProgressSection *self);

/* ---- the filters ---- */

static const char *
selected_ua (DossierProgressSection *self)
{
  guint i = gtk_drop_down_get_selected (self->ua_filter);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->ua_keys == NULL || i > g_strv_length (self->ua_keys))
    return NULL;
  return self->ua_keys[i - 1];
}

static const char *
selected_group (DossierProgressSection *self)
{
  guint i = gtk_drop_down_get_selected (self->group_filter);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->groups == NULL || i > g_strv_length (self->groups))
    return NULL;
  return self->groups[i - 1];
}

static char *
day_of (GDateTime *date)
{
  return g_date_time_format (date, "%Y-%m-%d");
}

/* The period chosen, as the figures take it: a day of its first week and
 * one of its last; NULL for no bound. */
static void
update_period (DossierProgressSection *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  switch (gtk_drop_down_get_selected (self->period_filter))
    {
    case PERIOD_4_WEEKS:
      {
        g_autoptr(GDateTime) start = g_date_time_add_weeks (now, -3);

        self->from = day_of (start);
      }
      break;
    case PERIOD_12_WEEKS:
      {
        g_autoptr(GDateTime) start = g_date_time_add_weeks (now, -11);

        self->from = day_of (start);
      }
      break;
    case PERIOD_THIS_YEAR:
      self->from = g_strdup_printf ("%04d-01-01", year);
      break;
    case PERIOD_LAST_YEAR:
      self->from = g_strdup_printf ("%04d-01-01", year - 1);
      self->to = g_strdup_printf ("%04d-12-31", year - 1);
      break;
    default:
      break;
    }
}

static DossierFigureFilter
current_filter (DossierProgressSection *self)
{
  return (DossierFigureFilter) {
    .from = self->from,
    .to = self->to,
    .ua = selected_ua (self),
    .group = selected_group (self),
  };
}

static GtkDropDown *
drop_down_new (GtkStringList *items,
               const char    *label)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (items), NULL));

  dossier_accessible_name_drop_down (drop_down, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), label);
  return drop_down;
}

/* The figures are read again once the filters are all set, not at each
 * of the changes a refill makes. */
static gboolean
reload_cb (gpointer data)
{
  DossierProgressSection *self = data;

  self->reload_idle = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (DossierProgressSection *self)
{
  if (self->store && self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_cb, self);
}

static void
on_filter_changed_cb (DossierProgressSection *self)
{
  if (self->refilling)
    return;
  update_period (self);
  self->uas_expanded = FALSE;
  queue_reload (self);
}

/* Fills @drop_down with @all then @labels, keeping the choice of the same
 * key; returns the keys. */
static GStrv
refill (DossierProgressSection *self,
        GtkDropDown            *drop_down,
        GStrv                   old_keys,
        const char             *all,
        GPtrArray              *keys,
        GPtrArray              *labels)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint selected = gtk_drop_down_get_selected (drop_down);
  const char *selected_key = NULL;
  guint new_selected = 0;

  if (selected > 0 && selected != GTK_INVALID_LIST_POSITION && old_keys && selected <= g_strv_length (old_keys))
    selected_key = old_keys[selected - 1];
  /* the same choices as shown: left as they are (a model of 200 UAs set
   * again cost 17 ms at every change of a filter) */
  {
    GListModel *shown = gtk_drop_down_get_model (drop_down);
    gboolean same = GTK_IS_STRING_LIST (shown) && old_keys &&
                    g_list_model_get_n_items (shown) == keys->len + 1 &&
                    g_strv_length (old_keys) == keys->len;

    for (guint i = 0; same && i < keys->len; i++)
      same = g_str_equal (old_keys[i], g_ptr_array_index (keys, i)) &&
             g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (shown), i + 1),
                        g_ptr_array_index (labels, i)) == 0;
    if (same)
      return g_strdupv (old_keys);
  }
  gtk_string_list_append (items, all);
  for (guint i = 0; i < keys->len; i++)
    {
      gtk_string_list_append (items, g_ptr_array_index (labels, i));
      g_strv_builder_add (builder, g_ptr_array_index (keys, i));
      if (g_strcmp0 (selected_key, g_ptr_array_index (keys, i)) == 0)
        new_selected = i + 1;
    }
  self->refilling = TRUE;
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (drop_down, new_selected);
  self->refilling = FALSE;
  return g_strv_builder_end (builder);
}

/* The urgent actions and groups there are figures of. */
static void
refill_filters (DossierProgressSection *self,
                DossierFigures         *all)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) groups = dossier_store_figure_groups (self->store, NULL);
  GStrv old;

  for (guint i = 0; i < all->by_ua->len; i++)
    {
      DossierFigure *ua = g_ptr_array_index (all->by_ua, i);

      g_ptr_array_add (keys, ua->key);
      g_ptr_array_add (labels, dossier_progress_describe_ua (ua->key, ua->label));
    }
  old = self->ua_keys;
  self->ua_keys = refill (self, self->ua_filter, old, _("All Urgent Actions"), keys, labels);
  g_strfreev (old);

  g_ptr_array_set_size (keys, 0);
  g_ptr_array_set_size (labels, 0);
  for (guint i = 0; groups && groups[i]; i++)
    {
      g_ptr_array_add (keys, groups[i]);
      /* Translators: in the filter of Progress by group: the actions of
       * volunteers who gave no group */
      g_ptr_array_add (labels, g_strdup (*groups[i] ? groups[i] : _("No Group")));
    }
  old = self->groups;
  self->groups = refill (self, self->group_filter, old, _("All Groups"), keys, labels);
  g_strfreev (old);
}

/* ---- what the figures say ---- */

static char *
count_sent (gint64 n)
{
  return g_strdup_printf (ngettext ("%'lld action sent", "%'lld actions sent", (gulong) n),
                          (long long) n);
}

static char *
format_number (gint64 n)
{
  return g_strdup_printf ("%'lld", (long long) n);
}

/* "143 of 200 letters", or without a goal "143 actions sent". */
static char *
describe_goal (const DossierFigure *ua)
{
  if (ua->goal > 0)
    /* Translators: an urgent action's letters sent against its goal:
     * "143 of 200 letters"; the plural is the goal's */
    return g_strdup_printf (ngettext ("%'lld of %'lld letter", "%'lld of %'lld letters", (gulong) ua->goal),
                            (long long) ua->letters, (long long) ua->goal);
  return count_sent (ua->sent);
}

/* "Closes in 3 days", "Deadline passed", "Closed"; NULL to say nothing. */
static char *
describe_deadline (const DossierFigure *ua)
{
  if (g_strcmp0 (ua->status, "closed") == 0)
    return g_strdup (dossier_enum_label (DOSSIER_ENUM_UA_STATUS, "closed"));
  if (ua->days_left == G_MAXINT)
    return NULL;
  if (ua->days_left < 0)
    return g_strdup (_("Deadline passed"));
  if (ua->days_left == 0)
    return g_strdup (_("Closes today"));
  return g_strdup_printf (ngettext ("Closes in %d day", "Closes in %d days", ua->days_left), ua->days_left);
}

/* The UA's title in the window's language when it has one there. */
static char *
ua_title (DossierProgressSection *self,
          const DossierFigure    *ua)
{
  g_autoptr(DossierRecord) record = NULL;

  if (ua->key == NULL || *ua->key == '\0' || ua->key[0] == '?')
    return NULL;
  record = dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, ua->key, NULL);
  if (record)
    return dossier_record_get_text_in (record, "title", dossier_ui_language (), FALSE, NULL, NULL);
  return g_strdup (ua->title);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
set_goal_bar (GtkProgressBar      *bar,
              const DossierFigure *ua)
{
  gtk_widget_set_visible (GTK_WIDGET (bar), ua->goal > 0);
  if (ua->goal > 0)
    gtk_progress_bar_set_fraction (bar, MIN (1.0, (double) ua->letters / (double) ua->goal));
}

/* A row of the list of urgent actions: its reference and title, its
 * letters against its goal, its deadline. */
static GtkWidget *
ua_row_new (DossierProgressSection *self,
            const DossierFigure    *ua)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *reference = dossier_progress_describe_ua (ua->key, ua->label);
  g_autofree char *title = ua_title (self, ua);
  g_autofree char *goal = describe_goal (ua);
  g_autofree char *deadline = describe_deadline (ua);
  g_autofree char *status = dossier_join_nonempty (" · ", goal, deadline ? deadline : "", NULL);
  g_autofree char *accessible = dossier_join_nonempty (", ", reference, title ? title : "", status, NULL);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  label = wrapped_label (reference, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_box_append (GTK_BOX (box), top);
  if (title && *title)
    gtk_box_append (GTK_BOX (box), wrapped_label (title, NULL));
  set_goal_bar (GTK_PROGRESS_BAR (bar), ua);
  gtk_widget_set_margin_top (bar, 4);
  gtk_box_append (GTK_BOX (box), bar);
  label = wrapped_label (status, "dim-label");
  gtk_widget_add_css_class (label, "secondary-text");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, ua->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static void
fill_uas (DossierProgressSection *self)
{
  GPtrArray *uas = self->figures->by_ua;
  guint shown = self->uas_expanded ? uas->len : MIN (uas->len, UAS_SHOWN);
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->uas_list, 0))))
    gtk_list_box_remove (self->uas_list, row);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->uas_list, ua_row_new (self, g_ptr_array_index (uas, i)));
  gtk_widget_set_visible (self->uas_group, uas->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->uas_more_button), shown < uas->len);
  if (shown < uas->len)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Show All %'u Urgent Action", "Show All %'u Urgent Actions",
                                                          uas->len), uas->len);

      gtk_label_set_text (self->uas_more_label, label);
    }
}

static char *
group_label (const char *group)
{
  /* Translators: a bar of the chart of groups: the actions of volunteers
   * who gave no group */
  return g_strdup (group && *group ? group : _("No group"));
}

typedef char *(*LabelFunc) (const DossierFigure *figure);

static char *
label_of_channel (const DossierFigure *figure)
{
  const char *label = dossier_enum_label (DOSSIER_ENUM_CHANNEL, figure->key);

  return g_strdup (label ? label : figure->key);
}

static char *
label_of_group (const DossierFigure *figure)
{
  return group_label (figure->key);
}

static char *
label_of_target (const DossierFigure *figure)
{
  if (figure->label && *figure->label)
    return g_strdup (figure->label);
  /* Translators: a bar of the chart of targets: actions that named none */
  return g_strdup (_("No target"));
}

/* Shows @figures (DossierFigure*) as the bars of @card, at most @max. */
static void
set_card_bars (DossierChartCard *card,
               GPtrArray        *figures,
               guint             max,
               LabelFunc         label_func)
{
  guint n = MIN (figures->len, max);
  g_autofree DossierChartBar *bars = g_new0 (DossierChartBar, MAX (n, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      DossierFigure *figure = g_ptr_array_index (figures, i);
      char *label = label_func (figure);

      g_ptr_array_add (labels, label);
      bars[i].key = figure->key;
      bars[i].label = label;
      bars[i].value = figure->sent;
      bars[i].part = figure->reported;
    }
  dossier_chart_card_set_bars (card, bars, n);
  gtk_widget_set_visible (GTK_WIDGET (card), n > 0);
}

static void
show_time_bars (DossierProgressSection *self)
{
  DossierProgressSpan span;
  g_autoptr(GPtrArray) times = dossier_progress_time_bars (self->figures->by_week, &span);
  g_autofree DossierChartBar *bars = g_new0 (DossierChartBar, MAX (times->len, 1));


  for (guint i = 0; i < times->len; i++)
    {
      DossierTimeBar *bar = g_ptr_array_index (times, i);

      bars[i].key = bar->key;
      bars[i].label = bar->label;
      bars[i].value = bar->sent;
      bars[i].part = bar->reported;
    }
  dossier_chart_card_set_title (self->week_card, dossier_progress_time_title (span, TRUE));
  dossier_chart_card_set_bars (self->week_card, bars, times->len);
  gtk_widget_set_visible (GTK_WIDGET (self->week_card), times->len > 0);
}

static void
update_ua_header (DossierProgressSection *self)
{
  const char *key = selected_ua (self);
  DossierFigure *ua = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->ua_header), key != NULL);
  if (key == NULL)
    return;
  for (guint i = 0; i < self->figures->by_ua->len && ua == NULL; i++)
    if (g_strcmp0 (((DossierFigure *) g_ptr_array_index (self->figures->by_ua, i))->key, key) == 0)
      ua = g_ptr_array_index (self->figures->by_ua, i);
  if (ua == NULL)
    {
      guint i = gtk_drop_down_get_selected (self->ua_filter);
      GtkStringObject *item = g_list_model_get_item (gtk_drop_down_get_model (self->ua_filter), i);

      /* nothing of it in this period: its name from the filter */
      gtk_label_set_text (self->ua_title, item ? gtk_string_object_get_string (item) : key);
      gtk_label_set_text (self->ua_subtitle, "");
      gtk_widget_set_visible (GTK_WIDGET (self->ua_subtitle), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->ua_goal_bar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->ua_goal_label), FALSE);
      g_clear_object (&item);
      return;
    }
  {
    g_autofree char *reference = dossier_progress_describe_ua (ua->key, ua->label);
    g_autofree char *title = ua_title (self, ua);
    g_autofree char *heading = dossier_join_nonempty (" · ", reference, title ? title : "", NULL);
    g_autofree char *deadline = describe_deadline (ua);
    g_autofree char *goal = describe_goal (ua);

    gtk_label_set_text (self->ua_title, heading);
    gtk_label_set_text (self->ua_subtitle, deadline ? deadline : "");
    gtk_widget_set_visible (GTK_WIDGET (self->ua_subtitle), deadline != NULL);
    set_goal_bar (self->ua_goal_bar, ua);
    gtk_label_set_text (self->ua_goal_label, goal);
    gtk_widget_set_visible (GTK_WIDGET (self->ua_goal_label), TRUE);
  }
}

static void
show_figures (DossierProgressSection *self)
{
  DossierFigures *figures = self->figures;
  gboolean per_ua = selected_ua (self) != NULL;
  g_autofree char *sent = format_number (figures->total.sent);
  g_autofree char *replied = format_number (figures->total.replied);
  g_autofree char *returned = format_number (figures->total.returned);
  g_autofree char *reported = NULL;

  {
    g_autoptr(GMenuModel) menu = dossier_progress_export_menu (per_ua);

    gtk_menu_button_set_menu_model (self->export_button, menu);
    gtk_menu_button_set_menu_model (self->export_icon_button, menu);
  }

  update_ua_header (self);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label), figures->total.sent == 0);
  gtk_label_set_text (self->sent_value, sent);
  gtk_label_set_text (self->replied_value, replied);
  gtk_label_set_text (self->returned_value, returned);
  if (figures->total.reported > 0)
    /* Translators: under the number of actions sent: how many of them
     * were counted in reports volunteers sent in */
    reported = g_strdup_printf (ngettext ("%'lld of them from volunteers’ reports",
                                          "%'lld of them from volunteers’ reports",
                                          (gulong) figures->total.reported),
                                (long long) figures->total.reported);
  adw_action_row_set_subtitle (self->sent_row, reported ? reported : "");

  set_card_bars (self->channel_card, figures->by_channel, G_MAXUINT, label_of_channel);
  show_time_bars (self);
  set_card_bars (self->target_card, figures->by_target, G_MAXUINT, label_of_target);
  dossier_chart_card_set_title (self->group_card, per_ua ? _("By Group") : _("Top Groups"));
  set_card_bars (self->group_card, figures->by_group, per_ua ? G_MAXUINT : TOP_GROUPS, label_of_group);
  gtk_widget_set_visible (GTK_WIDGET (self->target_card), per_ua && figures->by_target->len > 0);

  if (per_ua)
    gtk_widget_set_visible (self->uas_group, FALSE);
  else
    fill_uas (self);
}

/* Reads the figures again: after a filter or the store changed. */
static void
reload (DossierProgressSection *self)
{
  DossierFigureFilter everything = { NULL, NULL, NULL, NULL };
  DossierFigureFilter filter;
  g_autoptr(DossierFigures) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 all_sent;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store == NULL)
    return;
  all = dossier_store_figures (self->store, &everything, &error);
  if (all == NULL)
    {
      g_warning ("Progress cannot read its figures: %s", error->message);
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  refill_filters (self, all);
  all_sent = all->total.sent;
  filter = current_filter (self);
  g_clear_pointer (&self->figures, dossier_figures_free);
  if (filter.from == NULL && filter.to == NULL && filter.ua == NULL && filter.group == NULL)
    self->figures = g_steal_pointer (&all);
  else if (!(self->figures = dossier_store_figures (self->store, &filter, &error)))
    {
      g_warning ("Progress cannot read its figures: %s", error->message);
      self->figures = g_steal_pointer (&all);
    }
  show_figures (self);
  if (all_sent == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    gtk_stack_set_visible_child_name (self->stack, "dashboard");
  if (all_sent != self->all_sent)
    {
      self->all_sent = all_sent;
      g_signal_emit_by_name (self, "count-changed");
    }
}

/* ---- the actions behind a figure ---- */

/* The filters' part of a heading: "UA 065/20 · Volunteers of Almaty" */
static char *
describe_filter (DossierProgressSection   *self,
                 const DossierFigureFilter *filter)
{
  g_autofree char *ua = NULL;
  g_autofree char *group = NULL;

  if (filter->ua)
    {
      guint i = gtk_drop_down_get_selected (self->ua_filter);
      GtkStringObject *item = g_list_model_get_item (gtk_drop_down_get_model (self->ua_filter), i);

      ua = g_strdup (item ? gtk_string_object_get_string (item) : filter->ua);
      g_clear_object (&item);
    }
  if (filter->group)
    group = group_label (filter->group);
  return dossier_join_nonempty (" · ", ua ? ua : "", group ? group : "", NULL);
}

static void
show_entries (DossierProgressSection       *self,
              const DossierFigureSelection *selection,
              const char                   *what)
{
  g_autofree char *filter = describe_filter (self, &selection->filter);
  g_autofree char *heading = dossier_join_nonempty (" · ", what, filter, NULL);

  dossier_progress_entries_show (self->entries, self->store, selection, heading);
  gtk_stack_set_visible_child_name (self->stack, "entries");
  gtk_widget_child_focus (GTK_WIDGET (self->entries), GTK_DIR_TAB_FORWARD);
}

static void
on_total_activated_cb (DossierProgressSection *self,
                       GtkListBoxRow          *row)
{
  DossierFigureSelection selection = { .filter = current_filter (self) };
  const char *what;

  if (row == GTK_LIST_BOX_ROW (self->replied_row))
    {
      selection.state = "replied";
      what = _("Replies");
    }
  else if (row == GTK_LIST_BOX_ROW (self->returned_row))
    {
      selection.state = "returned";
      what = _("Returned letters");
    }
  else
    what = _("Actions sent");
  show_entries (self, &selection, what);
}

static void
on_channel_activated_cb (DossierProgressSection *self,
                         guint                   index,
                         const char             *key)
{
  DossierFigureSelection selection = { .filter = current_filter (self), .channel = key };
  const char *label = dossier_enum_label (DOSSIER_ENUM_CHANNEL, key);

  show_entries (self, &selection, label ? label : key);
}

static void
on_week_activated_cb (DossierProgressSection *self,
                      guint                   index,
                      const char             *key)
{
  DossierFigureSelection selection = { .filter = current_filter (self) };
  const char *slash = strchr (key, '/');
  g_autofree char *what = NULL;

  if (slash == NULL)
    {
      g_autofree char *monday = dossier_format_date (key);

      selection.week = key;
      /* Translators: the heading over the actions of one week; %s is its
       * Monday: "Week of 7 April 2025" */
      what = g_strdup_printf (_("Week of %s"), monday);
      show_entries (self, &selection, what);
    }
  else
    {
      /* a month or a year: its weeks, within the period's */
      g_autofree char *first = g_strndup (key, slash - key);
      const DossierChartBar *bar = dossier_chart_get_bar (dossier_chart_card_get_chart (self->week_card), index);

      selection.filter.from = first;
      selection.filter.to = slash + 1;
      show_entries (self, &selection, bar && g_strcmp0 (bar->key, key) == 0 ? bar->label : "");
    }
}

static void
on_group_activated_cb (DossierProgressSection *self,
                       guint                   index,
                       const char             *key)
{
  DossierFigureSelection selection = { .filter = current_filter (self) };

  selection.filter.group = key;
  /* the group is said by the heading's filter part */
  show_entries (self, &selection, "");
}

static void
on_target_activated_cb (DossierProgressSection *self,
                        guint                   index,
                        const char             *key)
{
  DossierFigureSelection selection = { .filter = current_filter (self), .target = key };
  g_autofree char *what = NULL;

  for (guint i = 0; i < self->figures->by_target->len && what == NULL; i++)
    {
      DossierFigure *figure = g_ptr_array_index (self->figures->by_target, i);

      if (g_strcmp0 (figure->key, key) == 0)
        what = label_of_target (figure);
    }
  show_entries (self, &selection, what ? what : "");
}

static void
on_ua_activated_cb (DossierProgressSection *self,
                    GtkListBoxRow          *row)
{
  dossier_progress_section_show_ua (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_uas_more_clicked_cb (DossierProgressSection *self)
{
  self->uas_expanded = TRUE;
  fill_uas (self);
}

static void
on_back_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierProgressSection *self = DOSSIER_PROGRESS_SECTION (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "entries") == 0)
    gtk_stack_set_visible_child_name (self->stack, self->all_sent > 0 ? "dashboard" : "empty");
  else if (selected_ua (self))
    gtk_drop_down_set_selected (self->ua_filter, 0);
}

static void
on_store_changed_cb (DossierProgressSection *self,
                     GType                   kind)
{
  /* the figures are of actions, of reports of actions and of urgent
   * actions (a goal, a deadline, a title): not of cases or feeds */
  if (kind == DOSSIER_TYPE_FEED || kind == DOSSIER_TYPE_FEED_ITEM ||
      kind == DOSSIER_TYPE_CASE || kind == DOSSIER_TYPE_CASE_EVENT)
    return;
  queue_reload (self);
}

/* ---- the section ---- */

static void
dossier_progress_section_set_store (DossierSectionPage *page,
                                    DossierStore       *store)
{
  DossierProgressSection *self = DOSSIER_PROGRESS_SECTION (page);

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static char *
dossier_progress_section_dup_count_text (DossierSectionPage *page)
{
  DossierProgressSection *self = DOSSIER_PROGRESS_SECTION (page);

  return self->all_sent > 0 ? count_sent (self->all_sent) : NULL;
}

static void
dossier_progress_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "progress";
  iface->title = NC_("sidebar", "Progress");
  iface->icon_name = "x-office-spreadsheet-symbolic";
  iface->set_store = dossier_progress_section_set_store;
  iface->dup_count_text = dossier_progress_section_dup_count_text;
}

static void
dossier_progress_section_dispose (GObject *object)
{
  DossierProgressSection *self = DOSSIER_PROGRESS_SECTION (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_PROGRESS_SECTION);
  g_clear_pointer (&self->figures, dossier_figures_free);
  g_clear_pointer (&self->ua_keys, g_strfreev);
  g_clear_pointer (&self->groups, g_strfreev);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_progress_section_parent_class)->dispose (object);
}

/* Export: the figures shown, the filters as they are */
static void
on_save_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierProgressSection *self = DOSSIER_PROGRESS_SECTION (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  DossierFigureFilter filter = current_filter (self);
  DossierChartCard *card = NULL;

  if (self->store == NULL)
    return;
  if (g_str_equal (what, "channel"))
    card = self->channel_card;
  else if (g_str_equal (what, "week"))
    card = self->week_card;
  else if (g_str_equal (what, "target"))
    card = self->target_card;
  else if (g_str_equal (what, "group"))
    card = self->group_card;
  dossier_progress_export_choose_file (widget, self->store, &filter, card, what);
}

static void
on_print_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierProgressSection *self = DOSSIER_PROGRESS_SECTION (widget);
  DossierFigureFilter filter = current_filter (self);

  if (self->figures)
    {
      /* as the files are written: the titles in the window's language */
      dossier_figures_translate_titles (self->figures, self->store, dossier_ui_language ());
      dossier_progress_export_print (widget, self->figures, &filter);
    }
}

static void
dossier_progress_section_class_init (DossierProgressSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_progress_section_dispose;

  g_type_ensure (DOSSIER_TYPE_PROGRESS_ENTRIES);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-progress-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, cards_box);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, dashboard_scrolled);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, entries);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, filter_slot);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, more_cards_box);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, replied_row);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, replied_value);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, returned_row);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, returned_value);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, sent_row);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, sent_value);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, totals_list);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, ua_goal_bar);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, ua_goal_label);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, ua_header);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, ua_subtitle);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, ua_title);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, uas_group);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, uas_list);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, uas_more_button);
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, uas_more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_total_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ua_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_uas_more_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* from the actions behind a figure to the figures; from an urgent
   * action's figures to all of them */
  gtk_widget_class_install_action (widget_class, "progress.back", NULL, on_back_action_cb);
  gtk_widget_class_install_action (widget_class, "progress.save", "s", on_save_action_cb);
  gtk_widget_class_install_action (widget_class, "progress.print", NULL, on_print_action_cb);
}

static DossierChartCard *
card_new (DossierProgressSection *self,
          GtkBox                 *box,
          const char             *title,
          DossierChartKind        kind,
          const char             *label_header,
          GCallback               activated)
{
  DossierChartCard *card = DOSSIER_CHART_CARD (dossier_chart_card_new (title, kind));

  dossier_chart_card_set_table_headers (card, label_header, C_("table header", "Sent"), C_("table header", "From reports"));
  dossier_chart_set_part_label (dossier_chart_card_get_chart (card), _("From volunteers’ reports"));
  g_signal_connect_object (card, "bar-activated", activated, self, G_CONNECT_SWAPPED);
  gtk_box_append (box, GTK_WIDGET (card));
  return card;
}

static void
dossier_progress_section_init (DossierProgressSection *self)
{
  GtkStringList *periods = gtk_string_list_new (NULL);
  GtkStringList *uas = gtk_string_list_new (NULL);
  GtkStringList *groups = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: read out for the list of Progress's totals (actions
   * sent, replies, returned letters) */
  dossier_accessible_name (GTK_WIDGET (self->totals_list), _("Totals"));
  dossier_accessible_name (GTK_WIDGET (self->uas_list), _("Urgent Actions"));

  gtk_string_list_append (periods, _("All Time"));
  gtk_string_list_append (periods, _("Last 4 Weeks"));
  gtk_string_list_append (periods, _("Last 12 Weeks"));
  gtk_string_list_append (periods, _("This Year"));
  gtk_string_list_append (periods, _("Last Year"));
  self->period_filter = drop_down_new (periods, _("Period"));
  gtk_string_list_append (uas, _("All Urgent Actions"));
  self->ua_filter = drop_down_new (uas, _("Urgent action"));
  gtk_string_list_append (groups, _("All Groups"));
  self->group_filter = drop_down_new (groups, _("Group"));

  self->filter_bar = dossier_filter_bar_new (_("Show only some of the figures"));
  dossier_filter_bar_add (self->filter_bar, self->period_filter);
  dossier_filter_bar_add (self->filter_bar, self->ua_filter);
  dossier_filter_bar_add (self->filter_bar, self->group_filter);
  gtk_box_append (self->filter_slot, GTK_WIDGET (self->filter_bar));
  /* the reports that bring figures in, and the figures out: with their
   * words when the window is wide enough, else as icons */
  {
    GtkWidget *squeezer = adw_squeezer_new ();

    for (guint i = 0; i < 2; i++)
      {
        gboolean words = i == 0;
        GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        GtkWidget *reports = words ? gtk_button_new_with_mnemonic (_("Volunteers’ _Reports…"))
                                   : gtk_button_new_from_icon_name ("mail-send-receive-symbolic");
        GtkMenuButton *export = GTK_MENU_BUTTON (gtk_menu_button_new ());
        g_autoptr(GMenuModel) menu = dossier_progress_export_menu (FALSE);

        gtk_widget_set_halign (tools, GTK_ALIGN_END);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (reports), "win.show-reports");
        gtk_widget_set_tooltip_text (reports, _("Import the reports volunteers sent you, or undo an import"));
        if (words)
          {
            gtk_menu_button_set_label (export, _("_Export"));
            gtk_menu_button_set_use_underline (export, TRUE);
            self->export_button = export;
          }
        else
          {
            gtk_menu_button_set_icon_name (export, "document-save-symbolic");
            self->export_icon_button = export;
            dossier_accessible_name (reports, _("Volunteers’ Reports"));
            dossier_accessible_name (GTK_WIDGET (export), _("Export"));
          }
        gtk_menu_button_set_menu_model (export, menu);
        gtk_widget_set_tooltip_text (GTK_WIDGET (export), _("Save or print the figures shown, as a report or as tables"));
        gtk_box_append (GTK_BOX (tools), reports);
        gtk_box_append (GTK_BOX (tools), GTK_WIDGET (export));
        adw_squeezer_add (ADW_SQUEEZER (squeezer), tools);
      }
    adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 1);
    gtk_widget_set_margin_top (squeezer, 6);
    gtk_box_append (self->filter_slot, squeezer);
  }
  g_signal_connect_swapped (self->period_filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->ua_filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->group_filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);

  self->channel_card = card_new (self, self->cards_box, _("By Channel"), DOSSIER_CHART_BARS,
                                 _("Channel"), G_CALLBACK (on_channel_activated_cb));
  self->week_card = card_new (self, self->cards_box, _("Actions per Week"), DOSSIER_CHART_COLUMNS,
                              C_("table header", "Week"), G_CALLBACK (on_week_activated_cb));
  self->target_card = card_new (self, self->more_cards_box, _("By Target"), DOSSIER_CHART_BARS,
                                _("Target"), G_CALLBACK (on_target_activated_cb));
  self->group_card = card_new (self, self->more_cards_box, _("Top Groups"), DOSSIER_CHART_BARS,
                               _("Group"), G_CALLBACK (on_group_activated_cb));
  gtk_widget_set_visible (GTK_WIDGET (self->target_card), FALSE);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- for the window and tests ---- */

/**
 * dossier_progress_section_show_ua:
 * @key: (nullable): a UA's key in the figures, or %NULL for all
 *
 * Shows the figures of one urgent action, or of all.
 */
void
dossier_progress_section_show_ua (DossierProgressSection *self,
                                  const char             *key)
{
  g_return_if_fail (DOSSIER_IS_PROGRESS_SECTION (self));

  gtk_stack_set_visible_child_name (self->stack, self->all_sent > 0 ? "dashboard" : "empty");
  if (key == NULL)
    {
      gtk_drop_down_set_selected (self->ua_filter, 0);
      return;
    }
  for (guint i = 0; self->ua_keys && self->ua_keys[i]; i++)
    if (g_str_equal (self->ua_keys[i], key))
      {
        gtk_drop_down_set_selected (self->ua_filter, i + 1);
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->dashboard_scrolled)), 0);
        return;
      }
}

/* Reads the figures now, rather than at the next idle. */
void
dossier_progress_section_reload (DossierProgressSection *self)
{
  g_return_if_fail (DOSSIER_IS_PROGRESS_SECTION (self));

  reload (self);
}

/* Returns: (transfer none) (nullable): the figures shown */
const DossierFigures *
dossier_progress_section_get_figures (DossierProgressSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_SECTION (self), NULL);

  return self->figures;
}

/* For tests: "channel", "week", "target" or "group". */
DossierChartCard *
dossier_progress_section_get_card (DossierProgressSection *self,
                                   const char             *which)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_SECTION (self), NULL);

  if (g_str_equal (which, "channel"))
    return self->channel_card;
  if (g_str_equal (which, "week"))
    return self->week_card;
  if (g_str_equal (which, "target"))
    return self->target_card;
  if (g_str_equal (which, "group"))
    return self->group_card;
  g_return_val_if_reached (NULL);
}

/* For tests: 0 period, 1 urgent action, 2 group. */
GtkDropDown *
dossier_progress_section_get_filter (DossierProgressSection *self,
                                     guint                   which)
{
  GtkDropDown *filters[] = { self->period_filter, self->ua_filter, self->group_filter };

  g_return_val_if_fail (DOSSIER_IS_PROGRESS_SECTION (self), NULL);
  g_return_val_if_fail (which < G_N_ELEMENTS (filters), NULL);
  return filters[which];
}

DossierFilterBar *
dossier_progress_section_get_filter_bar (DossierProgressSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_SECTION (self), NULL);

  return self->filter_bar;
}

DossierProgressEntries *
dossier_progress_section_get_entries (DossierProgressSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_SECTION (self), NULL);

  return self->entries;
}

/* "empty", "dashboard" or "entries" */
const char *
dossier_progress_section_get_page (DossierProgressSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_SECTION (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
