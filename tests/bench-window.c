/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "dossier-application.h"
#include "dossier-feed.h"
#include "dossier-feed-updater.h"
#include "dossier-campaign.h"
#include "dossier-store.h"
#include "dossier-window.h"
#include "dossier-composer.h"
#include "dossier-progress-section.h"
#include "dossier-section.h"
#include "dossier-urgent-action.h"
#include "dossier-case.h"
#include "dossier-target.h"

/* What a person feels of the window, measured from the window's side: the
 * frames it draws. Run it under a display (xvfb-run):
 *
 *   bench-window import CAMPAIGN.json
 *       the worst gap between two frames while the window imports the
 *       file (bench-import --output makes one), against the same import
 *       run on the main thread, as the window did before
 *   bench-window migrate STORE-DIR
 *       the same while a first start opens (and migrates) a copy of the
 *       store in STORE-DIR, against opening it on the main thread
 *   bench-window refresh [N]
 *       the worst gap between two frames while the Feeds section refreshes
 *       N feeds (50) of a server on 127.0.0.1 in a thread of its own:
 *       first every feed answering with 50 new items, then every feed
 *       answering 304 Not Modified; next to the gaps of the same window
 *       idle for as long: the floor
 *   bench-window tour STORE-DIR [--runs N]
 *       each interaction a person has with the window (every section's
 *       first and later show, a UA and a case page, search letter by
 *       letter, End, Page Down and a wheel step in Progress, the composer),
 *       from asking to the last frame it caused, and the memory after it
 *       all; each run a process of its own, paired with the same tour on
 *       an empty store (3 runs)
 *   bench-window startup STORE-DIR [--runs N]
 *       start-up to the first frame that shows the store's records, as a
 *       process of its own, paired run for run with an empty libadwaita
 *       window holding a lazy list of a million rows: the floor
 *
 * A tick callback keeps the window drawing every frame, so that a frame
 * the window cannot draw shows as a gap. Figures are wall-clock times on
 * this machine: a benchmark, not a test. */

#define EXIT_USAGE 2

static gint64 started_us;

/* ---- frames ---- */

typedef struct {
  GArray *ticks;     /* gint64, µs */
  gboolean recording;
} Frames;

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  Frames *frames = data;

  if (frames->recording)
    {
      gint64 now = g_get_monotonic_time ();

      g_array_append_val (frames->ticks, now);
    }
  return G_SOURCE_CONTINUE;
}

static void
report_frames (const char *what,
               Frames     *frames,
               gint64      start_us,
               gint64      end_us)
{
  gint64 worst = 0, previous = start_us, worst_at = start_us;
  guint over_100 = 0, n = 0;

  for (guint i = 0; i < frames->ticks->len; i++)
    {
      gint64 t = g_array_index (frames->ticks, gint64, i);

      if (t < start_us || t > end_us)
        continue;
      if (t - previous > worst)
        {
          worst = t - previous;
          worst_at = previous;
        }
      over_100 += t - previous > 100000;
      previous = t;
      n++;
    }
  if (end_us - previous > worst)
    {
      worst = end_us - previous;
      worst_at = previous;
    }
  over_100 += end_us - previous > 100000;
  g_print ("%-44s %8.1f ms in all, %5u frames, worst gap %7.1f ms (from +%.0f ms), gaps over 100 ms: %u\n",
           what, (end_us - start_us) / 1000.0, n, worst / 1000.0, (worst_at - start_us) / 1000.0, over_100);
}

static void
run_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A window of the application on a profile in @dir, drawing every frame. */
static DossierWindow *
open_window (const char *dir,
             Frames     *frames)
{
  DossierApplication *app = dossier_application_new ();
  GtkWindow *window;
  g_autoptr(GError) error = NULL;

  dossier_application_set_data_dir (app, dir);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick_cb, frames, NULL);
  return DOSSIER_WINDOW (window);
}

static void
on_busy_cb (GObject    *window,
            GParamSpec *pspec,
            gboolean   *done)
{
  if (!dossier_window_get_busy (DOSSIER_WINDOW (window)))
    *done = TRUE;
}

static char *
make_profile (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bench-window-XXXXXX", &error);

  if (dir == NULL)
    g_error ("%s", error->message);
  return dir;
}

