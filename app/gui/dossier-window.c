/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-accessible.h"
#include "dossier-action.h"
#include "dossier-action-page.h"
#include "dossier-actions-section.h"
#include "dossier-case.h"
#include "dossier-cases-section.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feed-pages.h"
#include "dossier-feeds-section.h"
#include "dossier-my-actions-section.h"
#include "dossier-progress-section.h"
#include "dossier-record-pages.h"
#include "dossier-updates-section.h"
#include "dossier-urgent-action.h"
#include "dossier-window-private.h"

/* The window: a sidebar of sections, a stack of them, the pages of records
 * opened over them, search, and the actions that span the sections
 * (dossier-window-actions.c). Each section is a class of its own, seen
 * here only as a DossierSectionPage; what can be done with a record shown
 * is its page's (dossier-record-actions.c). */

G_DEFINE_FINAL_TYPE (DossierWindow, dossier_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Opening the store shows a page only when it takes this long: a quick
 * start shows no flash of it. */
#define OPENING_SHOWN_AFTER_MS 300

/* The sections, in the sidebar's order (Alt+1 … Alt+6). */
static GType (* const section_types[]) (void) = {
  dossier_actions_section_get_type,
  dossier_cases_section_get_type,
  dossier_updates_section_get_type,
  dossier_my_actions_section_get_type,
  dossier_progress_section_get_type,
  dossier_feeds_section_get_type,
};

/* The actions on the record shown are its page's, as page.<name>; the
 * header's buttons, the forms and other callers reach them as win.<name>. */
static const struct {
  const char *name;
  const char *parameter_type;
} page_actions[] = {
  { "win.edit-record", NULL },
  { "win.delete-record", NULL },
  { "win.forget-case", NULL },
  { "win.new-event", NULL },
  { "win.edit-event", "s" },
  { "win.delete-event", "s" },
  { "win.edit-target", "s" },
  { "win.delete-target", "s" },
};

static DossierSectionPage *
visible_section (DossierWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->section_stack);

  return child ? DOSSIER_SECTION_PAGE (child) : NULL;
}

static DossierDetailPage *
current_page (DossierWindow *self)
{
  return self->pages->len > 0 ? g_ptr_array_index (self->pages, self->pages->len - 1) : NULL;
}

DossierRecord *
dossier_window_get_shown_record (DossierWindow *self)
{
  DossierDetailPage *page = current_page (self);

  return page ? dossier_detail_page_get_record (page) : NULL;
}

static void
update_title (DossierWindow *self)
{
  DossierSectionPage *section = visible_section (self);
  g_autofree char *count = NULL;

  if (section == NULL)
    return;
  count = dossier_section_page_dup_count_text (section);
  adw_window_title_set_title (self->content_title, dossier_section_page_get_title (section));
  adw_window_title_set_subtitle (self->content_title, count ? count : "");
}

static void
update_header (DossierWindow *self)
{
  DossierSectionPage *section = visible_section (self);
  DossierRecord *record = dossier_window_get_shown_record (self);
  GHashTableIter iter;
  gpointer key, button;

  g_hash_table_iter_init (&iter, self->add_buttons);
  while (g_hash_table_iter_next (&iter, &key, &button))
    gtk_widget_set_visible (button, key == section && record == NULL && self->store != NULL);
  /* an update is the feed's: nothing to edit or delete that would last */
  {
    gboolean editable = record != NULL && !DOSSIER_IS_FEED_ITEM (record);
    gboolean folded = adw_leaflet_get_folded (self->leaflet);
    g_autoptr(GMenu) menu = g_menu_new ();

    gtk_widget_set_visible (GTK_WIDGET (self->edit_button), editable && !folded);
    gtk_widget_set_visible (GTK_WIDGET (self->add_event_button), DOSSIER_IS_CASE (record) && !folded);
    gtk_widget_set_visible (GTK_WIDGET (self->delete_button), editable && !folded);
    /* narrow: the same three in one menu, the title keeps its room */
    if (editable && folded)
      {
        g_menu_append (menu, _("_Edit"), "win.edit-record");
        if (DOSSIER_IS_CASE (record))
          g_menu_append (menu, _("_Add Event"), "win.new-event");
        g_menu_append (menu, _("_Delete"), "win.delete-record");
        gtk_menu_button_set_menu_model (self->page_menu_button, G_MENU_MODEL (menu));
      }
    gtk_widget_set_visible (GTK_WIDGET (self->page_menu_button), editable && folded);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), record != NULL || adw_leaflet_get_folded (self->leaflet));
  if (record)
    {
      const char *title = C_("page title", "Urgent Action");

      if (DOSSIER_IS_CASE (record))
        title = C_("page title", "Case");
      else if (DOSSIER_IS_FEED (record))
        title = C_("page title", "Feed");
      else if (DOSSIER_IS_FEED_ITEM (record))
        title = C_("page title", "Update");
      else if (DOSSIER_IS_ACTION (record))
        /* Translators: the title of the page of one logged action (a
         * letter sent, a call made) */
        title = C_("page title", "Logged Action");
      adw_window_title_set_title (self->content_title, title);
      adw_window_title_set_subtitle (self->content_title, "");
    }
  else
    update_title (self);
}

