/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-charge.h"
#include "dossier-letter.h"
#include "dossier-target.h"
#include "dossier-translations.h"
#include "dossier-test-utils.h"
#include "dossier-urgent-action.h"

/* Letter templates and merging, without a store or a display. */

typedef struct
{
  DossierRecord *ua;
  DossierRecord *target;
  GPtrArray     *cases;
  GPtrArray     *charges;
  DossierLetterFacts facts;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *other_names[] = { "Альнур Ильяшев", NULL };
  /* UA 065/20's ask, in two points for the list */
  const char *key_points[] = { "Release Alnur Ilyashev immediately and unconditionally.",
                               "He is a prisoner of conscience.", NULL };
  DossierRecord *kase = DOSSIER_RECORD (dossier_case_new ());
  DossierRecord *charge = DOSSIER_RECORD (dossier_charge_new ());

  f->ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  dossier_record_set_string (f->ua, "reference", "UA 065/20");
  dossier_record_set_string (f->ua, "ua-index", "EUR 57/2227/2020");
  dossier_record_set_string (f->ua, "title", "Activist jailed for criticism during pandemic");
  dossier_record_set_strv (f->ua, "key-points", key_points);

  dossier_record_set_string (kase, "name", "Alnur Ilyashev");
  dossier_record_set_strv (kase, "other-names", other_names);
  dossier_record_set_string (kase, "city", "Almaty");
  dossier_record_set_string (kase, "country", "KZ");
  f->cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (f->cases, kase);

  dossier_record_set_string (charge, "code", "Criminal Code of the Republic of Kazakhstan");
  dossier_record_set_string (charge, "article", "274");
  dossier_record_set_string (charge, "part", "4(2)");
  dossier_record_set_string (charge, "description", "Dissemination of knowingly false information");
  f->charges = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (f->charges, charge);

  f->target = DOSSIER_RECORD (dossier_target_new ());
  dossier_record_set_string (f->target, "name", "Генеральный прокурор Республики Казахстан");
  dossier_record_set_string (f->target, "organisation", "Генеральная прокуратура Республики Казахстан");
  dossier_record_set_string (f->target, "address", "ул. Примерная, 1\n010000 Астана");
  dossier_record_set_string (f->target, "country", "KZ");
  dossier_record_set_string (f->target, "salutation", "Уважаемый господин Генеральный прокурор!");
  dossier_record_set_string (f->target, "language", "ru");
  dossier_record_set_string (f->target, "email", "prokuror" "@" "example.kz");

  f->facts = (DossierLetterFacts) {
    .ua = f->ua, .target = f->target, .cases = f->cases, .charges = f->charges,
    .language = "ru", .date = "2026-11-22", .signature = "full-name",
    .volunteer_name = "Anna Maria Schmidt", .volunteer_group = "Gruppe Köln",
    .pseudonym = "A. Reader",
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->ua);
  g_object_unref (f->target);
  g_ptr_array_unref (f->cases);
  g_ptr_array_unref (f->charges);
}

static char *
merge_body (const char         *template_text,
            DossierLetterFacts *facts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  char *body = NULL;

  g_assert_true (dossier_letter_merge (template_text, facts, &subject, &body, &error));
  g_assert_no_error (error);
  return body;
}

static void
test_every_field (Fixture       *f,
                  gconstpointer  data)
{
  guint n_fields;
  const DossierMergeField *fields = dossier_letter_fields (&n_fields);
  /* what each field gives for the fixture, in a Russian letter */
  const struct { const char *field; const char *value; } expected[] = {
    { "date", "22 ноября 2026 г." },
    { "ua_reference", "UA 065/20" },
    { "ua_index", "EUR 57/2227/2020" },
    { "ua_title", "Activist jailed for criticism during pandemic" },
    { "case_name", "Альнур Ильяшев" },
    { "case_names", "Альнур Ильяшев" },
    /* the country as the letter's language names it */
    { "case_place", "Almaty, Казахстан" },
    /* the code as Russian lawyers name it; no English description in a Russian letter */
    { "charges", "– п. 2 ч. 4 ст. 274 УК РК" },
    { "charge_articles", "п. 2 ч. 4 ст. 274 УК РК" },
    { "key_points", "– Release Alnur Ilyashev immediately and unconditionally.\n– He is a prisoner of conscience." },
    { "target_name", "Генеральный прокурор Республики Казахстан" },
    { "target_address", "Генеральный прокурор Республики Казахстан\nГенеральная прокуратура Республики Казахстан\nул. Примерная, 1\n010000 Астана\nКазахстан" },
    { "salutation", "Уважаемый господин Генеральный прокурор!" },
    { "signature", "Anna Maria Schmidt" },
    { "volunteer_name", "Anna Maria Schmidt" },
    { "volunteer_group", "Gruppe Köln" },
  };

  g_assert_cmpuint (n_fields, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *text = g_strdup_printf ("[{{%s}}]", fields[i].name);
      g_autofree char *want = g_strdup_printf ("[%s]\n", expected[i].value);
      g_autofree char *body = NULL;

      g_assert_cmpstr (fields[i].name, ==, expected[i].field);
      g_assert_nonnull (fields[i].description);
      body = merge_body (text, &f->facts);
      g_assert_cmpstr (body, ==, want);
    }
}

