/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dossier-figures.h"
#include "dossier-store-private.h"
#include "dossier-translations.h"
#include "dossier-urgent-action.h"

/* The figures read the tallies of version 12 (dossier-schema.c): one
 * query of a few thousand rows, summed here into every breakdown at once.
 * Which table answers depends on the filter: a UA's own rows of
 * progress_cells, a group's rows through progress_cells_by_group, or for
 * the whole campaign progress_weeks and progress_groups, whose rows do
 * not grow with the number of actions. */

#define FIRST_DAY "0001-01-01"
#define LAST_DAY "9999-12-31"
/* weeks filled in between the first and the last with actions: no more */
#define MAX_WEEKS 1100

void
dossier_figure_free (DossierFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->key);
  g_free (figure->label);
  g_free (figure->title);
  g_free (figure->deadline);
  g_free (figure->status);
  g_free (figure);
}

void
dossier_figures_free (DossierFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->total.key);
  g_free (figures->total.label);
  g_clear_pointer (&figures->by_channel, g_ptr_array_unref);
  g_clear_pointer (&figures->by_week, g_ptr_array_unref);
  g_clear_pointer (&figures->by_ua, g_ptr_array_unref);
  g_clear_pointer (&figures->by_group, g_ptr_array_unref);
  g_clear_pointer (&figures->by_target, g_ptr_array_unref);
  g_free (figures);
}

void
dossier_figure_entry_free (DossierFigureEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->action_id);
  g_free (entry->import_id);
  g_free (entry->date);
  g_free (entry->ua_key);
  g_free (entry->ua_label);
  g_free (entry->target_label);
  g_free (entry->channel);
  g_free (entry->state);
  g_free (entry->volunteer);
  g_free (entry->group);
  g_free (entry->cursor);
  g_free (entry);
}

/**
 * dossier_week_monday:
 * @date: a day, "YYYY-MM-DD"
 *
 * Returns: (nullable): the Monday of its ISO week, or %NULL if @date is not a day.
 */
char *
dossier_week_monday (const char *date)
{
  GDate day;
  guint y, m, d;

  if (date == NULL || strlen (date) != 10 || sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_subtract_days (&day, (guint) g_date_get_weekday (&day) - G_DATE_MONDAY);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day));
}

typedef struct
{
  GHashTable *map;   /* key → DossierFigure* in list */
  GPtrArray  *list;
} Breakdown;

static void
breakdown_init (Breakdown *self)
{
  self->map = g_hash_table_new (g_str_hash, g_str_equal);
  self->list = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_figure_free);
}

static GPtrArray *
breakdown_steal (Breakdown *self)
{
  g_hash_table_unref (self->map);
  return self->list;
}

static DossierFigure *
breakdown_get (Breakdown  *self,
               const char *key)
{
  DossierFigure *figure = g_hash_table_lookup (self->map, key);

  if (figure == NULL)
    {
      figure = g_new0 (DossierFigure, 1);
      figure->key = g_strdup (key);
      figure->days_left = G_MAXINT;
      g_ptr_array_add (self->list, figure);
      g_hash_table_insert (self->map, figure->key, figure);
    }
  return figure;
}

/* The counts of a row of the tallies: per channel that went out, then
 * the replies and the returned among them (dossier-schema.c, version 12). */
enum { N_CHANNELS = 8, C_REPLIED = N_CHANNELS, C_RETURNED, N_COUNTERS };
#define COUNTERS "letter, email, fax, phone, social_media, petition, solidarity_card, meeting, replied, returned"

static const char * const channel_ids[N_CHANNELS] = {
  "letter", "email", "fax", "phone", "social-media", "petition", "solidarity-card", "meeting",
};

static void
figure_add (DossierFigure *figure,
            const gint64  *counts,
            gboolean       reported)
{
  gint64 sent = 0;

  for (guint i = 0; i < N_CHANNELS; i++)
    sent += counts[i];
  figure->sent += sent;
  if (reported)
    figure->reported += sent;
  figure->replied += counts[C_REPLIED];
  figure->returned += counts[C_RETURNED];
  figure->letters += counts[0];
}

