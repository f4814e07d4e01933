/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Comma-separated values as RFC 4180 writes them, a field at a time, for
 * the tables a person takes to a spreadsheet (a chart's figures, a
 * report's lists). */

void dossier_csv_append_field (GString    *out,
                               const char *field);
void dossier_csv_end_row      (GString    *out);

G_END_DECLS
