/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-accessible.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-feed-item.h"
#include "dossier-search-hit.h"
#include "dossier-search-view.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* The results of a search, as the user types: one query over the store's
 * index per keystroke, the hits grouped by kind under a heading each. A
 * hit with a page opens it through the window's win.open-record; the
 * search entry is the window's. */

struct _DossierSearchView
{
  GtkWidget     parent_instance;

  GtkListBox   *results_list;
  GtkStack     *stack;

  DossierStore *store;
};

G_DEFINE_FINAL_TYPE (DossierSearchView, dossier_search_view, GTK_TYPE_WIDGET)

static const char *
kind_heading (GType kind)
{
  if (kind == DOSSIER_TYPE_CASE)
    return C_("search results", "Cases");
  if (kind == DOSSIER_TYPE_URGENT_ACTION)
    return C_("search results", "Urgent Actions");
  if (kind == DOSSIER_TYPE_TARGET)
    return C_("search results", "Targets");
  if (kind == DOSSIER_TYPE_CASE_EVENT)
    return C_("search results", "Case Events");
  return C_("search results", "Updates");
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  DossierSearchHit *hit = g_object_get_data (G_OBJECT (row), "dossier-hit");
  DossierSearchHit *previous = before ? g_object_get_data (G_OBJECT (before), "dossier-hit") : NULL;
  GtkWidget *label;

  if (hit == NULL)
    return;
  if (previous && dossier_search_hit_get_kind (previous) == dossier_search_hit_get_kind (hit))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (kind_heading (dossier_search_hit_get_kind (hit)));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "search-heading");
  gtk_list_box_row_set_header (row, label);
}

static void
on_row_activated_cb (DossierSearchView *self,
                     GtkListBoxRow     *row)
{
  /* opening a record closes the search, and the row with it */
  g_autoptr(DossierSearchHit) hit = g_object_ref (g_object_get_data (G_OBJECT (row), "dossier-hit"));
  GType kind = dossier_search_hit_get_kind (hit);
  const char *id = dossier_search_hit_get_id (hit);
  g_autoptr(DossierRecord) event = NULL;

  /* an event is shown on its case's timeline */
  if (kind == DOSSIER_TYPE_CASE_EVENT)
    {
      event = dossier_store_fetch (self->store, DOSSIER_TYPE_CASE_EVENT, id, NULL);
      if (event == NULL)
        return;
      kind = DOSSIER_TYPE_CASE;
      id = dossier_record_get_string (event, "case-id");
    }
  if (kind != DOSSIER_TYPE_CASE && kind != DOSSIER_TYPE_URGENT_ACTION && kind != DOSSIER_TYPE_FEED_ITEM)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", g_type_name (kind), id);
}

static void
dossier_search_view_dispose (GObject *object)
{
  DossierSearchView *self = DOSSIER_SEARCH_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_SEARCH_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_search_view_parent_class)->dispose (object);
}

static void
dossier_search_view_class_init (DossierSearchViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_search_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-search-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierSearchView, results_list);
  gtk_widget_class_bind_template_child (widget_class, DossierSearchView, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_search_view_init (DossierSearchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->results_list, header_func, NULL, NULL);
  /* Translators: how a screen reader names the list of what a search found */
  dossier_accessible_name (GTK_WIDGET (self->results_list), C_("accessible", "Search Results"));
}

void
dossier_search_view_set_store (DossierSearchView *self,
                               DossierStore      *store)
{
  g_return_if_fail (DOSSIER_IS_SEARCH_VIEW (self));

  g_set_object (&self->store, store);
}

void
dossier_search_view_clear (DossierSearchView *self)
{
  GtkListBoxRow *old;

  g_return_if_fail (DOSSIER_IS_SEARCH_VIEW (self));

  /* rows only: a list box's children also include the rows' headers */
  while ((old = gtk_list_box_get_row_at_index (self->results_list, 0)))
    gtk_list_box_remove (self->results_list, GTK_WIDGET (old));
}

/**
 * dossier_search_view_search:
 *
 * Shows what @text finds, or a page that says nothing was found.
 *
 * Returns: %FALSE if the store could not be searched
 */
gboolean
dossier_search_view_search (DossierSearchView  *self,
                            const char         *text,
                            GError            **error)
{
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (DOSSIER_IS_SEARCH_VIEW (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_STORE (self->store), FALSE);

  gint64 start = g_get_monotonic_time (), searched;

  dossier_search_view_clear (self);
  hits = dossier_store_search (self->store, text, 8, error);
  if (hits == NULL)
    return FALSE;
  searched = g_get_monotonic_time ();
  for (guint i = 0; i < hits->len; i++)
    {
      DossierSearchHit *hit = hits->pdata[i];
      GType kind = dossier_search_hit_get_kind (hit);
      const char *subtitle = dossier_search_hit_get_subtitle (hit);
      /* the index keeps an event's and an update's date as "YYYY-MM-DD",
       * whatever the language: it is written in the window's here */
      g_autofree char *date = (kind == DOSSIER_TYPE_CASE_EVENT || kind == DOSSIER_TYPE_FEED_ITEM) &&
                              dossier_date_is_valid (subtitle) ? dossier_format_date (subtitle) : NULL;
      GtkWidget *row = dossier_detail_text_row (dossier_search_hit_get_title (hit), date ? date : subtitle);
      gboolean opens = kind == DOSSIER_TYPE_CASE || kind == DOSSIER_TYPE_URGENT_ACTION ||
                       kind == DOSSIER_TYPE_CASE_EVENT || kind == DOSSIER_TYPE_FEED_ITEM;

      g_object_set_data_full (G_OBJECT (row), "dossier-hit", g_object_ref (hit), g_object_unref);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), opens);
      if (opens)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->results_list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "results" : "empty");
  g_debug ("Search for “%s”: %u hits, searched in %.1f ms, rows made in %.1f ms", text, hits->len,
           (searched - start) / 1000.0, (g_get_monotonic_time () - searched) / 1000.0);
  return TRUE;
}

/* Enter opens the first result that has a page. */
/**
 * dossier_search_view_focus_first:
 *
 * Moves the focus to the first result that opens (Down from the search
 * entry). Returns: %FALSE when there is none.
 */
gboolean
dossier_search_view_focus_first (DossierSearchView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DOSSIER_IS_SEARCH_VIEW (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results_list, i)); i++)
    if (gtk_list_box_row_get_activatable (row))
      return gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

gboolean
dossier_search_view_activate_first (DossierSearchView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DOSSIER_IS_SEARCH_VIEW (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->results_list, i)); i++)
    if (gtk_list_box_row_get_activatable (row))
      {
        on_row_activated_cb (self, row);
        return TRUE;
      }
  return FALSE;
}
