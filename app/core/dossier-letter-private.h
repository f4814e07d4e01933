/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-letter.h"

G_BEGIN_DECLS

/* What dossier-letter.c and dossier-letter-language.c share: a letter
 * language as its file gives it. */

enum {
  CITE_ARTICLE,
  CITE_ARTICLE_PART,
  CITE_ARTICLE_PART_PARAGRAPH,
  CITE_CODE_ARTICLE,
  CITE_CODE_ARTICLE_PART,
  CITE_CODE_ARTICLE_PART_PARAGRAPH,
  N_CITES
};

typedef struct
{
  char       *code;
  char       *name;             /* in the language itself: "Қазақша" */
  gboolean    cyrillic;
  char       *months[12];
  char       *date_format;      /* {day} {month} {year} */
  char       *and;
  char       *salutation;       /* when the target has none in this language */
  char       *salutation_end;   /* "," or "!": how a salutation line ends */
  char       *group;            /* {group}: the group's name */
  char       *cite[N_CITES];    /* {article} {part} {paragraph} {code} */
  GHashTable *codes;            /* a code as campaigns name it → as citations here do */
  GHashTable *countries;        /* a country's code ("KZ") → as an address in this language names it */
  char       *template;
} Language;

const Language *dossier_letter_find_language (const char *code);

G_END_DECLS
