/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "dossier-case.h"
#include "dossier-accessible.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-countries.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-feed-item.h"
#include "dossier-feed-pages.h"
#include "dossier-letter.h"
#include "dossier-logging.h"
#include "dossier-record-pages.h"
#include "dossier-target.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

/* The pages of an urgent action and of a case, built from the store. */

static GPtrArray *
query_all (DossierStore *store,
           DossierQuery *query)
{
  g_autoptr(GError) error = NULL;
  /* a case's charges, events and UAs are few; a bound keeps a hostile
   * store from making a page unusable */
  GPtrArray *records = dossier_store_query (store, query, 0, 500, &error);

  if (records == NULL)
    {
      g_warning ("Could not read the store: %s", error->message);
      records = g_ptr_array_new_with_free_func (g_object_unref);
    }
  return records;
}

/* "12 days left", "Closes today", "Closed" — for a UA's deadline. */
/**
 * dossier_days_until:
 * @deadline: a valid date (YYYY-MM-DD)
 *
 * Returns: the days from today to @deadline, negative once it is past.
 */
int
dossier_days_until (const char *deadline)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today, end;
  int y, m, d;

  g_return_val_if_fail (dossier_date_is_valid (deadline), 0);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  sscanf (deadline, "%d-%d-%d", &y, &m, &d);
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, d, m, y);
  return g_date_days_between (&today, &end);
}

char *
dossier_describe_deadline (const char *deadline,
                           const char *status)
{
  g_autofree char *date = dossier_format_date (deadline);
  int days;

  if (g_strcmp0 (status, "closed") == 0)
    /* Translators: %s is a date */
    return deadline ? g_strdup_printf (_("Closed, deadline was %s"), date) : g_strdup (_("Closed"));
  if (!dossier_date_is_valid (deadline))
    return g_strdup (_("No deadline"));

  days = dossier_days_until (deadline);
  if (days < 0)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Deadline passed on %s"), date);
  if (days == 0)
    return g_strdup (_("Closes today"));
  /* Translators: %d is a number of days, %s the deadline's date */
  return g_strdup_printf (ngettext ("%d day left, until %s", "%d days left, until %s", days), days, date);
}

/* Which language a page shows a record's texts in, when it holds them
 * in more than one: said, not left to guess. */
static void
add_language_row (AdwPreferencesGroup *group,
                  DossierRecord       *record,
                  const char          *shown,
                  const char          *translated_from)
{
  g_auto(GStrv) languages = dossier_translations_languages (record);
  const char *own = dossier_record_text_language (record);
  g_autofree char *shown_name = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  GtkWidget *row;

  if (languages[0] == NULL)
    return;
  /* every record's own texts have a language (English unless it says) */
  shown_name = dossier_language_name (shown);
  if (translated_from && *translated_from)
    {
      g_autofree char *from = dossier_language_name_in_text (translated_from);

      /* Translators: the first %s is a language, the second the language it was translated from */
      value = g_strdup_printf (_("%s, translated from %s by the campaign’s author"), shown_name, from);
    }
  else
    value = g_strdup (shown_name);
  if (!dossier_language_same (own, shown))
    {
      g_autofree char *name = dossier_language_name_in_text (own);

      g_string_append (others, name);
    }
  for (guint i = 0; languages[i]; i++)
    if (!dossier_language_same (languages[i], shown))
      {
        g_autofree char *name = dossier_language_name_in_text (languages[i]);

        g_string_append_printf (others, "%s%s", others->len ? ", " : "", name);
      }
  if (others->len)
    {
      /* Translators: %s is a list of languages */
      g_autofree char *also = g_strdup_printf (_("Also in: %s"), others->str);
      g_autofree char *both = g_strdup_printf ("%s\n%s", value, also);

      row = dossier_detail_value_row (_("Texts shown in"), both);
    }
  else
    row = dossier_detail_value_row (_("Texts shown in"), value);
  dossier_detail_group_add (group, row);
}

/* A record's sources: web addresses open, documents cited in words are
 * shown as they are. */
