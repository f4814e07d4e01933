/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dossier-action.h"
#include "dossier-actions-section.h"
#include "dossier-case.h"
#include "dossier-case-editor.h"
#include "dossier-detail-page.h"
#include "dossier-cases-section.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feeds-section.h"
#include "dossier-my-actions-section.h"
#include "dossier-progress-section.h"
#include "dossier-test-ui.h"
#include "dossier-test-utils.h"
#include "dossier-ua-editor.h"
#include "dossier-updates-section.h"
#include "dossier-urgent-action.h"

/* Each section of the window on its own: built alone on a store of its
 * own, in a plain window under Xvfb, and looked at as a person would see
 * it. In English (LANGUAGE is set by meson). */

typedef struct
{
  char               *dir;
  DossierStore       *store;
  GtkWindow          *window;
  DossierSectionPage *page;
  guint               count_changes;
} Fixture;

static void
on_count_changed_cb (Fixture *f)
{
  f->count_changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GType (*get_type) (void) = data;

  f->dir = dossier_test_make_dir ();
  f->store = dossier_test_open_store (f->dir);
  f->page = g_object_new (get_type (), NULL);
  g_assert_true (DOSSIER_IS_SECTION_PAGE (f->page));
  dossier_section_page_set_store (f->page, f->store);
  g_signal_connect_swapped (f->page, "count-changed", G_CALLBACK (on_count_changed_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  dossier_test_run_for (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  dossier_test_run_for (50);
  g_clear_object (&f->store);
  dossier_test_remove_dir (f->dir);
  g_free (f->dir);
}

static DossierSection *
list_section (Fixture *f)
{
  return dossier_section_page_get_list_section (f->page);
}

static guint
n_rows (Fixture *f)
{
  DossierRecordList *list = dossier_section_get_list (list_section (f));

  g_assert_nonnull (list);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The title of the empty page, if that is what is shown, or NULL. */
static const char *
shown_empty_title (Fixture *f)
{
  GObject *page = gtk_widget_get_template_child (GTK_WIDGET (list_section (f)), DOSSIER_TYPE_SECTION, "empty_page");

  if (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    return NULL;
  g_assert_false (gtk_widget_get_mapped (dossier_section_get_list_view (list_section (f))));
  return adw_status_page_get_title (ADW_STATUS_PAGE (page));
}

/* The labels of the buttons the empty page offers, joined by "|". */
static char *
empty_buttons (Fixture *f)
{
  GObject *page = gtk_widget_get_template_child (GTK_WIDGET (list_section (f)), DOSSIER_TYPE_SECTION, "empty_page");
  GtkWidget *box = adw_status_page_get_child (ADW_STATUS_PAGE (page));
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (GtkWidget *w = box ? gtk_widget_get_first_child (box) : NULL; w; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_BUTTON (w) && gtk_widget_get_mapped (w))
      g_strv_builder_add (labels, gtk_button_get_label (GTK_BUTTON (w)));
  strv = g_strv_builder_end (labels);
  return g_strjoinv ("|", strv);
}

static void
find_rows (GtkWidget *widget,
           GPtrArray *rows)
{
  if (gtk_widget_has_css_class (widget, "record-row") && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_rows (child, rows);
}

/* The two lines of the row shown at the top of the list. */
static void
first_row (Fixture     *f,
           const char **title,
           const char **subtitle)
{
  GtkWidget *view = dossier_section_get_list_view (list_section (f));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *top = NULL;
  double top_y = G_MAXDOUBLE;
  GtkWidget *label;

  g_assert_true (gtk_widget_get_mapped (view));
  find_rows (view, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (rows->pdata[i], view, &GRAPHENE_POINT_INIT (0, 0), &point));
      if (point.y < top_y)
        {
          top_y = point.y;
          top = rows->pdata[i];
        }
    }
  g_assert_nonnull (top);
  label = gtk_widget_get_first_child (top);
  *title = gtk_label_get_text (GTK_LABEL (label));
  label = gtk_widget_get_next_sibling (label);
  *subtitle = gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static void
assert_first_row (Fixture    *f,
                  const char *title,
                  const char *subtitle_start)
{
  const char *shown_title, *shown_subtitle;

  first_row (f, &shown_title, &shown_subtitle);
  g_assert_cmpstr (shown_title, ==, title);
  g_test_message ("first row: “%s”, “%s”", shown_title, shown_subtitle);
  g_assert_true (g_str_has_prefix (shown_subtitle, subtitle_start));
}

static void
assert_count_text (Fixture    *f,
                   const char *expected)
{
  g_autofree char *text = dossier_section_page_dup_count_text (f->page);

  g_assert_cmpstr (text, ==, expected);
}

/* The header's add button of the window activates this; here it opens
 * the section's form over the window it is in. */
static void
assert_header_action_opens (Fixture *f,
                            GType    editor_type)
{
  GtkWindow *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), dossier_section_page_get_header_action (f->page), NULL));
  dossier_test_run_for (200);
  editor = dossier_test_find_toplevel (editor_type);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == f->window);
  gtk_window_destroy (editor);
  dossier_test_run_for (50);
}

static DossierRecord *
create_ua (Fixture    *f,
           const char *reference,
           const char *title,
           const char *status,
           const char *deadline)
{
  DossierRecord *ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (ua, "reference", reference);
  dossier_record_set_string (ua, "title", title);
  dossier_record_set_string (ua, "status", status);
  dossier_record_set_string (ua, "deadline", deadline);
  g_assert_true (dossier_store_create (f->store, ua, &error));
  g_assert_no_error (error);
  return ua;
}

static DossierRecord *
create_action (Fixture    *f,
               const char *ua_id,
               const char *channel,
               const char *date,
               const char *volunteer)
{
  DossierRecord *action = DOSSIER_RECORD (dossier_action_new ());
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (action, "ua-id", ua_id);
  dossier_record_set_string (action, "channel", channel);
  dossier_record_set_string (action, "date", date);
  if (volunteer)
    {
      /* from a volunteer's report, not this computer's */
      dossier_record_set_boolean (action, "mine", FALSE);
      dossier_record_set_string (action, "volunteer", volunteer);
    }
  g_assert_true (dossier_store_create (f->store, action, &error));
  g_assert_no_error (error);
  return action;
}

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *buttons = empty_buttons (f);
  g_autofree char *in_a_month = date_in_days (30);
  g_autoptr(DossierRecord) open_ua = NULL;
  g_autoptr(DossierRecord) closed_ua = NULL;

  g_assert_cmpstr (dossier_section_page_get_id (f->page), ==, "actions");
  g_assert_cmpstr (dossier_section_page_get_title (f->page), ==, "Actions");
  g_assert_cmpstr (shown_empty_title (f), ==, "No Open Urgent Actions");
  g_assert_cmpstr (buttons, ==, "_Explore the Sample Campaign|Go to _Feeds");
  assert_count_text (f, NULL);

  open_ua = create_ua (f, "UA 101/26", "Journalist detained in Almaty", "open", in_a_month);
  closed_ua = create_ua (f, "UA 065/20", "Activist jailed for criticism during pandemic", "closed", "2020-06-08");
  dossier_test_run_for (200);
  g_assert_null (shown_empty_title (f));
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_first_row (f, "Journalist detained in Almaty", "UA 101/26 · ");
  assert_count_text (f, "1 urgent action");
  g_assert_cmpuint (f->count_changes, >, 0);

  /* the filter: the closed ones, then all, the latest deadline first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "actions.filter", "s", "closed"));
  dossier_test_run_for (200);
  g_assert_cmpstr (dossier_actions_section_get_filter (DOSSIER_ACTIONS_SECTION (f->page)), ==, "closed");
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_first_row (f, "Activist jailed for criticism during pandemic", "UA 065/20 · ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "actions.filter", "s", "all"));
  dossier_test_run_for (200);
  g_assert_cmpuint (n_rows (f), ==, 2);
  assert_first_row (f, "Journalist detained in Almaty", "UA 101/26 · ");
  assert_count_text (f, "2 urgent actions");

  assert_header_action_opens (f, DOSSIER_TYPE_UA_EDITOR);
}

static void
create_case (Fixture    *f,
             const char *name,
             const char *status,
             const char *city,
             const char *country)
{
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(GError) error = NULL;

  dossier_record_set_string (kase, "name", name);
  dossier_record_set_string (kase, "status", status);
  dossier_record_set_string (kase, "city", city);
  dossier_record_set_string (kase, "country", country);
  g_assert_true (dossier_store_create (f->store, kase, &error));
  g_assert_no_error (error);
}

static void
test_cases (Fixture       *f,
            gconstpointer  data)
{
  DossierCasesSection *cases = DOSSIER_CASES_SECTION (f->page);
  g_autofree char *buttons = empty_buttons (f);

  g_assert_cmpstr (shown_empty_title (f), ==, "No Cases");
  g_assert_cmpstr (buttons, ==, "_Explore the Sample Campaign|Go to _Feeds");
  assert_count_text (f, NULL);

  /* countries are stored as codes and shown by name */
  create_case (f, "Bolat Atabayev", "released", NULL, "KZ");
  create_case (f, "Aigerim Nurlankyzy", "imprisoned", "Almaty", "KZ");
  create_case (f, "Chyngyz Dzhumabayev", "imprisoned", "Osh", "KG");
  dossier_test_run_for (200);
  g_assert_null (shown_empty_title (f));
  /* those in prison first, then by name */
  g_assert_cmpuint (n_rows (f), ==, 3);
  assert_first_row (f, "Aigerim Nurlankyzy", "Imprisoned · Almaty, Kazakhstan");
  assert_count_text (f, "3 cases");

  /* by status */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.status", "s", "released"));
  dossier_test_run_for (200);
  g_assert_cmpstr (dossier_cases_section_get_status (cases), ==, "released");
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_first_row (f, "Bolat Atabayev", "Released · Kazakhstan");
  assert_count_text (f, "1 case");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.status", "s", ""));
  dossier_test_run_for (200);
  g_assert_cmpuint (n_rows (f), ==, 3);

  /* by country: the countries are those of the cases stored */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.country", "s", "KG"));
  dossier_test_run_for (200);
  g_assert_cmpstr (dossier_cases_section_get_country (cases), ==, "KG");
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_first_row (f, "Chyngyz Dzhumabayev", "Imprisoned · Osh, Kyrgyzstan");
  {
    /* the filter offers them by name, sorted by it */
    GtkDropDown *countries = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (f->page), DOSSIER_TYPE_CASES_SECTION,
                                                                           "country_drop_down"));
    GListModel *names = gtk_drop_down_get_model (countries);
    const char *expected[] = { "All Countries", "Kazakhstan", "Kyrgyzstan" };

    g_assert_cmpuint (g_list_model_get_n_items (names), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);

        g_assert_cmpstr (gtk_string_object_get_string (item), ==, expected[i]);
      }
    g_assert_cmpuint (gtk_drop_down_get_selected (countries), ==, 2);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.country", "s", ""));
  dossier_test_run_for (200);
  g_assert_cmpuint (n_rows (f), ==, 3);

  assert_header_action_opens (f, DOSSIER_TYPE_CASE_EDITOR);
}

