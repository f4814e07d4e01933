/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dossier-action.h"
#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-cli.h"
#include "dossier-json-bounds.h"
#include "dossier-links.h"
#include "dossier-store.h"
#include "dossier-target.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* Hostile files, concurrent writers and careless input: one test per
 * defect a robustness review found, each failing on the code before it
 * was fixed. The numbers are the review's. */

static const char *dossier_path;

#define FEED_START "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
#define FEED_END "]}"

/* Runs `dossier ARGS…` on the profile @dir; returns its exit status, or
 * -1 when it did not exit (a crash). */
static int
run (const char  *dir,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  va_list args;
  const char *arg;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) dossier_path);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  if (dir)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, (gpointer) dir);
    }
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out ? out : &ignored_out, err ? err : &ignored_err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s: status %d\nstderr: %.2000s", (char *) argv->pdata[1], status,
                  err ? *err : ignored_err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static gint64
count (DossierStore *store,
       GType         kind)
{
  g_autoptr(DossierQuery) query = dossier_query_new (kind);

  return dossier_store_count (store, query, NULL);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static char *
case_item (const char *id,
           const char *name_json)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"_dossier\": {\"type\": \"case\", \"id\": \"%s\","
                          " \"name\": %s, \"status\": \"imprisoned\"}}", id, id, name_json);
}

/* Imports @items (JSON, the inside of "items") and expects a refusal with
 * @code whose message holds @expected; the store stays empty. */
