/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-section-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PROGRESS_SECTION (dossier_progress_section_get_type ())
G_DECLARE_FINAL_TYPE (DossierProgressSection, dossier_progress_section, DOSSIER, PROGRESS_SECTION, GtkWidget)

G_END_DECLS
