/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dossier-action.h"
#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-case-editor.h"
#include "dossier-deletion.h"
#include "dossier-ua-editor.h"
#include "dossier-charge.h"
#include "dossier-enums.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-composer.h"
#include "dossier-log-editor.h"
#include "dossier-logging.h"
#include "dossier-my-actions.h"
#include "dossier-record-pages.h"
#include "dossier-search-view.h"
#include "dossier-target.h"
#include "dossier-case-event.h"
#include "dossier-urgent-action.h"
#include "dossier-window.h"

struct _DossierWindow
{
  AdwApplicationWindow  parent_instance;

  GtkButton            *back_button;
  AdwHeaderBar         *content_header;
  GtkButton            *add_event_button;
  GtkButton            *delete_button;
  GtkButton            *edit_button;
  GtkButton            *new_case_button;
  GtkButton            *new_ua_button;
  GtkDropDown          *ua_filter;
  GtkDropDown          *case_status_filter;
  GtkDropDown          *case_country_filter;
  GStrv                 countries;      /* the country filter's values after "All" */
  gboolean              refilling;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  GtkSearchBar         *search_bar;
  GtkToggleButton      *search_button;
  GtkSearchEntry       *search_entry;
  DossierSearchView    *search_view;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  GtkStack             *section_stack;
  GtkListBox           *sidebar_list;
  AdwToastOverlay      *toast_overlay;

  GSettings            *settings;
  DossierStore         *store;
  GPtrArray            *pages;  /* detail pages opened, the visible one last */
  DossierDeletion      *deleted; /* the last deletion, for Undo */
  DossierMyActionsBar  *my_actions_bar;
  DossierAction        *logged;  /* the last action logged or changed, for Undo */
  DossierAction        *before;  /* what it was before, NULL if it was new */
};

G_DEFINE_FINAL_TYPE (DossierWindow, dossier_window, ADW_TYPE_APPLICATION_WINDOW)

/* The actions on the record shown are its page's, as page.<name>; the
 * header's buttons, the forms and other callers reach them as win.<name>. */
static const struct {
  const char *name;
  const char *parameter_type;
} page_actions[] = {
  { "win.edit-record", NULL },
  { "win.delete-record", NULL },
  { "win.new-event", NULL },
  { "win.edit-event", "s" },
  { "win.delete-event", "s" },
  { "win.edit-target", "s" },
  { "win.delete-target", "s" },
};

static char *
format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) dt = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;

  return local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
}

static char *
join_nonempty (const char *separator,
               ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;
  const char *part;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)) != NULL)
    if (*part)
      g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

static void
ua_row (DossierStore   *store,
        DossierRecord  *record,
        char          **title,
        char          **subtitle)
{
  const char * const *case_ids = dossier_record_get_strv (record, "case-ids");
  g_autoptr(DossierRecord) kase = NULL;
  g_autofree char *when = dossier_describe_deadline (dossier_record_get_string (record, "deadline"),
                                                     dossier_record_get_string (record, "status"));
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *logged = NULL;

  if (case_ids && case_ids[0])
    kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_ids[0], NULL);
  /* "3 letters, 1 email": what was done on it, by channel */
  counts = dossier_store_count_channels (store, dossier_record_get_id (record), FALSE, NULL, NULL);
  if (counts)
    logged = dossier_action_describe_counts (counts);

  *title = g_strdup (dossier_record_get_string (record, "title"));
  *subtitle = join_nonempty (" · ", dossier_record_get_string (record, "reference"),
                             kase ? dossier_record_get_string (kase, "name") : "",
                             when, logged ? logged : "", NULL);
}

static void
case_row (DossierStore   *store,
          DossierRecord  *record,
          char          **title,
          char          **subtitle)
{
  const char *status = dossier_enum_label (DOSSIER_ENUM_CASE_STATUS,
                                           dossier_record_get_string (record, "status"));
  g_autofree char *place = join_nonempty (", ", dossier_record_get_string (record, "city"),
                                          dossier_record_get_string (record, "country"), NULL);

  *title = g_strdup (dossier_record_get_string (record, "name"));
  *subtitle = join_nonempty (" · ", status ? status : "", place, NULL);
}

static void
feed_item_row (DossierStore   *store,
               DossierRecord  *record,
               char          **title,
               char          **subtitle)
{
  *title = g_strdup (dossier_record_get_string (record, "title"));
  *subtitle = format_timestamp (dossier_record_get_string (record, "published"));
}

static void
action_row (DossierStore   *store,
            DossierRecord  *record,
            char          **title,
            char          **subtitle)
{
  const char *ua_id = dossier_record_get_string (record, "ua-id");
  const char *target_id = dossier_record_get_string (record, "target-id");
  const char *channel = dossier_enum_label (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (record, "channel"));
  g_autoptr(DossierRecord) ua = ua_id ? dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, ua_id, NULL) : NULL;
  g_autoptr(DossierRecord) target = target_id ? dossier_store_fetch (store, DOSSIER_TYPE_TARGET, target_id, NULL) : NULL;
  g_autofree char *date = dossier_format_date (dossier_record_get_string (record, "date"));
  g_autofree char *who = join_nonempty (", ", dossier_record_get_string (record, "volunteer"),
                                        dossier_record_get_string (record, "volunteer-group"), NULL);

  *title = join_nonempty (" · ", ua ? dossier_record_get_string (ua, "reference") : "",
                          channel ? channel : "", NULL);
  *subtitle = join_nonempty (" · ", date, target ? dossier_record_get_string (target, "name") : "",
                             dossier_record_get_boolean (record, "mine") ? "" : who, NULL);
}

