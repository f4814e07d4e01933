/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "dossier-cli.h"
#include "dossier-test-utils.h"

/* `dossier feed …`, `dossier refresh` and `dossier opml …` as a cron job or
 * a feed's author runs them: the binary in a subprocess, a SoupServer on
 * 127.0.0.1 in a thread of its own (the test waits for the subprocess
 * while the server answers), the output and the exit status. */

static const char *dossier_path;
static char *base;                 /* http://127.0.0.1:PORT */
static volatile gint broken;       /* /feed.rss answers 500 while set */
static volatile gint requests;

#define FEED_RSS \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Правозащита</title>" \
  "<item><guid>1</guid><title>Суд\x1b[31m над активистом</title><link>https://example.org/1</link>" \
  "<pubDate>Tue, 23 Jun 2020 10:00:00 +0600</pubDate><description>&lt;p&gt;Текст&lt;/p&gt;</description></item>" \
  "</channel></rss>"

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  g_atomic_int_inc (&requests);
  if (g_str_equal (path, "/feed.rss") && !g_atomic_int_get (&broken))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC, FEED_RSS, strlen (FEED_RSS));
    }
  else if (g_str_equal (path, "/feed.rss"))
    soup_server_message_set_status (msg, 500, NULL);
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gpointer
serve (gpointer data)
{
  GAsyncQueue *ready = data;
  GMainContext *context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoslist(GUri) uris = NULL;
  GMainLoop *loop;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (server);
  g_async_queue_push (ready, g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data)));
  loop = g_main_loop_new (context, FALSE);
  /* serves until the test process ends */
  g_main_loop_run (loop);
  return NULL;
}

static int
run_with_input (const char  *dir,
                const char  *input,
                char       **out,
                char       **err,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdin_bytes = g_bytes_new_static (input ? input : "", input ? strlen (input) : 0);
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) dossier_path);
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) dir);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, stdin_bytes, NULL, &stdout_bytes, &stderr_bytes, &error));
  g_assert_no_error (error);
  /* an empty output is "", not NULL */
  *out = g_strndup (g_bytes_get_size (stdout_bytes) ? g_bytes_get_data (stdout_bytes, NULL) : "",
                    g_bytes_get_size (stdout_bytes));
  *err = g_strndup (g_bytes_get_size (stderr_bytes) ? g_bytes_get_data (stderr_bytes, NULL) : "",
                    g_bytes_get_size (stderr_bytes));
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

#define run(dir, out, err, ...) run_with_input (dir, NULL, out, err, __VA_ARGS__)

/* A feed file read without a store, as its author checks it: JSON with
 * plain text, dates in UTC; what is not a feed exits with 4 and why. */
