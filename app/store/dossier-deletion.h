/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-store.h"

G_BEGIN_DECLS

/* A deleted record with everything its deletion took along, so that Undo
 * can put all of it back. */
typedef struct _DossierDeletion DossierDeletion;

DossierDeletion *dossier_store_delete_with_undo (DossierStore     *store,
                                                 GType             kind,
                                                 const char       *id,
                                                 GError          **error);
gboolean         dossier_store_undo_deletion    (DossierStore     *store,
                                                 DossierDeletion  *deletion,
                                                 GError          **error);
DossierRecord   *dossier_deletion_get_record    (DossierDeletion  *deletion);
void             dossier_deletion_free          (DossierDeletion  *deletion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierDeletion, dossier_deletion_free)

G_END_DECLS
