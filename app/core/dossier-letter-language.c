/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dossier-countries.h"
#include "dossier-letter-private.h"
#include "dossier-letters-resources.h"
#include "dossier-translations.h"

#define RESOURCE_PATH "/org/example/Dossier/letters/"
#define LANGUAGE_SUFFIX ".letter"

/* A letter language is data: a file LL.letter (data/letters/) of
 * "Key: value" lines, then a line "---" and the letter's template. What a
 * letter needs to say in its own language, whatever the language of the
 * window, is there: month names, how a date is written, how an article of
 * a code is cited, a courteous salutation for when the target has none,
 * how a group signs. Dossier ships the files of data/letters/ in its
 * resources; more are read from dossier/letters/ in the system's and the
 * user's data folders, so that a translator adds a letter language
 * without touching C (README, "A letter template for a new language"). */

static const char * const cite_keys[N_CITES] = {
  "Article", "Article-Part", "Article-Part-Paragraph",
  "Code-Article", "Code-Article-Part", "Code-Article-Part-Paragraph",
};

static void
language_free (Language *lang)
{
  g_free (lang->code);
  g_free (lang->name);
  for (guint i = 0; i < 12; i++)
    g_free (lang->months[i]);
  g_free (lang->date_format);
  g_free (lang->and);
  g_free (lang->salutation);
  g_free (lang->salutation_end);
  g_free (lang->group);
  for (guint i = 0; i < N_CITES; i++)
    g_free (lang->cite[i]);
  g_clear_pointer (&lang->codes, g_hash_table_unref);
  g_clear_pointer (&lang->countries, g_hash_table_unref);
  g_free (lang->template);
  g_free (lang);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Language, language_free)

