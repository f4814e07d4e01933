/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-accessible.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feed-merge.h"
#include "dossier-feed-pages.h"
#include "dossier-updates-section.h"
#include "dossier-translations.h"

/* Updates: the items of the feeds, newest first; the unread in bold, a
 * star on each row; filtered by unread or starred, by feed and by case;
 * and all of them marked read at once, in a worker. */

struct _DossierUpdatesSection
{
  GtkWidget          parent_instance;

  GtkDropDown       *case_drop_down;
  GtkDropDown       *feed_drop_down;
  DossierSection    *list_section;
  GtkDropDown       *state_drop_down;
  GtkLabel          *unread_label;

  DossierStore      *store;
  DossierRecordList *list;
  GStrv              feed_ids;   /* the feed filter's values after "All" */
  GStrv              case_ids;   /* the case filter's values after "All" */
  GHashTable        *feed_titles;
  GHashTable        *case_names;
  char              *wanted_feed;  /* asked for before the filter knew the feed */
  gboolean           refilling;
};

static void dossier_updates_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierUpdatesSection, dossier_updates_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_updates_section_page_init))

enum {
  PROP_0,
  PROP_FEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STATE_ALL,
  STATE_UNREAD,
  STATE_STARRED,
};

static const char *
selected_id (GtkDropDown *drop_down,
             GStrv        ids)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || ids == NULL || selected > g_strv_length (ids))
    return NULL;
  return ids[selected - 1];
}

static DossierQuery *
build_query (DossierUpdatesSection *self)
{
  DossierQuery *query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  const char *feed_id = selected_id (self->feed_drop_down, self->feed_ids);
  const char *case_id = selected_id (self->case_drop_down, self->case_ids);

  if (feed_id)
    dossier_query_filter_text (query, "feed-id", DOSSIER_QUERY_EQ, feed_id);
  if (case_id)
    dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, case_id);
  switch (gtk_drop_down_get_selected (self->state_drop_down))
    {
    case STATE_UNREAD:
      dossier_query_filter_int (query, "read", DOSSIER_QUERY_EQ, 0);
      break;
    case STATE_STARRED:
      dossier_query_filter_int (query, "starred", DOSSIER_QUERY_EQ, 1);
      break;
    default:
      break;
    }
  dossier_query_sort (query, "published", TRUE);
  return query;
}

static const char *
feed_title (DossierUpdatesSection *self,
            const char            *feed_id)
{
  const char *title;

  if (feed_id == NULL)
    return NULL;
  title = g_hash_table_lookup (self->feed_titles, feed_id);
  if (title == NULL && self->store)
    {
      g_autoptr(DossierRecord) feed = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED, feed_id, NULL);

      if (feed == NULL)
        return NULL;
      title = *dossier_record_get_string (feed, "title") ? dossier_record_get_string (feed, "title")
                                                         : dossier_record_get_string (feed, "url");
      g_hash_table_insert (self->feed_titles, g_strdup (feed_id), g_strdup (title));
      title = g_hash_table_lookup (self->feed_titles, feed_id);
    }
  return title;
}

static const char *
case_name (DossierUpdatesSection *self,
           const char            *case_id)
{
  const char *name;

  if (case_id == NULL || *case_id == '\0')
    return NULL;
  name = g_hash_table_lookup (self->case_names, case_id);
  if (name == NULL && self->store)
    {
      g_autoptr(DossierRecord) kase = dossier_store_fetch (self->store, DOSSIER_TYPE_CASE, case_id, NULL);

      if (kase == NULL)
        return NULL;
      g_hash_table_insert (self->case_names, g_strdup (case_id), dossier_record_display_name (kase));
      name = g_hash_table_lookup (self->case_names, case_id);
    }
  return name;
}

static DossierUpdatesSection *
section_of (GtkWidget *widget)
{
  GtkWidget *section = gtk_widget_get_ancestor (widget, DOSSIER_TYPE_UPDATES_SECTION);

  return section ? DOSSIER_UPDATES_SECTION (section) : NULL;
}

