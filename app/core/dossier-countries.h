/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The countries of ISO 3166-1, as the iso-codes package lists and names
 * them. A case's or a target's country is stored as its two-letter code
 * ("KZ"); a value from before codes that no country's name matched is
 * kept as it was typed, and every function here shows it as it is. */

gboolean     dossier_country_is_code            (const char *value);
const char  *dossier_country_english_name       (const char *code);
char        *dossier_country_name               (const char *value);
char        *dossier_country_name_in            (const char *value,
                                                 const char *language);
const char  *dossier_country_code_from_text     (const char *text);
GPtrArray   *dossier_country_codes_by_name      (void);
char        *dossier_country_search_text        (const char *value);

G_END_DECLS
