/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-enums.h"
#include "dossier-letter.h"
#include "dossier-store.h"
#include "dossier-target.h"
#include "dossier-translations.h"

/* `dossier letter`: the letter the composer writes, on standard output,
 * for mail merges and scripts, and so that a letter can be checked without
 * a window. The same facts, template and rules as the composer: the
 * profile's own template when there is one. Notes for the person (a
 * general salutation, a missing name) go to standard error, so that what
 * is printed is the letter and nothing else. */

static char *
settings_string (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL)
    return NULL;
  settings = g_settings_new (APP_ID);
  return g_settings_get_string (settings, key);
}

static char *
installed_languages (void)
{
  g_auto(GStrv) languages = dossier_letter_languages ();

  return g_strjoinv (", ", languages);
}

/* The target the letter is to: the one named, else the UA's only one.
 * NULL with *failed set when it cannot be said which. */
static DossierRecord *
choose_target (DossierStore  *store,
               DossierRecord *ua,
               const char    *given,
               gboolean      *failed)
{
  const char * const *ids = dossier_record_get_strv (ua, "target-ids");

  *failed = FALSE;
  if (given)
    {
      DossierRecord *target = dossier_cli_find_target (store, ua, given);

      *failed = target == NULL;
      return target;
    }
  if (ids == NULL || ids[0] == NULL)
    return NULL;
  if (ids[1] == NULL)
    return dossier_store_fetch (store, DOSSIER_TYPE_TARGET, ids[0], NULL);

  /* Translators: %s is an urgent action's reference */
  g_printerr (_("%s has more than one target; say which with --target:\n"),
              dossier_record_get_string (ua, "reference"));
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(DossierRecord) target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, ids[i], NULL);

      if (target)
        g_printerr ("  %s  (%s)\n", dossier_record_get_string (target, "name"), ids[i]);
    }
  *failed = TRUE;
  return NULL;
}

/* The letter's language: the one asked for, else the target's when it
 * is installed, else the one chosen in Preferences, else English. */
static const char *
choose_language (const char    *given,
                 DossierRecord *target,
                 const char    *preferred)
{
  const char *target_language = target ? dossier_record_get_string (target, "language") : NULL;

  if (given)
    return given;
  if (target_language && dossier_letter_has_language (target_language))
    return target_language;
  if (preferred && dossier_letter_has_language (preferred))
    return preferred;
  return "en";
}

static gboolean
write_out (const char *text)
{
  /* the bytes as they are: g_print() would convert them to the locale's
   * charset, and a Kazakh letter is not ASCII */
  return fwrite (text, 1, strlen (text), stdout) == strlen (text);
}

