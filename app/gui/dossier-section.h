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

/* An optional widget at the end of each row (a state to switch), made
 * once per row and bound to each record the row shows. */
typedef GtkWidget *(*DossierSectionSuffixSetup) (void);
typedef void       (*DossierSectionSuffixBind)  (GtkWidget     *suffix,
                                                 DossierRecord *record);

/* Whether a row stands out (an unread update): its title is bold. */
typedef gboolean (*DossierSectionEmphasisFunc) (DossierRecord *record);

#define DOSSIER_TYPE_SECTION (dossier_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierSection, dossier_section, DOSSIER, SECTION, GtkWidget)

void            dossier_section_set_list     (DossierSection        *self,
                                              DossierStore          *store,
                                              DossierRecordList     *list,
                                              DossierSectionRowFunc  row_func);
DossierRecordList *dossier_section_get_list  (DossierSection        *self);
gboolean        dossier_section_is_empty     (DossierSection        *self);
gboolean        dossier_section_get_activatable (DossierSection     *self);
void            dossier_section_set_activatable (DossierSection     *self,
                                              gboolean               activatable);
GtkWidget      *dossier_section_get_list_view (DossierSection       *self);
void            dossier_section_set_suffix   (DossierSection        *self,
                                              DossierSectionSuffixSetup setup,
                                              DossierSectionSuffixBind  bind);
void            dossier_section_set_emphasis (DossierSection        *self,
                                              DossierSectionEmphasisFunc emphasis);
void            dossier_section_set_header   (DossierSection        *self,
                                              GtkWidget             *header);
void            dossier_section_set_empty_text (DossierSection      *self,
                                              const char            *title,
                                              const char            *description);

/* For row functions: the non-empty strings up to NULL, joined. */
char           *dossier_join_nonempty        (const char            *separator,
                                              ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
