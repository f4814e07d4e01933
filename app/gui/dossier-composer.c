/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-application.h"
#include "dossier-case.h"
#include "dossier-charge.h"
#include "dossier-composer.h"
#include "dossier-countries.h"
#include "dossier-dates.h"
#include "dossier-detail-page.h"
#include "dossier-enums.h"
#include "dossier-letter.h"
#include "dossier-translations.h"
#include "dossier-letter-print.h"
#include "dossier-logging.h"
#include "dossier-target.h"
#include "dossier-template-editor.h"
#include "dossier-window.h"

/* Writes one letter to one target of an urgent action: the template in
 * the chosen language, filled with the case's facts, signed as the
 * volunteer chooses. What they type is kept as a draft action as they
 * type, so closing the window, a crash or a failed print loses nothing;
 * "Log as Sent" turns the draft into a logged action. */

#define SAVE_DELAY_MS 800

struct _DossierComposer
{
  AdwWindow       parent_instance;

  AdwActionRow   *asks_row;
  AdwActionRow   *salutation_row;
  AdwActionRow   *office_row;
  AdwActionRow   *closed_row;
  AdwExpanderRow *fields_row;
  AdwComboRow    *language_row;
  GtkTextView    *letter_view;
  AdwEntryRow    *name_row;
  GtkButton      *log_button;
  GtkButton      *log_short_button;
  AdwActionRow   *problem_row;
  AdwEntryRow    *pseudonym_row;
  GtkButton      *rebuild_button;
  GtkLabel       *draft_label;
  AdwActionRow   *risk_row;
  AdwComboRow    *signature_row;
  AdwEntryRow    *subject_row;
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  AdwWindowTitle *short_title;

  DossierStore   *store;
  DossierRecord  *ua;
  DossierRecord  *target;
  GPtrArray      *cases;
  GPtrArray      *charges;
  GSettings      *settings;
  DossierAction  *draft;          /* the action that holds the letter, once typed into */
  char           *templates_dir;
  char           *channel;        /* "letter", or "email" once it went to the mail client */
  gboolean        edited;         /* the text is the volunteer's, not the template's */
  gboolean        filling;        /* we are changing the text, not the volunteer */
  gboolean        logged;
  gboolean        dirty;          /* typed or changed since the last save */
  gboolean        close_refused;  /* a close was refused once because the draft could not be kept */
  guint           save_id;
  char           *last_signature; /* the signature as the letter's text has it */
  GCancellable   *cancellable;    /* for the mail client being opened */
  char           *template_problem;
  char           *save_problem;
  GStrv           languages;      /* the letter languages installed, as the language row lists them */
  gboolean        signer_touched; /* the name or pseudonym was typed, or a log was tried */
};

G_DEFINE_FINAL_TYPE (DossierComposer, dossier_composer, ADW_TYPE_WINDOW)

/* Languages named in the window's language, in the two places the
 * warning about the asks names them. A language without a name here is
 * named by its code. */
static const struct {
  const char *code;
  const char *written_in;     /* "The asks … are written in %s." */
  const char *into;           /* "translate them into %s"; NULL: no letters in it */
} language_names[] = {
  /* Translators: a language the asks of an urgent action are written in,
   * as it fills the first %s of “The asks of this urgent action are
   * written in %s.” */
  { "en", NC_("asks are written in", "English"),
  /* Translators: a language a letter is written in, as it fills the
   * second %s of “… translate them into %s before you send it.” */
    NC_("translate the asks into", "English") },
  /* Translators: see “English” in the same context */
  { "de", NC_("asks are written in", "German"),
  /* Translators: see “English” in the same context */
    NC_("translate the asks into", "German") },
  /* Translators: see “English” in the same context */
  { "ru", NC_("asks are written in", "Russian"),
  /* Translators: see “English” in the same context */
    NC_("translate the asks into", "Russian") },
  /* Translators: see “English” in the same context */
  { "kk", NC_("asks are written in", "Kazakh"),
  /* Translators: see “English” in the same context */
    NC_("translate the asks into", "Kazakh") },
  /* Translators: see “English” in the same context */
  { "fr", NC_("asks are written in", "French"), NULL },
  /* Translators: see “English” in the same context */
  { "es", NC_("asks are written in", "Spanish"), NULL },
};

static const char *
language_in_sentence (const char *code,
                      gboolean    into)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_str_equal (language_names[i].code, code))
      {
        if (into && language_names[i].into)
          return g_dpgettext2 (NULL, "translate the asks into", language_names[i].into);
        if (!into)
          return g_dpgettext2 (NULL, "asks are written in", language_names[i].written_in);
      }
  return code;
}

static const char *
selected_language (DossierComposer *self)
{
  guint i = adw_combo_row_get_selected (self->language_row);

  return self->languages && i < g_strv_length (self->languages) ? self->languages[i] : "en";
}

