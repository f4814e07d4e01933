/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *dossier_translit_key   (const char *text);
GStrv  dossier_translit_words (const char *text);

G_END_DECLS
