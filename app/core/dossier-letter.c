/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dossier-letter.h"
#include "dossier-countries.h"
#include "dossier-letter-private.h"
#include "dossier-translations.h"

/* A template is plain text: an optional first line "Subject: …", then the
 * body. {{field}} is replaced by the field's value; {{#field}}…{{/field}}
 * keeps what is between only when the field has a value, so that a case
 * without charges does not leave "under ." in a letter. The shipped
 * templates are in the letter languages (dossier-letter-language.c); a
 * user's own versions are files LL.txt in the profile's templates folder. */

#define SUBJECT_PREFIX "Subject:"

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

static gboolean
in_script (const char     *text,
           const Language *lang)
{
  return lang->cyrillic ? has_cyrillic (text) : has_latin (text);
}

/* A country as a letter in @lang names it: the letter language's own
 * "Country:" line, where it writes a country as an address does
 * ("Россия", where iso-codes says "Российская Федерация"); else
 * iso-codes' name in that language, read from its catalogue for that
 * language rather than through the window's gettext (dossier-countries.c
 * says why); a value kept as it was typed as it is. @lang %NULL: in
 * English. */
static char *
country_in (const char     *value,
            const Language *lang)
{
  const char *own = lang && value ? g_hash_table_lookup (lang->countries, value) : NULL;

  if (own)
    return g_strdup (own);
  return dossier_country_name_in (value, lang ? lang->code : NULL);
}

/* The spelling of a case's name a letter in @lang uses: the name in that
 * language, when the case holds one ("Әлнұр" in a Kazakh letter); else
 * the case's own name if it is in the letter's script; else a spelling in
 * that script, from another language or another spelling ("Альнур
 * Ильяшев" in a Kazakh letter when only the Russian is known); else the
 * case's own name. */
static char *
name_in (DossierRecord  *kase,
         const Language *lang)
{
  const char *name = dossier_record_get_string (kase, "name");
  const char * const *others = dossier_record_get_strv (kase, "other-names");
  g_autofree char *translated = dossier_record_get_text_in (kase, "name", lang->code, TRUE, NULL, NULL);
  g_auto(GStrv) languages = NULL;

  if (!dossier_text_is_blank (translated))
    return g_steal_pointer (&translated);
  if (name && in_script (name, lang))
    return g_strdup (name);
  languages = dossier_translations_languages (kase);
  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *other = dossier_record_get_text_in (kase, "name", languages[i], TRUE, NULL, NULL);

      if (!dossier_text_is_blank (other) && in_script (other, lang))
        return g_steal_pointer (&other);
    }
  for (guint i = 0; others && others[i]; i++)
    if (in_script (others[i], lang))
      return g_strdup (others[i]);
  return g_strdup (name ? name : "");
}

/* How a letter in @lang names a charge's code, as its citations need it
 * ("УК РК", "des Strafgesetzbuchs der Republik Kasachstan"): the
 * language's own name for the code, else the charge's translation into
 * @lang, else — in English, the language campaigns name codes in — the
 * code as the charge names it. NULL when the letter cannot name it. */
static char *
code_in (DossierRecord  *charge,
         const Language *lang)
{
  const char *code = dossier_record_get_string (charge, "code");
  const char *known;
  g_autofree char *translated = NULL;

  if (dossier_text_is_blank (code))
    return NULL;
  if ((known = g_hash_table_lookup (lang->codes, code)))
    return g_strdup (known);
  translated = dossier_record_get_text_in (charge, "code", lang->code, TRUE, NULL, NULL);
  if (!dossier_text_is_blank (translated))
    return g_steal_pointer (&translated);
  if (g_str_equal (lang->code, "en"))
    return g_strdup (code);
  return NULL;
}

static char *
fill (const char *pattern,
      const char *article,
      const char *part,
      const char *paragraph,
      const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p; p++)
    {
      const struct { const char *name; const char *value; } values[] = {
        { "{article}", article }, { "{part}", part }, { "{paragraph}", paragraph }, { "{code}", code },
      };
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (values) && *p == '{'; i++)
        if (g_str_has_prefix (p, values[i].name))
          {
            g_string_append (out, values[i].value ? values[i].value : "");
            p += strlen (values[i].name) - 1;
            replaced = TRUE;
            break;
          }
      if (!replaced)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "4(2)" is part 4, paragraph 2, as Kazakhstan's and Russia's codes are
 * cited; anything else is a part as it is written. */
