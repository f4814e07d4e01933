/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-enums.h"
#include "dossier-json-bounds.h"
#include "dossier-links.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* Import and export of the Dossier campaign format (docs/campaign-format.md).
 *
 * Import is two steps. First the whole document is read and checked, and a
 * record is built for every item; nothing touches the store but look-ups of
 * ids the file refers to. Only a document without a single problem reaches
 * the second step, which writes every record inside one store transaction:
 * a record that is not in the store is created, one that differs is
 * updated (keeping what only the user sets: notes, the follow flag), one
 * that is the same is left alone — so importing a file twice changes
 * nothing. Any failure rolls the whole import back.
 *
 * What a `_dossier` object holds follows the records' own field tables
 * (app/core/): a member per field, named like the field with '_' for '-'.
 * The rules below add what a table cannot say: which fields are required,
 * which hold closed vocabularies, addresses or ids of other records, and
 * which belong to the user and never travel in a file.
 *
 * Every look-up is a hash table or an index of the store: the cost of an
 * import grows with the size of the file, not with the size of the store. */

G_DEFINE_QUARK (dossier-exchange-error-quark, dossier_exchange_error)

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
} RuleFlags;

typedef struct {
  const char  *field;
  RuleFlags    flags;
  DossierEnum  vocabulary;
  Kind         ref_kind;
} Rule;

static const Rule case_rules[] = {
  { "name", RULE_REQUIRED },
  { "role", RULE_ENUM, DOSSIER_ENUM_CASE_ROLE },
  { "status", RULE_REQUIRED | RULE_ENUM, DOSSIER_ENUM_CASE_STATUS },
  { "sources", RULE_URL },
  { "followed", RULE_LOCAL },
  { "notes", RULE_LOCAL },
  { "origin", RULE_LOCAL },
};

static const Rule event_rules[] = {
  { "case-id", RULE_REQUIRED | RULE_REF, 0, KIND_CASE },
  { "kind", RULE_REQUIRED | RULE_ENUM, DOSSIER_ENUM_EVENT_KIND },
  { "date", RULE_REQUIRED },
  { "new-status", RULE_ENUM, DOSSIER_ENUM_CASE_STATUS },
  { "origin", RULE_LOCAL },
};

static const Rule target_rules[] = {
  { "name", RULE_REQUIRED },
  { "email", RULE_EMAIL },
  { "web-form", RULE_URL },
  { "language", RULE_LANGUAGE },
  { "origin", RULE_LOCAL },
};

static const Rule ua_rules[] = {
  { "reference", RULE_REQUIRED },
  { "case-ids", RULE_REF, 0, KIND_CASE },
  { "status", RULE_ENUM, DOSSIER_ENUM_UA_STATUS },
  { "follows-id", RULE_REF, 0, KIND_UA },
  { "languages", RULE_LANGUAGE },
  /* an object: language code → address of the UA's document in it */
  { "documents", RULE_LANGUAGE | RULE_URL },
  { "target-ids", RULE_REF, 0, KIND_TARGET },
  { "notes", RULE_LOCAL },
  { "origin", RULE_LOCAL },
};

static const struct {
  const char *type;                 /* _dossier.type */
  GType     (*get_type) (void);
  const Rule *rules;
  guint       n_rules;
} kind_specs[N_KINDS] = {
  [KIND_CASE] = { "case", dossier_case_get_type, case_rules, G_N_ELEMENTS (case_rules) },
  [KIND_EVENT] = { "case_event", dossier_case_event_get_type, event_rules, G_N_ELEMENTS (event_rules) },
  [KIND_TARGET] = { "target", dossier_target_get_type, target_rules, G_N_ELEMENTS (target_rules) },
  [KIND_UA] = { "urgent_action", dossier_urgent_action_get_type, ua_rules, G_N_ELEMENTS (ua_rules) },
};

/* The kinds' field tables with their rules and JSON member names, looked
 * up once rather than for every record. */
typedef struct {
  GType               type;
  DossierRecordClass *klass;
  const Rule        **rules;   /* per field: its rule, or NULL */
  char              **members; /* per field: "other_names" for "other-names" */
} KindFields;

static KindFields kind_fields[N_KINDS];

/* Charges travel inside their case as {code, article, part, description}. */
static const char * const charge_members[] = { "code", "article", "part", "description" };

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
  DossierImportStats  stats;
  GCancellable       *cancellable;
  DossierImportProgressFunc progress;
  gpointer            progress_data;
  guint               n_items;           /* in the file */
  guint               n_written;         /* entries written so far */
} Import;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->record);
  g_clear_pointer (&entry->charges, g_ptr_array_unref);
  g_free (entry->created_at);
  g_free (entry->updated_at);
  g_free (entry);
}

static void
ensure_kind_fields (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint k = 0; k < N_KINDS; k++)
        {
          KindFields *info = &kind_fields[k];

          info->type = kind_specs[k].get_type ();
          info->klass = g_type_class_ref (info->type);
          info->rules = g_new0 (const Rule *, info->klass->n_fields);
          info->members = g_new0 (char *, info->klass->n_fields + 1);
          for (guint i = 0; i < info->klass->n_fields; i++)
            {
              const DossierField *field = &info->klass->fields[i];

              info->members[i] = g_strdelimit (g_strdup (field->name), "-", '_');
              for (guint r = 0; r < kind_specs[k].n_rules; r++)
                if (g_str_equal (kind_specs[k].rules[r].field, field->name))
                  info->rules[i] = &kind_specs[k].rules[r];
            }
        }
      g_once_init_leave (&initialized, 1);
    }
}

static void
import_init (Import       *self,
             DossierStore *store)
{
  memset (self, 0, sizeof *self);
  self->store = store;
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->ids[k] = g_hash_table_new (g_str_hash, g_str_equal);
      self->in_store[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  self->item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ua_order = g_ptr_array_new ();
}

static void
import_clear (Import *self)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&self->ids[k], g_hash_table_unref);
      g_clear_pointer (&self->in_store[k], g_hash_table_unref);
    }
  g_clear_pointer (&self->item_ids, g_hash_table_unref);
  g_clear_pointer (&self->references, g_hash_table_unref);
  g_clear_pointer (&self->ua_order, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->origin, g_free);
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DOSSIER_EXCHANGE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* ---- checks on values ---- */

static gboolean
is_url (const char *text)
{
  const char *rest;

  if (g_ascii_strncasecmp (text, "https://", 8) == 0)
    rest = text + 8;
  else if (g_ascii_strncasecmp (text, "http://", 7) == 0)
    rest = text + 7;
  else
    return FALSE;
  if (*rest == '\0' || *rest == '/')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

/* "en", "kk", "pt-BR", "sr-Latn": two or three letters, then subtags. */
static gboolean
is_language (const char *text)
{
  const char *p = text;
  guint n = 0;

  while (g_ascii_islower (*p))
    p++, n++;
  if (n < 2 || n > 3)
    return FALSE;
  while (*p == '-')
    {
      p++;
      for (n = 0; g_ascii_isalnum (*p); p++)
        n++;
      if (n < 1 || n > 8)
        return FALSE;
    }
  return *p == '\0';
}

static char *
enum_choices (DossierEnum which)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const DossierEnumValue *values;
  guint n_values;

  values = dossier_enum_values (which, &n_values);
  for (guint i = 0; i < n_values; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", values[i].id);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
member_path (const char *member)
{
  return g_strconcat ("_dossier.", member, NULL);
}

/* The text of a string node, or NULL when @node holds anything else. */
static const char *
node_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
check_text (guint        index,
            const char  *path,
            const Rule  *rule,
            const char  *text,
            GError     **error)
{
  RuleFlags flags = rule ? rule->flags : 0;

  if (*text == '\0')
    return TRUE;
  if ((flags & RULE_URL) && !is_url (text))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field such as “_dossier.sources”; the
                  * third the value found in the file */
                 _("Item %u: “%s” must be a web address starting with https:// or http://; “%s” is not one."),
                 index, path, text);
  if ((flags & RULE_EMAIL) && !dossier_email_is_valid (text))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field name; the third the value found */
                 _("Item %u: “%s” must be an email address such as name@example.org; “%s” is not one."),
                 index, path, text);
  if ((flags & RULE_LANGUAGE) && !is_language (text))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field name; the third the value found.
                  * “en” and “kk” are codes: keep them as they are */
                 _("Item %u: “%s” must be a language code such as “en” or “kk”; “%s” is not one."),
                 index, path, text);
  return TRUE;
}

