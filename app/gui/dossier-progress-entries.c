/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-accessible.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-progress-entries.h"
#include "dossier-section.h"

/* What a figure of Progress is made of: the actions behind a bar, a total
 * or a row of a table, the newest first, a page at a time. An action of
 * this computer opens its page; one from a volunteer's report is only
 * listed, and one of a report that gave only counts says its week and its
 * number ("×12"). */

struct _DossierProgressEntries
{
  GtkWidget     parent_instance;

  GtkLabel     *heading_label;
  GtkListBox   *list;
  GtkButton    *more_button;
  GtkLabel     *none_label;
  GtkScrolledWindow *scrolled;

  DossierStore *store;
  /* the selection's strings, owned */
  char         *from, *to, *ua, *group, *channel, *week, *target, *state;
  char         *cursor;   /* of the last entry shown */
  gboolean      more;
};

G_DEFINE_FINAL_TYPE (DossierProgressEntries, dossier_progress_entries, GTK_TYPE_WIDGET)

/**
 * dossier_progress_describe_ua:
 * @key: a UA's key in the figures: its id, "?REF" or ""
 * @reference: (nullable): its reference
 *
 * Returns: what to call it: its reference, or what is known of it.
 */
char *
dossier_progress_describe_ua (const char *key,
                              const char *reference)
{
  if (key == NULL || *key == '\0')
    /* Translators: actions whose urgent action was deleted since */
    return g_strdup (_("Deleted urgent action"));
  if (key[0] == '?')
    /* Translators: an urgent action named in a volunteer's report that
     * this computer does not have; %s is its reference ("UA 065/20") */
    return g_strdup_printf (_("Unknown UA ‹%s›"), key + 1);
  return g_strdup (reference && *reference ? reference : key);
}

static GtkWidget *
entry_row_new (const DossierFigureEntry *entry)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  const char *channel = dossier_enum_label (DOSSIER_ENUM_CHANNEL, entry->channel);
  const char *state = dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, entry->state);
  g_autofree char *ua = dossier_progress_describe_ua (entry->ua_key, entry->ua_label);
  g_autofree char *day = dossier_format_date (entry->date);
  g_autofree char *date = NULL;
  g_autofree char *who = dossier_join_nonempty (", ", entry->volunteer ? entry->volunteer : "",
                                                entry->group ? entry->group : "", NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;

  if (entry->week_only)
    /* Translators: the date of actions a report counted by the week
     * alone; %s is the week's Monday: "Week of 7 April 2025" */
    date = g_strdup_printf (_("Week of %s"), day);
  else
    date = g_steal_pointer (&day);
  title = dossier_join_nonempty (" · ", ua, channel ? channel : entry->channel ? entry->channel : "", NULL);
  subtitle = dossier_join_nonempty (" · ", date ? date : "", entry->target_label ? entry->target_label : "",
                                    state ? state : "", who, NULL);
  escaped_title = g_markup_escape_text (title, -1);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (row, escaped_subtitle);
  if (entry->n > 1)
    {
      /* Translators: how many actions one line of a report counts: "×12" */
      g_autofree char *times = g_strdup_printf (_("×%'lld"), (long long) entry->n);
      GtkWidget *label = gtk_label_new (times);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (row, label);
    }
  if (entry->action_id)
    {
      g_object_set_data_full (G_OBJECT (row), "dossier-action-id", g_strdup (entry->action_id), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return GTK_WIDGET (row);
}

static void
read_page (DossierProgressEntries *self)
{
  DossierFigureSelection selection = {
    .filter = { self->from, self->to, self->ua, self->group },
    .channel = self->channel,
    .week = self->week,
    .target = self->target,
    .state = self->state,
  };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  /* one more than a page says whether there is a next one */
  entries = dossier_store_figure_entries (self->store, &selection, self->cursor,
                                          DOSSIER_PROGRESS_ENTRIES_PAGE + 1, &error);
  if (entries == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message);
      self->more = FALSE;
    }
  else
    {
      self->more = entries->len > DOSSIER_PROGRESS_ENTRIES_PAGE;
      for (guint i = 0; i < MIN (entries->len, DOSSIER_PROGRESS_ENTRIES_PAGE); i++)
        {
          DossierFigureEntry *entry = g_ptr_array_index (entries, i);

          gtk_list_box_append (self->list, entry_row_new (entry));
          g_free (self->cursor);
          self->cursor = g_strdup (entry->cursor);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->more);
  gtk_widget_set_visible (GTK_WIDGET (self->none_label),
                          gtk_list_box_get_row_at_index (self->list, 0) == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list),
                          gtk_list_box_get_row_at_index (self->list, 0) != NULL);
}

static void
on_row_activated_cb (DossierProgressEntries *self,
                     GtkListBoxRow          *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "dossier-action-id");

  if (id)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ss)", "DossierAction", id);
}

