/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-detail-page.h"
#include "dossier-feed.h"
#include "dossier-feed-editor.h"
#include "dossier-feed-parser.h"
#include "dossier-minisign.h"

/* Adds a feed, or edits one. Adding fetches it once (the updater does,
 * without blocking the window): the volunteer learns at once whether the
 * address is a feed, and why not; a web page that links several feeds
 * offers them to choose from. A campaign's public key given here pins it:
 * only updates signed with it are applied; a campaign whose file names a
 * key of its own is offered to trust (win.trust-feed-key) once added. */

struct _DossierFeedEditor
{
  AdwWindow           parent_instance;

  AdwPreferencesGroup *candidates_group;
  AdwActionRow        *enabled_row;
  GtkSwitch           *enabled_switch;
  AdwActionRow        *http_row;
  GtkSwitch           *http_switch;
  AdwComboRow         *interval_row;
  AdwEntryRow         *key_row;
  AdwActionRow        *problem_row;
  AdwComboRow         *proxy_row;
  AdwEntryRow         *proxy_url_row;
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  AdwEntryRow         *title_row;
  AdwEntryRow         *url_row;

  DossierStore        *store;
  DossierFeedUpdater  *updater;
  DossierRecord       *feed;         /* NULL when adding */
  GCancellable        *cancellable;  /* the fetch of a feed being added */
  GPtrArray           *candidates;   /* DossierDiscoveredFeed, from a page */
  GPtrArray           *candidate_rows;
  GtkWidget           *candidate_group_first;
  char                *problem;
};

G_DEFINE_FINAL_TYPE (DossierFeedEditor, dossier_feed_editor, ADW_TYPE_WINDOW)

/* Minutes; 0 follows Preferences */
static const guint intervals[] = { 0, 15, 30, 60, 120, 360, 720, 1440, 10080 };
static const char * const proxies[] = { "system", "none", "custom" };

static GListModel *
interval_model (void)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      guint minutes = intervals[i];
      g_autofree char *label = NULL;

      if (minutes == 0)
        label = g_strdup (_("As in Preferences"));
      else if (minutes < 60)
        label = g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
      else if (minutes < 1440)
        label = g_strdup_printf (ngettext ("%u hour", "%u hours", minutes / 60), minutes / 60);
      else if (minutes < 10080)
        label = g_strdup_printf (ngettext ("%u day", "%u days", minutes / 1440), minutes / 1440);
      else
        label = g_strdup_printf (ngettext ("%u week", "%u weeks", minutes / 10080), minutes / 10080);
      gtk_string_list_append (model, label);
    }
  return G_LIST_MODEL (model);
}

static guint
interval_position (gint64 minutes)
{
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == minutes)
      return i;
  return 0;
}

static const char *
proxy_choice (DossierFeedEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->proxy_row);

  return selected < G_N_ELEMENTS (proxies) ? proxies[selected] : "system";
}

/* What is wrong with the form, or NULL; *@field is the row it is about.
 * The address is checked last: one not typed yet is not said, and must
 * not hide what is. */
static char *
find_problem (DossierFeedEditor  *self,
              GtkWidget         **field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *proxy_url = gtk_editable_get_text (GTK_EDITABLE (self->proxy_url_row));

  if (g_str_equal (proxy_choice (self), "custom") && !dossier_feed_proxy_is_valid (proxy_url))
    return dossier_form_problem (field, self->proxy_url_row,
                                 g_strdup (_("Enter a proxy address with its port, such as socks5://127.0.0.1:9050.")));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0')
    {
      g_autoptr(DossierMinisignKey) key = dossier_minisign_key_parse (gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                                                      &error);

      if (key == NULL)
        return dossier_form_problem (field, self->key_row, g_strdup (error->message));
    }
  /* a page's feed chosen: the address typed is not the one added; the
   * news of an imported file has no address, and needs none */
  if ((self->candidates == NULL || self->feed != NULL) && gtk_widget_get_visible (GTK_WIDGET (self->url_row)))
    {
      if ((url = dossier_feed_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &error)) == NULL)
        return dossier_form_problem (field, self->url_row, g_strdup (error->message));
      /* the address is what is plain http; the message says which switch allows it */
      if (g_str_has_prefix (url, "http:") && !gtk_switch_get_active (self->http_switch))
        return dossier_form_problem (field, self->url_row,
                                     g_strdup (_("This is a plain http:// address: turn on “Allow Plain HTTP” to use it.")));
    }
  return NULL;
}

