/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far a piece of work is, from 0 to 1, and what it is doing (a
 * sentence, or NULL). */
typedef void (*DossierProgressFunc) (const char *what,
                                     double      fraction,
                                     gpointer    user_data);

/* Carries the progress a worker thread reports to the main context that
 * started it, at most once per iteration of that context, so that a worker
 * reporting a thousand times a second costs the window one redraw per
 * frame. */
typedef struct _DossierProgressRelay DossierProgressRelay;

DossierProgressRelay *dossier_progress_relay_new    (DossierProgressFunc   func,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);
DossierProgressRelay *dossier_progress_relay_ref    (DossierProgressRelay *self);
void                  dossier_progress_relay_unref  (DossierProgressRelay *self);
void                  dossier_progress_relay_report (DossierProgressRelay *self,
                                                     const char           *what,
                                                     double                fraction);
void                  dossier_progress_relay_stop   (DossierProgressRelay *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierProgressRelay, dossier_progress_relay_unref)

G_END_DECLS
