/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-record-list.h"

G_BEGIN_DECLS

/* Fills a row's two lines for one record of a section's list. */
typedef void (*DossierSectionRowFunc) (DossierStore   *store,
                                       DossierRecord  *record,
                                       char          **title,
                                       char          **subtitle);

#define DOSSIER_TYPE_SECTION (dossier_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierSection, dossier_section, DOSSIER, SECTION, GtkWidget)

DossierSection *dossier_section_new          (const char            *icon_name,
                                              const char            *empty_title,
                                              const char            *empty_description);
void            dossier_section_set_list     (DossierSection        *self,
                                              DossierStore          *store,
                                              DossierRecordList     *list,
                                              DossierSectionRowFunc  row_func);
DossierRecordList *dossier_section_get_list  (DossierSection        *self);
void            dossier_section_add_empty_button (DossierSection    *self,
                                              const char            *label,
                                              const char            *action_name,
                                              GVariant              *target);
gboolean        dossier_section_is_empty     (DossierSection        *self);
void            dossier_section_set_activatable (DossierSection     *self,
                                              gboolean               activatable);
GtkWidget      *dossier_section_get_list_view (DossierSection       *self);

G_END_DECLS
