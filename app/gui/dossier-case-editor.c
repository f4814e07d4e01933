/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-case-editor.h"
#include "dossier-country-row.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-translations-editor.h"

/* Creates or edits a case. The form is checked as the user types; Save
 * stays insensitive while something is wrong and a row under the field
 * that is wrong says what. The store's own rules are the last word: an error from it is
 * shown in the same place and the form stays open. */

#define MAX_NAME_LENGTH 200

struct _DossierCaseEditor
{
  AdwWindow      parent_instance;

  AdwEntryRow   *city_row;
  DossierCountryRow *country_row;
  AdwPreferencesPage *form_page;
  DossierTranslationsEditor *translations;
  AdwEntryRow   *health_row;
  AdwEntryRow   *name_row;
  AdwEntryRow   *other_names_row;
  GtkSwitch     *poc_switch;
  AdwActionRow  *problem_row;
  AdwComboRow   *role_row;
  GtkButton     *save_button;
  AdwComboRow   *status_row;
  GtkTextView   *summary_view;
  AdwWindowTitle *window_title;

  DossierStore  *store;
  DossierRecord *kase;    /* a copy being edited; NULL fields until saved */
  gboolean       is_new;
  char          *problem;
};

G_DEFINE_FINAL_TYPE (DossierCaseEditor, dossier_case_editor, ADW_TYPE_WINDOW)

static GStrv
split_names (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* What is wrong with the form as it stands, or NULL; *@field is the row
 * it is about. A name not given is found last: in a new form it is not
 * said until something is typed, and must not hide what is. */
static char *
find_problem (DossierCaseEditor  *self,
              GtkWidget         **field)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_auto(GStrv) others = split_names (gtk_editable_get_text (GTK_EDITABLE (self->other_names_row)));

  if (g_utf8_strlen (name, -1) > MAX_NAME_LENGTH)
    /* Translators: %d is a number of characters */
    return dossier_form_problem (field, self->name_row,
                                 g_strdup_printf (_("A name can have at most %d characters."), MAX_NAME_LENGTH));
  for (guint i = 0; others[i]; i++)
    if (g_utf8_strlen (others[i], -1) > MAX_NAME_LENGTH)
      return dossier_form_problem (field, self->other_names_row,
                                   g_strdup_printf (_("A name can have at most %d characters."), MAX_NAME_LENGTH));
  if (self->translations)
    {
      char *problem = dossier_translations_editor_get_problem (self->translations, field);

      if (problem)
        return problem;
    }
  if (*name == '\0')
    return dossier_form_problem (field, self->name_row, g_strdup (_("A case needs a name.")));
  return NULL;
}

static void
show_problem (DossierCaseEditor *self,
              GtkWidget         *field,
              const char        *problem)
{
  dossier_form_show_problem (self->problem_row, &self->problem, field, problem);
}

static void
on_changed_cb (DossierCaseEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  gboolean name_empty = *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) == '\0';

  /* an empty name is only wrong once the user has typed something */
  if (field == GTK_WIDGET (self->name_row) && name_empty && self->is_new)
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), problem == NULL);
}

static void
on_save_clicked_cb (DossierCaseEditor *self)
{
  dossier_case_editor_save (self);
}

static void
dossier_case_editor_dispose (GObject *object)
{
  DossierCaseEditor *self = DOSSIER_CASE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CASE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (dossier_case_editor_parent_class)->dispose (object);
}

static void
dossier_case_editor_class_init (DossierCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_case_editor_dispose;

  g_type_ensure (DOSSIER_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, form_page);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, health_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, other_names_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, poc_switch);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_case_editor_init (DossierCaseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the store's limits, kept as the user types */
  dossier_form_limit_texts (GTK_WIDGET (self));
  dossier_form_limit_text (GTK_WIDGET (self->other_names_row), DOSSIER_TEXT_MAX_URL);
}

/**
 * dossier_case_editor_new:
 * @kase: (nullable): the case to edit, or %NULL for a new one
 */
