/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>

#include "dossier-translit.h"

/* The search key: one spelling for a name however it was written.
 *
 * Cases come with names in Latin, Russian Cyrillic and Kazakh Cyrillic, and
 * each romanisation writes them its own way: Ильяшев is Ilyashev or
 * Il'yashev, Нұрланқызы is Nurlankyzy or Nurlanqyzy, Жақыпов is Zhakupov
 * or Zhakypov, Сергей is Sergei or Sergey. dossier_translit_key() turns
 * any of these into the same lower-case Latin key, so that the search index
 * can hold the key of every text beside the text itself and a query meets a
 * record in whatever script either was written:
 *
 * 1. Unicode: NFC, then case folding (ИЛЬЯШЕВ and Ильяшев are one word).
 * 2. Cyrillic to Latin, one letter at a time, with a fixed table:
 *      а a  б b  в v  г g  д d  е e  ё e  ж zh  з z  и i  й y  к k  л l
 *      м m  н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch
 *      ш sh  щ shch  ъ –  ы y  ь –  э e  ю yu  я ya
 *    Kazakh:  ә a  ғ g  қ k  ң n  ө o  ұ u  ү u  һ h  і i
 *    Ukrainian and Belarusian:  є ye  ї yi  ґ g  ў u
 *    е after ь or ъ is ye (Вьетнам, Vyetnam). Apostrophes inside a word
 *    are dropped (Il'yashev, O'Neill), so the word stays one word.
 * 3. Compatibility decomposition (NFKD) with every combining mark removed:
 *    é è ê ë → e, ö → o, ñ → n, ﬁ → fi. A few letters that do not
 *    decompose are spelled out: ı i, ł l, ø o, đ d, ð d, þ th, æ ae, œ oe,
 *    ŋ n.
 * 4. Latin folding, word by word, so that romanisations meet. Every rule
 *    looks only at what comes before, so the key of what the user has typed
 *    so far is, but for the "yo" rule, a prefix of the key of the whole
 *    word, and prefix search works as the user types:
 *    - q → k (Nurlanqyzy), w → v (Ilyashew), x → ks (Alexei, Алексей),
 *      j → zh (Jaqypov, Kazakh Latin; Djakishev, Джакишев);
 *    - h after s, c, z or k is part of sh, ch, zh, kh; after g it is
 *      dropped (gh → g: Ghalym, Ғалым); anywhere else it is kh
 *      (Muhtar, Mukhtar, Мұхтар; Shahizada, Шаһизада);
 *    - the close vowels are one: y and u are written i. Romanisations
 *      disagree most about these (Zhakupov, Жақыпов; Nurlan, Нұрлан;
 *      Dmitriy, Dmitri, Дмитрий; Sergey, Sergei; Yuri, Юрий);
 *    - e at the start of a word or after a vowel is ie: Yerlan, Erlan and
 *      Ерлан meet, so do Nazarbayev, Nazarbaev and Назарбаев;
 *    - yo after a consonant is e: Fyodorov and Фёдоров (ё is е);
 *    - a letter written twice is written once: Kassymov, Қасымов;
 *      Assel, Әсел; Gabdullin, Ғабдуллин.
 *    The key is therefore not a transliteration for people to read: it is
 *    what two spellings have in common. Ilyashev and Ильяшев are both
 *    iliashev, Nurlankyzy and Нұрланқызы nirlankizi, Zhakupov and Жақыпов
 *    zhakipov, Almaty and Алматы almati, Shymkent and Шымкент shimkent.
 * 5. Words are separated by one space; anything that is not a letter or a
 *    digit separates words. Letters of other scripts are kept as they are.
 *
 * Changing any rule changes the keys in the stores people have: it needs
 * a migration that rebuilds the search index. */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == '`';
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || is_mark (c);
}

/* Step 2: the Latin spelling of a lower-case Cyrillic letter, or NULL
 * for anything else. */
