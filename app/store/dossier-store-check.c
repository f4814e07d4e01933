/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "dossier-store-private.h"

/* What `dossier check` looks at: SQLite's own checks, text the store would
 * refuse now, and what the store keeps beside the records. */

/* dossier_text_bad(value, multiline, max_length): 1 when @value is text the
 * store would refuse now (dossier_text_check()), else 0. Counts bytes
 * itself: text with a NUL inside would look shorter to strlen(). */
void
dossier_store_text_bad_function (sqlite3_context  *context,
                                 int               argc,
                                 sqlite3_value   **argv)
{
  const char *text;
  int length;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  length = sqlite3_value_bytes (argv[0]);
  sqlite3_result_int (context,
                      text == NULL || (int) strlen (text) != length ||
                      !dossier_text_check (text, NULL, sqlite3_value_int (argv[1]) != 0,
                                           (guint) sqlite3_value_int (argv[2]), NULL));
}

/* Lists the rows where @sql (rowid, value, …) finds text the store would
 * not take now, with what is wrong with it. */
/* Version 12's progress tallies: rows that differ from a recount. Each
 * gives the UA (or group), the week, the first count that differs, the
 * table, the stored count and the recount. */
static const char * const progress_checks[] = {
  "WITH recount AS (SELECT ua, grp, target, week, reported, sum((channel = 'letter') * n) AS letter, sum((channel = 'email') * n) AS email, sum((channel = 'fax') * n) AS fax, sum((channel = 'phone') * n) AS phone, sum((channel = 'social-media') * n) AS social_media, sum((channel = 'petition') * n) AS petition, sum((channel = 'solidarity-card') * n) AS solidarity_card, sum((channel = 'meeting') * n) AS meeting, sum((state = 'replied') * n) AS replied, sum((state = 'returned') * n) AS returned FROM (SELECT coalesce(ua_id, '') AS ua, volunteer_group AS grp, coalesce(target_id, '') AS target, date(date, '-6 days', 'weekday 1') AS week, 0 AS reported, channel, state, 1 AS n FROM actions WHERE state <> 'drafted' UNION ALL SELECT coalesce(ua_id, '?' || ua_ref), volunteer_group, coalesce(target_id, '?' || target), week, 1, channel, state, n FROM reported WHERE active = 1) GROUP BY 1, 2, 3, 4, 5)"
  " SELECT k.ua, k.week, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN 'letter' WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN 'email' WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN 'fax' WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN 'phone' WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN 'social_media' WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN 'petition' WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN 'solidarity_card' WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN 'meeting' WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN 'replied' WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN 'returned' END, 'progress_cells', CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(t.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(t.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(t.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(t.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(t.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(t.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(t.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(t.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(t.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(t.returned, 0) END, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(r.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(r.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(r.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(r.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(r.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(r.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(r.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(r.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(r.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(r.returned, 0) END"
  " FROM (SELECT ua, grp, target, week, reported FROM progress_cells UNION SELECT ua, grp, target, week, reported FROM recount) AS k"
  " LEFT JOIN progress_cells AS t USING (ua, grp, target, week, reported) LEFT JOIN recount AS r USING (ua, grp, target, week, reported)"
  " WHERE coalesce(t.letter, 0) <> coalesce(r.letter, 0) OR coalesce(t.email, 0) <> coalesce(r.email, 0) OR coalesce(t.fax, 0) <> coalesce(r.fax, 0) OR coalesce(t.phone, 0) <> coalesce(r.phone, 0) OR coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) OR coalesce(t.petition, 0) <> coalesce(r.petition, 0) OR coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) OR coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) OR coalesce(t.replied, 0) <> coalesce(r.replied, 0) OR coalesce(t.returned, 0) <> coalesce(r.returned, 0)",

  "WITH recount AS (SELECT week, ua, reported, sum(letter) AS letter, sum(email) AS email, sum(fax) AS fax, sum(phone) AS phone, sum(social_media) AS social_media, sum(petition) AS petition, sum(solidarity_card) AS solidarity_card, sum(meeting) AS meeting, sum(replied) AS replied, sum(returned) AS returned FROM progress_cells GROUP BY 1, 2, 3)"
  " SELECT k.ua, k.week, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN 'letter' WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN 'email' WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN 'fax' WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN 'phone' WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN 'social_media' WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN 'petition' WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN 'solidarity_card' WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN 'meeting' WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN 'replied' WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN 'returned' END, 'progress_weeks', CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(t.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(t.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(t.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(t.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(t.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(t.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(t.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(t.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(t.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(t.returned, 0) END, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(r.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(r.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(r.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(r.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(r.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(r.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(r.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(r.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(r.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(r.returned, 0) END"
  " FROM (SELECT week, ua, reported FROM progress_weeks UNION SELECT week, ua, reported FROM recount) AS k"
  " LEFT JOIN progress_weeks AS t USING (week, ua, reported) LEFT JOIN recount AS r USING (week, ua, reported)"
  " WHERE coalesce(t.letter, 0) <> coalesce(r.letter, 0) OR coalesce(t.email, 0) <> coalesce(r.email, 0) OR coalesce(t.fax, 0) <> coalesce(r.fax, 0) OR coalesce(t.phone, 0) <> coalesce(r.phone, 0) OR coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) OR coalesce(t.petition, 0) <> coalesce(r.petition, 0) OR coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) OR coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) OR coalesce(t.replied, 0) <> coalesce(r.replied, 0) OR coalesce(t.returned, 0) <> coalesce(r.returned, 0)",

  "WITH recount AS (SELECT week, grp, reported, sum(letter) AS letter, sum(email) AS email, sum(fax) AS fax, sum(phone) AS phone, sum(social_media) AS social_media, sum(petition) AS petition, sum(solidarity_card) AS solidarity_card, sum(meeting) AS meeting, sum(replied) AS replied, sum(returned) AS returned FROM progress_cells GROUP BY 1, 2, 3)"
  " SELECT k.grp, k.week, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN 'letter' WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN 'email' WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN 'fax' WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN 'phone' WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN 'social_media' WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN 'petition' WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN 'solidarity_card' WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN 'meeting' WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN 'replied' WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN 'returned' END, 'progress_groups', CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(t.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(t.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(t.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(t.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(t.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(t.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(t.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(t.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(t.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(t.returned, 0) END, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(r.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(r.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(r.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(r.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(r.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(r.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(r.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(r.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(r.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(r.returned, 0) END"
  " FROM (SELECT week, grp, reported FROM progress_groups UNION SELECT week, grp, reported FROM recount) AS k"
  " LEFT JOIN progress_groups AS t USING (week, grp, reported) LEFT JOIN recount AS r USING (week, grp, reported)"
  " WHERE coalesce(t.letter, 0) <> coalesce(r.letter, 0) OR coalesce(t.email, 0) <> coalesce(r.email, 0) OR coalesce(t.fax, 0) <> coalesce(r.fax, 0) OR coalesce(t.phone, 0) <> coalesce(r.phone, 0) OR coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) OR coalesce(t.petition, 0) <> coalesce(r.petition, 0) OR coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) OR coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) OR coalesce(t.replied, 0) <> coalesce(r.replied, 0) OR coalesce(t.returned, 0) <> coalesce(r.returned, 0)",

  "WITH recount AS (SELECT grp, reported, sum(letter) AS letter, sum(email) AS email, sum(fax) AS fax, sum(phone) AS phone, sum(social_media) AS social_media, sum(petition) AS petition, sum(solidarity_card) AS solidarity_card, sum(meeting) AS meeting, sum(replied) AS replied, sum(returned) AS returned FROM progress_cells GROUP BY 1, 2)"
  " SELECT k.grp, '', CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN 'letter' WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN 'email' WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN 'fax' WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN 'phone' WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN 'social_media' WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN 'petition' WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN 'solidarity_card' WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN 'meeting' WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN 'replied' WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN 'returned' END, 'progress_group_totals', CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(t.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(t.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(t.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(t.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(t.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(t.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(t.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(t.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(t.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(t.returned, 0) END, CASE WHEN coalesce(t.letter, 0) <> coalesce(r.letter, 0) THEN coalesce(r.letter, 0) WHEN coalesce(t.email, 0) <> coalesce(r.email, 0) THEN coalesce(r.email, 0) WHEN coalesce(t.fax, 0) <> coalesce(r.fax, 0) THEN coalesce(r.fax, 0) WHEN coalesce(t.phone, 0) <> coalesce(r.phone, 0) THEN coalesce(r.phone, 0) WHEN coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) THEN coalesce(r.social_media, 0) WHEN coalesce(t.petition, 0) <> coalesce(r.petition, 0) THEN coalesce(r.petition, 0) WHEN coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) THEN coalesce(r.solidarity_card, 0) WHEN coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) THEN coalesce(r.meeting, 0) WHEN coalesce(t.replied, 0) <> coalesce(r.replied, 0) THEN coalesce(r.replied, 0) WHEN coalesce(t.returned, 0) <> coalesce(r.returned, 0) THEN coalesce(r.returned, 0) END"
  " FROM (SELECT grp, reported FROM progress_group_totals UNION SELECT grp, reported FROM recount) AS k"
  " LEFT JOIN progress_group_totals AS t USING (grp, reported) LEFT JOIN recount AS r USING (grp, reported)"
  " WHERE coalesce(t.letter, 0) <> coalesce(r.letter, 0) OR coalesce(t.email, 0) <> coalesce(r.email, 0) OR coalesce(t.fax, 0) <> coalesce(r.fax, 0) OR coalesce(t.phone, 0) <> coalesce(r.phone, 0) OR coalesce(t.social_media, 0) <> coalesce(r.social_media, 0) OR coalesce(t.petition, 0) <> coalesce(r.petition, 0) OR coalesce(t.solidarity_card, 0) <> coalesce(r.solidarity_card, 0) OR coalesce(t.meeting, 0) <> coalesce(r.meeting, 0) OR coalesce(t.replied, 0) <> coalesce(r.replied, 0) OR coalesce(t.returned, 0) <> coalesce(r.returned, 0)",
};

