/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dossier-countries.h"
#include "dossier-translations.h"

/* The countries of ISO 3166-1 from iso-codes: its list
 * (json/iso_3166-1.json) is read once, the first time a country is
 * named, and its translations come from the "iso_3166-1" gettext domain.
 *
 * A name in the window's language is dgettext()'s, which follows the
 * session's language as every other string of the window does. A name in
 * another language (a letter's, the search index's) cannot be asked of
 * gettext without changing the process's LANGUAGE and flushing gettext's
 * cache: that is global state, shared with every thread that translates
 * at the same time, and glibc ignores LANGUAGE under the C locale. So
 * that language's iso_3166-1.mo is read here instead: the format is
 * small, fixed and documented (GNU gettext manual, "The Format of GNU MO
 * Files"), each catalogue is read once and checked against its own size.
 * Letters first use their own "Country:" lines (data/letters/), where a
 * letter language names a country as an address would; iso-codes names
 * the others. */

#define DOMAIN "iso_3166-1"
/* iso-codes' list is 43 kB, a catalogue about 12 kB: anything past these
 * is not theirs */
#define MAX_LIST_BYTES (1024 * 1024)
#define MAX_CATALOGUE_BYTES (1024 * 1024)

typedef struct
{
  char *code;      /* "KZ" */
  char *alpha_3;   /* "KAZ" */
  char *name;      /* "Kazakhstan"; "Bolivia, Plurinational State of" */
  char *common;    /* "Bolivia", or NULL */
  char *official;  /* "Republic of Kazakhstan", or NULL */
} Country;

typedef struct
{
  GPtrArray  *countries;  /* Country, in the list's order (by code) */
  GHashTable *by_code;    /* "KZ" → Country */
  GHashTable *by_name;    /* a folded English name, alpha-3 code or alias → Country */
} Countries;

/* Names people write that iso-codes does not give (it says "Russian
 * Federation", "Türkiye", "Czechia"…), in English and in the languages
 * Dossier is translated into, for the values typed before there were
 * codes and for campaign files that name countries in words. */
static const struct {
  const char *name;
  const char *code;
} aliases[] = {
  { "Russia", "RU" }, { "Russland", "RU" }, { "Россия", "RU" },
  { "Turkey", "TR" }, { "Türkei", "TR" }, { "Турция", "TR" },
  { "Great Britain", "GB" }, { "Britain", "GB" }, { "UK", "GB" },
  { "USA", "US" }, { "United States of America", "US" },
  { "Kirghizia", "KG" }, { "Кыргызстан", "KG" }, { "Kirgisien", "KG" },
  { "Burma", "MM" }, { "Ivory Coast", "CI" }, { "Swaziland", "SZ" },
  { "Macedonia", "MK" }, { "Cape Verde", "CV" }, { "Palestine", "PS" },
  { "Vatican", "VA" }, { "Holland", "NL" },
};

static void
country_free (gpointer data)
{
  Country *country = data;

  g_free (country->code);
  g_free (country->alpha_3);
  g_free (country->name);
  g_free (country->common);
  g_free (country->official);
  g_free (country);
}

/* How names are compared: composed, case folded, without the spaces
 * around them. */
static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *composed = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);

  return composed ? g_utf8_casefold (composed, -1) : g_strdup ("");
}

static void
add_name (GHashTable *table,
          const char *name,
          Country    *country)
{
  char *key;

  if (name == NULL || *name == '\0')
    return;
  key = fold (name);
  /* the first to claim a name keeps it */
  if (*key == '\0' || g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, country);
}

