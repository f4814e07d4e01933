/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-dates.h"
#include "dossier-feed.h"
#include "dossier-feed-error.h"
#include "dossier-feed-item.h"
#include "dossier-feed-parser.h"
#include "dossier-feed-updater.h"
#include "dossier-feed-list.h"
#include "dossier-minisign.h"

/* `dossier feed …`, `dossier refresh` and `dossier opml …`: the feeds from
 * the command line, for scripts and cron, through the same updater as the
 * window. Network and parsing failures are the feed's, not the command
 * line's: they exit with DOSSIER_EXIT_PROBLEMS (a fetch) or
 * DOSSIER_EXIT_INPUT (a file). */

/* ---- what Preferences say ---- */

/* The refresh interval and proxy the window's Preferences set, when the
 * settings schema is installed; a cron job fetches as the window does —
 * through Tor, when that is what the volunteer chose. */
static void
read_preferences (guint  *interval,
                  char  **proxy)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *mode = NULL;

  *interval = 60;
  *proxy = NULL;
  if (schema == NULL)
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  *interval = g_settings_get_uint (settings, "refresh-interval");
  mode = g_settings_get_string (settings, "proxy-mode");
  if (g_str_equal (mode, "none"))
    *proxy = g_strdup ("none");
  else if (g_str_equal (mode, "custom"))
    *proxy = g_settings_get_string (settings, "proxy-url");
}

/* --proxy: "system", "none" or a proxy address, over Preferences. */
static gboolean
check_proxy_option (const char *proxy)
{
  if (proxy == NULL || g_str_equal (proxy, "system") || g_str_equal (proxy, "none") ||
      dossier_feed_proxy_is_valid (proxy))
    return TRUE;
  /* Translators: %s is what the user typed; keep the option and the examples as they are */
  g_printerr (_("--proxy must be “system”, “none” or a proxy address with its port, such as "
                "socks5://127.0.0.1:9050; “%s” is none of these.\n"), proxy);
  return FALSE;
}

static DossierFeedUpdater *
make_updater (DossierStore *store,
              const char   *proxy_option)
{
  DossierFeedUpdater *updater = dossier_feed_updater_new (store);
  g_autofree char *proxy = NULL;
  guint interval;

  read_preferences (&interval, &proxy);
  if (proxy_option && g_str_equal (proxy_option, "system"))
    g_clear_pointer (&proxy, g_free);
  else if (proxy_option)
    {
      g_free (proxy);
      proxy = g_strdup (proxy_option);
    }
  dossier_feed_updater_set_defaults (updater, interval, proxy);
  return updater;
}

/* ---- printing a feed ---- */

static gint64
count_items (DossierStore *store,
             const char   *feed_id,
             gboolean      unread)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);

  dossier_query_filter_text (query, "feed-id", DOSSIER_QUERY_EQ, feed_id);
  if (unread)
    dossier_query_filter_int (query, "read", DOSSIER_QUERY_EQ, 0);
  return MAX (dossier_store_count (store, query, NULL), 0);
}

static const char *
feed_title (DossierRecord *feed)
{
  const char *title = dossier_record_get_string (feed, "title");

  return *title ? title : dossier_record_get_string (feed, "url");
}

/* Whether the feed is signed, and with which key. */
static void
print_signing (DossierRecord *feed)
{
  const char *signing = dossier_record_get_string (feed, "signing");
  g_autofree char *fingerprint = dossier_minisign_fingerprint_of (dossier_record_get_string (feed, "public-key"));
  g_autofree char *next = dossier_minisign_fingerprint_of (dossier_record_get_string (feed, "next-public-key"));

  if (g_str_equal (signing, "pending"))
    /* Translators: %s is a key's fingerprint, such as “3F0A 91C2 …” */
    g_print (_("  Waiting for you to trust its key, of fingerprint %s; nothing of it is applied until "
               "then (dossier feed trust)\n"), fingerprint);
  else if (g_str_equal (signing, "signed") &&
           g_str_equal (dossier_record_get_string (feed, "key-origin"), "first-use"))
    /* Translators: %s is a key's fingerprint */
    g_print (_("  Signed: key of fingerprint %s, trusted on first use\n"), fingerprint);
  else if (g_str_equal (signing, "signed"))
    /* Translators: %s is a key's fingerprint */
    g_print (_("  Signed: key of fingerprint %s\n"), fingerprint);
  else
    g_print (_("  Not signed: Dossier cannot tell whether its updates come from the campaign\n"));
  if (next)
    /* Translators: %s is a key's fingerprint */
    g_print (_("  The campaign announced its next key, of fingerprint %s\n"), next);
}

