/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dossier-application.h"
#include "dossier-accessible.h"
#include "dossier-backup.h"
#include "dossier-reminders.h"
#include "dossier-cli.h"
#include "dossier-feed-item.h"
#include "dossier-feed-updater.h"
#include "dossier-preferences.h"
#include "dossier-window.h"

struct _DossierApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;     /* NULL: the user's data directory */
  GSettings      *settings;
  DossierStore   *store;
  GError         *store_error;  /* why the store could not be opened */
  gboolean        opening;      /* the store is being opened */
  guint           reminders_id;
  DossierFeedUpdater *updater;  /* the store's feeds, fetched on schedule */
  GPtrArray      *followed;     /* new items on followed cases, this refresh */
  /* a backup was put in place of the store (or could not be): the
   * window says so once the store is open again */
  gboolean        restored;
  GError         *restore_error;
  gint64          restore_created;
};

G_DEFINE_FINAL_TYPE (DossierApplication, dossier_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the store in DIR instead of the user’s data folder (also $DOSSIER_DATA_DIR)"), N_("DIR") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static void
on_quit_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  DossierApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* closing, not quitting, lets each window save its size */
  for (GList *l = windows; l;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_preferences_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  DossierPreferences *preferences = dossier_preferences_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_about_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Dossier developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Dossier"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Dossier developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Write letters and appeals for people at risk, log what you sent, and follow their cases."),
                        "website", "https://example.org/dossier",
                        "issue-url", "https://example.org/dossier/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Dossier developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line, as
                         * "Name <email>" or "Name https://…"; they are shown
                         * in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_shortcuts_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/example/Dossier/dossier-shortcuts.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));

  gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}

/* A reminder's notification was clicked: show that urgent action. */
static void
on_open_ua_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierUrgentAction",
                                g_variant_get_string (parameter, NULL));
}

/* A notification of news on a followed case was clicked: show the news. */
static void
on_open_update_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DossierApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", "DossierFeedItem",
                                g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "open-ua", on_open_ua_cb, "s" },
  { "open-update", on_open_update_cb, "s" },
  { "quit", on_quit_cb },
  { "preferences", on_preferences_cb },
  { "about", on_about_cb },
  { "shortcuts", on_shortcuts_cb },
};

/* `dossier COMMAND …` runs without a window; anything else is the GUI. */
static gboolean
dossier_application_local_command_line (GApplication   *application,
                                        char         ***arguments,
                                        int            *exit_status)
{
  char **argv = *arguments;
  const char *data_dir = NULL;
  int command = -1;

  for (int i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          /* what follows "--" is a command, never an option */
          if (argv[i + 1] != NULL)
            command = i + 1;
          break;
        }
      /* asking for help or the version is never a command */
      if (g_str_has_prefix (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
          g_str_equal (argv[i], "-?") || g_str_equal (argv[i], "--version"))
        break;
      if (g_str_equal (argv[i], "--data-dir"))
        {
          if (argv[i + 1] == NULL)
            break;  /* GOption will say that a value is missing */
          data_dir = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        data_dir = argv[i] + strlen ("--data-dir=");
      else if (argv[i][0] != '-')
        {
          command = i;
          break;
        }
    }

  /* An empty profile folder is a mistake (an unset $DIR in a script), not
   * a request for the real store. */
  if (data_dir != NULL && *data_dir == '\0')
    {
      g_printerr (_("The folder name given with --data-dir is empty.\n"));
      *exit_status = DOSSIER_EXIT_USAGE;
      return TRUE;
    }

  if (command >= 0)
    {
      if (!dossier_cli_is_command (argv[command]))
        {
          /* Translators: %s is what the user typed */
          g_printerr (_("Unknown command “%s”. Run “dossier --help” to see the commands.\n"), argv[command]);
          *exit_status = DOSSIER_EXIT_USAGE;
          return TRUE;
        }
      *exit_status = dossier_cli_run (data_dir, g_strv_length (argv + command), argv + command);
      return TRUE;
    }

  return G_APPLICATION_CLASS (dossier_application_parent_class)->local_command_line (application, arguments, exit_status);
}

static int
dossier_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);
  const char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Dossier"), PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir);
  {
    g_autofree char *dir = dossier_cli_resolve_data_dir (data_dir);

    if (dir != NULL)
      dossier_application_set_data_dir (self, dir);
  }

  return -1;
}