static const char *
selected_signature (DossierComposer *self)
{
  const char *id = dossier_enum_id_at (DOSSIER_ENUM_SIGNATURE, adw_combo_row_get_selected (self->signature_row), FALSE);

  return id ? id : "full-name";
}

static void
select_signature (DossierComposer *self,
                  const char      *id)
{
  adw_combo_row_set_selected (self->signature_row, dossier_enum_position (DOSSIER_ENUM_SIGNATURE, id, FALSE));
}

static char *
get_body (DossierComposer *self)
{
  return dossier_text_view_get_text (self->letter_view);
}

/* The letter as it is kept with the action and copied: the subject line
 * first, as the templates write it. */
static char *
get_letter (DossierComposer *self)
{
  g_autofree char *body = get_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));

  if (*subject)
    return g_strdup_printf ("Subject: %s\n\n%s", subject, body);
  return g_steal_pointer (&body);
}

static const char *signature_problem (DossierComposer  *self,
                                      GtkWidget       **field);

/* One problem at a time, the one to fix first: a template that cannot be
 * used, a draft that could not be kept (about no field: said at the end
 * of the group), a signature that is missing (under its field). */
static void
refresh_problem (DossierComposer *self)
{
  GtkWidget *field = NULL;
  const char *signing = signature_problem (self, &field);
  const char *problem = self->template_problem ? self->template_problem
                      : self->save_problem ? self->save_problem
                      : signing;
  /* a name not yet typed is not yet an error: it is said once the
   * volunteer has typed in the field or tried to log the letter (Log as
   * Sent stays off meanwhile, its tooltip says why) */
  gboolean shown = problem != NULL && (self->template_problem || self->save_problem || self->signer_touched);

  dossier_form_show_problem (self->problem_row, NULL, problem == signing ? field : NULL, shown ? problem : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->log_button), problem ? problem : _("Record that you sent this letter"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->log_short_button), problem ? problem : _("Record that you sent this letter"));
}

static void
set_problem (char       **slot,
             const char  *problem)
{
  g_free (*slot);
  *slot = g_strdup (problem);
}

static void
set_channel (DossierComposer *self,
             const char      *channel)
{
  g_free (self->channel);
  self->channel = g_strdup (channel);
}

static void
set_letter (DossierComposer *self,
            const char      *subject,
            const char      *body)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->letter_view), body, -1);
  self->filling = FALSE;
}

static void
set_edited (DossierComposer *self,
            gboolean         edited)
{
  self->edited = edited;
  gtk_widget_set_visible (GTK_WIDGET (self->rebuild_button), edited);
}

/* The signature the current choices make, in the current language. */
static char *
current_signature (DossierComposer *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *group = g_settings_get_string (self->settings, "volunteer-group");
  DossierLetterFacts facts = {
    .language = selected_language (self), .signature = selected_signature (self),
    .volunteer_name = name, .volunteer_group = group,
    .pseudonym = gtk_editable_get_text (GTK_EDITABLE (self->pseudonym_row)),
  };

  return dossier_letter_signature (&facts);
}

/* Builds the letter from the template. */
static void
fill (DossierComposer *self)
{
  const char *language = selected_language (self);
  g_autofree char *template_text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *group = g_settings_get_string (self->settings, "volunteer-group");
  g_autoptr(GError) error = NULL;
  DossierLetterFacts facts = {
    .ua = self->ua, .target = self->target, .cases = self->cases, .charges = self->charges,
    .language = language, .date = NULL, .signature = selected_signature (self),
    .volunteer_name = name, .volunteer_group = group,
    .pseudonym = gtk_editable_get_text (GTK_EDITABLE (self->pseudonym_row)),
  };

  g_free (self->last_signature);
  self->last_signature = dossier_letter_signature (&facts);

  template_text = dossier_letter_load_template (self->templates_dir, language, NULL, &error);
  if (template_text == NULL || !dossier_letter_merge (template_text, &facts, &subject, &body, &error))
    {
      /* Translators: %s says what is wrong with the template */
      g_autofree char *problem = g_strdup_printf (_("The template cannot be used: %s"), error->message);

      set_problem (&self->template_problem, problem);
      refresh_problem (self);
      return;
    }
  set_problem (&self->template_problem, NULL);
  refresh_problem (self);
  set_letter (self, subject, body);
  set_edited (self, FALSE);
}

static const char *
set_field (GtkWidget  **field,
           gpointer     row,
           const char  *message)
{
  if (field)
    *field = row;
  return message;
}

/* What stops the letter from being signed as chosen, if anything; *@field
 * is the row it is about. */