/* A button at the end of a row of My Actions: the action's state, and a
 * menu to change it, right in the row. */
static GtkWidget *
action_state_setup (void)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Change the State"));
  return button;
}

static void
action_state_bind (GtkWidget     *suffix,
                   DossierRecord *record)
{
  const char *state = dossier_record_get_string (record, "state");
  const DossierEnumValue *states;
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n;

  states = dossier_enum_values (DOSSIER_ENUM_ACTION_STATE, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (states[i].id, state) == 0)
        continue;
      item = g_menu_item_new (g_dpgettext2 (NULL, states[i].context, states[i].label), NULL);
      g_menu_item_set_action_and_target (item, "win.set-action-state", "(ss)",
                                         dossier_record_get_id (record), states[i].id);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (suffix),
                             dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, state));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (suffix), G_MENU_MODEL (menu));
}

static void
feed_row (DossierStore   *store,
          DossierRecord  *record,
          char          **title,
          char          **subtitle)
{
  const char *name = dossier_record_get_string (record, "title");

  *title = g_strdup (name && *name ? name : dossier_record_get_string (record, "url"));
  *subtitle = join_nonempty (" · ", dossier_record_get_string (record, "url"),
                             dossier_record_get_string (record, "last-result"), NULL);
}

/* Counts shown under the section's title. */
static char *
count_uas (guint n)
{
  return g_strdup_printf (ngettext ("%'u urgent action", "%'u urgent actions", n), n);
}

static char *
count_cases (guint n)
{
  return g_strdup_printf (ngettext ("%'u case", "%'u cases", n), n);
}

static char *
count_updates (guint n)
{
  return g_strdup_printf (ngettext ("%'u update", "%'u updates", n), n);
}

static char *
count_my_actions (guint n)
{
  return g_strdup_printf (ngettext ("%'u action of yours", "%'u actions of yours", n), n);
}

static char *
count_all_actions (guint n)
{
  return g_strdup_printf (ngettext ("%'u action logged", "%'u actions logged", n), n);
}

static char *
count_feeds (guint n)
{
  return g_strdup_printf (ngettext ("%'u feed", "%'u feeds", n), n);
}

typedef struct
{
  const char            *id;
  const char            *icon_name;
  const char            *title;         /* in the "sidebar" context */
  const char            *empty_title;
  const char            *empty_description;
  const char            *button_label;
  const char            *button_section;
  GType                (*kind) (void);
  DossierSectionRowFunc  row_func;
  char                *(*count) (guint n);
} SectionInfo;

static const SectionInfo sections[] = {
  {
    "actions", "mail-send-symbolic",
    /* Translators: the section of open urgent actions; "My Actions" below
     * are the letters, emails and calls the user has logged */
    NC_("sidebar", "Actions"),
    N_("No Open Urgent Actions"),
    N_("Urgent actions arrive with your campaign’s feed. Once you subscribe to it under Feeds, "
       "the open ones appear here, the closest deadline first."),
    N_("Go to _Feeds"), "feeds",
    dossier_urgent_action_get_type, ua_row, count_uas,
  },
  {
    "cases", "x-office-address-book-symbolic",
    NC_("sidebar", "Cases"),
    N_("No Cases"),
    N_("Every person an urgent action is for has a case here: who they are, the charges "
       "against them and what has happened to them. Cases arrive with your campaign’s feed."),
    N_("Go to _Feeds"), "feeds",
    dossier_case_get_type, case_row, count_cases,
  },
  {
    "updates", "emblem-documents-symbolic",
    NC_("sidebar", "Updates"),
    N_("No Updates"),
    N_("News from the feeds you subscribe to appears here, newest first: hearings, verdicts, "
       "releases and calls for action."),
    N_("Go to _Feeds"), "feeds",
    dossier_feed_item_get_type, feed_item_row, count_updates,
  },
  {
    "my-actions", "emblem-ok-symbolic",
    NC_("sidebar", "My Actions"),
    N_("Nothing Logged Yet"),
    N_("Each letter, email or call you make for an urgent action is logged here, so that you "
       "and your coordinator can see what has been done. Start with an open urgent action."),
    N_("See Open _Actions"), "actions",
    dossier_action_get_type, action_row, count_my_actions,
  },
  {
    "progress", "x-office-spreadsheet-symbolic",
    NC_("sidebar", "Progress"),
    N_("No Progress to Show Yet"),
    N_("Progress counts the actions logged on this computer and in the volunteers’ reports you "
       "import. It fills up as letters are sent."),
    NULL, NULL,
    dossier_action_get_type, action_row, count_all_actions,
  },
  {
    "feeds", "application-rss+xml-symbolic",
    NC_("sidebar", "Feeds"),
    N_("No Feeds"),
    N_("Campaigns publish their urgent actions, cases and news as feeds. Ask your coordinator "
       "for your campaign’s feed address; nothing is fetched until you add one."),
    NULL, NULL,
    dossier_feed_get_type, feed_row, count_feeds,
  },
};