static int
bench_import (const char *campaign)
{
  g_autofree char *dir = make_profile ();
  g_autofree char *sync_dir = make_profile ();
  g_autoptr(GFile) file = g_file_new_for_path (campaign);
  Frames frames = { g_array_new (FALSE, FALSE, sizeof (gint64)), TRUE };
  DossierWindow *window = open_window (dir, &frames);
  gboolean done = FALSE;
  gint64 start, end;

  /* the window, its store open, idle for a moment */
  while (dossier_window_get_busy (window))
    g_main_context_iteration (NULL, TRUE);
  run_for (500);

  g_signal_connect (window, "notify::busy", G_CALLBACK (on_busy_cb), &done);
  start = g_get_monotonic_time ();
  dossier_window_import_file (window, file);
  run_until (&done);
  end = g_get_monotonic_time ();
  report_frames ("import in the window (a worker thread)", &frames, start, end);

  /* the same file imported on the main thread, as the window did before:
   * a store of its own, so that both start empty */
  {
    g_autofree char *path = dossier_store_default_path (sync_dir);
    g_autoptr(DossierStore) store = dossier_store_open (path, NULL);
    g_autoptr(GError) error = NULL;

    run_for (300);
    start = g_get_monotonic_time ();
    if (!dossier_campaign_import_file (store, campaign, NULL, &error))
      g_error ("%s", error->message);
    end = g_get_monotonic_time ();
    run_for (300);
    report_frames ("the same on the main thread (before)", &frames, start, end);
  }
  return EXIT_SUCCESS;
}

/* Copies the store of @from into a new profile folder. */
static char *
copy_store (const char *from)
{
  g_autofree char *source = dossier_store_default_path (from);
  char *dir = make_profile ();
  g_autofree char *target = dossier_store_default_path (dir);
  g_autoptr(GFile) a = g_file_new_for_path (source);
  g_autoptr(GFile) b = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (a, b, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return dir;
}

static int
bench_migrate (const char *store_dir)
{
  g_autofree char *dir = copy_store (store_dir);
  g_autofree char *sync_dir = copy_store (store_dir);
  Frames frames = { g_array_new (FALSE, FALSE, sizeof (gint64)), TRUE };
  DossierWindow *window;
  gboolean done = FALSE;
  gint64 start, end;

  start = g_get_monotonic_time ();
  window = open_window (dir, &frames);
  g_signal_connect (window, "notify::busy", G_CALLBACK (on_busy_cb), &done);
  if (!dossier_window_get_busy (window))
    done = TRUE;
  run_until (&done);
  end = g_get_monotonic_time ();
  /* from the window's first frame: before it, the application starts */
  g_print ("%-44s %8.1f ms\n", "first start: to the window's first frame",
           frames.ticks->len ? (g_array_index (frames.ticks, gint64, 0) - start) / 1000.0 : -1.0);
  if (frames.ticks->len)
    start = g_array_index (frames.ticks, gint64, 0);
  report_frames ("first start (opened in a worker thread)", &frames, start, end);
  /* and until the records it shows are drawn */
  run_for (1000);
  report_frames ("…the first second with the records", &frames, end, g_get_monotonic_time ());

  {
    g_autofree char *path = dossier_store_default_path (sync_dir);
    g_autoptr(DossierStore) store = NULL;
    g_autoptr(GError) error = NULL;

    run_for (300);
    start = g_get_monotonic_time ();
    store = dossier_store_open (path, &error);
    if (store == NULL)
      g_error ("%s", error->message);
    end = g_get_monotonic_time ();
    run_for (300);
    report_frames ("the same on the main thread (before)", &frames, start, end);
  }
  return EXIT_SUCCESS;
}


/* ---- a refresh of many feeds ---- */

static void
on_feed_request (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  const char *tag = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
  g_autoptr(GString) body = NULL;

  if (g_strcmp0 (tag, "\"v1\"") == 0)
    {
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>");
  g_string_append_printf (body, "Лента %s</title>", path);
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (body, "<item><guid>%s/%u</guid><title>Суд над активистом %u</title>"
                            "<description>&lt;p&gt;Приговор оставлен в силе. Сот үкімі күшінде қалды.&lt;/p&gt;"
                            "</description><pubDate>Mon, 22 Jun 2020 10:%02u:00 +0600</pubDate></item>",
                            path, i, i, i % 60);
  g_string_append (body, "</channel></rss>");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"v1\"");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_COPY, body->str, body->len);
}

