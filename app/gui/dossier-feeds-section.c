/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-feed.h"
#include "dossier-feed-editor.h"
#include "dossier-feed-item.h"
#include "dossier-feeds-section.h"
#include "dossier-feed-list.h"
#include "dossier-window.h"

/* Feeds: the feeds subscribed to, by title, each with what it holds and
 * how its last fetch went; adding one (a button, a pasted or dropped
 * address), refreshing them all, and the feed list as OPML. The fetching
 * is the window's DossierFeedUpdater's. */

struct _DossierFeedsSection
{
  GtkWidget           parent_instance;

  GtkButton          *cancel_button;
  DossierSection     *list_section;
  GtkButton          *refresh_button;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;

  DossierStore       *store;
  DossierRecordList  *list;
  DossierFeedUpdater *updater;
  guint               redraw_id;
  guint               failed;    /* in the refresh going on, or the last */
  guint               added;
  gboolean            refreshing;
};

static void dossier_feeds_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierFeedsSection, dossier_feeds_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_feeds_section_page_init))

/* "12 items, 3 unread · Updated 10:32" or why the last fetch failed. */
char *
dossier_feed_describe_state (DossierStore  *store,
                             DossierRecord *feed)
{
  g_autoptr(DossierQuery) all = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(DossierQuery) unread = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  const char *id = dossier_record_get_id (feed);
  const char *result = dossier_record_get_string (feed, "last-result");
  g_autofree char *last = dossier_format_timestamp (dossier_record_get_string (feed, "last-fetch"),
                                                    DOSSIER_DATE_STYLE_SHORT);
  g_autofree char *counts = NULL;
  g_autofree char *state = NULL;
  gint64 n_all, n_unread;

  dossier_query_filter_text (all, "feed-id", DOSSIER_QUERY_EQ, id);
  dossier_query_filter_text (unread, "feed-id", DOSSIER_QUERY_EQ, id);
  dossier_query_filter_int (unread, "read", DOSSIER_QUERY_EQ, 0);
  /* kept by the store per feed: two rows read, however many items */
  n_all = MAX (dossier_store_count (store, all, NULL), 0);
  n_unread = MAX (dossier_store_count (store, unread, NULL), 0);
  if (n_unread > 0)
    /* Translators: the first number counts a feed's items, the second its unread ones */
    counts = g_strdup_printf (ngettext ("%'lld item, %'lld unread", "%'lld items, %'lld unread", (gulong) n_all),
                              (long long) n_all, (long long) n_unread);
  else
    counts = g_strdup_printf (ngettext ("%'lld item", "%'lld items", (gulong) n_all), (long long) n_all);

  if (*dossier_record_get_string (feed, "url") == '\0')
    state = g_strdup (_("From an imported campaign file"));
  else if (g_str_equal (dossier_record_get_string (feed, "signing"), "pending"))
    state = g_strdup (_("Waiting for you to trust its key"));
  else if (!dossier_record_get_boolean (feed, "enabled"))
    state = g_strdup (*result ? result : _("Off"));
  else if (*result)
    state = g_strdup (result);
  else if (last)
    /* Translators: %s is a time of day (when it was today) or a date */
    state = g_strdup_printf (_("Updated %s"), last);
  else
    state = g_strdup (_("Not fetched yet"));
  return g_strdup_printf ("%s · %s", counts, state);
}

static void
feed_row (DossierStore   *store,
          DossierRecord  *record,
          char          **title,
          char          **subtitle)
{
  const char *name = dossier_record_get_string (record, "title");

  const char *url = dossier_record_get_string (record, "url");
  g_autoptr(GUri) uri = *url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *state = dossier_feed_describe_state (store, record);

  *title = g_strdup (name && *name ? name : url);
  /* the site it comes from: feeds of one title are told apart */
  *subtitle = dossier_join_nonempty (" · ", uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : "", state, NULL);
}

static DossierFeedUpdater *
find_updater (DossierFeedsSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return DOSSIER_IS_WINDOW (root) ? dossier_window_get_feed_updater (DOSSIER_WINDOW (root)) : NULL;
}

