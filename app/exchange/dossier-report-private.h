/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-report.h"

G_BEGIN_DECLS

/* What the report's file (app/exchange/dossier-report.c) and the store's
 * side of reports (app/store/dossier-report-store.c) share. */

typedef struct
{
  char   *ua;
  char   *target;
  char   *target_id;  /* or NULL */
  char   *channel;
  char   *state;
  char   *date;       /* full: the day; counts: NULL */
  char   *week;       /* the Monday */
  char   *signature;  /* full only */
  char   *volunteer;
  char   *group;
  gint64  n;
} ReportEntry;

struct _DossierReport
{
  char               *id;
  char               *volunteer_id;
  gint64              sequence;
  char               *created;
  DossierReportDetail detail;
  char               *from;
  char               *to;
  GArray             *entries;   /* ReportEntry */
  char               *digest;
};

typedef gboolean (*DossierReportEntryFunc) (const ReportEntry *entry,
                                            gpointer           user_data,
                                            GError           **error);

void     dossier_report_entry_clear           (ReportEntry              *entry);
gboolean dossier_report_fail                  (GError                  **error,
                                               int                       code,
                                               const char               *format,
                                               ...) G_GNUC_PRINTF (3, 4);

gboolean dossier_store_collect_report_entries (DossierStore             *store,
                                               const DossierReportScope *scope,
                                               DossierReportEntryFunc    func,
                                               gpointer                  user_data,
                                               GError                  **error);
gboolean dossier_store_next_report_sequence   (DossierStore             *store,
                                               gint64                   *sequence,
                                               GError                  **error);

G_END_DECLS