static void
show_problem (DossierFeedEditor *self,
              GtkWidget         *field,
              const char        *problem)
{
  dossier_form_show_problem (self->problem_row, &self->problem, field, problem);
}

static void
set_busy (DossierFeedEditor *self,
          gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
}

static void
on_changed_cb (DossierFeedEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = NULL;

  if (self->store == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_url_row), g_str_equal (proxy_choice (self), "custom"));
  problem = find_problem (self, &field);
  /* an empty address is not yet a mistake */
  if (field == GTK_WIDGET (self->url_row) && *gtk_editable_get_text (GTK_EDITABLE (self->url_row)) == '\0')
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            problem == NULL && !gtk_widget_get_visible (GTK_WIDGET (self->spinner)));
}

static void
on_url_changed_cb (DossierFeedEditor *self)
{
  /* another address: the feeds of the last page no longer apply */
  if (self->candidates == NULL)
    return;
  for (guint i = 0; i < self->candidate_rows->len; i++)
    adw_preferences_group_remove (self->candidates_group, self->candidate_rows->pdata[i]);
  g_ptr_array_set_size (self->candidate_rows, 0);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->candidates_group), FALSE);
  gtk_button_set_label (self->save_button, _("_Add"));
}

static void
show_candidates (DossierFeedEditor *self,
                 GPtrArray         *candidates)
{
  GtkCheckButton *first = NULL;

  self->candidates = g_ptr_array_ref (candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      DossierDiscoveredFeed *found = candidates->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *format = found->format == DOSSIER_FEED_FORMAT_ATOM ? "Atom"
                         : found->format == DOSSIER_FEED_FORMAT_RSS ? "RSS" : "JSON Feed";

      /* what a page says is plain text */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     found->title && *found->title ? found->title : found->url);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), found->url);
      gtk_widget_set_tooltip_text (row, format);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), first == NULL);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "dossier-check", check);
      adw_preferences_group_add (self->candidates_group, row);
      g_ptr_array_add (self->candidate_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->candidates_group), TRUE);
  gtk_button_set_label (self->save_button, _("_Add Selected Feed"));
}

