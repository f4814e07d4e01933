/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-action.h"
#include "dossier-my-actions-section.h"
#include "dossier-progress-section.h"

/* Progress: every action in the store, whoever logged it, newest first,
 * with their number in the header. */

struct _DossierProgressSection
{
  GtkWidget       parent_instance;

  DossierSection *list_section;
};

static void dossier_progress_section_page_init (DossierSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierProgressSection, dossier_progress_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DOSSIER_TYPE_SECTION_PAGE, dossier_progress_section_page_init))

static void
dossier_progress_section_set_store (DossierSectionPage *page,
                                    DossierStore       *store)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);

  dossier_query_sort (query, "date", TRUE);
  dossier_section_page_show_query (page, store, query, dossier_action_row);
}

static DossierSection *
dossier_progress_section_get_list_section (DossierSectionPage *page)
{
  return DOSSIER_PROGRESS_SECTION (page)->list_section;
}

static char *
dossier_progress_section_describe_count (DossierSectionPage *page,
                                         guint               n)
{
  return g_strdup_printf (ngettext ("%'u action logged", "%'u actions logged", n), n);
}

static void
dossier_progress_section_page_init (DossierSectionPageInterface *iface)
{
  iface->id = "progress";
  iface->title = NC_("sidebar", "Progress");
  iface->icon_name = "x-office-spreadsheet-symbolic";
  iface->set_store = dossier_progress_section_set_store;
  iface->get_list_section = dossier_progress_section_get_list_section;
  iface->describe_count = dossier_progress_section_describe_count;
}

static void
dossier_progress_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_PROGRESS_SECTION);

  G_OBJECT_CLASS (dossier_progress_section_parent_class)->dispose (object);
}

static void
dossier_progress_section_class_init (DossierProgressSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dossier_progress_section_dispose;

  g_type_ensure (DOSSIER_TYPE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-progress-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierProgressSection, list_section);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_progress_section_init (DossierProgressSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