/* The feed's title and the case's name of a row: a row read by id each,
 * through the store's cached statements, for the rows on screen only. */
static void
feed_item_row (DossierStore   *store,
               DossierRecord  *record,
               char          **title,
               char          **subtitle)
{
  const char *text = dossier_record_get_string (record, "title");
  const char *case_id = dossier_record_get_string (record, "case-id");
  g_autofree char *date = dossier_format_timestamp (dossier_record_get_string (record, "published"),
                                                     DOSSIER_DATE_STYLE_SHORT);
  g_autoptr(DossierRecord) feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED,
                                                       dossier_record_get_string (record, "feed-id"), NULL);
  g_autoptr(DossierRecord) kase = case_id && *case_id ? dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_id, NULL)
                                                      : NULL;
  const char *feed_name = NULL;

  if (feed)
    feed_name = *dossier_record_get_string (feed, "title") ? dossier_record_get_string (feed, "title")
                                                           : dossier_record_get_string (feed, "url");
  *title = g_strdup (text && *text ? text : _("Untitled update"));
  *subtitle = dossier_join_nonempty (" · ", feed_name ? feed_name : "", date ? date : "",
                                     kase ? dossier_record_get_string (kase, "name") : "", NULL);
}

static gboolean
is_unread (DossierRecord *record)
{
  return !dossier_record_get_boolean (record, "read");
}

/* ---- the star on each row ---- */

static void
on_star_toggled_cb (GtkToggleButton *button)
{
  DossierUpdatesSection *self = section_of (GTK_WIDGET (button));
  const char *id = g_object_get_data (G_OBJECT (button), "dossier-item-id");
  g_autoptr(DossierRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_toggle_button_get_active (button);

  if (self == NULL || self->store == NULL || id == NULL)
    return;
  item = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED_ITEM, id, &error);
  gtk_button_set_icon_name (GTK_BUTTON (button), active ? "starred-symbolic" : "non-starred-symbolic");
  if (item && dossier_record_get_boolean (item, "starred") != active)
    {
      dossier_record_set_boolean (item, "starred", active);
      if (dossier_store_update (self->store, item, &error))
        return;
    }
  if (error)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
}

static GtkWidget *
star_setup (void)
{
  GtkWidget *star = gtk_toggle_button_new ();

  gtk_widget_add_css_class (star, "flat");
  gtk_widget_add_css_class (star, "circular");
  g_signal_connect (star, "toggled", G_CALLBACK (on_star_toggled_cb), NULL);
  return star;
}

static void
star_bind (GtkWidget     *star,
           DossierRecord *record)
{
  gboolean starred = dossier_record_get_boolean (record, "starred");

  g_object_set_data_full (G_OBJECT (star), "dossier-item-id", g_strdup (dossier_record_get_id (record)), g_free);
  g_signal_handlers_block_by_func (star, on_star_toggled_cb, NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), starred);
  g_signal_handlers_unblock_by_func (star, on_star_toggled_cb, NULL);
  gtk_button_set_icon_name (GTK_BUTTON (star), starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (star, starred ? _("Starred; click to unstar") : _("Star"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Star"), -1);
}

/* ---- filters ---- */

static void
update_unread (DossierUpdatesSection *self)
{
  g_autoptr(DossierQuery) query = NULL;
  g_autofree char *text = NULL;
  gboolean starred;
  gint64 n;

  if (self->store == NULL)
    return;
  query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  if (selected_id (self->feed_drop_down, self->feed_ids))
    dossier_query_filter_text (query, "feed-id", DOSSIER_QUERY_EQ, selected_id (self->feed_drop_down, self->feed_ids));
  if (selected_id (self->case_drop_down, self->case_ids))
    dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, selected_id (self->case_drop_down, self->case_ids));
  dossier_query_filter_int (query, "read", DOSSIER_QUERY_EQ, 0);
  /* the unread ones of those shown: with Starred, the starred ones */
  starred = gtk_drop_down_get_selected (self->state_drop_down) == STATE_STARRED;
  if (starred)
    dossier_query_filter_int (query, "starred", DOSSIER_QUERY_EQ, 1);
  n = MAX (dossier_store_count (self->store, query, NULL), 0);
  if (n > 0)
    /* Translators: %'lld counts the unread updates the filters show */
    text = g_strdup_printf (ngettext ("%'lld unread", "%'lld unread", (gulong) n), (long long) n);
  else
    text = g_strdup (_("All read"));
  gtk_label_set_text (self->unread_label, text);
  /* Mark All Read marks what the feed and case filters show; under
   * Starred it would mark the unstarred ones too, which are not shown */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "updates.mark-all-read", n > 0 && !starred);
}

