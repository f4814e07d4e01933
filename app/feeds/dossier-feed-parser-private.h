/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/parser.h>

#include "dossier-feed-parser.h"

G_BEGIN_DECLS

/* What the parsers of app/feeds/ share: text (dossier-feed-text.c), dates
 * (dossier-feed-date.c), encodings (dossier-feed-encoding.c), links, the
 * safe XML reader (dossier-feed-xml.c) and the assembly of entries
 * (dossier-feed-parser.c). */

/* --- text --- */

typedef enum {
  DOSSIER_FEED_TEXT_LINE,     /* a title: one line, DOSSIER_TEXT_MAX_LINE characters */
  DOSSIER_FEED_TEXT_CONTENT,  /* paragraphs, DOSSIER_TEXT_MAX_LONG characters */
} DossierFeedTextKind;

char     *dossier_feed_text_from_plain      (const char          *text,
                                             gssize               length,
                                             DossierFeedTextKind  kind);
char     *dossier_feed_text_from_html       (const char          *html,
                                             gssize               length,
                                             DossierFeedTextKind  kind);
gboolean  dossier_feed_text_looks_like_html (const char          *text,
                                             gssize               length);
char     *dossier_feed_text_id              (const char          *text,
                                             gssize               length,
                                             guint                max_chars);
gunichar  dossier_feed_html_entity          (const char          *name,
                                             gsize                length);

/* --- dates --- */

char     *dossier_feed_parse_date           (const char          *text);

/* --- encodings --- */

typedef enum {
  DOSSIER_FEED_SYNTAX_XML,
  DOSSIER_FEED_SYNTAX_HTML,
  DOSSIER_FEED_SYNTAX_JSON,
} DossierFeedSyntax;

char     *dossier_feed_charset_from_content_type (const char *content_type);
GBytes   *dossier_feed_decode               (GBytes              *data,
                                             const char          *content_type,
                                             DossierFeedSyntax    syntax,
                                             char               **encoding);

/* --- links --- */

char     *dossier_feed_resolve_link         (const char          *base,
                                             const char          *reference);
char     *dossier_feed_resolve_web          (const char          *base,
                                             const char          *reference);
char     *dossier_feed_resolve_base         (const char          *base,
                                             const char          *reference);

/* --- the safe XML reader --- */

typedef struct _DossierXmlReader DossierXmlReader;

/* Attributes as libxml2's SAX2 gives them: five pointers each (local
 * name, prefix, namespace, value, end of value). */
typedef struct {
  void (*start_element) (DossierXmlReader *reader,
                         const char       *name,
                         const char       *ns,
                         const xmlChar   **attributes,
                         int               n_attributes,
                         gpointer          user_data);
  void (*end_element)   (DossierXmlReader *reader,
                         const char       *name,
                         const char       *ns,
                         gpointer          user_data);
  void (*text)          (DossierXmlReader *reader,
                         const char       *text,
                         gsize             length,
                         gpointer          user_data);
} DossierXmlHandler;

typedef struct {
  gboolean saw_root;     /* a root element began */
  gboolean root_closed;  /* and ended */
  gboolean ended_early;  /* the document stopped in the middle of something */
  char    *root_name;    /* its local name */
  int      error_line;   /* the first error before the root ended, or 0 */
  char    *error_message;
} DossierXmlResult;

void        dossier_xml_init               (void);
gboolean    dossier_xml_parse              (const char              *utf8,
                                            gsize                    length,
                                            const char              *base_url,
                                            const DossierXmlHandler *handler,
                                            gpointer                 user_data,
                                            DossierXmlResult        *result,
                                            GError                 **error);
void        dossier_xml_result_clear       (DossierXmlResult        *result);
const char *dossier_xml_reader_get_base    (DossierXmlReader        *reader);
int         dossier_xml_reader_get_line    (DossierXmlReader        *reader);
void        dossier_xml_reader_stop        (DossierXmlReader        *reader,
                                            GError                  *error);
char       *dossier_xml_attribute          (DossierXmlReader        *reader,
                                            const xmlChar          **attributes,
                                            int                      n_attributes,
                                            const char              *ns,
                                            const char              *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DossierXmlResult, dossier_xml_result_clear)

#define DOSSIER_XML_NS_XML "http://www.w3.org/XML/1998/namespace"

/* --- entries and feeds --- */

DossierParsedFeed *dossier_parsed_feed_new        (DossierFeedFormat  format);
void               dossier_parsed_feed_add_entry  (DossierParsedFeed *feed,
                                                   GHashTable        *seen,
                                                   DossierFeedEntry  *entry);
void               dossier_feed_entry_set_identity (DossierFeedEntry *entry,
                                                    const char       *guid);

DossierParsedFeed *dossier_feed_parse_json (const char  *data,
                                            gsize        length,
                                            const char  *base_url,
                                            GError     **error);
DossierParsedFeed *dossier_feed_parse_xml  (const char  *data,
                                            gsize        length,
                                            const char  *base_url,
                                            GError     **error);

G_END_DECLS
