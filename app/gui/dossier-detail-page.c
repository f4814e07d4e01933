/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dossier-detail-page.h"
#include "dossier-accessible.h"
#include "dossier-record-actions.h"

struct _DossierDetailPage
{
  GtkWidget      parent_instance;

  GtkBox        *box;
  GtkScrolledWindow *scroller;
  GtkLabel      *subtitle_label;
  GtkLabel      *title_label;

  DossierStore  *store;
  DossierRecord *record;
};

G_DEFINE_FINAL_TYPE (DossierDetailPage, dossier_detail_page, GTK_TYPE_WIDGET)

static void
dossier_detail_page_dispose (GObject *object)
{
  DossierDetailPage *self = DOSSIER_DETAIL_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_DETAIL_PAGE);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_detail_page_parent_class)->dispose (object);
}

static void
dossier_detail_page_class_init (DossierDetailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_detail_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-detail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierDetailPage, box);
  gtk_widget_class_bind_template_child (widget_class, DossierDetailPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DossierDetailPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DossierDetailPage, title_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* what can be done with the record shown: page.edit-record, … */
  dossier_record_actions_install (widget_class);
}

static void
dossier_detail_page_init (DossierDetailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DossierDetailPage *
dossier_detail_page_new (DossierStore  *store,
                         DossierRecord *record)
{
  DossierDetailPage *self;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (DOSSIER_IS_RECORD (record), NULL);

  self = g_object_new (DOSSIER_TYPE_DETAIL_PAGE, NULL);
  self->store = g_object_ref (store);
  self->record = g_object_ref (record);
  return self;
}

DossierStore *
dossier_detail_page_get_store (DossierDetailPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DETAIL_PAGE (self), NULL);

  return self->store;
}

DossierRecord *
dossier_detail_page_get_record (DossierDetailPage *self)
{
  g_return_val_if_fail (DOSSIER_IS_DETAIL_PAGE (self), NULL);

  return self->record;
}

void
dossier_detail_page_set_heading (DossierDetailPage *self,
                                 const char        *title,
                                 const char        *subtitle)
{
  g_return_if_fail (DOSSIER_IS_DETAIL_PAGE (self));

  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle && *subtitle);
}