static char *
member_text (JsonObject *entry,
             const char *member)
{
  JsonNode *node = json_object_get_member (entry, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
is_alpha_2 (const char *text)
{
  return text && g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && text[2] == '\0';
}

static void
read_list (Countries *list)
{
  g_autofree char *path = g_build_filename (ISO_CODES_DIR, "json", "iso_3166-1.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *array_node;
  JsonArray *array;

  if (file == NULL)
    {
      g_debug ("No list of countries: %s", error->message);
      return;
    }
  if (g_mapped_file_get_length (file) > MAX_LIST_BYTES)
    {
      g_warning ("%s is larger than a list of countries can be; it is not read", path);
      return;
    }
  if (!json_parser_load_from_data (parser, g_mapped_file_get_contents (file),
                                   g_mapped_file_get_length (file), &error))
    {
      g_warning ("%s could not be read: %s", path, error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (array_node = json_object_get_member (json_node_get_object (root), "3166-1")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (array_node))
    {
      g_warning ("%s is not a list of countries", path);
      return;
    }
  array = json_node_get_array (array_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      Country *country;

      if (entry == NULL)
        continue;
      country = g_new0 (Country, 1);
      country->code = member_text (entry, "alpha_2");
      country->alpha_3 = member_text (entry, "alpha_3");
      country->name = member_text (entry, "name");
      country->common = member_text (entry, "common_name");
      country->official = member_text (entry, "official_name");
      if (!is_alpha_2 (country->code) || country->name == NULL ||
          !g_utf8_validate (country->name, -1, NULL) ||
          (country->common && !g_utf8_validate (country->common, -1, NULL)) ||
          (country->official && !g_utf8_validate (country->official, -1, NULL)) ||
          g_hash_table_contains (list->by_code, country->code))
        {
          country_free (country);
          continue;
        }
      g_ptr_array_add (list->countries, country);
      g_hash_table_insert (list->by_code, country->code, country);
    }

  /* names before codes and aliases: "Niger" is NE whatever else is "NER" */
  for (guint i = 0; i < list->countries->len; i++)
    {
      Country *country = g_ptr_array_index (list->countries, i);

      add_name (list->by_name, country->name, country);
      add_name (list->by_name, country->common, country);
      add_name (list->by_name, country->official, country);
    }
  for (guint i = 0; i < list->countries->len; i++)
    {
      Country *country = g_ptr_array_index (list->countries, i);

      add_name (list->by_name, country->alpha_3, country);
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      Country *country = g_hash_table_lookup (list->by_code, aliases[i].code);

      if (country)
        add_name (list->by_name, aliases[i].name, country);
    }
}

static const Countries *
countries (void)
{
  static Countries list;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      list.countries = g_ptr_array_new_with_free_func (country_free);
      list.by_code = g_hash_table_new (g_str_hash, g_str_equal);
      list.by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      read_list (&list);
      /* dgettext() returns UTF-8 whatever the locale's character set */
      bindtextdomain (DOMAIN, ISO_CODES_LOCALEDIR);
      bind_textdomain_codeset (DOMAIN, "UTF-8");
      g_once_init_leave (&loaded, 1);
    }
  return &list;
}

static const Country *
find (const char *code)
{
  return code ? g_hash_table_lookup (countries ()->by_code, code) : NULL;
}

/* ---- a gettext catalogue, read without gettext ---- */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      big_endian)
{
  const guint8 *p = data + offset;

  if (big_endian)
    return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* The string at entry @i of the table at @table: NULL unless it lies
 * inside the file, ends with a NUL there and is UTF-8. */
static const char *
mo_string (const guint8 *data,
           gsize         length,
           guint32       table,
           guint32       i,
           gboolean      big_endian)
{
  guint64 entry = (guint64) table + (guint64) i * 8;
  guint32 size, offset;

  if (entry + 8 > length)
    return NULL;
  size = read_u32 (data, entry, big_endian);
  offset = read_u32 (data, entry + 4, big_endian);
  if ((guint64) offset + size >= length || data[offset + size] != '\0')
    return NULL;
  /* a plural's forms follow the first after a NUL: the first is enough */
  if (!g_utf8_validate ((const char *) data + offset, -1, NULL))
    return NULL;
  return (const char *) data + offset;
}

/* The messages of the .mo file at @path, msgid → msgstr; empty when there
 * is no such file or it is not one. */
static GHashTable *
read_catalogue (const char *path)
{
  GHashTable *messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *data;
  gsize length;
  gboolean big_endian;
  guint32 n, originals, translations;

  if (file == NULL)
    return messages;
  data = (const guint8 *) g_mapped_file_get_contents (file);
  length = g_mapped_file_get_length (file);
  if (length < 28 || length > MAX_CATALOGUE_BYTES)
    return messages;
  if (read_u32 (data, 0, FALSE) == 0x950412de)
    big_endian = FALSE;
  else if (read_u32 (data, 0, TRUE) == 0x950412de)
    big_endian = TRUE;
  else
    {
      g_debug ("%s is not a gettext catalogue", path);
      return messages;
    }
  n = read_u32 (data, 8, big_endian);
  originals = read_u32 (data, 12, big_endian);
  translations = read_u32 (data, 16, big_endian);
  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid = mo_string (data, length, originals, i, big_endian);
      const char *msgstr = mo_string (data, length, translations, i, big_endian);

      if (msgid == NULL || msgstr == NULL)
        break;
      /* the header, and messages with a context, which this domain has none of */
      if (*msgid == '\0' || *msgstr == '\0' || strchr (msgid, '\004'))
        continue;
      g_hash_table_replace (messages, g_strdup (msgid), g_strdup (msgstr));
    }
  return messages;
}

/* iso-codes' translations of country names into @language ("de",
 * "pt-BR"); empty for English and for a language it has none for. */
static GHashTable *
catalogue (const char *language)
{
  static GMutex lock;
  static GHashTable *catalogues;  /* language → messages */
  g_autofree char *primary = dossier_language_primary (language);
  GHashTable *messages;

  g_mutex_lock (&lock);
  if (catalogues == NULL)
    catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  messages = g_hash_table_lookup (catalogues, language);
  if (messages == NULL)
    {
      /* "pt-BR" is iso-codes' pt_BR, then pt */
      g_autofree char *posix = g_strdelimit (g_strdup (language), "-", '_');
      const char *tried[] = { posix, primary };

      messages = g_hash_table_new (g_str_hash, g_str_equal);
      /* only a language code names a file: never a path */
      for (guint i = 0; i < G_N_ELEMENTS (tried) && g_hash_table_size (messages) == 0 &&
                        dossier_language_code_is_valid (language) && !g_str_equal (primary, "en"); i++)
        {
          g_autofree char *path = g_build_filename (ISO_CODES_LOCALEDIR, tried[i], "LC_MESSAGES", DOMAIN ".mo", NULL);

          g_hash_table_unref (messages);
          messages = read_catalogue (path);
        }
      g_hash_table_insert (catalogues, g_strdup (language), messages);
    }
  g_mutex_unlock (&lock);
  /* never removed: lives as long as the process */
  return messages;
}

/* ---- public API ---- */

/**
 * dossier_country_is_code:
 *
 * Returns: whether @value is the ISO 3166-1 alpha-2 code of a country
 *   iso-codes lists: "KZ", not "kz" nor "Kazakhstan".
 */
gboolean
dossier_country_is_code (const char *value)
{
  return is_alpha_2 (value) && find (value) != NULL;
}

/**
 * dossier_country_english_name:
 *
 * Returns: (nullable): the country of @code as English speakers name it:
 *   "Kazakhstan", "Bolivia" (iso-codes' common name when it has one); %NULL
 *   when @code is no country's code.
 */
const char *
dossier_country_english_name (const char *code)
{
  const Country *country = find (code);

  if (country == NULL)
    return NULL;
  return country->common ? country->common : country->name;
}

/**
 * dossier_country_name:
 * @value: (nullable): a country's code, or a value kept as it was typed
 *
 * Returns: (transfer full): the country of @value in the window's
 *   language: "Қазақстан" for "KZ" in a Kazakh window; anything that is no
 *   country's code as it is; "" for none.
 */
char *
dossier_country_name (const char *value)
{
  const Country *country = find (value);
  const char *english;
  const char *name;

  if (country == NULL)
    return g_strdup (value ? value : "");
  english = country->common ? country->common : country->name;
  name = g_dgettext (DOMAIN, english);
  /* a language that translates only iso-codes' full name */
  if (name == english && country->common)
    {
      const char *full = g_dgettext (DOMAIN, country->name);

      if (full != country->name)
        name = full;
    }
  return g_strdup (name);
}

/**
 * dossier_country_name_in:
 * @value: (nullable): a country's code, or a value kept as it was typed
 * @language: (nullable): a language code such as "de" or "pt-BR"; %NULL
 *   for English
 *
 * Returns: (transfer full): the country of @value in @language, from
 *   iso-codes' translations whatever the window's language: "Kasachstan"
 *   for "KZ" in "de"; in English when iso-codes has no name in @language;
 *   anything that is no country's code as it is.
 */
char *
dossier_country_name_in (const char *value,
                         const char *language)
{
  const Country *country = find (value);
  GHashTable *messages;
  const char *name;

  if (country == NULL)
    return g_strdup (value ? value : "");
  if (language == NULL)
    return g_strdup (dossier_country_english_name (value));
  messages = catalogue (language);
  name = country->common ? g_hash_table_lookup (messages, country->common) : NULL;
  if (name == NULL)
    name = g_hash_table_lookup (messages, country->name);
  return g_strdup (name ? name : dossier_country_english_name (value));
}

/* Folded names of the countries in the languages Dossier is translated
 * into (DOSSIER_LINGUAS, from po/LINGUAS) → Country. */
static GHashTable *
local_names (void)
{
  static GHashTable *names;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) languages = g_strsplit (DOSSIER_LINGUAS, " ", -1);
      const Countries *list = countries ();

      for (guint l = 0; languages[l]; l++)
        {
          GHashTable *messages;

          if (*languages[l] == '\0')
            continue;
          messages = catalogue (languages[l]);
          for (guint i = 0; i < list->countries->len; i++)
            {
              Country *country = g_ptr_array_index (list->countries, i);
              const char *names_of[] = { country->name, country->common, country->official };

              for (guint k = 0; k < G_N_ELEMENTS (names_of); k++)
                if (names_of[k])
                  add_name (table, g_hash_table_lookup (messages, names_of[k]), country);
            }
        }
      names = table;
      g_once_init_leave (&loaded, 1);
    }
  return names;
}

/**
 * dossier_country_code_from_text:
 * @text: (nullable): a country as someone wrote it
 *
 * The country @text names: its two-letter code in any case ("kz"), its
 * three-letter one ("KAZ"), iso-codes' English name, common name or
 * official name ("Kazakhstan", "Republic of Kazakhstan"), a name people
 * use that iso-codes does not give ("Russia"), or its name in a language
 * Dossier is translated into ("Казахстан", "Kasachstan"); case and the
 * spaces around it do not count.
 *
 * Returns: (nullable): the country's code, or %NULL when @text names none
 */
const char *
dossier_country_code_from_text (const char *text)
{
  const Countries *list = countries ();
  g_autofree char *key = NULL;
  Country *country;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  key = fold (text);
  if (*key == '\0')
    return NULL;
  if (strlen (key) == 2)
    {
      char code[3] = { g_ascii_toupper (key[0]), g_ascii_toupper (key[1]), '\0' };

      if ((country = g_hash_table_lookup (list->by_code, code)))
        return country->code;
    }
  if ((country = g_hash_table_lookup (list->by_name, key)) ||
      (country = g_hash_table_lookup (local_names (), key)))
    return country->code;
  return NULL;
}

typedef struct
{
  const char *code;
  char       *sort_key;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const Sorted *x = a;
  const Sorted *y = b;

  return strcmp (x->sort_key, y->sort_key);
}

/**
 * dossier_country_codes_by_name:
 *
 * Returns: (transfer container) (element-type utf8): the code of every
 *   country, in the order of their names in the window's language. The
 *   codes are the module's own and live as long as the process.
 */
GPtrArray *
dossier_country_codes_by_name (void)
{
  const Countries *list = countries ();
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Sorted), list->countries->len);
  GPtrArray *codes = g_ptr_array_sized_new (list->countries->len);

  for (guint i = 0; i < list->countries->len; i++)
    {
      Country *country = g_ptr_array_index (list->countries, i);
      g_autofree char *name = dossier_country_name (country->code);
      Sorted item = { country->code, g_utf8_collate_key (name, -1) };

      g_array_append_val (sorted, item);
    }
  g_array_sort (sorted, compare_sorted);
  for (guint i = 0; i < sorted->len; i++)
    {
      Sorted *item = &g_array_index (sorted, Sorted, i);

      g_ptr_array_add (codes, (gpointer) item->code);
      g_free (item->sort_key);
    }
  return codes;
}

