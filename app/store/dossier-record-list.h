/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_RECORD_LIST (dossier_record_list_get_type ())
G_DECLARE_FINAL_TYPE (DossierRecordList, dossier_record_list, DOSSIER, RECORD_LIST, GObject)

/* Rows fetched at once, and pages kept; a list never holds more than
 * their product of records, however many rows the query matches. */
#define DOSSIER_RECORD_LIST_PAGE_SIZE 64
#define DOSSIER_RECORD_LIST_MAX_PAGES 8

DossierRecordList *dossier_record_list_new              (DossierStore      *store,
                                                         DossierQuery      *query);
DossierQuery      *dossier_record_list_get_query        (DossierRecordList *self);
void               dossier_record_list_set_query        (DossierRecordList *self,
                                                         DossierQuery      *query);
guint              dossier_record_list_get_n_materialized (DossierRecordList *self);
const GError      *dossier_record_list_get_error        (DossierRecordList *self);
void               dossier_record_list_also_follow      (DossierRecordList *self,
                                                         GType              kind);
void               dossier_record_list_reload           (DossierRecordList *self);

G_END_DECLS
