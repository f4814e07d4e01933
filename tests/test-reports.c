/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "dossier-deletion.h"
#include "dossier-figures.h"
#include "dossier-logging.h"
#include "dossier-report.h"
#include "dossier-target.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* Volunteers' reports and the Progress figures: a volunteer's store
 * writes reports, a coordinator's store reads them; every figure is
 * checked against a count from scratch. */

typedef struct
{
  char         *volunteer_dir;
  char         *coordinator_dir;
  DossierStore *volunteer;
  DossierStore *coordinator;
} Fixture;

static const char * const references[] = { "UA 065/20", "UA 120/21" };
static const char * const target_names[] = { "Генеральный прокурор", "Präsident der Republik" };

static char *
day_offset (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The same UAs and targets in a store, with the same ids, as a campaign
 * file would give both. */
static void
add_campaign (DossierStore *store)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
      g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
      g_autofree char *target_id = g_strdup_printf ("target-%u", i);
      g_autofree char *ua_id = g_strdup_printf ("ua-%u", i);
      const char *targets[2] = { target_id, NULL };

      dossier_record_set_id (target, target_id);
      dossier_record_set_string (target, "name", target_names[i]);
      g_assert_true (dossier_store_create (store, target, &error));
      dossier_record_set_id (ua, ua_id);
      dossier_record_set_string (ua, "reference", references[i]);
      dossier_record_set_int (ua, "goal", 10);
      dossier_record_set_strv (ua, "target-ids", targets);
      g_assert_true (dossier_store_create (store, ua, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->volunteer_dir = dossier_test_make_dir ();
  f->coordinator_dir = dossier_test_make_dir ();
  f->volunteer = dossier_test_open_store (f->volunteer_dir);
  f->coordinator = dossier_test_open_store (f->coordinator_dir);
  add_campaign (f->volunteer);
  add_campaign (f->coordinator);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->volunteer);
  g_clear_object (&f->coordinator);
  dossier_test_remove_dir (f->volunteer_dir);
  dossier_test_remove_dir (f->coordinator_dir);
  g_free (f->volunteer_dir);
  g_free (f->coordinator_dir);
}

static DossierAction *
log_action (DossierStore *store,
            guint         ua,
            const char   *channel,
            const char   *state,
            const char   *date,
            const char   *volunteer,
            const char   *group,
            gboolean      mine)
{
  DossierAction *action = dossier_action_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ua_id = g_strdup_printf ("ua-%u", ua);
  g_autofree char *target_id = g_strdup_printf ("target-%u", ua);

  dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", ua_id);
  dossier_record_set_string (DOSSIER_RECORD (action), "target-id", target_id);
  dossier_record_set_string (DOSSIER_RECORD (action), "channel", channel);
  dossier_record_set_string (DOSSIER_RECORD (action), "state", state);
  dossier_record_set_string (DOSSIER_RECORD (action), "date", date);
  dossier_record_set_string (DOSSIER_RECORD (action), "volunteer", volunteer);
  dossier_record_set_string (DOSSIER_RECORD (action), "volunteer-group", group);
  dossier_record_set_boolean (DOSSIER_RECORD (action), "mine", mine);
  g_assert_true (dossier_store_log_action (store, action, &error));
  g_assert_no_error (error);
  return action;
}

static void
assert_store_right (DossierStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;

  g_assert_true (dossier_store_check_integrity (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (problems, ==, NULL);
}

static DossierFigures *
figures_of (DossierStore *store,
            const char   *ua,
            const char   *group)
{
  DossierFigureFilter filter = { .ua = ua, .group = group };
  g_autoptr(GError) error = NULL;
  DossierFigures *figures = dossier_store_figures (store, &filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (figures);
  return figures;
}

static const DossierFigure *
find_figure (GPtrArray  *list,
             const char *key)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((DossierFigure *) list->pdata[i])->key, key))
      return list->pdata[i];
  return NULL;
}

/* Two sets of figures say the same, but for the share from reports. */
static void
assert_same_figures (DossierFigures *a,
                     DossierFigures *b)
{
  g_assert_cmpint (a->total.sent, ==, b->total.sent);
  g_assert_cmpint (a->total.replied, ==, b->total.replied);
  g_assert_cmpint (a->total.returned, ==, b->total.returned);
  g_assert_cmpint (a->total.letters, ==, b->total.letters);
  g_assert_cmpuint (a->by_channel->len, ==, b->by_channel->len);
  for (guint i = 0; i < a->by_channel->len; i++)
    {
      const DossierFigure *fa = a->by_channel->pdata[i];
      const DossierFigure *fb = find_figure (b->by_channel, fa->key);

      g_assert_nonnull (fb);
      g_assert_cmpint (fa->sent, ==, fb->sent);
    }
  g_assert_cmpuint (a->by_week->len, ==, b->by_week->len);
  for (guint i = 0; i < a->by_week->len; i++)
    {
      const DossierFigure *fa = a->by_week->pdata[i];
      const DossierFigure *fb = b->by_week->pdata[i];

      g_assert_cmpstr (fa->key, ==, fb->key);
      g_assert_cmpint (fa->sent, ==, fb->sent);
    }
  for (guint i = 0; i < a->by_group->len; i++)
    {
      const DossierFigure *fa = a->by_group->pdata[i];
      const DossierFigure *fb = find_figure (b->by_group, fa->key);

      if (fa->sent == 0)
        continue;
      g_assert_nonnull (fb);
      g_assert_cmpint (fa->sent, ==, fb->sent);
    }
}

static DossierReport *
read_report (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  DossierReport *report = dossier_report_read (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static DossierReportImport *
import_report (DossierStore *store,
               GBytes       *bytes,
               gboolean     *already)
{
  g_autoptr(DossierReport) report = read_report (bytes);
  g_autoptr(GError) error = NULL;
  DossierReportImport *outcome = NULL;

  g_assert_true (dossier_store_begin (store, &error));
  g_assert_true (dossier_store_add_report (store, report, "report.json", NULL, NULL, NULL, &outcome, already, &error));
  g_assert_no_error (error);
  g_assert_true (dossier_store_commit (store, &error));
  return outcome;
}

static GBytes *
write_report (DossierStore        *store,
              DossierReportDetail  detail,
              gboolean             csv)
{
  DossierReportScope scope = { .detail = detail };
  g_autoptr(GError) error = NULL;
  g_auto(DossierReportSummary) summary = { 0 };
  GBytes *bytes = dossier_report_write (store, &scope, csv, &summary, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Some actions of the volunteer's, and one of someone else's and a
 * draft, which no report carries. */
static void
log_some (Fixture *f)
{
  g_autofree char *d1 = day_offset (-30);
  g_autofree char *d2 = day_offset (-12);
  g_autofree char *d3 = day_offset (-2);
  g_autoptr(GPtrArray) logged = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (logged, log_action (f->volunteer, 0, "letter", "sent", d1, "Анна Кайратовна", "Алматы, группа «1»", TRUE));
  g_ptr_array_add (logged, log_action (f->volunteer, 0, "letter", "replied", d2, "Анна Кайратовна", "Алматы, группа «1»", TRUE));
  g_ptr_array_add (logged, log_action (f->volunteer, 0, "email", "sent", d2, "Анна Кайратовна", "Алматы, группа «1»", TRUE));
  g_ptr_array_add (logged, log_action (f->volunteer, 1, "letter", "returned", d3, "Anna K.", "Berlin-Mitte", TRUE));
  g_ptr_array_add (logged, log_action (f->volunteer, 1, "fax", "sent", d3, "Anna K.", "Berlin-Mitte", TRUE));
  g_ptr_array_add (logged, log_action (f->volunteer, 1, "letter", "sent", d3, "Someone Else", "Berlin-Mitte", FALSE));
  g_ptr_array_add (logged, log_action (f->volunteer, 1, "letter", "drafted", d3, "Anna K.", "Berlin-Mitte", TRUE));
}

/* The volunteer's own actions that went out, as figures. */
static DossierFigures *
own_figures (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_id = NULL;
  sqlite3 *db;

  /* the other volunteer's action out of the way, for comparing */
  g_assert_cmpint (sqlite3_open (dossier_store_get_path (f->volunteer), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON; DELETE FROM actions WHERE mine = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return figures_of (f->volunteer, NULL, NULL);
}

static void
test_round_trip_full (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DossierReportImport) outcome = NULL;
  g_autoptr(DossierFigures) mine = NULL;
  g_autoptr(DossierFigures) theirs = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  DossierFigureSelection selection = { .channel = "letter" };
  gboolean already = TRUE;
  const char *text;

  log_some (f);
  bytes = write_report (f->volunteer, DOSSIER_REPORT_FULL, FALSE);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, "Анна Кайратовна"));
  g_assert_null (strstr (text, "Someone Else"));
  g_assert_null (strstr (text, "drafted"));

  /* a dropped file is told from a campaign by its first bytes */
  {
    g_autofree char *path = g_build_filename (f->coordinator_dir, "report.json", NULL);
    g_autofree char *campaign_path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) campaign = g_file_new_for_path (campaign_path);

    g_assert_true (g_file_set_contents (path, text, (gssize) g_bytes_get_size (bytes), NULL));
    g_assert_true (dossier_report_sniff (file));
    g_assert_true (g_file_query_exists (campaign, NULL));
    g_assert_false (dossier_report_sniff (campaign));
  }

  outcome = import_report (f->coordinator, bytes, &already);
  g_assert_false (already);
  g_assert_cmpint (outcome->actions, ==, 5);
  g_assert_cmpint (outcome->replaced, ==, 0);
  g_assert_cmpstr (outcome->volunteer, ==, "Anna K., Анна Кайратовна");

  mine = own_figures (f);
  theirs = figures_of (f->coordinator, NULL, NULL);
  assert_same_figures (mine, theirs);
  g_assert_cmpint (theirs->total.sent, ==, 5);
  g_assert_cmpint (theirs->total.reported, ==, 5);
  g_assert_cmpint (mine->total.reported, ==, 0);
  g_assert_cmpint (theirs->total.replied, ==, 1);
  g_assert_cmpint (theirs->total.returned, ==, 1);
  /* the UA's goal counts its letters */
  g_assert_cmpint (find_figure (theirs->by_ua, "ua-0")->letters, ==, 2);
  g_assert_cmpint (find_figure (theirs->by_ua, "ua-0")->goal, ==, 10);

  /* the actions behind the letters: with names, from the report */
  entries = dossier_store_figure_entries (f->coordinator, &selection, NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    {
      DossierFigureEntry *entry = entries->pdata[i];

      g_assert_cmpstr (entry->channel, ==, "letter");
      g_assert_cmpstr (entry->import_id, ==, outcome->id);
      g_assert_null (entry->action_id);
      g_assert_false (entry->week_only);
      g_assert_cmpint (entry->n, ==, 1);
      g_assert_true (g_str_equal (entry->volunteer, "Anna K.") || g_str_equal (entry->volunteer, "Анна Кайратовна"));
    }
  assert_store_right (f->coordinator);
  assert_store_right (f->volunteer);
}

static gboolean
has_day (const char *text)
{
  g_autoptr(GRegex) day = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, NULL);

  return g_regex_match (day, text, 0, NULL);
}

static void
test_round_trip_counts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(DossierReportImport) outcome = NULL;
  g_autoptr(DossierFigures) mine = NULL;
  g_autoptr(DossierFigures) theirs = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv_text = NULL;
  DossierFigureSelection selection = { 0 };

  log_some (f);
  bytes = write_report (f->volunteer, DOSSIER_REPORT_COUNTS, FALSE);
  csv = write_report (f->volunteer, DOSSIER_REPORT_COUNTS, TRUE);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));

  /* on the bytes: no name, no signature, no day */
  for (guint i = 0; i < 2; i++)
    {
      const char *file = i == 0 ? text : csv_text;

      g_assert_null (strstr (file, "Анна"));
      g_assert_null (strstr (file, "Anna"));
      g_assert_null (strstr (file, "Someone"));
      g_assert_null (strstr (file, "signature"));
      g_assert_null (strstr (file, "full-name"));
      g_assert_null (strstr (file, "volunteer\""));
      g_assert_false (has_day (file));
      g_assert_nonnull (strstr (file, "Алматы, группа «1»"));
      g_assert_nonnull (strstr (file, "-W"));
    }
  g_assert_true (g_str_has_prefix (csv_text, "week,urgent_action,target,channel,state,group,count\r\n"));
  g_assert_nonnull (strstr (csv_text, ",\"Алматы, группа «1»\","));

  outcome = import_report (f->coordinator, bytes, NULL);
  g_assert_cmpint (outcome->actions, ==, 5);
  g_assert_cmpstr (outcome->volunteer, ==, "");
  mine = own_figures (f);
  theirs = figures_of (f->coordinator, NULL, NULL);
  assert_same_figures (mine, theirs);

  entries = dossier_store_figure_entries (f->coordinator, &selection, NULL, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      DossierFigureEntry *entry = entries->pdata[i];

      g_assert_true (entry->week_only);
      g_assert_cmpstr (entry->volunteer, ==, "");
    }
  assert_store_right (f->coordinator);
}