static void
assert_refused (const char *items,
                int         code,
                const char *expected)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autofree char *text = g_strconcat (FEED_START, items, FEED_END, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (dossier_campaign_import_data (store, text, -1, NULL, &error));
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_error (error, DOSSIER_EXCHANGE_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpint (count (store, DOSSIER_TYPE_CASE), ==, 0);
  g_assert_cmpint (count (store, DOSSIER_TYPE_TARGET), ==, 0);
  g_assert_cmpint (count (store, DOSSIER_TYPE_URGENT_ACTION), ==, 0);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* ---- 1. a crash, and memory out of proportion ---- */

static void
test_deep_nesting (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autoptr(GString) text = g_string_new (FEED_START);
  g_autofree char *file = NULL;
  g_autofree char *err = NULL;

  /* 200 KB of nested brackets overflowed json-glib's stack */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  file = write_temp (dir, "nested.json", text->str, text->len);
  g_assert_cmpint (run (profile, NULL, &err, "import", file, NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "levels deep"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));

  /* the same, closed, in the API */
  assert_refused ("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                  DOSSIER_EXCHANGE_ERROR_INVALID, "levels deep");
  dossier_test_remove_dir (dir);
}

/* A large file whose first item is wrong is refused at once, in memory
 * proportional to the file (it took 1.8 GB for 29 MB). */
static void
test_large_file_refused_early (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autoptr(GString) text = g_string_new (FEED_START);
  g_autofree char *file = NULL;
  g_autofree char *err = NULL;
  struct rusage usage;
  guint i;

  /* item 1 has no name; then about 29 MB of small lists, the shape that
   * makes a tree take the most memory per byte */
  g_string_append (text, "{\"id\": \"bad\", \"_dossier\": {\"type\": \"case\", \"id\": \"bad\", \"status\": \"imprisoned\"}}");
  for (i = 0; text->len < 29 * 1000 * 1000; i++)
    g_string_append_printf (text, ",{\"id\": \"n%u\", \"content_text\": \"%0250u\","
                            " \"tags\": [[], [], [], [], [], [], [], [], [], [], [], [], [], [], []]}", i, i);
  g_string_append (text, FEED_END);
  file = write_temp (dir, "large.json", text->str, text->len);
  g_string_free (g_steal_pointer (&text), TRUE);

  g_assert_cmpint (run (profile, NULL, &err, "import", file, NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "Item 1"));
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("largest child: %ld MB", usage.ru_maxrss / 1024);
  /* the file itself, once, and a little more; AddressSanitizer's shadow
   * memory and quarantine make the figure meaningless there */
#if defined(__SANITIZE_ADDRESS__)
  g_test_message ("built with AddressSanitizer: memory not compared");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  g_test_message ("built with AddressSanitizer: memory not compared");
#else
  g_assert_cmpint (usage.ru_maxrss, <, 160 * 1024);
#endif
#else
  g_assert_cmpint (usage.ru_maxrss, <, 160 * 1024);
#endif
  dossier_test_remove_dir (dir);
}

/* ---- 2. concurrent writers ---- */

typedef struct {
  const char *dir;
  const char *file;
  guint       runs;
  guint       failures;
  GString    *why;
} Loop;

static gpointer
log_loop (gpointer data)
{
  Loop *loop = data;

  for (guint i = 0; i < loop->runs; i++)
    {
      g_autofree char *err = NULL;
      int status = run (loop->dir, NULL, &err, "log", "--ua", "UA 065/20", "--notes", "loop", NULL);

      if (status != 0)
        {
          loop->failures++;
          g_string_append_printf (loop->why, "log %u: %d %s", i, status, err);
        }
    }
  return NULL;
}

static gpointer
import_loop (gpointer data)
{
  Loop *loop = data;

  for (guint i = 0; i < loop->runs; i++)
    {
      g_autofree char *err = NULL;
      int status = run (loop->dir, NULL, &err, "import", loop->file, NULL);

      if (status != 0)
        {
          loop->failures++;
          g_string_append_printf (loop->why, "import %u: %d %s", i, status, err);
        }
    }
  return NULL;
}

static gpointer
read_loop (gpointer data)
{
  Loop *loop = data;

  for (guint i = 0; i < loop->runs; i++)
    {
      g_autofree char *err = NULL;
      int status = run (loop->dir, NULL, &err, i % 2 ? "check" : "actions", NULL);

      if (status != 0)
        {
          loop->failures++;
          g_string_append_printf (loop->why, "read %u: %d %s", i, status, err);
        }
    }
  return NULL;
}

/* Two `dossier log` loops of 100 and an import loop write while a reader
 * reads: every command succeeds and no action is lost (26% of the logs
 * failed at once: a deferred transaction cannot wait for the lock). */
static void
test_concurrent_writers (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autoptr(DossierStore) store = NULL;
  Loop loops[4] = {
    { dir, NULL, 100, 0, g_string_new (NULL) },
    { dir, NULL, 100, 0, g_string_new (NULL) },
    { dir, sample, 10, 0, g_string_new (NULL) },
    { dir, NULL, 20, 0, g_string_new (NULL) },
  };
  GThread *threads[4];
  g_autofree char *problems = NULL;

  g_assert_cmpint (run (dir, NULL, NULL, "import", sample, NULL), ==, 0);
  threads[0] = g_thread_new ("log-1", log_loop, &loops[0]);
  threads[1] = g_thread_new ("log-2", log_loop, &loops[1]);
  threads[2] = g_thread_new ("import", import_loop, &loops[2]);
  threads[3] = g_thread_new ("read", read_loop, &loops[3]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      g_test_message ("loop %u: %u failures %s", i, loops[i].failures, loops[i].why->str);
      g_assert_cmpuint (loops[i].failures, ==, 0);
      g_string_free (loops[i].why, TRUE);
    }

  store = dossier_test_open_store (dir);
  g_assert_cmpint (count (store, DOSSIER_TYPE_ACTION), ==, 200);
  g_assert_true (dossier_store_check_integrity (store, &problems, NULL));
  g_assert_null (problems);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* ---- 3. poisoned text ---- */

static void
test_text_that_cannot_be_stored (void)
{
  g_autofree char *surrogate = case_item ("c1", "\"Ali\\ud800x\"");
  g_autofree char *low = case_item ("c1", "\"Ali\\udc00\"");
  g_autofree char *nul = case_item ("c1", "\"A\\u0000B\"");
  g_autofree char *escape = case_item ("c1", "\"A\\u001b[31mB\"");
  g_autofree char *line = case_item ("c1", "\"A\\nB\"");
  g_autofree char *bytes = case_item ("c1", "\"A\xff" "B\"");

  assert_refused (surrogate, DOSSIER_EXCHANGE_ERROR_INVALID, "line 1");
  assert_refused (low, DOSSIER_EXCHANGE_ERROR_INVALID, "half a character");
  assert_refused (nul, DOSSIER_EXCHANGE_ERROR_INVALID, "\\u0000");
  assert_refused (escape, DOSSIER_EXCHANGE_ERROR_INVALID, "U+001B");
  assert_refused (line, DOSSIER_EXCHANGE_ERROR_INVALID, "single line");
  assert_refused (bytes, DOSSIER_EXCHANGE_ERROR_NOT_JSON, "UTF-8");
}

/* `dossier check` finds text written behind Dossier's back. */
static void
test_check_finds_bad_text (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db;

  g_object_unref (dossier_test_open_store (dir));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO cases (id, created_at, updated_at, name, status, city)"
                                 " VALUES ('c1', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z',"
                                 "  'A' || char(27) || 'B', 'imprisoned', CAST (x'41ff42' AS TEXT));"
                                 "INSERT INTO cases (id, created_at, updated_at, name, status, tags)"
                                 " VALUES ('c2', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z',"
                                 "  'Fine', 'imprisoned', json_array ('ok', 'x' || char(7)));",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (err, "cases row 1: “name” holds a control character (U+001B)"));
  g_assert_nonnull (strstr (err, "cases row 1: “city” is not text in UTF-8"));
  g_assert_nonnull (strstr (err, "cases row 2: “tags” holds a control character (U+0007)"));
  /* and shows none of it raw */
  g_assert_null (strchr (err, '\033'));
  dossier_test_remove_dir (dir);
}

/* ---- 4. mail injection ---- */

static void
test_mail_injection (void)
{
  const char *hostile = "prosecutor@gov.example?bcc=collector%40evil.example";
  g_autofree char *dir = dossier_test_make_dir ();
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *item = g_strdup_printf ("{\"id\": \"t\", \"_dossier\": {\"type\": \"target\", \"id\": \"t\","
                                           " \"name\": \"Prosecutor\", \"email\": \"%s\"}}", hostile);
  g_autofree char *mailto = NULL;

  g_assert_false (dossier_email_is_valid (hostile));
  g_assert_false (dossier_email_is_valid ("a@example.org,b@evil.example"));
  g_assert_false (dossier_email_is_valid ("a@example.org&bcc=b@evil.example"));
  g_assert_true (dossier_email_is_valid ("prokuror@gp.gov.kz"));
  g_assert_true (dossier_email_is_valid ("прокурор@прокуратура.рф"));
  assert_refused (item, DOSSIER_EXCHANGE_ERROR_INVALID, "email address");

  /* the store refuses it whoever writes it */
  dossier_record_set_string (target, "name", "Prosecutor");
  dossier_record_set_string (target, "email", hostile);
  g_assert_false (dossier_store_create (store, target, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);

  /* links from files never carry headers or a second address */
  g_assert_null (dossier_link_uri ("mailto:a@example.org?bcc=c@evil.example"));
  g_assert_null (dossier_link_uri ("mailto:a@example.org?attach=/etc/passwd"));
  g_assert_null (dossier_link_uri ("mailto:a@example.org,c@evil.example"));
  g_assert_null (dossier_link_uri ("file:///etc/passwd"));
  g_assert_null (dossier_link_uri ("javascript:alert(1)"));
  g_assert_false (dossier_uri_is_safe ("mailto:a@example.org?bcc=c@evil.example"));
  g_assert_true (dossier_uri_is_safe ("mailto:a@example.org"));
  g_assert_true (dossier_uri_is_safe ("https://www.amnesty.org/en/documents/eur57/2227/2020/en/"));
  mailto = dossier_mailto_for ("прокурор@прокуратура.рф");
  g_assert_nonnull (mailto);
  g_assert_true (g_str_has_prefix (mailto, "mailto:%D0%BF"));
  g_assert_null (strchr (mailto, '?'));

  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* ---- 5. terminal escapes ---- */

static void
test_terminal_escapes (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *path = dossier_store_default_path (profile);
  g_autofree char *item = case_item ("c1", "\"Pwned\\u001b]0;owned\\u0007\\u001b[2J\"");
  g_autofree char *text = g_strconcat (FEED_START, item, FEED_END, NULL);
  g_autofree char *file = write_temp (dir, "escape\033[31m.json", text, -1);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db;

  /* the value an error quotes, and the file name */
  g_assert_cmpint (run (profile, &out, &err, "import", file, NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_null (strchr (err, '\033'));
  g_assert_null (strchr (err, '\007'));
  g_assert_nonnull (strstr (err, "\\x1B"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* names in a listing, written into the store behind Dossier's back */
  g_assert_cmpint (run (profile, NULL, NULL, "import", sample, NULL), ==, 0);
  g_assert_cmpint (run (profile, NULL, NULL, "log", "--ua", "UA 065/20", "--target", "Prosecutor", NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE targets SET name = 'Evil' || char (27) || '[2J' || char (155) || 'x';"
                                     "UPDATE urgent_actions SET reference = 'UA' || char (27) || ']0;t' || char (7)"
                                     " WHERE id = 'ua-065-20';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (run (profile, &out, &err, "actions", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "UA\\x1B]0;t\\x07"));
  g_assert_nonnull (strstr (out, "Evil\\x1B[2J\\u009Bx"));
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strstr (out, "\302\233"));
  dossier_test_remove_dir (dir);
}

/* ---- 6. a hang ---- */

/* Another program holds the store with an exclusive lock: opening gives
 * up within DOSSIER_STORE_OPEN_TIMEOUT_MS and says why (it waited 514 s). */
static void
test_open_gives_up (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *err = NULL;
  sqlite3 *db;
  gint64 start;
  double seconds;

  g_object_unref (dossier_test_open_store (dir));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                     "UPDATE tallies SET n = n WHERE name = 'actions';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_cmpint (run (dir, NULL, &err, "check", NULL), ==, DOSSIER_EXIT_STORE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("gave up after %.1f s: %s", seconds, err);
  g_assert_nonnull (strstr (err, "Another program holds the store"));
  g_assert_cmpfloat (seconds, <, DOSSIER_STORE_OPEN_TIMEOUT_MS / 1000.0 + 5);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  dossier_test_remove_dir (dir);
}

/* ---- 7. an empty campaign published by a typo ---- */

static void
test_reading_commands_create_nothing (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *typo = g_build_filename (dir, "TYPO", NULL);
  g_autofree char *campaign = write_temp (dir, "campaign.json", "the coordinator's campaign", -1);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (typo, NULL, &err, "export", campaign, NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_nonnull (strstr (err, "There is no store"));
  g_assert_true (g_file_get_contents (campaign, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the coordinator's campaign");
  g_assert_cmpint (run (typo, NULL, NULL, "actions", NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_cmpint (run (typo, NULL, NULL, "check", NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_cmpint (run (typo, NULL, NULL, "export", NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
  dossier_test_remove_dir (dir);
}

/* ---- 8. references ---- */

static void
test_references_normalized (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *key1 = dossier_reference_key (" UA  065/20 ");
  g_autofree char *key2 = dossier_reference_key ("ua 065／20");
  const char *look_alike =
    "{\"id\": \"x\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-x\", \"reference\": \"UA 7/21\"}},"
    "{\"id\": \"y\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-y\", \"reference\": \" ua  7/21\"}}";

  g_assert_cmpstr (key1, ==, key2);
  assert_refused (look_alike, DOSSIER_EXCHANGE_ERROR_DUPLICATE, "which item 1 already uses");

  g_assert_cmpint (run (dir, NULL, NULL, "import", sample, NULL), ==, 0);
  store = dossier_test_open_store (dir);
  /* " UA 065/20" cannot stand beside "UA 065/20" */
  dossier_record_set_string (ua, "reference", " ua  065/20");
  g_assert_false (dossier_store_create (store, ua, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_clear_object (&store);

  /* and `dossier log` finds the one there is, however it is typed */
  g_assert_cmpint (run (dir, &out, NULL, "log", "--ua", "  ua   065/20 ", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "UA 065/20"));
  dossier_test_remove_dir (dir);
}

/* ---- 9. unbounded text ---- */

static void
test_lengths_bounded (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *city = g_strnfill (3000, 'x');
  g_autofree char *quoted = g_strdup_printf ("{\"id\": \"c\", \"_dossier\": {\"type\": \"case\", \"id\": \"c\","
                                             " \"name\": \"A\", \"status\": \"imprisoned\", \"city\": \"%s\"}}",
                                             city);

  assert_refused (quoted, DOSSIER_EXCHANGE_ERROR_INVALID,
                  "Item 1, the case “A”: the city can be at most 500 characters long, not 3000 (items[0]._dossier.city).");

  dossier_record_set_string (kase, "name", "A");
  dossier_record_set_string (kase, "city", city);
  g_assert_false (dossier_store_create (store, kase, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "city"));
  g_assert_cmpint (count (store, DOSSIER_TYPE_CASE), ==, 0);
  g_clear_object (&store);
  dossier_test_remove_dir (dir);
}

/* ---- 10. small gaps ---- */

static void
test_small_gaps_in_files (void)
{
  /* a time that lands in the year 10000 in UTC raised a critical */
  assert_refused ("{\"id\": \"c\", \"date_published\": \"9999-12-31T23:00:00-05:00\","
                  " \"_dossier\": {\"type\": \"case\", \"id\": \"c\", \"name\": \"A\", \"status\": \"imprisoned\"}}",
                  DOSSIER_EXCHANGE_ERROR_INVALID,
                  "Item 1, the case “A”: the time it was published must be between the years 1900 and 9999; "
                  "“9999-12-31T23:00:00-05:00” is not (items[0].date_published).");
  /* the year 999 was refused by a constraint that named no field */
  assert_refused ("{\"id\": \"c\", \"date_modified\": \"0999-01-01T00:00:00Z\","
                  " \"_dossier\": {\"type\": \"case\", \"id\": \"c\", \"name\": \"A\", \"status\": \"imprisoned\"}}",
                  DOSSIER_EXCHANGE_ERROR_INVALID, "the time it was last changed must be between the years 1900 and 9999; "
                  "“0999-01-01T00:00:00Z” is not (items[0].date_modified).");
  /* an empty language key */
  assert_refused ("{\"id\": \"u\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"u\","
                  " \"reference\": \"UA 1/20\", \"documents\": {\"\": \"https://example.org/\"}}}",
                  DOSSIER_EXCHANGE_ERROR_INVALID,
                  "Item 1, the urgent action “UA 1/20”: the documents must be listed by language code, such as "
                  "“en” or “kk”; “” is not one (items[0]._dossier.documents[\"\"]).");

  /* _dossier.format 2^64+1 wrapped to 1 */
  {
    g_autofree char *dir = dossier_test_make_dir ();
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autoptr(GError) error = NULL;
    const char *text = "{\"version\": \"https://jsonfeed.org/version/1.1\","
                       " \"_dossier\": {\"format\": 18446744073709551617}, \"items\": []}";

    g_assert_false (dossier_campaign_import_data (store, text, -1, NULL, &error));
    g_assert_error (error, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "number too large"));
    g_clear_object (&store);
    dossier_test_remove_dir (dir);
  }
}

static void
test_small_gaps_in_commands (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  sqlite3 *db;

  g_assert_cmpint (run (dir, NULL, NULL, "import", sample, NULL), ==, 0);
  g_assert_cmpint (run (dir, NULL, NULL, "log", "--ua", "UA 065/20", NULL), ==, 0);

  /* --target "" picked the only target */
  g_assert_cmpint (run (dir, NULL, &err, "log", "--ua", "UA 065/20", "--target", "", NULL), ==, DOSSIER_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "--target"));
  g_clear_pointer (&err, g_free);

  /* --data-dir without its value said "Unknown option" */
  g_assert_cmpint (run (NULL, NULL, &err, "check", "--data-dir", NULL), ==, DOSSIER_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "--data-dir needs"));
  g_clear_pointer (&err, g_free);

  /* output that cannot be written is a failure */
  {
    g_autofree char *command = g_strdup_printf ("'%s' actions --data-dir '%s' > /dev/full", dossier_path, dir);
    g_autofree char *check = g_strdup_printf ("'%s' check --data-dir '%s' > /dev/full", dossier_path, dir);

    if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
      {
        const char *sh_actions[] = { "/bin/sh", "-c", command, NULL };
        const char *sh_check[] = { "/bin/sh", "-c", check, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) sh_actions, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     NULL, &err, &status, &error));
        g_assert_no_error (error);
        g_assert_true (WIFEXITED (status));
        g_assert_cmpint (WEXITSTATUS (status), ==, DOSSIER_EXIT_OUTPUT);
        g_assert_nonnull (strstr (err, "Could not write the output"));
        g_clear_pointer (&err, g_free);
        g_assert_true (g_spawn_sync (NULL, (char **) sh_check, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     NULL, &err, &status, &error));
        g_assert_no_error (error);
        g_assert_cmpint (WEXITSTATUS (status), ==, DOSSIER_EXIT_OUTPUT);
        g_clear_pointer (&err, g_free);
      }
  }

  /* a store with a negative format version is not a healthy format 4 */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = -5", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_nonnull (strstr (err, "not a Dossier store"));
  dossier_test_remove_dir (dir);
}

/* A store on a read-only disk can still be checked and exported (it gave
 * a raw SQLite message). Needs a mount namespace: skipped where the
 * machine gives none. */
static void
test_read_only_media (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *mount = g_build_filename (dir, "media", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  int status;

  if (unshare == NULL)
    {
      g_test_skip ("no unshare(1) to make a read-only mount");
      return;
    }
  g_assert_cmpint (run (profile, NULL, NULL, "import", sample, NULL), ==, 0);
  g_assert_cmpint (g_mkdir (mount, 0700), ==, 0);
  /* a tmpfs holding a copy of the store, then made read-only */
  script = g_strdup_printf ("set -e; mount -t tmpfs none '%s'; cp '%s/dossier.db' '%s/';"
                            " mount -o remount,ro '%s';"
                            " '%s' check --data-dir '%s'; '%s' export --data-dir '%s' > /dev/null;"
                            " '%s' actions --data-dir '%s'",
                            mount, profile, mount, mount, dossier_path, mount, dossier_path, mount,
                            dossier_path, mount);
  {
    const char *argv[] = { "unshare", "-r", "-m", "/bin/sh", "-c", script, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  if (strstr (err, "mount") && !strstr (err, "dossier"))
    {
      g_test_skip ("no read-only mount here");
      dossier_test_remove_dir (dir);
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (out, "Integrity: no problems found"));
  dossier_test_remove_dir (dir);
}

/* ---- the bounds themselves ---- */

static void
test_json_bounds (void)
{
  static const DossierJsonBounds bounds = {
    .max_bytes = 1000, .max_depth = 4, .max_string_bytes = 16, .max_values = 50,
    .split_member = "items", .max_elements = 3, .max_element_bytes = 40, .max_element_values = 5,
  };
  static const struct {
    const char *text;
    int         code;  /* -1: passes */
  } cases[] = {
    { "{\"items\": [1, {\"a\": [2]}, \"x\"]}", -1 },
    { "  ", DOSSIER_JSON_ERROR_EMPTY },
    { "{\"items\": [1, 2", DOSSIER_JSON_ERROR_TRUNCATED },
    { "{\"a\": \"abc", DOSSIER_JSON_ERROR_TRUNCATED },
    { "{\"a\": 1,}", DOSSIER_JSON_ERROR_SYNTAX },
    { "{\"a\": 1} x", DOSSIER_JSON_ERROR_SYNTAX },
    { "[[[[[1]]]]]", DOSSIER_JSON_ERROR_TOO_DEEP },
    { "\"abcdefghijklmnopqrst\"", DOSSIER_JSON_ERROR_STRING_TOO_LONG },
    { "{\"items\": [1, 2, 3, 4]}", DOSSIER_JSON_ERROR_TOO_MANY },
    { "{\"items\": [[1, 2, 3, 4, 5, 6]]}", DOSSIER_JSON_ERROR_TOO_MANY },
    { "{\"items\": 1, \"it\\u0065ms\": 2}", DOSSIER_JSON_ERROR_SYNTAX },
    { "\"\\ud83d\\ude00\"", -1 },
    { "\"\\ud83d\"", DOSSIER_JSON_ERROR_BAD_TEXT },
    { "\"\\u0000\"", DOSSIER_JSON_ERROR_BAD_TEXT },
    { "\"\xc0\xaf\"", DOSSIER_JSON_ERROR_NOT_UTF8 },
    { "\"\xed\xa0\x80\"", DOSSIER_JSON_ERROR_NOT_UTF8 },
    { "9223372036854775807", -1 },
    { "9223372036854775808", DOSSIER_JSON_ERROR_BAD_NUMBER },
    { "1e400", DOSSIER_JSON_ERROR_BAD_NUMBER },
    { "-0.5e-3", -1 },
    { "01", DOSSIER_JSON_ERROR_SYNTAX },
    { "tru", DOSSIER_JSON_ERROR_TRUNCATED },
    { "\xef\xbb\xbf[true, false, null]", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DossierJsonSpan));
      gboolean ok = dossier_json_check (cases[i].text, strlen (cases[i].text), &bounds, NULL, spans, &error);

      g_test_message ("%u: %s → %s", i, cases[i].text, error ? error->message : "ok");
      if (cases[i].code < 0)
        g_assert_true (ok);
      else
        g_assert_error (error, DOSSIER_JSON_ERROR, cases[i].code);
    }

  /* the elements of "items" are found, each as written */
  {
    const char *text = "{\"title\": \"x\", \"items\": [ {\"a\": 1} , [2], \"three\"], \"z\": [9]}";
    g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DossierJsonSpan));
    DossierJsonSpan array;

    g_assert_true (dossier_json_check (text, strlen (text), &bounds, &array, spans, NULL));
    g_assert_cmpuint (spans->len, ==, 3);
    g_assert_cmpint (strncmp (text + g_array_index (spans, DossierJsonSpan, 0).offset, "{\"a\": 1}", 8), ==, 0);
    g_assert_cmpuint (g_array_index (spans, DossierJsonSpan, 0).length, ==, 8);
    g_assert_cmpint (strncmp (text + g_array_index (spans, DossierJsonSpan, 2).offset, "\"three\"", 7), ==, 0);
    g_assert_cmpint (strncmp (text + array.offset, "[ {", 3), ==, 0);
    g_assert_cmpint (text[array.offset + array.length - 1], ==, ']');
  }
}

/* ---- 11. errors a volunteer reads ---- */

/* An import error says, in the volunteer's language, which record and
 * which field are wrong, then where for the file's author; nothing is
 * imported. */
static void
test_import_errors_in_words (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  const char *items =
    "{\"id\": \"c\", \"_dossier\": {\"type\": \"case\", \"id\": \"c\", \"name\": \"Alnur Ilyashev\","
    " \"status\": \"imprisoned\"}},"
    "{\"id\": \"t\", \"_dossier\": {\"type\": \"target\", \"id\": \"t\", \"name\": \"Prosecutor General\","
    " \"email\": \"prokuror at example.kz\"}}";
  const char *ua_items =
    "{\"id\": \"c\", \"_dossier\": {\"type\": \"case\", \"id\": \"c\", \"name\": \"Alnur Ilyashev\","
    " \"status\": \"imprisoned\"}},"
    "{\"id\": \"u\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"u\", \"reference\": \"UA 065/20\","
    " \"case_ids\": [\"c\"], \"status\": \"weird\"}}";
  g_autofree char *text = g_strconcat (FEED_START, items, FEED_END, NULL);
  g_autofree char *ua_text = g_strconcat (FEED_START, ua_items, FEED_END, NULL);
  g_autofree char *file = write_temp (dir, "bad.json", text, -1);
  g_autofree char *ua_file = write_temp (dir, "bad-ua.json", ua_text, -1);
  const struct {
    const char *language;
    const char *file;
    const char *expected;
  } cases[] = {
    { "en", file, "Could not import “%s”: Item 2, the target “Prosecutor General”: the email address must be "
                  "written like name@example.org; “prokuror at example.kz” is not (items[1]._dossier.email).\n"
                  "Nothing was imported.\n" },
    { "en", ua_file, "Could not import “%s”: Item 2, the urgent action “UA 065/20”: the status cannot be “weird”; "
                     "it must be one of: open, closed, follow-up (items[1]._dossier.status).\n"
                     "Nothing was imported.\n" },
    { "ru", ua_file, "Не удалось импортировать «%s»: Элемент 2, срочная акция «UA 065/20»: поле «статус» не может "
                     "иметь значение «weird»; допустимые значения: open, closed, follow-up "
                     "(items[1]._dossier.status).\nНичего не импортировано.\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *out = NULL;
      g_autofree char *expected = g_strdup_printf (cases[i].expected, cases[i].file);

      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      g_assert_cmpint (run (profile, NULL, &err, "import", cases[i].file, NULL), ==, DOSSIER_EXIT_INPUT);
      g_assert_cmpstr (err, ==, expected);

      /* the case before the bad item was not imported either */
      g_setenv ("LANGUAGE", "en", TRUE);
      g_assert_cmpint (run (profile, &out, NULL, "check", NULL), ==, 0);
      g_assert_nonnull (strstr (out, "0 cases"));
    }
  g_unsetenv ("LANGUAGE");
  dossier_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dossier_path = g_getenv ("DOSSIER_BINARY");
  if (dossier_path == NULL)
    {
      g_printerr ("DOSSIER_BINARY is not set\n");
      return 77;
    }

  g_test_add_func ("/robustness/json-bounds", test_json_bounds);
  g_test_add_func ("/robustness/1/deep-nesting", test_deep_nesting);
  g_test_add_func ("/robustness/1/large-file-refused-early", test_large_file_refused_early);
  g_test_add_func ("/robustness/2/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/robustness/3/text-that-cannot-be-stored", test_text_that_cannot_be_stored);
  g_test_add_func ("/robustness/3/check-finds-bad-text", test_check_finds_bad_text);
  g_test_add_func ("/robustness/4/mail-injection", test_mail_injection);
  g_test_add_func ("/robustness/5/terminal-escapes", test_terminal_escapes);
  g_test_add_func ("/robustness/6/open-gives-up", test_open_gives_up);
  g_test_add_func ("/robustness/7/reading-commands-create-nothing", test_reading_commands_create_nothing);
  g_test_add_func ("/robustness/8/references-normalized", test_references_normalized);
  g_test_add_func ("/robustness/9/lengths-bounded", test_lengths_bounded);
  g_test_add_func ("/robustness/10/small-gaps-in-files", test_small_gaps_in_files);
  g_test_add_func ("/robustness/10/small-gaps-in-commands", test_small_gaps_in_commands);
  g_test_add_func ("/robustness/10/read-only-media", test_read_only_media);
  g_test_add_func ("/robustness/11/import-errors-in-words", test_import_errors_in_words);
  return g_test_run ();
}