/* Text from a file as the store keeps it: paragraphs written on Windows
 * (CRLF) or old Macs (CR) end their lines with LF. */
static char *
normalize_text (const DossierField *field,
                const char         *text)
{
  g_autoptr(GString) out = NULL;

  if (!dossier_field_is_multiline (field) || strchr (text, '\r') == NULL)
    return g_strdup (text);
  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p != '\r')
        g_string_append_c (out, *p);
      else if (p[1] != '\n')
        g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What the store would refuse, said with the item and the member. */
static gboolean
check_field_text (guint                index,
                  const char          *path,
                  const DossierField  *field,
                  const char          *text,
                  GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean multiline = dossier_field_is_multiline (field);

  if (field->type == DOSSIER_FIELD_LINKS)
    multiline = FALSE;
  if (dossier_text_check (text, path, multiline, dossier_field_max_length (field), &local_error))
    return TRUE;
  return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
               /* Translators: %u is the item's position in the file, counted from 1; %s
                * says what is wrong, a sentence of its own */
               _("Item %u: %s"), index, local_error->message);
}

/* The same for text that is not a field: an id, a document's address. */
static gboolean
check_plain_text (guint        index,
                  const char  *path,
                  const char  *text,
                  guint        max_length,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (dossier_text_check (text, path, FALSE, max_length, &local_error))
    return TRUE;
  return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID, _("Item %u: %s"), index, local_error->message);
}

/* ---- reading one item ---- */

static gboolean
read_text_list (guint               index,
                const char         *path,
                const DossierField *field,
                const Rule         *rule,
                JsonNode           *node,
                GStrv              *out,
                GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto not_a_list;
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length > DOSSIER_LIST_MAX_ENTRIES)
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field such as “_dossier.tags”; the numbers
                  * count entries */
                 _("Item %u: “%s” has %u entries; it holds at most %u."),
                 index, path, length, DOSSIER_LIST_MAX_ENTRIES);
  if (rule && (rule->flags & RULE_REF))
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < length; i++)
    {
      g_autofree char *normalized = NULL;
      const char *text = node_text (json_array_get_element (array, i));

      if (text == NULL || dossier_text_is_blank (text))
        goto not_a_list;
      text = normalized = normalize_text (field, text);
      if (!check_field_text (index, path, field, text, error))
        return FALSE;
      if (!check_text (index, path, rule, text, error))
        return FALSE;
      /* the store keeps links in a table keyed by both ends */
      if (seen && !g_hash_table_add (seen, g_strdup (text)))
        return fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
                     /* Translators: the first placeholder is the item's position in the
                      * file, counted from 1; the second a field such as “_dossier.case_ids”;
                      * the third the value that appears twice */
                     _("Item %u: “%s” lists “%s” twice."), index, path, text);
      g_strv_builder_add (builder, text);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;

not_a_list:
  return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
               /* Translators: the first placeholder is the item's position in the file,
                * counted from 1; the second a field such as “_dossier.tags” */
               _("Item %u: “%s” must be a list of texts (a JSON array of strings), none of them empty."),
               index, path);
}

/* The UA's documents: {"en": "https://…", "de": "https://…"}, kept as the
 * compact JSON text of that object. */
static gboolean
read_documents (guint        index,
                const char  *path,
                const Rule  *rule,
                JsonNode    *node,
                char       **out,
                GError     **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *language;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field name */
                 _("Item %u: “%s” must be a JSON object."), index, path);
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &language, &value))
    {
      const char *url = node_text (value);
      g_autofree char *member = g_strconcat (path, ".", language, NULL);
      Rule language_rule = { NULL, RULE_LANGUAGE };
      Rule url_rule = { NULL, RULE_URL };

      /* check_text() lets an empty text through: an empty key is no language */
      if (*language == '\0')
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     _("Item %u: “%s” must be a language code such as “en” or “kk”; “%s” is not one."),
                     index, path, language);
      if (!check_text (index, path, &language_rule, language, error))
        return FALSE;
      if (url == NULL || *url == '\0')
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field name */
                     _("Item %u: “%s” must be text (a JSON string)."), index, member);
      if (!check_text (index, member, &url_rule, url, error) ||
          !check_plain_text (index, member, url, DOSSIER_TEXT_MAX_URL, error))
        return FALSE;
    }
  *out = json_object_get_size (object) ? json_to_string (node, FALSE) : NULL;
  return TRUE;
}