static void
print_feed (DossierStore  *store,
            DossierRecord *feed)
{
  const char *url = dossier_record_get_string (feed, "url");
  const char *result = dossier_record_get_string (feed, "last-result");
  gint64 items = count_items (store, dossier_record_get_id (feed), FALSE);
  gint64 unread = count_items (store, dossier_record_get_id (feed), TRUE);
  g_autofree char *last = dossier_format_timestamp (dossier_record_get_string (feed, "last-fetch"),
                                                    DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *next = dossier_format_timestamp (dossier_record_get_string (feed, "next-fetch"),
                                                    DOSSIER_DATE_STYLE_DATE_TIME);
  g_autofree char *counts = NULL;

  g_print ("%s\n", feed_title (feed));
  if (*url)
    g_print ("  %s\n", url);
  else
    /* Translators: said of a feed that holds the news of an imported campaign file */
    g_print ("  %s\n", _("News of an imported campaign file; not fetched"));
  /* Translators: the first number counts a feed's items, the second its unread ones */
  counts = g_strdup_printf (ngettext ("%lld item, %lld unread", "%lld items, %lld unread", (gulong) items),
                            (long long) items, (long long) unread);
  g_print ("  %s\n", counts);
  if (*url == '\0')
    return;
  if (last && *result)
    /* Translators: the first %s is a date and time, the second why the fetch failed */
    g_print (_("  Last fetched %s: %s\n"), last, result);
  else if (last)
    /* Translators: %s is a date and time */
    g_print (_("  Last fetched %s\n"), last);
  else
    g_print (_("  Not fetched yet\n"));
  if (!dossier_record_get_boolean (feed, "enabled"))
    g_print (_("  Off: not fetched until it is turned on again\n"));
  else if (next)
    /* Translators: %s is a date and time */
    g_print (_("  Next fetch %s\n"), next);
  print_signing (feed);
}

static JsonNode *
feed_to_json (DossierStore  *store,
              DossierRecord *feed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *id = dossier_record_get_id (feed);
  const char *times[] = { "last-fetch", "next-fetch" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, dossier_record_get_string (feed, "title"));
  json_builder_set_member_name (builder, "url");
  if (*dossier_record_get_string (feed, "url"))
    json_builder_add_string_value (builder, dossier_record_get_string (feed, "url"));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, dossier_record_get_string (feed, "format"));
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, dossier_record_get_boolean (feed, "enabled"));
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, count_items (store, id, FALSE));
  json_builder_set_member_name (builder, "unread");
  json_builder_add_int_value (builder, count_items (store, id, TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      const char *value = dossier_record_get_string (feed, times[i]);
      g_autofree char *member = g_strdelimit (g_strdup (times[i]), "-", '_');

      json_builder_set_member_name (builder, member);
      if (value && *value)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "last_error");
  if (*dossier_record_get_string (feed, "last-result"))
    json_builder_add_string_value (builder, dossier_record_get_string (feed, "last-result"));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "refresh_interval");
  json_builder_add_int_value (builder, dossier_record_get_int (feed, "refresh-interval"));
  json_builder_set_member_name (builder, "allow_http");
  json_builder_add_boolean_value (builder, dossier_record_get_boolean (feed, "allow-http"));
  json_builder_set_member_name (builder, "proxy");
  json_builder_add_string_value (builder, dossier_record_get_string (feed, "proxy"));
  json_builder_set_member_name (builder, "signing");
  json_builder_add_string_value (builder, dossier_record_get_string (feed, "signing"));
  {
    const char *keys[] = { "public-key", "next-public-key" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        const char *key = dossier_record_get_string (feed, keys[i]);
        g_autofree char *member = g_strdelimit (g_strdup (keys[i]), "-", '_');
        g_autofree char *fingerprint = dossier_minisign_fingerprint_of (key);
        g_autofree char *fingerprint_member = g_strconcat (i == 0 ? "" : "next_", "fingerprint", NULL);

        json_builder_set_member_name (builder, member);
        if (fingerprint)
          json_builder_add_string_value (builder, key);
        else
          json_builder_add_null_value (builder);
        json_builder_set_member_name (builder, fingerprint_member);
        if (fingerprint)
          json_builder_add_string_value (builder, fingerprint);
        else
          json_builder_add_null_value (builder);
      }
  }
  json_builder_set_member_name (builder, "key_origin");
  if (*dossier_record_get_string (feed, "key-origin"))
    json_builder_add_string_value (builder, dossier_record_get_string (feed, "key-origin"));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GPtrArray *
