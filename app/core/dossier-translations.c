/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dossier-case.h"
#include "dossier-charge.h"
#include "dossier-target.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

static const DossierTranslatable case_fields[] = {
  { "name", "name", FALSE },
  { "summary", "summary", FALSE },
};

static const DossierTranslatable ua_fields[] = {
  { "title", "title", FALSE },
  { "summary", "summary", FALSE },
  { "key-points", "key_points", TRUE },
  { "posts", "posts", TRUE },
};

static const DossierTranslatable target_fields[] = {
  { "name", "name", FALSE },
  { "office", "office", FALSE },
  { "organisation", "organisation", FALSE },
  { "address", "address", FALSE },
  { "salutation", "salutation", FALSE },
};

static const DossierTranslatable charge_fields[] = {
  { "code", "code", FALSE },
  { "description", "description", FALSE },
};

/**
 * dossier_translatable_fields:
 *
 * Returns: (array length=n_fields): the texts of @record_type that can be
 *   held in other languages; none for other kinds of record.
 */
const DossierTranslatable *
dossier_translatable_fields (GType  record_type,
                             guint *n_fields)
{
  if (record_type == DOSSIER_TYPE_CASE)
    return *n_fields = G_N_ELEMENTS (case_fields), case_fields;
  if (record_type == DOSSIER_TYPE_URGENT_ACTION)
    return *n_fields = G_N_ELEMENTS (ua_fields), ua_fields;
  if (record_type == DOSSIER_TYPE_TARGET)
    return *n_fields = G_N_ELEMENTS (target_fields), target_fields;
  if (record_type == DOSSIER_TYPE_CHARGE)
    return *n_fields = G_N_ELEMENTS (charge_fields), charge_fields;
  *n_fields = 0;
  return NULL;
}

/* By the member's name or the field's. */
const DossierTranslatable *
dossier_translatable_find (GType       record_type,
                           const char *member)
{
  guint n;
  const DossierTranslatable *fields = dossier_translatable_fields (record_type, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].member, member) || g_str_equal (fields[i].field, member))
      return &fields[i];
  return NULL;
}

char *
dossier_language_primary (const char *language)
{
  const char *end;

  if (language == NULL)
    return g_strdup ("");
  while (g_ascii_isspace (*language))
    language++;
  end = language;
  while (*end && *end != '-' && *end != '_' && *end != '.' && *end != '@' && !g_ascii_isspace (*end))
    end++;
  return g_ascii_strdown (language, end - language);
}

/* By primary subtag: "pt-BR" and "pt" are the same language here. */
gboolean
dossier_language_same (const char *a,
                       const char *b)
{
  g_autofree char *pa = dossier_language_primary (a);
  g_autofree char *pb = dossier_language_primary (b);

  return *pa && g_str_equal (pa, pb);
}

/* "en", "kk", "pt-BR", "sr-Latn": two or three lower-case letters, then
 * subtags of one to eight letters or digits. */
gboolean
dossier_language_code_is_valid (const char *code)
{
  const char *p = code;
  guint n = 0;

  if (code == NULL)
    return FALSE;
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

/* An urgent action says its language; a target's language is the one to
 * write to it in, which its own texts are in; the campaign format reads
 * every other record's own texts as English. */
const char *
dossier_record_text_language (DossierRecord *record)
{
  if (DOSSIER_IS_URGENT_ACTION (record) || DOSSIER_IS_TARGET (record))
    {
      const char *language = dossier_record_get_string (record, "language");

      return dossier_text_is_blank (language) ? "en" : language;
    }
  return "en";
}

/* For qsort() and g_ptr_array_sort() of strings: both pass pointers to them */
static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static JsonObject *
parse_object (const char *json,
              JsonNode  **root)
{
  *root = NULL;
  if (json == NULL || *json == '\0')
    return NULL;
  *root = json_from_string (json, NULL);
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    return NULL;
  return json_node_get_object (*root);
}

static const char *
translations_of (DossierRecord *record)
{
  DossierRecordClass *klass = DOSSIER_RECORD_GET_CLASS (record);

  if (dossier_record_class_find_field (klass, "translations") == NULL)
    return NULL;
  return dossier_record_get_string (record, "translations");
}

GStrv
dossier_translations_languages (DossierRecord *record)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object (translations_of (record), &root);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv languages;

  if (object)
    {
      JsonObjectIter iter;
      const char *language;
      JsonNode *value;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &language, &value))
        if (JSON_NODE_HOLDS_OBJECT (value))
          g_strv_builder_add (builder, language);
    }
  languages = g_strv_builder_end (builder);
  qsort (languages, g_strv_length (languages), sizeof (char *), compare_strings);
  return languages;
}