static void
test_updates (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
  g_autofree char *buttons = empty_buttons (f);
  g_autoptr(GError) error = NULL;
  const char *titles[] = { "Hearing postponed", "Verdict announced" };
  const char *published[] = { "2026-01-05T09:00:00Z", "2026-02-10T16:30:00Z" };

  g_assert_cmpstr (shown_empty_title (f), ==, "No Updates");
  g_assert_cmpstr (buttons, ==, "Go to _Feeds");
  g_assert_null (dossier_section_page_get_header_action (f->page));
  assert_count_text (f, NULL);

  dossier_record_set_string (feed, "url", "https://example.org/campaign.json");
  g_assert_true (dossier_store_create (f->store, feed, &error));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(DossierRecord) item = DOSSIER_RECORD (dossier_feed_item_new ());

      dossier_record_set_string (item, "feed-id", dossier_record_get_id (feed));
      dossier_record_set_string (item, "guid", titles[i]);
      dossier_record_set_string (item, "title", titles[i]);
      dossier_record_set_string (item, "published", published[i]);
      g_assert_true (dossier_store_create (f->store, item, &error));
    }
  g_assert_no_error (error);
  dossier_test_run_for (200);
  /* the newest first */
  g_assert_cmpuint (n_rows (f), ==, 2);
  assert_first_row (f, "Verdict announced", "");
  assert_count_text (f, "2 updates");
}

