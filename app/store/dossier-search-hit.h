/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_SEARCH_HIT (dossier_search_hit_get_type ())
G_DECLARE_FINAL_TYPE (DossierSearchHit, dossier_search_hit, DOSSIER, SEARCH_HIT, GObject)

DossierSearchHit *dossier_search_hit_new          (GType             kind,
                                                   const char       *id,
                                                   const char       *title,
                                                   const char       *subtitle);
GType             dossier_search_hit_get_kind     (DossierSearchHit *self);
const char       *dossier_search_hit_get_id       (DossierSearchHit *self);
const char       *dossier_search_hit_get_title    (DossierSearchHit *self);
const char       *dossier_search_hit_get_subtitle (DossierSearchHit *self);

G_END_DECLS
