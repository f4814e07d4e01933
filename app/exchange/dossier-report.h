/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-progress.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* Volunteers' reports of their actions, for their coordinator
 * (docs/report-format.md): written from the actions logged as one's own,
 * read into another store's report tables (dossier-schema.c, version 12).
 *
 * Two levels of detail: a full report lists each action with its day,
 * target, channel, state, how it was signed, and the volunteer's name and
 * group as logged; a counts-only report says how many actions went out
 * per urgent action, target, channel, state and ISO week, with the group,
 * and nothing finer. */

#define DOSSIER_REPORT_FORMAT 1
/* the largest report file read, and the most entries in it */
#define DOSSIER_REPORT_MAX_SIZE (256 * 1024 * 1024)
#define DOSSIER_REPORT_MAX_ENTRIES 2000000
/* the most actions one counts-only entry may stand for */
#define DOSSIER_REPORT_MAX_COUNT 1000000

#define DOSSIER_REPORT_ERROR (dossier_report_error_quark ())

typedef enum {
  DOSSIER_REPORT_ERROR_NOT_A_REPORT,  /* not JSON, or JSON that is not a report */
  DOSSIER_REPORT_ERROR_TOO_NEW,       /* a newer format */
  DOSSIER_REPORT_ERROR_INVALID,       /* an entry or field that is wrong */
  DOSSIER_REPORT_ERROR_CONFLICT,      /* the same report id with other content */
  DOSSIER_REPORT_ERROR_OUTDATED,      /* a newer report of the same volunteer is here */
  DOSSIER_REPORT_ERROR_NOTHING,       /* nothing to export */
} DossierReportError;

typedef enum {
  DOSSIER_REPORT_FULL,
  DOSSIER_REPORT_COUNTS,
} DossierReportDetail;

/* What goes into a report. */
typedef struct
{
  DossierReportDetail  detail;
  const char          *from;     /* first day, or NULL */
  const char          *to;       /* last day, or NULL */
  const char * const  *uas;      /* references of the UAs, or NULL for all */
} DossierReportScope;

/* What a report holds, told before it is written and after it is read. */
typedef struct
{
  DossierReportDetail detail;
  guint    entries;       /* lines of the file */
  gint64   actions;       /* actions they stand for */
  guint    uas;           /* urgent actions named */
  char    *first;         /* first day, or first week's Monday for counts */
  char    *last;
  GStrv    names;         /* volunteers' names it contains (full reports) */
  GStrv    groups;        /* groups it contains */
  gboolean signatures;    /* says how each action was signed */
} DossierReportSummary;

void       dossier_report_summary_clear  (DossierReportSummary *summary);
GQuark     dossier_report_error_quark    (void);

/* Writing, on the volunteer's side. @csv: the same entries as RFC 4180
 * CSV (UTF-8, header row) instead of JSON. */
gboolean   dossier_report_describe       (DossierStore              *store,
                                          const DossierReportScope  *scope,
                                          DossierReportSummary      *summary,
                                          GError                   **error);
GBytes    *dossier_report_write          (DossierStore              *store,
                                          const DossierReportScope  *scope,
                                          gboolean                   csv,
                                          DossierReportSummary      *summary,
                                          GError                   **error);

/* Reading, on the coordinator's side. */
typedef struct _DossierReport DossierReport;

DossierReport *dossier_report_read       (GBytes                    *data,
                                          GCancellable              *cancellable,
                                          GError                   **error);
void       dossier_report_free           (DossierReport             *report);
const char *dossier_report_get_id        (DossierReport             *report);
void       dossier_report_summarize      (DossierReport             *report,
                                          DossierReportSummary      *summary);

/* One import as listed and undone. */
typedef struct
{
  char   *id;             /* the report's id */
  char   *file_name;
  char   *volunteer;      /* the names in it, or "" for counts only */
  char   *group;
  DossierReportDetail detail;
  char   *created;        /* when the volunteer wrote it */
  char   *imported_at;
  gint64  actions;        /* added */
  gint64  replaced;       /* of an older report of the same volunteer, taken out */
  char   *replaces;       /* that report's id, or NULL */
  gboolean active;        /* FALSE once a newer one replaced it */
} DossierReportImport;

void       dossier_report_import_free    (DossierReportImport       *import);

/* Brings @report in, in the store's open transaction: the caller begins
 * and commits it (several files are one transaction, and Cancel or an
 * error rolls all of it back). Same id and content: nothing to do, and
 * @outcome->actions is 0 with *@already set. */
gboolean   dossier_store_add_report      (DossierStore              *store,
                                          DossierReport             *report,
                                          const char                *file_name,
                                          GCancellable              *cancellable,
                                          DossierProgressFunc        progress,
                                          gpointer                   progress_data,
                                          DossierReportImport      **outcome,
                                          gboolean                  *already,
                                          GError                   **error);
GPtrArray *dossier_store_list_reports    (DossierStore              *store,
                                          GError                   **error);
gboolean   dossier_store_undo_report     (DossierStore              *store,
                                          const char                *id,
                                          DossierReportImport      **undone,
                                          GError                   **error);
char      *dossier_store_volunteer_id    (DossierStore              *store,
                                          GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierReport, dossier_report_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DossierReportSummary, dossier_report_summary_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierReportImport, dossier_report_import_free)

G_END_DECLS
