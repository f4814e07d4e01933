/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dossier-campaign.h"
#include "dossier-feed.h"
#include "dossier-feed-error.h"
#include "dossier-feed-item.h"
#include "dossier-feed-merge.h"
#include "dossier-feed-updater.h"
#include "dossier-minisign.h"
#include "dossier-record.h"

/* How a feed's refresh goes:
 *
 *   main context   read the feed's record, ask the fetcher (which keeps
 *                  to 4 fetches at once and 1 per host, and queues the rest)
 *   writer thread  parse what came, and in one transaction store its items
 *                  (a campaign's records through the campaign import) and
 *                  the feed's state: validators, next fetch, failures
 *   main context   tell the store's watchers, and report the outcome
 *
 * A signed feed's update is verified in the writer before it is parsed:
 * its signature (FILE.minisig beside FILE, fetched after it, in the main
 * context) must be made with the feed's pinned key, or with the key an
 * update signed with it announced, and not be older than the last one
 * applied; otherwise nothing of it is stored but why, in words.
 *
 * The writer is one thread with one store connection: the feeds' writes
 * queue behind each other instead of waiting on SQLite's lock. A fetch
 * that fails stores only the failure in the feed's record; a refresh that
 * is cancelled or fails while storing stores nothing. */

/* the longest a server's max-age puts off the next fetch */
#define MAX_AGE_CAP (7 * 24 * 60 * 60)

struct _DossierFeedUpdater
{
  GObject         parent_instance;

  DossierStore   *store;         /* main context: reads, and "changed" */
  char           *store_path;
  DossierFetcher *fetcher;
  GThreadPool    *writer;
  DossierStore   *writer_store;  /* the writer thread's own */
  GCancellable   *cancellable;   /* every refresh under way */
  GHashTable     *running;       /* feed id → itself */
  GHashTable     *host_wait;     /* host → the real time (µs) it asked us to wait until */
  guint           interval;      /* minutes, for feeds that follow Preferences */
  char           *proxy;         /* Preferences': NULL (system), "none" or an address */
  gboolean        scheduled;
  guint           timer;
  /* what changed through the writer's connection, told the window's at
   * most every CHANGES_INTERVAL_MS: a refresh of 50 feeds is a few
   * reloads of the lists, not 50 */
  gboolean        feeds_changed;
  gboolean        items_changed;
  gboolean        records_changed;
  guint           changes_timer;
};

#define CHANGES_INTERVAL_MS 300

G_DEFINE_FINAL_TYPE (DossierFeedUpdater, dossier_feed_updater, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (DossierFeedOutcome, dossier_feed_outcome, dossier_feed_outcome_copy, dossier_feed_outcome_free)

enum {
  FEED_STARTED,
  FEED_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_N_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_next (DossierFeedUpdater *self);

DossierFeedOutcome *
dossier_feed_outcome_copy (const DossierFeedOutcome *outcome)
{
  DossierFeedOutcome *copy = g_memdup2 (outcome, sizeof *outcome);

  copy->feed_id = g_strdup (outcome->feed_id);
  copy->title = g_strdup (outcome->title);
  copy->message = g_strdup (outcome->message);
  copy->followed = g_strdupv (outcome->followed);
  return copy;
}

void
dossier_feed_outcome_free (DossierFeedOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->feed_id);
  g_free (outcome->title);
  g_free (outcome->message);
  g_strfreev (outcome->followed);
  g_free (outcome);
}

void
dossier_subscription_free (DossierSubscription *subscription)
{
  if (subscription == NULL)
    return;
  g_free (subscription->feed_id);
  g_free (subscription->title);
  g_clear_pointer (&subscription->candidates, g_ptr_array_unref);
  g_free (subscription->offered_key);
  g_free (subscription->fingerprint);
  g_free (subscription);
}

/* ---- times ---- */

static char *
timestamp_in (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* The real time of a stored timestamp, in µs, or 0 when there is none. */
static gint64
timestamp_time (const char *timestamp)
{
  g_autoptr(GDateTime) time = NULL;

  if (timestamp == NULL || *timestamp == '\0')
    return 0;
  time = g_date_time_new_from_iso8601 (timestamp, NULL);
  return time ? g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time) : 0;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri && g_uri_get_host (uri) ? g_ascii_strdown (g_uri_get_host (uri), -1) : NULL;
}

/* ---- the addresses a volunteer types ---- */

/**
 * dossier_feed_normalize_url:
 * @text: an address as typed or pasted: "example.org/feed", " https://… "
 *
 * Returns: (transfer full): the address Dossier fetches (https:// when no
 *   scheme is given), or %NULL with an error saying what is wrong with it
 */
char *
dossier_feed_normalize_url (const char  *text,
                            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (*trimmed == '\0')
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_ADDRESS,
                   _("Enter the address of a feed or of a web page that links one."));
      return NULL;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) || strlen (trimmed) > DOSSIER_TEXT_MAX_URL)
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_ADDRESS,
                   _("This is not a web address Dossier can fetch."));
      return NULL;
    }
  scheme = g_uri_peek_scheme (trimmed);
  if (scheme == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else if (g_str_equal (scheme, "feed"))
    /* feed://example.org/rss, as some pages link their feeds */
    with_scheme = g_strconcat ("https", trimmed + strlen ("feed"), NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_ADDRESS,
                   /* Translators: %s is what the volunteer typed */
                   _("“%s” is not a web address Dossier can fetch: feeds are fetched over https:// or http://."),
                   trimmed);
      return NULL;
    }
  return g_uri_to_string (uri);
}

/**
 * dossier_feed_proxy_is_valid:
 * @text: a proxy address, as typed
 *
 * Returns: whether @text is a proxy Dossier can use: socks5, socks5h,
 *   socks4, socks4a, http or https, with a host and a port
 */
gboolean
dossier_feed_proxy_is_valid (const char *text)
{
  g_autoptr(GUri) uri = text ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_str_equal (scheme, "socks5") || g_str_equal (scheme, "socks5h") ||
          g_str_equal (scheme, "socks4") || g_str_equal (scheme, "socks4a") ||
          g_str_equal (scheme, "http") || g_str_equal (scheme, "https")) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         g_uri_get_port (uri) > 0;
}

/* ---- what a refresh carries from the main context to the writer ---- */