static int
compare_most_first (gconstpointer a,
                    gconstpointer b)
{
  const DossierFigure *fa = *(DossierFigure **) a;
  const DossierFigure *fb = *(DossierFigure **) b;

  if (fa->sent != fb->sent)
    return fa->sent > fb->sent ? -1 : 1;
  return g_strcmp0 (fa->key, fb->key);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 ((*(DossierFigure **) a)->key, (*(DossierFigure **) b)->key);
}

/* Where a UA comes in the overview: see DossierFigures.by_ua. */
static int
ua_rank (const DossierFigure *figure)
{
  if (figure->status == NULL)
    return *figure->key == '?' ? 3 : 4;
  if (g_str_equal (figure->status, "closed"))
    return 2;
  if (figure->goal > 0 && figure->letters < figure->goal)
    return 0;
  return 1;
}

static int
compare_uas (gconstpointer a,
             gconstpointer b)
{
  const DossierFigure *fa = *(DossierFigure **) a;
  const DossierFigure *fb = *(DossierFigure **) b;
  int ra = ua_rank (fa), rb = ua_rank (fb);

  if (ra != rb)
    return ra - rb;
  if (ra <= 1 && fa->days_left != fb->days_left)
    return fa->days_left < fb->days_left ? -1 : 1;
  if (ra >= 2 && fa->sent != fb->sent)
    return fa->sent > fb->sent ? -1 : 1;
  return g_strcmp0 (fa->label, fb->label);
}

/**
 * dossier_week_sunday:
 * @date: a day, "YYYY-MM-DD"
 *
 * Returns: (nullable): the Sunday of its ISO week, or %NULL if @date is not a day.
 */
char *
dossier_week_sunday (const char *date)
{
  g_autofree char *monday = dossier_week_monday (date);
  GDate day;
  guint y, m, d;

  if (monday == NULL || sscanf (monday, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_add_days (&day, 6);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day));
}

/* ?1 the Monday of the first week, ?2 the Sunday of the last. */
static void
bind_period (sqlite3_stmt              *stmt,
             const DossierFigureFilter *filter)
{
  g_autofree char *from = filter->from ? dossier_week_monday (filter->from) : NULL;
  g_autofree char *to = filter->to ? dossier_week_sunday (filter->to) : NULL;

  sqlite3_bind_text (stmt, 1, from ? from : FIRST_DAY, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to ? to : LAST_DAY, -1, SQLITE_TRANSIENT);
}

