/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case-chooser.h"
#include "dossier-detail-page.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-minisign.h"
#include "dossier-window-private.h"

/* The window's actions on feeds and their updates, which pages, sections
 * and notifications reach as win.<name>: refreshing (Ctrl+R for all),
 * showing a feed's updates, an update's read state and its case. */

static void
on_show_toast_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  dossier_add_toast (self->toast_overlay, adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
on_refresh_feeds_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierFeedUpdater *updater = dossier_window_get_feed_updater (self);
  guint started;

  if (updater == NULL)
    return;
  started = dossier_feed_updater_refresh (updater, NULL, FALSE);
  if (started == 0 && dossier_feed_updater_get_n_refreshing (updater) == 0)
    dossier_add_toast (self->toast_overlay, adw_toast_new (_("No feed is on: there is nothing to fetch")));
  else if (started > 0)
    {
      /* Translators: %u counts feeds */
      g_autofree char *message = g_strdup_printf (ngettext ("Fetching %u feed…", "Fetching %u feeds…", started),
                                                  started);

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
on_refresh_feed_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierFeedUpdater *updater = dossier_window_get_feed_updater (self);
  const char *feed_id = g_variant_get_string (parameter, NULL);

  if (updater == NULL)
    return;
  if (dossier_feed_updater_is_refreshing (updater, feed_id))
    return;
  if (dossier_feed_updater_refresh (updater, feed_id, FALSE) == 0)
    dossier_add_toast (self->toast_overlay,
                       adw_toast_new (_("The feed’s server asked to be left alone for a while; "
                                        "Dossier fetches it once that time is over")));
  else
    dossier_add_toast (self->toast_overlay, adw_toast_new (_("Fetching the feed…")));
}

static void
on_trust_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DossierWindow    *self)
{
  const char *feed_id = g_object_get_data (G_OBJECT (dialog), "dossier-feed-id");
  DossierFeedUpdater *updater = dossier_window_get_feed_updater (self);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "trust") || updater == NULL)
    return;
  if (!dossier_feed_updater_trust_key (updater, feed_id, &error))
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  dossier_add_toast (self->toast_overlay, adw_toast_new (_("Key trusted: fetching the feed…")));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-page", NULL);
}

/* Trust on first use: the key a campaign's own file named, shown with its
 * fingerprint for the volunteer to compare before anything is applied. */
static void
on_trust_feed_key_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *feed_id = g_variant_get_string (parameter, NULL);
  g_autoptr(DossierRecord) feed = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *body = NULL;
  const char *title;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;
  feed = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED, feed_id, NULL);
  if (feed == NULL || !g_str_equal (dossier_record_get_string (feed, "signing"), "pending"))
    return;
  title = *dossier_record_get_string (feed, "title") ? dossier_record_get_string (feed, "title")
                                                      : dossier_record_get_string (feed, "url");
  fingerprint = dossier_minisign_fingerprint_of (dossier_record_get_string (feed, "public-key"));
  /* Translators: the first %s is a feed's title, the second a key's fingerprint (“3F0A 91C2 …”),
   * the third the whole key (“RWQ…”) */
  body = g_strdup_printf (_("“%s” says its updates are signed with the key of fingerprint\n\n%s\n\n"
                            "Nothing of it has been applied yet. Trust this key only if its fingerprint, or "
                            "the key itself (%s), is the one the campaign gave you, on its website or in "
                            "person. From then on, Dossier applies only updates signed with it."),
                          title, fingerprint, dossier_record_get_string (feed, "public-key"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Trust This Campaign’s Key?"), NULL));
  /* the title is the feed's: plain text, never markup */
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "later", _("_Not Now"), "trust", _("_Trust This Key"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "trust", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "later");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "dossier-feed-id", g_strdup (feed_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_trust_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Updates section, showing @feed_id's updates. */
static void
on_show_updates_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierSectionPage *updates = dossier_window_get_section_page (self, "updates");

  while (self->pages->len > 0)
    dossier_window_pop_page (self);
  dossier_window_set_section (self, "updates");
  if (updates)
    gtk_widget_activate_action (GTK_WIDGET (updates), "updates.feed", "s", g_variant_get_string (parameter, NULL));
}

static void
on_mark_update_unread_action_cb (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierRecord) item = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  item = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED_ITEM, g_variant_get_string (parameter, NULL), &error);
  if (item)
    {
      dossier_record_set_boolean (item, "read", FALSE);
      if (dossier_store_update (self->store, item, &error))
        {
          /* back to the list, where it shows unread */
          gtk_widget_activate_action (widget, "win.back", NULL);
          return;
        }
    }
  dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
link_update (DossierWindow *self,
             const char    *item_id,
             const char    *case_id)
{
  g_autoptr(DossierRecord) item = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  item = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED_ITEM, item_id, &error);
  if (item)
    {
      dossier_record_set_string (item, "case-id", case_id && *case_id ? case_id : NULL);
      if (dossier_store_update (self->store, item, &error))
        {
          DossierRecord *shown = dossier_window_get_shown_record (self);

          if (shown && g_str_equal (dossier_record_get_id (shown), item_id))
            gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-page", NULL);
          dossier_add_toast (self->toast_overlay,
                             adw_toast_new (case_id && *case_id ? _("Linked: the update is in the case’s timeline")
                                                                : _("Unlinked from the case")));
          return;
        }
    }
  dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
on_link_update_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  const char *item_id, *case_id;

  g_variant_get (parameter, "(&s&s)", &item_id, &case_id);
  link_update (DOSSIER_WINDOW (widget), item_id, case_id);
}

static void
on_case_chosen_cb (DossierCaseChooser *chooser,
                   const char         *case_id,
                   DossierWindow      *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (chooser), "dossier-item-id");

  link_update (self, item_id, case_id);
}

static void
on_choose_case_for_update_action_cb (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierCaseChooser *chooser;

  if (self->store == NULL)
    return;
  chooser = dossier_case_chooser_new (GTK_WINDOW (self), self->store);
  g_object_set_data_full (G_OBJECT (chooser), "dossier-item-id",
                          g_variant_dup_string (parameter, NULL), g_free);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_case_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

void
dossier_window_class_feeds_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", on_show_toast_action_cb);
  gtk_widget_class_install_action (widget_class, "win.refresh-feeds", NULL, on_refresh_feeds_action_cb);
  gtk_widget_class_install_action (widget_class, "win.refresh-feed", "s", on_refresh_feed_action_cb);
  gtk_widget_class_install_action (widget_class, "win.trust-feed-key", "s", on_trust_feed_key_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-updates", "s", on_show_updates_action_cb);
  gtk_widget_class_install_action (widget_class, "win.mark-update-unread", "s", on_mark_update_unread_action_cb);
  gtk_widget_class_install_action (widget_class, "win.link-update", "(ss)", on_link_update_action_cb);
  gtk_widget_class_install_action (widget_class, "win.choose-case-for-update", "s",
                                   on_choose_case_for_update_action_cb);
}
