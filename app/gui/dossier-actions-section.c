/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-accessible.h"
#include "dossier-actions-section.h"
#include "dossier-translations.h"
#include "dossier-application.h"
#include "dossier-case.h"
#include "dossier-logging.h"
#include "dossier-record-pages.h"
#include "dossier-ua-editor.h"
#include "dossier-urgent-action.h"

/* Actions: the urgent actions, the open ones first by deadline, with a
 * filter for those closing this week, the closed ones or all. */

struct _DossierActionsSection
{
  GtkWidget          parent_instance;

  GtkDropDown       *filter_drop_down;
  DossierSection    *list_section;
  GtkWidget         *sample_button;
  GtkWidget         *show_closed_button;

  DossierStore      *store;
  DossierRecordList *list;
};

static void dossier_actions_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierActionsSection, dossier_actions_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_actions_section_page_init))

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The filters, in the order of the drop-down. */
static const char * const filters[] = { "open", "closing-this-week", "closed", "all" };

enum {
  FILTER_OPEN,
  FILTER_THIS_WEEK,
  FILTER_CLOSED,
  FILTER_ALL,
};

static DossierQuery *
build_query (guint filter)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *in_a_week = g_date_time_format (week, "%Y-%m-%d");

  switch (filter)
    {
    case FILTER_THIS_WEEK:
      dossier_query_filter_text (query, "status", DOSSIER_QUERY_NE, "closed");
      dossier_query_filter_text (query, "deadline", DOSSIER_QUERY_GE, today);
      dossier_query_filter_text (query, "deadline", DOSSIER_QUERY_LE, in_a_week);
      dossier_query_sort (query, "deadline", FALSE);
      break;
    case FILTER_CLOSED:
      dossier_query_filter_text (query, "status", DOSSIER_QUERY_EQ, "closed");
      dossier_query_sort (query, "deadline", TRUE);
      break;
    case FILTER_ALL:
      dossier_query_sort (query, "deadline", TRUE);
      break;
    case FILTER_OPEN:
    default:
      dossier_query_filter_text (query, "status", DOSSIER_QUERY_NE, "closed");
      dossier_query_sort (query, "deadline", FALSE);
    }
  return query;
}

/* How many days are left to act on an open UA, or -1. */
static int
days_left (DossierRecord *record)
{
  const char *deadline = dossier_record_get_string (record, "deadline");

  if (g_strcmp0 (dossier_record_get_string (record, "status"), "closed") == 0 ||
      !dossier_date_is_valid (deadline))
    return -1;
  return dossier_days_until (deadline);
}

/* The days a volunteer is reminded before a deadline (Preferences), the
 * window in which a row says how close its deadline is. */
static int
reminder_days (void)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = DOSSIER_IS_APPLICATION (app) ? dossier_application_get_settings (DOSSIER_APPLICATION (app)) : NULL;

  return settings ? (int) g_settings_get_uint (settings, "reminder-days") : 7;
}

/* At the end of a row whose deadline is close: "2 days left", in the
 * warning colour. */
static GtkWidget *
urgency_setup (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "warning");
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

static void
urgency_bind (GtkWidget     *suffix,
              DossierRecord *record)
{
  int days = days_left (record);
  g_autofree char *text = NULL;

  if (days < 0 || days > reminder_days ())
    {
      gtk_widget_set_visible (suffix, FALSE);
      return;
    }
  if (days == 0)
    text = g_strdup (C_("deadline", "Today"));
  else
    /* Translators: beside an urgent action whose deadline is close */
    text = g_strdup_printf (ngettext ("%d day left", "%d days left", days), days);
  gtk_label_set_text (GTK_LABEL (suffix), text);
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
  g_autofree char *who = NULL;

  if (case_ids && case_ids[0])
    kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_ids[0], NULL);
  /* "3 letters, 1 email": what was done on it, by channel */
  counts = dossier_store_count_channels (store, dossier_record_get_id (record), FALSE, NULL, NULL);
  if (counts)
    logged = dossier_action_describe_counts (counts);

  *title = dossier_record_get_text_in (record, "title", dossier_ui_language (), FALSE, NULL, NULL);
  /* an appeal says it is one, and has no deadline to count */
  if (g_strcmp0 (dossier_record_get_string (record, "kind"), "appeal") == 0)
    {
      g_free (when);
      when = g_strdup (dossier_enum_label (DOSSIER_ENUM_UA_KIND, "appeal"));
    }
  g_autofree char *first_name = kase ? dossier_record_display_name (kase) : NULL;

  /* an appeal for 37 people names the first and counts the others */
  if (kase && case_ids[1])
    {
      guint others = g_strv_length ((char **) case_ids) - 1;

      /* Translators: the first person of an urgent action and how many others it is for */
      who = g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", others),
                             first_name, others);
    }
  *subtitle = dossier_join_nonempty (" · ", dossier_record_get_string (record, "reference"),
                                     who ? who : first_name ? first_name : "",
                                     when, logged ? logged : "", NULL);
}

