/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <locale.h>
#include <string.h>

#include "dossier-application.h"
#include "dossier-composer.h"
#include "dossier-detail-page.h"
#include "dossier-feed-item.h"
#include "dossier-urgent-action.h"
#include "dossier-action.h"
#include "dossier-store.h"
#include "dossier-log-editor.h"
#include "dossier-preferences.h"
#include "dossier-section.h"
#include "dossier-test-ui.h"
#include "dossier-test-utils.h"
#include "dossier-window.h"
#include "dossier-window-private.h"

/* The window as a screen reader and a keyboard-only user meet it.
 *
 * The names: after each step (every section, a UA page, a case page, the
 * composer, the Log Action dialog, Preferences) tests/a11y-walk.py walks the
 * application's tree over AT-SPI, as Orca would, and lists every focusable
 * or activatable object without a name, named by its toolkit class, with a
 * mnemonic underscore or its name said twice, and every list row without a
 * name. What it announces is kept in meson-logs/a11y-LANG.txt.
 *
 * The keyboard: from the start, with keys typed on the X server (xdotool)
 * alone, open the sample's UA, the composer, sign, log as sent, undo and go
 * back, checking where the focus is after each step. */

static DossierApplication *app;
static DossierWindow *window;
static char *data_dir;
static const char *lang;

/* ---- the walker ---- */

typedef struct {
  gboolean done;
  char *out;
  int status;
} Walk;

static void
on_walk_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Walk *walk = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &walk->out, NULL, &error);
  g_assert_no_error (error);
  walk->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  walk->done = TRUE;
}

/* Runs the walker while this process goes on answering its questions: the
 * tree is served from the main loop. Returns the problems it found, one a
 * line, or "" when none. */
static char *
walk_tree (const char *stage)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "a11y-walk.py", NULL);
  g_autofree char *dump_name = g_strdup_printf ("a11y-%s.txt", lang);
  const char *dump_dir = g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR");
  g_autofree char *dump = g_build_filename (dump_dir ? dump_dir : g_get_tmp_dir (), dump_name, NULL);
  const char *python = g_getenv ("DOSSIER_TEST_PYTHON");
  Walk walk = { FALSE, NULL, -1 };
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  dossier_test_run_for (300);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              python ? python : "python3", script, pid,
                              "--dump", dump, "--stage", stage, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_walk_done_cb, &walk);
  while (!walk.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (walk.done);
  g_assert_cmpint (walk.status, ==, 0);
  return walk.out ? walk.out : g_strdup ("");
}

/* Every stage of a test is walked; the test fails at its end with all
 * that was found, so that one run lists every problem. */
static GString *problems;

static void
assert_all_named (const char *stage)
{
  g_autofree char *found = walk_tree (stage);

  g_auto(GStrv) lines = g_strsplit (found, "\n", -1);

  if (problems == NULL)
    problems = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "PROBLEM"))
      g_string_append_printf (problems, "%s\n", lines[i]);
}

static void
assert_no_problems (void)
{
  g_autofree char *found = problems ? g_string_free (g_steal_pointer (&problems), FALSE) : g_strdup ("");

  /* a screen reader would meet these unnamed or misnamed controls */
  g_assert_cmpstr (found, ==, "");
}

/* ---- the names ---- */

static void
test_names_sections (void)
{
  const char *sections[] = { "actions", "cases", "updates", "my-actions", "progress", "feeds" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *stage = g_strdup_printf ("section %s", sections[i]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", sections[i]);
      assert_all_named (stage);
    }
  assert_no_problems ();
}

static void
test_names_pages (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                              "DossierUrgentAction", "ua-065-20");
  assert_all_named ("UA page");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                              "DossierCase", "case-alnur-ilyashev");
  assert_all_named ("case page");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  assert_no_problems ();
}

