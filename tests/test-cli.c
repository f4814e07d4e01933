/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-cli.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* The `dossier` binary as a script runs it: a subprocess, its output and
 * its exit status. */

static const char *dossier_path;

static int
run (const char  *dir,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) dossier_path);
  if (dir)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, (gpointer) dir);
    }
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--version", NULL), ==, 0);
  g_assert_nonnull (strstr (out, PACKAGE_VERSION));
}

static void
test_help_lists_commands (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--data-dir"));
  g_assert_nonnull (strstr (out, "check"));
  g_assert_nonnull (strstr (out, "DOSSIER_DATA_DIR"));
}

static void
test_unknown_command (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dir = dossier_test_make_dir ();

  g_assert_cmpint (run (dir, &out, &err, "frobnicate", NULL), ==, DOSSIER_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "check", "extra", NULL), ==, DOSSIER_EXIT_USAGE);
  dossier_test_remove_dir (dir);
}

/* Help and the version are never mistaken for a command, and an empty
 * profile folder is refused rather than read as the real store. */
static void
test_command_line_edges (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--help", "check", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Usage"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (NULL, &out, &err, "--data-dir=", "check", NULL), ==, DOSSIER_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "--data-dir"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_object_unref (dossier_test_open_store (dir));
  g_assert_cmpint (run (dir, &out, &err, "--", "check", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, path));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  dossier_test_remove_dir (dir);
}

static void
test_check_new_store (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = dossier_store_default_path (dir);

  /* no store: check says so and creates none */
  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_nonnull (strstr (err, "no store"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_object_unref (dossier_test_open_store (dir));
  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, path));
  g_assert_nonnull (strstr (out, "0 urgent actions"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --data-dir after the command works too */
  g_assert_cmpint (run (NULL, &out, &err, "check", "--data-dir", dir, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, path));
  dossier_test_remove_dir (dir);
}

/* Commands are for scripts and cron: they must not need the GSettings
 * schema that only the window uses. */
static void
test_check_without_schema (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  g_autofree char *data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));

  g_object_unref (dossier_test_open_store (dir));

  g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_setenv ("XDG_DATA_DIRS", dir, TRUE);
  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  if (schema_dir)
    g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  if (data_dirs)
    g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  else
    g_unsetenv ("XDG_DATA_DIRS");
  dossier_test_remove_dir (dir);
}

static void
test_check_env_data_dir (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = dossier_store_default_path (dir);

  g_object_unref (dossier_test_open_store (dir));

  g_setenv ("DOSSIER_DATA_DIR", dir, TRUE);
  g_assert_cmpint (run (NULL, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  g_unsetenv ("DOSSIER_DATA_DIR");
  g_assert_nonnull (strstr (out, path));
  dossier_test_remove_dir (dir);
}

static void
test_check_counts (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *path = dossier_store_default_path (dir);
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "1 case\n"));
  g_assert_nonnull (strstr (out, "2 actions"));
  g_assert_nonnull (strstr (out, "2 case events"));
  dossier_test_remove_dir (dir);
}

static void
test_check_too_new (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = dossier_store_default_path (dir);
  /* one version past the one this build writes */
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d", DOSSIER_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_STORE);
  g_assert_nonnull (strstr (err, "newer version"));
  dossier_test_remove_dir (dir);
}

/* A store whose foreign keys were broken behind Dossier's back. */
static void
test_check_finds_problems (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  sqlite3 *db;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA foreign_keys = OFF;"
                                 "INSERT INTO case_events (id, created_at, updated_at, case_id, kind, date) "
                                 "VALUES ('e', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'missing', 'arrest', '2020-01-01');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_PROBLEMS);
  g_assert_nonnull (strstr (err, "case_events"));
  dossier_test_remove_dir (dir);
}

static char *
sample_campaign (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
}

static void
test_import_sample (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "records added"));
  g_assert_nonnull (strstr (out, "0 records unchanged"));
  g_assert_nonnull (strstr (out, "2 news items added"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "2 urgent actions\n"));
  g_assert_nonnull (strstr (out, "no problems found"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* again: nothing changes */
  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "0 records added"));
  g_assert_nonnull (strstr (out, "0 records updated"));
  dossier_test_remove_dir (dir);
}

