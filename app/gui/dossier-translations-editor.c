/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-accessible.h"
#include "dossier-detail-page.h"
#include "dossier-record.h"
#include "dossier-translations.h"
#include "dossier-translations-editor.h"

/* The part of a form that edits a record's texts in other languages:
 * one expandable row per language held, with a field for each text the
 * record can hold in it, and a row to add a language by its code. What it
 * does not show — "translated_from", members of newer versions — is kept
 * as it was. Emits "changed" as the user types, for the form to check
 * itself again. */

typedef struct
{
  char       *code;
  GtkWidget  *expander;
  GPtrArray  *fields;      /* GtkWidget: an AdwEntryRow or a GtkTextView, per translatable */
} Language;

struct _DossierTranslationsEditor
{
  AdwPreferencesGroup  parent_instance;

  GType                record_type;
  char                *json;       /* as the record had it */
  GPtrArray           *languages;  /* Language, as shown */
  GPtrArray           *removed;    /* codes the user removed */
  AdwEntryRow         *add_row;
  char                *add_problem;
};

G_DEFINE_FINAL_TYPE (DossierTranslationsEditor, dossier_translations_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
language_free (Language *lang)
{
  g_free (lang->code);
  g_ptr_array_unref (lang->fields);
  g_free (lang);
}

/* What each text is called in the form; lists are one entry per line. */
static const char *
field_label (const DossierTranslatable *t)
{
  if (g_str_equal (t->member, "name"))
    return _("Name");
  if (g_str_equal (t->member, "summary"))
    return _("Summary");
  if (g_str_equal (t->member, "title"))
    return _("Title");
  if (g_str_equal (t->member, "key_points"))
    return _("What to ask for, one point per line");
  if (g_str_equal (t->member, "posts"))
    return _("Suggested posts, one per line");
  if (g_str_equal (t->member, "office"))
    return _("Office");
  if (g_str_equal (t->member, "organisation"))
    return _("Organisation");
  if (g_str_equal (t->member, "address"))
    return _("Postal address");
  if (g_str_equal (t->member, "salutation"))
    return _("Salutation");
  if (g_str_equal (t->member, "code"))
    return _("Code");
  if (g_str_equal (t->member, "description"))
    return _("Description");
  return t->member;
}

static gboolean
multiline (const DossierTranslatable *t,
           GType                      record_type)
{
  DossierRecordClass *klass = g_type_class_ref (record_type);
  const DossierField *field = dossier_record_class_find_field (klass, t->field);
  gboolean result = t->list || (field && dossier_field_is_multiline (field));

  g_type_class_unref (klass);
  return result;
}

static void
emit_changed (DossierTranslationsEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static char *
field_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return dossier_text_view_get_text (GTK_TEXT_VIEW (widget));
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
on_remove_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  DossierTranslationsEditor *self = user_data;
  GtkWidget *expander = g_object_get_data (G_OBJECT (button), "expander");

  for (guint i = 0; i < self->languages->len; i++)
    {
      Language *lang = self->languages->pdata[i];

      if (lang->expander == expander)
        {
          g_ptr_array_add (self->removed, g_strdup (lang->code));
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), expander);
          g_ptr_array_remove_index (self->languages, i);
          break;
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
  emit_changed (self);
}

/* A label and a framed text view, for a text of several lines. */
static GtkWidget *
text_row (const char  *label,
          const char  *text,
          GtkWidget  **view_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  dossier_accessible_name (view, label);
  *view_out = view;
  return row;
}

static Language *
add_language_rows (DossierTranslationsEditor *self,
                   const char                *code,
                   DossierRecord             *record)
{
  Language *lang = g_new0 (Language, 1);
  guint n;
  const DossierTranslatable *fields = dossier_translatable_fields (self->record_type, &n);
  g_autofree char *name = dossier_language_name (code);
  g_autofree char *title = g_strdup_printf ("%s — %s", name, code);
  g_autofree char *remove_label = NULL;
  GtkWidget *remove;

  lang->code = g_strdup (code);
  lang->fields = g_ptr_array_new ();
  lang->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (lang->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lang->expander), title);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;
      GtkWidget *widget;

      if (fields[i].list)
        {
          g_auto(GStrv) list = dossier_record_get_strv_in (record, fields[i].field, code, TRUE, NULL, NULL);

          text = list ? g_strjoinv ("\n", list) : g_strdup ("");
        }
      else
        text = dossier_record_get_text_in (record, fields[i].field, code, TRUE, NULL, NULL);

      if (multiline (&fields[i], self->record_type))
        {
          GtkWidget *row = text_row (field_label (&fields[i]), text, &widget);

          g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                                    G_CALLBACK (emit_changed), self);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (lang->expander), row);
        }
      else
        {
          widget = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), field_label (&fields[i]));
          gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
          g_signal_connect_swapped (widget, "changed", G_CALLBACK (emit_changed), self);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (lang->expander), widget);
        }
      g_ptr_array_add (lang->fields, widget);
    }

  /* whether the texts of this language were translated by the file's author */
  {
    g_autofree char *marked = NULL;

    for (guint i = 0; i < n && (marked == NULL || *marked == '\0'); i++)
      {
        g_clear_pointer (&marked, g_free);
        if (fields[i].list)
          {
            g_auto(GStrv) list = dossier_record_get_strv_in (record, fields[i].field, code, TRUE, NULL, &marked);
          }
        else
          {
            g_autofree char *text = dossier_record_get_text_in (record, fields[i].field, code, TRUE, NULL, &marked);
          }
      }
    if (marked && *marked)
      {
        g_autofree char *from_name = dossier_language_name (marked);
        /* Translators: %s is a language, such as “English” */
        g_autofree char *subtitle = g_strdup_printf (_("Translated from %s by the campaign’s author"), from_name);

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (lang->expander), subtitle);
      }
  }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: %s is a language, such as “Russian” */
  remove_label = g_strdup_printf (_("Remove the Texts in %s"), name);
  gtk_widget_set_tooltip_text (remove, remove_label);
  dossier_accessible_name (remove, remove_label);
  g_object_set_data (G_OBJECT (remove), "expander", lang->expander);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (lang->expander), remove);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), lang->expander);
  g_ptr_array_add (self->languages, lang);
  return lang;
}

