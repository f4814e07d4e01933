/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "dossier-translit.h"

/* The search key: spellings of one name in Latin, Russian Cyrillic and
 * Kazakh Cyrillic meet; see app/core/dossier-translit.c for the rules. */

static void
assert_key (const char *text,
            const char *expected)
{
  g_autofree char *key = dossier_translit_key (text);

  g_assert_cmpstr (key, ==, expected);
}

/* Every spelling in @spellings has the same key. */
static void
assert_same_key (const char * const *spellings)
{
  g_autofree char *first = dossier_translit_key (spellings[0]);

  g_assert_cmpstr (first, !=, "");
  for (guint i = 1; spellings[i]; i++)
    {
      g_autofree char *key = dossier_translit_key (spellings[i]);

      if (g_strcmp0 (key, first) != 0)
        g_error ("“%s” has the key “%s”, “%s” has “%s”", spellings[0], first, spellings[i], key);
    }
}

/* The pairs of the seeds and of the generated store. */
static void
test_seed_pairs (void)
{
  const char *ilyashev[] = { "Ilyashev", "Ильяшев", "ИЛЬЯШЕВ", "ilyashev", "Il'yashev", "Il’yashev", NULL };
  const char *nurlankyzy[] = { "Nurlankyzy", "Нұрланқызы", "нурланкызы", "НҰРЛАНҚЫЗЫ", "Nurlanqyzy", NULL };
  const char *zhakupov[] = { "Zhakupov", "Жақыпов", "Жакупов", "Zhakypov", "Jaqypov", NULL };
  const char *almaty[] = { "Almaty", "Алматы", "ALMATY", NULL };
  const char *shymkent[] = { "Shymkent", "Шымкент", NULL };
  const char *alnur[] = { "Alnur Ilyashev", "Альнур Ильяшев", NULL };

  assert_same_key (ilyashev);
  assert_same_key (nurlankyzy);
  assert_same_key (zhakupov);
  assert_same_key (almaty);
  assert_same_key (shymkent);
  assert_same_key (alnur);

  assert_key ("Ильяшев", "iliashev");
  assert_key ("Нұрланқызы", "nirlankizi");
  assert_key ("Жақыпов", "zhakipov");
  assert_key ("Алматы", "almati");
  assert_key ("Шымкент", "shimkent");
}

