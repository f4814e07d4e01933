/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dossier-action.h"
#include "dossier-application.h"
#include "dossier-figures.h"
#include "dossier-logging.h"
#include "dossier-progress-section.h"
#include "dossier-report.h"
#include "dossier-reports-window.h"
#include "dossier-target.h"
#include "dossier-test-ui.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"
#include "dossier-window.h"
#include "dossier-window-private.h"

/* Volunteers' reports in the window, as a person uses them: Write a
 * Report… says what the file will hold and writes it; Volunteers'
 * Reports imports several files, one of them broken, undoes one, and
 * cancels a large one; each window looked at light, dark and 360 px wide. */

static DossierApplication *app;
static DossierWindow *window;
static char *data_dir;

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  dossier_test_save_png (widget, name);
}

/* Looked at narrow: no label of ours cut. */
static void
assert_nothing_cut (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GPtrArray) cut = NULL;

  gtk_window_set_default_size (GTK_WINDOW (widget), 360, 720);
  dossier_test_run_for (400);
  save_png (widget, name);
  g_assert_cmpint (gtk_widget_get_width (widget), <=, 360);
  cut = dossier_test_find_cut_labels (widget);
  for (guint i = 0; i < cut->len; i++)
    g_test_message ("%s: “%s” is cut", name, (char *) cut->pdata[i]);
  g_assert_cmpuint (cut->len, ==, 0);
}

static void
save_dark (GtkWidget  *widget,
           const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dossier_test_run_for (300);
  save_png (widget, name);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  dossier_test_run_for (100);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static void
collect_rows (GtkWidget *widget,
              GType      type,
              GPtrArray *rows)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, type, rows);
}

/* The visible rows of the group titled @title under @root. */
static GPtrArray *
rows_of_group (GtkWidget  *root,
               const char *title)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (root, ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (adw_preferences_group_get_title (groups->pdata[i]), title))
      collect_rows (groups->pdata[i], ADW_TYPE_ACTION_ROW, rows);
  return rows;
}

static const char *
subtitle_of_row (GtkWidget  *root,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (rows->pdata[i]), title))
      return adw_action_row_get_subtitle (rows->pdata[i]);
  return NULL;
}

static gint64
sent_from_reports (void)
{
  DossierFigureFilter all = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierFigures) figures = dossier_store_figures (window->store, &all, &error);

  g_assert_no_error (error);
  return figures->total.reported;
}

static void
wait_until_idle (GtkWidget *widget)
{
  for (guint i = 0; i < 400; i++)
    {
      gboolean busy = DOSSIER_IS_REPORTS_WINDOW (widget)
                      ? dossier_reports_window_is_busy (DOSSIER_REPORTS_WINDOW (widget))
                      : dossier_report_writer_is_busy (DOSSIER_REPORT_WRITER (widget));

      if (!busy)
        break;
      dossier_test_run_for (50);
    }
  dossier_test_run_for (200);
}

static void
add_ua_and_actions (void)
{
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;
  const char *targets[] = { "target-pg", NULL };
  const char *days[] = { "2020-04-20", "2020-04-21", "2020-04-28" };

  dossier_record_set_id (target, "target-pg");
  dossier_record_set_string (target, "name", "Генеральный прокурор");
  g_assert_true (dossier_store_create (window->store, target, &error));
  dossier_record_set_id (ua, "ua-065-20");
  dossier_record_set_string (ua, "reference", "UA 065/20");
  dossier_record_set_string (ua, "title", "Журналист Макс Бокаев");
  dossier_record_set_int (ua, "goal", 200);
  dossier_record_set_strv (ua, "target-ids", targets);
  g_assert_true (dossier_store_create (window->store, ua, &error));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(DossierAction) action = dossier_action_new ();

      dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", "ua-065-20");
      dossier_record_set_string (DOSSIER_RECORD (action), "target-id", "target-pg");
      dossier_record_set_string (DOSSIER_RECORD (action), "channel", "letter");
      dossier_record_set_string (DOSSIER_RECORD (action), "state", "sent");
      dossier_record_set_string (DOSSIER_RECORD (action), "date", days[i]);
      dossier_record_set_string (DOSSIER_RECORD (action), "volunteer", "Анна Кайратовна");
      dossier_record_set_string (DOSSIER_RECORD (action), "volunteer-group", "Алматы");
      dossier_record_set_boolean (DOSSIER_RECORD (action), "mine", TRUE);
      g_assert_true (dossier_store_log_action (window->store, action, &error));
    }
  g_assert_no_error (error);
}