static void
test_my_actions (Fixture       *f,
                 gconstpointer  data)
{
  DossierMyActionsBar *bar = dossier_my_actions_section_get_bar (DOSSIER_MY_ACTIONS_SECTION (f->page));
  g_autofree char *buttons = empty_buttons (f);
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) letter = NULL;
  g_autoptr(DossierRecord) call = NULL;
  g_autoptr(DossierRecord) reported = NULL;
  g_autoptr(DossierRecord) stored = NULL;
  g_autofree char *call_title = NULL;
  g_autofree char *empty_title = NULL;

  g_assert_nonnull (bar);
  g_assert_cmpstr (shown_empty_title (f), ==, "Nothing Logged Yet");
  g_assert_cmpstr (buttons, ==, "See Open _Actions");
  assert_count_text (f, NULL);

  ua = create_ua (f, "UA 101/26", "Journalist detained in Almaty", "open", "2026-12-31");
  letter = create_action (f, dossier_record_get_id (ua), "letter", "2025-01-10", NULL);
  call = create_action (f, dossier_record_get_id (ua), "phone", "2025-02-01", NULL);
  reported = create_action (f, dossier_record_get_id (ua), "email", "2025-03-01", "Dana");
  dossier_test_run_for (200);
  /* this volunteer's, the newest first */
  g_assert_cmpuint (n_rows (f), ==, 2);
  call_title = g_strdup_printf ("UA 101/26 · %s", dossier_enum_label (DOSSIER_ENUM_CHANNEL, "phone"));
  assert_first_row (f, call_title, "");
  assert_count_text (f, "2 actions of yours");

  /* filtered to nothing: the empty page says why */
  gtk_drop_down_set_selected (dossier_my_actions_bar_get_filter (bar, 1),
                              dossier_enum_position (DOSSIER_ENUM_CHANNEL, "fax", TRUE));
  dossier_test_run_for (200);
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_cmpstr (shown_empty_title (f), ==, "No Actions Match");
  assert_count_text (f, NULL);
  gtk_drop_down_set_selected (dossier_my_actions_bar_get_filter (bar, 1), 0);
  dossier_test_run_for (200);
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_object_get (list_section (f), "empty-title", &empty_title, NULL);
  g_assert_cmpstr (empty_title, ==, "Nothing Logged Yet");

  /* a state changed from the row's menu */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "my-actions.set-state", "(ss)",
                                             dossier_record_get_id (call), "returned"));
  dossier_test_run_for (200);
  stored = dossier_store_fetch (f->store, DOSSIER_TYPE_ACTION, dossier_record_get_id (call), NULL);
  g_assert_cmpstr (dossier_record_get_string (stored, "state"), ==, "returned");
}

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

