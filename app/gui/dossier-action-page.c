/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-action.h"
#include "dossier-action-page.h"
#include "dossier-application.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-logging.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"
#include "dossier-translations.h"

/* The page of one logged action: what was done, for which urgent action
 * and to whom, by whom and when, the letter that went, the notes and the
 * reply. The window's Edit and Delete buttons act on it (see
 * dossier-record-actions.c). Its history lists the states it went
 * through, as the store wrote them (schema version 10). */

/* A long text of the store (notes, a letter, a reply) as it was written:
 * wrapped, selectable to copy a part of it, plain text. */
static GtkWidget *
text_block (const char *text)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_frame_set_child (GTK_FRAME (frame), label);
  gtk_widget_add_css_class (frame, "view");
  return frame;
}

/* A group holding one long text, with a Copy button in its header. */
static void
add_text_group (DossierDetailPage *page,
                const char        *title,
                const char        *copy_name,
                const char        *text)
{
  AdwPreferencesGroup *group;
  GtkWidget *copy;

  if (dossier_text_is_blank (text))
    return;
  group = dossier_detail_page_add_group (page, title);
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, copy_name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "win.copy");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", text);
  adw_preferences_group_set_header_suffix (group, copy);
  adw_preferences_group_add (group, text_block (text));
}

/* "Anna Schmidt, Almaty group", and whether that is the user. */
static char *
describe_volunteer (DossierRecord *action)
{
  const char *name = dossier_record_get_string (action, "volunteer");
  const char *group = dossier_record_get_string (action, "volunteer-group");

  if (dossier_text_is_blank (name) && dossier_text_is_blank (group))
    return NULL;
  if (dossier_text_is_blank (group))
    return g_strdup (name);
  if (dossier_text_is_blank (name))
    return g_strdup (group);
  /* Translators: a volunteer and their group: “Anna Schmidt, Almaty group” */
  return g_strdup_printf (C_("volunteer and group", "%s, %s"), name, group);
}