/* The row's end: a spinner while its feed is fetched, a warning when its
 * last fetch failed. */
static GtkWidget *
suffix_setup (void)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_stack_add_named (GTK_STACK (stack), gtk_spinner_new (), "fetching");
  gtk_widget_add_css_class (warning, "warning");
  gtk_stack_add_named (GTK_STACK (stack), warning, "failed");
  gtk_stack_add_named (GTK_STACK (stack), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), "idle");
  return stack;
}

static void
suffix_bind (GtkWidget     *suffix,
             DossierRecord *record)
{
  GtkWidget *section = gtk_widget_get_ancestor (suffix, DOSSIER_TYPE_FEEDS_SECTION);
  DossierFeedUpdater *updater = section ? DOSSIER_FEEDS_SECTION (section)->updater : NULL;
  GtkWidget *spinner = gtk_stack_get_child_by_name (GTK_STACK (suffix), "fetching");
  gboolean fetching = updater && dossier_feed_updater_is_refreshing (updater, dossier_record_get_id (record));

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), fetching);
  if (fetching)
    gtk_stack_set_visible_child_name (GTK_STACK (suffix), "fetching");
  else if (*dossier_record_get_string (record, "last-result"))
    gtk_stack_set_visible_child_name (GTK_STACK (suffix), "failed");
  else
    gtk_stack_set_visible_child_name (GTK_STACK (suffix), "idle");
}

static void
update_status (DossierFeedsSection *self)
{
  guint n = self->updater ? dossier_feed_updater_get_n_refreshing (self->updater) : 0;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), n > 0);
  gtk_spinner_set_spinning (self->spinner, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.refresh-all", n == 0 && self->store != NULL);
  if (n > 0)
    /* Translators: shown while feeds are fetched */
    text = g_strdup_printf (ngettext ("Fetching %u feed…", "Fetching %u feeds…", n), n);
  else if (self->failed > 0)
    text = g_strdup_printf (ngettext ("%u feed could not be fetched", "%u feeds could not be fetched", self->failed),
                            self->failed);
  else if (self->added > 0)
    text = g_strdup_printf (ngettext ("%u new update", "%u new updates", self->added), self->added);
  gtk_label_set_text (self->status_label, text ? text : "");
}

static gboolean
on_redraw_timeout (gpointer data)
{
  DossierFeedsSection *self = data;

  self->redraw_id = 0;
  if (self->list)
    dossier_record_list_reload (self->list);
  return G_SOURCE_REMOVE;
}

/* The rows show whether their feed is being fetched: read again, but not
 * at every feed of a refresh of fifty. */
static void
redraw_rows (DossierFeedsSection *self)
{
  if (self->redraw_id == 0)
    self->redraw_id = g_timeout_add (250, on_redraw_timeout, self);
}

static void update_header_visible (DossierFeedsSection *self);

static void
on_feed_started_cb (DossierFeedsSection *self,
                    const char          *feed_id)
{
  redraw_rows (self);
}

static void
on_feed_finished_cb (DossierFeedsSection *self,
                     DossierFeedOutcome  *outcome)
{
  if (!outcome->ok && !outcome->cancelled)
    self->failed++;
  self->added += outcome->added;
  redraw_rows (self);
}

static void
on_n_refreshing_cb (DossierFeedsSection *self)
{
  gboolean refreshing = dossier_feed_updater_get_n_refreshing (self->updater) > 0;

  /* a new round: its own counts */
  if (refreshing && !self->refreshing)
    {
      self->failed = 0;
      self->added = 0;
    }
  self->refreshing = refreshing;
  update_status (self);
  update_header_visible (self);
}

/* The window's updater, once the section is in the window and the window
 * has its store. */
