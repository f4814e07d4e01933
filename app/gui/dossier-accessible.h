/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dossier_accessible_init           (void);
void dossier_accessible_mend_tree      (GtkWidget   *widget);
void dossier_accessible_name           (GtkWidget   *widget,
                                        const char  *name);
void dossier_accessible_name_drop_down (GtkDropDown *drop_down,
                                        const char  *name);
void dossier_accessible_describe_row   (GtkWidget   *row_child,
                                        const char  *name,
                                        const char  *description);
void dossier_accessible_set_error      (GtkWidget   *field,
                                        GtkWidget   *message,
                                        const char  *text);

G_END_DECLS
