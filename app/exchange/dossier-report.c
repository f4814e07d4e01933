/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-exchange"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dossier-action.h"
#include "dossier-campaign-private.h"
#include "dossier-csv.h"
#include "dossier-figures.h"
#include "dossier-json-bounds.h"
#include "dossier-json-write.h"
#include "dossier-record.h"
#include "dossier-report.h"
#include "dossier-report-private.h"
#include "dossier-urgent-action.h"

/* Volunteers' reports: see dossier-report.h and docs/report-format.md.
 *
 * Reading: dossier_json_check() bounds the file before json-glib sees it;
 * the header is parsed alone, then one entry at a time, and every entry is
 * checked whole before the store is touched. The digest of what was read
 * (not of the bytes: the same report saved again with other spacing is the
 * same report) tells the same report from another with the same id. */

#define MAX_TEXT 500
/* a report's members besides its entries, as written */
#define REPORT_MAX_HEADER (64 * 1024)
#define ENTRY_MEMBER "entries"


static const char * const channels[] = {
  "letter", "email", "fax", "phone", "social-media", "petition", "solidarity-card", "meeting", NULL
};
static const char * const states[] = { "sent", "replied", "returned", NULL };
static const char * const signatures[] = { "full-name", "initials", "pseudonym", "group", NULL };

G_DEFINE_QUARK (dossier-report-error-quark, dossier_report_error)

void
dossier_report_entry_clear (ReportEntry *entry)
{
  g_free (entry->ua);
  g_free (entry->target);
  g_free (entry->target_id);
  g_free (entry->channel);
  g_free (entry->state);
  g_free (entry->date);
  g_free (entry->week);
  g_free (entry->signature);
  g_free (entry->volunteer);
  g_free (entry->group);
}

void
dossier_report_free (DossierReport *report)
{
  if (report == NULL)
    return;
  g_free (report->id);
  g_free (report->volunteer_id);
  g_free (report->created);
  g_free (report->from);
  g_free (report->to);
  g_clear_pointer (&report->entries, g_array_unref);
  g_free (report->digest);
  g_free (report);
}

const char *
dossier_report_get_id (DossierReport *report)
{
  return report->id;
}

void
dossier_report_summary_clear (DossierReportSummary *summary)
{
  g_clear_pointer (&summary->first, g_free);
  g_clear_pointer (&summary->last, g_free);
  g_clear_pointer (&summary->names, g_strfreev);
  g_clear_pointer (&summary->groups, g_strfreev);
}

void
dossier_report_import_free (DossierReportImport *import)
{
  if (import == NULL)
    return;
  g_free (import->id);
  g_free (import->file_name);
  g_free (import->volunteer);
  g_free (import->group);
  g_free (import->created);
  g_free (import->imported_at);
  g_free (import->replaces);
  g_free (import);
}