static gpointer
serve_feeds (gpointer data)
{
  GAsyncQueue *ready = data;
  GMainContext *context = g_main_context_new ();
  SoupServer *server;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_feed_request, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL))
    g_error ("Cannot listen on 127.0.0.1");
  uris = soup_server_get_uris (server);
  g_async_queue_push (ready, GUINT_TO_POINTER (g_uri_get_port (uris->data)));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

static void
on_refreshing_cb (DossierFeedUpdater *updater,
                  GParamSpec         *pspec,
                  gboolean           *done)
{
  if (dossier_feed_updater_get_n_refreshing (updater) == 0)
    *done = TRUE;
}

static int
bench_refresh (guint n_feeds)
{
  g_autofree char *dir = make_profile ();
  g_autoptr(GAsyncQueue) ready = g_async_queue_new ();
  Frames frames = { g_array_new (FALSE, FALSE, sizeof (gint64)), TRUE };
  DossierFeedUpdater *updater;
  DossierWindow *window;
  guint port;

  g_thread_unref (g_thread_new ("server", serve_feeds, ready));
  port = GPOINTER_TO_UINT (g_async_queue_pop (ready));
  {
    g_autofree char *path = dossier_store_default_path (dir);
    g_autoptr(DossierStore) store = dossier_store_open (path, NULL);

    for (guint i = 0; i < n_feeds; i++)
      {
        g_autoptr(DossierRecord) feed = DOSSIER_RECORD (dossier_feed_new ());
        g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/feed/%u", port, i);

        dossier_record_set_string (feed, "url", url);
        dossier_record_set_boolean (feed, "allow-http", TRUE);
        /* not due: only the refresh asked for fetches them */
        dossier_record_set_string (feed, "next-fetch", "2999-01-01T00:00:00.000000Z");
        if (!dossier_store_create (store, feed, NULL))
          g_error ("Cannot make the feeds");
      }
  }

  window = open_window (dir, &frames);
  while (dossier_window_get_busy (window) || dossier_window_get_feed_updater (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  dossier_window_set_section (window, "feeds");
  updater = dossier_window_get_feed_updater (window);
  run_for (500);

  for (guint round = 0; round < 2; round++)
    {
      gboolean done = FALSE;
      gulong handler = g_signal_connect (updater, "notify::n-refreshing", G_CALLBACK (on_refreshing_cb), &done);
      gint64 start, end;

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh-feeds", NULL);
      run_until (&done);
      end = g_get_monotonic_time ();
      g_signal_handler_disconnect (updater, handler);
      report_frames (round == 0 ? "refresh, every feed with 50 new items"
                                : "refresh, every feed 304 Not Modified", &frames, start, end);
      /* the floor: the same window, idle as long */
      run_for (500);
      {
        guint ms = (guint) ((end - start) / 1000);

        start = g_get_monotonic_time ();
        run_for (ms);
      }
      report_frames ("…the same window idle (the floor)", &frames, start, g_get_monotonic_time ());
    }
  return EXIT_SUCCESS;
}

/* ---- start-up, one process per run ---- */

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

/* Prints when the window first draws what it is there to show, and ends
 * the process at once. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWidget     *window)
{
  if (DOSSIER_IS_WINDOW (window) && dossier_window_get_busy (DOSSIER_WINDOW (window)))
    return;
  printf ("%ld\n", rss_kib ());
  fflush (stdout);
  _exit (0);
}

static void
on_map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}

static int
child_dossier (const char *store_dir)
{
  DossierApplication *app = dossier_application_new ();
  char *argv[] = { (char *) "dossier", NULL };

  dossier_application_set_data_dir (app, store_dir);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* The floor: a libadwaita window with a header bar and a list of a
 * million rows made only as they are shown. */
#define FLOOR_ROWS 1000000

#define BENCH_TYPE_ROWS (bench_rows_get_type ())
G_DECLARE_FINAL_TYPE (BenchRows, bench_rows, BENCH, ROWS, GObject)

struct _BenchRows
{
  GObject parent_instance;
};

static GType
bench_rows_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
bench_rows_get_n_items (GListModel *model)
{
  return FLOOR_ROWS;
}

static gpointer
bench_rows_get_item (GListModel *model,
                     guint       position)
{
  g_autofree char *text = g_strdup_printf ("Row %u", position);

  return position < FLOOR_ROWS ? gtk_string_object_new (text) : NULL;
}

static void
bench_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bench_rows_get_item_type;
  iface->get_n_items = bench_rows_get_n_items;
  iface->get_item = bench_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchRows, bench_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bench_rows_model_init))