static const char *
progress_label (Fixture    *f,
                const char *name)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (f->page), DOSSIER_TYPE_PROGRESS_SECTION, name);

  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  DossierProgressSection *progress = DOSSIER_PROGRESS_SECTION (f->page);
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) letter = NULL;
  g_autoptr(DossierRecord) reported = NULL;
  g_autofree char *deadline = date_in_days (3);
  g_autoptr(GError) error = NULL;
  GObject *no_match;

  /* a dashboard, not a list; empty, it says where figures come from */
  g_assert_null (list_section (f));
  g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "empty");
  g_assert_true (shows_text (GTK_WIDGET (f->page), "No Progress to Show Yet"));
  assert_count_text (f, NULL);

  ua = create_ua (f, "UA 101/26", "Journalist detained in Almaty", "open", deadline);
  dossier_record_set_int (ua, "goal", 10);
  g_assert_true (dossier_store_update (f->store, ua, &error));
  g_assert_no_error (error);
  letter = create_action (f, dossier_record_get_id (ua), "letter", "2025-01-10", NULL);
  reported = create_action (f, dossier_record_get_id (ua), "email", "2025-03-01", "Dana");
  dossier_test_run_for (200);
  /* everyone's, counted */
  g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "dashboard");
  g_assert_cmpint (dossier_progress_section_get_figures (progress)->total.sent, ==, 2);
  g_assert_cmpstr (progress_label (f, "sent_value"), ==, "2");
  assert_count_text (f, "2 actions sent");
  g_assert_cmpuint (f->count_changes, >, 0);
  /* the urgent action against its goal and its deadline */
  g_assert_true (shows_text (GTK_WIDGET (f->page), "UA 101/26"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "Journalist detained in Almaty"));
  g_assert_true (shows_text (GTK_WIDGET (f->page), "1 of 10 letters · Closes in 3 days"));

  /* a period without actions: nothing, and it says so */
  gtk_drop_down_set_selected (dossier_progress_section_get_filter (progress, 0), 1);
  dossier_test_run_for (200);
  no_match = gtk_widget_get_template_child (GTK_WIDGET (f->page), DOSSIER_TYPE_PROGRESS_SECTION, "no_match_label");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (no_match)));
  g_assert_cmpstr (progress_label (f, "sent_value"), ==, "0");
  /* the header still counts all */
  assert_count_text (f, "2 actions sent");
  gtk_drop_down_set_selected (dossier_progress_section_get_filter (progress, 0), 0);

  /* the actions behind a bar, a page at a time */
  for (guint i = 0; i < DOSSIER_PROGRESS_ENTRIES_PAGE + 20; i++)
    {
      g_autofree char *date = g_strdup_printf ("2025-02-%02u", 1 + i % 28);
      g_autoptr(DossierRecord) more = create_action (f, dossier_record_get_id (ua), "letter", date, NULL);
    }
  dossier_test_run_for (200);
  {
    DossierChartCard *channels = dossier_progress_section_get_card (progress, "channel");
    DossierProgressEntries *entries = dossier_progress_section_get_entries (progress);
    GtkListBox *list = dossier_progress_entries_get_list (entries);
    guint letters = G_MAXUINT;

    for (guint i = 0; i < dossier_chart_get_n_bars (dossier_chart_card_get_chart (channels)); i++)
      if (g_str_equal (dossier_chart_get_bar (dossier_chart_card_get_chart (channels), i)->key, "letter"))
        letters = i;
    g_assert_cmpuint (letters, !=, G_MAXUINT);
    g_assert_cmpint (dossier_chart_get_bar (dossier_chart_card_get_chart (channels), letters)->value, ==,
                     DOSSIER_PROGRESS_ENTRIES_PAGE + 21);
    g_signal_emit_by_name (channels, "bar-activated", letters, "letter");
    dossier_test_run_for (100);
    g_assert_cmpstr (dossier_progress_section_get_page (progress), ==, "entries");
    g_assert_nonnull (gtk_list_box_get_row_at_index (list, DOSSIER_PROGRESS_ENTRIES_PAGE - 1));
    g_assert_null (gtk_list_box_get_row_at_index (list, DOSSIER_PROGRESS_ENTRIES_PAGE));
    g_assert_true (dossier_progress_entries_has_more (entries));
    dossier_progress_entries_show_more (entries);
    g_assert_nonnull (gtk_list_box_get_row_at_index (list, DOSSIER_PROGRESS_ENTRIES_PAGE + 20));
    g_assert_null (gtk_list_box_get_row_at_index (list, DOSSIER_PROGRESS_ENTRIES_PAGE + 21));
    g_assert_false (dossier_progress_entries_has_more (entries));
    /* each once: the newest first, the first letter last */
    {
      GtkListBoxRow *last = gtk_list_box_get_row_at_index (list, DOSSIER_PROGRESS_ENTRIES_PAGE + 20);

      g_assert_cmpstr (g_object_get_data (G_OBJECT (last), "dossier-action-id"), ==, dossier_record_get_id (letter));
    }
  }
}