static void
dossier_application_startup (GApplication *application)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.refresh-feeds", { "<Control>r", NULL } },
    { "win.section::actions", { "<Alt>1", NULL } },
    { "win.section::cases", { "<Alt>2", NULL } },
    { "win.section::updates", { "<Alt>3", NULL } },
    { "win.section::my-actions", { "<Alt>4", NULL } },
    { "win.section::progress", { "<Alt>5", NULL } },
    { "win.section::feeds", { "<Alt>6", NULL } },
  };

  G_APPLICATION_CLASS (dossier_application_parent_class)->startup (application);

  /* Only the window needs settings: commands run without the schema */
  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
  dossier_accessible_init ();
}

/* Deadlines come closer while Dossier stays open: look again every hour. */
static gboolean
on_reminders_timeout_cb (gpointer data)
{
  DossierApplication *self = data;

  if (self->store)
    dossier_reminders_check (G_APPLICATION (self), self->store, self->settings);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_reminders_cb (gpointer data)
{
  on_reminders_timeout_cb (data);
  return G_SOURCE_REMOVE;
}

static void
on_opening_progress_cb (const char *what,
                        double      fraction,
                        gpointer    data)
{
  DossierApplication *self = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window)
    dossier_window_show_opening (DOSSIER_WINDOW (window), what, fraction);
}

/* What Preferences say feeds follow: how often, and through which proxy. */
static void
apply_feed_preferences (DossierApplication *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "proxy-mode");
  g_autofree char *proxy_url = g_settings_get_string (self->settings, "proxy-url");
  const char *proxy = NULL;

  if (g_str_equal (mode, "none"))
    proxy = "none";
  else if (g_str_equal (mode, "custom"))
    proxy = proxy_url;
  dossier_feed_updater_set_defaults (self->updater, g_settings_get_uint (self->settings, "refresh-interval"), proxy);
}

static void
on_feed_settings_changed_cb (DossierApplication *self)
{
  if (self->updater)
    apply_feed_preferences (self);
}

static void
on_feed_finished_cb (DossierApplication *self,
                     DossierFeedOutcome *outcome)
{
  for (guint i = 0; outcome->followed && outcome->followed[i]; i++)
    g_ptr_array_add (self->followed, g_strdup (outcome->followed[i]));
}

/* One notification per refresh, however many feeds brought news on the
 * cases the volunteer follows; clicking it opens the (first) news. */
static void
on_refreshing_changed_cb (DossierApplication *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(DossierRecord) item = NULL;
  const char *first;
  guint n = self->followed->len;

  if (dossier_feed_updater_get_n_refreshing (self->updater) > 0 || n == 0)
    return;
  first = self->followed->pdata[0];
  item = dossier_store_fetch (self->store, DOSSIER_TYPE_FEED_ITEM, first, NULL);
  if (item && g_settings_get_boolean (self->settings, "notifications"))
    {
      const char *title = dossier_record_get_string (item, "title");

      notification = g_notification_new (ngettext ("News on a Case You Follow", "News on Cases You Follow", n));
      if (n == 1)
        g_notification_set_body (notification, *title ? title : _("An update without a title"));
      else
        {
          /* Translators: %u counts the updates, %s is the title of the first */
          g_autofree char *body = g_strdup_printf (ngettext ("%u update, the first: %s", "%u updates, the first: %s", n),
                                                   n, *title ? title : _("An update without a title"));
          g_notification_set_body (notification, body);
        }
      g_notification_set_default_action_and_target (notification, "app.open-update", "s", first);
      g_application_send_notification (G_APPLICATION (self), "followed-updates", notification);
    }
  g_ptr_array_set_size (self->followed, 0);
}

