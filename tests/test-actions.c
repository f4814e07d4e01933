/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "dossier-logging.h"
#include "dossier-target.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* Logging actions: checks, states, totals, and what a kill leaves. */

#define LETTER_SIZE (256 * 1024)

typedef struct
{
  char         *dir;
  DossierStore *store;
  char         *ua_id;
  char         *target_id;
} Fixture;

static char *
day_offset (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
add_ua (DossierStore  *store,
        char         **ua_id,
        char         **target_id)
{
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;
  const char *targets[2] = { NULL, NULL };

  dossier_record_set_string (target, "name", "Генеральный прокурор Республики Казахстан");
  g_assert_true (dossier_store_create (store, target, &error));
  targets[0] = dossier_record_get_id (target);
  dossier_record_set_string (ua, "reference", "UA 065/20");
  dossier_record_set_strv (ua, "target-ids", targets);
  g_assert_true (dossier_store_create (store, ua, &error));
  g_assert_no_error (error);
  *ua_id = g_strdup (dossier_record_get_id (ua));
  *target_id = g_strdup (dossier_record_get_id (target));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = dossier_test_make_dir ();
  f->store = dossier_test_open_store (f->dir);
  add_ua (f->store, &f->ua_id, &f->target_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dossier_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->ua_id);
  g_free (f->target_id);
}

static DossierAction *
new_action (Fixture    *f,
            const char *channel)
{
  DossierAction *action = dossier_action_new ();

  dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", f->ua_id);
  dossier_record_set_string (DOSSIER_RECORD (action), "target-id", f->target_id);
  dossier_record_set_string (DOSSIER_RECORD (action), "channel", channel);
  return action;
}

static gint64
count_actions (DossierStore *store)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);

  return dossier_store_count (store, query, NULL);
}