all_feeds (DossierStore  *store,
           GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED);

  dossier_query_sort (query, "title", FALSE);
  return dossier_store_query (store, query, 0, G_MAXUINT, error);
}

static DossierRecord *
find_feed (DossierStore *store,
           const char   *url)
{
  g_autoptr(GPtrArray) feeds = all_feeds (store, NULL);
  g_autofree char *normal = dossier_feed_normalize_url (url, NULL);

  for (guint i = 0; feeds && i < feeds->len; i++)
    {
      DossierRecord *feed = feeds->pdata[i];
      const char *feed_url = dossier_record_get_string (feed, "url");

      if (*feed_url && (g_str_equal (feed_url, url) || g_strcmp0 (feed_url, normal) == 0))
        return g_object_ref (feed);
    }
  return NULL;
}

/* The feed at @url, or NULL after saying that there is none such. */
static DossierRecord *
find_subscribed_feed (DossierStore *store,
                      const char   *url)
{
  DossierRecord *feed = find_feed (store, url);

  if (feed == NULL)
    /* Translators: %s is what the user typed */
    g_printerr (_("You are not subscribed to “%s”. “dossier feed list” lists the feeds.\n"), url);
  return feed;
}

/* ---- dossier feed add ---- */

typedef struct {
  GMainLoop           *loop;
  DossierSubscription *subscription;
  GError              *error;
} Waiting;

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Waiting *waiting = data;

  waiting->subscription = dossier_feed_updater_subscribe_finish (DOSSIER_FEED_UPDATER (source), result,
                                                                 &waiting->error);
  g_main_loop_quit (waiting->loop);
}

