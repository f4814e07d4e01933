/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dossier-letter.h"
#include "dossier-letters-resources.h"

/* A template is plain text: an optional first line "Subject: …", then the
 * body. {{field}} is replaced by the field's value; {{#field}}…{{/field}}
 * keeps what is between only when the field has a value, so that a case
 * without charges does not leave "under ." in a letter. The shipped
 * templates are in data/templates/; a user's own versions are files of the
 * same name in the profile's templates folder. */

#define SUBJECT_PREFIX "Subject:"
#define RESOURCE_PATH "/org/example/Dossier/letters/"

/* What a letter needs to say in its own language, whatever the language
 * of the window: these are part of the letter, not of the interface. */
typedef struct
{
  const char *code;
  gboolean    cyrillic;
  const char *months[12];
  const char *date_format;          /* %d day, %m month name, %y year */
  const char *and;
  const char *salutation;           /* when the target has none we can use */
  const char *on_behalf_of;         /* %s: the group's name */
  const char *article;              /* %s: the article */
  const char *article_part;         /* %1$s: article, %2$s: part */
  const char *article_of_code;      /* %1$s: the article reference, %2$s: the code */
} Language;

static const Language languages[] = {
  {
    "en", FALSE,
    { "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December" },
    "%d %m %y", "and", "Dear Sir or Madam,", "On behalf of %s",
    "article %s", "article %1$s part %2$s", "%1$s of the %2$s",
  },
  {
    "de", FALSE,
    { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
      "September", "Oktober", "November", "Dezember" },
    "%d. %m %y", "und", "Sehr geehrte Damen und Herren,", "Im Namen der Gruppe „%s“",
    "Artikel %s", "Artikel %1$s Teil %2$s", NULL,
  },
  {
    "ru", TRUE,
    { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
      "сентября", "октября", "ноября", "декабря" },
    "%d %m %y г.", "и", "Уважаемые дамы и господа!", "От имени группы «%s»",
    "ст. %s", "ч. %2$s ст. %1$s", NULL,
  },
  {
    "kk", TRUE,
    { "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
      "қыркүйек", "қазан", "қараша", "желтоқсан" },
    "%y жылғы %d %m", "және", "Құрметті ханымдар мен мырзалар!", "«%s» тобының атынан",
    "%s-бап", "%1$s-баптың %2$s-бөлігі", NULL,
  },
};

static const char * const language_codes[] = { "en", "de", "ru", "kk", NULL };

static const DossierMergeField fields[] = {
  { "date", N_("Today’s date, written as the letter’s language writes dates") },
  { "ua_reference", N_("The urgent action’s reference, such as UA 065/20") },
  { "ua_index", N_("The urgent action’s index, such as EUR 57/2227/2020") },
  { "ua_title", N_("The urgent action’s title") },
  { "case_name", N_("The name of the first person the urgent action is for, in the letter’s script where a spelling in it is known") },
  { "case_names", N_("The names of everyone the urgent action is for, joined with “and”") },
  { "case_place", N_("Where that person lives: city and country") },
  { "charges", N_("Each charge on its own line: code, article, part and what it is for") },
  { "charge_articles", N_("The articles of the charges, such as “article 274 part 4(2)”") },
  { "key_points", N_("What the urgent action asks for, one point per line") },
  { "target_name", N_("The name of the person you write to") },
  { "target_address", N_("The address block: name, office, organisation and postal address") },
  { "salutation", N_("The target’s salutation, or a courteous one in the letter’s language") },
  { "signature", N_("Your signature, as you chose to sign this letter") },
  { "volunteer_name", N_("Your name, from Preferences") },
  { "volunteer_group", N_("Your group, from Preferences") },
};

G_DEFINE_QUARK (dossier-letter-error-quark, dossier_letter_error)

