/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-feed.h"
#include "dossier-feed-error.h"
#include "dossier-feed-item.h"
#include "dossier-feed-updater.h"
#include "dossier-minisign.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"

/* Signed campaign feeds end to end: a real SoupServer on 127.0.0.1 serves
 * a campaign and its FILE.minisig; the updater subscribes and refreshes
 * into an on-disk store. A good signature applies the update; a signature
 * missing, damaged, too large, made with another key, older than the last
 * one, or a file changed by one byte, changes nothing but the feed's note
 * of why, in the words a volunteer reads. Keys rotate only when an update
 * signed with the old one announced the new one. The campaign signed by
 * the real `minisign` subscribes too. */

#define BASE_TIME G_GINT64_CONSTANT (1700000000)

typedef struct {
  char               *dir;
  DossierStore       *store;
  DossierFeedUpdater *updater;
  SoupServer         *server;
  char               *base;       /* http://127.0.0.1:PORT */
  GHashTable         *files;      /* path → GBytes */
  GHashTable         *hits;       /* path → requests */
  GPtrArray          *outcomes;
  guint               pending;
  GMainLoop          *loop;
  /* the campaign's key, another of the campaign's, and a stranger's */
  DossierMinisignSecretKey *k1, *k2, *k3;
  char               *k1_text, *k2_text, *k3_text;
} Fixture;

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  Fixture *f = data;
  GBytes *body = g_hash_table_lookup (f->files, path);

  g_hash_table_insert (f->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path)) + 1));
  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "not here", 8);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, g_str_has_suffix (path, ".minisig") ? "text/plain" : "application/feed+json",
                                    SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
put (Fixture    *f,
     const char *path,
     const char *text,
     gssize      length)
{
  if (text == NULL)
    g_hash_table_remove (f->files, path);
  else
    g_hash_table_insert (f->files, g_strdup (path), g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length));
}

static guint
hits (Fixture    *f,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

static char *
key_text (DossierMinisignSecretKey *secret)
{
  g_autoptr(DossierMinisignKey) key = dossier_minisign_secret_key_get_public (secret);

  return dossier_minisign_key_to_string (key);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  f->dir = dossier_test_make_dir ();
  f->store = dossier_test_open_store (f->dir);
  f->updater = dossier_feed_updater_new (f->store);
  dossier_fetcher_set_timeouts (dossier_feed_updater_get_fetcher (f->updater), 2, 5);
  dossier_feed_updater_set_defaults (f->updater, 60, "none");
  f->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_feed_outcome_free);
  f->loop = g_main_loop_new (NULL, FALSE);
  f->k1 = dossier_minisign_secret_key_generate ();
  f->k2 = dossier_minisign_secret_key_generate ();
  f->k3 = dossier_minisign_secret_key_generate ();
  f->k1_text = key_text (f->k1);
  f->k2_text = key_text (f->k2);
  f->k3_text = key_text (f->k3);

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, on_request, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_check_integrity (f->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);

  g_clear_object (&f->updater);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->files, g_hash_table_unref);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->outcomes, g_ptr_array_unref);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_clear_pointer (&f->k1, dossier_minisign_secret_key_free);
  g_clear_pointer (&f->k2, dossier_minisign_secret_key_free);
  g_clear_pointer (&f->k3, dossier_minisign_secret_key_free);
  g_free (f->k1_text);
  g_free (f->k2_text);
  g_free (f->k3_text);
  g_free (f->base);
  dossier_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* ---- campaigns and signatures ---- */

/* A campaign of one case and one news item; @header_keys is what goes
 * into the header's `_dossier` after the format. */