static const char *
signature_problem (DossierComposer  *self,
                   GtkWidget       **field)
{
  const char *mode = selected_signature (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *group = g_settings_get_string (self->settings, "volunteer-group");
  g_autofree char *pseudonym = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pseudonym_row))));

  if ((g_str_equal (mode, "full-name") || g_str_equal (mode, "initials")) && *name == '\0')
    return set_field (field, self->name_row, _("Type your name to sign the letter."));
  if (g_str_equal (mode, "pseudonym") && *pseudonym == '\0')
    return set_field (field, self->pseudonym_row, _("Type the pseudonym to sign with."));
  /* the group is set in Preferences; what cannot be used is this choice */
  if (g_str_equal (mode, "group") && *g_strstrip (group) == '\0')
    return set_field (field, self->signature_row, _("Set your group in Preferences to sign on its behalf."));
  return NULL;
}

/**
 * dossier_composer_closed_warning:
 * @ua: an urgent action
 *
 * Returns: (transfer full) (nullable): what the composer says before a
 *   letter for a closed urgent action is written: a warning, not a block.
 */
char *
dossier_composer_closed_warning (DossierRecord *ua)
{
  const char *deadline = dossier_record_get_string (ua, "deadline");
  g_autofree char *date = NULL;

  if (g_strcmp0 (dossier_record_get_string (ua, "status"), "closed") != 0)
    return NULL;
  if (!dossier_date_is_valid (deadline))
    return g_strdup (_("This urgent action is closed. A letter may no longer help: check with your "
                       "campaign before you send one."));
  date = dossier_format_date (deadline);
  /* Translators: %s is the date of the closed urgent action's deadline */
  return g_strdup_printf (_("This urgent action is closed; its deadline was %s. A letter may no longer "
                            "help: check with your campaign before you send one."), date);
}

/* A letter says what the urgent action asks, in the letter's language, or
 * the window says plainly that it cannot: the templates quote the UA's
 * asks as they are written. A warning, not a problem: the volunteer may
 * translate them in the letter and send it. */
static void
update_asks (DossierComposer *self)
{
  const char *language = selected_language (self);
  DossierLetterFacts facts = { .ua = self->ua, .target = self->target, .language = language };
  g_autofree char *asks_language = NULL;
  g_autofree char *translated_from = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  gboolean warning = TRUE;

  if (!dossier_letter_has_asks (&facts))
    text = g_strdup (_("This urgent action lists no asks: the letter asks for nothing specific."));
  else if (!dossier_letter_asks_in_language (&facts, &asks_language, &translated_from))
    text = g_strdup_printf (
      /* Translators: the first %s is the language the urgent action's asks
       * are written in, the second the letter's language; both come from
       * the language names of the contexts “asks are written in” and
       * “translate the asks into” */
      _("This urgent action gives its asks in %s only. The letter quotes them as they are: "
        "translate them into %s before you send it, or send them as they are."),
      language_in_sentence (asks_language, FALSE), language_in_sentence (language, TRUE));
  else if (translated_from && *translated_from)
    {
      text = g_strdup_printf (
        /* Translators: %s is the language the urgent action's own asks are
         * written in, from the names of the context “asks are written in” */
        _("The asks in this letter were translated from %s by the author of the campaign file, "
          "not by the urgent action’s authors."),
        language_in_sentence (translated_from, FALSE));
      warning = FALSE;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->asks_row), text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->asks_row), text != NULL);
  adw_action_row_set_icon_name (self->asks_row, warning ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->asks_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->asks_row), "warning");

  /* a general salutation is courteous, but the volunteer should know */
  if (self->target && dossier_letter_salutation_is_generic (&facts))
    note = g_strdup_printf (
      /* Translators: %s is the language of the letter, from the names of the
       * context “asks are written in” */
      _("No salutation for this target is known in %s: the letter opens with a general one. "
        "Write the person’s name or office if you know it."),
      language_in_sentence (language, FALSE));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->salutation_row), note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->salutation_row), note != NULL);

  /* a holder named by a source of some years ago is not today's */
  {
    const char *from = self->target ? dossier_record_get_string (self->target, "held-from") : NULL;
    const char *to = self->target ? dossier_record_get_string (self->target, "held-to") : NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *office = NULL;
    g_autofree char *from_text = dossier_format_partial_date (from);
    g_autofree char *to_text = dossier_format_partial_date (to);

    if (!dossier_text_is_blank (from) && dossier_text_is_blank (to) && atoi (from) < g_date_time_get_year (now))
      office = g_strdup_printf (
        /* Translators: %s is a year (2017), a month (June 2017) or a date, as
         * the window writes them; “as of” avoids a preposition that would
         * change the month's form */
        _("The sources name this person as the holder of the office as of %s. Check who holds it "
          "now before you send: the letter is addressed to them by name."), from_text);
    else if (!dossier_text_is_blank (to))
      office = g_strdup_printf (
        /* Translators: %s is a year (2017), a month (June 2017) or a date, as the window writes them */
        _("The sources say this person left the office (the date given: %s). Write to whoever holds it now."),
        to_text);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->office_row), office ? office : "");
    gtk_widget_set_visible (GTK_WIDGET (self->office_row), office != NULL);
  }
  /* heard in the letter too, where a screen reader user writes */
  if (text)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->letter_view),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->letter_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Whether @a and @b are the same country: the same code, however each
 * names it ("KZ", "Kazakhstan", "Казахстан"), or, for values that name
 * no country, the same words. */
