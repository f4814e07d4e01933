/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <locale.h>
#include <string.h>
#include <sqlite3.h>

#include "dossier-action.h"
#include "dossier-application.h"
#include "dossier-case-editor.h"
#include "dossier-composer.h"
#include "dossier-countries.h"
#include "dossier-country-row.h"
#include "dossier-letter.h"
#include "dossier-translations.h"
#include "dossier-translations-editor.h"
#include "dossier-detail-page.h"
#include "dossier-log-editor.h"
#include "dossier-logging.h"
#include "dossier-my-actions-section.h"
#include "dossier-reminders.h"
#include "dossier-search-view.h"
#include "dossier-template-editor.h"
#include "dossier-ua-editor.h"
#include "dossier-case-chooser.h"
#include "dossier-target-editor.h"
#include "dossier-event-editor.h"
#include "dossier-feed.h"
#include "dossier-feed-editor.h"
#include "dossier-minisign.h"
#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-target.h"
#include "dossier-preferences.h"
#include "dossier-progress-section.h"
#include "dossier-test-ui.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"
#include "dossier-window.h"
#include "dossier-window-private.h"

/* Real windows under Xvfb: what a person would see and do. Each test run
 * has one language (LANGUAGE is set by meson) and saves PNGs of the window
 * to DOSSIER_TEST_SCREENSHOT_DIR for a person to look at. */

static DossierApplication *app;
static DossierWindow *window;
static char *data_dir;
static const char *lang;

static const char *section_ids[] = { "actions", "cases", "updates", "my-actions", "progress", "feeds" };

static gboolean shows_text (GtkWidget  *widget,
                            const char *text);

/* What a section shows: its list, or the section itself when it is none
 * (Progress). */
static GtkWidget *
section_content (const char *id)
{
  DossierSection *list = dossier_window_get_section_widget (window, id);

  return list ? GTK_WIDGET (list) : GTK_WIDGET (dossier_window_get_section_page (window, id));
}

/* A date as this run's language writes it: the window's language, set by
 * LANGUAGE, while LC_TIME stays C.UTF-8's (meson sets LC_ALL). */
static const char *
date_in_language (const char *en,
                  const char *ru,
                  const char *kk,
                  const char *de)
{
  if (g_str_equal (lang, "ru"))
    return ru;
  if (g_str_equal (lang, "kk"))
    return kk;
  if (g_str_equal (lang, "de"))
    return de;
  return en;
}

static gboolean
wait_for_section (const char *section,
                  guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_strcmp0 (dossier_window_get_section (window), section) == 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  return FALSE;
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  dossier_test_save_png (widget, name);
}

/* A button under @widget whose label is @label, with its underline. */
static GtkWidget *
find_by_mnemonic_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_mnemonic_label (child, label);

      if (found)
        return found;
    }
  return NULL;
}

/* Clicks the button of @dialog labelled @label, as a person would: the
 * dialog closes and says which it was. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = find_by_mnemonic_label (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static GtkListBox *
sidebar (void)
{
  GObject *list = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "sidebar_list");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return GTK_LIST_BOX (list);
}

static const char *
visible_title (void)
{
  GObject *title = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "content_title");

  g_assert_true (ADW_IS_WINDOW_TITLE (title));
  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

static void
test_opens (void)
{
  DossierSection *section;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (dossier_window_get_section (window), ==, "actions");
  section = dossier_window_get_section_widget (window, "actions");
  g_assert_true (dossier_section_is_empty (section));
  g_assert_cmpstr (visible_title (), ==, C_("sidebar", "Actions"));
  if (g_str_equal (lang, "ru"))
    g_assert_cmpstr (visible_title (), !=, "Actions");
  save_png (GTK_WIDGET (window), "window");
}

static void
test_sections_by_click (void)
{
  GtkListBox *list = sidebar ();

  for (int i = G_N_ELEMENTS (section_ids) - 1; i >= 0; i--)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      g_assert_nonnull (row);
      gtk_widget_activate (GTK_WIDGET (row));
      g_assert_true (wait_for_section (section_ids[i], 1000));
      g_assert_true (gtk_list_box_row_is_selected (row));
      g_assert_true (gtk_widget_get_mapped (section_content (section_ids[i])));
    }
}

/* The sidebar's own key bindings: Down moves the cursor (move-cursor) and
 * Enter opens the row under it (activate-cursor-row). */
static void
test_sections_by_keyboard_focus (void)
{
  GtkListBox *list = sidebar ();
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  for (guint i = 1; i < G_N_ELEMENTS (section_ids); i++)
    {
      GtkWidget *focus;

      g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
      g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus)), ==, i);
      g_signal_emit_by_name (list, "activate-cursor-row");
      g_assert_true (wait_for_section (section_ids[i], 1000));
    }
}

/* Alt+1 … Alt+6, typed on the X server as a person would, through xdotool. */
static void
test_sections_by_accelerator (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.section::%s", section_ids[i]);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);
      g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);

      g_assert_nonnull (accels);
      g_assert_cmpstr (accels[0], ==, expected);
    }

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    {
      g_test_skip ("xdotool and an X11 display are needed to type keys");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      guint index = (i + 3) % G_N_ELEMENTS (section_ids);
      g_autofree char *key = g_strdup_printf ("alt+%u", index + 1);
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { xdotool, "key", "--window", xid, key, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      dossier_test_run_for (50);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (wait_for_section (section_ids[index], 3000));
    }
}

static void
test_empty_states (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      DossierSection *section = dossier_window_get_section_widget (window, section_ids[i]);

      dossier_window_set_section (window, section_ids[i]);
      dossier_test_run_for (100);
      if (section == NULL)
        {
          /* Progress: no figures, and a page that says where they come from */
          DossierProgressSection *progress = DOSSIER_PROGRESS_SECTION (dossier_window_get_section_page (window, section_ids[i]));

          g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "empty");
          g_assert_true (shows_text (GTK_WIDGET (progress), _("No Progress to Show Yet")));
          continue;
        }
      g_assert_true (dossier_section_is_empty (section));
      g_assert_false (gtk_widget_get_mapped (dossier_section_get_list_view (section)));
    }

  /* "See Open Actions" on My Actions leads to Actions */
  dossier_window_set_section (window, "my-actions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "actions"));
  g_assert_true (wait_for_section ("actions", 1000));
}

static void
test_lists_follow_store (void)
{
  DossierStore *store = dossier_application_get_store (app);
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
  g_autoptr(GError) error = NULL;
  DossierSection *actions = dossier_window_get_section_widget (window, "actions");
  DossierSection *mine = dossier_window_get_section_widget (window, "my-actions");

  dossier_record_set_string (ua, "reference", "UA 065/20");
  dossier_record_set_string (ua, "title", "Активист задержан за критику во время пандемии");
  dossier_record_set_string (ua, "deadline", "2026-12-08");
  g_assert_true (dossier_store_create (store, ua, &error));
  dossier_record_set_string (action, "ua-id", dossier_record_get_id (ua));
  dossier_record_set_string (action, "channel", "email");
  g_assert_true (dossier_store_create (store, action, &error));
  g_assert_no_error (error);

  dossier_window_set_section (window, "actions");
  dossier_test_run_for (200);
  g_assert_false (dossier_section_is_empty (actions));
  g_assert_true (gtk_widget_get_mapped (dossier_section_get_list_view (actions)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dossier_section_get_list (actions))), ==, 1);
  save_png (GTK_WIDGET (window), "window-with-records");

  dossier_window_set_section (window, "my-actions");
  dossier_test_run_for (100);
  g_assert_false (dossier_section_is_empty (mine));

  /* deleting the UA empties Actions; what the volunteer did stays */
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error));
  dossier_test_run_for (100);
  g_assert_true (dossier_section_is_empty (actions));
  g_assert_false (dossier_section_is_empty (mine));
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (action), &error));
  dossier_test_run_for (100);
  g_assert_true (dossier_section_is_empty (mine));
}

static void
test_preferences (void)
{
  GSettings *settings = dossier_application_get_settings (app);
  GtkWindow *prefs;
  g_autofree char *name = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dossier_test_run_for (300);
  prefs = dossier_test_find_toplevel (DOSSIER_TYPE_PREFERENCES);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (window));
  save_png (GTK_WIDGET (prefs), "preferences");

  /* a change in the settings shows in the window, and back */
  g_settings_set_string (settings, "volunteer-name", "Айгерим Нұрланқызы");
  dossier_test_run_for (50);
  {
    GtkWidget *w = GTK_WIDGET (prefs);
    gboolean found = FALSE;

    for (; w; )
      {
        if (ADW_IS_ENTRY_ROW (w) &&
            g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (w)), "Айгерим Нұрланқызы") == 0)
          {
            gtk_editable_set_text (GTK_EDITABLE (w), "Aigerim N.");
            found = TRUE;
            break;
          }
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w && !gtk_widget_get_next_sibling (w))
              w = gtk_widget_get_parent (w);
            w = w ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_true (found);
  }
  name = g_settings_get_string (settings, "volunteer-name");
  g_assert_cmpstr (name, ==, "Aigerim N.");
  gtk_window_destroy (prefs);
  dossier_test_run_for (50);
}

static void
test_about (void)
{
  GtkWindow *about;
  g_autofree char *credits = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  dossier_test_run_for (300);
  about = dossier_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_object_get (about, "translator-credits", &credits, NULL);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  /* translators are credited from their catalogue */
  if (!g_str_equal (lang, "en"))
    g_assert_cmpstr (credits, !=, "translator-credits");
  save_png (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);
  dossier_test_run_for (50);
}

static void
test_shortcuts (void)
{
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  dossier_test_run_for (300);
  shortcuts = dossier_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);
  dossier_test_run_for (50);
}

/* An urgent action's page and its case's page, with facts in two scripts. */
static void
test_record_pages (void)
{
  DossierStore *store = dossier_application_get_store (app);
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) target = DOSSIER_RECORD (dossier_target_new ());
  g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(DossierRecord) charge = DOSSIER_RECORD (dossier_charge_new ());
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;
  const char *other_names[] = { "Альнур Ильяшев", NULL };
  const char *key_points[] = { "Release Alnur Ilyashev immediately and unconditionally, as he is a prisoner of conscience held solely for peacefully exercising his right to freedom of expression.",
                               "Немедленно и безоговорочно освободите Альнура Ильяшева: он узник совести.", NULL };
  const char *posts[] = { "@GenProkRK #FreeAlnur Ilyashev! Criticising the government is not a crime.", NULL };
  const char *hashtags[] = { "#FreeAlnur", "#Kazakhstan", NULL };
  const char *languages[] = { "ru", "kk", "en", NULL };
  GObject *content_stack = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "content_stack");

  dossier_record_set_string (kase, "name", "Alnur Ilyashev");
  dossier_record_set_strv (kase, "other-names", other_names);
  dossier_record_set_string (kase, "status", "restricted-freedom");
  dossier_record_set_string (kase, "role", "human-rights-defender");
  dossier_record_set_string (kase, "city", "Almaty");
  dossier_record_set_string (kase, "country", "KZ");
  dossier_record_set_boolean (kase, "prisoner-of-conscience", TRUE);
  g_assert_true (dossier_store_create (store, kase, &error));
  dossier_record_set_string (charge, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (charge, "code", "Criminal Code of the Republic of Kazakhstan");
  dossier_record_set_string (charge, "article", "274");
  dossier_record_set_string (charge, "part", "4(2)");
  dossier_record_set_string (charge, "description", "Dissemination of knowingly false information during a state of emergency");
  g_assert_true (dossier_store_create (store, charge, &error));
  dossier_record_set_string (event, "case-id", dossier_record_get_id (kase));
  dossier_record_set_string (event, "kind", "arrest");
  dossier_record_set_string (event, "date", "2020-04-17");
  dossier_record_set_string (event, "title", "Задержан в Алматы");
  dossier_record_set_string (event, "text", "Police searched two family homes <b>at night</b>.");
  g_assert_true (dossier_store_create (store, event, &error));
  dossier_record_set_string (target, "name", "Prosecutor General");
  dossier_record_set_string (target, "office", "Генеральная прокуратура");
  dossier_record_set_string (target, "email", "office@prokuror.example");
  dossier_record_set_string (target, "salutation", "Уважаемый Генеральный прокурор");
  dossier_record_set_string (target, "address", "Астана, ул. Сейфуллина 37");
  g_assert_true (dossier_store_create (store, target, &error));
  {
    const char *case_ids[] = { dossier_record_get_id (kase), NULL };
    const char *target_ids[] = { dossier_record_get_id (target), NULL };

    dossier_record_set_strv (ua, "case-ids", case_ids);
    dossier_record_set_strv (ua, "target-ids", target_ids);
  }
  dossier_record_set_string (ua, "reference", "UA 065/20");
  dossier_record_set_string (ua, "ua-index", "EUR 57/2227/2020");
  dossier_record_set_string (ua, "title", "Activist jailed for criticism during pandemic");
  dossier_record_set_string (ua, "issued", "2020-04-20");
  dossier_record_set_string (ua, "deadline", "2099-06-08");
  dossier_record_set_strv (ua, "key-points", key_points);
  dossier_record_set_strv (ua, "posts", posts);
  dossier_record_set_strv (ua, "hashtags", hashtags);
  dossier_record_set_strv (ua, "languages", languages);
  dossier_record_set_string (ua, "documents", "{\"en\": \"https://example.org/ua-065-20-en.docx\", \"de\": \"https://example.org/ua-065-20-de.docx\"}");
  g_assert_true (dossier_store_create (store, ua, &error));
  g_assert_no_error (error);

  dossier_window_set_section (window, "actions");
  dossier_test_run_for (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierUrgentAction", dossier_record_get_id (ua)));
  dossier_test_run_for (400);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), !=, "sections");
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Urgent Action"));
  save_png (GTK_WIDGET (window), "ua-page");
  /* issued 2020-04-20, written in the window's language */
  g_assert_true (shows_text (GTK_WIDGET (window), date_in_language ("20 April 2020", "20 апреля 2020",
                                                                    "2020 ж. 20 сәуір", "20. April 2020")));

  /* from the UA to its case, then back twice */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierCase", dossier_record_get_id (kase)));
  dossier_test_run_for (400);
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
  save_png (GTK_WIDGET (window), "case-page");
  /* the charge in one language, cited as that language's lawyers cite it */
  g_assert_true (shows_text (GTK_WIDGET (window), date_in_language (
    "paragraph 2 of part 4 of Article 274 of the Criminal Code of the Republic of Kazakhstan",
    "п. 2 ч. 4 ст. 274 УК РК",
    "ҚР Қылмыстық кодексінің 274-бабы 4-бөлігінің 2) тармағы",
    "Artikel 274 Teil 4 Nr. 2 des Strafgesetzbuchs der Republik Kasachstan")));
  /* the arrest of 2020-04-17 on the timeline */
  g_assert_true (shows_text (GTK_WIDGET (window), date_in_language ("17 April 2020", "17 апреля 2020",
                                                                    "2020 ж. 17 сәуір", "17. April 2020")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (300);
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Urgent Action"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "sections");
  g_assert_cmpstr (visible_title (), ==, C_("sidebar", "Actions"));

  /* Ctrl+F, a Latin spelling finds the Cyrillic one, Enter opens the case */
  {
    GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "search_entry");
    GObject *view = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "search_view");
    GObject *list = gtk_widget_get_template_child (GTK_WIDGET (view), DOSSIER_TYPE_SEARCH_VIEW, "results_list");
    GtkListBoxRow *first;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
    gtk_editable_set_text (GTK_EDITABLE (entry), "ильяш");
    dossier_test_run_for (400);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "search");
    first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_assert_nonnull (first);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Alnur Ilyashev");
    save_png (GTK_WIDGET (window), "search");

    /* an event found: its date, which the index keeps as 2020-04-17, is
     * written in the window's language */
    gtk_editable_set_text (GTK_EDITABLE (entry), "задержан");
    dossier_test_run_for (400);
    first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_assert_nonnull (first);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Задержан в Алматы");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), ==,
                     date_in_language ("17 April 2020", "17 апреля 2020", "2020 ж. 17 сәуір", "17. April 2020"));

    gtk_editable_set_text (GTK_EDITABLE (entry), "ILYASHEV");
    dossier_test_run_for (400);
    first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Alnur Ilyashev");
    g_signal_emit_by_name (entry, "activate");
    dossier_test_run_for (400);
    g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    dossier_test_run_for (300);

    /* nothing found says so, and closing the search returns to the list */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
    gtk_editable_set_text (GTK_EDITABLE (entry), "zzqx \" AND (");
    dossier_test_run_for (400);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "search");
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "search_bar")), FALSE);
    dossier_test_run_for (300);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "sections");
  }

  /* a record that is gone opens nothing and says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierCase", "no-such-case"));
  dossier_test_run_for (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "sections");

  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), &error));
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_CASE, dossier_record_get_id (kase), &error));
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_TARGET, dossier_record_get_id (target), &error));
}

/* Size and section come back on the next start; at 360 px the sidebar and
 * the content fold into one column. */
static void
test_state_restored_and_narrow (void)
{
  GSettings *settings = dossier_application_get_settings (app);
  g_autofree char *saved = NULL;
  int width, height;

  dossier_window_set_section (window, "feeds");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_close (GTK_WINDOW (window));
  dossier_test_run_for (100);

  saved = g_settings_get_string (settings, "section");
  g_assert_cmpstr (saved, ==, "feeds");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 360);

  window = dossier_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  dossier_test_run_for (500);
  g_assert_cmpstr (dossier_window_get_section (window), ==, "feeds");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (height, ==, 720);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  save_png (GTK_WIDGET (window), "window-narrow");

  /* folded: activating a section shows the content, Back the sidebar */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "cases");
  dossier_test_run_for (400);
  g_assert_cmpstr (dossier_window_get_section (window), ==, "cases");
  save_png (GTK_WIDGET (window), "window-narrow-content");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (400);
}