/* g_set_str() is GLib 2.76 */
static void
set_str (char       **slot,
         const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static gboolean
placeholders_known (const char  *text,
                    const char  *key,
                    const char  *known,
                    GError     **error)
{
  for (const char *p = strchr (text, '{'); p; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = end ? g_strndup (p, end - p + 1) : g_strdup (p);

      if (end == NULL || strstr (known, name) == NULL)
        {
          g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                       /* Translators: a letter language file; the first %s is a key such
                        * as “Date”, the second what it has between braces, the third the
                        * placeholders it may use */
                       _("“%s” uses “%s”; it may use %s."), key, name, known);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads a letter language file; @origin names it in errors. */
static Language *
language_parse (const char  *text,
                gsize        length,
                const char  *origin,
                GError     **error)
{
  g_autoptr(Language) lang = g_new0 (Language, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *copy = NULL;
  const char *script = NULL;
  char *line, *next;
  guint line_number = 0;
  gboolean body = FALSE;

  if (!g_utf8_validate_len (text, length, NULL) || memchr (text, '\0', length))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                   /* Translators: %s is a file */
                   _("The letter language “%s” is not UTF-8 text."), origin);
      return NULL;
    }
  copy = g_strndup (text, length);
  lang->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lang->countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (line = copy; line && !body; line = next)
    {
      char *colon, *key, *value;

      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      line_number++;
      g_strchomp (line);
      if (g_str_equal (line, "---"))
        {
          body = TRUE;
          lang->template = g_strdup (next ? next : "");
          break;
        }
      if (*line == '\0' || *line == '#')
        continue;
      colon = strchr (line, ':');
      if (colon == NULL)
        {
          g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                       /* Translators: %s is a file, %u a line number; keep “Key: value” and “---” */
                       _("Line %2$u of the letter language “%1$s” is not “Key: value”, and no line “---” came before it."),
                       origin, line_number);
          return NULL;
        }
      *colon = '\0';
      key = g_strstrip (line);
      value = g_strstrip (colon + 1);

      if (g_str_equal (key, "Language"))
        set_str (&lang->code, value);
      else if (g_str_equal (key, "Name"))
        set_str (&lang->name, value);
      else if (g_str_equal (key, "Script"))
        script = value;  /* lives as long as copy */
      else if (g_str_equal (key, "Months"))
        {
          g_auto(GStrv) months = g_strsplit (value, ",", -1);

          if (g_strv_length (months) != 12)
            {
              g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                           /* Translators: %s is a file; keep “Months” as it is */
                           _("“Months” of the letter language “%s” must name twelve months, separated by commas."),
                           origin);
              return NULL;
            }
          for (guint i = 0; i < 12; i++)
            set_str (&lang->months[i], g_strstrip (months[i]));
        }
      else if (g_str_equal (key, "Date"))
        set_str (&lang->date_format, value);
      else if (g_str_equal (key, "And"))
        set_str (&lang->and, value);
      else if (g_str_equal (key, "Salutation"))
        set_str (&lang->salutation, value);
      else if (g_str_equal (key, "Salutation-End"))
        set_str (&lang->salutation_end, value);
      else if (g_str_equal (key, "Group"))
        set_str (&lang->group, value);
      else if (g_str_equal (key, "Code") || g_str_equal (key, "Country"))
        {
          char *equals = strstr (value, " = ");
          gboolean code = g_str_equal (key, "Code");

          if (equals == NULL && code)
            {
              g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                           /* Translators: %s is a file, %u a line number; keep “Code: … = …” */
                           _("Line %2$u of the letter language “%1$s” must be “Code: the code as campaigns name it = as citations in this language name it”."),
                           origin, line_number);
              return NULL;
            }
          if (equals == NULL)
            {
              g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                           /* Translators: %s is a file, %u a line number; keep “Country: … = …” */
                           _("Line %2$u of the letter language “%1$s” must be “Country: the country’s code, such as KZ = as this language names it”."),
                           origin, line_number);
              return NULL;
            }
          *equals = '\0';
          g_strstrip (value);
          /* a country by its code ("KZ"); a file written before codes
           * names it in English, which finds the same code; anything else
           * is kept for a value stored as it was typed */
          if (!code && dossier_country_code_from_text (value))
            value = (char *) dossier_country_code_from_text (value);
          g_hash_table_replace (code ? lang->codes : lang->countries,
                                g_strdup (value), g_strdup (g_strstrip (equals + 3)));
        }
      else
        for (guint i = 0; i < N_CITES; i++)
          if (g_str_equal (key, cite_keys[i]))
            set_str (&lang->cite[i], value);
    }

  {
    const struct { const char *key; const char *value; } required[] = {
      { "Language", lang->code }, { "Name", lang->name }, { "Script", script },
      { "Months", lang->months[0] }, { "Date", lang->date_format }, { "And", lang->and },
      { "Salutation", lang->salutation }, { "Group", lang->group },
      { "Article", lang->cite[0] }, { "Article-Part", lang->cite[1] },
      { "Article-Part-Paragraph", lang->cite[2] }, { "Code-Article", lang->cite[3] },
      { "Code-Article-Part", lang->cite[4] }, { "Code-Article-Part-Paragraph", lang->cite[5] },
      { "---", lang->template },
    };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      if (required[i].value == NULL || *required[i].value == '\0')
        {
          g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                       /* Translators: the first %s is a file, the second a key such as “Months” */
                       _("The letter language “%s” has no “%s”."), origin, required[i].key);
          return NULL;
        }
  }
  if (!dossier_language_code_is_valid (lang->code))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                   /* Translators: the first %s is a file, the second what it says; keep “Language” */
                   _("“Language” of the letter language “%s” must be a language code such as “kk”; “%s” is not one."),
                   origin, lang->code);
      return NULL;
    }
  if (g_str_equal (script, "Cyrillic"))
    lang->cyrillic = TRUE;
  else if (!g_str_equal (script, "Latin"))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                   /* Translators: %s is a file; keep “Script”, “Latin” and “Cyrillic” */
                   _("“Script” of the letter language “%s” must be Latin or Cyrillic."), origin);
      return NULL;
    }
  if (!placeholders_known (lang->date_format, "Date", "{day} {month} {year}", error) ||
      !placeholders_known (lang->group, "Group", "{group}", error))
    return NULL;
  for (guint i = 0; i < N_CITES; i++)
    if (!placeholders_known (lang->cite[i], cite_keys[i],
                             i >= CITE_CODE_ARTICLE ? "{article} {part} {paragraph} {code}"
                                                    : "{article} {part} {paragraph}", error))
      return NULL;
  if (!dossier_letter_check_template (lang->template, &local_error))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                   /* Translators: the first %s is a file, the second what is wrong with its template */
                   _("The template of the letter language “%s” cannot be used: %s"), origin,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&lang);
}

static GPtrArray *registry;   /* Language, "en" first, then by code */
G_LOCK_DEFINE_STATIC (registry);

static int
compare_languages (gconstpointer a,
                   gconstpointer b)
{
  const Language *la = *(Language * const *) a;
  const Language *lb = *(Language * const *) b;

  if (g_str_equal (la->code, "en") != g_str_equal (lb->code, "en"))
    return g_str_equal (la->code, "en") ? -1 : 1;
  return strcmp (la->code, lb->code);
}

static gboolean
registered (GPtrArray  *languages,
            const char *code)
{
  for (guint i = 0; i < languages->len; i++)
    if (g_str_equal (((Language *) languages->pdata[i])->code, code))
      return TRUE;
  return FALSE;
}