static const SectionInfo *
find_section (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].id, id) == 0)
      return &sections[i];
  return NULL;
}

/* Cases grouped by status as the NGO reports group them: those in prison
 * first, then suspended sentences, forced treatment, prosecutions still
 * going on, those at risk abroad, and those free. */
static const char * const report_order[] = {
  "imprisoned", "suspended-sentence", "restricted-freedom", "forced-psychiatric-treatment",
  "under-investigation", "on-trial", "detained", "extradition-risk", "exile",
  "released", "acquitted", "other", NULL
};

/* The filters of the Actions list, in the order of the drop-down. */
enum {
  UA_FILTER_OPEN,
  UA_FILTER_THIS_WEEK,
  UA_FILTER_CLOSED,
  UA_FILTER_ALL,
};

static DossierQuery *
ua_query (guint filter)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *in_a_week = g_date_time_format (week, "%Y-%m-%d");

  switch (filter)
    {
    case UA_FILTER_THIS_WEEK:
      dossier_query_filter_text (query, "status", DOSSIER_QUERY_NE, "closed");
      dossier_query_filter_text (query, "deadline", DOSSIER_QUERY_GE, today);
      dossier_query_filter_text (query, "deadline", DOSSIER_QUERY_LE, in_a_week);
      dossier_query_sort (query, "deadline", FALSE);
      break;
    case UA_FILTER_CLOSED:
      dossier_query_filter_text (query, "status", DOSSIER_QUERY_EQ, "closed");
      dossier_query_sort (query, "deadline", TRUE);
      break;
    case UA_FILTER_ALL:
      dossier_query_sort (query, "deadline", TRUE);
      break;
    case UA_FILTER_OPEN:
    default:
      dossier_query_filter_text (query, "status", DOSSIER_QUERY_NE, "closed");
      dossier_query_sort (query, "deadline", FALSE);
    }
  return query;
}

static DossierQuery *
section_query (const SectionInfo *info)
{
  DossierQuery *query;

  if (g_str_equal (info->id, "actions"))
    return ua_query (UA_FILTER_OPEN);

  query = dossier_query_new (info->kind ());
  if (g_str_equal (info->id, "cases"))
    {
      dossier_query_sort_by_values (query, "status", report_order);
      dossier_query_sort (query, "name", FALSE);
    }
  else if (g_str_equal (info->id, "updates"))
    dossier_query_sort (query, "published", TRUE);
  else if (g_str_equal (info->id, "my-actions"))
    {
      dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
      dossier_query_sort (query, "date", TRUE);
    }
  else if (g_str_equal (info->id, "progress"))
    dossier_query_sort (query, "date", TRUE);
  else if (g_str_equal (info->id, "feeds"))
    dossier_query_sort (query, "title", FALSE);
  return query;
}

static void
update_title (DossierWindow *self)
{
  const SectionInfo *info = find_section (gtk_stack_get_visible_child_name (self->section_stack));
  DossierSection *section;
  DossierRecordList *list;
  g_autofree char *subtitle = NULL;

  if (info == NULL)
    return;
  adw_window_title_set_title (self->content_title, g_dpgettext2 (NULL, "sidebar", info->title));
  section = DOSSIER_SECTION (gtk_stack_get_visible_child (self->section_stack));
  list = dossier_section_get_list (section);
  if (list && g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    subtitle = info->count (g_list_model_get_n_items (G_LIST_MODEL (list)));
  adw_window_title_set_subtitle (self->content_title, subtitle ? subtitle : "");
}

static void
on_list_items_changed_cb (GListModel    *model,
                          guint          position,
                          guint          removed,
                          guint          added,
                          DossierWindow *self)
{
  update_title (self);
}

static GtkWidget *
sidebar_row_new (const SectionInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (g_dpgettext2 (NULL, "sidebar", info->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, g_dpgettext2 (NULL, "sidebar", info->title),
                                  -1);
  return row;
}

static void
on_ua_filter_changed_cb (DossierWindow *self)
{
  DossierSection *section = dossier_window_get_section_widget (self, "actions");
  DossierRecordList *list = dossier_section_get_list (section);
  g_autoptr(DossierQuery) query = ua_query (gtk_drop_down_get_selected (self->ua_filter));

  if (list)
    dossier_record_list_set_query (list, query);
  update_title (self);
}

static DossierQuery *
cases_query (DossierWindow *self)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_CASE);
  const char *status = dossier_enum_id_at (DOSSIER_ENUM_CASE_STATUS,
                                           gtk_drop_down_get_selected (self->case_status_filter), TRUE);
  guint country = gtk_drop_down_get_selected (self->case_country_filter);

  if (status)
    dossier_query_filter_text (query, "status", DOSSIER_QUERY_EQ, status);
  if (country > 0 && self->countries && country <= g_strv_length (self->countries))
    dossier_query_filter_text (query, "country", DOSSIER_QUERY_EQ, self->countries[country - 1]);
  dossier_query_sort_by_values (query, "status", report_order);
  dossier_query_sort (query, "name", FALSE);
  return query;
}

static void
on_case_filter_changed_cb (DossierWindow *self)
{
  DossierRecordList *list = dossier_section_get_list (dossier_window_get_section_widget (self, "cases"));
  g_autoptr(DossierQuery) query = NULL;

  if (self->refilling || list == NULL)
    return;
  query = cases_query (self);
  dossier_record_list_set_query (list, query);
  update_title (self);
}

