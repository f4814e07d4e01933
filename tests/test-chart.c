/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "dossier-chart.h"
#include "dossier-chart-card.h"
#include "dossier-test-ui.h"

/* The charts of the Progress page, in real windows under Xvfb: what is
 * drawn is what a click hits, keys typed on the X server move along the
 * bars, the figures are said in the locale's numbers, and the table says
 * the same. One run in English (en_US) and one in Russian (ru_RU), the
 * locales compiled into the build tree (LOCPATH, set by meson). PNGs go
 * to DOSSIER_TEST_SCREENSHOT_DIR for a person to look at. */

static const char *lang;

/* Every value at least a tenth of the largest, so each column stands out
 * near the base line */
static const DossierChartBar weeks[] = {
  { "w1", "W1", 120, 0 },
  { "w2", "W2", 340, 40 },
  { "w3", "W3", 1204, 310 },
  { "w4", "W4", 560, 0 },
  { "w5", "W5", 180, 180 },
  { "w6", "W6", 410, 12 },
  { "w7", "W7", 990, 0 },
  { "w8", "W8", 250, 100 },
};

static const DossierChartBar channels[] = {
  { "letter", "Letter", 1204, 310 },
  { "email", "Email", 310, 0 },
  { "phone", "Phone call", 420, 20 },
  { "post", "Social media post", 150, 0 },
};

/* ---- pixels ---- */

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guchar *data; /* cairo's ARGB32: 0xAARRGGBB in native order */
} Pixels;

static void
pixels_free (Pixels *p)
{
  g_free (p->data);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

static guint32
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, p->width);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, p->height);
  return *(const guint32 *) (p->data + y * p->stride + x * 4);
}

static int
alpha_at (const Pixels *p,
          int           x,
          int           y)
{
  return pixel_at (p, x, y) >> 24;
}

/* Whether the pixel is @color, opaque, give or take rounding */
static gboolean
pixel_is (const Pixels  *p,
          int            x,
          int            y,
          const GdkRGBA *color)
{
  guint32 v = pixel_at (p, x, y);
  int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff, a = v >> 24;

  return a == 255 && ABS (r - (int) round (color->red * 255)) <= 3 &&
         ABS (g - (int) round (color->green * 255)) <= 3 && ABS (b - (int) round (color->blue * 255)) <= 3;
}

static GdkTexture *
texture_of_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* a widget between two sizes draws nothing for a frame: a few tries */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (tries > 0)
        dossier_test_run_for (100);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static Pixels *
pixels_of_widget (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = texture_of_widget (widget);
  Pixels *p = g_new0 (Pixels, 1);

  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = p->width * 4;
  p->data = g_malloc (p->stride * p->height);
  gdk_texture_download (texture, p->data, p->stride);
  return p;
}

static Pixels *
pixels_of_surface (cairo_surface_t *surface)
{
  Pixels *p = g_new0 (Pixels, 1);

  cairo_surface_flush (surface);
  p->width = cairo_image_surface_get_width (surface);
  p->height = cairo_image_surface_get_height (surface);
  p->stride = cairo_image_surface_get_stride (surface);
  p->data = g_memdup2 (cairo_image_surface_get_data (surface), p->stride * p->height);
  return p;
}

static char *
screenshot_path (const char *name)
{
  const char *dir = g_getenv ("DOSSIER_TEST_SCREENSHOT_DIR");
  g_autofree char *file = NULL;

  if (dir == NULL)
    return NULL;
  file = g_strdup_printf ("chart-%s-%s.png", name, lang);
  return g_build_filename (dir, file, NULL);
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = screenshot_path (name);
  g_autoptr(GdkTexture) texture = NULL;

  if (path == NULL)
    return;
  dossier_test_run_for (100);
  texture = texture_of_widget (widget);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The spans of a line of pixels that are a bar (in either shade), as
 * [start, end) pairs along the line */
static GArray *
bar_runs (const Pixels             *p,
          gboolean                  across,
          int                       at,
          const DossierChartColors *colors)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (int));
  int length = across ? p->width : p->height;
  int start = -1;

  for (int i = 0; i <= length; i++)
    {
      gboolean bar = FALSE;

      if (i < length)
        {
          int x = across ? i : at, y = across ? at : i;

          bar = pixel_is (p, x, y, &colors->bar) || pixel_is (p, x, y, &colors->part);
        }
      if (bar && start < 0)
        start = i;
      else if (!bar && start >= 0)
        {
          g_array_append_val (runs, start);
          g_array_append_val (runs, i);
          start = -1;
        }
    }
  return runs;
}

