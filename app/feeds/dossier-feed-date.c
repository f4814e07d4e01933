/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-feeds"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-feed-parser-private.h"

/* Dates as feeds write them: RFC 822 and 1123 in RSS (with named or
 * numeric zones, and as they are really written: seconds or the day name
 * left out, two-digit years, names in lower case or in Russian, German or
 * Kazakh), RFC 3339 and ISO 8601 in Atom and JSON Feed (with or without a
 * zone or fractions of a second) and W3CDTF in Dublin Core (2024,
 * 2024-03, 2024-03-01). The result is UTC. A date that cannot be read is
 * no date, never 1970 or today. */

#define MIN_YEAR 1900
#define MAX_YEAR 9999

typedef struct {
  int    year, month, day;
  int    hour, minute;
  double seconds;
  int    offset;   /* minutes east of UTC */
} Parts;

static char *
format_parts (const Parts *t)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int year;

  if (t->year < MIN_YEAR || t->year > MAX_YEAR || t->month < 1 || t->month > 12 ||
      t->day < 1 || !g_date_valid_dmy (t->day, t->month, t->year) ||
      t->hour < 0 || t->hour > 24 || t->minute < 0 || t->minute > 59 ||
      t->seconds < 0 || t->seconds >= 61 || t->offset < -24 * 60 || t->offset > 24 * 60)
    return NULL;
  if (t->hour == 24 && (t->minute > 0 || t->seconds > 0))
    return NULL;
  zone = g_time_zone_new_offset (t->offset * 60);
  /* 24:00 is the end of the day; a leap second is kept in the minute */
  local = g_date_time_new (zone, t->year, t->month, t->day, t->hour == 24 ? 23 : t->hour,
                           t->hour == 24 ? 59 : t->minute,
                           t->hour == 24 ? 59 : MIN (t->seconds, 59.999999));
  if (local == NULL)
    return NULL;
  if (t->hour == 24)
    {
      GDateTime *next = g_date_time_add_seconds (local, 1);

      g_date_time_unref (local);
      local = next;
      if (local == NULL)
        return NULL;
    }
  /* NULL past the year 9999 */
  utc = g_date_time_to_utc (local);
  if (utc == NULL)
    return NULL;
  year = g_date_time_get_year (utc);
  if (year < MIN_YEAR || year > MAX_YEAR)
    return NULL;
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Reads exactly @n digits at *@p. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

/* "Z", "+03:00", "+0300", "+03", "-05"; at the end of the text. */
static gboolean
read_numeric_zone (const char *p,
                   int        *offset)
{
  int sign, hours, minutes = 0;

  if (*p == 'Z' || *p == 'z')
    {
      *offset = 0;
      return p[1] == '\0';
    }
  if (*p != '+' && *p != '-' && strncmp (p, "\xE2\x88\x92", 3) != 0)
    return FALSE;
  sign = *p == '+' ? 1 : -1;
  p += *p == '+' || *p == '-' ? 1 : 3;
  if (!read_digits (&p, 2, &hours))
    return FALSE;
  if (*p == ':')
    p++;
  if (*p != '\0' && !read_digits (&p, 2, &minutes))
    return FALSE;
  if (*p != '\0' || hours > 23 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 60 + minutes);
  return TRUE;
}

static gboolean zone_from_word (const char *word,
                                int        *offset);

/* RFC 3339, ISO 8601 (extended format, and the basic one with a "T") and
 * W3CDTF. No zone means UTC. */
static char *
parse_iso (const char *text)
{
  Parts t = { .month = 1, .day = 1 };
  const char *p = text;
  gboolean basic;

  if (!read_digits (&p, 4, &t.year))
    return NULL;
  basic = g_ascii_isdigit (*p);
  if (*p == '-' || basic)
    {
      if (!basic)
        p++;
      if (!read_digits (&p, 2, &t.month))
        return NULL;
      if ((*p == '-' && !basic) || (basic && g_ascii_isdigit (*p)))
        {
          if (!basic)
            p++;
          if (!read_digits (&p, 2, &t.day))
            return NULL;
        }
      else if (basic)
        return NULL;
    }
  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_digits (&p, 2, &t.hour))
        return NULL;
      if (*p == ':' && !basic)
        p++;
      if (!read_digits (&p, 2, &t.minute))
        return NULL;
      if ((*p == ':' && !basic) || (basic && g_ascii_isdigit (*p)))
        {
          int whole;

          if (!basic)
            p++;
          if (!read_digits (&p, 2, &whole))
            return NULL;
          t.seconds = whole;
          if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
            {
              double scale = 0.1;

              for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
                if (scale > 1e-7)
                  t.seconds += (*p - '0') * scale;
            }
        }
      while (*p == ' ')
        p++;
      if (*p != '\0' && !read_numeric_zone (p, &t.offset))
        {
          g_autofree char *word = g_ascii_strdown (p, -1);

          /* "2024-03-01 09:30:00 UTC" */
          if (!zone_from_word (word, &t.offset))
            return NULL;
        }
    }
  else if (*p != '\0')
    return NULL;
  return format_parts (&t);
}