static void
test_write_report (void)
{
  GtkWidget *writer;
  g_autofree char *path = g_build_filename (data_dir, "counts.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  GStatBuf st;
  AdwComboRow *detail;
  const char *names;

  add_ua_and_actions ();
  writer = dossier_window_write_report (window);
  g_assert_nonnull (writer);
  wait_until_idle (writer);

  /* before anything is written: the names it would carry */
  names = subtitle_of_row (writer, _("Names"));
  g_assert_nonnull (names);
  g_assert_nonnull (strstr (names, "Анна Кайратовна"));
  g_assert_nonnull (strstr (subtitle_of_row (writer, _("Groups")), "Алматы"));
  save_png (writer, "report-writer");

  /* counts only: says there is no name, and writes none */
  {
    g_autoptr(GPtrArray) combos = g_ptr_array_new ();

    collect_rows (writer, ADW_TYPE_COMBO_ROW, combos);
    g_assert_cmpuint (combos->len, ==, 2);
    detail = combos->pdata[0];
  }
  adw_combo_row_set_selected (detail, 1);
  wait_until_idle (writer);
  g_assert_cmpstr (subtitle_of_row (writer, _("Names")), ==, _("No: no name, no signature"));
  g_assert_null (strstr (subtitle_of_row (writer, _("Period")), "2020-04-20"));
  save_dark (writer, "report-writer-counts-dark");
  assert_nothing_cut (writer, "report-writer-narrow");

  g_object_add_weak_pointer (G_OBJECT (writer), (gpointer *) &writer);
  dossier_report_writer_save_to (DOSSIER_REPORT_WRITER (writer), file);
  for (guint i = 0; i < 100 && writer != NULL; i++)
    dossier_test_run_for (50);
  g_assert_null (writer);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Анна"));
  g_assert_null (strstr (contents, "2020-04-2"));
  g_assert_nonnull (strstr (contents, "\"counts\""));
  g_assert_nonnull (strstr (contents, "Алматы"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (data_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
add_file (GListStore *files,
          const char *name)
{
  g_autofree char *path = g_build_filename (data_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_list_store_append (files, file);
}

static void
test_import_and_undo (void)
{
  GtkWidget *reports = dossier_window_show_reports (window);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *undo;
  AdwMessageDialog *dialog;
  gint64 before = sent_from_reports ();

  write_file ("anna.json",
              "{\"dossier_report\": 1, \"report_id\": \"r-anna\", \"volunteer_id\": \"v-anna\", \"sequence\": 1,"
              " \"created\": \"2026-11-30T10:00:00Z\", \"detail\": \"full\", \"entries\": ["
              "{\"date\": \"2020-04-22\", \"ua\": \"UA 065/20\", \"target\": \"Генеральный прокурор\","
              " \"channel\": \"letter\", \"state\": \"sent\", \"signature\": \"initials\", \"volunteer\": \"Ғалия\","
              " \"group\": \"Qaraǵandy\"},"
              "{\"date\": \"2020-04-23\", \"ua\": \"UA 065/20\", \"channel\": \"email\", \"state\": \"replied\","
              " \"signature\": \"full-name\", \"volunteer\": \"Ғалия\", \"group\": \"Qaraǵandy\"}]}");
  write_file ("counts.json",
              "{\"dossier_report\": 1, \"report_id\": \"r-counts\", \"volunteer_id\": \"v-counts\", \"sequence\": 4,"
              " \"created\": \"2026-W49\", \"detail\": \"counts\", \"entries\": ["
              "{\"week\": \"2020-W17\", \"ua\": \"UA 065/20\", \"channel\": \"letter\", \"state\": \"sent\","
              " \"group\": \"Berlin\", \"n\": 40},"
              "{\"week\": \"2020-W18\", \"ua\": \"UA 404/20\", \"channel\": \"fax\", \"state\": \"sent\","
              " \"group\": \"Berlin\", \"n\": 2}]}");
  write_file ("broken.json",
              "{\"dossier_report\": 1, \"report_id\": \"r-x\", \"volunteer_id\": \"v-x\", \"sequence\": 1,"
              " \"created\": \"2026-W49\", \"detail\": \"counts\", \"entries\": ["
              "{\"week\": \"2020-W17\", \"ua\": \"UA 065/20\", \"channel\": \"letter\", \"state\": \"sent\", \"n\": 5},"
              "{\"week\": \"2020-W17\", \"ua\": \"UA 065/20\", \"channel\": \"letter\", \"state\": \"sent\", \"n\": -5}]}");
  add_file (files, "anna.json");
  add_file (files, "broken.json");
  add_file (files, "counts.json");

  dossier_reports_window_import_files (DOSSIER_REPORTS_WINDOW (reports), G_LIST_MODEL (files));
  g_assert_true (dossier_reports_window_is_busy (DOSSIER_REPORTS_WINDOW (reports)));
  wait_until_idle (reports);

  /* two imported, the broken one named with its entry, and nothing of it counted */
  g_assert_cmpint (sent_from_reports (), ==, before + 2 + 42);
  imported = rows_of_group (reports, _("Imported Reports"));
  g_assert_cmpuint (imported->len, ==, 2);
  problems = rows_of_group (reports, _("Not Imported"));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (problems->pdata[0]), ==, "broken.json");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (problems->pdata[0]), "2"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (problems->pdata[0]), "-5"));
  save_png (reports, "reports-imported");

  /* Progress counts them, and says how many came from reports */
  {
    DossierProgressSection *section;
    const DossierFigures *figures;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "progress");
    dossier_test_run_for (300);
    section = DOSSIER_PROGRESS_SECTION (find_type (GTK_WIDGET (window), DOSSIER_TYPE_PROGRESS_SECTION));
    g_assert_nonnull (section);
    dossier_progress_section_reload (section);
    figures = dossier_progress_section_get_figures (section);
    g_assert_cmpint (figures->total.reported, ==, before + 2 + 42);
    g_assert_cmpint (figures->total.sent, ==, figures->total.reported + 3);
    /* the UA the store lacks, as reports name it */
    {
      gboolean unknown = FALSE;

      for (guint i = 0; i < figures->by_ua->len; i++)
        unknown |= g_str_equal (((DossierFigure *) figures->by_ua->pdata[i])->key, "?UA 404/20");
      g_assert_true (unknown);
    }
    save_png (GTK_WIDGET (window), "progress-with-reports");
    save_dark (GTK_WIDGET (window), "progress-with-reports-dark");
  }
  save_dark (reports, "reports-imported-dark");
  assert_nothing_cut (reports, "reports-imported-narrow");
  gtk_window_set_default_size (GTK_WINDOW (reports), 640, 560);

  /* the same files again: nothing counted twice */
  g_list_store_remove (files, 1);
  dossier_reports_window_import_files (DOSSIER_REPORTS_WINDOW (reports), G_LIST_MODEL (files));
  wait_until_idle (reports);
  g_assert_cmpint (sent_from_reports (), ==, before + 2 + 42);

  /* undo the latest: its 42 actions no longer count */
  g_clear_pointer (&imported, g_ptr_array_unref);
  imported = rows_of_group (reports, _("Imported Reports"));
  undo = find_named (imported->pdata[0], "undo-import");
  g_assert_nonnull (undo);
  g_assert_true (gtk_widget_is_sensitive (undo));
  g_signal_emit_by_name (undo, "clicked");
  dossier_test_run_for (200);
  dialog = ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  save_png (GTK_WIDGET (dialog), "reports-undo-dialog");
  adw_message_dialog_response (dialog, "undo");
  dossier_test_run_for (100);
  wait_until_idle (reports);
  g_clear_pointer (&imported, g_ptr_array_unref);
  imported = rows_of_group (reports, _("Imported Reports"));
  g_assert_cmpuint (imported->len, ==, 1);
  g_assert_cmpint (sent_from_reports (), ==, before + 2);
}

static void
test_import_cancelled (void)
{
  GtkWidget *reports = dossier_window_show_reports (window);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GString) text = g_string_new ("{\"dossier_report\": 1, \"report_id\": \"r-big\", \"volunteer_id\": \"v-big\","
                                          " \"sequence\": 1, \"created\": \"2026-W49\", \"detail\": \"counts\", \"entries\": [");
  g_autoptr(GPtrArray) imported = NULL;
  gint64 before = sent_from_reports ();
  GtkWidget *cancel;

  for (guint i = 0; i < 150000; i++)
    g_string_append_printf (text, "%s{\"week\": \"2020-W%02u\", \"ua\": \"UA %u/20\", \"channel\": \"letter\","
                            " \"state\": \"sent\", \"group\": \"G%u\", \"n\": 3}",
                            i ? "," : "", 1 + i % 50, i % 300, i % 40);
  g_string_append (text, "]}");
  write_file ("big.json", text->str);
  add_file (files, "big.json");

  dossier_reports_window_import_files (DOSSIER_REPORTS_WINDOW (reports), G_LIST_MODEL (files));
  dossier_test_run_for (100);
  g_assert_true (dossier_reports_window_is_busy (DOSSIER_REPORTS_WINDOW (reports)));
  save_png (reports, "reports-importing");
  cancel = find_named (reports, "cancel-job");
  g_assert_true (gtk_widget_get_sensitive (cancel) && gtk_widget_get_mapped (cancel));
  gtk_widget_activate (cancel);
  wait_until_idle (reports);
  g_assert_false (dossier_reports_window_is_busy (DOSSIER_REPORTS_WINDOW (reports)));
  g_assert_cmpint (sent_from_reports (), ==, before);
  imported = rows_of_group (reports, _("Imported Reports"));
  for (guint i = 0; i < imported->len; i++)
    g_assert_cmpstr (adw_preferences_row_get_title (imported->pdata[i]), !=, "big.json");
  gtk_window_close (GTK_WINDOW (reports));
  dossier_test_run_for (200);
}


/* A report dropped on the main window is read in a worker, told from a
 * campaign by its first bytes, and imported in Volunteers' Reports. */
static void
test_report_dropped (void)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autofree char *path = g_build_filename (data_dir, "dropped.json", NULL);
  GFile *file = g_file_new_for_path (path);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GtkWidget *reports;
  gboolean accepted = FALSE;
  gint64 before = sent_from_reports ();

  write_file ("dropped.json",
              "{\"dossier_report\": 1, \"report_id\": \"r-drop\", \"volunteer_id\": \"v-drop\", \"sequence\": 1,"
              " \"created\": \"2026-W49\", \"detail\": \"counts\", \"entries\": ["
              "{\"week\": \"2020-W17\", \"ua\": \"UA 065/20\", \"channel\": \"letter\", \"state\": \"sent\", \"n\": 5}]}");
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_object_unref (file);
  g_assert_true (accepted);

  for (guint i = 0; i < 100 && sent_from_reports () == before; i++)
    dossier_test_run_for (50);
  reports = GTK_WIDGET (dossier_test_find_toplevel (DOSSIER_TYPE_REPORTS_WINDOW));
  g_assert_nonnull (reports);
  wait_until_idle (reports);
  g_assert_cmpint (sent_from_reports (), ==, before + 5);
  gtk_window_close (GTK_WINDOW (reports));
  dossier_test_run_for (200);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }
  {
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

    if (bus == NULL)
      {
        g_test_skip ("No session bus: run under dbus-run-session");
        return g_test_run ();
      }
  }
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  data_dir = dossier_test_make_dir ();
  app = dossier_application_new ();
  dossier_application_set_data_dir (app, data_dir);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_true (dossier_test_wait_while (window, "busy", 20000));
  dossier_test_run_for (500);

  g_test_add_func ("/reports-ui/1-write-report", test_write_report);
  g_test_add_func ("/reports-ui/2-import-and-undo", test_import_and_undo);
  g_test_add_func ("/reports-ui/3-import-cancelled", test_import_cancelled);
  g_test_add_func ("/reports-ui/4-report-dropped", test_report_dropped);

  result = g_test_run ();

  if (window)
    gtk_window_destroy (GTK_WINDOW (window));
  dossier_test_run_for (50);
  g_clear_object (&app);
  dossier_test_remove_dir (data_dir);
  g_free (data_dir);
  return result;
}
