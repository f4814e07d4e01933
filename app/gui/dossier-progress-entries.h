/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-figures.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_PROGRESS_ENTRIES (dossier_progress_entries_get_type ())
G_DECLARE_FINAL_TYPE (DossierProgressEntries, dossier_progress_entries, DOSSIER, PROGRESS_ENTRIES, GtkWidget)

/* Entries read at a time: a page of the list, "Show More" reads the next */
#define DOSSIER_PROGRESS_ENTRIES_PAGE 100

void        dossier_progress_entries_show        (DossierProgressEntries       *self,
                                                  DossierStore                 *store,
                                                  const DossierFigureSelection *selection,
                                                  const char                   *heading);
void        dossier_progress_entries_show_more   (DossierProgressEntries       *self);
const char *dossier_progress_entries_get_heading (DossierProgressEntries       *self);
GtkListBox *dossier_progress_entries_get_list    (DossierProgressEntries       *self);
gboolean    dossier_progress_entries_has_more    (DossierProgressEntries       *self);

char       *dossier_progress_describe_ua         (const char                   *key,
                                                  const char                   *reference);

G_END_DECLS
