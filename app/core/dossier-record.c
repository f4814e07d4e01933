/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dossier-record.h"

/* A record is a GObject whose fields are described by a table: each field is
 * a property, and the store reads and writes the same table to build its
 * statements, so a column can never drift from the property it holds. */

typedef struct
{
  char *id;
  char *created_at;
  char *updated_at;
} DossierRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DossierRecord, dossier_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD_PTR(record, field, type) ((type *) (((guint8 *) (record)) + (field)->offset))

static gboolean
set_string_if_changed (char       **slot,
                       const char  *value)
{
  char *old = *slot;

  if (g_strcmp0 (old, value) == 0)
    return FALSE;
  /* copy before freeing: @value may point into the old string */
  *slot = g_strdup (value);
  g_free (old);
  return TRUE;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  guint la = a ? g_strv_length ((char **) a) : 0;
  guint lb = b ? g_strv_length ((char **) b) : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static GParamSpec *
field_param_spec (const DossierField *field)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (field->type)
    {
    case DOSSIER_FIELD_STRING:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    case DOSSIER_FIELD_INT:
      return g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case DOSSIER_FIELD_BOOLEAN:
      return g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
    case DOSSIER_FIELD_DOUBLE:
      return g_param_spec_double (field->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
    case DOSSIER_FIELD_STRV:
    case DOSSIER_FIELD_LINKS:
      return g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_STRV, flags);
    default:
      g_assert_not_reached ();
    }
}

static const DossierField *
field_for_pspec (GObject    *object,
                 GParamSpec *pspec)
{
  DossierRecordClass *klass = g_type_class_peek (pspec->owner_type);

  g_assert (pspec->param_id >= 1 && pspec->param_id <= klass->n_fields);
  return &klass->fields[pspec->param_id - 1];
}