static gboolean
read_field (Import              *self,
            Entry               *entry,
            const DossierField  *field,
            const Rule          *rule,
            const char          *member,
            JsonNode            *node,
            GError             **error)
{
  RuleFlags flags = rule ? rule->flags : 0;
  g_autofree char *path = member_path (member);
  guint index = entry->index;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & RULE_REQUIRED)
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the
                      * file, counted from 1; the second a field such as “_dossier.name” */
                     _("Item %u: “%s” is missing; it is required."), index, path);
      return TRUE;
    }

  switch (field->type)
    {
    case DOSSIER_FIELD_STRING:
      if (field->flags & DOSSIER_FIELD_FLAG_JSON)
        {
          g_autofree char *json = NULL;

          if (!read_documents (index, path, rule, node, &json, error))
            return FALSE;
          dossier_field_set_string (field, entry->record, json);
          return TRUE;
        }
      else
        {
          g_autofree char *normalized = NULL;
          const char *text = node_text (node);

          if (text == NULL)
            return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         _("Item %u: “%s” must be text (a JSON string)."), index, path);
          text = normalized = normalize_text (field, text);
          if (!check_field_text (index, path, field, text, error))
            return FALSE;
          if ((flags & RULE_REQUIRED) && dossier_text_is_blank (text))
            return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first placeholder is the item's position in the
                          * file, counted from 1; the second a field name */
                         _("Item %u: “%s” must not be empty."), index, path);
          if ((field->flags & DOSSIER_FIELD_FLAG_DATE) && *text && !dossier_date_is_valid (text))
            return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first placeholder is the item's position in the
                          * file, counted from 1; the second a field name; the third the
                          * value found. Keep YYYY-MM-DD as it is */
                         _("Item %u: “%s” must be a real date written YYYY-MM-DD; “%s” is not one."),
                         index, path, text);
          if ((flags & RULE_ENUM) && (*text || (flags & RULE_REQUIRED)) &&
              !dossier_enum_has (rule->vocabulary, text))
            {
              g_autofree char *choices = enum_choices (rule->vocabulary);

              return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                           /* Translators: the first placeholder is the item's position in
                            * the file, counted from 1; the second a field name; the third the
                            * value found; the last the values allowed, separated by commas */
                           _("Item %u: “%s” cannot be “%s”; it must be one of: %s."),
                           index, path, text, choices);
            }
          if (!check_text (index, path, rule, text, error))
            return FALSE;
          dossier_field_set_string (field, entry->record, *text ? text : NULL);
          return TRUE;
        }

    case DOSSIER_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0)
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field such as “_dossier.goal” */
                     _("Item %u: “%s” must be a whole number, 0 or more."), index, path);
      dossier_field_set_int (field, entry->record, json_node_get_int (node));
      return TRUE;

    case DOSSIER_FIELD_DOUBLE:
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_INT64 &&
           json_node_get_value_type (node) != G_TYPE_DOUBLE))
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field name */
                     _("Item %u: “%s” must be a number."), index, path);
      dossier_field_set_double (field, entry->record, json_node_get_double (node));
      return TRUE;

    case DOSSIER_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field name. Keep true and false as they are */
                     _("Item %u: “%s” must be true or false."), index, path);
      dossier_field_set_boolean (field, entry->record, json_node_get_boolean (node));
      return TRUE;

    case DOSSIER_FIELD_STRV:
    case DOSSIER_FIELD_LINKS:
      {
        g_auto(GStrv) values = NULL;

        if (!read_text_list (index, path, field, rule, node, &values, error))
          return FALSE;
        if ((flags & RULE_REQUIRED) && values[0] == NULL)
          return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                       _("Item %u: “%s” must not be empty."), index, path);
        dossier_field_set_strv (field, entry->record, (const char * const *) values);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_charges (Entry       *entry,
              JsonNode    *node,
              GError     **error)
{
  const char *case_id = dossier_record_get_id (entry->record);
  DossierRecordClass *charge_class = g_type_class_peek (DOSSIER_TYPE_CHARGE);
  JsonArray *array;

  entry->charges = g_ptr_array_new_with_free_func (g_object_unref);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field name */
                 _("Item %u: “%s” must be a JSON array."), entry->index, "_dossier.charges");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(DossierRecord) charge = NULL;
      g_autofree char *id = NULL;
      JsonObject *object;

      if (i >= DOSSIER_LIST_MAX_ENTRIES)
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     _("Item %u: “%s” has %u entries; it holds at most %u."),
                     entry->index, "_dossier.charges", json_array_get_length (array),
                     DOSSIER_LIST_MAX_ENTRIES);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first %u is the item's position in the file, the
                      * second the charge's position in its list, both counted from 1 */
                     _("Item %u: charge %u in “_dossier.charges” must be a JSON object."),
                     entry->index, i + 1);
      object = json_node_get_object (element);

      /* stable, so that importing again finds the same charge */
      id = g_strdup_printf ("%s/charge/%u", case_id, i + 1);
      charge = DOSSIER_RECORD (dossier_charge_new ());
      dossier_record_set_id (charge, id);
      dossier_record_set_string (charge, "case-id", case_id);
      dossier_record_set_int (charge, "position", i);

      for (guint m = 0; m < G_N_ELEMENTS (charge_members); m++)
        {
          JsonNode *value = json_object_get_member (object, charge_members[m]);
          const char *text;

          if (value == NULL || JSON_NODE_HOLDS_NULL (value))
            continue;
          if ((text = node_text (value)) == NULL)
            return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first %u is the item's position in the file; %s a
                          * field of a charge such as “article”; the second %u the charge's
                          * position in its list. Both positions are counted from 1 */
                         _("Item %u: “%s” of charge %u must be text (a JSON string)."),
                         entry->index, charge_members[m], i + 1);
          {
            const DossierField *field = dossier_record_class_find_field (charge_class, charge_members[m]);
            g_autofree char *path = g_strdup_printf ("_dossier.charges[%u].%s", i + 1, charge_members[m]);
            g_autofree char *normalized = normalize_text (field, text);

            if (!check_field_text (entry->index, path, field, normalized, error))
              return FALSE;
            dossier_record_set_string (charge, charge_members[m], *normalized ? normalized : NULL);
          }
        }

      if (dossier_text_is_blank (dossier_record_get_string (charge, "article")) &&
          dossier_text_is_blank (dossier_record_get_string (charge, "description")))
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first %u is the item's position in the file, the
                      * second the charge's position in its list, both counted from 1. Keep
                      * “article” and “description” as they are: they are field names */
                     _("Item %u: charge %u needs an “article” or a “description”."),
                     entry->index, i + 1);
      g_ptr_array_add (entry->charges, g_steal_pointer (&charge));
    }
  return TRUE;
}

/* An RFC 3339 time, as the store writes times (UTC, microseconds). */
static gboolean
read_time (guint        index,
           JsonObject  *item,
           const char  *member,
           char       **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (item, member);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc = NULL;
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  text = node_text (node);
  /* a time needs its date and its zone: "2020-04-17T21:00:00+06:00" */
  if (text != NULL && strlen (text) >= 20 && text[10] == 'T')
    time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    {
      g_autofree char *shown = text ? g_strdup (text) : g_strdup (json_node_type_name (node));

      return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                   /* Translators: the first placeholder is the item's position in the file,
                    * counted from 1; the second a field such as “date_published”; the third
                    * the value found. Keep the example as it is */
                   _("Item %u: “%s” must be a date and time such as 2020-04-17T21:00:00+06:00; “%s” is not one."),
                   index, member, shown);
    }
  /* in UTC, as stored, the year has four digits: 9999-12-31T23:00-05:00
   * would be in the year 10000 */
  if (g_date_time_to_unix (time) < TIME_MIN || g_date_time_to_unix (time) > TIME_MAX)
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field such as “date_published”; the third
                  * the value found */
                 _("Item %u: “%s” is “%s”, which is not between the years 1900 and 9999."),
                 index, member, text);
  utc = g_date_time_to_utc (time);
  *out = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
  return TRUE;
}