static void
split_part (const char  *text,
            char       **part,
            char       **paragraph)
{
  const char *open = strchr (text, '(');
  const char *close = open ? strchr (open, ')') : NULL;

  *paragraph = NULL;
  if (open && close && close[1] == '\0' && close > open + 1 && open > text)
    {
      *part = g_strstrip (g_strndup (text, open - text));
      *paragraph = g_strstrip (g_strndup (open + 1, close - open - 1));
      if (**part && **paragraph)
        return;
      g_clear_pointer (part, g_free);
      g_clear_pointer (paragraph, g_free);
    }
  *part = g_strstrip (g_strdup (text));
}

/* A charge cited as lawyers of the letter's language cite it: "paragraph
 * 2 of part 4 of Article 274 of the Criminal Code of the Republic of
 * Kazakhstan", «п. 2 ч. 4 ст. 274 УК РК». */
static char *
article_reference (DossierRecord  *charge,
                   const Language *lang,
                   gboolean        with_code)
{
  const char *article = dossier_record_get_string (charge, "article");
  const char *part_text = dossier_record_get_string (charge, "part");
  g_autofree char *code = with_code ? code_in (charge, lang) : NULL;
  g_autofree char *part = NULL;
  g_autofree char *paragraph = NULL;
  guint cite;

  if (dossier_text_is_blank (article))
    return NULL;
  if (!dossier_text_is_blank (part_text))
    split_part (part_text, &part, &paragraph);
  cite = paragraph ? CITE_ARTICLE_PART_PARAGRAPH : part ? CITE_ARTICLE_PART : CITE_ARTICLE;
  if (code)
    cite += CITE_CODE_ARTICLE;
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (article));

    return fill (lang->cite[cite], trimmed, part, paragraph, code);
  }
}

static char *
list_lines (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s– %s", i ? "\n" : "", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* The asks a letter quotes: the UA's key points in @language when it
 * has them (its own, or a translation), else in the language of
 * facts->asks_language when the volunteer chose to send those, else in
 * the UA's own language — which the composer then warns about. */
static GStrv
asks_in (const DossierLetterFacts *facts,
         const char               *language,
         char                    **shown,
         char                    **translated_from)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) points = NULL;

  if (shown)
    *shown = g_strdup ("");
  if (translated_from)
    *translated_from = g_strdup ("");
  if (facts->ua == NULL)
    return g_strv_builder_end (builder);
  if (shown)
    g_clear_pointer (shown, g_free);
  if (translated_from)
    g_clear_pointer (translated_from, g_free);
  if (dossier_record_has_text_in (facts->ua, "key-points", language))
    points = dossier_record_get_strv_in (facts->ua, "key-points", language, TRUE, shown, translated_from);
  else if (facts->asks_language && dossier_record_has_text_in (facts->ua, "key-points", facts->asks_language))
    points = dossier_record_get_strv_in (facts->ua, "key-points", facts->asks_language, TRUE, shown, translated_from);
  else
    points = dossier_record_get_strv_in (facts->ua, "key-points", dossier_record_text_language (facts->ua),
                                         FALSE, shown, translated_from);
  for (guint i = 0; points && points[i]; i++)
    if (!dossier_text_is_blank (points[i]))
      g_strv_builder_add (builder, points[i]);
  return g_strv_builder_end (builder);
}

/* The target's salutation in the letter's language: its translation into
 * it; else its own, when it is written in that language (the target's
 * language says so, or — when it names none — its script does, Latin
 * taken for English as the campaigns' feeds write it); else the
 * language's courteous generic one, and *@generic says so. */