static gboolean
same_country (const char *a,
              const char *b)
{
  const char *code_a = dossier_country_code_from_text (a);
  const char *code_b = dossier_country_code_from_text (b);
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (code_a || code_b)
    return g_strcmp0 (code_a, code_b) == 0;
  folded_a = g_utf8_casefold (a ? a : "", -1);
  folded_b = g_utf8_casefold (b ? b : "", -1);
  return *g_strstrip (folded_a) && g_str_equal (folded_a, g_strstrip (folded_b));
}

/* Writing to the authorities of one's own country under one's full name
 * is a real risk: say so before, not after. The country one lives in is
 * typed in Preferences, in any language. */
static void
update_risk (DossierComposer *self)
{
  g_autofree char *own = g_settings_get_string (self->settings, "own-country");
  g_autofree char *country = NULL;

  if (!dossier_text_is_blank (own) && g_str_equal (selected_signature (self), "full-name"))
    for (guint i = 0; i < self->cases->len && country == NULL; i++)
      {
        const char *case_country = dossier_record_get_string (g_ptr_array_index (self->cases, i), "country");

        if (same_country (case_country, own))
          country = dossier_country_name (case_country);
      }
  if (country)
    {
      g_autofree char *text = g_strdup_printf (
        /* Translators: %s is a country */
        _("You live in %s, where this case is. A letter to its authorities signed with your full "
          "name can put you at risk. Consider signing with your initials, a pseudonym or for your "
          "group, or sending it through an embassy or a group abroad."), country);

      adw_action_row_set_subtitle (self->risk_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->risk_row), country != NULL);
}

static void
update_state (DossierComposer *self)
{
  const char *problem = signature_problem (self, NULL);
  const char *email = self->target ? dossier_record_get_string (self->target, "email") : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->pseudonym_row), g_str_equal (selected_signature (self), "pseudonym"));
  update_risk (self);
  update_asks (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.log", problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.email", email && *email);
  refresh_problem (self);
}

static gboolean
save_draft (DossierComposer *self)
{
  g_autofree char *letter = NULL;
  g_autofree char *group = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  DossierRecord *record;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!self->edited || !self->dirty || self->logged)
    return TRUE;
  if (self->draft)
    {
      /* logged, changed or deleted meanwhile (My Actions, another
       * composer): that action is not ours to overwrite; the text goes
       * into a draft of its own */
      g_autoptr(DossierRecord) stored = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION,
                                                             dossier_record_get_id (DOSSIER_RECORD (self->draft)), NULL);

      if (stored == NULL || g_strcmp0 (dossier_record_get_string (stored, "state"), "drafted") != 0)
        g_clear_object (&self->draft);
    }
  if (self->draft == NULL)
    {
      self->draft = dossier_action_new ();
      record = DOSSIER_RECORD (self->draft);
      dossier_record_set_string (record, "ua-id", dossier_record_get_id (self->ua));
      if (self->target)
        dossier_record_set_string (record, "target-id", dossier_record_get_id (self->target));
      dossier_record_set_string (record, "state", "drafted");
    }
  record = DOSSIER_RECORD (self->draft);
  letter = get_letter (self);
  group = g_settings_get_string (self->settings, "volunteer-group");
  dossier_record_set_string (record, "letter-text", letter);
  dossier_record_set_string (record, "signature", selected_signature (self));
  dossier_record_set_string (record, "volunteer", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  dossier_record_set_string (record, "volunteer-group", group);
  dossier_record_set_string (record, "date", today);
  if (!dossier_store_log_action (self->store, self->draft, &error))
    {
      /* Translators: %s says what went wrong; the text stays in the window */
      g_autofree char *problem = g_strdup_printf (_("Your draft could not be kept: %s"), error->message);

      set_problem (&self->save_problem, problem);
      refresh_problem (self);
      return FALSE;
    }
  self->dirty = FALSE;
  if (self->save_problem)
    {
      set_problem (&self->save_problem, NULL);
      refresh_problem (self);
    }
  return TRUE;
}