static const char *
chosen_candidate (DossierFeedEditor *self)
{
  for (guint i = 0; self->candidates && i < self->candidate_rows->len; i++)
    {
      GtkCheckButton *check = g_object_get_data (self->candidate_rows->pdata[i], "dossier-check");

      if (gtk_check_button_get_active (check))
        return ((DossierDiscoveredFeed *) self->candidates->pdata[i])->url;
    }
  return NULL;
}

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DossierFeedEditor) self = user_data;
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(GError) error = NULL;
  guint interval = intervals[MIN (adw_combo_row_get_selected (self->interval_row), G_N_ELEMENTS (intervals) - 1)];
  GtkWindow *parent;

  subscription = dossier_feed_updater_subscribe_finish (DOSSIER_FEED_UPDATER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* closed while fetching */
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (subscription == NULL)
    {
      show_problem (self, NULL, error->message);
      return;
    }
  if (subscription->candidates)
    {
      show_candidates (self, subscription->candidates);
      return;
    }

  if (interval != 0)
    {
      g_autoptr(DossierRecord) feed = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED, subscription->feed_id, NULL);

      if (feed)
        {
          dossier_record_set_int (feed, "refresh-interval", interval);
          dossier_store_update (self->store, feed, NULL);
        }
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent && subscription->offered_key)
    {
      /* trust on first use: the window asks, with the fingerprint */
      gtk_window_destroy (GTK_WINDOW (self));
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.trust-feed-key", "s", subscription->feed_id);
      return;
    }
  if (parent)
    {
      /* Translators: the first %s is the feed's title; %u counts its items */
      g_autofree char *message = g_strdup_printf (ngettext ("Subscribed to “%s”: %u item",
                                                            "Subscribed to “%s”: %u items",
                                                            subscription->items),
                                                  subscription->title, subscription->items);

      gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", message);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
save_feed (DossierFeedEditor *self)
{
  g_autofree char *url = dossier_feed_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), NULL);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autoptr(GError) error = NULL;
  guint interval = intervals[MIN (adw_combo_row_get_selected (self->interval_row), G_N_ELEMENTS (intervals) - 1)];
  const char *old_url = dossier_record_get_string (self->feed, "url");

  /* a feed of an imported file keeps having no address */
  if (*old_url != '\0')
    {
      if (!g_str_equal (url, old_url))
        {
          /* another address: its validators and schedule were the old one's */
          dossier_record_set_string (self->feed, "etag", "");
          dossier_record_set_string (self->feed, "last-modified", "");
          dossier_record_set_string (self->feed, "next-fetch", NULL);
          dossier_record_set_int (self->feed, "failures", 0);
        }
      dossier_record_set_string (self->feed, "url", url);
    }
  if (*title)
    dossier_record_set_string (self->feed, "title", title);
  dossier_record_set_boolean (self->feed, "enabled", gtk_switch_get_active (self->enabled_switch));
  if (gtk_switch_get_active (self->enabled_switch))
    dossier_record_set_string (self->feed, "next-fetch", NULL);
  dossier_record_set_int (self->feed, "refresh-interval", interval);
  dossier_record_set_boolean (self->feed, "allow-http", gtk_switch_get_active (self->http_switch));
  dossier_record_set_string (self->feed, "proxy", proxy_choice (self));
  dossier_record_set_string (self->feed, "proxy-url",
                             g_str_equal (proxy_choice (self), "custom")
                               ? gtk_editable_get_text (GTK_EDITABLE (self->proxy_url_row)) : "");
  /* a key typed in pins it; one waiting to be trusted stays so while the
   * field shows it unchanged */
  if (!(g_str_equal (dossier_record_get_string (self->feed, "signing"), "pending") &&
        g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                     dossier_record_get_string (self->feed, "public-key"))) &&
      !dossier_feed_set_public_key (self->feed, gtk_editable_get_text (GTK_EDITABLE (self->key_row)), &error))
    {
      show_problem (self, GTK_WIDGET (self->key_row), error->message);
      return FALSE;
    }
  if (!dossier_store_update (self->store, self->feed, &error))
    {
      show_problem (self, NULL, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_save_clicked_cb (DossierFeedEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  const char *url;

  if (problem)
    {
      show_problem (self, field, problem);
      return;
    }
  if (self->feed)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (!save_feed (self))
        return;
      if (parent)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload-page", NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  url = chosen_candidate (self);
  if (url == NULL)
    url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  show_problem (self, NULL, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  dossier_feed_updater_subscribe_async (self->updater, url, gtk_switch_get_active (self->http_switch),
                                        proxy_choice (self),
                                        gtk_editable_get_text (GTK_EDITABLE (self->proxy_url_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->key_row)),
                                        self->cancellable, on_subscribed, g_object_ref (self));
}

static gboolean
dossier_feed_editor_close_request (GtkWindow *window)
{
  DossierFeedEditor *self = DOSSIER_FEED_EDITOR (window);

  /* a fetch going on stops, and nothing is added */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (dossier_feed_editor_parent_class)->close_request (window);
}

static void
dossier_feed_editor_dispose (GObject *object)
{
  DossierFeedEditor *self = DOSSIER_FEED_EDITOR (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_FEED_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->updater);
  g_clear_object (&self->feed);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->candidate_rows, g_ptr_array_unref);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (dossier_feed_editor_parent_class)->dispose (object);
}

static void
dossier_feed_editor_class_init (DossierFeedEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_feed_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = dossier_feed_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-feed-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, candidates_group);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, enabled_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, http_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, http_switch);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, proxy_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, proxy_url_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, DossierFeedEditor, url_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_feed_editor_init (DossierFeedEditor *self)
{
  g_autoptr(GListModel) interval_choices = interval_model ();
  g_autoptr(GtkStringList) proxy_choices = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->candidate_rows = g_ptr_array_new ();
  /* Translators: the proxy choices of a feed */
  gtk_string_list_append (proxy_choices, C_("feed proxy", "As in Preferences"));
  gtk_string_list_append (proxy_choices, C_("feed proxy", "Directly, Without a Proxy"));
  gtk_string_list_append (proxy_choices, C_("feed proxy", "Through This Proxy"));
  adw_combo_row_set_model (self->interval_row, interval_choices);
  adw_combo_row_set_model (self->proxy_row, G_LIST_MODEL (proxy_choices));
  g_signal_connect_swapped (self->url_row, "changed", G_CALLBACK (on_url_changed_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  dossier_form_limit_texts (GTK_WIDGET (self));
  dossier_form_limit_text (GTK_WIDGET (self->url_row), DOSSIER_TEXT_MAX_URL);
  dossier_form_limit_text (GTK_WIDGET (self->proxy_url_row), DOSSIER_TEXT_MAX_URL);
  dossier_form_limit_text (GTK_WIDGET (self->key_row), DOSSIER_MINISIGN_KEY_LENGTH + 16);
}

/**
 * dossier_feed_editor_new:
 * @updater: fetches a feed being added
 * @feed: (nullable): the feed to edit, or %NULL to add one
 * @url: (nullable): an address to start with (pasted, or dropped)
 */
DossierFeedEditor *
dossier_feed_editor_new (GtkWindow          *parent,
                         DossierStore       *store,
                         DossierFeedUpdater *updater,
                         DossierRecord      *feed,
                         const char         *url)
{
  DossierFeedEditor *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (feed != NULL || DOSSIER_IS_FEED_UPDATER (updater), NULL);

  self = g_object_new (DOSSIER_TYPE_FEED_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->updater = updater ? g_object_ref (updater) : NULL;
  if (feed)
    {
      const char *proxy = dossier_record_get_string (feed, "proxy");

      self->feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED, dossier_record_get_id (feed), NULL);
      if (self->feed == NULL)
        self->feed = g_object_ref (feed);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Feed"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->title_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->enabled_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), dossier_record_get_string (self->feed, "url"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), dossier_record_get_string (self->feed, "title"));
      /* the news of an imported file: nothing to fetch, nothing to set */
      if (*dossier_record_get_string (self->feed, "url") == '\0')
        {
          gtk_widget_set_visible (GTK_WIDGET (self->url_row), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->enabled_row), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->http_row), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_row), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), FALSE);
        }
      gtk_switch_set_active (self->enabled_switch, dossier_record_get_boolean (self->feed, "enabled"));
      gtk_switch_set_active (self->http_switch, dossier_record_get_boolean (self->feed, "allow-http"));
      adw_combo_row_set_selected (self->interval_row,
                                  interval_position (dossier_record_get_int (self->feed, "refresh-interval")));
      adw_combo_row_set_selected (self->proxy_row, g_str_equal (proxy, "none") ? 1 : g_str_equal (proxy, "custom") ? 2 : 0);
      gtk_editable_set_text (GTK_EDITABLE (self->proxy_url_row), dossier_record_get_string (self->feed, "proxy-url"));
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), dossier_record_get_string (self->feed, "public-key"));
    }
  else if (url)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  /* the address is what one types first */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->url_row));
  on_changed_cb (self);
  return self;
}
