/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-case-chooser.h"
#include "dossier-enums.h"

/* Picks a case: the followed ones to start with, then what a search by
 * name finds (in any script, as the window's search does). ::chosen says
 * which. */

#define MAX_RESULTS 50

struct _DossierCaseChooser
{
  AdwWindow       parent_instance;

  GtkListBox     *results;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;

  DossierStore   *store;
};

G_DEFINE_FINAL_TYPE (DossierCaseChooser, dossier_case_chooser, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_result (DossierCaseChooser *self,
            const char         *id,
            const char         *name,
            const char         *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* names from the store are text, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "dossier-case-id", g_strdup (id), g_free);
  gtk_list_box_append (self->results, row);
}

static void
clear_results (DossierCaseChooser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

static void
show_followed (DossierCaseChooser *self)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GPtrArray) cases = NULL;

  dossier_query_filter_int (query, "followed", DOSSIER_QUERY_EQ, 1);
  dossier_query_sort (query, "name", FALSE);
  cases = dossier_store_query (self->store, query, 0, MAX_RESULTS, NULL);
  if (cases && cases->len == 0)
    {
      /* none followed: the first cases by name, until a search narrows them */
      g_autoptr(DossierQuery) all = dossier_query_new (DOSSIER_TYPE_CASE);

      g_clear_pointer (&cases, g_ptr_array_unref);
      dossier_query_sort (all, "name", FALSE);
      cases = dossier_store_query (self->store, all, 0, MAX_RESULTS, NULL);
    }
  for (guint i = 0; cases && i < cases->len; i++)
    {
      DossierRecord *kase = cases->pdata[i];

      add_result (self, dossier_record_get_id (kase), dossier_record_get_string (kase, "name"),
                  dossier_enum_label (DOSSIER_ENUM_CASE_STATUS, dossier_record_get_string (kase, "status")));
    }
}

static void
on_search_changed_cb (DossierCaseChooser *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GPtrArray) hits = NULL;
  gboolean any;

  clear_results (self);
  if (*text == '\0')
    show_followed (self);
  else if ((hits = dossier_store_search (self->store, text, MAX_RESULTS, NULL)) != NULL)
    for (guint i = 0; i < hits->len; i++)
      {
        DossierSearchHit *hit = hits->pdata[i];

        if (dossier_search_hit_get_kind (hit) == DOSSIER_TYPE_CASE)
          add_result (self, dossier_search_hit_get_id (hit), dossier_search_hit_get_title (hit),
                      dossier_search_hit_get_subtitle (hit));
      }
  any = gtk_widget_get_first_child (GTK_WIDGET (self->results)) != NULL;
  gtk_stack_set_visible_child_name (self->stack, any || *text == '\0' ? "results" : "none");
}

static void
on_row_activated_cb (DossierCaseChooser *self,
                     GtkListBoxRow      *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "dossier-case-id");

  g_signal_emit (self, signals[CHOSEN], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter picks the first case found. */
static void
on_search_activate_cb (DossierCaseChooser *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first)
    on_row_activated_cb (self, first);
}

static void
dossier_case_chooser_dispose (GObject *object)
{
  DossierCaseChooser *self = DOSSIER_CASE_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CASE_CHOOSER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_case_chooser_parent_class)->dispose (object);
}

static void
dossier_case_chooser_class_init (DossierCaseChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_case_chooser_dispose;

  /**
   * DossierCaseChooser::chosen:
   * @case_id: the case picked
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-case-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, results);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_case_chooser_init (DossierCaseChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DossierCaseChooser *
dossier_case_chooser_new (GtkWindow    *parent,
                          DossierStore *store)
{
  DossierCaseChooser *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  self = g_object_new (DOSSIER_TYPE_CASE_CHOOSER, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  show_followed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