static char *
campaign (const char *case_name,
          const char *news_title,
          const char *signing_key,
          const char *next_key)
{
  g_autofree char *keys = g_strdup_printf ("%s%s%s%s%s%s",
                                           signing_key ? ",\"signing_key\":\"" : "", signing_key ? signing_key : "",
                                           signing_key ? "\"" : "",
                                           next_key ? ",\"next_signing_key\":\"" : "", next_key ? next_key : "",
                                           next_key ? "\"" : "");

  return g_strdup_printf ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Signed campaign\","
                          "\"_dossier\":{\"format\":1%s},\"items\":["
                          "{\"id\":\"case-1\",\"title\":\"%s\",\"_dossier\":{\"type\":\"case\",\"id\":\"case-1\","
                          "\"name\":\"%s\",\"status\":\"imprisoned\"}},"
                          "{\"id\":\"news-1\",\"title\":\"%s\",\"content_text\":\"The court met.\"}]}\n",
                          keys, case_name, case_name, news_title);
}

static char *
sign_at (DossierMinisignSecretKey *key,
         const char               *text,
         gint64                    timestamp)
{
  g_autofree char *comment = dossier_minisign_default_comment ("campaign.json", timestamp);
  g_autoptr(GError) error = NULL;
  char *signature = dossier_minisign_sign (key, (const guint8 *) text, strlen (text), comment, &error);

  g_assert_no_error (error);
  return signature;
}

/* Serves @text as /campaign.json, signed with @key at @timestamp (no
 * signature when @key is NULL). */
static void
publish (Fixture                  *f,
         const char               *text,
         DossierMinisignSecretKey *key,
         gint64                    timestamp)
{
  put (f, "/campaign.json", text, -1);
  if (key)
    {
      g_autofree char *signature = sign_at (key, text, timestamp);

      put (f, "/campaign.json.minisig", signature, -1);
    }
  else
    put (f, "/campaign.json.minisig", NULL, 0);
}

/* ---- driving the updater ---- */