/* A newcomer's first step: the sample campaign, from the empty state. */
static void
test_sample_campaign (void)
{
  DossierSection *actions, *cases;
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "actions");
  dossier_test_run_for (400);
  actions = dossier_window_get_section_widget (window, "actions");
  cases = dossier_window_get_section_widget (window, "cases");
  g_assert_true (dossier_section_is_empty (actions));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
  /* imported in a worker thread, with a bar that says so */
  g_assert_true (dossier_window_get_busy (window));
  g_assert_true (dossier_test_wait_while (window, "busy", 20000));
  dossier_test_run_for (500);

  /* its two news items are unread: the sidebar says so at once */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->unread_badge)));
  g_assert_cmpstr (gtk_label_get_text (window->unread_badge), ==, "2");

  /* UA 065/20 has closed; the NGO report's appeal is open, with no deadline */
  g_assert_false (dossier_section_is_empty (actions));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dossier_section_get_list (actions))), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dossier_section_get_list (cases))), >=, 10);
  {
    /* grouped as the report groups them: those in prison first */
    g_autoptr(DossierRecord) first = g_list_model_get_item (G_LIST_MODEL (dossier_section_get_list (cases)), 0);
    g_assert_cmpstr (dossier_record_get_string (first, "status"), ==, "imprisoned");
  }
  save_png (GTK_WIDGET (window), "sample-actions");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "cases");
  dossier_test_run_for (300);
  save_png (GTK_WIDGET (window), "sample-cases");

  /* a file cut in half: nothing imported, a dialog says what is wrong */
  {
    g_autofree char *dir = dossier_test_make_dir ();
    g_autofree char *path = g_build_filename (dir, "campaign.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    guint before = g_list_model_get_n_items (G_LIST_MODEL (dossier_section_get_list (cases)));
    GtkWindow *dialog;

    g_assert_true (g_file_set_contents (path, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Cut", -1, NULL));
    dossier_window_import_file (window, file);
    g_assert_true (dossier_test_wait_while (window, "busy", 20000));
    dossier_test_run_for (300);
    dialog = dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    g_test_message ("import error: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
    g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), !=, "");
    save_png (GTK_WIDGET (dialog), "import-error");
    gtk_window_destroy (dialog);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dossier_section_get_list (cases))), ==, before);
    dossier_test_remove_dir (dir);
  }

  /* Export Campaign: the same file `dossier export` writes, off the main
   * thread; into a folder that does not exist, nothing and a message */
  {
    g_autofree char *dir = dossier_test_make_dir ();
    g_autofree char *path = g_build_filename (dir, "out.json", NULL);
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
    g_autofree char *written = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(GError) export_error = NULL;

    g_assert_true (g_file_set_contents (path, "an older file", -1, NULL));
    expected = dossier_campaign_export (dossier_application_get_store (app), NULL, &export_error);
    g_assert_no_error (export_error);

    /* before a file is chosen, whose names it will hold is said, with
     * their number; Cancel chooses none */
    {
      g_autoptr(DossierQuery) all = dossier_query_new (DOSSIER_TYPE_CASE);
      g_autofree char *number = g_strdup_printf ("%lld", (long long) dossier_store_count (dossier_application_get_store (app), all, NULL));
      g_autofree char *names = dossier_campaign_describe_names (dossier_application_get_store (app), NULL);
      AdwMessageDialog *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
      dossier_test_run_for (300);
      dialog = ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (dialog);
      g_test_message ("%s", adw_message_dialog_get_body (dialog));
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, names);
      g_assert_nonnull (strstr (names, number));
      save_png (GTK_WIDGET (dialog), "export-names");
      click_response (dialog, _("_Cancel"));
      dossier_test_run_for (200);
      g_assert_null (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_null (dossier_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
      g_assert_false (dossier_window_get_busy (window));
    }

    /* cancelled at once: the older file, or — had it been quicker than
     * the click — the whole new one; never a part */
    dossier_window_export_file (window, file);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-export", NULL));
    g_assert_true (dossier_test_wait_while (window, "busy", 20000));
    g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
    if (!g_str_equal (written, "an older file"))
      g_assert_true (g_str_has_prefix (written, expected) && strlen (written) == strlen (expected) + 1);
    g_clear_pointer (&written, g_free);

    /* not cancelled: the whole campaign, as `dossier export` writes it */
    dossier_window_export_file (window, file);
    g_assert_true (dossier_test_wait_while (window, "busy", 20000));
    g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
    g_assert_true (g_str_has_prefix (written, expected));
    g_assert_cmpstr (written + strlen (expected), ==, "\n");

    dossier_window_export_file (window, nowhere);
    g_assert_true (dossier_test_wait_while (window, "busy", 20000));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    dossier_test_remove_dir (dir);
  }

  /* Cases filtered by status and by country */
  {
    DossierRecordList *list = dossier_section_get_list (cases);
    guint all = g_list_model_get_n_items (G_LIST_MODEL (list));
    GtkDropDown *status_filter = NULL, *country_filter = NULL;
    GtkWidget *header = GTK_WIDGET (cases);
    g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();

    /* the two filters are the visible drop-downs in the bar over the list */
    for (GtkWidget *w = header; w; )
      {
        if (GTK_IS_DROP_DOWN (w) && gtk_widget_get_visible (w))
          g_ptr_array_add (drop_downs, w);
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w && w != header && !gtk_widget_get_next_sibling (w))
              w = gtk_widget_get_parent (w);
            w = (w && w != header) ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_cmpuint (drop_downs->len, ==, 2);
    for (guint i = 0; i < drop_downs->len; i++)
      {
        GtkDropDown *d = drop_downs->pdata[i];
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (d)), 0),
                       C_("cases filter", "All Statuses")) == 0)
          status_filter = d;
        else
          country_filter = d;
      }
    g_assert_nonnull (status_filter);
    g_assert_nonnull (country_filter);

    /* "Imprisoned" is the fourth status */
    gtk_drop_down_set_selected (status_filter, 4);
    dossier_test_run_for (100);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, all);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
      {
        g_autoptr(DossierRecord) kase = g_list_model_get_item (G_LIST_MODEL (list), i);
        g_assert_cmpstr (dossier_record_get_string (kase, "status"), ==, "imprisoned");
      }
    save_png (GTK_WIDGET (window), "cases-filtered");
    gtk_drop_down_set_selected (status_filter, 0);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (country_filter)), >, 2);
    gtk_drop_down_set_selected (country_filter, 1);
    dossier_test_run_for (100);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, all);
    gtk_drop_down_set_selected (country_filter, 0);
    dossier_test_run_for (100);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all);
  }

  /* loading it again adds nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
  g_assert_true (dossier_test_wait_while (window, "busy", 20000));
  dossier_test_run_for (200);
}

/* A large campaign is imported in a worker thread: the window goes on
 * drawing, a bar says how far it is, and Cancel leaves the store as it
 * was. */
static void
test_import_cancelled (void)
{
  DossierStore *store = dossier_application_get_store (app);
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "large-campaign.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [");
  g_autoptr(DossierQuery) cases = dossier_query_new (DOSSIER_TYPE_CASE);
  GObject *revealer = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "activity_revealer");
  gint64 before = dossier_store_count (store, cases, NULL);
  gint64 frames_before, frames_after;
  GdkFrameClock *clock;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (text, "%s{\"id\": \"big-%u\", \"_dossier\": {\"type\": \"case\","
                            " \"id\": \"big-%u\", \"name\": \"Айгерим Person %u\", \"status\": \"imprisoned\","
                            " \"summary\": \"Prosecuted for posts that criticised the authorities.\"}}",
                            i ? "," : "", i, i, i);
  g_string_append (text, "]}");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "cases");
  dossier_window_import_file (window, file);
  g_assert_true (dossier_window_get_busy (window));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* the window draws while the worker imports */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  frames_before = gdk_frame_clock_get_frame_counter (clock);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  dossier_test_run_for (150);
  frames_after = gdk_frame_clock_get_frame_counter (clock);
  g_assert_cmpint (frames_after, >, frames_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-import", NULL));
  g_assert_true (dossier_test_wait_while (window, "busy", 20000));
  dossier_test_run_for (300);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpint (dossier_store_count (store, cases, NULL), ==, before);
  save_png (GTK_WIDGET (window), "import-cancelled");
  dossier_test_remove_dir (dir);
}

typedef struct {
  const char *dir;
  guint       failures;
  GString    *why;
} LogLoop;

static gpointer
log_loop_thread (gpointer data)
{
  LogLoop *loop = data;
  const char *binary = g_getenv ("DOSSIER_BINARY");

  for (guint i = 0; i < 100; i++)
    {
      const char *argv[] = { binary, "log", "--ua", "UA 065/20", "--notes", "cron", "--data-dir", loop->dir, NULL };
      g_autofree char *err = NULL;
      int status = -1;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, &err, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
        {
          loop->failures++;
          g_string_append_printf (loop->why, "%u: %s", i, err ? err : "");
        }
    }
  return NULL;
}

/* Two `dossier log` loops of 100, as cron would run them, while the window
 * is open and writes a draft: every one succeeds, none is lost. */
static void
test_command_line_while_open (void)
{
  DossierStore *store = dossier_application_get_store (app);
  g_autoptr(DossierQuery) actions = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(DossierRecord) ua = dossier_store_find_urgent_action (store, "UA 065/20", NULL);
  LogLoop loops[2] = { { data_dir, 0, g_string_new (NULL) }, { data_dir, 0, g_string_new (NULL) } };
  GThread *threads[2];
  gint64 before = dossier_store_count (store, actions, NULL);
  guint drafts = 0;

  g_assert_nonnull (ua);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "my-actions");
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("log-loop", log_loop_thread, &loops[i]);
  /* the window writes too, as the composer saves drafts while one types */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(DossierAction) draft = dossier_action_new ();
      g_autoptr(GError) error = NULL;

      dossier_record_set_string (DOSSIER_RECORD (draft), "ua-id", dossier_record_get_id (ua));
      dossier_record_set_string (DOSSIER_RECORD (draft), "state", "drafted");
      if (dossier_store_log_action (store, draft, &error))
        drafts++;
      else
        g_test_message ("draft %u: %s", i, error->message);
      dossier_test_run_for (100);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      g_test_message ("loop %u: %u failures %s", i, loops[i].failures, loops[i].why->str);
      g_assert_cmpuint (loops[i].failures, ==, 0);
      g_string_free (loops[i].why, TRUE);
    }
  g_assert_cmpuint (drafts, ==, 20);
  g_assert_cmpint (dossier_store_count (store, actions, NULL), ==, before + 200 + 20);
}

/* The first widget of @type under @widget, depth first, or NULL. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

/* The rows under @widget marked as wrong, but @message_row, which says why. */
static void
collect_marked_rows (GtkWidget *widget,
                     GtkWidget *message_row,
                     GPtrArray *marked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (child != message_row && GTK_IS_LIST_BOX_ROW (child) && gtk_widget_has_css_class (child, "error"))
        g_ptr_array_add (marked, child);
      collect_marked_rows (child, message_row, marked);
    }
}

/* The row of a form with @title, or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found)
        return found;
    }
  return NULL;
}

/* Chooses @code in a country row as a person does: opens the list, types
 * the first letters of the country's name in the window's language in its
 * search, and picks it among what is left. The list is sorted by name,
 * "Not given" first. */
static void
choose_country (DossierCountryRow *row,
                const char        *code)
{
  GtkDropDown *drop_down = dossier_country_row_get_drop_down (row);
  GListModel *names = gtk_drop_down_get_model (drop_down);
  g_autofree char *name = dossier_country_name (code);
  g_autofree char *typed = g_utf8_substring (name, 0, 3);
  GtkWidget *search, *list;
  GListModel *shown;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_true (gtk_drop_down_get_enable_search (drop_down));
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (names, 0);

    g_assert_cmpstr (gtk_string_object_get_string (first), ==, C_("country", "Not given"));
  }
  for (guint i = 2; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) before = g_list_model_get_item (names, i - 1);
      g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);

      /* a value kept as typed may come second; the countries after it are sorted */
      if (i > 2 || g_str_equal (dossier_country_row_get_country (row), "") || dossier_country_is_code (dossier_country_row_get_country (row)))
        g_assert_cmpint (g_utf8_collate (gtk_string_object_get_string (before), gtk_string_object_get_string (item)), <=, 0);
    }

  /* a click on the row opens the list */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  /* a button activated from the keyboard clicks after 250 ms */
  dossier_test_run_for (500);
  search = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_SEARCH_ENTRY);
  list = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (search);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_mapped (search));
  gtk_editable_set_text (GTK_EDITABLE (search), typed);
  dossier_test_run_for (200);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  /* a few countries start so, out of some 250 */
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 10);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (shown, i);

      if (g_str_equal (gtk_string_object_get_string (item), name))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  save_png (find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER), "country-search");
  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", position, FALSE, FALSE));
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", position));
  dossier_test_run_for (200);
  g_assert_cmpstr (dossier_country_row_get_country (row), ==, code);
  {
    GtkStringObject *chosen = gtk_drop_down_get_selected_item (drop_down);

    g_assert_cmpstr (gtk_string_object_get_string (chosen), ==, name);
  }
}

/* What is wrong with @form is said just under its row @field_name, which
 * alone is marked, for the eye and for a screen reader. */
static void
assert_problem_under (GtkWidget  *form,
                      GType       type,
                      const char *field_name,
                      const char *problem)
{
  GtkWidget *field = GTK_WIDGET (gtk_widget_get_template_child (form, type, field_name));
  GtkWidget *message = GTK_WIDGET (gtk_widget_get_template_child (form, type, "problem_row"));
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();

  g_test_message ("%s: %s", field_name, problem);
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  collect_marked_rows (form, message, marked);
  g_assert_cmpuint (marked->len, ==, 1);
  g_assert_true (marked->pdata[0] == field);
  g_assert_true (gtk_widget_get_mapped (message));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (message)), ==, problem);
  g_assert_true (gtk_widget_get_parent (message) == gtk_widget_get_parent (field));
  g_assert_true (gtk_widget_get_next_sibling (field) == message);
  gtk_test_accessible_assert_state (field, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_relation (field, GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message);
}

/* Nothing is said wrong in @form, and none of its rows is marked: not
 * @field_name, which was. */