static void
test_subject_and_sections (Fixture       *f,
                           gconstpointer  data)
{
  const char *text = "Subject: {{case_names}} – {{ua_reference}}\n"
                     "\n"
                     "A{{#charge_articles}} under {{charge_articles}}{{/charge_articles}}.\n"
                     "{{#key_points}}\nAsks:\n{{key_points}}\n{{/key_points}}\n"
                     "End\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  f->facts.language = "en";
  g_assert_true (dossier_letter_merge (text, &f->facts, &subject, &body, &error));
  g_assert_cmpstr (subject, ==, "Alnur Ilyashev – UA 065/20");
  g_assert_nonnull (strstr (body, "A under paragraph 2 of part 4 of Article 274 of the Criminal Code of the Republic of Kazakhstan.\n"));
  g_assert_nonnull (strstr (body, "Asks:\n– Release"));
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  /* no charges, no key points: the parts that need them go, and the
   * blank lines they leave do not pile up */
  g_ptr_array_set_size (f->charges, 0);
  dossier_record_set_strv (f->ua, "key-points", NULL);
  g_assert_true (dossier_letter_merge (text, &f->facts, &subject, &body, &error));
  g_assert_cmpstr (body, ==, "A.\n\nEnd\n");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  /* lines left with only blanks, tabs or a CR count as empty: a template
   * written on Windows collapses the same way */
  g_assert_true (dossier_letter_merge ("A\r\n  {{charges}}\t\r\n\r\n\r\n\r\nB  \r\n", &f->facts,
                                       &subject, &body, &error));
  g_assert_cmpstr (body, ==, "A\n\nB\n");
}

static void
test_missing_data (Fixture       *f,
                   gconstpointer  data)
{
  const struct { const char *language; const char *salutation; } fallbacks[] = {
    { "en", "Dear Sir or Madam," },
    { "de", "Sehr geehrte Damen und Herren," },
    { "ru", "Уважаемые дамы и господа!" },
    { "kk", "Құрметті ханымдар мен мырзалар!" },
  };

  /* a target without a salutation never gets "Dear ," */
  dossier_record_set_string (f->target, "salutation", "");
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *want = g_strdup_printf ("%s\n", fallbacks[i].salutation);

      f->facts.language = fallbacks[i].language;
      body = merge_body ("{{salutation}}", &f->facts);
      g_assert_cmpstr (body, ==, want);
    }

  /* a salutation in another language is not put into this one */
  {
    g_autofree char *body = NULL;

    dossier_record_set_string (f->target, "salutation", "Dear Prosecutor General");
    dossier_record_set_string (f->target, "language", "");
    f->facts.language = "ru";
    body = merge_body ("{{salutation}}", &f->facts);
    g_assert_cmpstr (body, ==, "Уважаемые дамы и господа!\n");
    g_free (body);
    f->facts.language = "en";
    body = merge_body ("{{salutation}}", &f->facts);
    g_assert_cmpstr (body, ==, "Dear Prosecutor General,\n");
  }

  /* no target at all, no case at all */
  {
    g_autofree char *body = NULL;

    f->facts.target = NULL;
    g_ptr_array_set_size (f->cases, 0);
    f->facts.language = "de";
    body = merge_body ("{{target_address}}|{{salutation}}|{{case_names}}|{{target_name}}", &f->facts);
    g_assert_cmpstr (body, ==, "|Sehr geehrte Damen und Herren,||\n");
  }
}

static void
test_unknown_field (Fixture       *f,
                    gconstpointer  data)
{
  const struct { const char *text; int code; const char *named; } bad[] = {
    { "Dear {{prisoner_name}},", DOSSIER_LETTER_ERROR_UNKNOWN_FIELD, "{{prisoner_name}}" },
    { "line one\n{{#nonsense}}x{{/nonsense}}", DOSSIER_LETTER_ERROR_UNKNOWN_FIELD, "line 2" },
    { "Hello {{case_name", DOSSIER_LETTER_ERROR_SYNTAX, "line 1" },
    { "{{case_name\n}}", DOSSIER_LETTER_ERROR_SYNTAX, "{{" },
    { "{{#charges}} no end", DOSSIER_LETTER_ERROR_SYNTAX, "{{/charges}}" },
    { "{{/charges}}", DOSSIER_LETTER_ERROR_SYNTAX, "{{/charges}}" },
    { "{{#charges}}{{#key_points}}{{/key_points}}{{/charges}}", DOSSIER_LETTER_ERROR_SYNTAX, "{{#key_points}}" },
    /* the subject line is a template of its own */
    { "Subject: {{#charges}}x\nbody{{/charges}}", DOSSIER_LETTER_ERROR_SYNTAX, "never closed" },
    { "Subject: x\nline two\n{{bogus}}", DOSSIER_LETTER_ERROR_UNKNOWN_FIELD, "line 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;

      g_assert_false (dossier_letter_check_template (bad[i].text, &error));
      g_assert_error (error, DOSSIER_LETTER_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].named));
      g_clear_error (&error);
      g_assert_false (dossier_letter_merge (bad[i].text, &f->facts, &subject, &body, &error));
      g_assert_error (error, DOSSIER_LETTER_ERROR, bad[i].code);
      g_assert_null (body);
    }
}

