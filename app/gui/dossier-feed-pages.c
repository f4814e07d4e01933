/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-dates.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feed-pages.h"
#include "dossier-feeds-section.h"
#include "dossier-urgent-action.h"
#include "dossier-translations.h"

/* The pages of a feed and of one of its items. An item's text is a feed's:
 * shown as plain text in a label, never as markup, and nothing of it is
 * loaded from the network; its link opens only when it is http, https or
 * mailto (dossier_detail_link_row()). */

static GtkWidget *
action_row (const char *title,
            const char *subtitle,
            const char *icon_name,
            const char *action,
            GVariant   *target)
{
  GtkWidget *row = dossier_detail_text_row (title, subtitle);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  if (target)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  return row;
}

DossierDetailPage *
dossier_feed_page_new (DossierStore  *store,
                       DossierRecord *feed)
{
  DossierDetailPage *page = dossier_detail_page_new (store, feed);
  const char *id = dossier_record_get_id (feed);
  const char *url = dossier_record_get_string (feed, "url");
  const char *title = dossier_record_get_string (feed, "title");
  const char *result = dossier_record_get_string (feed, "last-result");
  g_autofree char *state = dossier_feed_describe_state (store, feed);
  g_autofree char *last = dossier_format_timestamp (dossier_record_get_string (feed, "last-fetch"),
                                                    DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *next = dossier_format_timestamp (dossier_record_get_string (feed, "next-fetch"),
                                                    DOSSIER_DATE_STYLE_DATE_TIME);
  AdwPreferencesGroup *group;

  dossier_detail_page_set_heading (page, *title ? title : url, state);

  group = dossier_detail_page_add_group (page, C_("feed page", "Feed"));
  if (*url)
    dossier_detail_group_add (group, dossier_detail_link_row (_("Address"), url));
  else
    dossier_detail_group_add (group, dossier_detail_text_row (_("From an imported campaign file"),
                                                              _("Its news came with the file; nothing is fetched.")));
  dossier_detail_group_add (group, action_row (_("Show Its Updates"), NULL, "go-next-symbolic",
                                               "win.show-updates", g_variant_new_string (id)));

  if (*url)
    {
      g_autofree char *proxy = NULL;
      const char *choice = dossier_record_get_string (feed, "proxy");

      group = dossier_detail_page_add_group (page, C_("feed page", "Fetching"));
      dossier_detail_group_add (group, dossier_detail_value_row (_("Last fetch"), last ? last : _("Not yet")));
      if (*result)
        {
          GtkWidget *row = dossier_detail_value_row (_("Last fetch failed"), result);

          gtk_widget_add_css_class (row, "error");
          dossier_detail_group_add (group, row);
        }
      if (!dossier_record_get_boolean (feed, "enabled"))
        dossier_detail_group_add (group, dossier_detail_value_row (_("Next fetch"),
                                                                   _("None: the feed is off")));
      else
        dossier_detail_group_add (group, dossier_detail_value_row (_("Next fetch"), next ? next : _("Soon")));
      if (g_str_equal (choice, "none"))
        proxy = g_strdup (_("None: connects directly"));
      else if (g_str_equal (choice, "custom"))
        proxy = g_strdup (dossier_record_get_string (feed, "proxy-url"));
      else
        proxy = g_strdup (_("As in Preferences"));
      dossier_detail_group_add (group, dossier_detail_value_row (_("Proxy"), proxy));
      if (dossier_record_get_boolean (feed, "allow-http"))
        dossier_detail_group_add (group, dossier_detail_text_row (_("Plain HTTP allowed"),
                                                                  _("What it sends can be read and changed on the way.")));
      dossier_detail_group_add (group, action_row (_("Fetch Now"), NULL, "view-refresh-symbolic",
                                                   "win.refresh-feed", g_variant_new_string (id)));
    }
  return page;
}

/* ---- an item ---- */

static void
on_starred_cb (GtkSwitch  *button,
               GParamSpec *pspec,
               GtkWidget  *page)
{
  DossierStore *store = dossier_detail_page_get_store (DOSSIER_DETAIL_PAGE (page));
  DossierRecord *item = dossier_detail_page_get_record (DOSSIER_DETAIL_PAGE (page));
  gboolean active = gtk_switch_get_active (button);
  g_autoptr(GError) error = NULL;

  if (dossier_record_get_boolean (item, "starred") == active)
    return;
  dossier_record_set_boolean (item, "starred", active);
  if (!dossier_store_update (store, item, &error))
    {
      dossier_record_set_boolean (item, "starred", !active);
      gtk_switch_set_active (button, !active);
      gtk_widget_activate_action (page, "win.show-error", "s", error->message);
    }
}

DossierDetailPage *
dossier_feed_item_page_new (DossierStore  *store,
                            DossierRecord *item)
{
  DossierDetailPage *page = dossier_detail_page_new (store, item);
  const char *id = dossier_record_get_id (item);
  const char *title = dossier_record_get_string (item, "title");
  const char *content = dossier_record_get_string (item, "content");
  const char *link = dossier_record_get_string (item, "link");
  const char *case_id = dossier_record_get_string (item, "case-id");
  const char *ua_id = dossier_record_get_string (item, "ua-id");
  g_autoptr(DossierRecord) feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED,
                                                       dossier_record_get_string (item, "feed-id"), NULL);
  g_autofree char *published = dossier_format_timestamp (dossier_record_get_string (item, "published"),
                                                         DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *modified = dossier_format_timestamp (dossier_record_get_string (item, "modified"),
                                                        DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *subtitle = NULL;
  const char *feed_title = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *row, *star;

  if (feed)
    feed_title = *dossier_record_get_string (feed, "title") ? dossier_record_get_string (feed, "title")
                                                            : dossier_record_get_string (feed, "url");
  /* Translators: under an update's title: its feed and its date */
  subtitle = published && feed_title ? g_strdup_printf (_("%s · %s"), feed_title, published)
                                     : g_strdup (feed_title ? feed_title : published);
  dossier_detail_page_set_heading (page, title && *title ? title : _("Untitled update"), subtitle);

  if (content && *content)
    {
      GtkWidget *label = gtk_label_new (NULL);

      group = dossier_detail_page_add_group (page, "");
      /* the feed's text as it came, as text: never markup */
      gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
      gtk_label_set_text (GTK_LABEL (label), content);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "update-text");
      adw_preferences_group_add (group, label);
    }

  group = dossier_detail_page_add_group (page, C_("update page", "About This Update"));
  dossier_detail_group_add (group, dossier_detail_link_row (_("Link"), link && *link ? link : NULL));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Published"), published ? published : _("Date not given")));
  if (modified && g_strcmp0 (modified, published) != 0)
    dossier_detail_group_add (group, dossier_detail_value_row (_("Changed"), modified));
  if (feed)
    dossier_detail_group_add (group, dossier_detail_record_row (_("Feed"), feed_title, feed));

  row = dossier_detail_text_row (_("Starred"), _("Keep it at hand in the Starred filter"));
  star = gtk_switch_new ();
  gtk_widget_set_valign (star, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (star), dossier_record_get_boolean (item, "starred"));
  g_signal_connect (star, "notify::active", G_CALLBACK (on_starred_cb), page);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), star);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), star);
  adw_preferences_group_add (group, row);
  dossier_detail_group_add (group, action_row (_("Mark as Unread"), NULL, "mail-unread-symbolic",
                                               "win.mark-update-unread", g_variant_new_string (id)));

  group = dossier_detail_page_add_group (page, C_("update page", "Case"));
  if (case_id && *case_id)
    {
      g_autoptr(DossierRecord) kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_id, NULL);

      g_autofree char *name = kase ? dossier_record_display_name (kase) : NULL;

      if (kase)
        dossier_detail_group_add (group, dossier_detail_record_row (name, _("In the case’s timeline"), kase));
      dossier_detail_group_add (group, action_row (_("Unlink From the Case"), NULL, "edit-clear-symbolic",
                                                   "win.link-update", g_variant_new ("(ss)", id, "")));
    }
  else
    dossier_detail_group_add (group, action_row (_("Link to Case…"),
                                                 _("It then shows in the case’s timeline"), "list-add-symbolic",
                                                 "win.choose-case-for-update", g_variant_new_string (id)));
  if (ua_id && *ua_id)
    {
      g_autoptr(DossierRecord) ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, ua_id, NULL);

      if (ua)
        dossier_detail_group_add (group, dossier_detail_record_row (dossier_record_get_string (ua, "reference"),
                                                                    dossier_record_get_string (ua, "title"), ua));
    }
  return page;
}