static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *tomorrow = day_offset (1);
  g_autofree char *yesterday = day_offset (-1);
  g_autofree char *today = day_offset (0);
  const struct { const char *field; const char *value; const char *state; const char *message; } bad[] = {
    { "date", tomorrow, "sent", "in the future" },
    { "date", tomorrow, "replied", "in the future" },
    { "date", "1900-02-30", "sent", "is not a date" },
    { "channel", "pigeon", "sent", "“pigeon” is not a channel" },
    { "state", "lost", NULL, "“lost” is not a state" },
    { "signature", "anonymous", "sent", "“anonymous” is not a way to sign" },
    { "reply-date", tomorrow, "replied", "reply’s date" },
    { "reply-date", "2001-01-01", "replied", "before the action’s date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DossierAction) action = new_action (f, "letter");
      g_autoptr(GError) error = NULL;

      if (bad[i].state)
        dossier_record_set_string (DOSSIER_RECORD (action), "state", bad[i].state);
      dossier_record_set_string (DOSSIER_RECORD (action), bad[i].field, bad[i].value);
      g_assert_false (dossier_store_log_action (f->store, action, &error));
      g_assert_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].message));
      g_assert_cmpint (count_actions (f->store), ==, 0);
    }

  /* a draft may be dated ahead (the day one means to post it) */
  {
    g_autoptr(DossierAction) draft = new_action (f, "letter");
    g_autoptr(DossierAction) done = new_action (f, "email");
    g_autoptr(GError) error = NULL;

    dossier_record_set_string (DOSSIER_RECORD (draft), "state", "drafted");
    dossier_record_set_string (DOSSIER_RECORD (draft), "date", tomorrow);
    g_assert_true (dossier_store_log_action (f->store, draft, &error));
    dossier_record_set_string (DOSSIER_RECORD (done), "date", yesterday);
    g_assert_true (dossier_store_log_action (f->store, done, &error));
    dossier_record_set_string (DOSSIER_RECORD (done), "date", today);
    g_assert_true (dossier_store_log_action (f->store, done, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_actions (f->store), ==, 2);
  }
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DossierAction) draft = new_action (f, "letter");
  g_autoptr(DossierAction) found = NULL;
  g_autoptr(DossierRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_offset (0);
  DossierRecord *record = DOSSIER_RECORD (draft);

  g_assert_null (dossier_store_find_draft (f->store, f->ua_id, f->target_id, NULL));
  dossier_record_set_string (record, "state", "drafted");
  dossier_record_set_string (record, "letter-text", "Уважаемый господин Генеральный прокурор!");
  g_assert_true (dossier_store_log_action (f->store, draft, &error));

  /* the composer finds the letter it had begun */
  found = dossier_store_find_draft (f->store, f->ua_id, f->target_id, &error);
  g_assert_nonnull (found);
  g_assert_cmpstr (dossier_record_get_id (DOSSIER_RECORD (found)), ==, dossier_record_get_id (record));
  g_assert_cmpstr (dossier_record_get_string (DOSSIER_RECORD (found), "letter-text"), ==,
                   "Уважаемый господин Генеральный прокурор!");
  g_assert_null (dossier_store_find_draft (f->store, f->ua_id, NULL, NULL));

  /* drafted → sent → replied → returned, each one write of the same action */
  dossier_record_set_string (record, "state", "sent");
  g_assert_true (dossier_store_log_action (f->store, draft, &error));
  g_assert_null (dossier_store_find_draft (f->store, f->ua_id, f->target_id, NULL));
  dossier_record_set_string (record, "state", "replied");
  dossier_record_set_string (record, "reply-text", "Ваше обращение рассмотрено.");
  dossier_record_set_string (record, "reply-date", today);
  g_assert_true (dossier_store_log_action (f->store, draft, &error));
  stored = dossier_store_fetch (f->store, DOSSIER_TYPE_ACTION, dossier_record_get_id (record), &error);
  g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "replied");
  g_assert_cmpstr (dossier_record_get_string (stored, "reply-text"), ==, "Ваше обращение рассмотрено.");
  g_assert_cmpstr (dossier_record_get_string (stored, "reply-date"), ==, today);
  g_clear_object (&stored);
  dossier_record_set_string (record, "state", "returned");
  g_assert_true (dossier_store_log_action (f->store, draft, &error));
  stored = dossier_store_fetch (f->store, DOSSIER_TYPE_ACTION, dossier_record_get_id (record), &error);
  g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "returned");
  g_assert_no_error (error);
  g_assert_cmpint (count_actions (f->store), ==, 1);

  /* the action's page lists each state it went through, in order; a
   * write that changes no state (a corrected note) adds none */
  dossier_record_set_string (record, "notes", "Вернулось с пометкой «адресат выбыл»");
  g_assert_true (dossier_store_log_action (f->store, draft, &error));
  {
    g_autoptr(GPtrArray) states = dossier_store_list_action_states (f->store, dossier_record_get_id (record), &error);
    const char *expected[] = { "drafted", "sent", "replied", "returned" };

    g_assert_no_error (error);
    g_assert_cmpuint (states->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < states->len; i++)
      {
        char **pair = states->pdata[i];

        g_assert_cmpstr (pair[1], ==, expected[i]);
        g_assert_true (g_str_has_prefix (pair[0], "20"));
        if (i > 0)
          g_assert_cmpstr (((char **) states->pdata[i - 1])[0], <=, pair[0]);
      }
  }
  /* and they go with the action */
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_ACTION, dossier_record_get_id (record), &error));
  {
    g_autoptr(GPtrArray) states = dossier_store_list_action_states (f->store, dossier_record_get_id (record), &error);

    g_assert_cmpuint (states->len, ==, 0);
  }
}

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches translations until the locale is set again */
  setlocale (LC_ALL, "");
}

/* The counts per channel come from tallies the store keeps: after logs,
 * state changes, deletions and the UA's own deletion they are what
 * counting the actions gives, and "dossier check" finds a tally gone
 * wrong. */
static GHashTable *
count_directly (Fixture    *f,
                const char *ua_id,
                gboolean    mine_only)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);

  if (ua_id)
    dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, ua_id);
  if (mine_only)
    dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  dossier_query_filter_text (query, "state", DOSSIER_QUERY_NE, "drafted");
  return dossier_store_count_by (f->store, query, "channel", NULL);
}

static void
assert_same_counts (GHashTable *tallied,
                    GHashTable *counted)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_nonnull (tallied);
  g_assert_nonnull (counted);
  g_assert_cmpuint (g_hash_table_size (tallied), ==, g_hash_table_size (counted));
  g_hash_table_iter_init (&iter, counted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (tallied, key)), ==, GPOINTER_TO_INT (value));
}