static void
test_shipped_templates (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(GStrv) languages = dossier_letter_languages ();
  const struct { const char *language; const char *closing; const char *name; } expected[] = {
    { "en", "Yours sincerely,", "Alnur Ilyashev" },
    { "de", "Mit freundlichen Grüßen", "Alnur Ilyashev" },
    { "ru", "С уважением,", "Альнур Ильяшев" },
    { "kk", "Құрметпен,", "Альнур Ильяшев" },
  };

  /* every shipped file loads (a broken one is a warning, fatal here) */
  g_assert_cmpuint (g_strv_length ((char **) languages), >=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = dossier_letter_shipped_template (expected[i].language);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      g_autofree char *date = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *want_subject = NULL;

      g_assert_true (g_strv_contains ((const char * const *) languages, expected[i].language));
      g_assert_nonnull (text);
      f->facts.language = expected[i].language;
      g_assert_true (dossier_letter_merge (text, &f->facts, &subject, &body, &error));
      g_assert_no_error (error);
      want_subject = g_strconcat (expected[i].name, " – UA 065/20", NULL);
      g_assert_cmpstr (subject, ==, want_subject);
      g_assert_nonnull (strstr (body, expected[i].name));
      g_assert_nonnull (strstr (body, expected[i].closing));
      date = dossier_letter_format_date ("2026-11-22", expected[i].language);
      g_assert_nonnull (strstr (body, date));
      g_assert_true (g_str_has_suffix (body, "Anna Maria Schmidt\n"));
      /* nothing is left unmerged */
      g_assert_null (strstr (body, "{{"));
      g_assert_null (strstr (body, "}}"));
      g_assert_null (strstr (body, "\n\n\n"));
    }
  g_assert_null (dossier_letter_shipped_template ("fr"));
}

static void
test_user_templates (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *templates = g_build_filename (dir, "templates", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *shipped = dossier_letter_shipped_template ("de");
  g_autofree char *text = NULL;
  gboolean customised = TRUE;

  text = dossier_letter_load_template (templates, "de", &customised, &error);
  g_assert_no_error (error);
  g_assert_false (customised);
  g_assert_cmpstr (text, ==, shipped);
  g_clear_pointer (&text, g_free);

  g_assert_true (dossier_letter_save_template (templates, "de", "Hallo {{case_name}}\n", &error));
  g_assert_no_error (error);
  text = dossier_letter_load_template (templates, "de", &customised, &error);
  g_assert_true (customised);
  g_assert_cmpstr (text, ==, "Hallo {{case_name}}\n");
  g_clear_pointer (&text, g_free);

  /* a bad template is refused and the good one stays */
  g_assert_false (dossier_letter_save_template (templates, "de", "Hallo {{name}}", &error));
  g_assert_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "{{name}}"));
  g_clear_error (&error);
  text = dossier_letter_load_template (templates, "de", NULL, &error);
  g_assert_cmpstr (text, ==, "Hallo {{case_name}}\n");
  g_clear_pointer (&text, g_free);

  g_assert_false (dossier_letter_save_template (templates, "fr", "x", &error));
  g_assert_error (error, DOSSIER_LETTER_ERROR, DOSSIER_LETTER_ERROR_LANGUAGE);
  g_clear_error (&error);

  g_assert_true (dossier_letter_reset_template (templates, "de", &error));
  text = dossier_letter_load_template (templates, "de", &customised, &error);
  g_assert_false (customised);
  g_assert_cmpstr (text, ==, shipped);
  dossier_test_remove_dir (dir);
}

