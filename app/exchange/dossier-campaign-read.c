/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign-private.h"
#include "dossier-case.h"
#include "dossier-charge.h"
#include "dossier-countries.h"
#include "dossier-feed-item.h"
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

/* The text of a string node, or NULL when @node holds anything else. */
const char *
dossier_campaign_node_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* ---- what is wrong, and where ---- */

static gboolean
fail_not_text (Place   *at,
               GError **error)
{
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * name”; the last is where it is in the file, a path such as
                   * items[1]._dossier.name */
                  _("%s: %s must be text (%s)."));
}

static gboolean
fail_empty (Place   *at,
            GError **error)
{
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * name”; the last is where it is in the file, a path such as
                   * items[1]._dossier.name */
                  _("%s: %s must not be empty (%s)."));
}

static gboolean
fail_missing (Place   *at,
              GError **error)
{
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * name”; the last is where it is in the file, a path such as
                   * items[1]._dossier.name */
                  _("%s: %s is missing; it is required (%s)."));
}

static gboolean
fail_not_object (Place   *at,
                 GError **error)
{
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * translations”; the last is where it is in the file, a path such as
                   * items[1]._dossier.translations */
                  _("%s: %s must be a JSON object (%s)."));
}

static gboolean
fail_not_language (Place       *at,
                   const char  *text,
                   GError     **error)
{
  g_autofree char *shown = dossier_campaign_shown (text);

  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * language to write in”; the third is the value found; the last is where
                   * it is in the file, a path such as items[1]._dossier.language. “en” and
                   * “kk” are codes: keep them as they are */
                  _("%s: %s must be a language code such as “en” or “kk”; “%s” is not one (%s)."),
                  shown);
}

/* A member of an object of languages ("translations", "documents") that
 * is not a language code. */
static gboolean
fail_not_language_key (Place       *at,
                       const char  *key,
                       GError     **error)
{
  g_autofree char *shown = dossier_campaign_shown (key);

  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * translations”, which holds texts for each language; the third is a
                   * member of it found in the file; the last is where it is in the file, a
                   * path such as items[1]._dossier.translations.Russian. “en” and “kk” are
                   * codes: keep them as they are */
                  _("%s: %s must be listed by language code, such as “en” or “kk”; “%s” is not one (%s)."),
                  shown);
}

static gboolean
fail_too_many (Place   *at,
               guint    length,
               guint    max_length,
               GError **error)
{
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a list, such as “the
                   * tags”; the numbers count entries: the most it can hold, then how many
                   * the file gives; the last %s is where it is in the file, a path such
                   * as items[1]._dossier.tags */
                  g_dngettext (GETTEXT_PACKAGE,
                               "%s: %s can hold at most %u entry, not %u (%s).",
                               "%s: %s can hold at most %u entries, not %u (%s).", max_length),
                  max_length, length);
}

/* ---- checks on text ---- */

/* What the store would refuse (dossier_text_check()), said of @at. */
static gboolean
check_text_value (Place       *at,
                  const char  *text,
                  gboolean     multiline,
                  guint        max_length,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (dossier_text_check (text, NULL, multiline, max_length, &local_error))
    return TRUE;

  if (g_error_matches (local_error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_CONTROL))
    {
      const char *p;
      gunichar c = 0;

      /* the first control character, as dossier_text_check() finds it */
      for (p = text; *p; p = g_utf8_next_char (p))
        {
          c = g_utf8_get_char (p);
          if (g_unichar_iscntrl (c) && !(multiline && (c == '\n' || c == '\t')))
            break;
        }
      if (!multiline && (c == '\n' || c == '\r'))
        return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                        /* Translators: the first %s says which item and record, such as
                         * “Item 2, the case “Alnur Ilyashev””; the second names a field, such
                         * as “the city”; the last is where it is in the file, a path such as
                         * items[1]._dossier.city */
                        _("%s: %s must be a single line, without line breaks (%s)."));
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 2, the case “Alnur Ilyashev””; the second names a field, such as “the
                       * city”; U+%04X is the code of an invisible character, such as U+001B;
                       * the last %s is where it is in the file, a path such as
                       * items[1]._dossier.city */
                      _("%s: %s cannot hold the control character U+%04X, which is not text (%s)."),
                      c);
    }
  if (g_error_matches (local_error, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_TOO_LONG))
    return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                    /* Translators: the first %s says which item and record, such as “Item 2,
                     * the case “Alnur Ilyashev””; the second names a field, such as “the
                     * city”; the numbers count characters: the most it holds, then how many
                     * the file gives; the last %s is where it is in the file, a path such as
                     * items[1]._dossier.city */
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s: %s can be at most %u character long, not %u (%s).",
                                 "%s: %s can be at most %u characters long, not %u (%s).", max_length),
                    max_length, (guint) g_utf8_strlen (text, -1));
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * city”; the last is where it is in the file, a path such as
                   * items[1]._dossier.city */
                  _("%s: %s must be text in UTF-8 (%s)."));
}

