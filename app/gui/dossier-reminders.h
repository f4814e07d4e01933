/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-store.h"

G_BEGIN_DECLS

guint dossier_reminders_check (GApplication *application,
                               DossierStore *store,
                               GSettings    *settings);

G_END_DECLS