static void
assert_no_problem_shown (GtkWidget  *form,
                         GType       type,
                         const char *field_name)
{
  GtkWidget *field = GTK_WIDGET (gtk_widget_get_template_child (form, type, field_name));
  GtkWidget *message = GTK_WIDGET (gtk_widget_get_template_child (form, type, "problem_row"));
  g_autoptr(GPtrArray) marked = g_ptr_array_new ();

  collect_marked_rows (form, message, marked);
  g_assert_cmpuint (marked->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (message));
  gtk_test_accessible_assert_state (field, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
}

/* Create a case through the form, edit it, delete it, and undo. */
static void
test_case_form_and_undo (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GObject *content_stack = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "content_stack");
  DossierCaseEditor *editor;
  GObject *name_row, *save_button;
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 cases_before;

  cases_before = dossier_store_count (store, query, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "cases");
  dossier_test_run_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_page (window, "cases")),
                                             "cases.new", NULL));
  dossier_test_run_for (300);
  editor = DOSSIER_CASE_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  name_row = gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "name_row");
  save_button = gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "save_button");

  /* nothing typed, or only spaces: Save stays off and nothing is stored */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save_button)));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "   ");
  dossier_test_run_for (50);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save_button)));
  g_assert_nonnull (dossier_case_editor_get_problem (editor));
  g_assert_false (dossier_case_editor_save (editor));
  g_assert_cmpint (dossier_store_count (store, query, NULL), ==, cases_before);
  assert_problem_under (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "name_row", dossier_case_editor_get_problem (editor));
  save_png (GTK_WIDGET (editor), "case-form-invalid");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Айгерим Нұрланқызы");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "other_names_row")),
                         "Aigerim Nurlankyzy; Айгерим Нурланкызы");
  /* a field holds what the store keeps: a 3,000-character city (pasted)
   * is cut at 500, where it once froze the window when shown */
  {
    GObject *city_row = gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "city_row");
    g_autofree char *long_city = g_strnfill (3000, 'x');

    gtk_editable_set_text (GTK_EDITABLE (city_row), long_city);
    g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (city_row)), -1), ==, DOSSIER_TEXT_MAX_LINE);
    gtk_editable_set_text (GTK_EDITABLE (city_row), "Алматы");
  }
  /* the country from the list, by its name in the window's language; the
   * store keeps its code */
  {
    DossierCountryRow *country_row = DOSSIER_COUNTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "country_row"));
    const struct { const char *lang; const char *name; } names[] = {
      { "en", "Kazakhstan" }, { "de", "Kasachstan" }, { "ru", "Казахстан" }, { "kk", "Қазақстан" },
    };

    g_assert_cmpstr (dossier_country_row_get_country (country_row), ==, "");
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (lang, names[i].lang))
        {
          g_autofree char *name = dossier_country_name ("KZ");

          g_assert_cmpstr (name, ==, names[i].name);
        }
    choose_country (country_row, "KZ");
  }
  dossier_test_run_for (50);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save_button)));
  g_assert_null (dossier_case_editor_get_problem (editor));
  assert_no_problem_shown (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "name_row");
  save_png (GTK_WIDGET (editor), "case-form");
  g_assert_true (dossier_case_editor_save (editor));
  dossier_test_run_for (400);

  /* the new case's page is open */
  g_assert_cmpint (dossier_store_count (store, query, NULL), ==, cases_before + 1);
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
  dossier_query_filter_text (query, "name", DOSSIER_QUERY_EQ, "Айгерим Нұрланқызы");
  found = dossier_store_query (store, query, 0, 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  id = g_strdup (dossier_record_get_id (found->pdata[0]));
  g_assert_cmpstr (dossier_record_get_strv (found->pdata[0], "other-names")[1], ==, "Айгерим Нурланкызы");
  g_assert_cmpstr (dossier_record_get_string (found->pdata[0], "country"), ==, "KZ");
  /* the page names it in the window's language */
  {
    g_autofree char *name = dossier_country_name ("KZ");
    g_autofree char *place = g_strdup_printf ("Алматы, %s", name);

    g_assert_true (shows_text (GTK_WIDGET (window), place));
  }

  /* give it an event, then delete it from its page */
  dossier_record_set_string (event, "case-id", id);
  dossier_record_set_string (event, "kind", "arrest");
  dossier_record_set_string (event, "date", "2021-03-01");
  g_assert_true (dossier_store_create (store, event, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  dossier_test_run_for (300);
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE, id, NULL));
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE_EVENT, dossier_record_get_id (event), NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "sections");

  /* Undo brings back the case and its event, as they were */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  dossier_test_run_for (300);
  {
    g_autoptr(DossierRecord) back = dossier_store_fetch (store, DOSSIER_TYPE_CASE, id, &error);
    g_autoptr(DossierRecord) event_back = dossier_store_fetch (store, DOSSIER_TYPE_CASE_EVENT, dossier_record_get_id (event), &error);

    g_assert_no_error (error);
    g_assert_true (dossier_record_equal (back, found->pdata[0]));
    g_assert_cmpstr (dossier_record_get_created_at (back), ==, dossier_record_get_created_at (found->pdata[0]));
    g_assert_true (dossier_record_equal (event_back, event));
  }
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));

  /* an event that changes the status: bad dates refused, then both saved */
  {
    DossierEventEditor *events;
    GObject *date_row, *status_row, *add;
    g_autoptr(DossierRecord) now_case = NULL;
    g_autoptr(DossierQuery) timeline = dossier_query_new (DOSSIER_TYPE_CASE_EVENT);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-event", NULL));
    dossier_test_run_for (300);
    events = DOSSIER_EVENT_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_EVENT_EDITOR));
    g_assert_nonnull (events);
    date_row = gtk_widget_get_template_child (GTK_WIDGET (events), DOSSIER_TYPE_EVENT_EDITOR, "date_row");
    status_row = gtk_widget_get_template_child (GTK_WIDGET (events), DOSSIER_TYPE_EVENT_EDITOR, "status_row");
    add = gtk_widget_get_template_child (GTK_WIDGET (events), DOSSIER_TYPE_EVENT_EDITOR, "save_button");

    gtk_editable_set_text (GTK_EDITABLE (date_row), "1900-01-01");
    dossier_test_run_for (50);
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (add)));
    g_assert_nonnull (dossier_event_editor_get_problem (events));
    gtk_editable_set_text (GTK_EDITABLE (date_row), "2123-05-01");
    dossier_test_run_for (50);
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (add)));
    gtk_editable_set_text (GTK_EDITABLE (date_row), "2021-02-29");
    dossier_test_run_for (50);
    g_assert_false (dossier_event_editor_save (events));
    save_png (GTK_WIDGET (events), "event-form-invalid");

    gtk_editable_set_text (GTK_EDITABLE (date_row), "2022-01-12");
    adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), 1 /* the first status: detained */);
    dossier_test_run_for (50);
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (add)));
    g_assert_true (dossier_event_editor_save (events));
    dossier_test_run_for (300);

    now_case = dossier_store_fetch (store, DOSSIER_TYPE_CASE, id, &error);
    g_assert_cmpstr (dossier_record_get_string (now_case, "status"), ==, "detained");
    dossier_query_filter_text (timeline, "case-id", DOSSIER_QUERY_EQ, id);
    g_assert_cmpint (dossier_store_count (store, timeline, NULL), ==, 2);
    g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
    save_png (GTK_WIDGET (window), "case-page-after-event");
    /* edit the first event from its timeline row's action, then delete
     * it from the form and undo */
    {
      g_autoptr(GPtrArray) evs = NULL;
      DossierEventEditor *edit;
      const char *event_id;

      dossier_query_sort (timeline, "date", TRUE);
      evs = dossier_store_query (store, timeline, 0, 10, &error);
      event_id = dossier_record_get_id (evs->pdata[0]);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-event", "s", event_id));
      dossier_test_run_for (300);
      edit = DOSSIER_EVENT_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_EVENT_EDITOR));
      g_assert_nonnull (edit);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (edit), DOSSIER_TYPE_EVENT_EDITOR, "date_row"))), ==, "2022-01-12");
      gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (edit), DOSSIER_TYPE_EVENT_EDITOR, "title_row")), "Задержана снова");
      g_assert_true (dossier_event_editor_save (edit));
      dossier_test_run_for (300);
      {
        g_autoptr(DossierRecord) changed = dossier_store_fetch (store, DOSSIER_TYPE_CASE_EVENT, event_id, &error);
        g_assert_cmpstr (dossier_record_get_string (changed, "title"), ==, "Задержана снова");
      }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-event", "s", event_id));
      dossier_test_run_for (300);
      g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE_EVENT, event_id, NULL));
      g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
      dossier_test_run_for (300);
      {
        g_autoptr(DossierRecord) back = dossier_store_fetch (store, DOSSIER_TYPE_CASE_EVENT, event_id, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (dossier_record_get_string (back, "title"), ==, "Задержана снова");
      }
      g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
    }
    /* the found copy follows, for the edit below */
    dossier_record_set_string (found->pdata[0], "status", "detained");
  }

  /* edit: the form starts with what is stored */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-record", NULL));
  dossier_test_run_for (300);
  editor = DOSSIER_CASE_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  name_row = gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Айгерим Нұрланқызы");
  g_assert_cmpstr (dossier_country_row_get_country (DOSSIER_COUNTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "country_row"))), ==, "KZ");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Aigerim Nurlankyzy");
  /* the Kazakh spelling is kept as the Kazakh name, beside the Latin one;
   * a language that is not a code is refused and said to be */
  {
    DossierTranslationsEditor *translations = NULL;
    g_autofree char *problem = NULL;

    for (GtkWidget *w = GTK_WIDGET (editor); w && translations == NULL; )
      {
        /* depth-first, for the one translations editor of the form */
        GtkWidget *next = gtk_widget_get_first_child (w);

        if (DOSSIER_IS_TRANSLATIONS_EDITOR (w))
          translations = DOSSIER_TRANSLATIONS_EDITOR (w);
        while (next == NULL && w != GTK_WIDGET (editor))
          {
            next = gtk_widget_get_next_sibling (w);
            w = gtk_widget_get_parent (w);
          }
        w = next;
      }
    g_assert_nonnull (translations);
    g_assert_false (dossier_translations_editor_add_language (translations, "Kazakh", &problem));
    {
      /* in the run's language: the message is translated */
      g_autofree char *expected = g_strdup_printf (_("“%s” is not a language code: write one such as kk or pt-BR."),
                                                   "Kazakh");

      g_assert_cmpstr (problem, ==, expected);
    }
    g_assert_true (dossier_translations_editor_add_language (translations, "kk", NULL));
    dossier_translations_editor_set_text (translations, "kk", "name", "Айгерим Нұрланқызы");
    dossier_test_run_for (50);
    g_assert_null (dossier_case_editor_get_problem (editor));
    /* tall enough to show the form down to the new language's fields */
    gtk_window_set_default_size (GTK_WINDOW (editor), 560, 1500);
    dossier_test_run_for (100);
    save_png (GTK_WIDGET (editor), "case-editor-translations");
  }
  g_assert_true (dossier_case_editor_save (editor));
  dossier_test_run_for (300);
  {
    g_autoptr(DossierRecord) edited = dossier_store_fetch (store, DOSSIER_TYPE_CASE, id, &error);
    g_autofree char *kk = NULL;

    g_assert_cmpstr (dossier_record_get_string (edited, "name"), ==, "Aigerim Nurlankyzy");
    kk = dossier_record_get_text_in (edited, "name", "kk", TRUE, NULL, NULL);
    g_assert_cmpstr (kk, ==, "Айгерим Нұрланқызы");
    g_assert_cmpstr (dossier_record_get_string (edited, "country"), ==, "KZ");

    /* a country typed before there was a list, which names none, is
     * offered as it was typed and kept when the form is saved */
    dossier_record_set_string (edited, "country", "Kazakstan");
    g_assert_true (dossier_store_update (store, edited, &error));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload-page", NULL));
  dossier_test_run_for (200);
  g_assert_true (shows_text (GTK_WIDGET (window), "Kazakstan"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-record", NULL));
  dossier_test_run_for (300);
  editor = DOSSIER_CASE_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  {
    DossierCountryRow *country_row = DOSSIER_COUNTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), DOSSIER_TYPE_CASE_EDITOR, "country_row"));
    GtkStringObject *shown = gtk_drop_down_get_selected_item (dossier_country_row_get_drop_down (country_row));
    g_autoptr(DossierRecord) kept = NULL;

    g_assert_cmpstr (dossier_country_row_get_country (country_row), ==, "Kazakstan");
    g_assert_cmpstr (gtk_string_object_get_string (shown), ==, "Kazakstan");
    g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (country_row)));
    save_png (GTK_WIDGET (editor), "case-form-country-as-typed");
    g_assert_true (dossier_case_editor_save (editor));
    dossier_test_run_for (300);
    kept = dossier_store_fetch (store, DOSSIER_TYPE_CASE, id, &error);
    g_assert_cmpstr (dossier_record_get_string (kept, "country"), ==, "Kazakstan");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (200);
}

static void
set_row_text (GtkWidget  *editor,
              GType       type,
              const char *row,
              const char *text)
{
  GObject *entry = gtk_widget_get_template_child (editor, type, row);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  dossier_test_run_for (30);
}

/* An urgent action through its form, after the sample campaign: every
 * kind of bad input blocks Save; then delete it and undo. */
static void
test_ua_form_and_undo (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GtkWidget *editor;
  GObject *save;
  GType type = DOSSIER_TYPE_UA_EDITOR;
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 before = dossier_store_count (store, query, NULL);
  static const struct {
    const char *row;
    const char *bad;
    const char *good;
  } cases[] = {
    { "reference_row", "UA 065/20", "UA 202/26" },      /* the sample's reference */
    { "issued_row", "1900-01-01", "2026-11-20" },
    { "deadline_row", "2026-02-30", "2026-11-10" },     /* then: before issued */
    { "deadline_row", "2026-11-10", "2026-12-31" },
    { "target_email_row", "prosecutor@", "" },
  };

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "actions");
  dossier_test_run_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_page (window, "actions")),
                                             "actions.new", NULL));
  dossier_test_run_for (300);
  editor = GTK_WIDGET (dossier_test_find_toplevel (DOSSIER_TYPE_UA_EDITOR));
  g_assert_nonnull (editor);
  save = gtk_widget_get_template_child (editor, type, "save_button");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save)));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (g_str_equal (cases[i].row, "target_email_row"))
        set_row_text (editor, type, "target_name_row", "Министр юстиции");
      set_row_text (editor, type, cases[i].row, cases[i].bad);
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save)));
      g_test_message ("%s = %s: %s", cases[i].row, cases[i].bad,
                      dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (editor)));
      g_assert_nonnull (dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (editor)));
      if (i == 0)
        save_png (editor, "ua-form-invalid");
      g_assert_false (dossier_ua_editor_save (DOSSIER_UA_EDITOR (editor)));
      set_row_text (editor, type, cases[i].row, cases[i].good);
    }
  g_assert_cmpint (dossier_store_count (store, query, NULL), ==, before);

  /* an urgent action is not issued tomorrow; the field itself says so */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
    g_autofree char *tomorrow = g_date_time_format (next_day, "%Y-%m-%d");
    GtkWidget *issued = GTK_WIDGET (gtk_widget_get_template_child (editor, type, "issued_row"));

    set_row_text (editor, type, "issued_row", tomorrow);
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save)));
    g_assert_true (gtk_widget_has_css_class (issued, "error"));
    g_test_message ("issued tomorrow: %s", dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (editor)));
    set_row_text (editor, type, "issued_row", "2026-11-20");
    g_assert_false (gtk_widget_has_css_class (issued, "error"));

    /* or picked from a calendar that opens on the date the field holds */
    {
      GtkWidget *button = NULL;
      GtkPopover *popover;
      GtkCalendar *calendar;
      g_autoptr(GDateTime) shown = NULL;
      g_autoptr(GDateTime) picked = g_date_time_new_local (2026, 11, 19, 12, 0, 0);

      for (GtkWidget *w = issued; w && button == NULL; )
        {
          GtkWidget *next = gtk_widget_get_first_child (w);

          if (GTK_IS_MENU_BUTTON (w))
            button = w;
          while (next == NULL && w != issued)
            {
              next = gtk_widget_get_next_sibling (w);
              w = gtk_widget_get_parent (w);
            }
          w = next;
        }
      g_assert_nonnull (button);
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      dossier_test_run_for (200);
      popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
      calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
      shown = gtk_calendar_get_date (calendar);
      g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 20);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (issued)), ==, "2026-11-20");
      gtk_calendar_select_day (calendar, picked);
      dossier_test_run_for (100);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (issued)), ==, "2026-11-19");
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      set_row_text (editor, type, "issued_row", "2026-11-20");
    }
  }

  set_row_text (editor, type, "title_row", "Trade unionist jailed in Zhanaozen");
  set_row_text (editor, type, "target_email_row", "minjust@example.kz");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  save_png (editor, "ua-form");
  g_assert_true (dossier_ua_editor_save (DOSSIER_UA_EDITOR (editor)));
  dossier_test_run_for (400);
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Urgent Action"));

  dossier_query_filter_text (query, "reference", DOSSIER_QUERY_EQ, "UA 202/26");
  found = dossier_store_query (store, query, 0, 2, &error);
  g_assert_cmpuint (found->len, ==, 1);
  id = g_strdup (dossier_record_get_id (found->pdata[0]));
  g_assert_cmpstr (dossier_record_get_string (found->pdata[0], "deadline"), ==, "2026-12-31");
  g_assert_cmpuint (g_strv_length ((char **) dossier_record_get_strv (found->pdata[0], "target-ids")), ==, 1);

  /* the new target, edited from the UA's page: a bad web form or language
   * blocks Save; deleting it unlinks it from the UA, Undo links it again */
  {
    const char *target_id = dossier_record_get_strv (found->pdata[0], "target-ids")[0];
    GtkWidget *targets;
    g_autoptr(DossierRecord) ua_now = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-target", "s", target_id));
    dossier_test_run_for (300);
    targets = GTK_WIDGET (dossier_test_find_toplevel (DOSSIER_TYPE_TARGET_EDITOR));
    g_assert_nonnull (targets);
    set_row_text (targets, DOSSIER_TYPE_TARGET_EDITOR, "web_form_row", "javascript:alert(1)");
    g_assert_nonnull (dossier_target_editor_get_problem (DOSSIER_TARGET_EDITOR (targets)));
    g_assert_false (dossier_target_editor_save (DOSSIER_TARGET_EDITOR (targets)));
    set_row_text (targets, DOSSIER_TYPE_TARGET_EDITOR, "web_form_row", "https://minjust.example.kz/appeal");
    set_row_text (targets, DOSSIER_TYPE_TARGET_EDITOR, "language_row", "Russian please");
    g_assert_false (dossier_target_editor_save (DOSSIER_TARGET_EDITOR (targets)));
    set_row_text (targets, DOSSIER_TYPE_TARGET_EDITOR, "language_row", "ru");
    set_row_text (targets, DOSSIER_TYPE_TARGET_EDITOR, "salutation_row", "Уважаемый господин министр");
    /* the country of the address, for the envelope */
    choose_country (DOSSIER_COUNTRY_ROW (gtk_widget_get_template_child (targets, DOSSIER_TYPE_TARGET_EDITOR, "country_row")), "KZ");
    save_png (targets, "target-form");
    g_assert_true (dossier_target_editor_save (DOSSIER_TARGET_EDITOR (targets)));
    dossier_test_run_for (300);
    {
      g_autoptr(DossierRecord) t = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, target_id, &error);
      g_assert_cmpstr (dossier_record_get_string (t, "language"), ==, "ru");
      g_assert_cmpstr (dossier_record_get_string (t, "web-form"), ==, "https://minjust.example.kz/appeal");
      g_assert_cmpstr (dossier_record_get_string (t, "country"), ==, "KZ");
    }

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-target", "s", target_id));
    dossier_test_run_for (300);
    ua_now = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, id, &error);
    g_assert_null (dossier_record_get_strv (ua_now, "target-ids"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
    dossier_test_run_for (300);
    g_clear_object (&ua_now);
    ua_now = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, id, &error);
    g_assert_cmpstr (dossier_record_get_strv (ua_now, "target-ids")[0], ==, target_id);
    g_assert_cmpstr (visible_title (), ==, C_("page title", "Urgent Action"));
    /* the UA's copy follows, for the comparison below */
    g_object_unref (found->pdata[0]);
    found->pdata[0] = g_steal_pointer (&ua_now);
  }

  /* an action logged on it survives its deletion, and Undo relinks it */
  dossier_record_set_string (action, "ua-id", id);
  g_assert_true (dossier_store_create (store, action, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  dossier_test_run_for (300);
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, id, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  dossier_test_run_for (300);
  {
    g_autoptr(DossierRecord) back = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, id, &error);
    g_autoptr(DossierRecord) action_back = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (action), &error);

    g_assert_no_error (error);
    g_assert_true (dossier_record_equal (back, found->pdata[0]));
    g_assert_cmpstr (dossier_record_get_string (action_back, "ua-id"), ==, id);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (200);
}