/* The line nearest the bars' base that crosses each of them: for columns
 * a row of pixels, from the bottom up; for bars a column, from the left */
static GArray *
find_bars (const Pixels             *p,
           DossierChartKind          kind,
           guint                     n_bars,
           int                      *line,
           const DossierChartColors *colors)
{
  gboolean across = kind == DOSSIER_CHART_COLUMNS;
  int lines = across ? p->height : p->width;

  for (int i = 0; i < lines; i++)
    {
      int at = across ? lines - 1 - i : i;
      GArray *runs = bar_runs (p, across, at, colors);

      if (runs->len == 2 * n_bars)
        {
          *line = at;
          return runs;
        }
      g_array_unref (runs);
    }
  g_assert_not_reached ();
}

/* ---- windows ---- */

static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  while (!(gtk_widget_get_mapped (child) && gtk_widget_get_width (child) > 0) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (child));
  dossier_test_run_for (300);
  return window;
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  dossier_test_run_for (50);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  dossier_test_run_for (200);
}

typedef struct
{
  guint  count;
  guint  index;
  char  *key;
} Activated;

static void
on_bar_activated_cb (GtkWidget  *widget,
                     guint       index,
                     const char *key,
                     Activated  *a)
{
  a->count++;
  a->index = index;
  g_free (a->key);
  a->key = g_strdup (key);
}

static void
activated_clear (Activated *a)
{
  g_clear_pointer (&a->key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Activated, activated_clear)

/* Runs xdotool: its arguments, "@" standing for @window's X id */
static void
xdotool (GtkWindow  *window,
         const char *first,
         ...)
{
  g_autofree char *program = g_find_program_in_path ("xdotool");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, program);
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_str_equal (arg, "@") ? xid : (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  dossier_test_run_for (100);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  dossier_test_run_for (300);
}

static gboolean
can_type (GtkWindow *window)
{
  if (!GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (window))) || !g_find_program_in_path ("xdotool"))
    {
      g_test_skip ("xdotool and an X11 display are needed to type and click");
      return FALSE;
    }
  /* the keyboard's focus, without a window manager to give it */
  xdotool (window, "windowfocus", "--sync", "@", NULL);
  return TRUE;
}

/* Moves the pointer to (@x, @y) of @widget and clicks there */
static void
click_at (GtkWindow *window,
          GtkWidget *widget,
          double     x,
          double     y)
{
  graphene_point_t in_window;
  double dx, dy;
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (x, y), &in_window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  sx = g_strdup_printf ("%d", (int) round (in_window.x + dx));
  sy = g_strdup_printf ("%d", (int) round (in_window.y + dy));
  xdotool (window, "mousemove", "--window", "@", sx, sy, "click", "1", NULL);
}

/* A number as this run's locale writes it, from its English writing:
 * ru_RU groups thousands with a narrow no-break space */
static char *
localized (const char *en)
{
  if (g_str_equal (lang, "ru"))
    {
      g_auto(GStrv) parts = g_strsplit (en, ",", -1);

      return g_strjoinv ("\u202f", parts);
    }
  return g_strdup (en);
}

/* ---- the tests ---- */

/* What is drawn is what a click hits: each bar found in the window's
 * pixels, by its colour, is the bar dossier_chart_bar_at() finds there. */