static void
dossier_record_field_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  const DossierField *field = field_for_pspec (object, pspec);
  DossierRecord *record = DOSSIER_RECORD (object);

  switch (field->type)
    {
    case DOSSIER_FIELD_STRING:
      g_value_set_string (value, dossier_field_get_string (field, record));
      break;
    case DOSSIER_FIELD_INT:
      g_value_set_int64 (value, dossier_field_get_int (field, record));
      break;
    case DOSSIER_FIELD_BOOLEAN:
      g_value_set_boolean (value, dossier_field_get_boolean (field, record));
      break;
    case DOSSIER_FIELD_DOUBLE:
      g_value_set_double (value, dossier_field_get_double (field, record));
      break;
    case DOSSIER_FIELD_STRV:
    case DOSSIER_FIELD_LINKS:
      g_value_set_boxed (value, dossier_field_get_strv (field, record));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_field_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  const DossierField *field = field_for_pspec (object, pspec);
  DossierRecord *record = DOSSIER_RECORD (object);

  switch (field->type)
    {
    case DOSSIER_FIELD_STRING:
      dossier_field_set_string (field, record, g_value_get_string (value));
      break;
    case DOSSIER_FIELD_INT:
      dossier_field_set_int (field, record, g_value_get_int64 (value));
      break;
    case DOSSIER_FIELD_BOOLEAN:
      dossier_field_set_boolean (field, record, g_value_get_boolean (value));
      break;
    case DOSSIER_FIELD_DOUBLE:
      dossier_field_set_double (field, record, g_value_get_double (value));
      break;
    case DOSSIER_FIELD_STRV:
    case DOSSIER_FIELD_LINKS:
      dossier_field_set_strv (field, record, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_fields_finalize (DossierRecord *self)
{
  DossierRecordClass *klass = DOSSIER_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const DossierField *field = &klass->fields[i];

      switch (field->type)
        {
        case DOSSIER_FIELD_STRING:
          g_clear_pointer (FIELD_PTR (self, field, char *), g_free);
          break;
        case DOSSIER_FIELD_STRV:
        case DOSSIER_FIELD_LINKS:
          g_clear_pointer (FIELD_PTR (self, field, char **), g_strfreev);
          break;
        default:
          break;
        }
    }
}

static void
dossier_record_finalize (GObject *object)
{
  DossierRecord *self = DOSSIER_RECORD (object);
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  dossier_record_fields_finalize (self);
  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->created_at, g_free);
  g_clear_pointer (&priv->updated_at, g_free);

  G_OBJECT_CLASS (dossier_record_parent_class)->finalize (object);
}

static void
dossier_record_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DossierRecord *self = DOSSIER_RECORD (object);
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DossierRecord *self = DOSSIER_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      dossier_record_set_id (self, g_value_get_string (value));
      break;
    case PROP_CREATED_AT:
      dossier_record_set_created_at (self, g_value_get_string (value));
      break;
    case PROP_UPDATED_AT:
      dossier_record_set_updated_at (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_record_class_init (DossierRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_record_finalize;
  object_class->get_property = dossier_record_get_property;
  object_class->set_property = dossier_record_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_record_init (DossierRecord *self)
{
}

/**
 * dossier_record_class_install_fields:
 *
 * Installs one property per field on a subclass. Call from class_init; the
 * table must be static: the class keeps a pointer to it.
 */
void
dossier_record_class_install_fields (DossierRecordClass *klass,
                                     const DossierField *fields,
                                     guint               n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (DOSSIER_IS_RECORD_CLASS (klass));

  klass->fields = fields;
  klass->n_fields = n_fields;
  object_class->get_property = dossier_record_field_get_property;
  object_class->set_property = dossier_record_field_set_property;

  for (guint i = 0; i < n_fields; i++)
    g_object_class_install_property (object_class, i + 1, field_param_spec (&fields[i]));
}

const DossierField *
dossier_record_class_find_field (DossierRecordClass *klass,
                                 const char         *name)
{
  g_return_val_if_fail (DOSSIER_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *a = klass->fields[i].name;
      const char *b = name;

      /* "other-names" and "other_names" name the same field */
      while (*a && *b && (*a == *b || ((*a == '-' || *a == '_') && (*b == '-' || *b == '_'))))
        a++, b++;
      if (*a == '\0' && *b == '\0')
        return &klass->fields[i];
    }

  return NULL;
}

const char *
dossier_record_get_id (DossierRecord *self)
{
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  g_return_val_if_fail (DOSSIER_IS_RECORD (self), NULL);

  /* made when first asked for: a record read or imported gets its id set
   * before, and a random UUID for each would be wasted */
  if (priv->id == NULL)
    priv->id = dossier_new_id ();
  return priv->id;
}

void
dossier_record_set_id (DossierRecord *self,
                       const char    *id)
{
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  g_return_if_fail (DOSSIER_IS_RECORD (self));
  g_return_if_fail (id != NULL && *id != '\0');

  if (set_string_if_changed (&priv->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
dossier_record_get_created_at (DossierRecord *self)
{
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  g_return_val_if_fail (DOSSIER_IS_RECORD (self), NULL);

  return priv->created_at;
}

void
dossier_record_set_created_at (DossierRecord *self,
                               const char    *created_at)
{
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  g_return_if_fail (DOSSIER_IS_RECORD (self));

  if (set_string_if_changed (&priv->created_at, created_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

const char *
dossier_record_get_updated_at (DossierRecord *self)
{
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  g_return_val_if_fail (DOSSIER_IS_RECORD (self), NULL);

  return priv->updated_at;
}

void
dossier_record_set_updated_at (DossierRecord *self,
                               const char    *updated_at)
{
  DossierRecordPrivate *priv = dossier_record_get_instance_private (self);

  g_return_if_fail (DOSSIER_IS_RECORD (self));

  if (set_string_if_changed (&priv->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

static const DossierField *
lookup_field (DossierRecord    *self,
              const char       *name,
              DossierFieldType  type)
{
  const DossierField *field;

  g_return_val_if_fail (DOSSIER_IS_RECORD (self), NULL);
  field = dossier_record_class_find_field (DOSSIER_RECORD_GET_CLASS (self), name);
  g_return_val_if_fail (field != NULL, NULL);
  /* STRV and LINKS share one representation */
  g_return_val_if_fail (field->type == type ||
                        (type == DOSSIER_FIELD_STRV && field->type == DOSSIER_FIELD_LINKS),
                        NULL);
  return field;
}

const char *
dossier_field_get_string (const DossierField *field,
                          DossierRecord      *record)
{
  return *FIELD_PTR (record, field, char *);
}

gint64
dossier_field_get_int (const DossierField *field,
                       DossierRecord      *record)
{
  return *FIELD_PTR (record, field, gint64);
}

gboolean
dossier_field_get_boolean (const DossierField *field,
                           DossierRecord      *record)
{
  return *FIELD_PTR (record, field, gboolean);
}

double
dossier_field_get_double (const DossierField *field,
                          DossierRecord      *record)
{
  return *FIELD_PTR (record, field, double);
}

const char * const *
dossier_field_get_strv (const DossierField *field,
                        DossierRecord      *record)
{
  return (const char * const *) *FIELD_PTR (record, field, char **);
}

static void
notify_field (DossierRecord      *record,
              const DossierField *field)
{
  g_object_notify (G_OBJECT (record), field->name);
}

void
dossier_field_set_string (const DossierField *field,
                          DossierRecord      *record,
                          const char         *value)
{
  if (set_string_if_changed (FIELD_PTR (record, field, char *), value))
    notify_field (record, field);
}

void
dossier_field_set_int (const DossierField *field,
                       DossierRecord      *record,
                       gint64              value)
{
  gint64 *slot = FIELD_PTR (record, field, gint64);

  if (*slot != value)
    {
      *slot = value;
      notify_field (record, field);
    }
}

void
dossier_field_set_boolean (const DossierField *field,
                           DossierRecord      *record,
                           gboolean            value)
{
  gboolean *slot = FIELD_PTR (record, field, gboolean);

  value = !!value;
  if (*slot != value)
    {
      *slot = value;
      notify_field (record, field);
    }
}

void
dossier_field_set_double (const DossierField *field,
                          DossierRecord      *record,
                          double              value)
{
  double *slot = FIELD_PTR (record, field, double);

  if (*slot != value)
    {
      *slot = value;
      notify_field (record, field);
    }
}

void
dossier_field_set_strv (const DossierField *field,
                        DossierRecord      *record,
                        const char * const *value)
{
  char ***slot = FIELD_PTR (record, field, char **);

  char **old = *slot;

  if (strv_equal0 ((const char * const *) old, value))
    return;
  /* copy before freeing: @value may be the old array */
  *slot = (value && value[0]) ? g_strdupv ((char **) value) : NULL;
  g_strfreev (old);
  notify_field (record, field);
}

const char *
dossier_record_get_string (DossierRecord *self,
                           const char    *name)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_STRING);

  return field ? dossier_field_get_string (field, self) : NULL;
}

void
dossier_record_set_string (DossierRecord *self,
                           const char    *name,
                           const char    *value)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_STRING);

  if (field)
    dossier_field_set_string (field, self, value);
}

gint64
dossier_record_get_int (DossierRecord *self,
                        const char    *name)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_INT);

  return field ? dossier_field_get_int (field, self) : 0;
}

void
dossier_record_set_int (DossierRecord *self,
                        const char    *name,
                        gint64         value)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_INT);

  if (field)
    dossier_field_set_int (field, self, value);
}

gboolean
dossier_record_get_boolean (DossierRecord *self,
                            const char    *name)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_BOOLEAN);

  return field ? dossier_field_get_boolean (field, self) : FALSE;
}

void
dossier_record_set_boolean (DossierRecord *self,
                            const char    *name,
                            gboolean       value)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_BOOLEAN);

  if (field)
    dossier_field_set_boolean (field, self, value);
}

