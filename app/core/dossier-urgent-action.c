/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include "dossier-urgent-action.h"

/* An urgent action: an appeal with targets and a deadline. Every field is a property; see DESIGN.md "Records". */

struct _DossierUrgentAction
{
  DossierRecord parent_instance;

  char *reference;
  char *ua_index;
  char *title;
  char **case_ids;
  char *issued;
  char *deadline;
  char *status;
  char *follows_id;
  char **key_points;
  char *language;
  char **languages;
  char *documents;
  char **posts;
  char **hashtags;
  gint64 goal;
  char **target_ids;
  char *notes;
  char *origin;
  char *kind;
  char *summary;
  char **sources;
  char *translations;
};

G_DEFINE_FINAL_TYPE (DossierUrgentAction, dossier_urgent_action, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "reference", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, reference) },
  { "ua-index", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, ua_index) },
  { "title", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, title) },
  { "case-ids", DOSSIER_FIELD_LINKS, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, case_ids), "ua_cases", "ua_id", "case_id" },
  { "issued", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierUrgentAction, issued) },
  { "deadline", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierUrgentAction, deadline) },
  { "status", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, status) },
  { "follows-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierUrgentAction, follows_id) },
  { "key-points", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierUrgentAction, key_points) },
  /* what title, summary and key points are written in; '' is English */
  { "language", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, language) },
  { "languages", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, languages) },
  { "documents", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_JSON, G_STRUCT_OFFSET (DossierUrgentAction, documents) },
  { "posts", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierUrgentAction, posts) },
  { "hashtags", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, hashtags) },
  { "goal", DOSSIER_FIELD_INT, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, goal) },
  { "target-ids", DOSSIER_FIELD_LINKS, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, target_ids), "ua_targets", "ua_id", "target_id" },
  { "notes", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierUrgentAction, notes) },
  { "origin", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierUrgentAction, origin) },
  /* "urgent-action", or "appeal": a report's call to write, with no UA number */
  { "kind", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierUrgentAction, kind) },
  { "summary", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierUrgentAction, summary) },
  { "sources", DOSSIER_FIELD_STRV, DOSSIER_FIELD_FLAG_URL, G_STRUCT_OFFSET (DossierUrgentAction, sources) },
  { "translations", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_JSON, G_STRUCT_OFFSET (DossierUrgentAction, translations) },
};

static void
dossier_urgent_action_class_init (DossierUrgentActionClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

static void
dossier_urgent_action_init (DossierUrgentAction *self)
{
  self->status = g_strdup ("open");
  self->kind = g_strdup ("urgent-action");
}

DossierUrgentAction *
dossier_urgent_action_new (void)
{
  return g_object_new (DOSSIER_TYPE_URGENT_ACTION, NULL);
}

/**
 * dossier_reference_normalize:
 *
 * Returns: (transfer full): @reference as it is kept: without white space
 *   around it, and with one space wherever it had a run of white space
 *   ("UA  065/20 " is "UA 065/20").
 */
char *
dossier_reference_normalize (const char *reference)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  g_return_val_if_fail (reference != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = reference; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * dossier_reference_key:
 *
 * Returns: (transfer full): what makes two references the same: the
 *   normalized reference in compatibility form (NFKC, so a full-width
 *   "／" is a "/") and without case. Two urgent actions never share a key,
 *   so "ua 065/20" cannot stand beside, or be taken for, "UA 065/20".
 */
char *
dossier_reference_key (const char *reference)
{
  g_autofree char *normalized = NULL;
  g_autofree char *compatible = NULL;

  g_return_val_if_fail (reference != NULL, NULL);

  normalized = dossier_reference_normalize (reference);
  compatible = g_utf8_normalize (normalized, -1, G_NORMALIZE_NFKC);
  if (compatible == NULL)
    return g_utf8_casefold (normalized, -1);
  /* NFKC may turn some characters into spaces again */
  {
    g_autofree char *folded = g_utf8_casefold (compatible, -1);

    return dossier_reference_normalize (folded);
  }
}