static gboolean
read_item_id (Import      *self,
              guint        index,
              JsonObject  *item,
              GError     **error)
{
  JsonNode *node = json_object_get_member (item, "id");
  g_autofree char *id = NULL;
  gpointer other;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” is missing; it is required."), index, "id");
  /* JSON Feed 1.0 allowed a number here */
  if (node_text (node) != NULL)
    id = g_strdup (node_text (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be text (a JSON string)."), index, "id");
  if (dossier_text_is_blank (id))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must not be empty."), index, "id");
  if (!check_plain_text (index, "id", id, DOSSIER_TEXT_MAX_URL, error))
    return FALSE;

  if ((other = g_hash_table_lookup (self->item_ids, id)) != NULL)
    return fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
                 /* Translators: the first %u is the item's position in the file, counted from
                  * 1; the first %s a field name such as “_dossier.id”; the second %s the value;
                  * the last %u the position of the item that has the same value */
                 _("Item %u: “%s” is “%s”, which item %u already uses."),
                 index, "id", id, GPOINTER_TO_UINT (other));
  g_hash_table_insert (self->item_ids, g_steal_pointer (&id), GUINT_TO_POINTER (index));
  return TRUE;
}

static gboolean
read_record_item (Import      *self,
                  guint        index,
                  JsonObject  *item,
                  JsonObject  *object,
                  GError     **error)
{
  const KindFields *info;
  JsonNode *node;
  const char *type;
  const char *id;
  Entry *entry;
  Entry *other;
  Kind kind;

  /* the kind */
  node = json_object_get_member (object, "type");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” is missing; it is required."), index, "_dossier.type");
  if ((type = node_text (node)) == NULL)
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be text (a JSON string)."), index, "_dossier.type");
  for (kind = 0; kind < N_KINDS; kind++)
    if (g_str_equal (type, kind_specs[kind].type))
      break;
  /* DESIGN.md first named a case's news "case_update" */
  if (kind == N_KINDS && g_str_equal (type, "case_update"))
    kind = KIND_EVENT;
  if (kind == N_KINDS)
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” cannot be “%s”; it must be one of: %s."),
                 index, "_dossier.type", type, "case, case_event, urgent_action, target");

  /* its id, unique among the file's records of that kind */
  node = json_object_get_member (object, "id");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” is missing; it is required."), index, "_dossier.id");
  if ((id = node_text (node)) == NULL)
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be text (a JSON string)."), index, "_dossier.id");
  if (dossier_text_is_blank (id))
    return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must not be empty."), index, "_dossier.id");
  if (!check_plain_text (index, "_dossier.id", id, MAX_ID_LENGTH, error))
    return FALSE;
  if ((other = g_hash_table_lookup (self->ids[kind], id)) != NULL)
    return fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
                 _("Item %u: “%s” is “%s”, which item %u already uses."),
                 index, "_dossier.id", id, other->index);

  entry = g_new0 (Entry, 1);
  entry->index = index;
  entry->kind = kind;
  g_ptr_array_add (self->entries, entry);

  info = &kind_fields[kind];
  entry->record = g_object_new (info->type, NULL);
  dossier_record_set_id (entry->record, id);
  g_hash_table_insert (self->ids[kind], (gpointer) dossier_record_get_id (entry->record), entry);

  if (!read_time (index, item, "date_published", &entry->created_at, error) ||
      !read_time (index, item, "date_modified", &entry->updated_at, error))
    return FALSE;

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const Rule *rule = info->rules[i];

      if (rule && (rule->flags & RULE_LOCAL))
        continue;
      if (!read_field (self, entry, &info->klass->fields[i], rule, info->members[i],
                       json_object_get_member (object, info->members[i]), error))
        return FALSE;
    }

  switch (kind)
    {
    case KIND_CASE:
      return read_charges (entry, json_object_get_member (object, "charges"), error);

    case KIND_UA:
      {
        g_autofree char *normalized = dossier_reference_normalize (dossier_record_get_string (entry->record, "reference"));
        const char *issued = dossier_record_get_string (entry->record, "issued");
        const char *deadline = dossier_record_get_string (entry->record, "deadline");
        const char *reference;
        char *key;

        /* kept as the store keeps it: " UA 065/20" is "UA 065/20" */
        dossier_record_set_string (entry->record, "reference", normalized);
        reference = dossier_record_get_string (entry->record, "reference");

        if (issued && deadline && strcmp (deadline, issued) < 0)
          return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                       /* Translators: %u is the item's position in the file, counted from 1;
                        * the first %s the deadline, the second the issue date, both YYYY-MM-DD.
                        * Keep the field names as they are */
                       _("Item %u: “_dossier.deadline” (%s) is before “_dossier.issued” (%s)."),
                       index, deadline, issued);
        /* "ua 065/20" and "UA 065/20" are the same reference */
        key = dossier_reference_key (reference);
        if ((other = g_hash_table_lookup (self->references, key)) != NULL)
          {
            g_free (key);
            return fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
                         _("Item %u: “%s” is “%s”, which item %u already uses."),
                         index, "_dossier.reference", reference, other->index);
          }
        g_hash_table_insert (self->references, key, entry);
        return TRUE;
      }

    case KIND_EVENT:
    case KIND_TARGET:
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* ---- the document ---- */

static void
report_progress (Import *self,
                 double  fraction)
{
  if (self->progress)
    self->progress (CLAMP (fraction, 0.0, 1.0), self->progress_data);
}

/* What the file holds, checked before json-glib reads any of it: bounded
 * in depth, size and number, valid UTF-8 without NUL, numbers that fit. */
static const DossierJsonBounds campaign_bounds = {
  .max_bytes = DOSSIER_CAMPAIGN_MAX_SIZE,
  .max_depth = DOSSIER_CAMPAIGN_MAX_DEPTH,
  /* a news item's content may be long; the fields have limits of their own */
  .max_string_bytes = 2 * 1000 * 1000,
  .max_values = 0,
  .split_member = "items",
  .max_elements = DOSSIER_CAMPAIGN_MAX_ITEMS,
  .max_element_bytes = DOSSIER_CAMPAIGN_MAX_ITEM_SIZE,
  .max_element_values = 20000,
};

/* Reads the document item by item: the whole file is checked by
 * dossier_json_check() first, then json-glib builds a tree of the feed's
 * header alone and of one item at a time, so that memory follows the
 * size of the items, and a bad item is refused as soon as it is read. */
static gboolean
read_document (Import      *self,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DossierJsonSpan));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) header = NULL;
  DossierJsonSpan items_span = { 0, 0 };
  JsonNode *root;
  JsonObject *feed;
  JsonNode *node;
  const char *version;
  guint n_items;

  if (!dossier_json_check (data, length, &campaign_bounds, &items_span, spans, &local_error))
    {
      int code;

      switch (local_error->code)
        {
        case DOSSIER_JSON_ERROR_TOO_LARGE:
          code = DOSSIER_EXCHANGE_ERROR_TOO_LARGE;
          break;
        case DOSSIER_JSON_ERROR_BAD_TEXT:
        case DOSSIER_JSON_ERROR_TOO_DEEP:
        case DOSSIER_JSON_ERROR_STRING_TOO_LONG:
        case DOSSIER_JSON_ERROR_TOO_MANY:
        case DOSSIER_JSON_ERROR_BAD_NUMBER:
          code = DOSSIER_EXCHANGE_ERROR_INVALID;
          break;
        default:
          code = DOSSIER_EXCHANGE_ERROR_NOT_JSON;
        }
      return fail (error, code, "%s", local_error->message);
    }

  /* the header: the whole document with its items left out */
  if (length - items_span.length > DOSSIER_CAMPAIGN_MAX_HEADER_SIZE)
    {
      g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_HEADER_SIZE);

      return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                   /* Translators: %s is a size such as “1.0 MB”. Keep “items” as it is: it
                    * is the name of a field */
                   _("The file holds more than %s besides its “items”."), limit);
    }
  header = g_string_new_len (data, items_span.length ? items_span.offset : length);
  if (items_span.length)
    {
      g_string_append (header, "[]");
      g_string_append_len (header, data + items_span.offset + items_span.length,
                           length - items_span.offset - items_span.length);
    }
  if (!json_parser_load_from_data (parser, header->str, header->len, &local_error))
    return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_JSON,
                 /* Translators: %s is the JSON reader's description of the problem, in
                  * English, with the line and column where it is */
                 _("The file is not valid JSON (%s)."), local_error->message);
  root = json_parser_get_root (parser);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 _("The file is not a JSON Feed: it is not a JSON object."));
  feed = json_node_get_object (root);

  node = json_object_get_member (feed, "version");
  if (node == NULL || (version = node_text (node)) == NULL)
    return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: keep “version” as it is: it is the name of a field */
                 _("The file is not a JSON Feed: it has no “version”."));
  if (!g_str_equal (version, JSON_FEED_1_1) && !g_str_equal (version, JSON_FEED_1_0))
    return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: the first %s is the version the file gives; the others are
                  * the addresses JSON Feed uses as versions. Keep “version” as it is */
                 _("The file’s “version” is “%s”; Dossier reads JSON Feed 1.1 (%s) and 1.0 (%s)."),
                 version, JSON_FEED_1_1, JSON_FEED_1_0);

  /* the campaign format's own version, for changes a reader cannot skip */
  node = json_object_get_member (feed, "_dossier");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *format = json_object_get_member (json_node_get_object (node), "format");

      if (format != NULL &&
          (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64))
        return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                     /* Translators: keep “_dossier.format” as it is: it is a field name */
                     _("The file’s “_dossier.format” must be a whole number."));
      if (format != NULL && json_node_get_int (format) > DOSSIER_CAMPAIGN_FORMAT)
        return fail (error, DOSSIER_EXCHANGE_ERROR_TOO_NEW,
                     /* Translators: the first number is the format of the file, the second
                      * the newest this version of Dossier reads */
                     _("The file was written by a newer version of Dossier (campaign format %d; "
                       "this version reads up to %d). Update Dossier to import it."),
                     (int) MIN (json_node_get_int (format), G_MAXINT), DOSSIER_CAMPAIGN_FORMAT);
    }

  node = json_object_get_member (feed, "feed_url");
  if (node != NULL && node_text (node) != NULL && is_url (node_text (node)) &&
      dossier_text_check (node_text (node), NULL, FALSE, DOSSIER_TEXT_MAX_URL, NULL))
    self->origin = g_strdup (node_text (node));

  node = json_object_get_member (feed, "items");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: keep “items” as it is: it is the name of a field */
                 _("The file is not a JSON Feed: it has no “items”."));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: keep “items” as it is: it is the name of a field */
                 _("The file is not a JSON Feed: its “items” are not a JSON array."));
  self->n_items = n_items = spans->len;

  for (guint i = 0; i < n_items; i++)
    {
      const DossierJsonSpan *span = &g_array_index (spans, DossierJsonSpan, i);
      JsonNode *element;
      JsonObject *item;
      guint index = i + 1;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      if (i % 256 == 0)
        report_progress (self, 0.4 * i / n_items);
      if (!json_parser_load_from_data (parser, data + span->offset, span->length, &local_error))
        return fail (error, DOSSIER_EXCHANGE_ERROR_NOT_JSON,
                     _("The file is not valid JSON (%s)."), local_error->message);
      element = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: %u is the item's position in the file, counted from 1 */
                     _("Item %u is not a JSON object."), index);
      item = json_node_get_object (element);
      if (!read_item_id (self, index, item, error))
        return FALSE;

      node = json_object_get_member (item, "_dossier");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          /* news: a later version links these to cases */
          self->stats.skipped++;
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     _("Item %u: “%s” must be a JSON object."), index, "_dossier");
      if (!read_record_item (self, index, item, json_node_get_object (node), error))
        return FALSE;
    }
  return TRUE;
}

