/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-section.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SECTION_PAGE (dossier_section_page_get_type ())
G_DECLARE_INTERFACE (DossierSectionPage, dossier_section_page, DOSSIER, SECTION_PAGE, GtkWidget)

/**
 * DossierSectionPageInterface:
 * @id: the section's name in win.section, the stack and the settings
 * @title: its name in the sidebar and the header, untranslated, in the
 *   "sidebar" context (mark it with NC_)
 * @icon_name: its icon in the sidebar
 * @header_action: (nullable): an action of the section ("cases.new") for
 *   an add button in the window's header, shown with the section, or %NULL
 * @header_tooltip: (nullable): that button's tooltip, untranslated (N_)
 * @set_store: reads its list from @store; called once, before it is shown
 * @get_list_section: (nullable): the list it shows; %NULL for a section
 *   that is no list (Progress)
 * @describe_count: the header's subtitle for a list of @n_items (never 0)
 * @dup_count_text: (nullable): the header's subtitle, for a section
 *   without a list; %NULL to say nothing
 *
 * What the window knows of a section: the rest is the section's own.
 */
struct _DossierSectionPageInterface
{
  GTypeInterface parent_iface;

  const char *id;
  const char *title;
  const char *icon_name;
  const char *header_action;
  const char *header_tooltip;

  void            (*set_store)        (DossierSectionPage *self,
                                       DossierStore       *store);
  DossierSection *(*get_list_section) (DossierSectionPage *self);
  char           *(*describe_count)   (DossierSectionPage *self,
                                       guint               n_items);
  char           *(*dup_count_text)   (DossierSectionPage *self);
};

const char        *dossier_section_page_get_id             (DossierSectionPage    *self);
const char        *dossier_section_page_get_title          (DossierSectionPage    *self);
const char        *dossier_section_page_get_icon_name      (DossierSectionPage    *self);
const char        *dossier_section_page_get_header_action  (DossierSectionPage    *self);
const char        *dossier_section_page_get_header_tooltip (DossierSectionPage    *self);
void               dossier_section_page_set_store          (DossierSectionPage    *self,
                                                            DossierStore          *store);
DossierSection    *dossier_section_page_get_list_section   (DossierSectionPage    *self);
char              *dossier_section_page_dup_count_text     (DossierSectionPage    *self);

/* For the sections themselves */
DossierRecordList *dossier_section_page_show_query         (DossierSectionPage    *self,
                                                            DossierStore          *store,
                                                            DossierQuery          *query,
                                                            DossierSectionRowFunc  row_func);

G_END_DECLS