static gboolean
on_save_timeout_cb (gpointer data)
{
  DossierComposer *self = data;

  self->save_id = 0;
  save_draft (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed_cb (DossierComposer *self)
{
  if (self->filling)
    return;
  set_edited (self, TRUE);
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
}

static void
replace_signature (DossierComposer *self)
{
  g_autofree char *signature = current_signature (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->letter_view);
  GtkTextIter end, match_start, match_end;

  if (self->last_signature == NULL || *self->last_signature == '\0' ||
      g_strcmp0 (signature, self->last_signature) == 0)
    return;
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_iter_backward_search (&end, self->last_signature, GTK_TEXT_SEARCH_TEXT_ONLY,
                                     &match_start, &match_end, NULL))
    {
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete (buffer, &match_start, &match_end);
      gtk_text_buffer_insert (buffer, &match_start, signature, -1);
      gtk_text_buffer_end_user_action (buffer);
    }
  g_free (self->last_signature);
  self->last_signature = g_steal_pointer (&signature);
}

/* Language, signature and name rebuild a letter nobody has typed into;
 * in a typed one only the signature is replaced, so that choosing
 * initials never leaves the full name under the letter. */
static void on_choice_changed_cb (DossierComposer *self);

static void
on_signer_changed_cb (DossierComposer *self)
{
  self->signer_touched = TRUE;
  on_choice_changed_cb (self);
}

static void
on_choice_changed_cb (DossierComposer *self)
{
  if (self->filling)
    return;
  if (!self->edited)
    fill (self);
  else
    replace_signature (self);
  self->dirty = TRUE;
  update_state (self);
}

static void
on_rebuild_clicked_cb (DossierComposer *self)
{
  fill (self);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_label), FALSE);
  /* the draft now holds the template's text */
  if (self->draft)
    {
      set_edited (self, TRUE);
      self->dirty = TRUE;
      save_draft (self);
      set_edited (self, FALSE);
    }
  update_state (self);
}

static void
on_use_initials_clicked_cb (DossierComposer *self)
{
  select_signature (self, "initials");
}

static void
on_template_saved_cb (DossierComposer *self)
{
  if (!self->edited)
    fill (self);
  dossier_add_toast (self->toast_overlay, adw_toast_new (_("Template saved")));
}

static void
on_edit_template_cb (DossierComposer *self)
{
  DossierTemplateEditor *editor = dossier_template_editor_new (GTK_WINDOW (self), self->templates_dir,
                                                               selected_language (self));

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_template_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DossierComposer  *self)
{
  if (g_str_equal (response, "copy"))
    gtk_widget_activate_action (GTK_WIDGET (self), "composer.copy", NULL);
}

/* @offer_copy: the letter can still go out by pasting it elsewhere */
static void
show_error_dialog (DossierComposer *self,
                   const char      *heading,
                   const char      *message,
                   gboolean         offer_copy)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  /* Translators: follows an error message when printing, saving or mailing failed */
  g_autofree char *body = g_strdup_printf (_("%s\n\nYour letter is kept as a draft; nothing is lost."), message);

  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (offer_copy)
    {
      adw_message_dialog_add_response (dialog, "copy", _("_Copy Letter"));
      adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "copy");
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Keeps the letter before it leaves the window, whatever happens next. */
static void
keep_before_sending (DossierComposer *self)
{
  /* a letter sent untouched is kept too: the draft is what was sent */
  if (!self->edited)
    {
      set_edited (self, TRUE);
      self->dirty = TRUE;
      save_draft (self);
      set_edited (self, FALSE);
    }
  else
    save_draft (self);
}

static char *
letter_title (DossierComposer *self)
{
  const char *name = self->target ? dossier_record_get_string (self->target, "name") : NULL;
  g_autofree char *title = NULL;

  if (name && *name)
    title = g_strdup_printf ("%s – %s", dossier_record_get_string (self->ua, "reference"), name);
  else
    title = g_strdup (dossier_record_get_string (self->ua, "reference"));
  /* a file name, too */
  return g_strdelimit (g_steal_pointer (&title), "/\\:", '-');
}

/* The letter as printed: the subject after the date, as letters set it;
 * the address first, when there is a target, for the envelope window. */
static char *
print_text (DossierComposer *self)
{
  g_autofree char *body = get_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  g_auto(GStrv) paragraphs = g_strsplit (body, "\n\n", 3);
  guint after = self->target ? 2 : 1;
  GString *out;

  if (*subject == '\0' || g_strv_length (paragraphs) <= after)
    return g_steal_pointer (&body);
  out = g_string_new (NULL);
  for (guint i = 0; paragraphs[i]; i++)
    {
      if (i == after)
        g_string_append_printf (out, "%s\n\n", subject);
      g_string_append (out, paragraphs[i]);
      if (paragraphs[i + 1])
        g_string_append (out, "\n\n");
    }
  return g_string_free (out, FALSE);
}

static void
print_letter (DossierComposer *self,
              const char      *path)
{
  g_autofree char *title = letter_title (self);
  g_autofree char *body = print_text (self);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  keep_before_sending (self);
  result = dossier_letter_print (GTK_WINDOW (self), title, body, self->target != NULL, path, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      show_error_dialog (self, path ? _("The PDF Could Not Be Saved") : _("The Letter Could Not Be Printed"),
                         error->message, FALSE);
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_CANCEL)
    return;
  set_channel (self, "letter");
  if (path)
    {
      g_autofree char *name = g_filename_display_basename (path);

      /* Translators: %s is a file name */
      dossier_add_toast (self->toast_overlay, adw_toast_new_format (_("Saved as “%s”"), name));
    }
  else
    dossier_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Sent to the printer. Log it as sent once it is in the post.")));
}

