/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dossier-campaign.h"
#include "dossier-enums.h"
#include "dossier-record.h"
#include "dossier-feed-parser.h"

G_BEGIN_DECLS

/* What the files of the campaign format share:
 *
 *   dossier-campaign.c           the rules of each kind, and the import's steps
 *   dossier-campaign-read.c      reading: the file, checked, item by item, into records
 *   dossier-campaign-validate.c  validating: references, and the order of follow-ups
 *   dossier-campaign-write.c     writing: the records into the store, in one transaction
 *   dossier-campaign-export.c    the store as a campaign file
 */

#define JSON_FEED_1_0 "https://jsonfeed.org/version/1"
#define JSON_FEED_1_1 "https://jsonfeed.org/version/1.1"
#define READ_CHUNK (256 * 1024)
/* The times a file may give, in UTC: 1900-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, in seconds since 1970 */
#define TIME_MIN G_GINT64_CONSTANT (-2208988800)
#define TIME_MAX G_GINT64_CONSTANT (253402300799)
/* an id in a file: at most this many characters */
#define MAX_ID_LENGTH 200

typedef enum {
  KIND_CASE,
  KIND_EVENT,
  KIND_TARGET,
  KIND_UA,
  N_KINDS
} Kind;

typedef enum {
  RULE_REQUIRED  = 1 << 0, /* must be present, not null and not empty */
  RULE_ENUM      = 1 << 1, /* one of the values of Rule.vocabulary */
  RULE_REF       = 1 << 2, /* the id (or ids) of a record of Rule.ref_kind */
  RULE_URL       = 1 << 3, /* http:// or https:// addresses */
  RULE_EMAIL     = 1 << 4,
  RULE_LANGUAGE  = 1 << 5, /* language codes: "en", "kk", "pt-BR" */
  RULE_LOCAL     = 1 << 6, /* the user's own: never in a file, kept on update */
  RULE_SOURCE    = 1 << 7, /* a web address, or a document cited in words */
  RULE_COUNTRY   = 1 << 8, /* an ISO 3166-1 code, or a name it is found by */
} RuleFlags;

typedef struct {
  const char  *field;
  RuleFlags    flags;
  DossierEnum  vocabulary;
  Kind         ref_kind;
} Rule;

/* The kinds' field tables with their rules and JSON member names, looked
 * up once rather than for every record. */
typedef struct {
  GType               type;
  DossierRecordClass *klass;
  const Rule        **rules;   /* per field: its rule, or NULL */
  char              **members; /* per field: "other_names" for "other-names" */
} KindFields;

typedef enum {
  STATE_NEW,
  STATE_ON_PATH,
  STATE_DONE,
} WalkState;

/* One item of the file that describes a record. */
typedef struct {
  guint          index;     /* position in "items", counted from 1 */
  Kind           kind;
  DossierRecord *record;
  GPtrArray     *charges;   /* KIND_CASE: DossierCharge, in order */
  char          *created_at;
  char          *updated_at;
  WalkState      state;     /* KIND_UA: ordering by follows_id */
} Entry;

typedef struct {
  DossierStore       *store;
  GPtrArray          *entries;           /* Entry, in file order */
  GHashTable         *ids[N_KINDS];      /* record id → Entry */
  GHashTable         *in_store[N_KINDS]; /* record id → 1 in the store, 2 not */
  GHashTable         *item_ids;          /* item "id" → its index */
  GHashTable         *references;        /* UA reference key → Entry */
  GPtrArray          *ua_order;          /* Entry of KIND_UA, followed ones first */
  gboolean            empty[N_KINDS];    /* the store had no record of the kind */
  char               *origin;
  char               *title;             /* the campaign's, one line, or NULL */
  GPtrArray          *news;              /* DossierFeedEntry: the items without `_dossier` */
  const char         *feed_id;           /* the feed they go to; NULL: the file's */
  GStrv               followed;          /* new news linked to followed cases */
  DossierImportStats  stats;
  GCancellable       *cancellable;
  DossierImportProgressFunc progress;
  gpointer            progress_data;
  guint               n_items;           /* in the file */
  guint               n_written;         /* entries written so far */
} Import;

/* Which item of the file, and which record, a problem is in: an error
 * says "Item 2, the case “Alnur Ilyashev”". */