/* The object of @language, matched exactly, else by primary subtag (the
 * first such in sorted order, so that the answer does not depend on the
 * order of the file). */
static JsonObject *
language_object (JsonObject  *translations,
                 const char  *language,
                 const char **matched)
{
  JsonNode *node;
  g_autoptr(GPtrArray) keys = NULL;

  if (translations == NULL || language == NULL || *language == '\0')
    return NULL;
  node = json_object_get_member (translations, language);
  if (node && JSON_NODE_HOLDS_OBJECT (node))
    {
      *matched = language;
      return json_node_get_object (node);
    }
  keys = g_ptr_array_new ();
  {
    GList *members = json_object_get_members (translations);

    for (GList *l = members; l; l = l->next)
      g_ptr_array_add (keys, l->data);
    g_list_free (members);
  }
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];

      node = json_object_get_member (translations, key);
      if (JSON_NODE_HOLDS_OBJECT (node) && dossier_language_same (key, language))
        {
          *matched = key;
          return json_node_get_object (node);
        }
    }
  return NULL;
}

static const char *
object_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static const DossierTranslatable *
find_for (DossierRecord *record,
          const char    *field)
{
  return dossier_translatable_find (G_OBJECT_TYPE (record), field);
}

static void
set_out (char       **out,
         const char  *value)
{
  if (out)
    *out = g_strdup (value ? value : "");
}

/* The node of @field in the translation into @language, or NULL; *@root
 * holds the parsed translations, *@in_language that language's object. */
static JsonNode *
translation_of (DossierRecord  *record,
                const char     *field,
                const char     *language,
                JsonNode      **root,
                JsonObject    **in_language,
                const char    **matched)
{
  const DossierTranslatable *t = find_for (record, field);
  JsonObject *object = t ? parse_object (translations_of (record), root) : NULL;

  *matched = NULL;
  *in_language = language_object (object, language, matched);
  return *in_language ? json_object_get_member (*in_language, t->member) : NULL;
}

/* When there is no translation: whether the record's own text stands for
 * @language, with what the out arguments say of it. */
static gboolean
own_text_serves (DossierRecord  *record,
                 const char     *language,
                 gboolean        strict,
                 char          **shown,
                 char          **translated_from)
{
  const char *own_language = dossier_record_text_language (record);

  set_out (translated_from, "");
  if (strict && !dossier_language_same (own_language, language))
    {
      set_out (shown, "");
      return FALSE;
    }
  set_out (shown, own_language);
  return TRUE;
}

char *
dossier_record_get_text_in (DossierRecord  *record,
                            const char     *field,
                            const char     *language,
                            gboolean        strict,
                            char          **shown,
                            char          **translated_from)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *in_language;
  const char *matched;
  JsonNode *node = translation_of (record, field, language, &root, &in_language, &matched);
  const char *text = node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                     ? json_node_get_string (node) : NULL;

  if (!dossier_text_is_blank (text))
    {
      set_out (shown, matched);
      set_out (translated_from, object_text (in_language, "translated_from"));
      return g_strdup (text);
    }
  if (!own_text_serves (record, language, strict, shown, translated_from))
    return NULL;
  return g_strdup (dossier_record_get_string (record, field));
}