/* ISO 8601 weeks: "2026-W48" ↔ the Monday "2026-11-23". */
static char *
week_name (const char *monday)
{
  GDate day;
  guint y, m, d;

  if (monday == NULL || sscanf (monday, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_add_days (&day, 3);   /* the Thursday: its year is the week's */
  return g_strdup_printf ("%04u-W%02u", g_date_get_year (&day), g_date_get_iso8601_week_of_year (&day));
}

static char *
week_monday (const char *name)
{
  GDate day;
  guint y, w;
  char tail;

  if (name == NULL || strlen (name) != 8 || sscanf (name, "%4u-W%2u%c", &y, &w, &tail) != 2 ||
      w < 1 || w > 53 || y < 1 || y > 9999)
    return NULL;
  /* 4 January is always in week 1 */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 4, G_DATE_JANUARY, (GDateYear) y);
  g_date_subtract_days (&day, (guint) g_date_get_weekday (&day) - G_DATE_MONDAY);
  g_date_add_days (&day, 7 * (w - 1));
  {
    char monday[11];
    g_autofree char *again = NULL;

    g_snprintf (monday, sizeof monday, "%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                g_date_get_day (&day));
    again = week_name (monday);
    /* week 53 of a year with 52 */
    if (g_strcmp0 (again, name) != 0)
      return NULL;
    return g_strdup (monday);
  }
}

static char *
today_plus (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gboolean
is_day (const char *text)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ------------------------------------------------------------------ */
/* Writing */

typedef struct
{
  DossierReportSummary *summary;
  GHashTable           *names;
  GHashTable           *groups;
  GHashTable           *uas;
} Tally;

static gboolean
tally_entry (const ReportEntry *entry,
             gpointer     user_data,
             GError     **error)
{
  Tally *tally = user_data;
  const char *when = entry->date ? entry->date : entry->week;

  tally->summary->entries++;
  tally->summary->actions += entry->n;
  if (tally->summary->first == NULL || strcmp (when, tally->summary->first) < 0)
    {
      g_free (tally->summary->first);
      tally->summary->first = g_strdup (when);
    }
  if (tally->summary->last == NULL || strcmp (when, tally->summary->last) > 0)
    {
      g_free (tally->summary->last);
      tally->summary->last = g_strdup (when);
    }
  if (entry->volunteer && *entry->volunteer)
    g_hash_table_add (tally->names, g_strdup (entry->volunteer));
  if (entry->group && *entry->group)
    g_hash_table_add (tally->groups, g_strdup (entry->group));
  g_hash_table_add (tally->uas, g_strdup (entry->ua));
  if (entry->signature)
    tally->summary->signatures = TRUE;
  return TRUE;
}

static int
collate_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static GStrv
sorted_set (GHashTable *set)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_hash_table_size (set);

  g_qsort_with_data (keys, n, sizeof (gpointer), collate_compare, NULL);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

static void
tally_init (Tally                *tally,
            DossierReportSummary *summary,
            DossierReportDetail   detail)
{
  memset (summary, 0, sizeof *summary);
  summary->detail = detail;
  tally->summary = summary;
  tally->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tally->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tally->uas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
tally_finish (Tally *tally)
{
  /* a counts-only report is told in the weeks it says */
  if (tally->summary->detail == DOSSIER_REPORT_COUNTS)
    {
      g_autofree char *first = week_name (tally->summary->first);
      g_autofree char *last = week_name (tally->summary->last);

      g_free (tally->summary->first);
      tally->summary->first = g_steal_pointer (&first);
      g_free (tally->summary->last);
      tally->summary->last = g_steal_pointer (&last);
    }
  tally->summary->names = sorted_set (tally->names);
  tally->summary->groups = sorted_set (tally->groups);
  tally->summary->uas = g_hash_table_size (tally->uas);
  g_hash_table_unref (tally->names);
  g_hash_table_unref (tally->groups);
  g_hash_table_unref (tally->uas);
}

/**
 * dossier_report_describe:
 *
 * Tells what a report of @scope would hold, without writing it: for the
 * export dialog, which shows it before anything is written.
 */
gboolean
dossier_report_describe (DossierStore              *store,
                         const DossierReportScope  *scope,
                         DossierReportSummary      *summary,
                         GError                   **error)
{
  Tally tally;
  gboolean ok;

  tally_init (&tally, summary, scope->detail);
  ok = dossier_store_collect_report_entries (store, scope, tally_entry, &tally, error);
  tally_finish (&tally);
  return ok;
}

static void write_member (GString *out, const char *name, const char *value, gboolean comma);

typedef struct
{
  GString            *out;
  gboolean            csv;
  DossierReportDetail detail;
  Tally               tally;
  guint               n;
} Writer;

static gboolean
write_entry (const ReportEntry *entry,
             gpointer     user_data,
             GError     **error)
{
  Writer *writer = user_data;
  GString *out = writer->out;
  g_autofree char *week = writer->detail == DOSSIER_REPORT_COUNTS ? week_name (entry->week) : NULL;

  tally_entry (entry, &writer->tally, error);
  if (writer->csv)
    {
      const char *fields_full[] = { entry->date, entry->ua, entry->target, entry->channel, entry->state,
                                    entry->signature, entry->volunteer, entry->group };
      char count[32];
      const char *fields_counts[] = { week, entry->ua, entry->target, entry->channel, entry->state,
                                      entry->group, count };
      const char **fields = writer->detail == DOSSIER_REPORT_FULL ? fields_full : fields_counts;
      guint n = writer->detail == DOSSIER_REPORT_FULL ? G_N_ELEMENTS (fields_full) : G_N_ELEMENTS (fields_counts);

      g_snprintf (count, sizeof count, "%" G_GINT64_FORMAT, entry->n);
      for (guint i = 0; i < n; i++)
        dossier_csv_append_field (out, fields[i]);
      dossier_csv_end_row (out);
      return TRUE;
    }

  g_string_append (out, writer->n++ ? ",\n    {" : "\n    {");
  if (writer->detail == DOSSIER_REPORT_FULL)
    {
      write_member (out, "date", entry->date, FALSE);
    }
  else
    write_member (out, "week", week, FALSE);
  write_member (out, "ua", entry->ua, TRUE);
  write_member (out, "target", entry->target, TRUE);
  if (entry->target_id)
    write_member (out, "target_id", entry->target_id, TRUE);
  write_member (out, "channel", entry->channel, TRUE);
  write_member (out, "state", entry->state, TRUE);
  if (writer->detail == DOSSIER_REPORT_FULL)
    {
      write_member (out, "signature", entry->signature, TRUE);
      write_member (out, "volunteer", entry->volunteer, TRUE);
    }
  write_member (out, "group", entry->group, TRUE);
  if (writer->detail == DOSSIER_REPORT_COUNTS)
    g_string_append_printf (out, ", \"n\": %" G_GINT64_FORMAT, entry->n);
  g_string_append_c (out, '}');
  return TRUE;
}

/* "name": "value", after ", " when @comma */
static void
write_member (GString    *out,
              const char *name,
              const char *value,
              gboolean    comma)
{
  if (comma)
    g_string_append (out, ", ");
  g_string_append_printf (out, "\"%s\": ", name);
  if (value)
    dossier_json_write_string (out, value);
  else
    g_string_append (out, "null");
}

/**
 * dossier_report_write:
 * @summary: (out caller-allocates) (optional): what the report holds
 *
 * Writes the report of @scope: JSON, or CSV with @csv. Writing one counts
 * as one more report of this profile (its sequence).
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set;
 *   DOSSIER_REPORT_ERROR_NOTHING when the scope keeps no action.
 */
GBytes *
dossier_report_write (DossierStore              *store,
                      const DossierReportScope  *scope,
                      gboolean                   csv,
                      DossierReportSummary      *summary,
                      GError                   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *volunteer_id = NULL;
  g_autofree char *report_id = g_uuid_string_random ();
  DossierReportSummary local = { 0 };
  Writer writer = { .out = out, .csv = csv, .detail = scope->detail };
  gint64 sequence = 0;
  gboolean ok;

  if (summary == NULL)
    summary = &local;
  tally_init (&writer.tally, summary, scope->detail);

  if (csv)
    g_string_append (out, scope->detail == DOSSIER_REPORT_FULL
                          ? "date,urgent_action,target,channel,state,signature,volunteer,group\r\n"
                          : "week,urgent_action,target,channel,state,group,count\r\n");
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *created = NULL;

      if (!dossier_store_begin (store, error))
        {
          tally_finish (&writer.tally);
          return NULL;
        }
      if (!(volunteer_id = dossier_store_volunteer_id (store, error)) ||
          !dossier_store_next_report_sequence (store, &sequence, error) ||
          !dossier_store_commit (store, error))
        {
          dossier_store_rollback (store);
          tally_finish (&writer.tally);
          return NULL;
        }
      if (scope->detail == DOSSIER_REPORT_FULL)
        created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
      else
        {
          g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
          g_autofree char *monday = dossier_week_monday (today);

          created = week_name (monday);
        }
      g_string_append_printf (out, "{\n  \"dossier_report\": %d,\n", DOSSIER_REPORT_FORMAT);
      g_string_append (out, "  ");
      write_member (out, "report_id", report_id, FALSE);
      g_string_append (out, ",\n  ");
      write_member (out, "volunteer_id", volunteer_id, FALSE);
      g_string_append_printf (out, ",\n  \"sequence\": %" G_GINT64_FORMAT ",\n  ", sequence);
      write_member (out, "created", created, FALSE);
      g_string_append (out, ",\n  ");
      write_member (out, "detail", scope->detail == DOSSIER_REPORT_FULL ? "full" : "counts", FALSE);
      if (scope->from || scope->to)
        {
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;

          if (scope->detail == DOSSIER_REPORT_COUNTS)
            {
              g_autofree char *first = scope->from ? dossier_week_monday (scope->from) : NULL;
              g_autofree char *last = scope->to ? dossier_week_monday (scope->to) : NULL;

              from = week_name (first);
              to = week_name (last);
            }
          else
            {
              from = g_strdup (scope->from);
              to = g_strdup (scope->to);
            }
          g_string_append (out, ",\n  \"period\": {");
          if (from)
            write_member (out, "from", from, FALSE);
          if (to)
            write_member (out, "to", to, from != NULL);
          g_string_append_c (out, '}');
        }
      g_string_append (out, ",\n  \"" ENTRY_MEMBER "\": [");
    }

  ok = dossier_store_collect_report_entries (store, scope, write_entry, &writer, error);
  tally_finish (&writer.tally);
  if (ok && summary->entries == 0)
    {
      g_set_error_literal (error, DOSSIER_REPORT_ERROR, DOSSIER_REPORT_ERROR_NOTHING,
                           _("There is nothing to report: no action of yours that went out is in this period and these urgent actions."));
      ok = FALSE;
    }
  if (!ok)
    {
      dossier_report_summary_clear (&local);
      return NULL;
    }
  if (!csv)
    g_string_append (out, "\n  ]\n}\n");
  dossier_report_summary_clear (&local);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* ------------------------------------------------------------------ */
/* Reading */

static const DossierJsonBounds report_bounds = {
  .max_bytes = DOSSIER_REPORT_MAX_SIZE,
  .max_depth = 6,
  .max_string_bytes = 64 * 1024,
  .max_values = 0,
  .split_member = ENTRY_MEMBER,
  .max_elements = DOSSIER_REPORT_MAX_ENTRIES,
  .max_element_bytes = 64 * 1024,
  .max_element_values = 64,
};

gboolean
dossier_report_fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  g_return_val_if_fail (*error == NULL, FALSE);
  va_start (args, format);
  *error = g_error_new_valist (DOSSIER_REPORT_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

/* A member of @object that must be text, or absent when @optional. */
static gboolean
read_text (JsonObject  *object,
           const char  *member,
           gboolean     optional,
           gboolean     may_be_empty,
           guint        index,
           char       **value,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (optional)
        return TRUE;
      return index
        ? dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                /* Translators: the number counts the report's entries from 1; %s is a
                 * member's name as written in the file, such as “channel” */
                _("Entry %u has no “%s”."), index, member)
        : dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                /* Translators: %s is a member's name as written in the file, such as “report_id” */
                _("The report has no “%s”."), member);
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return index
      ? dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
              /* Translators: the number counts entries from 1; %s is a member's name as written */
              _("Entry %u: “%s” must be text."), index, member)
      : dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
              /* Translators: %s is a member's name as written in the file */
              _("The report’s “%s” must be text."), member);
  text = json_node_get_string (node);
  if (!dossier_text_check (text, member, FALSE, MAX_TEXT, NULL))
    return index
      ? dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
              /* Translators: the number counts entries from 1; %s is a member's name as
               * written; the last number counts characters */
              _("Entry %u: “%s” must be one line of text of at most %u characters."), index, member, MAX_TEXT)
      : dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
              /* Translators: %s is a member's name as written; the number counts characters */
              _("The report’s “%s” must be one line of text of at most %u characters."), member, MAX_TEXT);
  if (!may_be_empty)
    {
      g_autofree char *copy = g_strstrip (g_strdup (text));

      if (*copy == '\0')
        return index
          ? dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                  /* Translators: the number counts entries from 1; %s is a member's name as written */
                  _("Entry %u: “%s” cannot be empty."), index, member)
          : dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                  /* Translators: %s is a member's name as written */
                  _("The report’s “%s” cannot be empty."), member);
    }
  *value = g_strdup (text);
  return TRUE;
}

