/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-progress.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* The Dossier campaign format: a JSON Feed whose items carry a `_dossier`
 * object describing a case, a case event, an urgent action or a target.
 * docs/campaign-format.md is its reference. */

#define DOSSIER_EXCHANGE_ERROR (dossier_exchange_error_quark ())

typedef enum {
  DOSSIER_EXCHANGE_ERROR_READ,       /* the file cannot be read */
  DOSSIER_EXCHANGE_ERROR_TOO_LARGE,  /* larger than DOSSIER_CAMPAIGN_MAX_SIZE */
  DOSSIER_EXCHANGE_ERROR_NOT_JSON,   /* empty, cut short, or not JSON at all */
  DOSSIER_EXCHANGE_ERROR_NOT_A_FEED, /* JSON, but not a JSON Feed */
  DOSSIER_EXCHANGE_ERROR_TOO_NEW,    /* a campaign format newer than this code reads */
  DOSSIER_EXCHANGE_ERROR_INVALID,    /* an item is missing a field, or has a wrong value */
  DOSSIER_EXCHANGE_ERROR_DUPLICATE,  /* two items describe the same record */
  DOSSIER_EXCHANGE_ERROR_REFERENCE,  /* an item refers to a record that is nowhere */
  DOSSIER_EXCHANGE_ERROR_WRITE,      /* the export could not be written */
} DossierExchangeError;

/* The campaign format version this code writes and reads up to. */
#define DOSSIER_CAMPAIGN_FORMAT 1

/* Larger files are refused before they are parsed: a parsed tree takes
 * several times the file's size in memory. A campaign of 10,000 cases, each
 * with its charges and two events, is about half of this. */
#define DOSSIER_CAMPAIGN_MAX_SIZE (32 * 1000 * 1000)

/* More limits a file must keep (docs/campaign-format.md, "Limits"): they
 * keep what an import holds in memory proportional to the file. */
#define DOSSIER_CAMPAIGN_MAX_ITEMS      100000
#define DOSSIER_CAMPAIGN_MAX_DEPTH      16
#define DOSSIER_CAMPAIGN_MAX_ITEM_SIZE  (4 * 1000 * 1000)
#define DOSSIER_CAMPAIGN_MAX_HEADER_SIZE (1000 * 1000)

/* Called now and then during an import with how far it is, from 0 to 1. */
typedef void (*DossierImportProgressFunc) (double   fraction,
                                           gpointer user_data);

typedef struct {
  guint created;         /* records that were not in the store */
  guint updated;         /* records that were, and differed */
  guint unchanged;       /* records that were, exactly as in the file */
  guint news_added;      /* items without `_dossier` (news), new to the store */
  guint news_updated;    /* news the store had, edited since */
  guint news_unchanged;  /* news the store had, as they are */
} DossierImportStats;

GQuark   dossier_exchange_error_quark (void);

gboolean dossier_campaign_import_file (DossierStore        *store,
                                       const char          *path,
                                       DossierImportStats  *stats,
                                       GError             **error);
gboolean dossier_campaign_import_data (DossierStore        *store,
                                       const char          *data,
                                       gssize               length,
                                       DossierImportStats  *stats,
                                       GError             **error);
gboolean dossier_campaign_import      (DossierStore        *store,
                                       const char          *data,
                                       gsize                length,
                                       DossierImportProgressFunc progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       DossierImportStats  *stats,
                                       GError             **error);
void     dossier_campaign_import_async  (const char          *store_path,
                                        GFile               *file,
                                        GBytes              *bytes,
                                        DossierProgressFunc  progress,
                                        gpointer             progress_data,
                                        GDestroyNotify       progress_destroy,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean dossier_campaign_import_finish (GAsyncResult        *result,
                                        DossierImportStats  *stats,
                                        GError             **error);
gboolean dossier_campaign_import_into_feed (DossierStore       *store,
                                           const char         *data,
                                           gsize               length,
                                           const char         *feed_id,
                                           GCancellable       *cancellable,
                                           DossierImportStats *stats,
                                           GStrv              *followed,
                                           GError            **error);
void     dossier_campaign_notify_changed (DossierStore        *store);
char    *dossier_campaign_read_file   (const char          *path,
                                       gsize               *length,
                                       GError             **error);
char    *dossier_campaign_describe_names (DossierStore     *store,
                                         GError          **error);
char    *dossier_campaign_export      (DossierStore        *store,
                                       const char          *title,
                                       GError             **error);
gboolean dossier_campaign_export_to_stream (DossierStore   *store,
                                            const char     *title,
                                            GOutputStream  *stream,
                                            GCancellable   *cancellable,
                                            GError        **error);
gboolean dossier_campaign_export_to_stream_full (DossierStore   *store,
                                                 const char     *title,
                                                 const char     *signing_key,
                                                 const char     *next_signing_key,
                                                 GOutputStream  *stream,
                                                 GCancellable   *cancellable,
                                                 GError        **error);

G_END_DECLS
