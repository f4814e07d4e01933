/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-composer.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-feed-item.h"
#include "dossier-feed.h"
#include "dossier-forget.h"
#include "dossier-log-editor.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"
#include "dossier-report.h"
#include "dossier-reports-window.h"
#include "dossier-window-private.h"

/* The window's actions that span the sections: addresses opened and
 * copied, errors shown, letters written and actions logged for any urgent
 * action, campaigns imported, the sample campaign, Undo of the last
 * deletion and of the last action logged, and what makes a deletion
 * final. */

static void
on_open_uri_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);

  /* the same rule as the rows that offer it: web and mail only */
  if (dossier_uri_is_safe (uri))
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
on_copy_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  dossier_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static void
on_show_error_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  dossier_add_toast (self->toast_overlay, adw_toast_new (g_variant_get_string (parameter, NULL)));
}


/* A toast that says what was just done, with Undo through @action. */
static void
add_undo_toast (DossierWindow *self,
                AdwToast      *toast,
                const char    *action)
{
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action);
  /* Ctrl+Z does the same, for those who cannot reach the toast */
  self->undo_action = action;
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  dossier_add_toast (self->toast_overlay, toast);
}

/* The last thing done that can be undone (a log, a deletion), once. */
static void
on_undo_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *action = self->undo_action;

  self->undo_action = NULL;
  if (action)
    gtk_widget_activate_action (widget, action, NULL);
}

/* The composer and the action log open for any urgent action by its id,
 * from its page or from anywhere else. */
static void
on_write_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  const char *ua_id, *target_id;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) target = NULL;

  g_variant_get (parameter, "(&s&s)", &ua_id, &target_id);
  if (self->store == NULL || !(ua = dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, ua_id, NULL)))
    return;
  if (*target_id)
    target = dossier_store_fetch (self->store, DOSSIER_TYPE_TARGET, target_id, NULL);
  gtk_window_present (GTK_WINDOW (dossier_composer_new (GTK_WINDOW (self), self->store, ua, target)));
}

static void
on_log_action_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierRecord) ua = NULL;

  if (self->store == NULL ||
      !(ua = dossier_store_fetch (self->store, DOSSIER_TYPE_URGENT_ACTION, g_variant_get_string (parameter, NULL), NULL)))
    return;
  gtk_window_present (GTK_WINDOW (dossier_log_editor_new (GTK_WINDOW (self), self->store, ua)));
}

/* The page shown is rebuilt if it shows @action: its own page, or its
 * urgent action's (the counts). */
static void
reload_action_pages (DossierWindow *self,
                     DossierAction *action)
{
  DossierRecord *shown = dossier_window_get_shown_record (self);
  const char *ua_id = dossier_record_get_string (DOSSIER_RECORD (action), "ua-id");

  if (shown == NULL)
    return;
  if ((DOSSIER_IS_URGENT_ACTION (shown) && g_strcmp0 (dossier_record_get_id (shown), ua_id) == 0) ||
      (DOSSIER_IS_ACTION (shown) &&
       g_strcmp0 (dossier_record_get_id (shown), dossier_record_get_id (DOSSIER_RECORD (action))) == 0))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-page", NULL);
}

static void
on_undo_log_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierAction) logged = g_steal_pointer (&self->logged);
  g_autoptr(DossierAction) before = g_steal_pointer (&self->before);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (logged == NULL || self->store == NULL)
    return;
  if (before)
    ok = dossier_store_update (self->store, DOSSIER_RECORD (before), &error);
  else
    ok = dossier_store_delete (self->store, DOSSIER_TYPE_ACTION,
                               dossier_record_get_id (DOSSIER_RECORD (logged)), &error);
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("It could not be undone: %s"), error->message);

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  reload_action_pages (self, logged);
}

static void
on_undo_delete_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierDeletion) deletion = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (deletion == NULL || self->store == NULL)
    return;
  if (!dossier_store_undo_deletion (self->store, deletion, &error))
    goto fail;
  {
    DossierRecord *first = dossier_deletion_get_record (deletion);
    gboolean is_event = DOSSIER_IS_CASE_EVENT (first);

    /* a target has no page: rebuild the one that lists it */
    if (DOSSIER_IS_TARGET (first))
      {
        gtk_widget_activate_action (widget, "win.reload-page", NULL);
        return;
      }
    const char *type = is_event ? "DossierCase" : G_OBJECT_TYPE_NAME (first);
    const char *id = is_event ? dossier_record_get_string (first, "case-id") : dossier_record_get_id (first);
    DossierRecord *shown = dossier_window_get_shown_record (self);

    /* a page showing what changed is rebuilt */
    if (shown && g_strcmp0 (dossier_record_get_id (shown), id) == 0)
      dossier_window_pop_page (self);
    gtk_widget_activate_action (widget, "win.open-record", "(ss)", type, id);
  }
  return;

