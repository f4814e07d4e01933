/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-case.h"
#include "dossier-case-chooser.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-target.h"
#include "dossier-target-editor.h"
#include "dossier-translations.h"
#include "dossier-translations-editor.h"
#include "dossier-ua-editor.h"
#include "dossier-urgent-action.h"

/* Creates or edits an urgent action: its reference and dates, the cases
 * it is for (picked in a searchable chooser of several), what to ask for, and whom to write to — targets already in the
 * store are ticked, a new one can be typed in. Checked as the user types;
 * the target and the urgent action are written in one transaction. */

#define FIRST_YEAR 1950
#define MAX_CHOICES 1000

struct _DossierUaEditor
{
  AdwWindow            parent_instance;

  AdwActionRow        *case_row;
  AdwEntryRow         *deadline_row;
  GtkSpinButton       *goal_spin;
  AdwEntryRow         *index_row;
  AdwEntryRow         *issued_row;
  GtkTextView         *key_points_view;
  AdwPreferencesPage  *form_page;
  AdwEntryRow         *language_row;
  GtkTextView         *summary_view;
  DossierTranslationsEditor *translations;
  AdwActionRow        *problem_row;
  AdwEntryRow         *reference_row;
  GtkButton           *save_button;
  AdwComboRow         *status_row;
  AdwEntryRow         *target_address_row;
  AdwEntryRow         *target_email_row;
  AdwEntryRow         *target_name_row;
  AdwEntryRow         *target_office_row;
  AdwEntryRow         *target_salutation_row;
  AdwPreferencesGroup *targets_group;
  AdwEntryRow         *title_row;
  AdwWindowTitle      *window_title;

  DossierStore        *store;
  DossierRecord       *ua;
  gboolean             is_new;
  GPtrArray           *case_ids;    /* the cases it is for, in order */
  GPtrArray           *target_ids;  /* parallel to target_checks */
  GPtrArray           *target_checks;
  char                *problem;
};

G_DEFINE_FINAL_TYPE (DossierUaEditor, dossier_ua_editor, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* An issue date is not in the future; a deadline is at most two years
 * ahead. Both are real dates, and no older than FIRST_YEAR. */
static gboolean
date_ok (const char *date,
         const char *latest)
{
  return *date == '\0' ||
         (dossier_date_is_valid (date) && atoi (date) >= FIRST_YEAR && strcmp (date, latest) <= 0);
}

static void
dates_limits (char **today,
              char **in_two_years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 2);

  *today = g_date_time_format (now, "%Y-%m-%d");
  *in_two_years = g_date_time_format (later, "%Y-%m-%d");
}

/* What is wrong with the form, or NULL; *@field is the row it is about.
 * A reference not given is found last: in a new form it is not said until
 * something is typed there, and must not hide what is. */
static char *
find_problem (DossierUaEditor  *self,
              GtkWidget       **field)
{
  g_autofree char *reference = g_strstrip (g_strdup (text_of (self->reference_row)));
  g_autofree char *today = NULL;
  g_autofree char *in_two_years = NULL;
  const char *issued = text_of (self->issued_row);
  const char *deadline = text_of (self->deadline_row);
  g_autofree char *target_name = g_strstrip (g_strdup (text_of (self->target_name_row)));

  dates_limits (&today, &in_two_years);
  if (!date_ok (issued, today))
    /* Translators: %d is a year; keep YYYY-MM-DD as it is */
    return dossier_form_problem (field, self->issued_row,
                                 g_strdup_printf (_("The issue date must be a real date written YYYY-MM-DD, from %d up to today: "
                                                    "an urgent action is not issued in the future."), FIRST_YEAR));
  if (!date_ok (deadline, in_two_years))
    /* Translators: %d is a year; keep YYYY-MM-DD as it is */
    return dossier_form_problem (field, self->deadline_row,
                                 g_strdup_printf (_("The deadline must be a real date written YYYY-MM-DD, from %d up to two years "
                                                    "from today."), FIRST_YEAR));
  if (*issued && *deadline && strcmp (deadline, issued) < 0)
    return dossier_form_problem (field, self->deadline_row,
                                 g_strdup (_("The deadline of an urgent action cannot be before its issue date.")));
  g_autofree char *language = g_strstrip (g_strdup (text_of (self->language_row)));

  if (*language && !dossier_language_code_is_valid (language))
    /* Translators: “en”, “kk” and “pt-BR” are codes: keep them */
    return dossier_form_problem (field, self->language_row,
                                 g_strdup (_("Write the language as its code, such as en, kk or pt-BR.")));
  if (*text_of (self->target_email_row) && *target_name == '\0')
    return dossier_form_problem (field, self->target_name_row, g_strdup (_("A new target needs a name.")));
  if (*text_of (self->target_email_row) && !dossier_email_is_valid (text_of (self->target_email_row)))
    return dossier_form_problem (field, self->target_email_row,
                                 g_strdup (_("The email address of the target is not valid.")));

  /* the same check the store makes, said before Save is pressed */
  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);
    g_autoptr(GPtrArray) same = NULL;

    dossier_query_filter_text (query, "reference", DOSSIER_QUERY_EQ, reference);
    same = dossier_store_query (self->store, query, 0, 2, NULL);
    for (guint i = 0; same && i < same->len; i++)
      if (g_strcmp0 (dossier_record_get_id (same->pdata[i]), dossier_record_get_id (self->ua)) != 0)
        return dossier_form_problem (field, self->reference_row,
                                     g_strdup (_("Another urgent action already has this reference.")));
  }
  if (self->translations)
    {
      char *problem = dossier_translations_editor_get_problem (self->translations, field);

      if (problem)
        return problem;
    }
  if (*reference == '\0')
    return dossier_form_problem (field, self->reference_row,
                                 g_strdup (_("An urgent action needs a reference, such as “UA 065/20”.")));
  return NULL;
}