/* The countries of the cases in the store, read when Cases is shown. */
static void
refill_countries (DossierWindow *self)
{
  g_autoptr(DossierQuery) all = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_auto(GStrv) countries = NULL;
  const char *current = NULL;
  guint selected = 0;

  if (self->store == NULL)
    return;
  countries = dossier_store_distinct (self->store, all, "country", NULL);
  if (self->countries && gtk_drop_down_get_selected (self->case_country_filter) > 0 &&
      gtk_drop_down_get_selected (self->case_country_filter) <= g_strv_length (self->countries))
    current = self->countries[gtk_drop_down_get_selected (self->case_country_filter) - 1];

  gtk_string_list_append (model, C_("cases filter", "All Countries"));
  for (guint i = 0; countries && countries[i]; i++)
    {
      gtk_string_list_append (model, countries[i]);
      if (g_strcmp0 (countries[i], current) == 0)
        selected = i + 1;
    }
  self->refilling = TRUE;
  gtk_drop_down_set_model (self->case_country_filter, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->case_country_filter, selected);
  self->refilling = FALSE;
  g_strfreev (self->countries);
  self->countries = g_steal_pointer (&countries);
  if (selected == 0 && current != NULL)
    on_case_filter_changed_cb (self);
}

/* A bar of filters over a section's list. The filters wrap onto more
 * lines in a narrow window rather than hide: at 360 px they are still
 * there to use. */
static GtkWidget *
filter_bar_new (GtkWidget *first,
                ...)
{
  GtkWidget *flow = gtk_flow_box_new ();
  va_list args;
  guint n = 0;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_add_css_class (flow, "toolbar");
  va_start (args, first);
  for (GtkWidget *w = first; w; w = va_arg (args, GtkWidget *))
    {
      gtk_flow_box_append (GTK_FLOW_BOX (flow), w);
      n++;
    }
  va_end (args);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), MAX (n, 2));
  return flow;
}

static void
pack_case_filter (DossierWindow *self,
                  GtkDropDown   *filter)
{
  g_signal_connect_object (filter, "notify::selected", G_CALLBACK (on_case_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
build_case_filters (DossierWindow *self)
{
  self->case_status_filter = GTK_DROP_DOWN (gtk_drop_down_new (dossier_enum_model (DOSSIER_ENUM_CASE_STATUS,
                                                                                  C_("cases filter", "All Statuses")),
                                                              NULL));
  self->case_country_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) { C_("cases filter", "All Countries"), NULL }));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->case_status_filter), _("Show cases with this status"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->case_country_filter), _("Show cases in this country"));
  pack_case_filter (self, self->case_status_filter);
  pack_case_filter (self, self->case_country_filter);
}

static void
build_ua_filter (DossierWindow *self)
{
  const char *filters[] = {
    C_("urgent actions filter", "Open"),
    C_("urgent actions filter", "Closing This Week"),
    C_("urgent actions filter", "Closed"),
    C_("urgent actions filter", "All"),
    NULL
  };

  self->ua_filter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (filters));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ua_filter), _("Which urgent actions to show"));
  g_signal_connect_object (self->ua_filter, "notify::selected",
                           G_CALLBACK (on_ua_filter_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
on_my_actions_filter_changed_cb (DossierWindow *self)
{
  DossierSection *section = dossier_window_get_section_widget (self, "my-actions");
  g_autoptr(DossierQuery) query = dossier_my_actions_bar_get_query (self->my_actions_bar);

  dossier_record_list_set_query (dossier_section_get_list (section), query);
  if (dossier_my_actions_bar_is_filtered (self->my_actions_bar))
    dossier_section_set_empty_text (section, _("No Actions Match"),
                                    _("None of your actions fits these filters. Choose “All” in a "
                                      "filter to see more."));
  else
    dossier_section_set_empty_text (section, _(find_section ("my-actions")->empty_title),
                                    _(find_section ("my-actions")->empty_description));
  update_title (self);
}

static void
build_my_actions (DossierWindow     *self,
                  DossierSection    *section,
                  DossierRecordList *list)
{
  g_autoptr(DossierQuery) query = NULL;

  self->my_actions_bar = dossier_my_actions_bar_new (self->store);
  query = dossier_my_actions_bar_get_query (self->my_actions_bar);
  dossier_record_list_set_query (list, query);
  dossier_record_list_also_follow (list, DOSSIER_TYPE_URGENT_ACTION);
  dossier_section_set_header (section, GTK_WIDGET (self->my_actions_bar));
  dossier_section_set_suffix (section, action_state_setup, action_state_bind);
  g_signal_connect_object (self->my_actions_bar, "changed",
                           G_CALLBACK (on_my_actions_filter_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
build_sections (DossierWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const SectionInfo *info = &sections[i];
      DossierSection *section = dossier_section_new (info->icon_name, _(info->empty_title),
                                                     _(info->empty_description));

      if (g_str_equal (info->id, "actions") || g_str_equal (info->id, "cases"))
        dossier_section_add_empty_button (section, _("_Explore the Sample Campaign"), "win.load-sample", NULL);
      if (info->button_label)
        dossier_section_add_empty_button (section, _(info->button_label), "win.section",
                                          g_variant_new_string (info->button_section));
      if (self->store)
        {
          g_autoptr(DossierQuery) query = section_query (info);
          g_autoptr(DossierRecordList) list = dossier_record_list_new (self->store, query);

          if (g_str_equal (info->id, "actions"))
            {
              dossier_record_list_also_follow (list, DOSSIER_TYPE_ACTION);
              dossier_section_set_header (section, filter_bar_new (GTK_WIDGET (self->ua_filter), NULL));
            }
          if (g_str_equal (info->id, "cases"))
            dossier_section_set_header (section, filter_bar_new (GTK_WIDGET (self->case_status_filter),
                                                                 GTK_WIDGET (self->case_country_filter), NULL));
          if (g_str_equal (info->id, "my-actions"))
            build_my_actions (self, section, list);
          dossier_section_set_list (section, self->store, list, info->row_func);
          if (info->kind () == DOSSIER_TYPE_URGENT_ACTION || info->kind () == DOSSIER_TYPE_CASE ||
              g_str_equal (info->id, "my-actions"))
            dossier_section_set_activatable (section, TRUE);
          g_signal_connect_object (list, "items-changed", G_CALLBACK (on_list_items_changed_cb),
                                   self, 0);
        }
      gtk_stack_add_named (self->section_stack, GTK_WIDGET (section), info->id);
      gtk_list_box_append (self->sidebar_list, sidebar_row_new (info));
    }
}

static void
update_header (DossierWindow *self)
{
  gboolean detail = self->pages->len > 0;

  gboolean on_case = detail &&
    DOSSIER_IS_CASE (dossier_detail_page_get_record (g_ptr_array_index (self->pages, self->pages->len - 1)));

  {
    gboolean on_cases = !detail && self->store != NULL &&
                        g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "cases") == 0;

    gtk_widget_set_visible (GTK_WIDGET (self->new_case_button), on_cases);
    if (on_cases)
      refill_countries (self);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->new_ua_button),
                          !detail && self->store != NULL &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "actions") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->add_event_button), on_case);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          detail || adw_leaflet_get_folded (self->leaflet));
  if (detail)
    {
      DossierDetailPage *page = g_ptr_array_index (self->pages, self->pages->len - 1);
      DossierRecord *record = dossier_detail_page_get_record (page);

      adw_window_title_set_title (self->content_title,
                                  DOSSIER_IS_CASE (record) ? C_("page title", "Case")
                                                           : C_("page title", "Urgent Action"));
      adw_window_title_set_subtitle (self->content_title, "");
    }
  else
    update_title (self);
}