GStrv
dossier_record_get_strv_in (DossierRecord  *record,
                            const char     *field,
                            const char     *language,
                            gboolean        strict,
                            char          **shown,
                            char          **translated_from)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *in_language;
  const char *matched;
  JsonNode *node = translation_of (record, field, language, &root, &in_language, &matched);

  if (node && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
      set_out (shown, matched);
      set_out (translated_from, object_text (in_language, "translated_from"));
      return g_strv_builder_end (builder);
    }
  if (!own_text_serves (record, language, strict, shown, translated_from))
    return NULL;
  return g_strdupv ((char **) dossier_record_get_strv (record, field));
}

gboolean
dossier_record_has_text_in (DossierRecord *record,
                            const char    *field,
                            const char    *language)
{
  const DossierTranslatable *t = find_for (record, field);
  g_autofree char *text = NULL;
  g_auto(GStrv) list = NULL;

  if (t == NULL)
    return FALSE;
  if (t->list)
    {
      list = dossier_record_get_strv_in (record, field, language, TRUE, NULL, NULL);
      return list && list[0];
    }
  text = dossier_record_get_text_in (record, field, language, TRUE, NULL, NULL);
  return !dossier_text_is_blank (text);
}

/* Rewrites @json with @language's object changed by @edit; the result has
 * its languages and members in sorted order, so the same texts always
 * give the same bytes. */
static char *
edit (const char  *json,
      const char  *language,
      const char  *member,
      JsonNode    *value)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = parse_object (json, &root);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) languages = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  gboolean any = FALSE;

  if (object)
    for (GList *l = (languages = json_object_get_members (object)); l; l = l->next)
      g_ptr_array_add (keys, l->data);
  if (language && (object == NULL || !json_object_has_member (object, language)))
    g_ptr_array_add (keys, (gpointer) language);
  g_ptr_array_sort (keys, compare_strings);

  json_builder_begin_object (builder);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      JsonNode *node = object ? json_object_get_member (object, key) : NULL;
      JsonObject *texts = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      g_autoptr(GList) names = NULL;
      guint n_texts = 0;

      if (g_strcmp0 (key, language) == 0 && member == NULL)
        continue;  /* the language removed */
      if (texts)
        for (GList *l = (names = json_object_get_members (texts)); l; l = l->next)
          g_ptr_array_add (members, l->data);
      if (g_strcmp0 (key, language) == 0 && (texts == NULL || !json_object_has_member (texts, member)))
        g_ptr_array_add (members, (gpointer) member);
      g_ptr_array_sort (members, compare_strings);

      /* a language whose texts are all gone goes too */
      for (guint m = 0; m < members->len; m++)
        {
          const char *name = members->pdata[m];

          if (g_str_equal (name, "translated_from"))
            continue;
          if (g_strcmp0 (key, language) == 0 && g_str_equal (name, member))
            n_texts += value != NULL;
          else
            n_texts++;
        }
      if (n_texts == 0)
        continue;

      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      for (guint m = 0; m < members->len; m++)
        {
          const char *name = members->pdata[m];

          if (g_strcmp0 (key, language) == 0 && g_str_equal (name, member))
            {
              if (value == NULL)
                continue;
              json_builder_set_member_name (builder, name);
              json_builder_add_value (builder, json_node_copy (value));
            }
          else
            {
              json_builder_set_member_name (builder, name);
              json_builder_add_value (builder, json_node_copy (json_object_get_member (texts, name)));
            }
        }
      json_builder_end_object (builder);
      any = TRUE;
    }
  json_builder_end_object (builder);

  if (!any)
    return NULL;
  {
    g_autoptr(JsonNode) result = json_builder_get_root (builder);

    return json_to_string (result, FALSE);
  }
}