static void
on_print_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  print_letter (DOSSIER_COMPOSER (widget), NULL);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DossierComposer *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (path == NULL)
    return;
  if (pdf)
    dossier_composer_save_pdf (self, path);
  else
    {
      g_autofree char *letter = get_letter (self);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_filename_display_basename (path);

      keep_before_sending (self);
      if (!g_file_set_contents_full (path, letter, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          show_error_dialog (self, _("The Letter Could Not Be Saved"), error->message, FALSE);
          return;
        }
      set_channel (self, "letter");
      dossier_add_toast (self->toast_overlay, adw_toast_new_format (_("Saved as “%s”"), name));
    }
}

static void
choose_file (DossierComposer *self,
             gboolean         pdf)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = letter_title (self);
  g_autofree char *name = g_strconcat (title, pdf ? ".pdf" : ".txt", NULL);

  chooser = gtk_file_chooser_native_new (pdf ? _("Save the Letter as PDF") : _("Save the Letter as Text"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Text files"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save_pdf_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (DOSSIER_COMPOSER (widget), TRUE);
}

static void
on_save_text_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  choose_file (DOSSIER_COMPOSER (widget), FALSE);
}

static void
on_copy_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierComposer *self = DOSSIER_COMPOSER (widget);
  g_autofree char *letter = get_letter (self);

  keep_before_sending (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), letter);
  dossier_add_toast (self->toast_overlay, adw_toast_new (_("Letter copied")));
}

static void
on_mail_launched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(DossierComposer) self = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      /* the composer went away meanwhile: nothing to tell */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->logged)
        return;
      set_channel (self, "letter");
      show_error_dialog (self, _("No Mail Client Could Be Opened"), error->message, TRUE);
      return;
    }
  if (self->logged)
    return;
  dossier_add_toast (self->toast_overlay,
                               adw_toast_new (_("Opened in your mail client. Log it as sent once you have sent it.")));
}

static void
on_email_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierComposer *self = DOSSIER_COMPOSER (widget);
  g_autofree char *body = get_body (self);
  g_autofree char *uri = dossier_composer_get_mailto (self);
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

  if (uri == NULL)
    return;
  keep_before_sending (self);
  /* it goes by email from now on, unless the mail client fails to open */
  set_channel (self, "email");
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           on_mail_launched_cb, g_object_ref (self));
}

static void
on_log_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierComposer *self = DOSSIER_COMPOSER (widget);
  g_autoptr(GError) error = NULL;

  if (!dossier_composer_log (self, &error))
    {
      /* Translators: %s says what went wrong */
      g_autofree char *problem = g_strdup_printf (_("The letter could not be logged: %s"), error->message);

      set_problem (&self->save_problem, problem);
      refresh_problem (self);
    }
}

static gboolean
dossier_composer_close_request (GtkWindow *window)
{
  DossierComposer *self = DOSSIER_COMPOSER (window);

  /* a draft that cannot be kept keeps the window open once, with the
   * reason shown, so the text can still be copied; a second close closes */
  if (!save_draft (self) && !self->close_refused)
    {
      self->close_refused = TRUE;
      return TRUE;
    }
  return GTK_WINDOW_CLASS (dossier_composer_parent_class)->close_request (window);
}

static void
dossier_composer_dispose (GObject *object)
{
  DossierComposer *self = DOSSIER_COMPOSER (object);

  /* typed in the last moment before the window went (the application
   * quitting, say): kept too */
  if (self->store && self->ua)
    save_draft (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_signature, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->ua);
  g_clear_object (&self->target);
  g_clear_object (&self->draft);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->charges, g_ptr_array_unref);
  g_clear_pointer (&self->templates_dir, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->template_problem, g_free);
  g_clear_pointer (&self->save_problem, g_free);
  g_clear_pointer (&self->languages, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_COMPOSER);
  G_OBJECT_CLASS (dossier_composer_parent_class)->dispose (object);
}

/* The header shows Log as Sent or, narrower, Log: the focus follows to
 * the one shown. */
static void
on_log_squeezed_cb (DossierComposer *self,
                    GParamSpec      *pspec,
                    AdwSqueezer     *squeezer)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  if (shown && (focus == GTK_WIDGET (self->log_button) || focus == GTK_WIDGET (self->log_short_button)) &&
      focus != shown)
    gtk_widget_grab_focus (shown);
}