static void
test_feeds (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (shown_empty_title (f), ==, "No Feeds");
  assert_count_text (f, NULL);

  dossier_record_set_string (feed, "url", "https://example.org/campaign.json");
  dossier_record_set_string (feed, "title", "Kazakhstan campaign");
  g_assert_true (dossier_store_create (f->store, feed, &error));
  g_assert_no_error (error);
  dossier_test_run_for (200);
  g_assert_cmpuint (n_rows (f), ==, 1);
  assert_first_row (f, "Kazakhstan campaign", "example.org · 0 items · Not fetched yet");
  assert_count_text (f, "1 feed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }
  /* no animations on Xvfb: see test-window.c */
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/sections/actions", Fixture, (gconstpointer) dossier_actions_section_get_type,
              fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/sections/cases", Fixture, (gconstpointer) dossier_cases_section_get_type,
              fixture_set_up, test_cases, fixture_tear_down);
  g_test_add ("/sections/updates", Fixture, (gconstpointer) dossier_updates_section_get_type,
              fixture_set_up, test_updates, fixture_tear_down);
  g_test_add ("/sections/my-actions", Fixture, (gconstpointer) dossier_my_actions_section_get_type,
              fixture_set_up, test_my_actions, fixture_tear_down);
  g_test_add ("/sections/progress", Fixture, (gconstpointer) dossier_progress_section_get_type,
              fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/sections/feeds", Fixture, (gconstpointer) dossier_feeds_section_get_type,
              fixture_set_up, test_feeds, fixture_tear_down);

  return g_test_run ();
}
