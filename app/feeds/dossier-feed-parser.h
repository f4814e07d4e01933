/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading what a feed's address returned: JSON Feed 1.0 and 1.1, RSS 0.90
 * to 2.0 (RSS 1.0 and 0.90 being RDF) and Atom 0.3 and 1.0, in any of the
 * encodings Dossier's readers meet, into entries of plain text with links
 * that are safe to open and dates in UTC. Nothing here touches the
 * network, the file system or the store; errors are in DOSSIER_FEED_ERROR.
 *
 * The format is told from the content, never from the Content-Type, which
 * servers get wrong. */

/* The most bytes a feed document (or a page, or a subscription list) may
 * have; the parsers refuse more with DOSSIER_FEED_ERROR_TOO_LARGE. */
#define DOSSIER_FEED_MAX_BYTES (16 * 1000 * 1000)
/* The most entries one feed may have. */
#define DOSSIER_FEED_MAX_ENTRIES 100000

typedef enum {
  DOSSIER_FEED_FORMAT_JSON,
  DOSSIER_FEED_FORMAT_RSS,   /* RSS 0.9x and 2.0, and RSS 1.0 (RDF) */
  DOSSIER_FEED_FORMAT_ATOM,  /* Atom 0.3 and 1.0 */
} DossierFeedFormat;

typedef struct {
  /* The entry's identity: its guid or id; without one its link; without
   * that "sha256:" and a hash of its title and date. Never NULL. */
  char *guid;
  /* One line of plain text, at most DOSSIER_TEXT_MAX_LINE characters;
   * may be "". */
  char *title;
  /* An absolute http(s) or mailto: address, as dossier_link_uri() gives
   * it, or NULL. */
  char *link;
  /* When it was published and last changed, in UTC, written as
   * dossier_now_timestamp() writes ("2024-03-01T09:30:00.000000Z"), or
   * NULL when the feed gives no date Dossier can read. */
  char *published;
  char *updated;
  /* Plain text: paragraphs separated by "\n\n", list items by "\n"; at
   * most DOSSIER_TEXT_MAX_LONG characters; may be "". */
  char *content;
  /* A JSON Feed item with a `_dossier` object: its "type" ("case",
   * "case_event", "urgent_action", "target"…) and "id", else NULL. */
  char *dossier_type;
  char *dossier_id;
} DossierFeedEntry;

typedef struct {
  DossierFeedFormat  format;
  char              *title;       /* one line of plain text; may be "" */
  char              *home_page;   /* an absolute web address, or NULL */
  char              *feed_url;    /* the address the feed gives for itself, or NULL */
  gboolean           has_records; /* a JSON Feed with `_dossier` items: a campaign */
  /* A campaign's `_dossier.signing_key` and `_dossier.next_signing_key`:
   * the minisign public key its file says it is signed with, and the one
   * it announces for the next updates ("RW…"), or NULL when absent or
   * not keys. What they are worth depends on the signature: see
   * docs/campaign-format.md, "Signatures". */
  char              *signing_key;
  char              *next_signing_key;
  GPtrArray         *entries;     /* of DossierFeedEntry, in document order */
} DossierParsedFeed;

/* A feed an HTML page links to (<link rel="alternate" type=…>). */
typedef struct {
  char              *url;    /* absolute web address */
  char              *title;  /* one line, or NULL */
  DossierFeedFormat  format; /* what the page says it is */
} DossierDiscoveredFeed;

const char        *dossier_feed_format_id         (DossierFeedFormat  format);
gboolean           dossier_feed_format_from_id    (const char        *id,
                                                   DossierFeedFormat *format);

DossierParsedFeed *dossier_feed_parse             (GBytes            *data,
                                                   const char        *content_type,
                                                   const char        *base_url,
                                                   GError           **error);
void               dossier_parsed_feed_free       (DossierParsedFeed *feed);
char              *dossier_parsed_feed_to_json    (DossierParsedFeed *feed);

void               dossier_feed_entry_free        (DossierFeedEntry  *entry);
DossierFeedEntry  *dossier_feed_entry_from_json_item (JsonObject     *item,
                                                      const char     *base_url);
char              *dossier_feed_entry_text_line   (const char        *text);

GPtrArray         *dossier_feed_discover          (GBytes            *html,
                                                   const char        *content_type,
                                                   const char        *base_url);
void               dossier_discovered_feed_free   (DossierDiscoveredFeed *feed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierParsedFeed, dossier_parsed_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierFeedEntry, dossier_feed_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierDiscoveredFeed, dossier_discovered_feed_free)

G_END_DECLS
