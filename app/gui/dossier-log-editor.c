/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-application.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-log-editor.h"
#include "dossier-logging.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"
#include "dossier-translations.h"
#include "dossier-window.h"

/* "Log Action…" on an urgent action's page: for what was done outside
 * Dossier — a call, a petition, a post, a letter written by hand. One
 * form, one step; the window offers Undo. The same form corrects an
 * action logged before (Edit on its page): its channel, whom it went to,
 * its date, how it was signed and its notes; who logged it stays. */

struct _DossierLogEditor
{
  AdwWindow      parent_instance;

  AdwComboRow   *channel_row;
  AdwComboRow   *target_row;
  AdwEntryRow   *date_row;
  AdwComboRow   *signature_row;
  AdwEntryRow   *notes_row;
  AdwActionRow  *problem_row;
  GtkButton     *log_button;

  DossierStore  *store;
  DossierRecord *ua;           /* NULL when the action's UA was deleted */
  char          *action_id;    /* the action being corrected, or NULL */
  GStrv          target_ids;   /* the target row's values after "No one in particular" */
};

G_DEFINE_FINAL_TYPE (DossierLogEditor, dossier_log_editor, ADW_TYPE_WINDOW)

/* The action the form describes: a new one, or the one being corrected
 * as the store holds it now, with the form's fields. NULL with @error set
 * when that one is gone. */
static DossierAction *
build_action (DossierLogEditor  *self,
              GError           **error)
{
  g_autoptr(DossierRecord) record = NULL;
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  guint target = adw_combo_row_get_selected (self->target_row);

  if (self->action_id)
    {
      record = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION, self->action_id, error);
      if (record == NULL)
        return NULL;
    }
  else
    {
      GSettings *settings = dossier_application_get_settings (DOSSIER_APPLICATION (g_application_get_default ()));
      g_autofree char *name = g_settings_get_string (settings, "volunteer-name");
      g_autofree char *group = g_settings_get_string (settings, "volunteer-group");

      record = DOSSIER_RECORD (dossier_action_new ());
      dossier_record_set_string (record, "ua-id", dossier_record_get_id (self->ua));
      dossier_record_set_string (record, "volunteer", name);
      dossier_record_set_string (record, "volunteer-group", group);
    }
  if (target > 0 && self->target_ids && target <= g_strv_length (self->target_ids))
    dossier_record_set_string (record, "target-id", self->target_ids[target - 1]);
  else
    dossier_record_set_string (record, "target-id", NULL);
  dossier_record_set_string (record, "channel", dossier_enum_id_at (DOSSIER_ENUM_CHANNEL,
                                                                    adw_combo_row_get_selected (self->channel_row), FALSE));
  dossier_record_set_string (record, "signature", dossier_enum_id_at (DOSSIER_ENUM_SIGNATURE,
                                                                      adw_combo_row_get_selected (self->signature_row), FALSE));
  dossier_record_set_string (record, "date", date);
  dossier_record_set_string (record, "notes", gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  return DOSSIER_ACTION (g_steal_pointer (&record));
}

/* The field of the form a refused @action is about: the channel and the
 * signature are chosen from lists, the date is typed; what is about none
 * of them (a store that could not write) is NULL. */
static GtkWidget *
field_at_fault (DossierLogEditor *self,
                DossierAction    *action,
                const GError     *error)
{
  DossierRecord *record = DOSSIER_RECORD (action);

  if (action == NULL || !g_error_matches (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID))
    return NULL;
  if (!dossier_enum_has (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (record, "channel")))
    return GTK_WIDGET (self->channel_row);
  if (!dossier_enum_has (DOSSIER_ENUM_SIGNATURE, dossier_record_get_string (record, "signature")))
    return GTK_WIDGET (self->signature_row);
  return GTK_WIDGET (self->date_row);
}

static void
on_changed_cb (DossierLogEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierAction) action = build_action (self, &error);
  gboolean ok = action && dossier_action_check (action, &error);

  dossier_form_show_problem (self->problem_row, NULL, ok ? NULL : field_at_fault (self, action, error),
                             ok ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->log_button), ok);
  /* the greyed-out button says it too */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->log_button), ok ? NULL : error->message);
}

static void
on_log_clicked_cb (DossierLogEditor *self)
{
  g_autoptr(DossierAction) action = build_action (self, NULL);
  g_autoptr(GError) error = NULL;

  if (!dossier_log_editor_log (self, &error))
    dossier_form_show_problem (self->problem_row, NULL, field_at_fault (self, action, error), error->message);
}

static void
dossier_log_editor_dispose (GObject *object)
{
  DossierLogEditor *self = DOSSIER_LOG_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->ua);
  g_clear_pointer (&self->action_id, g_free);
  g_clear_pointer (&self->target_ids, g_strfreev);
  G_OBJECT_CLASS (dossier_log_editor_parent_class)->dispose (object);
}

