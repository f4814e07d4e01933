/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-campaign.h"
#include "dossier-detail-page.h"
#include "dossier-window-private.h"

/* Export Campaign…: the same file `dossier export` writes, to a file the
 * user chooses. Written in a worker, through a connection of its own, to
 * a temporary file that replaces the chosen one only when it is whole: a
 * cancelled or failed export leaves what was there. A toast says it is
 * going on, with Cancel, and then where the file is. */

typedef struct {
  char  *store_path;
  GFile *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->store_path);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (!(store = dossier_store_open_full (job->store_path, DOSSIER_STORE_OPEN_READING, NULL, NULL, &error)) ||
      !(stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!dossier_campaign_export_to_stream (store, NULL, G_OUTPUT_STREAM (stream), cancellable, &error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), "\n", 1, NULL, cancellable, &error))
    {
      /* closing a replaced stream after an error would keep half a file:
       * cancel first, so that the original stays */
      g_autoptr(GCancellable) stop = g_cancellable_new ();

      g_cancellable_cancel (stop);
      g_output_stream_close (G_OUTPUT_STREAM (stream), stop, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (job->file);
  g_autofree char *message = NULL;

  if (self->export_toast)
    adw_toast_dismiss (self->export_toast);
  g_clear_object (&self->export_toast);
  g_clear_object (&self->export_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  dossier_window_notify_busy (self);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %s is a file */
    message = g_strdup_printf (_("Exported the campaign to “%s”"), name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Export cancelled: no file was written"));
  else
    /* Translators: the first %s is a file, the second says what went wrong */
    message = g_strdup_printf (_("Could not export the campaign to “%s”: %s"), name, error->message);
  dossier_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * dossier_window_export_file:
 *
 * Writes the campaign of the window's store to @file, in a worker.
 */
void
dossier_window_export_file (DossierWindow *self,
                            GFile         *file)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->store != NULL && self->export_cancellable == NULL);

  job->store_path = g_strdup (dossier_store_get_path (self->store));
  job->file = g_object_ref (file);
  self->export_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  dossier_window_notify_busy (self);

  /* Translators: shown while the campaign is written to a file */
  self->export_toast = g_object_ref (adw_toast_new (_("Exporting the campaign…")));
  adw_toast_set_timeout (self->export_toast, 0);
  adw_toast_set_button_label (self->export_toast, _("_Cancel"));
  adw_toast_set_action_name (self->export_toast, "win.cancel-export");
  dossier_add_toast (self->toast_overlay, self->export_toast);

  task = g_task_new (self, self->export_cancellable, on_exported_cb, NULL);
  g_task_set_source_tag (task, dossier_window_export_file);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       DossierWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        dossier_window_export_file (self, file);
    }
  g_object_unref (chooser);
}

static void
choose_export_file (DossierWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Campaign"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Campaign files (JSON Feed)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the name offered for an exported campaign file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("campaign.json"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_names_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DossierWindow    *self)
{
  if (g_str_equal (response, "export"))
    choose_export_file (self);
}

/* Whose names the file will hold is said before a file is chosen: the
 * file chooser of the desktop portal has no room for a sentence of ours.
 * A store without cases names no one, and goes to the chooser at once. */
static void
on_export_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  names = dossier_campaign_describe_names (self->store, &error);
  if (error)
    {
      dossier_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (names == NULL)
    {
      choose_export_file (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export the Campaign?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), names);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: goes on to choose where the exported campaign is written */
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_names_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cancel_export_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
}

void
dossier_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, on_export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, on_cancel_export_action_cb);
}