static int
feed_add (const char  *data_dir,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierFeedUpdater) updater = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *key_option = NULL;
  g_autofree char *key = NULL;
  gboolean allow_http = FALSE;
  Waiting waiting = { 0, };
  const char *choice = "system";
  const char *proxy_url = NULL;
  GOptionEntry entries[] = {
    { "allow-http", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &allow_http,
      N_("Accept a plain http:// feed, which anyone on the way can read and change"), NULL },
    { "proxy", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &proxy,
      N_("This feed’s proxy: “none”, or an address such as socks5://127.0.0.1:9050 (default: as in Preferences)"),
      N_("PROXY") },
    { "key", 'k', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &key_option,
      N_("The campaign’s public key (“RW…”, or its minisign .pub file): every update must be signed with it"),
      /* Translators: the value of --key; keep it in capitals */
      N_("KEY") },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: the argument of “dossier feed add”; keep it in capitals */
  context = g_option_context_new (_("URL"));
  g_option_context_set_summary (context, _("Fetches the feed at URL once and subscribes to it. The address "
                                           "of a web page that links one feed subscribes to that feed; when "
                                           "the page links several, they are listed to choose from."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the feed to add: dossier feed add URL\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!check_proxy_option (proxy))
    return DOSSIER_EXIT_USAGE;
  if (key_option && (key = dossier_cli_read_public_key (key_option)) == NULL)
    return DOSSIER_EXIT_USAGE;
  if (proxy && g_str_equal (proxy, "none"))
    choice = "none";
  else if (proxy && !g_str_equal (proxy, "system"))
    {
      choice = "custom";
      proxy_url = proxy;
    }

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_DEFAULT)))
    return DOSSIER_EXIT_STORE;
  updater = make_updater (store, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  waiting.loop = loop;
  dossier_feed_updater_subscribe_async (updater, argv[1], allow_http, choice, proxy_url, key, NULL,
                                        on_subscribed, &waiting);
  g_main_loop_run (loop);

  if (waiting.error)
    {
      /* Translators: the first %s is an address, the second why it could not be added */
      g_printerr (_("Could not add “%s”: %s\n"), argv[1], waiting.error->message);
      g_clear_error (&waiting.error);
      return DOSSIER_EXIT_PROBLEMS;
    }
  if (waiting.subscription->candidates)
    {
      g_printerr (_("This web page links several feeds. Add the one you want:\n"));
      for (guint i = 0; i < waiting.subscription->candidates->len; i++)
        {
          DossierDiscoveredFeed *found = waiting.subscription->candidates->pdata[i];

          if (found->title && *found->title)
            g_printerr ("  dossier feed add %s    (%s)\n", found->url, found->title);
          else
            g_printerr ("  dossier feed add %s\n", found->url);
        }
      dossier_subscription_free (waiting.subscription);
      return DOSSIER_EXIT_PROBLEMS;
    }
  if (waiting.subscription->offered_key)
    {
      /* trust on first use: the volunteer's to decide, not ours */
      /* Translators: %s is the feed's title */
      g_print (_("“%s” says its updates are signed with this key:\n"), waiting.subscription->title);
      g_print ("  %s\n", waiting.subscription->offered_key);
      /* Translators: %s is a key's fingerprint, such as “3F0A 91C2 …” */
      g_print (_("  fingerprint %s\n"), waiting.subscription->fingerprint);
      g_print (_("Nothing of it was applied yet. Compare the key with the one the campaign gave you (on its "
                 "website, or in person), then trust it with:\n"));
      g_print ("  dossier feed trust %s\n", argv[1]);
      dossier_subscription_free (waiting.subscription);
      return DOSSIER_EXIT_OK;
    }
  /* Translators: %s is the feed's title; %u counts its items */
  g_print (ngettext ("Subscribed to “%s”: %u item\n", "Subscribed to “%s”: %u items\n",
                     waiting.subscription->items),
           waiting.subscription->title, waiting.subscription->items);
  if (key)
    {
      g_autofree char *fingerprint = dossier_minisign_fingerprint_of (key);

      /* Translators: %s is a key's fingerprint */
      g_print (_("Its updates are applied only when signed with the key of fingerprint %s.\n"), fingerprint);
    }
  else
    g_print (_("It is not signed: Dossier cannot tell whether its updates come from the campaign.\n"));
  dossier_subscription_free (waiting.subscription);
  return DOSSIER_EXIT_OK;
}

/* ---- dossier feed list ---- */

static int
feed_list (const char  *data_dir,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the feeds as a JSON array, for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Lists the feeds, with their addresses, item counts, last and "
                                           "next fetch."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  if ((feeds = all_feeds (store, &error)) == NULL)
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (guint i = 0; i < feeds->len; i++)
        json_array_add_element (array, feed_to_json (store, feeds->pdata[i]));
      json_node_set_array (root, array);
      text = json_to_string (root, TRUE);
      /* JSON escapes control characters itself */
      fputs (text, stdout);
      fputs ("\n", stdout);
      return DOSSIER_EXIT_OK;
    }
  if (feeds->len == 0)
    {
      g_print (_("No feeds. Add one with: dossier feed add URL\n"));
      return DOSSIER_EXIT_OK;
    }
  for (guint i = 0; i < feeds->len; i++)
    print_feed (store, feeds->pdata[i]);
  return DOSSIER_EXIT_OK;
}

