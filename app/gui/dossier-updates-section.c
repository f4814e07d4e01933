/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-feed-item.h"
#include "dossier-updates-section.h"

/* Updates: the items of the feeds, newest first. */

struct _DossierUpdatesSection
{
  GtkWidget       parent_instance;

  DossierSection *list_section;
};

static void dossier_updates_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierUpdatesSection, dossier_updates_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_updates_section_page_init))

static char *
format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) dt = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;

  return local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
}

static void
feed_item_row (DossierStore   *store,
               DossierRecord  *record,
               char          **title,
               char          **subtitle)
{
  *title = g_strdup (dossier_record_get_string (record, "title"));
  *subtitle = format_timestamp (dossier_record_get_string (record, "published"));
}

static void
dossier_updates_section_set_store (DossierSectionPage *page,
                                   DossierStore       *store)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);

  dossier_query_sort (query, "published", TRUE);
  dossier_section_page_show_query (page, store, query, feed_item_row);
}

static DossierSection *
dossier_updates_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_UPDATES_SECTION (page)->list_section;
}

static char *
dossier_updates_section_describe_count (DossierSectionPage *page,
                                        guint               n)
{
  return g_strdup_printf (ngettext ("%'u update", "%'u updates", n), n);
}

static void
dossier_updates_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "updates";
  iface->title = NC_("sidebar", "Updates");
  iface->icon_name = "emblem-documents-symbolic";
  iface->set_store = dossier_updates_section_set_store;
  iface->get_list_section = dossier_updates_section_get_list_section;
  iface->describe_count = dossier_updates_section_describe_count;
}

static void
dossier_updates_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_UPDATES_SECTION);

  G_OBJECT_CLASS (dossier_updates_section_parent_class)->dispose (object);
}

static void
dossier_updates_section_class_init (DossierUpdatesSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_updates_section_dispose;

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-updates-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierUpdatesSection, list_section);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_updates_section_init (DossierUpdatesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