static const Language *
find_language (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

static gboolean
is_field (const char *name,
          gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strlen (fields[i].name) == length && strncmp (fields[i].name, name, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_script (const char     *text,
            GUnicodeScript  script)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == script)
      return TRUE;
  return FALSE;
}

static gboolean
has_cyrillic (const char *text)
{
  return has_script (text, G_UNICODE_SCRIPT_CYRILLIC);
}

static gboolean
has_latin (const char *text)
{
  return has_script (text, G_UNICODE_SCRIPT_LATIN);
}

/* "A", "A and B", "A, B and C" */
static char *
join_names (GPtrArray  *names,
            const char *and)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        {
          if (i == names->len - 1)
            g_string_append_printf (out, " %s ", and);
          else
            g_string_append (out, ", ");
        }
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* The spelling of a case's name in the letter's script, if the case has
 * one: "Альнур Ильяшев" in a Russian letter, "Alnur Ilyashev" in a German one. */
static const char *
name_in_script (DossierRecord  *kase,
                const Language *lang)
{
  const char *name = dossier_record_get_string (kase, "name");
  const char * const *others = dossier_record_get_strv (kase, "other-names");

  if ((lang->cyrillic ? has_cyrillic (name) : has_latin (name)) || others == NULL)
    return name;
  for (guint i = 0; others[i]; i++)
    if (lang->cyrillic ? has_cyrillic (others[i]) : has_latin (others[i]))
      return others[i];
  return name;
}

static char *
article_reference (DossierRecord  *charge,
                   const Language *lang,
                   gboolean        with_code)
{
  const char *article = dossier_record_get_string (charge, "article");
  const char *part = dossier_record_get_string (charge, "part");
  const char *code = dossier_record_get_string (charge, "code");
  g_autofree char *reference = NULL;

  if (dossier_text_is_blank (article))
    return NULL;
  if (!dossier_text_is_blank (part))
    reference = g_strdup_printf (lang->article_part, article, part);
  else
    reference = g_strdup_printf (lang->article, article);
  /* only English names the code: the store keeps the code's name in the
   * language the campaign wrote it in, which is English */
  if (with_code && lang->article_of_code && !dossier_text_is_blank (code))
    return g_strdup_printf (lang->article_of_code, reference, code);
  return g_steal_pointer (&reference);
}

static char *
list_lines (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s– %s", i ? "\n" : "", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* The UA's key points that say something, in order; borrowed. */
static GPtrArray *
asks_of (const DossierLetterFacts *facts)
{
  const char * const *points = facts->ua ? dossier_record_get_strv (facts->ua, "key-points") : NULL;
  GPtrArray *asks = g_ptr_array_new ();

  for (guint i = 0; points && points[i]; i++)
    if (!dossier_text_is_blank (points[i]))
      g_ptr_array_add (asks, (gpointer) points[i]);
  return asks;
}

static char *
field_value (const char               *name,
             const DossierLetterFacts *facts,
             const Language           *lang)
{
  DossierRecord *first = facts->cases && facts->cases->len ? g_ptr_array_index (facts->cases, 0) : NULL;

  if (g_str_equal (name, "date"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      return dossier_letter_format_date (facts->date ? facts->date : today, lang->code);
    }
  if (g_str_equal (name, "ua_reference"))
    return g_strdup (facts->ua ? dossier_record_get_string (facts->ua, "reference") : "");
  if (g_str_equal (name, "ua_index"))
    return g_strdup (facts->ua ? dossier_record_get_string (facts->ua, "ua-index") : "");
  if (g_str_equal (name, "ua_title"))
    return g_strdup (facts->ua ? dossier_record_get_string (facts->ua, "title") : "");
  if (g_str_equal (name, "case_name"))
    return g_strdup (first ? name_in_script (first, lang) : "");
  if (g_str_equal (name, "case_names"))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; facts->cases && i < facts->cases->len; i++)
        g_ptr_array_add (names, (gpointer) name_in_script (g_ptr_array_index (facts->cases, i), lang));
      return join_names (names, lang->and);
    }
  if (g_str_equal (name, "case_place"))
    {
      const char *city = first ? dossier_record_get_string (first, "city") : NULL;
      const char *country = first ? dossier_record_get_string (first, "country") : NULL;

      if (!dossier_text_is_blank (city) && !dossier_text_is_blank (country))
        return g_strdup_printf ("%s, %s", city, country);
      return g_strdup (!dossier_text_is_blank (city) ? city : !dossier_text_is_blank (country) ? country : "");
    }
  if (g_str_equal (name, "charges") || g_str_equal (name, "charge_articles"))
    {
      gboolean full = g_str_equal (name, "charges");
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; facts->charges && i < facts->charges->len; i++)
        {
          DossierRecord *charge = g_ptr_array_index (facts->charges, i);
          g_autofree char *reference = article_reference (charge, lang, TRUE);
          const char *description = dossier_record_get_string (charge, "description");

          if (full && reference && !dossier_text_is_blank (description))
            g_ptr_array_add (parts, g_strdup_printf ("%s: %s", reference, description));
          else if (reference)
            g_ptr_array_add (parts, g_steal_pointer (&reference));
          else if (full && !dossier_text_is_blank (description))
            g_ptr_array_add (parts, g_strdup (description));
        }
      if (full)
        return list_lines (parts);
      return join_names (parts, lang->and);
    }
  if (g_str_equal (name, "key_points"))
    {
      g_autoptr(GPtrArray) lines = asks_of (facts);

      return list_lines (lines);
    }
  if (g_str_equal (name, "target_name"))
    return g_strdup (facts->target ? dossier_record_get_string (facts->target, "name") : "");
  if (g_str_equal (name, "target_address"))
    return facts->target ? dossier_letter_address_block (facts->target) : g_strdup ("");
  if (g_str_equal (name, "salutation"))
    {
      const char *salutation = facts->target ? dossier_record_get_string (facts->target, "salutation") : NULL;
      const char *target_language = facts->target ? dossier_record_get_string (facts->target, "language") : NULL;
      gboolean usable;

      /* A salutation is written in one language. When the target says
       * which, trust it; when not, go by its script, taking Latin text
       * for English, as the campaigns' feeds write it. */
      if (dossier_text_is_blank (salutation))
        usable = FALSE;
      else if (!dossier_text_is_blank (target_language))
        usable = g_str_equal (target_language, lang->code);
      else if (has_cyrillic (salutation))
        usable = lang->cyrillic;
      else
        usable = g_str_equal (lang->code, "en");
      if (!usable)
        return g_strdup (lang->salutation);
      /* "Dear Prosecutor General" wants its comma; "Уважаемый…!" has its mark */
      if (g_str_equal (lang->code, "en") && !g_str_has_suffix (salutation, ",") &&
          !g_str_has_suffix (salutation, "!"))
        return g_strconcat (salutation, ",", NULL);
      if (g_str_equal (lang->code, "de") && !g_str_has_suffix (salutation, ","))
        return g_strconcat (salutation, ",", NULL);
      if (lang->cyrillic && !g_str_has_suffix (salutation, "!") && !g_str_has_suffix (salutation, ","))
        return g_strconcat (salutation, "!", NULL);
      return g_strdup (salutation);
    }
  if (g_str_equal (name, "signature"))
    return dossier_letter_signature (facts);
  if (g_str_equal (name, "volunteer_name"))
    return g_strdup (facts->volunteer_name ? facts->volunteer_name : "");
  if (g_str_equal (name, "volunteer_group"))
    return g_strdup (facts->volunteer_group ? facts->volunteer_group : "");
  g_return_val_if_reached (g_strdup (""));
}