/* Whether a record of @kind with @id will exist once the file is written. */
static gboolean
resolve (Import      *self,
         Kind         kind,
         const char  *id,
         gboolean    *found,
         GError     **error)
{
  g_autoptr(DossierRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer known;

  if (g_hash_table_contains (self->ids[kind], id))
    {
      *found = TRUE;
      return TRUE;
    }
  if ((known = g_hash_table_lookup (self->in_store[kind], id)) != NULL)
    {
      *found = GPOINTER_TO_INT (known) == 1;
      return TRUE;
    }

  record = dossier_store_fetch (self->store, kind_fields[kind].type, id, &local_error);
  if (record == NULL && !g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *found = record != NULL;
  g_hash_table_insert (self->in_store[kind], g_strdup (id), GINT_TO_POINTER (*found ? 1 : 2));
  return TRUE;
}

static gboolean
dangling (guint        index,
          const char  *path,
          Kind         kind,
          const char  *id,
          GError     **error)
{
  switch (kind)
    {
    case KIND_CASE:
      return fail (error, DOSSIER_EXCHANGE_ERROR_REFERENCE,
                   /* Translators: the first placeholder is the item's position in the file,
                    * counted from 1; the second a field such as “_dossier.case_ids”; the third
                    * the id of a case */
                   _("Item %u: “%s” names the case “%s”, which is neither in the file nor in the store."),
                   index, path, id);
    case KIND_TARGET:
      return fail (error, DOSSIER_EXCHANGE_ERROR_REFERENCE,
                   /* Translators: the first placeholder is the item's position in the file,
                    * counted from 1; the second a field such as “_dossier.target_ids”; the
                    * third the id of a target */
                   _("Item %u: “%s” names the target “%s”, which is neither in the file nor in the store."),
                   index, path, id);
    case KIND_UA:
      return fail (error, DOSSIER_EXCHANGE_ERROR_REFERENCE,
                   /* Translators: the first placeholder is the item's position in the file,
                    * counted from 1; the second a field such as “_dossier.follows_id”; the
                    * third the id of an urgent action */
                   _("Item %u: “%s” names the urgent action “%s”, which is neither in the file nor in the store."),
                   index, path, id);
    case KIND_EVENT:
    default:
      g_assert_not_reached ();
    }
}

/* Every id an item refers to names a record of the file or of the store. */
static gboolean
check_references (Import      *self,
                  Entry       *entry,
                  GError     **error)
{
  const KindFields *info = &kind_fields[entry->kind];

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      const Rule *rule = info->rules[i];
      const char *single[2] = { NULL, NULL };
      const char * const *ids;

      if (rule == NULL || !(rule->flags & RULE_REF))
        continue;
      if (field->type == DOSSIER_FIELD_STRING)
        {
          single[0] = dossier_field_get_string (field, entry->record);
          ids = single[0] ? single : NULL;
        }
      else
        ids = dossier_field_get_strv (field, entry->record);

      for (guint n = 0; ids && ids[n]; n++)
        {
          gboolean found = FALSE;

          if (!resolve (self, rule->ref_kind, ids[n], &found, error))
            return FALSE;
          if (!found)
            {
              g_autofree char *path = member_path (info->members[i]);

              return dangling (entry->index, path, rule->ref_kind, ids[n], error);
            }
        }
    }
  return TRUE;
}

/* Another UA of the store must not have the reference of one in the file,
 * in any case or spacing, unless the file gives that UA another one. */
static gboolean
check_reference_free (Import      *self,
                      Entry       *entry,
                      GError     **error)
{
  const char *reference = dossier_record_get_string (entry->record, "reference");
  g_autoptr(DossierRecord) found = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *owner;

  found = dossier_store_find_urgent_action (self->store, reference, &local_error);
  if (found == NULL)
    {
      if (g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  owner = dossier_record_get_id (found);
  /* the same UA, or one the file gives another reference */
  if (g_str_equal (owner, dossier_record_get_id (entry->record)) ||
      g_hash_table_contains (self->ids[KIND_UA], owner))
    return TRUE;
  return fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
               /* Translators: the first placeholder is the item's position in the file,
                * counted from 1; the second a field name; the third its value, such as
                * “UA 065/20” */
               _("Item %u: “%s” is “%s”, which another urgent action in the store already has."),
               entry->index, "_dossier.reference", reference);
}

/* Orders the file's UAs so that one is written after the UA it follows up
 * on (the store checks that reference as each is written), and refuses a
 * loop of follow-ups, which no order could write. */
static gboolean
order_urgent_actions (Import      *self,
                      GError     **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = self->entries->pdata[i];
      Entry *next = entry;

      if (entry->kind != KIND_UA || entry->state == STATE_DONE)
        continue;

      g_ptr_array_set_size (chain, 0);
      while (next != NULL && next->state == STATE_NEW)
        {
          const char *follows = dossier_record_get_string (next->record, "follows-id");

          next->state = STATE_ON_PATH;
          g_ptr_array_add (chain, next);
          next = follows ? g_hash_table_lookup (self->ids[KIND_UA], follows) : NULL;
        }
      if (next != NULL && next->state == STATE_ON_PATH)
        return fail (error, DOSSIER_EXCHANGE_ERROR_REFERENCE,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field name */
                     _("Item %u: “%s” makes a loop: these urgent actions follow up on each other."),
                     next->index, "_dossier.follows_id");
      for (guint n = chain->len; n > 0; n--)
        {
          Entry *step = chain->pdata[n - 1];

          step->state = STATE_DONE;
          g_ptr_array_add (self->ua_order, step);
        }
    }
  return TRUE;
}

static gboolean
validate (Import      *self,
          GError     **error)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = self->entries->pdata[i];

      if (!check_references (self, entry, error))
        return FALSE;
      if (entry->kind == KIND_UA && !check_reference_free (self, entry, error))
        return FALSE;
    }
  return order_urgent_actions (self, error);
}