static void
test_parse (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *cp1251 = g_test_build_filename (G_TEST_DIST, "data", "feeds", "rss-windows-1251.xml", NULL);
  g_autofree char *html = g_test_build_filename (G_TEST_DIST, "data", "feeds", "not-a-feed.html", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *store = g_build_filename (dir, "dossier.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *feed, *item;
  JsonArray *items;

  g_assert_cmpint (run (dir, &out, &err, "feed", "parse", cp1251, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  feed = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (feed, "title"), ==, "Новости «Мемориала»");
  items = json_object_get_array_member (feed, "items");
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  item = json_array_get_object_element (items, 0);
  g_assert_true (json_object_has_member (item, "id"));
  g_assert_true (json_object_has_member (item, "url"));
  g_assert_true (json_object_has_member (item, "published"));
  g_assert_true (json_object_has_member (item, "content"));
  /* a reading command never makes a store */
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* standard input; a title's escape sequence never reaches the terminal raw */
  g_assert_cmpint (run_with_input (dir, FEED_RSS, &out, &err, "feed", "parse", "-", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Правозащита"));
  g_assert_null (strchr (out, '\x1b'));
  g_assert_nonnull (strstr (out, "2020-06-23T04:00:00"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "feed", "parse", html, NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "not-a-feed.html"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* half a feed */
  g_assert_cmpint (run_with_input (dir, "<rss version=\"2.0\"><channel><title>Cut", &out, &err, "feed", "parse", "-",
                                   NULL), ==, DOSSIER_EXIT_INPUT);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "feed", "parse", NULL), ==, DOSSIER_EXIT_USAGE);
  dossier_test_remove_dir (dir);
}

/* Add, list, refresh, remove: what a cron job sees, and its exit status. */
static void
test_add_refresh_remove (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *url = g_strconcat (base, "/feed.rss", NULL);
  g_autofree char *missing = g_strconcat (base, "/missing.rss", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *feed;
  int before;

  /* plain http: refused before anything is sent */
  before = g_atomic_int_get (&requests);
  g_assert_cmpint (run (dir, &out, &err, "feed", "add", url, NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (err, "--allow-http"));
  g_assert_cmpint (g_atomic_int_get (&requests), ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "feed", "add", "--allow-http", missing, NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (err, "404"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "feed", "add", "--allow-http", "--proxy", "none", url, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Subscribed to “Правозащита”: 1 item"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "feed", "list", "--json", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  feed = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (feed, "url"), ==, url);
  g_assert_cmpint (json_object_get_int_member (feed, "items"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (feed, "unread"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (feed, "proxy"), ==, "none");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* not due yet: nothing fetched */
  before = g_atomic_int_get (&requests);
  g_assert_cmpint (run (dir, &out, &err, "refresh", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "No feed is due"));
  g_assert_cmpint (g_atomic_int_get (&requests), ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* asked for by address: fetched; nothing new */
  g_assert_cmpint (run (dir, &out, &err, "refresh", "--feed", url, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Правозащита: nothing new"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a failing feed: exit status 1, and why */
  g_atomic_int_set (&broken, 1);
  g_assert_cmpint (run (dir, &out, &err, "refresh", "--feed", url, NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (out, "failed"));
  g_assert_nonnull (strstr (out, "500"));
  g_atomic_int_set (&broken, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "feed", "list", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "500"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "feed", "remove", url, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "its 1 item"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "feed", "remove", url, NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "feed", "list", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "No feeds"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a proxy that is not there: the refresh fails, nothing goes direct */
  g_assert_cmpint (run (dir, &out, &err, "feed", "add", "--allow-http", url, NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  before = g_atomic_int_get (&requests);
  g_assert_cmpint (run (dir, &out, &err, "refresh", "--feed", url, "--proxy", "socks5://127.0.0.1:9", NULL), ==,
                   DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (out, "socks5://127.0.0.1:9"));
  g_assert_cmpint (g_atomic_int_get (&requests), ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "refresh", "--proxy", "gopher://x", NULL), ==, DOSSIER_EXIT_USAGE);
  dossier_test_remove_dir (dir);
}

/* The feed list in and out as OPML. */
static void
test_opml (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *opml = g_test_build_filename (G_TEST_DIST, "data", "feeds", "subscriptions.opml", NULL);
  g_autofree char *exported = g_build_filename (dir, "out.opml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run (dir, &out, &err, "opml", "import", opml, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "feeds added"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "opml", "import", opml, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "0 feeds added"));
  g_assert_nonnull (strstr (out, "there already"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "opml", "export", exported, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_true (g_file_get_contents (exported, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "xmlUrl="));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "opml", "export", "-", NULL), ==, DOSSIER_EXIT_OK);
  /* the same list, written a second apart perhaps: dateCreated aside */
  {
    g_autoptr(GRegex) date = g_regex_new ("<dateCreated>[^<]*</dateCreated>", 0, 0, NULL);
    g_autofree char *out_undated = g_regex_replace_literal (date, out, -1, 0, "", 0, NULL);
    g_autofree char *text_undated = g_regex_replace_literal (date, text, -1, 0, "", 0, NULL);

    g_assert_nonnull (strstr (out, "<dateCreated>"));
    g_assert_cmpstr (out_undated, ==, text_undated);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* not OPML: exit 4, nothing added */
  g_assert_cmpint (run_with_input (dir, "<opml version=\"2.0\"><body><outline", &out, &err, "opml", "import", "-",
                                   NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  dossier_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GAsyncQueue) ready = g_async_queue_new ();

  setlocale (LC_ALL, "C.UTF-8");
  /* the commands' "system" proxy: no desktop settings in the isolated
   * directories (the system's settings are test-feed-fetch.c's) */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dossier_path = g_getenv ("DOSSIER_BINARY");
  g_assert_nonnull (dossier_path);
  g_thread_unref (g_thread_new ("server", serve, ready));
  base = g_async_queue_pop (ready);

  g_test_add_func ("/cli-feeds/parse", test_parse);
  g_test_add_func ("/cli-feeds/add-refresh-remove", test_add_refresh_remove);
  g_test_add_func ("/cli-feeds/opml", test_opml);
  return g_test_run ();
}