static void
on_count_changed_cb (DossierWindow      *self,
                     DossierSectionPage *section)
{
  /* the header shows a page's title, or the search's, over the sections */
  if (section == visible_section (self) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "sections") == 0)
    update_title (self);
}

static void
on_folded_changed_cb (DossierWindow *self)
{
  /* the whole of what search looks in, where there is room for it */
  g_object_set (self->search_entry, "placeholder-text",
                adw_leaflet_get_folded (self->leaflet) ? C_("search placeholder", "Search")
                                                       : _("Search cases, actions, targets and updates"),
                NULL);
  if (self->settings == NULL)
    return;  /* still being built */
  update_header (self);
}

static void
on_add_clicked_cb (DossierSectionPage *section)
{
  gtk_widget_activate_action (GTK_WIDGET (section), dossier_section_page_get_header_action (section), NULL);
}

/* The button in the header that activates @section's header action while
 * it is shown, such as New Case on Cases. */
static void
add_header_button (DossierWindow      *self,
                   DossierSectionPage *section)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, dossier_section_page_get_header_tooltip (section));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_add_clicked_cb), section, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (self->content_header, button);
  g_hash_table_insert (self->add_buttons, section, button);
}

static GtkWidget *
sidebar_row_new (DossierSectionPage *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (dossier_section_page_get_title (section));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (dossier_section_page_get_icon_name (section)));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, dossier_section_page_get_id (section));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dossier_section_page_get_title (section),
                                  -1);
  return row;
}

/* The number of unread updates beside Updates in the sidebar: one row of
 * the store's tallies read, at each change of the updates. */
static void
update_unread_badge (DossierWindow *self)
{
  g_autoptr(DossierQuery) unread = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  gint64 n;

  if (self->unread_badge == NULL || self->store == NULL)
    return;
  dossier_query_filter_int (unread, "read", DOSSIER_QUERY_EQ, 0);
  n = dossier_store_count (self->store, unread, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_badge), n > 0);
  if (n <= 0)
    return;
  text = g_strdup_printf ("%'lld", (long long) n);
  gtk_label_set_text (self->unread_badge, text);
  /* Translators: read out for the sidebar's Updates; %lld counts unread updates */
  description = g_strdup_printf (ngettext ("%lld unread update", "%lld unread updates", (gulong) n), (long long) n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unread_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
on_store_changed_cb (DossierWindow *self,
                     GType          kind)
{
  if (kind == DOSSIER_TYPE_FEED_ITEM || kind == DOSSIER_TYPE_FEED)
    update_unread_badge (self);
}

static void
build_sections (DossierWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_types); i++)
    {
      DossierSectionPage *section = g_object_new (section_types[i] (), NULL);

      if (self->store)
        dossier_section_page_set_store (section, self->store);
      g_signal_connect_object (section, "count-changed", G_CALLBACK (on_count_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->section_stack, GTK_WIDGET (section), dossier_section_page_get_id (section));
      {
        /* the list is named after its section, for a screen reader */
        DossierSection *list = dossier_window_get_section_widget (self, dossier_section_page_get_id (section));

        if (list)
          dossier_accessible_name (dossier_section_get_list_view (list), dossier_section_page_get_title (section));
      }
      GtkWidget *row = sidebar_row_new (section);

      gtk_list_box_append (self->sidebar_list, row);
      if (g_str_equal (dossier_section_page_get_id (section), "updates"))
        {
          GtkWidget *badge = gtk_label_new (NULL);

          gtk_widget_add_css_class (badge, "unread-count");
          gtk_widget_set_visible (badge, FALSE);
          gtk_widget_set_hexpand (badge, TRUE);
          gtk_widget_set_halign (badge, GTK_ALIGN_END);
          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), badge);
          self->unread_badge = GTK_LABEL (badge);
        }
      if (dossier_section_page_get_header_action (section))
        add_header_button (self, section);
    }
}