typedef struct {
  char               *feed_id;       /* NULL when subscribing */
  char               *url;           /* what was fetched */
  guint               interval;      /* minutes until the next fetch */
  gboolean            allow_http;
  char               *proxy;         /* the feed's choice: system, none, custom */
  char               *proxy_url;
  DossierFetchResult *result;
  GError             *fetch_error;
  gint64              retry_after;   /* seconds, or -1 */
  gboolean            subscribing;   /* a new feed, not a refresh */
  gboolean            discovered;    /* a page's feed: no second discovery */
  GPtrArray          *candidates;    /* the writer found a page with several feeds */
  char               *public_key;    /* subscribing: the key given, or NULL */
  gboolean            want_signature; /* the update's signature is needed */
  gboolean            signature_fetched;
  GBytes             *signature;     /* FILE.minisig as it came, or NULL */
  GError             *signature_error; /* why it could not be fetched */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->feed_id);
  g_free (job->url);
  g_free (job->proxy);
  g_free (job->proxy_url);
  g_clear_pointer (&job->result, dossier_fetch_result_free);
  g_clear_error (&job->fetch_error);
  g_clear_pointer (&job->candidates, g_ptr_array_unref);
  g_free (job->public_key);
  g_clear_pointer (&job->signature, g_bytes_unref);
  g_clear_error (&job->signature_error);
  g_free (job);
}

/* What the fetcher is told about the proxy of a feed. */
static const char *
request_proxy (DossierFeedUpdater *self,
               const char         *choice,
               const char         *proxy_url)
{
  if (g_strcmp0 (choice, "none") == 0)
    return "none";
  if (g_strcmp0 (choice, "custom") == 0 && proxy_url && *proxy_url)
    return proxy_url;
  return self->proxy;
}

/* ---- the writer thread ---- */

static gboolean
ensure_writer_store (DossierFeedUpdater  *self,
                     GError             **error)
{
  if (self->writer_store)
    return TRUE;
  self->writer_store = dossier_store_open_full (self->store_path, DOSSIER_STORE_OPEN_EXISTING,
                                                NULL, NULL, error);
  return self->writer_store != NULL;
}

/* A host that asked us to wait (429 or 503 with Retry-After): no feed of
 * it is fetched before then, this feed's record included. */
static gboolean
hold_host_feeds (DossierStore  *store,
                 const char    *host,
                 const char    *until,
                 GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) feeds = dossier_store_query (store, query, 0, G_MAXUINT, error);

  if (feeds == NULL)
    return FALSE;
  for (guint i = 0; i < feeds->len; i++)
    {
      DossierRecord *feed = feeds->pdata[i];
      g_autofree char *feed_host = host_of (dossier_record_get_string (feed, "url"));

      if (g_strcmp0 (feed_host, host) != 0 ||
          timestamp_time (dossier_record_get_string (feed, "next-fetch")) >= timestamp_time (until))
        continue;
      dossier_record_set_string (feed, "next-fetch", until);
      if (!dossier_store_update (store, feed, error))
        return FALSE;
    }
  return TRUE;
}

/* The feed's record after a failed fetch: why, and when to try again. */
static gboolean
note_failure (DossierStore        *store,
              DossierRecord       *feed,
              Job                 *job,
              const GError        *failure,
              gboolean             refused,
              DossierFeedOutcome  *outcome,
              GError             **error)
{
  gint64 failures = dossier_record_get_int (feed, "failures") + 1;
  gint64 wait = dossier_fetch_backoff_seconds (MIN (failures, G_MAXUINT));
  g_autofree char *now = dossier_now_timestamp ();
  g_autofree char *next = NULL;
  g_autofree char *message = NULL;

  if (job->retry_after > 0)
    wait = MAX (wait, job->retry_after);
  next = timestamp_in (wait);

  if (g_error_matches (failure, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_GONE))
    {
      /* Translators: %s is why the feed failed, a sentence ending in a full stop */
      message = g_strdup_printf (_("%s Dossier no longer fetches it; remove it, or turn it on again "
                                   "if it comes back."), failure->message);
      dossier_record_set_boolean (feed, "enabled", FALSE);
      dossier_record_set_string (feed, "next-fetch", NULL);
      outcome->disabled = TRUE;
    }
  else
    {
      message = g_strdup (failure->message);
      dossier_record_set_string (feed, "next-fetch", next);
    }
  dossier_record_set_string (feed, "last-fetch", now);
  dossier_record_set_string (feed, "last-result", message);
  dossier_record_set_int (feed, "failures", failures);
  dossier_record_set_boolean (feed, "last-refused", refused);
  outcome->message = g_steal_pointer (&message);
  outcome->refused = refused;

  if (!dossier_store_begin_bulk (store, error))
    return FALSE;
  if (!dossier_store_update (store, feed, error))
    {
      dossier_store_rollback (store);
      return FALSE;
    }
  if (job->retry_after > 0)
    {
      g_autofree char *host = host_of (job->url);

      if (host && !hold_host_feeds (store, host, next, error))
        {
          dossier_store_rollback (store);
          return FALSE;
        }
    }
  return dossier_store_commit (store, error);
}

/* The feed's record after a fetch that worked. */
static void
note_success (DossierRecord *feed,
              Job           *job)
{
  DossierFetchResult *result = job->result;
  gint64 wait = (gint64) job->interval * 60;
  g_autofree char *now = dossier_now_timestamp ();
  g_autofree char *next = NULL;

  if (result->max_age > 0)
    wait = MAX (wait, MIN (result->max_age, MAX_AGE_CAP));
  next = timestamp_in (wait);
  dossier_record_set_string (feed, "last-fetch", now);
  dossier_record_set_string (feed, "last-result", "");
  dossier_record_set_boolean (feed, "last-refused", FALSE);
  dossier_record_set_int (feed, "failures", 0);
  dossier_record_set_string (feed, "next-fetch", next);
  dossier_record_set_string (feed, "etag", result->etag ? result->etag : "");
  dossier_record_set_string (feed, "last-modified", result->last_modified ? result->last_modified : "");
}

/* ---- signatures ---- */

/**
 * dossier_feed_signature_url:
 * @url: the address of a feed
 *
 * Returns: (transfer full) (nullable): where its signature is: the same
 *   address with ".minisig" after its path, as minisign names the
 *   signature of FILE; %NULL when @url is no address
 */
char *
dossier_feed_signature_url (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) signature = NULL;

  if (uri == NULL)
    return NULL;
  path = g_strconcat (g_uri_get_path (uri), ".minisig", NULL);
  signature = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                           g_uri_get_host (uri), g_uri_get_port (uri), path, g_uri_get_query (uri), NULL);
  return g_uri_to_string (signature);
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_SIGNATURE, message);
  return FALSE;
}

/* Whether @body is signed as a feed pinned to @key_text (and the key
 * @next_text an update signed with it announced) must be: the job's
 * signature made with one of them, for these bytes, with a trusted
 * comment no older than @signed_at (0: none yet). *@used_next says the
 * announced key signed it, *@timestamp when (-1: not said).
 *
 * A refusal is a DOSSIER_FEED_ERROR_SIGNATURE error in words a volunteer
 * understands; a signature that could not be fetched for the network's
 * sake is that failure. */