/* Walks @text; with @facts NULL only checks it. Sections do not nest. */
static gboolean
expand (const char               *text,
        int                       first_line,
        const DossierLetterFacts *facts,
        const Language           *lang,
        GString                  *out,
        GError                  **error)
{
  const char *p = text;
  g_autofree char *open_section = NULL;
  gboolean keep = TRUE;
  int line = first_line;

  while (*p)
    {
      const char *start = strstr (p, "{{");
      const char *end;
      gboolean opens, closes;
      g_autofree char *name = NULL;

      if (start == NULL)
        {
          if (out && keep)
            g_string_append (out, p);
          break;
        }
      for (const char *q = p; q < start; q++)
        line += *q == '\n';
      if (out && keep)
        g_string_append_len (out, p, start - p);

      end = strstr (start + 2, "}}");
      if (end == NULL || memchr (start + 2, '\n', end - start - 2) != NULL)
        {
          g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                       /* Translators: {{ and }} are written as they are; %d is a line number */
                       _("The “{{” on line %d is not closed with “}}”."), line);
          return FALSE;
        }
      opens = start[2] == '#';
      closes = start[2] == '/';
      name = g_strstrip (g_strndup (start + 2 + (opens || closes), end - start - 2 - (opens || closes)));
      if (!is_field (name, strlen (name)))
        {
          g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_UNKNOWN_FIELD,
                       /* Translators: %s is what the template has between {{ and }}; %d is a line number */
                       _("The template uses “{{%s}}” on line %d, which is not a merge field."), name, line);
          return FALSE;
        }
      if (opens)
        {
          if (open_section)
            {
              g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                           /* Translators: %s are field names, %d a line number */
                           _("“{{#%s}}” on line %d begins inside “{{#%s}}”; close that one first."),
                           name, line, open_section);
              return FALSE;
            }
          open_section = g_strdup (name);
          if (facts)
            {
              g_autofree char *value = field_value (name, facts, lang);

              keep = !dossier_text_is_blank (value);
            }
        }
      else if (closes)
        {
          if (g_strcmp0 (open_section, name) != 0)
            {
              g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                           /* Translators: %s is a field name, %d a line number */
                           _("“{{/%s}}” on line %d closes a part that was not opened with “{{#%s}}”."),
                           name, line, name);
              return FALSE;
            }
          g_clear_pointer (&open_section, g_free);
          keep = TRUE;
        }
      else if (out && keep)
        {
          g_autofree char *value = field_value (name, facts, lang);

          g_string_append (out, value);
        }
      p = end + 2;
    }

  if (open_section)
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                   /* Translators: %s is a field name */
                   _("“{{#%s}}” is never closed with “{{/%s}}”."), open_section, open_section);
      return FALSE;
    }
  return TRUE;
}