static void
test_import_bad (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (bad,
                                      "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
                                      "{\"id\": \"t\", \"_dossier\": {\"type\": \"target\", \"id\": \"t\", \"name\": \"PG\"}},"
                                      "{\"id\": \"c\", \"_dossier\": {\"type\": \"case\", \"id\": \"c\", \"status\": \"detained\"}}]}",
                                      -1, NULL));
  g_assert_cmpint (run (dir, &out, &err, "import", bad, NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "Item 2, a case: the name is missing; it is required (items[1]._dossier.name)."));
  g_assert_nonnull (strstr (err, "Nothing was imported."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "check", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "0 targets"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "import", missing, NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "missing.json"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "import", NULL), ==, DOSSIER_EXIT_USAGE);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "import", bad, bad, NULL), ==, DOSSIER_EXIT_USAGE);
  dossier_test_remove_dir (dir);
}

static void
test_export (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *other = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *file = g_build_filename (dir, "campaign.json", NULL);
  g_autofree char *written = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* to standard output: a JSON Feed and nothing else; whose names it
   * holds is said on standard error */
  g_assert_cmpint (run (dir, &out, &err, "export", "--title", "Kazakhstan", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (err, "The campaign file holds the names of 38 people"));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "\"title\":\"Kazakhstan\""));
  g_assert_nonnull (strstr (out, "UA 065/20"));
  g_assert_nonnull (strstr (out, "Альнур Ильяшев"));

  /* to a file, which another profile imports */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &again, &err, "export", "--title", "Kazakhstan", file, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (again, file));
  g_assert_true (g_file_get_contents (file, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, out);
  g_clear_pointer (&again, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (other, &again, &err, "import", file, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (again, "0 records updated"));
  g_clear_pointer (&again, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &again, &err, "export", file, file, NULL), ==, DOSSIER_EXIT_USAGE);
  dossier_test_remove_dir (dir);
  dossier_test_remove_dir (other);
}

/* `dossier COMMAND` with @input on its standard input ("" for none). */
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
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error));
  g_assert_no_error (error);
  g_test_message ("stdin: %s\nstdout: %s\nstderr: %s", input, *out, *err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static gint64
count_in (const char *dir,
          GType       kind,
          const char *field,
          const char *value)
{
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierQuery) query = dossier_query_new (kind);

  if (field)
    dossier_query_filter_text (query, field, DOSSIER_QUERY_EQ, value);
  return dossier_store_count (store, query, NULL);
}

static gboolean
exists_in (const char *dir,
           GType       kind,
           const char *id)
{
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierRecord) record = dossier_store_fetch (store, kind, id, NULL);

  return record != NULL;
}

