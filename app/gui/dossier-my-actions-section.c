/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-logging.h"
#include "dossier-application.h"
#include "dossier-my-actions-section.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"
#include "dossier-translations.h"
#include "dossier-window.h"

/* My Actions: what this volunteer has done, newest first, under the bar of
 * filters and totals; each row changes its action's state from a menu. */

struct _DossierMyActionsSection
{
  GtkWidget            parent_instance;

  DossierSection      *list_section;

  DossierMyActionsBar *bar;
  DossierStore        *store;
  DossierRecordList   *list;
};

static void dossier_my_actions_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierMyActionsSection, dossier_my_actions_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_my_actions_section_page_init))

/* "Mine" is what was logged on this computer, in this profile. Whoever
 * did it is said unless it is the volunteer of Preferences: an action
 * logged here under another name ("dossier log --volunteer") says whose
 * it is. */
static gboolean
shows_volunteer (DossierRecord *record)
{
  const char *volunteer = dossier_record_get_string (record, "volunteer");
  GApplication *app = g_application_get_default ();
  GSettings *settings = DOSSIER_IS_APPLICATION (app) ? dossier_application_get_settings (DOSSIER_APPLICATION (app)) : NULL;
  g_autofree char *own = settings ? g_settings_get_string (settings, "volunteer-name") : NULL;

  if (!dossier_record_get_boolean (record, "mine"))
    return TRUE;
  if (dossier_text_is_blank (volunteer))
    return FALSE;
  return own == NULL || g_strcmp0 (g_strstrip (own), volunteer) != 0;
}

void
dossier_action_row (DossierStore   *store,
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
  g_autofree char *target_name = target ? dossier_record_display_name (target) : NULL;
  g_autofree char *who = dossier_join_nonempty (", ", dossier_record_get_string (record, "volunteer"),
                                                dossier_record_get_string (record, "volunteer-group"), NULL);

  *title = dossier_join_nonempty (" · ", ua ? dossier_record_get_string (ua, "reference") : "",
                                  channel ? channel : "", NULL);
  *subtitle = dossier_join_nonempty (" · ", date, target_name ? target_name : "",
                                     shows_volunteer (record) ? who : "", NULL);
}

/* A button at the end of a row: the action's state, and a menu to change
 * it, right in the row. The menu is made when it opens: a row is bound
 * each time it scrolls into view, and a popover made then for every row
 * cost 4 ms a row. */
static void
on_create_state_menu_cb (GtkMenuButton *button,
                         gpointer       data)
{
  const char *id = g_object_get_data (G_OBJECT (button), "dossier-action-id");
  const char *state = g_object_get_data (G_OBJECT (button), "dossier-action-state");
  const DossierEnumValue *states;
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n;

  if (id == NULL)
    return;
  states = dossier_enum_values (DOSSIER_ENUM_ACTION_STATE, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (states[i].id, state) == 0)
        continue;
      item = g_menu_item_new (g_dpgettext2 (NULL, states[i].context, states[i].label), NULL);
      g_menu_item_set_action_and_target (item, "my-actions.set-state", "(ss)", id, states[i].id);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static GtkWidget *
action_state_setup (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  /* a long state ("Возвращено как недоставленное") takes two lines
   * rather than widen a narrow window */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Change the State"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), on_create_state_menu_cb, NULL, NULL);
  return button;
}

static void
action_state_bind (GtkWidget     *suffix,
                   DossierRecord *record)
{
  const char *state = dossier_record_get_string (record, "state");

  g_object_set_data_full (G_OBJECT (suffix), "dossier-action-id",
                          g_strdup (dossier_record_get_id (record)), g_free);
  g_object_set_data_full (G_OBJECT (suffix), "dossier-action-state", g_strdup (state), g_free);
  gtk_label_set_text (GTK_LABEL (gtk_menu_button_get_child (GTK_MENU_BUTTON (suffix))),
                      dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, state));
}

static void
update_empty_text (DossierMyActionsSection *self)
{
  if (self->bar && dossier_my_actions_bar_is_filtered (self->bar))
    dossier_section_set_empty_text (self->list_section, _("No Actions Match"),
                                    _("None of your actions fits these filters. Choose “All” in a "
                                      "filter to see more."));
  else
    dossier_section_set_empty_text (self->list_section, _("Nothing Logged Yet"),
                                    _("Each letter, email or call you log for an urgent action is listed here, so that you "
                                      "can see what you have done. Start with an open urgent action."));
}

/* Reads the list again: after a filter changed, or to show what the store
 * holds after a change was refused. */
