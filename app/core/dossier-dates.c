/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "dossier-dates.h"
#include "dossier-record.h"

/* Dates as people read them, in the language of the user interface.
 *
 * Every date the window, its notifications and the command line write for
 * people goes through dossier_format_date_time(). The names of the months
 * and the order of day, month and year are the catalogue's (gettext), not
 * the C library's LC_TIME: with LANGUAGE=ru and LANG=C.UTF-8 the window
 * is Russian, and so must its dates be ("17 апреля 2020", not "17 April
 * 2020"); and glibc's own names are not always those a date needs (its
 * Kazakh months are capitalised: "Сәуір", where a date writes "сәуір").
 *
 * The formats are in a notation of our own, a small part of
 * g_date_time_format()'s: %-d and %d the day (without and with a leading
 * zero), %-m and %m the month's number, %B the month's name as
 * dossier_month_in_date() gives it, %OB its name alone, without a day
 * (dossier_month_alone()), %Y the year, %H and %M the hours (00–23) and
 * minutes, %% a per cent sign. Nothing in it reads LC_TIME.
 * A letter writes its date in the letter's language, not the window's:
 * dossier_letter_format_date(). */

static const char * const months[] = {
  /* Translators: a month's name as a date writes it, in "17 January 2020":
   * in Russian the genitive (января), in Kazakh lower case (қаңтар) */
  NC_("month in a date", "January"),
  /* Translators: a month's name as a date writes it, in "17 February 2020":
   * in Russian the genitive (февраля), in Kazakh lower case (ақпан) */
  NC_("month in a date", "February"),
  /* Translators: a month's name as a date writes it, in "17 March 2020":
   * in Russian the genitive (марта), in Kazakh lower case (наурыз) */
  NC_("month in a date", "March"),
  /* Translators: a month's name as a date writes it, in "17 April 2020":
   * in Russian the genitive (апреля), in Kazakh lower case (сәуір) */
  NC_("month in a date", "April"),
  /* Translators: a month's name as a date writes it, in "17 May 2020":
   * in Russian the genitive (мая), in Kazakh lower case (мамыр) */
  NC_("month in a date", "May"),
  /* Translators: a month's name as a date writes it, in "17 June 2020":
   * in Russian the genitive (июня), in Kazakh lower case (маусым) */
  NC_("month in a date", "June"),
  /* Translators: a month's name as a date writes it, in "17 July 2020":
   * in Russian the genitive (июля), in Kazakh lower case (шілде) */
  NC_("month in a date", "July"),
  /* Translators: a month's name as a date writes it, in "17 August 2020":
   * in Russian the genitive (августа), in Kazakh lower case (тамыз) */
  NC_("month in a date", "August"),
  /* Translators: a month's name as a date writes it, in "17 September 2020":
   * in Russian the genitive (сентября), in Kazakh lower case (қыркүйек) */
  NC_("month in a date", "September"),
  /* Translators: a month's name as a date writes it, in "17 October 2020":
   * in Russian the genitive (октября), in Kazakh lower case (қазан) */
  NC_("month in a date", "October"),
  /* Translators: a month's name as a date writes it, in "17 November 2020":
   * in Russian the genitive (ноября), in Kazakh lower case (қараша) */
  NC_("month in a date", "November"),
  /* Translators: a month's name as a date writes it, in "17 December 2020":
   * in Russian the genitive (декабря), in Kazakh lower case (желтоқсан) */
  NC_("month in a date", "December"),
};