/* ---- focus ----
 *
 * A page opened puts the focus on its first control (not on the selectable
 * title over it); Back returns it to where it was before the page opened;
 * a page rebuilt after a change keeps its focus and scroll position. */

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
remember_return_focus (GtkWidget *page,
                       GtkWidget *focus)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, focus);
  g_object_set_data_full (G_OBJECT (page), "dossier-return-focus", ref, free_weak_ref);
}

/* The first focusable thing in @widget that is a control: selectable text
 * (a page's title, a value to copy) is passed over. */
static gboolean
focus_first_control (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL)
    return FALSE;
  gtk_root_set_focus (root, NULL);
  for (guint i = 0; i < 16; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD))
        return FALSE;
      focus = gtk_root_get_focus (root);
      if (!GTK_IS_LABEL (focus) && !GTK_IS_TEXT_VIEW (focus))
        return TRUE;
      /* a label given the focus selects its text: not left so */
      if (GTK_IS_LABEL (focus))
        gtk_label_select_region (GTK_LABEL (focus), 0, 0);
    }
  return FALSE;
}

/* A section's first control is its list, where it has rows. */
static void focus_section (DossierWindow *self);
static gboolean on_focus_section_cb (gpointer data);

/**
 * dossier_window_focus_content:
 *
 * Puts the focus on the first control of what is shown (the page on top,
 * or the section's list) when it is nowhere a person can see: after an
 * import replaced the empty state that had it, say.
 */
void
dossier_window_focus_content (DossierWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (focus && gtk_widget_get_mapped (focus) && !GTK_IS_SCROLLED_WINDOW (focus) && !GTK_IS_VIEWPORT (focus))
    return;
  if (self->pages->len > 0)
    focus_first_control (GTK_WIDGET (current_page (self)));
  else
    focus_section (self);
}

static void
focus_section (DossierWindow *self)
{
  GtkWidget *section = gtk_stack_get_visible_child (self->section_stack);
  DossierSection *list = DOSSIER_IS_SECTION_PAGE (section)
                         ? dossier_window_get_section_widget (self, dossier_section_page_get_id (DOSSIER_SECTION_PAGE (section)))
                         : NULL;

  if (list && !dossier_section_is_empty (list))
    {
      GtkWidget *view = dossier_section_get_list_view (list);

      /* onto a row, not the list around the rows */
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      if (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD) || gtk_widget_grab_focus (view))
        return;
    }
  if (section)
    focus_first_control (section);
}

/* The widget that stands for @focus among the page's named controls
 * ("focus:write:TARGET-ID"), so that a rebuilt page finds it again. */
static const char *
focus_key (GtkWidget *focus,
           GtkWidget *page)
{
  for (GtkWidget *w = focus; w && w != page; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (gtk_widget_get_name (w), "focus:"))
      return gtk_widget_get_name (w);
  return NULL;
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
              const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_name (child), name))
        return child;
      if ((found = find_by_name (child, name)))
        return found;
    }
  return NULL;
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = find_scrolled (child)))
        return found;
    }
  return NULL;
}

/* The scroll position of a rebuilt page comes back once its content is
 * tall enough to hold it. */
static void
on_adjustment_changed_cb (GtkAdjustment *adjustment,
                          gpointer       data)
{
  double value = *(double *) g_object_get_data (G_OBJECT (adjustment), "dossier-restore-value");

  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) < value)
    return;
  gtk_adjustment_set_value (adjustment, value);
  g_signal_handlers_disconnect_by_func (adjustment, on_adjustment_changed_cb, data);
}