static void
test_hit_what_is_drawn (gconstpointer data)
{
  DossierChartKind kind = GPOINTER_TO_INT (data);
  const DossierChartBar *bars = kind == DOSSIER_CHART_COLUMNS ? weeks : channels;
  guint n = kind == DOSSIER_CHART_COLUMNS ? G_N_ELEMENTS (weeks) : G_N_ELEMENTS (channels);
  DossierChart *chart = DOSSIER_CHART (dossier_chart_new (kind));
  GtkWindow *window;
  g_autoptr(Pixels) pixels = NULL;
  g_autoptr(GArray) runs = NULL;
  DossierChartColors colors;
  int line = -1;

  set_dark (FALSE);
  dossier_chart_set_bars (chart, bars, n);
  window = show_in_window (GTK_WIDGET (chart), 600, 320);
  dossier_chart_get_style_colors (GTK_WIDGET (chart), &colors);
  save_png (GTK_WIDGET (chart), kind == DOSSIER_CHART_COLUMNS ? "columns" : "bars");

  pixels = pixels_of_widget (GTK_WIDGET (chart));
  runs = find_bars (pixels, kind, n, &line, &colors);
  for (guint i = 0; i < n; i++)
    {
      double middle = (g_array_index (runs, int, 2 * i) + g_array_index (runs, int, 2 * i + 1)) / 2.0;
      graphene_rect_t area;

      if (kind == DOSSIER_CHART_COLUMNS)
        g_assert_cmpint (dossier_chart_bar_at (chart, middle, line), ==, i);
      else
        g_assert_cmpint (dossier_chart_bar_at (chart, line, middle), ==, i);
      /* and its whole column or row is the bar's */
      g_assert_true (dossier_chart_get_bar_area (chart, i, &area));
      g_assert_cmpint (dossier_chart_bar_at (chart, area.origin.x + area.size.width / 2,
                                             area.origin.y + area.size.height / 2), ==, i);
    }
  /* the bars are the width of the chart apart, in their order: across
   * for columns, down for bars */
  g_assert_cmpint (g_array_index (runs, int, 0), <, g_array_index (runs, int, 2 * n - 1));
  if (kind == DOSSIER_CHART_COLUMNS)
    g_assert_cmpint (g_array_index (runs, int, 2 * n - 1), >, gtk_widget_get_width (GTK_WIDGET (chart)) * 3 / 4);
  g_assert_cmpint (dossier_chart_bar_at (chart, -5, -5), ==, -1);
  g_assert_cmpint (dossier_chart_bar_at (chart, gtk_widget_get_width (GTK_WIDGET (chart)) + 5, 10), ==, -1);
  close_window (window);
}

/* A year of weeks in a window 360 pixels wide: every column drawn, the
 * labels under them thinned out so that none touches another, the
 * newest week's kept */
static void
test_crowded_labels (void)
{
  const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  DossierChartBar bars[53];
  g_auto(GStrv) labels = g_new0 (char *, 54);
  g_auto(GStrv) keys = g_new0 (char *, 54);
  DossierChart *chart = DOSSIER_CHART (dossier_chart_new (DOSSIER_CHART_COLUMNS));
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(Pixels) pixels = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (int));
  DossierChartColors colors;
  GtkWindow *window;
  int widest = 0, line = -1, start = -1, gap = 0;
  graphene_rect_t last;

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      labels[i] = g_strdup_printf ("%u %s", 1 + (i * 7) % 28, months[i * 12 / 53]);
      keys[i] = g_strdup_printf ("week-%u", i);
      /* none below a tenth of the largest, to be found near the base */
      bars[i] = (DossierChartBar) { keys[i], labels[i], 100 + (i * 37) % 900, 0 };
    }
  set_dark (FALSE);
  dossier_chart_set_bars (chart, bars, G_N_ELEMENTS (bars));
  window = show_in_window (GTK_WIDGET (chart), 360, 240);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), ==, 360);
  save_png (GTK_WIDGET (chart), "crowded");
  dossier_chart_get_style_colors (GTK_WIDGET (chart), &colors);
  pixels = pixels_of_widget (GTK_WIDGET (chart));
  runs = find_bars (pixels, DOSSIER_CHART_COLUMNS, G_N_ELEMENTS (bars), &line, &colors);

  /* the labels' band, under the base line: runs of columns of pixels
   * with text, split where 7 pixels are clear (more than a space) */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (chart), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      int w;

      pango_layout_set_text (layout, labels[i], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  for (int x = 0; x <= pixels->width; x++)
    {
      gboolean ink = FALSE;

      for (int y = line + 4; x < pixels->width && y < pixels->height && !ink; y++)
        ink = alpha_at (pixels, x, y) > 0;
      if (ink)
        {
          if (start < 0)
            start = x;
          gap = 0;
        }
      else if (start >= 0 && (++gap >= 7 || x == pixels->width))
        {
          int end = x - gap + 1;

          g_array_append_val (clusters, start);
          g_array_append_val (clusters, end);
          start = -1;
        }
    }
  g_test_message ("%u labels of 53 shown, the widest %d px", clusters->len / 2, widest);
  g_assert_cmpuint (clusters->len / 2, >=, 3);
  g_assert_cmpuint (clusters->len / 2, <, G_N_ELEMENTS (bars));
  for (guint i = 0; i < clusters->len; i += 2)
    g_assert_cmpint (g_array_index (clusters, int, i + 1) - g_array_index (clusters, int, i), <=, widest + 1);
  /* the last label is under the last column */
  g_assert_true (dossier_chart_get_bar_area (chart, G_N_ELEMENTS (bars) - 1, &last));
  g_assert_cmpint (g_array_index (clusters, int, clusters->len - 1), >=, last.origin.x + last.size.width / 2);
  close_window (window);
}