/* ---- writing ---- */

static gboolean
saving_failed (guint        index,
               GError      *cause,
               GError     **error)
{
  g_set_error (error, cause->domain, cause->code,
               /* Translators: %u is the item's position in the file, counted from 1;
                * %s is the store's explanation, a sentence of its own */
               _("Item %u could not be saved: %s"), index, cause->message);
  g_error_free (cause);
  return FALSE;
}

/* Brings what the user set in the store over to the record from the file. */
static void
keep_local_fields (Kind           kind,
                   DossierRecord *stored,
                   DossierRecord *incoming)
{
  const KindFields *info = &kind_fields[kind];

  for (guint i = 0; i < info->klass->n_fields; i++)
    if (info->rules[i] && (info->rules[i]->flags & RULE_LOCAL))
      {
        const char *name = info->klass->fields[i].name;
        GValue value = G_VALUE_INIT;

        g_object_get_property (G_OBJECT (stored), name, &value);
        g_object_set_property (G_OBJECT (incoming), name, &value);
        g_value_unset (&value);
      }

  /* documents written elsewhere may be spaced differently: compare them
   * as this file would write them */
  if (kind == KIND_UA && dossier_record_get_string (stored, "documents"))
    {
      g_autoptr(JsonNode) node = json_from_string (dossier_record_get_string (stored, "documents"), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *compact = json_object_get_size (json_node_get_object (node))
                                     ? json_to_string (node, FALSE) : NULL;

          dossier_record_set_string (stored, "documents", compact);
        }
    }
}

/* Writes one record: created when absent, updated when it differs.
 * *@changed says whether the store was written. */
static gboolean
write_record (Import         *self,
              Kind            kind,
              guint           index,
              DossierRecord  *incoming,
              const char     *created_at,
              const char     *updated_at,
              gboolean       *created,
              gboolean       *changed,
              GError        **error)
{
  g_autoptr(DossierRecord) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  *created = *changed = FALSE;
  if (!self->empty[kind])
    stored = dossier_store_fetch (self->store, G_OBJECT_TYPE (incoming),
                                  dossier_record_get_id (incoming), &local_error);
  if (stored == NULL)
    {
      if (local_error && !g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_FOUND))
        return saving_failed (index, g_steal_pointer (&local_error), error);
      g_clear_error (&local_error);

      /* a record keeps the times it came with */
      dossier_record_set_created_at (incoming, created_at);
      dossier_record_set_updated_at (incoming, updated_at ? updated_at : created_at);
      if (self->origin)
        dossier_record_set_string (incoming, "origin", self->origin);
      if (!dossier_store_create (self->store, incoming, &local_error))
        return saving_failed (index, g_steal_pointer (&local_error), error);
      *created = *changed = TRUE;
      return TRUE;
    }

  keep_local_fields (kind, stored, incoming);
  if (dossier_record_equal (stored, incoming))
    return TRUE;
  if (!dossier_store_update (self->store, incoming, &local_error))
    return saving_failed (index, g_steal_pointer (&local_error), error);
  *changed = TRUE;
  return TRUE;
}

/* A case's charges are the file's: ones it no longer lists are deleted. */
static gboolean
write_charges (Import    *self,
               Entry     *entry,
               gboolean   case_is_new,
               gboolean  *changed,
               GError   **error)
{
  const char *case_id = dossier_record_get_id (entry->record);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer value;

  /* a case just created has none */
  if (!case_is_new)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CHARGE);
      g_autoptr(GPtrArray) found = NULL;

      dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, case_id);
      if (!(found = dossier_store_query (self->store, query, 0, G_MAXUINT, &local_error)))
        return saving_failed (entry->index, g_steal_pointer (&local_error), error);
      for (guint i = 0; i < found->len; i++)
        g_hash_table_insert (stored, (gpointer) dossier_record_get_id (found->pdata[i]),
                             g_object_ref (found->pdata[i]));
    }

  for (guint i = 0; i < entry->charges->len; i++)
    {
      DossierRecord *charge = entry->charges->pdata[i];
      DossierRecord *old = g_hash_table_lookup (stored, dossier_record_get_id (charge));

      if (old == NULL)
        {
          dossier_record_set_created_at (charge, entry->created_at);
          dossier_record_set_updated_at (charge, entry->updated_at ? entry->updated_at : entry->created_at);
          if (!dossier_store_create (self->store, charge, &local_error))
            return saving_failed (entry->index, g_steal_pointer (&local_error), error);
          *changed = TRUE;
        }
      else
        {
          if (!dossier_record_equal (old, charge))
            {
              if (!dossier_store_update (self->store, charge, &local_error))
                return saving_failed (entry->index, g_steal_pointer (&local_error), error);
              *changed = TRUE;
            }
          g_hash_table_remove (stored, dossier_record_get_id (charge));
        }
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!dossier_store_delete (self->store, DOSSIER_TYPE_CHARGE,
                                 dossier_record_get_id (value), &local_error))
        return saving_failed (entry->index, g_steal_pointer (&local_error), error);
      *changed = TRUE;
    }
  return TRUE;
}

static gboolean
write_entry (Import   *self,
             Entry    *entry,
             GError  **error)
{
  gboolean created = FALSE;
  gboolean changed = FALSE;

  if (!write_record (self, entry->kind, entry->index, entry->record,
                     entry->created_at, entry->updated_at, &created, &changed, error))
    return FALSE;
  if (entry->kind == KIND_CASE && !write_charges (self, entry, created, &changed, error))
    return FALSE;

  if (created)
    self->stats.created++;
  else if (changed)
    self->stats.updated++;
  else
    self->stats.unchanged++;
  return TRUE;
}

static gboolean
write_kind (Import     *self,
            Kind        kind,
            GPtrArray  *entries,
            GError    **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = entries->pdata[i];

      if (entry->kind != kind)
        continue;
      if (self->n_written++ % 256 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
            return FALSE;
          report_progress (self, 0.45 + 0.55 * self->n_written / MAX (self->entries->len, 1));
        }
      if (!write_entry (self, entry, error))
        return FALSE;
    }
  return TRUE;
}

/* A file may hand a reference from one of its UAs to another ("UA 1/20"
 * was the first's, is now the second's): the references that change are
 * released first, so that the UAs can be written in any order. */
static gboolean
release_references (Import   *self,
                    GError  **error)
{
  for (guint i = 0; i < self->ua_order->len; i++)
    {
      Entry *entry = self->ua_order->pdata[i];
      g_autoptr(GError) local_error = NULL;

      if (self->empty[KIND_UA])
        return TRUE;
      if (!dossier_store_release_reference (self->store, dossier_record_get_id (entry->record),
                                            dossier_record_get_string (entry->record, "reference"),
                                            &local_error))
        return saving_failed (entry->index, g_steal_pointer (&local_error), error);
    }
  return TRUE;
}

