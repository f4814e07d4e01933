/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dossier-country-row.h"
#include "dossier-detail-page.h"
#include "dossier-target.h"
#include "dossier-target-editor.h"
#include "dossier-translations-editor.h"

/* Edits a target: whom to write to and every way to reach them. Targets
 * are shared between urgent actions, so a change shows on all of them. */

struct _DossierTargetEditor
{
  AdwWindow      parent_instance;

  AdwEntryRow   *address_row;
  DossierCountryRow *country_row;
  AdwEntryRow   *email_row;
  AdwEntryRow   *fax_row;
  AdwPreferencesPage *form_page;
  AdwEntryRow   *handles_row;
  AdwEntryRow   *held_from_row;
  AdwEntryRow   *held_to_row;
  DossierTranslationsEditor *translations;
  AdwEntryRow   *language_row;
  AdwEntryRow   *name_row;
  AdwEntryRow   *office_row;
  AdwEntryRow   *organisation_row;
  AdwEntryRow   *phone_row;
  AdwActionRow  *problem_row;
  AdwEntryRow   *salutation_row;
  GtkButton     *save_button;
  AdwEntryRow   *web_form_row;

  DossierStore  *store;
  DossierRecord *target;
  char          *problem;
};

G_DEFINE_FINAL_TYPE (DossierTargetEditor, dossier_target_editor, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const struct {
  const char *field;
  gsize       offset;
} rows[] = {
  { "name", G_STRUCT_OFFSET (DossierTargetEditor, name_row) },
  { "office", G_STRUCT_OFFSET (DossierTargetEditor, office_row) },
  { "organisation", G_STRUCT_OFFSET (DossierTargetEditor, organisation_row) },
  { "salutation", G_STRUCT_OFFSET (DossierTargetEditor, salutation_row) },
  { "address", G_STRUCT_OFFSET (DossierTargetEditor, address_row) },
  { "email", G_STRUCT_OFFSET (DossierTargetEditor, email_row) },
  { "phone", G_STRUCT_OFFSET (DossierTargetEditor, phone_row) },
  { "web-form", G_STRUCT_OFFSET (DossierTargetEditor, web_form_row) },
  { "language", G_STRUCT_OFFSET (DossierTargetEditor, language_row) },
  { "fax", G_STRUCT_OFFSET (DossierTargetEditor, fax_row) },
  { "held-from", G_STRUCT_OFFSET (DossierTargetEditor, held_from_row) },
  { "held-to", G_STRUCT_OFFSET (DossierTargetEditor, held_to_row) },
};

#define ROW(self, i) (*(AdwEntryRow **) (((guint8 *) (self)) + rows[i].offset))

/* The form's texts, as the record keeps them. */
static void
read_form (DossierTargetEditor *self,
           DossierRecord       *target)
{
  g_auto(GStrv) handles = g_strsplit_set (text_of (self->handles_row), " \t,", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (text_of (ROW (self, i))));

      dossier_record_set_string (target, rows[i].field, value);
    }
  dossier_record_set_string (target, "country", dossier_country_row_get_country (self->country_row));
  for (guint i = 0; handles[i]; i++)
    if (*handles[i])
      g_strv_builder_add (builder, handles[i]);
  list = g_strv_builder_end (builder);
  dossier_record_set_strv (target, "handles", (const char * const *) list);
}

/* What is wrong with the form, or NULL; *@field is the row it is about. */
static char *
find_problem (DossierTargetEditor  *self,
              GtkWidget           **field)
{
  g_autofree char *name = g_strstrip (g_strdup (text_of (self->name_row)));
  const char *email = text_of (self->email_row);
  const char *web_form = text_of (self->web_form_row);
  const char *language = text_of (self->language_row);

  if (*name == '\0')
    return dossier_form_problem (field, self->name_row, g_strdup (_("A target needs a name.")));
  if (*email && !dossier_email_is_valid (email))
    return dossier_form_problem (field, self->email_row, g_strdup (_("The email address of the target is not valid.")));
  if (*web_form && !(g_str_has_prefix (web_form, "https://") || g_str_has_prefix (web_form, "http://")))
    return dossier_form_problem (field, self->web_form_row,
                                 g_strdup (_("A web form must be a web address starting with https:// or http://.")));
  /* a language code as letters appear in catalogues: ru, kk, de, pt_BR */
  if (*language && !g_regex_match_simple ("^[a-z]{2,3}([_-][A-Za-z]{2,4})?$", language, 0, 0))
    return dossier_form_problem (field, self->language_row,
                                 g_strdup (_("Write the language as its code, such as ru, kk or en.")));
  {
    g_autofree char *from = g_strstrip (g_strdup (text_of (self->held_from_row)));
    g_autofree char *to = g_strstrip (g_strdup (text_of (self->held_to_row)));
    /* Translators: keep 2017, 2017-06 and 2017-06-30 as they are */
    const char *when = _("Write when the office was held as a year, a month or a day: 2017, 2017-06 or 2017-06-30.");

    if (*from && !dossier_partial_date_is_valid (from))
      return dossier_form_problem (field, self->held_from_row, g_strdup (when));
    if (*to && !dossier_partial_date_is_valid (to))
      return dossier_form_problem (field, self->held_to_row, g_strdup (when));
    if (*from && *to && strcmp (from, to) > 0)
      return dossier_form_problem (field, self->held_to_row,
                                   g_strdup (_("The office cannot have been left before it was taken.")));
  }
  /* the store's own rules for each text (one line, its length): said
   * about the field, not only once Save has failed */
  {
    g_autoptr(DossierRecord) typed = g_object_new (DOSSIER_TYPE_TARGET, NULL);
    DossierRecordClass *klass = DOSSIER_RECORD_GET_CLASS (typed);
    g_autoptr(GError) error = NULL;

    read_form (self, typed);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      if (!dossier_field_check (dossier_record_class_find_field (klass, rows[i].field), typed,
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ROW (self, i))), &error))
        return dossier_form_problem (field, ROW (self, i), g_strdup (error->message));
    if (!dossier_field_check (dossier_record_class_find_field (klass, "handles"), typed,
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->handles_row)), &error))
      return dossier_form_problem (field, self->handles_row, g_strdup (error->message));
  }
  if (self->translations)
    return dossier_translations_editor_get_problem (self->translations, field);
  return NULL;
}

