/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dossier-reports-window.h"
#include "dossier-window-private.h"

/* Volunteers' reports from the window: Write a Report… for one's
 * coordinator, and Volunteers' Reports… where a coordinator imports them
 * (dossier-reports-window.c). One of each at a time. */

static void
on_reports_window_destroyed_cb (gpointer  data,
                                GObject  *where_the_object_was)
{
  g_object_set_data (G_OBJECT (data), "reports-window", NULL);
}

/**
 * dossier_window_show_reports:
 *
 * Returns: (transfer none): the Volunteers' Reports window, opened if it was not.
 */
GtkWidget *
dossier_window_show_reports (DossierWindow *self)
{
  GtkWidget *reports = g_object_get_data (G_OBJECT (self), "reports-window");

  if (self->store == NULL)
    return NULL;
  if (reports == NULL)
    {
      reports = dossier_reports_window_new (GTK_WINDOW (self), self->store);
      g_object_set_data (G_OBJECT (self), "reports-window", reports);
      g_object_weak_ref (G_OBJECT (reports), on_reports_window_destroyed_cb, self);
    }
  gtk_window_present (GTK_WINDOW (reports));
  return reports;
}

/**
 * dossier_window_write_report:
 *
 * Returns: (transfer none): the Write a Report dialog, just opened.
 */
GtkWidget *
dossier_window_write_report (DossierWindow *self)
{
  GtkWidget *writer;

  if (self->store == NULL)
    return NULL;
  writer = dossier_report_writer_new (GTK_WINDOW (self), self->store, self->toast_overlay);
  gtk_window_present (GTK_WINDOW (writer));
  return writer;
}

static void
on_show_reports_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  dossier_window_show_reports (DOSSIER_WINDOW (widget));
}

static void
on_write_report_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  dossier_window_write_report (DOSSIER_WINDOW (widget));
}

void
dossier_window_class_reports_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-reports", NULL, on_show_reports_action_cb);
  gtk_widget_class_install_action (widget_class, "win.write-report", NULL, on_write_report_action_cb);
}
