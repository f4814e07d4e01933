/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dossier-accessible.h"

/* What a screen reader says of the window's controls, in one place.
 *
 * GTK 4.8 names a button with a mnemonic twice, once from its label
 * property with the underscore ("_Undo Undo"): the property is set by
 * gtk_button_set_label() when use-underline is on, and the label child
 * names the button too. A flow box used only to lay filters out makes a
 * silent Tab stop of each cell. An icon-only button is named by its
 * image's class ("GtkImage") where its tooltip says what it does. All are
 * mended for every widget as it is
 * mapped, buttons of libadwaita's own (a toast's, a message dialog's)
 * included, by an emission hook installed once. */

static G_DEFINE_QUARK (dossier-accessible-mended, mended)
static G_DEFINE_QUARK (dossier-accessible-named, named)
static gboolean hooked;

/* An icon-only button says what it does in its tooltip ("Back", "Main
 * Menu"); GTK 4.8 names it by its image's class ("GtkImage"). */
static void
name_icon_button (GtkWidget *widget)
{
  const char *icon = NULL;
  const char *tooltip;

  if (g_object_get_qdata (G_OBJECT (widget), named_quark ()))
    return;
  if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) ? NULL
           : gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_BUTTON (widget))
    icon = gtk_button_get_label (GTK_BUTTON (widget)) ? NULL : gtk_button_get_icon_name (GTK_BUTTON (widget));
  tooltip = gtk_widget_get_tooltip_text (widget);
  /* libadwaita 1.2's toast has a close button without a tooltip */
  if (icon && !tooltip && g_str_equal (icon, "window-close-symbolic") &&
      gtk_widget_get_parent (widget) &&
      g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), "AdwToastWidget"))
    /* Translators: how a screen reader names the button that closes a
     * message at the bottom of the window */
    tooltip = C_("accessible", "Dismiss Message");
  /* GTK's shortcuts window: its search toggle and its menu of sections */
  if (!tooltip && GTK_IS_SHORTCUTS_WINDOW (gtk_widget_get_root (widget)))
    {
      if (GTK_IS_MENU_BUTTON (widget))
        icon = "", tooltip = C_("shortcut window", "Sections");
      else if (icon && g_str_equal (icon, "edit-find-symbolic"))
        tooltip = C_("accessible", "Search");
    }
  if (icon && tooltip && *tooltip)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
on_tooltip_cb (GtkWidget  *widget,
               GParamSpec *pspec,
               gpointer    data)
{
  name_icon_button (widget);
}

static void
mend_button_name (GtkButton *button)
{
  if (g_object_get_qdata (G_OBJECT (button), named_quark ()))
    return;
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_button_label_cb (GtkButton  *button,
                    GParamSpec *pspec,
                    gpointer    data)
{
  mend_button_name (button);
}

static void mend (GObject *object);

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          if (text && *text)
            g_ptr_array_add (texts, (gpointer) text);
        }
      else
        collect_labels (child, texts);
    }
}

/* A row of a list view that Dossier does not name itself (a combo row's
 * choice, a libadwaita list) is named by its first label and described by
 * the others, as they change. */
static void
name_list_item (GtkWidget *item)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autofree char *description = NULL;

  if (g_object_get_qdata (G_OBJECT (item), named_quark ()))
    return;
  collect_labels (item, texts);
  if (texts->len > 1)
    {
      g_ptr_array_add (texts, NULL);
      description = g_strjoinv (" ", (char **) texts->pdata + 1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, texts->len ? texts->pdata[0] : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

static void
on_item_label_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  GtkWidget  *item)
{
  name_list_item (item);
}

static void
watch_item_labels (GtkWidget *item,
                   GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_signal_connect_object (child, "notify::label", G_CALLBACK (on_item_label_cb), item, 0);
      else
        watch_item_labels (item, child);
    }
}

static void
name_expander (AdwExpanderRow *row)
{
  if (g_object_get_qdata (G_OBJECT (row), named_quark ()))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_expander_row_get_subtitle (row) ? adw_expander_row_get_subtitle (row) : "",
                                  -1);
}