static void
restore_scroll (GtkWidget *page,
                double     value)
{
  GtkScrolledWindow *scrolled = find_scrolled (page);
  GtkAdjustment *adjustment = scrolled ? gtk_scrolled_window_get_vadjustment (scrolled) : NULL;
  double *stored;

  if (adjustment == NULL || value <= 0)
    return;
  stored = g_new (double, 1);
  *stored = value;
  g_object_set_data_full (G_OBJECT (adjustment), "dossier-restore-value", stored, g_free);
  g_signal_connect (adjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), NULL);
  on_adjustment_changed_cb (adjustment, NULL);
}

/* The page on top, or the sections when no page is open. */
static void
show_top (DossierWindow *self)
{
  if (self->pages->len > 0)
    gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (current_page (self)));
  else
    gtk_stack_set_visible_child_name (self->content_stack, "sections");
}

static void
close_pages (DossierWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "sections");
  while (self->pages->len > 0)
    {
      GtkWidget *page = g_ptr_array_steal_index (self->pages, self->pages->len - 1);
      gtk_stack_remove (self->content_stack, page);
    }
  update_header (self);
}

static gboolean
on_focus_section_cb (gpointer data)
{
  DossierWindow *self = data;

  self->focus_section_id = 0;
  if (self->pages->len == 0 && gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    focus_section (self);
  return G_SOURCE_REMOVE;
}

void
dossier_window_pop_page (DossierWindow *self)
{
  GtkWidget *page;
  GWeakRef *ref;
  g_autoptr(GtkWidget) back_to = NULL;

  g_assert (self->pages->len > 0);
  page = g_ptr_array_steal_index (self->pages, self->pages->len - 1);
  ref = g_object_get_data (G_OBJECT (page), "dossier-return-focus");
  back_to = ref ? g_weak_ref_get (ref) : NULL;
  show_top (self);
  gtk_stack_remove (self->content_stack, page);
  update_header (self);
  if (self->reloading)
    return;
  /* back where the user came from: the row or button that opened it */
  if (back_to && gtk_widget_get_root (back_to) == GTK_ROOT (self) && gtk_widget_get_mapped (back_to) &&
      gtk_widget_grab_focus (back_to))
    return;
  if (self->pages->len > 0)
    focus_first_control (GTK_WIDGET (current_page (self)));
  else
    {
      /* the list has its rows again only once it is laid out */
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      g_clear_handle_id (&self->focus_section_id, g_source_remove);
      self->focus_section_id = g_timeout_add_full (G_PRIORITY_LOW, 0, on_focus_section_cb, self, NULL);
    }
}

/* Closes every page open over the sections, and puts the focus back on
 * the section's list. */
void
dossier_window_show_sections (DossierWindow *self)
{
  if (self->pages->len == 0)
    return;
  close_pages (self);
  /* the list has its rows again only once it is laid out */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  g_clear_handle_id (&self->focus_section_id, g_source_remove);
  self->focus_section_id = g_timeout_add_full (G_PRIORITY_LOW, 0, on_focus_section_cb, self, NULL);
}

static void
on_open_record_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *type_name, *id;
  GType kind;
  g_autoptr(DossierRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  DossierDetailPage *page;
  GtkWidget *from = gtk_root_get_focus (GTK_ROOT (self));
  gboolean from_search = FALSE;
  gint64 built_from;

  /* a search result opened closes the search first */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "search") == 0)
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      from_search = TRUE;
      from = NULL;
    }
  g_variant_get (parameter, "(&s&s)", &type_name, &id);
  kind = g_type_from_name (type_name);
  if (self->store == NULL || (kind != DOSSIER_TYPE_URGENT_ACTION && kind != DOSSIER_TYPE_CASE &&
                              kind != DOSSIER_TYPE_FEED && kind != DOSSIER_TYPE_FEED_ITEM &&
                              kind != DOSSIER_TYPE_ACTION))
    return;
  record = dossier_store_fetch (self->store, kind, id, &error);
  if (record == NULL)
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (kind == DOSSIER_TYPE_FEED_ITEM && !dossier_record_get_boolean (record, "read"))
    {
      /* opened is read; a failure to note it is no reason not to show it */
      dossier_record_set_boolean (record, "read", TRUE);
      if (!dossier_store_update (self->store, record, &error))
        g_debug ("Could not mark the update read: %s", error->message);
    }
  built_from = g_get_monotonic_time ();
  if (kind == DOSSIER_TYPE_CASE)
    page = dossier_case_page_new (self->store, record);
  else if (kind == DOSSIER_TYPE_FEED)
    page = dossier_feed_page_new (self->store, record);
  else if (kind == DOSSIER_TYPE_FEED_ITEM)
    page = dossier_feed_item_page_new (self->store, record);
  else if (kind == DOSSIER_TYPE_ACTION)
    page = dossier_action_page_new (self->store, record);
  else
    page = dossier_ua_page_new (self->store, record);
  g_debug ("Page of %s %s built in %.1f ms", type_name, id, (g_get_monotonic_time () - built_from) / 1000.0);
  /* a result found by search opens in its own section, which the sidebar
   * then shows as the current one */
  if (from_search)
    dossier_window_set_section (self, kind == DOSSIER_TYPE_CASE ? "cases"
                                      : kind == DOSSIER_TYPE_FEED ? "feeds"
                                      : kind == DOSSIER_TYPE_FEED_ITEM ? "updates"
                                      : kind == DOSSIER_TYPE_ACTION ? "my-actions"
                                      : "actions");
  if (from && !self->reloading)
    remember_return_focus (GTK_WIDGET (page), from);
  g_ptr_array_add (self->pages, page);
  gtk_stack_add_child (self->content_stack, GTK_WIDGET (page));
  /* its collapsed rows are in the accessible tree too */
  dossier_accessible_mend_tree (GTK_WIDGET (page));
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (page));
  update_header (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (!self->reloading)
    focus_first_control (GTK_WIDGET (page));
}