/* Each form says what is wrong under the field it is about, and only that
 * field is marked: the New Event form once marked its date for a message
 * about its source. */
static void
test_form_problems_under_their_fields (void)
{
  DossierStore *store = dossier_application_get_store (app);
  g_autoptr(DossierQuery) cases = dossier_query_new (DOSSIER_TYPE_CASE);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* the New Event form of a case: a bad source with a good date */
  {
    GType type = DOSSIER_TYPE_EVENT_EDITOR;
    GtkWidget *form;
    GtkWidget *date_row;

    dossier_query_sort (cases, "name", FALSE);
    found = dossier_store_query (store, cases, 0, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                               "DossierCase", dossier_record_get_id (found->pdata[0])));
    dossier_test_run_for (300);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-event", NULL));
    dossier_test_run_for (300);
    form = GTK_WIDGET (dossier_test_find_toplevel (type));
    g_assert_nonnull (form);
    date_row = GTK_WIDGET (gtk_widget_get_template_child (form, type, "date_row"));

    set_row_text (form, type, "date_row", "2021-03-01");
    set_row_text (form, type, "source_row", "javascript:alert(1)");
    assert_problem_under (form, type, "source_row", dossier_event_editor_get_problem (DOSSIER_EVENT_EDITOR (form)));
    g_assert_false (gtk_widget_has_css_class (date_row, "error"));
    gtk_test_accessible_assert_state (date_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
    save_png (form, "event-form-bad-source");
    g_assert_false (dossier_event_editor_save (DOSSIER_EVENT_EDITOR (form)));
    assert_problem_under (form, type, "source_row", dossier_event_editor_get_problem (DOSSIER_EVENT_EDITOR (form)));

    set_row_text (form, type, "source_row", "https://example.org/news/hearing");
    assert_no_problem_shown (form, type, "source_row");
    g_assert_null (dossier_event_editor_get_problem (DOSSIER_EVENT_EDITOR (form)));

    /* a date that is not one: the message moves under the date */
    set_row_text (form, type, "date_row", "2021-02-30");
    assert_problem_under (form, type, "date_row", dossier_event_editor_get_problem (DOSSIER_EVENT_EDITOR (form)));
    set_row_text (form, type, "date_row", "2021-02-28");
    assert_no_problem_shown (form, type, "date_row");
    gtk_window_destroy (GTK_WINDOW (form));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    dossier_test_run_for (200);
  }

  /* a target: its email, when it held office, a phone number with a tab
   * (the store's own rule, said before Save) */
  {
    GType type = DOSSIER_TYPE_TARGET_EDITOR;
    static const struct {
      const char *row;
      const char *bad;
      const char *good;
    } rows[] = {
      { "email_row", "prosecutor@", "prosecutor@example.kz" },
      { "held_from_row", "2019-13", "2019" },
      { "held_to_row", "2017", "" },             /* before it was taken */
      { "phone_row", "+7 7172\t71 25 00", "+7 7172 71 25 00" },
      { "web_form_row", "ftp://example.kz/appeal", "https://example.kz/appeal" },
    };
    GtkWidget *form;

    /* from the page of the sample's urgent action */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                               "DossierUrgentAction", "ua-065-20"));
    dossier_test_run_for (300);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-target", "s",
                                               "target-prosecutor-general-kazakhstan"));
    dossier_test_run_for (300);
    form = GTK_WIDGET (dossier_test_find_toplevel (type));
    g_assert_nonnull (form);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        set_row_text (form, type, rows[i].row, rows[i].bad);
        assert_problem_under (form, type, rows[i].row, dossier_target_editor_get_problem (DOSSIER_TARGET_EDITOR (form)));
        if (i == 0)
          save_png (form, "target-form-bad-email");
        set_row_text (form, type, rows[i].row, rows[i].good);
        assert_no_problem_shown (form, type, rows[i].row);
      }
    gtk_window_destroy (GTK_WINDOW (form));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    dossier_test_run_for (200);
  }

  /* a new urgent action: a wrong deadline is said under it, not under the
   * issue date, even before a reference is typed */
  {
    GType type = DOSSIER_TYPE_UA_EDITOR;
    GtkWidget *form;
    GtkWidget *issued_row;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "actions");
    dossier_test_run_for (200);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_page (window, "actions")),
                                               "actions.new", NULL));
    dossier_test_run_for (300);
    form = GTK_WIDGET (dossier_test_find_toplevel (type));
    g_assert_nonnull (form);
    issued_row = GTK_WIDGET (gtk_widget_get_template_child (form, type, "issued_row"));
    set_row_text (form, type, "issued_row", "2024-05-02");
    set_row_text (form, type, "deadline_row", "2024-02-30");
    assert_problem_under (form, type, "deadline_row", dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (form)));
    g_assert_false (gtk_widget_has_css_class (issued_row, "error"));
    set_row_text (form, type, "deadline_row", "2024-04-30");   /* before it was issued */
    assert_problem_under (form, type, "deadline_row", dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (form)));
    save_png (form, "ua-form-bad-deadline");
    set_row_text (form, type, "deadline_row", "2024-05-30");
    /* only the reference is missing: not said before it is typed */
    assert_no_problem_shown (form, type, "deadline_row");
    set_row_text (form, type, "reference_row", "UA 065/20");   /* the sample's */
    assert_problem_under (form, type, "reference_row", dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (form)));
    set_row_text (form, type, "reference_row", "UA 303/26");
    set_row_text (form, type, "target_name_row", "Министр юстиции");
    set_row_text (form, type, "target_email_row", "minjust@");
    assert_problem_under (form, type, "target_email_row", dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (form)));
    set_row_text (form, type, "target_email_row", "minjust@example.kz");
    assert_no_problem_shown (form, type, "target_email_row");
    g_assert_null (dossier_ua_editor_get_problem (DOSSIER_UA_EDITOR (form)));
    gtk_window_destroy (GTK_WINDOW (form));
    dossier_test_run_for (100);
  }

  /* a feed to add: a plain http address is the address's problem, a
   * proxy without its port the proxy's; nothing is fetched */
  {
    GType type = DOSSIER_TYPE_FEED_EDITOR;
    GtkWidget *form;
    GObject *proxy_row;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "feeds");
    dossier_test_run_for (200);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_page (window, "feeds")),
                                               "feeds.add", NULL));
    dossier_test_run_for (300);
    form = GTK_WIDGET (dossier_test_find_toplevel (type));
    g_assert_nonnull (form);
    proxy_row = gtk_widget_get_template_child (form, type, "proxy_row");
    set_row_text (form, type, "url_row", "http://example.org/feed.xml");
    assert_problem_under (form, type, "url_row",
                          _("This is a plain http:// address: turn on “Allow Plain HTTP” to use it."));
    set_row_text (form, type, "url_row", "https://example.org/feed.xml");
    assert_no_problem_shown (form, type, "url_row");
    adw_combo_row_set_selected (ADW_COMBO_ROW (proxy_row), 2 /* through this proxy */);
    set_row_text (form, type, "proxy_url_row", "127.0.0.1");
    assert_problem_under (form, type, "proxy_url_row",
                          _("Enter a proxy address with its port, such as socks5://127.0.0.1:9050."));
    set_row_text (form, type, "proxy_url_row", "socks5://127.0.0.1:9050");
    assert_no_problem_shown (form, type, "proxy_url_row");
    /* the campaign's key, when given, must be one: said under its field */
    set_row_text (form, type, "key_row", "RWQ-this-is-not-a-key");
    assert_problem_under (form, type, "key_row",
                          _("This is not a minisign public key: such a key is 56 letters, digits, “+” and “/”, "
                            "starting with “RW”."));
    save_png (form, "feed-form-bad-key");
    set_row_text (form, type, "key_row", "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3");
    assert_no_problem_shown (form, type, "key_row");
    /* an address not typed yet is not yet wrong */
    set_row_text (form, type, "url_row", "");
    assert_no_problem_shown (form, type, "url_row");
    gtk_window_destroy (GTK_WINDOW (form));
    dossier_test_run_for (100);
  }

  /* the news of an imported file has no address, and its form does not
   * ask for one: it saves */
  {
    GType type = DOSSIER_TYPE_FEED_EDITOR;
    g_autoptr(DossierRecord) news = DOSSIER_RECORD (dossier_feed_new ());
    g_autoptr(DossierRecord) saved = NULL;
    GtkWidget *form;
    GObject *save;

    dossier_record_set_string (news, "title", "Новости кампании");
    dossier_record_set_string (news, "url", "");
    g_assert_true (dossier_store_create (store, news, &error));
    g_assert_no_error (error);
    form = GTK_WIDGET (dossier_feed_editor_new (GTK_WINDOW (window), store, NULL, news, NULL));
    gtk_window_present (GTK_WINDOW (form));
    dossier_test_run_for (200);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (form, type, "url_row"))));
    set_row_text (form, type, "title_row", "Новости кампании 2026");
    assert_no_problem_shown (form, type, "url_row");
    save = gtk_widget_get_template_child (form, type, "save_button");
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
    g_signal_emit_by_name (save, "clicked");
    dossier_test_run_for (200);
    g_assert_null (dossier_test_find_toplevel (type));
    saved = dossier_store_fetch (store, DOSSIER_TYPE_FEED, dossier_record_get_id (news), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (dossier_record_get_string (saved, "title"), ==, "Новости кампании 2026");
    g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_FEED, dossier_record_get_id (saved), &error));
  }
}

static gboolean shows_text (GtkWidget  *widget,
                            const char *text);

/* A feed's page says whether it is signed and with which key, and why
 * its last update was not applied; a key waiting to be trusted is shown
 * with its fingerprint, in the dialog too. */
static void
test_signed_feed_pages (void)
{
  DossierStore *store = dossier_application_get_store (app);
  const char *key = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
  g_autofree char *fingerprint = dossier_minisign_fingerprint_of (key);
  g_autoptr(DossierRecord) refused = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(DossierRecord) pending = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(DossierRecord) plain = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  dossier_record_set_string (refused, "url", "https://campaign.example/signed.json");
  dossier_record_set_string (refused, "title", "Кампания с подписью");
  dossier_record_set_string (refused, "signing", "signed");
  dossier_record_set_string (refused, "public-key", key);
  dossier_record_set_string (refused, "key-origin", "given");
  dossier_record_set_int (refused, "signed-at", 1700000000);
  dossier_record_set_string (refused, "last-fetch", "2026-01-10T10:00:00.000Z");
  dossier_record_set_boolean (refused, "last-refused", TRUE);
  dossier_record_set_string (refused, "last-result",
                             _("This update was not signed by the campaign’s key — it was not applied."));
  g_assert_true (dossier_store_create (store, refused, &error));
  dossier_record_set_string (pending, "url", "https://campaign.example/tofu.json");
  dossier_record_set_string (pending, "title", "Campaign asking for trust");
  dossier_record_set_string (pending, "signing", "pending");
  dossier_record_set_string (pending, "public-key", key);
  dossier_record_set_string (pending, "key-origin", "first-use");
  g_assert_true (dossier_store_create (store, pending, &error));
  dossier_record_set_string (plain, "url", "https://campaign.example/plain.json");
  dossier_record_set_string (plain, "title", "Unsigned campaign");
  g_assert_true (dossier_store_create (store, plain, &error));
  g_assert_no_error (error);

  dossier_window_set_section (window, "feeds");
  dossier_test_run_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierFeed", dossier_record_get_id (refused)));
  dossier_test_run_for (400);
  g_assert_true (shows_text (GTK_WIDGET (window), _("Last update not applied")));
  g_assert_true (shows_text (GTK_WIDGET (window),
                             _("This update was not signed by the campaign’s key — it was not applied.")));
  g_assert_true (shows_text (GTK_WIDGET (window), _("Signed by the campaign")));
  g_assert_true (shows_text (GTK_WIDGET (window), fingerprint));
  g_assert_false (shows_text (GTK_WIDGET (window), _("Not signed")));
  save_png (GTK_WIDGET (window), "feed-page-refused");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierFeed", dossier_record_get_id (plain)));
  dossier_test_run_for (400);
  g_assert_true (shows_text (GTK_WIDGET (window), _("Not signed")));
  g_assert_false (shows_text (GTK_WIDGET (window), _("Signed by the campaign")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierFeed", dossier_record_get_id (pending)));
  dossier_test_run_for (400);
  g_assert_true (shows_text (GTK_WIDGET (window), _("Waiting for you to trust its key")));
  g_assert_true (shows_text (GTK_WIDGET (window), fingerprint));
  g_assert_false (shows_text (GTK_WIDGET (window), _("Fetch Now")));
  save_png (GTK_WIDGET (window), "feed-page-pending");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.trust-feed-key", "s",
                                             dossier_record_get_id (pending)));
  dossier_test_run_for (300);
  dialog = dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), fingerprint));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), key));
  save_png (GTK_WIDGET (dialog), "feed-trust-dialog");
  /* not now: it stays waiting, nothing applied */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "later");
  dossier_test_run_for (200);
  {
    g_autoptr(DossierRecord) again = dossier_store_fetch (store, DOSSIER_TYPE_FEED, dossier_record_get_id (pending),
                                                          &error);

    g_assert_cmpstr (dossier_record_get_string (again, "signing"), ==, "pending");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (200);

  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_FEED, dossier_record_get_id (refused), &error));
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_FEED, dossier_record_get_id (pending), &error));
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_FEED, dossier_record_get_id (plain), &error));
  g_assert_no_error (error);
}

/* Whether some label under @widget shows text containing @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static char *
composer_text (DossierComposer *composer)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dossier_composer_get_text_view (composer));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static DossierComposer *
open_composer (void)
{
  DossierComposer *composer;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write", "(ss)",
                                             "ua-065-20", "target-prosecutor-general-kazakhstan"));
  dossier_test_run_for (300);
  composer = DOSSIER_COMPOSER (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));
  g_assert_nonnull (composer);
  return composer;
}

static GHashTable *
counts_on_ua (void)
{
  return dossier_store_count_channels (dossier_application_get_store (app), "ua-065-20", FALSE, NULL, NULL);
}

static char *
today_plus (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Where the composer's language row lists @code: the letter languages
 * installed, in their order. */
static guint
letter_language_position (const char *code)
{
  g_auto(GStrv) languages = dossier_letter_languages ();

  for (guint i = 0; languages[i]; i++)
    if (g_str_equal (languages[i], code))
      return i;
  g_assert_not_reached ();
}

/* The volunteer's way: the sample's UA 065/20 → a letter to the Prosecutor
 * General, in English and then in Russian → a PDF → logged; then undo, log
 * again, log a call, change a state, and see it all in My Actions. */