static gint64
total_sent (DossierStore *store)
{
  g_autoptr(DossierFigures) figures = figures_of (store, NULL, NULL);

  return figures->total.sent;
}

static void
test_reimport_and_replace (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(DossierReportImport) outcome = NULL;
  g_autoptr(DossierReportImport) again = NULL;
  g_autoptr(DossierReportImport) newer = NULL;
  g_autoptr(DossierReportImport) undone = NULL;
  g_autoptr(DossierReport) older_report = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_offset (0);
  gboolean already = FALSE;

  log_some (f);
  first = write_report (f->volunteer, DOSSIER_REPORT_FULL, FALSE);
  g_object_unref (log_action (f->volunteer, 1, "phone", "sent", today, "Anna K.", "Berlin-Mitte", TRUE));
  second = write_report (f->volunteer, DOSSIER_REPORT_COUNTS, FALSE);
  third = write_report (f->volunteer, DOSSIER_REPORT_FULL, FALSE);

  outcome = import_report (f->coordinator, first, &already);
  g_assert_cmpint (total_sent (f->coordinator), ==, 5);

  /* the same report again: nothing changes */
  again = import_report (f->coordinator, first, &already);
  g_assert_true (already);
  g_assert_cmpint (total_sent (f->coordinator), ==, 5);

  /* a newer one of the same volunteer replaces it, even at another level of detail */
  newer = import_report (f->coordinator, second, &already);
  g_assert_false (already);
  g_assert_cmpint (newer->actions, ==, 6);
  g_assert_cmpint (newer->replaced, ==, 5);
  g_assert_cmpstr (newer->replaces, ==, outcome->id);
  g_assert_cmpint (total_sent (f->coordinator), ==, 6);
  assert_store_right (f->coordinator);

  /* undone: the older one counts again */
  g_assert_true (dossier_store_begin (f->coordinator, &error));
  g_assert_true (dossier_store_undo_report (f->coordinator, newer->id, &undone, &error));
  g_assert_true (dossier_store_commit (f->coordinator, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total_sent (f->coordinator), ==, 5);
  /* no tally row left at zero for the figures to read */
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open (dossier_store_get_path (f->coordinator), &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM progress_weeks WHERE letter + email + fax + phone"
                                             " + social_media + petition + solidarity_card + meeting + replied"
                                             " + returned = 0", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  list = dossier_store_list_reports (f->coordinator, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((DossierReportImport *) list->pdata[0])->active);
  assert_store_right (f->coordinator);

  /* the newest, then an older one that was never imported: refused, store as it was */
  g_clear_pointer (&newer, dossier_report_import_free);
  newer = import_report (f->coordinator, third, NULL);
  g_assert_cmpint (total_sent (f->coordinator), ==, 6);
  older_report = read_report (second);
  g_assert_true (dossier_store_begin (f->coordinator, &error));
  g_assert_false (dossier_store_add_report (f->coordinator, older_report, "old.json", NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DOSSIER_REPORT_ERROR, DOSSIER_REPORT_ERROR_OUTDATED);
  dossier_store_rollback (f->coordinator);
  g_clear_error (&error);
  g_assert_cmpint (total_sent (f->coordinator), ==, 6);
  assert_store_right (f->coordinator);

  /* one's own report: its actions are counted already */
  {
    g_autoptr(DossierReport) own = read_report (third);

    g_assert_true (dossier_store_begin (f->volunteer, &error));
    g_assert_false (dossier_store_add_report (f->volunteer, own, "own.json", NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, DOSSIER_REPORT_ERROR, DOSSIER_REPORT_ERROR_CONFLICT);
    dossier_store_rollback (f->volunteer);
    g_clear_error (&error);
  }
}

/* first replaced by second, second by third: taking out the second, then
 * the third, leaves the first counting, as if the others had never come */
static void
test_undo_in_a_chain (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(DossierReportImport) a = NULL;
  g_autoptr(DossierReportImport) b = NULL;
  g_autoptr(DossierReportImport) c = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_offset (0);

  log_some (f);
  first = write_report (f->volunteer, DOSSIER_REPORT_FULL, FALSE);
  g_object_unref (log_action (f->volunteer, 0, "email", "sent", today, "Anna K.", "Berlin-Mitte", TRUE));
  second = write_report (f->volunteer, DOSSIER_REPORT_FULL, FALSE);
  g_object_unref (log_action (f->volunteer, 0, "fax", "sent", today, "Anna K.", "Berlin-Mitte", TRUE));
  third = write_report (f->volunteer, DOSSIER_REPORT_COUNTS, FALSE);
  a = import_report (f->coordinator, first, NULL);
  b = import_report (f->coordinator, second, NULL);
  c = import_report (f->coordinator, third, NULL);
  g_assert_cmpint (total_sent (f->coordinator), ==, 7);

  g_assert_true (dossier_store_begin (f->coordinator, &error));
  g_assert_true (dossier_store_undo_report (f->coordinator, b->id, NULL, &error));
  g_assert_true (dossier_store_commit (f->coordinator, &error));
  g_assert_cmpint (total_sent (f->coordinator), ==, 7);
  g_assert_true (dossier_store_begin (f->coordinator, &error));
  g_assert_true (dossier_store_undo_report (f->coordinator, c->id, NULL, &error));
  g_assert_true (dossier_store_commit (f->coordinator, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total_sent (f->coordinator), ==, 5);
  list = dossier_store_list_reports (f->coordinator, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((DossierReportImport *) list->pdata[0])->id, ==, a->id);
  g_assert_true (((DossierReportImport *) list->pdata[0])->active);
  assert_store_right (f->coordinator);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The header of a report: %s the detail, then the entries */
#define HEADER(detail) \
  "{\"dossier_report\": 1, \"report_id\": \"r-1\", \"volunteer_id\": \"v-1\", \"sequence\": 1," \
  " \"created\": \"2026-W10\", \"detail\": \"" detail "\", \"entries\": ["

static void
test_unknown_ua (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) bytes = text_bytes (HEADER ("counts")
                                        "{\"week\": \"2025-W14\", \"ua\": \"UA 999/25\", \"target\": \"Minister\","
                                        " \"channel\": \"letter\", \"state\": \"sent\", \"group\": \"\", \"n\": 7}]}");
  g_autoptr(DossierReportImport) outcome = import_report (f->coordinator, bytes, NULL);
  g_autoptr(DossierFigures) before = figures_of (f->coordinator, NULL, NULL);
  g_autoptr(DossierFigures) after = NULL;
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;
  const DossierFigure *unknown = find_figure (before->by_ua, "?UA 999/25");

  g_assert_nonnull (unknown);
  g_assert_cmpint (unknown->sent, ==, 7);
  g_assert_null (unknown->status);
  g_assert_cmpstr (unknown->label, ==, "UA 999/25");
  assert_store_right (f->coordinator);

  /* the UA arrives, written another way: its actions are linked to it */
  dossier_record_set_id (ua, "ua-999");
  dossier_record_set_string (ua, "reference", "ua 999/25");
  g_assert_true (dossier_store_create (f->coordinator, ua, &error));
  g_assert_no_error (error);
  after = figures_of (f->coordinator, NULL, NULL);
  g_assert_null (find_figure (after->by_ua, "?UA 999/25"));
  g_assert_cmpint (find_figure (after->by_ua, "ua-999")->sent, ==, 7);
  assert_store_right (f->coordinator);

  /* and deleted again: its actions wait under the reference */
  g_assert_true (dossier_store_delete (f->coordinator, DOSSIER_TYPE_URGENT_ACTION, "ua-999", &error));
  g_clear_pointer (&after, dossier_figures_free);
  after = figures_of (f->coordinator, NULL, NULL);
  g_assert_cmpint (find_figure (after->by_ua, "?UA 999/25")->sent, ==, 7);
  assert_store_right (f->coordinator);
}

typedef struct
{
  const char *name;
  const char *text;
  int         code;
  const char *says;
} BadReport;

static void
test_bad_reports (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *future = day_offset (3);
  g_autofree char *future_entry = g_strdup_printf (HEADER ("full")
                                                   "{\"date\": \"%s\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                                   " \"state\": \"sent\", \"signature\": \"initials\"}]}", future);
  g_autofree char *deep = NULL;
  const BadReport bad[] = {
    { "future", future_entry, DOSSIER_REPORT_ERROR_INVALID, "Entry 1: the date" },
    { "1900", HEADER ("full") "{\"date\": \"1900-01-01\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                             " \"state\": \"sent\", \"signature\": \"initials\"}]}",
      DOSSIER_REPORT_ERROR_INVALID, "before 1961" },
    { "negative", HEADER ("counts") "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                 " \"state\": \"sent\", \"n\": -3}]}", DOSSIER_REPORT_ERROR_INVALID, "-3" },
    { "absurd", HEADER ("counts") "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                               " \"state\": \"sent\", \"n\": 1000001}]}", DOSSIER_REPORT_ERROR_INVALID, "1000001" },
    { "week 54", HEADER ("counts") "{\"week\": \"2025-W54\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                " \"state\": \"sent\", \"n\": 1}]}", DOSSIER_REPORT_ERROR_INVALID, "2025-W54" },
    { "second entry", HEADER ("counts") "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                     " \"state\": \"sent\", \"n\": 1}, {\"week\": \"2025-W14\", \"ua\": \"UA 065/20\","
                                     " \"channel\": \"pigeon\", \"state\": \"sent\", \"n\": 1}]}",
      DOSSIER_REPORT_ERROR_INVALID, "Entry 2: “channel” cannot be “pigeon”" },
    { "name in counts", HEADER ("counts") "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                       " \"state\": \"sent\", \"n\": 1, \"volunteer\": \"Anna\"}]}",
      DOSSIER_REPORT_ERROR_INVALID, "counts-only" },
    { "drafted", HEADER ("full") "{\"date\": \"2025-01-01\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                " \"state\": \"drafted\", \"signature\": \"initials\"}]}",
      DOSSIER_REPORT_ERROR_INVALID, "drafted" },
    { "control", HEADER ("full") "{\"date\": \"2025-01-01\", \"ua\": \"UA\\u0007065\", \"channel\": \"letter\","
                                " \"state\": \"sent\", \"signature\": \"initials\"}]}",
      DOSSIER_REPORT_ERROR_INVALID, "“ua”" },
    { "newer format", "{\"dossier_report\": 2, \"entries\": []}", DOSSIER_REPORT_ERROR_TOO_NEW, "newer version" },
    { "format as text", "{\"dossier_report\": \"1\", \"entries\": []}", DOSSIER_REPORT_ERROR_NOT_A_REPORT, "format" },
    { "campaign", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"x\", \"items\": []}",
      DOSSIER_REPORT_ERROR_NOT_A_REPORT, "campaign file" },
    { "random JSON", "{\"a\": [1, 2, 3]}", DOSSIER_REPORT_ERROR_NOT_A_REPORT, "not a volunteer’s report" },
    { "array", "[1, 2]", DOSSIER_REPORT_ERROR_NOT_A_REPORT, "not a volunteer’s report" },
    { "cut", HEADER ("counts") "{\"week\": \"2025-W14\", \"ua\": \"UA 0", DOSSIER_REPORT_ERROR_NOT_A_REPORT, "ends too soon" },
    { "not UTF-8", HEADER ("counts") "{\"week\": \"2025-W14\", \"ua\": \"UA \xff\xfe\", \"channel\": \"letter\","
                                  " \"state\": \"sent\", \"n\": 1}]}", DOSSIER_REPORT_ERROR_NOT_A_REPORT, "UTF-8" },
    { "no entries", "{\"dossier_report\": 1, \"report_id\": \"r\", \"volunteer_id\": \"v\", \"sequence\": 1,"
                    " \"created\": \"2026-W10\", \"detail\": \"full\"}", DOSSIER_REPORT_ERROR_INVALID, "entries" },
    { "no id", "{\"dossier_report\": 1, \"volunteer_id\": \"v\", \"sequence\": 1, \"created\": \"x\","
               " \"detail\": \"full\", \"entries\": []}", DOSSIER_REPORT_ERROR_INVALID, "report_id" },
    { "deep", NULL, DOSSIER_REPORT_ERROR_INVALID, NULL },
    { "padded header", NULL, DOSSIER_REPORT_ERROR_NOT_A_REPORT, "besides its entries" },
  };
  GString *nested = g_string_new (HEADER ("full"));
  g_autoptr(GString) padding = g_string_new ("{\"dossier_report\": 1, \"pad\": [0");
  const char *padded;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);
  /* a header of 100,000 values: json-glib would build them all */
  for (guint i = 0; i < 100000; i++)
    g_string_append (padding, ",0");
  g_string_append (padding, "], \"entries\": []}");
  padded = padding->str;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = text_bytes (bad[i].text ? bad[i].text : g_str_equal (bad[i].name, "deep") ? deep : padded);
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierReport) report = NULL;

      g_test_message ("%s", bad[i].name);
      report = dossier_report_read (bytes, NULL, &error);
      g_assert_null (report);
      if (bad[i].says == NULL)
        {
          g_assert_nonnull (error);
          continue;
        }
      g_assert_error (error, DOSSIER_REPORT_ERROR, bad[i].code);
      if (g_str_has_prefix (bad[i].says, "Entry") ? !g_str_has_prefix (error->message, bad[i].says)
                                                  : strstr (error->message, bad[i].says) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad[i].name, error->message, bad[i].says);
    }

  /* the same id with other content: refused, and the store as it was */
  {
    g_autoptr(GBytes) one = text_bytes (HEADER ("counts")
                                        "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                        " \"state\": \"sent\", \"n\": 2}]}");
    g_autoptr(GBytes) other = text_bytes (HEADER ("counts")
                                          "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                          " \"state\": \"sent\", \"n\": 20}]}");
    g_autoptr(GBytes) spaced = text_bytes (HEADER ("counts")
                                           "{\"week\":\"2025-W14\",\"ua\":\"UA 065/20\",\"channel\":\"letter\","
                                           "\"state\":\"sent\",\"n\":2}\n]}");
    g_autoptr(DossierReportImport) outcome = import_report (f->coordinator, one, NULL);
    g_autoptr(DossierReportImport) same = NULL;
    g_autoptr(DossierReport) changed = read_report (other);
    g_autoptr(GError) error = NULL;
    gboolean already = FALSE;

    g_assert_true (dossier_store_begin (f->coordinator, &error));
    g_assert_false (dossier_store_add_report (f->coordinator, changed, "b.json", NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, DOSSIER_REPORT_ERROR, DOSSIER_REPORT_ERROR_CONFLICT);
    dossier_store_rollback (f->coordinator);
    g_assert_cmpint (total_sent (f->coordinator), ==, 2);
    /* the same content written with other spacing is the same report */
    same = import_report (f->coordinator, spaced, &already);
    g_assert_true (already);
    g_assert_cmpint (total_sent (f->coordinator), ==, 2);
    assert_store_right (f->coordinator);
  }
}

/* ---- the property: the figures equal a count from scratch ---- */

typedef struct
{
  Fixture   *f;
  GRand     *rand;
  GPtrArray *actions;    /* DossierAction* in the store */
  GPtrArray *deletions;  /* DossierDeletion* that can be undone */
  GPtrArray *imports;    /* ids of imports */
  gint64     sequence[4];
  guint      reports;
} Walk;

static const char * const walk_channels[] = { "letter", "email", "phone", "fax", "petition" };
static const char * const walk_states[] = { "drafted", "sent", "replied", "returned" };
static const char * const walk_groups[] = { "", "Алматы", "Berlin-Mitte", "Qaraǵandy" };
static const char * const walk_refs[] = { "UA 065/20", "UA 120/21", "UA 777/24", "UA 888/24" };

static char *
random_day (GRand *rand)
{
  return day_offset (-g_rand_int_range (rand, 0, 120));
}

static void
walk_import (Walk *walk)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint volunteer = g_rand_int_range (walk->rand, 0, 4);
  gboolean counts = g_rand_boolean (walk->rand);
  guint n = g_rand_int_range (walk->rand, 1, 12);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DossierReport) report = NULL;
  g_autoptr(DossierReportImport) outcome = NULL;
  g_autoptr(GError) error = NULL;

  /* now and then an older report, which is refused */
  if (g_rand_int_range (walk->rand, 0, 8) != 0)
    walk->sequence[volunteer]++;
  g_string_append_printf (text, "{\"dossier_report\": 1, \"report_id\": \"report-%u\", \"volunteer_id\": \"volunteer-%u\","
                          " \"sequence\": %" G_GINT64_FORMAT ", \"created\": \"2026-W01\", \"detail\": \"%s\", \"entries\": [",
                          walk->reports++, volunteer, walk->sequence[volunteer], counts ? "counts" : "full");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = random_day (walk->rand);
      const char *ref = walk_refs[g_rand_int_range (walk->rand, 0, G_N_ELEMENTS (walk_refs))];
      const char *target = g_rand_boolean (walk->rand) ? target_names[0] : "Someone unknown";

      if (i)
        g_string_append (text, ", ");
      if (counts)
        {
          g_autofree char *monday = dossier_week_monday (day);
          GDate date;
          int y, m, d;

          sscanf (monday, "%d-%d-%d", &y, &m, &d);
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, d, m, y);
          g_date_add_days (&date, 3);
          g_string_append_printf (text, "{\"week\": \"%04u-W%02u\", \"n\": %d,", g_date_get_year (&date),
                                  g_date_get_iso8601_week_of_year (&date), g_rand_int_range (walk->rand, 1, 50));
        }
      else
        g_string_append_printf (text, "{\"date\": \"%s\", \"signature\": \"initials\", \"volunteer\": \"V%u\",",
                                day, volunteer);
      g_string_append_printf (text, " \"ua\": \"%s\", \"target\": \"%s\", \"channel\": \"%s\", \"state\": \"%s\","
                              " \"group\": \"%s\"}", ref, target,
                              walk_channels[g_rand_int_range (walk->rand, 0, G_N_ELEMENTS (walk_channels))],
                              walk_states[g_rand_int_range (walk->rand, 1, G_N_ELEMENTS (walk_states))],
                              walk_groups[g_rand_int_range (walk->rand, 0, G_N_ELEMENTS (walk_groups))]);
    }
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  report = read_report (bytes);
  g_assert_true (dossier_store_begin (walk->f->coordinator, &error));
  if (dossier_store_add_report (walk->f->coordinator, report, "walk.json", NULL, NULL, NULL, &outcome, NULL, &error))
    {
      g_assert_true (dossier_store_commit (walk->f->coordinator, &error));
      g_ptr_array_add (walk->imports, g_strdup (outcome->id));
    }
  else
    {
      g_assert_error (error, DOSSIER_REPORT_ERROR, DOSSIER_REPORT_ERROR_OUTDATED);
      dossier_store_rollback (walk->f->coordinator);
    }
}

