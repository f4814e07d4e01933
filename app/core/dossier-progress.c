/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-progress.h"

struct _DossierProgressRelay
{
  gatomicrefcount      ref_count;
  GMutex               mutex;
  GMainContext        *context;   /* where func runs */
  DossierProgressFunc  func;
  gpointer             user_data;
  GDestroyNotify       destroy;
  /* under mutex */
  char                *what;
  double               fraction;
  gboolean             scheduled;
  gboolean             stopped;
};

/**
 * dossier_progress_relay_new:
 *
 * Makes a relay to @func in the thread-default main context of the caller.
 */
DossierProgressRelay *
dossier_progress_relay_new (DossierProgressFunc func,
                            gpointer            user_data,
                            GDestroyNotify      destroy)
{
  DossierProgressRelay *self = g_new0 (DossierProgressRelay, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

DossierProgressRelay *
dossier_progress_relay_ref (DossierProgressRelay *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dossier_progress_relay_unref (DossierProgressRelay *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->destroy)
    self->destroy (self->user_data);
  g_main_context_unref (self->context);
  g_free (self->what);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

static gboolean
deliver_cb (gpointer data)
{
  DossierProgressRelay *self = data;
  g_autofree char *what = NULL;
  double fraction;
  gboolean stopped;

  g_mutex_lock (&self->mutex);
  what = g_steal_pointer (&self->what);
  fraction = self->fraction;
  stopped = self->stopped;
  self->scheduled = FALSE;
  g_mutex_unlock (&self->mutex);

  if (!stopped && self->func)
    self->func (what, fraction, self->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * dossier_progress_relay_report:
 *
 * From any thread: @what (may be %NULL: the last sentence stands) and
 * @fraction reach the relay's function soon, in its main context.
 */
void
dossier_progress_relay_report (DossierProgressRelay *self,
                               const char           *what,
                               double                fraction)
{
  gboolean schedule;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  if (what)
    {
      g_free (self->what);
      self->what = g_strdup (what);
    }
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  schedule = !self->scheduled && !self->stopped;
  self->scheduled = TRUE;
  g_mutex_unlock (&self->mutex);

  if (schedule)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT_IDLE, deliver_cb,
                                dossier_progress_relay_ref (self),
                                (GDestroyNotify) dossier_progress_relay_unref);
}

/* Nothing more reaches the function, even what was reported before. */
void
dossier_progress_relay_stop (DossierProgressRelay *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->stopped = TRUE;
  g_mutex_unlock (&self->mutex);
}