static void
add_sources (DossierDetailPage  *page,
             const char * const *sources)
{
  AdwPreferencesGroup *group;

  if (sources == NULL || sources[0] == NULL)
    return;
  group = dossier_detail_page_add_group (page, _("Sources"));
  for (guint i = 0; sources[i]; i++)
    {
      gboolean address = g_str_has_prefix (sources[i], "https://") || g_str_has_prefix (sources[i], "http://");

      dossier_detail_group_add (group, address ? dossier_detail_link_row (sources[i], sources[i])
                                               : dossier_detail_text_row (sources[i], NULL));
    }
}

/* "2017", "2017 – 2020", "since 2019" and what that means for a letter. */
static GtkWidget *
office_row (DossierRecord *target)
{
  const char *held_from = dossier_record_get_string (target, "held-from");
  const char *held_to = dossier_record_get_string (target, "held-to");
  /* "2017", "June 2017" or "30 June 2017", as much as is known */
  g_autofree char *from = dossier_format_partial_date (held_from);
  g_autofree char *to = dossier_format_partial_date (held_to);
  g_autofree char *value = NULL;
  GtkWidget *row;

  if (dossier_text_is_blank (from) && dossier_text_is_blank (to))
    return NULL;
  if (!dossier_text_is_blank (from) && !dossier_text_is_blank (to))
    /* Translators: the years a person held an office: “2017 – 2020” */
    value = g_strdup_printf (C_("in office", "%s – %s"), from, to);
  else if (!dossier_text_is_blank (to))
    /* the same dash as a span, open at its start: no preposition to
     * inflect a month after ("до июня 2017") */
    value = g_strdup_printf (C_("in office", "%s – %s"), "…", to);
  else
    value = g_steal_pointer (&from);
  row = dossier_detail_value_row (_("In office"), value);
  if (dossier_text_is_blank (to))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("As the sources name the holder then: the office may have changed hands since"));
  return row;
}

