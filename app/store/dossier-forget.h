/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-store.h"

G_BEGIN_DECLS

/* What forgetting a case takes with it, and what it leaves. */
typedef struct
{
  guint charges;
  guint events;
  guint updates;        /* feed items linked to the case */
  guint actions;        /* logged on urgent actions for this case alone; drafts apart */
  guint drafts;         /* drafts on those urgent actions */
  guint letters;        /* of those actions and drafts, the ones that keep a letter's text */
  guint uas_emptied;    /* urgent actions for this case alone: they stay, without their actions */
  guint uas_unlinked;   /* urgent actions for other cases too: they only lose this one */
} DossierForgetCounts;

gboolean  dossier_store_count_forget     (DossierStore         *store,
                                          const char           *case_id,
                                          DossierForgetCounts  *counts,
                                          GError              **error);
gboolean  dossier_store_forget_case      (DossierStore         *store,
                                          const char           *case_id,
                                          DossierForgetCounts  *counts,
                                          GError              **error);
char     *dossier_forget_describe        (const DossierForgetCounts *counts,
                                          const char           *bullet);

gboolean  dossier_store_scrub            (DossierStore         *store,
                                          GError              **error);
void      dossier_store_scrub_async      (DossierStore         *store,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  dossier_store_scrub_finish     (DossierStore         *store,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
