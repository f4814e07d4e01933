/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign-private.h"
#include "dossier-charge.h"
#include "dossier-countries.h"
#include "dossier-json-bounds.h"
#include "dossier-links.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

/* Reading a campaign file: checked whole within bounds first, then item by
 * item into records, every value against its field's rules. Nothing here
 * writes to the store. */

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

/* Text that starts as an address does ("javascript:alert(1)",
 * "file:///etc"): as a source it must be a web address, or it would
 * pass for a link to something else. "ACCA: news report" is words. */
static gboolean
looks_like_address (const char *text)
{
  const char *p = text;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '.' || *p == '-')
    p++;
  return *p == ':' && p[1] != '\0' && !g_ascii_isspace (p[1]);
}

/* "en", "kk", "pt-BR", "sr-Latn": two or three letters, then subtags. */
static gboolean
is_language (const char *text)
{
  return dossier_language_code_is_valid (text);
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

char *
dossier_campaign_member_path (const char *member)
{
  return g_strconcat ("_dossier.", member, NULL);
}

/* The text of a string node, or NULL when @node holds anything else. */
const char *
dossier_campaign_node_text (JsonNode *node)
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field such as “_dossier.sources”; the
                  * third the value found in the file */
                 _("Item %u: “%s” must be a web address starting with https:// or http://; “%s” is not one."),
                 index, path, text);
  if ((flags & RULE_SOURCE) && looks_like_address (text) && !is_url (text))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be a web address starting with https:// or http://; “%s” is not one."),
                 index, path, text);
  if ((flags & RULE_EMAIL) && !dossier_email_is_valid (text))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field name; the third the value found */
                 _("Item %u: “%s” must be an email address such as name@example.org; “%s” is not one."),
                 index, path, text);
  if ((flags & RULE_LANGUAGE) && !is_language (text))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
  return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
  return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID, _("Item %u: %s"), index, local_error->message);
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
      const char *text = dossier_campaign_node_text (json_array_get_element (array, i));

      if (text == NULL || dossier_text_is_blank (text))
        goto not_a_list;
      text = normalized = normalize_text (field, text);
      if (!check_field_text (index, path, field, text, error))
        return FALSE;
      if (!check_text (index, path, rule, text, error))
        return FALSE;
      /* the store keeps links in a table keyed by both ends */
      if (seen && !g_hash_table_add (seen, g_strdup (text)))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
                     /* Translators: the first placeholder is the item's position in the
                      * file, counted from 1; the second a field such as “_dossier.case_ids”;
                      * the third the value that appears twice */
                     _("Item %u: “%s” lists “%s” twice."), index, path, text);
      g_strv_builder_add (builder, text);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;

not_a_list:
  return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 /* Translators: the first placeholder is the item's position in the file,
                  * counted from 1; the second a field name */
                 _("Item %u: “%s” must be a JSON object."), index, path);
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &language, &value))
    {
      const char *url = dossier_campaign_node_text (value);
      g_autofree char *member = g_strconcat (path, ".", language, NULL);
      Rule language_rule = { NULL, RULE_LANGUAGE };
      Rule url_rule = { NULL, RULE_URL };

      /* check_text() lets an empty text through: an empty key is no language */
      if (*language == '\0')
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     _("Item %u: “%s” must be a language code such as “en” or “kk”; “%s” is not one."),
                     index, path, language);
      if (!check_text (index, path, &language_rule, language, error))
        return FALSE;
      if (url == NULL || *url == '\0')
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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

/* A record's texts in other languages: language code → object of the
 * texts dossier_translatable_fields() names for @type, each checked as the
 * field it translates, and "translated_from", a language code. Written
 * back in sorted order, so that the same texts make the same store. */
