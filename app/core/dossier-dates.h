/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DossierDateStyle:
 * @DOSSIER_DATE_STYLE_DATE: the day: "17 April 2020"
 * @DOSSIER_DATE_STYLE_DATE_TIME: the day and the time: "17 April 2020, 14:05"
 * @DOSSIER_DATE_STYLE_SHORT: for a row of a list: the time alone today
 *   ("14:05"), the day on any other day ("17 April 2020")
 *
 * How much of a date a person is shown.
 */
typedef enum
{
  DOSSIER_DATE_STYLE_DATE,
  DOSSIER_DATE_STYLE_DATE_TIME,
  DOSSIER_DATE_STYLE_SHORT,
} DossierDateStyle;

char       *dossier_format_date_time    (GDateTime        *date_time,
                                         DossierDateStyle  style,
                                         GDateTime        *now);
char       *dossier_format_date         (const char       *date);
char       *dossier_format_timestamp    (const char       *timestamp,
                                         DossierDateStyle  style);
char       *dossier_format_partial_date (const char       *date);
const char *dossier_month_in_date       (int               month);
const char *dossier_month_alone         (int               month);

G_END_DECLS
