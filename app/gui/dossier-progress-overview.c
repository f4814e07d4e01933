/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-csv.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-progress-report.h"

/* Progress's figures in words, as the dashboard, `dossier progress`, the
 * printed report (dossier-progress-report.c) and the files say them: the
 * names of UAs, periods and filters, the columns of a chart over time,
 * and the overview as JSON and the table of urgent actions as CSV. */

#define OVERVIEW_VERSION      1

static const char *const month_abbreviations[] = {
  NC_("month abbreviated", "Jan"),
  NC_("month abbreviated", "Feb"),
  NC_("month abbreviated", "Mar"),
  NC_("month abbreviated", "Apr"),
  NC_("month abbreviated", "May"),
  NC_("month abbreviated", "Jun"),
  NC_("month abbreviated", "Jul"),
  NC_("month abbreviated", "Aug"),
  NC_("month abbreviated", "Sep"),
  NC_("month abbreviated", "Oct"),
  NC_("month abbreviated", "Nov"),
  NC_("month abbreviated", "Dec"),
};

/* ---- Words and numbers ---------------------------------------------- */

/**
 * dossier_progress_format_count:
 *
 * Returns: (transfer full): @n as the locale writes it: "1,204", "1 204"
 */
char *
dossier_progress_format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/**
 * dossier_progress_format_percent:
 * @ua: a UA's figures
 *
 * Returns: (transfer full): how far its letters are towards its goal, in
 *   whole percent ("45%", "45 %"), or a dash when it has no goal
 */
char *
dossier_progress_format_percent (const DossierFigure *ua)
{
  g_autofree char *number = NULL;

  if (ua->goal <= 0)
    return g_strdup ("—");
  number = dossier_progress_format_count (ua->letters * 100 / ua->goal);
  /* Translators: a share of a UA's goal reached, in whole percent: write
   * it as your language does ("45%", "45 %"); %s is the number */
  return g_strdup_printf (C_("percent", "%s%%"), number);
}

/**
 * dossier_progress_ua_name:
 * @ua: a row of DossierFigures.by_ua
 *
 * Returns: (transfer full): what a person calls it: its reference; for a
 *   UA only volunteers' reports name, "Unknown UA ‹REF›"
 */
char *
dossier_progress_ua_name (const DossierFigure *ua)
{
  g_return_val_if_fail (ua != NULL, NULL);

  if (ua->key[0] == '?')
    /* Translators: an urgent action that volunteers' reports name but
     * this computer does not have; %s is its reference, "UA 065/20" */
    return g_strdup_printf (_("Unknown UA ‹%s›"), ua->label ? ua->label : ua->key + 1);
  if (ua->key[0] == '\0' || ua->label == NULL)
    /* Translators: the actions on urgent actions removed from the store since */
    return g_strdup (_("Deleted urgent actions"));
  return g_strdup (ua->label);
}

/* The second line of a UA in a table: its title, or why it has none. */
const char *
dossier_progress_ua_subtitle (const DossierFigure *ua)
{
  if (ua->key[0] == '?')
    return _("Only known from volunteers’ reports");
  return ua->title ? ua->title : "";
}

static const DossierFigure *
find_ua (DossierFigures *figures,
         const char     *key)
{
  for (guint i = 0; key && i < figures->by_ua->len; i++)
    {
      const DossierFigure *ua = g_ptr_array_index (figures->by_ua, i);

      if (g_str_equal (ua->key, key))
        return ua;
    }
  return NULL;
}

/**
 * dossier_progress_describe_filter:
 *
 * Returns: (transfer full): which actions the figures count, as a line
 *   for a person: "All urgent actions", "UA 065/20: Release …"; with
 *   the group on a line of its own when there is one
 */
