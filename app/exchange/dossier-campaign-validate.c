/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dossier-campaign-private.h"

/* Validating what was read against the store: every id a record refers to
 * names a record of the file or of the store, no reference is taken by
 * another UA, and follow-ups can be written in an order. */

/* Whether a record of @kind with @id will exist once the file is written. */
static gboolean
resolve (Import      *self,
         Kind         kind,
         const char  *id,
         gboolean    *found,
         GError     **error)
{
  g_autoptr(DossierRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer known;

  if (g_hash_table_contains (self->ids[kind], id))
    {
      *found = TRUE;
      return TRUE;
    }
  if ((known = g_hash_table_lookup (self->in_store[kind], id)) != NULL)
    {
      *found = GPOINTER_TO_INT (known) == 1;
      return TRUE;
    }

  record = dossier_store_fetch (self->store, dossier_campaign_kind_fields[kind].type, id, &local_error);
  if (record == NULL && !g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *found = record != NULL;
  g_hash_table_insert (self->in_store[kind], g_strdup (id), GINT_TO_POINTER (*found ? 1 : 2));
  return TRUE;
}

/* A field of an entry's record, or an element of that field, as an error
 * names it: the places from the item down. */
typedef struct {
  Subject subject;
  Place   item;
  Place   record;
  Place   field;
  Place   element;
} EntryPlace;

static void
entry_place_clear (EntryPlace *p)
{
  dossier_campaign_place_clear (&p->item);
  dossier_campaign_place_clear (&p->record);
  dossier_campaign_place_clear (&p->field);
  dossier_campaign_place_clear (&p->element);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryPlace, entry_place_clear)

/* The field @member of @entry, or its element @element unless that is -1. */
static Place *
entry_place (EntryPlace  *p,
             const Entry *entry,
             const char  *member,
             int          element)
{
  dossier_campaign_entry_subject (entry, &p->subject);
  p->item = (Place) { .subject = &p->subject };
  p->record = (Place) { .parent = &p->item, .member = "_dossier", .type = G_TYPE_NONE };
  p->field = (Place) { .parent = &p->record, .member = member, .type = p->subject.type };
  p->element = (Place) { .parent = &p->field, .element = MAX (element, 0) };
  return element < 0 ? &p->field : &p->element;
}

/* @id, in the field @at of an item, names no record of the file nor of
 * the store. */
static gboolean
dangling (Place       *at,
          Kind         kind,
          const char  *id,
          GError     **error)
{
  g_autofree char *shown = dossier_campaign_shown (id);

  switch (kind)
    {
    case KIND_CASE:
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_REFERENCE, at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 40, the case event “Arrested””; the second names a field, such as
                       * “the case it belongs to”; the third is the id of a case; the last is
                       * where it is in the file, a path such as items[39]._dossier.case_id */
                      _("%s: %s must name a case of the file or of the store; there is no case “%s” (%s)."),
                      shown);
    case KIND_TARGET:
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_REFERENCE, at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 138, the urgent action “UA 065/20””; the second names a field, such
                       * as “the targets to write to”; the third is the id of a target; the
                       * last is where it is in the file, a path such as
                       * items[137]._dossier.target_ids[3] */
                      _("%s: %s must name a target of the file or of the store; there is no target “%s” (%s)."),
                      shown);
    case KIND_UA:
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_REFERENCE, at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 138, the urgent action “UA 065/20””; the second names a field, such
                       * as “the action it follows up”; the third is the id of an urgent
                       * action; the last is where it is in the file, a path such as
                       * items[137]._dossier.follows_id */
                      _("%s: %s must name an urgent action of the file or of the store; there is no urgent action “%s” (%s)."),
                      shown);
    case KIND_EVENT:
    default:
      g_assert_not_reached ();
    }
}