static void
expander_add (GtkWidget *expander,
              GtkWidget *row)
{
  if (row != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

/* A target with every way to reach them, folded under their name. */
static void
add_target (AdwPreferencesGroup *group,
            DossierRecord       *ua,
            DossierRecord       *target)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *write = gtk_button_new_with_mnemonic (_("_Write…"));
  /* the office and its organisation in the window's language, as the
   * name above them */
  g_autofree char *office = dossier_record_get_text_in (target, "office", dossier_ui_language (), FALSE, NULL, NULL);
  g_autofree char *organisation = dossier_record_get_text_in (target, "organisation", dossier_ui_language (),
                                                              FALSE, NULL, NULL);
  const char *email = dossier_record_get_string (target, "email");
  const char *language = dossier_record_get_string (target, "language");
  g_autofree char *subtitle = NULL;
  g_autofree char *target_name = dossier_record_display_name (target);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), target_name);
  if (office && *office && organisation && *organisation)
    subtitle = g_strdup_printf ("%s, %s", office, organisation);
  else
    subtitle = g_strdup (office && *office ? office : organisation);
  if (subtitle && *subtitle)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  adw_preferences_group_add (group, expander);

  /* one click from the page to the letter */
  gtk_widget_set_valign (write, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (write), "win.write");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (write), "(ss)", dossier_record_get_id (ua),
                                    dossier_record_get_id (target));
  /* Translators: the accessible name of the Write button of a target; %s is the target's name */
  {
    g_autofree char *label = g_strdup_printf (_("Write to %s"), target_name);

    g_autofree char *focus_name = g_strdup_printf ("focus:write:%s", dossier_record_get_id (target));

    gtk_widget_set_tooltip_text (write, label);
    dossier_accessible_name (write, label);
    /* found again when the page is rebuilt after a letter is logged */
    gtk_widget_set_name (write, focus_name);
  }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), write);

  expander_add (expander, office_row (target));
  expander_add (expander, dossier_detail_copy_row (_("Salutation"), dossier_record_get_string (target, "salutation")));
  {
    g_auto(GStrv) languages = dossier_translations_languages (target);

    for (guint i = 0; languages[i]; i++)
      {
        g_autofree char *salutation = dossier_record_get_text_in (target, "salutation", languages[i], TRUE, NULL, NULL);
        g_autofree char *name = NULL;
        g_autofree char *label = NULL;

        if (dossier_text_is_blank (salutation))
          continue;
        name = dossier_language_name (languages[i]);
        /* Translators: a salutation in a language: “Salutation (German)” */
        label = g_strdup_printf (_("Salutation (%s)"), name);
        expander_add (expander, dossier_detail_copy_row (label, salutation));
      }
  }
  expander_add (expander, dossier_detail_copy_row (_("Postal address"), dossier_record_get_string (target, "address")));
  {
    g_autofree char *country = dossier_country_name (dossier_record_get_string (target, "country"));

    expander_add (expander, dossier_detail_value_row (_("Country"), country));
  }
  if (email && *email)
    {
      /* escaped, and only for one valid address: a stored address can
       * never add a hidden header to the mail */
      g_autofree char *mailto = dossier_mailto_for (email);
      GtkWidget *row = dossier_detail_copy_row (_("Email"), email);

      if (mailto)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-uri");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", mailto);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      expander_add (expander, row);
    }
  expander_add (expander, dossier_detail_copy_row (_("Phone"), dossier_record_get_string (target, "phone")));
  expander_add (expander, dossier_detail_copy_row (_("Fax"), dossier_record_get_string (target, "fax")));
  {
    const char * const *handles = dossier_record_get_strv (target, "handles");
    g_autofree char *joined = handles && handles[0] ? g_strjoinv (" ", (char **) handles) : NULL;

    expander_add (expander, dossier_detail_copy_row (_("Social media"), joined));
  }
  expander_add (expander, dossier_detail_link_row (_("Web form"), dossier_record_get_string (target, "web-form")));
  {
    g_autofree char *language_name = language && *language ? dossier_language_name (language) : NULL;

    expander_add (expander, dossier_detail_value_row (_("Preferred language"), language_name));
  }
  {
    const char * const *sources = dossier_record_get_strv (target, "sources");
    g_autofree char *joined = sources && sources[0] ? g_strjoinv ("\n", (char **) sources) : NULL;

    expander_add (expander, dossier_detail_value_row (_("Sources"), joined));
  }
  {
    GtkWidget *edit = dossier_detail_text_row (_("Edit or Delete This Target…"), NULL);

    gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "page.edit-target");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", dossier_record_get_id (target));
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (edit), TRUE);
    adw_action_row_add_suffix (ADW_ACTION_ROW (edit), gtk_image_new_from_icon_name ("document-edit-symbolic"));
    expander_add (expander, edit);
  }
}

static char *
join_strv (const char * const *strv,
           const char         *separator)
{
  return strv ? g_strjoinv (separator, (char **) strv) : NULL;
}

static void
add_documents (AdwPreferencesGroup *group,
               const char          *documents)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autoptr(GList) languages = NULL;

  if (documents == NULL || !json_parser_load_from_data (parser, documents, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  languages = json_object_get_members (object);
  languages = g_list_sort (languages, (GCompareFunc) g_strcmp0);
  for (GList *l = languages; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          /* "Russian", not "ru" */
          g_autofree char *name = dossier_language_name (l->data);

          dossier_detail_group_add (group, dossier_detail_link_row (name, json_node_get_string (node)));
        }
    }
}