static const char * const months_alone[] = {
  /* Translators: a month's name alone, without a day, as in "January 2017":
   * in Russian the nominative (январь), in Kazakh lower case (қаңтар) */
  NC_("month alone", "January"),
  /* Translators: a month's name alone, without a day, as in "February 2017":
   * in Russian the nominative (февраль), in Kazakh lower case (ақпан) */
  NC_("month alone", "February"),
  /* Translators: a month's name alone, without a day, as in "March 2017":
   * in Russian the nominative (март), in Kazakh lower case (наурыз) */
  NC_("month alone", "March"),
  /* Translators: a month's name alone, without a day, as in "April 2017":
   * in Russian the nominative (апрель), in Kazakh lower case (сәуір) */
  NC_("month alone", "April"),
  /* Translators: a month's name alone, without a day, as in "May 2017":
   * in Russian the nominative (май), in Kazakh lower case (мамыр) */
  NC_("month alone", "May"),
  /* Translators: a month's name alone, without a day, as in "June 2017":
   * in Russian the nominative (июнь), in Kazakh lower case (маусым) */
  NC_("month alone", "June"),
  /* Translators: a month's name alone, without a day, as in "July 2017":
   * in Russian the nominative (июль), in Kazakh lower case (шілде) */
  NC_("month alone", "July"),
  /* Translators: a month's name alone, without a day, as in "August 2017":
   * in Russian the nominative (август), in Kazakh lower case (тамыз) */
  NC_("month alone", "August"),
  /* Translators: a month's name alone, without a day, as in "September 2017":
   * in Russian the nominative (сентябрь), in Kazakh lower case (қыркүйек) */
  NC_("month alone", "September"),
  /* Translators: a month's name alone, without a day, as in "October 2017":
   * in Russian the nominative (октябрь), in Kazakh lower case (қазан) */
  NC_("month alone", "October"),
  /* Translators: a month's name alone, without a day, as in "November 2017":
   * in Russian the nominative (ноябрь), in Kazakh lower case (қараша) */
  NC_("month alone", "November"),
  /* Translators: a month's name alone, without a day, as in "December 2017":
   * in Russian the nominative (декабрь), in Kazakh lower case (желтоқсан) */
  NC_("month alone", "December"),
};

/**
 * dossier_month_in_date:
 * @month: 1 to 12
 *
 * Returns: the month's name in the language of the user interface, in the
 *   form a date needs after the day (Russian: the genitive, "апреля").
 */
const char *
dossier_month_in_date (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "month in a date", months[month - 1]);
}

/**
 * dossier_month_alone:
 * @month: 1 to 12
 *
 * Returns: the month's name in the language of the user interface, as it
 *   is written without a day (Russian: the nominative, "июнь 2017").
 */
const char *
dossier_month_alone (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "month alone", months_alone[month - 1]);
}

/* Writes @format (the notation above) with the parts of @dt. */
static void
append_formatted (GString    *out,
                  const char *format,
                  GDateTime  *dt)
{
  for (const char *p = format; *p; p++)
    {
      gboolean pad = TRUE;

      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      if (*p == '-' && p[1] != '\0')
        {
          pad = FALSE;
          p++;
        }
      if (*p == 'O' && p[1] == 'B')
        {
          g_string_append (out, dossier_month_alone (g_date_time_get_month (dt)));
          p++;
          continue;
        }
      switch (*p)
        {
        case 'd':
          g_string_append_printf (out, pad ? "%02d" : "%d", g_date_time_get_day_of_month (dt));
          break;
        case 'm':
          g_string_append_printf (out, pad ? "%02d" : "%d", g_date_time_get_month (dt));
          break;
        case 'B':
          g_string_append (out, dossier_month_in_date (g_date_time_get_month (dt)));
          break;
        case 'Y':
          g_string_append_printf (out, "%d", g_date_time_get_year (dt));
          break;
        case 'H':
          g_string_append_printf (out, pad ? "%02d" : "%d", g_date_time_get_hour (dt));
          break;
        case 'M':
          g_string_append_printf (out, pad ? "%02d" : "%d", g_date_time_get_minute (dt));
          break;
        case '%':
          g_string_append_c (out, '%');
          break;
        default:
          /* not ours: as written */
          g_string_append_c (out, '%');
          if (!pad)
            g_string_append_c (out, '-');
          g_string_append_c (out, *p);
          break;
        }
    }
}

static void
append_date (GString   *out,
             GDateTime *dt)
{
  /* Translators: how a date is written. Not g_date_time_format(): %-d is
   * the day, %B the month's name (as translated under "month in a date"),
   * %Y the year; also %d the day with a leading zero, %m the month's
   * number. "17 April 2020"
   * xgettext:no-c-format */
  append_formatted (out, C_("date format", "%-d %B %Y"), dt);
}

static void
append_time (GString   *out,
             GDateTime *dt)
{
  /* Translators: how a time of day is written: %H the hours, 00 to 23,
   * %M the minutes. "14:05"
   * xgettext:no-c-format */
  append_formatted (out, C_("time format", "%H:%M"), dt);
}

