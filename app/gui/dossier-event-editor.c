/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-event-editor.h"

/* Adds a dated event to a case's timeline. An event may change the case's
 * status (a verdict, a release): the event and the new status are written
 * in one transaction, and the event keeps the history of the change. */

#define FIRST_YEAR 1950

struct _DossierEventEditor
{
  AdwWindow      parent_instance;

  AdwEntryRow   *date_row;
  AdwPreferencesGroup *delete_group;
  AdwComboRow   *kind_row;
  AdwActionRow  *problem_row;
  GtkButton     *save_button;
  AdwEntryRow   *source_row;
  AdwComboRow   *status_row;
  GtkTextView   *text_view;
  AdwEntryRow   *title_row;

  DossierStore  *store;
  DossierRecord *kase;
  DossierRecord *event;   /* the event being edited, or NULL for a new one */
  char          *problem;
};

G_DEFINE_FINAL_TYPE (DossierEventEditor, dossier_event_editor, ADW_TYPE_WINDOW)

/* What is wrong with the form, or NULL; *@field is the row it is about. */
static char *
find_problem (DossierEventEditor  *self,
              GtkWidget          **field)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *source = gtk_editable_get_text (GTK_EDITABLE (self->source_row));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int last_year = g_date_time_get_year (now) + 1;

  if (*source && !((g_str_has_prefix (source, "https://") || g_str_has_prefix (source, "http://")) &&
                   dossier_uri_is_safe (source)))
    return dossier_form_problem (field, self->source_row,
                                 g_strdup (_("A source must be a web address starting with https:// or http://.")));
  /* a hearing may be announced for next year; nothing before 1950 or in
   * the next century is a real date of one of these cases */
  if (!dossier_date_is_valid (date) || atoi (date) < FIRST_YEAR || atoi (date) > last_year)
    /* Translators: the numbers are years */
    return dossier_form_problem (field, self->date_row,
                                 g_strdup_printf (_("Enter a real date between %d and %d, written YYYY-MM-DD."),
                                                  FIRST_YEAR, last_year));
  return NULL;
}

static void
show_problem (DossierEventEditor *self,
              GtkWidget          *field,
              const char         *problem)
{
  dossier_form_show_problem (self->problem_row, &self->problem, field, problem);
}

static void
on_changed_cb (DossierEventEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  /* judge the date once it could be complete */
  if (field == GTK_WIDGET (self->date_row) && strlen (date) < 10)
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), problem == NULL);
}

static void
on_save_clicked_cb (DossierEventEditor *self)
{
  dossier_event_editor_save (self);
}

/* The window deletes it, so that its toast can offer Undo. */
static void
on_delete_clicked_cb (DossierEventEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent && self->event)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.delete-event", "s",
                                dossier_record_get_id (self->event));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dossier_event_editor_dispose (GObject *object)
{
  DossierEventEditor *self = DOSSIER_EVENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_EVENT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_object (&self->event);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (dossier_event_editor_parent_class)->dispose (object);
}

static void
dossier_event_editor_class_init (DossierEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_event_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, DossierEventEditor, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_event_editor_init (DossierEventEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the store's limits, kept as the user types */
  dossier_form_limit_texts (GTK_WIDGET (self));
  dossier_form_limit_text (GTK_WIDGET (self->source_row), DOSSIER_TEXT_MAX_URL);
  dossier_form_add_date_picker (self->date_row);
}

/**
 * dossier_event_editor_new:
 * @event: (nullable): the event to edit, or %NULL for a new one
 */
DossierEventEditor *
dossier_event_editor_new (GtkWindow     *parent,
                          DossierStore  *store,
                          DossierRecord *kase,
                          DossierRecord *event)
{
  DossierEventEditor *self;
  g_autoptr(GListModel) kinds = dossier_enum_model (DOSSIER_ENUM_EVENT_KIND, NULL);
  g_autoptr(GListModel) statuses = dossier_enum_model (DOSSIER_ENUM_CASE_STATUS, C_("new case status", "No change"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (DOSSIER_IS_CASE (kase), NULL);

  self = g_object_new (DOSSIER_TYPE_EVENT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->kase = g_object_ref (kase);

  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->status_row, statuses);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  if (event != NULL)
    {
      const char *text = dossier_record_get_string (event, "text");

      self->event = g_object_ref (event);
      adw_combo_row_set_selected (self->kind_row, dossier_enum_position (DOSSIER_ENUM_EVENT_KIND,
                                                                         dossier_record_get_string (event, "kind"), FALSE));
      adw_combo_row_set_selected (self->status_row, dossier_enum_position (DOSSIER_ENUM_CASE_STATUS,
                                                                           dossier_record_get_string (event, "new-status"), TRUE));
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), dossier_record_get_string (event, "date"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), dossier_record_get_string (event, "title") ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->source_row), dossier_record_get_string (event, "source") ?: "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Event"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
    }
  on_changed_cb (self);
  return self;
}

const char *
dossier_event_editor_get_problem (DossierEventEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_EDITOR (self), NULL);

  return self->problem;
}

/**
 * dossier_event_editor_save:
 *
 * Adds the event, and the case's new status if one was chosen, together.
 *
 * Returns: whether anything was saved
 */
gboolean
dossier_event_editor_save (DossierEventEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  g_autoptr(DossierRecord) event = self->event ? g_object_ref (self->event)
                                               : DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(DossierRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *new_status;
  GtkWindow *parent;

  g_return_val_if_fail (DOSSIER_IS_EVENT_EDITOR (self), FALSE);

  if (problem)
    {
      show_problem (self, field, problem);
      return FALSE;
    }

  text = dossier_text_view_get_text (self->text_view);

  dossier_record_set_string (event, "case-id", dossier_record_get_id (self->kase));
  dossier_record_set_string (event, "kind", dossier_enum_id_at (DOSSIER_ENUM_EVENT_KIND,
                                                                adw_combo_row_get_selected (self->kind_row), FALSE) ?: "other");
  dossier_record_set_string (event, "date", gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  dossier_record_set_string (event, "title", gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  dossier_record_set_string (event, "source", gtk_editable_get_text (GTK_EDITABLE (self->source_row)));
  dossier_record_set_string (event, "text", text);
  new_status = dossier_enum_id_at (DOSSIER_ENUM_CASE_STATUS, adw_combo_row_get_selected (self->status_row), TRUE);
  dossier_record_set_string (event, "new-status", new_status ? new_status : "");

  if (!dossier_store_begin (self->store, &error))
    goto fail;
  if (!(self->event ? dossier_store_update (self->store, event, &error)
                    : dossier_store_create (self->store, event, &error)))
    goto rollback;
  if (new_status)
    {
      kase = dossier_store_fetch (self->store, DOSSIER_TYPE_CASE, dossier_record_get_id (self->kase), &error);
      if (kase == NULL)
        goto rollback;
      dossier_record_set_string (kase, "status", new_status);
      if (!dossier_store_update (self->store, kase, &error))
        goto rollback;
    }
  if (!dossier_store_commit (self->store, &error))
    goto fail;

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent)
    {
      /* the case's page is rebuilt with the new event on its timeline */
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.back", NULL);
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-record", "(ss)",
                                  "DossierCase", dossier_record_get_id (self->kase));
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;

rollback:
  dossier_store_rollback (self->store);
fail:
  show_problem (self, NULL, error->message);
  return FALSE;
}