static gboolean
verify_update (Job         *job,
               GBytes      *body,
               const char  *key_text,
               const char  *next_text,
               gint64       signed_at,
               gboolean    *used_next,
               gint64      *timestamp,
               GError     **error)
{
  g_autoptr(DossierMinisignKey) key = dossier_minisign_key_parse (key_text, NULL);
  g_autoptr(DossierMinisignKey) next = next_text && *next_text ? dossier_minisign_key_parse (next_text, NULL) : NULL;
  g_autoptr(DossierMinisignSignature) signature = NULL;
  g_autoptr(GError) local_error = NULL;
  const DossierMinisignKey *signer = NULL;
  const char *text;
  gsize length;
  const guint8 *data;
  gsize data_length;

  *used_next = FALSE;
  *timestamp = -1;
  g_assert (key != NULL);
  if (g_error_matches (job->signature_error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE))
    return refuse (error, _("This update’s signature is damaged or is not a signature — it was not applied."));
  if (job->signature_error && !g_error_matches (job->signature_error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_HTTP) &&
      !g_error_matches (job->signature_error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_GONE))
    {
      g_set_error (error, job->signature_error->domain, job->signature_error->code,
                   /* Translators: %s is why the fetch failed, a sentence */
                   _("Could not fetch the signature of this update, so it was not applied: %s"),
                   job->signature_error->message);
      return FALSE;
    }
  if (job->signature_error || job->signature == NULL || g_bytes_get_size (job->signature) == 0)
    return refuse (error, _("This update came without the campaign’s signature — it was not applied."));

  text = g_bytes_get_data (job->signature, &length);
  signature = dossier_minisign_signature_parse (text, length, &local_error);
  if (signature == NULL)
    {
      g_debug ("A feed's signature is not one: %s", local_error->message);
      return refuse (error, _("This update’s signature is damaged or is not a signature — it was not applied."));
    }
  if (dossier_minisign_signature_is_by (signature, key))
    signer = key;
  else if (next && dossier_minisign_signature_is_by (signature, next))
    signer = next;
  else
    return refuse (error, _("This update was not signed by the campaign’s key — it was not applied."));

  data = body ? g_bytes_get_data (body, &data_length) : NULL;
  if (data == NULL)
    data_length = 0;
  if (!dossier_minisign_signature_verify (signature, signer, data, data_length, &local_error))
    {
      g_debug ("A feed's signature does not verify: %s", local_error->message);
      return refuse (error, _("This update does not match the campaign’s signature: it was changed after it "
                              "was signed — it was not applied."));
    }
  if (signed_at > 0 && signature->timestamp < 0)
    return refuse (error, _("This update’s signature does not say when it was made, so Dossier cannot tell "
                            "it from an older one — it was not applied."));
  if (signed_at > 0 && signature->timestamp < signed_at)
    return refuse (error, _("This update is older than the one Dossier applied last — it was not applied."));
  *used_next = signer == next;
  *timestamp = signature->timestamp;
  return TRUE;
}

/* After an update verified and applied: its time, and a key rotation. */
static void
note_signature (DossierRecord     *feed,
                DossierParsedFeed *parsed,
                gboolean           used_next,
                gint64             timestamp)
{
  const char *pinned;

  if (used_next)
    {
      dossier_record_set_string (feed, "public-key", dossier_record_get_string (feed, "next-public-key"));
      dossier_record_set_string (feed, "key-origin", "rotation");
    }
  pinned = dossier_record_get_string (feed, "public-key");
  /* announced in an update signed with the pinned key: accepted from now
   * on too, until an update signed with it makes it the pinned one */
  dossier_record_set_string (feed, "next-public-key",
                             parsed->next_signing_key && g_strcmp0 (parsed->next_signing_key, pinned) != 0
                               ? parsed->next_signing_key : "");
  if (timestamp >= 0)
    dossier_record_set_int (feed, "signed-at", timestamp);
}

/* Whether another feed has @url already. */
static gboolean
url_taken (DossierStore *store,
           const char   *url,
           const char   *except_id)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) found = NULL;

  dossier_query_filter_text (query, "url", DOSSIER_QUERY_EQ, url);
  found = dossier_store_query (store, query, 0, 1, NULL);
  return found && found->len > 0 && g_strcmp0 (dossier_record_get_id (found->pdata[0]), except_id) != 0;
}

/* What came into @feed's items (or a campaign's records), and the feed's
 * record, in the transaction the caller opened. */
static gboolean
store_document (DossierFeedUpdater  *self,
                DossierStore        *store,
                DossierRecord       *feed,
                DossierParsedFeed   *parsed,
                GBytes              *body,
                DossierFeedOutcome  *outcome,
                GCancellable        *cancellable,
                GError             **error)
{
  const char *feed_id = dossier_record_get_id (feed);

  if (parsed->has_records)
    {
      /* a campaign: its records and its news, as `dossier import` stores them */
      DossierImportStats stats = { 0, };
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      if (!dossier_campaign_import_into_feed (store, data, length, feed_id, cancellable, &stats,
                                              &outcome->followed, error))
        return FALSE;
      outcome->added = stats.news_added;
      outcome->updated = stats.news_updated;
      outcome->records = stats.created + stats.updated;
    }
  else
    {
      DossierFeedMergeStats stats = { 0, };

      if (!dossier_feed_merge_entries (store, feed_id, parsed->entries, cancellable, &stats, error))
        return FALSE;
      outcome->added = stats.added;
      outcome->updated = stats.updated;
      g_ptr_array_add (stats.followed, NULL);
      outcome->followed = (GStrv) g_ptr_array_steal (stats.followed, NULL);
      dossier_feed_merge_stats_clear (&stats);
    }

  if (*dossier_record_get_string (feed, "title") == '\0' && parsed->title && *parsed->title)
    dossier_record_set_string (feed, "title", parsed->title);
  dossier_record_set_string (feed, "format", dossier_feed_format_id (parsed->format));
  return TRUE;
}

