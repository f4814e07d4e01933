/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The closed vocabularies of the records. Each value is stored as its
 * `id`; `label` is what a person reads (translated on lookup). The store's
 * schema checks the same lists, and a test keeps the two in step. */
typedef struct {
  const char *id;
  const char *context;
  const char *label;
} DossierEnumValue;

typedef enum {
  DOSSIER_ENUM_CASE_ROLE,
  DOSSIER_ENUM_CASE_STATUS,
  DOSSIER_ENUM_EVENT_KIND,
  DOSSIER_ENUM_UA_STATUS,
  DOSSIER_ENUM_CHANNEL,
  DOSSIER_ENUM_ACTION_STATE,
  DOSSIER_ENUM_SIGNATURE,
  DOSSIER_ENUM_FEED_FORMAT,
  DOSSIER_ENUM_PROXY,
  DOSSIER_ENUM_UA_KIND,
  DOSSIER_N_ENUMS
} DossierEnum;

const DossierEnumValue *dossier_enum_values (DossierEnum  which,
                                             guint       *n_values);
gboolean                dossier_enum_has   (DossierEnum  which,
                                            const char  *id);
const char             *dossier_enum_label (DossierEnum  which,
                                            const char  *id);

G_END_DECLS
