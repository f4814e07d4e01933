/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dossier-campaign.h"
#include "dossier-campaign-private.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-feed-parser.h"
#include "dossier-target.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

/* Import and export of the Dossier campaign format (docs/campaign-format.md).
 *
 * Import is two steps. First the whole document is read and checked, and a
 * record is built for every item; nothing touches the store but look-ups of
 * ids the file refers to. Only a document without a single problem reaches
 * the second step, which writes every record inside one store transaction:
 * a record that is not in the store is created, one that differs is
 * updated (keeping what only the user sets: notes, the follow flag), one
 * that is the same is left alone — so importing a file twice changes
 * nothing. Any failure rolls the whole import back.
 *
 * What a `_dossier` object holds follows the records' own field tables
 * (app/core/): a member per field, named like the field with '_' for '-'.
 * The rules below add what a table cannot say: which fields are required,
 * which hold closed vocabularies, addresses or ids of other records, and
 * which belong to the user and never travel in a file.
 *
 * Every look-up is a hash table or an index of the store: the cost of an
 * import grows with the size of the file, not with the size of the store.
 * dossier-campaign-private.h lists the files that do each step. */

G_DEFINE_QUARK (dossier-exchange-error-quark, dossier_exchange_error)

static const Rule case_rules[] = {
  { "name", RULE_REQUIRED },
  { "role", RULE_ENUM, DOSSIER_ENUM_CASE_ROLE },
  { "status", RULE_REQUIRED | RULE_ENUM, DOSSIER_ENUM_CASE_STATUS },
  { "country", RULE_COUNTRY },
  /* web addresses, or documents cited in words */
  { "sources", RULE_SOURCE },
  { "followed", RULE_LOCAL },
  { "notes", RULE_LOCAL },
  { "origin", RULE_LOCAL },
};

static const Rule event_rules[] = {
  { "case-id", RULE_REQUIRED | RULE_REF, 0, KIND_CASE },
  { "kind", RULE_REQUIRED | RULE_ENUM, DOSSIER_ENUM_EVENT_KIND },
  { "date", RULE_REQUIRED },
  { "new-status", RULE_ENUM, DOSSIER_ENUM_CASE_STATUS },
  { "origin", RULE_LOCAL },
};

static const Rule target_rules[] = {
  { "name", RULE_REQUIRED },
  { "email", RULE_EMAIL },
  { "web-form", RULE_URL },
  { "language", RULE_LANGUAGE },
  { "country", RULE_COUNTRY },
  { "sources", RULE_SOURCE },
  { "origin", RULE_LOCAL },
};

static const Rule ua_rules[] = {
  { "kind", RULE_ENUM, DOSSIER_ENUM_UA_KIND },
  { "reference", RULE_REQUIRED },
  { "case-ids", RULE_REF, 0, KIND_CASE },
  { "status", RULE_ENUM, DOSSIER_ENUM_UA_STATUS },
  { "follows-id", RULE_REF, 0, KIND_UA },
  /* what the title and key points are written in */
  { "language", RULE_LANGUAGE },
  { "languages", RULE_LANGUAGE },
  /* an object: language code → address of the UA's document in it */
  { "documents", RULE_LANGUAGE | RULE_URL },
  { "target-ids", RULE_REF, 0, KIND_TARGET },
  { "sources", RULE_SOURCE },
  { "notes", RULE_LOCAL },
  { "origin", RULE_LOCAL },
};

const KindSpec dossier_campaign_kind_specs[N_KINDS] = {
  [KIND_CASE] = { "case", dossier_case_get_type, case_rules, G_N_ELEMENTS (case_rules) },
  [KIND_EVENT] = { "case_event", dossier_case_event_get_type, event_rules, G_N_ELEMENTS (event_rules) },
  [KIND_TARGET] = { "target", dossier_target_get_type, target_rules, G_N_ELEMENTS (target_rules) },
  [KIND_UA] = { "urgent_action", dossier_urgent_action_get_type, ua_rules, G_N_ELEMENTS (ua_rules) },
};

KindFields dossier_campaign_kind_fields[N_KINDS];

/* What a person calls each member a file may hold, for the errors that
 * name it: "Item 2, the case “Alnur Ilyashev”: the name must be text
 * (items[1]._dossier.name)". Each table's context says whose members
 * they are; dossier_campaign_field_words() looks them up. */
