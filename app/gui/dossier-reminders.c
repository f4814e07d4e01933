/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dossier-logging.h"
#include "dossier-reminders.h"

/* Deadlines of followed urgent actions the volunteer has not acted on:
 * one notification per UA and deadline, ever. A deadline moved by a
 * follow-up is a new deadline and reminds again. */

static char *
reminder_key (DossierRecord *ua)
{
  return g_strdup_printf ("%s@%s", dossier_record_get_id (ua), dossier_record_get_string (ua, "deadline"));
}

/**
 * dossier_reminders_check:
 *
 * Sends the reminders that are due and not sent before, and remembers
 * them in @settings.
 *
 * Returns: how many were sent.
 */
guint
dossier_reminders_check (GApplication *application,
                         DossierStore *store,
                         GSettings    *settings)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_auto(GStrv) reminded = g_settings_get_strv (settings, "reminded");
  g_autoptr(GStrvBuilder) keep = g_strv_builder_new ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) updated = NULL;
  guint sent = 0;

  if (!g_settings_get_boolean (settings, "notifications"))
    return 0;
  due = dossier_store_find_due (store, today, g_settings_get_uint (settings, "reminder-days"), &error);
  if (due == NULL)
    {
      g_warning ("Could not look for deadlines: %s", error->message);
      return 0;
    }

  /* what is remembered is only what can still matter: deadlines not past */
  for (guint i = 0; reminded[i]; i++)
    {
      const char *at = strrchr (reminded[i], '@');

      if (at && strcmp (at + 1, today) >= 0)
        g_strv_builder_add (keep, reminded[i]);
    }

  for (guint i = 0; i < due->len; i++)
    {
      DossierRecord *ua = g_ptr_array_index (due, i);
      g_autofree char *key = reminder_key (ua);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      const char *ua_title = dossier_record_get_string (ua, "title");
      g_autoptr(GDate) deadline = g_date_new ();
      g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                              g_date_time_get_year (now));
      int y, m, d, days;

      if (g_strv_contains ((const char * const *) reminded, key) ||
          sscanf (dossier_record_get_string (ua, "deadline"), "%d-%d-%d", &y, &m, &d) != 3)
        continue;
      g_date_set_dmy (deadline, d, m, y);
      days = g_date_days_between (day, deadline);
      if (days == 0)
        /* Translators: %s is a UA's reference */
        title = g_strdup_printf (_("%s closes today"), dossier_record_get_string (ua, "reference"));
      else
        /* Translators: %1$s is a UA's reference, %2$d a number of days */
        title = g_strdup_printf (ngettext ("%1$s closes in %2$d day", "%1$s closes in %2$d days", days),
                                 dossier_record_get_string (ua, "reference"), days);
      notification = g_notification_new (title);
      if (ua_title && *ua_title)
        /* Translators: %s is the title of an urgent action */
        body = g_strdup_printf (_("%s — you have not acted on it yet."), ua_title);
      else
        body = g_strdup (_("You have not acted on it yet."));
      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.open-ua", "s", dossier_record_get_id (ua));
      id = g_strconcat ("deadline-", dossier_record_get_id (ua), NULL);
      g_application_send_notification (application, id, notification);
      g_strv_builder_add (keep, key);
      sent++;
    }
  updated = g_strv_builder_end (keep);
  g_settings_set_strv (settings, "reminded", (const char * const *) updated);
  return sent;
}