static gboolean
read_choice (JsonObject          *object,
             const char          *member,
             const char * const  *allowed,
             guint                index,
             char               **value,
             GError             **error)
{
  g_autofree char *list = NULL;
  g_autofree char *shown = NULL;

  if (!read_text (object, member, FALSE, FALSE, index, value, error))
    return FALSE;
  if (g_strv_contains (allowed, *value))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  shown = dossier_campaign_shown (*value);
  g_clear_pointer (value, g_free);
  return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
               /* Translators: the first number counts entries from 1; the first %s is a
                * member's name as written, the second the value in the file, the third the
                * values allowed, as written in files: “letter, email, …” */
               _("Entry %u: “%s” cannot be “%s”; it must be one of: %s."), index, member, shown, list);
}

static void
digest_add (GChecksum  *checksum,
            const char *text)
{
  g_checksum_update (checksum, (const guchar *) (text ? text : "\x01"), -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
}

static gboolean
read_entry (DossierReport *report,
            JsonObject    *object,
            guint          index,
            const char    *tomorrow,
            ReportEntry         *entry,
            GError       **error)
{
  if (!read_text (object, "ua", FALSE, FALSE, index, &entry->ua, error) ||
      !read_text (object, "target", TRUE, TRUE, index, &entry->target, error) ||
      !read_text (object, "target_id", TRUE, FALSE, index, &entry->target_id, error) ||
      !read_choice (object, "channel", channels, index, &entry->channel, error) ||
      !read_choice (object, "state", states, index, &entry->state, error) ||
      !read_text (object, "group", TRUE, TRUE, index, &entry->group, error))
    return FALSE;
  if (entry->target == NULL)
    entry->target = g_strdup ("");
  if (entry->group == NULL)
    entry->group = g_strdup ("");

  if (report->detail == DOSSIER_REPORT_FULL)
    {
      if (!read_text (object, "date", FALSE, FALSE, index, &entry->date, error))
        return FALSE;
      if (!is_day (entry->date))
        {
          g_autofree char *shown = dossier_campaign_shown (entry->date);

          return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                       /* Translators: the number counts entries from 1; %s is the value in the file */
                       _("Entry %u: the date “%s” is not a real day written YYYY-MM-DD."), index, shown);
        }
      if (strcmp (entry->date, tomorrow) > 0 || strcmp (entry->date, "1961-01-01") < 0)
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     /* Translators: the number counts entries from 1; %s is a date as written in the file */
                     _("Entry %u: the date %s cannot be right: it is in the future or before 1961."),
                     index, entry->date);
      entry->week = dossier_week_monday (entry->date);
      if (!read_choice (object, "signature", signatures, index, &entry->signature, error) ||
          !read_text (object, "volunteer", TRUE, TRUE, index, &entry->volunteer, error))
        return FALSE;
      if (entry->volunteer == NULL)
        entry->volunteer = g_strdup ("");
      entry->n = 1;
    }
  else
    {
      g_autofree char *week = NULL;
      JsonNode *node;

      if (!read_text (object, "week", FALSE, FALSE, index, &week, error))
        return FALSE;
      if ((entry->week = week_monday (week)) == NULL)
        {
          g_autofree char *shown = dossier_campaign_shown (week);

          return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                       /* Translators: the number counts entries from 1; %s is the value in the
                        * file; “2026-W48” is an ISO week as files write it: keep it as it is */
                       _("Entry %u: the week “%s” is not a real ISO week written like 2026-W48."), index, shown);
        }
      if (strcmp (entry->week, tomorrow) > 0 || strcmp (entry->week, "1961-01-01") < 0)
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     /* Translators: the number counts entries from 1; %s is a week as written in the file */
                     _("Entry %u: the week %s cannot be right: it is in the future or before 1961."),
                     index, week);
      if (json_object_has_member (object, "signature") || json_object_has_member (object, "volunteer") ||
          json_object_has_member (object, "date"))
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     /* Translators: the number counts entries from 1; the words in quotes are
                      * members of the file as written */
                     _("Entry %u: a counts-only report cannot give a “date”, “signature” or “volunteer”."),
                     index);
      node = json_object_get_member (object, "n");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     /* Translators: the number counts entries from 1; “n” is the member as written */
                     _("Entry %u: the count “n” must be a whole number."), index);
      entry->n = json_node_get_int (node);
      if (entry->n < 1 || entry->n > DOSSIER_REPORT_MAX_COUNT)
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     /* Translators: the first number counts entries from 1; the second is the count
                      * in the file; the last is the largest allowed */
                     _("Entry %u: the count %lld cannot be right: it must be from 1 to %'d."),
                     index, (long long) entry->n, DOSSIER_REPORT_MAX_COUNT);
      entry->volunteer = g_strdup ("");
    }
  return TRUE;
}