typedef struct {
  const char *member;
  const char *words;
} FieldWords;

static const FieldWords item_words[] = {
  /* Translators: what a member of an item of a campaign file is called in
   * an error such as “Item 2: the item’s id must be text”. It is the
   * subject of such a sentence, in lower case */
  { "id", NC_("member of an item", "the item’s id") },
  { "date_published", NC_("member of an item", "the time it was published") },
  { "date_modified", NC_("member of an item", "the time it was last changed") },
  /* Translators: the part of an item that holds a record's fields */
  { "_dossier", NC_("member of an item", "the record") },
};

static const FieldWords record_words[] = {
  /* Translators: what a member of a record (a case, an urgent action…) of
   * a campaign file is called in an error such as “Item 2: the record’s
   * type cannot be “petition””. The subject of such a sentence, in lower
   * case */
  { "type", NC_("member of a record", "the record’s type") },
  { "id", NC_("member of a record", "the record’s id") },
};

static const FieldWords case_words[] = {
  /* Translators: what a field of a case is called in an error such as
   * “Item 2, the case “Alnur Ilyashev”: the status cannot be “jailed””. It
   * is the subject of such a sentence, in lower case */
  { "name", NC_("field of a case", "the name") },
  { "other_names", NC_("field of a case", "the other names") },
  { "country", NC_("field of a case", "the country") },
  { "city", NC_("field of a case", "the city") },
  { "role", NC_("field of a case", "the role") },
  { "status", NC_("field of a case", "the status") },
  { "summary", NC_("field of a case", "the summary") },
  { "prisoner_of_conscience", NC_("field of a case", "the prisoner of conscience mark") },
  { "health_concerns", NC_("field of a case", "the health concerns") },
  { "sources", NC_("field of a case", "the sources") },
  { "tags", NC_("field of a case", "the tags") },
  { "charges", NC_("field of a case", "the charges") },
  { "translations", NC_("field of a case", "the translations") },
};

static const FieldWords event_words[] = {
  /* Translators: what a field of a case event is called in an error such
   * as “Item 40, the case event “Arrested”: the date must be a real date”.
   * It is the subject of such a sentence, in lower case */
  { "case_id", NC_("field of a case event", "the case it belongs to") },
  { "kind", NC_("field of a case event", "the kind of event") },
  { "date", NC_("field of a case event", "the date") },
  { "title", NC_("field of a case event", "the title") },
  { "text", NC_("field of a case event", "the text") },
  { "source", NC_("field of a case event", "the source") },
  { "new_status", NC_("field of a case event", "the case’s new status") },
};

static const FieldWords target_words[] = {
  /* Translators: what a field of a target is called in an error such as
   * “Item 116, the target “Prosecutor General”: the email address must be
   * an email address”. It is the subject of such a sentence, in lower case */
  { "name", NC_("field of a target", "the name") },
  { "office", NC_("field of a target", "the office") },
  { "organisation", NC_("field of a target", "the organisation") },
  { "address", NC_("field of a target", "the postal address") },
  { "email", NC_("field of a target", "the email address") },
  { "phone", NC_("field of a target", "the phone number") },
  { "web_form", NC_("field of a target", "the web form") },
  { "salutation", NC_("field of a target", "the salutation") },
  { "language", NC_("field of a target", "the language to write in") },
  { "country", NC_("field of a target", "the country") },
  { "fax", NC_("field of a target", "the fax number") },
  { "handles", NC_("field of a target", "the social media handles") },
  { "held_from", NC_("field of a target", "the date they took office") },
  { "held_to", NC_("field of a target", "the date they left office") },
  { "sources", NC_("field of a target", "the sources") },
  { "translations", NC_("field of a target", "the translations") },
};