fail:
  {
    /* Translators: %s says what went wrong */
    g_autofree char *message = g_strdup_printf (_("It could not be restored: %s"), error->message);
    dossier_add_toast (self->toast_overlay, adw_toast_new (message));
  }
}

static void
on_import_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       DossierWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        dossier_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
on_import_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Campaign"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Campaign files (JSON Feed)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/feed+json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Files dropped on the window: their first bytes, read in a worker (a
 * file may be on a slow disk or a network share), tell volunteers'
 * reports, which go where they are imported, from campaigns. */
static void
sniff_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  GPtrArray *files = data;
  GArray *reports = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), files->len);

  for (guint i = 0; i < files->len; i++)
    {
      gboolean report = dossier_report_sniff (files->pdata[i]);

      g_array_append_val (reports, report);
    }
  g_task_return_pointer (task, reports, (GDestroyNotify) g_array_unref);
}

static void
on_sniffed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (source);
  GPtrArray *files = g_task_get_task_data (G_TASK (result));
  g_autoptr(GArray) is_report = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GListStore) reports = g_list_store_new (G_TYPE_FILE);

  if (is_report == NULL || self->store == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    if (g_array_index (is_report, gboolean, i))
      g_list_store_append (reports, files->pdata[i]);
    else
      dossier_window_import_file (self, files->pdata[i]);
  if (g_list_model_get_n_items (G_LIST_MODEL (reports)) > 0)
    {
      GtkWidget *window = dossier_window_show_reports (self);

      if (window)
        dossier_reports_window_import_files (DOSSIER_REPORTS_WINDOW (window), G_LIST_MODEL (reports));
    }
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            DossierWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || g_value_get_boxed (value) == NULL)
    return FALSE;
  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = g_value_get_boxed (value); l; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  task = g_task_new (self, NULL, on_sniffed_cb, NULL);
  g_task_set_task_data (task, files, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, sniff_in_thread);
  return TRUE;
}

typedef struct {
  DossierWindow *window;
  char          *name;     /* the file's, for the messages; NULL for the sample */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_object_unref (job->window);
  g_free (job->name);
  g_free (job);
}

static void
on_import_progress_cb (const char *what,
                       double      fraction,
                       gpointer    data)
{
  DossierWindow *self = data;

  /* reports still on their way when the window closed */
  if (self->import_cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->activity_progress, fraction);
}

static gboolean
on_focus_idle_cb (gpointer data)
{
  DossierWindow *self = data;

  self->focus_idle_id = 0;
  dossier_window_focus_content (self);
  return G_SOURCE_REMOVE;
}

static void
end_import (DossierWindow *self)
{
  /* the button that started it may be gone with the empty state: the
   * focus goes to what was imported, once the lists have it */
  if (self->focus_idle_id == 0)
    self->focus_idle_id = g_timeout_add_full (G_PRIORITY_LOW, 100, on_focus_idle_cb, self, NULL);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->activity_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  dossier_window_notify_busy (self);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ImportJob *job = data;
  DossierWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  DossierImportStats stats = { 0 };
  gboolean ok = dossier_campaign_import_finish (result, &stats, &error);
  static GType (* const kinds[]) (void) = {
    dossier_case_get_type, dossier_charge_get_type, dossier_case_event_get_type,
    dossier_target_get_type, dossier_urgent_action_get_type,
    /* a campaign's news come as a feed of its own: the Updates list and
     * the sidebar's unread count read again too */
    dossier_feed_get_type, dossier_feed_item_get_type,
  };

  /* the window closed while it ran: the import was cancelled */
  if (self->store == NULL)
    {
      import_job_free (job);
      return;
    }
  end_import (self);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dossier_add_toast (self->toast_overlay,
                       adw_toast_new (_("Import cancelled: nothing was imported")));
  else if (!ok && job->name == NULL)
    {
      /* Translators: %s says what went wrong */
      g_autofree char *message = g_strdup_printf (_("The sample campaign could not be loaded: %s"),
                                                  error->message);

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  else if (!ok)
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), job->name);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);

      /* the message is ours and the file's: plain text, never markup */
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
      adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    {
      /* written through the import's own connection: the lists read again */
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        dossier_store_notify_changed (self->store, kinds[i] ());
      if (job->name == NULL)
        {
          /* the sample's urgent action has closed: show it rather than nothing */
          if (dossier_section_is_empty (dossier_window_get_section_widget (self, "actions")))
            gtk_widget_activate_action (GTK_WIDGET (dossier_window_get_section_page (self, "actions")),
                                        "actions.filter", "s", "all");
          dossier_add_toast (self->toast_overlay,
                             adw_toast_new (stats.created > 0 ? _("Sample campaign loaded")
                                                              : _("The sample campaign is already loaded")));
        }
      else
        {
          /* Translators: the first number counts new records, the second updated ones */
          g_autofree char *message = g_strdup_printf (_("Imported: %u new, %u updated"),
                                                      stats.created, stats.updated);

          dossier_add_toast (self->toast_overlay, adw_toast_new (message));
        }
    }
  import_job_free (job);
}