static void
walk_step (Walk *walk)
{
  DossierStore *store = walk->f->coordinator;
  g_autoptr(GError) error = NULL;
  guint what = g_rand_int_range (walk->rand, 0, 100);

  if (what < 30 || walk->actions->len == 0)
    {
      g_autofree char *day = random_day (walk->rand);

      g_ptr_array_add (walk->actions,
                       log_action (store, g_rand_int_range (walk->rand, 0, 2),
                                   walk_channels[g_rand_int_range (walk->rand, 0, G_N_ELEMENTS (walk_channels))],
                                   walk_states[g_rand_int_range (walk->rand, 0, G_N_ELEMENTS (walk_states))],
                                   day, "Me", walk_groups[g_rand_int_range (walk->rand, 0, G_N_ELEMENTS (walk_groups))],
                                   g_rand_boolean (walk->rand)));
    }
  else if (what < 45)
    {
      DossierRecord *action = walk->actions->pdata[g_rand_int_range (walk->rand, 0, walk->actions->len)];
      g_autofree char *day = random_day (walk->rand);

      switch (g_rand_int_range (walk->rand, 0, 4))
        {
        case 0:
          dossier_record_set_string (action, "state", walk_states[g_rand_int_range (walk->rand, 0, 4)]);
          break;
        case 1:
          dossier_record_set_string (action, "channel", walk_channels[g_rand_int_range (walk->rand, 0, 5)]);
          break;
        case 2:
          dossier_record_set_string (action, "date", day);
          break;
        default:
          dossier_record_set_string (action, "volunteer-group", walk_groups[g_rand_int_range (walk->rand, 0, 4)]);
        }
      g_assert_true (dossier_store_update (store, action, &error));
      g_assert_no_error (error);
    }
  else if (what < 55)
    {
      guint i = g_rand_int_range (walk->rand, 0, walk->actions->len);
      DossierDeletion *deletion = dossier_store_delete_with_undo (store, DOSSIER_TYPE_ACTION,
                                                                  dossier_record_get_id (walk->actions->pdata[i]),
                                                                  &error);

      g_assert_no_error (error);
      g_ptr_array_add (walk->deletions, deletion);
      g_ptr_array_remove_index_fast (walk->actions, i);
    }
  else if (what < 62 && walk->deletions->len > 0)
    {
      DossierDeletion *deletion = g_ptr_array_steal_index_fast (walk->deletions, walk->deletions->len - 1);

      g_assert_true (dossier_store_undo_deletion (store, deletion, &error));
      g_assert_no_error (error);
      g_ptr_array_add (walk->actions, g_object_ref (dossier_deletion_get_record (deletion)));
      dossier_deletion_free (deletion);
    }
  else if (what < 82)
    walk_import (walk);
  else if (what < 90 && walk->imports->len > 0)
    {
      guint i = g_rand_int_range (walk->rand, 0, walk->imports->len);

      g_assert_true (dossier_store_begin (store, &error));
      g_assert_true (dossier_store_undo_report (store, walk->imports->pdata[i], NULL, &error));
      g_assert_true (dossier_store_commit (store, &error));
      g_assert_no_error (error);
      g_ptr_array_remove_index_fast (walk->imports, i);
    }
  else if (what < 95)
    {
      /* a UA a report named arrives, or leaves */
      const char *ref = walk_refs[g_rand_int_range (walk->rand, 2, G_N_ELEMENTS (walk_refs))];
      g_autofree char *id = g_strdup_printf ("walk-%s", ref + 3);
      g_autoptr(DossierRecord) ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, id, NULL);

      if (ua)
        g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_URGENT_ACTION, id, &error));
      else
        {
          ua = DOSSIER_RECORD (dossier_urgent_action_new ());
          dossier_record_set_id (ua, id);
          dossier_record_set_string (ua, "reference", ref);
          g_assert_true (dossier_store_create (store, ua, &error));
        }
      g_assert_no_error (error);
    }
  else
    {
      /* a volunteer's report refused halfway: cancelled, nothing stays */
      gint64 before = total_sent (store);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GBytes) bytes = text_bytes (HEADER ("counts")
                                            "{\"week\": \"2025-W14\", \"ua\": \"UA 065/20\", \"channel\": \"letter\","
                                            " \"state\": \"sent\", \"n\": 5}]}");
      g_autoptr(DossierReport) report = read_report (bytes);

      g_cancellable_cancel (cancellable);
      g_assert_true (dossier_store_begin (store, &error));
      g_assert_false (dossier_store_add_report (store, report, "c.json", cancellable, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      dossier_store_rollback (store);
      g_assert_cmpint (total_sent (store), ==, before);
    }
}