static const FieldWords ua_words[] = {
  /* Translators: what a field of an urgent action is called in an error
   * such as “Item 138, the urgent action “UA 065/20”: the deadline must be
   * a real date”. It is the subject of such a sentence, in lower case */
  { "kind", NC_("field of an urgent action", "the kind of action") },
  { "reference", NC_("field of an urgent action", "the reference") },
  { "ua_index", NC_("field of an urgent action", "the index") },
  { "title", NC_("field of an urgent action", "the title") },
  { "case_ids", NC_("field of an urgent action", "the cases it is for") },
  { "issued", NC_("field of an urgent action", "the issue date") },
  { "deadline", NC_("field of an urgent action", "the deadline") },
  { "status", NC_("field of an urgent action", "the status") },
  { "follows_id", NC_("field of an urgent action", "the action it follows up") },
  { "key_points", NC_("field of an urgent action", "the key points") },
  { "language", NC_("field of an urgent action", "the language it is written in") },
  { "languages", NC_("field of an urgent action", "the languages to write in") },
  { "documents", NC_("field of an urgent action", "the documents") },
  { "posts", NC_("field of an urgent action", "the suggested posts") },
  { "hashtags", NC_("field of an urgent action", "the hashtags") },
  { "summary", NC_("field of an urgent action", "the summary") },
  { "sources", NC_("field of an urgent action", "the sources") },
  { "translations", NC_("field of an urgent action", "the translations") },
  { "goal", NC_("field of an urgent action", "the goal") },
  { "target_ids", NC_("field of an urgent action", "the targets to write to") },
};

static const FieldWords charge_words[] = {
  /* Translators: what a field of a charge is called in an error such as
   * “Item 2, charge 1 of the case “Alnur Ilyashev”: the article must be
   * text”. It is the subject of such a sentence, in lower case. “the law”
   * is the code the charge is brought under, such as “Criminal Code” */
  { "code", NC_("field of a charge", "the law") },
  { "article", NC_("field of a charge", "the article") },
  { "part", NC_("field of a charge", "the part") },
  { "description", NC_("field of a charge", "the description") },
  { "translations", NC_("field of a charge", "the translations") },
};

static GType
item_members_type (void)
{
  return G_TYPE_NONE;
}

/* The contexts are the NC_() ones above, word for word. */
static const struct {
  GType           (*get_type) (void);
  const char       *context;
  const FieldWords *words;
  guint             n_words;
} field_words[] = {
  { item_members_type, "member of an item", item_words, G_N_ELEMENTS (item_words) },
  { dossier_record_get_type, "member of a record", record_words, G_N_ELEMENTS (record_words) },
  { dossier_case_get_type, "field of a case", case_words, G_N_ELEMENTS (case_words) },
  { dossier_case_event_get_type, "field of a case event", event_words, G_N_ELEMENTS (event_words) },
  { dossier_target_get_type, "field of a target", target_words, G_N_ELEMENTS (target_words) },
  { dossier_urgent_action_get_type, "field of an urgent action", ua_words, G_N_ELEMENTS (ua_words) },
  { dossier_charge_get_type, "field of a charge", charge_words, G_N_ELEMENTS (charge_words) },
};

/* Charges travel inside their case as {code, article, part, description}. */
const char * const dossier_campaign_charge_members[4] = { "code", "article", "part", "description" };
/* and "translations", an object as a record's (read_translations()) */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->record);
  g_clear_pointer (&entry->charges, g_ptr_array_unref);
  g_free (entry->created_at);
  g_free (entry->updated_at);
  g_free (entry);
}

void
dossier_campaign_ensure_kind_fields (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint k = 0; k < N_KINDS; k++)
        {
          KindFields *info = &dossier_campaign_kind_fields[k];

          info->type = dossier_campaign_kind_specs[k].get_type ();
          info->klass = g_type_class_ref (info->type);
          info->rules = g_new0 (const Rule *, info->klass->n_fields);
          info->members = g_new0 (char *, info->klass->n_fields + 1);
          for (guint i = 0; i < info->klass->n_fields; i++)
            {
              const DossierField *field = &info->klass->fields[i];

              info->members[i] = g_strdelimit (g_strdup (field->name), "-", '_');
              for (guint r = 0; r < dossier_campaign_kind_specs[k].n_rules; r++)
                if (g_str_equal (dossier_campaign_kind_specs[k].rules[r].field, field->name))
                  info->rules[i] = &dossier_campaign_kind_specs[k].rules[r];
            }
        }
      g_once_init_leave (&initialized, 1);
    }
}

static void
import_init (Import       *self,
             DossierStore *store)
{
  memset (self, 0, sizeof *self);
  self->store = store;
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->ids[k] = g_hash_table_new (g_str_hash, g_str_equal);
      self->in_store[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  self->item_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ua_order = g_ptr_array_new ();
  self->news = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_feed_entry_free);
}