char *
dossier_translations_with_text (const char *json,
                                const char *language,
                                const char *member,
                                const char *value)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (language != NULL && member != NULL, NULL);

  if (!dossier_text_is_blank (value))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, value);
    }
  return edit (json, language, member, node);
}

char *
dossier_translations_with_strv (const char         *json,
                                const char         *language,
                                const char         *member,
                                const char * const *value)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (language != NULL && member != NULL, NULL);

  if (value && value[0])
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; value[i]; i++)
        if (!dossier_text_is_blank (value[i]))
          json_array_add_string_element (array, value[i]);
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, array);
      if (json_array_get_length (array) == 0)
        g_clear_pointer (&node, json_node_unref);
    }
  return edit (json, language, member, node);
}

char *
dossier_translations_without (const char *json,
                              const char *language)
{
  return edit (json, language, NULL, NULL);
}

/* Names of languages in the window's language, for the languages
 * campaigns are most often in; iso-codes names the others. */
static const struct {
  const char *code;
  const char *name;
} language_names[] = {
  { "en", NC_("language", "English") },
  { "de", NC_("language", "German") },
  { "ru", NC_("language", "Russian") },
  { "kk", NC_("language", "Kazakh") },
  { "uk", NC_("language", "Ukrainian") },
  { "fr", NC_("language", "French") },
  { "es", NC_("language", "Spanish") },
  { "ky", NC_("language", "Kyrgyz") },
  { "uz", NC_("language", "Uzbek") },
  { "tg", NC_("language", "Tajik") },
  { "be", NC_("language", "Belarusian") },
  { "pl", NC_("language", "Polish") },
  { "it", NC_("language", "Italian") },
  { "pt", NC_("language", "Portuguese") },
  { "ar", NC_("language", "Arabic") },
  { "tr", NC_("language", "Turkish") },
  { "zh", NC_("language", "Chinese") },
};

/* English names of ISO 639 by two- and three-letter code, from iso-codes
 * when it is installed; NULL values for none. */
static GHashTable *
iso_639_names (void)
{
  static GHashTable *names;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *path = g_build_filename (ISO_CODES_DIR, "json", "iso_639-2.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (json_parser_load_from_file (parser, path, NULL) &&
          JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)) &&
          json_object_has_member (json_node_get_object (root), "639-2"))
        {
          JsonArray *array = json_object_get_array_member (json_node_get_object (root), "639-2");

          for (guint i = 0; array && i < json_array_get_length (array); i++)
            {
              JsonObject *entry = json_array_get_object_element (array, i);
              const char *name = entry ? json_object_get_string_member_with_default (entry, "name", NULL) : NULL;
              const char *two = entry ? json_object_get_string_member_with_default (entry, "alpha_2", NULL) : NULL;
              const char *three = entry ? json_object_get_string_member_with_default (entry, "alpha_3", NULL) : NULL;

              if (name == NULL)
                continue;
              if (two)
                g_hash_table_insert (table, g_strdup (two), g_strdup (name));
              if (three)
                g_hash_table_insert (table, g_strdup (three), g_strdup (name));
            }
        }
      names = table;
      g_once_init_leave (&loaded, 1);
    }
  return names;
}

/**
 * dossier_language_name:
 *
 * Returns: (transfer full): the name of the language of @code in the
 *   window's language: "Russian", "Русский" in a Russian window; a
 *   language with a region or script keeps it: "Portuguese (pt-BR)"; a
 *   code no one names is shown as it is.
 */
char *
dossier_language_name (const char *code)
{
  g_autofree char *primary = dossier_language_primary (code);
  const char *name = NULL;

  if (*primary == '\0')
    return g_strdup (code ? code : "");
  for (guint i = 0; i < G_N_ELEMENTS (language_names) && name == NULL; i++)
    if (g_str_equal (language_names[i].code, primary))
      name = g_dpgettext2 (GETTEXT_PACKAGE, "language", language_names[i].name);
  if (name == NULL)
    {
      const char *english = g_hash_table_lookup (iso_639_names (), primary);

      if (english)
        name = g_dgettext ("iso_639-2", english);
    }
  if (name == NULL)
    return g_strdup (code);
  if (!g_str_equal (primary, code))
    /* Translators: a language and its full code, e.g. “Portuguese (pt-BR)” */
    return g_strdup_printf (C_("language with code", "%s (%s)"), name, code);
  return g_strdup (name);
}