static gboolean
write_all (Import   *self,
           GError  **error)
{
  if (!dossier_store_begin_bulk (self->store, error))
    return FALSE;

  /* Into a kind the store has none of yet — the first import of a
   * campaign — every record is new: no need to look each one up. The
   * file's ids are unique within a kind, so none is written twice. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (kind_fields[k].type);
      g_autoptr(GPtrArray) found = dossier_store_query (self->store, query, 0, 1, error);

      if (found == NULL)
        {
          dossier_store_rollback (self->store);
          return FALSE;
        }
      self->empty[k] = found->len == 0;
    }

  /* in the order the store's references need */
  if (!write_kind (self, KIND_CASE, self->entries, error) ||
      !write_kind (self, KIND_EVENT, self->entries, error) ||
      !write_kind (self, KIND_TARGET, self->entries, error) ||
      !release_references (self, error) ||
      !write_kind (self, KIND_UA, self->ua_order, error))
    {
      dossier_store_rollback (self->store);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    {
      dossier_store_rollback (self->store);
      return FALSE;
    }
  return dossier_store_commit (self->store, error);
}

/* ---- public API: import ---- */

/**
 * dossier_campaign_import:
 * @data: the campaign document
 * @length: its length in bytes
 * @progress: (nullable): called now and then with how far the import is
 * @cancellable: (nullable): stops the import; then nothing is imported
 * @stats: (out) (optional): what the import did
 *
 * Imports a campaign document into @store: everything or, when the
 * document has a problem, nothing. The error then says which item and
 * field are wrong, and what was expected. Runs as long as the document
 * is large: call it from a worker thread, on a store of its own, where a
 * window is waiting.
 *
 * Returns: %TRUE when every record was imported.
 */
gboolean
dossier_campaign_import (DossierStore              *store,
                         const char                *data,
                         gsize                      length,
                         DossierImportProgressFunc  progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         DossierImportStats        *stats,
                         GError                   **error)
{
  Import self;
  gboolean ok;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (length > DOSSIER_CAMPAIGN_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_SIZE);

      return fail (error, DOSSIER_EXCHANGE_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “32.0 MB” */
                   _("The file is larger than %s, the most Dossier imports at once."), limit);
    }

  ensure_kind_fields ();
  import_init (&self, store);
  self.progress = progress;
  self.progress_data = progress_data;
  self.cancellable = cancellable;
  {
    gint64 t0 = g_get_monotonic_time (), t1 = 0, t2 = 0;

    ok = read_document (&self, data ? data : "", length, error) &&
         (t1 = g_get_monotonic_time (), validate (&self, error)) &&
         (t2 = g_get_monotonic_time (), write_all (&self, error));
    if (ok)
      g_debug ("Imported %u items: read in %.3f s, checked in %.3f s, written in %.3f s",
               self.n_items, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6);
  }
  if (ok)
    report_progress (&self, 1.0);
  if (ok && stats)
    *stats = self.stats;
  import_clear (&self);
  return ok;
}

/**
 * dossier_campaign_import_data:
 * @data: the campaign document
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @stats: (out) (optional): what the import did
 *
 * Imports a campaign document as dossier_campaign_import() does, without
 * progress or cancellation.
 *
 * Returns: %TRUE when every record was imported.
 */
gboolean
dossier_campaign_import_data (DossierStore        *store,
                              const char          *data,
                              gssize               length,
                              DossierImportStats  *stats,
                              GError             **error)
{
  g_return_val_if_fail (data != NULL || length <= 0, FALSE);

  if (length < 0)
    length = strlen (data);
  return dossier_campaign_import (store, data, length, NULL, NULL, NULL, stats, error);
}

/* Reads at most DOSSIER_CAMPAIGN_MAX_SIZE bytes: a pipe or a device may
 * never end, and a regular file may grow while it is read. */
char *
dossier_campaign_read_file (const char  *path,
                            gsize       *length,
                            GError     **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      fail (error, DOSSIER_EXCHANGE_ERROR_READ,
            /* Translators: the first %s is a file name, the second the system's reason */
            _("Could not read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > DOSSIER_CAMPAIGN_MAX_SIZE)
    goto too_large;

  buffer = g_byte_array_sized_new (fstat (fd, &st) == 0 && S_ISREG (st.st_mode)
                                   ? (guint) st.st_size + 1 : READ_CHUNK);
  for (;;)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          fail (error, DOSSIER_EXCHANGE_ERROR_READ,
                _("Could not read “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > DOSSIER_CAMPAIGN_MAX_SIZE)
        goto too_large;
      g_byte_array_append (buffer, chunk, n);
    }
  close (fd);

  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);

too_large:
  close (fd);
  {
    g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_SIZE);

    fail (error, DOSSIER_EXCHANGE_ERROR_TOO_LARGE,
          _("The file is larger than %s, the most Dossier imports at once."), limit);
  }
  return NULL;
}

/**
 * dossier_campaign_import_file:
 * @path: a campaign file
 * @stats: (out) (optional): what the import did
 *
 * Reads @path and imports it as dossier_campaign_import_data() does.
 */
gboolean
dossier_campaign_import_file (DossierStore        *store,
                              const char          *path,
                              DossierImportStats  *stats,
                              GError             **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (!(data = dossier_campaign_read_file (path, &length, error)))
    return FALSE;
  return dossier_campaign_import_data (store, data, length, stats, error);
}

/* ---- export ---- */

static GPtrArray *
fetch_all (DossierStore  *store,
           GType          kind,
           GError       **error)
{
  g_autoptr(DossierQuery) query = dossier_query_new (kind);

  return dossier_store_query (store, query, 0, G_MAXUINT, error);
}

static int
compare_strings (const char *a,
                 const char *b)
{
  return strcmp (a ? a : "", b ? b : "");
}

/* Records sorted by one text field, then id: the same store always gives
 * the same document, whatever order its rows were written in. */
static int
compare_by_field (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const char *field = user_data;
  DossierRecord *ra = *(DossierRecord **) a;
  DossierRecord *rb = *(DossierRecord **) b;
  int cmp = compare_strings (dossier_record_get_string (ra, field),
                             dossier_record_get_string (rb, field));

  return cmp ? cmp : strcmp (dossier_record_get_id (ra), dossier_record_get_id (rb));
}

/* Events follow their cases' order, then their own dates. */
static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *case_order = user_data;
  DossierRecord *ea = *(DossierRecord **) a;
  DossierRecord *eb = *(DossierRecord **) b;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (case_order, dossier_record_get_string (ea, "case-id")));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (case_order, dossier_record_get_string (eb, "case-id")));
  int cmp;

  if (pa != pb)
    return pa < pb ? -1 : 1;
  if ((cmp = compare_strings (dossier_record_get_string (ea, "date"),
                              dossier_record_get_string (eb, "date"))) != 0)
    return cmp;
  return strcmp (dossier_record_get_id (ea), dossier_record_get_id (eb));
}

static int
compare_charges (gconstpointer a,
                 gconstpointer b)
{
  gint64 pa = dossier_record_get_int (*(DossierRecord **) a, "position");
  gint64 pb = dossier_record_get_int (*(DossierRecord **) b, "position");

  return pa < pb ? -1 : pa > pb;
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *text)
{
  if (text != NULL && *text != '\0')
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, text);
    }
}