/* forget-case says what goes and asks; only yes forgets. */
static void
test_forget_case (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 cases, events;

  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* UA 065/20 is about Alnur Ilyashev alone: an action logged on it goes */
  g_assert_cmpint (run (dir, &out, &err, "log", "--ua", "UA 065/20", "--target", "Prosecutor General",
                        "--date", "2020-05-04", "--notes", "Письмо за Ильяшева", NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cases = count_in (dir, DOSSIER_TYPE_CASE, NULL, NULL);
  events = count_in (dir, DOSSIER_TYPE_CASE_EVENT, NULL, NULL);

  /* answered no, or not at all: said what would go, and nothing went */
  g_assert_cmpint (run_with_input (dir, "n\n", &out, &err, "forget-case", "Alnur Ilyashev", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Forget the case “Alnur Ilyashev” (case-alnur-ilyashev)?"));
  g_assert_nonnull (strstr (out, "  1 charge\n"));
  g_assert_nonnull (strstr (out, "  14 events of its timeline\n"));
  g_assert_nonnull (strstr (out, "  1 logged action, with its notes\n"));
  g_assert_nonnull (strstr (out, "1 urgent action about this case alone stays"));
  g_assert_nonnull (strstr (out, "[y/N]"));
  g_assert_nonnull (strstr (out, "Nothing was forgotten."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_with_input (dir, "", &out, &err, "forget-case", "case-alnur-ilyashev", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Nothing was forgotten."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_CASE, NULL, NULL), ==, cases);
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_CASE_EVENT, NULL, NULL), ==, events);
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_ACTION, "ua-id", "ua-065-20"), ==, 1);

  /* --yes: gone, with its events and the action; the UA and the others stay */
  g_assert_cmpint (run_with_input (dir, "", &out, &err, "forget-case", "--yes", "Alnur Ilyashev", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_null (strstr (out, "[y/N]"));
  g_assert_nonnull (strstr (out, "The case is forgotten."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_CASE, NULL, NULL), ==, cases - 1);
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_CASE_EVENT, NULL, NULL), ==, events - 14);
  g_assert_false (exists_in (dir, DOSSIER_TYPE_CASE, "case-alnur-ilyashev"));
  g_assert_true (exists_in (dir, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20"));
  g_assert_true (exists_in (dir, DOSSIER_TYPE_CASE, "case-maks-bokayev"));
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_ACTION, "ua-id", "ua-065-20"), ==, 0);

  /* a case that is not there, or none named */
  g_assert_cmpint (run_with_input (dir, "y\n", &out, &err, "forget-case", "Alnur Ilyashev", NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "There is no case “Alnur Ilyashev”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "forget-case", NULL), ==, DOSSIER_EXIT_USAGE);
  g_assert_cmpint (count_in (dir, DOSSIER_TYPE_CASE, NULL, NULL), ==, cases - 1);
  dossier_test_remove_dir (dir);
}

static void
test_log_and_list (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the UA by its reference in any case, the target by a part of its name */
  g_assert_cmpint (run (dir, &out, &err, "log", "--ua", " ua 065/20 ", "--target", "PROSECUTOR general",
                        "--date", "2020-05-04", "--signature", "initials", "--notes", "Отправлено из Алматы",
                        NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Logged: Letter on UA 065/20, 2020-05-04"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "log", "--ua", "UA 065/20", "--channel", "email", NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "actions", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "In all: 1 letter, 1 email"));
  /* newest first */
  g_assert_true (strstr (out, "Email") < strstr (out, "2020-05-04"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "actions", "--json", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  {
    JsonObject *letter = json_array_get_object_element (array, 1);

    g_assert_cmpstr (json_object_get_string_member (letter, "ua"), ==, "UA 065/20");
    g_assert_cmpstr (json_object_get_string_member (letter, "channel"), ==, "letter");
    g_assert_cmpstr (json_object_get_string_member (letter, "signature"), ==, "initials");
    g_assert_cmpstr (json_object_get_string_member (letter, "state"), ==, "sent");
    g_assert_cmpstr (json_object_get_string_member (letter, "notes"), ==, "Отправлено из Алматы");
    g_assert_cmpstr (json_object_get_string_member (letter, "target_id"), ==, "target-prosecutor-general-kazakhstan");
  }
  dossier_test_remove_dir (dir);
}

/* A coordinator's store: more actions than a page of the listing and than
 * a piece of its output. `actions --json` writes them as it reads them,
 * and the text is still json-glib's pretty print of the same array, byte
 * for byte; a full disk stops it with DOSSIER_EXIT_OUTPUT, said once. */
#define MANY_ACTIONS 2500

static void
test_actions_json_many (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pretty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint mine = 0;
  JsonArray *array;

  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autoptr(DossierRecord) ua = dossier_store_find_urgent_action (store, "UA 065/20", &error);

    g_assert_no_error (error);
    g_assert_true (dossier_store_begin (store, &error));
    for (guint i = 0; i < MANY_ACTIONS; i++)
      {
        g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
        g_autofree char *date = g_strdup_printf ("20%02u-%02u-%02u", 10 + i % 10, 1 + i % 12, 1 + i % 28);
        g_autofree char *notes = g_strdup_printf ("№%u: «quoted» \"text\" \\ and\na second line", i);

        dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
        if (i % 3 == 0)
          dossier_record_set_string (action, "target-id", "target-prosecutor-general-kazakhstan");
        dossier_record_set_string (action, "date", date);
        dossier_record_set_string (action, "notes", notes);
        dossier_record_set_boolean (action, "mine", i % 5 != 0);
        mine += i % 5 != 0;
        g_assert_true (dossier_store_create (store, action, &error));
        g_assert_no_error (error);
      }
    g_assert_true (dossier_store_commit (store, &error));
  }

  g_assert_cmpint (run (dir, &out, &err, "actions", "--json", NULL), ==, DOSSIER_EXIT_OK);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, mine);
  for (guint i = 1; i < mine; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i - 1), "date"), >=,
                     json_object_get_string_member (json_array_get_object_element (array, i), "date"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "ua"), ==, "UA 065/20");
  pretty = json_to_string (root, TRUE);
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_cmpstr (out, ==, pretty);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&pretty, g_free);

  g_assert_cmpint (run (dir, &out, &err, "actions", "--json", "--all", NULL), ==, DOSSIER_EXIT_OK);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, MANY_ACTIONS);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_autofree char *command = g_strdup_printf ("'%s' actions --json --all --data-dir '%s' > /dev/full",
                                                  dossier_path, dir);
      const char *sh[] = { "/bin/sh", "-c", command, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) sh, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, DOSSIER_EXIT_OUTPUT);
      g_assert_nonnull (strstr (err, "Could not write the output"));
      g_assert_null (strstr (strstr (err, "Could not write the output") + 1, "Could not write the output"));
    }
  dossier_test_remove_dir (dir);
}

/* Without --volunteer, the action is signed by this machine's volunteer,
 * as Preferences have them. */
static void
test_log_volunteer_from_preferences (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *settings_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[org/example/Dossier]\n"
                                      "volunteer-name='Жанна Ахметова'\nvolunteer-group='Gruppe Köln'\n", -1, NULL));
  g_autofree char *old_config_home = g_strdup (g_getenv ("XDG_CONFIG_HOME"));

  /* the child reads the keyfile of this test's own config folder */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "log", "--ua", "UA 065/20", NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "actions", "--json", NULL), ==, DOSSIER_EXIT_OK);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (old_config_home)
    g_setenv ("XDG_CONFIG_HOME", old_config_home, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_assert_nonnull (strstr (out, "\"volunteer\" : \"Жанна Ахметова\""));
  g_assert_nonnull (strstr (out, "\"volunteer_group\" : \"Gruppe Köln\""));
  dossier_test_remove_dir (dir);
}