static void
bench_rows_class_init (BenchRowsClass *klass)
{
}

static void
bench_rows_init (BenchRows *self)
{
}

static void
on_floor_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
on_floor_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
on_floor_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_new (BENCH_TYPE_ROWS, NULL)));

  g_signal_connect (factory, "setup", G_CALLBACK (on_floor_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_floor_bind_cb), NULL);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), gtk_list_view_new (selection, factory));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
child_floor (void)
{
  AdwApplication *app = adw_application_new ("org.example.Dossier.BenchFloor", G_APPLICATION_NON_UNIQUE);
  char *argv[] = { (char *) "floor", NULL };

  g_signal_connect (app, "activate", G_CALLBACK (on_floor_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* Runs this program as @mode; returns the milliseconds from spawning it to
 * its first frame, and the memory it then held. */
static double
time_child (const char *self,
            const char *mode,
            const char *store_dir,
            long       *rss)
{
  const char *argv[] = { self, mode, store_dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("%s", error->message);
  *rss = out ? strtol (out, NULL, 10) : -1;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len ? g_array_index (values, double, values->len / 2) : 0;
}

static int
bench_startup (const char *self,
               const char *store_dir,
               int         runs)
{
  g_autoptr(GArray) dossier = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  long dossier_rss = 0, floor_rss = 0;

  /* one of each first, not counted: the page cache warms up */
  time_child (self, "child-dossier", store_dir, &dossier_rss);
  time_child (self, "child-floor", "-", &floor_rss);
  for (int i = 0; i < runs; i++)
    {
      double d = time_child (self, "child-dossier", store_dir, &dossier_rss);
      double f = time_child (self, "child-floor", "-", &floor_rss);
      double ratio = d / f;

      g_array_append_val (dossier, d);
      g_array_append_val (floor, f);
      g_array_append_val (ratios, ratio);
      g_print ("run %2d: dossier %7.1f ms, floor %7.1f ms, ratio %.2f\n", i + 1, d, f, ratio);
    }
  g_print ("startup_to_first_frame_with_records: %.1f ms (median of %d)\n", median (dossier), runs);
  g_print ("floor_empty_window_with_lazy_million_rows: %.1f ms\n", median (floor));
  g_print ("ratio (median of the paired ratios): %.2f\n", median (ratios));
  g_print ("memory at the first frame: dossier %ld KiB, floor %ld KiB, %+ld KiB\n",
           dossier_rss, floor_rss, dossier_rss - floor_rss);
  return EXIT_SUCCESS;
}

/* ---- the tour: each interaction, from the moment it is asked for to the
 * frame that shows its result ----
 *
 * A child process opens the window on a store and, for each interaction,
 * notes the time, does what the key or click does (the same action), and
 * runs the main loop until the window has drawn and has nothing more to
 * do (no frame asked for and nothing pending for 250 ms, longer than a
 * search entry waits before it searches): the time of its last frame is
 * when the result was settled on screen; the first frame after the action
 * is reported too (for a lazy list it may not hold the rows yet). Nothing
 * keeps the window
 * drawing, so every frame is one the interaction asked for. */

static gint64 last_paint_us;
static gint64 first_paint_after_us; /* the first frame after this moment */
static gint64 first_paint_us;
static guint n_paints;

static void
on_tour_paint_cb (GdkFrameClock *clock,
                  gpointer       data)
{
  last_paint_us = g_get_monotonic_time ();
  if (first_paint_us == 0 && last_paint_us >= first_paint_after_us)
    first_paint_us = last_paint_us;
  n_paints++;
}

/* Runs until the window is quiet; returns the time of its last frame. */
static gint64
settle (gint64 since)
{
  gint64 quiet_since = g_get_monotonic_time ();
  guint paints = n_paints;

  for (;;)
    {
      gint64 now;

      if (g_main_context_iteration (NULL, FALSE))
        {
          quiet_since = g_get_monotonic_time ();
          continue;
        }
      now = g_get_monotonic_time ();
      if (n_paints != paints)
        {
          paints = n_paints;
          quiet_since = now;
        }
      if (now - quiet_since > 250000 && (last_paint_us >= since || now - since > 2000000))
        return last_paint_us >= since ? last_paint_us : since;
      g_usleep (1000);
    }
}

typedef void (*TourStep) (DossierWindow *window, gpointer data);

static void
tour_measure (DossierWindow *window,
              const char    *name,
              TourStep       step,
              gpointer       data)
{
  gint64 start, end;

  settle (0);
  start = g_get_monotonic_time ();
  first_paint_after_us = start;
  first_paint_us = 0;
  step (window, data);
  end = settle (start);
  /* the first frame after it, and the last one it caused */
  printf ("%s, first frame\t%.1f\n", name, ((first_paint_us ? first_paint_us : end) - start) / 1000.0);
  printf ("%s\t%.1f\n", name, (end - start) / 1000.0);
  fflush (stdout);
}

static void
step_section (DossierWindow *window,
              gpointer       section)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", (const char *) section);
}

static void
step_open (DossierWindow *window,
           gpointer       data)
{
  char **pair = data;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(ss)", pair[0], pair[1]);
}

static void
step_back (DossierWindow *window,
           gpointer       data)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
}

static void
step_write (DossierWindow *window,
            gpointer       data)
{
  char **pair = data;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.write", "(ss)", pair[0], pair[1]);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_widget (child, type)))
        return found;
    }
  return NULL;
}

/* The search entry gets one more letter, as a key press gives it; the
 * entry's own delay before it searches is part of what is measured. */
static void
step_type (DossierWindow *window,
           gpointer       letter)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  int position;

  g_assert (entry);
  position = gtk_editable_get_position (GTK_EDITABLE (entry));
  gtk_editable_insert_text (GTK_EDITABLE (entry), letter, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (entry), position);
}