static void
dossier_composer_class_init (DossierComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dossier_composer_dispose;
  window_class->close_request = dossier_composer_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Dossier/dossier-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, asks_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, office_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, closed_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, draft_label);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, fields_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, language_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, letter_view);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, name_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, log_button);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, log_short_button);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, short_title);
  gtk_widget_class_bind_template_callback (widget_class, on_log_squeezed_cb);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, pseudonym_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, rebuild_button);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, risk_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, signature_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, subject_row);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierComposer, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_rebuild_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_initials_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_template_cb);

  gtk_widget_class_install_action (widget_class, "composer.print", NULL, on_print_action_cb);
  gtk_widget_class_install_action (widget_class, "composer.save-pdf", NULL, on_save_pdf_action_cb);
  gtk_widget_class_install_action (widget_class, "composer.save-text", NULL, on_save_text_action_cb);
  gtk_widget_class_install_action (widget_class, "composer.copy", NULL, on_copy_action_cb);
  gtk_widget_class_install_action (widget_class, "composer.email", NULL, on_email_action_cb);
  gtk_widget_class_install_action (widget_class, "composer.log", NULL, on_log_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "composer.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* the same key in every language, where Log as Sent's mnemonic is not */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "composer.log", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "composer.log", NULL);
}

static void
dossier_composer_init (DossierComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the store's limits, kept as the user types: a letter is long */
  dossier_form_limit_texts (GTK_WIDGET (self));
  dossier_form_limit_text (GTK_WIDGET (self->letter_view), DOSSIER_TEXT_MAX_LONG);
  self->channel = g_strdup ("letter");
  self->cancellable = g_cancellable_new ();
}

static void
load_facts (DossierComposer *self)
{
  dossier_store_fetch_ua_cases (self->store, self->ua, &self->cases, &self->charges);
}

static void
fill_choices (DossierComposer *self,
              const char      *language)
{
  g_auto(GStrv) languages = dossier_letter_languages ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) signatures = dossier_enum_model (DOSSIER_ENUM_SIGNATURE, NULL);
  guint fields_n;
  const DossierMergeField *fields = dossier_letter_fields (&fields_n);

  /* each language in its own name, as Preferences lists them: a
   * volunteer finds the language of the letter whatever the window's;
   * then in the window's language, as the pages name it */
  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *label = dossier_language_choice_label (languages[i], dossier_letter_language_name (languages[i]));

      gtk_string_list_append (names, label);
    }
  g_strfreev (self->languages);
  self->languages = g_steal_pointer (&languages);
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  for (guint i = 0; self->languages[i]; i++)
    if (g_str_equal (self->languages[i], language))
      adw_combo_row_set_selected (self->language_row, i);

  adw_combo_row_set_model (self->signature_row, signatures);

  for (guint i = 0; i < fields_n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_strdup_printf ("{{%s}}", fields[i].name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(fields[i].description));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
      adw_expander_row_add_row (self->fields_row, row);
    }
}

/**
 * dossier_composer_new:
 * @target: (nullable): whom the letter is to
 *
 * Opens the letter this volunteer had begun to @target on @ua, if there
 * is one, or a new one from the template in the target's language.
 */
DossierComposer *
dossier_composer_new (GtkWindow     *parent,
                      DossierStore  *store,
                      DossierRecord *ua,
                      DossierRecord *target)
{
  DossierComposer *self = g_object_new (DOSSIER_TYPE_COMPOSER, "transient-for", parent,
                                        "application", parent ? gtk_window_get_application (parent) : NULL,
                                        NULL);
  g_autofree char *store_dir = g_path_get_dirname (dossier_store_get_path (store));
  const char *target_language = target ? dossier_record_get_string (target, "language") : NULL;
  g_autofree char *default_language = NULL;
  const char *language;
  g_autofree char *title = NULL;

  self->store = g_object_ref (store);
  self->ua = g_object_ref (ua);
  self->target = target ? g_object_ref (target) : NULL;
  self->settings = g_object_ref (dossier_application_get_settings (DOSSIER_APPLICATION (g_application_get_default ())));
  self->templates_dir = g_build_filename (store_dir, "templates", NULL);
  load_facts (self);

  /* the target's language if there is a template for it, else the user's */
  default_language = g_settings_get_string (self->settings, "letter-language");
  if (target_language && dossier_letter_has_language (target_language))
    language = target_language;
  else
    language = default_language;

  if (target)
    {
      /* the target's name as the window's language writes it, when known */
      g_autofree char *name = dossier_record_get_text_in (target, "name", dossier_ui_language (), FALSE, NULL, NULL);

      /* Translators: %s is whom the letter is to */
      title = g_strdup_printf (_("Letter to %s"), name);
    }
  adw_window_title_set_title (self->window_title, title ? title : _("Write a Letter"));
  adw_window_title_set_subtitle (self->window_title, dossier_record_get_string (ua, "reference"));
  adw_window_title_set_title (self->short_title, dossier_record_get_string (ua, "reference"));

  self->filling = TRUE;
  fill_choices (self, language);
  g_settings_bind (self->settings, "volunteer-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  self->filling = FALSE;

  self->draft = dossier_store_find_draft (store, dossier_record_get_id (ua),
                                          target ? dossier_record_get_id (target) : NULL, NULL);
  if (self->draft)
    {
      const char *letter = dossier_record_get_string (DOSSIER_RECORD (self->draft), "letter-text");
      const char *body = letter;
      g_autofree char *subject = NULL;
      g_autofree char *date = dossier_format_date (dossier_record_get_string (DOSSIER_RECORD (self->draft), "date"));
      g_autofree char *note = NULL;

      self->filling = TRUE;
      select_signature (self, dossier_record_get_string (DOSSIER_RECORD (self->draft), "signature"));
      self->filling = FALSE;
      if (g_str_has_prefix (letter, "Subject: "))
        {
          const char *eol = strchr (letter, '\n');

          subject = g_strndup (letter + strlen ("Subject: "), eol ? (gsize) (eol - letter) - strlen ("Subject: ") : strlen (letter));
          body = eol ? eol + 1 : "";
          while (*body == '\n')
            body++;
        }
      set_letter (self, subject ? subject : "", body);
      set_edited (self, TRUE);
      self->last_signature = current_signature (self);
      /* Translators: %s is a date */
      note = g_strdup_printf (_("Your draft of %s. Rebuild starts it over from the template."), date);
      gtk_label_set_text (self->draft_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->draft_label), TRUE);
    }
  else
    fill (self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->letter_view), "changed",
                           G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subject_row, "changed", G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->signature_row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (on_signer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pseudonym_row, "changed", G_CALLBACK (on_signer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::own-country", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
  {
    g_autofree char *closed = dossier_composer_closed_warning (DOSSIER_RECORD (ua));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->closed_row), closed ? closed : "");
    gtk_widget_set_visible (GTK_WIDGET (self->closed_row), closed != NULL);
  }

  /* the first thing to do: sign, when no name is kept yet; else the
   * letter is ready to go */
  {
    g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

    gtk_widget_grab_focus (*name ? GTK_WIDGET (self->log_button) : GTK_WIDGET (self->name_row));
  }
  return self;
}