double
dossier_record_get_double (DossierRecord *self,
                           const char    *name)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_DOUBLE);

  return field ? dossier_field_get_double (field, self) : 0.0;
}

void
dossier_record_set_double (DossierRecord *self,
                           const char    *name,
                           double         value)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_DOUBLE);

  if (field)
    dossier_field_set_double (field, self, value);
}

const char * const *
dossier_record_get_strv (DossierRecord *self,
                         const char    *name)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_STRV);

  return field ? dossier_field_get_strv (field, self) : NULL;
}

void
dossier_record_set_strv (DossierRecord      *self,
                         const char         *name,
                         const char * const *value)
{
  const DossierField *field = lookup_field (self, name, DOSSIER_FIELD_STRV);

  if (field)
    dossier_field_set_strv (field, self, value);
}

/**
 * dossier_record_equal:
 *
 * Whether two records of one kind hold the same id and field values
 * (timestamps are not compared).
 */
gboolean
dossier_record_equal (DossierRecord *a,
                      DossierRecord *b)
{
  DossierRecordClass *klass;

  g_return_val_if_fail (DOSSIER_IS_RECORD (a), FALSE);
  g_return_val_if_fail (DOSSIER_IS_RECORD (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;
  if (g_strcmp0 (dossier_record_get_id (a), dossier_record_get_id (b)) != 0)
    return FALSE;

  klass = DOSSIER_RECORD_GET_CLASS (a);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const DossierField *f = &klass->fields[i];
      gboolean same = TRUE;

      switch (f->type)
        {
        case DOSSIER_FIELD_STRING:
          /* unset and empty are the same to a reader */
          same = g_strcmp0 (dossier_field_get_string (f, a) ? dossier_field_get_string (f, a) : "",
                            dossier_field_get_string (f, b) ? dossier_field_get_string (f, b) : "") == 0;
          break;
        case DOSSIER_FIELD_INT:
          same = dossier_field_get_int (f, a) == dossier_field_get_int (f, b);
          break;
        case DOSSIER_FIELD_BOOLEAN:
          same = dossier_field_get_boolean (f, a) == dossier_field_get_boolean (f, b);
          break;
        case DOSSIER_FIELD_DOUBLE:
          same = dossier_field_get_double (f, a) == dossier_field_get_double (f, b);
          break;
        case DOSSIER_FIELD_STRV:
        case DOSSIER_FIELD_LINKS:
          same = strv_equal0 (dossier_field_get_strv (f, a), dossier_field_get_strv (f, b));
          break;
        default:
          g_assert_not_reached ();
        }
      if (!same)
        return FALSE;
    }

  return TRUE;
}

char *
dossier_new_id (void)
{
  return g_uuid_string_random ();
}

char *
dossier_now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* A calendar date written "YYYY-MM-DD" that exists (no 30 February). */
gboolean
dossier_date_is_valid (const char *date)
{
  unsigned year, month, day;
  char tail;

  if (date == NULL || strlen (date) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? date[i] != '-' : !g_ascii_isdigit (date[i]))
      return FALSE;
  if (sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* "2017", "2017-06" or "2017-06-30": as much of a date as is known. */
gboolean
dossier_partial_date_is_valid (const char *date)
{
  g_autofree char *full = NULL;
  gsize length = date ? strlen (date) : 0;

  if (length == 10)
    return dossier_date_is_valid (date);
  if (length == 4)
    full = g_strconcat (date, "-01-01", NULL);
  else if (length == 7)
    full = g_strconcat (date, "-01", NULL);
  else
    return FALSE;
  return dossier_date_is_valid (full);
}

/* Whether @text is NULL, empty or only ASCII white space. */
gboolean
dossier_text_is_blank (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

G_DEFINE_QUARK (dossier-record-error-quark, dossier_record_error)

/**
 * dossier_field_max_length:
 *
 * Returns: the most characters one value of @field holds (each entry, for
 *   a list).
 */
guint
dossier_field_max_length (const DossierField *field)
{
  if (field->flags & DOSSIER_FIELD_FLAG_LONG)
    return DOSSIER_TEXT_MAX_LONG;
  if (field->flags & (DOSSIER_FIELD_FLAG_MULTILINE | DOSSIER_FIELD_FLAG_JSON))
    return DOSSIER_TEXT_MAX_PARAGRAPHS;
  if (field->flags & DOSSIER_FIELD_FLAG_URL)
    return DOSSIER_TEXT_MAX_URL;
  if (field->flags & DOSSIER_FIELD_FLAG_REF)
    return DOSSIER_TEXT_MAX_ID;
  return DOSSIER_TEXT_MAX_LINE;
}

/* Whether @field keeps line breaks and tabs. */
gboolean
dossier_field_is_multiline (const DossierField *field)
{
  return (field->flags & (DOSSIER_FIELD_FLAG_MULTILINE | DOSSIER_FIELD_FLAG_LONG)) != 0;
}

/* Control characters: C0 but for line breaks and tabs where allowed, DEL
 * and C1. None of them is text a person typed; in a terminal some of them
 * are commands. */
static gboolean
is_control (gunichar c,
            gboolean multiline)
{
  if (c == '\n' || c == '\t')
    return !multiline;
  return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

static gboolean
text_check (const char  *name,
            const char  *text,
            gboolean     multiline,
            guint        max_length,
            GError     **error)
{
  const char *end = NULL;
  guint n = 0;

  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_NOT_UTF8,
                   /* Translators: %s names a field, such as “city” */
                   _("“%s” is not text in UTF-8."), name);
      return FALSE;
    }
  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c, multiline))
        {
          if (!multiline && (c == '\n' || c == '\r'))
            g_set_error (error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_CONTROL,
                         /* Translators: %s names a field, such as “city” */
                         _("“%s” holds a line break; it must be a single line."), name);
          else
            g_set_error (error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_CONTROL,
                         /* Translators: %s names a field, such as “city”; U+%04X is the
                          * code of an invisible character, such as U+001B */
                         _("“%s” holds a control character (U+%04X), which is not text."),
                         name, c);
          return FALSE;
        }
    }
  if (n > max_length)
    {
      g_set_error (error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_TOO_LONG,
                   /* Translators: %s names a field, such as “city”; the numbers count
                    * characters */
                   _("“%s” is %u characters long; it holds at most %u."), name, n, max_length);
      return FALSE;
    }
  return TRUE;
}