/* Rebuilds the page on show, after a change it does not follow itself. */
static void
on_reload_page_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  DossierRecord *record = dossier_window_get_shown_record (self);
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;
  const char *type;
  GtkWidget *old_page, *new_page, *focus;
  GtkScrolledWindow *scrolled;
  GWeakRef *ref;
  g_autoptr(GtkWidget) back_to = NULL;
  double scroll = 0;
  gboolean in_page;

  if (record == NULL)
    return;
  id = g_strdup (dossier_record_get_id (record));
  type = G_OBJECT_TYPE_NAME (record);
  /* what the user was at, kept across the rebuild */
  old_page = GTK_WIDGET (current_page (self));
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  in_page = focus == NULL || gtk_widget_is_ancestor (focus, old_page);
  key = g_strdup (focus && in_page ? focus_key (focus, old_page) : NULL);
  focus = NULL;
  if ((scrolled = find_scrolled (old_page)))
    scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled));
  ref = g_object_get_data (G_OBJECT (old_page), "dossier-return-focus");
  back_to = ref ? g_weak_ref_get (ref) : NULL;

  self->reloading = TRUE;
  dossier_window_pop_page (self);
  gtk_widget_activate_action (widget, "win.open-record", "(ss)", type, id);
  self->reloading = FALSE;

  if (self->pages->len == 0 || (new_page = GTK_WIDGET (current_page (self))) == old_page)
    return;
  if (back_to)
    remember_return_focus (new_page, back_to);
  restore_scroll (new_page, scroll);
  if (!in_page)
    return;
  if (key && (focus = find_by_name (new_page, key)) && gtk_widget_grab_focus (focus))
    return;
  focus_first_control (new_page);
}

static void
on_page_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GtkWidget) page = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || self->pages->len == 0)
    return;
  /* the page may close itself: it stays alive until its action returns */
  page = g_object_ref (GTK_WIDGET (current_page (self)));
  name = g_strconcat ("page", strchr (action_name, '.'), NULL);
  gtk_widget_activate_action_variant (page, name, parameter);
}

/* Search, as the user types; the results are the search view's. */
static void
on_search_changed_cb (DossierWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || *text == '\0')
    {
      /* back to what was shown before searching */
      dossier_search_view_clear (self->search_view);
      show_top (self);
      update_header (self);
      return;
    }
  if (!dossier_search_view_search (self->search_view, text, &error))
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "search");
  adw_window_title_set_title (self->content_title, C_("page title", "Search"));
  adw_window_title_set_subtitle (self->content_title, "");
}

static void
on_search_mode_cb (DossierWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed_cb (self);
    }
}

/* Enter opens the first result that has a page. */
static void
on_search_activate_cb (DossierWindow *self)
{
  dossier_search_view_activate_first (self->search_view);
}