static void
test_names_dialogs (void)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write", "(ss)",
                                             "ua-065-20", "target-prosecutor-general-kazakhstan"));
  dossier_test_run_for (300);
  dialog = dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER);
  g_assert_nonnull (dialog);
  assert_all_named ("composer");
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-action", "s", "ua-065-20"));
  dossier_test_run_for (300);
  dialog = dossier_test_find_toplevel (DOSSIER_TYPE_LOG_EDITOR);
  g_assert_nonnull (dialog);
  assert_all_named ("Log Action");
  /* a date in the future: the date field is marked invalid, and the
   * message is its description */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
    g_autofree char *future = g_date_time_format (later, "%Y-%m-%d");
    g_autofree char *found = NULL;

    g_autofree char *expected = NULL;

    dossier_log_editor_set (DOSSIER_LOG_EDITOR (dialog), 3, future, "");
    found = walk_tree ("Log Action, a date in the future (invalid)");
    g_test_message ("%s", found);
    g_assert_null (strstr (found, "PROBLEM"));
    expected = g_strdup_printf ("INVALID '%s': '", _("Date (YYYY-MM-DD)"));
    g_assert_nonnull (strstr (found, expected));
    g_assert_nonnull (strstr (found, future));
  }
  gtk_window_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  dossier_test_run_for (300);
  dialog = dossier_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, C_("shortcut window", "Keyboard Shortcuts"));
  assert_all_named ("Keyboard Shortcuts");
  gtk_window_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dossier_test_run_for (300);
  dialog = dossier_test_find_toplevel (DOSSIER_TYPE_PREFERENCES);
  g_assert_nonnull (dialog);
  assert_all_named ("Preferences");
  gtk_window_destroy (dialog);
  dossier_test_run_for (100);
  assert_no_problems ();
}

/* ---- the keyboard ---- */

static void
type_keys (GtkWindow  *target,
           const char *first,
           ...)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (target));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;

  g_assert_nonnull (xdotool);
  g_ptr_array_add (argv, xdotool);
  g_ptr_array_add (argv, (char *) "key");
  g_ptr_array_add (argv, (char *) "--window");
  g_ptr_array_add (argv, xid);
  g_ptr_array_add (argv, (char *) "--delay");
  g_ptr_array_add (argv, (char *) "60");
  va_start (args, first);
  for (const char *key = first; key; key = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) key);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  dossier_test_run_for (100);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  dossier_test_run_for (400);
}

static void
type_text (GtkWindow  *target,
           const char *text)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (target));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { xdotool, "type", "--window", xid, "--delay", "40", text, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  dossier_test_run_for (300);
}

static GtkWidget *
focus_of (GtkWindow *target)
{
  GtkWidget *focus = gtk_window_get_focus (target);

  g_test_message ("focus: %s “%s”", focus ? G_OBJECT_TYPE_NAME (focus) : "none",
                  focus ? gtk_widget_get_name (focus) : "");
  return focus;
}

static gboolean
is_inside (GtkWidget *widget,
           GType      ancestor_type)
{
  return widget && gtk_widget_get_ancestor (widget, ancestor_type) != NULL;
}

static gint64
count_actions (DossierStore *store)
{
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);

  return dossier_store_count (store, query, NULL);
}

/* From the start to a letter logged and undone, by keys alone. */
static void
test_keyboard (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GtkWindow *composer;
  GtkWidget *focus, *write;
  gint64 before, after;
  guint tabs;

  if (!GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (window))) || !g_find_program_in_path ("xdotool"))
    {
      g_test_skip ("xdotool and an X11 display are needed to type keys");
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
  dossier_test_run_for (300);

  /* UA 065/20 has closed (the open action of the sample is the NGO
   * report's appeal): the list shows the closed ones */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_widget (window, "actions")),
                                             "actions.filter", "s", "closed"));
  dossier_test_run_for (300);

  /* Alt+1: the Actions list has the focus, on the sample's UA */
  type_keys (GTK_WINDOW (window), "alt+1", NULL);
  focus = focus_of (GTK_WINDOW (window));
  g_assert_true (is_inside (focus, GTK_TYPE_LIST_VIEW));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (dossier_window_get_section_widget (window, "actions"))));

  /* Enter opens its page; the focus is on a control of it, not on its title */
  type_keys (GTK_WINDOW (window), "Return", NULL);
  g_assert_true (DOSSIER_IS_URGENT_ACTION (dossier_window_get_shown_record (window)));
  focus = focus_of (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_LABEL (focus));
  g_assert_true (is_inside (focus, DOSSIER_TYPE_DETAIL_PAGE));

  /* Tab to the Prosecutor General's Write… */
  for (tabs = 0; tabs < 40; tabs++)
    {
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus && g_str_equal (gtk_widget_get_name (focus), "focus:write:target-prosecutor-general-kazakhstan"))
        break;
      type_keys (GTK_WINDOW (window), "Tab", NULL);
    }
  g_test_message ("Write… reached in %u Tabs", tabs);
  g_assert_cmpuint (tabs, <, 40);
  write = focus;

  /* Enter: the composer, its first field to fill in has the focus */
  type_keys (GTK_WINDOW (window), "Return", NULL);
  composer = dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER);
  g_assert_nonnull (composer);
  focus = focus_of (composer);
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus));

  /* what the accessibility bus says of the focused text field: GTK 4.8
   * does not mark it focused (README, accessibility), kept in the dump */
  g_free (walk_tree ("composer, the focus in Your Name"));

  /* sign, and log as sent with Ctrl+Enter (Alt+L is its English mnemonic) */
  type_text (composer, "Anna Keyboard");
  before = count_actions (store);
  type_keys (composer, "ctrl+Return", NULL);
  dossier_test_run_for (500);
  after = count_actions (store);
  g_assert_cmpint (after, ==, before + 1);
  g_assert_null (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));
  /* Xvfb has no window manager to give the window the keyboard back */
  gtk_window_present (GTK_WINDOW (window));
  dossier_test_run_for (300);

  /* back on the page, on the same Write… (the page was rebuilt) */
  focus = focus_of (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_cmpstr (gtk_widget_get_name (focus), ==, "focus:write:target-prosecutor-general-kazakhstan");

  /* Ctrl+Z undoes the log; the focus stays on Write… */
  type_keys (GTK_WINDOW (window), "ctrl+z", NULL);
  g_assert_cmpint (count_actions (store), ==, before);
  focus = focus_of (GTK_WINDOW (window));
  g_assert_cmpstr (focus ? gtk_widget_get_name (focus) : NULL, ==, "focus:write:target-prosecutor-general-kazakhstan");
  (void) write;

  /* Escape: back to the list, on the row that opened the page */
  type_keys (GTK_WINDOW (window), "Escape", NULL);
  g_assert_null (dossier_window_get_shown_record (window));
  focus = focus_of (GTK_WINDOW (window));
  g_assert_true (is_inside (focus, GTK_TYPE_LIST_VIEW));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (dossier_window_get_section_widget (window, "actions"))));
  gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_widget (window, "actions")),
                              "actions.filter", "s", "open");
}

