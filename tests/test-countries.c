/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "dossier-countries.h"

/* Countries by their ISO 3166-1 codes, named from iso-codes: in the
 * window's language under real locales (ru_RU, kk_KZ and de_DE, compiled
 * for the tests by tests/make-locales.sh and read through LOCPATH, which
 * meson sets), and in a language of one's choice whatever the locale. */

static void
use_locale (const char *lang,
            const char *language)
{
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", lang, TRUE);
  if (language)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* also what makes gettext forget the translations it has looked up */
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The locale %s is not there (LOCPATH=%s): tests/make-locales.sh compiles it at build time",
             lang, g_getenv ("LOCPATH"));
}

static void
test_english (void)
{
  g_assert_true (dossier_country_is_code ("KZ"));
  g_assert_false (dossier_country_is_code ("kz"));
  g_assert_false (dossier_country_is_code ("XX"));
  g_assert_false (dossier_country_is_code ("Kazakhstan"));
  g_assert_false (dossier_country_is_code (NULL));

  g_assert_cmpstr (dossier_country_english_name ("KZ"), ==, "Kazakhstan");
  /* iso-codes' common name before its full one */
  g_assert_cmpstr (dossier_country_english_name ("BO"), ==, "Bolivia");
  g_assert_cmpstr (dossier_country_english_name ("CZ"), ==, "Czechia");
  g_assert_null (dossier_country_english_name ("XX"));
  g_assert_null (dossier_country_english_name (NULL));
}

typedef struct
{
  const char *lang;
  const char *language;
  const char *kz;
  const char *de;
} Expected;

/* The window's language, however the session sets it */
static void
test_ui_language (void)
{
  static const Expected expected[] = {
    { "C.UTF-8", NULL, "Kazakhstan", "Germany" },
    { "ru_RU.UTF-8", NULL, "Казахстан", "Германия" },
    { "kk_KZ.UTF-8", NULL, "Қазақстан", "Германия" },
    { "de_DE.UTF-8", NULL, "Kasachstan", "Deutschland" },
    { "C.UTF-8", "kk", "Қазақстан", "Германия" },
    { "C.UTF-8", "de", "Kasachstan", "Deutschland" },
    { "de_DE.UTF-8", "ru", "Казахстан", "Германия" },
    { "ru_RU.UTF-8", "en", "Kazakhstan", "Germany" },
  };
  g_autofree char *saved_lang = g_strdup (g_getenv ("LANG"));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *kz = NULL;
      g_autofree char *de = NULL;
      g_autofree char *legacy = NULL;
      g_autofree char *none = NULL;

      use_locale (expected[i].lang, expected[i].language);
      kz = dossier_country_name ("KZ");
      de = dossier_country_name ("DE");
      g_test_message ("%s, LANGUAGE=%s: %s, %s", expected[i].lang, expected[i].language, kz, de);
      g_assert_cmpstr (kz, ==, expected[i].kz);
      g_assert_cmpstr (de, ==, expected[i].de);
      /* a value kept as it was typed is shown as it is */
      legacy = dossier_country_name ("Kazakstan");
      g_assert_cmpstr (legacy, ==, "Kazakstan");
      none = dossier_country_name (NULL);
      g_assert_cmpstr (none, ==, "");
    }
  use_locale (saved_lang ? saved_lang : "C.UTF-8", saved_language);
}

/* A letter's language, whatever the window's */
static void
test_given_language (void)
{
  static const struct { const char *language; const char *code; const char *name; } expected[] = {
    { "de", "KZ", "Kasachstan" },
    { "ru", "KZ", "Казахстан" },
    { "kk", "KZ", "Қазақстан" },
    { "en", "KZ", "Kazakhstan" },
    { "de", "MN", "Mongolei" },
    { "kk", "CH", "Швейцария" },
    /* the common name's translation: "Bolivien", not the full name's */
    { "de", "BO", "Bolivien" },
    /* pt_BR's catalogue, for a language with a region */
    { "pt-BR", "DE", "Alemanha" },
    /* no catalogue: English; never a path */
    { "xx", "KZ", "Kazakhstan" },
    { "../../../etc", "KZ", "Kazakhstan" },
    /* not a country's code: as it is */
    { "de", "Kazakstan", "Kazakstan" },
  };

  for (guint round = 0; round < 2; round++)
    {
      /* the same under another locale and window language */
      use_locale (round == 0 ? "C.UTF-8" : "ru_RU.UTF-8", round == 0 ? NULL : "kk");
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          g_autofree char *name = dossier_country_name_in (expected[i].code, expected[i].language);

          g_assert_cmpstr (name, ==, expected[i].name);
        }
    }
  {
    g_autofree char *english = dossier_country_name_in ("KZ", NULL);

    g_assert_cmpstr (english, ==, "Kazakhstan");
  }
  use_locale ("C.UTF-8", NULL);
}

