/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-deletion.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* Deleting with Undo. What a deletion takes along follows the schema's
 * foreign keys (dossier-schema.c): ON DELETE CASCADE rows go with the
 * record and come back by being created again; ON DELETE SET NULL rows and
 * link-table rows only lose their link and come back by being written
 * again as they were. The table below is that schema, read from the
 * deleted record's side; it lives beside the store so the two change
 * together. */

typedef struct
{
  GType         (*owner) (void);
  GType         (*kind) (void);
  const char     *field;
  DossierQueryOp  op;
  gboolean        cascades;  /* deleted with the record (else: unlinked) */
} Related;

static const Related related[] = {
  { dossier_case_get_type, dossier_charge_get_type, "case-id", DOSSIER_QUERY_EQ, TRUE },
  { dossier_case_get_type, dossier_case_event_get_type, "case-id", DOSSIER_QUERY_EQ, TRUE },
  { dossier_case_get_type, dossier_urgent_action_get_type, "case-ids", DOSSIER_QUERY_LINKS_TO, FALSE },
  { dossier_case_get_type, dossier_feed_item_get_type, "case-id", DOSSIER_QUERY_EQ, FALSE },
  { dossier_target_get_type, dossier_urgent_action_get_type, "target-ids", DOSSIER_QUERY_LINKS_TO, FALSE },
  { dossier_target_get_type, dossier_action_get_type, "target-id", DOSSIER_QUERY_EQ, FALSE },
  { dossier_urgent_action_get_type, dossier_action_get_type, "ua-id", DOSSIER_QUERY_EQ, FALSE },
  { dossier_urgent_action_get_type, dossier_feed_item_get_type, "ua-id", DOSSIER_QUERY_EQ, FALSE },
  { dossier_urgent_action_get_type, dossier_urgent_action_get_type, "follows-id", DOSSIER_QUERY_EQ, FALSE },
  { dossier_feed_get_type, dossier_feed_item_get_type, "feed-id", DOSSIER_QUERY_EQ, TRUE },
};

struct _DossierDeletion
{
  GPtrArray *recreate;  /* the record first, then what cascaded */
  GPtrArray *rewrite;   /* what only lost its link */
};

void
dossier_deletion_free (DossierDeletion *deletion)
{
  if (deletion == NULL)
    return;
  g_ptr_array_unref (deletion->recreate);
  g_ptr_array_unref (deletion->rewrite);
  g_free (deletion);
}

DossierRecord *
dossier_deletion_get_record (DossierDeletion *deletion)
{
  g_return_val_if_fail (deletion != NULL, NULL);

  return deletion->recreate->pdata[0];
}

/**
 * dossier_store_delete_with_undo:
 *
 * Deletes a record like dossier_store_delete(), having first read what the
 * deletion takes along, in the same transaction.
 *
 * Returns: (transfer full) (nullable): what dossier_store_undo_deletion()
 *   needs to put it all back, or %NULL with @error set
 */
DossierDeletion *
dossier_store_delete_with_undo (DossierStore  *store,
                                GType          kind,
                                const char    *id,
                                GError       **error)
{
  g_autoptr(DossierDeletion) deletion = g_new0 (DossierDeletion, 1);
  g_autoptr(DossierRecord) record = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  deletion->recreate = g_ptr_array_new_with_free_func (g_object_unref);
  deletion->rewrite = g_ptr_array_new_with_free_func (g_object_unref);

  if (!dossier_store_begin (store, error))
    return NULL;
  if (!(record = dossier_store_fetch (store, kind, id, error)))
    goto fail;
  g_ptr_array_add (deletion->recreate, g_object_ref (record));

  for (guint i = 0; i < G_N_ELEMENTS (related); i++)
    {
      g_autoptr(DossierQuery) query = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (related[i].owner () != kind)
        continue;
      query = dossier_query_new (related[i].kind ());
      dossier_query_filter_text (query, related[i].field, related[i].op, id);
      if (!(found = dossier_store_query (store, query, 0, G_MAXUINT, error)))
        goto fail;
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (related[i].cascades ? deletion->recreate : deletion->rewrite,
                         g_object_ref (found->pdata[j]));
    }

  if (!dossier_store_delete (store, kind, id, error))
    goto fail;
  /* a failed commit has rolled back already */
  if (!dossier_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&deletion);

fail:
  dossier_store_rollback (store);
  return NULL;
}

/**
 * dossier_store_undo_deletion:
 *
 * Puts back what @deletion took, with its ids and times, in one
 * transaction: all of it, or nothing.
 */
gboolean
dossier_store_undo_deletion (DossierStore     *store,
                             DossierDeletion  *deletion,
                             GError          **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (deletion != NULL, FALSE);

  if (!dossier_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < deletion->recreate->len; i++)
    if (!dossier_store_create (store, deletion->recreate->pdata[i], error))
      goto fail;
  for (guint i = 0; i < deletion->rewrite->len; i++)
    if (!dossier_store_update (store, deletion->rewrite->pdata[i], error))
      goto fail;
  return dossier_store_commit (store, error);

fail:
  dossier_store_rollback (store);
  return FALSE;
}
