/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-backup.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-window-private.h"

/* Back Up… and Restore…: the whole store in one encrypted file, as
 * `dossier backup` and `dossier restore` write and read it
 * (app/store/dossier-backup.c). The passphrase is asked for in a dialog;
 * the work runs in a worker, with the window's activity bar saying how far
 * it is and Cancel. A restore first decrypts and checks the backup beside
 * the store, which stays as it is; only then does the application close
 * the window and the store, put the restored one in its place, and open
 * the window again on it (dossier_application_replace_store()). */

typedef struct {
  DossierWindow        *window;
  char                 *store_path;
  char                 *path;         /* the backup file */
  char                 *name;         /* ...as a person reads it */
  DossierPassphrase    *passphrase;
  DossierProgressRelay *relay;
  char                 *unpacked;     /* restore: the checked store */
  DossierBackupInfo     info;
} BackupJob;

typedef void (*PassphraseFunc) (DossierWindow     *self,
                                GFile             *file,
                                DossierPassphrase *passphrase);

static void
backup_job_free (BackupJob *job)
{
  if (job->relay)
    {
      dossier_progress_relay_stop (job->relay);
      dossier_progress_relay_unref (job->relay);
    }
  g_clear_object (&job->window);
  g_free (job->store_path);
  g_free (job->path);
  g_free (job->name);
  g_clear_pointer (&job->passphrase, dossier_passphrase_free);
  if (job->unpacked)
    dossier_backup_discard (job->unpacked);
  g_free (job->unpacked);
  g_free (job);
}

static void
on_progress_cb (const char *what,
                double      fraction,
                gpointer    data)
{
  DossierWindow *self = data;

  if (self->backup_cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->activity_progress, fraction);
}

static void
on_job_progress (const char *what,
                 double      fraction,
                 gpointer    data)
{
  dossier_progress_relay_report (data, what, fraction);
}

static void
set_actions_enabled (DossierWindow *self,
                     gboolean       enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-backup", !enabled);
}

/* The activity bar, as an import shows it, with its Cancel for this job. */
static BackupJob *
start_job (DossierWindow     *self,
           GFile             *file,
           DossierPassphrase *passphrase,
           const char        *label)
{
  BackupJob *job = g_new0 (BackupJob, 1);

  job->window = g_object_ref (self);
  job->store_path = g_strdup (dossier_store_get_path (self->store));
  job->path = g_file_get_path (file);
  job->name = g_file_get_basename (file);
  job->passphrase = passphrase;
  job->relay = dossier_progress_relay_new (on_progress_cb, g_object_ref (self), g_object_unref);

  gtk_label_set_text (self->activity_label, label);
  gtk_progress_bar_set_fraction (self->activity_progress, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->activity_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->activity_cancel), "win.cancel-backup");
  gtk_revealer_set_reveal_child (self->activity_revealer, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  self->backup_cancellable = g_cancellable_new ();
  set_actions_enabled (self, FALSE);
  dossier_window_notify_busy (self);
  return job;
}

static void
end_job (DossierWindow *self)
{
  g_clear_object (&self->backup_cancellable);
  gtk_revealer_set_reveal_child (self->activity_revealer, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->activity_cancel), "win.cancel-import");
  set_actions_enabled (self, TRUE);
  dossier_window_notify_busy (self);
}

static void
show_error (DossierWindow *self,
            const char    *heading,
            const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);

  /* the message may quote a file name: plain text, never markup */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the passphrase ---- */

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

static void
on_passphrase_changed_cb (AdwMessageDialog *dialog)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *first = find_named (extra, "passphrase");
  GtkWidget *again = find_named (extra, "passphrase-again");
  GtkWidget *mismatch = find_named (extra, "mismatch");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (first));
  const char *other = again ? gtk_editable_get_text (GTK_EDITABLE (again)) : NULL;
  gboolean same = again == NULL || g_strcmp0 (text, other) == 0;
  const char *response = g_object_get_data (G_OBJECT (dialog), "dossier-response");

  if (mismatch)
    gtk_widget_set_visible (mismatch, !same && *other != '\0');
  adw_message_dialog_set_response_enabled (dialog, response, *text != '\0' && same);
}