char *
dossier_progress_describe_filter (DossierFigures            *figures,
                                  const DossierFigureFilter *filter)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (filter->ua)
    {
      const DossierFigure *ua = find_ua (figures, filter->ua);
      g_autofree char *name = NULL;

      if (ua)
        name = dossier_progress_ua_name (ua);
      else
        name = g_strdup (filter->ua[0] == '?' ? filter->ua + 1 : filter->ua);
      if (ua && ua->title && *ua->title)
        /* Translators: what a progress report covers: one urgent action;
         * %1$s is its reference, %2$s its title */
        g_string_append_printf (text, _("Urgent action %1$s: %2$s"), name, ua->title);
      else
        /* Translators: what a progress report covers: one urgent action; %s is its reference */
        g_string_append_printf (text, _("Urgent action %s"), name);
    }
  else
    g_string_append (text, _("All urgent actions"));
  if (filter->group)
    {
      g_string_append_c (text, '\n');
      if (*filter->group)
        /* Translators: %s is a volunteer group's name */
        g_string_append_printf (text, _("Group: %s"), filter->group);
      else
        g_string_append (text, _("Volunteers who gave no group"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "W14": a week under a column of the chart. */
static char *
week_number_label (const char *monday)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (sscanf (monday, "%d-%d-%d", &y, &m, &d) != 3 ||
      !(date = g_date_time_new_local (y, m, d, 12, 0, 0)))
    return g_strdup (monday);
  /* Translators: a week of the year under a column of a chart, as short
   * as it can be: "W14" for ISO week 14 */
  return g_strdup_printf (C_("week number", "W%d"), g_date_time_get_week_of_year (date));
}

/* The columns of the chart over time: a week each while they are few
 * enough to read, else a month or a year each, made of the weeks whose
 * Monday is in it (reports know no finer date than the week). */
#define MAX_WEEK_COLUMNS 26
#define MAX_MONTH_COLUMNS 36

void
dossier_time_bar_free (DossierTimeBar *bar)
{
  g_free (bar->key);
  g_free (bar->label);
  g_free (bar->first);
  g_free (bar->last);
  g_free (bar);
}

static char *
span_label (DossierProgressSpan span,
            const char *monday,
            gboolean    one_year)
{
  int y = 0, m = 0, d = 0;

  if (span == DOSSIER_PROGRESS_SPAN_WEEK)
    return week_number_label (monday);
  if (sscanf (monday, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup (monday);
  if (span == DOSSIER_PROGRESS_SPAN_YEAR)
    return g_strdup_printf ("%d", y);
  if (one_year)
    return g_strdup (dossier_month_alone (m));
  /* Translators: a month under a column of a chart, "June 2025": %s is
   * the month's name as written without a day, %d the year */
  return g_strdup_printf (C_("month and year", "%s %d"), dossier_month_alone (m), y);
}

/**
 * dossier_progress_time_bars:
 * @weeks: (element-type DossierFigure): every week, oldest first
 *
 * Returns: (transfer full) (element-type DossierTimeBar): the columns of a
 *   chart over time, with the span each stands for.
 */
GPtrArray *
dossier_progress_time_bars (GPtrArray           *weeks,
                            DossierProgressSpan *span_out)
{
  GPtrArray *bars = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_time_bar_free);
  const char *first = weeks->len ? ((DossierFigure *) g_ptr_array_index (weeks, 0))->key : "";
  const char *last = weeks->len ? ((DossierFigure *) g_ptr_array_index (weeks, weeks->len - 1))->key : "";
  int first_year = atoi (first), last_year = atoi (last);
  int months = (last_year - first_year) * 12 + (weeks->len ? atoi (last + 5) - atoi (first + 5) + 1 : 0);
  DossierProgressSpan span = weeks->len <= MAX_WEEK_COLUMNS ? DOSSIER_PROGRESS_SPAN_WEEK : months <= MAX_MONTH_COLUMNS ? DOSSIER_PROGRESS_SPAN_MONTH : DOSSIER_PROGRESS_SPAN_YEAR;
  /* "YYYY-MM" of a month, "YYYY" of a year */
  gsize prefix = span == DOSSIER_PROGRESS_SPAN_MONTH ? 7 : 4;
  DossierTimeBar *bar = NULL;

  for (guint i = 0; i < weeks->len; i++)
    {
      DossierFigure *week = g_ptr_array_index (weeks, i);

      if (span == DOSSIER_PROGRESS_SPAN_WEEK || bar == NULL || strncmp (bar->first, week->key, prefix) != 0)
        {
          bar = g_new0 (DossierTimeBar, 1);
          bar->first = g_strdup (week->key);
          bar->label = span_label (span, week->key, first_year == last_year);
          g_ptr_array_add (bars, bar);
        }
      g_free (bar->last);
      bar->last = g_strdup (week->key);
      bar->sent += week->sent;
      bar->reported += week->reported;
    }
  for (guint i = 0; i < bars->len; i++)
    {
      bar = g_ptr_array_index (bars, i);
      bar->key = span == DOSSIER_PROGRESS_SPAN_WEEK ? g_strdup (bar->first) : g_strdup_printf ("%s/%s", bar->first, bar->last);
    }
  *span_out = span;
  return bars;
}

/* The title of a chart over time: "Actions per Week" (@title_case, as
 * the dashboard's headings) or "Actions per week" (the report's). */
const char *
dossier_progress_time_title (DossierProgressSpan span,
                             gboolean            title_case)
{
  const char *titles[] = { N_("Actions per Week"), N_("Actions per Month"), N_("Actions per Year") };
  const char *sentences[] = { N_("Actions per week"), N_("Actions per month"), N_("Actions per year") };

  return title_case ? _(titles[span]) : _(sentences[span]);
}

/* The first and last day the figures count: whole ISO weeks. */
static void
get_period (DossierFigures            *figures,
            const DossierFigureFilter *filter,
            char                     **first,
            char                     **last)
{
  g_autofree char *first_monday = NULL;
  g_autofree char *last_monday = NULL;

  if (figures->by_week->len > 0)
    {
      const DossierFigure *a = g_ptr_array_index (figures->by_week, 0);
      const DossierFigure *b = g_ptr_array_index (figures->by_week, figures->by_week->len - 1);

      first_monday = g_strdup (a->key);
      last_monday = g_strdup (b->key);
    }
  if (filter->from)
    {
      g_free (first_monday);
      first_monday = dossier_week_monday (filter->from);
    }
  if (filter->to)
    {
      g_free (last_monday);
      last_monday = dossier_week_monday (filter->to);
    }
  *first = g_steal_pointer (&first_monday);
  *last = dossier_week_sunday (last_monday);
}

/**
 * dossier_progress_describe_period:
 *
 * Returns: (transfer full): the weeks the figures count, as a line for a
 *   person
 */
char *
dossier_progress_describe_period (DossierFigures            *figures,
                                  const DossierFigureFilter *filter)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  get_period (figures, filter, &first, &last);
  if (first == NULL && last == NULL)
    return g_strdup (_("Period: no actions yet"));
  from = first ? dossier_format_date (first) : g_strdup ("…");
  to = last ? dossier_format_date (last) : g_strdup ("…");
  /* Translators: the weeks a progress report counts; %1$s and %2$s are
   * dates ("6 April 2026"), the Monday of the first week and the Sunday
   * of the last */
  return g_strdup_printf (_("Period: from %1$s to %2$s"), from, to);
}

/* A week on a chart's axis, by its Monday: "30 Nov", or "30 Nov 2026"
 * when the chart spans more than a year. */
char *
dossier_progress_week_label (const char *monday,
            gboolean    with_year)
{
  guint y, m, d;
  const char *month;

  if (sscanf (monday, "%4u-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup (monday);
  month = g_dpgettext2 (GETTEXT_PACKAGE, "month abbreviated", month_abbreviations[m - 1]);
  if (with_year)
    /* Translators: a week on a chart, by its Monday: %1$d is the day, %2$s
     * the month abbreviated, %3$d the year ("30 Nov 2026"); order them as
     * your language does */
    return g_strdup_printf (C_("week on a chart", "%1$d %2$s %3$d"), (int) d, month, (int) y);
  /* Translators: a week on a chart, by its Monday: %1$d is the day, %2$s
   * the month abbreviated ("30 Nov"); order them as your language does */
  return g_strdup_printf (C_("week on a chart", "%1$d %2$s"), (int) d, month);
}

const char *
dossier_progress_channel_label (const char *channel)
{
  const char *label = dossier_enum_label (DOSSIER_ENUM_CHANNEL, channel);

  return label ? label : channel;
}

/* ---- JSON ----------------------------------------------------------- */

static void
add_counts (JsonBuilder         *builder,
            const DossierFigure *figure)
{
  json_builder_set_member_name (builder, "sent");
  json_builder_add_int_value (builder, figure->sent);
  json_builder_set_member_name (builder, "reported");
  json_builder_add_int_value (builder, figure->reported);
  json_builder_set_member_name (builder, "replied");
  json_builder_add_int_value (builder, figure->replied);
  json_builder_set_member_name (builder, "returned");
  json_builder_add_int_value (builder, figure->returned);
  json_builder_set_member_name (builder, "letters");
  json_builder_add_int_value (builder, figure->letters);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_list (JsonBuilder *builder,
          const char  *name,
          const char  *key_name,
          GPtrArray   *list,
          gboolean     labelled)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const DossierFigure *figure = g_ptr_array_index (list, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, key_name);
      json_builder_add_string_value (builder, figure->key);
      if (labelled)
        add_string_or_null (builder, "name", figure->label);
      add_counts (builder, figure);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * dossier_progress_to_json:
 * @figures: what dossier_store_figures() read
 * @filter: what it was asked for
 *
 * The overview as docs/report-format.md describes it ("Progress overview
 * (JSON)"): the filter, the period, the totals and every breakdown.
 *
 * Returns: (transfer full): UTF-8 JSON text ending with a line feed
 */
GBytes *
dossier_progress_to_json (DossierFigures            *figures,
                          const DossierFigureFilter *filter,
                          GError                   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const DossierFigure *ua = NULL;
  char *text;
  gsize length;

  g_return_val_if_fail (figures != NULL && filter != NULL, NULL);

  get_period (figures, filter, &first, &last);
  if (filter->ua)
    ua = find_ua (figures, filter->ua);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, OVERVIEW_VERSION);
  json_builder_set_member_name (builder, "generated");
  json_builder_add_string_value (builder, generated);

  json_builder_set_member_name (builder, "filter");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "ua", filter->ua);
  add_string_or_null (builder, "ua_reference", ua ? ua->label : NULL);
  add_string_or_null (builder, "group", filter->group);
  add_string_or_null (builder, "from", filter->from);
  add_string_or_null (builder, "to", filter->to);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "first_day", first);
  add_string_or_null (builder, "last_day", last);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  add_counts (builder, &figures->total);
  json_builder_end_object (builder);

  add_list (builder, "by_channel", "channel", figures->by_channel, FALSE);
  add_list (builder, "by_week", "week", figures->by_week, FALSE);

  json_builder_set_member_name (builder, "by_ua");
  json_builder_begin_array (builder);
  for (guint i = 0; i < figures->by_ua->len; i++)
    {
      const DossierFigure *row = g_ptr_array_index (figures->by_ua, i);
      gboolean known = row->key[0] != '?' && row->key[0] != '\0';

      json_builder_begin_object (builder);
      add_string_or_null (builder, "key", row->key);
      add_string_or_null (builder, "reference", row->label);
      json_builder_set_member_name (builder, "known");
      json_builder_add_boolean_value (builder, known);
      add_string_or_null (builder, "title", row->title);
      add_string_or_null (builder, "status", row->status);
      json_builder_set_member_name (builder, "goal");
      if (row->goal > 0)
        json_builder_add_int_value (builder, row->goal);
      else
        json_builder_add_null_value (builder);
      add_string_or_null (builder, "deadline", row->deadline);
      json_builder_set_member_name (builder, "days_left");
      if (row->deadline && row->days_left != G_MAXINT)
        json_builder_add_int_value (builder, row->days_left);
      else
        json_builder_add_null_value (builder);
      add_counts (builder, row);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_list (builder, "by_group", "group", figures->by_group, FALSE);
  add_list (builder, "by_target", "target", figures->by_target, TRUE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  text = g_realloc (text, length + 2);
  text[length++] = '\n';
  text[length] = '\0';
  return g_bytes_new_take (text, length);
}

/* ---- CSV ------------------------------------------------------------ */

static void
append_count (GString *out,
              gint64   n)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  dossier_csv_append_field (out, text);
}

/**
 * dossier_progress_ua_table_to_csv:
 *
 * The table of urgent actions, as RFC 4180 writes it (UTF-8, CRLF, a
 * header row in the UI language); numbers and dates as a spreadsheet reads
 * them: plain digits, YYYY-MM-DD.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes *
dossier_progress_ua_table_to_csv (DossierFigures  *figures,
                                  GError         **error)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (figures != NULL, NULL);

  /* Translators: the columns of the table of urgent actions saved as CSV */
  dossier_csv_append_field (out, C_("progress column", "Reference"));
  dossier_csv_append_field (out, C_("progress column", "Title"));
  dossier_csv_append_field (out, C_("progress column", "Goal"));
  dossier_csv_append_field (out, C_("progress column", "Letters"));
  dossier_csv_append_field (out, C_("progress column", "Sent"));
  dossier_csv_append_field (out, C_("progress column", "From reports"));
  dossier_csv_append_field (out, C_("progress column", "Replies"));
  dossier_csv_append_field (out, C_("progress column", "Returned"));
  dossier_csv_append_field (out, C_("progress column", "Deadline"));
  dossier_csv_end_row (out);
  for (guint i = 0; i < figures->by_ua->len; i++)
    {
      const DossierFigure *ua = g_ptr_array_index (figures->by_ua, i);
      g_autofree char *name = dossier_progress_ua_name (ua);

      /* the reference as it is, for sorting; what it is in the title */
      dossier_csv_append_field (out, ua->label);
      if (ua->key[0] == '?')
        dossier_csv_append_field (out, dossier_progress_ua_subtitle (ua));
      else if (ua->key[0] == '\0')
        dossier_csv_append_field (out, name);
      else
        dossier_csv_append_field (out, ua->title);
      if (ua->goal > 0)
        append_count (out, ua->goal);
      else
        dossier_csv_append_field (out, "");
      append_count (out, ua->letters);
      append_count (out, ua->sent);
      append_count (out, ua->reported);
      append_count (out, ua->replied);
      append_count (out, ua->returned);
      dossier_csv_append_field (out, ua->deadline);
      dossier_csv_end_row (out);
    }
  return g_string_free_to_bytes (out);
}