/* The same for a field's text, by the field's own limits. */
static gboolean
check_field_text (Place               *at,
                  const DossierField  *field,
                  const char          *text,
                  GError             **error)
{
  gboolean multiline = dossier_field_is_multiline (field) && field->type != DOSSIER_FIELD_LINKS;

  return check_text_value (at, text, multiline, dossier_field_max_length (field), error);
}

/* What a rule asks of a text besides: an address, an email, a language. */
static gboolean
check_text (Place       *at,
            const Rule  *rule,
            const char  *text,
            GError     **error)
{
  RuleFlags flags = rule ? rule->flags : 0;
  g_autofree char *shown = NULL;

  if (*text == '\0')
    return TRUE;
  if (((flags & RULE_URL) && !is_url (text)) ||
      ((flags & RULE_SOURCE) && looks_like_address (text) && !is_url (text)))
    {
      shown = dossier_campaign_shown (text);
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 2, the case “Alnur Ilyashev””; the second names a field, such as “the
                       * sources”; the third is the value found; the last is where it is in
                       * the file, a path such as items[1]._dossier.sources[0] */
                      _("%s: %s must be a web address starting with https:// or http://; “%s” is not one (%s)."),
                      shown);
    }
  if ((flags & RULE_EMAIL) && !dossier_email_is_valid (text))
    {
      shown = dossier_campaign_shown (text);
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 2, the target “Prosecutor General””; the second names a field, such as
                       * “the email address”; the third is the value found; the last is where
                       * it is in the file, a path such as items[115]._dossier.email */
                      _("%s: %s must be written like name@example.org; “%s” is not (%s)."),
                      shown);
    }
  if ((flags & RULE_LANGUAGE) && !is_language (text))
    return fail_not_language (at, text, error);
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

/* ---- reading one item ---- */

static gboolean
fail_not_list (Place   *at,
               GError **error)
{
  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a list, such as “the
                   * tags”; the last is where it is in the file, a path such as
                   * items[1]._dossier.tags */
                  _("%s: %s must be a list of texts, none of them empty (%s)."));
}