static void
on_changed_cb (DossierTargetEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = NULL;

  if (self->store == NULL)
    return;
  problem = find_problem (self, &field);
  dossier_form_show_problem (self->problem_row, &self->problem, field, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), problem == NULL);
}

static void
on_save_clicked_cb (DossierTargetEditor *self)
{
  dossier_target_editor_save (self);
}

/* The window deletes it, so that its toast can offer Undo. */
static void
on_delete_clicked_cb (DossierTargetEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.delete-target", "s",
                                dossier_record_get_id (self->target));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dossier_target_editor_dispose (GObject *object)
{
  DossierTargetEditor *self = DOSSIER_TARGET_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_TARGET_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->target);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (dossier_target_editor_parent_class)->dispose (object);
}

static void
dossier_target_editor_class_init (DossierTargetEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_target_editor_dispose;

  g_type_ensure (DOSSIER_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-target-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, fax_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, form_page);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, handles_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, held_from_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, held_to_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, office_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DossierTargetEditor, web_form_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_target_editor_init (DossierTargetEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the store's limits, kept as the user types */
  dossier_form_limit_texts (GTK_WIDGET (self));
  dossier_form_limit_text (GTK_WIDGET (self->web_form_row), DOSSIER_TEXT_MAX_URL);
  dossier_form_limit_text (GTK_WIDGET (self->address_row), DOSSIER_TEXT_MAX_PARAGRAPHS);
}

DossierTargetEditor *
dossier_target_editor_new (GtkWindow     *parent,
                           DossierStore  *store,
                           DossierRecord *target)
{
  DossierTargetEditor *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (DOSSIER_IS_TARGET (target), NULL);

  self = g_object_new (DOSSIER_TYPE_TARGET_EDITOR, "transient-for", parent, NULL);
  self->target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, dossier_record_get_id (target), NULL);
  if (self->target == NULL)
    self->target = g_object_ref (target);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *value = dossier_record_get_string (self->target, rows[i].field);
      gtk_editable_set_text (GTK_EDITABLE (ROW (self, i)), value ? value : "");
    }
  dossier_country_row_set_country (self->country_row, dossier_record_get_string (self->target, "country"));
  {
    const char * const *handles = dossier_record_get_strv (self->target, "handles");
    g_autofree char *joined = handles ? g_strjoinv (" ", (char **) handles) : g_strdup ("");

    gtk_editable_set_text (GTK_EDITABLE (self->handles_row), joined);
  }
  self->translations = DOSSIER_TRANSLATIONS_EDITOR (
    dossier_translations_editor_new (DOSSIER_TYPE_TARGET, dossier_record_get_string (self->target, "translations")));
  g_signal_connect_swapped (self->translations, "changed", G_CALLBACK (on_changed_cb), self);
  adw_preferences_page_add (self->form_page, ADW_PREFERENCES_GROUP (self->translations));
  self->store = g_object_ref (store);
  on_changed_cb (self);
  return self;
}

const char *
dossier_target_editor_get_problem (DossierTargetEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_TARGET_EDITOR (self), NULL);

  return self->problem;
}

gboolean
dossier_target_editor_save (DossierTargetEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  g_autofree char *translations = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  g_return_val_if_fail (DOSSIER_IS_TARGET_EDITOR (self), FALSE);

  if (problem)
    {
      dossier_form_show_problem (self->problem_row, &self->problem, field, problem);
      return FALSE;
    }
  read_form (self, self->target);
  translations = dossier_translations_editor_get_json (self->translations);
  dossier_record_set_string (self->target, "translations", translations);
  if (!dossier_store_update (self->store, self->target, &error))
    {
      dossier_form_show_problem (self->problem_row, &self->problem, NULL, error->message);
      return FALSE;
    }

  /* the page that lists the target is rebuilt */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload-page", NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