/* An empty list says why: nothing here yet (the sample, or a feed, can
 * fill it), or only closed urgent actions — the sample's own UA closed in
 * 2020 — which one click shows. */
static void
update_empty_text (DossierActionsSection *self)
{
  guint filter = gtk_drop_down_get_selected (self->filter_drop_down);
  gint64 closed = 0;
  gint64 open = 0;

  /* nothing closes this week, but something is open: it closes later */
  if (self->store && filter == FILTER_THIS_WEEK)
    {
      g_autoptr(DossierQuery) query = build_query (FILTER_OPEN);

      open = dossier_store_count (self->store, query, NULL);
    }
  if (open > 0)
    {
      g_autofree char *description = g_strdup_printf (
        /* Translators: %'d counts the open urgent actions, none of which closes this week */
        ngettext ("The only open urgent action closes later: choose Open above to see it.",
                  "The %'d open urgent actions close later: choose Open above to see them.", open), (int) open);

      dossier_section_set_empty_text (self->list_section, _("None Closes This Week"), description);
      gtk_widget_set_visible (self->show_closed_button, FALSE);
      gtk_widget_set_visible (self->sample_button, FALSE);
      return;
    }
  if (self->store && filter != FILTER_CLOSED && filter != FILTER_ALL)
    {
      g_autoptr(DossierQuery) query = build_query (FILTER_CLOSED);

      closed = dossier_store_count (self->store, query, NULL);
    }
  if (closed > 0)
    {
      g_autofree char *description = g_strdup_printf (
        /* Translators: %'d counts the closed urgent actions in the store */
        ngettext ("The only urgent action here is closed: its deadline has passed. New ones arrive "
                  "with your campaign’s feed, under Feeds.",
                  "The %'d urgent actions here are closed: their deadlines have passed. New ones "
                  "arrive with your campaign’s feed, under Feeds.", closed), (int) closed);

      dossier_section_set_empty_text (self->list_section,
                                      filter == FILTER_THIS_WEEK ? _("None Closes This Week")
                                                                 : _("No Open Urgent Actions"),
                                      description);
    }
  else if (filter == FILTER_CLOSED)
    dossier_section_set_empty_text (self->list_section, _("No Closed Urgent Actions"),
                                    _("Urgent actions whose deadline has passed are listed here."));
  else
    dossier_section_set_empty_text (self->list_section, _("No Open Urgent Actions"),
                                    _("Urgent actions arrive with your campaign’s feed. Once you subscribe to it "
                                      "under Feeds, the open ones appear here, the closest deadline first."));
  gtk_widget_set_visible (self->show_closed_button, closed > 0);
  gtk_widget_set_visible (self->sample_button, closed == 0);
}

static void
on_store_changed_cb (DossierActionsSection *self,
                     GType                  kind)
{
  if (kind == DOSSIER_TYPE_URGENT_ACTION)
    update_empty_text (self);
}

static void
on_show_closed_cb (DossierActionsSection *self)
{
  gtk_drop_down_set_selected (self->filter_drop_down, FILTER_CLOSED);
}