static void
dossier_log_editor_class_init (DossierLogEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dossier_log_editor_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
dossier_log_editor_init (DossierLogEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GListModel) channels = dossier_enum_model (DOSSIER_ENUM_CHANNEL, NULL);
  g_autoptr(GListModel) signatures = dossier_enum_model (DOSSIER_ENUM_SIGNATURE, NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 560);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 360);
  gtk_window_set_title (GTK_WINDOW (self), _("Log Action"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->log_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Log")));
  gtk_widget_add_css_class (GTK_WIDGET (self->log_button), "suggested-action");
  g_signal_connect_swapped (self->log_button, "clicked", G_CALLBACK (on_log_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->log_button));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  self->channel_row = combo_row (group, _("Channel"));
  adw_combo_row_set_model (self->channel_row, channels);
  self->target_row = combo_row (group, _("To"));
  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Date (YYYY-MM-DD)"));
  adw_preferences_group_add (group, GTK_WIDGET (self->date_row));
  dossier_form_add_date_picker (self->date_row);
  self->signature_row = combo_row (group, _("Signed With"));
  adw_combo_row_set_model (self->signature_row, signatures);
  self->notes_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  dossier_form_limit_text (GTK_WIDGET (self->notes_row), DOSSIER_TEXT_MAX_PARAGRAPHS);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notes_row), _("Notes"));
  adw_preferences_group_add (group, GTK_WIDGET (self->notes_row));
  /* what is wrong: under the field it is about, else at the end */
  self->problem_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->problem_row), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->problem_row));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* The targets to choose from: the UA's, and @also (the target of an
 * action being corrected) should the UA no longer list it. */
static void
fill_targets (DossierLogEditor *self,
              const char       *also)
{
  const char * const *ids = self->ua ? dossier_record_get_strv (self->ua, "target-ids") : NULL;
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; ids && ids[i]; i++)
    g_ptr_array_add (all, (gpointer) ids[i]);
  if (also && !(ids && g_strv_contains (ids, also)))
    g_ptr_array_add (all, (gpointer) also);
  gtk_string_list_append (targets, _("No One in Particular"));
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(DossierRecord) target = dossier_store_fetch (self->store, DOSSIER_TYPE_TARGET, all->pdata[i], NULL);
      g_autofree char *name = NULL;

      if (target == NULL)
        continue;
      name = dossier_record_display_name (target);
      gtk_string_list_append (targets, name);
      g_strv_builder_add (kept, all->pdata[i]);
    }
  self->target_ids = g_strv_builder_end (kept);
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (targets));
}

static void
watch_fields (DossierLogEditor *self)
{
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (on_changed_cb), self);
  on_changed_cb (self);
}

DossierLogEditor *
dossier_log_editor_new (GtkWindow     *parent,
                        DossierStore  *store,
                        DossierRecord *ua)
{
  DossierLogEditor *self = g_object_new (DOSSIER_TYPE_LOG_EDITOR, "transient-for", parent, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *title = NULL;

  self->store = g_object_ref (store);
  self->ua = g_object_ref (ua);
  /* Translators: the title of the form; %s is a UA's reference */
  title = g_strdup_printf (_("Log Action on %s"), dossier_record_get_string (ua, "reference"));
  gtk_window_set_title (GTK_WINDOW (self), title);

  fill_targets (self, NULL);
  if (self->target_ids[0])
    adw_combo_row_set_selected (self->target_row, 1);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  watch_fields (self);
  return self;
}

/**
 * dossier_log_editor_new_for_action:
 *
 * The form that corrects @action, filled with what it says; Save writes
 * it back, and the window offers Undo.
 */
DossierLogEditor *
dossier_log_editor_new_for_action (GtkWindow     *parent,
                                   DossierStore  *store,
                                   DossierRecord *action)
{
  DossierLogEditor *self = g_object_new (DOSSIER_TYPE_LOG_EDITOR, "transient-for", parent, NULL);
  const char *ua_id = dossier_record_get_string (action, "ua-id");
  const char *target_id = dossier_record_get_string (action, "target-id");

  self->store = g_object_ref (store);
  self->ua = ua_id ? dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, ua_id, NULL) : NULL;
  self->action_id = g_strdup (dossier_record_get_id (action));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Action"));
  gtk_button_set_label (self->log_button, _("_Save"));

  fill_targets (self, target_id);
  for (guint i = 0; target_id && self->target_ids[i]; i++)
    if (g_str_equal (self->target_ids[i], target_id))
      adw_combo_row_set_selected (self->target_row, i + 1);
  adw_combo_row_set_selected (self->channel_row,
                              dossier_enum_position (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (action, "channel"), FALSE));
  adw_combo_row_set_selected (self->signature_row,
                              dossier_enum_position (DOSSIER_ENUM_SIGNATURE, dossier_record_get_string (action, "signature"), FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), dossier_record_get_string (action, "date"));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), dossier_record_get_string (action, "notes"));
  watch_fields (self);
  return self;
}

/* Logs what the form says; on success the form closes and the window
 * shows a toast with Undo. */
gboolean
dossier_log_editor_log (DossierLogEditor  *self,
                        GError           **error)
{
  g_autoptr(DossierAction) before = NULL;
  g_autoptr(DossierAction) action = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* what it was, for Undo */
  if (self->action_id &&
      !(before = DOSSIER_ACTION (dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION, self->action_id, error))))
    return FALSE;
  if (!(action = build_action (self, error)) || !dossier_store_log_action (self->store, action, error))
    return FALSE;
  if (DOSSIER_IS_WINDOW (parent))
    dossier_window_report_logged (DOSSIER_WINDOW (parent), action, before);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* For tests. */
void
dossier_log_editor_set (DossierLogEditor *self,
                        guint             channel,
                        const char       *date,
                        const char       *notes)
{
  adw_combo_row_set_selected (self->channel_row, channel);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes);
}

gboolean
dossier_log_editor_can_log (DossierLogEditor *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->log_button));
}