static void
add_language (GPtrArray  *languages,
              const char *text,
              gsize       length,
              const char *origin)
{
  g_autoptr(GError) error = NULL;
  Language *lang = language_parse (text, length, origin, &error);

  if (lang == NULL)
    g_warning ("%s", error->message);
  else if (registered (languages, lang->code))
    {
      /* the shipped files come first and stay: a stale copy of an old
       * version elsewhere cannot replace one that was fixed */
      g_debug ("Letter language %s of %s is there already", lang->code, origin);
      language_free (lang);
    }
  else
    g_ptr_array_add (languages, lang);
}

static void
add_languages_in (GPtrArray  *languages,
                  const char *data_dir)
{
  g_autofree char *dir_path = g_build_filename (data_dir, "dossier", "letters", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, LANGUAGE_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
      g_autofree char *text = NULL;
      gsize length;
      g_autoptr(GError) error = NULL;

      /* a letter language is a few kilobytes */
      if (!g_file_get_contents (path, &text, &length, &error))
        g_warning ("%s", error->message);
      else if (length > 256 * 1024)
        g_warning ("%s is too large to be a letter language", path);
      else
        add_language (languages, text, length, path);
    }
}

static GPtrArray *
load_languages (void)
{
  GPtrArray *languages = g_ptr_array_new_with_free_func ((GDestroyNotify) language_free);
  g_auto(GStrv) shipped = NULL;
  const char * const *system_dirs = g_get_system_data_dirs ();
  static gsize resource_registered;

  if (g_once_init_enter (&resource_registered))
    {
      dossier_letters_register_resource ();
      g_once_init_leave (&resource_registered, 1);
    }
  shipped = g_resource_enumerate_children (dossier_letters_get_resource (), RESOURCE_PATH,
                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; shipped && shipped[i]; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PATH, shipped[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (!g_str_has_suffix (shipped[i], LANGUAGE_SUFFIX))
        continue;
      bytes = g_resource_lookup_data (dossier_letters_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes)
        add_language (languages, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), path);
    }
  add_languages_in (languages, g_get_user_data_dir ());
  for (guint i = 0; system_dirs[i]; i++)
    add_languages_in (languages, system_dirs[i]);
  g_ptr_array_sort (languages, compare_languages);
  return languages;
}

static GPtrArray *
languages_ref (void)
{
  GPtrArray *languages;

  G_LOCK (registry);
  if (registry == NULL)
    registry = load_languages ();
  languages = g_ptr_array_ref (registry);
  G_UNLOCK (registry);
  return languages;
}

/**
 * dossier_letter_reload_languages:
 *
 * Reads the letter languages again, for a language file added while
 * Dossier runs (and for tests). Strings returned before stay valid.
 */
void
dossier_letter_reload_languages (void)
{
  static GPtrArray *retired;  /* kept, not freed: callers may hold their strings */
  GPtrArray *languages = load_languages ();

  G_LOCK (registry);
  if (registry)
    {
      if (retired == NULL)
        retired = g_ptr_array_new ();
      g_ptr_array_add (retired, registry);
    }
  registry = languages;
  G_UNLOCK (registry);
}

const Language *
dossier_letter_find_language (const char *code)
{
  g_autoptr(GPtrArray) languages = NULL;

  if (code == NULL)
    return NULL;
  languages = languages_ref ();
  /* the registry is never freed (dossier_letter_reload_languages()) */
  for (guint i = 0; i < languages->len; i++)
    if (g_str_equal (((Language *) languages->pdata[i])->code, code))
      return languages->pdata[i];
  return NULL;
}

/**
 * dossier_letter_languages:
 *
 * Returns: (transfer full): the codes of the letter languages installed,
 *   English first.
 */
GStrv
dossier_letter_languages (void)
{
  g_autoptr(GPtrArray) languages = languages_ref ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < languages->len; i++)
    g_strv_builder_add (builder, ((Language *) languages->pdata[i])->code);
  return g_strv_builder_end (builder);
}

gboolean
dossier_letter_has_language (const char *language)
{
  return dossier_letter_find_language (language) != NULL;
}

/* The language's name in the language itself ("Қазақша"), as the file
 * gives it; the code for a language not installed. */
const char *
dossier_letter_language_name (const char *language)
{
  const Language *lang = dossier_letter_find_language (language);

  return lang ? lang->name : language;
}

/**
 * dossier_letter_shipped_template:
 *
 * Returns: (transfer full) (nullable): the template Dossier ships for
 *   @language, or %NULL if it has none.
 */
char *
dossier_letter_shipped_template (const char *language)
{
  const Language *lang = dossier_letter_find_language (language);

  return lang ? g_strdup (lang->template) : NULL;
}