static void
refresh_in_writer (DossierFeedUpdater *self,
                   GTask              *task,
                   Job                *job)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(DossierFeedOutcome) outcome = g_new0 (DossierFeedOutcome, 1);
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(DossierParsedFeed) parsed = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GError) error = NULL;
  gboolean refused = FALSE;
  gboolean used_next = FALSE;
  gint64 timestamp = -1;
  DossierStore *store;

  outcome->feed_id = g_strdup (job->feed_id);
  outcome->title = g_strdup (job->url);

  if (!ensure_writer_store (self, &error))
    goto failed;
  store = self->writer_store;
  /* removed while it was being fetched: nothing to store */
  feed = dossier_store_fetch (store, DOSSIER_TYPE_FEED, job->feed_id, NULL);
  if (feed == NULL)
    {
      outcome->cancelled = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) dossier_feed_outcome_free);
      return;
    }
  if (*dossier_record_get_string (feed, "title"))
    {
      g_free (outcome->title);
      outcome->title = g_strdup (dossier_record_get_string (feed, "title"));
    }

  if (g_error_matches (job->fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (cancellable))
    {
      outcome->cancelled = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) dossier_feed_outcome_free);
      return;
    }
  if (job->fetch_error)
    failure = g_error_copy (job->fetch_error);
  else if (!job->result->not_modified && g_str_equal (dossier_record_get_string (feed, "signing"), "signed") &&
           !verify_update (job, job->result->body, dossier_record_get_string (feed, "public-key"),
                           dossier_record_get_string (feed, "next-public-key"),
                           dossier_record_get_int (feed, "signed-at"), &used_next, &timestamp, &failure))
    refused = g_error_matches (failure, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_SIGNATURE);
  else if (!job->result->not_modified)
    parsed = dossier_feed_parse (job->result->body, job->result->content_type, job->result->url, &failure);
  if (failure)
    {
      if (!note_failure (store, feed, job, failure, refused, outcome, &error))
        goto failed;
      g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) dossier_feed_outcome_free);
      return;
    }

  if (!dossier_store_begin_bulk (store, &error))
    goto failed;
  if (job->result->not_modified)
    outcome->not_modified = TRUE;
  else if (!store_document (self, store, feed, parsed, job->result->body, outcome, cancellable, &error))
    {
      dossier_store_rollback (store);
      goto failed;
    }
  note_success (feed, job);
  if (parsed && g_str_equal (dossier_record_get_string (feed, "signing"), "signed"))
    note_signature (feed, parsed, used_next, timestamp);
  if (job->result->permanent_url && !url_taken (store, job->result->permanent_url, job->feed_id))
    dossier_record_set_string (feed, "url", job->result->permanent_url);
  if (!dossier_store_update (store, feed, &error))
    {
      dossier_store_rollback (store);
      goto failed;
    }
  if (!dossier_store_commit (store, &error))
    goto failed;
  g_free (outcome->title);
  outcome->title = g_strdup (*dossier_record_get_string (feed, "title") ?
                             dossier_record_get_string (feed, "title") : dossier_record_get_string (feed, "url"));
  outcome->ok = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) dossier_feed_outcome_free);
  return;

failed:
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome->cancelled = TRUE;
  else
    {
      g_warning ("Could not store the feed %s: %s", job->url, error->message);
      outcome->message = g_strdup (error->message);
    }
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) dossier_feed_outcome_free);
}

/* A new subscription: the feed and what it holds, in one transaction; or
 * the feeds of the web page the address led to, for the main context to
 * follow or to offer. */