AdwPreferencesGroup *
dossier_detail_page_add_group (DossierDetailPage *self,
                               const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  g_return_val_if_fail (DOSSIER_IS_DETAIL_PAGE (self), NULL);

  /* a group title is one of ours, never text from the store */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row of two lines of plain text: text from the store or a feed is
 * never markup. */
GtkWidget *
dossier_detail_text_row (const char *title,
                         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* A value with its label under it, as GNOME's property rows show them. */
GtkWidget *
dossier_detail_value_row (const char *label,
                          const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;
  row = dossier_detail_text_row (label, value);
  gtk_widget_add_css_class (row, "property");
  return row;
}

GtkWidget *
dossier_detail_copy_row (const char *label,
                         const char *value)
{
  GtkWidget *row = dossier_detail_value_row (label, value);
  GtkWidget *button;

  if (row == NULL)
    return NULL;
  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Copy"));
  {
    /* Translators: how a screen reader names a Copy button; %s is the
     * title of the row it copies, e.g. “Copy: Salutation” */
    g_autofree char *name = g_strdup_printf (C_("accessible", "Copy: %s"), label);

    dossier_accessible_name (button, name);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.copy");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", value);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* A copyable address that also opens, when it is one that may open. */
GtkWidget *
dossier_detail_link_row (const char *label,
                         const char *uri)
{
  GtkWidget *row = dossier_detail_copy_row (label, uri);
  g_autofree char *link = NULL;

  /* what opens is rebuilt from the address: never a header a file added */
  if (row == NULL || !dossier_uri_is_safe (uri) || !(link = dossier_link_uri (uri)))
    return row;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-uri");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", link);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
  return row;
}

/* A row that opens another record's page. */
GtkWidget *
dossier_detail_record_row (const char    *title,
                           const char    *subtitle,
                           DossierRecord *record)
{
  GtkWidget *row = dossier_detail_text_row (title, subtitle);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)",
                                    G_OBJECT_TYPE_NAME (record), dossier_record_get_id (record));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

void
dossier_detail_group_add (AdwPreferencesGroup *group,
                          GtkWidget           *row)
{
  if (row != NULL)
    adw_preferences_group_add (group, row);
}

/* The whole text of a text view, for a form's multi-line field. */
char *
dossier_text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Where a form's message row goes back to when what it says is about no
 * field, and the field it marks now. */
typedef struct
{
  GtkWidget *home;        /* weak: the list the form put the row in */
  int        home_index;
  GtkWidget *marked;      /* a field may leave the form while marked */
} FormProblem;

static void
form_problem_free (gpointer data)
{
  FormProblem *state = data;

  g_clear_weak_pointer (&state->home);
  g_clear_object (&state->marked);
  g_free (state);
}

static FormProblem *
form_problem_get (AdwActionRow *row)
{
  FormProblem *state = g_object_get_data (G_OBJECT (row), "dossier-form-problem");
  GtkWidget *home = gtk_widget_get_parent (GTK_WIDGET (row));

  if (state)
    return state;
  g_assert (GTK_IS_LIST_BOX (home));
  state = g_new0 (FormProblem, 1);
  g_set_weak_pointer (&state->home, home);
  state->home_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_object_set_data_full (G_OBJECT (row), "dossier-form-problem", state, form_problem_free);
  /* the row may be under a field of a list that goes away (a language
   * removed from the translations): the list it came from keeps it */
  g_object_set_data_full (G_OBJECT (home), "dossier-form-problem-row", g_object_ref (row), g_object_unref);
  /* every form says what is wrong the same way */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_icon_name (row, "dialog-error-symbolic");
  adw_action_row_set_title_lines (row, 0);
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return state;
}

/* The row of a list a field is, or is in: an entry row is one, a text
 * view is in one; NULL for a field outside a list. */
static GtkWidget *
row_of_field (GtkWidget *field)
{
  GtkWidget *row = GTK_IS_LIST_BOX_ROW (field) ? field : gtk_widget_get_ancestor (field, GTK_TYPE_LIST_BOX_ROW);

  return row && GTK_IS_LIST_BOX (gtk_widget_get_parent (row)) ? row : NULL;
}

static void
mark_field (GtkWidget  *field,
            GtkWidget  *message_row,
            const char *problem)
{
  GtkWidget *row = row_of_field (field);

  if (problem)
    gtk_widget_add_css_class (row ? row : field, "error");
  else
    gtk_widget_remove_css_class (row ? row : field, "error");
  dossier_accessible_set_error (field, problem ? message_row : NULL, problem);
}

/* Moves @row into @list, just after @after or, when @after is NULL, at
 * @index of the list as it is without @row. */
static void
move_row (GtkWidget  *row,
          GtkListBox *list,
          GtkWidget  *after,
          int         index)
{
  GtkWidget *parent = gtk_widget_get_parent (row);

  if (parent == GTK_WIDGET (list) &&
      (after ? gtk_widget_get_prev_sibling (row) == after
             : gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == index))
    return;
  g_object_ref (row);
  if (parent)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row);
  if (after)
    index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (after)) + 1;
  gtk_list_box_insert (list, row, index);
  g_object_unref (row);
}

/**
 * dossier_form_problem:
 * @where: (out) (optional): set to @field
 * @field: the entry row, combo row or text view @message is about
 * @message: (transfer full): what is wrong with it
 *
 * For a form's check, which says what is wrong and where in one line:
 * `return dossier_form_problem (field, self->name_row, g_strdup (…));`
 *
 * Returns: (transfer full): @message
 */
char *
dossier_form_problem (GtkWidget **where,
                      gpointer    field,
                      char       *message)
{
  g_return_val_if_fail (GTK_IS_WIDGET (field), message);

  if (where)
    *where = field;
  return message;
}

/**
 * dossier_form_show_problem:
 * @message_row: the form's row that says what is wrong
 * @slot: (nullable): where the form keeps the message, for its getter
 * @field: (nullable): the field @problem is about, as its check found it
 *   (dossier_form_problem()); %NULL for what is about no field: a store
 *   that could not write, a feed that could not be fetched
 * @problem: (nullable): what is wrong, or %NULL when nothing is (yet)
 *
 * Says what is wrong with a form under the field it is about: that field
 * alone has the "error" style and is invalid for a screen reader,
 * described by the message, which is moved to just after the field's row
 * (and its language opened, for a field of the translations). What is
 * about no field is said where the form put @message_row. Each call
 * replaces what the last one said and marked.
 */