typedef struct {
  guint          index;   /* in "items", counted from 1 */
  GType          type;    /* the record's; DOSSIER_TYPE_FEED_ITEM: news; 0: not known */
  JsonObject    *object;  /* while the item is read: what its name is read from */
  DossierRecord *record;  /* once it is read: the record, named by its fields */
  guint          charge;  /* a charge of the case, counted from 1, or 0 */
} Subject;

/* How a place's field is put in words (dossier_campaign_place_words()). */
typedef enum {
  WORDS_FIELD,           /* @member of @type, from the tables; without @type its parent's words */
  WORDS_IN_LANGUAGE,     /* @member of @type in the language its parent is named by */
  WORDS_TRANSLATIONS,    /* the texts in the language @member */
  WORDS_TRANSLATED_FROM, /* the language its parent's texts were translated from */
  WORDS_DOCUMENT,        /* the document in the language @member */
} Words;

/* Where a problem is, as an error says it: which item and record, the
 * field in words ("the name") and, for the file's author, its JSON path
 * ("items[1]._dossier.name"). A place is a member or an element of
 * another; its words and path are made only when an error needs them, so
 * that reading a good file costs nothing more. Clear with g_auto(Place). */
typedef struct _Place Place;
struct _Place {
  const Place   *parent;   /* what it is in; NULL: an item of the file */
  const Subject *subject;  /* its item and record; NULL: its parent's */
  const char    *member;   /* its name in its parent; NULL: an element of a list */
  guint          element;  /* its position in its parent list, counted from 0 */
  GType          type;     /* whose field @member is: a record type, G_TYPE_NONE for the
                            * item's own members, DOSSIER_TYPE_RECORD for `_dossier`'s */
  Words          words;
  /* made when needed */
  char          *item_text;
  char          *words_text;
  char          *path_text;
};

void        dossier_campaign_place_clear  (Place *place);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Place, dossier_campaign_place_clear)
const char *dossier_campaign_place_item   (Place *place);
const char *dossier_campaign_place_words  (Place *place);
const char *dossier_campaign_place_path   (Place *place);

/* Fails with a message about @place. @format, a full sentence, takes the
 * item and record (%s) and the field in words (%s) first, then the
 * problem's own values, and last the JSON path (%s):
 * "%s: %s must be text (%s)." → "Item 2, the case “Alnur Ilyashev”: the
 * name must be text (items[1]._dossier.name)." */
#define fail_at(error, code, place, format, ...) \
  ({ \
    /* @place once: it may be a call that fills a place anew */ \
    Place *fail_at_place_ = (place); \
    dossier_campaign_fail ((error), (code), (format), dossier_campaign_place_item (fail_at_place_), \
                           dossier_campaign_place_words (fail_at_place_), ##__VA_ARGS__, \
                           dossier_campaign_place_path (fail_at_place_)); \
  })

/* What a `_dossier.type` names, and the rules of its fields. */
typedef struct {
  const char  *type;
  GType      (*get_type) (void);
  const Rule  *rules;
  guint        n_rules;
} KindSpec;

extern const KindSpec    dossier_campaign_kind_specs[N_KINDS];
extern KindFields        dossier_campaign_kind_fields[N_KINDS];
/* Charges travel inside their case as {code, article, part, description}. */
extern const char * const dossier_campaign_charge_members[4];

void        dossier_campaign_ensure_kind_fields (void);
G_GNUC_PRINTF (3, 4)
gboolean    dossier_campaign_fail               (GError     **error,
                                                 int          code,
                                                 const char  *format,
                                                 ...);
const char *dossier_campaign_field_words        (GType        type,
                                                 const char  *member);
char       *dossier_campaign_shown              (const char  *text);
void        dossier_campaign_entry_subject      (const Entry *entry,
                                                 Subject     *subject);
const char *dossier_campaign_node_text          (JsonNode    *node);
void        dossier_campaign_report_progress    (Import      *self,
                                                 double       fraction);

gboolean    dossier_campaign_read_document      (Import      *self,
                                                 const char  *data,
                                                 gsize        length,
                                                 GError     **error);
gboolean    dossier_campaign_validate           (Import      *self,
                                                 GError     **error);
gboolean    dossier_campaign_write_all          (Import      *self,
                                                 GError     **error);

G_END_DECLS