/* Imports @file or @bytes in a worker thread, with a bar that says how far
 * it is and Cancel: a large campaign takes seconds, and the window goes on
 * drawing meanwhile. One import at a time. */
static void
start_import (DossierWindow *self,
              GFile         *file,
              GBytes        *bytes)
{
  ImportJob *job;
  g_autofree char *label = NULL;

  if (self->store == NULL)
    return;
  if (self->import_cancellable != NULL)
    {
      dossier_add_toast (self->toast_overlay,
                         adw_toast_new (_("Another campaign is being imported: wait for it to finish")));
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (self);
  job->name = file ? g_file_get_basename (file) : NULL;
  if (job->name)
    /* Translators: %s is a file name */
    label = g_strdup_printf (_("Importing “%s”…"), job->name);
  else
    label = g_strdup (_("Loading the sample campaign…"));
  gtk_label_set_text (self->activity_label, label);
  gtk_progress_bar_set_fraction (self->activity_progress, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->activity_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_revealer_set_reveal_child (self->activity_revealer, TRUE);
  /* a narrow window shows one pane: the one with the bar */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", TRUE);

  self->import_cancellable = g_cancellable_new ();
  dossier_window_notify_busy (self);
  dossier_campaign_import_async (dossier_store_get_path (self->store), file, bytes,
                                 on_import_progress_cb, g_object_ref (self), g_object_unref,
                                 self->import_cancellable, on_imported_cb, job);
}

static void
on_cancel_import_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->import_cancellable)
    g_cancellable_cancel (self->import_cancellable);
}

/* The sample campaign is built from real case files: a newcomer can see
 * what a campaign looks like before subscribing to one. */
static void
on_load_sample_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  bytes = g_resources_lookup_data ("/org/example/Dossier/sample-campaign.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      /* Translators: %s says what went wrong */
      g_autofree char *message = g_strdup_printf (_("The sample campaign could not be loaded: %s"),
                                                  error->message);

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  start_import (self, NULL, bytes);
}

/**
 * dossier_window_import_file:
 *
 * Imports a campaign file, in a worker thread, and says what it did; a
 * file with an error imports nothing and a dialog says which item and
 * field are wrong. The window's busy property is %TRUE until it is done.
 */
void
dossier_window_import_file (DossierWindow *self,
                            GFile         *file)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_import (self, file, NULL);
}

/* ---- deleted means gone ----
 *
 * A deletion keeps its records in memory for Undo until its toast goes;
 * then it is final, and the store is scrubbed (dossier-forget.c): no copy
 * of what went stays readable in its files, in the search index or the
 * -wal file. Scrubbing takes 30–50 ms on a store of a hundred cases and
 * 2–3 s on one of ten thousand, so it runs in a worker; the application
 * is held meanwhile, so that quitting waits for it. */

static void
on_scrubbed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GApplication) application = data;
  g_autoptr(GError) error = NULL;

  if (!dossier_store_scrub_finish (DOSSIER_STORE (source), result, &error))
    g_warning ("What was deleted may stay readable in the store’s files: %s", error->message);
  if (application)
    g_application_release (application);
}

static void
scrub_store (DossierWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->store == NULL)
    return;
  if (application)
    g_application_hold (G_APPLICATION (application));
  dossier_store_scrub_async (self->store, NULL, on_scrubbed_cb,
                             application ? g_object_ref (application) : NULL);
}