static void
test_letters_and_log (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GSettings *settings = dossier_application_get_settings (app);
  DossierComposer *composer;
  g_autofree char *text = NULL;
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(DossierAction) draft = NULL;
  DossierSection *actions = dossier_window_get_section_widget (window, "actions");
  g_autofree char *one_letter = g_strdup_printf (ngettext ("%u letter", "%u letters", 1), 1);

  guint mine_before;

  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);

    dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
    mine_before = (guint) dossier_store_count (store, query, NULL);
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  g_settings_set_string (settings, "volunteer-name", "");
  g_settings_set_string (settings, "own-country", "");

  /* the UA page: a Write button on each target, and nothing logged yet */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierUrgentAction", "ua-065-20");
  dossier_test_run_for (300);
  g_assert_true (shows_text (GTK_WIDGET (window), C_("urgent action page", "Actions")));
  save_png (GTK_WIDGET (window), "ua-page-actions");

  /* 1 click: Write. No source says which language the Prosecutor General
   * reads, so the letter is in the volunteer's (English by default), and
   * holds the case, the salutation and the articles without typing */
  g_settings_reset (settings, "letter-language");
  composer = open_composer ();
  text = composer_text (composer);
  g_assert_nonnull (strstr (text, "Dear Prosecutor General,"));
  g_assert_nonnull (strstr (text, "Alnur Ilyashev"));
  g_assert_nonnull (strstr (text, "274"));
  g_clear_pointer (&text, g_free);
  /* UA 065/20 closed in 2020: the composer says so before anything is
   * written, and still lets the letter be written */
  {
    g_autoptr(DossierRecord) ua = dossier_store_fetch (dossier_application_get_store (app), DOSSIER_TYPE_URGENT_ACTION,
                                                       "ua-065-20", NULL);
    g_autofree char *closed = dossier_composer_closed_warning (ua);
    GtkWidget *closed_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (composer), DOSSIER_TYPE_COMPOSER,
                                                                       "closed_row"));

    g_assert_nonnull (closed);
    g_assert_true (gtk_widget_get_visible (closed_row));
    g_assert_true (shows_text (GTK_WIDGET (composer), closed));
    if (!g_str_equal (lang, "en"))
      g_assert_null (strstr (closed, "This urgent action is closed"));
  }
  /* the asks are the UA's, in English: an English letter quotes them as
   * they are. A Russian letter quotes them as the campaign file's author
   * translated them, and says so; it greets the Prosecutor General with the
   * file's Russian salutation and spells the case's name as the interview
   * does */
  {
    GtkWidget *asks_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (composer), DOSSIER_TYPE_COMPOSER,
                                                                     "asks_row"));
    GtkWidget *language_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (composer), DOSSIER_TYPE_COMPOSER,
                                                                         "language_row"));
    const char *note;

    text = composer_text (composer);
    g_assert_nonnull (strstr (text, "I respectfully urge you to:"));
    g_assert_nonnull (strstr (text, "Release Alnur Ilyashev immediately and unconditionally"));
    g_clear_pointer (&text, g_free);
    g_assert_false (gtk_widget_get_visible (asks_row));

    adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), letter_language_position ("ru"));
    dossier_test_run_for (50);
    text = composer_text (composer);
    g_assert_nonnull (strstr (text, "Уважаемый господин Генеральный прокурор!"));
    g_assert_nonnull (strstr (text, "Альнур Ильяшев"));
    g_assert_nonnull (strstr (text, "п. 2 ч. 4 ст. 274 УК РК"));
    g_assert_nonnull (strstr (text, "Убедительно прошу Вас:"));
    g_assert_nonnull (strstr (text, "Немедленно и безоговорочно освободите Альнура Ильяшева"));
    g_assert_nonnull (strstr (text, "С уважением,"));
    g_assert_null (strstr (text, "Dear Prosecutor General"));
    g_clear_pointer (&text, g_free);
    g_assert_true (gtk_widget_get_visible (asks_row));
    note = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (asks_row));
    g_test_message ("asks note: %s", note);
    g_assert_cmpuint (strlen (note), >, 20);
    g_assert_true (shows_text (GTK_WIDGET (composer), note));
    save_png (GTK_WIDGET (composer), "composer-asks");

    /* back to English, the letter this UA gives */
    adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), letter_language_position ("en"));
    dossier_test_run_for (50);
    g_assert_false (gtk_widget_get_visible (asks_row));
  }
  /* from now on the volunteer writes in Russian: new letters open in it */
  g_settings_set_string (settings, "letter-language", "ru");
  /* without a name it cannot be logged, and says why: not before the
   * volunteer typed or tried to log, then under the field */
  {
    GtkWidget *problem_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (composer), DOSSIER_TYPE_COMPOSER,
                                                                        "problem_row"));

    g_assert_false (gtk_widget_get_visible (problem_row));
    g_assert_false (dossier_composer_log (composer, &error));
    g_assert_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID);
    assert_problem_under (GTK_WIDGET (composer), DOSSIER_TYPE_COMPOSER, "name_row", error->message);
    g_clear_error (&error);
  }

  /* the only typing: the volunteer's name; the letter is signed with it */
  g_settings_set_string (settings, "volunteer-name", "Anna Schmidt");
  dossier_test_run_for (100);
  /* a row says whose an action is when it is not this volunteer's */
  {
    g_autoptr(DossierRecord) theirs = DOSSIER_RECORD (dossier_action_new ());
    g_autofree char *row_title = NULL;
    g_autofree char *row_subtitle = NULL;

    dossier_record_set_string (theirs, "channel", "letter");
    dossier_record_set_string (theirs, "date", "2020-05-01");
    dossier_record_set_boolean (theirs, "mine", TRUE);
    dossier_record_set_string (theirs, "volunteer", "Marat Ospanov");
    dossier_action_row (dossier_application_get_store (app), theirs, &row_title, &row_subtitle);
    g_assert_nonnull (strstr (row_subtitle, "Marat Ospanov"));
    g_clear_pointer (&row_title, g_free);
    g_clear_pointer (&row_subtitle, g_free);
    dossier_record_set_string (theirs, "volunteer", "Anna Schmidt");
    dossier_action_row (dossier_application_get_store (app), theirs, &row_title, &row_subtitle);
    g_assert_null (strstr (row_subtitle, "Anna Schmidt"));
  }
  text = composer_text (composer);
  g_assert_true (g_str_has_suffix (text, "Anna Schmidt\n"));
  g_clear_pointer (&text, g_free);
  gtk_window_set_default_size (GTK_WINDOW (composer), 720, 900);
  save_png (GTK_WIDGET (composer), "composer");

  /* at 360 px the composer still shows the letter */
  gtk_window_set_default_size (GTK_WINDOW (composer), 360, 720);
  dossier_test_run_for (300);
  save_png (GTK_WIDGET (composer), "composer-narrow");
  gtk_window_set_default_size (GTK_WINDOW (composer), 720, 900);
  dossier_test_run_for (200);

  /* living in the case's country: warned before signing with a full name */
  g_settings_set_string (settings, "own-country", "kazakhstan");
  dossier_test_run_for (100);
  {
    /* the case's country, named in the window's language */
    g_autofree char *kazakhstan = dossier_country_name ("KZ");

    g_assert_true (shows_text (GTK_WIDGET (composer), kazakhstan));
  }
  save_png (GTK_WIDGET (composer), "composer-risk");
  g_settings_set_string (settings, "own-country", "");

  /* a PDF page, and the letter is kept as a draft before it leaves; the
   * file is the volunteer's alone, even where one readable by all was */
  g_assert_true (g_file_set_contents (pdf, "an older letter", -1, NULL));
  g_assert_cmpint (g_chmod (pdf, 0644), ==, 0);
  dossier_composer_save_pdf (composer, pdf);
  dossier_test_run_for (100);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (length, >, 2000);
  {
    GStatBuf st;
    g_autofree char *txt = g_build_filename (dir, "letter.txt", NULL);
    g_autofree char *saved = NULL;
    g_autofree char *letter = composer_text (composer);
    g_autoptr(GDir) listing = NULL;
    const char *name;

    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    /* as text, the same */
    g_assert_true (g_file_set_contents (txt, "an older letter", -1, NULL));
    g_assert_cmpint (g_chmod (txt, 0644), ==, 0);
    dossier_composer_save_text (composer, txt);
    dossier_test_run_for (100);
    g_assert_cmpint (g_stat (txt, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_get_contents (txt, &saved, NULL, NULL));
    g_assert_true (g_str_has_suffix (saved, letter));
    /* and no half-written file is left beside them */
    listing = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (listing)))
      g_assert_false (g_str_has_prefix (name, "."));
  }
  if (g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR"))
    {
      g_autofree char *name = g_strdup_printf ("letter-%s.pdf", lang);
      g_autofree char *copy = g_build_filename (g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR"), name, NULL);

      g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    }
  draft = dossier_store_find_draft (store, "ua-065-20", "target-prosecutor-general-kazakhstan", &error);
  g_assert_nonnull (draft);
  g_clear_object (&draft);
  /* a PDF that cannot be written: a dialog says so, the draft stays */
  {
    GtkWindow *dialog;

    dossier_composer_save_pdf (composer, "/nonexistent-folder/letter.pdf");
    dossier_test_run_for (200);
    dialog = dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    g_test_message ("pdf error: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
    save_png (GTK_WIDGET (dialog), "pdf-error");
    gtk_window_destroy (dialog);
    g_assert_false (g_file_test ("/nonexistent-folder/letter.pdf", G_FILE_TEST_EXISTS));
  }

  /* no email address for this target: no mailto */
  g_assert_null (dossier_composer_get_mailto (composer));

  /* typed text survives closing the composer */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (dossier_composer_get_text_view (composer));
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "P.S. Прошу сообщить о принятых мерах.\n", -1);
    gtk_window_close (GTK_WINDOW (composer));
    dossier_test_run_for (200);
    g_assert_null (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));
    composer = open_composer ();
    text = composer_text (composer);
    g_assert_nonnull (strstr (text, "P.S. Прошу сообщить о принятых мерах."));
    g_clear_pointer (&text, g_free);
  }

  /* choosing initials after typing replaces the name under the letter */
  {
    GtkWidget *signature_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (composer), DOSSIER_TYPE_COMPOSER,
                                                                          "signature_row"));

    adw_combo_row_set_selected (ADW_COMBO_ROW (signature_row), 1);
    dossier_test_run_for (50);
    text = composer_text (composer);
    /* the P.S. typed after the signature stays */
    g_assert_nonnull (strstr (text, "A. S.\nP.S. Прошу сообщить о принятых мерах."));
    g_assert_null (strstr (text, "Anna Schmidt"));
    g_clear_pointer (&text, g_free);
    adw_combo_row_set_selected (ADW_COMBO_ROW (signature_row), 0);
    dossier_test_run_for (50);
    text = composer_text (composer);
    g_assert_nonnull (strstr (text, "Anna Schmidt\nP.S."));
    g_clear_pointer (&text, g_free);
  }

  /* Log as Sent: the composer closes, the UA's row counts one letter */
  g_assert_true (dossier_composer_log (composer, &error));
  g_assert_no_error (error);
  dossier_test_run_for (300);
  g_assert_null (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));
  counts = counts_on_ua ();
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "letter")), ==, 1);
  g_clear_pointer (&counts, g_hash_table_unref);
  g_assert_null (dossier_store_find_draft (store, "ua-065-20", "target-prosecutor-general-kazakhstan", NULL));
  save_png (GTK_WIDGET (window), "logged-toast");

  /* undo: back to the draft, nothing counted */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-log", NULL));
  dossier_test_run_for (200);
  counts = counts_on_ua ();
  g_assert_null (g_hash_table_lookup (counts, "letter"));
  g_clear_pointer (&counts, g_hash_table_unref);
  draft = dossier_store_find_draft (store, "ua-065-20", "target-prosecutor-general-kazakhstan", &error);
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (dossier_record_get_string (DOSSIER_RECORD (draft), "letter-text"), "P.S."));
  g_clear_object (&draft);

  /* log again, and the row in the Actions list shows it (among the closed
   * ones: the sample's open action is the NGO report's appeal) */
  composer = open_composer ();
  g_assert_true (dossier_composer_log (composer, &error));
  dossier_test_run_for (200);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "actions");
  gtk_widget_activate_action (GTK_WIDGET (actions), "actions.filter", "s", "closed");
  dossier_test_run_for (300);
  g_assert_true (shows_text (GTK_WIDGET (actions), one_letter));
  save_png (GTK_WIDGET (window), "actions-counted");
  gtk_widget_activate_action (GTK_WIDGET (actions), "actions.filter", "s", "open");

  /* a call logged from the UA page; a date in the future is refused */
  {
    DossierLogEditor *editor;
    g_autofree char *tomorrow = today_plus (1);
    g_autofree char *today = today_plus (0);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-action", "s", "ua-065-20"));
    dossier_test_run_for (200);
    editor = DOSSIER_LOG_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_LOG_EDITOR));
    g_assert_nonnull (editor);
    dossier_log_editor_set (editor, 3, tomorrow, "Звонил в приёмную");
    dossier_test_run_for (50);
    g_assert_false (dossier_log_editor_can_log (editor));
    save_png (GTK_WIDGET (editor), "log-editor-future");
    g_assert_false (dossier_log_editor_log (editor, &error));
    g_assert_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID);
    /* said under the date, the one row marked */
    {
      GtkWidget *date_row = find_row_titled (GTK_WIDGET (editor), _("Date (YYYY-MM-DD)"));
      GtkWidget *message = date_row ? gtk_widget_get_next_sibling (date_row) : NULL;
      g_autoptr(GPtrArray) marked = g_ptr_array_new ();

      g_assert_nonnull (date_row);
      g_assert_true (ADW_IS_ACTION_ROW (message));
      g_assert_true (gtk_widget_get_mapped (message));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (message)), ==, error->message);
      collect_marked_rows (GTK_WIDGET (editor), message, marked);
      g_assert_cmpuint (marked->len, ==, 1);
      g_assert_true (marked->pdata[0] == date_row);
      g_clear_error (&error);
      dossier_log_editor_set (editor, 3, today, "Звонил в приёмную");
      dossier_test_run_for (50);
      g_assert_false (gtk_widget_has_css_class (date_row, "error"));
      g_assert_false (gtk_widget_get_visible (message));
    }
    g_assert_true (dossier_log_editor_can_log (editor));
    g_assert_true (dossier_log_editor_log (editor, &error));
    dossier_test_run_for (200);
    counts = counts_on_ua ();
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "letter")), ==, 1);
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "phone")), ==, 1);
    g_clear_pointer (&counts, g_hash_table_unref);
  }

  /* My Actions: both, newest first, totals, a state changed in one click */
  {
    DossierSection *mine = dossier_window_get_section_widget (window, "my-actions");
    GtkWidget *my_actions = GTK_WIDGET (dossier_window_get_section_page (window, "my-actions"));
    DossierMyActionsBar *bar = dossier_my_actions_section_get_bar (DOSSIER_MY_ACTIONS_SECTION (my_actions));
    DossierRecordList *list;
    g_autoptr(DossierRecord) first = NULL;
    g_autoptr(DossierRecord) stored = NULL;
    g_autofree char *one_call = g_strdup_printf (ngettext ("%u phone call", "%u phone calls", 1), 1);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "my-actions");
    dossier_test_run_for (300);
    list = dossier_section_get_list (mine);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, mine_before + 2);
    g_assert_nonnull (strstr (dossier_my_actions_bar_get_totals (bar), one_call));
    save_png (GTK_WIDGET (window), "my-actions");

    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (gtk_widget_activate_action (my_actions, "my-actions.set-state", "(ss)",
                                               dossier_record_get_id (first), "returned"));
    dossier_test_run_for (100);
    stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (first), &error);
    g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "returned");
    g_clear_object (&stored);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-log", NULL));
    dossier_test_run_for (100);
    stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (first), &error);
    g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "sent");
    g_clear_object (&stored);

    /* replied asks for the reply first */
    g_assert_true (gtk_widget_activate_action (my_actions, "my-actions.set-state", "(ss)",
                                               dossier_record_get_id (first), "replied"));
    dossier_test_run_for (200);
    g_assert_nonnull (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    save_png (GTK_WIDGET (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "reply-dialog");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "save");
    gtk_window_destroy (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    dossier_test_run_for (200);
    stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (first), &error);
    g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "replied");
    g_clear_object (&stored);

    /* filtered by channel: only the call */
    gtk_drop_down_set_selected (dossier_my_actions_bar_get_filter (bar, 1), 4);
    dossier_test_run_for (100);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    g_assert_cmpstr (dossier_my_actions_bar_get_totals (bar), !=, "");
    /* and by urgent action: UA 065/20 has the letter and the call */
    gtk_drop_down_set_selected (dossier_my_actions_bar_get_filter (bar, 1), 0);
    for (guint i = 1; i < g_list_model_get_n_items (gtk_drop_down_get_model (dossier_my_actions_bar_get_filter (bar, 0))); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dossier_my_actions_bar_get_filter (bar, 0))), i),
                     "UA 065/20") == 0)
        gtk_drop_down_set_selected (dossier_my_actions_bar_get_filter (bar, 0), i);
    dossier_test_run_for (100);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
    g_assert_nonnull (strstr (dossier_my_actions_bar_get_totals (bar), one_letter));
    g_assert_nonnull (strstr (dossier_my_actions_bar_get_totals (bar), one_call));
    save_png (GTK_WIDGET (window), "my-actions-filtered");
    gtk_drop_down_set_selected (dossier_my_actions_bar_get_filter (bar, 0), 0);
    dossier_test_run_for (100);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, mine_before + 2);

    gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
    dossier_test_run_for (400);
    save_png (GTK_WIDGET (window), "my-actions-narrow");
    gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
    dossier_test_run_for (300);
  }

  /* a draft sent from My Actions while its composer is open stays sent;
   * what is typed afterwards goes into a new draft */
  {
    g_autoptr(DossierAction) first_draft = NULL;
    g_autoptr(DossierAction) second_draft = NULL;
    g_autoptr(DossierRecord) stored = NULL;
    GtkTextBuffer *buffer;
    GtkTextIter end;

    composer = open_composer ();
    buffer = gtk_text_view_get_buffer (dossier_composer_get_text_view (composer));
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "Второе письмо.\n", -1);
    gtk_window_close (GTK_WINDOW (composer));
    dossier_test_run_for (100);
    first_draft = dossier_store_find_draft (store, "ua-065-20", "target-prosecutor-general-kazakhstan", &error);
    g_assert_nonnull (first_draft);

    composer = open_composer ();
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_page (window, "my-actions")),
                                               "my-actions.set-state", "(ss)",
                                               dossier_record_get_id (DOSSIER_RECORD (first_draft)), "sent"));
    dossier_test_run_for (100);
    buffer = gtk_text_view_get_buffer (dossier_composer_get_text_view (composer));
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "Ещё строка.\n", -1);
    gtk_window_close (GTK_WINDOW (composer));
    dossier_test_run_for (100);
    stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, dossier_record_get_id (DOSSIER_RECORD (first_draft)), &error);
    g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "sent");
    g_assert_null (strstr (dossier_record_get_string (stored, "letter-text"), "Ещё строка."));
    second_draft = dossier_store_find_draft (store, "ua-065-20", "target-prosecutor-general-kazakhstan", &error);
    g_assert_nonnull (second_draft);
    g_assert_cmpstr (dossier_record_get_id (DOSSIER_RECORD (second_draft)), !=,
                     dossier_record_get_id (DOSSIER_RECORD (first_draft)));
    g_assert_nonnull (strstr (dossier_record_get_string (DOSSIER_RECORD (second_draft), "letter-text"), "Ещё строка."));
  }

  /* the mail client: a mailto: with the Cyrillic letter encoded; where no
   * mail client can be opened (as on a test machine) a dialog says so and
   * the letter stays as a draft */
  {
    g_autoptr(DossierRecord) target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET,
                                                            "target-prosecutor-general-kazakhstan", &error);
    g_autofree char *uri = NULL;
    GtkWindow *dialog;

    dossier_record_set_string (target, "email", "priemnaya" "@" "prokuror.example.kz");
    g_assert_true (dossier_store_update (store, target, &error));
    composer = open_composer ();
    uri = dossier_composer_get_mailto (composer);
    g_assert_true (g_str_has_prefix (uri, "mailto:priemnaya" "@" "prokuror.example.kz?subject=%D0%90%D0%BB%D1%8C"));
    g_assert_nonnull (strstr (uri, "&body="));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.email", NULL));
    dossier_test_run_for (1000);
    dialog = dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    if (dialog)
      {
        g_test_message ("mail client: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
        save_png (GTK_WIDGET (dialog), "mail-client-error");
        gtk_window_destroy (dialog);
      }
    draft = dossier_store_find_draft (store, "ua-065-20", "target-prosecutor-general-kazakhstan", &error);
    g_assert_nonnull (draft);
    g_clear_object (&draft);
    gtk_window_destroy (GTK_WINDOW (composer));
    dossier_test_run_for (100);
    dossier_record_set_string (target, "email", "");
    g_assert_true (dossier_store_update (store, target, &error));
  }

  /* store text in a toast is text, not markup (AdwToast titles are
   * markup in libadwaita 1.2) */
  {
    GObject *overlay = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "toast_overlay");
    AdwToast *toast = adw_toast_new ("“R&D <b>group</b>” deleted");

    g_object_ref (toast);
    dossier_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    g_assert_true (GTK_IS_LABEL (adw_toast_get_custom_title (toast)));
    g_assert_false (gtk_label_get_use_markup (GTK_LABEL (adw_toast_get_custom_title (toast))));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_toast_get_custom_title (toast))), ==, "“R&D <b>group</b>” deleted");
    g_object_unref (toast);
  }

  /* a template with a field that does not exist is refused, naming it */
  {
    DossierTemplateEditor *editor;
    g_autofree char *templates = g_build_filename (data_dir, "templates", "ru.txt", NULL);
    g_autofree char *templates_dir = g_path_get_dirname (templates);

    composer = open_composer ();
    editor = dossier_template_editor_new (GTK_WINDOW (composer), templates_dir, "ru");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (dossier_template_editor_get_view (editor)),
                              "{{salutation}}\n\nО деле {{prisoner}}.\n", -1);
    gtk_window_present (GTK_WINDOW (editor));
    dossier_test_run_for (200);
    save_png (GTK_WIDGET (editor), "template-unknown-field");
    g_assert_false (dossier_template_editor_save (editor, &error));
    g_assert_nonnull (strstr (error->message, "{{prisoner}}"));
    g_clear_error (&error);
    g_assert_false (g_file_test (templates, G_FILE_TEST_EXISTS));
    gtk_window_destroy (GTK_WINDOW (editor));
    gtk_window_destroy (GTK_WINDOW (composer));
    dossier_test_run_for (100);
  }
  g_settings_reset (settings, "letter-language");
  dossier_test_remove_dir (dir);
}