static void
apply_filters (DossierUpdatesSection *self)
{
  g_autoptr(DossierQuery) query = NULL;
  gboolean filtered;

  if (self->list == NULL)
    return;
  query = build_query (self);
  dossier_record_list_set_query (self->list, query);
  filtered = gtk_drop_down_get_selected (self->state_drop_down) != STATE_ALL ||
             selected_id (self->feed_drop_down, self->feed_ids) || selected_id (self->case_drop_down, self->case_ids);
  if (filtered)
    dossier_section_set_empty_text (self->list_section, _("No Updates Here"),
                                    _("No update matches the filters: choose another feed, case or state."));
  else
    dossier_section_set_empty_text (self->list_section, _("No Updates"),
                                    _("News from the feeds you subscribe to appears here, newest first: "
                                      "hearings, verdicts, releases and calls for action."));
  update_unread (self);
}

static void
on_filter_changed_cb (DossierUpdatesSection *self)
{
  if (self->refilling)
    return;
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEED]);
}

/* The feeds and the cases with updates, as the filters' choices. */
static void
refill_filters (DossierUpdatesSection *self)
{
  g_autoptr(DossierQuery) feeds_query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(DossierQuery) items = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(GtkStringList) feed_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) case_model = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GStrvBuilder) feed_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) case_ids = g_strv_builder_new ();
  g_auto(GStrv) linked = NULL;
  g_autofree char *current_feed = NULL;
  g_autofree char *current_case = NULL;
  guint feed_selected = 0, case_selected = 0, n_feeds = 0, n_cases = 0;

  if (self->store == NULL)
    return;
  current_feed = g_strdup (self->wanted_feed ? self->wanted_feed : selected_id (self->feed_drop_down, self->feed_ids));
  current_case = g_strdup (selected_id (self->case_drop_down, self->case_ids));
  g_hash_table_remove_all (self->feed_titles);
  g_hash_table_remove_all (self->case_names);

  gtk_string_list_append (feed_model, C_("updates filter", "All Feeds"));
  dossier_query_sort (feeds_query, "title", FALSE);
  feeds = dossier_store_query (self->store, feeds_query, 0, G_MAXUINT, NULL);
  for (guint i = 0; feeds && i < feeds->len; i++)
    {
      DossierRecord *feed = feeds->pdata[i];
      const char *id = dossier_record_get_id (feed);

      gtk_string_list_append (feed_model, feed_title (self, id));
      g_strv_builder_add (feed_ids, id);
      n_feeds++;
      if (g_strcmp0 (id, current_feed) == 0)
        feed_selected = n_feeds;
    }

  gtk_string_list_append (case_model, C_("updates filter", "All Cases"));
  linked = dossier_store_distinct (self->store, items, "case-id", NULL);
  /* at most 500 cases, as My Actions lists UAs: a drop-down of 10,000
   * names is of no use, and each is a record read (the one chosen stays) */
  for (guint i = 0; linked && linked[i] && (n_cases < 500 || g_strcmp0 (linked[i], current_case) == 0); i++)
    {
      const char *name = case_name (self, linked[i]);

      if (name == NULL)
        continue;
      gtk_string_list_append (case_model, name);
      g_strv_builder_add (case_ids, linked[i]);
      n_cases++;
      if (g_strcmp0 (linked[i], current_case) == 0)
        case_selected = n_cases;
    }

  self->refilling = TRUE;
  g_strfreev (self->feed_ids);
  self->feed_ids = g_strv_builder_end (feed_ids);
  g_strfreev (self->case_ids);
  self->case_ids = g_strv_builder_end (case_ids);
  gtk_drop_down_set_model (self->feed_drop_down, G_LIST_MODEL (feed_model));
  gtk_drop_down_set_selected (self->feed_drop_down, feed_selected);
  gtk_drop_down_set_model (self->case_drop_down, G_LIST_MODEL (case_model));
  gtk_drop_down_set_selected (self->case_drop_down, case_selected);
  self->refilling = FALSE;
  if (feed_selected > 0)
    g_clear_pointer (&self->wanted_feed, g_free);
}