/* The "Subject: …" line, if the template starts with one, and the rest.
 * Each is a template of its own: a part opened in one cannot close in
 * the other. */
static const char *
split_subject (const char  *text,
               char       **subject)
{
  const char *eol;

  *subject = NULL;
  if (!g_str_has_prefix (text, SUBJECT_PREFIX))
    return text;
  eol = strchr (text, '\n');
  *subject = g_strndup (text + strlen (SUBJECT_PREFIX),
                        eol ? (gsize) (eol - text) - strlen (SUBJECT_PREFIX) : strlen (text) - strlen (SUBJECT_PREFIX));
  return eol ? eol + 1 : text + strlen (text);
}

const char * const *
dossier_letter_languages (void)
{
  return language_codes;
}

gboolean
dossier_letter_has_language (const char *language)
{
  return find_language (language) != NULL;
}

const DossierMergeField *
dossier_letter_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
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
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  static gsize registered;

  if (!dossier_letter_has_language (language))
    return NULL;
  if (g_once_init_enter (&registered))
    {
      dossier_letters_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  path = g_strconcat (RESOURCE_PATH, language, ".txt", NULL);
  bytes = g_resource_lookup_data (dossier_letters_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
template_path (const char *templates_dir,
               const char *language)
{
  g_autofree char *name = g_strconcat (language, ".txt", NULL);

  return g_build_filename (templates_dir, name, NULL);
}

/**
 * dossier_letter_load_template:
 * @templates_dir: (nullable): where the user's own templates are
 * @customised: (out) (optional): whether the text is the user's
 *
 * Returns: the user's template for @language if there is one, otherwise
 *   the shipped one. A user's file that can no longer be read is an error,
 *   not silently replaced: they would lose their text without knowing.
 */
char *
dossier_letter_load_template (const char  *templates_dir,
                              const char  *language,
                              gboolean    *customised,
                              GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (customised)
    *customised = FALSE;
  if (!dossier_letter_has_language (language))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_LANGUAGE,
                   _("There is no letter template for the language “%s”."), language);
      return NULL;
    }
  if (templates_dir)
    {
      path = template_path (templates_dir, language);
      if (g_file_get_contents (path, &text, NULL, &local_error))
        {
          if (!g_utf8_validate (text, -1, NULL))
            {
              g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_SYNTAX,
                           _("Your template “%s” is not UTF-8 text."), path);
              return NULL;
            }
          if (customised)
            *customised = TRUE;
          return g_steal_pointer (&text);
        }
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return dossier_letter_shipped_template (language);
}