/* Every id an item refers to names a record of the file or of the store. */
static gboolean
check_references (Import      *self,
                  Entry       *entry,
                  GError     **error)
{
  const KindFields *info = &dossier_campaign_kind_fields[entry->kind];

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      const Rule *rule = info->rules[i];
      const char *single[2] = { NULL, NULL };
      const char * const *ids;

      if (rule == NULL || !(rule->flags & RULE_REF))
        continue;
      if (field->type == DOSSIER_FIELD_STRING)
        {
          single[0] = dossier_field_get_string (field, entry->record);
          ids = single[0] ? single : NULL;
        }
      else
        ids = dossier_field_get_strv (field, entry->record);

      for (guint n = 0; ids && ids[n]; n++)
        {
          gboolean found = FALSE;

          if (!resolve (self, rule->ref_kind, ids[n], &found, error))
            return FALSE;
          if (!found)
            {
              g_auto(EntryPlace) at = { 0 };

              return dangling (entry_place (&at, entry, info->members[i],
                                            field->type == DOSSIER_FIELD_STRING ? -1 : (int) n),
                               rule->ref_kind, ids[n], error);
            }
        }
    }
  return TRUE;
}

/* Another UA of the store must not have the reference of one in the file,
 * in any case or spacing, unless the file gives that UA another one. */
static gboolean
check_reference_free (Import      *self,
                      Entry       *entry,
                      GError     **error)
{
  const char *reference = dossier_record_get_string (entry->record, "reference");
  g_autoptr(DossierRecord) found = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *owner;

  found = dossier_store_find_urgent_action (self->store, reference, &local_error);
  if (found == NULL)
    {
      if (g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  owner = dossier_record_get_id (found);
  /* the same UA, or one the file gives another reference */
  if (g_str_equal (owner, dossier_record_get_id (entry->record)) ||
      g_hash_table_contains (self->ids[KIND_UA], owner))
    return TRUE;
  {
    g_auto(EntryPlace) at = { 0 };
    g_autofree char *shown = dossier_campaign_shown (reference);

    return fail_at (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE, entry_place (&at, entry, "reference", -1),
                    /* Translators: the first %s says which item and record, such as “Item
                     * 138, the urgent action “UA 065/20””; the second names a field, “the
                     * reference”; the third is its value, such as “UA 065/20”; the last is
                     * where it is in the file, a path such as items[137]._dossier.reference */
                    _("%s: %s is “%s”, which another urgent action in the store already has (%s)."),
                    shown);
  }
}

/* Orders the file's UAs so that one is written after the UA it follows up
 * on (the store checks that reference as each is written), and refuses a
 * loop of follow-ups, which no order could write. */
static gboolean
order_urgent_actions (Import      *self,
                      GError     **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = self->entries->pdata[i];
      Entry *next = entry;

      if (entry->kind != KIND_UA || entry->state == STATE_DONE)
        continue;

      g_ptr_array_set_size (chain, 0);
      while (next != NULL && next->state == STATE_NEW)
        {
          const char *follows = dossier_record_get_string (next->record, "follows-id");

          next->state = STATE_ON_PATH;
          g_ptr_array_add (chain, next);
          next = follows ? g_hash_table_lookup (self->ids[KIND_UA], follows) : NULL;
        }
      if (next != NULL && next->state == STATE_ON_PATH)
        {
          g_auto(EntryPlace) at = { 0 };

          return fail_at (error, DOSSIER_EXCHANGE_ERROR_REFERENCE, entry_place (&at, next, "follows_id", -1),
                          /* Translators: the first %s says which item and record, such as
                           * “Item 138, the urgent action “UA 065/20””; the second names a
                           * field, “the action it follows up”; the last is where it is in the
                           * file, a path such as items[137]._dossier.follows_id */
                          _("%s: %s makes a loop: these urgent actions follow up on each other (%s)."));
        }
      for (guint n = chain->len; n > 0; n--)
        {
          Entry *step = chain->pdata[n - 1];

          step->state = STATE_DONE;
          g_ptr_array_add (self->ua_order, step);
        }
    }
  return TRUE;
}

gboolean
dossier_campaign_validate (Import      *self,
                           GError     **error)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = self->entries->pdata[i];

      if (!check_references (self, entry, error))
        return FALSE;
      if (entry->kind == KIND_UA && !check_reference_free (self, entry, error))
        return FALSE;
    }
  return order_urgent_actions (self, error);
}