static void
on_folded_changed_cb (DossierWindow *self)
{
  if (self->ua_filter == NULL)
    return;  /* still being built */
  update_header (self);
}

static void
close_pages (DossierWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "sections");
  while (self->pages->len > 0)
    {
      GtkWidget *page = g_ptr_array_steal_index (self->pages, self->pages->len - 1);
      gtk_stack_remove (self->content_stack, page);
    }
  update_header (self);
}

static void
pop_page (DossierWindow *self)
{
  GtkWidget *page;

  g_assert (self->pages->len > 0);
  page = g_ptr_array_steal_index (self->pages, self->pages->len - 1);
  if (self->pages->len > 0)
    gtk_stack_set_visible_child (self->content_stack, g_ptr_array_index (self->pages, self->pages->len - 1));
  else
    gtk_stack_set_visible_child_name (self->content_stack, "sections");
  gtk_stack_remove (self->content_stack, page);
  update_header (self);
}

static void
on_open_record_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *type_name, *id;
  GType kind;
  g_autoptr(DossierRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  DossierDetailPage *page;

  /* a search result opened closes the search first */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "search") == 0)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  g_variant_get (parameter, "(&s&s)", &type_name, &id);
  kind = g_type_from_name (type_name);
  if (self->store && kind == DOSSIER_TYPE_ACTION)
    {
      /* an action has no page of its own: its urgent action's page lists it */
      g_autoptr(DossierRecord) action = dossier_store_fetch (self->store, kind, id, NULL);
      const char *ua_id = action ? dossier_record_get_string (action, "ua-id") : NULL;

      if (ua_id)
        gtk_widget_activate_action (widget, "win.open-record", "(ss)", "DossierUrgentAction", ua_id);
      return;
    }
  if (self->store == NULL || (kind != DOSSIER_TYPE_URGENT_ACTION && kind != DOSSIER_TYPE_CASE))
    return;
  record = dossier_store_fetch (self->store, kind, id, &error);
  if (record == NULL)
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  page = kind == DOSSIER_TYPE_CASE ? dossier_case_page_new (self->store, record)
                                   : dossier_ua_page_new (self->store, record);
  g_ptr_array_add (self->pages, page);
  gtk_stack_add_child (self->content_stack, GTK_WIDGET (page));
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (page));
  update_header (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_open_uri_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);

  /* the same rule as the rows that offer it: web and mail only */
  if (dossier_uri_is_safe (uri))
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
on_copy_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  dossier_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static void
on_show_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  dossier_add_toast (self->toast_overlay, adw_toast_new (g_variant_get_string (parameter, NULL)));
}