static gboolean
on_window_key_cb (DossierWindow         *self,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape || (state & GDK_MODIFIER_MASK) != 0 ||
      gtk_search_bar_get_search_mode (self->search_bar) || self->pages->len == 0)
    return FALSE;
  dossier_window_pop_page (self);
  return TRUE;
}

static gboolean
on_search_key_cb (DossierWindow   *self,
                  guint            keyval,
                  guint            keycode,
                  GdkModifierType  state,
                  GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && (state & GDK_MODIFIER_MASK) == 0)
    return dossier_search_view_focus_first (self->search_view);
  return FALSE;
}

static void
on_search_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_sidebar_row_activated_cb (GtkListBox    *box,
                             GtkListBoxRow *row,
                             DossierWindow *self)
{
  dossier_window_set_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* narrow, the sidebar is gone: the focus goes with the content */
  if (adw_leaflet_get_folded (self->leaflet))
    focus_section (self);
}

static void
on_section_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  dossier_window_set_section (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* Alt+1…6 take the focus to the section's list */
  focus_section (self);
}

static void
on_back_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->pages->len > 0)
    dossier_window_pop_page (self);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_opening_timeout_cb (gpointer data)
{
  DossierWindow *self = data;

  self->opening_timeout_id = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->opening_page), 1.0);
}

static void
dossier_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DossierWindow *self = DOSSIER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, dossier_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
dossier_window_close_request (GtkWindow *window)
{
  DossierWindow *self = DOSSIER_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "section", dossier_window_get_section (self));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (dossier_window_parent_class)->close_request (window);
}

static void
dossier_window_dispose (GObject *object)
{
  DossierWindow *self = DOSSIER_WINDOW (object);

  g_clear_handle_id (&self->opening_timeout_id, g_source_remove);
  g_clear_handle_id (&self->focus_idle_id, g_source_remove);
  g_clear_handle_id (&self->focus_section_id, g_source_remove);
  /* an import going on stops, and changes nothing */
  if (self->import_cancellable)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_toast);
  /* a deletion still offered for Undo is final now */
  dossier_window_end_deletion (self);
  if (self->backup_cancellable)
    g_cancellable_cancel (self->backup_cancellable);
  g_clear_object (&self->backup_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->add_buttons, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, dossier_deletion_free);
  g_clear_object (&self->logged);
  g_clear_object (&self->before);

  G_OBJECT_CLASS (dossier_window_parent_class)->dispose (object);
}

