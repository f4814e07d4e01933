/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Subscription lists in OPML 2.0 (http://opml.org/spec2.opml), the
 * format every feed reader imports and exports. */

typedef struct {
  char *xml_url;   /* the feed's address: an absolute web address */
  char *title;     /* one line; may be NULL when writing, never when read */
  char *html_url;  /* the site's address, or NULL */
} DossierOpmlOutline;

DossierOpmlOutline *dossier_opml_outline_new  (const char          *xml_url,
                                               const char          *title,
                                               const char          *html_url);
void                dossier_opml_outline_free (DossierOpmlOutline  *outline);

GPtrArray          *dossier_opml_parse        (GBytes              *data,
                                               GError             **error);
char               *dossier_opml_write        (const char          *title,
                                               GPtrArray           *outlines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierOpmlOutline, dossier_opml_outline_free)

G_END_DECLS
