/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "dossier-dates.h"

/* Dates in the language of the user interface, under real locales: ru_RU,
 * kk_KZ and de_DE compiled for the tests by tests/make-locales.sh and read
 * through LOCPATH (meson sets it), and the translations built in the build
 * tree (DOSSIER_LOCALEDIR). The month's name must come from the catalogue:
 * under LANGUAGE=ru and LANG=C.UTF-8 a date is Russian, and under kk_KZ
 * its month is lower case where glibc's LC_TIME capitalises it. TZ is UTC
 * (meson sets it) for the moments. */

/* Sets the locale as a session would: LANG, and LANGUAGE when not NULL. */
static void
use_locale (const char *lang,
            const char *language)
{
  const char *set;

  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_TIME");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", lang, TRUE);
  if (language)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* also what makes gettext forget the translations it has looked up */
  set = setlocale (LC_ALL, "");
  if (set == NULL)
    g_error ("The locale %s is not there (LOCPATH=%s): tests/make-locales.sh compiles it at build time "
             "with localedef, from Debian's locales package (build-aux/deps.sh installs it)",
             lang, g_getenv ("LOCPATH"));
}

typedef struct
{
  const char *lang;       /* LANG */
  const char *language;   /* LANGUAGE, or NULL */
  const char *date;       /* 2020-04-17 */
  const char *date_time;  /* 2020-04-17T14:05:00Z */
} Expected;

/* Every language under its own locale, under C.UTF-8 with LANGUAGE, and
 * under another language's locale: the date follows the UI's language,
 * never LC_TIME. */
static const Expected expected[] = {
  { "C.UTF-8", NULL, "17 April 2020", "17 April 2020, 14:05" },
  { "C.UTF-8", "en", "17 April 2020", "17 April 2020, 14:05" },
  { "ru_RU.UTF-8", NULL, "17 апреля 2020", "17 апреля 2020, 14:05" },
  { "kk_KZ.UTF-8", NULL, "2020 ж. 17 сәуір", "2020 ж. 17 сәуір, 14:05" },
  { "de_DE.UTF-8", NULL, "17. April 2020", "17. April 2020, 14:05" },
  { "C.UTF-8", "ru", "17 апреля 2020", "17 апреля 2020, 14:05" },
  { "C.UTF-8", "kk", "2020 ж. 17 сәуір", "2020 ж. 17 сәуір, 14:05" },
  { "C.UTF-8", "de", "17. April 2020", "17. April 2020, 14:05" },
  { "de_DE.UTF-8", "ru", "17 апреля 2020", "17 апреля 2020, 14:05" },
  { "ru_RU.UTF-8", "kk", "2020 ж. 17 сәуір", "2020 ж. 17 сәуір, 14:05" },
  { "kk_KZ.UTF-8", "de", "17. April 2020", "17. April 2020, 14:05" },
  { "ru_RU.UTF-8", "en", "17 April 2020", "17 April 2020, 14:05" },
};

/* The locales are real: their LC_TIME has its own month names, which
 * are not the ones a date in the window takes (Kazakh: capitalised; under
 * German, English words). */
static void
test_locales_are_real (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2020, 4, 17, 0, 0, 0);
  const struct { const char *lang; const char *month; } lc_time[] = {
    { "ru_RU.UTF-8", "апреля" },
    { "kk_KZ.UTF-8", "Сәуір" },
    { "de_DE.UTF-8", "April" },
    { "C.UTF-8", "April" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lc_time); i++)
    {
      g_autofree char *month = NULL;

      use_locale (lc_time[i].lang, NULL);
      month = g_date_time_format (dt, "%B");
      g_assert_cmpstr (month, ==, lc_time[i].month);
    }
}

static void
test_date (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *date = NULL;

      g_test_message ("LANG=%s LANGUAGE=%s", expected[i].lang, expected[i].language);
      use_locale (expected[i].lang, expected[i].language);
      date = dossier_format_date ("2020-04-17");
      g_assert_cmpstr (date, ==, expected[i].date);
    }
}

static void
test_date_time (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *moment = NULL;

      g_test_message ("LANG=%s LANGUAGE=%s", expected[i].lang, expected[i].language);
      use_locale (expected[i].lang, expected[i].language);
      moment = dossier_format_timestamp ("2020-04-17T14:05:00Z", DOSSIER_DATE_STYLE_DATE_TIME);
      g_assert_cmpstr (moment, ==, expected[i].date_time);
      g_clear_pointer (&moment, g_free);
      /* the same moment written from another time zone's clock */
      moment = dossier_format_timestamp ("2020-04-17T19:05:00+05:00", DOSSIER_DATE_STYLE_DATE_TIME);
      g_assert_cmpstr (moment, ==, expected[i].date_time);
    }
}