static void
dossier_window_class_init (DossierWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_window_dispose;
  object_class->get_property = dossier_window_get_property;
  window_class->close_request = dossier_window_close_request;

  /**
   * DossierWindow:busy:
   *
   * Whether the window is opening its store or importing a campaign.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DOSSIER_TYPE_SEARCH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, activity_cancel);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, activity_label);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, activity_progress);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, activity_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, add_event_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, page_menu_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, opening_progress);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_view);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.section", "s", on_section_action_cb);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, on_back_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(ss)", on_open_record_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reload-page", NULL, on_reload_page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, on_search_action_cb);
  dossier_window_class_actions_init (widget_class);
  dossier_window_class_export_init (widget_class);
  dossier_window_class_reports_init (widget_class);
  dossier_window_class_backup_init (widget_class);
  dossier_window_class_feeds_init (widget_class);
  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    gtk_widget_class_install_action (widget_class, page_actions[i].name, page_actions[i].parameter_type,
                                     on_page_action_cb);
}

static void
dossier_window_init (DossierWindow *self)
{
  self->add_buttons = g_hash_table_new (NULL, NULL);
  self->pages = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  {
    /* Escape closes the page on top, wherever the focus is in it (rows
     * and expanders would keep it from reaching a binding); a search
     * going on takes its own Escape, a popover is a surface of its own */
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_window_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  {
    /* Down from the search entry goes into the results */
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  dossier_window_actions_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-backup", FALSE);
}

DossierWindow *
dossier_window_new (DossierApplication *application)
{
  DossierWindow *self;
  g_autofree char *section = NULL;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (application), NULL);

  self = g_object_new (DOSSIER_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (dossier_application_get_settings (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  build_sections (self);
  g_signal_connect_object (self->section_stack, "notify::visible-child",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  section = g_settings_get_string (self->settings, "section");
  dossier_window_set_section (self, section);

  /* the store may still be opening (a migration): the window draws from
   * the start, and its content comes when the store does */
  if (dossier_application_get_store (application) || dossier_application_get_store_error (application))
    dossier_window_set_store (self, dossier_application_get_store (application),
                              dossier_application_get_store_error (application));
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.section", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      self->opening_timeout_id = g_timeout_add_once (OPENING_SHOWN_AFTER_MS, on_opening_timeout_cb, self);
    }
  return self;
}

/**
 * dossier_window_set_store:
 * @store: (nullable): the store, now open
 * @error: (nullable): why it could not be opened, when @store is %NULL
 *
 * Gives the window its store: the sections, search and actions read it
 * from now on. Without one, the window says why.
 */
void
dossier_window_set_store (DossierWindow *self,
                          DossierStore  *store,
                          const GError  *error)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (self->store == NULL);

  g_clear_handle_id (&self->opening_timeout_id, g_source_remove);
  if (store == NULL)
    {
      /* the description is markup; the message may hold a path with & or < */
      g_autofree char *escaped = error ? g_markup_escape_text (error->message, -1) : NULL;

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.section", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      return;
    }

  self->store = g_object_ref (store);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->section_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dossier_section_page_set_store (DOSSIER_SECTION_PAGE (child), store);
  dossier_search_view_set_store (self->search_view, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  update_unread_badge (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.section", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  update_header (self);
  dossier_window_notify_busy (self);
}

/**
 * dossier_window_show_opening:
 * @what: (nullable): what opening the store is doing, a sentence
 *
 * Says how far opening the store is (a migration of a large one takes
 * seconds), on the page the window shows until it has its store.
 */
void
dossier_window_show_opening (DossierWindow *self,
                             const char    *what,
                             double         fraction)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  if (what)
    adw_status_page_set_description (self->opening_page, what);
  gtk_progress_bar_set_fraction (self->opening_progress, fraction);
}

/* Whether the window is still opening its store, importing, exporting,
 * backing up or checking a backup to restore. */
gboolean
dossier_window_get_busy (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);

  return (self->store == NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "error") != 0) ||
         self->import_cancellable != NULL || self->export_cancellable != NULL ||
         self->backup_cancellable != NULL;
}

void
dossier_window_notify_busy (DossierWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

const char *
dossier_window_get_section (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->section_stack);
}

/* Shows @section ("actions", "cases", …; the first if there is none such),
 * closing the pages open over the sections. */
void
dossier_window_set_section (DossierWindow *self,
                            const char    *section)
{
  GtkWidget *child;
  GtkListBoxRow *row;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  child = section ? gtk_stack_get_child_by_name (self->section_stack, section) : NULL;
  if (child == NULL)
    child = gtk_widget_get_first_child (GTK_WIDGET (self->section_stack));
  section = dossier_section_page_get_id (DOSSIER_SECTION_PAGE (child));
  close_pages (self);
  gtk_stack_set_visible_child (self->section_stack, child);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)); i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), section))
      gtk_list_box_select_row (self->sidebar_list, row);
  update_header (self);
}

DossierSectionPage *
dossier_window_get_section_page (DossierWindow *self,
                                 const char    *section)
{
  GtkWidget *child;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  child = gtk_stack_get_child_by_name (self->section_stack, section);
  return child ? DOSSIER_SECTION_PAGE (child) : NULL;
}

/* The list a section shows. */
DossierSection *
dossier_window_get_section_widget (DossierWindow *self,
                                   const char    *section)
{
  DossierSectionPage *page;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  page = dossier_window_get_section_page (self, section);
  return page ? dossier_section_page_get_list_section (page) : NULL;
}



/**
 * dossier_window_get_feed_updater:
 *
 * Returns: (transfer none) (nullable): what fetches the feeds of the
 *   window's store: the application's, once the store is open
 */
DossierFeedUpdater *
dossier_window_get_feed_updater (DossierWindow *self)
{
  GtkApplication *application;

  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  application = gtk_window_get_application (GTK_WINDOW (self));
  return DOSSIER_IS_APPLICATION (application)
         ? dossier_application_get_feed_updater (DOSSIER_APPLICATION (application)) : NULL;
}