/* A click on a bar, with the X server's pointer */
static void
test_click (gconstpointer data)
{
  DossierChartKind kind = GPOINTER_TO_INT (data);
  const DossierChartBar *bars = kind == DOSSIER_CHART_COLUMNS ? weeks : channels;
  guint n = kind == DOSSIER_CHART_COLUMNS ? G_N_ELEMENTS (weeks) : G_N_ELEMENTS (channels);
  DossierChart *chart = DOSSIER_CHART (dossier_chart_new (kind));
  g_auto(Activated) activated = { 0 };
  GtkWindow *window;
  g_autoptr(Pixels) pixels = NULL;
  g_autoptr(GArray) runs = NULL;
  DossierChartColors colors;
  double middle;
  int line = -1;

  set_dark (FALSE);
  dossier_chart_set_bars (chart, bars, n);
  g_signal_connect (chart, "bar-activated", G_CALLBACK (on_bar_activated_cb), &activated);
  window = show_in_window (GTK_WIDGET (chart), 600, 320);
  if (!can_type (window))
    {
      close_window (window);
      return;
    }
  dossier_chart_get_style_colors (GTK_WIDGET (chart), &colors);
  pixels = pixels_of_widget (GTK_WIDGET (chart));
  runs = find_bars (pixels, kind, n, &line, &colors);
  /* the third bar, where it is drawn */
  middle = (g_array_index (runs, int, 4) + g_array_index (runs, int, 5)) / 2.0;
  if (kind == DOSSIER_CHART_COLUMNS)
    click_at (window, GTK_WIDGET (chart), middle, line);
  else
    click_at (window, GTK_WIDGET (chart), line + 2, middle);
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_cmpuint (activated.index, ==, 2);
  g_assert_cmpstr (activated.key, ==, bars[2].key);
  g_assert_cmpint (dossier_chart_get_focus_bar (chart), ==, 2);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));
  save_png (GTK_WIDGET (chart), kind == DOSSIER_CHART_COLUMNS ? "columns-clicked" : "bars-clicked");

  /* a click beside the bars activates nothing: left of the columns'
   * axis, under the last bar's row */
  {
    double x = 2, y = kind == DOSSIER_CHART_COLUMNS ? 2 : gtk_widget_get_height (GTK_WIDGET (chart)) - 2;

    g_assert_cmpint (dossier_chart_bar_at (chart, x, y), ==, -1);
    click_at (window, GTK_WIDGET (chart), x, y);
    g_assert_cmpuint (activated.count, ==, 1);
  }
  close_window (window);
}

/* Keys typed on the X server move along the bars and activate one */
static void
test_keyboard (gconstpointer data)
{
  DossierChartKind kind = GPOINTER_TO_INT (data);
  const DossierChartBar *bars = kind == DOSSIER_CHART_COLUMNS ? weeks : channels;
  guint n = kind == DOSSIER_CHART_COLUMNS ? G_N_ELEMENTS (weeks) : G_N_ELEMENTS (channels);
  DossierChart *chart = DOSSIER_CHART (dossier_chart_new (kind));
  g_auto(Activated) activated = { 0 };
  GtkWindow *window;

  set_dark (FALSE);
  dossier_chart_set_bars (chart, bars, n);
  g_signal_connect (chart, "bar-activated", G_CALLBACK (on_bar_activated_cb), &activated);
  window = show_in_window (GTK_WIDGET (chart), 600, 320);
  if (!can_type (window))
    {
      close_window (window);
      return;
    }
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  dossier_test_run_for (100);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));
  g_assert_cmpint (dossier_chart_get_focus_bar (chart), ==, 0);

  /* Left stops at the first bar */
  xdotool (window, "key", "--window", "@", "--delay", "60", "Left", "Right", "Right", "Return", NULL);
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_cmpuint (activated.index, ==, 2);
  g_assert_cmpstr (activated.key, ==, bars[2].key);
  g_assert_cmpint (dossier_chart_get_focus_bar (chart), ==, 2);
  save_png (GTK_WIDGET (chart), kind == DOSSIER_CHART_COLUMNS ? "columns-focus" : "bars-focus");
  {
    /* the bar the keys are on is shown: its column (row) is shaded, the
     * first one's not */
    g_autoptr(Pixels) pixels = pixels_of_widget (GTK_WIDGET (chart));
    graphene_rect_t focused, first;

    g_assert_true (dossier_chart_get_bar_area (chart, 2, &focused));
    g_assert_true (dossier_chart_get_bar_area (chart, 0, &first));
    if (kind == DOSSIER_CHART_COLUMNS)
      {
        g_assert_cmpint (alpha_at (pixels, focused.origin.x + focused.size.width / 2, 1), >, 0);
        g_assert_cmpint (alpha_at (pixels, first.origin.x + first.size.width / 2, 1), ==, 0);
      }
    else
      {
        /* in the space above the bar and its label */
        g_assert_cmpint (alpha_at (pixels, pixels->width / 2, focused.origin.y + 1), >, 0);
        g_assert_cmpint (alpha_at (pixels, pixels->width / 2, first.origin.y + 1), ==, 0);
      }
  }

  if (kind == DOSSIER_CHART_BARS)
    {
      /* Up and Down too, and space */
      xdotool (window, "key", "--window", "@", "--delay", "60", "Down", "Up", "Up", "space", NULL);
      g_assert_cmpuint (activated.count, ==, 2);
      g_assert_cmpuint (activated.index, ==, 1);
      g_assert_cmpstr (activated.key, ==, "email");
    }
  else
    {
      /* End goes to the last, and Right stops there */
      xdotool (window, "key", "--window", "@", "--delay", "60", "End", "Right", "space", NULL);
      g_assert_cmpuint (activated.count, ==, 2);
      g_assert_cmpuint (activated.index, ==, n - 1);
      g_assert_cmpstr (activated.key, ==, bars[n - 1].key);
    }
  close_window (window);
}