static void
on_passphrase_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          data)
{
  DossierWindow *self = data;
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *first = find_named (extra, "passphrase");
  GtkWidget *again = find_named (extra, "passphrase-again");
  PassphraseFunc func = g_object_get_data (G_OBJECT (dialog), "dossier-func");
  GFile *file = g_object_get_data (G_OBJECT (dialog), "dossier-file");
  DossierPassphrase *passphrase = NULL;

  if (g_str_equal (response, g_object_get_data (G_OBJECT (dialog), "dossier-response")))
    passphrase = dossier_passphrase_new (gtk_editable_get_text (GTK_EDITABLE (first)), -1);
  /* not left in the entries' buffers */
  gtk_editable_set_text (GTK_EDITABLE (first), "");
  if (again)
    gtk_editable_set_text (GTK_EDITABLE (again), "");
  if (passphrase)
    func (self, file, passphrase);
}

static GtkWidget *
passphrase_row_new (const char *title,
                    const char *name)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  return row;
}

/* A dialog that asks for the passphrase (twice for a new one) and hands
 * it to @func, with @file, when @response is chosen. */
static void
ask_passphrase (DossierWindow  *self,
                GFile          *file,
                const char     *heading,
                const char     *body,
                gboolean        twice,
                const char     *response,
                const char     *response_label,
                AdwResponseAppearance appearance,
                PassphraseFunc  func)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *first = passphrase_row_new (_("Passphrase"), "passphrase");

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (on_passphrase_changed_cb), dialog);
  gtk_box_append (GTK_BOX (box), list);
  if (twice)
    {
      GtkWidget *again = passphrase_row_new (_("The Same Passphrase Again"), "passphrase-again");
      GtkWidget *mismatch = gtk_label_new (_("The two passphrases are not the same."));

      gtk_list_box_append (GTK_LIST_BOX (list), again);
      g_signal_connect_swapped (again, "changed", G_CALLBACK (on_passphrase_changed_cb), dialog);
      gtk_widget_set_name (mismatch, "mismatch");
      gtk_widget_add_css_class (mismatch, "error");
      gtk_label_set_wrap (GTK_LABEL (mismatch), TRUE);
      gtk_label_set_xalign (GTK_LABEL (mismatch), 0);
      gtk_widget_set_visible (mismatch, FALSE);
      gtk_box_append (GTK_BOX (box), mismatch);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), response, response_label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, appearance);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dossier-response", g_strdup (response), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "dossier-file", g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "dossier-func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
}

/* ---- backing up ---- */

static void
backup_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  BackupJob *job = data;
  GError *error = NULL;

  if (dossier_backup_write (job->store_path, job->path, job->passphrase, NULL,
                            on_job_progress, job->relay, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* the window closed while it ran: the backup was cancelled */
  if (self->store == NULL)
    return;
  end_job (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Backed up to “%s”"), job->name);

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dossier_add_toast (self->toast_overlay, adw_toast_new (_("Backup cancelled: no file was written")));
  else
    show_error (self, _("The Backup Was Not Made"), error->message);
}

/* Runs @thread_func on @file in a worker, the activity bar saying @label,
 * then @done on the main loop; one backup or restore at a time, and none
 * during an import. */
static void
run_job (DossierWindow       *self,
         GFile               *file,
         DossierPassphrase   *passphrase,
         const char          *label,
         GAsyncReadyCallback  done,
         GTaskThreadFunc      thread_func)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  if (self->store == NULL || self->backup_cancellable || self->import_cancellable)
    {
      dossier_passphrase_free (passphrase);
      return;
    }
  job = start_job (self, file, passphrase, label);
  task = g_task_new (self, self->backup_cancellable, done, NULL);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, thread_func);
}

static void
start_backup (DossierWindow     *self,
              GFile             *file,
              DossierPassphrase *passphrase)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  g_autofree char *label = g_strdup_printf (_("Backing up to “%s”…"), name);

  run_job (self, file, passphrase, label, on_backed_up_cb, backup_in_thread);
}

/**
 * dossier_window_backup_file:
 *
 * Asks for a passphrase, twice, then writes an encrypted backup of the
 * store to @file in a worker, with the activity bar and Cancel.
 */