static void
name_search_entry (GtkWidget *entry)
{
  g_autofree char *placeholder = NULL;

  if (g_object_get_qdata (G_OBJECT (entry), named_quark ()))
    return;
  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  /* Translators: how a screen reader names a search field that has no
   * other text to go by */
  dossier_accessible_name (entry, placeholder && *placeholder ? placeholder : C_("accessible", "Search"));
}

/* A window is mended whole when it is first shown: the pages of its stacks
 * that are not shown yet are in its accessible tree too. */
static void
mend_tree (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      mend (G_OBJECT (child));
      mend_tree (child);
    }
}

static gboolean
on_map_hook_cb (GSignalInvocationHint *hint,
                guint                  n_values,
                const GValue          *values,
                gpointer               data)
{
  GObject *object = g_value_get_object (&values[0]);

  mend (object);
  if (GTK_IS_ROOT (object))
    mend_tree (GTK_WIDGET (object));
  return TRUE;
}

static void
mend (GObject *object)
{
  if (GTK_IS_BUTTON (object) || GTK_IS_MENU_BUTTON (object))
    {
      if (GTK_IS_BUTTON (object))
        mend_button_name (GTK_BUTTON (object));
      name_icon_button (GTK_WIDGET (object));
      if (!g_object_get_qdata (object, mended_quark ()))
        {
          g_object_set_qdata (object, mended_quark (), GINT_TO_POINTER (TRUE));
          if (GTK_IS_BUTTON (object))
            {
              g_signal_connect (object, "notify::label", G_CALLBACK (on_button_label_cb), NULL);
              g_signal_connect (object, "notify::use-underline", G_CALLBACK (on_button_label_cb), NULL);
            }
          g_signal_connect (object, "notify::tooltip-text", G_CALLBACK (on_tooltip_cb), NULL);
          g_signal_connect (object, "notify::icon-name", G_CALLBACK (on_tooltip_cb), NULL);
        }
    }
  else if (ADW_IS_EXPANDER_ROW (object))
    {
      name_expander (ADW_EXPANDER_ROW (object));
      if (!g_object_get_qdata (object, mended_quark ()))
        {
          g_object_set_qdata (object, mended_quark (), GINT_TO_POINTER (TRUE));
          g_signal_connect (object, "notify::title", G_CALLBACK (name_expander), NULL);
          g_signal_connect (object, "notify::subtitle", G_CALLBACK (name_expander), NULL);
        }
    }
  else if (GTK_IS_SEARCH_ENTRY (object))
    name_search_entry (GTK_WIDGET (object));
  else if ((GTK_IS_LIST_VIEW (object) || GTK_IS_LIST_BOX (object)) &&
           !g_object_get_qdata (object, named_quark ()))
    {
      /* a list is named after what holds it: the row it is part of (a
       * combo row's choice, an expander's rows), else its window's title
       * (a titled group's list is named by its title already) */
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_COMBO_ROW);
      GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_PREFERENCES_GROUP);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (object));
      const char *name = NULL;

      if (row == NULL)
        row = gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_EXPANDER_ROW);
      if (row)
        name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      else if (group && adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) &&
               *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)))
        name = NULL; /* libadwaita names it by the group's title already */
      else if (GTK_IS_WINDOW (root))
        name = gtk_window_get_title (GTK_WINDOW (root));
      if (name && *name)
        gtk_accessible_update_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  else if (g_str_equal (G_OBJECT_TYPE_NAME (object), "GtkListItemWidget"))
    {
      name_list_item (GTK_WIDGET (object));
      if (!g_object_get_qdata (object, mended_quark ()))
        {
          g_object_set_qdata (object, mended_quark (), GINT_TO_POINTER (TRUE));
          watch_item_labels (GTK_WIDGET (object), GTK_WIDGET (object));
        }
    }
  else if (GTK_IS_FLOW_BOX_CHILD (object))
    {
      GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (object));

      /* a cell of a box nobody selects in is no place to stop at: Tab
       * goes straight to the control in it */
      if (GTK_IS_FLOW_BOX (box) &&
          gtk_flow_box_get_selection_mode (GTK_FLOW_BOX (box)) == GTK_SELECTION_NONE)
        gtk_widget_set_focusable (GTK_WIDGET (object), FALSE);
    }
}

