/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

/* A record's texts in other languages than the one it is written in.
 *
 * A case, an urgent action, a target and a charge keep, in their
 * "translations" field, a JSON object: language code (BCP 47) → an object
 * of that record's texts in that language, named as in the campaign format
 * ("key_points", not "key-points"):
 *
 *   {"ru": {"name": "Альнур Ильяшев"},
 *    "de": {"key_points": ["…"], "translated_from": "en"}}
 *
 * "translated_from" says that the texts of that language were translated
 * (or, for a name, transliterated) by whoever wrote the record, not given
 * by its source: they are shown as translations. GLib and json-glib only. */

typedef struct
{
  const char *field;     /* the record's field, "key-points" */
  const char *member;    /* as the translations object names it, "key_points" */
  gboolean    list;      /* a list of texts, not one */
} DossierTranslatable;

#define DOSSIER_TRANSLATIONS_MAX_LANGUAGES 40

const DossierTranslatable *dossier_translatable_fields  (GType               record_type,
                                                          guint              *n_fields);
const DossierTranslatable *dossier_translatable_find    (GType               record_type,
                                                          const char         *member);

/* The language the record's own texts are written in: a UA's or a
 * target's "language", else English, as the campaign format reads them. */
const char  *dossier_record_text_language    (DossierRecord  *record);

/* Languages the record has texts in besides its own, sorted; never NULL. */
GStrv        dossier_translations_languages  (DossierRecord  *record);

/* The record's @field in @language: the translation when there is one,
 * else — when @strict is FALSE — the record's own text. @shown is set to
 * the language of what is returned ("" when that is the record's own, of
 * unknown language), @translated_from to the language a translation was
 * made from ("" when the text is as its source gave it). */
/* The name to show a person for a case or a target, in the window's
 * language: a case's name as a source spells it in that language (never a
 * transliteration by the campaign's author), a target's office name as
 * translated; else the record's own name. */
char        *dossier_record_display_name     (DossierRecord  *record);

char        *dossier_record_get_text_in      (DossierRecord  *record,
                                              const char     *field,
                                              const char     *language,
                                              gboolean        strict,
                                              char          **shown,
                                              char          **translated_from);
GStrv        dossier_record_get_strv_in      (DossierRecord  *record,
                                              const char     *field,
                                              const char     *language,
                                              gboolean        strict,
                                              char          **shown,
                                              char          **translated_from);
/* Whether @record has a translation of @field in @language (a list: one
 * that is not empty). */
gboolean     dossier_record_has_text_in      (DossierRecord  *record,
                                              const char     *field,
                                              const char     *language);

/* Edits: a new JSON object (or NULL when nothing is left) with @field of
 * @language set to @value (NULL or blank removes it). */
char        *dossier_translations_with_text  (const char     *json,
                                              const char     *language,
                                              const char     *member,
                                              const char     *value);
char        *dossier_translations_with_strv  (const char     *json,
                                              const char     *language,
                                              const char     *member,
                                              const char * const *value);
char        *dossier_translations_without    (const char     *json,
                                              const char     *language);

/* "pt-BR" → "pt", lower case; NULL or "" → "". */
char        *dossier_language_primary        (const char     *language);
gboolean     dossier_language_same           (const char     *a,
                                              const char     *b);
gboolean     dossier_language_code_is_valid  (const char     *code);
char        *dossier_language_name           (const char     *code);
char        *dossier_language_name_in_text   (const char     *code);
char        *dossier_language_choice_label   (const char     *code,
                                              const char     *autonym);
const char  *dossier_ui_language             (void);

G_END_DECLS