DossierDetailPage *
dossier_ua_page_new (DossierStore  *store,
                     DossierRecord *ua)
{
  DossierDetailPage *page = dossier_detail_page_new (store, ua);
  g_autofree char *shown = NULL;
  g_autofree char *translated_from = NULL;
  /* the texts in the window's language when the UA has them */
  g_autofree char *title = dossier_record_get_text_in (ua, "title", dossier_ui_language (), FALSE, &shown, &translated_from);
  g_autofree char *summary = dossier_record_get_text_in (ua, "summary", dossier_ui_language (), FALSE, NULL, NULL);
  g_autofree char *asks_shown = NULL;
  g_autofree char *asks_from = NULL;
  g_auto(GStrv) key_points = dossier_record_get_strv_in (ua, "key-points", dossier_ui_language (), FALSE,
                                                          &asks_shown, &asks_from);
  g_auto(GStrv) posts = dossier_record_get_strv_in (ua, "posts", dossier_ui_language (), FALSE, NULL, NULL);
  gboolean appeal = g_strcmp0 (dossier_record_get_string (ua, "kind"), "appeal") == 0;
  const char *reference = dossier_record_get_string (ua, "reference");
  const char *index = dossier_record_get_string (ua, "ua-index");
  const char *status = dossier_record_get_string (ua, "status");
  const char *follows = dossier_record_get_string (ua, "follows-id");
  const char * const *case_ids = dossier_record_get_strv (ua, "case-ids");
  const char * const *target_ids = dossier_record_get_strv (ua, "target-ids");
  g_autofree char *heading_sub = NULL;
  g_autofree char *deadline = dossier_describe_deadline (dossier_record_get_string (ua, "deadline"), status);
  g_autofree char *issued = dossier_format_date (dossier_record_get_string (ua, "issued"));
  g_autofree char *languages = NULL;
  g_autofree char *hashtags = join_strv (dossier_record_get_strv (ua, "hashtags"), " ");
  AdwPreferencesGroup *group;

  {
    const char * const *codes = dossier_record_get_strv (ua, "languages");
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; codes && codes[i]; i++)
      {
        g_autofree char *name = i ? dossier_language_name_in_text (codes[i]) : dossier_language_name (codes[i]);

        g_string_append_printf (names, "%s%s", i ? ", " : "", name);
      }
    languages = names->len ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
  }

  if (appeal)
    /* Translators: the subtitle of an appeal's page: “Appeal · ODF report 2017” */
    heading_sub = g_strdup_printf (_("Appeal · %s"), reference);
  else if (index && *index)
    heading_sub = g_strdup_printf ("%s · %s", reference, index);
  dossier_detail_page_set_heading (page, title && *title ? title : reference,
                                   heading_sub ? heading_sub : reference);

  group = dossier_detail_page_add_group (page, C_("urgent action page", "Overview"));
  if (appeal)
    dossier_detail_group_add (group, dossier_detail_text_row (
      _("An appeal, not an urgent action"),
      _("A call to write to these officials about these cases, from the document it names; it has no UA number and no deadline")));
  if (summary && *summary)
    dossier_detail_group_add (group, dossier_detail_value_row (_("Summary"), summary));
  add_language_row (group, ua, shown, translated_from);
  dossier_detail_group_add (group, dossier_detail_value_row (_("Status"), dossier_enum_label (DOSSIER_ENUM_UA_STATUS, status)));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Deadline"), deadline));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Issued"), issued));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Preferred languages of address"), languages));
  if (dossier_record_get_int (ua, "goal") > 0)
    {
      g_autofree char *goal = g_strdup_printf (ngettext ("%'d letter", "%'d letters", (gulong) dossier_record_get_int (ua, "goal")),
                                               (int) dossier_record_get_int (ua, "goal"));
      dossier_detail_group_add (group, dossier_detail_value_row (_("Goal"), goal));
    }
  if (follows && *follows)
    {
      g_autoptr(DossierRecord) previous = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, follows, NULL);

      if (previous)
        /* Translators: the row that leads to the urgent action this one follows up */
        dossier_detail_group_add (group, dossier_detail_record_row (_("Follow-up of"),
                                                                    dossier_record_get_string (previous, "reference"),
                                                                    previous));
    }

  {
    g_autoptr(GHashTable) all = dossier_store_count_channels (store, dossier_record_get_id (ua), FALSE, NULL, NULL);
    g_autoptr(GHashTable) mine = dossier_store_count_channels (store, dossier_record_get_id (ua), TRUE, NULL, NULL);
    g_autofree char *all_text = all ? dossier_action_describe_counts (all) : NULL;
    g_autofree char *mine_text = mine ? dossier_action_describe_counts (mine) : NULL;
    GtkWidget *row;

    group = dossier_detail_page_add_group (page, C_("urgent action page", "Actions"));
    dossier_detail_group_add (group, dossier_detail_value_row (_("Logged"), all_text && *all_text ? all_text : _("Nothing yet")));
    if (mine_text && *mine_text)
      /* Translators: the actions logged in this profile, whoever's name they
       * carry; "Logged" above counts every action known here */
      dossier_detail_group_add (group, dossier_detail_value_row (_("Logged on this computer"), mine_text));
    if (target_ids == NULL || target_ids[0] == NULL)
      {
        row = dossier_detail_text_row (_("Write a Letter…"), NULL);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.write");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", dossier_record_get_id (ua), "");
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
        dossier_detail_group_add (group, row);
      }
    row = dossier_detail_text_row (_("Log Action…"), _("A call, a petition, a post, a letter written by hand"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.log-action");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", dossier_record_get_id (ua));
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
    dossier_detail_group_add (group, row);
  }

  if (case_ids)
    {
      group = dossier_detail_page_add_group (page, C_("urgent action page", "For"));
      for (guint i = 0; case_ids[i]; i++)
        {
          g_autoptr(DossierRecord) kase = dossier_store_fetch (store, DOSSIER_TYPE_CASE, case_ids[i], NULL);

          g_autofree char *name = kase ? dossier_record_display_name (kase) : NULL;

          if (kase)
            dossier_detail_group_add (group, dossier_detail_record_row (
                                        name,
                                        dossier_enum_label (DOSSIER_ENUM_CASE_STATUS, dossier_record_get_string (kase, "status")),
                                        kase));
        }
    }

  if (key_points && key_points[0])
    {
      group = dossier_detail_page_add_group (page, _("What to Ask For"));
      /* the asks may be in another language than the title: say so */
      if (!dossier_language_same (asks_shown, shown) || g_strcmp0 (asks_from, translated_from) != 0)
        {
          g_autofree char *name = dossier_language_name (asks_shown);
          g_autofree char *from = asks_from && *asks_from ? dossier_language_name_in_text (asks_from) : NULL;
          g_autofree char *note = from ? g_strdup_printf (_("%s, translated from %s by the campaign’s author"), name, from)
                                       : g_strdup (name);

          adw_preferences_group_set_description (group, note);
        }
      for (guint i = 0; key_points[i]; i++)
        dossier_detail_group_add (group, dossier_detail_text_row (key_points[i], NULL));
    }

  if (target_ids)
    {
      group = dossier_detail_page_add_group (page, _("Whom to Write To"));
      for (guint i = 0; target_ids[i]; i++)
        {
          g_autoptr(DossierRecord) target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, target_ids[i], NULL);

          if (target)
            add_target (group, ua, target);
        }
    }

  if (dossier_record_get_string (ua, "documents"))
    {
      group = dossier_detail_page_add_group (page, _("Documents"));
      add_documents (group, dossier_record_get_string (ua, "documents"));
    }

  if ((posts && posts[0]) || hashtags)
    {
      group = dossier_detail_page_add_group (page, _("Social Media"));
      guint n_posts = posts ? g_strv_length ((GStrv) posts) : 0;

      for (guint i = 0; i < n_posts; i++)
        {
          /* Translators: the title of each of several suggested posts; %u counts from 1 */
          g_autofree char *post_title = n_posts > 1 ? g_strdup_printf (_("Suggested post %u"), i + 1)
                                               : g_strdup (_("Suggested post"));

          dossier_detail_group_add (group, dossier_detail_copy_row (post_title, posts[i]));
        }
      dossier_detail_group_add (group, dossier_detail_copy_row (_("Hashtags"), hashtags));
    }

  add_sources (page, dossier_record_get_strv (ua, "sources"));
  return page;
}