typedef struct {
  GMainLoop           *loop;
  DossierSubscription *subscription;
  GError              *error;
} Subscribing;

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Subscribing *state = data;

  state->subscription = dossier_feed_updater_subscribe_finish (DOSSIER_FEED_UPDATER (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static DossierSubscription *
subscribe (Fixture     *f,
           const char  *key,
           GError     **error)
{
  g_autofree char *url = g_strconcat (f->base, "/campaign.json", NULL);
  Subscribing state = { f->loop, NULL, NULL };

  dossier_feed_updater_subscribe_async (f->updater, url, TRUE, "system", NULL, key, NULL, on_subscribed, &state);
  g_main_loop_run (f->loop);
  if (state.error)
    g_propagate_error (error, state.error);
  return state.subscription;
}

static void
on_feed_finished (DossierFeedUpdater *updater,
                  DossierFeedOutcome *outcome,
                  Fixture            *f)
{
  g_ptr_array_add (f->outcomes, dossier_feed_outcome_copy (outcome));
  if (--f->pending == 0)
    g_main_loop_quit (f->loop);
}

static void
wait_for_refresh (Fixture *f,
                  guint    started)
{
  f->pending = started;
  if (f->pending > 0)
    g_main_loop_run (f->loop);
}

static DossierFeedOutcome *
refresh (Fixture    *f,
         const char *feed_id)
{
  gulong handler = g_signal_connect (f->updater, "feed-finished", G_CALLBACK (on_feed_finished), f);

  g_ptr_array_set_size (f->outcomes, 0);
  wait_for_refresh (f, dossier_feed_updater_refresh (f->updater, feed_id, FALSE));
  g_signal_handler_disconnect (f->updater, handler);
  return f->outcomes->len > 0 ? f->outcomes->pdata[0] : NULL;
}

static DossierRecord *
feed_record (Fixture    *f,
             const char *id)
{
  DossierRecord *feed = dossier_store_fetch (f->store, DOSSIER_TYPE_FEED, id, NULL);

  g_assert_nonnull (feed);
  return feed;
}

static char *
case_name (Fixture *f)
{
  g_autoptr(DossierRecord) kase = dossier_store_fetch (f->store, DOSSIER_TYPE_CASE, "case-1", NULL);

  return kase ? g_strdup (dossier_record_get_string (kase, "name")) : NULL;
}

static gint64
count (Fixture *f,
       GType    type)
{
  g_autoptr(DossierQuery) query = dossier_query_new (type);

  return dossier_store_count (f->store, query, NULL);
}

/* The campaign's records and the feed items: equal before and after
 * means nothing of an update was applied. */
static char *
snapshot (Fixture *f)
{
  g_autoptr(DossierQuery) items = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);
  g_autoptr(GPtrArray) all_items = NULL;
  g_autofree char *exported = dossier_campaign_export (f->store, "snapshot", NULL);
  GString *text = g_string_new (exported);

  dossier_query_sort (items, "guid", FALSE);
  all_items = dossier_store_query (f->store, items, 0, G_MAXUINT, NULL);
  for (guint i = 0; i < all_items->len; i++)
    g_string_append_printf (text, "\nitem %s %s", dossier_record_get_string (all_items->pdata[i], "guid"),
                            dossier_record_get_string (all_items->pdata[i], "title"));
  return g_string_free (text, FALSE);
}

/* Subscribed with k1 given, to version 1 signed at BASE_TIME. */
static char *
subscribe_signed (Fixture *f)
{
  g_autofree char *v1 = campaign ("Alnur Ilyashev", "Hearing", NULL, NULL);
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(GError) error = NULL;

  publish (f, v1, f->k1, BASE_TIME);
  subscription = subscribe (f, f->k1_text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (subscription->feed_id);
  g_assert_null (subscription->offered_key);
  return g_strdup (subscription->feed_id);
}

/* ---- the tests ---- */

/* A key given with the address: the update signed with it is applied,
 * the next one too, and the feed says where its key came from. */
static void
test_given_key (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *feed_id = subscribe_signed (f);
  g_autoptr(DossierRecord) feed = feed_record (f, feed_id);
  g_autofree char *name = case_name (f);
  g_autofree char *v2 = campaign ("Alnur Ilyashev (released)", "Released", NULL, NULL);
  DossierFeedOutcome *outcome;

  g_assert_cmpstr (name, ==, "Alnur Ilyashev");
  g_assert_cmpstr (dossier_record_get_string (feed, "signing"), ==, "signed");
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, f->k1_text);
  g_assert_cmpstr (dossier_record_get_string (feed, "key-origin"), ==, "given");
  g_assert_cmpint (dossier_record_get_int (feed, "signed-at"), ==, BASE_TIME);
  g_assert_cmpuint (hits (f, "/campaign.json.minisig"), ==, 1);

  publish (f, v2, f->k1, BASE_TIME + 60);
  outcome = refresh (f, feed_id);
  g_assert_true (outcome->ok);
  g_assert_false (outcome->refused);
  g_assert_cmpuint (outcome->records, ==, 1);
  g_free (name);
  name = case_name (f);
  g_assert_cmpstr (name, ==, "Alnur Ilyashev (released)");
  g_clear_object (&feed);
  feed = feed_record (f, feed_id);
  g_assert_cmpint (dossier_record_get_int (feed, "signed-at"), ==, BASE_TIME + 60);
  g_assert_false (dossier_record_get_boolean (feed, "last-refused"));
}

/* Every way an update can fail its signature: nothing of it is applied,
 * and the feed says why; then a good update is applied again. */
static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *feed_id = subscribe_signed (f);
  g_autofree char *v2 = campaign ("Mallory's case", "Fake news", NULL, NULL);
  g_autofree char *good = sign_at (f->k1, v2, BASE_TIME + 10);
  g_autofree char *before = snapshot (f);
  g_autofree char *huge = g_strnfill (DOSSIER_MINISIGN_MAX_FILE_BYTES + 100, 'x');
  const char *missing = "This update came without the campaign’s signature — it was not applied.";
  const char *damaged = "This update’s signature is damaged or is not a signature — it was not applied.";
  const char *other_key = "This update was not signed by the campaign’s key — it was not applied.";
  const char *changed = "This update does not match the campaign’s signature: it was changed after it was "
                        "signed — it was not applied.";
  const char *older = "This update is older than the one Dossier applied last — it was not applied.";
  const char *undated = "This update’s signature does not say when it was made, so Dossier cannot tell it "
                        "from an older one — it was not applied.";
  struct {
    const char *name;
    char       *file;       /* what /campaign.json serves */
    char       *signature;  /* what /campaign.json.minisig serves, or NULL: 404 */
    const char *message;
  } cases[] = {
    { "one byte of the file changed", g_strdup (v2), g_strdup (good), changed },
    { "one byte of the signature changed", g_strdup (v2), g_strdup (good), NULL },
    { "signed with another key", g_strdup (v2), sign_at (f->k3, v2, BASE_TIME + 10), other_key },
    { "no signature", g_strdup (v2), NULL, missing },
    { "an empty signature", g_strdup (v2), g_strdup (""), missing },
    { "not a signature", g_strdup (v2), g_strdup ("<html>Not found</html>"), damaged },
    { "a signature too large", g_strdup (v2), g_strdup (huge), damaged },
    { "an older update, signed", campaign ("Alnur Ilyashev (old)", "Old", NULL, NULL), NULL, older },
    { "a signature without a time", g_strdup (v2), NULL, undated },
  };

  /* the byte changed in the file: in the case's name */
  *strstr (cases[0].file, "Mallory") = 'W';
  /* the byte changed in the signature: in the signature itself (line 2) */
  {
    char *line = strchr (cases[1].signature, '\n') + 1;

    line[40] = line[40] == 'A' ? 'B' : 'A';
    cases[1].message = changed;
  }
  cases[7].signature = sign_at (f->k1, cases[7].file, BASE_TIME - 3600);
  {
    g_autoptr(GError) error = NULL;

    cases[8].signature = dossier_minisign_sign (f->k1, (const guint8 *) v2, strlen (v2), "a comment", &error);
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DossierRecord) feed = NULL;
      g_autofree char *after = NULL;
      DossierFeedOutcome *outcome;

      g_test_message ("%s", cases[i].name);
      put (f, "/campaign.json", cases[i].file, -1);
      put (f, "/campaign.json.minisig", cases[i].signature, -1);
      outcome = refresh (f, feed_id);
      g_assert_nonnull (outcome);
      g_assert_false (outcome->ok);
      g_assert_true (outcome->refused);
      g_assert_cmpstr (outcome->message, ==, cases[i].message);
      after = snapshot (f);
      g_assert_cmpstr (after, ==, before);
      feed = feed_record (f, feed_id);
      g_assert_true (dossier_record_get_boolean (feed, "last-refused"));
      g_assert_cmpstr (dossier_record_get_string (feed, "last-result"), ==, cases[i].message);
      g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, f->k1_text);
      g_assert_cmpint (dossier_record_get_int (feed, "signed-at"), ==, BASE_TIME);
      g_free (cases[i].file);
      g_free (cases[i].signature);
    }

  /* the campaign's own next update goes through */
  publish (f, v2, f->k1, BASE_TIME + 20);
  g_assert_true (refresh (f, feed_id)->ok);
  {
    g_autoptr(DossierRecord) feed = feed_record (f, feed_id);
    g_autofree char *name = case_name (f);

    g_assert_cmpstr (name, ==, "Mallory's case");
    g_assert_false (dossier_record_get_boolean (feed, "last-refused"));
    g_assert_cmpstr (dossier_record_get_string (feed, "last-result"), ==, "");
  }
}

