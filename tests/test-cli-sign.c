/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dossier-cli.h"
#include "dossier-minisign.h"
#include "dossier-test-utils.h"

/* A coordinator and two volunteers, each with the `dossier` binary and a
 * store of their own: `dossier keygen` and `dossier export --sign` on one
 * side (checked with the real `minisign -V`), `dossier feed add --key`,
 * `feed trust`, `feed key` and `refresh` on the other, the campaign served
 * by a SoupServer on 127.0.0.1 from the coordinator's folder. And the
 * other way: a campaign signed with minisign, subscribed to with the key
 * minisign wrote. */

static const char *dossier_path;
static char *base;                    /* http://127.0.0.1:PORT */
static char *served;                  /* the folder the server serves */
static GMutex served_lock;

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  g_autofree char *file = NULL;
  g_autofree char *body = NULL;
  gsize length = 0;

  g_mutex_lock (&served_lock);
  file = served && !strstr (path, "..") ? g_build_filename (served, path, NULL) : NULL;
  g_mutex_unlock (&served_lock);
  if (file && g_file_get_contents (file, &body, &length, NULL))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/feed+json", SOUP_MEMORY_COPY, body, length);
    }
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
  g_main_loop_run (loop);
  return NULL;
}

static void
serve_from (const char *dir)
{
  g_mutex_lock (&served_lock);
  g_free (served);
  served = g_strdup (dir);
  g_mutex_unlock (&served_lock);
}

/* Runs `@program` (the dossier binary when NULL, with --data-dir @dir)
 * with @input on its standard input. */