/* A screen reader hears the title and every figure, in the locale's
 * numbers and the window's language */
static void
test_accessible (void)
{
  DossierChart *chart = DOSSIER_CHART (dossier_chart_new (DOSSIER_CHART_BARS));
  GtkWindow *window;
  g_autofree char *big = localized ("1,204");
  g_autofree char *expected = NULL;
  g_autofree char *expected_parts = NULL;
  const DossierChartBar zeros[] = { { "a", "A", 0, 0 }, { "b", "B", 0, 0 } };
  const char *none = g_str_equal (lang, "ru") ? "Нет действий за этот период" : "No actions in this period";

  g_object_ref_sink (chart);
  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  dossier_chart_set_title (chart, "Actions by Channel");
  dossier_chart_set_bars (chart, channels, G_N_ELEMENTS (channels));
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Actions by Channel");
  expected = g_strdup_printf ("Letter: %s; Email: 310; Phone call: 420; Social media post: 150", big);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  /* the part, once it is named */
  dossier_chart_set_part_label (chart, "From Reports");
  expected_parts = g_strdup_printf ("Letter: %s (From Reports: 310); Email: 310; Phone call: 420 (From Reports: 20); "
                                    "Social media post: 150", big);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected_parts);

  /* nothing to show, said so */
  dossier_chart_set_bars (chart, zeros, G_N_ELEMENTS (zeros));
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, none);
  dossier_chart_set_bars (chart, NULL, 0);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, none);

  /* and the window shows it, with no bar to hit */
  window = show_in_window (GTK_WIDGET (chart), 400, 200);
  g_assert_cmpint (dossier_chart_bar_at (chart, 200, 100), ==, -1);
  save_png (GTK_WIDGET (chart), "empty");
  close_window (window);
  g_object_unref (chart);
}

/* Drawn without a widget, as a report draws it on paper: in the tallest
 * column, the bar's colour above its part, and above its top not */
static void
assert_tallest_column (const Pixels             *p,
                       const DossierChartColors *colors,
                       int                       x,
                       int                       other_x)
{
  int top = -1, part_top = -1, other_top = -1;

  for (int y = 0; y < p->height && top < 0; y++)
    if (pixel_is (p, x, y, &colors->bar))
      top = y;
  for (int y = 0; y < p->height && other_top < 0; y++)
    if (pixel_is (p, other_x, y, &colors->bar) || pixel_is (p, other_x, y, &colors->part))
      other_top = y;
  for (int y = top; y < p->height && part_top < 0; y++)
    if (pixel_is (p, x, y, &colors->part))
      part_top = y;
  g_test_message ("tallest column at x %d: top %d, its part from %d; another's top %d", x, top, part_top, other_top);
  g_assert_cmpint (top, >, 0);
  g_assert_cmpint (top, <, p->height / 3);
  g_assert_cmpint (other_top, >, top);
  /* the bar's colour inside, the part's at the base (310 of 1,204) */
  for (int y = top + 4; y < part_top - 2; y++)
    g_assert_true (pixel_is (p, x, y, &colors->bar));
  g_assert_cmpint (part_top - top, >, 2 * (p->height - part_top) / 3);
  g_assert_true (pixel_is (p, x, part_top + 3, &colors->part));
  /* above it, not */
  g_assert_false (pixel_is (p, x, top - 3, &colors->bar));
  g_assert_false (pixel_is (p, x, top - 3, &colors->part));
}