void
dossier_form_show_problem (AdwActionRow  *message_row,
                           char         **slot,
                           GtkWidget     *field,
                           const char    *problem)
{
  GtkWidget *row = GTK_WIDGET (message_row);
  GtkWidget *field_row;
  FormProblem *state;

  g_return_if_fail (ADW_IS_ACTION_ROW (message_row));
  g_return_if_fail (field == NULL || GTK_IS_WIDGET (field));

  state = form_problem_get (message_row);
  if (slot)
    {
      g_free (*slot);
      *slot = g_strdup (problem);
    }
  if (problem == NULL)
    field = NULL;

  if (state->marked && state->marked != field)
    mark_field (state->marked, row, NULL);
  g_set_object (&state->marked, field);
  if (field)
    mark_field (field, row, problem);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message_row), problem ? problem : "");
  field_row = field ? row_of_field (field) : NULL;
  if (field_row)
    {
      GtkWidget *expander = gtk_widget_get_ancestor (field_row, ADW_TYPE_EXPANDER_ROW);

      move_row (row, GTK_LIST_BOX (gtk_widget_get_parent (field_row)), field_row, 0);
      if (expander)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    }
  else if (state->home)
    move_row (row, GTK_LIST_BOX (state->home), NULL, state->home_index);
  gtk_widget_set_visible (row, problem != NULL);
}

/* A text view holds at most the characters its field does: what is typed
 * or pasted beyond is cut, with the error bell, as an entry does. */
static void
on_limited_insert_cb (GtkTextBuffer *buffer,
                      GtkTextIter   *where,
                      const char    *text,
                      int            length,
                      gpointer       data)
{
  guint max_chars = GPOINTER_TO_UINT (data);
  guint have = gtk_text_buffer_get_char_count (buffer);
  glong adding = g_utf8_strlen (text, length);
  const char *end;

  if (have + adding <= max_chars)
    return;
  g_signal_stop_emission_by_name (buffer, "insert-text");
  end = have < max_chars ? g_utf8_offset_to_pointer (text, max_chars - have) : text;
  if (end > text)
    {
      g_signal_handlers_block_by_func (buffer, on_limited_insert_cb, data);
      gtk_text_buffer_insert (buffer, where, text, end - text);
      g_signal_handlers_unblock_by_func (buffer, on_limited_insert_cb, data);
    }
  gtk_widget_error_bell (GTK_WIDGET (g_object_get_data (G_OBJECT (buffer), "dossier-limited-view")));
}

/**
 * dossier_form_limit_text:
 * @widget: an entry, an entry row or a text view of a form
 * @max_chars: the most characters its field holds (DOSSIER_TEXT_MAX_LINE…)
 *
 * Makes @widget take at most @max_chars characters, typed or pasted: the
 * forms keep the limits the store and the import keep (a 3,000-character
 * city once froze the window while its labels were laid out).
 */
void
dossier_form_limit_text (GtkWidget *widget,
                         guint      max_chars)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      g_object_set_data (G_OBJECT (buffer), "dossier-limited-view", widget);
      g_signal_handlers_disconnect_matched (buffer, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                            on_limited_insert_cb, NULL);
      g_signal_connect (buffer, "insert-text", G_CALLBACK (on_limited_insert_cb),
                        GUINT_TO_POINTER (max_chars));
    }
  else if (GTK_IS_ENTRY (widget))
    gtk_entry_set_max_length (GTK_ENTRY (widget), MIN (max_chars, G_MAXINT16));
  else if (GTK_IS_EDITABLE (widget))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (widget));

      if (GTK_IS_TEXT (delegate))
        gtk_text_set_max_length (GTK_TEXT (delegate), MIN (max_chars, G_MAXINT16));
    }
}

/**
 * dossier_form_limit_texts:
 *
 * Limits every entry of @form to a line (DOSSIER_TEXT_MAX_LINE) and every
 * text view to paragraphs (DOSSIER_TEXT_MAX_PARAGRAPHS); fields that hold
 * more (an address, a letter) are then limited one by one.
 */
void
dossier_form_limit_texts (GtkWidget *form)
{
  g_return_if_fail (GTK_IS_WIDGET (form));

  for (GtkWidget *child = gtk_widget_get_first_child (form);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT_VIEW (child))
        dossier_form_limit_text (child, DOSSIER_TEXT_MAX_PARAGRAPHS);
      else if (ADW_IS_ENTRY_ROW (child) || GTK_IS_ENTRY (child))
        dossier_form_limit_text (child, DOSSIER_TEXT_MAX_LINE);
      else
        dossier_form_limit_texts (child);
    }
}

/* libadwaita 1.2 frees a toast's state twice when the toast is hidden
 * before its 300 ms entrance has finished (a second toast right after the
 * first, say "Logged" and then "Marked as"), and crashes. Toasts therefore
 * go through here, which keeps them at least this far apart. */
#define TOAST_SPACING_US (400 * 1000)

