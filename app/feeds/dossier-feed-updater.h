/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-feed-fetcher.h"
#include "dossier-feed-parser.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* Subscribing to feeds and refreshing them: fetched in the main context
 * (asynchronously: DossierFetcher), parsed and stored in one worker thread
 * with a store connection of its own, one feed per transaction, so that
 * the window draws on and one broken feed never touches another. */

#define DOSSIER_TYPE_FEED_UPDATER (dossier_feed_updater_get_type ())
G_DECLARE_FINAL_TYPE (DossierFeedUpdater, dossier_feed_updater, DOSSIER, FEED_UPDATER, GObject)

/* What one feed's refresh did. */
typedef struct {
  char     *feed_id;
  char     *title;          /* the feed's title, or its address */
  gboolean  ok;
  gboolean  cancelled;      /* stopped: nothing of it was stored */
  gboolean  not_modified;   /* 304: nothing had changed */
  gboolean  disabled;       /* 410 Gone: the feed is now off */
  char     *message;        /* why it failed, or NULL */
  gboolean  refused;        /* a signed feed's update not signed with its key: not applied */
  guint     added;          /* new items */
  guint     updated;        /* items the feed edited */
  guint     records;        /* campaign records added or changed */
  GStrv     followed;       /* ids of new items linked to followed cases */
} DossierFeedOutcome;

#define DOSSIER_TYPE_FEED_OUTCOME (dossier_feed_outcome_get_type ())
GType               dossier_feed_outcome_get_type (void) G_GNUC_CONST;
DossierFeedOutcome *dossier_feed_outcome_copy     (const DossierFeedOutcome *outcome);
void                dossier_feed_outcome_free     (DossierFeedOutcome       *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierFeedOutcome, dossier_feed_outcome_free)

/* A new subscription: the feed, or the feeds a web page links to. */
typedef struct {
  char      *feed_id;       /* the feed made, or NULL when the page links several */
  char      *title;
  guint      items;
  GPtrArray *candidates;    /* (element-type DossierDiscoveredFeed) or NULL */
  /* The feed's own file names the key it is signed with, and no key was
   * given: the feed is stored with nothing applied until the volunteer
   * trusts that key (dossier_feed_updater_trust_key()). NULL otherwise. */
  char      *offered_key;
  char      *fingerprint;   /* of offered_key */
} DossierSubscription;

void dossier_subscription_free (DossierSubscription *subscription);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSubscription, dossier_subscription_free)

DossierFeedUpdater *dossier_feed_updater_new          (DossierStore       *store);
DossierFetcher     *dossier_feed_updater_get_fetcher  (DossierFeedUpdater *self);
void                dossier_feed_updater_set_defaults (DossierFeedUpdater *self,
                                                       guint               interval_minutes,
                                                       const char         *proxy);
void                dossier_feed_updater_set_scheduled (DossierFeedUpdater *self,
                                                        gboolean            scheduled);

guint               dossier_feed_updater_refresh      (DossierFeedUpdater *self,
                                                       const char         *feed_id,
                                                       gboolean            due_only);
void                dossier_feed_updater_cancel       (DossierFeedUpdater *self);
gboolean            dossier_feed_updater_is_refreshing (DossierFeedUpdater *self,
                                                        const char         *feed_id);
guint               dossier_feed_updater_get_n_refreshing (DossierFeedUpdater *self);

void                 dossier_feed_updater_subscribe_async  (DossierFeedUpdater  *self,
                                                            const char          *url,
                                                            gboolean             allow_http,
                                                            const char          *proxy,
                                                            const char          *proxy_url,
                                                            const char          *public_key,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
DossierSubscription *dossier_feed_updater_subscribe_finish (DossierFeedUpdater  *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

gboolean            dossier_feed_updater_trust_key    (DossierFeedUpdater *self,
                                                       const char         *feed_id,
                                                       GError            **error);
gboolean            dossier_feed_set_public_key       (DossierRecord      *feed,
                                                       const char         *key_text,
                                                       GError            **error);
char               *dossier_feed_signature_url        (const char         *url);

char               *dossier_feed_normalize_url        (const char         *text,
                                                       GError            **error);
gboolean            dossier_feed_proxy_is_valid       (const char         *text);

G_END_DECLS
