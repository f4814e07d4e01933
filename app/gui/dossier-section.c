/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-section.h"
#include "dossier-accessible.h"

/* The list of a section of the window: records read lazily from the
 * store, or, while the list is empty, a page that says what to do next.
 * In a .ui file it takes two kinds of child: <child type="header"> (a bar
 * over the list, such as filters) and <child type="empty"> (what the empty
 * page offers under its text, such as buttons to the next step). */

struct _DossierSection
{
  GtkWidget              parent_instance;

  AdwStatusPage         *empty_page;
  GtkBox                *header_slot;
  DossierSectionSuffixSetup suffix_setup;
  DossierSectionSuffixBind  suffix_bind;
  DossierSectionEmphasisFunc emphasis;
  GtkListView           *list_view;
  GtkStack              *stack;

  DossierStore          *store;
  DossierRecordList     *list;
  DossierSectionRowFunc  row_func;
  gulong                 items_changed_id;
  gboolean               activatable;
};

static void dossier_section_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierSection, dossier_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, dossier_section_buildable_init))

enum {
  PROP_0,
  PROP_ACTIVATABLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_TITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
update_page (DossierSection *self)
{
  gboolean empty = dossier_section_is_empty (self);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_items_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     DossierSection *self)
{
  update_page (self);
}

/* The view gets its model the first time the section is shown: sections
 * the user has not opened cost nothing at start-up. */
static void
attach_model (DossierSection *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->list == NULL || gtk_list_view_get_model (self->list_view) != NULL)
    return;
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

static void
dossier_section_map (GtkWidget *widget)
{
  attach_model (DOSSIER_SECTION (widget));

  GTK_WIDGET_CLASS (dossier_section_parent_class)->map (widget);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             DossierSection           *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  /* Text from the store is never markup. */
  gtk_label_set_use_markup (GTK_LABEL (title), FALSE);
  gtk_label_set_use_markup (GTK_LABEL (subtitle), FALSE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  /* In a narrow window a row grows rather than cut what it says: the
   * subtitle (a deadline, the counts) wraps whole; a title from the store
   * takes two lines at most, and its page shows it whole. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (title), "dossier-may-ellipsize", GINT_TO_POINTER (TRUE));
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (box, "record-row");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (row), box);
  if (self->suffix_setup)
    {
      GtkWidget *suffix = self->suffix_setup ();

      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), suffix);
    }
  gtk_list_item_set_child (item, row);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            DossierSection           *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_widget_get_first_child (row);
  GtkWidget *suffix = gtk_widget_get_next_sibling (box);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  DossierRecord *record = gtk_list_item_get_item (item);
  g_autofree char *title_text = NULL;
  g_autofree char *subtitle_text = NULL;

  if (record == NULL)
    {
      /* never leave a reused row showing another record */
      gtk_label_set_text (GTK_LABEL (title), "");
      gtk_label_set_text (GTK_LABEL (subtitle), "");
      dossier_accessible_describe_row (row, NULL, NULL);
      gtk_widget_remove_css_class (box, "unread");
      if (suffix)
        gtk_widget_set_visible (suffix, FALSE);
      return;
    }
  if (suffix)
    {
      gtk_widget_set_visible (suffix, TRUE);
      self->suffix_bind (suffix, record);
    }
  self->row_func (self->store, record, &title_text, &subtitle_text);
  if (self->emphasis && self->emphasis (record))
    {
      /* Translators: how a screen reader names an unread update's row;
       * %s is its title */
      g_autofree char *name = g_strdup_printf (C_("accessible", "Unread: %s"), title_text ? title_text : "");

      gtk_widget_add_css_class (box, "unread");
      dossier_accessible_describe_row (row, name, subtitle_text);
    }
  else
    {
      gtk_widget_remove_css_class (box, "unread");
      dossier_accessible_describe_row (row, title_text, subtitle_text);
    }
  gtk_label_set_text (GTK_LABEL (title), title_text ? title_text : "");
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text ? subtitle_text : "");
  gtk_widget_set_visible (subtitle, subtitle_text && *subtitle_text);
}

/* A row opens its record's page, through the window's win.open-record. */
static void
on_activate_cb (GtkListView    *view,
                guint           position,
                DossierSection *self)
{
  g_autoptr(DossierRecord) record = self->list ? g_list_model_get_item (G_LIST_MODEL (self->list), position) : NULL;

  if (record == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)",
                              G_OBJECT_TYPE_NAME (record), dossier_record_get_id (record));
}

static void
dossier_section_dispose (GObject *object)
{
  DossierSection *self = DOSSIER_SECTION (object);

  if (self->list)
    g_clear_signal_handler (&self->items_changed_id, self->list);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_SECTION);

  G_OBJECT_CLASS (dossier_section_parent_class)->dispose (object);
}