static int
run_program (const char  *program,
             const char  *dir,
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

  g_ptr_array_add (argv, (gpointer) (program ? program : dossier_path));
  if (program == NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, (gpointer) dir);
    }
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
  g_free (*out);
  g_free (*err);
  *out = g_strndup (g_bytes_get_size (stdout_bytes) ? g_bytes_get_data (stdout_bytes, NULL) : "",
                    g_bytes_get_size (stdout_bytes));
  *err = g_strndup (g_bytes_get_size (stderr_bytes) ? g_bytes_get_data (stderr_bytes, NULL) : "",
                    g_bytes_get_size (stderr_bytes));
  g_test_message ("%s: stdout: %s\nstderr: %s", program ? program : "dossier", *out, *err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

#define dossier(dir, input, out, err, ...) run_program (NULL, dir, input, out, err, __VA_ARGS__)

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* How many cases @dir's store holds, as `dossier check` counts them. */
static int
count_cases (const char *dir)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *line;

  g_assert_cmpint (run_program (NULL, dir, NULL, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  line = strstr (out, " cases\n");
  if (line == NULL)
    return 0;
  while (line > out && g_ascii_isdigit (line[-1]))
    line--;
  return atoi (line);
}

/* The one feed of @dir's store, as `dossier feed list --json` says it. */
static JsonObject *
listed_feed (const char *dir,
             JsonParser *parser)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (dossier (dir, NULL, &out, &err, "feed", "list", "--json", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
}

static void
test_keygen_export_subscribe (void)
{
  g_autofree char *minisign = g_find_program_in_path ("minisign");
  g_autofree char *coordinator = dossier_test_make_dir ();
  g_autofree char *volunteer = dossier_test_make_dir ();
  g_autofree char *newcomer = dossier_test_make_dir ();
  g_autofree char *site = g_build_filename (coordinator, "site", NULL);
  g_autofree char *key = g_build_filename (coordinator, "coordinator.key", NULL);
  g_autofree char *pub = g_build_filename (coordinator, "coordinator.pub", NULL);
  g_autofree char *new_key = g_build_filename (coordinator, "next.key", NULL);
  g_autofree char *new_pub = g_build_filename (coordinator, "next.pub", NULL);
  g_autofree char *file = g_build_filename (site, "campaign.json", NULL);
  g_autofree char *signature = g_strconcat (file, ".minisig", NULL);
  g_autofree char *other = g_build_filename (site, "other.json", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autofree char *url = g_strconcat (base, "/campaign.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *pub_text = NULL, *key_text = NULL, *exported = NULL, *fingerprint = NULL;
  g_autoptr(DossierMinisignKey) public_key = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GStatBuf info;
  JsonObject *feed;

  g_assert_cmpint (g_mkdir (site, 0755), ==, 0);
  serve_from (site);
  g_assert_cmpint (dossier (coordinator, NULL, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);

  /* keygen: passphrase twice on standard input, as minisign reads it */
  g_assert_cmpint (dossier (coordinator, "one passphrase\nanother\n", &out, &err, "keygen", key, NULL), ==,
                   DOSSIER_EXIT_USAGE);
  g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));
  g_assert_cmpint (dossier (coordinator, "correct horse\ncorrect horse\n", &out, &err, "keygen", key, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_cmpint (g_stat (key, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  pub_text = read_text (pub);
  public_key = dossier_minisign_key_parse (pub_text, NULL);
  g_assert_nonnull (public_key);
  key_text = dossier_minisign_key_to_string (public_key);
  fingerprint = dossier_minisign_key_get_fingerprint (public_key);
  g_assert_nonnull (strstr (out, key_text));
  g_assert_nonnull (strstr (out, fingerprint));
  /* a key pair that exists is not replaced without --force */
  g_assert_cmpint (dossier (coordinator, "x\nx\n", &out, &err, "keygen", key, NULL), ==, DOSSIER_EXIT_PROBLEMS);

  /* a wrong passphrase signs nothing, and writes nothing */
  g_assert_cmpint (dossier (coordinator, "wrong horse\n", &out, &err, "export", "--sign", key, file, NULL), ==,
                   DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (err, "not the passphrase"));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_cmpint (dossier (coordinator, NULL, &out, &err, "export", "--sign", key, NULL), ==, DOSSIER_EXIT_USAGE);

  g_assert_cmpint (dossier (coordinator, "correct horse\n", &out, &err, "export", "--sign", key, file, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_true (g_file_test (signature, G_FILE_TEST_EXISTS));
  exported = read_text (file);
  {
    g_autofree char *member = g_strdup_printf ("\"signing_key\":\"%s\"", key_text);

    g_assert_nonnull (strstr (exported, member));
  }
  /* the secret key never enters the store */
  {
    g_autofree char *store_path = g_build_filename (coordinator, "dossier.db", NULL);
    g_autofree char *store_bytes = NULL;
    g_autofree char *secret = read_text (key);
    gsize length;
    char *line = strchr (secret, '\n') + 1;

    *strchr (line, '\n') = '\0';
    g_assert_true (g_file_get_contents (store_path, &store_bytes, &length, NULL));
    g_assert_null (g_strstr_len (store_bytes, length, line));
    g_assert_null (g_strstr_len (store_bytes, length, "secret key"));
  }

  /* Dossier signed: minisign verifies */
  if (minisign)
    {
      g_assert_cmpint (run_program (minisign, NULL, NULL, &out, &err, "-V", "-p", pub, "-m", file, NULL), ==, 0);
      g_assert_nonnull (strstr (out, "Signature and comment signature verified"));
      g_assert_nonnull (strstr (out, "file:campaign.json"));
    }
  else
    g_test_message ("minisign is not installed: the export's signature was not checked with it");

  /* a volunteer subscribes with the key file */
  g_assert_cmpint (dossier (volunteer, NULL, &out, &err, "feed", "add", "--allow-http", "--key", pub, url, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Subscribed to"));
  g_assert_nonnull (strstr (out, fingerprint));
  g_assert_cmpint (count_cases (volunteer), ==, 38);
  feed = listed_feed (volunteer, parser);
  g_assert_cmpstr (json_object_get_string_member (feed, "signing"), ==, "signed");
  g_assert_cmpstr (json_object_get_string_member (feed, "public_key"), ==, key_text);
  g_assert_cmpstr (json_object_get_string_member (feed, "fingerprint"), ==, fingerprint);
  g_assert_cmpstr (json_object_get_string_member (feed, "key_origin"), ==, "given");

  /* one byte of the campaign changed on the server: not applied */
  {
    g_autofree char *changed = g_strdup (exported);

    *strstr (changed, "Almaty") = 'E';
    g_assert_true (g_file_set_contents (file, changed, -1, NULL));
    g_assert_cmpint (dossier (volunteer, NULL, &out, &err, "refresh", "--feed", url, NULL), ==,
                     DOSSIER_EXIT_PROBLEMS);
    g_assert_nonnull (strstr (out, "it was not applied"));
    g_assert_cmpint (dossier (volunteer, NULL, &out, &err, "feed", "list", NULL), ==, DOSSIER_EXIT_OK);
    g_assert_nonnull (strstr (out, "it was not applied"));
    g_assert_true (g_file_set_contents (file, exported, -1, NULL));
  }

  /* trust on first use: offered, not taken, until `feed trust` */
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "feed", "add", "--allow-http", url, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, key_text));
  g_assert_nonnull (strstr (out, fingerprint));
  g_assert_nonnull (strstr (out, "dossier feed trust"));
  feed = listed_feed (newcomer, parser);
  g_assert_cmpstr (json_object_get_string_member (feed, "signing"), ==, "pending");
  g_assert_cmpint (count_cases (newcomer), ==, 0);
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "feed", "trust", url, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "fetched and applied"));
  feed = listed_feed (newcomer, parser);
  g_assert_cmpstr (json_object_get_string_member (feed, "signing"), ==, "signed");
  g_assert_cmpstr (json_object_get_string_member (feed, "key_origin"), ==, "first-use");
  g_assert_cmpint (count_cases (newcomer), ==, 38);

  /* a rotation: announced in an update signed with the old key, then
   * used; the volunteer follows it without doing anything */
  g_assert_cmpint (dossier (coordinator, NULL, &out, &err, "keygen", "--no-passphrase", new_key, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_cmpint (dossier (coordinator, "correct horse\n", &out, &err, "export", "--sign", key,
                            "--announce-key", new_pub, file, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_cmpint (dossier (volunteer, NULL, &out, &err, "refresh", "--feed", url, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_cmpint (dossier (coordinator, NULL, &out, &err, "export", "--sign", new_key, file, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_assert_cmpint (dossier (volunteer, NULL, &out, &err, "refresh", "--feed", url, NULL), ==, DOSSIER_EXIT_OK);
  feed = listed_feed (volunteer, parser);
  {
    g_autofree char *next_text = read_text (new_pub);
    g_autoptr(DossierMinisignKey) next = dossier_minisign_key_parse (next_text, NULL);
    g_autofree char *next_string = dossier_minisign_key_to_string (next);

    g_assert_cmpstr (json_object_get_string_member (feed, "public_key"), ==, next_string);
    g_assert_cmpstr (json_object_get_string_member (feed, "key_origin"), ==, "rotation");
  }
  /* the newcomer missed the announcement: refused, until the key is set */
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "refresh", "--feed", url, NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (out, "not signed by the campaign’s key"));
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "feed", "key", url, new_pub, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "refresh", "--feed", url, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "feed", "key", url, "--none", NULL), ==, DOSSIER_EXIT_OK);
  feed = listed_feed (newcomer, parser);
  g_assert_cmpstr (json_object_get_string_member (feed, "signing"), ==, "unsigned");
  g_assert_true (json_object_get_null_member (feed, "public_key"));
  g_assert_cmpint (dossier (newcomer, NULL, &out, &err, "feed", "key", url, "RWQnot-a-key", NULL), ==,
                   DOSSIER_EXIT_USAGE);

  /* the other way: minisign signs, Dossier verifies */
  if (minisign)
    {
      g_autofree char *ms_pub = g_build_filename (coordinator, "minisign.pub", NULL);
      g_autofree char *ms_key = g_build_filename (coordinator, "minisign.key", NULL);
      g_autofree char *other_url = g_strconcat (base, "/other.json", NULL);
      g_autofree char *reader = dossier_test_make_dir ();

      g_assert_cmpint (dossier (coordinator, NULL, &out, &err, "export", other, NULL), ==, DOSSIER_EXIT_OK);
      g_assert_cmpint (run_program (minisign, NULL, NULL, &out, &err, "-G", "-W", "-p", ms_pub, "-s", ms_key, NULL),
                       ==, 0);
      g_assert_cmpint (run_program (minisign, NULL, NULL, &out, &err, "-S", "-s", ms_key, "-m", other, NULL), ==, 0);
      g_assert_cmpint (dossier (reader, NULL, &out, &err, "feed", "add", "--allow-http", "--key", ms_pub, other_url,
                                NULL), ==, DOSSIER_EXIT_OK);
      g_assert_nonnull (strstr (out, "Subscribed to"));
      feed = listed_feed (reader, parser);
      g_assert_cmpstr (json_object_get_string_member (feed, "signing"), ==, "signed");
      g_assert_cmpint (count_cases (reader), ==, 38);
      dossier_test_remove_dir (reader);
    }
  else
    g_test_skip ("minisign is not installed (build-aux/deps.sh installs it)");

  serve_from (NULL);
  dossier_test_remove_dir (coordinator);
  dossier_test_remove_dir (volunteer);
  dossier_test_remove_dir (newcomer);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GAsyncQueue) ready = g_async_queue_new ();

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dossier_path = g_getenv ("DOSSIER_BINARY");
  g_assert_nonnull (dossier_path);
  g_thread_unref (g_thread_new ("server", serve, ready));
  base = g_async_queue_pop (ready);

  g_test_add_func ("/cli-sign/keygen-export-subscribe", test_keygen_export_subscribe);
  return g_test_run ();
}