static void
assert_tallies_right (Fixture *f)
{
  const char *uas[] = { f->ua_id, NULL };

  for (guint u = 0; u < G_N_ELEMENTS (uas); u++)
    for (int mine = 0; mine < 2; mine++)
      {
        g_autoptr(GHashTable) tallied = dossier_store_count_channels (f->store, uas[u], mine, NULL, NULL);
        g_autoptr(GHashTable) counted = count_directly (f, uas[u], mine);

        assert_same_counts (tallied, counted);
      }
  /* dossier_store_count() on these filters reads the tallies too; a date
   * filter makes it count the actions, to compare */
  for (guint u = 0; u < G_N_ELEMENTS (uas); u++)
    for (int mine = -1; mine < 2; mine++)
      for (int c = 0; c < 2; c++)
        {
          g_autoptr(DossierQuery) tallied = dossier_query_new (DOSSIER_TYPE_ACTION);
          g_autoptr(DossierQuery) counted = dossier_query_new (DOSSIER_TYPE_ACTION);
          DossierQuery *both[] = { tallied, counted };

          for (guint q = 0; q < 2; q++)
            {
              if (uas[u])
                dossier_query_filter_text (both[q], "ua-id", DOSSIER_QUERY_EQ, uas[u]);
              if (mine >= 0)
                dossier_query_filter_int (both[q], "mine", DOSSIER_QUERY_EQ, mine);
              if (c)
                dossier_query_filter_text (both[q], "channel", DOSSIER_QUERY_EQ, "letter");
              dossier_query_filter_text (both[q], "state", DOSSIER_QUERY_NE, "drafted");
            }
          dossier_query_filter_text (counted, "date", DOSSIER_QUERY_GE, "1900-01-01");
          g_assert_cmpint (dossier_store_count (f->store, tallied, NULL), ==,
                           dossier_store_count (f->store, counted, NULL));
          /* and so does grouping them by a tallied field */
          for (guint g = 0; g < 3; g++)
            {
              const char *fields[] = { "channel", "state", "ua-id" };
              g_autoptr(GHashTable) by_tally = dossier_store_count_by (f->store, tallied, fields[g], NULL);
              g_autoptr(GHashTable) by_count = dossier_store_count_by (f->store, counted, fields[g], NULL);

              assert_same_counts (by_tally, by_count);
            }
        }
}