static gboolean
read_text_list (Place              *at,
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
    return fail_not_list (at, error);
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length > DOSSIER_LIST_MAX_ENTRIES)
    return fail_too_many (at, length, DOSSIER_LIST_MAX_ENTRIES, error);
  if (rule && (rule->flags & RULE_REF))
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < length; i++)
    {
      g_auto(Place) entry_at = { .parent = at, .element = i };
      g_autofree char *normalized = NULL;
      const char *text = dossier_campaign_node_text (json_array_get_element (array, i));

      if (text == NULL || dossier_text_is_blank (text))
        return fail_not_list (&entry_at, error);
      text = normalized = normalize_text (field, text);
      if (!check_field_text (&entry_at, field, text, error) ||
          !check_text (&entry_at, rule, text, error))
        return FALSE;
      /* the store keeps links in a table keyed by both ends */
      if (seen && !g_hash_table_add (seen, g_strdup (text)))
        {
          g_autofree char *shown = dossier_campaign_shown (text);

          return fail_at (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE, &entry_at,
                          /* Translators: the first %s says which item and record, such as
                           * “Item 138, the urgent action “UA 065/20””; the second names a
                           * list, such as “the cases it is for”; the third is the value that
                           * appears twice; the last is where it is in the file, a path such
                           * as items[137]._dossier.case_ids[2] */
                          _("%s: %s cannot name “%s” twice (%s)."), shown);
        }
      g_strv_builder_add (builder, text);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* The UA's documents: {"en": "https://…", "de": "https://…"}, kept as the
 * compact JSON text of that object. */
static gboolean
read_documents (Place       *at,
                JsonNode    *node,
                char       **out,
                GError     **error)
{
  static const Rule url_rule = { NULL, RULE_URL };
  JsonObject *object;
  JsonObjectIter iter;
  const char *language;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_not_object (at, error);
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &language, &value))
    {
      g_auto(Place) document_at = { .parent = at, .member = language, .words = WORDS_DOCUMENT };
      const char *url = dossier_campaign_node_text (value);

      if (!is_language (language))
        {
          g_auto(Place) key_at = { .parent = at, .member = language };

          return fail_not_language_key (&key_at, language, error);
        }
      if (url == NULL || *url == '\0')
        return fail_not_text (&document_at, error);
      if (!check_text (&document_at, &url_rule, url, error) ||
          !check_text_value (&document_at, url, FALSE, DOSSIER_TEXT_MAX_URL, error))
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
read_translations (Place       *at,
                   GType        type,
                   JsonNode    *node,
                   char       **out,
                   GError     **error)
{
  DossierRecordClass *klass = g_type_class_peek (type);
  g_autofree char *edited = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *language;
  JsonNode *texts;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_not_object (at, error);
  object = json_node_get_object (node);
  if (json_object_get_size (object) > DOSSIER_TRANSLATIONS_MAX_LANGUAGES)
    return fail_too_many (at, json_object_get_size (object), DOSSIER_TRANSLATIONS_MAX_LANGUAGES, error);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &language, &texts))
    {
      g_auto(Place) language_at = { .parent = at, .member = language, .words = WORDS_TRANSLATIONS };
      JsonObjectIter text_iter;
      const char *member;
      const char *translated_from = NULL;
      JsonNode *value;

      if (!dossier_language_code_is_valid (language))
        {
          g_auto(Place) key_at = { .parent = at, .member = language };

          return fail_not_language_key (&key_at, language, error);
        }
      if (!JSON_NODE_HOLDS_OBJECT (texts))
        return fail_not_object (&language_at, error);
      json_object_iter_init (&text_iter, json_node_get_object (texts));
      while (json_object_iter_next (&text_iter, &member, &value))
        {
          g_auto(Place) text_at = { .parent = &language_at, .member = member, .type = type,
                                    .words = WORDS_IN_LANGUAGE };
          const DossierTranslatable *t = dossier_translatable_find (type, member);
          char *next;

          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (g_str_equal (member, "translated_from"))
            {
              const char *from = dossier_campaign_node_text (value);

              text_at.words = WORDS_TRANSLATED_FROM;
              if (from == NULL)
                return fail_not_text (&text_at, error);
              if (!dossier_language_code_is_valid (from))
                return fail_not_language (&text_at, from, error);
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

              if (!read_text_list (&text_at, field, NULL, value, &values, error))
                return FALSE;
              next = dossier_translations_with_strv (edited, language, member, (const char * const *) values);
            }
          else
            {
              const DossierField *field = dossier_record_class_find_field (klass, t->field);
              const char *text = dossier_campaign_node_text (value);
              g_autofree char *normalized = NULL;

              if (text == NULL)
                return fail_not_text (&text_at, error);
              normalized = normalize_text (field, text);
              if (!check_field_text (&text_at, field, normalized, error))
                return FALSE;
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
  *out = g_steal_pointer (&edited);
  return TRUE;
}

static gboolean
read_field (Import              *self,
            Entry               *entry,
            Place               *record_at,
            const DossierField  *field,
            const Rule          *rule,
            const char          *member,
            JsonNode            *node,
            GError             **error)
{
  RuleFlags flags = rule ? rule->flags : 0;
  g_auto(Place) at = { .parent = record_at, .member = member, .type = G_OBJECT_TYPE (entry->record) };

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return (flags & RULE_REQUIRED) ? fail_missing (&at, error) : TRUE;

  switch (field->type)
    {
    case DOSSIER_FIELD_STRING:
      if (field->flags & DOSSIER_FIELD_FLAG_JSON)
        {
          g_autofree char *json = NULL;

          if (g_str_equal (field->name, "translations")
              ? !read_translations (&at, G_OBJECT_TYPE (entry->record), node, &json, error)
              : !read_documents (&at, node, &json, error))
            return FALSE;
          dossier_field_set_string (field, entry->record, json);
          return TRUE;
        }
      else
        {
          g_autofree char *normalized = NULL;
          g_autofree char *shown = NULL;
          const char *text = dossier_campaign_node_text (node);

          if (text == NULL)
            return fail_not_text (&at, error);
          text = normalized = normalize_text (field, text);
          if (!check_field_text (&at, field, text, error))
            return FALSE;
          if ((flags & RULE_REQUIRED) && dossier_text_is_blank (text))
            return fail_empty (&at, error);
          if ((field->flags & DOSSIER_FIELD_FLAG_DATE) && *text && !dossier_date_is_valid (text))
            {
              shown = dossier_campaign_shown (text);
              return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                              /* Translators: the first %s says which item and record, such as
                               * “Item 138, the urgent action “UA 065/20””; the second names a
                               * field, such as “the deadline”; the third is the value found;
                               * the last is where it is in the file, a path such as
                               * items[137]._dossier.deadline. Keep YYYY-MM-DD as it is */
                              _("%s: %s must be a real date written YYYY-MM-DD; “%s” is not one (%s)."),
                              shown);
            }
          if ((field->flags & DOSSIER_FIELD_FLAG_PARTIAL_DATE) && *text &&
              !dossier_partial_date_is_valid (text))
            {
              shown = dossier_campaign_shown (text);
              return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                              /* Translators: the first %s says which item and record, such as
                               * “Item 116, the target “Prosecutor General””; the second names a
                               * field, such as “the date they took office”; the third is the
                               * value found; the last is where it is in the file, a path such
                               * as items[115]._dossier.held_from. Keep YYYY, YYYY-MM and
                               * YYYY-MM-DD as they are */
                              _("%s: %s must be a year, a month or a day written YYYY, YYYY-MM or YYYY-MM-DD; “%s” is not one (%s)."),
                              shown);
            }
          if ((flags & RULE_ENUM) && (*text || (flags & RULE_REQUIRED)) &&
              !dossier_enum_has (rule->vocabulary, text))
            {
              g_autofree char *choices = enum_choices (rule->vocabulary);

              shown = dossier_campaign_shown (text);
              return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                              /* Translators: the first %s says which item and record, such as
                               * “Item 2, the case “Alnur Ilyashev””; the second names a field,
                               * such as “the status”; the third is the value found; the fourth
                               * the values allowed, as the file writes them, separated by
                               * commas; the last is where it is in the file, a path such as
                               * items[1]._dossier.status */
                              _("%s: %s cannot be “%s”; it must be one of: %s (%s)."),
                              shown, choices);
            }
          if (!check_text (&at, rule, text, error))
            return FALSE;
          /* the store keeps a country's code; a file from before codes
           * names it in words ("Kazakhstan"), which finds the same */
          if ((flags & RULE_COUNTRY) && !dossier_text_is_blank (text))
            {
              const char *code = dossier_country_code_from_text (text);

              if (code == NULL)
                {
                  shown = dossier_campaign_shown (text);
                  return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                                  /* Translators: the first %s says which item and record, such as
                                   * “Item 2, the case “Alnur Ilyashev””; the second names a field,
                                   * such as “the country”; the third is the value found; the last
                                   * is where it is in the file, a path such as
                                   * items[1]._dossier.country. Keep “KZ” as it is */
                                  _("%s: %s must be a country’s two-letter code such as “KZ”, or its name in English; “%s” is no country Dossier knows (%s)."),
                                  shown);
                }
              text = code;
            }
          dossier_field_set_string (field, entry->record, *text ? text : NULL);
          return TRUE;
        }

    case DOSSIER_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0)
        return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                        /* Translators: the first %s says which item and record, such as
                         * “Item 138, the urgent action “UA 065/20””; the second names a field,
                         * such as “the goal”; the last is where it is in the file, a path such
                         * as items[137]._dossier.goal */
                        _("%s: %s must be a whole number, 0 or more (%s)."));
      dossier_field_set_int (field, entry->record, json_node_get_int (node));
      return TRUE;

    case DOSSIER_FIELD_DOUBLE:
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_INT64 &&
           json_node_get_value_type (node) != G_TYPE_DOUBLE))
        return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                        /* Translators: the first %s says which item and record, such as
                         * “Item 2, the case “Alnur Ilyashev””; the second names a field; the
                         * last is where it is in the file, a path such as
                         * items[1]._dossier.name */
                        _("%s: %s must be a number (%s)."));
      dossier_field_set_double (field, entry->record, json_node_get_double (node));
      return TRUE;

    case DOSSIER_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                        /* Translators: the first %s says which item and record, such as
                         * “Item 2, the case “Alnur Ilyashev””; the second names a field, such
                         * as “the prisoner of conscience mark”; the last is where it is in the
                         * file, a path such as items[1]._dossier.prisoner_of_conscience. Keep
                         * true and false as they are: they are what the file must hold */
                        _("%s: %s must be true or false (%s)."));
      dossier_field_set_boolean (field, entry->record, json_node_get_boolean (node));
      return TRUE;

    case DOSSIER_FIELD_STRV:
    case DOSSIER_FIELD_LINKS:
      {
        g_auto(GStrv) values = NULL;

        if (!read_text_list (&at, field, rule, node, &values, error))
          return FALSE;
        if ((flags & RULE_REQUIRED) && values[0] == NULL)
          return fail_empty (&at, error);
        dossier_field_set_strv (field, entry->record, (const char * const *) values);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_charges (Entry       *entry,
              Place       *record_at,
              JsonNode    *node,
              GError     **error)
{
  const char *case_id = dossier_record_get_id (entry->record);
  DossierRecordClass *charge_class = g_type_class_peek (DOSSIER_TYPE_CHARGE);
  g_auto(Place) charges_at = { .parent = record_at, .member = "charges", .type = DOSSIER_TYPE_CASE };
  JsonArray *array;

  entry->charges = g_ptr_array_new_with_free_func (g_object_unref);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &charges_at,
                    /* Translators: the first %s says which item and record, such as “Item 2,
                     * the case “Alnur Ilyashev””; the second names a field, such as “the
                     * charges”; the last is where it is in the file, a path such as
                     * items[1]._dossier.charges */
                    _("%s: %s must be a JSON array (%s)."));

  array = json_node_get_array (node);
  if (json_array_get_length (array) > DOSSIER_LIST_MAX_ENTRIES)
    return fail_too_many (&charges_at, json_array_get_length (array), DOSSIER_LIST_MAX_ENTRIES, error);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      Subject subject;
      g_auto(Place) charge_at = { .parent = &charges_at, .element = i, .subject = &subject };
      g_auto(Place) translations_at = { .parent = &charge_at, .member = "translations",
                                        .type = DOSSIER_TYPE_CHARGE };
      g_autoptr(DossierRecord) charge = NULL;
      g_autofree char *id = NULL;
      JsonObject *object;
      JsonNode *value;

      dossier_campaign_entry_subject (entry, &subject);
      subject.charge = i + 1;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                                      /* Translators: the first %s says which item, or which charge
                                       * of which item, such as “Item 5” or “Item 2, charge 1 of the
                                       * case “Alnur Ilyashev””; the last is where it is in the file,
                                       * a path such as items[4] */
                                      _("%s is not a JSON object (%s)."),
                                      dossier_campaign_place_item (&charge_at),
                                      dossier_campaign_place_path (&charge_at));
      object = json_node_get_object (element);

      /* stable, so that importing again finds the same charge */
      id = g_strdup_printf ("%s/charge/%u", case_id, i + 1);
      charge = DOSSIER_RECORD (dossier_charge_new ());
      dossier_record_set_id (charge, id);
      dossier_record_set_string (charge, "case-id", case_id);
      dossier_record_set_int (charge, "position", i);

      for (guint m = 0; m < G_N_ELEMENTS (dossier_campaign_charge_members); m++)
        {
          const char *member = dossier_campaign_charge_members[m];
          const DossierField *field = dossier_record_class_find_field (charge_class, member);
          g_auto(Place) member_at = { .parent = &charge_at, .member = member, .type = DOSSIER_TYPE_CHARGE };
          g_autofree char *normalized = NULL;
          const char *text;

          value = json_object_get_member (object, member);
          if (value == NULL || JSON_NODE_HOLDS_NULL (value))
            continue;
          if ((text = dossier_campaign_node_text (value)) == NULL)
            return fail_not_text (&member_at, error);
          normalized = normalize_text (field, text);
          if (!check_field_text (&member_at, field, normalized, error))
            return FALSE;
          dossier_record_set_string (charge, member, *normalized ? normalized : NULL);
        }

      value = json_object_get_member (object, "translations");
      if (value && !JSON_NODE_HOLDS_NULL (value))
        {
          g_autofree char *json = NULL;

          if (!read_translations (&translations_at, DOSSIER_TYPE_CHARGE, value, &json, error))
            return FALSE;
          dossier_record_set_string (charge, "translations", json);
        }

      if (dossier_text_is_blank (dossier_record_get_string (charge, "article")) &&
          dossier_text_is_blank (dossier_record_get_string (charge, "description")))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_INVALID,
                                      /* Translators: the first %s says which charge of which item,
                                       * such as “Item 2, charge 1 of the case “Alnur Ilyashev””;
                                       * the last is where it is in the file, a path such as
                                       * items[1]._dossier.charges[0] */
                                      _("%s: it needs an article or a description (%s)."),
                                      dossier_campaign_place_item (&charge_at),
                                      dossier_campaign_place_path (&charge_at));
      g_ptr_array_add (entry->charges, g_steal_pointer (&charge));
    }
  return TRUE;
}

