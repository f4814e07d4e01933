/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "dossier-action.h"
#include "dossier-case.h"
#include "dossier-enums.h"
#include "dossier-urgent-action.h"

/* Records as GObjects, without a store. */

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_fields_are_properties (void)
{
  g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
  g_autofree char *name = NULL;
  g_auto(GStrv) names = NULL;
  const char *other[] = { "Альнур Ильяшев", NULL };
  gboolean poc = FALSE;

  g_object_set (kase, "name", "Alnur Ilyashev", "other-names", other, "prisoner-of-conscience", TRUE, NULL);
  g_object_get (kase, "name", &name, "other-names", &names, "prisoner-of-conscience", &poc, NULL);
  g_assert_cmpstr (name, ==, "Alnur Ilyashev");
  g_assert_cmpstr (names[0], ==, "Альнур Ильяшев");
  g_assert_true (poc);
  g_assert_cmpstr (dossier_record_get_string (kase, "name"), ==, "Alnur Ilyashev");
  /* both spellings of a field name work */
  g_assert_true (dossier_record_get_boolean (kase, "prisoner_of_conscience"));
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
  guint count = 0;
  const char *tags[] = { "a", "b", NULL };
  const char *same_tags[] = { "a", "b", NULL };

  g_signal_connect (action, "notify::channel", G_CALLBACK (on_notify_cb), &count);
  dossier_record_set_string (action, "channel", "email");
  dossier_record_set_string (action, "channel", "email");
  g_object_set (action, "channel", "email", NULL);
  g_assert_cmpuint (count, ==, 1);

  {
    g_autoptr(DossierRecord) kase = DOSSIER_RECORD (dossier_case_new ());
    guint tag_count = 0;

    g_signal_connect (kase, "notify::tags", G_CALLBACK (on_notify_cb), &tag_count);
    dossier_record_set_strv (kase, "tags", tags);
    dossier_record_set_strv (kase, "tags", same_tags);
    g_assert_cmpuint (tag_count, ==, 1);
    dossier_record_set_strv (kase, "tags", NULL);
    g_assert_cmpuint (tag_count, ==, 2);
  }
}

static void
test_defaults (void)
{
  g_autoptr(DossierRecord) action = DOSSIER_RECORD (dossier_action_new ());
  g_autoptr(DossierRecord) ua = DOSSIER_RECORD (dossier_urgent_action_new ());
  g_autoptr(DossierRecord) other = DOSSIER_RECORD (dossier_urgent_action_new ());

  g_assert_true (g_uuid_string_is_valid (dossier_record_get_id (action)));
  g_assert_cmpstr (dossier_record_get_id (ua), !=, dossier_record_get_id (other));
  g_assert_true (dossier_date_is_valid (dossier_record_get_string (action, "date")));
  g_assert_true (dossier_record_get_boolean (action, "mine"));
  g_assert_cmpstr (dossier_record_get_string (ua, "status"), ==, "open");
}

static void
test_equal (void)
{
  g_autoptr(DossierRecord) a = DOSSIER_RECORD (dossier_case_new ());
  g_autoptr(DossierRecord) b = DOSSIER_RECORD (dossier_case_new ());

  g_assert_false (dossier_record_equal (a, b));
  dossier_record_set_id (b, dossier_record_get_id (a));
  g_assert_true (dossier_record_equal (a, b));
  /* unset and empty read the same */
  dossier_record_set_string (a, "city", "");
  g_assert_true (dossier_record_equal (a, b));
  dossier_record_set_string (a, "city", "Oral");
  g_assert_false (dossier_record_equal (a, b));
}

static void
test_dates (void)
{
  const char *good[] = { "2020-04-17", "2020-02-29", "1900-01-01", "2099-12-31" };
  const char *bad[] = { NULL, "", "2021-02-29", "2020-13-01", "2020-00-10", "2020-4-17",
                        "17.04.2020", "2020-04-17T00:00", "２０２０-04-17", "2020-04-1x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dossier_date_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dossier_date_is_valid (bad[i]));
}

static void
test_enums (void)
{
  guint n;
  const DossierEnumValue *channels = dossier_enum_values (DOSSIER_ENUM_CHANNEL, &n);

  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpstr (channels[0].id, ==, "letter");
  g_assert_true (dossier_enum_has (DOSSIER_ENUM_CASE_STATUS, "forced-psychiatric-treatment"));
  g_assert_false (dossier_enum_has (DOSSIER_ENUM_CASE_STATUS, "vanished"));
  g_assert_cmpstr (dossier_enum_label (DOSSIER_ENUM_CHANNEL, "phone"), ==, "Phone call");
  g_assert_null (dossier_enum_label (DOSSIER_ENUM_CHANNEL, "pigeon"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/fields-are-properties", test_fields_are_properties);
  g_test_add_func ("/record/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/record/defaults", test_defaults);
  g_test_add_func ("/record/equal", test_equal);
  g_test_add_func ("/record/dates", test_dates);
  g_test_add_func ("/record/enums", test_enums);

  return g_test_run ();
}