static void
on_more_clicked_cb (DossierProgressEntries *self)
{
  dossier_progress_entries_show_more (self);
}

static void
clear_selection (DossierProgressEntries *self)
{
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->ua, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->week, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->cursor, g_free);
}

static void
dossier_progress_entries_dispose (GObject *object)
{
  DossierProgressEntries *self = DOSSIER_PROGRESS_ENTRIES (object);
  GtkWidget *child;

  clear_selection (self);
  g_clear_object (&self->store);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (dossier_progress_entries_parent_class)->dispose (object);
}

static void
dossier_progress_entries_class_init (DossierProgressEntriesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dossier_progress_entries_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
dossier_progress_entries_init (DossierProgressEntries *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *back = gtk_button_new ();
  GtkWidget *back_content = adw_button_content_new ();

  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (GTK_WIDGET (self->scrolled), GTK_WIDGET (self));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  gtk_scrolled_window_set_child (self->scrolled, clamp);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (back_content), "go-previous-symbolic");
  /* Translators: the button back from the actions behind a figure to
   * the figures of Progress */
  adw_button_content_set_label (ADW_BUTTON_CONTENT (back_content), _("Back to Progress"));
  gtk_button_set_child (GTK_BUTTON (back), back_content);
  gtk_widget_add_css_class (back, "flat");
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "progress.back");
  gtk_box_append (GTK_BOX (box), back);

  self->heading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->heading_label, TRUE);
  gtk_label_set_wrap_mode (self->heading_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->heading_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_label), "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading_label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading_label));

  self->none_label = GTK_LABEL (gtk_label_new (_("No actions are behind this figure any more: they were "
                                                 "changed or deleted since.")));
  gtk_label_set_wrap (self->none_label, TRUE);
  gtk_label_set_xalign (self->none_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->none_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->none_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  /* named by what it lists once shown */
  dossier_accessible_name (GTK_WIDGET (self->list), _("Actions behind the figure"));
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));

  self->more_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Show _More")));
  gtk_widget_set_halign (GTK_WIDGET (self->more_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_button), "pill");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->more_button));
}

/**
 * dossier_progress_entries_show:
 * @heading: what the figure was: "Letter · Week of 7 April 2025"
 *
 * Lists the first page of the entries behind @selection.
 */
void
dossier_progress_entries_show (DossierProgressEntries       *self,
                               DossierStore                 *store,
                               const DossierFigureSelection *selection,
                               const char                   *heading)
{
  GtkWidget *row;

  g_return_if_fail (DOSSIER_IS_PROGRESS_ENTRIES (self));
  g_return_if_fail (DOSSIER_IS_STORE (store));
  g_return_if_fail (selection != NULL);

  g_set_object (&self->store, store);
  clear_selection (self);
  self->from = g_strdup (selection->filter.from);
  self->to = g_strdup (selection->filter.to);
  self->ua = g_strdup (selection->filter.ua);
  self->group = g_strdup (selection->filter.group);
  self->channel = g_strdup (selection->channel);
  self->week = g_strdup (selection->week);
  self->target = g_strdup (selection->target);
  self->state = g_strdup (selection->state);
  gtk_label_set_text (self->heading_label, heading);
  dossier_accessible_name (GTK_WIDGET (self->list), heading);
  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))))
    gtk_list_box_remove (self->list, row);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  read_page (self);
}

/* The next page after the last entry shown (keyset: never an offset). */
void
dossier_progress_entries_show_more (DossierProgressEntries *self)
{
  g_return_if_fail (DOSSIER_IS_PROGRESS_ENTRIES (self));

  if (self->store == NULL || !self->more)
    return;
  read_page (self);
}

const char *
dossier_progress_entries_get_heading (DossierProgressEntries *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_ENTRIES (self), NULL);

  return gtk_label_get_text (self->heading_label);
}

GtkListBox *
dossier_progress_entries_get_list (DossierProgressEntries *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_ENTRIES (self), NULL);

  return self->list;
}

gboolean
dossier_progress_entries_has_more (DossierProgressEntries *self)
{
  g_return_val_if_fail (DOSSIER_IS_PROGRESS_ENTRIES (self), FALSE);

  return self->more;
}