/**
 * dossier_format_date_time:
 * @date_time: the moment, in the time zone it is to be read in
 * @style: how much of it to write
 * @now: (nullable): the moment it is now, for %DOSSIER_DATE_STYLE_SHORT;
 *   %NULL for the clock's
 *
 * Writes a date for people, in the language of the user interface: the one
 * place where the window, its notifications and the command line turn a
 * date into words.
 *
 * Returns: (transfer full): "17 April 2020", "17 April 2020, 14:05" or
 *   (short, today) "14:05"
 */
char *
dossier_format_date_time (GDateTime        *date_time,
                          DossierDateStyle  style,
                          GDateTime        *now)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) now_here = NULL;
  GString *out;

  g_return_val_if_fail (date_time != NULL, NULL);

  out = g_string_new (NULL);
  switch (style)
    {
    case DOSSIER_DATE_STYLE_DATE:
      append_date (out, date_time);
      break;
    case DOSSIER_DATE_STYLE_DATE_TIME:
      {
        g_autoptr(GString) date = g_string_new (NULL);
        g_autoptr(GString) time = g_string_new (NULL);

        append_date (date, date_time);
        append_time (time, date_time);
        /* Translators: a date and a time of day, "17 April 2020, 14:05":
         * %1$s is the date, %2$s the time */
        g_string_append_printf (out, C_("date and time", "%1$s, %2$s"), date->str, time->str);
      }
      break;
    case DOSSIER_DATE_STYLE_SHORT:
      if (now == NULL)
        now = clock = g_date_time_new_now (g_date_time_get_timezone (date_time));
      /* today where the date is read */
      now_here = g_date_time_to_timezone (now, g_date_time_get_timezone (date_time));
      if (g_date_time_get_year (now_here) == g_date_time_get_year (date_time) &&
          g_date_time_get_day_of_year (now_here) == g_date_time_get_day_of_year (date_time))
        append_time (out, date_time);
      else
        append_date (out, date_time);
      break;
    default:
      g_return_val_if_reached (g_string_free (out, TRUE));
    }
  return g_string_free (out, FALSE);
}

/**
 * dossier_format_date:
 * @date: (nullable): a date as records keep it, "YYYY-MM-DD"
 *
 * Returns: (transfer full): "17 April 2020" in the language of the user
 *   interface; what is not a date as it is ("" for %NULL)
 */
char *
dossier_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (!dossier_date_is_valid (date) || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (date ? date : "");
  /* a day, not a moment: no time zone moves it */
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt ? dossier_format_date_time (dt, DOSSIER_DATE_STYLE_DATE, NULL) : g_strdup (date);
}

/**
 * dossier_format_timestamp:
 * @timestamp: (nullable): a moment as records keep it, ISO 8601
 *   ("2020-04-28T09:00:00Z")
 * @style: how much of it to write
 *
 * Returns: (transfer full) (nullable): the moment in the local time zone,
 *   in the language of the user interface, or %NULL when @timestamp is
 *   %NULL, empty or not ISO 8601
 */
char *
dossier_format_timestamp (const char       *timestamp,
                          DossierDateStyle  style)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (timestamp == NULL || *timestamp == '\0')
    return NULL;
  time = g_date_time_new_from_iso8601 (timestamp, NULL);
  local = time ? g_date_time_to_local (time) : NULL;
  return local ? dossier_format_date_time (local, style, NULL) : NULL;
}

/**
 * dossier_format_partial_date:
 * @date: (nullable): as much of a date as is known, as records keep it:
 *   "2017", "2017-06" or "2017-06-30"
 *
 * Returns: (transfer full): "2017", "June 2017" or "30 June 2017" in the
 *   language of the user interface; what is not such a date as it is (""
 *   for %NULL)
 */
char *
dossier_format_partial_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  GString *out;
  int y, m;

  if (!dossier_partial_date_is_valid (date))
    return g_strdup (date ? date : "");
  if (strlen (date) == 10)
    return dossier_format_date (date);
  if (strlen (date) == 4)
    return g_strdup (date);
  if (sscanf (date, "%d-%d", &y, &m) != 2 || (dt = g_date_time_new_utc (y, m, 1, 0, 0, 0)) == NULL)
    return g_strdup (date);
  out = g_string_new (NULL);
  /* Translators: how a month and its year are written, without a day, in
   * the notation of "date format": %OB is the month's name alone (as
   * translated under "month alone"), %Y the year. "June 2017"
   * xgettext:no-c-format */
  append_formatted (out, C_("month and year format", "%OB %Y"), dt);
  return g_string_free (out, FALSE);
}