/**
 * dossier_letter_save_template:
 *
 * Checks @text and keeps it as the user's template for @language, replacing
 * the file atomically. A template that does not check is not written.
 */
gboolean
dossier_letter_save_template (const char  *templates_dir,
                              const char  *language,
                              const char  *text,
                              GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (templates_dir != NULL, FALSE);

  if (!dossier_letter_has_language (language))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_LANGUAGE,
                   _("There is no letter template for the language “%s”."), language);
      return FALSE;
    }
  if (!dossier_letter_check_template (text, error))
    return FALSE;
  if (g_mkdir_with_parents (templates_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), templates_dir, g_strerror (saved_errno));
      return FALSE;
    }
  path = template_path (templates_dir, language);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}

/* Goes back to the shipped template. */
gboolean
dossier_letter_reset_template (const char  *templates_dir,
                               const char  *language,
                               GError     **error)
{
  g_autofree char *path = NULL;

  if (!dossier_letter_has_language (language))
    return TRUE;
  path = template_path (templates_dir, language);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Whether @text is a template: every {{field}} known, every part closed. */
gboolean
dossier_letter_check_template (const char  *text,
                               GError     **error)
{
  g_autofree char *subject = NULL;
  const char *body = split_subject (text, &subject);

  return (subject == NULL || expand (subject, 1, NULL, NULL, NULL, error)) &&
         expand (body, subject ? 2 : 1, NULL, NULL, NULL, error);
}

/**
 * dossier_letter_merge:
 * @subject: (out): the subject line, without "Subject:"; empty if none
 * @body: (out): the letter
 *
 * Fills @template_text with @facts. Lines that a missing value leaves
 * empty do not pile up: more than one blank line in a row becomes one.
 */
gboolean
dossier_letter_merge (const char                *template_text,
                      const DossierLetterFacts  *facts,
                      char                     **subject,
                      char                     **body,
                      GError                   **error)
{
  const Language *lang;
  const char *text;
  g_autofree char *subject_template = NULL;
  g_autoptr(GString) subject_out = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) tidy = NULL;

  g_return_val_if_fail (facts != NULL, FALSE);

  if (!(lang = find_language (facts->language)))
    {
      g_set_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_LANGUAGE,
                   _("There is no letter template for the language “%s”."), facts->language);
      return FALSE;
    }
  /* check all of it first, so that an error names the right line */
  if (!dossier_letter_check_template (template_text, error))
    return FALSE;

  text = split_subject (template_text, &subject_template);
  if (subject_template && !expand (subject_template, 1, facts, lang, subject_out, error))
    return FALSE;
  if (!expand (text, subject_template ? 2 : 1, facts, lang, out, error))
    return FALSE;

  /* line by line: no trailing blanks, no run of empty lines, none at the
   * start, one newline at the end */
  tidy = g_string_sized_new (out->len);
  {
    g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);
    gboolean blank_before = TRUE;

    for (guint i = 0; lines[i]; i++)
      {
        char *line = g_strchomp (lines[i]);  /* spaces, tabs and a CR */

        if (*line == '\0')
          {
            if (!blank_before)
              g_string_append_c (tidy, '\n');
            blank_before = TRUE;
            continue;
          }
        g_string_append (tidy, line);
        g_string_append_c (tidy, '\n');
        blank_before = FALSE;
      }
    while (tidy->len > 1 && tidy->str[tidy->len - 1] == '\n' && tidy->str[tidy->len - 2] == '\n')
      g_string_truncate (tidy, tidy->len - 1);
  }

  *subject = g_strstrip (g_string_free (g_steal_pointer (&subject_out), FALSE));
  *body = g_string_free (g_steal_pointer (&tidy), FALSE);
  return TRUE;
}