static gboolean
read_header (DossierReport *report,
             JsonObject    *root,
             GError       **error)
{
  JsonNode *node = json_object_get_member (root, "dossier_report");
  g_autofree char *detail = NULL;

  if (node == NULL)
    {
      if (json_object_has_member (root, "items") || json_object_has_member (root, "version"))
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                     _("This is a campaign file, not a volunteer’s report: import it with Import Campaign."));
      return dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                   _("This file is not a volunteer’s report from Dossier."));
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    return dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                 /* Translators: “dossier_report” is the member as written in the file */
                 _("The report’s format (“dossier_report”) must be a whole number from 1."));
  if (json_node_get_int (node) > DOSSIER_REPORT_FORMAT)
    return dossier_report_fail (error, DOSSIER_REPORT_ERROR_TOO_NEW,
                 /* Translators: the first number is the file's format, the second the newest this
                  * version reads */
                 _("The report was written by a newer version of Dossier (report format %d; this version reads up to %d). Update Dossier to import it."),
                 (int) MIN (json_node_get_int (node), G_MAXINT), DOSSIER_REPORT_FORMAT);

  if (!read_text (root, "report_id", FALSE, FALSE, 0, &report->id, error) ||
      !read_text (root, "volunteer_id", FALSE, FALSE, 0, &report->volunteer_id, error) ||
      !read_text (root, "created", FALSE, FALSE, 0, &report->created, error) ||
      !read_text (root, "detail", FALSE, FALSE, 0, &detail, error))
    return FALSE;
  if (strlen (report->id) > DOSSIER_TEXT_MAX_ID || strlen (report->volunteer_id) > DOSSIER_TEXT_MAX_ID)
    return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                 _("The report’s id or the volunteer’s id is too long."));
  if (g_str_equal (detail, "full"))
    report->detail = DOSSIER_REPORT_FULL;
  else if (g_str_equal (detail, "counts"))
    report->detail = DOSSIER_REPORT_COUNTS;
  else
    return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                 /* Translators: the words in quotes are written in the file as they are */
                 _("The report’s “detail” must be “full” or “counts”."));

  node = json_object_get_member (root, "sequence");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                 /* Translators: “sequence” is the member as written in the file */
                 _("The report’s number (“sequence”) must be a whole number from 0."));
  report->sequence = json_node_get_int (node);

  node = json_object_get_member (root, "period");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *period;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     /* Translators: “period” is the member as written in the file */
                     _("The report’s “period” must be an object."));
      period = json_node_get_object (node);
      if (!read_text (period, "from", TRUE, FALSE, 0, &report->from, error) ||
          !read_text (period, "to", TRUE, FALSE, 0, &report->to, error))
        return FALSE;
      if (report->detail == DOSSIER_REPORT_COUNTS)
        {
          g_autofree char *from = report->from ? week_monday (report->from) : NULL;
          g_autofree char *to = report->to ? week_monday (report->to) : NULL;

          if ((report->from && !from) || (report->to && !to))
            return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                         _("The report’s period must be given in ISO weeks, written like 2026-W48."));
          g_free (report->from);
          report->from = g_steal_pointer (&from);
          g_free (report->to);
          report->to = g_steal_pointer (&to);
        }
      else if ((report->from && !is_day (report->from)) || (report->to && !is_day (report->to)))
        return dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                     _("The report’s period must be given in days written YYYY-MM-DD."));
    }
  return TRUE;
}

