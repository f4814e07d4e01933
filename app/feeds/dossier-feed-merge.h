/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-store.h"

G_BEGIN_DECLS

/* What a feed's entries did to its items. */
typedef struct {
  guint      added;      /* items that were not there */
  guint      updated;    /* items that were, and were edited since */
  guint      unchanged;  /* items that were, as they are */
  guint      repeated;   /* entries whose identity an earlier entry of the
                          * same document had: the first one counts */
  GPtrArray *followed;   /* (element-type utf8): the ids of the new items
                          * that name a followed case, now linked to it */
} DossierFeedMergeStats;

void     dossier_feed_merge_stats_clear (DossierFeedMergeStats *stats);

gboolean dossier_feed_merge_entries     (DossierStore           *store,
                                         const char             *feed_id,
                                         GPtrArray              *entries,
                                         GCancellable           *cancellable,
                                         DossierFeedMergeStats  *stats,
                                         GError                **error);

char    *dossier_feed_find_file_feed    (DossierStore           *store,
                                         const char             *title,
                                         GError                **error);

void     dossier_feed_mark_read_async   (const char             *store_path,
                                         const char             *feed_id,
                                         const char             *case_id,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gint64   dossier_feed_mark_read_finish  (GAsyncResult           *result,
                                         GError                **error);

G_END_DECLS