typedef struct
{
  AdwToastOverlay *overlay;
  AdwToast        *toast;
} PendingToast;

static gboolean
on_pending_toast_cb (gpointer data)
{
  PendingToast *pending = data;

  /* the window may have closed meanwhile; the toast's slot was reserved
   * when it was deferred, and its title escaped */
  if (gtk_widget_get_root (GTK_WIDGET (pending->overlay)))
    adw_toast_overlay_add_toast (pending->overlay, g_steal_pointer (&pending->toast));
  g_clear_object (&pending->toast);
  g_object_unref (pending->overlay);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

void
dossier_add_toast (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  gint64 now = g_get_monotonic_time ();
  gint64 *next = g_object_get_data (G_OBJECT (overlay), "dossier-next-toast");

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  /* A toast's title is Pango markup in libadwaita 1.2, and ours hold names
   * from the store ("“R&D group” deleted"); it is also cut with an
   * ellipsis when the window is narrow. It is shown instead as a label of
   * plain text that wraps. */
  if (adw_toast_get_custom_title (toast) == NULL)
    {
      GtkWidget *label = gtk_label_new (adw_toast_get_title (toast));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "heading");
      adw_toast_set_custom_title (toast, label);
    }
  if (next == NULL)
    {
      next = g_new0 (gint64, 1);
      g_object_set_data_full (G_OBJECT (overlay), "dossier-next-toast", next, g_free);
    }
  if (*next > now)
    {
      PendingToast *pending = g_new0 (PendingToast, 1);

      pending->overlay = g_object_ref (overlay);
      pending->toast = toast;
      g_timeout_add ((guint) ((*next - now) / 1000) + 1, on_pending_toast_cb, pending);
      *next += TOAST_SPACING_US;
      return;
    }
  *next = now + TOAST_SPACING_US;
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * dossier_enum_model:
 * @first: (nullable): an item before the values, such as "All"
 *
 * Returns: (transfer full): the labels of @which, translated, for a
 *   drop-down or a combo row.
 */
GListModel *
dossier_enum_model (DossierEnum  which,
                    const char  *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const DossierEnumValue *values = dossier_enum_values (which, &n);

  if (first)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, dossier_enum_label (which, values[i].id));
  return G_LIST_MODEL (list);
}

/* The value at @position of a dossier_enum_model(); NULL for the first
 * item, or past the end. */
const char *
dossier_enum_id_at (DossierEnum which,
                    guint       position,
                    gboolean    has_first)
{
  guint n;
  const DossierEnumValue *values = dossier_enum_values (which, &n);

  if (has_first)
    {
      if (position == 0)
        return NULL;
      position--;
    }
  return position < n ? values[position].id : NULL;
}

/* Where @id is in a dossier_enum_model(); 0 when it is not a value. */
guint
dossier_enum_position (DossierEnum  which,
                       const char  *id,
                       gboolean     has_first)
{
  guint n;
  const DossierEnumValue *values = dossier_enum_values (which, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i].id, id) == 0)
      return has_first ? i + 1 : i;
  return 0;
}

/* A calendar beside a date typed as YYYY-MM-DD: opened on the date the
 * row holds (today when none), a day picked is written into the row, and
 * typing still works as before. */
static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (calendar), "dossier-setting")))
    return;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_date_popover_show_cb (GtkPopover  *popover,
                         AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (dossier_date_is_valid (text) && sscanf (text, "%d-%d-%d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  /* showing a date is not choosing it */
  g_object_set_data (G_OBJECT (calendar), "dossier-setting", GINT_TO_POINTER (TRUE));
  gtk_calendar_select_day (calendar, date);
  g_object_set_data (G_OBJECT (calendar), "dossier-setting", GINT_TO_POINTER (FALSE));
}

void
dossier_form_add_date_picker (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  dossier_accessible_name (button, _("Choose a Date"));
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (popover, "show", G_CALLBACK (on_date_popover_show_cb), row);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb), row);
  adw_entry_row_add_suffix (row, button);
}

/**
 * dossier_title_that_gives_way:
 *
 * Returns: (transfer floating): a window's title that gives way, whole, to
 *   nothing when the header bar is too narrow for it, rather than being cut.
 */
GtkWidget *
dossier_title_that_gives_way (const char *title)
{
  GtkWidget *squeezer = adw_squeezer_new ();
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "title");
  adw_squeezer_add (ADW_SQUEEZER (squeezer), label);
  adw_squeezer_add (ADW_SQUEEZER (squeezer), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  return squeezer;
}
