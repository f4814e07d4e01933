/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-case.h"
#include "dossier-case-chooser.h"
#include "dossier-enums.h"

/* Picks a case: the followed ones to start with, then what a search by
 * name finds (in any script, as the window's search does). ::chosen says
 * which. Made with dossier_case_chooser_new_several(), it picks any number:
 * each row has a check box, the cases picked so far are listed first, a
 * search keeps what was ticked, and Done says them all through
 * ::chosen-several, in the order they were picked. */

#define MAX_RESULTS 50

struct _DossierCaseChooser
{
  AdwWindow       parent_instance;

  GtkListBox     *results;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkButton      *done_button;

  DossierStore   *store;
  GPtrArray      *several;   /* the ids ticked, in order; NULL: one case */
  GHashTable     *names;     /* id → name of those ticked */
};

G_DEFINE_FINAL_TYPE (DossierCaseChooser, dossier_case_chooser, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  CHOSEN_SEVERAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_ticked (DossierCaseChooser *self,
           const char         *id)
{
  return self->several && g_hash_table_contains (self->names, id);
}

static void
on_check_toggled_cb (GtkCheckButton     *check,
                     DossierCaseChooser *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "dossier-case-id");
  const char *name = g_object_get_data (G_OBJECT (check), "dossier-case-name");
  gboolean active = gtk_check_button_get_active (check);

  if (active && !is_ticked (self, id))
    {
      g_ptr_array_add (self->several, g_strdup (id));
      g_hash_table_insert (self->names, g_strdup (id), g_strdup (name));
    }
  else if (!active && is_ticked (self, id))
    {
      for (guint i = 0; i < self->several->len; i++)
        if (g_str_equal (self->several->pdata[i], id))
          g_ptr_array_remove_index (self->several, i--);
      g_hash_table_remove (self->names, id);
    }
}

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
  if (self->several)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_ticked (self, id));
      g_object_set_data_full (G_OBJECT (check), "dossier-case-id", g_strdup (id), g_free);
      g_object_set_data_full (G_OBJECT (check), "dossier-case-name", g_strdup (name), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
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

  /* what is ticked first, so that it can be unticked */
  for (guint i = 0; self->several && i < self->several->len; i++)
    add_result (self, self->several->pdata[i], g_hash_table_lookup (self->names, self->several->pdata[i]), NULL);

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

      if (is_ticked (self, dossier_record_get_id (kase)))
        continue;
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

  /* with check boxes, the row's activation ticks its box (its
   * activatable widget) */
  if (self->several)
    return;
  g_signal_emit (self, signals[CHOSEN], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter picks the first case found (ticks it, when several are picked). */
static void
on_search_activate_cb (DossierCaseChooser *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first == NULL)
    return;
  if (self->several)
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (first));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  else
    on_row_activated_cb (self, first);
}

static void
on_done_clicked_cb (DossierCaseChooser *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; self->several && i < self->several->len; i++)
    g_strv_builder_add (builder, self->several->pdata[i]);
  ids = g_strv_builder_end (builder);
  g_signal_emit (self, signals[CHOSEN_SEVERAL], 0, ids);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dossier_case_chooser_dispose (GObject *object)
{
  DossierCaseChooser *self = DOSSIER_CASE_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_CASE_CHOOSER);
  g_clear_object (&self->store);
  g_clear_pointer (&self->several, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

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
  /**
   * DossierCaseChooser::chosen-several:
   * @case_ids: the cases ticked, in the order they were (%G_TYPE_STRV)
   */
  signals[CHOSEN_SEVERAL] = g_signal_new ("chosen-several", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-case-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, results);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierCaseChooser, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
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

/**
 * dossier_case_chooser_new_several:
 * @case_ids: (nullable): the cases ticked to start with
 *
 * A chooser of any number of cases; Done emits ::chosen-several.
 */
DossierCaseChooser *
dossier_case_chooser_new_several (GtkWindow          *parent,
                                  DossierStore       *store,
                                  const char * const *case_ids)
{
  DossierCaseChooser *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  self = g_object_new (DOSSIER_TYPE_CASE_CHOOSER, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->several = g_ptr_array_new_with_free_func (g_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; case_ids && case_ids[i]; i++)
    {
      g_autoptr(DossierRecord) kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_ids[i], NULL);

      if (kase == NULL || is_ticked (self, case_ids[i]))
        continue;
      g_ptr_array_add (self->several, g_strdup (case_ids[i]));
      g_hash_table_insert (self->names, g_strdup (case_ids[i]), g_strdup (dossier_record_get_string (kase, "name")));
    }
  gtk_window_set_title (GTK_WINDOW (self), _("Cases of This Urgent Action"));
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), TRUE);
  show_followed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