static void
test_tallies (Fixture       *f,
              gconstpointer  data)
{
  const char *channels[] = { "letter", "email", "letter", "phone", "letter" };
  g_autoptr(GPtrArray) logged = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  sqlite3 *db;

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      DossierAction *action = new_action (f, channels[i]);

      dossier_record_set_boolean (DOSSIER_RECORD (action), "mine", i % 2 == 0);
      g_assert_true (dossier_store_log_action (f->store, action, &error));
      g_ptr_array_add (logged, action);
    }
  assert_tallies_right (f);
  {
    g_autoptr(GHashTable) mine = dossier_store_count_channels (f->store, f->ua_id, TRUE, NULL, NULL);

    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (mine, "letter")), ==, 3);
    g_assert_null (g_hash_table_lookup (mine, "email"));
  }

  /* a state changed, a channel changed, one deleted */
  dossier_record_set_string (g_ptr_array_index (logged, 0), "state", "replied");
  g_assert_true (dossier_store_update (f->store, g_ptr_array_index (logged, 0), &error));
  dossier_record_set_string (g_ptr_array_index (logged, 1), "channel", "fax");
  g_assert_true (dossier_store_update (f->store, g_ptr_array_index (logged, 1), &error));
  dossier_record_set_string (g_ptr_array_index (logged, 2), "state", "drafted");
  g_assert_true (dossier_store_update (f->store, g_ptr_array_index (logged, 2), &error));
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_ACTION,
                                       dossier_record_get_id (g_ptr_array_index (logged, 3)), &error));
  assert_tallies_right (f);

  /* the UA deleted: its actions stay, counted with no UA */
  g_assert_true (dossier_store_delete (f->store, DOSSIER_TYPE_URGENT_ACTION, f->ua_id, &error));
  g_assert_no_error (error);
  assert_tallies_right (f);
  g_assert_true (dossier_store_check_integrity (f->store, &problems, &error));
  g_assert_true (problems == NULL || *problems == '\0');
  g_clear_pointer (&problems, g_free);

  /* a tally gone wrong is found */
  g_assert_cmpint (sqlite3_open (dossier_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE action_tallies SET n = n + 7 WHERE channel = 'letter'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (dossier_store_check_integrity (f->store, &problems, &error));
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (problems, "letter"));
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  const struct { const char *channel; guint n; } logged[] = {
    { "letter", 12 }, { "email", 3 }, { "phone", 1 }, { "social-media", 5 },
  };
  const struct { const char *language; const char *totals; } expected[] = {
    { "en", "12 letters, 3 emails, 1 phone call, 5 posts" },
    { "de", "12 Briefe, 3 E-Mails, 1 Anruf, 5 Beiträge" },
    { "ru", "12 писем, 3 электронных письма, 1 звонок, 5 постов" },
    { "kk", "12 хат, 3 электрондық хат, 1 қоңырау, 5 жазба" },
  };
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (logged); i++)
    for (guint j = 0; j < logged[i].n; j++)
      {
        g_autoptr(DossierAction) action = new_action (f, logged[i].channel);

        g_assert_true (dossier_store_log_action (f->store, action, &error));
      }
  /* drafts and others' actions are not this volunteer's totals */
  {
    g_autoptr(DossierAction) draft = new_action (f, "letter");
    g_autoptr(DossierAction) theirs = new_action (f, "letter");

    dossier_record_set_string (DOSSIER_RECORD (draft), "state", "drafted");
    dossier_record_set_boolean (DOSSIER_RECORD (theirs), "mine", FALSE);
    g_assert_true (dossier_store_log_action (f->store, draft, &error));
    g_assert_true (dossier_store_log_action (f->store, theirs, &error));
  }

  /* only text fields can be grouped on, by name: nothing else gets into the SQL */
  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
    const char *bad[] = { "mine", "channel; DROP TABLE actions", "nonsense" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_null (dossier_store_count_by (f->store, query, bad[i], &error));
        g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED);
        g_clear_error (&error);
      }
  }

  counts = dossier_store_count_channels (f->store, f->ua_id, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "letter")), ==, 12);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "email")), ==, 3);

  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DOSSIER_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *totals = NULL;

      set_language (expected[i].language);
      totals = dossier_action_describe_counts (counts);
      g_assert_cmpstr (totals, ==, expected[i].totals);
    }

  /* every plural form of every language: 1, 2, 5, 21 letters */
  {
    const struct { const char *language; guint n; const char *text; } forms[] = {
      { "ru", 1, "1 письмо" }, { "ru", 2, "2 письма" }, { "ru", 5, "5 писем" }, { "ru", 21, "21 письмо" },
      { "de", 1, "1 Brief" }, { "de", 2, "2 Briefe" },
      { "kk", 1, "1 хат" }, { "kk", 5, "5 хат" },
      { "en", 1, "1 letter" }, { "en", 21, "21 letters" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
      {
        g_autoptr(GHashTable) one = g_hash_table_new (g_str_hash, g_str_equal);
        g_autofree char *text = NULL;

        g_hash_table_insert (one, (gpointer) "letter", GUINT_TO_POINTER (forms[i].n));
        set_language (forms[i].language);
        text = dossier_action_describe_counts (one);
        g_assert_cmpstr (text, ==, forms[i].text);
      }
  }
  set_language ("en");

  none = g_hash_table_new (g_str_hash, g_str_equal);
  {
    g_autofree char *empty = dossier_action_describe_counts (none);

    g_assert_cmpstr (empty, ==, "");
  }
}

/* The child of the kill test: logs actions with a large letter each, as
 * fast as it can, printing the number of each one after it is committed. */
static int
log_loop (const char *dir)
{
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
  g_autoptr(GPtrArray) uas = dossier_store_query (store, query, 0, 1, NULL);
  g_autofree char *letter = g_malloc (LETTER_SIZE + 1);
  const char *ua_id = dossier_record_get_id (g_ptr_array_index (uas, 0));
  const char *target_id = dossier_record_get_strv (g_ptr_array_index (uas, 0), "target-ids")[0];

  for (guint n = 0;; n++)
    {
      g_autoptr(DossierAction) action = dossier_action_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *notes = g_strdup_printf ("%u", n);

      memset (letter, 'a' + n % 26, LETTER_SIZE);
      letter[LETTER_SIZE] = '\0';
      dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", ua_id);
      dossier_record_set_string (DOSSIER_RECORD (action), "target-id", target_id);
      dossier_record_set_string (DOSSIER_RECORD (action), "letter-text", letter);
      dossier_record_set_string (DOSSIER_RECORD (action), "notes", notes);
      dossier_record_set_string (DOSSIER_RECORD (action), "state", "drafted");
      /* a draft first, then sent: two writes, as the composer does them */
      if (!dossier_store_log_action (store, action, &error))
        return 1;
      dossier_record_set_string (DOSSIER_RECORD (action), "state", "sent");
      if (!dossier_store_log_action (store, action, &error))
        return 1;
      printf ("%u\n", n);
      fflush (stdout);
    }
}

static void
test_killed_while_logging (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());

  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autofree char *ua_id = NULL, *target_id = NULL;

    add_ua (store, &ua_id, &target_id);
  }

  for (guint round = 0; round < 8; round++)
    {
      const char *argv[] = { self, "--log-loop", dir, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierStore) store = NULL;
      g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
      g_autoptr(GPtrArray) actions = NULL;
      g_autofree char *problems = NULL;
      GPid pid;
      int out_fd, status;
      guint acknowledged = 0;
      gint64 before, count;
      FILE *out;
      char line[64];
      guint wait_us = g_rand_int_range (rand, 0, 150000);

      store = dossier_test_open_store (dir);
      before = count_actions (store);
      g_clear_object (&store);

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      g_usleep (20000 + wait_us);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);
      out = fdopen (out_fd, "r");
      while (fgets (line, sizeof line, out))
        acknowledged++;
      fclose (out);

      /* the store opens, is whole, and holds every acknowledged action
       * complete, and at most the one being written besides */
      store = dossier_test_open_store (dir);
      g_assert_true (dossier_store_check_integrity (store, &problems, &error));
      g_assert_no_error (error);
      g_assert_null (problems);
      count = count_actions (store);
      g_test_message ("round %u: killed after %u µs; %u acknowledged, %" G_GINT64_FORMAT " new",
                      round, 20000 + wait_us, acknowledged, count - before);
      g_assert_cmpint (count - before, >=, acknowledged);
      g_assert_cmpint (count - before, <=, acknowledged + 1);

      dossier_query_filter_text (query, "state", DOSSIER_QUERY_NE, "sent");
      actions = dossier_store_query (store, query, 0, 100, &error);
      /* a draft is whole too; only the action being written when a kill
       * came can have stayed one */
      g_assert_cmpuint (actions->len, <=, round + 1);
      g_clear_pointer (&actions, g_ptr_array_unref);

      g_clear_pointer (&query, dossier_query_unref);
      query = dossier_query_new (DOSSIER_TYPE_ACTION);
      dossier_query_sort (query, "notes", FALSE);
      for (guint offset = 0;; offset += 50)
        {
          g_autoptr(GPtrArray) page = dossier_store_query (store, query, offset, 50, &error);

          g_assert_no_error (error);
          if (page->len == 0)
            break;
          for (guint i = 0; i < page->len; i++)
            {
              DossierRecord *action = g_ptr_array_index (page, i);
              const char *text = dossier_record_get_string (action, "letter-text");
              guint n = (guint) g_ascii_strtoull (dossier_record_get_string (action, "notes"), NULL, 10);

              g_assert_cmpuint (strlen (text), ==, LETTER_SIZE);
              g_assert_cmpint (text[0], ==, 'a' + n % 26);
              g_assert_cmpint (text[LETTER_SIZE - 1], ==, 'a' + n % 26);
            }
        }
    }
  g_rand_free (rand);
  dossier_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--log-loop"))
    return log_loop (argv[2]);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/actions/checks", Fixture, NULL, fixture_set_up, test_checks, fixture_tear_down);
  g_test_add ("/actions/states", Fixture, NULL, fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/actions/totals", Fixture, NULL, fixture_set_up, test_totals, fixture_tear_down);
  g_test_add ("/actions/tallies", Fixture, NULL, fixture_set_up, test_tallies, fixture_tear_down);
  g_test_add_func ("/actions/killed-while-logging", test_killed_while_logging);
  return g_test_run ();
}