static GtkWidget *
find_mapped_scrolled (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_mapped_scrolled (child)))
        return found;
    }
  return NULL;
}

static GtkAdjustment *
section_adjustment (DossierWindow *window,
                    const char    *section)
{
  DossierSection *list = dossier_window_get_section_widget (window, section);
  GtkWidget *scrolled = NULL;

  if (list)
    scrolled = gtk_widget_get_ancestor (dossier_section_get_list_view (list), GTK_TYPE_SCROLLED_WINDOW);
  else
    /* a section that is no list (Progress's dashboard): the view it scrolls */
    scrolled = find_mapped_scrolled (GTK_WIDGET (dossier_window_get_section_page (window, section)));
  g_assert (scrolled);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* End, Page Down and a wheel step move the view as these do. */
static void
step_scroll (DossierWindow *window,
             gpointer       how)
{
  GtkAdjustment *adjustment = section_adjustment (window, "progress");
  double value = gtk_adjustment_get_value (adjustment);

  if (g_str_equal (how, "end"))
    value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  else if (g_str_equal (how, "page-down"))
    value += gtk_adjustment_get_page_size (adjustment);
  else
    value += 3 * 50.0; /* a wheel step: three lines */
  gtk_adjustment_set_value (adjustment, value);
}

/* Progress's filter @data ("0:2": the period filter, its third choice),
 * chosen as a click on the drop-down's item chooses it */
static void
step_filter (DossierWindow *window,
             gpointer       data)
{
  GtkWidget *section = find_widget (GTK_WIDGET (window), DOSSIER_TYPE_PROGRESS_SECTION);
  guint which = ((const char *) data)[0] - '0';
  guint choice = ((const char *) data)[2] - '0';

  if (section)
    gtk_drop_down_set_selected (dossier_progress_section_get_filter (DOSSIER_PROGRESS_SECTION (section), which),
                                choice);
}

static char *
first_id (DossierStore *store,
          GType         kind,
          const char   *filter_field,
          const char   *filter_value)
{
  g_autoptr(DossierQuery) query = dossier_query_new (kind);
  g_autoptr(GPtrArray) page = NULL;

  if (filter_field)
    dossier_query_filter_text (query, filter_field, DOSSIER_QUERY_EQ, filter_value);
  page = dossier_store_query_page (store, query, DOSSIER_PAGE_AFTER, NULL, 0, 1, NULL, NULL, NULL);
  return page && page->len ? g_strdup (dossier_record_get_id (g_ptr_array_index (page, 0))) : NULL;
}

static int
child_tour (const char *store_dir)
{
  DossierApplication *app = dossier_application_new ();
  DossierWindow *window;
  DossierStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *ua_id = NULL, *case_id = NULL, *target_id = NULL;
  const char *sections[] = { "cases", "updates", "my-actions", "progress", "feeds", "actions" };
  gboolean done = FALSE;

  /* no animation, and no blinking cursor: its frames would never let the
   * window be quiet */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  dossier_application_set_data_dir (app, store_dir);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));
  window = DOSSIER_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "notify::busy", G_CALLBACK (on_busy_cb), &done);
  if (dossier_window_get_busy (window))
    run_until (&done);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_tour_paint_cb), NULL);
  settle (0);
  run_for (300);
  store = dossier_application_get_store (app);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("first show of %s", sections[i]);

      tour_measure (window, name, step_section, (gpointer) sections[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("later show of %s", sections[i]);

      tour_measure (window, name, step_section, (gpointer) sections[i]);
    }

  ua_id = first_id (store, DOSSIER_TYPE_URGENT_ACTION, NULL, NULL);
  case_id = first_id (store, DOSSIER_TYPE_CASE, NULL, NULL);
  if (ua_id)
    {
      char *pair[] = { (char *) "DossierUrgentAction", ua_id };

      tour_measure (window, "open a UA page", step_open, pair);
      tour_measure (window, "back from it", step_back, NULL);
    }
  if (case_id)
    {
      char *pair[] = { (char *) "DossierCase", case_id };

      tour_measure (window, "open a case page", step_open, pair);
      tour_measure (window, "back from it", step_back, NULL);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  settle (0);
  {
    const char *letters[] = { "и", "л", "ь", "я" };

    for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
      {
        g_autofree char *name = g_strdup_printf ("search: letter %u to results drawn", i + 1);

        tour_measure (window, name, step_type, (gpointer) letters[i]);
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  {
    GtkWidget *entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);

    if (entry)
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
  }
  settle (0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "progress");
  settle (0);
  tour_measure (window, "Progress, End", step_scroll, (gpointer) "end");
  gtk_adjustment_set_value (section_adjustment (window, "progress"), 0);
  settle (0);
  tour_measure (window, "Progress, Page Down", step_scroll, (gpointer) "page-down");
  tour_measure (window, "Progress, wheel step", step_scroll, (gpointer) "wheel");
  gtk_adjustment_set_value (section_adjustment (window, "progress"), 0);
  settle (0);
  /* a filter changed: the figures read again and the dashboard drawn */
  tour_measure (window, "Progress, period filter: last 12 weeks", step_filter, (gpointer) "0:2");
  tour_measure (window, "Progress, period filter: all time", step_filter, (gpointer) "0:0");
  tour_measure (window, "Progress, urgent action filter: the first", step_filter, (gpointer) "1:1");
  tour_measure (window, "Progress, urgent action filter: all", step_filter, (gpointer) "1:0");
  tour_measure (window, "Progress, group filter: the first", step_filter, (gpointer) "2:1");
  tour_measure (window, "Progress, group filter: all", step_filter, (gpointer) "2:0");

  if (ua_id && (target_id = first_id (store, DOSSIER_TYPE_TARGET, NULL, NULL)))
    {
      char *pair[] = { ua_id, target_id };
      GtkWindow *composer;

      tour_measure (window, "open the composer", step_write, pair);
      for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
        if (DOSSIER_IS_COMPOSER (l->data))
          composer = l->data, gtk_window_destroy (composer);
      settle (0);
    }

  printf ("resident memory after the tour\t%ld\n", rss_kib ());
  fflush (stdout);
  _exit (0);
}

typedef struct {
  GHashTable *values;   /* name → GArray of double */
  GPtrArray  *order;
} TourRuns;

static void
run_tour (const char *self,
          const char *store_dir,
          TourRuns   *runs)
{
  const char *argv[] = { self, "child-tour", store_dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (out ? out : "", "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *tab = strchr (lines[i], '\t');
      GArray *values;
      double value;

      if (tab == NULL)
        continue;
      *tab = '\0';
      value = g_ascii_strtod (tab + 1, NULL);
      if (!(values = g_hash_table_lookup (runs->values, lines[i])))
        {
          values = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (runs->values, g_strdup (lines[i]), values);
          g_ptr_array_add (runs->order, g_strdup (lines[i]));
        }
      g_array_append_val (values, value);
    }
}

static double
worst (GArray *values)
{
  double w = 0;

  for (guint i = 0; values && i < values->len; i++)
    w = MAX (w, g_array_index (values, double, i));
  return w;
}

static int
bench_tour (const char *self,
            const char *store_dir,
            int         n)
{
  g_autofree char *empty = make_profile ();
  TourRuns large = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref),
                     g_ptr_array_new_with_free_func (g_free) };
  TourRuns floor = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref),
                     g_ptr_array_new_with_free_func (g_free) };

  for (int i = 0; i < n; i++)
    {
      run_tour (self, store_dir, &large);
      run_tour (self, empty, &floor);
    }
  g_print ("%-40s %12s %10s %12s %8s\n", "interaction (ms; memory KiB)", "large median", "worst", "empty median", "ratio");
  for (guint i = 0; i < large.order->len; i++)
    {
      const char *name = large.order->pdata[i];
      GArray *l = g_hash_table_lookup (large.values, name);
      GArray *f = g_hash_table_lookup (floor.values, name);
      double lm = median (l), fm = f ? median (f) : 0;

      g_print ("%-40s %12.1f %10.1f %12.1f %8.2f\n", name, lm, worst (l), fm, fm > 0 ? lm / fm : 0);
    }
  g_print ("(%d paired runs, each a process of its own; the empty store is the floor)\n", n);
  g_hash_table_unref (large.values);
  g_hash_table_unref (floor.values);
  g_ptr_array_unref (large.order);
  g_ptr_array_unref (floor.order);
  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  int runs = 10;

  started_us = g_get_monotonic_time ();
  setlocale (LC_ALL, "");
  if (argc >= 2 && g_str_equal (argv[1], "child-dossier") && argc == 3)
    return child_dossier (argv[2]);
  if (argc >= 2 && g_str_equal (argv[1], "child-floor"))
    return child_floor ();
  if (argc == 3 && g_str_equal (argv[1], "child-tour"))
    {
      gtk_init ();
      return child_tour (argv[2]);
    }

  gtk_init ();
  if (argc == 5 && g_str_equal (argv[3], "--runs"))
    runs = atoi (argv[4]);
  if (argc >= 3 && g_str_equal (argv[1], "import"))
    return bench_import (argv[2]);
  if (argc >= 3 && g_str_equal (argv[1], "migrate"))
    return bench_migrate (argv[2]);
  if (argc >= 3 && g_str_equal (argv[1], "startup"))
    return bench_startup (argv[0], argv[2], runs);
  if (argc >= 3 && g_str_equal (argv[1], "tour"))
    return bench_tour (argv[0], argv[2], argc == 5 ? runs : 3);
  if (argc >= 2 && g_str_equal (argv[1], "refresh"))
    return bench_refresh (argc >= 3 ? (guint) CLAMP (atoi (argv[2]), 1, 1000) : 50);

  g_printerr ("Usage: bench-window import CAMPAIGN | migrate STORE-DIR | refresh [N] | startup STORE-DIR [--runs N]"
              " | tour STORE-DIR [--runs N]\n");
  return EXIT_USAGE;
}