/**
 * dossier_accessible_init:
 *
 * Installs the mending of names and Tab stops for every widget mapped from
 * now on. Call once, before the first window.
 */
void
dossier_accessible_init (void)
{
  if (hooked)
    return;
  hooked = TRUE;
  g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              on_map_hook_cb, NULL, NULL);
}

/**
 * dossier_accessible_mend_tree:
 *
 * Mends @widget and all it holds now, shown or not: a page with collapsed
 * rows added to a window already shown.
 */
void
dossier_accessible_mend_tree (GtkWidget *widget)
{
  mend (G_OBJECT (widget));
  mend_tree (widget);
}

/**
 * dossier_accessible_name:
 * @name: what the control does to what, e.g. "Copy Salutation"
 *
 * Names a control for a screen reader: one that shows no text of its own
 * (an icon button, a menu button, a search entry), or one whose text alone
 * would not say to what it applies ("Write…" of each target).
 */
void
dossier_accessible_name (GtkWidget  *widget,
                         const char *name)
{
  g_object_set_qdata (G_OBJECT (widget), named_quark (), GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* a button with text is also named by its label child: said once */
  if (GTK_IS_BUTTON (widget))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
update_drop_down (GtkDropDown *drop_down)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
  GObject *item = gtk_drop_down_get_selected_item (drop_down);
  const char *name = g_object_get_data (G_OBJECT (drop_down), "dossier-accessible-name");

  if (!GTK_IS_BUTTON (button))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_STRING_OBJECT (item))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_string_object_get_string (GTK_STRING_OBJECT (item)), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * dossier_accessible_name_drop_down:
 * @name: what the drop-down chooses, e.g. "Country"
 *
 * A drop-down is reached by Tab on the button inside it, which GTK 4.8
 * leaves unnamed: it gets @name, and the choice shown as its description
 * ("Country — All Countries"), kept up to date.
 */
void
dossier_accessible_name_drop_down (GtkDropDown *drop_down,
                                   const char  *name)
{
  g_object_set_data_full (G_OBJECT (drop_down), "dossier-accessible-name", g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (!g_object_get_data (G_OBJECT (drop_down), "dossier-accessible-connected"))
    {
      g_object_set_data (G_OBJECT (drop_down), "dossier-accessible-connected", GINT_TO_POINTER (TRUE));
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (update_drop_down), NULL);
      g_signal_connect (drop_down, "notify::model", G_CALLBACK (update_drop_down), NULL);
    }
  update_drop_down (drop_down);
}

/**
 * dossier_accessible_describe_row:
 * @row_child: the widget a list item factory set as the item's child
 * @name: (nullable): the row's first line
 * @description: (nullable): its second line
 *
 * A row of a GtkListView is a list item whose text lives in its child
 * labels only; GTK 4.8 has no API to name it (GtkListItem's
 * accessible-label is 4.12), so the item's widget, the child's parent, is
 * named here each time the row is bound.
 */
void
dossier_accessible_describe_row (GtkWidget  *row_child,
                                 const char *name,
                                 const char *description)
{
  GtkWidget *item = gtk_widget_get_parent (row_child);

  if (item == NULL)
    return;
  g_object_set_qdata (G_OBJECT (item), named_quark (), GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

/**
 * dossier_accessible_set_error:
 * @field: the entry or row the message is about
 * @message: (nullable): the label that says what is wrong, or %NULL when
 *   nothing is
 * @text: (nullable): what it says
 *
 * Marks @field invalid and relates it to the message that says why, or
 * marks it valid again.
 */
void
dossier_accessible_set_error (GtkWidget  *field,
                              GtkWidget  *message,
                              const char *text)
{
  /* an entry row is read through the text inside it, where the focus is */
  if (GTK_IS_EDITABLE (field) && gtk_editable_get_delegate (GTK_EDITABLE (field)) &&
      GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field))) != field)
    dossier_accessible_set_error (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field))), message, text);
  if (message)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      /* a list of references ends with NULL; a single one does not */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL,
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message,
                                      -1);
      /* GTK 4.8 passes neither the state nor the relations on to AT-SPI:
       * the reason is the field's description, which it does */
      gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  else
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_FALSE, -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}