static void
on_add_apply_cb (AdwEntryRow *row,
                 gpointer     user_data)
{
  DossierTranslationsEditor *self = user_data;
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *problem = NULL;

  /* what is wrong is said by the form, under this row */
  if (dossier_translations_editor_add_language (self, code, &problem))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_free (self->add_problem);
  self->add_problem = g_steal_pointer (&problem);
  emit_changed (self);
}

static void
on_add_changed_cb (AdwEntryRow *row,
                   gpointer     user_data)
{
  DossierTranslationsEditor *self = user_data;

  if (self->add_problem == NULL)
    return;
  g_clear_pointer (&self->add_problem, g_free);
  emit_changed (self);
}

static void
dossier_translations_editor_finalize (GObject *object)
{
  DossierTranslationsEditor *self = DOSSIER_TRANSLATIONS_EDITOR (object);

  g_free (self->json);
  g_free (self->add_problem);
  g_ptr_array_unref (self->languages);
  g_ptr_array_unref (self->removed);

  G_OBJECT_CLASS (dossier_translations_editor_parent_class)->finalize (object);
}

static void
dossier_translations_editor_class_init (DossierTranslationsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_translations_editor_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dossier_translations_editor_init (DossierTranslationsEditor *self)
{
  self->languages = g_ptr_array_new_with_free_func ((GDestroyNotify) language_free);
  self->removed = g_ptr_array_new_with_free_func (g_free);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Other Languages"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The same texts in other languages, for pages and letters in them"));
}

/**
 * dossier_translations_editor_new:
 * @record_type: a kind of record with texts that can be translated
 * @json: (nullable): the record's "translations"
 */
GtkWidget *
dossier_translations_editor_new (GType       record_type,
                                 const char *json)
{
  DossierTranslationsEditor *self = g_object_new (DOSSIER_TYPE_TRANSLATIONS_EDITOR, NULL);
  g_autoptr(DossierRecord) record = g_object_new (record_type, NULL);
  g_auto(GStrv) codes = NULL;

  self->record_type = record_type;
  self->json = g_strdup (json);
  dossier_record_set_string (record, "translations", json);
  codes = dossier_translations_languages (record);
  for (guint i = 0; codes[i]; i++)
    add_language_rows (self, codes[i], record);

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 /* Translators: “kk” is an example of a language code; keep it */
                                 _("Add a language by its code, such as kk"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  dossier_form_limit_text (GTK_WIDGET (self->add_row), 35);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add_apply_cb), self);
  g_signal_connect (self->add_row, "changed", G_CALLBACK (on_add_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  return GTK_WIDGET (self);
}

/**
 * dossier_translations_editor_add_language:
 * @problem: (out) (optional): why not
 *
 * Adds fields for @code, opened, with the focus in the first.
 */
gboolean
dossier_translations_editor_add_language (DossierTranslationsEditor  *self,
                                          const char                 *code,
                                          char                      **problem)
{
  g_autoptr(DossierRecord) record = NULL;
  Language *lang;

  g_return_val_if_fail (DOSSIER_IS_TRANSLATIONS_EDITOR (self), FALSE);

  if (!dossier_language_code_is_valid (code))
    {
      if (problem)
        /* Translators: %s is what the user typed; “kk” and “pt-BR” are codes: keep them */
        *problem = g_strdup_printf (_("“%s” is not a language code: write one such as kk or pt-BR."), code);
      return FALSE;
    }
  for (guint i = 0; i < self->languages->len; i++)
    if (g_str_equal (((Language *) self->languages->pdata[i])->code, code))
      {
        if (problem)
          {
            g_autofree char *name = dossier_language_name (code);

            /* Translators: %s is a language, such as “Russian” */
            *problem = g_strdup_printf (_("The texts in %s are here already."), name);
          }
        return FALSE;
      }
  record = g_object_new (self->record_type, NULL);
  lang = add_language_rows (self, code, record);
  /* the add row stays last */
  g_object_ref (self->add_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  g_object_unref (self->add_row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (lang->expander), TRUE);
  if (lang->fields->len)
    gtk_widget_grab_focus (lang->fields->pdata[0]);
  for (guint i = 0; self->removed->len && i < self->removed->len; i++)
    if (g_str_equal (self->removed->pdata[i], code))
      g_ptr_array_remove_index (self->removed, i--);
  return TRUE;
}

/* For tests: types @text into the field of @member of @code. */
void
dossier_translations_editor_set_text (DossierTranslationsEditor *self,
                                      const char                *code,
                                      const char                *member,
                                      const char                *text)
{
  guint n;
  const DossierTranslatable *fields = dossier_translatable_fields (self->record_type, &n);

  for (guint i = 0; i < self->languages->len; i++)
    {
      Language *lang = self->languages->pdata[i];

      if (!g_str_equal (lang->code, code))
        continue;
      for (guint f = 0; f < n; f++)
        if (g_str_equal (fields[f].member, member))
          {
            GtkWidget *widget = lang->fields->pdata[f];

            if (GTK_IS_TEXT_VIEW (widget))
              gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
            else
              gtk_editable_set_text (GTK_EDITABLE (widget), text);
          }
    }
}

static GStrv
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i]; i++)
    if (!dossier_text_is_blank (g_strstrip (lines[i])))
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