/* --- RFC 822 and what is written in its name --- */

typedef struct {
  const char *prefix;  /* the first three letters, lower case */
  int         month;
} MonthName;

/* English, German, Russian and Kazakh, by their first three letters, in
 * which none of them clashes. */
static const MonthName months[] = {
  { "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "may", 5 }, { "jun", 6 },
  { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
  { "mär", 3 }, { "mrz", 3 }, { "mae", 3 }, { "mai", 5 }, { "okt", 10 }, { "dez", 12 },
  { "янв", 1 }, { "фев", 2 }, { "мар", 3 }, { "апр", 4 }, { "мая", 5 }, { "май", 5 },
  { "июн", 6 }, { "июл", 7 }, { "авг", 8 }, { "сен", 9 }, { "окт", 10 }, { "ноя", 11 },
  { "дек", 12 },
  { "қаң", 1 }, { "ақп", 2 }, { "нау", 3 }, { "сәу", 4 }, { "мам", 5 }, { "мау", 6 },
  { "шіл", 7 }, { "там", 8 }, { "қыр", 9 }, { "қаз", 10 }, { "қар", 11 }, { "жел", 12 },
};

typedef struct {
  const char *name;
  int         offset;  /* minutes east of UTC */
} ZoneName;

/* RFC 822's zones and those feeds write most; an unknown name is UTC. */
static const ZoneName zones[] = {
  { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
  { "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
  { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
  { "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
  { "bst", 60 }, { "cet", 60 }, { "cest", 120 }, { "mez", 60 }, { "mesz", 120 },
  { "eet", 120 }, { "eest", 180 }, { "msk", 180 }, { "msd", 240 },
  { "samt", 240 }, { "yekt", 300 }, { "omst", 360 }, { "almt", 300 }, { "qyzt", 300 },
  { "aqtt", 300 }, { "orat", 300 }, { "uzt", 300 }, { "kgt", 360 },
  { "ist", 330 }, { "cst8", 480 }, { "hkt", 480 }, { "jst", 540 }, { "kst", 540 },
  { "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
};

static const char * const weekdays[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
  "mo", "di", "mi", "do", "fr", "sa", "so",
  "пн", "вт", "ср", "чт", "пт", "сб", "вс",
  "пон", "вто", "сре", "чет", "пят", "суб", "вос",
  "дс", "сс", "ср", "бс", "жм", "сб", "жс",
  "дүй", "сей", "сәр", "бей", "жұм", "сен", "жек",
};

static int
month_from_word (const char *word)
{
  const char *third;
  gsize n;

  if (g_utf8_strlen (word, -1) < 3)
    return 0;
  third = g_utf8_offset_to_pointer (word, 3);
  n = third - word;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strlen (months[i].prefix) == n && memcmp (months[i].prefix, word, n) == 0)
      return months[i].month;
  return 0;
}

static gboolean
is_weekday (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (g_str_has_prefix (word, weekdays[i]))
      return TRUE;
  return FALSE;
}

static gboolean
zone_from_word (const char *word,
                int        *offset)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (strcmp (zones[i].name, word) == 0)
      {
        *offset = zones[i].offset;
        return TRUE;
      }
  return FALSE;
}

/* "10:00", "10:00:01", "10:00:01.5", "10.00" */
static gboolean
read_time (const char *word,
           Parts      *t)
{
  const char *p = word;
  int whole = 0;
  char separator;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  t->hour = *p++ - '0';
  if (g_ascii_isdigit (*p))
    t->hour = t->hour * 10 + (*p++ - '0');
  separator = *p;
  if (separator != ':' && separator != '.')
    return FALSE;
  p++;
  if (!read_digits (&p, 2, &t->minute))
    return FALSE;
  t->seconds = 0;
  if (*p == separator)
    {
      p++;
      if (!read_digits (&p, 2, &whole))
        return FALSE;
      t->seconds = whole;
      if (*p == '.' && g_ascii_isdigit (p[1]))
        {
          double scale = 0.1;

          for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
            if (scale > 1e-7)
              t->seconds += (*p - '0') * scale;
        }
    }
  return *p == '\0' || *p == 'z' || (*p == '+' || *p == '-');
}

/* The words of an RFC 822 date in any order a feed writes them: the time
 * is the word with a colon, the month the word with a month's name, the
 * zone a word after the time, the year the word of four digits (or the
 * second number), the day the first number. */
static char *
parse_rfc822 (const char *text)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);
  g_auto(GStrv) words = NULL;
  Parts t = { 0 };
  gboolean have_time = FALSE, have_zone = FALSE;
  int year_digits = 0;

  g_strdelimit (folded, ",;", ' ');
  words = g_strsplit_set (folded, " \t\r\n", 16);
  t.day = t.month = t.year = -1;

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = words[i];
      gsize n = strlen (word);
      int value;

      if (n == 0)
        continue;
      while (n > 0 && word[n - 1] == '.')
        word[--n] = '\0';
      if (n == 0)
        continue;

      if (!have_time && strpbrk (word, ":") && read_time (word, &t))
        {
          const char *zone = word + strcspn (word, "+-z");

          have_time = TRUE;
          if (*zone != '\0' && read_numeric_zone (zone, &t.offset))
            have_zone = TRUE;
          continue;
        }
      if ((word[0] == '+' || word[0] == '-') && have_time && !have_zone)
        {
          if (!read_numeric_zone (word, &t.offset))
            return NULL;
          have_zone = TRUE;
          continue;
        }
      /* "2002г", as Russian writes a year */
      if (g_ascii_isdigit (word[0]) && n > 2 && g_str_has_suffix (word, "г"))
        word[n -= strlen ("г")] = '\0';
      if (g_ascii_isdigit (word[0]) && t.day < 0 && t.month < 0 && strchr (word, '.'))
        {
          /* "07.09.2002", as German and Russian write a date */
          if (sscanf (word, "%2d.%2d.%4d", &t.day, &t.month, &t.year) != 3 ||
              strlen (strrchr (word, '.') + 1) != 4)
            return NULL;
          continue;
        }
      if (g_ascii_isdigit (word[0]))
        {
          const char *p = word;

          if (n > 4 || !read_digits (&p, n, &value))
            return NULL;
          if (n <= 2 && t.day < 0)
            t.day = value;
          else if ((n == 2 || n == 4) && t.year < 0)
            {
              t.year = value;
              year_digits = n;
            }
          else
            return NULL;
          continue;
        }
      /* Kazakh's Saturday, "сенбі", begins as Russian's September */
      if (g_str_has_prefix (word, "сенб"))
        continue;
      if (t.month < 0 && (value = month_from_word (word)) > 0)
        {
          t.month = value;
          continue;
        }
      if (have_time && !have_zone)
        {
          /* "GMT+0300", "UTC+3", "MSK" */
          char *sign = strpbrk (word, "+-");
          int base = 0;

          if (sign)
            {
              char numbers[8];
              int offset;

              if (strlen (sign) == 2 || strlen (sign) == 3)
                {
                  /* "+3", "+03" */
                  g_snprintf (numbers, sizeof numbers, "%c%02d", sign[0], atoi (sign + 1));
                  sign = numbers;
                }
              if (!read_numeric_zone (sign, &offset))
                return NULL;
              *(strpbrk (word, "+-")) = '\0';
              zone_from_word (word, &base);
              t.offset = base + offset;
            }
          else if (!zone_from_word (word, &t.offset))
            g_debug ("Unknown time zone “%s” in a date; read as UTC", word);
          have_zone = TRUE;
          continue;
        }
      if (is_weekday (word))
        continue;
      /* words that dates in Russian and Kazakh carry: "г", "года", "жылы" */
      if (g_str_has_prefix (word, "г") || g_str_has_prefix (word, "ж") ||
          strcmp (word, "um") == 0 || strcmp (word, "at") == 0 || strcmp (word, "в") == 0)
        continue;
      return NULL;
    }

  if (t.day < 0 || t.month < 0 || t.year < 0)
    return NULL;
  if (year_digits == 2)
    t.year += t.year < 50 ? 2000 : 1900;
  return format_parts (&t);
}

/**
 * dossier_feed_parse_date:
 *
 * Returns: (transfer full) (nullable): @text as a time in UTC, written as
 *   dossier_now_timestamp() writes it, or %NULL when it is not a date
 *   Dossier can read or its year is outside 1900–9999.
 */
char *
dossier_feed_parse_date (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strndup (text, 200));
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return NULL;
  if (g_ascii_isdigit (trimmed[0]) && g_ascii_isdigit (trimmed[1]) &&
      g_ascii_isdigit (trimmed[2]) && g_ascii_isdigit (trimmed[3]) &&
      (trimmed[4] == '\0' || trimmed[4] == '-' || g_ascii_isdigit (trimmed[4])))
    return parse_iso (trimmed);
  return parse_rfc822 (trimmed);
}