static void
test_log_refused (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *sample = sample_campaign ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *future = g_date_time_format (later, "%Y-%m-%d");
  const struct { const char *option; const char *value; int status; const char *message; } bad[] = {
    { "--date", future, DOSSIER_EXIT_INPUT, "is in the future" },
    { "--date", "1900-02-30", DOSSIER_EXIT_INPUT, "is not a date" },
    { "--channel", "pigeon", DOSSIER_EXIT_INPUT, "“pigeon” is not a channel" },
    { "--signature", "anonymous", DOSSIER_EXIT_INPUT, "is not a way to sign" },
    { "--state", "lost", DOSSIER_EXIT_INPUT, "is not a state" },
    { "--target", "nobody", DOSSIER_EXIT_INPUT, "“nobody” is not one of the targets of UA 065/20" },
  };

  g_assert_cmpint (run (dir, &out, &err, "import", sample, NULL), ==, DOSSIER_EXIT_OK);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (dir, &out, &err, "log", "--ua", "UA 065/20", bad[i].option, bad[i].value, NULL),
                       ==, bad[i].status);
      g_assert_nonnull (strstr (err, bad[i].message));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "log", "--ua", "UA 999/99", NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "There is no urgent action “UA 999/99”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "log", NULL), ==, DOSSIER_EXIT_USAGE);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* nothing of all that was logged */
  g_assert_cmpint (run (dir, &out, &err, "actions", "--all", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "No actions logged yet."));
  dossier_test_remove_dir (dir);
}

/* `dossier letter` prints the composer's letter: in the asked language,
 * with the asks in it or a refusal that says why. */