/* A notification server of our own on the test's session bus, as a
 * desktop has one: it records what it is asked to show. */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

static GPtrArray *notified;   /* summaries */
static guint32 last_notification_id;

static void
on_notifications_call_cb (GDBusConnection       *connection,
                          const char            *sender,
                          const char            *path,
                          const char            *interface,
                          const char            *method,
                          GVariant              *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;

      g_variant_get (parameters, "(&su&s&s&s@as@a{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, NULL, NULL);
      g_ptr_array_add (notified, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++last_notification_id));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "dossier", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static GDBusConnection *
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  gboolean acquired = FALSE;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  notified = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpuint (g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                       info->interfaces[0], &vtable, NULL, NULL, NULL), >, 0);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired_cb, NULL, &acquired, NULL);
  while (!acquired && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (acquired);
  return bus;
}

/* A followed case's UA closing in two days reminds once, and not after
 * something was done on it. */
/* A logged action has a page: a My Actions row opens it, with all the
 * action says (a 12 KB note whole); Edit corrects it with Undo, Delete
 * removes it with Undo. */
static void
test_action_page (void)
{
  DossierStore *store = dossier_application_get_store (app);
  DossierSection *mine = dossier_window_get_section_widget (window, "my-actions");
  g_autoptr(DossierAction) action = dossier_action_new ();
  DossierRecord *record = DOSSIER_RECORD (action);
  g_autoptr(DossierRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new ("Позвонила в приёмную. ");
  g_autofree char *id = NULL;
  g_autofree char *yesterday = today_plus (-1);
  GtkWidget *page;
  GObject *view;
  DossierLogEditor *editor;
  DossierRecordList *list;
  guint position = G_MAXUINT;

  while (notes->len < 12 * 1024)
    g_string_append (notes, "Секретарь обещала передать письмо. ");
  g_string_append (notes, "КОНЕЦ");
  dossier_record_set_string (record, "ua-id", "ua-065-20");
  dossier_record_set_string (record, "target-id", "target-prosecutor-general-kazakhstan");
  dossier_record_set_string (record, "channel", "letter");
  dossier_record_set_string (record, "date", "2020-05-04");
  dossier_record_set_string (record, "volunteer", "Айгерим Ахметова");
  dossier_record_set_string (record, "notes", notes->str);
  dossier_record_set_string (record, "letter-text", "Уважаемый господин Генеральный прокурор!");
  g_assert_true (dossier_store_log_action (store, action, &error));
  g_assert_no_error (error);
  id = g_strdup (dossier_record_get_id (record));

  /* the row opens the action, not its urgent action */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "my-actions");
  dossier_test_run_for (300);
  list = dossier_section_get_list (mine);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(DossierRecord) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_str_equal (dossier_record_get_id (row), id))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  view = gtk_widget_get_template_child (GTK_WIDGET (mine), DOSSIER_TYPE_SECTION, "list_view");
  g_signal_emit_by_name (view, "activate", position);
  dossier_test_run_for (300);
  g_assert_true (DOSSIER_IS_ACTION (dossier_window_get_shown_record (window)));
  g_assert_cmpstr (dossier_record_get_id (dossier_window_get_shown_record (window)), ==, id);
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Logged Action"));
  page = GTK_WIDGET (window);
  g_assert_true (shows_text (page, notes->str));
  g_assert_true (shows_text (page, "Уважаемый господин Генеральный прокурор!"));
  g_assert_true (shows_text (page, "UA 065/20"));
  g_assert_true (shows_text (page, "Айгерим Ахметова"));
  save_png (GTK_WIDGET (window), "action-page");

  /* Edit: another date and a shorter note; who logged it stays */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-record", NULL));
  dossier_test_run_for (200);
  editor = DOSSIER_LOG_EDITOR (dossier_test_find_toplevel (DOSSIER_TYPE_LOG_EDITOR));
  g_assert_nonnull (editor);
  save_png (GTK_WIDGET (editor), "action-edit");
  dossier_log_editor_set (editor, 3, yesterday, "Исправлено: звонок, не письмо");
  dossier_test_run_for (50);
  g_assert_true (dossier_log_editor_can_log (editor));
  g_assert_true (dossier_log_editor_log (editor, &error));
  g_assert_no_error (error);
  dossier_test_run_for (300);
  stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, id, &error);
  g_assert_cmpstr (dossier_record_get_string (stored, "channel"), ==, "phone");
  g_assert_cmpstr (dossier_record_get_string (stored, "date"), ==, yesterday);
  g_assert_cmpstr (dossier_record_get_string (stored, "notes"), ==, "Исправлено: звонок, не письмо");
  g_assert_cmpstr (dossier_record_get_string (stored, "volunteer"), ==, "Айгерим Ахметова");
  g_assert_cmpstr (dossier_record_get_string (stored, "target-id"), ==, "target-prosecutor-general-kazakhstan");
  g_assert_cmpstr (dossier_record_get_string (stored, "letter-text"), ==, "Уважаемый господин Генеральный прокурор!");
  g_clear_object (&stored);
  /* the page shows the correction */
  page = GTK_WIDGET (window);
  g_assert_true (shows_text (page, "Исправлено: звонок, не письмо"));
  g_assert_false (shows_text (page, "КОНЕЦ"));
  /* and Undo puts it back as it was */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-log", NULL));
  dossier_test_run_for (300);
  stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, id, &error);
  g_assert_cmpstr (dossier_record_get_string (stored, "channel"), ==, "letter");
  g_assert_cmpstr (dossier_record_get_string (stored, "notes"), ==, notes->str);
  g_clear_object (&stored);
  page = GTK_WIDGET (window);
  g_assert_true (shows_text (page, "КОНЕЦ"));

  /* Delete: gone from the store and the list, the page closes; Undo
   * brings it back whole */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  dossier_test_run_for (300);
  stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, id, &error);
  g_assert_null (stored);
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dossier_window_get_shown_record (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  dossier_test_run_for (300);
  stored = dossier_store_fetch (store, DOSSIER_TYPE_ACTION, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_record_get_string (stored, "notes"), ==, notes->str);
  g_assert_cmpstr (dossier_record_get_id (dossier_window_get_shown_record (window)), ==, id);

  /* at 360 px nothing of it is lost */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  dossier_test_run_for (400);
  save_png (GTK_WIDGET (window), "action-page-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  dossier_test_run_for (300);

  /* leave the store as the later tests expect it */
  g_assert_true (dossier_store_delete (store, DOSSIER_TYPE_ACTION, id, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  dossier_test_run_for (200);
}

/* ---- Progress ---- */

static DossierProgressSection *
progress_section (void)
{
  return DOSSIER_PROGRESS_SECTION (dossier_window_get_section_page (window, "progress"));
}

static const char *
progress_label (const char *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (progress_section ()),
                                                  DOSSIER_TYPE_PROGRESS_SECTION, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
log_progress_action (DossierStore *store,
                     GPtrArray    *ids,
                     const char   *channel,
                     const char   *state,
                     const char   *date,
                     const char   *group)
{
  g_autoptr(DossierAction) action = dossier_action_new ();
  g_autoptr(GError) error = NULL;
  DossierRecord *record = DOSSIER_RECORD (action);

  dossier_record_set_string (record, "ua-id", "ua-065-20");
  dossier_record_set_string (record, "target-id", "target-prosecutor-general-kazakhstan");
  dossier_record_set_string (record, "channel", channel);
  dossier_record_set_string (record, "state", state);
  dossier_record_set_string (record, "date", date);
  dossier_record_set_string (record, "volunteer", "Дана Сейтказы");
  dossier_record_set_string (record, "volunteer-group", group);
  g_assert_true (dossier_store_log_action (store, action, &error));
  g_assert_no_error (error);
  g_ptr_array_add (ids, g_strdup (dossier_record_get_id (record)));
}

static char *
number (gint64 n)
{
  return g_strdup_printf ("%'lld", (long long) n);
}

/* The totals and the bars shown are the store's figures for @filter. */
static DossierFigures *
assert_progress_shows (DossierStore              *store,
                       const DossierFigureFilter *filter)
{
  DossierProgressSection *progress = progress_section ();
  g_autoptr(GError) error = NULL;
  DossierFigures *expected = dossier_store_figures (store, filter, &error);
  DossierChart *channels = dossier_chart_card_get_chart (dossier_progress_section_get_card (progress, "channel"));
  g_autofree char *sent = NULL, *replied = NULL, *returned = NULL;

  g_assert_no_error (error);
  sent = number (expected->total.sent);
  replied = number (expected->total.replied);
  returned = number (expected->total.returned);
  g_assert_cmpstr (progress_label ("sent_value"), ==, sent);
  g_assert_cmpstr (progress_label ("replied_value"), ==, replied);
  g_assert_cmpstr (progress_label ("returned_value"), ==, returned);
  g_assert_cmpuint (dossier_chart_get_n_bars (channels), ==, expected->by_channel->len);
  for (guint i = 0; i < expected->by_channel->len; i++)
    {
      DossierFigure *figure = g_ptr_array_index (expected->by_channel, i);
      const DossierChartBar *bar = dossier_chart_get_bar (channels, i);

      g_assert_cmpstr (bar->key, ==, figure->key);
      g_assert_cmpint (bar->value, ==, figure->sent);
      g_assert_cmpint (bar->part, ==, figure->reported);
    }
  return expected;
}

/* The action ids of the rows the drill-down lists. */
static GPtrArray *
entry_rows (DossierProgressEntries *entries,
            guint                  *n_rows)
{
  GtkListBox *list = dossier_progress_entries_get_list (entries);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  *n_rows = 0;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    {
      const char *id = g_object_get_data (G_OBJECT (row), "dossier-action-id");

      (*n_rows)++;
      if (id)
        g_ptr_array_add (ids, g_strdup (id));
    }
  return ids;
}

static gboolean
str_in (GPtrArray  *strings,
        const char *s)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), s) == 0)
      return TRUE;
  return FALSE;
}

/* Progress on the sample campaign and actions logged here: the totals and
 * the bars are the store's figures, a bar lists exactly the actions behind
 * it, an urgent action has a dashboard of its own; in light and dark. */
static void
test_progress_dashboard (void)
{
  DossierStore *store = dossier_application_get_store (app);
  DossierProgressSection *progress = progress_section ();
  DossierProgressEntries *entries = dossier_progress_section_get_entries (progress);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GPtrArray) logged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) behind = NULL;
  g_autoptr(DossierFigures) all = NULL;
  g_autoptr(DossierFigures) of_ua = NULL;
  g_autoptr(GError) error = NULL;
  DossierFigureFilter everything = { NULL, NULL, NULL, NULL };
  DossierFigureFilter ua_only = { NULL, NULL, "ua-065-20", NULL };
  DossierChartCard *channel_card = dossier_progress_section_get_card (progress, "channel");
  g_autofree char *heading = NULL;
  g_autofree char *count = NULL;
  guint letter = G_MAXUINT, n_rows = 0;
  gint64 letters_sent = 0;

  if (!dossier_store_contains (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", NULL))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
      g_assert_true (dossier_test_wait_while (window, "busy", 20000));
    }
  log_progress_action (store, logged, "letter", "sent", "2025-04-07", "Amnesty Almaty");
  log_progress_action (store, logged, "letter", "replied", "2025-04-09", "Amnesty Almaty");
  log_progress_action (store, logged, "letter", "returned", "2025-04-14", "");
  log_progress_action (store, logged, "email", "sent", "2025-04-15", "Amnesty Almaty");
  log_progress_action (store, logged, "phone", "sent", "2025-05-02", "Hochschulgruppe Leipzig");
  /* begun, not sent: counted nowhere */
  log_progress_action (store, logged, "letter", "drafted", "2025-04-08", "Amnesty Almaty");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "progress");
  dossier_test_run_for (300);
  g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "dashboard");
  all = assert_progress_shows (store, &everything);
  g_assert_cmpint (all->total.sent, >=, 5);
  g_assert_cmpint (all->total.replied, >=, 1);
  g_assert_cmpint (all->total.returned, >=, 1);
  /* the header says the total sent */
  count = g_strdup_printf (ngettext ("%'lld action sent", "%'lld actions sent", (gulong) all->total.sent),
                           (long long) all->total.sent);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->content_title), ==, count);
  save_png (GTK_WIDGET (window), "progress");

  /* the letters' bar: exactly the letters that went out */
  for (guint i = 0; i < all->by_channel->len; i++)
    if (g_str_equal (((DossierFigure *) g_ptr_array_index (all->by_channel, i))->key, "letter"))
      {
        letter = i;
        letters_sent = ((DossierFigure *) g_ptr_array_index (all->by_channel, i))->sent;
      }
  g_assert_cmpuint (letter, !=, G_MAXUINT);
  g_signal_emit_by_name (channel_card, "bar-activated", letter, "letter");
  dossier_test_run_for (200);
  g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "entries");
  g_assert_nonnull (strstr (dossier_progress_entries_get_heading (entries),
                            dossier_enum_label (DOSSIER_ENUM_CHANNEL, "letter")));
  shown = entry_rows (entries, &n_rows);
  {
    DossierFigureSelection selection = { .filter = everything, .channel = "letter" };

    behind = dossier_store_figure_entries (store, &selection, NULL, 1000, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (n_rows, ==, behind->len);
  g_assert_cmpint (n_rows, ==, letters_sent);
  for (guint i = 0; i < behind->len; i++)
    {
      DossierFigureEntry *entry = g_ptr_array_index (behind, i);

      g_assert_cmpstr (entry->channel, ==, "letter");
      if (entry->action_id)
        g_assert_true (str_in (shown, entry->action_id));
    }
  /* the three letters logged here that went out, not the draft */
  g_assert_true (str_in (shown, g_ptr_array_index (logged, 0)));
  g_assert_true (str_in (shown, g_ptr_array_index (logged, 1)));
  g_assert_true (str_in (shown, g_ptr_array_index (logged, 2)));
  g_assert_false (str_in (shown, g_ptr_array_index (logged, 3)));
  g_assert_false (str_in (shown, g_ptr_array_index (logged, 5)));
  save_png (GTK_WIDGET (window), "progress-letters");

  /* a row opens its action; Back comes back to the list */
  {
    GtkListBox *list = dossier_progress_entries_get_list (entries);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

    g_assert_nonnull (row);
    g_assert_true (gtk_list_box_row_get_activatable (row));
    g_signal_emit_by_name (list, "row-activated", row);
    dossier_test_run_for (300);
    g_assert_true (DOSSIER_IS_ACTION (dossier_window_get_shown_record (window)));
    g_assert_cmpstr (dossier_record_get_id (dossier_window_get_shown_record (window)), ==,
                     g_object_get_data (G_OBJECT (row), "dossier-action-id"));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
    dossier_test_run_for (200);
    g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "entries");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (entries), "progress.back", NULL));
  dossier_test_run_for (100);
  g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "dashboard");

  /* the Replies total lists the replies */
  {
    GObject *row = gtk_widget_get_template_child (GTK_WIDGET (progress), DOSSIER_TYPE_PROGRESS_SECTION, "replied_row");
    GObject *totals = gtk_widget_get_template_child (GTK_WIDGET (progress), DOSSIER_TYPE_PROGRESS_SECTION, "totals_list");
    g_autoptr(GPtrArray) replies = NULL;

    g_signal_emit_by_name (totals, "row-activated", row);
    dossier_test_run_for (200);
    g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "entries");
    replies = entry_rows (entries, &n_rows);
    g_assert_cmpint (n_rows, ==, all->total.replied);
    g_assert_true (str_in (replies, g_ptr_array_index (logged, 1)));
    g_assert_false (str_in (replies, g_ptr_array_index (logged, 0)));
    gtk_widget_activate_action (GTK_WIDGET (entries), "progress.back", NULL);
  }

  /* an urgent action's own dashboard, from its row */
  {
    GObject *list = gtk_widget_get_template_child (GTK_WIDGET (progress), DOSSIER_TYPE_PROGRESS_SECTION, "uas_list");
    GtkListBoxRow *row = NULL, *r;
    DossierChartCard *targets = dossier_progress_section_get_card (progress, "target");

    for (int i = 0; (r = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)); i++)
      if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (r)), "ua-065-20"))
        row = r;
    if (row == NULL)
      {
        /* not among the first: Show All */
        GObject *more = gtk_widget_get_template_child (GTK_WIDGET (progress), DOSSIER_TYPE_PROGRESS_SECTION,
                                                       "uas_more_button");

        g_signal_emit_by_name (more, "clicked");
        for (int i = 0; (r = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)); i++)
          if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (r)), "ua-065-20"))
            row = r;
      }
    g_assert_nonnull (row);
    g_assert_true (shows_text (GTK_WIDGET (row), "UA 065/20"));
    g_signal_emit_by_name (list, "row-activated", row);
    dossier_test_run_for (300);
    of_ua = assert_progress_shows (store, &ua_only);
    g_assert_cmpint (of_ua->total.sent, >=, 5);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (targets)));
    g_assert_cmpuint (dossier_chart_get_n_bars (dossier_chart_card_get_chart (targets)), ==, of_ua->by_target->len);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dossier_progress_section_get_card (progress, "group"))));
    g_assert_cmpuint (dossier_chart_get_n_bars (dossier_chart_card_get_chart (dossier_progress_section_get_card (progress, "group"))),
                      ==, of_ua->by_group->len);
    g_assert_true (shows_text (GTK_WIDGET (progress), "UA 065/20"));
    save_png (GTK_WIDGET (window), "progress-ua");

    /* its group's bar: the actions of that group for this UA */
    {
      g_autoptr(GPtrArray) of_group = NULL;

      for (guint i = 0; i < of_ua->by_group->len; i++)
        {
          DossierFigure *figure = g_ptr_array_index (of_ua->by_group, i);

          if (!g_str_equal (figure->key, "Amnesty Almaty"))
            continue;
          g_signal_emit_by_name (dossier_progress_section_get_card (progress, "group"), "bar-activated", i, figure->key);
          dossier_test_run_for (200);
          of_group = entry_rows (entries, &n_rows);
          g_assert_cmpint (n_rows, ==, figure->sent);
          g_assert_true (str_in (of_group, g_ptr_array_index (logged, 0)));
          g_assert_false (str_in (of_group, g_ptr_array_index (logged, 2)));
          g_assert_nonnull (strstr (dossier_progress_entries_get_heading (entries), "UA 065/20"));
          gtk_widget_activate_action (GTK_WIDGET (entries), "progress.back", NULL);
        }
      g_assert_nonnull (of_group);
    }

    /* in the dark style too */
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    dossier_test_run_for (200);
    save_png (GTK_WIDGET (window), "progress-ua-dark");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (progress), "progress.back", NULL));
    dossier_test_run_for (300);
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (targets)));
    save_png (GTK_WIDGET (window), "progress-dark");
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    dossier_test_run_for (200);
  }
  g_clear_pointer (&all, dossier_figures_free);
  all = assert_progress_shows (store, &everything);

  /* a change of the store shows at once */
  letters_sent = all->total.sent;
  log_progress_action (store, logged, "letter", "sent", "2025-05-05", "");
  dossier_test_run_for (200);
  g_clear_pointer (&all, dossier_figures_free);
  all = assert_progress_shows (store, &everything);
  g_assert_cmpint (all->total.sent, ==, letters_sent + 1);
}