/* Search, as the user types; the results are the search view's. */
static void
on_search_changed_cb (DossierWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || *text == '\0')
    {
      /* back to what was shown before searching */
      dossier_search_view_clear (self->search_view);
      if (self->pages->len > 0)
        gtk_stack_set_visible_child (self->content_stack, g_ptr_array_index (self->pages, self->pages->len - 1));
      else
        gtk_stack_set_visible_child_name (self->content_stack, "sections");
      update_header (self);
      return;
    }
  if (!dossier_search_view_search (self->search_view, text, &error))
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "search");
  adw_window_title_set_title (self->content_title, C_("page title", "Search"));
  adw_window_title_set_subtitle (self->content_title, "");
}

static void
on_search_mode_cb (DossierWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed_cb (self);
    }
}

/* Enter opens the first result that has a page. */
static void
on_search_activate_cb (DossierWindow *self)
{
  dossier_search_view_activate_first (self->search_view);
}

/* A toast that says what was just done, with Undo through @action. */
static void
add_undo_toast (DossierWindow *self,
                AdwToast      *toast,
                const char    *action)
{
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  dossier_add_toast (self->toast_overlay, toast);
}

static DossierRecord *
current_record (DossierWindow *self)
{
  if (self->pages->len == 0)
    return NULL;
  return dossier_detail_page_get_record (g_ptr_array_index (self->pages, self->pages->len - 1));
}

static void
on_new_case_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->store)
    gtk_window_present (GTK_WINDOW (dossier_case_editor_new (GTK_WINDOW (self), self->store, NULL)));
}

static void
on_new_ua_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->store)
    gtk_window_present (GTK_WINDOW (dossier_ua_editor_new (GTK_WINDOW (self), self->store, NULL)));
}

/* Rebuilds the page on show, after a change it does not follow itself. */
static void
on_reload_page_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierRecord *record = current_record (self);
  g_autofree char *id = NULL;
  const char *type;

  if (record == NULL)
    return;
  id = g_strdup (dossier_record_get_id (record));
  type = G_OBJECT_TYPE_NAME (record);
  pop_page (self);
  gtk_widget_activate_action (widget, "win.open-record", "(ss)", type, id);
}

static void
on_page_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GtkWidget) page = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || self->pages->len == 0)
    return;
  /* the page may close itself: it stays alive until its action returns */
  page = g_object_ref (g_ptr_array_index (self->pages, self->pages->len - 1));
  name = g_strconcat ("page", strchr (action_name, '.'), NULL);
  gtk_widget_activate_action_variant (page, name, parameter);
}

/* The page of @ua_id, if it is the one shown, is rebuilt: its counts. */
static void
reload_ua_page (DossierWindow *self,
                const char    *ua_id)
{
  DossierRecord *shown = current_record (self);

  if (shown && DOSSIER_IS_URGENT_ACTION (shown) && g_strcmp0 (dossier_record_get_id (shown), ua_id) == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-page", NULL);
}

static void
on_write_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *ua_id, *target_id;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) target = NULL;

  g_variant_get (parameter, "(&s&s)", &ua_id, &target_id);
  if (self->store == NULL || !(ua = dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, ua_id, NULL)))
    return;
  if (*target_id)
    target = dossier_store_fetch (self->store, DOSSIER_TYPE_TARGET, target_id, NULL);
  gtk_window_present (GTK_WINDOW (dossier_composer_new (GTK_WINDOW (self), self->store, ua, target)));
}

static void
on_log_action_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierRecord) ua = NULL;

  if (self->store == NULL ||
      !(ua = dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, g_variant_get_string (parameter, NULL), NULL)))
    return;
  gtk_window_present (GTK_WINDOW (dossier_log_editor_new (GTK_WINDOW (self), self->store, ua)));
}

static void
set_state (DossierWindow *self,
           const char    *id,
           const char    *state,
           const char    *reply_text,
           const char    *reply_date)
{
  g_autoptr(DossierRecord) before = NULL;
  g_autoptr(DossierRecord) action = NULL;
  g_autoptr(GError) error = NULL;

  if (!(before = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION, id, &error)) ||
      !(action = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION, id, &error)))
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  dossier_record_set_string (action, "state", state);
  if (reply_text)
    dossier_record_set_string (action, "reply-text", reply_text);
  if (reply_date)
    dossier_record_set_string (action, "reply-date", reply_date);
  if (!dossier_store_log_action (self->store, DOSSIER_ACTION (action), &error))
    {
      /* the row goes back to what the store holds */
      DossierSection *section = dossier_window_get_section_widget (self, "my-actions");
      g_autoptr(DossierQuery) query = dossier_my_actions_bar_get_query (self->my_actions_bar);

      dossier_record_list_set_query (dossier_section_get_list (section), query);
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  dossier_window_report_logged (self, DOSSIER_ACTION (action), DOSSIER_ACTION (before));
}

static void
on_reply_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DossierWindow    *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "action-id");
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *date = g_object_get_data (G_OBJECT (box), "date");
  GtkTextView *text = g_object_get_data (G_OBJECT (box), "text");
  g_autofree char *reply = dossier_text_view_get_text (text);

  if (g_str_equal (response, "save"))
    set_state (self, id, "replied", reply, gtk_editable_get_text (date));
  else
    {
      /* the row goes back to what the store holds */
      DossierSection *section = dossier_window_get_section_widget (self, "my-actions");
      g_autoptr(DossierQuery) query = dossier_my_actions_bar_get_query (self->my_actions_bar);

      dossier_record_list_set_query (dossier_section_get_list (section), query);
    }
}

