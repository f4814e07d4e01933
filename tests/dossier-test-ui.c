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

/* Whether @label is drawn cut, with an ellipsis: its text did not fit. */
static gboolean
label_is_cut (GtkLabel *label)
{
  PangoLayout *layout;

  if (gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE || *gtk_label_get_text (label) == '\0')
    return FALSE;
  layout = gtk_label_get_layout (label);
  return layout && pango_layout_is_ellipsized (layout);
}

static void
find_cut_labels (GtkWidget *widget,
                 GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  /* a label that is let to ellipsize says so: text from the store in a
   * list's row, whose page shows it whole */
  if (g_object_get_data (G_OBJECT (widget), "dossier-may-ellipsize"))
    return;
  if (GTK_IS_LABEL (widget) && label_is_cut (GTK_LABEL (widget)))
    g_ptr_array_add (found, g_strdup_printf ("“%s” (%d px wide, in a %s)", gtk_label_get_text (GTK_LABEL (widget)),
                                             gtk_widget_get_width (widget),
                                             G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_cut_labels (child, found);
}

/**
 * dossier_test_find_cut_labels:
 *
 * The labels shown in @root that an ellipsis cuts, described for a
 * test's message; labels marked "dossier-may-ellipsize" are let be.
 *
 * Returns: (transfer full): the descriptions, empty when none is cut
 */
GPtrArray *
dossier_test_find_cut_labels (GtkWidget *root)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  find_cut_labels (root, found);
  return found;
}

/* Saves what @widget shows as meson-logs/NAME-LANG.png (the run's
 * LANGUAGE) when DOSSIER_TEST_SCREENSHOT_DIR says where, to be looked at. */
void
dossier_test_save_png (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width = 0, height = 0;

  if (dir == NULL)
    return;
  dossier_test_run_for (200);
  paintable = gtk_widget_paintable_new (widget);
  /* a window between two sizes draws nothing for a frame: a few tries */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (tries > 0)
        dossier_test_run_for (100);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", name, lang);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%d×%d)", path, width, height);
}
