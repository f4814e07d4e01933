/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dossier-store.h"

G_BEGIN_DECLS

char         *dossier_test_make_dir   (void);
void          dossier_test_remove_dir (const char *dir);
DossierStore *dossier_test_open_store (const char *dir);

G_END_DECLS
