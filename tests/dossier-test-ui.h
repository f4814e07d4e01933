/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       dossier_test_run_for        (guint ms);
GtkWindow *dossier_test_find_toplevel  (GType type);
gboolean   dossier_test_wait_while     (gpointer    object,
                                        const char *property,
                                        guint       timeout_ms);
GPtrArray *dossier_test_find_cut_labels (GtkWidget *root);
void       dossier_test_save_png       (GtkWidget  *widget,
                                        const char *name);

G_END_DECLS