static void
test_letter (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *campaign = g_build_filename (dir, "campaign.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *text =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Test\", \"items\": ["
    "{\"id\": \"1\", \"_dossier\": {\"type\": \"case\", \"id\": \"case-a\", \"name\": \"Alnur Ilyashev\","
    "  \"status\": \"on-trial\", \"translations\": {\"ru\": {\"name\": \"Альнур Ильяшев\"}},"
    "  \"charges\": [{\"code\": \"Criminal Code of the Republic of Kazakhstan\", \"article\": \"274\", \"part\": \"4(2)\"}]}},"
    "{\"id\": \"2\", \"_dossier\": {\"type\": \"target\", \"id\": \"target-pg\", \"name\": \"Prosecutor General\","
    "  \"salutation\": \"Dear Prosecutor General\","
    "  \"translations\": {\"de\": {\"salutation\": \"Sehr geehrter Herr Generalstaatsanwalt\", \"translated_from\": \"en\"}}}},"
    "{\"id\": \"3\", \"_dossier\": {\"type\": \"urgent_action\", \"id\": \"ua-1\", \"reference\": \"UA 065/20\","
    "  \"case_ids\": [\"case-a\"], \"target_ids\": [\"target-pg\"], \"language\": \"en\","
    "  \"key_points\": [\"Release Alnur Ilyashev immediately and unconditionally.\"],"
    "  \"translations\": {\"ru\": {\"key_points\": [\"Немедленно и безоговорочно освободить Альнура Ильяшева.\"],"
    "    \"translated_from\": \"en\"}}}}]}";

  g_assert_true (g_file_set_contents (campaign, text, -1, &error));
  g_assert_cmpint (run (dir, &out, &err, "import", campaign, NULL), ==, DOSSIER_EXIT_OK);

  /* English: the UA's own asks, the target's salutation, the code named */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "ua 065/20", "--lang", "en", "--name", "Anna Schmidt",
                        "--date", "2020-05-01", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_true (g_str_has_prefix (out, "Subject: Alnur Ilyashev – UA 065/20\n\n"));
  g_assert_nonnull (strstr (out, "\n1 May 2020\n"));
  g_assert_nonnull (strstr (out, "\nDear Prosecutor General,\n"));
  g_assert_nonnull (strstr (out, "paragraph 2 of part 4 of Article 274 of the Criminal Code of the Republic of Kazakhstan"));
  g_assert_nonnull (strstr (out, "– Release Alnur Ilyashev immediately and unconditionally.\n"));
  g_assert_true (g_str_has_suffix (out, "\nAnna Schmidt\n"));

  /* Russian: the translated asks, said to be translated; a general salutation, said to be general */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "UA 065/20", "--lang", "ru", "--name", "Anna Schmidt",
                        NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Альнур Ильяшев"));
  g_assert_nonnull (strstr (out, "п. 2 ч. 4 ст. 274 УК РК"));
  g_assert_nonnull (strstr (out, "– Немедленно и безоговорочно освободить Альнура Ильяшева.\n"));
  g_assert_null (strstr (out, "Release"));
  g_assert_nonnull (strstr (out, "Уважаемые дамы и господа!"));
  g_assert_nonnull (strstr (err, "translated from “en”"));
  g_assert_nonnull (strstr (err, "general one"));

  /* German: no asks in German, so no letter, and why */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "UA 065/20", "--lang", "de", NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "UA 065/20 has no asks in “de”, only in: en, ru."));
  /* unless forced: the asks as the UA gives them, never others */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "UA 065/20", "--lang", "de", "--force",
                        "--signature", "initials", "--name", "Anna Maria Schmidt", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "\nSehr geehrter Herr Generalstaatsanwalt,\n"));
  g_assert_nonnull (strstr (out, "Artikel 274 Teil 4 Nr. 2 des Strafgesetzbuchs der Republik Kasachstan"));
  g_assert_nonnull (strstr (out, "Release Alnur Ilyashev immediately and unconditionally."));
  g_assert_true (g_str_has_suffix (out, "\nA. M. S.\n"));

  /* Kazakh, forced: the bytes as they are, whatever the locale */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "UA 065/20", "--lang", "kk", "--force", NULL),
                   ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "ҚР Қылмыстық кодексінің 274-бабы 4-бөлігінің 2) тармағы"));
  g_assert_nonnull (strstr (out, "Альнур Ильяшев"));

  /* what cannot be written says so */
  {
    const struct { const char *option; const char *value; const char *message; } bad[] = {
      { "--lang", "xx", "There are no letters in “xx”" },
      { "--signature", "anonymous", "is not a way to sign" },
      { "--date", "1900-02-30", "is not a date" },
      { "--target", "nobody", "“nobody” is not one of the targets of UA 065/20" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "UA 065/20", bad[i].option, bad[i].value, NULL),
                         ==, DOSSIER_EXIT_INPUT);
        g_assert_nonnull (strstr (err, bad[i].message));
        g_assert_cmpstr (out, ==, "");
      }
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "letter", "--ua", "UA 999/99", NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "There is no urgent action “UA 999/99”"));
  dossier_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dossier_path = g_getenv ("DOSSIER_BINARY");
  g_assert_nonnull (dossier_path);
  /* the CLI speaks English here whatever the test machine's language */
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help_lists_commands);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/command-line-edges", test_command_line_edges);
  g_test_add_func ("/cli/check/new-store", test_check_new_store);
  g_test_add_func ("/cli/check/env-data-dir", test_check_env_data_dir);
  g_test_add_func ("/cli/check/without-schema", test_check_without_schema);
  g_test_add_func ("/cli/check/counts", test_check_counts);
  g_test_add_func ("/cli/check/too-new", test_check_too_new);
  g_test_add_func ("/cli/check/problems", test_check_finds_problems);
  g_test_add_func ("/cli/import/sample", test_import_sample);
  g_test_add_func ("/cli/import/bad", test_import_bad);
  g_test_add_func ("/cli/export", test_export);
  g_test_add_func ("/cli/log/and-list", test_log_and_list);
  g_test_add_func ("/cli/forget-case", test_forget_case);
  g_test_add_func ("/cli/actions/json-many", test_actions_json_many);
  g_test_add_func ("/cli/log/refused", test_log_refused);
  g_test_add_func ("/cli/letter", test_letter);
  g_test_add_func ("/cli/log/volunteer-from-preferences", test_log_volunteer_from_preferences);

  return g_test_run ();
}