/**
 * dossier_letter_has_asks:
 *
 * Returns: whether the urgent action lists anything to ask for: without,
 *   {{key_points}} is empty and the letter asks for nothing specific.
 */
gboolean
dossier_letter_has_asks (const DossierLetterFacts *facts)
{
  g_autoptr(GPtrArray) asks = NULL;

  g_return_val_if_fail (facts != NULL, FALSE);

  asks = asks_of (facts);
  return asks->len > 0;
}

/* "pt-BR" → "pt", lower case; "" (a UA from before languages were kept,
 * all of them English) → "en". */
static char *
primary_subtag (const char *language)
{
  const char *end;

  if (dossier_text_is_blank (language))
    return g_strdup ("en");
  while (g_ascii_isspace (*language))
    language++;
  end = language;
  while (*end && *end != '-' && *end != '_' && !g_ascii_isspace (*end))
    end++;
  return g_ascii_strdown (language, end - language);
}

/**
 * dossier_letter_asks_in_language:
 * @asks_language: (out) (optional) (transfer full): the language the
 *   urgent action's key points are written in ("en" when it says none)
 *
 * The templates quote the key points as the urgent action writes them,
 * whatever the letter's language: they have no asks of their own, so
 * that a letter never asks for what the urgent action does not.
 *
 * Returns: whether the key points are written in the letter's language
 *   (compared by primary subtag: "pt-BR" asks are in a "pt" letter). An
 *   urgent action without key points is in every language.
 */
gboolean
dossier_letter_asks_in_language (const DossierLetterFacts  *facts,
                                 char                     **asks_language)
{
  g_autofree char *asks = NULL;
  g_autofree char *letter = NULL;
  g_autoptr(GPtrArray) points = NULL;

  g_return_val_if_fail (facts != NULL, FALSE);

  asks = primary_subtag (facts->ua ? dossier_record_get_string (facts->ua, "language") : NULL);
  letter = primary_subtag (facts->language);
  points = asks_of (facts);
  if (asks_language)
    *asks_language = g_strdup (asks);
  return points->len == 0 || g_str_equal (asks, letter);
}

/* "22 November 2026", "22. November 2026", "22 ноября 2026 г.", "2026 жылғы 22 қараша" */
char *
dossier_letter_format_date (const char *date,
                            const char *language)
{
  const Language *lang = find_language (language);
  GString *out;
  int y, m, d;

  if (lang == NULL || !dossier_date_is_valid (date) || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (date ? date : "");
  out = g_string_new (NULL);
  for (const char *p = lang->date_format; *p; p++)
    {
      if (*p != '%' || !p[1])
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      if (*p == 'd')
        g_string_append_printf (out, "%d", d);
      else if (*p == 'm')
        g_string_append (out, lang->months[m - 1]);
      else if (*p == 'y')
        g_string_append_printf (out, "%d", y);
    }
  return g_string_free (out, FALSE);
}

/* "Anna Maria Schmidt" → "A. M. S." */
char *
dossier_letter_initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name ? name : "", " \t-", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      gunichar c = g_utf8_get_char_validated (words[i], -1);

      if (*words[i] == '\0' || c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isalpha (c))
        continue;
      if (out->len)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, g_unichar_toupper (c));
      g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}