static void
on_filter_selected_cb (DossierActionsSection *self)
{
  g_autoptr(DossierQuery) query = build_query (gtk_drop_down_get_selected (self->filter_drop_down));

  if (self->list)
    dossier_record_list_set_query (self->list, query);
  update_empty_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

static void
on_new_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierActionsSection *self = DOSSIER_ACTIONS_SECTION (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store && GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (dossier_ua_editor_new (GTK_WINDOW (root), self->store, NULL)));
}

static void
dossier_actions_section_set_store (DossierSectionPage *page,
                                   DossierStore       *store)
{
  DossierActionsSection *self = DOSSIER_ACTIONS_SECTION (page);
  g_autoptr(DossierQuery) query = build_query (gtk_drop_down_get_selected (self->filter_drop_down));

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->list = dossier_section_page_show_query (page, store, query, ua_row);
  /* a row counts what was done on its urgent action */
  dossier_record_list_also_follow (self->list, DOSSIER_TYPE_ACTION);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  update_empty_text (self);
}

static DossierSection *
dossier_actions_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_ACTIONS_SECTION (page)->list_section;
}

static char *
dossier_actions_section_describe_count (DossierSectionPage *page,
                                        guint               n)
{
  return g_strdup_printf (ngettext ("%'u urgent action", "%'u urgent actions", n), n);
}

static void
dossier_actions_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "actions";
  /* Translators: the section of open urgent actions; "My Actions" below
   * are the letters, emails and calls the user has logged */
  iface->title = NC_("sidebar", "Actions");
  iface->icon_name = "mail-send-symbolic";
  iface->header_action = "actions.new";
  iface->header_tooltip = N_("New Urgent Action");
  iface->set_store = dossier_actions_section_set_store;
  iface->get_list_section = dossier_actions_section_get_list_section;
  iface->describe_count = dossier_actions_section_describe_count;
}

static void
dossier_actions_section_dispose (GObject *object)
{
  DossierActionsSection *self = DOSSIER_ACTIONS_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_ACTIONS_SECTION);
  self->list = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_actions_section_parent_class)->dispose (object);
}

static void
dossier_actions_section_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DossierActionsSection *self = DOSSIER_ACTIONS_SECTION (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, dossier_actions_section_get_filter (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_actions_section_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DossierActionsSection *self = DOSSIER_ACTIONS_SECTION (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      dossier_actions_section_set_filter (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_actions_section_class_init (DossierActionsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_actions_section_dispose;
  object_class->get_property = dossier_actions_section_get_property;
  object_class->set_property = dossier_actions_section_set_property;

  /**
   * DossierActionsSection:filter:
   *
   * Which urgent actions the list shows: "open", "closing-this-week",
   * "closed" or "all".
   */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "open",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-actions-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierActionsSection, filter_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierActionsSection, list_section);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_closed_cb);
  gtk_widget_class_bind_template_child (widget_class, DossierActionsSection, sample_button);
  gtk_widget_class_bind_template_child (widget_class, DossierActionsSection, show_closed_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_property_action (widget_class, "actions.filter", "filter");
  gtk_widget_class_install_action (widget_class, "actions.new", NULL, on_new_action_cb);
}

static void
dossier_actions_section_init (DossierActionsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dossier_section_set_suffix (self->list_section, urgency_setup, urgency_bind);
  /* Translators: how a screen reader names the filter over the urgent actions */
  dossier_accessible_name_drop_down (self->filter_drop_down, C_("filter", "Show"));
}

const char *
dossier_actions_section_get_filter (DossierActionsSection *self)
{
  guint selected;

  g_return_val_if_fail (DOSSIER_IS_ACTIONS_SECTION (self), NULL);

  selected = gtk_drop_down_get_selected (self->filter_drop_down);
  return selected < G_N_ELEMENTS (filters) ? filters[selected] : filters[FILTER_OPEN];
}

void
dossier_actions_section_set_filter (DossierActionsSection *self,
                                    const char            *filter)
{
  g_return_if_fail (DOSSIER_IS_ACTIONS_SECTION (self));

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (g_strcmp0 (filters[i], filter) == 0)
      {
        /* the drop-down's notify::selected does the rest */
        gtk_drop_down_set_selected (self->filter_drop_down, i);
        return;
      }
  g_warning ("No urgent actions filter “%s”", filter);
}