DossierDetailPage *
dossier_action_page_new (DossierStore  *store,
                         DossierRecord *action)
{
  DossierDetailPage *page = dossier_detail_page_new (store, action);
  const char *ua_id = dossier_record_get_string (action, "ua-id");
  const char *target_id = dossier_record_get_string (action, "target-id");
  const char *state = dossier_record_get_string (action, "state");
  g_autoptr(DossierRecord) ua = ua_id ? dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, ua_id, NULL) : NULL;
  g_autoptr(DossierRecord) target = target_id ? dossier_store_fetch (store, DOSSIER_TYPE_TARGET, target_id, NULL) : NULL;
  const char *channel = dossier_enum_label (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (action, "channel"));
  const char *state_label = dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, state);
  g_autofree char *date = dossier_format_date (dossier_record_get_string (action, "date"));
  const char *reply_on = dossier_record_get_string (action, "reply-date");
  g_autofree char *reply_date = dossier_text_is_blank (reply_on) ? NULL : dossier_format_date (reply_on);
  g_autofree char *logged = dossier_format_timestamp (dossier_record_get_created_at (action),
                                                      DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *changed = dossier_format_timestamp (dossier_record_get_updated_at (action),
                                                       DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *volunteer = describe_volunteer (action);
  g_autofree char *target_name = target ? dossier_record_display_name (target) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *subheading = NULL;
  AdwPreferencesGroup *group;
  double cost = dossier_record_get_double (action, "cost");

  if (target)
    /* Translators: the heading of a logged action's page: “Letter to
     * Prosecutor General”; %1$s is the channel (Letter, Email, Phone
     * call…), %2$s whom it went to */
    heading = g_strdup_printf (C_("action page", "%1$s to %2$s"), channel, target_name);
  else
    heading = g_strdup (channel);
  /* Translators: under a logged action's heading: its state and its date,
   * “Sent · 30 November 2026” */
  subheading = g_strdup_printf (C_("action page", "%1$s · %2$s"), state_label, date ? date : "");
  dossier_detail_page_set_heading (page, heading, subheading);

  group = dossier_detail_page_add_group (page, C_("action page", "Action"));
  if (ua)
    dossier_detail_group_add (group, dossier_detail_record_row (dossier_record_get_string (ua, "reference"),
                                                                dossier_record_get_string (ua, "title"), ua));
  else
    dossier_detail_group_add (group, dossier_detail_value_row (_("Urgent action"),
                                                               _("No longer in this store: it was deleted")));
  if (target)
    {
      g_autofree char *office = dossier_record_get_text_in (target, "office", dossier_ui_language (), FALSE, NULL, NULL);
      GtkWidget *row = dossier_detail_value_row (_("To"), target_name);

      /* the office when the name does not say it already */
      if (!dossier_text_is_blank (office) && !strstr (target_name, office))
        {
          /* Translators: a target and their office: “Berik Asylov, Prosecutor General” */
          g_autofree char *value = g_strdup_printf (C_("target and office", "%s, %s"),
                                                    target_name, office);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
        }
      dossier_detail_group_add (group, row);
    }
  else if (target_id)
    dossier_detail_group_add (group, dossier_detail_value_row (_("To"), _("No longer in this store: it was deleted")));
  else
    dossier_detail_group_add (group, dossier_detail_value_row (_("To"), _("No one in particular")));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Channel"), channel));
  dossier_detail_group_add (group, dossier_detail_value_row (C_("action page", "Date"), date));
  dossier_detail_group_add (group, dossier_detail_value_row (C_("action page", "State"), state_label));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Signed With"),
                                                             dossier_enum_label (DOSSIER_ENUM_SIGNATURE,
                                                                                 dossier_record_get_string (action, "signature"))));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Volunteer"), volunteer));
  if (cost > 0)
    {
      /* no currency is kept with it: the number as it was typed */
      g_autofree char *value = g_strdup_printf ("%.2f", cost);

      dossier_detail_group_add (group, dossier_detail_value_row (_("Cost"), value));
    }

  if (g_str_equal (state, "replied") || g_str_equal (state, "returned") ||
      !dossier_text_is_blank (dossier_record_get_string (action, "reply-text")))
    {
      group = dossier_detail_page_add_group (page, g_str_equal (state, "returned") ? C_("action page", "Returned")
                                                                                   : C_("action page", "Reply"));
      dossier_detail_group_add (group, dossier_detail_value_row (C_("action page", "Date"),
                                                                 reply_date ? reply_date : _("Not given")));
      if (!dossier_text_is_blank (dossier_record_get_string (action, "reply-text")))
        adw_preferences_group_add (group, text_block (dossier_record_get_string (action, "reply-text")));
    }

  add_text_group (page, _("Notes"), _("Copy the Notes"), dossier_record_get_string (action, "notes"));
  add_text_group (page, g_str_equal (state, "drafted") ? _("The Draft") : _("The Letter That Was Sent"),
                  _("Copy the Letter"), dossier_record_get_string (action, "letter-text"));

  group = dossier_detail_page_add_group (page, C_("action page", "History"));
  dossier_detail_group_add (group, dossier_detail_value_row (dossier_record_get_boolean (action, "mine")
                                                             ? _("Logged on this computer")
                                                             : _("Logged on another computer"),
                                                             logged));
  /* each state it went through, when it was written: "Sent", "Replied" */
  {
    g_autoptr(GPtrArray) states = dossier_store_list_action_states (store, dossier_record_get_id (action), NULL);

    for (guint i = 0; states && i < states->len; i++)
      {
        char **pair = states->pdata[i];
        g_autofree char *when = dossier_format_timestamp (pair[0], DOSSIER_DATE_STYLE_DATE_TIME);
        const char *label = dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, pair[1]);

        dossier_detail_group_add (group, dossier_detail_value_row (label ? label : pair[1], when ? when : pair[0]));
      }
  }
  if (g_strcmp0 (dossier_record_get_created_at (action), dossier_record_get_updated_at (action)) != 0)
    dossier_detail_group_add (group, dossier_detail_value_row (_("Last changed"), changed));
  return page;
}