/* Search: Down from the entry goes into the results; Enter opens one and
 * the sidebar shows its section. */
static void
test_keyboard_search (void)
{
  GtkWidget *focus;

  if (!GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (window))) || !g_find_program_in_path ("xdotool"))
    {
      g_test_skip ("xdotool and an X11 display are needed to type keys");
      return;
    }
  type_keys (GTK_WINDOW (window), "ctrl+f", NULL);
  type_text (GTK_WINDOW (window), "Ilyashev");
  dossier_test_run_for (500);
  type_keys (GTK_WINDOW (window), "Down", NULL);
  focus = focus_of (GTK_WINDOW (window));
  g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
  type_keys (GTK_WINDOW (window), "Return", NULL);
  g_assert_nonnull (dossier_window_get_shown_record (window));
  focus = focus_of (GTK_WINDOW (window));
  g_assert_true (is_inside (focus, DOSSIER_TYPE_DETAIL_PAGE));
  g_assert_false (GTK_IS_LABEL (focus));
  type_keys (GTK_WINDOW (window), "Escape", NULL);
  g_assert_null (dossier_window_get_shown_record (window));
  focus = focus_of (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (is_inside (focus, GTK_TYPE_LIST_VIEW));

  /* an update found opens too: no result is a dead end */
  type_keys (GTK_WINDOW (window), "ctrl+f", NULL);
  type_text (GTK_WINDOW (window), "media reaction");
  dossier_test_run_for (500);
  type_keys (GTK_WINDOW (window), "Down", "Return", NULL);
  g_assert_true (DOSSIER_IS_FEED_ITEM (dossier_window_get_shown_record (window)));
  type_keys (GTK_WINDOW (window), "Escape", NULL);
  g_assert_null (dossier_window_get_shown_record (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  lang = g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }

  gtk_init ();
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
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
  g_assert_true (dossier_test_wait_while (window, "busy", 20000));
  dossier_test_run_for (500);

  {
    g_autofree char *name = g_strdup_printf ("a11y-%s.txt", lang);
    g_autofree char *dump = g_build_filename (g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR") ? g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR")
                                                                                   : g_get_tmp_dir (), name, NULL);
    g_unlink (dump);
  }
  g_test_add_func ("/a11y/names/sections", test_names_sections);
  g_test_add_func ("/a11y/names/pages", test_names_pages);
  g_test_add_func ("/a11y/names/dialogs", test_names_dialogs);
  g_test_add_func ("/a11y/keyboard/letter", test_keyboard);
  g_test_add_func ("/a11y/keyboard/search", test_keyboard_search);

  result = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  dossier_test_run_for (50);
  g_clear_object (&app);
  dossier_test_remove_dir (data_dir);
  g_free (data_dir);
  return result;
}
