/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* JSON values written straight into a buffer, as json-glib 1.6's
 * JsonGenerator writes them, byte for byte: for output that goes out a
 * value at a time (a listing of a million actions, a campaign item by
 * item) and must not first be built as a tree of JsonNodes. */

void dossier_json_write_string (GString    *out,
                                const char *text);
void dossier_json_write_double (GString    *out,
                                double      value);

G_END_DECLS