/* A reply has a text and a date: ask for them before marking it. */
static void
ask_for_reply (DossierWindow *self,
               const char    *id)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *date = adw_entry_row_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *text = gtk_text_view_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Mark as Replied"),
                                                       _("What did the reply say, and when did it come?")));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Date of the reply (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_list_box_append (GTK_LIST_BOX (list), date);
  gtk_box_append (GTK_BOX (box), list);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 6);
  gtk_widget_set_size_request (text, -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reply"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), text);
  gtk_box_append (GTK_BOX (box), frame);
  g_object_set_data (G_OBJECT (box), "date", date);
  g_object_set_data (G_OBJECT (box), "text", text);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  g_object_set_data_full (G_OBJECT (dialog), "action-id", g_strdup (id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reply_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_set_action_state_action_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *id, *state;

  g_variant_get (parameter, "(&s&s)", &id, &state);
  if (self->store == NULL || !dossier_enum_has (DOSSIER_ENUM_ACTION_STATE, state))
    return;
  if (g_str_equal (state, "replied"))
    ask_for_reply (self, id);
  else
    set_state (self, id, state, NULL, NULL);
}

static void
on_undo_log_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierAction) logged = g_steal_pointer (&self->logged);
  g_autoptr(DossierAction) before = g_steal_pointer (&self->before);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (logged == NULL || self->store == NULL)
    return;
  if (before)
    ok = dossier_store_update (self->store, DOSSIER_RECORD (before), &error);
  else
    ok = dossier_store_delete (self->store, DOSSIER_TYPE_ACTION,
                               dossier_record_get_id (DOSSIER_RECORD (logged)), &error);
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("It could not be undone: %s"), error->message);

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  reload_ua_page (self, dossier_record_get_string (DOSSIER_RECORD (logged), "ua-id"));
}

/**
 * dossier_window_offer_undo_deletion:
 * @deletion: (transfer full): what was deleted
 * @toast: (transfer full): says what was deleted
 *
 * Shows @toast with Undo, which brings back @deletion until the next one.
 */
void
dossier_window_offer_undo_deletion (DossierWindow   *self,
                                    DossierDeletion *deletion,
                                    AdwToast        *toast)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (deletion != NULL);

  g_clear_pointer (&self->deleted, dossier_deletion_free);
  self->deleted = deletion;
  add_undo_toast (self, toast, "win.undo-delete");
}

/**
 * dossier_window_report_logged:
 * @before: (nullable): the action as it was, or %NULL if it is new
 *
 * Says that @action was logged or changed, with Undo.
 */
void
dossier_window_report_logged (DossierWindow *self,
                              DossierAction *action,
                              DossierAction *before)
{
  DossierRecord *record = DOSSIER_RECORD (action);
  const char *channel = dossier_enum_label (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (record, "channel"));
  const char *state = dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, dossier_record_get_string (record, "state"));
  AdwToast *toast;

  g_set_object (&self->logged, action);
  g_set_object (&self->before, before);
  if (before == NULL || g_str_equal (dossier_record_get_string (DOSSIER_RECORD (before), "state"), "drafted"))
    /* Translators: %s is a channel, such as “Letter” */
    toast = adw_toast_new_format (_("Logged: %s"), channel);
  else
    /* Translators: %s is a state, such as “Replied” */
    toast = adw_toast_new_format (_("Marked as: %s"), state);
  add_undo_toast (self, toast, "win.undo-log");
  reload_ua_page (self, dossier_record_get_string (record, "ua-id"));
}

static void
on_undo_delete_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierDeletion) deletion = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (deletion == NULL || self->store == NULL)
    return;
  if (!dossier_store_undo_deletion (self->store, deletion, &error))
    goto fail;
  {
    DossierRecord *first = dossier_deletion_get_record (deletion);
    gboolean is_event = DOSSIER_IS_CASE_EVENT (first);

    /* a target has no page: rebuild the one that lists it */
    if (DOSSIER_IS_TARGET (first))
      {
        gtk_widget_activate_action (widget, "win.reload-page", NULL);
        return;
      }
    const char *type = is_event ? "DossierCase" : G_OBJECT_TYPE_NAME (first);
    const char *id = is_event ? dossier_record_get_string (first, "case-id") : dossier_record_get_id (first);
    DossierRecord *shown = current_record (self);

    /* a page showing what changed is rebuilt */
    if (shown && g_strcmp0 (dossier_record_get_id (shown), id) == 0)
      pop_page (self);
    gtk_widget_activate_action (widget, "win.open-record", "(ss)", type, id);
  }
  return;

fail:
  {
    /* Translators: %s says what went wrong */
    g_autofree char *message = g_strdup_printf (_("It could not be restored: %s"), error->message);
    dossier_add_toast (self->toast_overlay, adw_toast_new (message));
  }
}

/* Imports a campaign file and says what it did; a file with an error
 * imports nothing and the dialog says which item and field are wrong. */