static void
render_and_check (const DossierChartColors *colors,
                  const GdkRGBA            *background,
                  const char               *name)
{
  int width = 480, height = 240;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  g_autoptr(Pixels) pixels = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autofree char *path = screenshot_path (name);
  int line = -1;

  pango_context_set_font_description (context, font);
  pango_font_description_free (font);
  gdk_cairo_set_source_rgba (cr, background);
  cairo_paint (cr);
  dossier_chart_render (cr, context, width, height, DOSSIER_CHART_COLUMNS, weeks, G_N_ELEMENTS (weeks), colors, -1);
  g_object_unref (context);
  cairo_destroy (cr);
  if (path)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("saved %s", path);
    }

  pixels = pixels_of_surface (surface);
  runs = find_bars (pixels, DOSSIER_CHART_COLUMNS, G_N_ELEMENTS (weeks), &line, colors);
  /* W3 is the tallest; W1 beside it */
  assert_tallest_column (pixels, colors, (g_array_index (runs, int, 4) + g_array_index (runs, int, 5)) / 2,
                         (g_array_index (runs, int, 0) + g_array_index (runs, int, 1)) / 2);
  cairo_surface_destroy (surface);
}

static void
test_render_colors (void)
{
  GtkWidget *chart = dossier_chart_new (DOSSIER_CHART_COLUMNS);
  GtkWindow *window = show_in_window (chart, 300, 200);
  DossierChartColors light, dark, print;
  GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA light_bg, dark_bg;

  set_dark (FALSE);
  dossier_chart_get_style_colors (chart, &light);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (chart), "window_bg_color", &light_bg));
  set_dark (TRUE);
  dossier_chart_get_style_colors (chart, &dark);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (chart), "window_bg_color", &dark_bg));
  set_dark (FALSE);
  dossier_chart_get_print_colors (&print);

  /* the text is dark on light and light on dark; the bars and their
   * parts apart in both */
  g_assert_cmpfloat (light.fg.red + light.fg.green + light.fg.blue, <, 1.0);
  g_assert_cmpfloat (dark.fg.red + dark.fg.green + dark.fg.blue, >, 2.0);
  g_assert_false (gdk_rgba_equal (&light.bar, &light.part));
  g_assert_false (gdk_rgba_equal (&dark.bar, &dark.part));

  render_and_check (&light, &light_bg, "render-light");
  render_and_check (&dark, &dark_bg, "render-dark");
  render_and_check (&print, &white, "render-print");
  close_window (window);
}

/* ---- the card ---- */

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static GPtrArray *
table_rows (DossierChartCard *card,
            gboolean          activatable)
{
  GtkListBox *table = GTK_LIST_BOX (find_widget (GTK_WIDGET (card), GTK_TYPE_LIST_BOX));
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (table, i)); i++)
    if (gtk_list_box_row_get_activatable (row) == activatable && gtk_widget_get_mapped (GTK_WIDGET (row)))
      g_ptr_array_add (rows, row);
  return rows;
}

/* The labels' texts of a row, joined by "|" */
static char *
row_text (GtkListBoxRow *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);
  GString *text = g_string_new (NULL);

  for (GtkWidget *cell = gtk_widget_get_first_child (box); cell; cell = gtk_widget_get_next_sibling (cell))
    g_string_append_printf (text, "%s%s", text->len ? "|" : "", gtk_label_get_text (GTK_LABEL (cell)));
  return g_string_free (text, FALSE);
}

static DossierChartCard *
new_card (DossierChartKind kind)
{
  DossierChartCard *card = DOSSIER_CHART_CARD (dossier_chart_card_new ("Actions by Channel", kind));

  dossier_chart_card_set_table_headers (card, "Channel", "Actions", "From Reports");
  if (kind == DOSSIER_CHART_COLUMNS)
    dossier_chart_card_set_bars (card, weeks, G_N_ELEMENTS (weeks));
  else
    dossier_chart_card_set_bars (card, channels, G_N_ELEMENTS (channels));
  return card;
}