static gboolean
read_translations (guint        index,
                   const char  *path,
                   GType        type,
                   JsonNode    *node,
                   char       **out,
                   GError     **error)
{
  DossierRecordClass *klass = g_type_class_peek (type);
  JsonObject *object;
  JsonObjectIter iter;
  const char *language;
  JsonNode *texts;
  char *edited = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be a JSON object."), index, path);
  object = json_node_get_object (node);
  if (json_object_get_size (object) > DOSSIER_TRANSLATIONS_MAX_LANGUAGES)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” has %u entries; it holds at most %u."),
                 index, path, json_object_get_size (object), DOSSIER_TRANSLATIONS_MAX_LANGUAGES);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &language, &texts))
    {
      g_autofree char *language_path = g_strconcat (path, ".", language, NULL);
      JsonObjectIter text_iter;
      const char *member;
      const char *translated_from = NULL;
      JsonNode *value;

      if (!dossier_language_code_is_valid (language))
        {
          g_free (edited);
          return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                       _("Item %u: “%s” must be a language code such as “en” or “kk”; “%s” is not one."),
                       index, path, language);
        }
      if (!JSON_NODE_HOLDS_OBJECT (texts))
        {
          g_free (edited);
          return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                       _("Item %u: “%s” must be a JSON object."), index, language_path);
        }
      json_object_iter_init (&text_iter, json_node_get_object (texts));
      while (json_object_iter_next (&text_iter, &member, &value))
        {
          g_autofree char *member_path = g_strconcat (language_path, ".", member, NULL);
          const DossierTranslatable *t = dossier_translatable_find (type, member);
          char *next;

          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (g_str_equal (member, "translated_from"))
            {
              const char *from = dossier_campaign_node_text (value);

              if (from == NULL || !dossier_language_code_is_valid (from))
                {
                  g_free (edited);
                  return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                               _("Item %u: “%s” must be a language code such as “en” or “kk”; “%s” is not one."),
                               index, member_path, from ? from : "");
                }
              /* kept for after the texts: with none, there is nothing to mark */
              translated_from = from;
              continue;
            }
          else if (t == NULL || g_strcmp0 (t->member, member) != 0)
            continue;  /* as elsewhere: what Dossier does not know is ignored */
          else if (t->list)
            {
              const DossierField *field = dossier_record_class_find_field (klass, t->field);
              g_auto(GStrv) values = NULL;

              if (!read_text_list (index, member_path, field, NULL, value, &values, error))
                {
                  g_free (edited);
                  return FALSE;
                }
              next = dossier_translations_with_strv (edited, language, member, (const char * const *) values);
            }
          else
            {
              const DossierField *field = dossier_record_class_find_field (klass, t->field);
              const char *text = dossier_campaign_node_text (value);
              g_autofree char *normalized = NULL;

              if (text == NULL)
                {
                  g_free (edited);
                  return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                               _("Item %u: “%s” must be text (a JSON string)."), index, member_path);
                }
              normalized = normalize_text (field, text);
              if (!check_field_text (index, member_path, field, normalized, error))
                {
                  g_free (edited);
                  return FALSE;
                }
              next = dossier_translations_with_text (edited, language, member, normalized);
            }
          g_free (edited);
          edited = next;
        }
      if (translated_from && edited)
        {
          char *next = dossier_translations_with_text (edited, language, "translated_from", translated_from);

          g_free (edited);
          edited = next;
        }
    }
  *out = edited;
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
  g_autofree char *path = dossier_campaign_member_path (member);
  guint index = entry->index;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & RULE_REQUIRED)
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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

          if (g_str_equal (field->name, "translations")
              ? !read_translations (index, path, G_OBJECT_TYPE (entry->record), node, &json, error)
              : !read_documents (index, path, rule, node, &json, error))
            return FALSE;
          dossier_field_set_string (field, entry->record, json);
          return TRUE;
        }
      else
        {
          g_autofree char *normalized = NULL;
          const char *text = dossier_campaign_node_text (node);

          if (text == NULL)
            return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         _("Item %u: “%s” must be text (a JSON string)."), index, path);
          text = normalized = normalize_text (field, text);
          if (!check_field_text (index, path, field, text, error))
            return FALSE;
          if ((flags & RULE_REQUIRED) && dossier_text_is_blank (text))
            return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first placeholder is the item's position in the
                          * file, counted from 1; the second a field name */
                         _("Item %u: “%s” must not be empty."), index, path);
          if ((field->flags & DOSSIER_FIELD_FLAG_DATE) && *text && !dossier_date_is_valid (text))
            return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first placeholder is the item's position in the
                          * file, counted from 1; the second a field name; the third the
                          * value found. Keep YYYY-MM-DD as it is */
                         _("Item %u: “%s” must be a real date written YYYY-MM-DD; “%s” is not one."),
                         index, path, text);
          if ((field->flags & DOSSIER_FIELD_FLAG_PARTIAL_DATE) && *text &&
              !dossier_partial_date_is_valid (text))
            return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first placeholder is the item's position in the
                          * file, counted from 1; the second a field name; the third the
                          * value found. Keep YYYY, YYYY-MM and YYYY-MM-DD as they are */
                         _("Item %u: “%s” must be a year, a month or a day written YYYY, YYYY-MM or YYYY-MM-DD; “%s” is not one."),
                         index, path, text);
          if ((flags & RULE_ENUM) && (*text || (flags & RULE_REQUIRED)) &&
              !dossier_enum_has (rule->vocabulary, text))
            {
              g_autofree char *choices = enum_choices (rule->vocabulary);

              return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                           /* Translators: the first placeholder is the item's position in
                            * the file, counted from 1; the second a field name; the third the
                            * value found; the last the values allowed, separated by commas */
                           _("Item %u: “%s” cannot be “%s”; it must be one of: %s."),
                           index, path, text, choices);
            }
          if (!check_text (index, path, rule, text, error))
            return FALSE;
          /* the store keeps a country's code; a file from before codes
           * names it in words ("Kazakhstan"), which finds the same */
          if ((flags & RULE_COUNTRY) && !dossier_text_is_blank (text))
            {
              const char *code = dossier_country_code_from_text (text);

              if (code == NULL)
                return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                             /* Translators: the first placeholder is the item's position in
                              * the file, counted from 1; the second a field such as
                              * “_dossier.country”; the third the value found. Keep “KZ” as it is */
                             _("Item %u: “%s” must be a country’s two-letter code such as “KZ”, or its name in English; “%s” is no country Dossier knows."),
                             index, path, text);
              text = code;
            }
          dossier_field_set_string (field, entry->record, *text ? text : NULL);
          return TRUE;
        }

    case DOSSIER_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0)
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field such as “_dossier.goal” */
                     _("Item %u: “%s” must be a whole number, 0 or more."), index, path);
      dossier_field_set_int (field, entry->record, json_node_get_int (node));
      return TRUE;

    case DOSSIER_FIELD_DOUBLE:
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_INT64 &&
           json_node_get_value_type (node) != G_TYPE_DOUBLE))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: the first placeholder is the item's position in the file,
                      * counted from 1; the second a field name */
                     _("Item %u: “%s” must be a number."), index, path);
      dossier_field_set_double (field, entry->record, json_node_get_double (node));
      return TRUE;

    case DOSSIER_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
          return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     _("Item %u: “%s” has %u entries; it holds at most %u."),
                     entry->index, "_dossier.charges", json_array_get_length (array),
                     DOSSIER_LIST_MAX_ENTRIES);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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

      for (guint m = 0; m < G_N_ELEMENTS (dossier_campaign_charge_members); m++)
        {
          JsonNode *value = json_object_get_member (object, dossier_campaign_charge_members[m]);
          const char *text;

          if (value == NULL || JSON_NODE_HOLDS_NULL (value))
            continue;
          if ((text = dossier_campaign_node_text (value)) == NULL)
            return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                         /* Translators: the first %u is the item's position in the file; %s a
                          * field of a charge such as “article”; the second %u the charge's
                          * position in its list. Both positions are counted from 1 */
                         _("Item %u: “%s” of charge %u must be text (a JSON string)."),
                         entry->index, dossier_campaign_charge_members[m], i + 1);
          {
            const DossierField *field = dossier_record_class_find_field (charge_class, dossier_campaign_charge_members[m]);
            g_autofree char *path = g_strdup_printf ("_dossier.charges[%u].%s", i + 1, dossier_campaign_charge_members[m]);
            g_autofree char *normalized = normalize_text (field, text);

            if (!check_field_text (entry->index, path, field, normalized, error))
              return FALSE;
            dossier_record_set_string (charge, dossier_campaign_charge_members[m], *normalized ? normalized : NULL);
          }
        }

      {
        JsonNode *value = json_object_get_member (object, "translations");
        g_autofree char *path = g_strdup_printf ("_dossier.charges[%u].translations", i + 1);
        g_autofree char *json = NULL;

        if (value && !JSON_NODE_HOLDS_NULL (value))
          {
            if (!read_translations (entry->index, path, DOSSIER_TYPE_CHARGE, value, &json, error))
              return FALSE;
            dossier_record_set_string (charge, "translations", json);
          }
      }

      if (dossier_text_is_blank (dossier_record_get_string (charge, "article")) &&
          dossier_text_is_blank (dossier_record_get_string (charge, "description")))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
  text = dossier_campaign_node_text (node);
  /* a time needs its date and its zone: "2020-04-17T21:00:00+06:00" */
  if (text != NULL && strlen (text) >= 20 && text[10] == 'T')
    time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    {
      g_autofree char *shown = text ? g_strdup (text) : g_strdup (json_node_type_name (node));

      return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                   /* Translators: the first placeholder is the item's position in the file,
                    * counted from 1; the second a field such as “date_published”; the third
                    * the value found. Keep the example as it is */
                   _("Item %u: “%s” must be a date and time such as 2020-04-17T21:00:00+06:00; “%s” is not one."),
                   index, member, shown);
    }
  /* in UTC, as stored, the year has four digits: 9999-12-31T23:00-05:00
   * would be in the year 10000 */
  if (g_date_time_to_unix (time) < TIME_MIN || g_date_time_to_unix (time) > TIME_MAX)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” is missing; it is required."), index, "id");
  /* JSON Feed 1.0 allowed a number here */
  if (dossier_campaign_node_text (node) != NULL)
    id = g_strdup (dossier_campaign_node_text (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be text (a JSON string)."), index, "id");
  if (dossier_text_is_blank (id))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must not be empty."), index, "id");
  if (!check_plain_text (index, "id", id, DOSSIER_TEXT_MAX_URL, error))
    return FALSE;

  if ((other = g_hash_table_lookup (self->item_ids, id)) != NULL)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” is missing; it is required."), index, "_dossier.type");
  if ((type = dossier_campaign_node_text (node)) == NULL)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be text (a JSON string)."), index, "_dossier.type");
  for (kind = 0; kind < N_KINDS; kind++)
    if (g_str_equal (type, dossier_campaign_kind_specs[kind].type))
      break;
  /* DESIGN.md first named a case's news "case_update" */
  if (kind == N_KINDS && g_str_equal (type, "case_update"))
    kind = KIND_EVENT;
  if (kind == N_KINDS)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” cannot be “%s”; it must be one of: %s."),
                 index, "_dossier.type", type, "case, case_event, urgent_action, target");

  /* its id, unique among the file's records of that kind */
  node = json_object_get_member (object, "id");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” is missing; it is required."), index, "_dossier.id");
  if ((id = dossier_campaign_node_text (node)) == NULL)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must be text (a JSON string)."), index, "_dossier.id");
  if (dossier_text_is_blank (id))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                 _("Item %u: “%s” must not be empty."), index, "_dossier.id");
  if (!check_plain_text (index, "_dossier.id", id, MAX_ID_LENGTH, error))
    return FALSE;
  if ((other = g_hash_table_lookup (self->ids[kind], id)) != NULL)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
                 _("Item %u: “%s” is “%s”, which item %u already uses."),
                 index, "_dossier.id", id, other->index);

  entry = g_new0 (Entry, 1);
  entry->index = index;
  entry->kind = kind;
  g_ptr_array_add (self->entries, entry);

  info = &dossier_campaign_kind_fields[kind];
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
          return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
            return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE,
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
gboolean
dossier_campaign_read_document (Import      *self,
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
      return dossier_campaign_fail (error, code, "%s", local_error->message);
    }

  /* the header: the whole document with its items left out */
  if (length - items_span.length > DOSSIER_CAMPAIGN_MAX_HEADER_SIZE)
    {
      g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_HEADER_SIZE);

      return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
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
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_JSON,
                 /* Translators: %s is the JSON reader's description of the problem, in
                  * English, with the line and column where it is */
                 _("The file is not valid JSON (%s)."), local_error->message);
  root = json_parser_get_root (parser);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 _("The file is not a JSON Feed: it is not a JSON object."));
  feed = json_node_get_object (root);

  node = json_object_get_member (feed, "version");
  if (node == NULL || (version = dossier_campaign_node_text (node)) == NULL)
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: keep “version” as it is: it is the name of a field */
                 _("The file is not a JSON Feed: it has no “version”."));
  if (!g_str_equal (version, JSON_FEED_1_1) && !g_str_equal (version, JSON_FEED_1_0))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
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
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                     /* Translators: keep “_dossier.format” as it is: it is a field name */
                     _("The file’s “_dossier.format” must be a whole number."));
      if (format != NULL && json_node_get_int (format) > DOSSIER_CAMPAIGN_FORMAT)
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_TOO_NEW,
                     /* Translators: the first number is the format of the file, the second
                      * the newest this version of Dossier reads */
                     _("The file was written by a newer version of Dossier (campaign format %d; "
                       "this version reads up to %d). Update Dossier to import it."),
                     (int) MIN (json_node_get_int (format), G_MAXINT), DOSSIER_CAMPAIGN_FORMAT);
    }

  node = json_object_get_member (feed, "feed_url");
  if (node != NULL && dossier_campaign_node_text (node) != NULL && is_url (dossier_campaign_node_text (node)) &&
      dossier_text_check (dossier_campaign_node_text (node), NULL, FALSE, DOSSIER_TEXT_MAX_URL, NULL))
    self->origin = g_strdup (dossier_campaign_node_text (node));

  node = json_object_get_member (feed, "title");
  if (node != NULL && dossier_campaign_node_text (node) != NULL)
    {
      g_autofree char *title = dossier_feed_entry_text_line (dossier_campaign_node_text (node));

      if (title && *title)
        self->title = g_steal_pointer (&title);
    }

  node = json_object_get_member (feed, "items");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: keep “items” as it is: it is the name of a field */
                 _("The file is not a JSON Feed: it has no “items”."));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
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
        dossier_campaign_report_progress (self, 0.4 * i / n_items);
      if (!json_parser_load_from_data (parser, data + span->offset, span->length, &local_error))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_JSON,
                     _("The file is not valid JSON (%s)."), local_error->message);
      element = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     /* Translators: %u is the item's position in the file, counted from 1 */
                     _("Item %u is not a JSON object."), index);
      item = json_node_get_object (element);
      if (!read_item_id (self, index, item, error))
        return FALSE;

      node = json_object_get_member (item, "_dossier");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          /* news: read as a feed reader reads a JSON Feed's item, and
           * stored as the campaign's feed's items */
          g_ptr_array_add (self->news, dossier_feed_entry_from_json_item (item, self->origin));
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                     _("Item %u: “%s” must be a JSON object."), index, "_dossier");
      if (!read_record_item (self, index, item, json_node_get_object (node), error))
        return FALSE;
    }
  return TRUE;
}
