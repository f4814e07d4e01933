/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "dossier-test-ui.h"

/* Helpers of the tests that open real windows. */

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds so windows can lay out and draw. */
void
dossier_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A visible toplevel of @type (a dialog, a form), or NULL. */
GtkWindow *
dossier_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

/* Runs the main loop until @object's boolean @property is FALSE, or for
 * @timeout_ms at most; returns whether it became FALSE. For the window's
 * "busy": opening its store and importing run in worker threads. */
gboolean
dossier_test_wait_while (gpointer    object,
                         const char *property,
                         guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      gboolean value = FALSE;

      g_object_get (object, property, &value, NULL);
      if (!value)
        return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}