void
dossier_window_backup_file (DossierWindow *self,
                            GFile         *file)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;
  ask_passphrase (self, file, _("Protect the Backup With a Passphrase"),
                  _("The backup holds everything in Dossier, and only this passphrase opens it. "
                    "Choose one others cannot guess, and keep it safe: if it is lost, nobody can "
                    "recover the backup — not you, not the Dossier developers."),
                  TRUE, "backup", _("_Back Up"), ADW_RESPONSE_SUGGESTED, start_backup);
}

static void
on_backup_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       DossierWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        dossier_window_backup_file (self, file);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
backup_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Dossier backups"));
  gtk_file_filter_add_pattern (filter, "*.dossier-backup");
  return filter;
}

static void
on_backup_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = backup_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "dossier-%Y-%m-%d.dossier-backup");

  chooser = gtk_file_chooser_native_new (_("Back Up Dossier"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_backup_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->backup_cancellable)
    g_cancellable_cancel (self->backup_cancellable);
}

/* ---- restoring ---- */

static void
restore_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  BackupJob *job = data;
  GError *error = NULL;

  job->unpacked = dossier_backup_unpack (job->path, job->store_path, job->passphrase, &job->info,
                                         on_job_progress, job->relay, cancellable, &error);
  if (job->unpacked)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_unpacked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkApplication *application;

  /* the window closed while it ran: what was unpacked is discarded */
  if (self->store == NULL)
    return;
  end_job (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dossier_add_toast (self->toast_overlay, adw_toast_new (_("Restore cancelled: nothing was changed")));
      else
        dossier_window_report_restored (self, error, 0);
      return;
    }
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (!DOSSIER_IS_APPLICATION (application))
    return;
  /* the application takes it from here: this window closes */
  dossier_application_replace_store (DOSSIER_APPLICATION (application), job->unpacked, job->info.created);
  g_clear_pointer (&job->unpacked, g_free);
}

static void
start_restore (DossierWindow     *self,
               GFile             *file,
               DossierPassphrase *passphrase)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  g_autofree char *label = g_strdup_printf (_("Checking the backup “%s”…"), name);

  run_job (self, file, passphrase, label, on_unpacked_cb, restore_in_thread);
}

/**
 * dossier_window_restore_file:
 *
 * Asks whether to replace what is in Dossier with the backup @file, and
 * for its passphrase; then checks it in a worker and, when it is sound,
 * has the application put it in place of the store.
 */
void
dossier_window_restore_file (DossierWindow *self,
                             GFile         *file)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;
  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  body = g_strdup_printf (_("Everything in Dossier now — urgent actions, cases, your logged actions and "
                            "notes, feeds — will be replaced by what the backup “%s” holds. Anything added "
                            "since it was made will be lost. Type the backup’s passphrase to go on."), name);
  ask_passphrase (self, file, _("Replace Everything in Dossier?"), body, FALSE,
                  "restore", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE, start_restore);
}

static void
on_restore_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        DossierWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        dossier_window_restore_file (self, file);
    }
  g_object_unref (chooser);
}

static void
on_restore_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = backup_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Restore From a Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * dossier_window_report_restored:
 * @error: (nullable): why nothing was restored, or %NULL
 * @created: when the restored backup was made (seconds since 1970)
 *
 * Says that the store was restored from a backup, or why it was not.
 */
void
dossier_window_report_restored (DossierWindow *self,
                                const GError  *error,
                                gint64         created)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  if (error == NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (created);
      g_autofree char *date = when ? dossier_format_date_time (when, DOSSIER_DATE_STYLE_DATE_TIME, NULL) : NULL;
      /* Translators: %s is a date and time, such as “17 April 2020, 14:05” */
      g_autofree char *message = g_strdup_printf (_("Restored the backup made on %s"), date ? date : "?");

      dossier_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  else
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                               _("Dossier’s store is as it was."));

      show_error (self, _("Nothing Was Restored"), body);
    }
}

void
dossier_window_class_backup_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, on_backup_action_cb);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, on_restore_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-backup", NULL, on_cancel_backup_action_cb);
}