static void
connect_updater (DossierFeedsSection *self)
{
  DossierFeedUpdater *updater;

  if (self->updater != NULL || (updater = find_updater (self)) == NULL)
    return;
  self->updater = g_object_ref (updater);
  g_signal_connect_object (self->updater, "feed-started", G_CALLBACK (on_feed_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->updater, "feed-finished", G_CALLBACK (on_feed_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->updater, "notify::n-refreshing", G_CALLBACK (on_n_refreshing_cb), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
}

static GtkWindow *
parent_window (DossierFeedsSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (DossierFeedsSection *self,
            const char          *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* An address pasted or dropped: the add dialog, with it filled in. */
static void
add_feed (DossierFeedsSection *self,
          const char          *url)
{
  connect_updater (self);
  if (self->store == NULL || self->updater == NULL)
    return;
  gtk_window_present (GTK_WINDOW (dossier_feed_editor_new (parent_window (self), self->store,
                                                           self->updater, NULL, url)));
}

static void
on_add_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  add_feed (DOSSIER_FEEDS_SECTION (widget), NULL);
}

static void
on_pasted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DossierFeedsSection) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text && gtk_widget_get_root (GTK_WIDGET (self)))
    add_feed (self, g_strstrip (text));
}

static void
on_paste_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_pasted_cb, g_object_ref (widget));
}

static gboolean
on_drop_cb (GtkDropTarget       *target,
            const GValue        *value,
            double               x,
            double               y,
            DossierFeedsSection *self)
{
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  /* a dropped link may come as a uri-list: its first address */
  lines = g_strsplit (text, "\n", 2);
  add_feed (self, g_strstrip (lines[0]));
  return TRUE;
}

static void
on_refresh_all_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierFeedsSection *self = DOSSIER_FEEDS_SECTION (widget);

  connect_updater (self);
  if (self->updater == NULL)
    return;
  if (dossier_feed_updater_refresh (self->updater, NULL, FALSE) == 0)
    show_toast (self, _("No feed is on: there is nothing to fetch"));
  update_status (self);
}

static void
on_stop_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierFeedsSection *self = DOSSIER_FEEDS_SECTION (widget);

  if (self->updater)
    dossier_feed_updater_cancel (self->updater);
}

/* ---- the feed list as OPML ---- */

static void
on_opml_imported (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DossierFeedsSection) self = user_data;
  g_autoptr(GError) error = NULL;
  DossierOpmlImport counts = { 0, };

  if (!dossier_feed_import_opml_finish (result, &counts, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      return;
    }
  dossier_store_notify_changed (self->store, DOSSIER_TYPE_FEED);
  if (counts.added == 0)
    {
      /* Translators: %u counts the feeds of an imported feed list */
      g_autofree char *message = g_strdup_printf (ngettext ("You were subscribed to its %u feed already",
                                                            "You were subscribed to all its %u feeds already",
                                                            counts.existing), counts.existing);
      show_toast (self, message);
    }
  else
    {
      /* Translators: %u counts the feeds an imported feed list added */
      g_autofree char *message = g_strdup_printf (ngettext ("%u feed added; fetching it now",
                                                            "%u feeds added; fetching them now", counts.added),
                                                  counts.added);
      show_toast (self, message);
      if (self->updater)
        dossier_feed_updater_refresh (self->updater, NULL, TRUE);
    }
}

static void
on_import_response_cb (GtkNativeDialog     *dialog,
                       int                  response,
                       DossierFeedsSection *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file && self->store)
    dossier_feed_import_opml_async (dossier_store_get_path (self->store), file, NULL,
                                    on_opml_imported, g_object_ref (self));
  g_object_unref (dialog);
}

static GtkFileFilter *
opml_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("Feed lists (OPML)"));
  gtk_file_filter_add_pattern (filter, "*.opml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");
  return filter;
}

static void
on_import_opml_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierFeedsSection *self = DOSSIER_FEEDS_SECTION (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = opml_filter ();

  connect_updater (self);
  dialog = gtk_file_chooser_native_new (_("Import a Feed List"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_opml_exported (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DossierFeedsSection) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      return;
    }
  show_toast (self, _("Feed list exported"));
}

static void
on_export_response_cb (GtkNativeDialog     *dialog,
                       int                  response,
                       DossierFeedsSection *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opml = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || self->store == NULL)
    return;
  /* a few hundred feeds at most: a few kilobytes */
  if ((opml = dossier_feed_export_opml (self->store, &error)) == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      return;
    }
  g_file_replace_contents_bytes_async (file, opml, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       on_opml_exported, g_object_ref (self));
}