static void
import_clear (Import *self)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&self->ids[k], g_hash_table_unref);
      g_clear_pointer (&self->in_store[k], g_hash_table_unref);
    }
  g_clear_pointer (&self->item_ids, g_hash_table_unref);
  g_clear_pointer (&self->references, g_hash_table_unref);
  g_clear_pointer (&self->ua_order, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->news, g_ptr_array_unref);
  g_clear_pointer (&self->followed, g_strfreev);
}

G_GNUC_PRINTF (3, 4)
gboolean
dossier_campaign_fail (GError     **error,
                       int          code,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DOSSIER_EXCHANGE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* ---- saying where a problem is ---- */

/**
 * dossier_campaign_field_words:
 * @type: a record type; %G_TYPE_NONE for an item's own members,
 *   %DOSSIER_TYPE_RECORD for the members every `_dossier` has
 * @member: as the file names it: "case_ids"
 *
 * Returns: what a person calls the member, translated: "the cases it is
 *   for". Every member the reader checks has words; one without is a
 *   mistake, said with a critical, and called by its member.
 */
const char *
dossier_campaign_field_words (GType       type,
                              const char *member)
{
  for (guint t = 0; t < G_N_ELEMENTS (field_words); t++)
    {
      if (field_words[t].get_type () != type)
        continue;
      for (guint i = 0; i < field_words[t].n_words; i++)
        if (g_str_equal (field_words[t].words[i].member, member))
          return g_dpgettext2 (GETTEXT_PACKAGE, field_words[t].context, field_words[t].words[i].words);
    }
  g_critical ("No words for the member “%s” of %s", member, g_type_name (type));
  return member;
}

/* The most characters of a value an error quotes: enough to recognise
 * it, not enough for a file to fill the screen. */
#define SHOWN_MAX_CHARS 80

/* The marks that make text run right to left or left to right: quoted
 * in an error, they could reverse what follows them. */
static gboolean
is_direction_mark (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * dossier_campaign_shown:
 *
 * A value of a file as an error quotes it: the file is anyone's, and its
 * text must not make the message lie or fill the screen. At most
 * SHOWN_MAX_CHARS characters, then "…"; control characters are escaped
 * as dossier_text_escape_controls() writes them, and so are line breaks,
 * tabs and direction marks, which that keeps: a value stays on its line
 * and in its place.
 *
 * Returns: (transfer full): the text to quote.
 */
char *
dossier_campaign_shown (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  guint n = 0;

  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next = (c == (gunichar) -1 || c == (gunichar) -2) ? p + 1 : g_utf8_next_char (p);

      if (n++ == SHOWN_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\t' || is_direction_mark (c))
        g_string_append_printf (out, c < 0x80 ? "\\x%02X" : "\\u%04X", c);
      else
        {
          g_autofree char *escaped = dossier_text_escape_controls (p, next - p);

          g_string_append (out, escaped);
        }
      p = next;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The name a record goes by in an error, as the file or the record gives
 * it: a case's or a target's name, an urgent action's reference, an
 * event's or a news item's title. NULL when it has none. */
static char *
subject_name (const Subject *subject)
{
  const char *member = NULL;
  const char *text = NULL;
  g_autofree char *stripped = NULL;

  if (subject->type == DOSSIER_TYPE_CASE || subject->type == DOSSIER_TYPE_TARGET)
    member = "name";
  else if (subject->type == DOSSIER_TYPE_URGENT_ACTION)
    member = "reference";
  else if (subject->type == DOSSIER_TYPE_CASE_EVENT || subject->type == DOSSIER_TYPE_FEED_ITEM)
    member = "title";
  else
    return NULL;

  if (subject->record)
    text = dossier_record_get_string (subject->record, member);
  else if (subject->object && json_object_get_member (subject->object, member))
    text = dossier_campaign_node_text (json_object_get_member (subject->object, member));
  if (text == NULL || dossier_text_is_blank (text))
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  return dossier_campaign_shown (stripped);
}

/* "the case “Alnur Ilyashev”", "a case"; NULL when the kind is not known. */
static char *
describe_record (const Subject *subject)
{
  g_autofree char *name = subject_name (subject);

  /* Translators: the record an error is about, after “Item 2, ”: “Item 2,
   * the case “Alnur Ilyashev”: the status cannot be …”. %s is its name;
   * without one it is “a case” */
  if (subject->type == DOSSIER_TYPE_CASE)
    return name ? g_strdup_printf (C_("record in an error", "the case “%s”"), name)
                : g_strdup (C_("record in an error", "a case"));
  /* Translators: %s is the title of the event */
  if (subject->type == DOSSIER_TYPE_CASE_EVENT)
    return name ? g_strdup_printf (C_("record in an error", "the case event “%s”"), name)
                : g_strdup (C_("record in an error", "a case event"));
  /* Translators: %s is the reference of the urgent action, such as “UA 065/20” */
  if (subject->type == DOSSIER_TYPE_URGENT_ACTION)
    return name ? g_strdup_printf (C_("record in an error", "the urgent action “%s”"), name)
                : g_strdup (C_("record in an error", "an urgent action"));
  /* Translators: %s is the name of the target, a person or an office */
  if (subject->type == DOSSIER_TYPE_TARGET)
    return name ? g_strdup_printf (C_("record in an error", "the target “%s”"), name)
                : g_strdup (C_("record in an error", "a target"));
  /* Translators: an item of a campaign file that is news, not a record; %s
   * is its title */
  if (subject->type == DOSSIER_TYPE_FEED_ITEM)
    return name ? g_strdup_printf (C_("record in an error", "the news item “%s”"), name)
                : g_strdup (C_("record in an error", "a news item"));
  return NULL;
}

void
dossier_campaign_entry_subject (const Entry *entry,
                                Subject     *subject)
{
  *subject = (Subject) {
    .index = entry->index,
    .type = G_OBJECT_TYPE (entry->record),
    .record = entry->record,
  };
}

void
dossier_campaign_place_clear (Place *place)
{
  g_clear_pointer (&place->item_text, g_free);
  g_clear_pointer (&place->words_text, g_free);
  g_clear_pointer (&place->path_text, g_free);
}

/* "Item 2, the case “Alnur Ilyashev”": the item and the record @place is in. */
const char *
dossier_campaign_place_item (Place *place)
{
  const Place *p = place;
  g_autofree char *record = NULL;
  const Subject *subject;

  if (place->item_text)
    return place->item_text;
  while (p->subject == NULL)
    p = p->parent;
  subject = p->subject;
  record = describe_record (subject);
  if (subject->charge && record)
    /* Translators: the part of a file an error is about: the first %u is the
     * item's position in the file, the second the charge's position in its
     * case's list, both counted from 1; %s is the case, such as “the case
     * “Alnur Ilyashev”” */
    place->item_text = g_strdup_printf (_("Item %u, charge %u of %s"), subject->index, subject->charge, record);
  else if (record)
    /* Translators: the part of a file an error is about: %u is the item's
     * position in the file, counted from 1; %s the record, such as “the case
     * “Alnur Ilyashev”” or “a target” */
    place->item_text = g_strdup_printf (_("Item %u, %s"), subject->index, record);
  else
    /* Translators: the part of a file an error is about: %u is the item's
     * position in the file, counted from 1 */
    place->item_text = g_strdup_printf (_("Item %u"), subject->index);
  return place->item_text;
}

static char *
language_words (const char *code)
{
  g_autofree char *name = dossier_language_name (code);

  return dossier_campaign_shown (name);
}

static char *
words_of (const Place *place)
{
  switch (place->words)
    {
    case WORDS_FIELD:
      if (place->type == G_TYPE_INVALID)
        return place->parent ? words_of (place->parent) : g_strdup ("");
      return g_strdup (dossier_campaign_field_words (place->type, place->member));

    case WORDS_IN_LANGUAGE:
      {
        g_autofree char *language = language_words (place->parent->member);

        /* Translators: a field's text in another language, such as “the name
         * in Russian”; the first %s is the field, such as “the name”, the
         * second the name of a language */
        return g_strdup_printf (C_("field in a language", "%s in %s"),
                                dossier_campaign_field_words (place->type, place->member), language);
      }

    case WORDS_TRANSLATIONS:
      {
        g_autofree char *language = language_words (place->member);

        /* Translators: a record's texts in another language; %s is the name
         * of a language, such as “Russian” */
        return g_strdup_printf (_("the translations into %s"), language);
      }

    case WORDS_TRANSLATED_FROM:
      {
        g_autofree char *language = language_words (place->parent->member);

        /* Translators: the language a record's texts in another language were
         * translated from; %s is the name of a language, such as “Russian” */
        return g_strdup_printf (_("the language the texts in %s were translated from"), language);
      }

    case WORDS_DOCUMENT:
      {
        g_autofree char *language = language_words (place->member);

        /* Translators: an urgent action's document in a language; %s is the
         * name of a language, such as “German” */
        return g_strdup_printf (_("the document in %s"), language);
      }

    default:
      g_assert_not_reached ();
    }
}

/* "the cases it is for": the field @place is, in words. */
const char *
dossier_campaign_place_words (Place *place)
{
  if (place->words_text == NULL)
    place->words_text = words_of (place);
  return place->words_text;
}

/* A member as jq and JSONPath write it: "name", or ["pt-BR"] when it is
 * not a plain name, quoted as an error quotes a value. */
static void
append_member (GString    *path,
               const char *member)
{
  g_autoptr(GString) quoted = NULL;
  g_autofree char *shown = NULL;
  gboolean plain = (g_ascii_isalpha (*member) || *member == '_') && strlen (member) <= SHOWN_MAX_CHARS;

  for (const char *p = member; plain && *p; p++)
    plain = g_ascii_isalnum (*p) || *p == '_';
  if (plain)
    {
      g_string_append_printf (path, ".%s", member);
      return;
    }
  quoted = g_string_new (NULL);
  for (const char *p = member; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  shown = dossier_campaign_shown (quoted->str);
  g_string_append_printf (path, "[\"%s\"]", shown);
}

static void
append_path (GString     *path,
             const Place *place)
{
  if (place->parent == NULL)
    {
      /* counted from 0, as the path of an array's element is */
      g_string_append_printf (path, "items[%u]", place->subject->index - 1);
      return;
    }
  append_path (path, place->parent);
  if (place->member)
    append_member (path, place->member);
  else
    g_string_append_printf (path, "[%u]", place->element);
}

/* "items[1]._dossier.name": where @place is, for the file's author. */
const char *
dossier_campaign_place_path (Place *place)
{
  if (place->path_text == NULL)
    {
      GString *path = g_string_new (NULL);

      append_path (path, place);
      place->path_text = g_string_free (path, FALSE);
    }
  return place->path_text;
}

void
dossier_campaign_report_progress (Import *self,
                                  double  fraction)
{
  if (self->progress)
    self->progress (CLAMP (fraction, 0.0, 1.0), self->progress_data);
}

/* ---- public API: import ---- */

/* The import of a file, or of a feed's document into @feed_id. */
static gboolean
run_import (DossierStore              *store,
            const char                *data,
            gsize                      length,
            const char                *feed_id,
            DossierImportProgressFunc  progress,
            gpointer                   progress_data,
            GCancellable              *cancellable,
            DossierImportStats        *stats,
            GStrv                     *followed,
            GError                   **error)
{
  Import self;
  gboolean ok;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (length > DOSSIER_CAMPAIGN_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_SIZE);

      return dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_TOO_LARGE,
                   /* Translators: %s is a size such as “32.0 MB” */
                   _("The file is larger than %s, the most Dossier imports at once."), limit);
    }

  dossier_campaign_ensure_kind_fields ();
  import_init (&self, store);
  self.progress = progress;
  self.progress_data = progress_data;
  self.cancellable = cancellable;
  self.feed_id = feed_id;
  {
    gint64 t0 = g_get_monotonic_time (), t1 = 0, t2 = 0;

    ok = dossier_campaign_read_document (&self, data ? data : "", length, error) &&
         (t1 = g_get_monotonic_time (), dossier_campaign_validate (&self, error)) &&
         (t2 = g_get_monotonic_time (), dossier_campaign_write_all (&self, error));
    if (ok)
      g_debug ("Imported %u items: read in %.3f s, checked in %.3f s, written in %.3f s",
               self.n_items, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6);
  }
  if (ok)
    dossier_campaign_report_progress (&self, 1.0);
  if (ok && stats)
    *stats = self.stats;
  if (ok && followed)
    *followed = g_steal_pointer (&self.followed);
  import_clear (&self);
  return ok;
}

/**
 * dossier_campaign_import:
 * @data: the campaign document
 * @length: its length in bytes
 * @progress: (nullable): called now and then with how far the import is
 * @cancellable: (nullable): stops the import; then nothing is imported
 * @stats: (out) (optional): what the import did
 *
 * Imports a campaign document into @store: everything or, when the
 * document has a problem, nothing. The error then says which item and
 * field are wrong, and what was expected. Runs as long as the document
 * is large: call it from a worker thread, on a store of its own, where a
 * window is waiting.
 *
 * Returns: %TRUE when every record was imported.
 */
gboolean
dossier_campaign_import (DossierStore              *store,
                         const char                *data,
                         gsize                      length,
                         DossierImportProgressFunc  progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         DossierImportStats        *stats,
                         GError                   **error)
{
  return run_import (store, data, length, NULL, progress, progress_data, cancellable, stats, NULL, error);
}

/**
 * dossier_campaign_import_into_feed:
 * @feed_id: the feed the document came from: its news are that feed's items
 * @followed: (out) (optional): the ids of new news linked to followed cases
 *
 * Imports a campaign a feed sent, as dossier_campaign_import() imports a
 * file: the same checks, the same records; its news become @feed_id's
 * items. Inside a bulk transaction the caller opened, it is part of it.
 *
 * Returns: %TRUE when everything was imported.
 */
gboolean
dossier_campaign_import_into_feed (DossierStore        *store,
                                   const char          *data,
                                   gsize                length,
                                   const char          *feed_id,
                                   GCancellable        *cancellable,
                                   DossierImportStats  *stats,
                                   GStrv               *followed,
                                   GError             **error)
{
  g_return_val_if_fail (feed_id != NULL, FALSE);

  return run_import (store, data, length, feed_id, NULL, NULL, cancellable, stats, followed, error);
}

/**
 * dossier_campaign_notify_changed:
 *
 * Tells @store's watchers that the kinds a campaign holds changed, after
 * an import through another connection.
 */
void
dossier_campaign_notify_changed (DossierStore *store)
{
  for (guint k = 0; k < N_KINDS; k++)
    dossier_store_notify_changed (store, dossier_campaign_kind_specs[k].get_type ());
  dossier_store_notify_changed (store, dossier_charge_get_type ());
  dossier_store_notify_changed (store, dossier_feed_get_type ());
  dossier_store_notify_changed (store, dossier_feed_item_get_type ());
}

/**
 * dossier_campaign_import_data:
 * @data: the campaign document
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @stats: (out) (optional): what the import did
 *
 * Imports a campaign document as dossier_campaign_import() does, without
 * progress or cancellation.
 *
 * Returns: %TRUE when every record was imported.
 */
gboolean
dossier_campaign_import_data (DossierStore        *store,
                              const char          *data,
                              gssize               length,
                              DossierImportStats  *stats,
                              GError             **error)
{
  g_return_val_if_fail (data != NULL || length <= 0, FALSE);

  if (length < 0)
    length = strlen (data);
  return dossier_campaign_import (store, data, length, NULL, NULL, NULL, stats, error);
}

typedef struct {
  char                 *store_path;
  GFile                *file;
  GBytes               *bytes;
  DossierProgressRelay *relay;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->store_path);
  g_clear_object (&import->file);
  g_clear_pointer (&import->bytes, g_bytes_unref);
  if (import->relay)
    {
      dossier_progress_relay_stop (import->relay);
      dossier_progress_relay_unref (import->relay);
    }
  g_free (import);
}

static void
on_import_progress (double   fraction,
                    gpointer data)
{
  dossier_progress_relay_report (data, NULL, fraction);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportData *import = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree DossierImportStats *stats = g_new0 (DossierImportStats, 1);
  GError *error = NULL;
  gconstpointer data;
  gsize length;

  if (import->bytes)
    bytes = g_bytes_ref (import->bytes);
  else
    {
      g_autofree char *path = g_file_get_path (import->file);
      char *contents;

      if (path == NULL)
        {
          g_task_return_new_error (task, DOSSIER_EXCHANGE_ERROR, DOSSIER_EXCHANGE_ERROR_READ,
                                   "%s", _("Only files on this computer can be imported."));
          return;
        }
      if (!(contents = dossier_campaign_read_file (path, &length, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      bytes = g_bytes_new_take (contents, length);
    }

  /* a connection of this thread's own; the window's goes on reading */
  if (!(store = dossier_store_open_full (import->store_path, DOSSIER_STORE_OPEN_EXISTING,
                                         NULL, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (bytes, &length);
  if (!dossier_campaign_import (store, data, length, import->relay ? on_import_progress : NULL,
                                import->relay, cancellable, stats, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&stats), g_free);
}

/**
 * dossier_campaign_import_async:
 * @store_path: the store's file: the import opens a connection of its own
 * @file: (nullable): the campaign file, or %NULL when @bytes are given
 * @bytes: (nullable): the campaign document
 * @progress: (nullable): told in the caller's main context how far the
 *   import is
 * @cancellable: (nullable): stops the import; then nothing is imported
 *
 * Imports a campaign in a worker thread, as dossier_campaign_import()
 * does: reading, checking and writing a large file takes seconds, while a
 * window must go on drawing. The records are written through another
 * connection: call dossier_store_notify_changed() on the caller's store
 * when it is done.
 */
void
dossier_campaign_import_async (const char          *store_path,
                               GFile               *file,
                               GBytes              *bytes,
                               DossierProgressFunc  progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_destroy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail ((file != NULL) != (bytes != NULL));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_campaign_import_async);
  /* a cancelled import returns its error, not a success it finished */
  g_task_set_return_on_cancel (task, FALSE);
  import = g_new0 (ImportData, 1);
  import->store_path = g_strdup (store_path);
  import->file = file ? g_object_ref (file) : NULL;
  import->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  if (progress)
    import->relay = dossier_progress_relay_new (progress, progress_data, progress_destroy);
  else if (progress_destroy)
    progress_destroy (progress_data);
  g_task_set_task_data (task, import, import_data_free);
  g_task_run_in_thread (task, import_in_thread);
}

/**
 * dossier_campaign_import_finish:
 * @stats: (out) (optional): what the import did
 *
 * Returns: %TRUE when every record was imported; otherwise nothing was,
 *   and @error says why (%G_IO_ERROR_CANCELLED when it was stopped).
 */
gboolean
dossier_campaign_import_finish (GAsyncResult        *result,
                                DossierImportStats  *stats,
                                GError             **error)
{
  g_autofree DossierImportStats *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dossier_campaign_import_async, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (!(done = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (stats)
    *stats = *done;
  return TRUE;
}

/* Reads at most DOSSIER_CAMPAIGN_MAX_SIZE bytes: a pipe or a device may
 * never end, and a regular file may grow while it is read. */
char *
dossier_campaign_read_file (const char  *path,
                            gsize       *length,
                            GError     **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_READ,
            /* Translators: the first %s is a file name, the second the system's reason */
            _("Could not read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > DOSSIER_CAMPAIGN_MAX_SIZE)
    goto too_large;

  buffer = g_byte_array_sized_new (fstat (fd, &st) == 0 && S_ISREG (st.st_mode)
                                   ? (guint) st.st_size + 1 : READ_CHUNK);
  for (;;)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_READ,
                _("Could not read “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > DOSSIER_CAMPAIGN_MAX_SIZE)
        goto too_large;
      g_byte_array_append (buffer, chunk, n);
    }
  close (fd);

  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);

too_large:
  close (fd);
  {
    g_autofree char *limit = g_format_size (DOSSIER_CAMPAIGN_MAX_SIZE);

    dossier_campaign_fail (error, DOSSIER_EXCHANGE_ERROR_TOO_LARGE,
          _("The file is larger than %s, the most Dossier imports at once."), limit);
  }
  return NULL;
}

/**
 * dossier_campaign_import_file:
 * @path: a campaign file
 * @stats: (out) (optional): what the import did
 *
 * Reads @path and imports it as dossier_campaign_import_data() does.
 */
gboolean
dossier_campaign_import_file (DossierStore        *store,
                              const char          *path,
                              DossierImportStats  *stats,
                              GError             **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats)
    memset (stats, 0, sizeof *stats);
  if (!(data = dossier_campaign_read_file (path, &length, error)))
    return FALSE;
  return dossier_campaign_import_data (store, data, length, stats, error);
}
