/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "dossier-action.h"
#include "dossier-cli.h"
#include "dossier-figures.h"
#include "dossier-logging.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* `dossier progress` on a real store in a temporary folder: its text, its
 * JSON against what the store's figures say, the CSV byte for byte, and
 * the PDF report's pages. A volunteer's report is imported, so that the
 * figures have a share from reports and a UA this store does not have. */

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
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) dir);
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

/* A UA with its reference, title, goal and deadline; returns its id. */
static char *
add_ua (DossierStore *store,
        const char   *reference,
        const char   *title,
        gint64        goal,
        const char   *deadline)
{
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (ua, "reference", reference);
  dossier_record_set_string (ua, "title", title);
  dossier_record_set_int (ua, "goal", goal);
  if (deadline)
    dossier_record_set_string (ua, "deadline", deadline);
  g_assert_true (dossier_store_create (store, ua, &error));
  g_assert_no_error (error);
  return g_strdup (dossier_record_get_id (ua));
}

static void
log_action (DossierStore *store,
            const char   *ua_id,
            const char   *channel,
            const char   *date,
            const char   *state,
            const char   *group)
{
  g_autoptr(DossierAction) action = dossier_action_new ();
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", ua_id);
  dossier_record_set_string (DOSSIER_RECORD (action), "channel", channel);
  dossier_record_set_string (DOSSIER_RECORD (action), "date", date);
  dossier_record_set_string (DOSSIER_RECORD (action), "state", state);
  if (group)
    dossier_record_set_string (DOSSIER_RECORD (action), "volunteer-group", group);
  g_assert_true (dossier_store_log_action (store, action, &error));
  g_assert_no_error (error);
}

/* A volunteer's report, made as volunteers make them: in their own
 * store, with `dossier report export`; then imported into the
 * coordinator's store in @dir with `dossier report import`. 5 letters and
 * a replied one in the week of 2026-11-02, on UA 065/20, which the
 * coordinator has, and on UA 999/99, which they do not. */
static void
add_report (const char *dir)
{
  g_autofree char *volunteer = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (volunteer, "report.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  {
    g_autoptr(DossierStore) store = dossier_test_open_store (volunteer);
    const char *const references[] = { "UA 065/20", "UA 999/99" };

    for (guint i = 0; i < G_N_ELEMENTS (references); i++)
      {
        g_autofree char *ua = add_ua (store, references[i], "A volunteer's copy", 0, NULL);

        for (guint j = 0; j < 5; j++)
          log_action (store, ua, "letter", "2026-11-03", "sent", "Almaty");
        log_action (store, ua, "letter", "2026-11-04", "replied", "Almaty");
      }
  }
  g_assert_cmpint (run (volunteer, &out, &err, "report", "export", "--counts-only", file, NULL), ==,
                   DOSSIER_EXIT_OK);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "report", "import", file, NULL), ==, DOSSIER_EXIT_OK);
  dossier_test_remove_dir (volunteer);
}

/* The small store: one UA whose title has a comma and quotes, with a
 * goal, letters logged here and from a report; and a report on a UA this
 * store does not have. */
static void
make_small_store (const char *dir)
{
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autofree char *ua = add_ua (store, "UA 065/20", "Free \"Aigerim\", now", 20, "2026-12-24");

  log_action (store, ua, "letter", "2026-11-02", "sent", "Astana");
  log_action (store, ua, "letter", "2026-11-10", "sent", NULL);
  log_action (store, ua, "email", "2026-11-11", "sent", NULL);
  log_action (store, ua, "letter", "2026-11-12", "returned", NULL);
  log_action (store, ua, "letter", "2026-11-13", "drafted", NULL);
  g_clear_object (&store);
  add_report (dir);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_int_member (object, name);
}

static void
assert_counts (JsonObject          *object,
               const DossierFigure *figure)
{
  g_assert_cmpint (member_int (object, "sent"), ==, figure->sent);
  g_assert_cmpint (member_int (object, "reported"), ==, figure->reported);
  g_assert_cmpint (member_int (object, "replied"), ==, figure->replied);
  g_assert_cmpint (member_int (object, "returned"), ==, figure->returned);
  g_assert_cmpint (member_int (object, "letters"), ==, figure->letters);
}

static void
assert_list (JsonObject *root,
             const char *name,
             const char *key_name,
             GPtrArray  *figures)
{
  JsonArray *array = json_object_get_array_member (root, name);

  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, figures->len);
  for (guint i = 0; i < figures->len; i++)
    {
      const DossierFigure *figure = g_ptr_array_index (figures, i);
      JsonObject *object = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (object, key_name), ==, figure->key);
      assert_counts (object, figure);
    }
}