DossierCaseEditor *
dossier_case_editor_new (GtkWindow     *parent,
                         DossierStore  *store,
                         DossierRecord *kase)
{
  DossierCaseEditor *self;
  g_autoptr(GListModel) statuses = dossier_enum_model (DOSSIER_ENUM_CASE_STATUS, NULL);
  g_autoptr(GListModel) roles = dossier_enum_model (DOSSIER_ENUM_CASE_ROLE, C_("role", "Not given"));

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  self = g_object_new (DOSSIER_TYPE_CASE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->is_new = kase == NULL;
  adw_combo_row_set_model (self->status_row, statuses);
  adw_combo_row_set_model (self->role_row, roles);

  if (kase != NULL)
    {
      const char * const *others = dossier_record_get_strv (kase, "other-names");
      g_autofree char *joined = others ? g_strjoinv ("; ", (char **) others) : g_strdup ("");
      const char *summary = dossier_record_get_string (kase, "summary");

      /* edit a fetched copy: the caller's record changes only if saved */
      self->kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), NULL);
      if (self->kase == NULL)
        self->kase = g_object_ref (kase);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), dossier_record_get_string (kase, "name"));
      gtk_editable_set_text (GTK_EDITABLE (self->other_names_row), joined);
      gtk_editable_set_text (GTK_EDITABLE (self->city_row), dossier_record_get_string (kase, "city") ?: "");
      dossier_country_row_set_country (self->country_row, dossier_record_get_string (kase, "country"));
      gtk_editable_set_text (GTK_EDITABLE (self->health_row), dossier_record_get_string (kase, "health-concerns") ?: "");
      gtk_switch_set_active (self->poc_switch, dossier_record_get_boolean (kase, "prisoner-of-conscience"));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), summary ? summary : "", -1);
      adw_combo_row_set_selected (self->status_row,
                                  dossier_enum_position (DOSSIER_ENUM_CASE_STATUS, dossier_record_get_string (kase, "status"), FALSE));
      adw_combo_row_set_selected (self->role_row,
                                  dossier_enum_position (DOSSIER_ENUM_CASE_ROLE, dossier_record_get_string (kase, "role"), TRUE));
      adw_window_title_set_title (self->window_title, _("Edit Case"));
    }
  else
    {
      self->kase = DOSSIER_RECORD (dossier_case_new ());
      adw_window_title_set_title (self->window_title, _("New Case"));
    }
  self->translations = DOSSIER_TRANSLATIONS_EDITOR (
    dossier_translations_editor_new (DOSSIER_TYPE_CASE, kase ? dossier_record_get_string (self->kase, "translations") : NULL));
  g_signal_connect_swapped (self->translations, "changed", G_CALLBACK (on_changed_cb), self);
  adw_preferences_page_add (self->form_page, ADW_PREFERENCES_GROUP (self->translations));
  on_changed_cb (self);
  return self;
}

/* For tests and the window: the message shown, or NULL. */
const char *
dossier_case_editor_get_problem (DossierCaseEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_CASE_EDITOR (self), NULL);

  return self->problem;
}

/**
 * dossier_case_editor_save:
 *
 * Writes the case if the form is valid, opens its page and closes.
 *
 * Returns: whether the case was saved
 */
gboolean
dossier_case_editor_save (DossierCaseEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) others = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  g_return_val_if_fail (DOSSIER_IS_CASE_EDITOR (self), FALSE);

  if (problem)
    {
      show_problem (self, field, problem);
      return FALSE;
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  others = split_names (gtk_editable_get_text (GTK_EDITABLE (self->other_names_row)));
  summary = dossier_text_view_get_text (self->summary_view);

  dossier_record_set_string (self->kase, "name", name);
  dossier_record_set_strv (self->kase, "other-names", (const char * const *) others);
  dossier_record_set_string (self->kase, "status", dossier_enum_id_at (DOSSIER_ENUM_CASE_STATUS, adw_combo_row_get_selected (self->status_row), FALSE) ?: "other");
  dossier_record_set_string (self->kase, "role", dossier_enum_id_at (DOSSIER_ENUM_CASE_ROLE, adw_combo_row_get_selected (self->role_row), TRUE) ?: "");
  dossier_record_set_string (self->kase, "city", gtk_editable_get_text (GTK_EDITABLE (self->city_row)));
  dossier_record_set_string (self->kase, "country", dossier_country_row_get_country (self->country_row));
  dossier_record_set_string (self->kase, "health-concerns", gtk_editable_get_text (GTK_EDITABLE (self->health_row)));
  dossier_record_set_boolean (self->kase, "prisoner-of-conscience", gtk_switch_get_active (self->poc_switch));
  dossier_record_set_string (self->kase, "summary", summary);
  {
    g_autofree char *translations = dossier_translations_editor_get_json (self->translations);

    dossier_record_set_string (self->kase, "translations", translations);
  }

  if (!(self->is_new ? dossier_store_create (self->store, self->kase, &error)
                     : dossier_store_update (self->store, self->kase, &error)))
    {
      show_problem (self, NULL, error->message);
      return FALSE;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent)
    {
      /* an edited case's page is rebuilt: close it, then open it anew */
      if (!self->is_new)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.back", NULL);
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-record", "(ss)",
                                  "DossierCase", dossier_record_get_id (self->kase));
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
