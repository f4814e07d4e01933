/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkPrintOperationResult dossier_letter_print (GtkWindow   *parent,
                               const char  *title,
                               const char  *text,
                               gboolean     with_address,
                               const char  *export_path,
                               GError     **error);

G_END_DECLS