/* Subscribing with a key to a feed not signed with it stores nothing. */
static void
test_subscribe_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *v1 = campaign ("Alnur Ilyashev", "Hearing", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierSubscription) subscription = NULL;

  publish (f, v1, f->k3, BASE_TIME);
  subscription = subscribe (f, f->k1_text, &error);
  g_assert_null (subscription);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_SIGNATURE);
  g_assert_cmpstr (error->message, ==, "This update was not signed by the campaign’s key — it was not applied.");
  g_clear_error (&error);

  publish (f, v1, NULL, 0);
  subscription = subscribe (f, f->k1_text, &error);
  g_assert_null (subscription);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_SIGNATURE);
  g_clear_error (&error);

  /* not a key at all: refused before anything is fetched */
  subscription = subscribe (f, "RWQ-not-a-key", &error);
  g_assert_null (subscription);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_ADDRESS);
  g_assert_cmpint (count (f, DOSSIER_TYPE_FEED), ==, 0);
  g_assert_cmpint (count (f, DOSSIER_TYPE_CASE), ==, 0);
  g_assert_cmpint (count (f, DOSSIER_TYPE_FEED_ITEM), ==, 0);
}

/* Trust on first use: the key the file names is offered, not taken;
 * nothing is applied, nor fetched, until the volunteer trusts it. */