static void
subscribe_in_writer (DossierFeedUpdater *self,
                     GTask              *task,
                     Job                *job)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  DossierFetchResult *result = job->result;
  g_autoptr(DossierParsedFeed) parsed = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(DossierSubscription) subscription = g_new0 (DossierSubscription, 1);
  g_autoptr(DossierFeedOutcome) outcome = g_new0 (DossierFeedOutcome, 1);
  g_autoptr(DossierQuery) items = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(GError) error = NULL;
  const char *signing = "unsigned";
  const char *key = NULL;
  gboolean used_next = FALSE;
  gint64 timestamp = -1;
  const char *url;
  DossierStore *store;

  if (job->fetch_error)
    {
      g_task_return_error (task, g_steal_pointer (&job->fetch_error));
      return;
    }
  if (result->not_modified || result->body == NULL || g_bytes_get_size (result->body) == 0)
    {
      g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                               /* Translators: %s is a web address */
                               _("The server at %s sent nothing: there is no feed there."), job->url);
      return;
    }

  /* a key given: nothing is read before its signature is checked */
  if (job->public_key)
    {
      if (!job->signature_fetched)
        {
          job->want_signature = TRUE;
          g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
          return;
        }
      if (!verify_update (job, result->body, job->public_key, NULL, 0, &used_next, &timestamp, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      signing = "signed";
      key = job->public_key;
    }

  parsed = dossier_feed_parse (result->body, result->content_type, result->url, &error);
  if (parsed == NULL)
    {
      g_autoptr(GPtrArray) candidates = NULL;

      if (!g_error_matches (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED) || job->discovered)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* a web page: the feeds it links */
      candidates = dossier_feed_discover (result->body, result->content_type, result->url);
      if (candidates == NULL || candidates->len == 0)
        {
          g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_NOT_A_FEED,
                                   /* Translators: %s is a web address */
                                   _("%s is a web page, not a feed, and it links no feed. Look on the site "
                                     "for a link named RSS, Atom or Feed, and add that address."),
                                   result->url);
          return;
        }
      subscription->candidates = g_steal_pointer (&candidates);
      g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
      return;
    }

  /* no key given, and the campaign's file names its own: offered to the
   * volunteer to trust, once its signature shows the file is signed with
   * it; nothing is applied before */
  if (job->public_key == NULL && parsed->signing_key)
    {
      if (!job->signature_fetched)
        {
          job->want_signature = TRUE;
          g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
          return;
        }
      if (!verify_update (job, result->body, parsed->signing_key, NULL, 0, &used_next, &timestamp, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      signing = "pending";
      key = parsed->signing_key;
    }

  if (!ensure_writer_store (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = self->writer_store;
  /* a 301 or 308 on the way: the feed lives at its new address */
  url = result->permanent_url ? result->permanent_url : job->url;
  if (!dossier_store_begin_bulk (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (url_taken (store, url, NULL))
    {
      dossier_store_rollback (store);
      g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                               _("You are already subscribed to this feed."));
      return;
    }
  feed = DOSSIER_RECORD (dossier_feed_new ());
  dossier_record_set_string (feed, "url", url);
  dossier_record_set_string (feed, "title", parsed->title ? parsed->title : "");
  dossier_record_set_boolean (feed, "allow-http", job->allow_http);
  dossier_record_set_string (feed, "proxy", job->proxy ? job->proxy : "system");
  dossier_record_set_string (feed, "proxy-url", job->proxy_url ? job->proxy_url : "");
  dossier_record_set_string (feed, "signing", signing);
  dossier_record_set_string (feed, "public-key", key ? key : "");
  dossier_record_set_string (feed, "key-origin", job->public_key ? "given" : key ? "first-use" : "");
  if (g_str_equal (signing, "pending"))
    {
      g_autofree char *now = dossier_now_timestamp ();

      /* kept, and not fetched, until the volunteer decides */
      dossier_record_set_string (feed, "last-fetch", now);
      dossier_record_set_string (feed, "format", dossier_feed_format_id (parsed->format));
      if (!dossier_store_create (store, feed, &error) || !dossier_store_commit (store, &error))
        {
          dossier_store_rollback (store);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      subscription->feed_id = g_strdup (dossier_record_get_id (feed));
      subscription->title = g_strdup (*dossier_record_get_string (feed, "title") ?
                                      dossier_record_get_string (feed, "title") : url);
      subscription->offered_key = g_strdup (key);
      subscription->fingerprint = dossier_minisign_fingerprint_of (key);
      g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
      return;
    }
  if (!dossier_store_create (store, feed, &error) ||
      !store_document (self, store, feed, parsed, result->body, outcome, cancellable, &error))
    {
      dossier_store_rollback (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  note_success (feed, job);
  if (g_str_equal (signing, "signed"))
    note_signature (feed, parsed, used_next, timestamp);
  if (!dossier_store_update (store, feed, &error))
    {
      dossier_store_rollback (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!dossier_store_commit (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  dossier_query_filter_text (items, "feed-id", DOSSIER_QUERY_EQ, dossier_record_get_id (feed));
  subscription->feed_id = g_strdup (dossier_record_get_id (feed));
  subscription->title = g_strdup (*dossier_record_get_string (feed, "title") ?
                                  dossier_record_get_string (feed, "title") : url);
  subscription->items = (guint) MAX (dossier_store_count (store, items, NULL), 0);
  g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
}

static gboolean
unref_task (gpointer task)
{
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
writer_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  DossierFeedUpdater *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (job->subscribing)
    subscribe_in_writer (self, task, job);
  else
    refresh_in_writer (self, task, job);
  /* The task holds the updater. Were its last reference dropped here, the
   * updater would be finalized in this thread, and wait for it to end: it
   * is dropped in the task's context. (Not g_main_context_invoke(), which
   * runs here when this thread can take the context.) */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_callback (source, unref_task, task, NULL);
    g_source_set_static_name (source, "[dossier] feed job done");
    g_source_attach (source, g_task_get_context (task));
    g_source_unref (source);
  }
}

/* ---- the main context: refreshing ---- */

static void
flush_changes (DossierFeedUpdater *self)
{
  g_clear_handle_id (&self->changes_timer, g_source_remove);
  if (self->records_changed)
    dossier_campaign_notify_changed (self->store);
  else
    {
      if (self->feeds_changed)
        dossier_store_notify_changed (self->store, DOSSIER_TYPE_FEED);
      if (self->items_changed)
        dossier_store_notify_changed (self->store, DOSSIER_TYPE_FEED_ITEM);
    }
  self->feeds_changed = self->items_changed = self->records_changed = FALSE;
}

static gboolean
on_changes_timeout (gpointer data)
{
  DossierFeedUpdater *self = data;

  self->changes_timer = 0;
  flush_changes (self);
  return G_SOURCE_REMOVE;
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DossierFeedUpdater *self = DOSSIER_FEED_UPDATER (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(DossierFeedOutcome) outcome = g_task_propagate_pointer (G_TASK (result), NULL);

  if (outcome == NULL)
    {
      outcome = g_new0 (DossierFeedOutcome, 1);
      outcome->feed_id = g_strdup (job->feed_id);
      outcome->title = g_strdup (job->url);
      outcome->cancelled = TRUE;
    }
  g_hash_table_remove (self->running, job->feed_id);
  if (job->retry_after > 0)
    {
      char *host = host_of (job->url);

      if (host)
        g_hash_table_insert (self->host_wait, host,
                             g_memdup2 (&(gint64) { g_get_real_time () + job->retry_after * G_USEC_PER_SEC },
                                        sizeof (gint64)));
    }

  if (outcome && !outcome->cancelled)
    {
      /* another connection wrote: the window's learns of it, soon */
      self->feeds_changed = TRUE;
      self->items_changed |= outcome->added || outcome->updated;
      self->records_changed |= outcome->records > 0;
      if (self->changes_timer == 0)
        self->changes_timer = g_timeout_add (CHANGES_INTERVAL_MS, on_changes_timeout, self);
    }
  /* the last one: the window is told at once */
  if (g_hash_table_size (self->running) == 0)
    flush_changes (self);
  if (outcome)
    g_signal_emit (self, signals[FEED_FINISHED], 0, outcome);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFRESHING]);
  if (g_hash_table_size (self->running) == 0)
    schedule_next (self);
}

/* FILE.minisig, beside the FILE the job fetched: at most a few KiB,
 * through the feed's proxy, never conditional. */
static void
fetch_signature (DossierFeedUpdater  *self,
                 Job                 *job,
                 const char          *proxy,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 GTask               *task)
{
  g_autofree char *url = dossier_feed_signature_url (job->result->url ? job->result->url : job->url);
  DossierFetchRequest request = { 0, };

  request.url = url;
  request.allow_http = job->allow_http;
  request.proxy = proxy;
  request.max_bytes = DOSSIER_MINISIGN_MAX_FILE_BYTES;
  dossier_fetcher_fetch_async (self->fetcher, &request, cancellable, callback, task);
}

static void
take_signature (Job          *job,
                GObject      *fetcher,
                GAsyncResult *result)
{
  g_autoptr(DossierFetchResult) fetched = NULL;
  gint64 retry_after = -1;

  fetched = dossier_fetcher_fetch_finish (DOSSIER_FETCHER (fetcher), result, &retry_after, &job->signature_error);
  if (fetched && fetched->body)
    job->signature = g_bytes_ref (fetched->body);
  job->signature_fetched = TRUE;
}

static void
on_signature_fetched (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierFeedUpdater *self = g_task_get_source_object (task);

  take_signature (g_task_get_task_data (task), source, result);
  g_thread_pool_push (self->writer, g_steal_pointer (&task), NULL);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierFeedUpdater *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  job->retry_after = -1;
  job->result = dossier_fetcher_fetch_finish (DOSSIER_FETCHER (source), result, &job->retry_after, &job->fetch_error);
  if (job->want_signature && job->result && !job->result->not_modified)
    {
      fetch_signature (self, job, request_proxy (self, job->proxy, job->proxy_url), self->cancellable,
                       on_signature_fetched, g_steal_pointer (&task));
      return;
    }
  g_thread_pool_push (self->writer, g_steal_pointer (&task), NULL);
}

static gboolean
host_is_waiting (DossierFeedUpdater *self,
                 const char         *url)
{
  g_autofree char *host = host_of (url);
  gint64 *until = host ? g_hash_table_lookup (self->host_wait, host) : NULL;

  return until && *until > g_get_real_time ();
}

static void
start_refresh (DossierFeedUpdater *self,
               DossierRecord      *feed)
{
  Job *job = g_new0 (Job, 1);
  GTask *task = g_task_new (self, self->cancellable, on_refreshed, NULL);
  gint64 interval = dossier_record_get_int (feed, "refresh-interval");
  DossierFetchRequest request = { 0, };

  job->feed_id = g_strdup (dossier_record_get_id (feed));
  job->url = g_strdup (dossier_record_get_string (feed, "url"));
  job->interval = interval > 0 ? (guint) MIN (interval, G_MAXUINT / 60) : self->interval;
  job->allow_http = dossier_record_get_boolean (feed, "allow-http");
  job->proxy = g_strdup (dossier_record_get_string (feed, "proxy"));
  job->proxy_url = g_strdup (dossier_record_get_string (feed, "proxy-url"));
  job->want_signature = g_str_equal (dossier_record_get_string (feed, "signing"), "signed");
  job->retry_after = -1;
  g_task_set_task_data (task, job, job_free);
  g_task_set_source_tag (task, start_refresh);
  /* a cancelled refresh still reports, as cancelled */
  g_task_set_check_cancellable (task, FALSE);

  g_hash_table_add (self->running, g_strdup (job->feed_id));
  g_signal_emit (self, signals[FEED_STARTED], 0, job->feed_id);

  request.url = job->url;
  request.allow_http = job->allow_http;
  request.etag = dossier_record_get_string (feed, "etag");
  request.last_modified = dossier_record_get_string (feed, "last-modified");
  request.proxy = request_proxy (self, job->proxy, job->proxy_url);
  dossier_fetcher_fetch_async (self->fetcher, &request, self->cancellable, on_fetched, task);
}

/**
 * dossier_feed_updater_refresh:
 * @feed_id: (nullable): the feed to refresh, or %NULL for every feed that
 *   is on
 * @due_only: only the feeds whose next fetch has come
 *
 * Starts refreshing; each feed reports with ::feed-started and
 * ::feed-finished. A feed being refreshed is not started again, nor one
 * whose server asked us to wait.
 *
 * Returns: how many feeds were started
 */
guint
dossier_feed_updater_refresh (DossierFeedUpdater *self,
                              const char         *feed_id,
                              gboolean            due_only)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  guint started = 0;

  g_return_val_if_fail (DOSSIER_IS_FEED_UPDATER (self), 0);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  if (feed_id)
    {
      DossierRecord *feed = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED, feed_id, NULL);

      feeds = g_ptr_array_new_with_free_func (g_object_unref);
      if (feed)
        g_ptr_array_add (feeds, feed);
    }
  else
    {
      dossier_query_filter_int (query, "enabled", DOSSIER_QUERY_EQ, 1);
      dossier_query_sort (query, "title", FALSE);
      feeds = dossier_store_query (self->store, query, 0, G_MAXUINT, &error);
      if (feeds == NULL)
        {
          g_warning ("Could not read the feeds: %s", error->message);
          return 0;
        }
    }

  for (guint i = 0; i < feeds->len; i++)
    {
      DossierRecord *feed = feeds->pdata[i];
      const char *url = dossier_record_get_string (feed, "url");
      gint64 next = timestamp_time (dossier_record_get_string (feed, "next-fetch"));

      if (*url == '\0' || g_hash_table_contains (self->running, dossier_record_get_id (feed)))
        continue;
      /* its key waits for the volunteer: nothing of it is applied before */
      if (g_str_equal (dossier_record_get_string (feed, "signing"), "pending"))
        continue;
      if (due_only && next > now)
        continue;
      if (host_is_waiting (self, url))
        continue;
      start_refresh (self, feed);
      started++;
    }
  if (started > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REFRESHING]);
  return started;
}

void
dossier_feed_updater_cancel (DossierFeedUpdater *self)
{
  g_return_if_fail (DOSSIER_IS_FEED_UPDATER (self));

  g_cancellable_cancel (self->cancellable);
}

gboolean
dossier_feed_updater_is_refreshing (DossierFeedUpdater *self,
                                    const char         *feed_id)
{
  g_return_val_if_fail (DOSSIER_IS_FEED_UPDATER (self), FALSE);

  return feed_id && g_hash_table_contains (self->running, feed_id);
}

guint
dossier_feed_updater_get_n_refreshing (DossierFeedUpdater *self)
{
  g_return_val_if_fail (DOSSIER_IS_FEED_UPDATER (self), 0);

  return g_hash_table_size (self->running);
}

/* ---- the schedule ---- */

static gboolean
on_timer (gpointer data)
{
  DossierFeedUpdater *self = data;

  self->timer = 0;
  if (dossier_feed_updater_refresh (self, NULL, TRUE) == 0)
    schedule_next (self);
  return G_SOURCE_REMOVE;
}

/* Wakes up when the next feed is due: at most an hour from now, so that a
 * suspended laptop or a changed clock is caught up with. */
static void
schedule_next (DossierFeedUpdater *self)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);
  g_autoptr(GPtrArray) feeds = NULL;
  gint64 now = g_get_real_time ();
  gint64 soonest = now + (gint64) G_USEC_PER_SEC * 60 * 60;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (!self->scheduled || g_hash_table_size (self->running) > 0)
    return;

  dossier_query_filter_int (query, "enabled", DOSSIER_QUERY_EQ, 1);
  feeds = dossier_store_query (self->store, query, 0, G_MAXUINT, NULL);
  for (guint i = 0; feeds && i < feeds->len; i++)
    {
      DossierRecord *feed = feeds->pdata[i];
      gint64 next;

      if (*dossier_record_get_string (feed, "url") == '\0' ||
          g_str_equal (dossier_record_get_string (feed, "signing"), "pending"))
        continue;
      next = timestamp_time (dossier_record_get_string (feed, "next-fetch"));
      if (host_is_waiting (self, dossier_record_get_string (feed, "url")))
        {
          g_autofree char *host = host_of (dossier_record_get_string (feed, "url"));
          next = MAX (next, *(gint64 *) g_hash_table_lookup (self->host_wait, host));
        }
      soonest = MIN (soonest, next);
    }
  /* a second's grace: a burst of changes is one wake-up */
  self->timer = g_timeout_add_seconds ((guint) CLAMP ((soonest - now) / G_USEC_PER_SEC, 1, 60 * 60),
                                       on_timer, self);
  g_source_set_name_by_id (self->timer, "[dossier] feed schedule");
}

/**
 * dossier_feed_updater_set_scheduled:
 *
 * While @scheduled, feeds are refreshed as they come due: the window does
 * this while it is open.
 */
void
dossier_feed_updater_set_scheduled (DossierFeedUpdater *self,
                                    gboolean            scheduled)
{
  g_return_if_fail (DOSSIER_IS_FEED_UPDATER (self));

  self->scheduled = scheduled;
  schedule_next (self);
}

/**
 * dossier_feed_updater_set_defaults:
 * @interval_minutes: minutes between two fetches of a feed that follows
 *   Preferences
 * @proxy: (nullable): the proxy of feeds that follow Preferences: %NULL for
 *   the system's settings, "none", or a proxy address
 */
void
dossier_feed_updater_set_defaults (DossierFeedUpdater *self,
                                   guint               interval_minutes,
                                   const char         *proxy)
{
  g_return_if_fail (DOSSIER_IS_FEED_UPDATER (self));

  self->interval = MAX (interval_minutes, 1);
  g_free (self->proxy);
  self->proxy = g_strdup (proxy && *proxy ? proxy : NULL);
  schedule_next (self);
}

static void
on_store_changed (DossierStore       *store,
                  GType               kind,
                  DossierFeedUpdater *self)
{
  /* a feed added, edited or turned on: it may be due sooner */
  if (kind == DOSSIER_TYPE_FEED && self->timer != 0)
    schedule_next (self);
}

/* ---- the main context: subscribing ---- */

static void subscribe_fetch (DossierFeedUpdater *self,
                             GTask              *task);
static void on_subscribe_signature_fetched (GObject      *source,
                                            GAsyncResult *result,
                                            gpointer      user_data);

static void
on_subscribe_stored (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DossierFeedUpdater *self = DOSSIER_FEED_UPDATER (source);
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierSubscription) subscription = g_task_propagate_pointer (G_TASK (result), &error);

  if (subscription == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->want_signature && !job->signature_fetched)
    {
      /* the writer needs the signature before it reads on */
      GCancellable *cancellable = g_task_get_cancellable (task);

      fetch_signature (self, job, request_proxy (self, job->proxy, job->proxy_url), cancellable,
                       on_subscribe_signature_fetched, g_steal_pointer (&task));
      return;
    }
  if (subscription->feed_id)
    {
      dossier_store_notify_changed (self->store, DOSSIER_TYPE_FEED);
      dossier_store_notify_changed (self->store, DOSSIER_TYPE_FEED_ITEM);
      dossier_campaign_notify_changed (self->store);
      g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
      return;
    }
  if (subscription->candidates->len == 1)
    {
      /* one feed on the page: that is the one */
      DossierDiscoveredFeed *found = subscription->candidates->pdata[0];

      g_free (job->url);
      job->url = g_strdup (found->url);
      job->discovered = TRUE;
      g_clear_pointer (&job->result, dossier_fetch_result_free);
      job->want_signature = job->signature_fetched = FALSE;
      g_clear_pointer (&job->signature, g_bytes_unref);
      g_clear_error (&job->signature_error);
      subscribe_fetch (self, g_steal_pointer (&task));
      return;
    }
  /* several: the volunteer picks */
  g_task_return_pointer (task, g_steal_pointer (&subscription), (GDestroyNotify) dossier_subscription_free);
}

/* The writer works on the same job; the task that waits for it keeps it. */
static void
push_subscribe_stage (DossierFeedUpdater *self,
                      GTask              *task)
{
  GTask *stage = g_task_new (self, g_task_get_cancellable (task), on_subscribe_stored, task);

  g_task_set_task_data (stage, g_task_get_task_data (task), NULL);
  g_thread_pool_push (self->writer, stage, NULL);
}

static void
on_subscribe_fetched (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierFeedUpdater *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  job->result = dossier_fetcher_fetch_finish (DOSSIER_FETCHER (source), result, &job->retry_after, &job->fetch_error);
  if (g_error_matches (job->fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&job->fetch_error));
      return;
    }
  push_subscribe_stage (self, g_steal_pointer (&task));
}

static void
on_subscribe_signature_fetched (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DossierFeedUpdater *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  take_signature (job, source, result);
  if (g_error_matches (job->signature_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&job->signature_error));
      return;
    }
  push_subscribe_stage (self, g_steal_pointer (&task));
}

static void
subscribe_fetch (DossierFeedUpdater *self,
                 GTask              *task)
{
  Job *job = g_task_get_task_data (task);
  DossierFetchRequest request = { 0, };
  g_autoptr(GError) error = NULL;

  if (!job->allow_http && g_ascii_strncasecmp (job->url, "http:", 5) == 0)
    {
      g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_INSECURE,
                               /* Translators: %s is a web address; keep “Allow Plain HTTP” as the
                                * switch of the Add Feed dialog is translated, and --allow-http as it is */
                               _("%s is a plain http:// address: what it sends can be read and changed on "
                                 "the way. To subscribe to it anyway, turn on “Allow Plain HTTP” "
                                 "(--allow-http on the command line)."), job->url);
      g_object_unref (task);
      return;
    }
  if (url_taken (self->store, job->url, NULL))
    {
      g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                               _("You are already subscribed to this feed."));
      g_object_unref (task);
      return;
    }
  request.url = job->url;
  request.allow_http = job->allow_http;
  request.proxy = request_proxy (self, job->proxy, job->proxy_url);
  job->retry_after = -1;
  dossier_fetcher_fetch_async (self->fetcher, &request, g_task_get_cancellable (task),
                               on_subscribe_fetched, task);
}