/**
 * dossier_report_sniff:
 *
 * Whether @file looks like a volunteer's report rather than a campaign:
 * its first 4 KiB name the report format. For a file dropped on the
 * window, which then goes where it can be imported.
 */
gboolean
dossier_report_sniff (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char head[4096];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &n, NULL, NULL))
    return FALSE;
  head[n] = '\0';
  return g_strstr_len (head, n, "\"dossier_report\"") != NULL;
}

/**
 * dossier_report_read:
 *
 * Reads a whole report and checks every entry; a report with any error is
 * refused whole. Messages name the entry (counted from 1) and the member.
 *
 * Returns: (transfer full): the report, or %NULL with @error set.
 */
DossierReport *
dossier_report_read (GBytes        *bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(DossierReport) report = g_new0 (DossierReport, 1);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (DossierJsonSpan));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) header = NULL;
  g_autofree char *tomorrow = today_plus (1);
  DossierJsonSpan entries_span = { 0, 0 };
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;
  char number[32];

  if (!dossier_json_check (data, length, &report_bounds, &entries_span, spans, &local_error))
    {
      switch (local_error->code)
        {
        case DOSSIER_JSON_ERROR_TRUNCATED:
          return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                        _("The file ends too soon: it was cut off while being written or copied.")), NULL);
        case DOSSIER_JSON_ERROR_NOT_UTF8:
        case DOSSIER_JSON_ERROR_SYNTAX:
        case DOSSIER_JSON_ERROR_EMPTY:
          return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                        /* Translators: %s is the JSON checker's description of the problem */
                        _("This file is not a volunteer’s report: %s"), local_error->message), NULL);
        default:
          return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID, "%s", local_error->message), NULL);
        }
    }

  /* what is not an entry is parsed whole: it is small, or not a report */
  if (length - entries_span.length > REPORT_MAX_HEADER)
    {
      g_autofree char *limit = g_format_size (REPORT_MAX_HEADER);

      return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                    /* Translators: %s is a size such as “65.5 kB” */
                    _("This file is not a volunteer’s report: it holds more than %s besides its entries."), limit), NULL);
    }
  header = g_string_new_len (data, entries_span.length ? entries_span.offset : length);
  if (entries_span.length)
    {
      g_string_append (header, "[]");
      g_string_append_len (header, data + entries_span.offset + entries_span.length,
                           length - entries_span.offset - entries_span.length);
    }
  if (!json_parser_load_from_data (parser, header->str, header->len, &local_error))
    return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                  /* Translators: %s is the JSON reader's description of the problem */
                  _("This file is not a volunteer’s report: %s"), local_error->message), NULL);
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                  _("This file is not a volunteer’s report from Dossier.")), NULL);
  if (!read_header (report, json_node_get_object (root), error))
    return NULL;
  if (!json_object_has_member (json_node_get_object (root), ENTRY_MEMBER) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), ENTRY_MEMBER)))
    return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                  /* Translators: “entries” is the member as written in the file */
                  _("The report has no list of entries (“entries”).")), NULL);

  digest_add (checksum, report->id);
  digest_add (checksum, report->volunteer_id);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, report->sequence);
  digest_add (checksum, number);
  digest_add (checksum, report->created);
  digest_add (checksum, report->detail == DOSSIER_REPORT_FULL ? "full" : "counts");
  digest_add (checksum, report->from);
  digest_add (checksum, report->to);

  report->entries = g_array_sized_new (FALSE, TRUE, sizeof (ReportEntry), spans->len);
  g_array_set_clear_func (report->entries, (GDestroyNotify) dossier_report_entry_clear);
  for (guint i = 0; i < spans->len; i++)
    {
      const DossierJsonSpan *span = &g_array_index (spans, DossierJsonSpan, i);
      ReportEntry entry = { 0 };
      JsonNode *element;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!json_parser_load_from_data (parser, data + span->offset, span->length, &local_error))
        return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_NOT_A_REPORT,
                      _("This file is not a volunteer’s report: %s"), local_error->message), NULL);
      element = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return (dossier_report_fail (error, DOSSIER_REPORT_ERROR_INVALID,
                      /* Translators: the number counts entries from 1 */
                      _("Entry %u is not a JSON object."), i + 1), NULL);
      if (!read_entry (report, json_node_get_object (element), i + 1, tomorrow, &entry, error))
        {
          dossier_report_entry_clear (&entry);
          return NULL;
        }
      digest_add (checksum, entry.ua);
      digest_add (checksum, entry.target);
      digest_add (checksum, entry.target_id);
      digest_add (checksum, entry.channel);
      digest_add (checksum, entry.state);
      digest_add (checksum, entry.date);
      digest_add (checksum, entry.week);
      digest_add (checksum, entry.signature);
      digest_add (checksum, entry.volunteer);
      digest_add (checksum, entry.group);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, entry.n);
      digest_add (checksum, number);
      g_array_append_val (report->entries, entry);
    }
  report->digest = g_strdup (g_checksum_get_string (checksum));
  return g_steal_pointer (&report);
}

/**
 * dossier_report_summarize:
 * @summary: (out caller-allocates): what @report holds
 */
void
dossier_report_summarize (DossierReport        *report,
                          DossierReportSummary *summary)
{
  Tally tally;

  tally_init (&tally, summary, report->detail);
  for (guint i = 0; i < report->entries->len; i++)
    tally_entry (&g_array_index (report->entries, ReportEntry, i), &tally, NULL);
  tally_finish (&tally);
}