static void
show_problem (DossierUaEditor *self,
              GtkWidget       *field,
              const char      *problem)
{
  dossier_form_show_problem (self->problem_row, &self->problem, field, problem);
}

static void
on_changed_cb (DossierUaEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = NULL;

  if (self->store == NULL)
    return;  /* still being set up */
  problem = find_problem (self, &field);
  /* an empty new form is not yet wrong */
  if (field == GTK_WIDGET (self->reference_row) && self->is_new && *text_of (self->reference_row) == '\0')
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), problem == NULL);
}

/* The cases chosen, in the case row's subtitle: "Alnur Ilyashev", "Maks
 * Bokayev and 36 others". */
static void
show_cases (DossierUaEditor *self,
            DossierStore    *store)
{
  g_autoptr(DossierRecord) first = NULL;
  g_autofree char *text = NULL;
  guint n = self->case_ids->len;

  for (guint i = 0; first == NULL && i < n; i++)
    first = dossier_store_fetch (store, DOSSIER_TYPE_CASE, self->case_ids->pdata[i], NULL);
  if (first == NULL)
    text = g_strdup (_("None chosen"));
  else if (n == 1)
    text = g_strdup (dossier_record_get_string (first, "name"));
  else
    /* Translators: the people an appeal is for: “Maks Bokayev and 36 others” */
    text = g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", n - 1),
                            dossier_record_get_string (first, "name"), n - 1);
  adw_action_row_set_subtitle (self->case_row, text);
}

static void
on_cases_chosen_cb (DossierUaEditor    *self,
                    const char * const *case_ids)
{
  g_ptr_array_set_size (self->case_ids, 0);
  for (guint i = 0; case_ids && case_ids[i]; i++)
    g_ptr_array_add (self->case_ids, g_strdup (case_ids[i]));
  show_cases (self, self->store);
  on_changed_cb (self);
}

static void
on_case_row_activated_cb (DossierUaEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  DossierCaseChooser *chooser;

  for (guint i = 0; i < self->case_ids->len; i++)
    g_strv_builder_add (builder, self->case_ids->pdata[i]);
  ids = g_strv_builder_end (builder);
  chooser = dossier_case_chooser_new_several (GTK_WINDOW (self), self->store, (const char * const *) ids);
  g_signal_connect_object (chooser, "chosen-several", G_CALLBACK (on_cases_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
on_save_clicked_cb (DossierUaEditor *self)
{
  dossier_ua_editor_save (self);
}

static void
dossier_ua_editor_dispose (GObject *object)
{
  DossierUaEditor *self = DOSSIER_UA_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_UA_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->ua);
  g_clear_pointer (&self->case_ids, g_ptr_array_unref);
  g_clear_pointer (&self->target_ids, g_ptr_array_unref);
  g_clear_pointer (&self->target_checks, g_ptr_array_unref);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (dossier_ua_editor_parent_class)->dispose (object);
}

static void
dossier_ua_editor_class_init (DossierUaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_ua_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-ua-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, case_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, goal_spin);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, index_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, issued_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, key_points_view);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, reference_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, target_address_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, target_email_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, target_name_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, target_office_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, target_salutation_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, targets_group);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, form_page);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, DossierUaEditor, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_ua_editor_init (DossierUaEditor *self)
{
  self->case_ids = g_ptr_array_new_with_free_func (g_free);
  self->target_ids = g_ptr_array_new_with_free_func (g_free);
  self->target_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the store's limits, kept as the user types */
  dossier_form_limit_texts (GTK_WIDGET (self));
}