static char *
describe_charge (DossierRecord *charge)
{
  const char *code = dossier_record_get_string (charge, "code");
  const char *article = dossier_record_get_string (charge, "article");
  const char *part = dossier_record_get_string (charge, "part");

  if (article == NULL || *article == '\0')
    return g_strdup (code);
  if (part && *part)
    /* Translators: a charge: the code (e.g. "Criminal Code"), article and part: "Criminal Code, article 274, part 4(2)" */
    return g_strdup_printf (_("%1$s, article %2$s, part %3$s"), code ? code : "", article, part);
  /* Translators: a charge: the code and article: "Criminal Code, article 174" */
  return g_strdup_printf (_("%1$s, article %2$s"), code ? code : "", article);
}

static void
on_follow_changed_cb (GtkSwitch  *button,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  DossierDetailPage *page = user_data;
  DossierStore *store = dossier_detail_page_get_store (page);
  DossierRecord *kase = dossier_detail_page_get_record (page);
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (button);

  if (dossier_record_get_boolean (kase, "followed") == active)
    return;
  dossier_record_set_boolean (kase, "followed", active);
  if (!dossier_store_update (store, kase, &error))
    {
      dossier_record_set_boolean (kase, "followed", !active);
      gtk_switch_set_active (button, !active);
      gtk_widget_activate_action (GTK_WIDGET (page), "win.show-error", "s", error->message);
    }
}