static void
on_export_opml_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierFeedsSection *self = DOSSIER_FEEDS_SECTION (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export the Feed List"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the file name offered for an exported feed list; keep .opml */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("feeds.opml"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- the section ---- */

static void
update_header_visible (DossierFeedsSection *self)
{
  GtkWidget *header = gtk_widget_get_parent (GTK_WIDGET (self->refresh_button));

  /* nothing to refresh or stop on the empty page */
  if (header)
    gtk_widget_set_visible (header, !dossier_section_is_empty (self->list_section) ||
                                    (self->updater && dossier_feed_updater_get_n_refreshing (self->updater) > 0));
}

static void
dossier_feeds_section_set_store (DossierSectionPage *page,
                                 DossierStore       *store)
{
  DossierFeedsSection *self = DOSSIER_FEEDS_SECTION (page);
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  dossier_query_sort (query, "title", FALSE);
  self->list = dossier_section_page_show_query (page, store, query, feed_row);
  /* a feed's counts change with its items */
  dossier_record_list_also_follow (self->list, DOSSIER_TYPE_FEED_ITEM);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_header_visible), self,
                           G_CONNECT_SWAPPED);
  connect_updater (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.add", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.paste", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.import-opml", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.export-opml", TRUE);
  update_status (self);
  update_header_visible (self);
}

static DossierSection *
dossier_feeds_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_FEEDS_SECTION (page)->list_section;
}

static char *
dossier_feeds_section_describe_count (DossierSectionPage *page,
                                      guint               n)
{
  return g_strdup_printf (ngettext ("%'u feed", "%'u feeds", n), n);
}

static void
dossier_feeds_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "feeds";
  iface->title = NC_("sidebar", "Feeds");
  iface->icon_name = "application-rss+xml-symbolic";
  iface->header_action = "feeds.add";
  iface->header_tooltip = N_("Add Feed");
  iface->set_store = dossier_feeds_section_set_store;
  iface->get_list_section = dossier_feeds_section_get_list_section;
  iface->describe_count = dossier_feeds_section_describe_count;
}

static void
dossier_feeds_section_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dossier_feeds_section_parent_class)->root (widget);

  connect_updater (DOSSIER_FEEDS_SECTION (widget));
}

static void
dossier_feeds_section_dispose (GObject *object)
{
  DossierFeedsSection *self = DOSSIER_FEEDS_SECTION (object);

  g_clear_handle_id (&self->redraw_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_FEEDS_SECTION);
  self->list = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->updater);

  G_OBJECT_CLASS (dossier_feeds_section_parent_class)->dispose (object);
}

static void
dossier_feeds_section_class_init (DossierFeedsSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_feeds_section_dispose;
  widget_class->root = dossier_feeds_section_root;

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-feeds-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierFeedsSection, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedsSection, list_section);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedsSection, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedsSection, spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedsSection, status_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, on_add_action_cb);
  gtk_widget_class_install_action (widget_class, "feeds.paste", NULL, on_paste_action_cb);
  gtk_widget_class_install_action (widget_class, "feeds.refresh-all", NULL, on_refresh_all_action_cb);
  gtk_widget_class_install_action (widget_class, "feeds.stop", NULL, on_stop_action_cb);
  gtk_widget_class_install_action (widget_class, "feeds.import-opml", NULL, on_import_opml_action_cb);
  gtk_widget_class_install_action (widget_class, "feeds.export-opml", NULL, on_export_opml_action_cb);
  /* Ctrl+V on the list: a copied address becomes a new feed */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "feeds.paste", NULL);
}

static void
dossier_feeds_section_init (DossierFeedsSection *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY | GDK_ACTION_LINK);

  gtk_widget_init_template (GTK_WIDGET (self));
  dossier_section_set_suffix (self->list_section, suffix_setup, suffix_bind);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  /* nothing to add to, until there is a store */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.paste", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.refresh-all", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.import-opml", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.export-opml", FALSE);
}
