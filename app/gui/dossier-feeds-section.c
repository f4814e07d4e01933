/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-feed.h"
#include "dossier-feeds-section.h"

/* Feeds: the campaigns' feeds subscribed to, by title. */

struct _DossierFeedsSection
{
  GtkWidget       parent_instance;

  DossierSection *list_section;
};

static void dossier_feeds_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierFeedsSection, dossier_feeds_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_feeds_section_page_init))

static void
feed_row (DossierStore   *store,
          DossierRecord  *record,
          char          **title,
          char          **subtitle)
{
  const char *name = dossier_record_get_string (record, "title");

  *title = g_strdup (name && *name ? name : dossier_record_get_string (record, "url"));
  *subtitle = dossier_join_nonempty (" · ", dossier_record_get_string (record, "url"),
                                     dossier_record_get_string (record, "last-result"), NULL);
}

static void
dossier_feeds_section_set_store (DossierSectionPage *page,
                                 DossierStore       *store)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);

  dossier_query_sort (query, "title", FALSE);
  dossier_section_page_show_query (page, store, query, feed_row);
}

static DossierSection *
dossier_feeds_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_FEEDS_SECTION (page)->list_section;
}

static char *
dossier_feeds_section_describe_count (DossierSectionPage *page,
                                      guint               n)
{
  return g_strdup_printf (ngettext ("%'u feed", "%'u feeds", n), n);
}

static void
dossier_feeds_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "feeds";
  iface->title = NC_("sidebar", "Feeds");
  iface->icon_name = "application-rss+xml-symbolic";
  iface->set_store = dossier_feeds_section_set_store;
  iface->get_list_section = dossier_feeds_section_get_list_section;
  iface->describe_count = dossier_feeds_section_describe_count;
}

static void
dossier_feeds_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_FEEDS_SECTION);

  G_OBJECT_CLASS (dossier_feeds_section_parent_class)->dispose (object);
}

static void
dossier_feeds_section_class_init (DossierFeedsSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_feeds_section_dispose;

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-feeds-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierFeedsSection, list_section);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_feeds_section_init (DossierFeedsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