static void
reload_list (DossierMyActionsSection *self)
{
  g_autoptr(DossierQuery) query = dossier_my_actions_bar_get_query (self->bar);

  dossier_record_list_set_query (self->list, query);
}

static void
on_bar_changed_cb (DossierMyActionsSection *self)
{
  reload_list (self);
  update_empty_text (self);
}

static void
set_state (DossierMyActionsSection *self,
           const char              *id,
           const char              *state,
           const char              *reply_text,
           const char              *reply_date)
{
  g_autoptr(DossierRecord) before = NULL;
  g_autoptr(DossierRecord) action = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!(before = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION, id, &error)) ||
      !(action = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION, id, &error)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
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
      reload_list (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      return;
    }
  if (DOSSIER_IS_WINDOW (root))
    dossier_window_report_logged (DOSSIER_WINDOW (root), DOSSIER_ACTION (action), DOSSIER_ACTION (before));
}

static void
on_reply_response_cb (AdwMessageDialog        *dialog,
                      const char              *response,
                      DossierMyActionsSection *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "action-id");
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *date = g_object_get_data (G_OBJECT (box), "date");
  GtkTextView *text = g_object_get_data (G_OBJECT (box), "text");
  g_autofree char *reply = dossier_text_view_get_text (text);

  if (g_str_equal (response, "save"))
    set_state (self, id, "replied", reply, gtk_editable_get_text (date));
  else
    /* the row goes back to what the store holds */
    reload_list (self);
}

/* A reply has a text and a date: ask for them before marking it. */
static void
ask_for_reply (DossierMyActionsSection *self,
               const char              *id)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *date = adw_entry_row_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *text = gtk_text_view_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Mark as Replied"),
                                                       _("What did the reply say, and when did it come?")));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Date of the reply (YYYY-MM-DD)"));
  dossier_form_limit_text (text, DOSSIER_TEXT_MAX_PARAGRAPHS);
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reply_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_set_state_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DossierMyActionsSection *self = DOSSIER_MY_ACTIONS_SECTION (widget);
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
dossier_my_actions_section_set_store (DossierSectionPage *page,
                                      DossierStore       *store)
{
  DossierMyActionsSection *self = DOSSIER_MY_ACTIONS_SECTION (page);
  g_autoptr(DossierQuery) query = NULL;

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->bar = dossier_my_actions_bar_new (store);
  query = dossier_my_actions_bar_get_query (self->bar);
  dossier_section_set_header (self->list_section, GTK_WIDGET (self->bar));
  dossier_section_set_suffix (self->list_section, action_state_setup, action_state_bind);
  self->list = dossier_section_page_show_query (page, store, query, dossier_action_row);
  /* a row shows its urgent action's reference */
  dossier_record_list_also_follow (self->list, DOSSIER_TYPE_URGENT_ACTION);
  g_signal_connect_object (self->bar, "changed", G_CALLBACK (on_bar_changed_cb), self, G_CONNECT_SWAPPED);
}

static DossierSection *
dossier_my_actions_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_MY_ACTIONS_SECTION (page)->list_section;
}

static char *
dossier_my_actions_section_describe_count (DossierSectionPage *page,
                                           guint               n)
{
  return g_strdup_printf (ngettext ("%'u action of yours", "%'u actions of yours", n), n);
}

static void
dossier_my_actions_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "my-actions";
  iface->title = NC_("sidebar", "My Actions");
  iface->icon_name = "emblem-ok-symbolic";
  iface->set_store = dossier_my_actions_section_set_store;
  iface->get_list_section = dossier_my_actions_section_get_list_section;
  iface->describe_count = dossier_my_actions_section_describe_count;
}

static void
dossier_my_actions_section_dispose (GObject *object)
{
  DossierMyActionsSection *self = DOSSIER_MY_ACTIONS_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_MY_ACTIONS_SECTION);
  self->bar = NULL;
  self->list = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_my_actions_section_parent_class)->dispose (object);
}

static void
dossier_my_actions_section_class_init (DossierMyActionsSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_my_actions_section_dispose;

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-my-actions-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierMyActionsSection, list_section);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* (action id, state): "replied" asks for the reply first */
  gtk_widget_class_install_action (widget_class, "my-actions.set-state", "(ss)", on_set_state_action_cb);
}

static void
dossier_my_actions_section_init (DossierMyActionsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_empty_text (self);
}

/* The filters and totals over the list; NULL without a store. */
DossierMyActionsBar *
dossier_my_actions_section_get_bar (DossierMyActionsSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_MY_ACTIONS_SECTION (self), NULL);

  return self->bar;
}