static void
test_code_from_text (void)
{
  static const struct { const char *text; const char *code; } expected[] = {
    { "KZ", "KZ" }, { "kz", "KZ" }, { " Kazakhstan ", "KZ" }, { "KAZAKHSTAN", "KZ" },
    { "KAZ", "KZ" }, { "Republic of Kazakhstan", "KZ" },
    { "Казахстан", "KZ" }, { "Қазақстан", "KZ" }, { "Kasachstan", "KZ" },
    { "Czech Republic", "CZ" }, { "Czechia", "CZ" }, { "Bolivia", "BO" },
    { "Russia", "RU" }, { "Russian Federation", "RU" }, { "Россия", "RU" }, { "Ресей", "RU" },
    { "United Arab Emirates", "AE" }, { "Switzerland", "CH" }, { "Ukraine", "UA" },
    { "UK", "GB" },
    { "", NULL }, { "   ", NULL }, { "Kazakstan", NULL }, { "Atlantis", NULL }, { "XX", NULL },
    { "Kazakhstan, Almaty", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (dossier_country_code_from_text (expected[i].text), ==, expected[i].code);
  g_assert_null (dossier_country_code_from_text (NULL));
  g_assert_null (dossier_country_code_from_text ("\xff\xfe"));
}

static void
test_sorted (void)
{
  g_autofree char *saved_lang = g_strdup (g_getenv ("LANG"));
  const char *langs[] = { "C.UTF-8", "de_DE.UTF-8", "kk_KZ.UTF-8" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr(GPtrArray) codes = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *previous = NULL;

      use_locale (langs[l], NULL);
      codes = dossier_country_codes_by_name ();
      /* iso-codes lists 249 */
      g_assert_cmpuint (codes->len, >=, 240);
      for (guint i = 0; i < codes->len; i++)
        {
          g_autofree char *name = dossier_country_name (codes->pdata[i]);

          g_assert_true (dossier_country_is_code (codes->pdata[i]));
          g_assert_true (g_hash_table_add (seen, codes->pdata[i]));
          if (previous)
            g_assert_cmpint (g_utf8_collate (previous, name), <=, 0);
          g_free (previous);
          previous = g_steal_pointer (&name);
        }
      if (l == 0)
        g_assert_cmpstr (codes->pdata[0], ==, "AF");
      if (l == 2)
        {
          /* Австралия first in Kazakh */
          g_autofree char *first = dossier_country_name (codes->pdata[0]);

          g_assert_cmpstr (first, ==, "Австралия");
        }
    }
  use_locale (saved_lang ? saved_lang : "C.UTF-8", NULL);
}

static void
test_search_text (void)
{
  g_autofree char *kz = dossier_country_search_text ("KZ");
  g_auto(GStrv) lines = g_strsplit (kz, "\n", -1);
  g_autofree char *legacy = dossier_country_search_text ("Kazakstan");
  g_autofree char *none = dossier_country_search_text (NULL);

  for (guint i = 0; i < 5; i++)
    g_assert_true (g_strv_contains ((const char * const *) lines,
                                    (const char *[]) { "KZ", "Kazakhstan", "Kasachstan", "Казахстан", "Қазақстан" }[i]));
  g_assert_cmpstr (legacy, ==, "Kazakstan");
  g_assert_cmpstr (none, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/countries/english", test_english);
  g_test_add_func ("/countries/ui-language", test_ui_language);
  g_test_add_func ("/countries/given-language", test_given_language);
  g_test_add_func ("/countries/code-from-text", test_code_from_text);
  g_test_add_func ("/countries/sorted", test_sorted);
  g_test_add_func ("/countries/search-text", test_search_text);

  return g_test_run ();
}