static gboolean
report_bad_text (DossierStore  *self,
                 const char    *sql,
                 const char    *table,
                 const char    *name,
                 gboolean       multiline,
                 guint          max_length,
                 GString       *found,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) problem = NULL;
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      int length = sqlite3_column_bytes (stmt, 1);

      if (text && (int) strlen (text) != length)
        g_set_error (&problem, DOSSIER_RECORD_ERROR, DOSSIER_RECORD_ERROR_CONTROL,
                     /* Translators: %s names a field, such as “city” */
                     _("“%s” holds a NUL character, which cuts it short."), name);
      else if (text)
        dossier_text_check (text, name, multiline, max_length, &problem);
      if (problem)
        /* Translators: a problem found by "dossier check": a table, a row
         * number, and what is wrong with a text in that row (a sentence) */
        g_string_append_printf (found, _("%s row %lld: %s\n"), table,
                                (long long) sqlite3_column_int64 (stmt, 0), problem->message);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

/* Text written before the store checked it, or by another program with
 * plain SQL: not UTF-8, with NUL or control characters, or longer than its
 * field. Such text would make every later export a file that no import
 * takes. One pass over each column, in SQL. */
static gboolean
check_text (DossierStore  *self,
            GString       *found,
            GError       **error)
{
  for (guint k = 0; k < DOSSIER_STORE_N_KINDS; k++)
    {
      const KindInfo *info = &dossier_store_kind_infos[k];
      g_autofree char *ids = g_strdup_printf ("SELECT rowid, id FROM %s WHERE dossier_text_bad (id, 0, %d)",
                                              info->table, DOSSIER_TEXT_MAX_ID);

      if (!report_bad_text (self, ids, info->table, "id", FALSE, DOSSIER_TEXT_MAX_ID, found, error))
        return FALSE;
      for (guint i = 0; i < info->klass->n_fields; i++)
        {
          const DossierField *field = &info->klass->fields[i];
          g_autofree char *column = g_strdelimit (g_strdup (field->name), "-", '_');
          gboolean multiline = dossier_field_is_multiline (field);
          guint max_length = dossier_field_max_length (field);
          g_autofree char *sql = NULL;

          if (field->type == DOSSIER_FIELD_STRING && !(field->flags & DOSSIER_FIELD_FLAG_JSON))
            sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE dossier_text_bad (%s, %d, %u)",
                                   column, info->table, column, multiline, max_length);
          else if (field->type == DOSSIER_FIELD_STRV)
            sql = g_strdup_printf ("SELECT t.rowid, j.value FROM %s AS t, json_each (t.%s) AS j"
                                   " WHERE dossier_text_bad (j.value, %d, %u)",
                                   info->table, column, multiline, max_length);
          else if (field->type == DOSSIER_FIELD_LINKS)
            sql = g_strdup_printf ("SELECT t.rowid, l.%s FROM %s AS t JOIN %s AS l ON l.%s = t.id"
                                   " WHERE dossier_text_bad (l.%s, 0, %u)",
                                   field->link_other, info->table, field->link_table,
                                   field->link_owner, field->link_other, max_length);
          else
            continue;
          if (!report_bad_text (self, sql, info->table, column, multiline, max_length, found, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* What the store keeps beside the records: a key per UA reference, and the
 * tallies of dossier-schema.c version 4. */
static gboolean
check_derived (DossierStore  *self,
               GString       *found,
               GError       **error)
{
  static const struct {
    const char *name;
    const char *sql;
  } tallies[] = {
    { "actions", "SELECT count(*) FROM actions" },
    { "actions:mine", "SELECT count(*) FROM actions WHERE mine = 1" },
    { "feed_items", "SELECT count(*) FROM feed_items" },
    { "feed_items:unread", "SELECT count(*) FROM feed_items WHERE read = 0" },
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->schema_version < 4)
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT rowid, reference FROM urgent_actions WHERE reference_key IS NULL",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Translators: a problem found by "dossier check"; %lld is a row number,
       * %s a reference such as “UA 065/20” */
      g_string_append_printf (found, _("urgent_actions row %lld: another urgent action has the reference “%s” "
                                       "in another spelling; give one of them another reference\n"),
                              (long long) sqlite3_column_int64 (stmt, 0), sqlite3_column_text (stmt, 1));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (tallies); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT (%s), (SELECT n FROM tallies WHERE name = '%s')",
                                              tallies[i].sql, tallies[i].name);

      rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
        goto failed;
      if (sqlite3_column_int64 (stmt, 0) != sqlite3_column_int64 (stmt, 1))
        /* Translators: a problem found by "dossier check"; %s names a count kept
         * by the store, the numbers are what it says and what is there */
        g_string_append_printf (found, _("the count “%s” says %lld, but there are %lld\n"),
                                tallies[i].name, (long long) sqlite3_column_int64 (stmt, 1),
                                (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  if (self->schema_version < 5)
    return TRUE;
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT f.id, coalesce (t.items, -1), coalesce (t.unread, -1),"
                           "  (SELECT count(*) FROM feed_items WHERE feed_id = f.id),"
                           "  (SELECT count(*) FROM feed_items WHERE feed_id = f.id AND read = 0)"
                           " FROM feeds AS f LEFT JOIN feed_tallies AS t ON t.feed_id = f.id",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 1) != sqlite3_column_int64 (stmt, 3) ||
          sqlite3_column_int64 (stmt, 2) != sqlite3_column_int64 (stmt, 4))
        /* Translators: a problem found by "dossier check"; %s is a feed's id, the
         * numbers are the items and unread items the store counted and those there are */
        g_string_append_printf (found, _("feed %s: the store counts %lld items and %lld unread, "
                                         "but there are %lld and %lld\n"),
                                sqlite3_column_text (stmt, 0),
                                (long long) sqlite3_column_int64 (stmt, 1), (long long) sqlite3_column_int64 (stmt, 2),
                                (long long) sqlite3_column_int64 (stmt, 3), (long long) sqlite3_column_int64 (stmt, 4));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    goto failed;

  if (self->schema_version < 6)
    return TRUE;
  /* the actions counted per UA, channel and state, against the actions */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT k.ua_id, k.mine, k.channel, k.state, coalesce (t.n, 0), coalesce (a.n, 0) FROM"
                           " (SELECT ua_id, mine, channel, state FROM action_tallies"
                           "  UNION SELECT coalesce (ua_id, ''), mine, channel, state FROM actions) AS k"
                           " LEFT JOIN action_tallies AS t USING (ua_id, mine, channel, state)"
                           " LEFT JOIN (SELECT coalesce (ua_id, '') AS ua_id, mine, channel, state, count(*) AS n"
                           "            FROM actions GROUP BY 1, 2, 3, 4) AS a USING (ua_id, mine, channel, state)"
                           " WHERE coalesce (t.n, 0) <> coalesce (a.n, 0)",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Translators: a problem found by "dossier check"; the first %s is an
       * urgent action's id, then a channel and a state (letter, sent); the
       * numbers are the actions the store counted and those there are */
      g_string_append_printf (found, _("actions on %s (%s, %s): the store counts %lld, but there are %lld\n"),
                              sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2),
                              sqlite3_column_text (stmt, 3),
                              (long long) sqlite3_column_int64 (stmt, 4), (long long) sqlite3_column_int64 (stmt, 5));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    goto failed;

  if (self->schema_version < 12)
    return TRUE;
  /* the progress figures, against a count from scratch of the actions and
   * of the reports' active entries; then the two smaller tables against
   * the first */
  for (guint i = 0; i < G_N_ELEMENTS (progress_checks); i++)
    {
      rc = sqlite3_prepare_v2 (self->db, progress_checks[i], -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          /* Translators: a problem found by "dossier check"; the first %s is an
           * urgent action's id or a group, then the Monday of a week (2026-11-23),
           * what is counted (letter, replied) and the table that counts it; the
           * numbers are the actions the store counted and those there are */
          g_string_append_printf (found, _("progress of %s (week of %s, %s, %s): the store counts %lld, but there are %lld\n"),
                                  sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                                  sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                                  (long long) sqlite3_column_int64 (stmt, 4), (long long) sqlite3_column_int64 (stmt, 5));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (rc != SQLITE_DONE)
        goto failed;
    }
  return TRUE;

failed:
  dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/**
 * dossier_store_check_integrity:
 * @problems: (out) (optional): what SQLite found wrong, one per line
 *
 * Runs SQLite's integrity check and the foreign-key check.
 *
 * Returns: %TRUE when the check ran; *@problems is %NULL when it found nothing.
 */
gboolean
dossier_store_check_integrity (DossierStore  *self,
                               char         **problems,
                               GError       **error)
{
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (found, "%s\n", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Translators: a problem found by "dossier check": a table, a row number and another table */
      g_string_append_printf (found, _("%s row %lld refers to a missing %s\n"),
                              sqlite3_column_text (stmt, 0),
                              (long long) sqlite3_column_int64 (stmt, 1),
                              sqlite3_column_text (stmt, 2));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }

  if (!check_text (self, found, error) || !check_derived (self, found, error))
    return FALSE;

  if (problems)
    *problems = found->len ? g_string_free (g_steal_pointer (&found), FALSE) : NULL;
  return TRUE;
}