static const char *
cyrillic_to_latin (gunichar c)
{
  switch (c)
    {
    case 0x0430: return "a";
    case 0x0431: return "b";
    case 0x0432: return "v";
    case 0x0433: return "g";
    case 0x0434: return "d";
    case 0x0435: return "e";
    case 0x0436: return "zh";
    case 0x0437: return "z";
    case 0x0438: return "i";
    case 0x0439: return "y";
    case 0x043A: return "k";
    case 0x043B: return "l";
    case 0x043C: return "m";
    case 0x043D: return "n";
    case 0x043E: return "o";
    case 0x043F: return "p";
    case 0x0440: return "r";
    case 0x0441: return "s";
    case 0x0442: return "t";
    case 0x0443: return "u";
    case 0x0444: return "f";
    case 0x0445: return "kh";
    case 0x0446: return "ts";
    case 0x0447: return "ch";
    case 0x0448: return "sh";
    case 0x0449: return "shch";
    case 0x044A: return "";   /* ъ */
    case 0x044B: return "y";  /* ы */
    case 0x044C: return "";   /* ь */
    case 0x044D: return "e";  /* э */
    case 0x044E: return "yu";
    case 0x044F: return "ya";
    case 0x0451: return "e";  /* ё */
    /* Kazakh */
    case 0x04D9: return "a";  /* ә */
    case 0x0493: return "g";  /* ғ */
    case 0x049B: return "k";  /* қ */
    case 0x04A3: return "n";  /* ң */
    case 0x04E9: return "o";  /* ө */
    case 0x04B1: return "u";  /* ұ */
    case 0x04AF: return "u";  /* ү */
    case 0x04BB: return "h";  /* һ */
    case 0x0456: return "i";  /* і */
    /* Ukrainian and Belarusian */
    case 0x0454: return "ye"; /* є */
    case 0x0457: return "yi"; /* ї */
    case 0x0491: return "g";  /* ґ */
    case 0x045E: return "u";  /* ў */
    default: return NULL;
    }
}

/* Step 3: letters NFKD leaves whole. */
static const char *
spell_out (gunichar c)
{
  switch (c)
    {
    case 0x0131: return "i";  /* ı */
    case 0x0142: return "l";  /* ł */
    case 0x00F8: return "o";  /* ø */
    case 0x0111: return "d";  /* đ */
    case 0x00F0: return "d";  /* ð */
    case 0x00FE: return "th"; /* þ */
    case 0x00E6: return "ae"; /* æ */
    case 0x0153: return "oe"; /* œ */
    case 0x014B: return "n";  /* ŋ */
    default: return NULL;
    }
}

/* Steps 1 and 2: folded text with Cyrillic written in Latin letters and
 * apostrophes inside words removed. */