/* The total of what went out, counted from scratch in SQL. */
static gint64
recount_sent (DossierStore *store)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open (dossier_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM actions WHERE state <> 'drafted')"
                                       " + (SELECT coalesce(sum(n), 0) FROM reported WHERE active = 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_property (Fixture       *f,
               gconstpointer  data)
{
  Walk walk = {
    .f = f,
    .rand = g_rand_new_with_seed (20261130),
    .actions = g_ptr_array_new_with_free_func (g_object_unref),
    .deletions = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_deletion_free),
    .imports = g_ptr_array_new_with_free_func (g_free),
  };
  guint steps = g_test_slow () ? 5000 : 1200;

  for (guint i = 1; i <= steps; i++)
    {
      walk_step (&walk);
      if (i % 100 == 0 || i == steps)
        {
          g_autoptr(DossierFigures) figures = figures_of (f->coordinator, NULL, NULL);
          gint64 by_channel = 0;

          for (guint j = 0; j < figures->by_channel->len; j++)
            by_channel += ((DossierFigure *) figures->by_channel->pdata[j])->sent;
          g_assert_cmpint (figures->total.sent, ==, recount_sent (f->coordinator));
          g_assert_cmpint (by_channel, ==, figures->total.sent);
          /* every tally row against a recount from scratch */
          assert_store_right (f->coordinator);
        }
    }
  g_test_message ("%u steps: %u actions, %u imports", steps, walk.actions->len, walk.imports->len);
  g_assert_cmpuint (walk.imports->len, >, 0);
  g_rand_free (walk.rand);
  g_ptr_array_unref (walk.actions);
  g_ptr_array_unref (walk.deletions);
  g_ptr_array_unref (walk.imports);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DossierFigures) all = NULL;
  g_autoptr(DossierFigures) group = NULL;
  g_autoptr(DossierFigures) ua = NULL;
  g_autoptr(DossierFigures) both = NULL;
  g_autoptr(DossierFigures) period = NULL;
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = day_offset (-14);
  DossierFigureFilter recent = { .from = from };
  DossierFigureSelection selection = { 0 };

  log_some (f);
  all = figures_of (f->volunteer, NULL, NULL);
  g_assert_cmpint (all->total.sent, ==, 6);
  group = figures_of (f->volunteer, NULL, "Berlin-Mitte");
  g_assert_cmpint (group->total.sent, ==, 3);
  g_assert_cmpuint (group->by_group->len, ==, 1);
  ua = figures_of (f->volunteer, "ua-0", NULL);
  g_assert_cmpint (ua->total.sent, ==, 3);
  g_assert_cmpuint (ua->by_target->len, ==, 1);
  g_assert_cmpstr (((DossierFigure *) ua->by_target->pdata[0])->label, ==, target_names[0]);
  both = figures_of (f->volunteer, "ua-0", "Berlin-Mitte");
  g_assert_cmpint (both->total.sent, ==, 0);
  period = dossier_store_figures (f->volunteer, &recent, &error);
  g_assert_no_error (error);
  /* whole weeks: the one 30 days ago is out, the others in */
  g_assert_cmpint (period->total.sent, ==, 5);

  /* pages of the actions behind a figure: keyset, no repeats */
  page1 = dossier_store_figure_entries (f->volunteer, &selection, NULL, 4, &error);
  g_assert_cmpuint (page1->len, ==, 4);
  page2 = dossier_store_figure_entries (f->volunteer, &selection,
                                        ((DossierFigureEntry *) page1->pdata[3])->cursor, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page2->len, ==, 2);
  for (guint i = 0; i < page1->len; i++)
    for (guint j = 0; j < page2->len; j++)
      g_assert_cmpstr (((DossierFigureEntry *) page1->pdata[i])->action_id, !=,
                       ((DossierFigureEntry *) page2->pdata[j])->action_id);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reports/round-trip/full", test_round_trip_full);
  ADD ("/reports/round-trip/counts-only", test_round_trip_counts);
  ADD ("/reports/same-again-and-newer", test_reimport_and_replace);
  ADD ("/reports/undo-in-a-chain", test_undo_in_a_chain);
  ADD ("/reports/unknown-ua", test_unknown_ua);
  ADD ("/reports/bad-input", test_bad_reports);
  ADD ("/reports/figures-filters", test_filters);
  ADD ("/reports/figures-equal-recount", test_property);
#undef ADD

  return g_test_run ();
}