/* A row of a case's timeline, and when it happened ("2020-06-22T99" for a
 * day, a time for an update), newest first. */
typedef struct {
  char      *key;
  GtkWidget *row;
} TimelineEntry;

static void
timeline_entry_free (gpointer data)
{
  TimelineEntry *entry = data;

  g_free (entry->key);
  g_clear_object (&entry->row);
  g_free (entry);
}

static int
compare_timeline_entries (gconstpointer a,
                          gconstpointer b)
{
  const TimelineEntry *first = *(TimelineEntry **) a;
  const TimelineEntry *second = *(TimelineEntry **) b;

  return -strcmp (first->key, second->key);
}

DossierDetailPage *
dossier_case_page_new (DossierStore  *store,
                       DossierRecord *kase)
{
  DossierDetailPage *page = dossier_detail_page_new (store, kase);
  const char *id = dossier_record_get_id (kase);
  g_autofree char *other_names = NULL;
  g_autofree char *place = NULL;
  const char *city = dossier_record_get_string (kase, "city");
  /* in the window's language; a value kept as it was typed as it is */
  g_autofree char *country = dossier_country_name (dossier_record_get_string (kase, "country"));
  const char * const *sources = dossier_record_get_strv (kase, "sources");
  g_autoptr(GPtrArray) charges = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autoptr(GPtrArray) uas = NULL;
  g_autofree char *heading = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *row, *follow;

  /* every other spelling: the case's own list, then those of its languages,
   * each once, a transliteration made by the campaign's author marked */
  /* the name as the window's language spells it, when a source gives
   * that spelling (not a transliteration made by the campaign's author),
   * then every other spelling */
  {
    const char * const *others = dossier_record_get_strv (kase, "other-names");
    g_auto(GStrv) languages = dossier_translations_languages (kase);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *local_from = NULL;
    g_autofree char *local = dossier_record_get_text_in (kase, "name", dossier_ui_language (), TRUE, NULL, &local_from);

    if (!dossier_text_is_blank (local) && (local_from == NULL || *local_from == '\0'))
      {
        heading = g_steal_pointer (&local);
        /* the record's own spelling, unless it is the heading already */
        if (g_strcmp0 (heading, dossier_record_get_string (kase, "name")) != 0)
          g_ptr_array_add (names, g_strdup (dossier_record_get_string (kase, "name")));
      }
    else
      heading = g_strdup (dossier_record_get_string (kase, "name"));
    for (guint i = 0; others && others[i]; i++)
      if (g_strcmp0 (others[i], heading) != 0)
        g_ptr_array_add (names, g_strdup (others[i]));
    for (guint i = 0; languages[i]; i++)
      {
        g_autofree char *from = NULL;
        g_autofree char *name = dossier_record_get_text_in (kase, "name", languages[i], TRUE, NULL, &from);
        gboolean seen = dossier_text_is_blank (name) || g_strcmp0 (name, dossier_record_get_string (kase, "name")) == 0 ||
                        g_strcmp0 (name, heading) == 0;

        for (guint n = 0; n < names->len && !seen; n++)
          seen = g_str_has_prefix (names->pdata[n], name);
        if (seen)
          continue;
        if (from && *from)
          {
            g_autofree char *language = dossier_language_name_in_text (languages[i]);

            /* Translators: a name as spelled in a language by the campaign's author,
             * not by a source: “Әлнұр Ілияшев (Kazakh, transliterated)” */
            g_ptr_array_add (names, g_strdup_printf (_("%s (%s, transliterated)"), name, language));
          }
        else
          g_ptr_array_add (names, g_steal_pointer (&name));
      }
    g_ptr_array_add (names, NULL);
    other_names = g_strjoinv (" · ", (char **) names->pdata);
  }
  dossier_detail_page_set_heading (page, heading, other_names);

  if (city && *city && country && *country)
    place = g_strdup_printf ("%s, %s", city, country);
  else
    place = g_strdup (city && *city ? city : country);

  group = dossier_detail_page_add_group (page, C_("case page", "Overview"));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Status"), dossier_enum_label (DOSSIER_ENUM_CASE_STATUS, dossier_record_get_string (kase, "status"))));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Role"), dossier_enum_label (DOSSIER_ENUM_CASE_ROLE, dossier_record_get_string (kase, "role"))));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Place"), place));
  if (dossier_record_get_boolean (kase, "prisoner-of-conscience"))
    dossier_detail_group_add (group, dossier_detail_text_row (_("Recognised as a prisoner of conscience"), NULL));
  dossier_detail_group_add (group, dossier_detail_value_row (_("Health concerns"), dossier_record_get_string (kase, "health-concerns")));
  {
    g_autofree char *shown = NULL;
    g_autofree char *translated_from = NULL;
    g_autofree char *summary = dossier_record_get_text_in (kase, "summary", dossier_ui_language (), FALSE, &shown, &translated_from);

    dossier_detail_group_add (group, dossier_detail_value_row (_("Summary"), summary));
    add_language_row (group, kase, shown, translated_from);
  }

  row = dossier_detail_text_row (_("Follow this case"), _("Be told when there is news"));
  follow = gtk_switch_new ();
  gtk_widget_set_valign (follow, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (follow), dossier_record_get_boolean (kase, "followed"));
  g_signal_connect (follow, "notify::active", G_CALLBACK (on_follow_changed_cb), page);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), follow);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), follow);
  adw_preferences_group_add (group, row);

  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CHARGE);

    dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, id);
    dossier_query_sort (query, "position", FALSE);
    charges = query_all (store, query);
  }
  if (charges->len > 0)
    {
      group = dossier_detail_page_add_group (page, _("Charges"));
      for (guint i = 0; i < charges->len; i++)
        {
          /* in one language: cited as the window's language cites a charge
           * when Dossier writes letters in it; a description the charge
           * has only in another language says which */
          g_autofree char *cited = dossier_letter_cite_charge (charges->pdata[i], dossier_ui_language ());
          g_autofree char *title = cited ? g_steal_pointer (&cited) : describe_charge (charges->pdata[i]);
          g_autofree char *shown = NULL;
          g_autofree char *description = dossier_record_get_text_in (charges->pdata[i], "description",
                                                                     dossier_ui_language (), FALSE, &shown, NULL);

          if (!dossier_text_is_blank (description) &&
              !dossier_language_same (shown, dossier_ui_language ()))
            {
              g_autofree char *language = dossier_language_name_in_text (shown);
              /* Translators: a charge's description in another language than the
               * window's, and that language: “Dissemination of … (English)” */
              char *marked = g_strdup_printf (C_("text in a language", "%s (%s)"), description, language);

              g_free (description);
              description = marked;
            }
          dossier_detail_group_add (group, dossier_detail_text_row (title, description));
        }
    }

  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_CASE_EVENT);

    dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, id);
    dossier_query_sort (query, "date", TRUE);
    events = query_all (store, query);
  }
  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_FEED_ITEM);

    dossier_query_filter_text (query, "case-id", DOSSIER_QUERY_EQ, id);
    dossier_query_sort (query, "published", TRUE);
    updates = query_all (store, query);
  }
  if (events->len > 0 || updates->len > 0)
    {
      g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func (timeline_entry_free);

      group = dossier_detail_page_add_group (page, _("Timeline"));
      /* the updates linked to the case, among its events by date */
      for (guint i = 0; i < updates->len; i++)
        {
          DossierRecord *update = updates->pdata[i];
          const char *published = dossier_record_get_string (update, "published");
          const char *title = dossier_record_get_string (update, "title");
          g_autofree char *when = dossier_format_timestamp (published, DOSSIER_DATE_STYLE_DATE_TIME);
          /* Translators: under an update in a case's timeline: its date, and what it is */
          g_autofree char *subtitle = g_strdup_printf (_("%s · Update from a feed"), when ? when : _("Date not given"));
          TimelineEntry *entry = g_new0 (TimelineEntry, 1);

          entry->key = g_strdup (published && *published ? published : "");
          entry->row = g_object_ref_sink (dossier_detail_record_row (title && *title ? title : _("Untitled update"),
                                                                     subtitle, update));
          g_ptr_array_add (timeline, entry);
        }
      for (guint i = 0; i < events->len; i++)
        {
          DossierRecord *event = events->pdata[i];
          const char *kind = dossier_enum_label (DOSSIER_ENUM_EVENT_KIND, dossier_record_get_string (event, "kind"));
          const char *title = dossier_record_get_string (event, "title");
          g_autofree char *date = dossier_format_date (dossier_record_get_string (event, "date"));
          g_autofree char *subtitle = NULL;
          g_autofree char *link = NULL;
          const char *text = dossier_record_get_string (event, "text");

          if (text && *text)
            subtitle = g_strdup_printf ("%s · %s\n%s", date, kind ? kind : "", text);
          else
            subtitle = g_strdup_printf ("%s · %s", date, kind ? kind : "");
          row = dossier_detail_text_row (title && *title ? title : kind, subtitle);
          /* rebuilt from the address: a file's mailto: cannot add headers */
          link = dossier_uri_is_safe (dossier_record_get_string (event, "source"))
                 ? dossier_link_uri (dossier_record_get_string (event, "source")) : NULL;
          if (link)
            {
              GtkWidget *open = gtk_button_new_from_icon_name ("adw-external-link-symbolic");

              gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
              gtk_widget_add_css_class (open, "flat");
              gtk_widget_set_tooltip_text (open, _("Open the source"));
              gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open-uri");
              gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", link);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
            }
          /* the row itself opens the event's form */
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "page.edit-event");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", dossier_record_get_id (event));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          {
            TimelineEntry *entry = g_new0 (TimelineEntry, 1);

            /* a day sorts after the times of the day before it */
            entry->key = g_strconcat (dossier_record_get_string (event, "date"), "T99", NULL);
            entry->row = g_object_ref_sink (row);
            g_ptr_array_add (timeline, entry);
          }
        }
      g_ptr_array_sort (timeline, compare_timeline_entries);
      for (guint i = 0; i < timeline->len; i++)
        adw_preferences_group_add (group, ((TimelineEntry *) timeline->pdata[i])->row);
    }

  {
    g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_URGENT_ACTION);

    dossier_query_filter_text (query, "case-ids", DOSSIER_QUERY_LINKS_TO, id);
    dossier_query_sort (query, "issued", TRUE);
    uas = query_all (store, query);
  }
  if (uas->len > 0)
    {
      group = dossier_detail_page_add_group (page, _("Urgent Actions"));
      for (guint i = 0; i < uas->len; i++)
        {
          DossierRecord *ua = uas->pdata[i];
          g_autofree char *deadline = dossier_describe_deadline (dossier_record_get_string (ua, "deadline"),
                                                                 dossier_record_get_string (ua, "status"));
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", dossier_record_get_string (ua, "reference"), deadline);

          dossier_detail_group_add (group, dossier_detail_record_row (dossier_record_get_string (ua, "title"), subtitle, ua));
        }
    }

  add_sources (page, sources);

  return page;
}