static char *
fold_and_romanise (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *composed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (composed, -1);
  GString *out = g_string_sized_new (strlen (folded) + 16);
  gunichar previous = 0;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *latin;

      if (is_apostrophe (c))
        {
          const char *next = g_utf8_next_char (p);

          /* Il'yashev is one word; a quote around words separates them */
          if (!(previous != 0 && g_unichar_isalpha (previous) && *next &&
                g_unichar_isalpha (g_utf8_get_char (next))))
            g_string_append_c (out, ' ');
        }
      else if (c == 0x0435 && (previous == 0x044C || previous == 0x044A))
        g_string_append (out, "ye");
      else if ((latin = cyrillic_to_latin (c)) != NULL)
        g_string_append (out, latin);
      else
        g_string_append_unichar (out, c);
      previous = c;
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static gboolean
is_consonant (char c)
{
  return c >= 'a' && c <= 'z' && !is_vowel (c) && c != 'y';
}

typedef struct
{
  GString  *out;
  gsize     word_start;  /* offset of the current word in out */
  gboolean  last_from_y; /* the last letter written was an i written for y */
} Folder;

static char
last_letter (Folder *f)
{
  return f->out->len > f->word_start ? f->out->str[f->out->len - 1] : '\0';
}

/* Writes a letter unless it repeats the one before. */
static void
put (Folder *f,
     char    c)
{
  if (last_letter (f) != c)
    g_string_append_c (f->out, c);
  f->last_from_y = FALSE;
}

/* Step 4: one ASCII letter of a word. */
static void
fold_latin (Folder *f,
            char    c)
{
  char before = last_letter (f);

  switch (c)
    {
    case 'q':
      put (f, 'k');
      break;
    case 'w':
      put (f, 'v');
      break;
    case 'x':
      put (f, 'k');
      put (f, 's');
      break;
    case 'j':
      put (f, 'z');
      g_string_append_c (f->out, 'h');
      break;
    case 'h':
      if (before == 's' || before == 'c' || before == 'z' || before == 'k')
        put (f, 'h');
      else if (before == 'g' || before == 'h')
        ; /* gh is g */
      else
        {
          put (f, 'k');
          g_string_append_c (f->out, 'h');
        }
      break;
    case 'y':
    case 'u':
    case 'i':
      put (f, 'i');
      f->last_from_y = c == 'y';
      break;
    case 'e':
      if (before == '\0' || is_vowel (before))
        put (f, 'i');
      put (f, 'e');
      break;
    case 'o':
      if (f->last_from_y && f->out->len >= f->word_start + 2 &&
          is_consonant (f->out->str[f->out->len - 2]))
        {
          /* Fyodorov is Fedorov: drop the i written for y */
          g_string_truncate (f->out, f->out->len - 1);
          put (f, 'e');
        }
      else
        put (f, 'o');
      break;
    default:
      put (f, c);
    }
}

static void
end_word (Folder *f)
{
  if (f->out->len > f->word_start)
    {
      g_string_append_c (f->out, ' ');
      f->word_start = f->out->len;
    }
  f->last_from_y = FALSE;
}

/**
 * dossier_translit_key:
 * @text: any text, in any script
 *
 * Returns: (transfer full): the search key of @text: its words, lower-case,
 *   with Cyrillic written in Latin letters and romanisations folded
 *   together, separated by single spaces. See the comment at the top of
 *   this file for the rules.
 */
char *
dossier_translit_key (const char *text)
{
  g_autofree char *romanised = NULL;
  g_autofree char *decomposed = NULL;
  Folder f = { NULL, };

  g_return_val_if_fail (text != NULL, NULL);

  romanised = fold_and_romanise (text);
  decomposed = g_utf8_normalize (romanised, -1, G_NORMALIZE_NFKD);
  f.out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *spelled;

      if (c < 0x80)
        {
          if (g_ascii_isalpha (c))
            fold_latin (&f, g_ascii_tolower ((char) c));
          else if (g_ascii_isdigit (c))
            {
              g_string_append_c (f.out, (char) c);
              f.last_from_y = FALSE;
            }
          else
            end_word (&f);
        }
      else if (is_mark (c))
        ; /* é is e */
      else if ((spelled = spell_out (c)) != NULL)
        for (const char *s = spelled; *s; s++)
          fold_latin (&f, *s);
      else if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (f.out, c);
          f.last_from_y = FALSE;
        }
      else
        end_word (&f);
    }

  if (f.out->len > 0 && f.out->str[f.out->len - 1] == ' ')
    g_string_truncate (f.out, f.out->len - 1);
  return g_string_free (f.out, FALSE);
}

/**
 * dossier_translit_words:
 * @text: what a person typed
 *
 * Splits @text into words the way the search key sees them: runs of
 * letters, digits and combining marks, with apostrophes between letters
 * kept inside a word (Il'yashev is one word). Nothing else survives:
 * quotes, brackets, operators and spaces only separate words.
 *
 * Returns: (transfer full): the words, in order; an empty vector when
 *   there are none.
 */
GStrv
dossier_translit_words (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = NULL;
  gunichar previous = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean inside = FALSE;

      if (c != 0 && is_word_char (c))
        inside = TRUE;
      else if (c != 0 && is_apostrophe (c) && start != NULL && g_unichar_isalpha (previous))
        {
          const char *next = g_utf8_next_char (p);

          inside = *next && g_unichar_isalpha (g_utf8_get_char (next));
        }

      if (inside && start == NULL)
        start = p;
      else if (!inside && start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);

          g_strv_builder_add (builder, word);
          start = NULL;
        }
      if (c == 0)
        break;
      previous = c;
    }

  return g_strv_builder_end (builder);
}