static char *
salutation (const DossierLetterFacts *facts,
            const Language           *lang,
            gboolean                 *generic)
{
  g_autofree char *translated = NULL;
  const char *own = facts->target ? dossier_record_get_string (facts->target, "salutation") : NULL;
  const char *target_language = facts->target ? dossier_record_get_string (facts->target, "language") : NULL;
  const char *chosen = NULL;

  /* a translation: the target's own salutation is judged below */
  if (facts->target)
    {
      g_autofree char *shown = NULL;

      translated = dossier_record_get_text_in (facts->target, "salutation", lang->code, TRUE, &shown, NULL);
      if (translated && dossier_language_same (shown, dossier_record_text_language (facts->target)))
        g_clear_pointer (&translated, g_free);
    }
  if (!dossier_text_is_blank (translated))
    chosen = translated;
  else if (dossier_text_is_blank (own))
    chosen = NULL;
  else if (!dossier_text_is_blank (target_language))
    chosen = dossier_language_same (target_language, lang->code) ? own : NULL;
  else if (has_cyrillic (own))
    chosen = lang->cyrillic && g_str_equal (lang->code, "ru") ? own : NULL;
  else
    chosen = g_str_equal (lang->code, "en") ? own : NULL;

  if (generic)
    *generic = chosen == NULL;
  if (chosen == NULL)
    return g_strdup (lang->salutation);
  /* "Dear Prosecutor General" wants its comma, "Уважаемый…" its mark */
  if (lang->salutation_end && *lang->salutation_end &&
      !g_str_has_suffix (chosen, ",") && !g_str_has_suffix (chosen, "!") && !g_str_has_suffix (chosen, "."))
    return g_strconcat (chosen, lang->salutation_end, NULL);
  return g_strdup (chosen);
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
    return facts->ua ? dossier_record_get_text_in (facts->ua, "title", lang->code, FALSE, NULL, NULL) : g_strdup ("");
  if (g_str_equal (name, "case_name"))
    return first ? name_in (first, lang) : g_strdup ("");
  if (g_str_equal (name, "case_names"))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; facts->cases && i < facts->cases->len; i++)
        g_ptr_array_add (names, name_in (g_ptr_array_index (facts->cases, i), lang));
      return join_names (names, lang->and);
    }
  if (g_str_equal (name, "case_place"))
    {
      const char *city = first ? dossier_record_get_string (first, "city") : NULL;
      g_autofree char *country = first ? country_in (dossier_record_get_string (first, "country"), lang) : NULL;

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
          /* what the charge is for, in the letter's language: an English
           * description in a Russian letter would be a line in two languages */
          g_autofree char *description = dossier_record_get_text_in (charge, "description", lang->code,
                                                                     !g_str_equal (lang->code, "en"), NULL, NULL);

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
      g_auto(GStrv) asks = asks_in (facts, lang->code, NULL, NULL);
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();

      for (guint i = 0; asks[i]; i++)
        g_ptr_array_add (lines, asks[i]);
      return list_lines (lines);
    }
  if (g_str_equal (name, "target_name"))
    return facts->target ? dossier_record_get_text_in (facts->target, "name", lang->code, FALSE, NULL, NULL)
                         : g_strdup ("");
  if (g_str_equal (name, "target_address"))
    return facts->target ? dossier_letter_address_block_in (facts->target, lang->code) : g_strdup ("");
  if (g_str_equal (name, "salutation"))
    return salutation (facts, lang, NULL);
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

const DossierMergeField *
dossier_letter_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
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

  if (!(lang = dossier_letter_find_language (facts->language)))
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
 * dossier_letter_cite_charge:
 *
 * Returns: (transfer full) (nullable): @charge cited as a letter in
 *   @language cites it ("п. 2 ч. 4 ст. 274 УК РК"), for pages in that
 *   language too; %NULL when no letter language is installed for it or
 *   the charge names no article.
 */
char *
dossier_letter_cite_charge (DossierRecord *charge,
                            const char    *language)
{
  g_autofree char *primary = dossier_language_primary (language);
  const Language *lang = dossier_letter_find_language (primary);

  return lang ? article_reference (charge, lang, TRUE) : NULL;
}

/**
 * dossier_letter_has_asks:
 *
 * Returns: whether the urgent action lists anything to ask for, in any
 *   language: without, {{key_points}} is empty and the letter asks for
 *   nothing specific.
 */
gboolean
dossier_letter_has_asks (const DossierLetterFacts *facts)
{
  g_auto(GStrv) asks = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (facts != NULL, FALSE);

  if (facts->ua == NULL)
    return FALSE;
  asks = asks_in (facts, dossier_record_text_language (facts->ua), NULL, NULL);
  if (asks[0])
    return TRUE;
  languages = dossier_translations_languages (facts->ua);
  for (guint i = 0; languages[i]; i++)
    if (dossier_record_has_text_in (facts->ua, "key-points", languages[i]))
      return TRUE;
  return FALSE;
}

/**
 * dossier_letter_asks_in_language:
 * @asks_language: (out) (optional) (transfer full): the language of the
 *   asks the letter quotes
 * @translated_from: (out) (optional) (transfer full): when those asks
 *   are a translation made by the campaign's author, the language it was
 *   made from; "" otherwise
 *
 * The templates have no asks of their own, so that a letter never asks
 * for what the urgent action does not: they quote its key points in the
 * letter's language when it has them (in its own language or as a
 * translation), else as it has them (dossier_letter_asks_languages()).
 *
 * Returns: whether the letter quotes the asks in its own language
 *   (compared by primary subtag: "pt-BR" asks are in a "pt" letter). An
 *   urgent action without key points is in every language.
 */