/**
 * dossier_text_check:
 * @name: (nullable): what to call the text in a message: a field, an
 *   option, a member of a file
 *
 * Checks that @text is UTF-8 without NUL or control characters (but for
 * line breaks and tabs when @multiline) and at most @max_length characters.
 */
gboolean
dossier_text_check (const char  *text,
                    const char  *name,
                    gboolean     multiline,
                    guint        max_length,
                    GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  /* Translators: what a text is called in a message when it has no name */
  return text_check (name ? name : (error ? _("text") : ""), text, multiline, max_length, error);
}

/**
 * dossier_field_check:
 * @name: (nullable): what to call the field in a message; its own name
 *   when %NULL
 *
 * Checks the value of one text or list @field of @record against what the
 * field holds: UTF-8, no control characters, its maximum length and, for a
 * list, its maximum number of entries. The message names the field.
 */
gboolean
dossier_field_check (const DossierField  *field,
                     DossierRecord       *record,
                     const char          *given_name,
                     GError             **error)
{
  g_autofree char *name = given_name ? g_strdup (given_name)
                                     : g_strdelimit (g_strdup (field->name), "-", '_');
  gboolean multiline = dossier_field_is_multiline (field);
  guint max_length = dossier_field_max_length (field);

  switch (field->type)
    {
    case DOSSIER_FIELD_STRING:
      {
        const char *text = dossier_field_get_string (field, record);

        return text == NULL || text_check (name, text, multiline, max_length, error);
      }
    case DOSSIER_FIELD_STRV:
    case DOSSIER_FIELD_LINKS:
      {
        const char * const *values = dossier_field_get_strv (field, record);
        guint n = values ? g_strv_length ((char **) values) : 0;

        if (n > DOSSIER_LIST_MAX_ENTRIES)
          {
            g_set_error (error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_TOO_MANY,
                         /* Translators: %s names a list, such as “tags”; the numbers count
                          * its entries */
                         _("“%s” has %u entries; it holds at most %u."),
                         name, n, DOSSIER_LIST_MAX_ENTRIES);
            return FALSE;
          }
        for (guint i = 0; i < n; i++)
          if (!text_check (name, values[i], multiline, max_length, error))
            return FALSE;
        return TRUE;
      }
    default:
      return TRUE;
    }
}