static void
on_store_changed_cb (DossierUpdatesSection *self,
                     GType                  kind)
{
  if (kind == DOSSIER_TYPE_FEED || kind == DOSSIER_TYPE_CASE)
    {
      g_autofree char *feed = g_strdup (selected_id (self->feed_drop_down, self->feed_ids));
      g_autofree char *kase = g_strdup (selected_id (self->case_drop_down, self->case_ids));

      refill_filters (self);
      /* the list follows its items itself; it is asked again only when a
       * filter's choice is gone */
      if (g_strcmp0 (feed, selected_id (self->feed_drop_down, self->feed_ids)) != 0 ||
          g_strcmp0 (kase, selected_id (self->case_drop_down, self->case_ids)) != 0)
        apply_filters (self);
      else
        update_unread (self);
    }
  else if (kind == DOSSIER_TYPE_FEED_ITEM)
    update_unread (self);
}

/* ---- actions ---- */

static void
on_marked_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DossierUpdatesSection) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = dossier_feed_mark_read_finish (result, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "updates.mark-all-read", TRUE);
  if (n < 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      return;
    }
  /* written through the worker's connection: the lists read again */
  if (self->store)
    dossier_store_notify_changed (self->store, DOSSIER_TYPE_FEED_ITEM);
}

static void
on_mark_all_read_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DossierUpdatesSection *self = DOSSIER_UPDATES_SECTION (widget);

  if (self->store == NULL)
    return;
  /* both of its buttons, the one with words and the narrow one */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "updates.mark-all-read", FALSE);
  dossier_feed_mark_read_async (dossier_store_get_path (self->store),
                                selected_id (self->feed_drop_down, self->feed_ids),
                                selected_id (self->case_drop_down, self->case_ids),
                                NULL, on_marked_read, g_object_ref (self));
}

/* ---- the section ---- */

static void
dossier_updates_section_set_store (DossierSectionPage *page,
                                   DossierStore       *store)
{
  DossierUpdatesSection *self = DOSSIER_UPDATES_SECTION (page);
  g_autoptr(DossierQuery) query = NULL;

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  refill_filters (self);
  query = build_query (self);
  self->list = dossier_section_page_show_query (page, store, query, feed_item_row);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  apply_filters (self);
}

static DossierSection *
dossier_updates_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_UPDATES_SECTION (page)->list_section;
}

static char *
dossier_updates_section_describe_count (DossierSectionPage *page,
                                        guint               n)
{
  return g_strdup_printf (ngettext ("%'u update", "%'u updates", n), n);
}

static void
dossier_updates_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "updates";
  iface->title = NC_("sidebar", "Updates");
  iface->icon_name = "preferences-system-notifications-symbolic";
  iface->set_store = dossier_updates_section_set_store;
  iface->get_list_section = dossier_updates_section_get_list_section;
  iface->describe_count = dossier_updates_section_describe_count;
}

static void
dossier_updates_section_map (GtkWidget *widget)
{
  DossierUpdatesSection *self = DOSSIER_UPDATES_SECTION (widget);

  /* case names may have changed while Updates was not shown */
  g_hash_table_remove_all (self->case_names);

  GTK_WIDGET_CLASS (dossier_updates_section_parent_class)->map (widget);
}