/**
 * dossier_country_search_text:
 * @value: (nullable): a country's code, or a value kept as it was typed
 *
 * What the search index keeps of a country, so that it is found by its
 * name whatever the window's language: the code, the English names and
 * the names in each language Dossier is translated into, a line each; a
 * value that is no country's code as it is.
 *
 * Returns: (transfer full): the lines
 */
char *
dossier_country_search_text (const char *value)
{
  const Country *country = find (value);
  g_autoptr(GPtrArray) lines = NULL;
  g_auto(GStrv) languages = NULL;

  if (country == NULL)
    return g_strdup (value ? value : "");
  lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lines, g_strdup (country->code));
  g_ptr_array_add (lines, g_strdup (country->name));
  if (country->common)
    g_ptr_array_add (lines, g_strdup (country->common));
  if (country->official)
    g_ptr_array_add (lines, g_strdup (country->official));
  languages = g_strsplit (DOSSIER_LINGUAS, " ", -1);
  for (guint l = 0; languages[l]; l++)
    {
      g_autofree char *name = NULL;
      gboolean seen = FALSE;

      if (*languages[l] == '\0')
        continue;
      name = dossier_country_name_in (country->code, languages[l]);
      for (guint i = 0; i < lines->len && !seen; i++)
        seen = g_str_equal (name, lines->pdata[i]);
      if (!seen)
        g_ptr_array_add (lines, g_steal_pointer (&name));
    }
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}