/* The JSON says what the store's figures say, whole and for one UA. */
static void
test_json (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  const DossierFigureFilter filters[] = {
    { NULL },
    { .ua = "?UA 999/99" },
    { .from = "2026-11-09", .to = "2026-11-30" },
    { .group = "Almaty" },
  };
  const char *const args[][5] = {
    { "progress", "--json", NULL },
    { "progress", "--json", "--ua", "UA 999/99", NULL },
    { "progress", "--json", "--from", "2026-11-09", "--to", },
    { "progress", "--json", "--group", "Almaty", NULL },
  };

  make_small_store (dir);
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(DossierStore) store = dossier_test_open_store (dir);
      g_autoptr(DossierFigures) figures = dossier_store_figures (store, &filters[f], NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      JsonObject *root;
      JsonArray *uas;
      int status;

      g_assert_nonnull (figures);
      if (f == 2)
        status = run (dir, &out, &err, args[f][0], args[f][1], args[f][2], args[f][3], args[f][4],
                      "2026-11-30", NULL);
      else
        status = run (dir, &out, &err, args[f][0], args[f][1], args[f][2], args[f][3], NULL);
      g_assert_cmpint (status, ==, DOSSIER_EXIT_OK);
      g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (member_int (root, "version"), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "filter"), "ua"),
                       ==, filters[f].ua);
      assert_counts (json_object_get_object_member (root, "total"), &figures->total);
      assert_list (root, "by_channel", "channel", figures->by_channel);
      assert_list (root, "by_week", "week", figures->by_week);
      assert_list (root, "by_group", "group", figures->by_group);
      assert_list (root, "by_target", "target", figures->by_target);

      uas = json_object_get_array_member (root, "by_ua");
      g_assert_cmpuint (json_array_get_length (uas), ==, figures->by_ua->len);
      for (guint i = 0; i < figures->by_ua->len; i++)
        {
          const DossierFigure *ua = g_ptr_array_index (figures->by_ua, i);
          JsonObject *object = json_array_get_object_element (uas, i);

          g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, ua->key);
          g_assert_cmpstr (json_object_get_string_member (object, "reference"), ==, ua->label);
          g_assert_cmpint (json_object_get_boolean_member (object, "known"), ==, ua->key[0] != '?');
          if (ua->goal > 0)
            g_assert_cmpint (member_int (object, "goal"), ==, ua->goal);
          else
            g_assert_true (json_object_get_null_member (object, "goal"));
          assert_counts (object, ua);
        }
    }

  /* and the figures are what was logged and reported */
  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autoptr(DossierFigures) figures = dossier_store_figures (store, &filters[0], NULL);

    /* sent: 3 letters and an email here, a returned letter, 5 + 5 reported,
     * 1 + 1 reported replies; drafts never went out */
    g_assert_cmpint (figures->total.sent, ==, 4 + 12);
    g_assert_cmpint (figures->total.reported, ==, 12);
    g_assert_cmpint (figures->total.returned, ==, 1);
  }
  dossier_test_remove_dir (dir);
}

/* The table of urgent actions as CSV, byte for byte. */
static void
test_csv (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "uas.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  make_small_store (dir);
  g_assert_cmpint (run (dir, &out, &err, "progress", "--csv", file, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "uas.csv"));
  g_assert_true (g_file_get_contents (file, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "Reference,Title,Goal,Letters,Sent,From reports,Replies,Returned,Deadline\r\n"
                   "UA 065/20,\"Free \"\"Aigerim\"\", now\",20,9,10,6,1,1,2026-12-24\r\n"
                   "UA 999/99,Only known from volunteers’ reports,,6,6,6,1,0,\r\n");

  /* written again over the last one, whole */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, &out, &err, "progress", "--csv", file, "--ua", "UA 065/20", NULL), ==, DOSSIER_EXIT_OK);
  g_clear_pointer (&csv, g_free);
  g_assert_true (g_file_get_contents (file, &csv, NULL, &error));
  g_assert_true (g_str_has_suffix (csv, "6,1,1,2026-12-24\r\n"));
  g_assert_null (strstr (csv, "999"));
  dossier_test_remove_dir (dir);
}

/* The overview for people, with each UA's reference; a UA that is not
 * there, a date that is not one. */
