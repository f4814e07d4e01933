/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-links.h"

#include "dossier-enums.h"
#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_DETAIL_PAGE (dossier_detail_page_get_type ())
G_DECLARE_FINAL_TYPE (DossierDetailPage, dossier_detail_page, DOSSIER, DETAIL_PAGE, GtkWidget)

/* A page that shows one record: a heading and groups of rows. All text it
 * is given is shown as plain text, never as markup. */
DossierDetailPage   *dossier_detail_page_new          (DossierStore        *store,
                                                       DossierRecord       *record);
DossierStore        *dossier_detail_page_get_store    (DossierDetailPage   *self);
DossierRecord       *dossier_detail_page_get_record   (DossierDetailPage   *self);
void                 dossier_detail_page_set_heading  (DossierDetailPage   *self,
                                                       const char          *title,
                                                       const char          *subtitle);
AdwPreferencesGroup *dossier_detail_page_add_group    (DossierDetailPage   *self,
                                                       const char          *title);
/* Rows for a group or an expander row; NULL when there is nothing to show. */
GtkWidget           *dossier_detail_text_row          (const char          *title,
                                                       const char          *subtitle);
GtkWidget           *dossier_detail_value_row         (const char          *label,
                                                       const char          *value);
GtkWidget           *dossier_detail_copy_row          (const char          *label,
                                                       const char          *value);
GtkWidget           *dossier_detail_link_row          (const char          *label,
                                                       const char          *uri);
GtkWidget           *dossier_detail_record_row        (const char          *title,
                                                       const char          *subtitle,
                                                       DossierRecord       *record);
void                 dossier_detail_group_add         (AdwPreferencesGroup *group,
                                                       GtkWidget           *row);

/* For the forms */
char                *dossier_text_view_get_text       (GtkTextView         *view);
char                *dossier_form_problem             (GtkWidget          **where,
                                                       gpointer             field,
                                                       char                *message);
void                 dossier_form_show_problem        (AdwActionRow        *message_row,
                                                       char               **slot,
                                                       GtkWidget           *field,
                                                       const char          *problem);
void                 dossier_form_add_date_picker     (AdwEntryRow         *row);
void                 dossier_form_limit_text          (GtkWidget           *widget,
                                                       guint                max_chars);
void                 dossier_form_limit_texts         (GtkWidget           *form);
/* Choosers of a closed vocabulary: its labels in order, after @first
 * ("All", "Not given") when given. */
GListModel          *dossier_enum_model               (DossierEnum          which,
                                                       const char          *first);
const char          *dossier_enum_id_at               (DossierEnum          which,
                                                       guint                position,
                                                       gboolean             has_first);
guint                dossier_enum_position            (DossierEnum          which,
                                                       const char          *id,
                                                       gboolean             has_first);
GtkWidget           *dossier_title_that_gives_way     (const char          *title);
void                 dossier_add_toast                (AdwToastOverlay     *overlay,
                                                       AdwToast            *toast);

G_END_DECLS