int
dossier_cli_command_letter (const char  *data_dir,
                            int          argc,
                            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) target = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) charges = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ua_ref = NULL, *target_name = NULL, *language = NULL, *signature = NULL;
  g_autofree char *name = NULL, *group = NULL, *pseudonym = NULL, *date = NULL;
  g_autofree char *preferred = NULL, *templates_dir = NULL, *store_dir = NULL, *template_text = NULL;
  g_autofree char *subject = NULL, *body = NULL, *asks_language = NULL, *translated_from = NULL;
  gboolean force = FALSE, failed = FALSE;
  DossierLetterFacts facts = { NULL, };
  const GOptionEntry entries[] = {
    { "ua", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &ua_ref,
      N_("The urgent action, by reference (“UA 065/20”)"),
      N_("REFERENCE") },
    { "target", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &target_name,
      N_("Whom to write to: one of the urgent action’s targets, by name or a unique part of it; "
         "not needed when it has one"),
      N_("NAME") },
    { "lang", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &language,
      N_("The letter’s language, such as de or kk; the target’s when not given"),
      /* Translators: the value of --lang; keep it in capitals */
      N_("LANGUAGE") },
    { "signature", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &signature,
      N_("How to sign: full-name (the default), initials, pseudonym or group"),
      /* Translators: the value of --signature; keep it in capitals */
      N_("MODE") },
    { "name", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &name,
      N_("Your name; the one in Preferences when not given"),
      N_("NAME") },
    { "group", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &group,
      N_("Your group; the one in Preferences when not given"),
      /* Translators: the value of --group; keep it in capitals */
      N_("GROUP") },
    { "pseudonym", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &pseudonym,
      N_("The pseudonym to sign with, with --signature pseudonym"),
      /* Translators: the value of --pseudonym; keep it in capitals */
      N_("PSEUDONYM") },
    { "date", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &date,
      N_("The letter’s date, as YYYY-MM-DD; today when not given"),
      N_("DATE") },
    { "force", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &force,
      N_("Print the letter even when the urgent action has no asks in its language: the asks "
         "are then quoted as the urgent action gives them"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Prints the letter the composer writes to a target of an "
                                           "urgent action: in its language, with the case, the charges, "
                                           "what the urgent action asks, the salutation, the address and "
                                           "the date, signed as you choose. When the urgent action has "
                                           "no asks in the letter’s language, it says so and prints "
                                           "nothing, unless given --force."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  if (ua_ref == NULL)
    {
      g_printerr (_("Say which urgent action with --ua, e.g. --ua \"UA 065/20\".\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (language && !dossier_letter_has_language (language))
    {
      g_autofree char *known = installed_languages ();

      /* Translators: the first %s is what was given, the second a list of language codes */
      g_printerr (_("There are no letters in “%s”. Letters can be written in: %s.\n"), language, known);
      return DOSSIER_EXIT_INPUT;
    }
  if (signature && !dossier_enum_has (DOSSIER_ENUM_SIGNATURE, signature))
    {
      /* Translators: %s is what was given; keep the four words after the colon as they are */
      g_printerr (_("“%s” is not a way to sign: give full-name, initials, pseudonym or group.\n"), signature);
      return DOSSIER_EXIT_INPUT;
    }
  if (date && !dossier_date_is_valid (date))
    {
      /* Translators: %s is what was given; keep YYYY-MM-DD as it is */
      g_printerr (_("“%s” is not a date written YYYY-MM-DD.\n"), date);
      return DOSSIER_EXIT_INPUT;
    }

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  if (!(ua = dossier_cli_find_ua (store, ua_ref)))
    {
      /* Translators: %s is what was given */
      g_printerr (_("There is no urgent action “%s”.\n"), ua_ref);
      return DOSSIER_EXIT_INPUT;
    }
  target = choose_target (store, ua, target_name, &failed);
  if (failed)
    return DOSSIER_EXIT_INPUT;

  preferred = settings_string ("letter-language");
  if (name == NULL)
    name = settings_string ("volunteer-name");
  if (group == NULL)
    group = settings_string ("volunteer-group");
  dossier_store_fetch_ua_cases (store, ua, &cases, &charges);
  facts = (DossierLetterFacts) {
    .ua = ua, .target = target, .cases = cases, .charges = charges,
    .language = choose_language (language, target, preferred), .date = date,
    .signature = signature ? signature : "full-name",
    .volunteer_name = name, .volunteer_group = group, .pseudonym = pseudonym,
  };

  if (dossier_letter_has_asks (&facts) &&
      !dossier_letter_asks_in_language (&facts, &asks_language, &translated_from) && !force)
    {
      g_auto(GStrv) has = dossier_letter_asks_languages (ua);
      g_autofree char *listed = g_strjoinv (", ", has);

      g_printerr (
        /* Translators: the first %s is a UA's reference, the second the letter's language
         * code, the third the codes of the languages the UA has its asks in. Keep --lang
         * and --force as they are */
        _("%s has no asks in “%s”, only in: %s. A letter that does not say what the urgent action "
          "asks is not sent: translate the asks, write in one of those languages with --lang, or "
          "give --force to quote them as they are.\n"),
        dossier_record_get_string (ua, "reference"), facts.language, listed);
      return DOSSIER_EXIT_INPUT;
    }

  store_dir = g_path_get_dirname (dossier_store_get_path (store));
  templates_dir = g_build_filename (store_dir, "templates", NULL);
  if (!(template_text = dossier_letter_load_template (templates_dir, facts.language, NULL, &error)) ||
      !dossier_letter_merge (template_text, &facts, &subject, &body, &error))
    {
      /* Translators: %s says what is wrong with the template */
      g_printerr (_("Could not write the letter: %s\n"), error->message);
      return DOSSIER_EXIT_INPUT;
    }

  if (target && dossier_letter_salutation_is_generic (&facts))
    /* Translators: %s is the letter's language code */
    g_printerr (_("Note: no salutation for this target is known in “%s”; the letter opens with a general one.\n"),
                facts.language);
  if (translated_from && *translated_from)
    /* Translators: %s is a language code */
    g_printerr (_("Note: the asks were translated from “%s” by the author of the campaign file, not by the "
                  "urgent action’s authors.\n"), translated_from);
  if (g_str_equal (facts.signature, "full-name") && dossier_text_is_blank (name))
    g_printerr (_("Note: there is no name to sign with; give --name, or set yours in Preferences.\n"));

  if ((*subject && (!write_out ("Subject: ") || !write_out (subject) || !write_out ("\n\n"))) ||
      !write_out (body) || fflush (stdout) != 0)
    {
      g_printerr (_("Could not write to standard output.\n"));
      return DOSSIER_EXIT_OUTPUT;
    }
  return DOSSIER_EXIT_OK;
}