/**
 * dossier_composer_log:
 *
 * Logs the letter as sent today, by the channel it last went out by
 * (a letter unless it was opened in the mail client), closes the
 * composer and lets the window offer Undo.
 */
gboolean
dossier_composer_log (DossierComposer  *self,
                      GError          **error)
{
  g_autoptr(DossierAction) before = NULL;
  g_autoptr(DossierAction) action = NULL;
  g_autofree char *letter = get_letter (self);
  g_autofree char *group = g_settings_get_string (self->settings, "volunteer-group");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *problem = signature_problem (self, NULL);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  DossierRecord *record;

  if (problem)
    {
      /* now it is said where the volunteer types it */
      self->signer_touched = TRUE;
      refresh_problem (self);
      g_set_error_literal (error, DOSSIER_ACTION_ERROR, DOSSIER_ACTION_ERROR_INVALID, problem);
      return FALSE;
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->draft)
    {
      before = dossier_store_fetch (self->store, DOSSIER_TYPE_ACTION,
                                    dossier_record_get_id (DOSSIER_RECORD (self->draft)), NULL);
      action = g_object_ref (self->draft);
    }
  else
    {
      action = dossier_action_new ();
      dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", dossier_record_get_id (self->ua));
      if (self->target)
        dossier_record_set_string (DOSSIER_RECORD (action), "target-id", dossier_record_get_id (self->target));
    }
  record = DOSSIER_RECORD (action);
  dossier_record_set_string (record, "state", "sent");
  dossier_record_set_string (record, "channel", self->channel);
  dossier_record_set_string (record, "date", today);
  dossier_record_set_string (record, "letter-text", letter);
  dossier_record_set_string (record, "signature", selected_signature (self));
  dossier_record_set_string (record, "volunteer", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  dossier_record_set_string (record, "volunteer-group", group);
  if (!dossier_store_log_action (self->store, action, error))
    {
      /* the draft in memory must not claim a state the store does not have */
      if (self->draft)
        dossier_record_set_string (DOSSIER_RECORD (self->draft), "state", "drafted");
      return FALSE;
    }
  self->logged = TRUE;
  if (DOSSIER_IS_WINDOW (parent))
    dossier_window_report_logged (DOSSIER_WINDOW (parent), action, before);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* The mailto: URI the mail client gets; NULL if the target has no email. */
char *
dossier_composer_get_mailto (DossierComposer *self)
{
  const char *email = self->target ? dossier_record_get_string (self->target, "email") : NULL;
  g_autofree char *body = NULL;

  if (email == NULL || *email == '\0')
    return NULL;
  body = get_body (self);
  return dossier_letter_mailto (email, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)), body);
}

/* Writes the letter as a PDF to @path; what "Save as PDF…" does once a
 * file is chosen. */
void
dossier_composer_save_pdf (DossierComposer *self,
                           const char      *path)
{
  print_letter (self, path);
}

GtkTextView *
dossier_composer_get_text_view (DossierComposer *self)
{
  return self->letter_view;
}