gboolean
dossier_letter_asks_in_language (const DossierLetterFacts  *facts,
                                 char                     **asks_language,
                                 char                     **translated_from)
{
  g_autofree char *shown = NULL;
  g_autofree char *from = NULL;
  g_auto(GStrv) asks = NULL;

  g_return_val_if_fail (facts != NULL, FALSE);

  asks = asks_in (facts, facts->language, &shown, &from);
  if (asks_language)
    *asks_language = dossier_language_primary (shown && *shown ? shown : "en");
  if (translated_from)
    *translated_from = g_strdup (asks[0] && from ? from : "");
  return asks[0] == NULL || dossier_language_same (shown && *shown ? shown : "en", facts->language);
}

/**
 * dossier_letter_asks_languages:
 *
 * Returns: (transfer full): the languages the urgent action has its asks
 *   in: its own first, then its translations.
 */
GStrv
dossier_letter_asks_languages (DossierRecord *ua)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) languages = NULL;
  const char * const *own = dossier_record_get_strv (ua, "key-points");

  if (own && own[0])
    g_strv_builder_add (builder, dossier_record_text_language (ua));
  languages = dossier_translations_languages (ua);
  for (guint i = 0; languages[i]; i++)
    if (!dossier_language_same (languages[i], dossier_record_text_language (ua)) &&
        dossier_record_has_text_in (ua, "key-points", languages[i]))
      g_strv_builder_add (builder, languages[i]);
  return g_strv_builder_end (builder);
}

/**
 * dossier_letter_salutation_is_generic:
 *
 * Returns: whether the letter greets the target with the language's
 *   generic salutation, because the target has none in that language.
 */
gboolean
dossier_letter_salutation_is_generic (const DossierLetterFacts *facts)
{
  const Language *lang = dossier_letter_find_language (facts->language);
  g_autofree char *text = NULL;
  gboolean generic = TRUE;

  if (lang == NULL || facts->target == NULL)
    return TRUE;
  text = salutation (facts, lang, &generic);
  return generic;
}

/* "22 November 2026", "22. November 2026", "22 ноября 2026 г.", "2026 жылғы 22 қараша" */
char *
dossier_letter_format_date (const char *date,
                            const char *language)
{
  const Language *lang = dossier_letter_find_language (language);
  GString *out;
  int y, m, d;

  if (lang == NULL || !dossier_date_is_valid (date) || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (date ? date : "");
  {
    g_autofree char *day = g_strdup_printf ("%d", d);
    g_autofree char *year = g_strdup_printf ("%d", y);
    g_autofree char *with_day = NULL;
    g_autofree char *with_month = NULL;
    GString *result;

    /* one pass, so that a month name with braces in it stays as it is */
    result = g_string_new (NULL);
    for (const char *p = lang->date_format; *p; p++)
      {
        if (g_str_has_prefix (p, "{day}"))
          g_string_append (result, day), p += 4;
        else if (g_str_has_prefix (p, "{month}"))
          g_string_append (result, lang->months[m - 1]), p += 6;
        else if (g_str_has_prefix (p, "{year}"))
          g_string_append (result, year), p += 5;
        else
          g_string_append_c (result, *p);
      }
    out = result;
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
  const Language *lang = dossier_letter_find_language (facts->language);
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
      {
        g_auto(GStrv) parts = g_strsplit (lang->group, "{group}", 2);

        return g_strconcat (parts[0], facts->volunteer_group, parts[1] ? parts[1] : "", NULL);
      }
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
  return dossier_letter_address_block_in (target, NULL);
}

/* The same, written in @language as far as the target has it in it. */
char *
dossier_letter_address_block_in (DossierRecord *target,
                                 const char    *language)
{
  g_autofree char *name = dossier_record_get_text_in (target, "name", language, FALSE, NULL, NULL);
  g_autofree char *office = dossier_record_get_text_in (target, "office", language, FALSE, NULL, NULL);
  g_autofree char *organisation = dossier_record_get_text_in (target, "organisation", language, FALSE, NULL, NULL);
  g_autofree char *address = dossier_record_get_text_in (target, "address", language, FALSE, NULL, NULL);
  const Language *lang = dossier_letter_find_language (language);
  /* the country as the letter's language names it, on the envelope too */
  g_autofree char *country = country_in (dossier_record_get_string (target, "country"), lang);
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
