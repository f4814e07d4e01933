/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dossier-enums.h"

static const DossierEnumValue case_roles[] = {
  { "activist", "case role", NC_("case role", "Activist") },
  { "civic-activist", "case role", NC_("case role", "Civic activist") },
  { "human-rights-defender", "case role", NC_("case role", "Human rights defender") },
  { "journalist", "case role", NC_("case role", "Journalist") },
  { "blogger", "case role", NC_("case role", "Blogger") },
  { "trade-unionist", "case role", NC_("case role", "Trade unionist") },
  { "lawyer", "case role", NC_("case role", "Lawyer") },
  { "politician", "case role", NC_("case role", "Opposition politician") },
  { "religious-believer", "case role", NC_("case role", "Religious believer") },
  { "other", "case role", NC_("case role", "Other") },
};

static const DossierEnumValue case_statuses[] = {
  { "detained", "case status", NC_("case status", "Detained") },
  { "under-investigation", "case status", NC_("case status", "Under investigation") },
  { "on-trial", "case status", NC_("case status", "On trial") },
  { "imprisoned", "case status", NC_("case status", "Imprisoned") },
  { "restricted-freedom", "case status", NC_("case status", "Restricted freedom") },
  { "suspended-sentence", "case status", NC_("case status", "Suspended sentence") },
  { "forced-psychiatric-treatment", "case status", NC_("case status", "Forced psychiatric treatment") },
  /* Translators: criminal proceedings are still going on, with no verdict yet */
  { "prosecution-continues", "case status", NC_("case status", "Prosecution continues") },
  { "exile", "case status", NC_("case status", "In exile") },
  { "extradition-risk", "case status", NC_("case status", "At risk of extradition") },
  /* Translators: lives outside the country and may be prosecuted through extradition or INTERPOL */
  { "at-risk-abroad", "case status", NC_("case status", "At risk abroad") },
  { "released", "case status", NC_("case status", "Released") },
  { "acquitted", "case status", NC_("case status", "Acquitted") },
  { "other", "case status", NC_("case status", "Other") },
};

static const DossierEnumValue event_kinds[] = {
  { "arrest", "case event", NC_("case event", "Arrest") },
  { "search", "case event", NC_("case event", "Search") },
  { "charge", "case event", NC_("case event", "Charge") },
  { "preventive-measure", "case event", NC_("case event", "Preventive measure") },
  { "hearing", "case event", NC_("case event", "Hearing") },
  { "verdict", "case event", NC_("case event", "Verdict") },
  { "sentence", "case event", NC_("case event", "Sentence") },
  { "appeal", "case event", NC_("case event", "Appeal") },
  { "transfer", "case event", NC_("case event", "Transfer") },
  { "hunger-strike", "case event", NC_("case event", "Hunger strike") },
  { "health", "case event", NC_("case event", "Health") },
  { "release", "case event", NC_("case event", "Release") },
  { "recognition", "case event", NC_("case event", "Recognition") },
  { "other", "case event", NC_("case event", "Other") },
};

static const DossierEnumValue ua_statuses[] = {
  { "open", "urgent action status", NC_("urgent action status", "Open") },
  { "closed", "urgent action status", NC_("urgent action status", "Closed") },
  { "follow-up", "urgent action status", NC_("urgent action status", "Follow-up") },
};

static const DossierEnumValue channels[] = {
  { "letter", "channel", NC_("channel", "Letter") },
  { "email", "channel", NC_("channel", "Email") },
  { "fax", "channel", NC_("channel", "Fax") },
  { "phone", "channel", NC_("channel", "Phone call") },
  { "social-media", "channel", NC_("channel", "Social media post") },
  { "petition", "channel", NC_("channel", "Petition signature") },
  { "solidarity-card", "channel", NC_("channel", "Solidarity card") },
  { "meeting", "channel", NC_("channel", "Meeting") },
};

static const DossierEnumValue action_states[] = {
  { "drafted", "action state", NC_("action state", "Drafted") },
  { "sent", "action state", NC_("action state", "Sent") },
  { "replied", "action state", NC_("action state", "Replied") },
  { "returned", "action state", NC_("action state", "Returned undelivered") },
};

static const DossierEnumValue signatures[] = {
  { "full-name", "signature", NC_("signature", "Full name") },
  { "initials", "signature", NC_("signature", "Initials") },
  { "pseudonym", "signature", NC_("signature", "Pseudonym") },
  { "group", "signature", NC_("signature", "On behalf of a group") },
};

static const DossierEnumValue feed_formats[] = {
  { "json", "feed format", NC_("feed format", "JSON Feed") },
  { "rss", "feed format", NC_("feed format", "RSS") },
  { "atom", "feed format", NC_("feed format", "Atom") },
};

static const DossierEnumValue proxies[] = {
  { "system", "proxy", NC_("proxy", "System proxy") },
  { "none", "proxy", NC_("proxy", "No proxy") },
  { "custom", "proxy", NC_("proxy", "Proxy from Preferences") },
};

static const DossierEnumValue ua_kinds[] = {
  { "urgent-action", "urgent action kind", NC_("urgent action kind", "Urgent action") },
  /* Translators: a report's or an organisation's call to write to officials about cases, not an urgent action */
  { "appeal", "urgent action kind", NC_("urgent action kind", "Appeal") },
};

static const struct {
  const DossierEnumValue *values;
  guint n_values;
} enums[DOSSIER_N_ENUMS] = {
  [DOSSIER_ENUM_CASE_ROLE] = { case_roles, G_N_ELEMENTS (case_roles) },
  [DOSSIER_ENUM_CASE_STATUS] = { case_statuses, G_N_ELEMENTS (case_statuses) },
  [DOSSIER_ENUM_EVENT_KIND] = { event_kinds, G_N_ELEMENTS (event_kinds) },
  [DOSSIER_ENUM_UA_STATUS] = { ua_statuses, G_N_ELEMENTS (ua_statuses) },
  [DOSSIER_ENUM_CHANNEL] = { channels, G_N_ELEMENTS (channels) },
  [DOSSIER_ENUM_ACTION_STATE] = { action_states, G_N_ELEMENTS (action_states) },
  [DOSSIER_ENUM_SIGNATURE] = { signatures, G_N_ELEMENTS (signatures) },
  [DOSSIER_ENUM_FEED_FORMAT] = { feed_formats, G_N_ELEMENTS (feed_formats) },
  [DOSSIER_ENUM_PROXY] = { proxies, G_N_ELEMENTS (proxies) },
  [DOSSIER_ENUM_UA_KIND] = { ua_kinds, G_N_ELEMENTS (ua_kinds) },
};

const DossierEnumValue *
dossier_enum_values (DossierEnum  which,
                     guint       *n_values)
{
  g_return_val_if_fail (which < DOSSIER_N_ENUMS, NULL);

  if (n_values)
    *n_values = enums[which].n_values;
  return enums[which].values;
}

static const DossierEnumValue *
find_value (DossierEnum  which,
            const char  *id)
{
  g_return_val_if_fail (which < DOSSIER_N_ENUMS, NULL);

  for (guint i = 0; id && i < enums[which].n_values; i++)
    if (g_str_equal (enums[which].values[i].id, id))
      return &enums[which].values[i];
  return NULL;
}

gboolean
dossier_enum_has (DossierEnum  which,
                  const char  *id)
{
  return find_value (which, id) != NULL;
}

/* The translated label of @id, or NULL when @id is not a value of @which. */
const char *
dossier_enum_label (DossierEnum  which,
                    const char  *id)
{
  const DossierEnumValue *value = find_value (which, id);

  if (value == NULL)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, value->context, value->label);
}