/* ---- dossier feed remove ---- */

static int
feed_remove (const char  *data_dir,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 items;

  /* Translators: the argument of “dossier feed remove”; keep it in capitals */
  context = g_option_context_new (_("URL"));
  g_option_context_set_summary (context, _("Unsubscribes from the feed at URL. Its items go with it; the "
                                           "cases, urgent actions and targets it brought stay."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the feed to remove: dossier feed remove URL\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  if ((feed = find_subscribed_feed (store, argv[1])) == NULL)
    return DOSSIER_EXIT_PROBLEMS;
  items = count_items (store, dossier_record_get_id (feed), FALSE);
  if (!dossier_store_delete (store, DOSSIER_TYPE_FEED, dossier_record_get_id (feed), &error))
    {
      g_printerr (_("Could not remove the feed: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  /* Translators: %s is the feed's title; %lld counts the items removed with it */
  g_print (ngettext ("Removed “%s” and its %lld item\n", "Removed “%s” and its %lld items\n", (gulong) items),
           feed_title (feed), (long long) items);
  return DOSSIER_EXIT_OK;
}

/* ---- dossier feed parse ---- */

/* Reads at most @limit + 1 bytes: one more than allowed says "too large"
 * without reading a 50 MB file whole. */
static GBytes *
read_input (const char  *file,
            gsize        limit,
            GError     **error)
{
  g_autoptr(GFile) gfile = g_str_equal (file, "-") ? g_file_new_for_path ("/dev/stdin")
                                                   : g_file_new_for_commandline_arg (file);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  stream = G_INPUT_STREAM (g_file_read (gfile, NULL, error));
  if (stream == NULL)
    return NULL;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
      if (data->len > limit)
        {
          g_autofree char *size = g_format_size (limit);

          g_set_error (error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_TOO_LARGE,
                       /* Translators: %s is a size such as “16.0 MB” */
                       _("The file is larger than %s, the most Dossier reads of a feed."), size);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static int
feed_parse (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(DossierParsedFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  /* Translators: the argument of “dossier feed parse”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Reads a feed file (RSS, Atom or JSON Feed) as Dossier would, "
                                           "without a store, and prints what it found as JSON: the feed’s "
                                           "title and address, and each item’s id, title, address, date "
                                           "(ISO 8601, UTC, or null) and text. “-” reads standard input. "
                                           "Exits with 4 and the reason when the file is not a feed Dossier "
                                           "reads."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the feed file: dossier feed parse FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  data = read_input (argv[1], DOSSIER_FEED_MAX_BYTES, &error);
  if (data)
    feed = dossier_feed_parse (data, NULL, NULL, &error);
  if (feed == NULL)
    {
      /* Translators: the first %s is a file name, the second what is wrong with it */
      g_printerr (_("Could not read “%s”: %s\n"), argv[1], error->message);
      return DOSSIER_EXIT_INPUT;
    }
  json = dossier_parsed_feed_to_json (feed);
  fputs (json, stdout);
  fputs ("\n", stdout);
  return DOSSIER_EXIT_OK;
}

/* ---- dossier feed trust, dossier feed key ---- */

static void
on_trusted_feed_finished (DossierFeedUpdater *updater,
                          DossierFeedOutcome *outcome,
                          Waiting            *waiting)
{
  if (!outcome->ok && !outcome->cancelled)
    g_set_error_literal (&waiting->error, DOSSIER_FEED_ERROR, DOSSIER_FEED_ERROR_FAILED,
                         outcome->message ? outcome->message : "");
  g_main_loop_quit (waiting->loop);
}

static int
feed_trust (const char  *data_dir,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(DossierFeedUpdater) updater = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  Waiting waiting = { 0, };

  /* Translators: the argument of “dossier feed trust”; keep it in capitals */
  context = g_option_context_new (_("URL"));
  g_option_context_set_summary (context, _("Trusts the key the campaign’s own file named when you subscribed "
                                           "to the feed at URL (trust on first use), then fetches and "
                                           "applies the feed. Compare the key’s fingerprint with the one the "
                                           "campaign gave you first: “dossier feed list” shows it."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the feed whose key you trust: dossier feed trust URL\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  if ((feed = find_subscribed_feed (store, argv[1])) == NULL)
    return DOSSIER_EXIT_PROBLEMS;
  fingerprint = dossier_minisign_fingerprint_of (dossier_record_get_string (feed, "public-key"));
  updater = make_updater (store, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  waiting.loop = loop;
  g_signal_connect (updater, "feed-finished", G_CALLBACK (on_trusted_feed_finished), &waiting);
  if (!dossier_feed_updater_trust_key (updater, dossier_record_get_id (feed), &error))
    {
      /* Translators: %s says why */
      g_printerr (_("Could not trust the key: %s\n"), error->message);
      return DOSSIER_EXIT_PROBLEMS;
    }
  /* Translators: %s is a key's fingerprint */
  g_print (_("Trusted the key of fingerprint %s.\n"), fingerprint);
  /* a server that asked to be left alone: fetched at the next refresh */
  if (!dossier_feed_updater_is_refreshing (updater, dossier_record_get_id (feed)))
    return DOSSIER_EXIT_OK;
  g_main_loop_run (loop);
  if (waiting.error)
    {
      /* Translators: %s is why the feed could not be applied */
      g_printerr (_("The feed could not be applied yet: %s\n"), waiting.error->message);
      g_clear_error (&waiting.error);
      return DOSSIER_EXIT_PROBLEMS;
    }
  g_print (_("The feed was fetched and applied.\n"));
  return DOSSIER_EXIT_OK;
}

static int
feed_key (const char  *data_dir,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gboolean none = FALSE;
  GOptionEntry entries[] = {
    { "none", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &none,
      N_("Take the key away: the feed’s updates are then applied unsigned"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: the arguments of “dossier feed key”; keep them in capitals */
  context = g_option_context_new (_("URL [KEY]"));
  g_option_context_set_summary (context, _("Sets the key the updates of the feed at URL must be signed with: "
                                           "a public key (“RW…”) or its minisign .pub file, as the campaign "
                                           "gave it to you. Use it when the campaign changed its key and you "
                                           "missed the update that announced the new one."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 2))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2 || (argc < 3 && !none) || (argc == 3 && none))
    {
      g_printerr (_("Name the feed and its key: dossier feed key URL KEY, or dossier feed key URL --none\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!none && (key = dossier_cli_read_public_key (argv[2])) == NULL)
    return DOSSIER_EXIT_USAGE;
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  if ((feed = find_subscribed_feed (store, argv[1])) == NULL)
    return DOSSIER_EXIT_PROBLEMS;
  if (!dossier_feed_set_public_key (feed, key, &error) || !dossier_store_update (store, feed, &error))
    {
      g_printerr (_("Could not set the key: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  if (key)
    {
      g_autofree char *fingerprint = dossier_minisign_fingerprint_of (key);

      /* Translators: the first %s is the feed's title, the second a key's fingerprint */
      g_print (_("The updates of “%s” must now be signed with the key of fingerprint %s.\n"),
               feed_title (feed), fingerprint);
    }
  else
    /* Translators: %s is the feed's title */
    g_print (_("“%s” is no longer signed: its updates are applied as they come.\n"), feed_title (feed));
  return DOSSIER_EXIT_OK;
}

int
dossier_cli_command_feed (const char  *data_dir,
                          int          argc,
                          char       **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub && g_str_equal (sub, "add"))
    return feed_add (data_dir, argc - 1, argv + 1);
  if (sub && g_str_equal (sub, "list"))
    return feed_list (data_dir, argc - 1, argv + 1);
  if (sub && g_str_equal (sub, "remove"))
    return feed_remove (data_dir, argc - 1, argv + 1);
  if (sub && g_str_equal (sub, "parse"))
    return feed_parse (argc - 1, argv + 1);
  if (sub && g_str_equal (sub, "trust"))
    return feed_trust (data_dir, argc - 1, argv + 1);
  if (sub && g_str_equal (sub, "key"))
    return feed_key (data_dir, argc - 1, argv + 1);
  if (sub && (g_str_equal (sub, "--help") || g_str_equal (sub, "-h")))
    {
      g_print ("%s\n", _("Usage: dossier feed add URL [--key KEY] | list [--json] | remove URL | trust URL | key URL KEY|--none | parse FILE"));
      return DOSSIER_EXIT_OK;
    }
  if (sub)
    /* Translators: %s is what the user typed */
    g_printerr (_("Unknown feed command “%s”.\n"), sub);
  g_printerr ("%s\n", _("Usage: dossier feed add URL [--key KEY] | list [--json] | remove URL | trust URL | key URL KEY|--none | parse FILE"));
  return DOSSIER_EXIT_USAGE;
}

/* ---- dossier refresh ---- */

typedef struct {
  GMainLoop *loop;
  guint      failed;
  guint      pending;
} Refreshing;

static void
on_feed_finished (DossierFeedUpdater *updater,
                  DossierFeedOutcome *outcome,
                  Refreshing         *refreshing)
{
  if (outcome->cancelled)
    ;
  else if (outcome->refused)
    {
      refreshing->failed++;
      /* Translators: the first %s is a feed's title, the second why its update was not applied */
      g_print (_("%s: %s\n"), outcome->title, outcome->message);
    }
  else if (!outcome->ok)
    {
      refreshing->failed++;
      /* Translators: the first %s is a feed's title, the second why it failed */
      g_print (_("%s: failed: %s\n"), outcome->title, outcome->message);
    }
  else if (outcome->not_modified || (outcome->added == 0 && outcome->updated == 0 && outcome->records == 0))
    /* Translators: %s is a feed's title */
    g_print (_("%s: nothing new\n"), outcome->title);
  else
    {
      g_autofree char *added = g_strdup_printf (ngettext ("%u new item", "%u new items", outcome->added),
                                                outcome->added);
      g_autofree char *updated = g_strdup_printf (ngettext ("%u updated", "%u updated", outcome->updated),
                                                  outcome->updated);
      g_autofree char *records = g_strdup_printf (ngettext ("%u campaign record added or changed",
                                                            "%u campaign records added or changed",
                                                            outcome->records), outcome->records);

      /* Translators: a feed's title, then what its refresh brought: “3 new items, 1 updated,
       * 2 campaign records added or changed” */
      g_print (_("%s: %s, %s, %s\n"), outcome->title, added, updated, records);
    }
  if (--refreshing->pending == 0)
    g_main_loop_quit (refreshing->loop);
}

int
dossier_cli_command_refresh (const char  *data_dir,
                             int          argc,
                             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierFeedUpdater) updater = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(DossierRecord) feed = NULL;
  g_autofree char *url = NULL;
  g_autofree char *proxy = NULL;
  Refreshing refreshing = { 0, };
  GOptionEntry entries[] = {
    { "feed", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &url,
      N_("Fetch only the feed at URL, due or not"), N_("URL") },
    { "proxy", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &proxy,
      N_("The proxy of the feeds that follow Preferences: “system”, “none” or an address such as "
         "socks5://127.0.0.1:9050"), N_("PROXY") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Fetches the feeds whose next fetch has come, once, and prints "
                                           "what each brought. For cron: exits with 1 when a feed failed. "
                                           "The proxy is the one chosen in Preferences unless --proxy or "
                                           "the feed says otherwise."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  if (!check_proxy_option (proxy))
    return DOSSIER_EXIT_USAGE;
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_EXISTING)))
    return DOSSIER_EXIT_STORE;
  if (url && (feed = find_subscribed_feed (store, url)) == NULL)
    return DOSSIER_EXIT_PROBLEMS;

  updater = make_updater (store, proxy);
  loop = g_main_loop_new (NULL, FALSE);
  refreshing.loop = loop;
  g_signal_connect (updater, "feed-finished", G_CALLBACK (on_feed_finished), &refreshing);
  refreshing.pending = dossier_feed_updater_refresh (updater, feed ? dossier_record_get_id (feed) : NULL,
                                                     feed == NULL);
  if (refreshing.pending == 0)
    {
      g_print (_("No feed is due.\n"));
      return DOSSIER_EXIT_OK;
    }
  g_main_loop_run (loop);
  return refreshing.failed > 0 ? DOSSIER_EXIT_PROBLEMS : DOSSIER_EXIT_OK;
}

/* ---- dossier opml ---- */

static int
opml_import (const char  *data_dir,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  DossierOpmlImport counts = { 0, };

  /* Translators: the argument of “dossier opml import”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Subscribes to the feeds an OPML file lists, as other feed "
                                           "readers export them. Nothing is fetched until the next "
                                           "“dossier refresh” or the window’s. “-” reads standard input."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the file to import: dossier opml import FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if ((data = read_input (argv[1], DOSSIER_FEED_MAX_BYTES, &error)) == NULL)
    {
      g_printerr (_("Could not read “%s”: %s\n"), argv[1], error->message);
      return DOSSIER_EXIT_INPUT;
    }
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_DEFAULT)))
    return DOSSIER_EXIT_STORE;
  if (!dossier_feed_import_opml (store, data, &counts, &error))
    {
      g_printerr (_("Could not import “%s”: %s\n"), argv[1], error->message);
      g_printerr (_("Nothing was imported.\n"));
      return error->domain == DOSSIER_STORE_ERROR ? DOSSIER_EXIT_STORE : DOSSIER_EXIT_INPUT;
    }
  /* Translators: %u counts feeds */
  g_print (ngettext ("%u feed added\n", "%u feeds added\n", counts.added), counts.added);
  if (counts.existing > 0)
    g_print (ngettext ("%u feed was there already\n", "%u feeds were there already\n", counts.existing),
             counts.existing);
  if (counts.skipped > 0)
    g_print (ngettext ("%u entry skipped: not a web address\n", "%u entries skipped: not web addresses\n",
                       counts.skipped), counts.skipped);
  if (counts.added > 0)
    g_print (_("Run “dossier refresh” to fetch them.\n"));
  return DOSSIER_EXIT_OK;
}

static int
opml_export (const char  *data_dir,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) opml = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  /* Translators: the argument of “dossier opml export”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Writes the feeds subscribed to as an OPML file, for other feed "
                                           "readers. “-” writes to standard output."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the file to write: dossier opml export FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  if ((opml = dossier_feed_export_opml (store, &error)) == NULL)
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  data = g_bytes_get_data (opml, &length);
  if (g_str_equal (argv[1], "-"))
    {
      fwrite (data, 1, length, stdout);
      return DOSSIER_EXIT_OK;
    }
  if (!g_file_set_contents_full (argv[1], data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      /* Translators: the first %s is a file name, the second why it could not be written */
      g_printerr (_("Could not write “%s”: %s\n"), argv[1], error->message);
      return DOSSIER_EXIT_OUTPUT;
    }
  return DOSSIER_EXIT_OK;
}

int
dossier_cli_command_opml (const char  *data_dir,
                          int          argc,
                          char       **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub && g_str_equal (sub, "import"))
    return opml_import (data_dir, argc - 1, argv + 1);
  if (sub && g_str_equal (sub, "export"))
    return opml_export (data_dir, argc - 1, argv + 1);
  if (sub && (g_str_equal (sub, "--help") || g_str_equal (sub, "-h")))
    {
      g_print ("%s\n", _("Usage: dossier opml import FILE | export FILE"));
      return DOSSIER_EXIT_OK;
    }
  if (sub)
    /* Translators: %s is what the user typed */
    g_printerr (_("Unknown opml command “%s”.\n"), sub);
  g_printerr ("%s\n", _("Usage: dossier opml import FILE | export FILE"));
  return DOSSIER_EXIT_USAGE;
}
