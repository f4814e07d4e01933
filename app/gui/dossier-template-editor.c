/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-detail-page.h"
#include "dossier-letter.h"
#include "dossier-template-editor.h"

/* Edits the letter template of one language. A template that uses a
 * field that does not exist is not saved: the message names the field. */

struct _DossierTemplateEditor
{
  AdwWindow     parent_instance;

  GtkTextView  *view;
  GtkLabel     *problem;
  GtkButton    *save_button;
  GtkButton    *reset_button;
  char         *templates_dir;
  char         *language;
  gboolean      load_failed;  /* the user's file could not be read: never overwrite it */
};

G_DEFINE_FINAL_TYPE (DossierTemplateEditor, dossier_template_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
check (DossierTemplateEditor *self)
{
  g_autofree char *text = dossier_text_view_get_text (self->view);
  g_autoptr(GError) error = NULL;
  gboolean ok = dossier_letter_check_template (text, &error);

  if (self->load_failed)
    return;
  gtk_label_set_text (self->problem, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), !ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), ok);
}

static void
on_save_clicked_cb (DossierTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_template_editor_save (self, &error))
    {
      gtk_label_set_text (self->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Back to the shipped template: the user's file goes, so that a newer
 * Dossier's template is used from then on. */
static void
on_reset_clicked_cb (DossierTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_letter_reset_template (self->templates_dir, self->language, &error))
    {
      gtk_label_set_text (self->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dossier_template_editor_finalize (GObject *object)
{
  DossierTemplateEditor *self = DOSSIER_TEMPLATE_EDITOR (object);

  g_free (self->templates_dir);
  g_free (self->language);
  G_OBJECT_CLASS (dossier_template_editor_parent_class)->finalize (object);
}

static void
dossier_template_editor_class_init (DossierTemplateEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_template_editor_finalize;

  /**
   * DossierTemplateEditor::saved:
   *
   * The template was checked and written.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_template_editor_init (DossierTemplateEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 360);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (box), header);

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->view, TRUE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->view, 12);
  gtk_text_view_set_bottom_margin (self->view, 12);
  gtk_text_view_set_left_margin (self->view, 12);
  gtk_text_view_set_right_margin (self->view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_widget_set_margin_start (bottom, 12);
  gtk_widget_set_margin_end (bottom, 12);
  gtk_widget_set_margin_top (bottom, 6);
  gtk_widget_set_margin_bottom (bottom, 12);
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->problem));
  {
    GtkWidget *hint = gtk_label_new (_("{{field}} puts a fact into the letter; {{#field}}…{{/field}} keeps "
                                       "what is between only when the fact is known. The first line may "
                                       "be “Subject: …”. The composer lists the fields."));

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_add_css_class (hint, "secondary-text");
    gtk_widget_add_css_class (hint, "caption");
    gtk_box_append (GTK_BOX (bottom), hint);
  }
  self->reset_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Restore the Shipped Template")));
  gtk_widget_set_halign (GTK_WIDGET (self->reset_button), GTK_ALIGN_START);
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (on_reset_clicked_cb), self);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->reset_button));
  gtk_box_append (GTK_BOX (box), bottom);

  adw_window_set_content (ADW_WINDOW (self), box);
}

DossierTemplateEditor *
dossier_template_editor_new (GtkWindow  *parent,
                             const char *templates_dir,
                             const char *language)
{
  DossierTemplateEditor *self = g_object_new (DOSSIER_TYPE_TEMPLATE_EDITOR, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  self->templates_dir = g_strdup (templates_dir);
  self->language = g_strdup (language);
  /* Translators: %s is a language code such as ru */
  title = g_strdup_printf (_("Letter Template (%s)"), language);
  gtk_window_set_title (GTK_WINDOW (self), title);
  text = dossier_letter_load_template (templates_dir, language, NULL, &error);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text ? text : "", -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "changed", G_CALLBACK (check), self, G_CONNECT_SWAPPED);
  check (self);
  if (error)
    {
      self->load_failed = TRUE;
      gtk_label_set_text (self->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
    }
  return self;
}

/* Checks and writes the template; a template that does not check is not
 * written, and the error names what is wrong. */
gboolean
dossier_template_editor_save (DossierTemplateEditor  *self,
                              GError                **error)
{
  g_autofree char *text = dossier_text_view_get_text (self->view);

  return dossier_letter_save_template (self->templates_dir, self->language, text, error);
}

GtkTextView *
dossier_template_editor_get_view (DossierTemplateEditor *self)
{
  return self->view;
}