/* Each of the nine letters Kazakh adds to the Russian alphabet. */
static void
test_kazakh_letters (void)
{
  const char *pairs[][2] = {
    { "Әсел", "Assel" },            /* ә */
    { "Ғалым", "Galym" },           /* ғ */
    { "Ғалым", "Ghalym" },
    { "Қайрат", "Kairat" },         /* қ */
    { "Қайрат", "Qairat" },
    { "Жаңаөзен", "Zhanaozen" },    /* ң, ө */
    { "Өскемен", "Öskemen" },
    { "Ұлжан", "Ulzhan" },          /* ұ */
    { "Үміт", "Umit" },             /* ү, і */
    { "Үміт", "Ümit" },
    { "Шаһизада", "Shakhizada" },   /* һ */
    { "Шаһизада", "Shahizada" },
    { "Іңкәр", "Inkar" },           /* і, ң, ә */
    { "Түркістан", "Turkistan" },
    { "Сәрсенбаев", "Sarsenbayev" },
    { "Бауыржан", "Bauyrzhan" },
    { "Мұхтар", "Mukhtar" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *spellings[] = { pairs[i][0], pairs[i][1], NULL };
      assert_same_key (spellings);
    }

  /* upper case Kazakh letters fold too */
  assert_key ("ӘҒҚҢӨҰҮҺІ", "agknoikhi");
  assert_key ("әғқңөұүһі", "agknoikhi");
}

static void
test_russian_romanisations (void)
{
  const char *sets[][6] = {
    { "Yerlan", "Erlan", "Ерлан", NULL },
    { "Nazarbayev", "Nazarbaev", "Назарбаев", NULL },
    { "Fyodorov", "Fedorov", "Фёдоров", "Федоров", NULL },
    { "Alexei", "Aleksei", "Alexey", "Алексей", NULL },
    { "Dmitriy", "Dmitri", "Dmitry", "Дмитрий", NULL },
    { "Sergey", "Sergei", "Сергей", NULL },
    { "Yuri", "Yury", "Юрий", NULL },
    { "Tatyana", "Tatiana", "Татьяна", NULL },
    { "Natalya", "Natalia", "Наталья", NULL },
    { "Yekaterina", "Ekaterina", "Екатерина", NULL },
    { "Kuznetsov", "Кузнецов", NULL },
    { "Shchukin", "Щукин", NULL },
    { "Dzhakishev", "Djakishev", "Джакишев", NULL },
    { "Kassymov", "Kasymov", "Қасымов", NULL },
    { "Yessengaliyev", "Esengaliev", "Есенғалиев", NULL },
    { "Vietnam", "Вьетнам", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    assert_same_key (sets[i]);
}

/* Case in every script, accents, letters that do not decompose. */
static void
test_case_and_accents (void)
{
  assert_key ("ИЛЬЯШЕВ Ильяшев ильяшев", "iliashev iliashev iliashev");
  assert_key ("Crème Brûlée", "creme brileie");
  assert_key ("Ёлка ёлка Елка", "ielka ielka ielka");
  assert_key ("Łódź", "lodz");
  assert_key ("Straße STRASSE", "strase strase");
  assert_key ("ΑΘΗΝΑ Αθήνα", "αθηνα αθηνα");
  /* decomposed input meets composed input: й as и and a breve */
  assert_key ("\xd0\x99ошкар-Ола", "ioshkar ola");
  assert_key ("\xd0\x98\xcc\x86ошкар-Ола", "ioshkar ola");
  assert_key ("Caf\xc3\xa9", "cafe");
  assert_key ("Cafe\xcc\x81", "cafe");
}

/* Words, digits and separators. */
static void
test_words (void)
{
  g_auto(GStrv) words = dossier_translit_words ("  UA 065/20: “Alnur” Il'yashev, (AND) * \" -- ");
  const char *expected[] = { "UA", "065", "20", "Alnur", "Il'yashev", "AND", NULL };

  g_assert_cmpstrv (words, expected);
  assert_key ("UA 065/20", "ia 065 20");
  assert_key ("O’Neill, 'quoted'", "oneil kioted");
  assert_key ("", "");
  assert_key ("  ,.;  ", "");
  assert_key ("2020-06-22", "2020 06 22");

  {
    g_auto(GStrv) none = dossier_translit_words ("\" ( ) * : ^ - + ");
    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }
}

/* The key of what has been typed so far is a prefix of the key of the
 * word: search can follow the typing. */
static void
test_prefixes (void)
{
  const char *words[] = {
    "Ilyashev", "Ильяшев", "Nurlankyzy", "Нұрланқызы", "Mukhtar", "Мұхтар", "Alexei",
    "Yerlan", "Ерлан", "Sergeyev", "Сергеев", "Shakhizada", "Шаһизада", "Джакишев",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *whole = dossier_translit_key (words[i]);
      glong n = g_utf8_strlen (words[i], -1);

      for (glong len = 1; len <= n; len++)
        {
          g_autofree char *typed = g_utf8_substring (words[i], 0, len);
          g_autofree char *key = dossier_translit_key (typed);

          if (!g_str_has_prefix (whole, key))
            g_error ("“%s” is “%s”, but “%s” is “%s”", typed, key, words[i], whole);
        }
    }
}

/* Nothing breaks it: invalid UTF-8, control characters, long input. */
static void
test_robust (void)
{
  g_autofree char *long_text = g_strnfill (100000, 'b');
  g_autofree char *key = dossier_translit_key (long_text);
  g_autofree char *many = g_strnfill (50000, 'x');
  g_autofree char *many_key = dossier_translit_key (many);

  /* a letter written twice is written once */
  g_assert_cmpstr (key, ==, "b");
  /* x is ks, so xx stays ksks */
  g_assert_cmpuint (strlen (many_key), ==, 100000);
  assert_key ("abc\xff\xfe" "def", "abc def");
  assert_key ("a\tb\nc\x01" "d", "a b c d");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/translit/seed-pairs", test_seed_pairs);
  g_test_add_func ("/translit/kazakh-letters", test_kazakh_letters);
  g_test_add_func ("/translit/russian-romanisations", test_russian_romanisations);
  g_test_add_func ("/translit/case-and-accents", test_case_and_accents);
  g_test_add_func ("/translit/words", test_words);
  g_test_add_func ("/translit/prefixes", test_prefixes);
  g_test_add_func ("/translit/robust", test_robust);

  return g_test_run ();
}