static int
days_until (const char *deadline,
            GDate      *today)
{
  GDate day;
  guint y, m, d;

  if (deadline == NULL || sscanf (deadline, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return G_MAXINT;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_days_between (today, &day);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* The UAs of this store and their goals, for the UAs of @uas; with
 * @add_open, the open UAs without actions too. */
static gboolean
describe_uas (DossierStore *store,
              Breakdown    *uas,
              gboolean      add_open,
              GError      **error)
{
  sqlite3_stmt *stmt;
  GDate today;
  int rc;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  stmt = dossier_store_get_statement (store,
                                      "SELECT id, reference, title, goal, deadline, status FROM urgent_actions",
                                      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 5);
      DossierFigure *figure = g_hash_table_lookup (uas->map, id);

      if (figure == NULL && add_open && !g_str_equal (status, "closed"))
        figure = breakdown_get (uas, id);
      if (figure == NULL)
        continue;
      g_free (figure->label);
      figure->label = column_dup (stmt, 1);
      figure->title = column_dup (stmt, 2);
      figure->goal = sqlite3_column_int64 (stmt, 3);
      figure->deadline = column_dup (stmt, 4);
      figure->status = g_strdup (status);
      figure->days_left = days_until (figure->deadline, &today);
    }
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < uas->list->len; i++)
    {
      DossierFigure *figure = g_ptr_array_index (uas->list, i);

      if (figure->label == NULL && *figure->key == '?')
        figure->label = g_strdup (figure->key + 1);
    }
  return TRUE;
}

/* The names of the targets among @targets' keys. */
static gboolean
describe_targets (DossierStore *store,
                  Breakdown    *targets,
                  GError      **error)
{
  sqlite3_stmt *stmt = dossier_store_get_statement (store, "SELECT name FROM targets WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < targets->list->len; i++)
    {
      DossierFigure *figure = g_ptr_array_index (targets->list, i);

      if (*figure->key == '?')
        {
          figure->label = g_strdup (figure->key + 1);
          continue;
        }
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, figure->key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        figure->label = column_dup (stmt, 0);
      else
        figure->label = g_strdup ("");
    }
  dossier_store_release_statement (stmt);
  return TRUE;
}

static void
fill_weeks (Breakdown                 *weeks,
            const DossierFigureFilter *filter)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GDate day, end;
  guint y, m, d, n = 0;

  if (filter->from)
    first = dossier_week_monday (filter->from);
  if (filter->to)
    last = dossier_week_monday (filter->to);
  for (guint i = 0; i < weeks->list->len; i++)
    {
      const char *key = ((DossierFigure *) g_ptr_array_index (weeks->list, i))->key;

      if (filter->from == NULL && (first == NULL || strcmp (key, first) < 0))
        {
          g_free (first);
          first = g_strdup (key);
        }
      if (filter->to == NULL && (last == NULL || strcmp (key, last) > 0))
        {
          g_free (last);
          last = g_strdup (key);
        }
    }
  if (first == NULL || last == NULL || sscanf (first, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (sscanf (last, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return;
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (g_date_days_between (&day, &end) / 7 > MAX_WEEKS)
    return;
  for (; g_date_compare (&day, &end) <= 0 && n < MAX_WEEKS; g_date_add_days (&day, 7), n++)
    {
      char key[11];

      g_snprintf (key, sizeof key, "%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                  g_date_get_day (&day));
      breakdown_get (weeks, key);
    }
}

enum { DIM_WEEK, DIM_UA, DIM_GROUP, DIM_TARGET, N_DIMS };

/* Reads the rows of @sql: the dimensions in @dims' order, then reported
 * and the counters. With @count_total, the total and the channels too. */
static gboolean
read_cells (DossierStore              *store,
            const char                *sql,
            const DossierFigureFilter *filter,
            const int                 *dims,
            guint                      n_dims,
            Breakdown                 *breakdowns,
            DossierFigures            *figures,
            gboolean                   count_total,
            GError                   **error)
{
  sqlite3_stmt *stmt = dossier_store_get_statement (store, sql, error);
  DossierFigure *channels[N_CHANNELS] = { NULL, };
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, filter);
  if (filter->ua)
    sqlite3_bind_text (stmt, 3, filter->ua, -1, SQLITE_TRANSIENT);
  if (filter->group)
    sqlite3_bind_text (stmt, 4, filter->group, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean reported = sqlite3_column_int (stmt, n_dims);
      gint64 counts[N_COUNTERS];
      gboolean any = FALSE;

      figures->cells_read++;
      for (guint i = 0; i < N_COUNTERS; i++)
        any |= (counts[i] = sqlite3_column_int64 (stmt, n_dims + 1 + i)) != 0;
      if (!any)
        continue;
      for (guint i = 0; i < n_dims; i++)
        figure_add (breakdown_get (&breakdowns[dims[i]], (const char *) sqlite3_column_text (stmt, i)),
                    counts, reported);
      if (!count_total)
        continue;
      figure_add (&figures->total, counts, reported);
      for (guint i = 0; i < N_CHANNELS; i++)
        if (counts[i] != 0)
          {
            if (channels[i] == NULL)
              channels[i] = breakdown_get (&breakdowns[N_DIMS], channel_ids[i]);
            channels[i]->sent += counts[i];
            if (reported)
              channels[i]->reported += counts[i];
            if (i == 0)
              channels[i]->letters += counts[i];
          }
    }
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Parameters: ?1 first Monday, ?2 last day, ?3 UA, ?4 group. */
#define PERIOD "week BETWEEN ?1 AND ?2"

/**
 * dossier_store_figures:
 *
 * Returns: (transfer full): the figures @filter keeps, or %NULL with @error set.
 */
DossierFigures *
dossier_store_figures (DossierStore               *store,
                       const DossierFigureFilter  *filter,
                       GError                    **error)
{
  g_autoptr(DossierFigures) figures = g_new0 (DossierFigures, 1);
  Breakdown parts[N_DIMS + 1];   /* the last: channels */

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  for (guint i = 0; i <= N_DIMS; i++)
    breakdown_init (&parts[i]);

  if (filter->ua)
    {
      const int dims[] = { DIM_WEEK, DIM_GROUP, DIM_TARGET, DIM_UA };
      const char *sql = filter->group
        ? "SELECT week, grp, target, ua, reported, " COUNTERS " FROM progress_cells"
          " WHERE ua = ?3 AND grp = ?4 AND " PERIOD
        : "SELECT week, grp, target, ua, reported, " COUNTERS " FROM progress_cells"
          " WHERE ua = ?3 AND " PERIOD;

      if (!read_cells (store, sql, filter, dims, G_N_ELEMENTS (dims), parts, figures, TRUE, error))
        goto failed;
    }
  else if (filter->group)
    {
      const int dims[] = { DIM_WEEK, DIM_UA, DIM_GROUP };

      if (!read_cells (store,
                       "SELECT week, ua, grp, reported, " COUNTERS " FROM progress_cells"
                       " WHERE grp = ?4 AND " PERIOD,
                       filter, dims, G_N_ELEMENTS (dims), parts, figures, TRUE, error))
        goto failed;
    }
  else
    {
      const int dims[] = { DIM_WEEK, DIM_UA };
      const int group_dims[] = { DIM_GROUP };

      if (!read_cells (store,
                       "SELECT week, ua, reported, " COUNTERS " FROM progress_weeks WHERE " PERIOD,
                       filter, dims, G_N_ELEMENTS (dims), parts, figures, TRUE, error) ||
          !read_cells (store,
                       /* all time: the totals, not every week's */
                       filter->from == NULL && filter->to == NULL
                       ? "SELECT grp, reported, " COUNTERS " FROM progress_group_totals WHERE ?1 <> ?2"
                       : "SELECT grp, reported, " COUNTERS " FROM progress_groups WHERE " PERIOD,
                       filter, group_dims, G_N_ELEMENTS (group_dims), parts, figures, FALSE, error))
        goto failed;
    }

  if (!describe_uas (store, &parts[DIM_UA], filter->ua == NULL && filter->group == NULL, error) ||
      !describe_targets (store, &parts[DIM_TARGET], error))
    goto failed;
  for (guint i = 0; i < parts[DIM_GROUP].list->len; i++)
    {
      DossierFigure *figure = g_ptr_array_index (parts[DIM_GROUP].list, i);

      figure->label = g_strdup (figure->key);
    }
  /* A week of drafts alone has no bar: it went out in no way. */
  fill_weeks (&parts[DIM_WEEK], filter);

  figures->total.key = g_strdup ("");
  figures->total.days_left = G_MAXINT;
  figures->by_week = breakdown_steal (&parts[DIM_WEEK]);
  g_ptr_array_sort (figures->by_week, compare_keys);
  figures->by_ua = breakdown_steal (&parts[DIM_UA]);
  g_ptr_array_sort (figures->by_ua, compare_uas);
  figures->by_group = breakdown_steal (&parts[DIM_GROUP]);
  g_ptr_array_sort (figures->by_group, compare_most_first);
  figures->by_target = breakdown_steal (&parts[DIM_TARGET]);
  g_ptr_array_sort (figures->by_target, compare_most_first);
  figures->by_channel = breakdown_steal (&parts[N_DIMS]);
  g_ptr_array_sort (figures->by_channel, compare_most_first);
  return g_steal_pointer (&figures);

failed:
  for (guint i = 0; i <= N_DIMS; i++)
    g_ptr_array_unref (breakdown_steal (&parts[i]));
  return NULL;
}

/**
 * dossier_figures_translate_titles:
 * @language: a language code ("ru"), as dossier_ui_language() gives
 *
 * Puts each urgent action's title in @language where the campaign has it
 * so (the title as written otherwise): for what is shown and printed in
 * the window's language.
 */
void
dossier_figures_translate_titles (DossierFigures *figures,
                                  DossierStore   *store,
                                  const char     *language)
{
  g_return_if_fail (figures != NULL);
  g_return_if_fail (DOSSIER_IS_STORE (store));

  for (guint i = 0; i < figures->by_ua->len; i++)
    {
      DossierFigure *ua = figures->by_ua->pdata[i];
      g_autoptr(DossierRecord) record = NULL;
      char *title;

      if (ua->status == NULL ||
          !(record = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, ua->key, NULL)))
        continue;
      title = dossier_record_get_text_in (record, "title", language, FALSE, NULL, NULL);
      if (title)
        {
          g_free (ua->title);
          ua->title = title;
        }
    }
}

/**
 * dossier_store_figure_groups:
 *
 * Returns: (transfer full): the volunteer groups with actions, "" first when
 *   some have none, then in the order of their names.
 */
GStrv
dossier_store_figure_groups (DossierStore  *store,
                             GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  stmt = dossier_store_get_statement (store,
                                      "SELECT grp FROM progress_group_totals GROUP BY grp"
                                      " HAVING sum(letter + email + fax + phone + social_media + petition"
                                      " + solidarity_card + meeting) > 0 ORDER BY grp",
                                      error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* The actions behind a figure: this store's and reports', newest first,
 * a page at a time after a cursor "day|sort-id" (keyset, not OFFSET). The
 * query is written for the selection, with only the conditions it needs,
 * so that each half reads an index's range (by day, or by UA and day) and
 * stops at the page's end, however deep the page: a condition of the form
 * "?n IS NULL OR column = ?n" would read every action instead.
 * Parameters: ?1 first day, ?2 last day, ?3 UA, ?4 group, ?5 channel,
 * ?8 target, ?9 state, ?10 cursor's day, ?11 its sort id, ?12 limit. */
static char *
entries_sql (const DossierFigureSelection *selection,
             gboolean                      after)
{
  const DossierFigureFilter *filter = &selection->filter;
  g_autoptr(GString) mine = g_string_new ("a.state <> 'drafted' AND a.date BETWEEN ?1 AND ?2");
  g_autoptr(GString) theirs = g_string_new ("r.active = 1 AND r.week BETWEEN ?1 AND ?2");

  if (filter->ua && *filter->ua == '\0')
    {
      g_string_append (mine, " AND a.ua_id IS NULL");
      g_string_append (theirs, " AND 0");
    }
  else if (filter->ua && *filter->ua == '?')
    {
      g_string_append (mine, " AND 0");
      g_string_append (theirs, " AND r.ua_id IS NULL AND r.ua_ref = substr(?3, 2)");
    }
  else if (filter->ua)
    {
      g_string_append (mine, " AND a.ua_id = ?3");
      g_string_append (theirs, " AND r.ua_id = ?3");
    }
  if (filter->group)
    {
      g_string_append (mine, " AND a.volunteer_group = ?4");
      g_string_append (theirs, " AND r.volunteer_group = ?4");
    }
  if (selection->channel)
    {
      g_string_append (mine, " AND a.channel = ?5");
      g_string_append (theirs, " AND r.channel = ?5");
    }
  if (selection->target && *selection->target == '\0')
    {
      g_string_append (mine, " AND a.target_id IS NULL");
      g_string_append (theirs, " AND 0");
    }
  else if (selection->target && *selection->target == '?')
    {
      g_string_append (mine, " AND 0");
      g_string_append (theirs, " AND r.target_id IS NULL AND r.target = substr(?8, 2)");
    }
  else if (selection->target)
    {
      g_string_append (mine, " AND a.target_id = ?8");
      g_string_append (theirs, " AND r.target_id = ?8");
    }
  if (selection->state)
    {
      g_string_append (mine, " AND a.state = ?9");
      g_string_append (theirs, " AND r.state = ?9");
    }
  if (after)
    {
      g_string_append (mine, " AND a.date <= ?10 AND (a.date < ?10 OR 'a' || a.id < ?11)");
      g_string_append (theirs, " AND r.week <= ?10 AND (coalesce(r.date, r.week) < ?10"
                               " OR (coalesce(r.date, r.week) = ?10 AND 'r' || r.import_id || '/' || r.seq < ?11))");
    }
  return g_strdup_printf (
    "SELECT * FROM ("
    " SELECT a.date AS day, 'a' || a.id AS sort_id, a.id, NULL, 0, coalesce(a.ua_id, ''), u.reference,"
    "   coalesce(t.name, ''), a.channel, a.state, a.volunteer, a.volunteer_group, 1"
    " FROM actions AS a LEFT JOIN urgent_actions AS u ON u.id = a.ua_id"
    "   LEFT JOIN targets AS t ON t.id = a.target_id"
    " WHERE %s ORDER BY a.date DESC, a.id DESC LIMIT ?12)"
    " UNION ALL SELECT * FROM ("
    " SELECT coalesce(r.date, r.week), 'r' || r.import_id || '/' || r.seq, NULL, r.import_id, r.date IS NULL,"
    "   coalesce(r.ua_id, '?' || r.ua_ref), coalesce(u.reference, r.ua_ref), coalesce(t.name, r.target),"
    "   r.channel, r.state, r.volunteer, r.volunteer_group, r.n"
    " FROM reported AS r LEFT JOIN urgent_actions AS u ON u.id = r.ua_id"
    "   LEFT JOIN targets AS t ON t.id = r.target_id"
    " WHERE %s ORDER BY coalesce(r.date, r.week) DESC, 'r' || r.import_id || '/' || r.seq DESC LIMIT ?12)"
    " ORDER BY 1 DESC, 2 DESC LIMIT ?12",
    mine->str, theirs->str);
}

/**
 * dossier_store_figure_entries:
 * @after: (nullable): the cursor of the last entry of the previous page
 *
 * Returns: (transfer full) (element-type DossierFigureEntry): at most @limit entries.
 */
GPtrArray *
dossier_store_figure_entries (DossierStore                 *store,
                              const DossierFigureSelection *selection,
                              const char                   *after,
                              guint                         limit,
                              GError                      **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_figure_entry_free);
  const DossierFigureFilter *filter = &selection->filter;
  g_autofree char *sql = NULL;
  g_auto(GStrv) cursor = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  if (after)
    {
      cursor = g_strsplit (after, "|", 2);
      if (g_strv_length (cursor) != 2)
        g_clear_pointer (&cursor, g_strfreev);
    }

  sql = entries_sql (selection, cursor != NULL);
  stmt = dossier_store_get_statement (store, sql, error);
  if (stmt == NULL)
    return NULL;
  /* the filter's weeks, narrowed to the bar's week */
  {
    g_autofree char *from = filter->from ? dossier_week_monday (filter->from) : g_strdup (FIRST_DAY);
    g_autofree char *to = filter->to ? dossier_week_sunday (filter->to) : g_strdup (LAST_DAY);

    if (selection->week)
      {
        g_autofree char *sunday = dossier_week_sunday (selection->week);

        if (from == NULL || strcmp (selection->week, from) > 0)
          {
            g_free (from);
            from = g_strdup (selection->week);
          }
        if (sunday && (to == NULL || strcmp (sunday, to) < 0))
          {
            g_free (to);
            to = g_steal_pointer (&sunday);
          }
      }
    sqlite3_bind_text (stmt, 1, from ? from : FIRST_DAY, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, to ? to : LAST_DAY, -1, SQLITE_TRANSIENT);
  }
  sqlite3_bind_text (stmt, 3, filter->ua, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, filter->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, selection->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, selection->target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, selection->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, cursor ? cursor[0] : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, cursor ? cursor[1] : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, (int) MIN (limit, G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierFigureEntry *entry = g_new0 (DossierFigureEntry, 1);

      entry->date = column_dup (stmt, 0);
      entry->cursor = g_strdup_printf ("%s|%s", entry->date, (const char *) sqlite3_column_text (stmt, 1));
      entry->action_id = column_dup (stmt, 2);
      entry->import_id = column_dup (stmt, 3);
      entry->week_only = sqlite3_column_int (stmt, 4);
      entry->ua_key = column_dup (stmt, 5);
      entry->ua_label = column_dup (stmt, 6);
      entry->target_label = column_dup (stmt, 7);
      entry->channel = column_dup (stmt, 8);
      entry->state = column_dup (stmt, 9);
      entry->volunteer = column_dup (stmt, 10);
      entry->group = column_dup (stmt, 11);
      entry->n = sqlite3_column_int64 (stmt, 12);
      g_ptr_array_add (entries, entry);
    }
  dossier_store_release_statement (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