/* Every screen at 360 × 720, the narrowest GNOME window: the window is
 * that wide, and no label of ours is cut with an ellipsis (text from the
 * store in a list's row may be: its page shows it whole). */
static void
check_not_cut_at (GtkWidget  *widget,
                  const char *screen,
                  int         max_width,
                  GString    *problems)
{
  g_autoptr(GPtrArray) cut = NULL;
  int width;

  dossier_test_run_for (300);
  save_png (widget, screen);
  width = gtk_widget_get_width (widget);
  if (max_width > 0 && width > max_width)
    g_string_append_printf (problems, "%s: %d px wide\n", screen, width);
  cut = dossier_test_find_cut_labels (widget);
  for (guint i = 0; i < cut->len; i++)
    g_string_append_printf (problems, "%s: %s is cut\n", screen, (char *) cut->pdata[i]);
}

static void
check_not_cut (GtkWidget  *widget,
               const char *screen,
               GString    *problems)
{
  check_not_cut_at (widget, screen, 360, problems);
}

static void
narrow (GtkWindow *w)
{
  gtk_window_set_default_size (w, 360, 720);
  dossier_test_run_for (300);
}

static void
test_narrow_screens (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWindow *other;
  DossierComposer *composer;

  narrow (GTK_WINDOW (window));
  /* a toast with Undo, as after a change of state, says all of it */
  {
    GObject *overlay = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "toast_overlay");
    AdwToast *toast = adw_toast_new_format (_("Marked as: %s"),
                                            dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, "returned"));

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_timeout (toast, 0);
    dossier_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    dossier_test_run_for (600);
    check_not_cut (GTK_WIDGET (window), "narrow-toast", problems);
    adw_toast_dismiss (toast);
  }
  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("narrow-%s", section_ids[i]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", section_ids[i]);
      check_not_cut (GTK_WIDGET (window), name, problems);
    }
  /* My Actions' four filters fold behind one button rather than take
   * four rows */
  {
    GtkWidget *my_actions = GTK_WIDGET (dossier_window_get_section_page (window, "my-actions"));
    DossierMyActionsBar *bar = dossier_my_actions_section_get_bar (DOSSIER_MY_ACTIONS_SECTION (my_actions));

    g_assert_true (dossier_my_actions_bar_is_compact (bar));
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (bar)), <, 120);
    gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "my-actions");
    dossier_test_run_for (400);
    g_assert_false (dossier_my_actions_bar_is_compact (bar));
    narrow (GTK_WINDOW (window));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierUrgentAction", "ua-065-20");
  check_not_cut (GTK_WIDGET (window), "narrow-ua-page", problems);
  /* the page's title is there, Edit and Delete in the menu beside it */
  g_assert_true (shows_text (GTK_WIDGET (window), C_("page title", "Urgent Action")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->page_menu_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->edit_button)));
  /* what search looks in is said in a word there */
  {
    GObject *bar = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "search_bar");

    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (bar), TRUE);
    check_not_cut (GTK_WIDGET (window), "narrow-search", problems);
    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (bar), FALSE);
    dossier_test_run_for (200);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierCase", "case-alnur-ilyashev");
  check_not_cut (GTK_WIDGET (window), "narrow-case-page", problems);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  dossier_test_run_for (200);

  composer = open_composer ();
  narrow (GTK_WINDOW (composer));
  check_not_cut (GTK_WIDGET (composer), "narrow-composer", problems);
  gtk_window_destroy (GTK_WINDOW (composer));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dossier_test_run_for (300);
  other = dossier_test_find_toplevel (DOSSIER_TYPE_PREFERENCES);
  narrow (other);
  check_not_cut (GTK_WIDGET (other), "narrow-preferences", problems);
  gtk_window_destroy (other);

  /* The shortcuts window is not here: it is for a keyboard, and GTK 4.8
   * lays its groups out in columns of a fixed width (as every GNOME app's
   * shortcuts window). */

  /* and at the sizes they open with */
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  dossier_test_run_for (300);
  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("wide-%s", section_ids[i]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", section_ids[i]);
      check_not_cut_at (GTK_WIDGET (window), name, 0, problems);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierUrgentAction", "ua-065-20");
  check_not_cut_at (GTK_WIDGET (window), "wide-ua-page", 0, problems);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierCase", "case-alnur-ilyashev");
  check_not_cut_at (GTK_WIDGET (window), "wide-case-page", 0, problems);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  dossier_test_run_for (200);
  composer = open_composer ();
  check_not_cut_at (GTK_WIDGET (composer), "wide-composer", 0, problems);
  gtk_window_destroy (GTK_WINDOW (composer));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dossier_test_run_for (300);
  other = dossier_test_find_toplevel (DOSSIER_TYPE_PREFERENCES);
  check_not_cut_at (GTK_WIDGET (other), "wide-preferences", 0, problems);
  gtk_window_destroy (other);

  if (problems->len)
    g_test_message ("Cut or too wide:\n%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
}

static void
test_reminders (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GSettings *settings = dossier_application_get_settings (app);
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(DossierAction) action = dossier_action_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline = today_plus (2);
  g_autofree char *key = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_auto(GStrv) reminded = NULL;
  const char *case_ids[2] = { NULL, NULL };

  dossier_record_set_string (kase, "name", "Жанна Ахметова");
  dossier_record_set_boolean (kase, "followed", TRUE);
  g_assert_true (dossier_store_create (store, kase, &error));
  case_ids[0] = dossier_record_get_id (kase);
  dossier_record_set_string (ua, "reference", "UA 303/26");
  dossier_record_set_string (ua, "deadline", deadline);
  dossier_record_set_strv (ua, "case-ids", case_ids);
  dossier_store_create (store, ua, &error);
  g_assert_no_error (error);
  g_settings_set_uint (settings, "reminder-days", 3);
  g_settings_set_boolean (settings, "notifications", TRUE);
  bus = start_notification_server ();

  /* the Actions list says how close the deadline is, in the warning colour */
  {
    g_autofree char *left = g_strdup_printf (ngettext ("%d day left", "%d days left", 2), 2);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "actions");
    dossier_test_run_for (400);
    g_assert_true (shows_text (GTK_WIDGET (dossier_window_get_section_widget (window, "actions")), left));
    save_png (GTK_WIDGET (window), "actions-deadline-close");
  }

  g_assert_cmpuint (dossier_reminders_check (G_APPLICATION (app), store, settings), ==, 1);
  g_assert_cmpuint (dossier_reminders_check (G_APPLICATION (app), store, settings), ==, 0);
  dossier_test_run_for (300);
  /* the desktop was asked once, with the reference and the days left */
  g_assert_cmpuint (notified->len, ==, 1);
  g_test_message ("notified: %s", (char *) notified->pdata[0]);
  g_assert_nonnull (strstr (notified->pdata[0], "UA 303/26"));
  g_assert_nonnull (strstr (notified->pdata[0], "2"));
  reminded = g_settings_get_strv (settings, "reminded");
  key = g_strdup_printf ("%s@%s", dossier_record_get_id (ua), deadline);
  g_assert_true (g_strv_contains ((const char * const *) reminded, key));

  /* acted on: no longer due */
  dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", dossier_record_get_id (ua));
  g_assert_true (dossier_store_log_action (store, action, &error));
  {
    g_autofree char *today = today_plus (0);
    g_autoptr(GPtrArray) due = dossier_store_find_due (store, today, 3, &error);

    g_assert_cmpuint (due->len, ==, 0);
  }
  /* clicking the notification opens the UA */
  g_assert_true (g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                                "org.freedesktop.Notifications", "ActionInvoked",
                                                g_variant_new ("(us)", last_notification_id, "default"), NULL));
  dossier_test_run_for (500);
  g_assert_true (shows_text (GTK_WIDGET (window), "UA 303/26"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  dossier_test_run_for (100);
}

/* A store written by a newer Dossier: the window says so instead of crashing. */
/* The cases a UA is for: a searchable chooser that takes several, in
 * any script; the order they were picked in is kept, and unticking one
 * takes it off. */
static void
test_ua_form_cases (void)
{
  DossierStore *store = dossier_application_get_store (app);
  g_autoptr(DossierRecord) ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", NULL);
  g_autoptr(DossierRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *two = NULL;
  GtkWidget *editor, *chooser;
  GObject *case_row, *search, *results, *done;
  GtkListBoxRow *first;
  const char * const *ids;

  g_assert_nonnull (ua);
  editor = GTK_WIDGET (dossier_ua_editor_new (GTK_WINDOW (window), store, ua));
  gtk_window_present (GTK_WINDOW (editor));
  dossier_test_run_for (200);
  case_row = gtk_widget_get_template_child (editor, DOSSIER_TYPE_UA_EDITOR, "case_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (case_row)), ==, "Alnur Ilyashev");

  /* the chooser opens with the case ticked, and finds another by its
   * Cyrillic name */
  g_signal_emit_by_name (case_row, "activated");
  dossier_test_run_for (200);
  chooser = GTK_WIDGET (dossier_test_find_toplevel (DOSSIER_TYPE_CASE_CHOOSER));
  g_assert_nonnull (chooser);
  done = gtk_widget_get_template_child (chooser, DOSSIER_TYPE_CASE_CHOOSER, "done_button");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (done)));
  results = gtk_widget_get_template_child (chooser, DOSSIER_TYPE_CASE_CHOOSER, "results");
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Alnur Ilyashev");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (first)))));
  search = gtk_widget_get_template_child (chooser, DOSSIER_TYPE_CASE_CHOOSER, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), "Бокаев");
  dossier_test_run_for (400);
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Maks Bokayev");
  g_signal_emit_by_name (search, "activate");
  dossier_test_run_for (50);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (first)))));
  save_png (chooser, "case-chooser-several");
  g_signal_emit_by_name (done, "clicked");
  dossier_test_run_for (200);
  g_assert_null (dossier_test_find_toplevel (DOSSIER_TYPE_CASE_CHOOSER));
  two = g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", 1), "Alnur Ilyashev", 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (case_row)), ==, two);
  g_assert_true (dossier_ua_editor_save (DOSSIER_UA_EDITOR (editor)));
  dossier_test_run_for (200);
  stored = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  ids = dossier_record_get_strv (stored, "case-ids");
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "case-alnur-ilyashev");
  g_assert_cmpstr (ids[1], ==, "case-maks-bokayev");
  g_clear_object (&stored);

  /* unticked, the second goes again */
  editor = GTK_WIDGET (dossier_ua_editor_new (GTK_WINDOW (window), store, ua));
  gtk_window_present (GTK_WINDOW (editor));
  dossier_test_run_for (200);
  case_row = gtk_widget_get_template_child (editor, DOSSIER_TYPE_UA_EDITOR, "case_row");
  g_signal_emit_by_name (case_row, "activated");
  dossier_test_run_for (200);
  chooser = GTK_WIDGET (dossier_test_find_toplevel (DOSSIER_TYPE_CASE_CHOOSER));
  results = gtk_widget_get_template_child (chooser, DOSSIER_TYPE_CASE_CHOOSER, "results");
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Maks Bokayev");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (first))), FALSE);
  done = gtk_widget_get_template_child (chooser, DOSSIER_TYPE_CASE_CHOOSER, "done_button");
  g_signal_emit_by_name (done, "clicked");
  dossier_test_run_for (200);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (case_row)), ==, "Alnur Ilyashev");
  g_assert_true (dossier_ua_editor_save (DOSSIER_UA_EDITOR (editor)));
  dossier_test_run_for (200);
  stored = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  ids = dossier_record_get_strv (stored, "case-ids");
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, "case-alnur-ilyashev");
}

static void
test_store_error_shown (void)
{
  g_autofree char *tmp = dossier_test_make_dir ();
  g_autofree char *dir = g_build_filename (tmp, "R&D <x>", NULL);
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(DossierApplication) other = NULL;
  g_autoptr(GError) error = NULL;
  DossierWindow *error_window;
  sqlite3 *db;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 42", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  other = dossier_application_new ();
  dossier_application_set_data_dir (other, dir);
  g_application_set_application_id (G_APPLICATION (other), "org.example.Dossier.Test2");
  g_assert_true (g_application_register (G_APPLICATION (other), NULL, &error));
  g_application_activate (G_APPLICATION (other));
  error_window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (other)));
  g_assert_nonnull (error_window);
  g_assert_true (dossier_test_wait_while (error_window, "busy", 20000));
  dossier_test_run_for (300);
  g_assert_null (dossier_application_get_store (other));
  g_assert_error (dossier_application_get_store_error (other), DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_TOO_NEW);
  error_window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (other)));
  g_assert_nonnull (error_window);
  {
    GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (error_window), DOSSIER_TYPE_WINDOW, "main_stack");
    GObject *page = gtk_widget_get_template_child (GTK_WIDGET (error_window), DOSSIER_TYPE_WINDOW, "error_page");
    g_autofree char *expected = g_markup_escape_text (dossier_application_get_store_error (other)->message, -1);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
    /* the path holds & and <: shown as text, not lost as bad markup */
    g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==, expected);
    g_assert_nonnull (strstr (dossier_application_get_store_error (other)->message, "R&D <x>"));
  }
  save_png (GTK_WIDGET (error_window), "window-store-error");
  gtk_window_destroy (GTK_WINDOW (error_window));
  dossier_test_run_for (50);
  dossier_test_remove_dir (tmp);
}

/* How often @marker (ASCII, either case) is in the bytes of the store's
 * file, its -wal and its -shm, as they are on disk now. Another process
 * reads them: closing a descriptor of a file drops every POSIX lock this
 * process holds on it, the store's own, and another program (`dossier`
 * in a later test) could then take the store for unused and clear its
 * -shm under the window's connection. */
static guint
count_in_store_files (const char *marker)
{
  const char *path = dossier_store_get_path (dossier_application_get_store (app));
  const char *suffixes[] = { "", "-wal", "-shm" };
  gsize n_marker = strlen (marker);
  guint n = 0;

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[s], NULL);
      g_autoptr(GSubprocess) cat = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const char *contents;
      gsize length = 0;

      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        continue;
      cat = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                              "cat", file, NULL);
      g_assert_nonnull (cat);
      g_assert_true (g_subprocess_communicate (cat, NULL, NULL, &bytes, NULL, NULL));
      contents = g_bytes_get_data (bytes, &length);
      for (gsize i = 0; i + n_marker <= length; i++)
        if (g_ascii_strncasecmp (contents + i, marker, n_marker) == 0)
          n++;
    }
  return n;
}