/* How the letter is signed, in the mode the volunteer chose for it. */
char *
dossier_letter_signature (const DossierLetterFacts *facts)
{
  const Language *lang = find_language (facts->language);
  const char *mode = facts->signature ? facts->signature : "full-name";
  const char *name = facts->volunteer_name ? facts->volunteer_name : "";

  if (g_str_equal (mode, "initials"))
    return dossier_letter_initials (name);
  if (g_str_equal (mode, "pseudonym"))
    return g_strdup (!dossier_text_is_blank (facts->pseudonym) ? facts->pseudonym : "");
  if (g_str_equal (mode, "group"))
    {
      if (dossier_text_is_blank (facts->volunteer_group) || lang == NULL)
        return g_strdup ("");
      return g_strdup_printf (lang->on_behalf_of, facts->volunteer_group);
    }
  return g_strstrip (g_strdup (name));
}

/* Lines for the window of an envelope: name, office, organisation, postal
 * address, country. The office goes when the name already says it
 * ("Prosecutor General of …"), the country when the address ends with it. */
static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack ? haystack : "", -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

char *
dossier_letter_address_block (DossierRecord *target)
{
  const char *name = dossier_record_get_string (target, "name");
  const char *office = dossier_record_get_string (target, "office");
  const char *organisation = dossier_record_get_string (target, "organisation");
  const char *address = dossier_record_get_string (target, "address");
  const char *country = dossier_record_get_string (target, "country");
  g_autofree char *last_line = NULL;
  GString *out = g_string_new (NULL);

  if (!dossier_text_is_blank (address))
    {
      g_autofree char *trimmed = g_strchomp (g_strdup (address));
      const char *nl = strrchr (trimmed, '\n');

      last_line = g_strdup (nl ? nl + 1 : trimmed);
    }
  if (!dossier_text_is_blank (name))
    g_string_append (out, name);
  if (!dossier_text_is_blank (office) && !contains_folded (name, office))
    g_string_append_printf (out, "%s%s", out->len ? "\n" : "", office);
  if (!dossier_text_is_blank (organisation) && g_strcmp0 (organisation, name) != 0)
    g_string_append_printf (out, "%s%s", out->len ? "\n" : "", organisation);
  if (!dossier_text_is_blank (address))
    g_string_append_printf (out, "%s%s", out->len ? "\n" : "", address);
  if (!dossier_text_is_blank (country) && !contains_folded (last_line, country))
    g_string_append_printf (out, "%s%s", out->len ? "\n" : "", country);
  return g_string_free (out, FALSE);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  /* RFC 6068: line breaks in a body are CRLF, percent-encoded */
  for (const char *p = text; p && *p; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }
  escaped = g_uri_escape_string (crlf->str, NULL, FALSE);
  g_string_append (out, escaped);
}

/**
 * dossier_letter_mailto:
 *
 * Returns: a mailto: URI (RFC 6068) for @to with @subject and @body, every
 *   byte outside the unreserved set percent-encoded as UTF-8, so that a
 *   Cyrillic letter reaches the mail client as it was written.
 */
char *
dossier_letter_mailto (const char *to,
                       const char *subject,
                       const char *body)
{
  GString *out = g_string_new ("mailto:");
  g_autofree char *address = g_uri_escape_string (to ? to : "", "@", FALSE);
  char separator = '?';

  g_string_append (out, address);
  if (subject && *subject)
    {
      g_string_append (out, "?subject=");
      append_escaped (out, subject);
      separator = '&';
    }
  if (body && *body)
    {
      g_string_append_printf (out, "%cbody=", separator);
      append_escaped (out, body);
    }
  return g_string_free (out, FALSE);
}