void
dossier_window_import_file (DossierWindow *self,
                            GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  DossierImportStats stats = { 0 };

  if (self->store == NULL)
    return;
  if (path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only files on this computer can be imported."));
    }
  else
    dossier_campaign_import_file (self->store, path, &stats, &error);

  if (error != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), name);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);

      /* the message is ours and the file's: plain text, never markup */
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
      adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  {
    /* Translators: the first number counts new records, the second updated ones */
    g_autofree char *message = g_strdup_printf (_("Imported: %u new, %u updated"), stats.created, stats.updated);

    dossier_add_toast (self->toast_overlay, adw_toast_new (message));
  }
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       DossierWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        dossier_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
on_import_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Campaign"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Campaign files (JSON Feed)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/feed+json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            DossierWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l; l = l->next)
    dossier_window_import_file (self, l->data);
  return files != NULL;
}

/* The sample campaign is built from real case files: a newcomer can see
 * what a campaign looks like before subscribing to one. */
static void
on_load_sample_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DossierImportStats stats = { 0 };

  gsize size;
  const char *data;

  if (self->store == NULL)
    return;
  bytes = g_resources_lookup_data ("/org/example/Dossier/sample-campaign.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      dossier_campaign_import_data (self->store, data, size, &stats, &error);
    }
  if (error != NULL)
    {
      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("The sample campaign could not be loaded: %s"), error->message);
      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  /* the sample's urgent action has closed: show it rather than nothing */
  if (dossier_section_is_empty (dossier_window_get_section_widget (self, "actions")))
    gtk_drop_down_set_selected (self->ua_filter, UA_FILTER_ALL);
  dossier_add_toast (self->toast_overlay,
                               adw_toast_new (stats.created > 0 ? _("Sample campaign loaded")
                                                                : _("The sample campaign is already loaded")));
}

static void
on_search_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_sidebar_row_activated_cb (GtkListBox    *box,
                             GtkListBoxRow *row,
                             DossierWindow *self)
{
  dossier_window_set_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_section_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  dossier_window_set_section (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->pages->len > 0)
    pop_page (self);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
dossier_window_close_request (GtkWindow *window)
{
  DossierWindow *self = DOSSIER_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "section", dossier_window_get_section (self));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (dossier_window_parent_class)->close_request (window);
}

static void
dossier_window_dispose (GObject *object)
{
  DossierWindow *self = DOSSIER_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, dossier_deletion_free);
  g_clear_pointer (&self->countries, g_strfreev);
  g_clear_object (&self->logged);
  g_clear_object (&self->before);

  G_OBJECT_CLASS (dossier_window_parent_class)->dispose (object);
}

static void
dossier_window_class_init (DossierWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_window_dispose;
  window_class->close_request = dossier_window_close_request;

  g_type_ensure (DOSSIER_TYPE_SEARCH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, add_event_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, new_case_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, new_ua_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_view);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.section", "s", on_section_action_cb);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, on_back_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(ss)", on_open_record_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", on_open_uri_action_cb);
  gtk_widget_class_install_action (widget_class, "win.copy", "s", on_copy_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", on_show_error_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, on_search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, on_load_sample_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, on_import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, on_new_case_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reload-page", NULL, on_reload_page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-ua", NULL, on_new_ua_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, on_undo_delete_action_cb);
  gtk_widget_class_install_action (widget_class, "win.write", "(ss)", on_write_action_cb);
  gtk_widget_class_install_action (widget_class, "win.log-action", "s", on_log_action_action_cb);
  gtk_widget_class_install_action (widget_class, "win.set-action-state", "(ss)", on_set_action_state_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-log", NULL, on_undo_log_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    gtk_widget_class_install_action (widget_class, page_actions[i].name, page_actions[i].parameter_type,
                                     on_page_action_cb);
}

static void
dossier_window_init (DossierWindow *self)
{
  self->pages = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* a campaign file dropped on the window is imported */
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
}

DossierWindow *
dossier_window_new (DossierApplication *application)
{
  DossierWindow *self;
  const GError *error;
  g_autofree char *section = NULL;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (application), NULL);

  self = g_object_new (DOSSIER_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (dossier_application_get_settings (application));
  if (dossier_application_get_store (application))
    self->store = g_object_ref (dossier_application_get_store (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  build_ua_filter (self);
  build_case_filters (self);
  build_sections (self);
  dossier_search_view_set_store (self->search_view, self->store);
  g_signal_connect_object (self->section_stack, "notify::visible-child",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  error = dossier_application_get_store_error (application);
  if (self->store == NULL)
    {
      /* the description is markup; the message may hold a path with & or < */
      g_autofree char *escaped = error ? g_markup_escape_text (error->message, -1) : NULL;

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.section", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
    }

  section = g_settings_get_string (self->settings, "section");
  dossier_window_set_section (self, section);
  return self;
}

const char *
dossier_window_get_section (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->section_stack);
}

void
dossier_window_set_section (DossierWindow *self,
                            const char    *section)
{
  GtkListBoxRow *row;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  if (find_section (section) == NULL)
    section = sections[0].id;
  close_pages (self);
  gtk_stack_set_visible_child_name (self->section_stack, section);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)); i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), section))
      gtk_list_box_select_row (self->sidebar_list, row);
  update_header (self);
}

DossierSection *
dossier_window_get_section_widget (DossierWindow *self,
                                   const char    *section)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return DOSSIER_SECTION (gtk_stack_get_child_by_name (self->section_stack, section));
}

DossierMyActionsBar *
dossier_window_get_my_actions_bar (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->my_actions_bar;
}