/* Waits, up to 10 s, for the store's files to lose @marker: the store is
 * scrubbed in a worker. */
static guint
wait_for_marker_gone (const char *marker)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint n;

  while ((n = count_in_store_files (marker)) > 0 && g_get_monotonic_time () < end)
    dossier_test_run_for (100);
  g_test_message ("“%s” %u times in the store's files", marker, n);
  return n;
}

/* A button under @widget showing the icon @icon_name. */
static GtkWidget *
find_icon_button (GtkWidget  *widget,
                  const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon_button (child, icon_name);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)))
        return found;
    }
  return NULL;
}

/* A deletion's text stays in the files while its toast offers Undo, and
 * is gone from them once the toast goes: closed here, as a person closes
 * it, and then Undo no longer brings it back. */
static void
test_deletion_final (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GObject *overlay = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "toast_overlay");
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());
  g_autoptr(GError) error = NULL;
  GtkWidget *close;

  dossier_record_set_id (kase, "case-qwzxvdel");
  dossier_record_set_string (kase, "name", "Qwzxvdel Person");
  dossier_record_set_string (kase, "status", "detained");
  dossier_record_set_string (kase, "notes", "My notes on Qwzxvdel");
  g_assert_true (dossier_store_create (store, kase, &error));
  dossier_record_set_string (event, "case-id", "case-qwzxvdel");
  dossier_record_set_string (event, "kind", "hearing");
  dossier_record_set_string (event, "date", "2022-04-01");
  dossier_record_set_string (event, "text", "Qwzxvdel spoke to the court.");
  g_assert_true (dossier_store_create (store, event, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierCase", "case-qwzxvdel"));
  dossier_test_run_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", NULL));
  dossier_test_run_for (800);
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-qwzxvdel", NULL));
  g_assert_cmpuint (count_in_store_files ("qwzxvdel"), >, 0);

  close = find_icon_button (GTK_WIDGET (overlay), "window-close-symbolic");
  g_assert_nonnull (close);
  g_signal_emit_by_name (close, "clicked");
  g_assert_cmpuint (wait_for_marker_gone ("qwzxvdel"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  dossier_test_run_for (200);
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-qwzxvdel", NULL));
}

/* Forget This Case…, at the end of a case's page: a dialog says what goes
 * and what stays, with the numbers; Cancel changes nothing; Forget takes
 * the case with what is about it alone, closes a composer writing about it
 * (its draft goes too), and returns to the list. */
static void
test_forget_case (void)
{
  DossierStore *store = dossier_application_get_store (app);
  GObject *content_stack = gtk_widget_get_template_child (GTK_WIDGET (window), DOSSIER_TYPE_WINDOW, "content_stack");
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) other = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) only = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(DossierRecord) shared = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
  g_autoptr(DossierQuery) on_only = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(GError) error = NULL;
  g_autofree char *events_line = NULL;
  g_autofree char *actions_line = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  DossierComposer *composer;

  dossier_record_set_id (kase, "case-forget-me");
  dossier_record_set_string (kase, "name", "Forget-Me Testcase");
  dossier_record_set_string (kase, "status", "detained");
  g_assert_true (dossier_store_create (store, kase, &error));
  dossier_record_set_string (other, "name", "Stays Testcase");
  dossier_record_set_string (other, "status", "detained");
  g_assert_true (dossier_store_create (store, other, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DossierRecord) event = DOSSIER_RECORD (dossier_case_event_new ());

      dossier_record_set_string (event, "case-id", "case-forget-me");
      dossier_record_set_string (event, "kind", "hearing");
      dossier_record_set_string (event, "date", "2022-03-01");
      dossier_record_set_string (event, "text", "Qwzxvfgt was heard.");
      g_assert_true (dossier_store_create (store, event, &error));
    }
  {
    const char *alone[] = { "case-forget-me", NULL };
    const char *both[] = { dossier_record_get_id (other), "case-forget-me", NULL };

    dossier_record_set_id (only, "ua-forget-only");
    dossier_record_set_string (only, "reference", "UA 77/22");
    dossier_record_set_string (only, "status", "open");
    dossier_record_set_strv (only, "case-ids", alone);
    g_assert_true (dossier_store_create (store, only, &error));
    dossier_record_set_string (shared, "reference", "UA 78/22");
    dossier_record_set_string (shared, "status", "open");
    dossier_record_set_strv (shared, "case-ids", both);
    g_assert_true (dossier_store_create (store, shared, &error));
  }
  dossier_record_set_string (action, "ua-id", "ua-forget-only");
  dossier_record_set_string (action, "channel", "letter");
  dossier_record_set_string (action, "date", "2022-03-02");
  dossier_record_set_string (action, "state", "sent");
  g_assert_true (dossier_store_create (store, action, &error));
  g_assert_no_error (error);
  dossier_query_filter_text (on_only, "ua-id", DOSSIER_QUERY_EQ, "ua-forget-only");

  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "cases");
  dossier_test_run_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)",
                                             "DossierCase", "case-forget-me"));
  dossier_test_run_for (300);
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
  /* the button is on the page, for the eye and the keyboard */
  {
    GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (content_stack));
    GtkWidget *button = find_by_mnemonic_label (page, _("_Forget This Case…"));

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_focusable (button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "page.forget-case");
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      dossier_test_run_for (100);
      g_assert_true (gtk_widget_get_mapped (button));
      save_png (GTK_WIDGET (window), "case-page-forget");
    }
  }
  /* a composer writing about this case alone */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write", "(ss)", "ua-forget-only", ""));
  dossier_test_run_for (300);
  composer = DOSSIER_COMPOSER (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));
  g_assert_nonnull (composer);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (dossier_composer_get_text_view (composer));
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "P.S. Free Qwzxvfgt.\n", -1);
  }
  gtk_window_present (GTK_WINDOW (window));
  dossier_test_run_for (100);

  /* the question, with what goes and what stays */
  events_line = g_strdup_printf (ngettext ("%u event of its timeline", "%u events of its timeline", 2), 2);
  actions_line = g_strdup_printf (ngettext ("%u logged action, with its notes", "%u logged actions, with their notes", 1), 1);
  heading = g_strdup_printf (_("Forget “%s”?"), "Forget-Me Testcase");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-case", NULL));
  dossier_test_run_for (300);
  dialog = ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s\n%s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), events_line));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), actions_line));
  {
    g_autofree char *emptied = g_strdup_printf (ngettext ("%u urgent action about this case alone stays, without its "
                                                          "actions: it is the campaign’s, and may still name the person. "
                                                          "Delete it from its page if it should go too.",
                                                          "%u urgent actions about this case alone stay, without their "
                                                          "actions: they are the campaign’s, and may still name the "
                                                          "person. Delete them from their pages if they should go too.",
                                                          1), 1);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), emptied));
  }
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "forget"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  save_png (GTK_WIDGET (dialog), "forget-case");

  /* Cancel: nothing changes */
  click_response (dialog, _("_Cancel"));
  dossier_test_run_for (200);
  g_assert_null (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  {
    g_autoptr(DossierRecord) still = dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-forget-me", &error);

    g_assert_no_error (error);
    g_assert_nonnull (still);
  }
  {
    /* (the composer keeps its letter as a draft meanwhile) */
    g_autoptr(DossierRecord) logged = dossier_store_fetch (store, DOSSIER_TYPE_ACTION,
                                                           dossier_record_get_id (action), &error);

    g_assert_no_error (error);
    g_assert_nonnull (logged);
  }
  g_assert_cmpstr (visible_title (), ==, C_("page title", "Case"));
  g_assert_nonnull (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));

  /* Forget: the case, its events, the action and the composer's draft go;
   * the urgent actions and the other case stay; the list shows again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-case", NULL));
  dossier_test_run_for (300);
  dialog = ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  click_response (dialog, C_("case", "_Forget"));
  dossier_test_run_for (400);
  g_assert_null (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (dossier_test_find_toplevel (DOSSIER_TYPE_COMPOSER));
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-forget-me", NULL));
  g_assert_cmpint (dossier_store_count (store, on_only, NULL), ==, 0);
  {
    g_autoptr(DossierQuery) events = dossier_query_new (DOSSIER_TYPE_CASE_EVENT);
    g_autoptr(DossierRecord) ua = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, "ua-forget-only", &error);
    g_autoptr(DossierRecord) ua2 = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION,
                                                        dossier_record_get_id (shared), &error);

    g_assert_no_error (error);
    dossier_query_filter_text (events, "case-id", DOSSIER_QUERY_EQ, "case-forget-me");
    g_assert_cmpint (dossier_store_count (store, events, NULL), ==, 0);
    g_assert_null (dossier_record_get_strv (ua, "case-ids"));
    g_assert_cmpstr (dossier_record_get_strv (ua2, "case-ids")[0], ==, dossier_record_get_id (other));
    g_assert_null (dossier_record_get_strv (ua2, "case-ids")[1]);
    {
      g_autoptr(DossierRecord) kept = dossier_store_fetch (store, DOSSIER_TYPE_CASE, dossier_record_get_id (other), NULL);

      g_assert_nonnull (kept);
    }
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content_stack)), ==, "sections");
  g_assert_cmpstr (dossier_window_get_section (window), ==, "cases");
  /* and none of it is left in the store's files once it is scrubbed */
  g_assert_cmpuint (wait_for_marker_gone ("qwzxvfgt"), ==, 0);
  /* nothing to undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  dossier_test_run_for (100);
  g_assert_null (dossier_store_fetch (store, DOSSIER_TYPE_CASE, "case-forget-me", NULL));
  save_png (GTK_WIDGET (window), "forget-case-done");
}

/* The passphrase dialog the window shows: typed into as a person would. */
static AdwMessageDialog *
passphrase_dialog (void)
{
  GtkWindow *dialog;

  dossier_test_run_for (200);
  dialog = dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_named (GTK_WIDGET (dialog), "passphrase"));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
type_into (AdwMessageDialog *dialog,
           const char       *name,
           const char       *text)
{
  GtkWidget *row = find_named (GTK_WIDGET (dialog), name);

  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gint64
count_cases (DossierStore *store)
{
  g_autoptr(DossierQuery) cases = dossier_query_new (DOSSIER_TYPE_CASE);

  return dossier_store_count (store, cases, NULL);
}

/* Back Up… and Restore…: the passphrase asked twice, a wrong one refused
 * with the store as it was, the right one bringing back what the backup
 * holds in a window opened again on the restored store. */
static void
test_backup_and_restore (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "window.dossier-backup", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DossierStore *store = dossier_application_get_store (app);
  g_autoptr(DossierCase) extra = dossier_case_new ();
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gpointer old_window;
  gint64 before, end;
  GtkWindow *shown;

  /* run alone (-p), the store has nothing yet: the sample */
  if (count_cases (store) == 0)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
      g_assert_true (dossier_test_wait_while (window, "busy", 20000));
    }
  before = count_cases (store);
  g_assert_cmpint (before, >, 0);

  dossier_window_backup_file (window, file);
  dialog = passphrase_dialog ();
  g_assert_nonnull (find_named (GTK_WIDGET (dialog), "passphrase-again"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "backup"));
  type_into (dialog, "passphrase", "Алма-Ата 1986");
  type_into (dialog, "passphrase-again", "Алма-Ата 198");
  /* two that differ: said under them, and nothing to confirm */
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "mismatch")));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "backup"));
  type_into (dialog, "passphrase-again", "Алма-Ата 1986");
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "mismatch")));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "backup"));
  save_png (GTK_WIDGET (dialog), "backup-passphrase");
  /* as a click does: the response, then the dialog closes */
  adw_message_dialog_response (dialog, "backup");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (dossier_window_get_busy (window));
  g_assert_true (dossier_test_wait_while (window, "busy", 30000));
  dossier_test_run_for (200);
  dialog = ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  if (dialog)
    g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_null (dialog);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* a case added after the backup */
  dossier_record_set_string (DOSSIER_RECORD (extra), "name", "Added after the backup");
  g_assert_true (dossier_store_create (store, DOSSIER_RECORD (extra), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (store), ==, before + 1);

  /* a wrong passphrase: a dialog says so, the window and its store stay */
  dossier_window_restore_file (window, file);
  dialog = passphrase_dialog ();
  g_assert_null (find_named (GTK_WIDGET (dialog), "passphrase-again"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "restore"));
  type_into (dialog, "passphrase", "Алма-Ата 1987");
  save_png (GTK_WIDGET (dialog), "restore-passphrase");
  /* as a click does: the response, then the dialog closes */
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (dossier_test_wait_while (window, "busy", 30000));
  dossier_test_run_for (300);
  dialog = ADW_MESSAGE_DIALOG (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Nothing Was Restored"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), _("Dossier’s store is as it was.")));
  save_png (GTK_WIDGET (dialog), "restore-wrong-passphrase");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (dossier_application_get_store (app) == store);
  g_assert_cmpint (count_cases (store), ==, before + 1);

  /* the right one: the window closes, and opens again on the backup */
  old_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  dossier_window_restore_file (window, file);
  dialog = passphrase_dialog ();
  type_into (dialog, "passphrase", "Алма-Ата 1986");
  /* as a click does: the response, then the dialog closes */
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      shown = gtk_application_get_active_window (GTK_APPLICATION (app));
      if (shown && (gpointer) shown != old_window && dossier_application_get_store (app) &&
          !dossier_window_get_busy (DOSSIER_WINDOW (shown)))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  /* nothing kept the old window, nor its store */
  g_assert_null (window);
  window = DOSSIER_WINDOW (shown);
  dossier_test_run_for (500);
  g_assert_null (dossier_application_get_store_error (app));
  g_assert_cmpint (count_cases (dossier_application_get_store (app)), ==, before);
  g_assert_cmpint (dossier_store_contains (dossier_application_get_store (app), DOSSIER_TYPE_CASE,
                                           dossier_record_get_id (DOSSIER_RECORD (extra)), NULL), ==, 0);
  /* no error: the restored backup is said in a toast */
  g_assert_null (dossier_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (dossier_section_is_empty (dossier_window_get_section_widget (window, "cases")));
  save_png (GTK_WIDGET (window), "restored");
  {
    /* nothing left beside the store */
    g_autofree char *store_dir = g_path_get_dirname (dossier_store_get_path (dossier_application_get_store (app)));
    g_autoptr(GDir) d = g_dir_open (store_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      g_assert_false (g_str_has_prefix (name, ".dossier-"));
  }
  dossier_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  /* Before any gettext: the language of this run */
  lang = g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";
  setlocale (LC_ALL, "");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme from GTK. The
   * store lives in a data dir of the test's own and settings in memory. */
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

  /* Xvfb has no compositor to pace frames: an animation can stall and a
   * toast be hidden before it has finished showing, which libadwaita 1.2
   * does not survive. People's desktops animate; the tests do not. */
  gtk_init ();
  /* the window's buttons as GNOME places them (its default), whatever
   * the machine running the tests says: Close alone */
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
  /* the store opens in a worker thread */
  g_assert_true (dossier_test_wait_while (window, "busy", 20000));
  dossier_test_run_for (500);

  g_test_add_func ("/ui/01-window-opens", test_opens);
  g_test_add_func ("/ui/02-window-sections-by-click", test_sections_by_click);
  g_test_add_func ("/ui/03-window-sections-by-keyboard-focus", test_sections_by_keyboard_focus);
  g_test_add_func ("/ui/04-window-sections-by-accelerator", test_sections_by_accelerator);
  g_test_add_func ("/ui/05-window-empty-states", test_empty_states);
  g_test_add_func ("/ui/06-window-lists-follow-store", test_lists_follow_store);
  g_test_add_func ("/ui/07-preferences", test_preferences);
  g_test_add_func ("/ui/08-about", test_about);
  g_test_add_func ("/ui/09-shortcuts", test_shortcuts);
  g_test_add_func ("/ui/10-record-pages", test_record_pages);
  g_test_add_func ("/ui/10-window-state-restored-and-narrow", test_state_restored_and_narrow);
  g_test_add_func ("/ui/11-sample-campaign", test_sample_campaign);
  g_test_add_func ("/ui/11-import-cancelled", test_import_cancelled);
  g_test_add_func ("/ui/12-case-form-and-undo", test_case_form_and_undo);
  g_test_add_func ("/ui/13-ua-form-and-undo", test_ua_form_and_undo);
  g_test_add_func ("/ui/13-ua-form-cases", test_ua_form_cases);
  g_test_add_func ("/ui/13-form-problems-under-their-fields", test_form_problems_under_their_fields);
  g_test_add_func ("/ui/13-signed-feed-pages", test_signed_feed_pages);
  g_test_add_func ("/ui/14-window-store-error", test_store_error_shown);
  g_test_add_func ("/ui/15-letters-and-log", test_letters_and_log);
  g_test_add_func ("/ui/15-action-page", test_action_page);
  g_test_add_func ("/ui/16-reminders", test_reminders);
  g_test_add_func ("/ui/16-progress-dashboard", test_progress_dashboard);
  g_test_add_func ("/ui/16-narrow-screens", test_narrow_screens);
  g_test_add_func ("/ui/16-deletion-final", test_deletion_final);
  g_test_add_func ("/ui/16-forget-case", test_forget_case);
  /* the same in every language: run once */
  if (g_str_equal (lang, "en"))
    g_test_add_func ("/ui/17-command-line-while-open", test_command_line_while_open);
  /* last: the window closes and opens again on the restored store */
  g_test_add_func ("/ui/18-backup-and-restore", test_backup_and_restore);

  result = g_test_run ();

  if (window)
    gtk_window_destroy (GTK_WINDOW (window));
  dossier_test_run_for (50);
  g_clear_object (&app);
  dossier_test_remove_dir (data_dir);
  g_free (data_dir);
  return result;
}