static void
add_record_fields (JsonBuilder   *builder,
                   Kind           kind,
                   DossierRecord *record)
{
  const KindFields *info = &kind_fields[kind];

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const DossierField *field = &info->klass->fields[i];
      const char *member = info->members[i];

      if (info->rules[i] && (info->rules[i]->flags & RULE_LOCAL))
        continue;

      switch (field->type)
        {
        case DOSSIER_FIELD_STRING:
          {
            const char *text = dossier_field_get_string (field, record);
            g_autoptr(JsonNode) node = NULL;

            if (text == NULL || *text == '\0')
              break;
            if (!(field->flags & DOSSIER_FIELD_FLAG_JSON))
              {
                add_text (builder, member, text);
                break;
              }
            node = json_from_string (text, NULL);
            if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
                json_object_get_size (json_node_get_object (node)) > 0)
              {
                json_builder_set_member_name (builder, member);
                json_builder_add_value (builder, g_steal_pointer (&node));
              }
          }
          break;

        case DOSSIER_FIELD_INT:
          if (dossier_field_get_int (field, record) != 0)
            {
              json_builder_set_member_name (builder, member);
              json_builder_add_int_value (builder, dossier_field_get_int (field, record));
            }
          break;

        case DOSSIER_FIELD_DOUBLE:
          if (dossier_field_get_double (field, record) != 0)
            {
              json_builder_set_member_name (builder, member);
              json_builder_add_double_value (builder, dossier_field_get_double (field, record));
            }
          break;

        case DOSSIER_FIELD_BOOLEAN:
          json_builder_set_member_name (builder, member);
          json_builder_add_boolean_value (builder, dossier_field_get_boolean (field, record));
          break;

        case DOSSIER_FIELD_STRV:
        case DOSSIER_FIELD_LINKS:
          {
            const char * const *values = dossier_field_get_strv (field, record);

            if (values == NULL || values[0] == NULL)
              break;
            json_builder_set_member_name (builder, member);
            json_builder_begin_array (builder);
            for (guint n = 0; values[n]; n++)
              json_builder_add_string_value (builder, values[n]);
            json_builder_end_array (builder);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
add_charges (JsonBuilder *builder,
             GPtrArray   *charges)
{
  if (charges == NULL || charges->len == 0)
    return;

  json_builder_set_member_name (builder, "charges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < charges->len; i++)
    {
      json_builder_begin_object (builder);
      for (guint m = 0; m < G_N_ELEMENTS (charge_members); m++)
        add_text (builder, charge_members[m],
                  dossier_record_get_string (charges->pdata[i], charge_members[m]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* What a reader that knows nothing of `_dossier` shows of a record. */
static void
describe_record (Kind           kind,
                 DossierRecord *record,
                 const char   **title,
                 char         **content)
{
  switch (kind)
    {
    case KIND_CASE:
      *title = dossier_record_get_string (record, "name");
      *content = g_strdup (dossier_record_get_string (record, "summary"));
      break;
    case KIND_EVENT:
      *title = dossier_record_get_string (record, "title");
      *content = g_strdup (dossier_record_get_string (record, "text"));
      break;
    case KIND_TARGET:
      *title = dossier_record_get_string (record, "name");
      *content = g_strdup (dossier_record_get_string (record, "office"));
      break;
    case KIND_UA:
      *title = dossier_record_get_string (record, "reference");
      *content = g_strdup (dossier_record_get_string (record, "title"));
      break;
    default:
      g_assert_not_reached ();
    }
  /* JSON Feed wants content on every item */
  if (*content == NULL)
    *content = g_strdup (*title ? *title : "");
}

/* Items are written one per line, each compact: a campaign reads in a
 * diff item by item, and is no larger than it has to be. */
typedef struct {
  JsonBuilder   *builder;
  JsonGenerator *generator;
  GString       *out;
  GHashTable    *item_ids;
  guint          n_items;
} Writer;

static void
add_item (Writer        *writer,
          Kind           kind,
          DossierRecord *record,
          GPtrArray     *charges)
{
  JsonBuilder *builder = writer->builder;
  const char *id = dossier_record_get_id (record);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *content = NULL;
  const char *title = NULL;

  /* item ids are unique in a feed; record ids only within their kind */
  item_id = g_hash_table_contains (writer->item_ids, id)
            ? g_strconcat (kind_specs[kind].type, ":", id, NULL) : g_strdup (id);
  g_hash_table_add (writer->item_ids, g_strdup (item_id));
  describe_record (kind, record, &title, &content);

  json_builder_reset (builder);
  json_builder_begin_object (builder);
  add_text (builder, "id", item_id);
  add_text (builder, "title", title);
  json_builder_set_member_name (builder, "content_text");
  json_builder_add_string_value (builder, content);
  add_text (builder, "date_published", dossier_record_get_created_at (record));
  add_text (builder, "date_modified", dossier_record_get_updated_at (record));

  json_builder_set_member_name (builder, "_dossier");
  json_builder_begin_object (builder);
  add_text (builder, "type", kind_specs[kind].type);
  add_text (builder, "id", id);
  add_record_fields (builder, kind, record);
  if (kind == KIND_CASE)
    add_charges (builder, charges);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  json_generator_set_root (writer->generator, node);
  g_string_append (writer->out, writer->n_items++ ? ",\n" : "\n");
  json_generator_to_gstring (writer->generator, writer->out);
}

/**
 * dossier_campaign_export:
 * @title: (nullable): the campaign's title
 *
 * Writes every case (with its charges), case event, target and urgent
 * action of @store as a campaign document. The user's own notes and follow
 * flags stay out of it. The same store always gives the same document.
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
char *
dossier_campaign_export (DossierStore  *store,
                         const char    *title,
                         GError       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) title_node = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) charges = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) urgent_actions = NULL;
  g_autoptr(GHashTable) charges_by_case = NULL;
  g_autoptr(GHashTable) case_order = NULL;
  g_autoptr(GHashTable) item_ids = NULL;
  g_autoptr(GString) out = NULL;
  Writer writer;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_kind_fields ();

  if (!(cases = fetch_all (store, DOSSIER_TYPE_CASE, error)) ||
      !(charges = fetch_all (store, DOSSIER_TYPE_CHARGE, error)) ||
      !(events = fetch_all (store, DOSSIER_TYPE_CASE_EVENT, error)) ||
      !(targets = fetch_all (store, DOSSIER_TYPE_TARGET, error)) ||
      !(urgent_actions = fetch_all (store, DOSSIER_TYPE_URGENT_ACTION, error)))
    return NULL;

  g_ptr_array_sort_with_data (cases, compare_by_field, (gpointer) "name");
  g_ptr_array_sort_with_data (targets, compare_by_field, (gpointer) "name");
  g_ptr_array_sort_with_data (urgent_actions, compare_by_field, (gpointer) "reference");

  case_order = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < cases->len; i++)
    g_hash_table_insert (case_order, (gpointer) dossier_record_get_id (cases->pdata[i]),
                         GUINT_TO_POINTER (i + 1));
  g_ptr_array_sort_with_data (events, compare_events, case_order);

  charges_by_case = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < charges->len; i++)
    {
      DossierRecord *charge = charges->pdata[i];
      const char *case_id = dossier_record_get_string (charge, "case-id");
      GPtrArray *list = g_hash_table_lookup (charges_by_case, case_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (charges_by_case, (gpointer) case_id, list);
        }
      g_ptr_array_add (list, charge);
    }

  builder = json_builder_new_immutable ();
  generator = json_generator_new ();
  item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  out = g_string_sized_new (4096);
  writer = (Writer) { builder, generator, out, item_ids, 0 };

  /* Translators: the title of an exported campaign when none is given */
  title_node = json_node_init_string (json_node_alloc (), title && *title ? title : _("Dossier campaign"));
  json_generator_set_root (generator, title_node);
  g_string_append (out, "{\"version\":\"" JSON_FEED_1_1 "\",\"title\":");
  json_generator_to_gstring (generator, out);
  g_string_append_printf (out, ",\"_dossier\":{\"format\":%d},\"items\":[", DOSSIER_CAMPAIGN_FORMAT);

  for (guint i = 0; i < cases->len; i++)
    {
      GPtrArray *list = g_hash_table_lookup (charges_by_case, dossier_record_get_id (cases->pdata[i]));

      if (list)
        g_ptr_array_sort (list, compare_charges);
      add_item (&writer, KIND_CASE, cases->pdata[i], list);
    }
  for (guint i = 0; i < events->len; i++)
    add_item (&writer, KIND_EVENT, events->pdata[i], NULL);
  for (guint i = 0; i < targets->len; i++)
    add_item (&writer, KIND_TARGET, targets->pdata[i], NULL);
  for (guint i = 0; i < urgent_actions->len; i++)
    add_item (&writer, KIND_UA, urgent_actions->pdata[i], NULL);

  g_string_append (out, writer.n_items ? "\n]}" : "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