/* An RFC 3339 time, as the store writes times (UTC, microseconds). */
static gboolean
read_time (Place       *item_at,
           JsonObject  *item,
           const char  *member,
           char       **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (item, member);
  g_auto(Place) at = { .parent = item_at, .member = member, .type = G_TYPE_NONE };
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *shown = NULL;
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if ((text = dossier_campaign_node_text (node)) == NULL)
    return fail_not_text (&at, error);
  /* a time needs its date and its zone: "2020-04-17T21:00:00+06:00" */
  if (strlen (text) >= 20 && text[10] == 'T')
    time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    {
      shown = dossier_campaign_shown (text);
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 2, the case “Alnur Ilyashev””; the second names a time, such as “the
                       * time it was published”; the third is the value found; the last is
                       * where it is in the file, a path such as items[1].date_published. Keep
                       * the example as it is */
                      _("%s: %s must be a date and time such as 2020-04-17T21:00:00+06:00; “%s” is not one (%s)."),
                      shown);
    }
  /* in UTC, as stored, the year has four digits: 9999-12-31T23:00-05:00
   * would be in the year 10000 */
  if (g_date_time_to_unix (time) < TIME_MIN || g_date_time_to_unix (time) > TIME_MAX)
    {
      shown = dossier_campaign_shown (text);
      return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &at,
                      /* Translators: the first %s says which item and record, such as “Item
                       * 2, the case “Alnur Ilyashev””; the second names a time, such as “the
                       * time it was published”; the third is the value found; the last is
                       * where it is in the file, a path such as items[1].date_published */
                      _("%s: %s must be between the years 1900 and 9999; “%s” is not (%s)."),
                      shown);
    }
  utc = g_date_time_to_utc (time);
  *out = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
  return TRUE;
}

