/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-record.h"

G_BEGIN_DECLS

/* Appeal letters: templates with {{merge fields}}, filled with the facts of
 * an urgent action, its cases and a target, in one of the languages a
 * template exists for. GLib only; the composer in app/gui/ shows them. */

#define DOSSIER_LETTER_ERROR (dossier_letter_error_quark ())

typedef enum {
  DOSSIER_LETTER_ERROR_UNKNOWN_FIELD,   /* {{name}} that is not a merge field */
  DOSSIER_LETTER_ERROR_SYNTAX,          /* "{{" without "}}" */
  DOSSIER_LETTER_ERROR_LANGUAGE,        /* no template for this language */
} DossierLetterError;

typedef struct
{
  const char *name;          /* as written between the braces */
  const char *description;   /* translatable (N_), for the composer's help */
} DossierMergeField;

/* Everything a letter is made of. The records are borrowed. */
typedef struct
{
  DossierRecord *ua;
  DossierRecord *target;        /* may be NULL */
  GPtrArray     *cases;         /* DossierCase, may be empty */
  GPtrArray     *charges;       /* DossierCharge of those cases, in order */
  const char    *language;      /* "en", "de", "ru", "kk" */
  const char    *date;          /* YYYY-MM-DD; today when NULL */
  const char    *signature;     /* "full-name", "initials", "pseudonym", "group" */
  const char    *volunteer_name;
  const char    *volunteer_group;
  const char    *pseudonym;
  const char    *asks_language; /* the asks to quote when the UA has none in
                                 * the letter's language; NULL: its own */
} DossierLetterFacts;

GQuark                   dossier_letter_error_quark    (void);

GStrv                    dossier_letter_languages      (void);
gboolean                 dossier_letter_has_language   (const char         *language);
const char              *dossier_letter_language_name  (const char         *language);
void                     dossier_letter_reload_languages (void);
const DossierMergeField *dossier_letter_fields         (guint              *n_fields);

char                    *dossier_letter_shipped_template (const char       *language);
char                    *dossier_letter_load_template  (const char         *templates_dir,
                                                        const char         *language,
                                                        gboolean           *customised,
                                                        GError            **error);
gboolean                 dossier_letter_save_template  (const char         *templates_dir,
                                                        const char         *language,
                                                        const char         *text,
                                                        GError            **error);
gboolean                 dossier_letter_reset_template (const char         *templates_dir,
                                                        const char         *language,
                                                        GError            **error);
gboolean                 dossier_letter_check_template (const char         *text,
                                                        GError            **error);

gboolean                 dossier_letter_merge          (const char         *template_text,
                                                        const DossierLetterFacts *facts,
                                                        char              **subject,
                                                        char              **body,
                                                        GError            **error);

gboolean                 dossier_letter_has_asks       (const DossierLetterFacts *facts);
char                    *dossier_letter_cite_charge    (DossierRecord      *charge,
                                                        const char         *language);
gboolean                 dossier_letter_asks_in_language (const DossierLetterFacts *facts,
                                                        char              **asks_language,
                                                        char              **translated_from);
GStrv                    dossier_letter_asks_languages (DossierRecord      *ua);
gboolean                 dossier_letter_salutation_is_generic (const DossierLetterFacts *facts);

char                    *dossier_letter_format_date    (const char         *date,
                                                        const char         *language);
char                    *dossier_letter_initials       (const char         *name);
char                    *dossier_letter_signature      (const DossierLetterFacts *facts);
char                    *dossier_letter_address_block  (DossierRecord      *target);
char                    *dossier_letter_address_block_in (DossierRecord    *target,
                                                        const char         *language);
char                    *dossier_letter_mailto         (const char         *to,
                                                        const char         *subject,
                                                        const char         *body);

G_END_DECLS
