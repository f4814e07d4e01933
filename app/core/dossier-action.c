/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dossier-action.h"
#include "dossier-enums.h"

/* Something a volunteer did on an urgent action. Every field is a property; see DESIGN.md "Records". */

struct _DossierAction
{
  DossierRecord parent_instance;

  char *ua_id;
  char *target_id;
  char *channel;
  char *date;
  char *volunteer;
  char *volunteer_group;
  gboolean mine;
  char *state;
  char *reply_text;
  char *reply_date;
  double cost;
  char *notes;
  char *letter_text;
  char *signature;
};

G_DEFINE_FINAL_TYPE (DossierAction, dossier_action, DOSSIER_TYPE_RECORD)

static const DossierField fields[] = {
  { "ua-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierAction, ua_id) },
  { "target-id", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_REF, G_STRUCT_OFFSET (DossierAction, target_id) },
  { "channel", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, channel) },
  { "date", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierAction, date) },
  { "volunteer", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, volunteer) },
  { "volunteer-group", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, volunteer_group) },
  { "mine", DOSSIER_FIELD_BOOLEAN, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, mine) },
  { "state", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, state) },
  { "reply-text", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierAction, reply_text) },
  { "reply-date", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_DATE, G_STRUCT_OFFSET (DossierAction, reply_date) },
  { "cost", DOSSIER_FIELD_DOUBLE, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, cost) },
  { "notes", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_MULTILINE, G_STRUCT_OFFSET (DossierAction, notes) },
  { "letter-text", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_LONG, G_STRUCT_OFFSET (DossierAction, letter_text) },
  { "signature", DOSSIER_FIELD_STRING, DOSSIER_FIELD_FLAG_NONE, G_STRUCT_OFFSET (DossierAction, signature) },
};

G_DEFINE_QUARK (dossier-action-error-quark, dossier_action_error)

static void
dossier_action_class_init (DossierActionClass *klass)
{
  dossier_record_class_install_fields (DOSSIER_RECORD_CLASS (klass), fields, G_N_ELEMENTS (fields));
}

/* How long the local time zone is kept: a change of the system's zone is
 * seen within this time. */
#define ZONE_KEPT_USEC (10 * G_USEC_PER_SEC)

/* Today's date where the user is, "YYYY-MM-DD". Every action starts dated
 * today, those the store reads too (their date then set from the row), so
 * this runs for every row of a listing. GLib 2.74 reads the time zone's
 * file again at each g_time_zone_new_local() when $TZ is unset (it
 * compares the zone's name with $TZ): a tenth of the time of listing
 * 100,000 actions. The zone is kept here instead, for a while and as long
 * as $TZ is the same. */
static char *
today (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static char *zone_tz;
  static gint64 zone_time;
  const char *tz = g_getenv ("TZ");
  gint64 time = g_get_monotonic_time ();
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_mutex_lock (&lock);
  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0 || time - zone_time > ZONE_KEPT_USEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone = g_time_zone_new_local ();
      zone_tz = g_strdup (tz);
      zone_time = time;
    }
  local = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);

  now = g_date_time_new_now (local);
  return g_date_time_format (now, "%Y-%m-%d");
}

static void
dossier_action_init (DossierAction *self)
{
  self->channel = g_strdup ("letter");
  self->state = g_strdup ("sent");
  self->mine = TRUE;
  self->signature = g_strdup ("full-name");
  self->date = today ();
}

DossierAction *
dossier_action_new (void)
{
  return g_object_new (DOSSIER_TYPE_ACTION, NULL);
}

/**
 * dossier_action_check:
 *
 * The rules the schema cannot hold because they depend on today: a
 * letter is not sent, answered or returned in the future. The form, the
 * command line and the store's logging call all go through here.
 */
gboolean
dossier_action_check (DossierAction  *self,
                      GError        **error)
{
  g_autofree char *now = today ();

  g_return_val_if_fail (DOSSIER_IS_ACTION (self), FALSE);

  if (!dossier_enum_has (DOSSIER_ENUM_CHANNEL, self->channel))
    {
      g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                   /* Translators: %s is what was given instead of a channel */
                   _("“%s” is not a channel. Use one of letter, email, fax, phone, social-media, "
                     "petition, solidarity-card or meeting."), self->channel ? self->channel : "");
      return FALSE;
    }
  if (!dossier_enum_has (DOSSIER_ENUM_ACTION_STATE, self->state))
    {
      g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                   _("“%s” is not a state of an action. Use drafted, sent, replied or returned."),
                   self->state ? self->state : "");
      return FALSE;
    }
  if (!dossier_enum_has (DOSSIER_ENUM_SIGNATURE, self->signature))
    {
      g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                   _("“%s” is not a way to sign. Use full-name, initials, pseudonym or group."),
                   self->signature ? self->signature : "");
      return FALSE;
    }
  if (!dossier_date_is_valid (self->date))
    {
      g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                   _("“%s” is not a date. Write it as YYYY-MM-DD, for example 2020-05-04."),
                   self->date ? self->date : "");
      return FALSE;
    }
  if (!g_str_equal (self->state, "drafted") && strcmp (self->date, now) > 0)
    {
      g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                   _("The date %s is in the future. Log an action once it is done."), self->date);
      return FALSE;
    }
  if (self->reply_date && *self->reply_date)
    {
      if (!dossier_date_is_valid (self->reply_date))
        {
          g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                       _("“%s” is not a date. Write it as YYYY-MM-DD, for example 2020-05-04."),
                       self->reply_date);
          return FALSE;
        }
      if (strcmp (self->reply_date, now) > 0)
        {
          g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                       _("The reply’s date %s is in the future."), self->reply_date);
          return FALSE;
        }
      if (strcmp (self->reply_date, self->date) < 0)
        {
          g_set_error (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                       /* Translators: both are dates */
                       _("The reply’s date %s is before the action’s date %s."), self->reply_date, self->date);
          return FALSE;
        }
    }
  if (self->cost < 0)
    {
      g_set_error_literal (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID,
                           _("A cost cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static char *
describe_channel_count (const char *channel,
                        guint       n)
{
  /* one plural message per channel: "%u letters" is not "%u" + "letters"
   * in languages that decline the noun with the number */
  if (g_str_equal (channel, "letter"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter", "%u letters", n), n);
  if (g_str_equal (channel, "email"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u email", "%u emails", n), n);
  if (g_str_equal (channel, "fax"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fax", "%u faxes", n), n);
  if (g_str_equal (channel, "phone"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone call", "%u phone calls", n), n);
  if (g_str_equal (channel, "social-media"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", n), n);
  if (g_str_equal (channel, "petition"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u petition signed", "%u petitions signed", n), n);
  if (g_str_equal (channel, "solidarity-card"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u solidarity card", "%u solidarity cards", n), n);
  if (g_str_equal (channel, "meeting"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings", n), n);
  return NULL;
}

/**
 * dossier_action_describe_counts:
 * @counts: channel → count, as dossier_store_count_by() gives
 *
 * Returns: "12 letters, 3 emails", channels in their usual order; an empty
 *   string when there are none.
 */
char *
dossier_action_describe_counts (GHashTable *counts)
{
  const DossierEnumValue *channels;
  guint n_channels;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  channels = dossier_enum_values (DOSSIER_ENUM_CHANNEL, &n_channels);
  for (guint i = 0; i < n_channels; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, channels[i].id));

      if (n > 0)
        g_ptr_array_add (parts, describe_channel_count (channels[i].id, n));
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: what separates "12 letters", "3 emails" and the others in a list */
  return g_strjoinv (C_("list separator", ", "), (char **) parts->pdata);
}
