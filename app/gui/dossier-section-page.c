/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-section-page.h"

/* A section of the window (Actions, Cases, …) as the window sees it: a
 * name, an icon, a list and what to say of its length. Each section is a
 * class of its own with its own list, filters, empty state and actions;
 * the window holds them in its stack and knows them only through this. */

G_DEFINE_INTERFACE (DossierSectionPage, dossier_section_page, GTK_TYPE_WIDGET)

enum {
  COUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dossier_section_page_default_init (DossierSectionPageInterface *iface)
{
  /**
   * DossierSectionPage::count-changed:
   *
   * The text of dossier_section_page_dup_count_text() may be another.
   */
  signals[COUNT_CHANGED] = g_signal_new ("count-changed", G_TYPE_FROM_INTERFACE (iface),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

const char *
dossier_section_page_get_id (DossierSectionPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  return DOSSIER_SECTION_PAGE_GET_IFACE (self)->id;
}

/* Translated. */
const char *
dossier_section_page_get_title (DossierSectionPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  return g_dpgettext2 (NULL, "sidebar", DOSSIER_SECTION_PAGE_GET_IFACE (self)->title);
}

const char *
dossier_section_page_get_icon_name (DossierSectionPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  return DOSSIER_SECTION_PAGE_GET_IFACE (self)->icon_name;
}

const char *
dossier_section_page_get_header_action (DossierSectionPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  return DOSSIER_SECTION_PAGE_GET_IFACE (self)->header_action;
}

/* Translated. */
const char *
dossier_section_page_get_header_tooltip (DossierSectionPage *self)
{
  const char *tooltip;

  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  tooltip = DOSSIER_SECTION_PAGE_GET_IFACE (self)->header_tooltip;
  return tooltip ? _(tooltip) : NULL;
}

void
dossier_section_page_set_store (DossierSectionPage *self,
                                DossierStore       *store)
{
  g_return_if_fail (DOSSIER_IS_SECTION_PAGE (self));
  g_return_if_fail (DOSSIER_IS_STORE (store));

  DOSSIER_SECTION_PAGE_GET_IFACE (self)->set_store (self, store);
}

/* Returns: (nullable): the section's list; %NULL for one that is no list */
DossierSection *
dossier_section_page_get_list_section (DossierSectionPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  if (DOSSIER_SECTION_PAGE_GET_IFACE (self)->get_list_section == NULL)
    return NULL;
  return DOSSIER_SECTION_PAGE_GET_IFACE (self)->get_list_section (self);
}

/**
 * dossier_section_page_dup_count_text:
 *
 * Returns: (nullable): "36 cases", for the header's subtitle; %NULL while
 *   the list is empty or not read
 */
char *
dossier_section_page_dup_count_text (DossierSectionPage *self)
{
  DossierSectionPageInterface *iface;
  DossierSection *section;
  DossierRecordList *list;
  guint n;

  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);

  iface = DOSSIER_SECTION_PAGE_GET_IFACE (self);
  if (iface->dup_count_text)
    return iface->dup_count_text (self);
  section = dossier_section_page_get_list_section (self);
  if (section == NULL)
    return NULL;
  list = dossier_section_get_list (section);
  n = list ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  return n > 0 ? iface->describe_count (self, n) : NULL;
}

static void
on_n_items_cb (DossierSectionPage *self)
{
  g_signal_emit (self, signals[COUNT_CHANGED], 0);
}

/**
 * dossier_section_page_show_query:
 *
 * Shows the records of @query in the section's list, one row each as
 * @row_func writes it, and says when their number changes.
 *
 * Returns: (transfer none): the list, to change its query later
 */
DossierRecordList *
dossier_section_page_show_query (DossierSectionPage    *self,
                                 DossierStore          *store,
                                 DossierQuery          *query,
                                 DossierSectionRowFunc  row_func)
{
  g_autoptr(DossierRecordList) list = NULL;
  DossierSection *section;

  g_return_val_if_fail (DOSSIER_IS_SECTION_PAGE (self), NULL);
  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  section = dossier_section_page_get_list_section (self);
  list = dossier_record_list_new (store, query);
  dossier_section_set_list (section, store, list, row_func);
  g_signal_connect_object (list, "notify::n-items", G_CALLBACK (on_n_items_cb), self, G_CONNECT_SWAPPED);
  g_signal_emit (self, signals[COUNT_CHANGED], 0);
  return list;
}