static void
test_first_use (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *v1 = campaign ("Alnur Ilyashev", "Hearing", f->k1_text, NULL);
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = dossier_minisign_fingerprint_of (f->k1_text);
  gulong handler;

  publish (f, v1, f->k1, BASE_TIME);
  subscription = subscribe (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (subscription->offered_key, ==, f->k1_text);
  g_assert_cmpstr (subscription->fingerprint, ==, fingerprint);
  g_assert_cmpuint (subscription->items, ==, 0);
  feed = feed_record (f, subscription->feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "signing"), ==, "pending");
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, f->k1_text);
  g_assert_cmpint (count (f, DOSSIER_TYPE_CASE), ==, 0);
  g_assert_cmpint (count (f, DOSSIER_TYPE_FEED_ITEM), ==, 0);

  /* not refreshed while it waits */
  g_assert_cmpuint (dossier_feed_updater_refresh (f->updater, NULL, FALSE), ==, 0);
  g_assert_cmpuint (hits (f, "/campaign.json"), ==, 1);

  handler = g_signal_connect (f->updater, "feed-finished", G_CALLBACK (on_feed_finished), f);
  g_assert_true (dossier_feed_updater_trust_key (f->updater, subscription->feed_id, &error));
  g_assert_no_error (error);
  wait_for_refresh (f, 1);
  g_signal_handler_disconnect (f->updater, handler);
  g_assert_true (((DossierFeedOutcome *) f->outcomes->pdata[0])->ok);
  g_clear_object (&feed);
  feed = feed_record (f, subscription->feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "signing"), ==, "signed");
  g_assert_cmpstr (dossier_record_get_string (feed, "key-origin"), ==, "first-use");
  g_assert_cmpint (count (f, DOSSIER_TYPE_CASE), ==, 1);
  g_assert_cmpint (count (f, DOSSIER_TYPE_FEED_ITEM), ==, 1);
  /* trusted once is enough */
  g_assert_false (dossier_feed_updater_trust_key (f->updater, subscription->feed_id, &error));
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED);
}

/* A file that names a key it is not signed with is not offered at all. */
static void
test_first_use_wrong_key (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *v1 = campaign ("Alnur Ilyashev", "Hearing", f->k1_text, NULL);
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(GError) error = NULL;

  publish (f, v1, f->k3, BASE_TIME);
  subscription = subscribe (f, NULL, &error);
  g_assert_null (subscription);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_SIGNATURE);
  g_clear_error (&error);
  publish (f, v1, NULL, 0);
  subscription = subscribe (f, NULL, &error);
  g_assert_null (subscription);
  g_assert_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_SIGNATURE);
  g_assert_cmpint (count (f, DOSSIER_TYPE_FEED), ==, 0);
  g_assert_cmpint (count (f, DOSSIER_TYPE_CASE), ==, 0);
}