static void
test_signature_modes (Fixture       *f,
                      gconstpointer  data)
{
  const struct { const char *mode; const char *language; const char *signature; } cases[] = {
    { "full-name", "en", "Anna Maria Schmidt" },
    { "initials", "en", "A. M. S." },
    { "pseudonym", "en", "A. Reader" },
    { "group", "en", "On behalf of Gruppe Köln" },
    { "group", "de", "Im Namen der Gruppe „Gruppe Köln“" },
    { "group", "ru", "От имени группы «Gruppe Köln»" },
    { "group", "kk", "«Gruppe Köln» тобының атынан" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *signature = NULL;

      f->facts.signature = cases[i].mode;
      f->facts.language = cases[i].language;
      signature = dossier_letter_signature (&f->facts);
      g_assert_cmpstr (signature, ==, cases[i].signature);
    }
  {
    g_autofree char *initials = dossier_letter_initials ("  жанна-мария  ахметова ");

    g_assert_cmpstr (initials, ==, "Ж. М. А.");
  }
}

static void
test_dates (void)
{
  const struct { const char *language; const char *date; } cases[] = {
    { "en", "8 June 2020" },
    { "de", "8. Juni 2020" },
    { "ru", "8 июня 2020 г." },
    { "kk", "2020 жылғы 8 маусым" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = dossier_letter_format_date ("2020-06-08", cases[i].language);

      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_mailto (void)
{
  g_autofree char *uri = dossier_letter_mailto ("prokuror" "@" "example.kz", "Альнур Ильяшев – UA 065/20",
                                                "Уважаемый прокурор!\nС уважением,\nA&B=?#%");
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;

  g_assert_true (g_str_has_prefix (uri, "mailto:prokuror" "@" "example.kz?subject="));
  /* every byte of the Cyrillic text is percent-encoded UTF-8 */
  g_assert_nonnull (strstr (uri, "subject=%D0%90%D0%BB%D1%8C%D0%BD%D1%83%D1%80%20"));
  for (const char *p = uri; *p; p++)
    g_assert_true (g_ascii_isprint (*p) && *p != ' ');
  /* line breaks are CRLF; the characters that would end a field are escaped */
  g_assert_nonnull (strstr (uri, "%21%0D%0A%D0%A1"));
  g_assert_nonnull (strstr (uri, "A%26B%3D%3F%23%25"));

  /* and it decodes back to the same text */
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_assert_nonnull (parsed);
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "subject"), ==, "Альнур Ильяшев – UA 065/20");
  g_assert_cmpstr (g_hash_table_lookup (params, "body"), ==, "Уважаемый прокурор!\r\nС уважением,\r\nA&B=?#%");

  {
    g_autofree char *bare = dossier_letter_mailto ("a" "@" "example.org", "", "Hi");

    g_assert_cmpstr (bare, ==, "mailto:a" "@" "example.org?body=Hi");
  }
}

/* ---- the sample campaign's UA 065/20 ---- */

typedef struct
{
  char          *dir;
  DossierStore  *store;
  DossierRecord *ua;
  DossierRecord *target;
  GPtrArray     *cases;
  GPtrArray     *charges;
} Sample;

/* The facts of UA 065/20 as the composer gathers them from the store the
 * sample campaign is imported into. */
static void
sample_load (Sample *s)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autoptr(GError) error = NULL;
  const char * const *case_ids;
  const char * const *target_ids;

  s->dir = dossier_test_make_dir ();
  s->store = dossier_test_open_store (s->dir);
  g_assert_true (dossier_campaign_import_file (s->store, path, NULL, &error));
  g_assert_no_error (error);
  s->ua = dossier_store_fetch (s->store, DOSSIER_TYPE_URGENT_ACTION, "ua-065-20", &error);
  g_assert_no_error (error);
  s->cases = g_ptr_array_new_with_free_func (g_object_unref);
  s->charges = g_ptr_array_new_with_free_func (g_object_unref);
  case_ids = dossier_record_get_strv (s->ua, "case-ids");
  for (guint i = 0; case_ids && case_ids[i]; i++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CHARGE);
      g_autoptr(GPtrArray) charges = NULL;

      g_ptr_array_add (s->cases, dossier_store_fetch (s->store, DOSSIER_TYPE_CASE, case_ids[i], &error));
      g_assert_no_error (error);
      dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, case_ids[i]);
      dossier_query_sort (query, "position", FALSE);
      charges = dossier_store_query (s->store, query, 0, 100, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < charges->len; j++)
        g_ptr_array_add (s->charges, g_object_ref (g_ptr_array_index (charges, j)));
    }
  target_ids = dossier_record_get_strv (s->ua, "target-ids");
  g_assert_nonnull (target_ids);
  s->target = dossier_store_fetch (s->store, DOSSIER_TYPE_TARGET, target_ids[0], &error);
  g_assert_no_error (error);
}

static void
sample_clear (Sample *s)
{
  g_clear_object (&s->ua);
  g_clear_object (&s->target);
  g_clear_pointer (&s->cases, g_ptr_array_unref);
  g_clear_pointer (&s->charges, g_ptr_array_unref);
  g_clear_object (&s->store);
  dossier_test_remove_dir (s->dir);
  g_clear_pointer (&s->dir, g_free);
}

/* Every letter says what the UA asks, in every language the templates
 * are shipped in: the UA's one ask, in the letter's language as the
 * campaign file translates it, and no asks of the template's own. These are what the templates used to ask for, which
 * UA 065/20 never did (a lawyer, family, medical care, lifting
 * restrictions). */