/**
 * dossier_window_end_deletion:
 *
 * Makes the deletion offered for Undo, if there is one, final: Undo no
 * longer brings it back, its copy in memory goes, and the store is
 * scrubbed of it. Done when its toast goes, when another deletion takes
 * its place, and when the window closes.
 */
void
dossier_window_end_deletion (DossierWindow *self)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  if (self->deleted == NULL)
    return;
  g_clear_pointer (&self->deleted, dossier_deletion_free);
  if (g_strcmp0 (self->undo_action, "win.undo-delete") == 0)
    self->undo_action = NULL;
  scrub_store (self);
}

static void
on_undo_toast_dismissed_cb (AdwToast      *toast,
                            DossierWindow *self)
{
  guint serial = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "dossier-deletion"));

  /* the toast of the deletion still offered: Undo goes with it. After
   * Undo, or once another deletion took its place, there is none. */
  if (self->deleted && serial == self->deletion_serial)
    dossier_window_end_deletion (self);
}

/**
 * dossier_window_offer_undo_deletion:
 * @deletion: (transfer full): what was deleted
 * @toast: (transfer full): says what was deleted
 *
 * Shows @toast with Undo, which brings back @deletion until the next one,
 * or until the toast goes: then the deletion is final.
 */
void
dossier_window_offer_undo_deletion (DossierWindow   *self,
                                    DossierDeletion *deletion,
                                    AdwToast        *toast)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (deletion != NULL);

  dossier_window_end_deletion (self);
  self->deleted = deletion;
  self->deletion_serial++;
  g_object_set_data (G_OBJECT (toast), "dossier-deletion", GUINT_TO_POINTER (self->deletion_serial));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self, 0);
  add_undo_toast (self, toast, "win.undo-delete");
}

/**
 * dossier_window_report_forgotten:
 *
 * Says that a case was forgotten (dossier_store_forget_case()): the pages
 * open over the sections close, as they may show it, Undo of what was
 * done before ends, and the store is scrubbed of it.
 */
void
dossier_window_report_forgotten (DossierWindow *self)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  /* what was deleted or logged before may be about the case: no Undo
   * brings any of it back now */
  g_clear_pointer (&self->deleted, dossier_deletion_free);
  g_clear_object (&self->logged);
  g_clear_object (&self->before);
  self->undo_action = NULL;
  dossier_window_show_sections (self);
  /* Translators: said once a case was forgotten; its name is not repeated */
  dossier_add_toast (self->toast_overlay, adw_toast_new (_("Case forgotten")));
  scrub_store (self);
}

/**
 * dossier_window_report_logged:
 * @before: (nullable): the action as it was, or %NULL if it is new
 *
 * Says that @action was logged or changed, with Undo.
 */
void
dossier_window_report_logged (DossierWindow *self,
                              DossierAction *action,
                              DossierAction *before)
{
  DossierRecord *record = DOSSIER_RECORD (action);
  const char *channel = dossier_enum_label (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (record, "channel"));
  const char *state = dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, dossier_record_get_string (record, "state"));
  const char *state_before = before ? dossier_record_get_string (DOSSIER_RECORD (before), "state") : NULL;
  AdwToast *toast;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  g_set_object (&self->logged, action);
  g_set_object (&self->before, before);
  if (before == NULL || g_str_equal (state_before, "drafted"))
    /* Translators: %s is a channel, such as “Letter” */
    toast = adw_toast_new_format (_("Logged: %s"), channel);
  else if (!g_str_equal (state_before, dossier_record_get_string (record, "state")))
    /* Translators: %s is a state, such as “Replied” */
    toast = adw_toast_new_format (_("Marked as: %s"), state);
  else
    /* Translators: a logged action (a letter sent, a call made) was corrected */
    toast = adw_toast_new (_("Action changed"));
  add_undo_toast (self, toast, "win.undo-log");
  reload_action_pages (self, action);
}

void
dossier_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", on_open_uri_action_cb);
  gtk_widget_class_install_action (widget_class, "win.copy", "s", on_copy_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", on_show_error_action_cb);
  gtk_widget_class_install_action (widget_class, "win.write", "(ss)", on_write_action_cb);
  gtk_widget_class_install_action (widget_class, "win.log-action", "s", on_log_action_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, on_import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, on_load_sample_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, on_cancel_import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, on_undo_delete_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, on_undo_action_cb);
  /* a binding, not an accelerator: a text field's own Ctrl+Z comes first */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo-log", NULL, on_undo_log_action_cb);
}

void
dossier_window_actions_init (DossierWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  /* a campaign file dropped on the window is imported */
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
}