/**
 * dossier_language_name_in_text:
 *
 * Returns: (transfer full): the name of the language of @code as it is
 *   written inside a sentence of the window's language: "Russian" in
 *   English, "Russisch" in German, but "русский" in Russian and "орыс
 *   тілі" in Kazakh, whose language names are not capitalized there. Each
 *   translation says which its language does.
 */
char *
dossier_language_name_in_text (const char *code)
{
  g_autofree char *name = dossier_language_name (code);
  /* Translators: translate as “lowercase” if your language writes the
   * names of languages with a small letter inside a sentence (Russian:
   * “Есть также на: немецкий”), and keep “as-is” if it does not (German:
   * “Auch auf: Deutsch”). Only these two words are understood. */
  const char *style = C_("language names in running text", "as-is");
  gunichar first;

  if (!g_str_equal (style, "lowercase") || *name == '\0')
    return g_steal_pointer (&name);
  first = g_utf8_get_char (name);
  {
    g_autofree char *rest = g_strdup (g_utf8_next_char (name));
    char lower[8] = { 0 };

    g_unichar_to_utf8 (g_unichar_tolower (first), lower);
    return g_strconcat (lower, rest, NULL);
  }
}

/**
 * dossier_language_choice_label:
 * @autonym: the language's name in itself ("Deutsch")
 *
 * Returns: (transfer full): how a chooser of languages names @code: in
 *   its own name, which its speakers find whatever the window's language,
 *   and in the window's language after it when that differs: "Deutsch
 *   (немецкий)" in a Russian window, "Русский" there.
 */
char *
dossier_language_choice_label (const char *code,
                               const char *autonym)
{
  g_autofree char *here = dossier_language_name (code);
  g_autofree char *in_text = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (autonym == NULL || *autonym == '\0')
    return g_steal_pointer (&here);
  a = g_utf8_casefold (autonym, -1);
  b = g_utf8_casefold (here, -1);
  if (g_str_equal (a, b))
    return g_strdup (autonym);
  in_text = dossier_language_name_in_text (code);
  /* Translators: a language in a chooser: its own name, then its name in
   * the window's language: “Deutsch (немецкий)” */
  return g_strdup_printf (C_("language choice", "%s (%s)"), autonym, in_text);
}

/**
 * dossier_ui_language:
 *
 * Returns: the language the window speaks, as a code: "ru" for
 *   ru_RU.UTF-8 or LANGUAGE=ru; "en" for the C locale.
 */
const char *
dossier_ui_language (void)
{
  static char *code;
  static gsize set;

  if (g_once_init_enter (&set))
    {
      const char * const *names = g_get_language_names_with_category ("LC_MESSAGES");
      g_autofree char *primary = dossier_language_primary (names[0]);

      code = g_strdup (*primary && !g_str_equal (primary, "c") && !g_str_equal (primary, "posix") ? primary : "en");
      g_once_init_leave (&set, 1);
    }
  return code;
}

char *
dossier_record_display_name (DossierRecord *record)
{
  g_autofree char *from = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DOSSIER_IS_RECORD (record), NULL);

  name = dossier_record_get_text_in (record, "name", dossier_ui_language (), TRUE, NULL, &from);
  /* a person's name in another script is what a source wrote, or none */
  if (dossier_text_is_blank (name) || (DOSSIER_IS_CASE (record) && from && *from))
    return g_strdup (dossier_record_get_string (record, "name"));
  return g_steal_pointer (&name);
}
