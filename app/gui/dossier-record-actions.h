/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dossier_record_actions_install (GtkWidgetClass *widget_class);

G_END_DECLS