/* An unsigned campaign stays unsigned: no signature is asked for. */
static void
test_unsigned (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *v1 = campaign ("Alnur Ilyashev", "Hearing", NULL, NULL);
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(GError) error = NULL;

  publish (f, v1, NULL, 0);
  subscription = subscribe (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (subscription->offered_key);
  feed = feed_record (f, subscription->feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "signing"), ==, "unsigned");
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, "");
  g_assert_true (refresh (f, subscription->feed_id)->ok);
  g_assert_cmpuint (hits (f, "/campaign.json.minisig"), ==, 0);
  g_assert_cmpint (count (f, DOSSIER_TYPE_CASE), ==, 1);

  /* the volunteer adds the campaign's key later: from then on it counts */
  g_assert_true (dossier_feed_set_public_key (feed, f->k1_text, &error));
  g_assert_true (dossier_store_update (f->store, feed, &error));
  g_assert_true (refresh (f, subscription->feed_id)->refused);
  publish (f, v1, f->k1, BASE_TIME);
  g_assert_true (refresh (f, subscription->feed_id)->ok);
  g_assert_cmpuint (hits (f, "/campaign.json.minisig"), ==, 2);
}

/* A rotation announced in an update signed with the old key: the new
 * key is accepted, then pinned once it signs; the old one is not any
 * longer. */
static void
test_rotation_signed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *feed_id = subscribe_signed (f);
  g_autofree char *v2 = campaign ("Alnur Ilyashev", "New key", f->k1_text, f->k2_text);
  g_autofree char *v3 = campaign ("Alnur Ilyashev (v3)", "Signed with the new key", f->k2_text, NULL);
  g_autofree char *v4 = campaign ("Alnur Ilyashev (v4)", "Old key again", f->k1_text, NULL);
  g_autoptr(DossierRecord) feed = NULL;
  g_autofree char *name = NULL;

  publish (f, v2, f->k1, BASE_TIME + 10);
  g_assert_true (refresh (f, feed_id)->ok);
  feed = feed_record (f, feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, f->k1_text);
  g_assert_cmpstr (dossier_record_get_string (feed, "next-public-key"), ==, f->k2_text);

  publish (f, v3, f->k2, BASE_TIME + 20);
  g_assert_true (refresh (f, feed_id)->ok);
  g_clear_object (&feed);
  feed = feed_record (f, feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, f->k2_text);
  g_assert_cmpstr (dossier_record_get_string (feed, "next-public-key"), ==, "");
  g_assert_cmpstr (dossier_record_get_string (feed, "key-origin"), ==, "rotation");
  name = case_name (f);
  g_assert_cmpstr (name, ==, "Alnur Ilyashev (v3)");

  publish (f, v4, f->k1, BASE_TIME + 30);
  g_assert_true (refresh (f, feed_id)->refused);
  g_free (name);
  name = case_name (f);
  g_assert_cmpstr (name, ==, "Alnur Ilyashev (v3)");
}

/* A new key not announced by the old one is refused, however the update
 * names it; an announcement in an update not signed with the pinned key
 * announces nothing. */
static void
test_rotation_unsigned (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *feed_id = subscribe_signed (f);
  g_autofree char *before = snapshot (f);
  g_autofree char *by_new = campaign ("Rotated", "New key", f->k2_text, NULL);
  g_autofree char *announces = campaign ("Rotated", "New key", f->k1_text, f->k3_text);
  g_autofree char *by_stranger = campaign ("Rotated", "New key", f->k3_text, NULL);
  g_autofree char *after = NULL;
  g_autoptr(DossierRecord) feed = NULL;

  /* signed with a new key nobody announced */
  publish (f, by_new, f->k2, BASE_TIME + 10);
  g_assert_true (refresh (f, feed_id)->refused);
  /* an announcement that is not signed */
  publish (f, announces, NULL, 0);
  g_assert_true (refresh (f, feed_id)->refused);
  /* an announcement signed with the key it announces */
  publish (f, announces, f->k3, BASE_TIME + 10);
  g_assert_true (refresh (f, feed_id)->refused);
  /* and the stranger's key, after all that, still refused */
  publish (f, by_stranger, f->k3, BASE_TIME + 20);
  g_assert_true (refresh (f, feed_id)->refused);

  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  feed = feed_record (f, feed_id);
  g_assert_cmpstr (dossier_record_get_string (feed, "public-key"), ==, f->k1_text);
  g_assert_cmpstr (dossier_record_get_string (feed, "next-public-key"), ==, "");
}