static GPtrArray *
all_of (DossierStore *store,
        GType         kind)
{
  g_autoptr(DossierQuery) query = dossier_query_new (kind);
  GPtrArray *records;

  dossier_query_sort (query, "name", FALSE);
  /* a form lists what a person can choose from, not a whole database */
  records = dossier_store_query (store, query, 0, MAX_CHOICES, NULL);
  return records ? records : g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv && g_strv_contains (strv, value);
}

/**
 * dossier_ua_editor_new:
 * @ua: (nullable): the urgent action to edit, or %NULL for a new one
 */
DossierUaEditor *
dossier_ua_editor_new (GtkWindow     *parent,
                       DossierStore  *store,
                       DossierRecord *ua)
{
  DossierUaEditor *self;
  g_autoptr(GListModel) statuses = dossier_enum_model (DOSSIER_ENUM_UA_STATUS, NULL);
  g_autoptr(GPtrArray) targets = NULL;
  const char * const *case_ids;
  const char * const *target_ids;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  self = g_object_new (DOSSIER_TYPE_UA_EDITOR, "transient-for", parent, NULL);
  self->is_new = ua == NULL;
  self->ua = ua ? dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, dossier_record_get_id (ua), NULL) : NULL;
  if (self->ua == NULL)
    self->ua = ua ? g_object_ref (ua) : DOSSIER_RECORD (dossier_urgent_action_new ());
  case_ids = dossier_record_get_strv (self->ua, "case-ids");
  target_ids = dossier_record_get_strv (self->ua, "target-ids");

  adw_combo_row_set_model (self->status_row, statuses);
  adw_combo_row_set_selected (self->status_row, dossier_enum_position (DOSSIER_ENUM_UA_STATUS,
                                                                       dossier_record_get_string (self->ua, "status"), FALSE));

  for (guint i = 0; case_ids && case_ids[i]; i++)
    g_ptr_array_add (self->case_ids, g_strdup (case_ids[i]));
  show_cases (self, store);

  targets = all_of (store, DOSSIER_TYPE_TARGET);
  for (guint i = 0; i < targets->len; i++)
    {
      DossierRecord *target = targets->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dossier_record_get_string (target, "name"));
      if (dossier_record_get_string (target, "office") && *dossier_record_get_string (target, "office"))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dossier_record_get_string (target, "office"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), strv_has (target_ids, dossier_record_get_id (target)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_ids, g_strdup (dossier_record_get_id (target)));
      g_ptr_array_add (self->target_checks, check);
    }

  if (!self->is_new)
    {
      const char * const *points = dossier_record_get_strv (self->ua, "key-points");
      g_autofree char *joined = points ? g_strjoinv ("\n", (char **) points) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (self->reference_row), dossier_record_get_string (self->ua, "reference"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), dossier_record_get_string (self->ua, "title") ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->index_row), dossier_record_get_string (self->ua, "ua-index") ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->issued_row), dossier_record_get_string (self->ua, "issued") ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), dossier_record_get_string (self->ua, "deadline") ?: "");
      gtk_spin_button_set_value (self->goal_spin, (double) dossier_record_get_int (self->ua, "goal"));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->key_points_view), joined, -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                                dossier_record_get_string (self->ua, "summary") ?: "", -1);
      gtk_editable_set_text (GTK_EDITABLE (self->language_row), dossier_record_get_string (self->ua, "language") ?: "");
    }
  dossier_form_add_date_picker (self->issued_row);
  dossier_form_add_date_picker (self->deadline_row);
  self->translations = DOSSIER_TRANSLATIONS_EDITOR (
    dossier_translations_editor_new (DOSSIER_TYPE_URGENT_ACTION,
                                     self->is_new ? NULL : dossier_record_get_string (self->ua, "translations")));
  g_signal_connect_swapped (self->translations, "changed", G_CALLBACK (on_changed_cb), self);
  adw_preferences_page_add (self->form_page, ADW_PREFERENCES_GROUP (self->translations));
  adw_window_title_set_title (self->window_title, self->is_new ? _("New Urgent Action") : _("Edit Urgent Action"));

  self->store = g_object_ref (store);
  on_changed_cb (self);
  return self;
}