/**
 * dossier_translations_editor_get_json:
 *
 * Returns: (transfer full) (nullable): the translations as the form has
 *   them, for the record's "translations"; NULL when there are none.
 */
char *
dossier_translations_editor_get_json (DossierTranslationsEditor *self)
{
  guint n;
  const DossierTranslatable *fields = dossier_translatable_fields (self->record_type, &n);
  char *json = g_strdup (self->json);

  for (guint r = 0; r < self->removed->len; r++)
    {
      char *next = dossier_translations_without (json, self->removed->pdata[r]);

      g_free (json);
      json = next;
    }
  for (guint i = 0; i < self->languages->len; i++)
    {
      Language *lang = self->languages->pdata[i];

      for (guint f = 0; f < n; f++)
        {
          g_autofree char *text = field_text (lang->fields->pdata[f]);
          char *next;

          if (fields[f].list)
            {
              g_auto(GStrv) lines = split_lines (text);

              next = dossier_translations_with_strv (json, lang->code, fields[f].member, (const char * const *) lines);
            }
          else
            next = dossier_translations_with_text (json, lang->code, fields[f].member, g_strstrip (text));
          g_free (json);
          json = next;
        }
    }
  return json;
}

/**
 * dossier_translations_editor_get_problem:
 * @field: (out) (optional): the field it is about, for the form to mark
 *   (dossier_form_show_problem()): the row that adds a language, or a
 *   language's field
 *
 * Returns: (transfer full) (nullable): what is wrong with the texts, said
 *   with the language and the field, or NULL.
 */
char *
dossier_translations_editor_get_problem (DossierTranslationsEditor  *self,
                                         GtkWidget                 **field)
{
  DossierRecordClass *klass;
  guint n;
  const DossierTranslatable *fields = dossier_translatable_fields (self->record_type, &n);
  char *problem = NULL;

  if (self->add_problem)
    return dossier_form_problem (field, self->add_row, g_strdup (self->add_problem));
  klass = g_type_class_ref (self->record_type);
  for (guint i = 0; i < self->languages->len && problem == NULL; i++)
    {
      Language *lang = self->languages->pdata[i];
      g_autofree char *language = dossier_language_name (lang->code);

      for (guint f = 0; f < n && problem == NULL; f++)
        {
          const DossierField *record_field = dossier_record_class_find_field (klass, fields[f].field);
          g_autofree char *text = field_text (lang->fields->pdata[f]);
          /* Translators: names a field of a form in one language: “Salutation (Russian)” */
          g_autofree char *name = g_strdup_printf (C_("field in a language", "%s (%s)"), field_label (&fields[f]), language);
          g_autoptr(GError) error = NULL;

          if (fields[f].list)
            {
              g_auto(GStrv) lines = split_lines (text);

              for (guint l = 0; lines[l] && problem == NULL; l++)
                if (!dossier_text_check (lines[l], name, dossier_field_is_multiline (record_field),
                                         dossier_field_max_length (record_field), &error))
                  problem = dossier_form_problem (field, lang->fields->pdata[f], g_strdup (error->message));
            }
          else if (!dossier_text_check (text, name, dossier_field_is_multiline (record_field),
                                        dossier_field_max_length (record_field), &error))
            problem = dossier_form_problem (field, lang->fields->pdata[f], g_strdup (error->message));
        }
    }
  g_type_class_unref (klass);
  return problem;
}