/**
 * dossier_feed_updater_subscribe_async:
 * @url: the address of a feed, or of a web page that links feeds
 * @allow_http: whether a plain http:// feed is accepted
 * @proxy: (nullable): "system" (as in Preferences, the default), "none" or
 *   "custom"
 * @proxy_url: (nullable): the proxy address when @proxy is "custom"
 * @public_key: (nullable): the minisign public key the feed's updates
 *   must be signed with ("RW…"), or %NULL or "" to take the feed as it
 *   is. With a key, a feed whose signature is missing or not made with it
 *   is refused, and nothing is stored. Without one, a campaign whose file
 *   names its key is stored with nothing applied, and the result offers
 *   that key to trust (DossierSubscription.offered_key).
 *
 * Fetches @url once and subscribes to the feed it is, or that the page it
 * is links to when it links one. When the page links several, the result
 * lists them for the volunteer to pick and nothing is stored.
 */
void
dossier_feed_updater_subscribe_async (DossierFeedUpdater  *self,
                                      const char          *url,
                                      gboolean             allow_http,
                                      const char          *proxy,
                                      const char          *proxy_url,
                                      const char          *public_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (DOSSIER_IS_FEED_UPDATER (self));

  g_task_set_source_tag (task, dossier_feed_updater_subscribe_async);
  job = g_new0 (Job, 1);
  job->subscribing = TRUE;
  job->allow_http = allow_http;
  job->interval = self->interval;
  job->proxy = g_strdup (proxy ? proxy : "system");
  job->proxy_url = g_strdup (proxy_url ? proxy_url : "");
  job->retry_after = -1;
  g_task_set_task_data (task, job, job_free);

  if ((job->url = dossier_feed_normalize_url (url, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (public_key && *public_key)
    {
      g_autoptr(DossierMinisignKey) key = dossier_minisign_key_parse (public_key, &error);

      if (key == NULL)
        {
          g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_ADDRESS,
                                   /* Translators: %s says what is wrong with the key, a sentence */
                                   _("The campaign’s key cannot be used: %s"), error->message);
          return;
        }
      job->public_key = dossier_minisign_key_to_string (key);
    }
  if (g_strcmp0 (job->proxy, "custom") == 0 && *job->proxy_url == '\0')
    {
      g_task_return_new_error (task, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_PROXY,
                               _("Enter the address of the proxy for this feed, such as socks5://127.0.0.1:9050."));
      return;
    }
  subscribe_fetch (self, g_steal_pointer (&task));
}

DossierSubscription *
dossier_feed_updater_subscribe_finish (DossierFeedUpdater  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the key of a feed ---- */

/* A new key, or none: what the feed was fetched with no longer says
 * anything, so its next fetch reads the whole feed again. */
static void
forget_validators (DossierRecord *feed)
{
  dossier_record_set_string (feed, "etag", "");
  dossier_record_set_string (feed, "last-modified", "");
  dossier_record_set_string (feed, "next-fetch", NULL);
}

/**
 * dossier_feed_set_public_key:
 * @feed: a feed's record
 * @key_text: (nullable): the minisign public key ("RW…") its updates must
 *   be signed with from now on, or %NULL or "" for none
 *
 * Pins @key_text as given by the volunteer (or takes the pin away: the
 * feed is then unsigned, and shown as such). An announced next key is
 * forgotten; the time of the last signature is kept, so that an older
 * update is still refused. Nothing is stored: the caller updates @feed.
 *
 * Returns: %FALSE with @error set when @key_text is not a key
 */
gboolean
dossier_feed_set_public_key (DossierRecord  *feed,
                             const char     *key_text,
                             GError        **error)
{
  g_autoptr(DossierMinisignKey) key = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (DOSSIER_IS_FEED (feed), FALSE);

  if (key_text && *key_text && (key = dossier_minisign_key_parse (key_text, error)) == NULL)
    return FALSE;
  normal = key ? dossier_minisign_key_to_string (key) : g_strdup ("");
  if (g_str_equal (normal, dossier_record_get_string (feed, "public-key")) &&
      !g_str_equal (dossier_record_get_string (feed, "signing"), "pending"))
    return TRUE;
  dossier_record_set_string (feed, "signing", key ? "signed" : "unsigned");
  dossier_record_set_string (feed, "public-key", normal);
  dossier_record_set_string (feed, "next-public-key", "");
  dossier_record_set_string (feed, "key-origin", key ? "given" : "");
  dossier_record_set_boolean (feed, "last-refused", FALSE);
  forget_validators (feed);
  return TRUE;
}

/**
 * dossier_feed_updater_trust_key:
 * @feed_id: a feed whose key waits to be trusted ("pending")
 *
 * The volunteer trusts the key the feed's own file named when they
 * subscribed (trust on first use): it is pinned, and the feed is fetched
 * and applied now, as every update after it, if signed with that key.
 *
 * Returns: %FALSE with @error set when the feed has no key waiting, or
 *   could not be stored
 */
gboolean
dossier_feed_updater_trust_key (DossierFeedUpdater  *self,
                                const char          *feed_id,
                                GError             **error)
{
  g_autoptr(DossierRecord) feed = NULL;

  g_return_val_if_fail (DOSSIER_IS_FEED_UPDATER (self), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  feed = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED, feed_id, error);
  if (feed == NULL)
    return FALSE;
  if (!g_str_equal (dossier_record_get_string (feed, "signing"), "pending"))
    {
      g_set_error_literal (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                           _("This feed has no key waiting for you to trust it."));
      return FALSE;
    }
  dossier_record_set_string (feed, "signing", "signed");
  dossier_record_set_string (feed, "key-origin", "first-use");
  forget_validators (feed);
  if (!dossier_store_update (self->store, feed, error))
    return FALSE;
  dossier_feed_updater_refresh (self, feed_id, FALSE);
  return TRUE;
}

/* ---- the object ---- */

DossierFetcher *
dossier_feed_updater_get_fetcher (DossierFeedUpdater *self)
{
  g_return_val_if_fail (DOSSIER_IS_FEED_UPDATER (self), NULL);

  return self->fetcher;
}

static void
dossier_feed_updater_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DossierFeedUpdater *self = DOSSIER_FEED_UPDATER (object);

  switch (prop_id)
    {
    case PROP_N_REFRESHING:
      g_value_set_uint (value, g_hash_table_size (self->running));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_feed_updater_dispose (GObject *object)
{
  DossierFeedUpdater *self = DOSSIER_FEED_UPDATER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_handle_id (&self->changes_timer, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);

  G_OBJECT_CLASS (dossier_feed_updater_parent_class)->dispose (object);
}

static void
dossier_feed_updater_finalize (GObject *object)
{
  DossierFeedUpdater *self = DOSSIER_FEED_UPDATER (object);

  /* every job holds a reference: none is left by now */
  g_thread_pool_free (self->writer, FALSE, TRUE);
  g_clear_object (&self->writer_store);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->running, g_hash_table_unref);
  g_clear_pointer (&self->host_wait, g_hash_table_unref);
  g_free (self->store_path);
  g_free (self->proxy);

  G_OBJECT_CLASS (dossier_feed_updater_parent_class)->finalize (object);
}

static void
dossier_feed_updater_class_init (DossierFeedUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dossier_feed_updater_get_property;
  object_class->dispose = dossier_feed_updater_dispose;
  object_class->finalize = dossier_feed_updater_finalize;

  properties[PROP_N_REFRESHING] =
    g_param_spec_uint ("n-refreshing", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierFeedUpdater::feed-started:
   * @feed_id: the feed
   */
  signals[FEED_STARTED] =
    g_signal_new ("feed-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DossierFeedUpdater::feed-finished:
   * @outcome: what the refresh did
   */
  signals[FEED_FINISHED] =
    g_signal_new ("feed-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  DOSSIER_TYPE_FEED_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dossier_feed_updater_init (DossierFeedUpdater *self)
{
  self->fetcher = dossier_fetcher_new ();
  self->cancellable = g_cancellable_new ();
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host_wait = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->interval = 60;
  self->writer = g_thread_pool_new (writer_run, self, 1, FALSE, NULL);
}

/**
 * dossier_feed_updater_new:
 * @store: the store the feeds are in, used in the main context
 *
 * Returns: (transfer full): an updater for the feeds of @store; the writer
 *   thread opens the same file with a connection of its own.
 */
DossierFeedUpdater *
dossier_feed_updater_new (DossierStore *store)
{
  DossierFeedUpdater *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  self = g_object_new (DOSSIER_TYPE_FEED_UPDATER, NULL);
  self->store = g_object_ref (store);
  self->store_path = g_strdup (dossier_store_get_path (store));
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}