/**
 * dossier_record_check_text:
 *
 * Checks the id and every text and list field of @record as
 * dossier_field_check() does: what the store refuses to keep.
 */
gboolean
dossier_record_check_text (DossierRecord  *record,
                           GError        **error)
{
  DossierRecordClass *klass;
  const char *id;

  g_return_val_if_fail (DOSSIER_IS_RECORD (record), FALSE);

  klass = DOSSIER_RECORD_GET_CLASS (record);
  id = dossier_record_get_id (record);
  if (id && !text_check ("id", id, FALSE, DOSSIER_TEXT_MAX_ID, error))
    return FALSE;
  for (guint i = 0; i < klass->n_fields; i++)
    if (!dossier_field_check (&klass->fields[i], record, NULL, error))
      return FALSE;
  return TRUE;
}

/**
 * dossier_text_escape_controls:
 * @length: bytes of @text, or -1 when it ends with a NUL
 *
 * Makes @text safe to print on a terminal: control characters but line
 * breaks and tabs are written as \xNN or \uNNNN, bytes that are not UTF-8
 * as \xNN. A campaign file cannot then move the cursor, retitle the
 * window or hide text with escape sequences in an error message.
 *
 * Returns: (transfer full): the escaped text.
 */
char *
dossier_text_escape_controls (const char *text,
                              gssize      length)
{
  g_autoptr(GString) out = NULL;
  const char *p, *end;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);
  out = g_string_sized_new (length);
  p = text;
  end = text + length;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if (c == 0 || (c != '\n' && c != '\t' && is_control (c, TRUE)))
        g_string_append_printf (out, c < 0x80 ? "\\x%02X" : "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