static void
dossier_section_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DossierSection *self = DOSSIER_SECTION (object);

  switch (prop_id)
    {
    case PROP_ACTIVATABLE:
      g_value_set_boolean (value, self->activatable);
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_section_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DossierSection *self = DOSSIER_SECTION (object);

  switch (prop_id)
    {
    case PROP_ACTIVATABLE:
      dossier_section_set_activatable (self, g_value_get_boolean (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      dossier_section_set_empty_text (self, adw_status_page_get_title (self->empty_page),
                                      g_value_get_string (value));
      break;
    case PROP_EMPTY_TITLE:
      dossier_section_set_empty_text (self, g_value_get_string (value),
                                      adw_status_page_get_description (self->empty_page));
      break;
    case PROP_ICON_NAME:
      if (g_strcmp0 (adw_status_page_get_icon_name (self->empty_page), g_value_get_string (value)) != 0)
        {
          adw_status_page_set_icon_name (self->empty_page, g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_section_add_child (GtkBuildable *buildable,
                           GtkBuilder   *builder,
                           GObject      *child,
                           const char   *type)
{
  DossierSection *self = DOSSIER_SECTION (buildable);

  if (g_strcmp0 (type, "header") == 0)
    dossier_section_set_header (self, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "empty") == 0)
    adw_status_page_set_child (self->empty_page, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
dossier_section_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = dossier_section_add_child;
}

static void
dossier_section_class_init (DossierSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_section_dispose;
  object_class->get_property = dossier_section_get_property;
  object_class->set_property = dossier_section_set_property;
  widget_class->map = dossier_section_map;

  /* a row opens its record's page */
  properties[PROP_ACTIVATABLE] =
    g_param_spec_boolean ("activatable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierSection, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DossierSection, header_slot);
  gtk_widget_class_bind_template_child (widget_class, DossierSection, list_view);
  gtk_widget_class_bind_template_child (widget_class, DossierSection, stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
dossier_section_init (DossierSection *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/**
 * dossier_section_set_list:
 *
 * Shows @list, one row per record, with the lines @row_func gives.
 */
void
dossier_section_set_list (DossierSection        *self,
                          DossierStore          *store,
                          DossierRecordList     *list,
                          DossierSectionRowFunc  row_func)
{
  g_return_if_fail (DOSSIER_IS_SECTION (self));
  g_return_if_fail (DOSSIER_IS_RECORD_LIST (list));
  g_return_if_fail (self->list == NULL);

  self->store = g_object_ref (store);
  self->list = g_object_ref (list);
  self->row_func = row_func;
  self->items_changed_id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  update_page (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    attach_model (self);
}

DossierRecordList *
dossier_section_get_list (DossierSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION (self), NULL);

  return self->list;
}

gboolean
dossier_section_get_activatable (DossierSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION (self), FALSE);

  return self->activatable;
}

void
dossier_section_set_activatable (DossierSection *self,
                                 gboolean        activatable)
{
  g_return_if_fail (DOSSIER_IS_SECTION (self));

  activatable = !!activatable;
  if (self->activatable == activatable)
    return;
  self->activatable = activatable;
  gtk_list_view_set_single_click_activate (self->list_view, activatable);
  if (activatable)
    g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  else
    g_signal_handlers_disconnect_by_func (self->list_view, on_activate_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATABLE]);
}

gboolean
dossier_section_is_empty (DossierSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION (self), TRUE);

  return self->list == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0;
}

GtkWidget *
dossier_section_get_list_view (DossierSection *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION (self), NULL);

  return GTK_WIDGET (self->list_view);
}

/* Must be called before the section is first shown. */
void
dossier_section_set_suffix (DossierSection            *self,
                            DossierSectionSuffixSetup  setup,
                            DossierSectionSuffixBind   bind)
{
  g_return_if_fail (DOSSIER_IS_SECTION (self));

  self->suffix_setup = setup;
  self->suffix_bind = bind;
}

/* A bar above the list (filters, totals); shown while the section has one. */
void
dossier_section_set_header (DossierSection *self,
                            GtkWidget      *header)
{
  GtkWidget *child;

  g_return_if_fail (DOSSIER_IS_SECTION (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_slot))))
    gtk_box_remove (self->header_slot, child);
  if (header)
    gtk_box_append (self->header_slot, header);
  gtk_widget_set_visible (GTK_WIDGET (self->header_slot), header != NULL);
}

void
dossier_section_set_empty_text (DossierSection *self,
                                const char     *title,
                                const char     *description)
{
  g_autofree char *old_title = NULL;
  g_autofree char *old_description = NULL;

  g_return_if_fail (DOSSIER_IS_SECTION (self));

  old_title = g_strdup (adw_status_page_get_title (self->empty_page));
  old_description = g_strdup (adw_status_page_get_description (self->empty_page));
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  if (g_strcmp0 (old_title, adw_status_page_get_title (self->empty_page)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TITLE]);
  if (g_strcmp0 (old_description, adw_status_page_get_description (self->empty_page)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_DESCRIPTION]);
}

char *
dossier_join_nonempty (const char *separator,
                       ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;
  const char *part;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)) != NULL)
    if (*part)
      g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

/**
 * dossier_section_set_emphasis:
 * @emphasis: (nullable): whether a record's row stands out
 *
 * Rows whose record @emphasis picks have a bold title: the unread
 * updates.
 */
void
dossier_section_set_emphasis (DossierSection             *self,
                              DossierSectionEmphasisFunc  emphasis)
{
  g_return_if_fail (DOSSIER_IS_SECTION (self));

  self->emphasis = emphasis;
}