static void
test_card_table (void)
{
  DossierChartCard *card = new_card (DOSSIER_CHART_BARS);
  g_auto(Activated) activated = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *header = NULL;
  g_autofree char *big = localized ("1,204");
  g_autofree char *expected = g_strdup_printf ("Letter|%s|310", big);
  GtkWidget *toggle;
  GtkWindow *window;

  set_dark (FALSE);
  g_signal_connect (card, "bar-activated", G_CALLBACK (on_bar_activated_cb), &activated);
  window = show_in_window (GTK_WIDGET (card), 600, 500);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dossier_chart_card_get_chart (card))));
  save_png (GTK_WIDGET (card), "card-chart");

  /* "Show as Table", as a person presses it */
  toggle = find_widget (GTK_WIDGET (card), GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (toggle);
  gtk_test_accessible_assert_property (toggle, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show as Table"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (toggle), ==, _("Show as Table"));
  g_assert_true (gtk_widget_activate (toggle));
  /* a button activated stays pressed a moment, then is clicked */
  dossier_test_run_for (500);
  g_assert_true (dossier_chart_card_get_show_table (card));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (dossier_chart_card_get_chart (card))));
  save_png (GTK_WIDGET (card), "card-table");

  /* one row for each bar, after the headers */
  rows = table_rows (card, TRUE);
  headers = table_rows (card, FALSE);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (channels));
  g_assert_cmpuint (headers->len, ==, 1);
  header = row_text (headers->pdata[0]);
  g_assert_cmpstr (header, ==, "Channel|Actions|From Reports");
  first = row_text (rows->pdata[0]);
  g_assert_cmpstr (first, ==, expected);
  /* a part of 0 is left out */
  second = row_text (rows->pdata[1]);
  g_assert_cmpstr (second, ==, "Email|310|");

  /* a row activated is the bar activated */
  g_assert_true (gtk_widget_activate (rows->pdata[3]));
  dossier_test_run_for (50);
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_cmpuint (activated.index, ==, 3);
  g_assert_cmpstr (activated.key, ==, "post");

  /* and back to the chart, whose bars the card passes on */
  g_assert_true (gtk_widget_activate (toggle));
  /* a button activated stays pressed a moment, then is clicked */
  dossier_test_run_for (500);
  g_assert_false (dossier_chart_card_get_show_table (card));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dossier_chart_card_get_chart (card))));
  g_signal_emit_by_name (dossier_chart_card_get_chart (card), "bar-activated", 1, "email");
  g_assert_cmpuint (activated.count, ==, 2);
  g_assert_cmpstr (activated.key, ==, "email");
  close_window (window);
}

static void
test_card_csv (void)
{
  const DossierChartBar bars[] = {
    { "a", "Letter", 1204, 310 },
    { "b", "Group \"North, East\"\nand more", 7, 0 },
    { "c", "", 0, 0 },
  };
  g_autoptr(DossierChartCard) card = g_object_ref_sink (DOSSIER_CHART_CARD (dossier_chart_card_new ("Groups", DOSSIER_CHART_BARS)));
  g_autofree char *csv = NULL;
  g_autofree char *without_parts = NULL;

  dossier_chart_card_set_table_headers (card, "Group", "Actions", "From Reports, Total");
  dossier_chart_card_set_bars (card, bars, G_N_ELEMENTS (bars));
  csv = dossier_chart_card_to_csv (card);
  g_assert_cmpstr (csv, ==,
                   "Group,Actions,\"From Reports, Total\"\r\n"
                   "Letter,1204,310\r\n"
                   "\"Group \"\"North, East\"\"\nand more\",7,0\r\n"
                   "\"\",0,0\r\n");

  dossier_chart_card_set_table_headers (card, "Group", "Actions", NULL);
  without_parts = dossier_chart_card_to_csv (card);
  g_assert_cmpstr (without_parts, ==,
                   "Group,Actions\r\n"
                   "Letter,1204\r\n"
                   "\"Group \"\"North, East\"\"\nand more\",7\r\n"
                   "\"\",0\r\n");
}

/* In a window 360 pixels wide, long headings wrap and nothing is cut, as
 * a chart or as a table, in the light style and the dark */