static void
start_feeds (DossierApplication *self)
{
  self->updater = dossier_feed_updater_new (self->store);
  apply_feed_preferences (self);
  g_signal_connect_object (self->settings, "changed::refresh-interval",
                           G_CALLBACK (on_feed_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::proxy-mode",
                           G_CALLBACK (on_feed_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::proxy-url",
                           G_CALLBACK (on_feed_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->updater, "feed-finished", G_CALLBACK (on_feed_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->updater, "notify::n-refreshing", G_CALLBACK (on_refreshing_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* fetched as they come due while Dossier is open; a read-only store
   * is only read */
  if (!dossier_store_is_read_only (self->store))
    dossier_feed_updater_set_scheduled (self->updater, TRUE);
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(DossierApplication) self = data;
  GList *windows;

  self->store = dossier_store_open_finish (result, &self->store_error);
  self->opening = FALSE;
  if (self->store == NULL)
    g_debug ("The store could not be opened; the window explains why");
  else
    start_feeds (self);
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data))
      {
        dossier_window_set_store (l->data, self->store, self->store_error);
        if (self->restored)
          dossier_window_report_restored (l->data, self->restore_error, self->restore_created);
      }
  self->restored = FALSE;
  g_clear_error (&self->restore_error);

  /* not before the first frame: start-up stays as fast as without */
  if (self->store && self->reminders_id == 0)
    {
      g_idle_add_full (G_PRIORITY_LOW, on_first_reminders_cb, g_object_ref (self), g_object_unref);
      self->reminders_id = g_timeout_add_seconds (60 * 60, on_reminders_timeout_cb, self);
    }
  g_application_release (G_APPLICATION (self));
}

/* The store is opened in a worker thread: a first start on a large store
 * of an older version migrates it, which takes seconds, and the window
 * draws meanwhile and says how far it is. */
static void
open_store (DossierApplication *self)
{
  g_autofree char *path = NULL;

  if (self->store || self->store_error || self->opening)
    return;
  self->opening = TRUE;
  path = dossier_store_default_path (self->data_dir);
  g_application_hold (G_APPLICATION (self));
  dossier_store_open_async (path, DOSSIER_STORE_OPEN_DEFAULT, on_opening_progress_cb,
                            g_object_ref (self), g_object_unref, NULL, on_store_opened_cb,
                            g_object_ref (self));
}

static void
dossier_application_activate (GApplication *application)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (dossier_window_new (self));
      open_store (self);
    }
  gtk_window_present (window);
}

static void
dossier_application_dispose (GObject *object)
{
  DossierApplication *self = DOSSIER_APPLICATION (object);

  g_clear_handle_id (&self->reminders_id, g_source_remove);
  if (self->updater)
    {
      /* what is being fetched stops, and stores nothing */
      dossier_feed_updater_set_scheduled (self->updater, FALSE);
      dossier_feed_updater_cancel (self->updater);
    }
  g_clear_object (&self->updater);
  g_clear_pointer (&self->followed, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dossier_application_parent_class)->dispose (object);
}

static void
dossier_application_finalize (GObject *object)
{
  DossierApplication *self = DOSSIER_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_error (&self->store_error);
  g_clear_error (&self->restore_error);

  G_OBJECT_CLASS (dossier_application_parent_class)->finalize (object);
}

static void
dossier_application_class_init (DossierApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dossier_application_dispose;
  object_class->finalize = dossier_application_finalize;
  app_class->local_command_line = dossier_application_local_command_line;
  app_class->handle_local_options = dossier_application_handle_local_options;
  app_class->startup = dossier_application_startup;
  app_class->activate = dossier_application_activate;

  /* a command of the GUI library: it draws the PDF report */
  dossier_cli_add_command ("progress", dossier_cli_command_progress,
                           N_("Show the campaign’s progress, or write it as a PDF report, CSV or JSON"));
}

static void
dossier_application_init (DossierApplication *self)
{
  g_autofree char *commands = dossier_cli_describe_commands ();

  self->followed = g_ptr_array_new_with_free_func (g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[COMMAND …]"));
  g_application_set_option_context_description (G_APPLICATION (self), commands);
}

DossierApplication *
dossier_application_new (void)
{
  const char *localedir = g_getenv ("DOSSIER_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* DOSSIER_LOCALEDIR lets a translator see a catalogue built in the build
   * tree (BUILD/po) without installing it; see README. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return g_object_new (DOSSIER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/Dossier",
                       NULL);
}

const char *
dossier_application_get_data_dir (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->data_dir;
}

/**
 * dossier_application_set_data_dir:
 *
 * Runs Dossier on the profile in @data_dir. A profile of its own is a
 * process of its own: the application stops being single-instance so that
 * it does not hand its window over to a Dossier running another profile.
 */
void
dossier_application_set_data_dir (DossierApplication *self,
                                  const char         *data_dir)
{
  g_return_if_fail (DOSSIER_IS_APPLICATION (self));
  g_return_if_fail (self->store == NULL);

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
  if (data_dir != NULL && !g_application_get_is_registered (G_APPLICATION (self)))
    g_application_set_flags (G_APPLICATION (self),
                             g_application_get_flags (G_APPLICATION (self)) | G_APPLICATION_NON_UNIQUE);
}

DossierStore *
dossier_application_get_store (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
dossier_application_get_store_error (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->store_error;
}

GSettings *
dossier_application_get_settings (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * dossier_application_get_feed_updater:
 *
 * Returns: (transfer none) (nullable): what fetches the store's feeds, once
 *   the store is open
 */
DossierFeedUpdater *
dossier_application_get_feed_updater (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);

  return self->updater;
}

typedef struct {
  char *unpacked;
  char *store_path;
} InstallJob;

static void
install_job_free (InstallJob *job)
{
  g_free (job->unpacked);
  g_free (job->store_path);
  g_free (job);
}

static void
install_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  InstallJob *job = data;
  GError *error = NULL;

  /* the connections of the window and of the feeds' writer thread close
   * as they let go of the store: waited for, as long as opening would */
  if (dossier_backup_install (job->unpacked, job->store_path, DOSSIER_STORE_OPEN_TIMEOUT_MS, &error))
    g_task_return_boolean (task, TRUE);
  else
    {
      dossier_backup_discard (job->unpacked);
      g_task_return_error (task, error);
    }
}

static void
on_installed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  DossierApplication *self = DOSSIER_APPLICATION (source);

  g_clear_error (&self->restore_error);
  g_task_propagate_boolean (G_TASK (result), &self->restore_error);
  if (self->restore_error)
    g_debug ("The backup was not put in place: %s", self->restore_error->message);
  self->restored = TRUE;
  /* the window comes back as at a start, and opens the store (the
   * restored one, or the one that was there) in a worker */
  g_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

/**
 * dossier_application_replace_store:
 * @unpacked: a store dossier_backup_unpack() made and checked
 * @created: when its backup was made, for the message
 *
 * Puts @unpacked in place of the store: the windows close (each saves
 * its size and section) and with them every connection to the store, the
 * feeds stop, the store is replaced at once, and a window opens again on
 * it as at a start and says what happened. When something still holds the
 * store, nothing is replaced and the window says so.
 */
void
dossier_application_replace_store (DossierApplication *self,
                                   const char         *unpacked,
                                   gint64              created)
{
  g_autoptr(GList) windows = NULL;
  g_autoptr(GTask) task = NULL;
  InstallJob *job;

  g_return_if_fail (DOSSIER_IS_APPLICATION (self));
  g_return_if_fail (unpacked != NULL);

  g_application_hold (G_APPLICATION (self));
  self->restore_created = created;
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  if (self->updater)
    {
      dossier_feed_updater_set_scheduled (self->updater, FALSE);
      dossier_feed_updater_cancel (self->updater);
    }
  g_clear_object (&self->updater);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  job = g_new0 (InstallJob, 1);
  job->unpacked = g_strdup (unpacked);
  job->store_path = dossier_store_default_path (self->data_dir);
  task = g_task_new (self, NULL, on_installed_cb, NULL);
  g_task_set_source_tag (task, dossier_application_replace_store);
  g_task_set_task_data (task, job, (GDestroyNotify) install_job_free);
  g_task_run_in_thread (task, install_in_thread);
}