/* Every month, in the form a date needs. */
static void
test_every_month (void)
{
  const struct { const char *language; const char *dates[12]; } months[] = {
    { "en", { "5 January 2021", "5 February 2021", "5 March 2021", "5 April 2021", "5 May 2021",
              "5 June 2021", "5 July 2021", "5 August 2021", "5 September 2021", "5 October 2021",
              "5 November 2021", "5 December 2021" } },
    { "ru", { "5 января 2021", "5 февраля 2021", "5 марта 2021", "5 апреля 2021", "5 мая 2021",
              "5 июня 2021", "5 июля 2021", "5 августа 2021", "5 сентября 2021", "5 октября 2021",
              "5 ноября 2021", "5 декабря 2021" } },
    { "kk", { "2021 ж. 5 қаңтар", "2021 ж. 5 ақпан", "2021 ж. 5 наурыз", "2021 ж. 5 сәуір",
              "2021 ж. 5 мамыр", "2021 ж. 5 маусым", "2021 ж. 5 шілде", "2021 ж. 5 тамыз",
              "2021 ж. 5 қыркүйек", "2021 ж. 5 қазан", "2021 ж. 5 қараша", "2021 ж. 5 желтоқсан" } },
    { "de", { "5. Januar 2021", "5. Februar 2021", "5. März 2021", "5. April 2021", "5. Mai 2021",
              "5. Juni 2021", "5. Juli 2021", "5. August 2021", "5. September 2021", "5. Oktober 2021",
              "5. November 2021", "5. Dezember 2021" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      use_locale ("C.UTF-8", months[i].language);
      for (int m = 1; m <= 12; m++)
        {
          g_autofree char *iso = g_strdup_printf ("2021-%02d-05", m);
          g_autofree char *date = dossier_format_date (iso);

          g_assert_cmpstr (date, ==, months[i].dates[m - 1]);
        }
    }
}

/* As much of a date as is known (a target's years in office): a year as
 * it is, a month with its name alone (Russian nominative), a day as a
 * date. */
static void
test_partial (void)
{
  const struct { const char *language; const char *month; const char *day; const char *months[12]; } cases[] = {
    { "en", "June 2017", "30 June 2017",
      { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December" } },
    { "ru", "июнь 2017", "30 июня 2017",
      { "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
        "ноябрь", "декабрь" } },
    { "kk", "2017 ж. маусым", "2017 ж. 30 маусым",
      { "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
        "қараша", "желтоқсан" } },
    { "de", "Juni 2017", "30. Juni 2017",
      { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
        "November", "Dezember" } },
  };
  const char *not_dates[] = { "", "17", "2017-13", "2017-6", "2017-02-30", "June 2017", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *year = NULL;
      g_autofree char *month = NULL;
      g_autofree char *day = NULL;

      use_locale ("C.UTF-8", cases[i].language);
      year = dossier_format_partial_date ("2017");
      month = dossier_format_partial_date ("2017-06");
      day = dossier_format_partial_date ("2017-06-30");
      g_assert_cmpstr (year, ==, "2017");
      g_assert_cmpstr (month, ==, cases[i].month);
      g_assert_cmpstr (day, ==, cases[i].day);
      for (int m = 1; m <= 12; m++)
        g_assert_cmpstr (dossier_month_alone (m), ==, cases[i].months[m - 1]);
      for (guint j = 0; not_dates[j]; j++)
        {
          g_autofree char *as_is = dossier_format_partial_date (not_dates[j]);

          g_assert_cmpstr (as_is, ==, not_dates[j]);
        }
    }
  /* under its own locale too, whose LC_TIME names differ */
  {
    g_autofree char *month = NULL;

    use_locale ("kk_KZ.UTF-8", NULL);
    month = dossier_format_partial_date ("2017-06");
    g_assert_cmpstr (month, ==, "2017 ж. маусым");
  }
}

/* In a list: the time alone today, the day on any other. */
static void
test_short (void)
{
  const struct { const char *language; const char *other_day; } cases[] = {
    { "en", "17 April 2020" },
    { "ru", "17 апреля 2020" },
    { "kk", "2020 ж. 17 сәуір" },
    { "de", "17. April 2020" },
  };
  g_autoptr(GDateTime) moment = g_date_time_new_utc (2020, 4, 17, 14, 5, 0);
  g_autoptr(GDateTime) same_day = g_date_time_new_utc (2020, 4, 17, 23, 59, 0);
  g_autoptr(GDateTime) next_day = g_date_time_new_utc (2020, 4, 18, 0, 1, 0);
  g_autoptr(GDateTime) next_year = g_date_time_new_utc (2021, 4, 17, 14, 5, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *today = NULL;
      g_autofree char *tomorrow = NULL;
      g_autofree char *a_year_on = NULL;

      use_locale ("C.UTF-8", cases[i].language);
      today = dossier_format_date_time (moment, DOSSIER_DATE_STYLE_SHORT, same_day);
      tomorrow = dossier_format_date_time (moment, DOSSIER_DATE_STYLE_SHORT, next_day);
      a_year_on = dossier_format_date_time (moment, DOSSIER_DATE_STYLE_SHORT, next_year);
      g_assert_cmpstr (today, ==, "14:05");
      g_assert_cmpstr (tomorrow, ==, cases[i].other_day);
      g_assert_cmpstr (a_year_on, ==, cases[i].other_day);
    }
}

/* What is not a date is shown as it is. */
static void
test_not_dates (void)
{
  const char *not_dates[] = { "", "2020-02-30", "2020-4-17", "17.04.2020", "soon", NULL };
  g_autofree char *none = NULL;

  use_locale ("C.UTF-8", "ru");
  for (guint i = 0; not_dates[i]; i++)
    {
      g_autofree char *date = dossier_format_date (not_dates[i]);

      g_assert_cmpstr (date, ==, not_dates[i]);
    }
  none = dossier_format_date (NULL);
  g_assert_cmpstr (none, ==, "");
  g_assert_null (dossier_format_timestamp (NULL, DOSSIER_DATE_STYLE_DATE_TIME));
  g_assert_null (dossier_format_timestamp ("", DOSSIER_DATE_STYLE_DATE_TIME));
  g_assert_null (dossier_format_timestamp ("2020-04-17 sometime", DOSSIER_DATE_STYLE_DATE_TIME));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DOSSIER_LOCALEDIR");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/dates/locales-are-real", test_locales_are_real);
  g_test_add_func ("/dates/date", test_date);
  g_test_add_func ("/dates/date-time", test_date_time);
  g_test_add_func ("/dates/every-month", test_every_month);
  g_test_add_func ("/dates/partial", test_partial);
  g_test_add_func ("/dates/short", test_short);
  g_test_add_func ("/dates/not-dates", test_not_dates);
  return g_test_run ();
}