/* The coordinator signs with the real minisign: prehashed (its default)
 * and legacy (-l); the feed subscribed with the key from minisign.pub
 * applies both, and refuses the file once changed. */
static void
test_minisign_interop (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *minisign = g_find_program_in_path ("minisign");
  g_autofree char *pk = g_build_filename (f->dir, "coordinator.pub", NULL);
  g_autofree char *sk = g_build_filename (f->dir, "coordinator.key", NULL);
  g_autofree char *file = g_build_filename (f->dir, "campaign.json", NULL);
  g_autofree char *sig = g_strconcat (file, ".minisig", NULL);
  g_autofree char *pk_text = NULL;
  g_autofree char *v1 = campaign ("Alnur Ilyashev", "Hearing", NULL, NULL);
  g_autofree char *v2 = campaign ("Alnur Ilyashev (v2)", "Verdict", NULL, NULL);
  g_autoptr(DossierSubscription) subscription = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (minisign == NULL)
    {
      g_test_skip ("minisign is not installed (build-aux/deps.sh installs it)");
      return;
    }
  {
    const char *argv[] = { minisign, "-G", "-W", "-p", pk, "-s", sk, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  for (guint round = 0; round < 2; round++)
    {
      const char *text = round == 0 ? v1 : v2;
      const char *prehashed[] = { minisign, "-S", "-s", sk, "-m", file, NULL };
      const char *legacy[] = { minisign, "-S", "-l", "-s", sk, "-m", file, NULL };
      g_autofree char *signature = NULL;
      int status;

      g_assert_true (g_file_set_contents (file, text, -1, &error));
      /* minisign's default comment has the time, in seconds: the second
       * signature must not share the first one's */
      if (round == 1)
        g_usleep (1100 * 1000);
      g_assert_true (g_spawn_sync (NULL, (char **) (round == 0 ? prehashed : legacy), NULL,
                                   G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_true (g_file_get_contents (sig, &signature, NULL, &error));
      put (f, "/campaign.json", text, -1);
      put (f, "/campaign.json.minisig", signature, -1);
      if (round == 0)
        {
          g_assert_true (g_file_get_contents (pk, &pk_text, NULL, &error));
          subscription = subscribe (f, pk_text, &error);
          g_assert_no_error (error);
        }
      else
        g_assert_true (refresh (f, subscription->feed_id)->ok);
    }
  name = case_name (f);
  g_assert_cmpstr (name, ==, "Alnur Ilyashev (v2)");

  /* the same signature, one byte of the file changed */
  {
    g_autofree char *changed = g_strdup (v2);

    *strstr (changed, "v2") = 'w';
    put (f, "/campaign.json", changed, -1);
    g_assert_true (refresh (f, subscription->feed_id)->refused);
  }
}

/* Where a feed's signature is: beside it, as minisign names it. */
static void
test_signature_url (void)
{
  const char *cases[][2] = {
    { "https://example.org/campaign.json", "https://example.org/campaign.json.minisig" },
    { "https://example.org:8443/feeds/kz.json?lang=ru", "https://example.org:8443/feeds/kz.json.minisig?lang=ru" },
    { "http://127.0.0.1/%D0%BA.json#top", "http://127.0.0.1/%D0%BA.json.minisig" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = dossier_feed_signature_url (cases[i][0]);

      g_assert_cmpstr (url, ==, cases[i][1]);
    }
  g_assert_null (dossier_feed_signature_url ("not an address"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add ("/feed-sign/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/feed-sign/signature-url", test_signature_url);
  ADD ("given-key", test_given_key);
  ADD ("tampered", test_tampered);
  ADD ("subscribe-refused", test_subscribe_refused);
  ADD ("first-use", test_first_use);
  ADD ("first-use/wrong-key", test_first_use_wrong_key);
  ADD ("unsigned", test_unsigned);
  ADD ("rotation/signed", test_rotation_signed);
  ADD ("rotation/unsigned", test_rotation_unsigned);
  ADD ("minisign-interop", test_minisign_interop);
  return g_test_run ();
}