static void
test_text_and_errors (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  char *out = NULL, *err = NULL;

  make_small_store (dir);
  g_assert_cmpint (run (dir, &out, &err, "progress", NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "All urgent actions"));
  g_assert_nonnull (strstr (out, "UA 065/20"));
  g_assert_nonnull (strstr (out, "Unknown UA ‹UA 999/99›"));
  g_assert_nonnull (strstr (out, "Actions that went out"));
  g_assert_nonnull (strstr (out, "Period: from 2 November 2026 to 15 November 2026"));
  g_assert_nonnull (strstr (out, "45%"));  /* 9 letters of 20 */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "progress", "--ua", "UA 000/00", NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "There is no urgent action “UA 000/00”."));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "progress", "--from", "2026-02-30", NULL), ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "“2026-02-30” is not a date written YYYY-MM-DD."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, &out, &err, "progress", "--from", "2026-12-01", "--to", "2026-11-01", NULL),
                   ==, DOSSIER_EXIT_INPUT);
  g_assert_nonnull (strstr (err, "--from"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  dossier_test_remove_dir (dir);
}

/* The pages of a PDF: pdfinfo says, or else its page objects are counted. */
static int
count_pages (const char *file)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *contents = NULL;
  gsize length;
  int pages = 0;

  if (pdfinfo)
    {
      const char *argv[] = { pdfinfo, file, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      const char *line;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      line = strstr (out, "\nPages:");
      g_assert_nonnull (line);
      return atoi (line + strlen ("\nPages:"));
    }
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (const char *p = contents; (p = g_strstr_len (p, length - (p - contents), "/Type /Page")); p++)
    if (p[strlen ("/Type /Page")] != 's')
      pages++;
  return pages;
}

/* The text of one page, or NULL without pdftotext. */
static char *
page_text (const char *file,
           int         page)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *number = g_strdup_printf ("%d", page);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  {
    const char *argv[] = { pdftotext, "-f", number, "-l", number, "-layout", file, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  return out;
}

static void
test_pdf_one_page (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autofree char *ua = add_ua (store, "UA 065/20", "Free Aigerim", 20, "2026-12-24");

    log_action (store, ua, "letter", "2026-11-02", "sent", NULL);
  }
  g_assert_cmpint (run (dir, &out, &err, "progress", "--pdf", file, NULL), ==, DOSSIER_EXIT_OK);
  g_assert_nonnull (strstr (out, "Wrote the progress report to"));
  g_assert_cmpint (count_pages (file), ==, 1);
  text = page_text (file, 1);
  if (text)
    {
      g_assert_nonnull (strstr (text, "Progress report"));
      g_assert_nonnull (strstr (text, "UA 065/20"));
      g_assert_nonnull (strstr (text, "Page 1 of 1"));
    }
  else
    g_test_message ("no pdftotext: the page's text is not read");
  dossier_test_remove_dir (dir);
}

#define MANY_UAS 120

static void
test_pdf_many_pages (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  int pages;

  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);

    for (guint i = 0; i < MANY_UAS; i++)
      {
        g_autofree char *reference = g_strdup_printf ("UA %03u/26", i + 1);
        g_autofree char *title = g_strdup_printf ("Urgent action number %u of a long campaign", i + 1);
        g_autofree char *ua = add_ua (store, reference, title, 100, "2027-01-15");

        if (i % 3 == 0)
          log_action (store, ua, "letter", "2026-11-02", "sent", NULL);
      }
  }
  g_assert_cmpint (run (dir, &out, &err, "progress", "--pdf", file, NULL), ==, DOSSIER_EXIT_OK);
  pages = count_pages (file);
  g_assert_cmpint (pages, >=, 3);
  g_assert_cmpint (pages, <=, 8);

  for (int page = 1; page <= pages; page++)
    {
      g_autofree char *text = page_text (file, page);
      g_autofree char *number = g_strdup_printf ("Page %d of %d", page, pages);

      if (text == NULL)
        {
          g_test_message ("no pdftotext: the pages' text is not read");
          break;
        }
      g_assert_nonnull (strstr (text, number));
      /* the header row on every page of the table */
      if (page > 1)
        {
          g_assert_nonnull (strstr (text, "Urgent action"));
          g_assert_nonnull (strstr (text, "Deadline"));
        }
      g_string_append (seen, text);
    }
  /* every UA on some page */
  if (seen->len > 0)
    for (guint i = 0; i < MANY_UAS; i++)
      {
        g_autofree char *reference = g_strdup_printf ("UA %03u/26", i + 1);

        g_assert_nonnull (strstr (seen->str, reference));
      }
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

  g_test_add_func ("/progress/json", test_json);
  g_test_add_func ("/progress/csv", test_csv);
  g_test_add_func ("/progress/text-and-errors", test_text_and_errors);
  g_test_add_func ("/progress/pdf/one-page", test_pdf_one_page);
  g_test_add_func ("/progress/pdf/many-pages", test_pdf_many_pages);
  return g_test_run ();
}