const char *
dossier_ua_editor_get_problem (DossierUaEditor *self)
{
  g_return_val_if_fail (DOSSIER_IS_UA_EDITOR (self), NULL);

  return self->problem;
}

static GStrv
lines_of (GtkTextView *view)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = dossier_text_view_get_text (view);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]))
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

/**
 * dossier_ua_editor_save:
 *
 * Returns: whether the urgent action (and a new target) were saved
 */
gboolean
dossier_ua_editor_save (DossierUaEditor *self)
{
  GtkWidget *field = NULL;
  g_autofree char *problem = find_problem (self, &field);
  g_autoptr(DossierRecord) target = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new ();
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) points = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *target_name = NULL;
  GtkWindow *parent;

  g_return_val_if_fail (DOSSIER_IS_UA_EDITOR (self), FALSE);

  if (problem)
    {
      show_problem (self, field, problem);
      return FALSE;
    }

  reference = g_strstrip (g_strdup (text_of (self->reference_row)));
  target_name = g_strstrip (g_strdup (text_of (self->target_name_row)));
  points = lines_of (self->key_points_view);

  for (guint i = 0; i < self->case_ids->len; i++)
    g_ptr_array_add (cases, self->case_ids->pdata[i]);
  g_ptr_array_add (cases, NULL);

  for (guint i = 0; i < self->target_checks->len; i++)
    if (gtk_check_button_get_active (self->target_checks->pdata[i]))
      g_ptr_array_add (targets, self->target_ids->pdata[i]);
  if (*target_name)
    {
      target = DOSSIER_RECORD (dossier_target_new ());
      dossier_record_set_string (target, "name", target_name);
      dossier_record_set_string (target, "office", text_of (self->target_office_row));
      dossier_record_set_string (target, "salutation", text_of (self->target_salutation_row));
      dossier_record_set_string (target, "address", text_of (self->target_address_row));
      dossier_record_set_string (target, "email", text_of (self->target_email_row));
      g_ptr_array_add (targets, (gpointer) dossier_record_get_id (target));
    }
  g_ptr_array_add (targets, NULL);

  if (!dossier_store_begin (self->store, &error))
    goto fail;
  if (target && !dossier_store_create (self->store, target, &error))
    goto rollback;

  /* set after the copy in the store was read: no field is lost */
  dossier_record_set_string (self->ua, "reference", reference);
  dossier_record_set_string (self->ua, "title", text_of (self->title_row));
  dossier_record_set_string (self->ua, "ua-index", text_of (self->index_row));
  dossier_record_set_string (self->ua, "status",
                             dossier_enum_id_at (DOSSIER_ENUM_UA_STATUS, adw_combo_row_get_selected (self->status_row), FALSE) ?: "open");
  dossier_record_set_string (self->ua, "issued", text_of (self->issued_row));
  dossier_record_set_string (self->ua, "deadline", text_of (self->deadline_row));
  gtk_spin_button_update (self->goal_spin);
  dossier_record_set_int (self->ua, "goal", gtk_spin_button_get_value_as_int (self->goal_spin));
  dossier_record_set_strv (self->ua, "key-points", (const char * const *) points);
  {
    g_autofree char *summary = dossier_text_view_get_text (self->summary_view);
    g_autofree char *language = g_strstrip (g_strdup (text_of (self->language_row)));
    g_autofree char *translations = dossier_translations_editor_get_json (self->translations);

    dossier_record_set_string (self->ua, "summary", g_strstrip (summary));
    dossier_record_set_string (self->ua, "language", language);
    dossier_record_set_string (self->ua, "translations", translations);
  }
  dossier_record_set_strv (self->ua, "case-ids", (const char * const *) cases->pdata);
  dossier_record_set_strv (self->ua, "target-ids", (const char * const *) targets->pdata);

  if (!(self->is_new ? dossier_store_create (self->store, self->ua, &error)
                     : dossier_store_update (self->store, self->ua, &error)))
    goto rollback;
  if (!dossier_store_commit (self->store, &error))
    goto fail;

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent)
    {
      if (!self->is_new)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.back", NULL);
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-record", "(ss)",
                                  "DossierUrgentAction", dossier_record_get_id (self->ua));
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;

rollback:
  dossier_store_rollback (self->store);
fail:
  show_problem (self, NULL, error->message);
  return FALSE;
}