static void
test_card_narrow (gconstpointer data)
{
  DossierChartKind kind = GPOINTER_TO_INT (data);
  const DossierChartBar long_groups[] = {
    { "letter", "Письмо", 1204, 310 },
    { "email", "Электронное письмо", 310, 0 },
    { "phone", "Телефонный звонок", 420, 20 },
    { "post", "Пост в социальных сетях", 150, 0 },
    { "other", "Другое", 12, 0 },
  };
  const char *kind_name = kind == DOSSIER_CHART_COLUMNS ? "columns" : "bars";

  for (int dark = 0; dark <= 1; dark++)
    {
      DossierChartCard *card = DOSSIER_CHART_CARD (dossier_chart_card_new (
        "Действия по каналам связи за выбранный период, с отчётами волонтёров", kind));
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *clamp = adw_clamp_new ();
      GtkWindow *window;
      int minimum;

      dossier_chart_card_set_table_headers (card, "Канал связи", "Количество действий", "Из отчётов волонтёров");
      if (kind == DOSSIER_CHART_COLUMNS)
        dossier_chart_card_set_bars (card, weeks, G_N_ELEMENTS (weeks));
      else
        dossier_chart_card_set_bars (card, long_groups, G_N_ELEMENTS (long_groups));
      gtk_widget_set_margin_start (GTK_WIDGET (card), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (card), 12);
      gtk_widget_set_margin_top (GTK_WIDGET (card), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (card), 12);
      adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (card));
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

      gtk_widget_measure (GTK_WIDGET (card), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("the card's least width: %d", minimum);
      g_assert_cmpint (minimum, <=, 360 - 24);

      set_dark (dark);
      window = show_in_window (scrolled, 360, 640);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
      for (int table = 0; table <= 1; table++)
        {
          g_autoptr(GPtrArray) cut = NULL;
          g_autofree char *name = g_strdup_printf ("narrow-%s-%s-%s", kind_name, table ? "table" : "chart",
                                                   dark ? "dark" : "light");

          dossier_chart_card_set_show_table (card, table);
          dossier_test_run_for (200);
          cut = dossier_test_find_cut_labels (GTK_WIDGET (window));
          for (guint i = 0; i < cut->len; i++)
            g_test_message ("cut: %s", (char *) cut->pdata[i]);
          g_assert_cmpuint (cut->len, ==, 0);
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card)), <=, 360 - 24);
          save_png (GTK_WIDGET (window), name);
        }
      close_window (window);
    }
  set_dark (FALSE);
}

/* At ease in a wide window, in both styles, for a person to look at */
static void
test_card_wide (void)
{
  DossierChartCard *card = new_card (DOSSIER_CHART_COLUMNS);
  GtkWindow *window;

  window = show_in_window (GTK_WIDGET (card), 720, 360);
  save_png (GTK_WIDGET (window), "wide-light");
  set_dark (TRUE);
  save_png (GTK_WIDGET (window), "wide-dark");
  set_dark (FALSE);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any gettext: the language of this run */
  lang = g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";
  if (setlocale (LC_ALL, "") == NULL)
    g_warning ("The locale of this run is missing: is LOCPATH set?");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DOSSIER_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_data_func ("/chart/columns/hit-what-is-drawn", GINT_TO_POINTER (DOSSIER_CHART_COLUMNS),
                        test_hit_what_is_drawn);
  g_test_add_data_func ("/chart/bars/hit-what-is-drawn", GINT_TO_POINTER (DOSSIER_CHART_BARS),
                        test_hit_what_is_drawn);
  g_test_add_func ("/chart/columns/crowded-labels", test_crowded_labels);
  g_test_add_data_func ("/chart/columns/click", GINT_TO_POINTER (DOSSIER_CHART_COLUMNS), test_click);
  g_test_add_data_func ("/chart/bars/click", GINT_TO_POINTER (DOSSIER_CHART_BARS), test_click);
  g_test_add_data_func ("/chart/columns/keyboard", GINT_TO_POINTER (DOSSIER_CHART_COLUMNS), test_keyboard);
  g_test_add_data_func ("/chart/bars/keyboard", GINT_TO_POINTER (DOSSIER_CHART_BARS), test_keyboard);
  g_test_add_func ("/chart/accessible", test_accessible);
  g_test_add_func ("/chart/render-colors", test_render_colors);
  g_test_add_func ("/chart/card/table", test_card_table);
  g_test_add_func ("/chart/card/csv", test_card_csv);
  g_test_add_data_func ("/chart/card/narrow-columns", GINT_TO_POINTER (DOSSIER_CHART_COLUMNS), test_card_narrow);
  g_test_add_data_func ("/chart/card/narrow-bars", GINT_TO_POINTER (DOSSIER_CHART_BARS), test_card_narrow);
  g_test_add_func ("/chart/card/wide", test_card_wide);

  return g_test_run ();
}