static void
dossier_updates_section_dispose (GObject *object)
{
  DossierUpdatesSection *self = DOSSIER_UPDATES_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_UPDATES_SECTION);
  self->list = NULL;
  g_clear_object (&self->store);
  g_clear_pointer (&self->feed_ids, g_strfreev);
  g_clear_pointer (&self->case_ids, g_strfreev);
  g_clear_pointer (&self->feed_titles, g_hash_table_unref);
  g_clear_pointer (&self->case_names, g_hash_table_unref);
  g_clear_pointer (&self->wanted_feed, g_free);

  G_OBJECT_CLASS (dossier_updates_section_parent_class)->dispose (object);
}

static void
dossier_updates_section_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DossierUpdatesSection *self = DOSSIER_UPDATES_SECTION (object);
  const char *feed_id;

  switch (prop_id)
    {
    case PROP_FEED:
      feed_id = selected_id (self->feed_drop_down, self->feed_ids);
      g_value_set_string (value, feed_id ? feed_id : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_updates_section_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DossierUpdatesSection *self = DOSSIER_UPDATES_SECTION (object);

  switch (prop_id)
    {
    case PROP_FEED:
      dossier_updates_section_set_feed (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_updates_section_class_init (DossierUpdatesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_updates_section_dispose;
  object_class->get_property = dossier_updates_section_get_property;
  object_class->set_property = dossier_updates_section_set_property;
  widget_class->map = dossier_updates_section_map;

  /**
   * DossierUpdatesSection:feed:
   *
   * The id of the feed whose updates the list shows, or "" for all.
   */
  properties[PROP_FEED] =
    g_param_spec_string ("feed", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-updates-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierUpdatesSection, case_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierUpdatesSection, feed_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierUpdatesSection, list_section);
  gtk_widget_class_bind_template_child (widget_class, DossierUpdatesSection, state_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierUpdatesSection, unread_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_property_action (widget_class, "updates.feed", "feed");
  gtk_widget_class_install_action (widget_class, "updates.mark-all-read", NULL, on_mark_all_read_action_cb);
}

static void
dossier_updates_section_init (DossierUpdatesSection *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) feeds = gtk_string_list_new ((const char *[]) { C_("updates filter", "All Feeds"), NULL });
  g_autoptr(GtkStringList) cases = gtk_string_list_new ((const char *[]) { C_("updates filter", "All Cases"), NULL });

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: how a screen reader names the filters over the updates */
  dossier_accessible_name_drop_down (self->state_drop_down, C_("filter", "Show"));
  dossier_accessible_name_drop_down (self->feed_drop_down, C_("filter", "Feed"));
  dossier_accessible_name_drop_down (self->case_drop_down, C_("filter", "Case"));
  self->feed_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->case_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_string_list_append (states, C_("updates filter", "All Updates"));
  gtk_string_list_append (states, C_("updates filter", "Unread"));
  gtk_string_list_append (states, C_("updates filter", "Starred"));
  self->refilling = TRUE;
  gtk_drop_down_set_model (self->state_drop_down, G_LIST_MODEL (states));
  gtk_drop_down_set_model (self->feed_drop_down, G_LIST_MODEL (feeds));
  gtk_drop_down_set_model (self->case_drop_down, G_LIST_MODEL (cases));
  self->refilling = FALSE;
  dossier_section_set_suffix (self->list_section, star_setup, star_bind);
  dossier_section_set_emphasis (self->list_section, is_unread);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "updates.mark-all-read", FALSE);
}

/* "" or NULL for all feeds. */
void
dossier_updates_section_set_feed (DossierUpdatesSection *self,
                                  const char            *feed_id)
{
  guint selected = 0;

  g_return_if_fail (DOSSIER_IS_UPDATES_SECTION (self));

  for (guint i = 0; self->feed_ids && self->feed_ids[i]; i++)
    if (g_strcmp0 (self->feed_ids[i], feed_id) == 0)
      selected = i + 1;
  /* a feed added since the filter was filled */
  if (selected == 0 && feed_id && *feed_id)
    {
      g_free (self->wanted_feed);
      self->wanted_feed = g_strdup (feed_id);
      refill_filters (self);
      apply_filters (self);
      return;
    }
  gtk_drop_down_set_selected (self->feed_drop_down, selected);
}