static void
test_sample_asks (void)
{
  Sample s = { NULL, };
  const char * const *key_points;
  const char *removed[] = {
    "Rechtsbeistand", "Strafverfahren, das allein", "Freiheitsbeschränkungen", "medizinischen Versorgung",
    "адвокат", "прекратить уголовное преследование", "ограничения свободы", "медицинской помощи",
    "адвокатпен", "қудалауды", "бостандықты шектеу", "медициналық көмек",
    "lawyer", "medical",
  };
  const struct { const char *language; const char *intro; } letters[] = {
    { "en", "I respectfully urge you to:\n" },
    { "de", "Ich bitte Sie eindringlich um Folgendes:\n" },
    { "ru", "Убедительно прошу Вас:\n" },
    { "kk", "Сізден төмендегілерді сұраймын:\n" },
  };

  sample_load (&s);
  key_points = dossier_record_get_strv (s.ua, "key-points");
  g_assert_nonnull (key_points);
  /* the UA asks one thing: his release */
  g_assert_cmpuint (g_strv_length ((char **) key_points), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    {
      g_autofree char *text = dossier_letter_shipped_template (letters[i].language);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      g_autofree char *asks = NULL;
      g_autofree char *from = NULL;
      g_auto(GStrv) translated = NULL;
      g_autoptr(GError) error = NULL;
      DossierLetterFacts facts = {
        .ua = s.ua, .target = s.target, .cases = s.cases, .charges = s.charges,
        .language = letters[i].language, .date = "2020-05-01", .signature = "full-name",
        .volunteer_name = "Anna Maria Schmidt",
      };

      g_assert_true (dossier_letter_merge (text, &facts, &subject, &body, &error));
      g_assert_no_error (error);
      g_test_message ("%s:\n%s", letters[i].language, body);
      /* the introduction, then the point on a line of its own, verbatim:
       * the sample translates it into each of these languages */
      g_assert_nonnull (strstr (body, letters[i].intro));
      translated = dossier_record_get_strv_in (s.ua, "key-points", letters[i].language, TRUE, NULL, &from);
      g_assert_nonnull (translated);
      g_assert_cmpuint (g_strv_length (translated), ==, g_strv_length ((char **) key_points));
      g_assert_cmpstr (from, ==, g_str_equal (letters[i].language, "en") ? "" : "en");
      asks = g_strconcat (letters[i].intro, "– ", translated[0], "\n", NULL);
      if (strstr (body, asks) == NULL)
        g_error ("the %s letter does not ask “%s”", letters[i].language, translated[0]);
      for (guint j = 0; j < G_N_ELEMENTS (removed); j++)
        if (strstr (body, removed[j]) != NULL)
          g_error ("the %s letter asks for what the UA does not: “%s”", letters[i].language, removed[j]);
    }
  sample_clear (&s);
}

/* Whether a letter can quote the asks as they are, or must say they are
 * in another language. */
static void
test_asks_language (Fixture       *f,
                    gconstpointer  data)
{
  Sample s = { NULL, };
  /* the sample's asks are English, translated by the file's author into
   * German, Russian and Kazakh; French it does not have */
  const struct { const char *letter; gboolean same; const char *asks; const char *from; } sample[] = {
    { "en", TRUE, "en", "" }, { "de", TRUE, "de", "en" }, { "ru", TRUE, "ru", "en" }, { "kk", TRUE, "kk", "en" },
    { "fr", FALSE, "en", "" },
  };

  sample_load (&s);
  g_assert_cmpstr (dossier_record_get_string (s.ua, "language"), ==, "en");
  for (guint i = 0; i < G_N_ELEMENTS (sample); i++)
    {
      DossierLetterFacts facts = { .ua = s.ua, .cases = s.cases, .charges = s.charges, .language = sample[i].letter };
      g_autofree char *asks_language = NULL;
      g_autofree char *from = NULL;

      g_assert_true (dossier_letter_has_asks (&facts));
      g_assert_cmpint (dossier_letter_asks_in_language (&facts, &asks_language, &from), ==, sample[i].same);
      g_assert_cmpstr (asks_language, ==, sample[i].asks);
      g_assert_cmpstr (from, ==, sample[i].from);
    }
  sample_clear (&s);

  /* a UA written in Russian, in a Russian letter and others */
  {
    const struct { const char *ua; const char *letter; gboolean same; const char *asks; } cases[] = {
      { "ru", "ru", TRUE, "ru" },
      { "ru", "en", FALSE, "ru" },
      { "ru-RU", "ru", TRUE, "ru" },
      { "kk", "ru", FALSE, "kk" },
      { "de-AT", "de", TRUE, "de" },
      /* no language: English, as every UA before there were languages */
      { "", "en", TRUE, "en" },
      { "", "ru", FALSE, "en" },
      { NULL, "en", TRUE, "en" },
      { NULL, "de", FALSE, "en" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *asks_language = NULL;

        dossier_record_set_string (f->ua, "language", cases[i].ua);
        f->facts.language = cases[i].letter;
        g_assert_cmpint (dossier_letter_asks_in_language (&f->facts, &asks_language, NULL), ==, cases[i].same);
        g_assert_cmpstr (asks_language, ==, cases[i].asks);
        /* the language is optional */
        g_assert_cmpint (dossier_letter_asks_in_language (&f->facts, NULL, NULL), ==, cases[i].same);
      }
  }

  /* no asks at all: nothing to translate, but nothing asked either */
  dossier_record_set_string (f->ua, "language", "en");
  dossier_record_set_strv (f->ua, "key-points", NULL);
  f->facts.language = "ru";
  g_assert_false (dossier_letter_has_asks (&f->facts));
  g_assert_true (dossier_letter_asks_in_language (&f->facts, NULL, NULL));
  {
    const char *blank[] = { "  ", "", NULL };

    dossier_record_set_strv (f->ua, "key-points", blank);
    g_assert_false (dossier_letter_has_asks (&f->facts));
  }
}

/* A charge cited as lawyers of each language cite it, with the code named
 * as that language names it. */
static void
test_citations (Fixture       *f,
                gconstpointer  data)
{
  const struct { const char *language; const char *part; const char *expected; } cases[] = {
    { "en", "4(2)", "paragraph 2 of part 4 of Article 274 of the Criminal Code of the Republic of Kazakhstan" },
    { "de", "4(2)", "Artikel 274 Teil 4 Nr. 2 des Strafgesetzbuchs der Republik Kasachstan" },
    { "ru", "4(2)", "п. 2 ч. 4 ст. 274 УК РК" },
    { "kk", "4(2)", "ҚР Қылмыстық кодексінің 274-бабы 4-бөлігінің 2) тармағы" },
    { "en", "4", "part 4 of Article 274 of the Criminal Code of the Republic of Kazakhstan" },
    { "ru", "4", "ч. 4 ст. 274 УК РК" },
    { "kk", "4", "ҚР Қылмыстық кодексінің 274-бабының 4-бөлігі" },
    { "de", "", "Artikel 274 des Strafgesetzbuchs der Republik Kasachstan" },
    { "kk", "", "ҚР Қылмыстық кодексінің 274-бабы" },
  };
  DossierRecord *charge = g_ptr_array_index (f->charges, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *want = g_strdup_printf ("%s\n", cases[i].expected);

      dossier_record_set_string (charge, "part", cases[i].part);
      f->facts.language = cases[i].language;
      body = merge_body ("{{charge_articles}}", &f->facts);
      g_assert_cmpstr (body, ==, want);
    }

  /* the envelope's country as the letter's language names it: by the
   * language file's own line, or else by iso-codes (Mongolia has no line);
   * whatever the window's language; a value kept as it was typed as it is */
  dossier_record_set_string (f->target, "address", "ул. Примерная, 1\n010000 Астана");
  {
    const struct { const char *country; const char *language; const char *last_line; } envelopes[] = {
      { "KZ", "en", "Kazakhstan" },
      { "KZ", "de", "Kasachstan" },
      { "KZ", "ru", "Казахстан" },
      { "KZ", "kk", "Қазақстан" },
      { "RU", "ru", "Россия" },
      { "MN", "de", "Mongolei" },
      { "MN", "kk", "Монғолия" },
      { "MN", "en", "Mongolia" },
      { "Kazakstan", "de", "Kazakstan" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (envelopes); i++)
      {
        g_autofree char *body = NULL;
        g_autofree char *want = g_strdup_printf ("\n%s\n", envelopes[i].last_line);

        dossier_record_set_string (f->target, "country", envelopes[i].country);
        f->facts.language = envelopes[i].language;
        body = merge_body ("{{target_address}}", &f->facts);
        if (!g_str_has_suffix (body, want))
          g_error ("%s in %s: “%s” does not end with “%s”", envelopes[i].country, envelopes[i].language,
                   body, envelopes[i].last_line);
      }
    dossier_record_set_string (f->target, "country", "KZ");
  }

  /* a code no letter language knows: named in English only, left out
   * elsewhere rather than cited in a language the letter is not in... */
  dossier_record_set_string (charge, "code", "Code of Administrative Offences");
  dossier_record_set_string (charge, "part", "1");
  f->facts.language = "ru";
  {
    g_autofree char *body = merge_body ("{{charge_articles}}", &f->facts);

    g_assert_cmpstr (body, ==, "ч. 1 ст. 274\n");
  }
  /* ...unless the charge carries its name in that language */
  dossier_record_set_string (charge, "translations", "{\"ru\":{\"code\":\"КоАП РК\"}}");
  {
    g_autofree char *body = merge_body ("{{charge_articles}}", &f->facts);

    g_assert_cmpstr (body, ==, "ч. 1 ст. 274 КоАП РК\n");
  }
}

/* The salutation in the letter's language: the target's translation, its
 * own when it is in that language, else the general one, said to be so. */
static void
test_salutations (Fixture       *f,
                  gconstpointer  data)
{
  const struct { const char *language; const char *expected; gboolean generic; } cases[] = {
    { "en", "Dear Prosecutor General,", FALSE },
    { "de", "Sehr geehrter Herr Generalstaatsanwalt,", FALSE },
    { "ru", "Уважаемый господин Генеральный прокурор!", FALSE },
    { "kk", "Құрметті Бас прокурор мырза!", FALSE },
  };

  dossier_record_set_string (f->target, "language", NULL);
  dossier_record_set_string (f->target, "salutation", "Dear Prosecutor General");
  dossier_record_set_string (f->target, "translations",
                             "{\"de\":{\"salutation\":\"Sehr geehrter Herr Generalstaatsanwalt\",\"translated_from\":\"en\"},"
                             "\"kk\":{\"salutation\":\"Құрметті Бас прокурор мырза\"},"
                             "\"ru\":{\"salutation\":\"Уважаемый господин Генеральный прокурор!\"}}");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *want = g_strdup_printf ("%s\n", cases[i].expected);

      f->facts.language = cases[i].language;
      body = merge_body ("{{salutation}}", &f->facts);
      g_assert_cmpstr (body, ==, want);
      g_assert_cmpint (dossier_letter_salutation_is_generic (&f->facts), ==, cases[i].generic);
    }

  /* none in Kazakh: the general one, and the composer is told */
  dossier_record_set_string (f->target, "translations", NULL);
  f->facts.language = "kk";
  {
    g_autofree char *body = merge_body ("{{salutation}}", &f->facts);

    g_assert_cmpstr (body, ==, "Құрметті ханымдар мен мырзалар!\n");
    g_assert_true (dossier_letter_salutation_is_generic (&f->facts));
  }
  /* a Russian salutation is not used in a Kazakh letter, Cyrillic as it is */
  dossier_record_set_string (f->target, "salutation", "Уважаемый господин Генеральный прокурор!");
  {
    g_autofree char *body = merge_body ("{{salutation}}", &f->facts);

    g_assert_cmpstr (body, ==, "Құрметті ханымдар мен мырзалар!\n");
  }
}

/* Names: the spelling of the letter's language when known, else one in
 * its script, else the name as the campaign writes it. */
static void
test_names_per_language (Fixture       *f,
                         gconstpointer  data)
{
  DossierRecord *kase = g_ptr_array_index (f->cases, 0);

  dossier_record_set_strv (kase, "other-names", NULL);
  dossier_record_set_string (kase, "translations", "{\"ru\":{\"name\":\"Альнур Ильяшев\"}}");
  f->facts.language = "kk";
  {
    /* no Kazakh spelling known: the Russian one, in the letter's script */
    g_autofree char *body = merge_body ("{{case_name}}", &f->facts);

    g_assert_cmpstr (body, ==, "Альнур Ильяшев\n");
  }
  dossier_record_set_string (kase, "translations",
                             "{\"kk\":{\"name\":\"Әлнұр Ілияшев\",\"translated_from\":\"ru\"},"
                             "\"ru\":{\"name\":\"Альнур Ильяшев\"}}");
  {
    g_autofree char *kk = merge_body ("{{case_name}}", &f->facts);
    g_autofree char *ru = NULL;
    g_autofree char *de = NULL;

    g_assert_cmpstr (kk, ==, "Әлнұр Ілияшев\n");
    f->facts.language = "ru";
    ru = merge_body ("{{case_name}}", &f->facts);
    g_assert_cmpstr (ru, ==, "Альнур Ильяшев\n");
    f->facts.language = "de";
    de = merge_body ("{{case_name}}", &f->facts);
    g_assert_cmpstr (de, ==, "Alnur Ilyashev\n");
  }
}

/* The asks in the letter's language: a translation when the UA has one,
 * said to be one; the UA's own, warned about, when it has none. */
static void
test_asks_translated (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *asks_language = NULL;
  g_autofree char *translated_from = NULL;
  g_auto(GStrv) languages = NULL;

  dossier_record_set_string (f->ua, "translations",
                             "{\"ru\":{\"key_points\":[\"Немедленно и безоговорочно освободить Альнура Ильяшева.\"],"
                             "\"translated_from\":\"en\"}}");
  f->facts.language = "ru";
  {
    g_autofree char *body = merge_body ("{{key_points}}", &f->facts);

    g_assert_cmpstr (body, ==, "– Немедленно и безоговорочно освободить Альнура Ильяшева.\n");
  }
  g_assert_true (dossier_letter_asks_in_language (&f->facts, &asks_language, &translated_from));
  g_assert_cmpstr (asks_language, ==, "ru");
  g_assert_cmpstr (translated_from, ==, "en");
  g_clear_pointer (&asks_language, g_free);
  g_clear_pointer (&translated_from, g_free);

  f->facts.language = "de";
  g_assert_false (dossier_letter_asks_in_language (&f->facts, &asks_language, &translated_from));
  g_assert_cmpstr (asks_language, ==, "en");
  {
    /* quoted as the UA gives them, never invented */
    g_autofree char *body = merge_body ("{{key_points}}", &f->facts);

    g_assert_nonnull (strstr (body, "Release Alnur Ilyashev immediately and unconditionally."));
  }
  /* the volunteer may choose the Russian ones instead */
  f->facts.asks_language = "ru";
  {
    g_autofree char *body = merge_body ("{{key_points}}", &f->facts);

    g_assert_cmpstr (body, ==, "– Немедленно и безоговорочно освободить Альнура Ильяшева.\n");
  }
  languages = dossier_letter_asks_languages (f->ua);
  g_assert_cmpuint (g_strv_length (languages), ==, 2);
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (languages[1], ==, "ru");
}

/* A letter language is a data file: one in the user's data folder is
 * offered and used; a broken one is refused with a message saying why. */
static void
test_language_files (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "dossier", "letters", NULL);
  g_autofree char *en = dossier_letter_shipped_template ("en");
  g_autofree char *uk_path = g_build_filename (dir, "uk.letter", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "xx.letter", NULL);
  g_autoptr(GString) uk = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;

  g_string_append (uk,
    "Language: uk\nName: Українська\nScript: Cyrillic\n"
    "Months: січня, лютого, березня, квітня, травня, червня, липня, серпня, вересня, жовтня, листопада, грудня\n"
    "Date: {day} {month} {year} р.\nAnd: і\nSalutation: Шановні пані та панове!\nSalutation-End: !\n"
    "Group: Від імені групи «{group}»\nArticle: ст. {article}\nArticle-Part: ч. {part} ст. {article}\n"
    "Article-Part-Paragraph: п. {paragraph} ч. {part} ст. {article}\nCode-Article: ст. {article} {code}\n"
    "Code-Article-Part: ч. {part} ст. {article} {code}\n"
    "Code-Article-Part-Paragraph: п. {paragraph} ч. {part} ст. {article} {code}\n"
    "Code: Criminal Code of the Republic of Kazakhstan = КК РК\n"
    /* keyed by an English name, as files before codes were */
    "Country: Kazakhstan = Республіка Казахстан\n"
    "---\n{{date}}\n{{charge_articles}}\n{{case_place}}\n");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (uk_path, uk->str, -1, &error));
  g_assert_true (g_file_set_contents (broken_path, "Language: xx\nName: Broken\n---\n", -1, &error));

  g_test_expect_message ("dossier-core", G_LOG_LEVEL_WARNING, "*xx.letter*has no “Script”*");
  dossier_letter_reload_languages ();
  g_test_assert_expected_messages ();
  g_unlink (broken_path);

  languages = dossier_letter_languages ();
  g_assert_true (g_strv_contains ((const char * const *) languages, "uk"));
  g_assert_false (g_strv_contains ((const char * const *) languages, "xx"));
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (dossier_letter_language_name ("uk"), ==, "Українська");
  f->facts.language = "uk";
  f->facts.date = "2020-04-17";
  {
    g_autofree char *text = dossier_letter_shipped_template ("uk");
    g_autofree char *subject = NULL;
    g_autofree char *body = NULL;

    g_assert_true (dossier_letter_merge (text, &f->facts, &subject, &body, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (body, ==, "17 квітня 2020 р.\nп. 2 ч. 4 ст. 274 КК РК\nAlmaty, Республіка Казахстан\n");
  }
  /* a shipped language is not replaced by a stale copy elsewhere */
  {
    g_autofree char *en_path = g_build_filename (dir, "en.letter", NULL);
    g_autofree char *stale = g_strdup (uk->str);
    g_autofree char *text = NULL;

    stale[10] = 'e', stale[11] = 'n';  /* "Language: en" */
    g_assert_true (g_str_has_prefix (stale, "Language: en\n"));
    g_assert_true (g_file_set_contents (en_path, stale, -1, &error));
    dossier_letter_reload_languages ();
    text = dossier_letter_shipped_template ("en");
    g_assert_cmpstr (text, ==, en);
    g_unlink (en_path);
  }
  g_unlink (uk_path);
  dossier_letter_reload_languages ();
}

/* Translations as the forms and the importer write them: the same texts
 * give the same bytes whatever the order they were set in; languages come
 * back sorted; a language left without texts goes. */
static void
test_translations_edit (void)
{
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  g_auto(GStrv) languages = NULL;
  char *next;

  a = dossier_translations_with_text (NULL, "ru", "name", "Альнур Ильяшев");
  next = dossier_translations_with_text (a, "kk", "summary", "Белсенді");
  g_free (a), a = next;
  next = dossier_translations_with_text (a, "de", "name", "Alnur Iljaschew");
  g_free (a), a = next;

  b = dossier_translations_with_text (NULL, "de", "name", "Alnur Iljaschew");
  next = dossier_translations_with_text (b, "kk", "summary", "Белсенді");
  g_free (b), b = next;
  next = dossier_translations_with_text (b, "ru", "name", "Альнур Ильяшев");
  g_free (b), b = next;
  g_assert_cmpstr (a, ==, b);

  dossier_record_set_string (kase, "translations", a);
  languages = dossier_translations_languages (kase);
  g_assert_cmpstrv (languages, ((const char * const []) { "de", "kk", "ru", NULL }));

  /* a translated_from alone is no text: the language goes */
  c = dossier_translations_with_text (a, "kk", "summary", "  ");
  next = dossier_translations_with_text (c, "kk", "translated_from", "ru");
  g_free (c), c = next;
  g_assert_null (strstr (c, "\"kk\""));
  d = dossier_translations_without (c, "de");
  next = dossier_translations_without (d, "ru");
  g_free (d), d = next;
  g_assert_null (d);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/letter/every-field", Fixture, NULL, fixture_set_up, test_every_field, fixture_tear_down);
  g_test_add ("/letter/subject-and-sections", Fixture, NULL, fixture_set_up, test_subject_and_sections, fixture_tear_down);
  g_test_add ("/letter/missing-data", Fixture, NULL, fixture_set_up, test_missing_data, fixture_tear_down);
  g_test_add ("/letter/unknown-field", Fixture, NULL, fixture_set_up, test_unknown_field, fixture_tear_down);
  g_test_add ("/letter/shipped-templates", Fixture, NULL, fixture_set_up, test_shipped_templates, fixture_tear_down);
  g_test_add ("/letter/user-templates", Fixture, NULL, fixture_set_up, test_user_templates, fixture_tear_down);
  g_test_add ("/letter/signature-modes", Fixture, NULL, fixture_set_up, test_signature_modes, fixture_tear_down);
  g_test_add_func ("/letter/sample-asks", test_sample_asks);
  g_test_add ("/letter/asks-language", Fixture, NULL, fixture_set_up, test_asks_language, fixture_tear_down);
  g_test_add_func ("/letter/dates", test_dates);
  g_test_add_func ("/letter/translations-edit", test_translations_edit);
  g_test_add ("/letter/citations", Fixture, NULL, fixture_set_up, test_citations, fixture_tear_down);
  g_test_add ("/letter/salutations", Fixture, NULL, fixture_set_up, test_salutations, fixture_tear_down);
  g_test_add ("/letter/names-per-language", Fixture, NULL, fixture_set_up, test_names_per_language, fixture_tear_down);
  g_test_add ("/letter/asks-translated", Fixture, NULL, fixture_set_up, test_asks_translated, fixture_tear_down);
  g_test_add ("/letter/language-files", Fixture, NULL, fixture_set_up, test_language_files, fixture_tear_down);
  g_test_add_func ("/letter/mailto", test_mailto);
  return g_test_run ();
}
