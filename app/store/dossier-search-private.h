/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dossier-record.h"

G_BEGIN_DECLS

/* The longest prefix the search index keeps (prefix= in dossier-schema.c);
 * a longer prefix is cut to it. */
#define DOSSIER_SEARCH_PREFIX_MAX 8

/* What the search index holds for one record; see dossier-search.c. */
typedef struct
{
  char *title;      /* shown for a hit */
  char *subtitle;   /* shown under it */
  char *names;      /* what the record is called: weighs most */
  char *body;       /* everything else worth finding it by */
  char *names_key;  /* dossier_translit_key() of names, once set */
  char *body_key;   /* and of body */
} DossierSearchDoc;

gboolean dossier_search_doc_build     (DossierSearchDoc *doc,
                                       DossierRecord    *record);
void     dossier_search_doc_set_keys  (DossierSearchDoc *doc);
void     dossier_search_doc_clear     (DossierSearchDoc *doc);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DossierSearchDoc, dossier_search_doc_clear)

char    *dossier_search_match         (const char       *text);

int      dossier_search_register_rank (sqlite3          *db);

G_END_DECLS
