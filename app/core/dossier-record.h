/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The kinds of value a record field holds. A field's property name is also
 * its column name in the store, with '-' written as '_'. */
typedef enum {
  DOSSIER_FIELD_STRING,
  DOSSIER_FIELD_INT,
  DOSSIER_FIELD_BOOLEAN,
  DOSSIER_FIELD_DOUBLE,
  DOSSIER_FIELD_STRV,   /* a list of strings, kept as a JSON array */
  DOSSIER_FIELD_LINKS,  /* ids of other records, kept in a link table */
} DossierFieldType;

typedef enum {
  DOSSIER_FIELD_FLAG_NONE     = 0,
  DOSSIER_FIELD_FLAG_DATE     = 1 << 0, /* "YYYY-MM-DD"; empty means unset */
  DOSSIER_FIELD_FLAG_REF      = 1 << 1, /* id of another record; empty means none */
  DOSSIER_FIELD_FLAG_TIME     = 1 << 2, /* ISO 8601 timestamp; empty means unset */
  DOSSIER_FIELD_FLAG_JSON     = 1 << 3, /* a JSON document as text */
  /* How much text a field holds (see dossier_field_max_length()): one line
   * unless said otherwise. */
  DOSSIER_FIELD_FLAG_MULTILINE = 1 << 4, /* paragraphs: newlines and tabs allowed */
  DOSSIER_FIELD_FLAG_LONG     = 1 << 5, /* a letter or an article; implies MULTILINE */
  DOSSIER_FIELD_FLAG_URL      = 1 << 6, /* web addresses */
  /* "YYYY", "YYYY-MM" or "YYYY-MM-DD", as far as it is known; empty means unknown */
  DOSSIER_FIELD_FLAG_PARTIAL_DATE = 1 << 7,
} DossierFieldFlags;

/* The most a text field holds, in characters: what the forms, the import
 * and the store all enforce (docs/campaign-format.md, "Limits"). */
#define DOSSIER_TEXT_MAX_ID        256
#define DOSSIER_TEXT_MAX_LINE      500
#define DOSSIER_TEXT_MAX_URL       2000
#define DOSSIER_TEXT_MAX_PARAGRAPHS 20000
#define DOSSIER_TEXT_MAX_LONG      1000000
/* entries of a list field (tags, sources, a UA's cases…) */
#define DOSSIER_LIST_MAX_ENTRIES   200

#define DOSSIER_RECORD_ERROR (dossier_record_error_quark ())

typedef enum {
  DOSSIER_RECORD_ERROR_NOT_UTF8,  /* bytes that are not UTF-8 */
  DOSSIER_RECORD_ERROR_CONTROL,   /* NUL, or a control character the field does not allow */
  DOSSIER_RECORD_ERROR_TOO_LONG,  /* more characters than the field holds */
  DOSSIER_RECORD_ERROR_TOO_MANY,  /* more entries than a list holds */
} DossierRecordError;

typedef struct {
  const char       *name;
  DossierFieldType  type;
  DossierFieldFlags flags;
  gsize             offset;
  /* LINKS: the table holding the links and its two columns. */
  const char       *link_table;
  const char       *link_owner;
  const char       *link_other;
} DossierField;

#define DOSSIER_TYPE_RECORD (dossier_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (DossierRecord, dossier_record, DOSSIER, RECORD, GObject)

struct _DossierRecordClass
{
  GObjectClass parent_class;

  /* Filled by dossier_record_class_install_fields() */
  const DossierField *fields;
  guint               n_fields;
};

void                dossier_record_class_install_fields (DossierRecordClass *klass,
                                                         const DossierField *fields,
                                                         guint               n_fields);
const DossierField *dossier_record_class_find_field     (DossierRecordClass *klass,
                                                         const char         *name);

const char *dossier_record_get_id         (DossierRecord *self);
void        dossier_record_set_id         (DossierRecord *self,
                                           const char    *id);
const char *dossier_record_get_created_at (DossierRecord *self);
void        dossier_record_set_created_at (DossierRecord *self,
                                           const char    *created_at);
const char *dossier_record_get_updated_at (DossierRecord *self);
void        dossier_record_set_updated_at (DossierRecord *self,
                                           const char    *updated_at);

/* Typed access to any field by name; the field must have that type. */
const char         *dossier_record_get_string  (DossierRecord *self,
                                                const char    *field);
void                dossier_record_set_string  (DossierRecord *self,
                                                const char    *field,
                                                const char    *value);
gint64              dossier_record_get_int     (DossierRecord *self,
                                                const char    *field);
void                dossier_record_set_int     (DossierRecord *self,
                                                const char    *field,
                                                gint64         value);
gboolean            dossier_record_get_boolean (DossierRecord *self,
                                                const char    *field);
void                dossier_record_set_boolean (DossierRecord *self,
                                                const char    *field,
                                                gboolean       value);
double              dossier_record_get_double  (DossierRecord *self,
                                                const char    *field);
void                dossier_record_set_double  (DossierRecord *self,
                                                const char    *field,
                                                double         value);
const char * const *dossier_record_get_strv    (DossierRecord *self,
                                                const char    *field);
void                dossier_record_set_strv    (DossierRecord *self,
                                                const char    *field,
                                                const char * const *value);

/* Field access through the descriptor, for the store. */
const char         *dossier_field_get_string   (const DossierField *field,
                                                DossierRecord      *record);
gint64              dossier_field_get_int      (const DossierField *field,
                                                DossierRecord      *record);
gboolean            dossier_field_get_boolean  (const DossierField *field,
                                                DossierRecord      *record);
double              dossier_field_get_double   (const DossierField *field,
                                                DossierRecord      *record);
const char * const *dossier_field_get_strv     (const DossierField *field,
                                                DossierRecord      *record);
void                dossier_field_set_string   (const DossierField *field,
                                                DossierRecord      *record,
                                                const char         *value);
void                dossier_field_set_int      (const DossierField *field,
                                                DossierRecord      *record,
                                                gint64              value);
void                dossier_field_set_boolean  (const DossierField *field,
                                                DossierRecord      *record,
                                                gboolean            value);
void                dossier_field_set_double   (const DossierField *field,
                                                DossierRecord      *record,
                                                double              value);
void                dossier_field_set_strv     (const DossierField *field,
                                                DossierRecord      *record,
                                                const char * const *value);

gboolean dossier_record_equal (DossierRecord *a,
                               DossierRecord *b);

GQuark   dossier_record_error_quark  (void);
guint    dossier_field_max_length    (const DossierField *field);
gboolean dossier_field_is_multiline  (const DossierField *field);
gboolean dossier_text_check          (const char         *text,
                                      const char         *name,
                                      gboolean            multiline,
                                      guint               max_length,
                                      GError            **error);
gboolean dossier_field_check         (const DossierField *field,
                                      DossierRecord      *record,
                                      const char         *name,
                                      GError            **error);
gboolean dossier_record_check_text   (DossierRecord      *record,
                                      GError            **error);
char    *dossier_text_escape_controls (const char        *text,
                                       gssize             length);

char    *dossier_new_id       (void);
char    *dossier_now_timestamp (void);
gboolean dossier_date_is_valid (const char *date);
gboolean dossier_partial_date_is_valid (const char *date);
gboolean dossier_text_is_blank (const char *text);

G_END_DECLS