/* An id already used: @other is the position of the item that has it. */
static gboolean
fail_id_used (Place       *at,
              const char  *id,
              guint        other,
              GError     **error)
{
  g_autofree char *shown = dossier_campaign_shown (id);

  return fail_at (error, DOSSIER_EXCHANGE_ERROR_DUPLICATE, at,
                  /* Translators: the first %s says which item and record, such as “Item 2,
                   * the case “Alnur Ilyashev””; the second names a field, such as “the
                   * record’s id”; the third is its value; %u is the position of the item
                   * that has the same value; the last %s is where it is in the file, a path
                   * such as items[1]._dossier.id */
                  _("%s: %s is “%s”, which item %u already uses (%s)."),
                  shown, other);
}

static gboolean
read_item_id (Import      *self,
              Place       *item_at,
              JsonObject  *item,
              GError     **error)
{
  JsonNode *node = json_object_get_member (item, "id");
  g_auto(Place) at = { .parent = item_at, .member = "id", .type = G_TYPE_NONE };
  g_autofree char *id = NULL;
  gpointer other;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail_missing (&at, error);
  /* JSON Feed 1.0 allowed a number here */
  if (dossier_campaign_node_text (node) != NULL)
    id = g_strdup (dossier_campaign_node_text (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    return fail_not_text (&at, error);
  if (dossier_text_is_blank (id))
    return fail_empty (&at, error);
  if (!check_text_value (&at, id, FALSE, DOSSIER_TEXT_MAX_URL, error))
    return FALSE;

  if ((other = g_hash_table_lookup (self->item_ids, id)) != NULL)
    return fail_id_used (&at, id, GPOINTER_TO_UINT (other), error);
  g_hash_table_insert (self->item_ids, g_steal_pointer (&id), GUINT_TO_POINTER (at.parent->subject->index));
  return TRUE;
}

/* The kind a `_dossier.type` names, or N_KINDS. */
static Kind
find_kind (const char *type)
{
  for (Kind kind = 0; kind < N_KINDS; kind++)
    if (g_str_equal (type, dossier_campaign_kind_specs[kind].type))
      return kind;
  /* DESIGN.md first named a case's news "case_update" */
  if (g_str_equal (type, "case_update"))
    return KIND_EVENT;
  return N_KINDS;
}

static gboolean
read_record_item (Import      *self,
                  Place       *item_at,
                  JsonObject  *item,
                  JsonObject  *object,
                  GError     **error)
{
  g_auto(Place) record_at = { .parent = item_at, .member = "_dossier", .type = G_TYPE_NONE };
  g_auto(Place) type_at = { .parent = &record_at, .member = "type", .type = DOSSIER_TYPE_RECORD };
  g_auto(Place) id_at = { .parent = &record_at, .member = "id", .type = DOSSIER_TYPE_RECORD };
  guint index = item_at->subject->index;
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
    return fail_missing (&type_at, error);
  if ((type = dossier_campaign_node_text (node)) == NULL)
    return fail_not_text (&type_at, error);
  if ((kind = find_kind (type)) == N_KINDS)
    {
      g_autofree char *shown = dossier_campaign_shown (type);

      return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &type_at,
                      _("%s: %s cannot be “%s”; it must be one of: %s (%s)."),
                      shown, "case, case_event, urgent_action, target");
    }

  /* its id, unique among the file's records of that kind */
  node = json_object_get_member (object, "id");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail_missing (&id_at, error);
  if ((id = dossier_campaign_node_text (node)) == NULL)
    return fail_not_text (&id_at, error);
  if (dossier_text_is_blank (id))
    return fail_empty (&id_at, error);
  if (!check_text_value (&id_at, id, FALSE, MAX_ID_LENGTH, error))
    return FALSE;
  if ((other = g_hash_table_lookup (self->ids[kind], id)) != NULL)
    return fail_id_used (&id_at, id, other->index, error);

  entry = g_new0 (Entry, 1);
  entry->index = index;
  entry->kind = kind;
  g_ptr_array_add (self->entries, entry);

  info = &dossier_campaign_kind_fields[kind];
  entry->record = g_object_new (info->type, NULL);
  dossier_record_set_id (entry->record, id);
  g_hash_table_insert (self->ids[kind], (gpointer) dossier_record_get_id (entry->record), entry);

  if (!read_time (item_at, item, "date_published", &entry->created_at, error) ||
      !read_time (item_at, item, "date_modified", &entry->updated_at, error))
    return FALSE;

  for (guint i = 0; i < info->klass->n_fields; i++)
    {
      const Rule *rule = info->rules[i];

      if (rule && (rule->flags & RULE_LOCAL))
        continue;
      if (!read_field (self, entry, &record_at, &info->klass->fields[i], rule, info->members[i],
                       json_object_get_member (object, info->members[i]), error))
        return FALSE;
    }

  switch (kind)
    {
    case KIND_CASE:
      return read_charges (entry, &record_at, json_object_get_member (object, "charges"), error);

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
          {
            g_auto(Place) deadline_at = { .parent = &record_at, .member = "deadline", .type = info->type };

            /* both are real dates by now: nothing to escape */
            return fail_at (error, DOSSIER_EXCHANGE_ERROR_INVALID, &deadline_at,
                            /* Translators: the first %s says which item and record, such as
                             * “Item 138, the urgent action “UA 065/20””; the second names a
                             * field, “the deadline”, the third is its date; the fourth names
                             * another field, “the issue date”, the fifth is its date; both
                             * dates are written YYYY-MM-DD; the last %s is where it is in the
                             * file, a path such as items[137]._dossier.deadline */
                            _("%s: %s, %s, cannot be before %s, %s (%s)."),
                            deadline, dossier_campaign_field_words (info->type, "issued"), issued);
          }
        /* "ua 065/20" and "UA 065/20" are the same reference */
        key = dossier_reference_key (reference);
        if ((other = g_hash_table_lookup (self->references, key)) != NULL)
          {
            g_auto(Place) reference_at = { .parent = &record_at, .member = "reference", .type = info->type };

            g_free (key);
            return fail_id_used (&reference_at, reference, other->index, error);
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
                   /* Translators: the first %s is a size such as “1.0 MB”; the second is
                    * the name of the list of items in the file, “items” */
                   _("The file holds more than %s besides its list of items (%s)."), limit, "items");
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
                 /* Translators: %s is the name of the member of the file that gives
                  * it, “version” */
                 _("The file is not a JSON Feed: it does not say which version of JSON Feed it follows (%s)."),
                 "version");
  if (!g_str_equal (version, JSON_FEED_1_1) && !g_str_equal (version, JSON_FEED_1_0))
    {
      g_autofree char *shown = dossier_campaign_shown (version);

      return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                   /* Translators: the first %s is the version the file gives; the second the
                    * name of the member that gives it, “version”; the others are the
                    * addresses JSON Feed uses as versions */
                   _("The file says it follows JSON Feed “%s” (%s); Dossier reads JSON Feed 1.1 (%s) and 1.0 (%s)."),
                   shown, "version", JSON_FEED_1_1, JSON_FEED_1_0);
    }

  /* the campaign format's own version, for changes a reader cannot skip */
  node = json_object_get_member (feed, "_dossier");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *format = json_object_get_member (json_node_get_object (node), "format");

      if (format != NULL &&
          (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64))
        return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                     /* Translators: %s is where the file gives its campaign format, the
                      * path “_dossier.format” */
                     _("The file’s campaign format must be a whole number (%s)."), "_dossier.format");
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
                 /* Translators: %s is the name of the list of items in the file, “items” */
                 _("The file is not a JSON Feed: it has no list of items (%s)."), "items");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_NOT_A_FEED,
                 /* Translators: %s is the name of the list of items in the file, “items” */
                 _("The file is not a JSON Feed: its list of items must be a JSON array (%s)."), "items");
  self->n_items = n_items = spans->len;

  for (guint i = 0; i < n_items; i++)
    {
      const DossierJsonSpan *span = &g_array_index (spans, DossierJsonSpan, i);
      Subject subject = { .index = i + 1 };
      g_auto(Place) item_at = { .subject = &subject };
      JsonObject *record = NULL;
      JsonNode *element;
      JsonObject *item;

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
                     _("%s is not a JSON object (%s)."),
                     dossier_campaign_place_item (&item_at), dossier_campaign_place_path (&item_at));
      item = json_node_get_object (element);

      /* what the item is, for its errors: its record's kind and name, or news */
      node = json_object_get_member (item, "_dossier");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          subject.type = DOSSIER_TYPE_FEED_ITEM;
          subject.object = item;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonNode *type = json_object_get_member (record = json_node_get_object (node), "type");
          Kind kind = type && dossier_campaign_node_text (type) ? find_kind (dossier_campaign_node_text (type)) : N_KINDS;

          subject.type = kind < N_KINDS ? dossier_campaign_kind_fields[kind].type : G_TYPE_INVALID;
          subject.object = record;
        }

      if (!read_item_id (self, &item_at, item, error))
        return FALSE;
      if (subject.type == DOSSIER_TYPE_FEED_ITEM)
        {
          /* news: read as a feed reader reads a JSON Feed's item, and
           * stored as the campaign's feed's items */
          g_ptr_array_add (self->news, dossier_feed_entry_from_json_item (item, self->origin));
          continue;
        }
      if (record == NULL)
        {
          g_auto(Place) record_at = { .parent = &item_at, .member = "_dossier", .type = G_TYPE_NONE };

          return fail_not_object (&record_at, error);
        }
      if (!read_record_item (self, &item_at, item, record, error))
        return FALSE;
    }
  return TRUE;
}
