/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gui"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "dossier-chart.h"
#include "dossier-csv.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-progress-report.h"

/* The progress report is drawn by one function per page on any cairo
 * context: a PDF surface for `dossier progress --pdf` (no display needed)
 * and the print context of a GtkPrintOperation for the window, both laid
 * out over the whole sheet from its edges, in points. Page 1 holds the
 * title, what the report covers, the overview figures and the two charts;
 * the table of urgent actions follows, on page 1 if it has room for a few
 * rows, its header repeated on every page it runs over. */

#define A4_WIDTH          595.276
#define A4_HEIGHT         841.890
#define MARGIN            50.0
#define FOOTER            30.0   /* from the sheet's bottom edge to the page number */
#define GAP               16.0   /* between blocks */
#define CELL_PAD          4.0
#define WEEK_CHART_HEIGHT 170.0
#define MIN_FIRST_ROWS    3      /* rows the table needs on page 1 to start there */
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
static const char *
ua_subtitle (const DossierFigure *ua)
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
static char *
week_label (const char *monday,
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

static const char *
channel_label (const char *channel)
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
        dossier_csv_append_field (out, ua_subtitle (ua));
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

/* ---- The printed report --------------------------------------------- */

enum
{
  COL_UA,
  COL_GOAL,
  COL_LETTERS,
  COL_PROGRESS,
  COL_DEADLINE,
  N_COLUMNS
};

/* the least share of the text width the column of UAs keeps */
#define UA_COLUMN_SHARE 0.20
#define COLUMN_GAP      8.0

struct _DossierProgressReport
{
  DossierFigures *figures;        /* not owned */
  char           *covers;         /* what the report covers, one line or two */
  char           *period;
  char           *generated;
  GArray         *week_bars;      /* of DossierChartBar */
  DossierProgressSpan span;       /* what each of them stands for */
  GArray         *channel_bars;
  GPtrArray      *strings;        /* the bars' labels */

  /* laid out by dossier_progress_report_paginate() */
  double          width, height;
  double          left, right, top, bottom;
  double          header_height;  /* title and the lines under it */
  double          figures_height;
  double          channel_height; /* the channel chart alone */
  double          table_top;      /* where the table starts on its first page */
  double          head_height;    /* the table's header row */
  double          row_height;
  double          column_x[N_COLUMNS];     /* where each column's text starts */
  double          column_width[N_COLUMNS];
  int             table_page;     /* the page the table starts on */
  GArray         *page_rows;      /* the first row of each page of the table */
  int             n_pages;
};

/**
 * dossier_progress_report_new:
 * @figures: (transfer none): the figures to report; they must outlive it
 * @filter: what they were read for
 * @generated: (nullable): when the report is made; now when %NULL
 */
DossierProgressReport *
dossier_progress_report_new (DossierFigures            *figures,
                             const DossierFigureFilter *filter,
                             GDateTime                 *generated)
{
  DossierProgressReport *self = g_new0 (DossierProgressReport, 1);
  g_autoptr(GDateTime) now = generated ? g_date_time_to_local (generated) : g_date_time_new_now_local ();
  g_autofree char *when = dossier_format_date_time (now, DOSSIER_DATE_STYLE_DATE_TIME, NULL);

  g_return_val_if_fail (figures != NULL && filter != NULL, NULL);

  self->figures = figures;
  self->covers = dossier_progress_describe_filter (figures, filter);
  self->period = dossier_progress_describe_period (figures, filter);
  /* Translators: %s is a date and time, "30 November 2026, 14:05" */
  self->generated = g_strdup_printf (_("Generated on %s"), when);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->week_bars = g_array_new (FALSE, TRUE, sizeof (DossierChartBar));
  self->channel_bars = g_array_new (FALSE, TRUE, sizeof (DossierChartBar));
  self->page_rows = g_array_new (FALSE, FALSE, sizeof (int));

  /* a week a column while they are few, else a month or a year, as the
   * dashboard draws it */
  {
    g_autoptr(GPtrArray) times = dossier_progress_time_bars (figures->by_week, &self->span);

    for (guint i = 0; i < times->len; i++)
      {
        DossierTimeBar *time = g_ptr_array_index (times, i);
        char *key = g_strdup (time->key);
        char *label = self->span == DOSSIER_PROGRESS_SPAN_WEEK
                      ? week_label (time->first, FALSE) : g_strdup (time->label);
        DossierChartBar bar = { key, label, time->sent, time->reported };

        g_ptr_array_add (self->strings, key);
        g_ptr_array_add (self->strings, label);
        g_array_append_val (self->week_bars, bar);
      }
  }
  for (guint i = 0; i < figures->by_channel->len; i++)
    {
      const DossierFigure *channel = g_ptr_array_index (figures->by_channel, i);
      DossierChartBar bar = { channel->key, channel_label (channel->key), channel->sent, channel->reported };

      g_array_append_val (self->channel_bars, bar);
    }
  return self;
}

void
dossier_progress_report_free (DossierProgressReport *self)
{
  if (self == NULL)
    return;
  g_free (self->covers);
  g_free (self->period);
  g_free (self->generated);
  g_array_unref (self->week_bars);
  g_array_unref (self->channel_bars);
  g_ptr_array_unref (self->strings);
  g_array_unref (self->page_rows);
  g_free (self);
}

/* A layout of @text in @font ("Sans Bold 9"), @width wide (wrapped, or
 * on one line ellipsized), aligned. */
static PangoLayout *
make_layout (PangoContext   *context,
             const char     *text,
             const char     *font,
             double          width,
             PangoAlignment  alignment,
             gboolean        one_line)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  if (one_line)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  else
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
text_height (PangoContext *context,
             const char   *text,
             const char   *font,
             double        width)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, width, PANGO_ALIGN_LEFT, FALSE);

  return layout_height (layout);
}

/* Draws @text at (@x, @y), its top; returns its height. */
static double
draw_text (cairo_t        *cr,
           PangoContext   *context,
           double          x,
           double          y,
           double          width,
           const char     *text,
           const char     *font,
           PangoAlignment  alignment,
           gboolean        one_line)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, width, alignment, one_line);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return layout_height (layout);
}

#define TITLE_FONT    "Sans Bold 24"
#define LINE_FONT     "Sans 11"
#define HEADING_FONT  "Sans Bold 14"
#define FIGURE_FONT   "Sans Bold 22"
#define LABEL_FONT    "Sans 10"
#define TABLE_FONT    "Sans 10"
#define BOLD_FONT     "Sans Bold 10"
#define SMALL_FONT    "Sans 8.5"
#define CHART_FONT    "Sans 9"

static const char *
figure_label (guint i)
{
  switch (i)
    {
    case 0:
      /* Translators: the overview figures of a progress report */
      return C_("progress figure", "Actions that went out");
    case 1:
      return C_("progress figure", "Of those, from volunteers’ reports");
    case 2:
      return C_("progress figure", "Replies");
    default:
      return C_("progress figure", "Returned letters");
    }
}

static gint64
figure_value (const DossierFigure *total,
              guint                i)
{
  switch (i)
    {
    case 0:
      return total->sent;
    case 1:
      return total->reported;
    case 2:
      return total->replied;
    default:
      return total->returned;
    }
}

#define N_FIGURES 4

static double
measure_figures (DossierProgressReport *self,
                 PangoContext          *context)
{
  double cell = (self->right - self->left) / N_FIGURES;
  double height = 0;

  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *value = dossier_progress_format_count (figure_value (&self->figures->total, i));
      double h = text_height (context, value, FIGURE_FONT, cell - 2 * CELL_PAD) +
                 text_height (context, figure_label (i), LABEL_FONT, cell - 2 * CELL_PAD);

      height = MAX (height, h);
    }
  return height + 2 * CELL_PAD;
}

static double
measure_header (DossierProgressReport *self,
                PangoContext          *context)
{
  double width = self->right - self->left;

  return text_height (context, _("Progress report"), TITLE_FONT, width) + 6 +
         text_height (context, self->covers, LINE_FONT, width) +
         text_height (context, self->period, LINE_FONT, width) +
         text_height (context, self->generated, LINE_FONT, width);
}

static void
column_extent (DossierProgressReport *self,
               int                    column,
               double                *x,
               double                *width)
{
  *x = self->column_x[column];
  *width = self->column_width[column];
}

static const char *
column_title (int column)
{
  switch (column)
    {
    case COL_UA:
      /* Translators: the columns of the table of urgent actions in the
       * printed progress report */
      return C_("progress column", "Urgent action");
    case COL_GOAL:
      return C_("progress column", "Goal");
    case COL_LETTERS:
      return C_("progress column", "Letters");
    case COL_PROGRESS:
      return C_("progress column", "Progress");
    default:
      return C_("progress column", "Deadline");
    }
}

static double
natural_width (PangoContext *context,
            const char   *text,
            const char   *font)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, -1, PANGO_ALIGN_LEFT, FALSE);
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* Each column of figures as wide as its widest cell or its title, the
 * urgent actions the rest; titles that still do not fit wrap. */
static void
measure_columns (DossierProgressReport *self,
                 PangoContext          *context)
{
  double widths[N_COLUMNS] = { 0 };
  double total = self->right - self->left;
  double others = 0, x;

  for (int i = COL_GOAL; i < N_COLUMNS; i++)
    widths[i] = natural_width (context, column_title (i), BOLD_FONT);
  for (guint r = 0; r < self->figures->by_ua->len; r++)
    {
      const DossierFigure *ua = g_ptr_array_index (self->figures->by_ua, r);
      g_autofree char *goal = ua->goal > 0 ? dossier_progress_format_count (ua->goal) : g_strdup ("—");
      g_autofree char *letters = dossier_progress_format_count (ua->letters);
      g_autofree char *percent = dossier_progress_format_percent (ua);
      g_autofree char *deadline = ua->deadline ? dossier_format_date (ua->deadline) : g_strdup ("—");

      widths[COL_GOAL] = MAX (widths[COL_GOAL], natural_width (context, goal, TABLE_FONT));
      widths[COL_LETTERS] = MAX (widths[COL_LETTERS], natural_width (context, letters, TABLE_FONT));
      widths[COL_PROGRESS] = MAX (widths[COL_PROGRESS], natural_width (context, percent, TABLE_FONT));
      widths[COL_DEADLINE] = MAX (widths[COL_DEADLINE], natural_width (context, deadline, TABLE_FONT));
    }
  /* a point to spare: a cell measured to the last fraction of its text
   * would wrap or lose its end to rounding */
  for (int i = COL_GOAL; i < N_COLUMNS; i++)
    {
      widths[i] += 1;
      others += widths[i] + COLUMN_GAP;
    }
  /* too wide: every column of figures gives up the same share */
  if (others > total * (1 - UA_COLUMN_SHARE))
    {
      double scale = total * (1 - UA_COLUMN_SHARE) / others;

      for (int i = COL_GOAL; i < N_COLUMNS; i++)
        widths[i] = (widths[i] + COLUMN_GAP) * scale - COLUMN_GAP;
      others = total * (1 - UA_COLUMN_SHARE);
    }
  widths[COL_UA] = total - others - 2 * CELL_PAD;

  x = self->left + CELL_PAD;
  for (int i = 0; i < N_COLUMNS; i++)
    {
      self->column_x[i] = x;
      self->column_width[i] = widths[i];
      x += widths[i] + COLUMN_GAP;
    }
}

static double
measure_head (DossierProgressReport *self,
              PangoContext          *context)
{
  double height = 0;

  for (int i = 0; i < N_COLUMNS; i++)
    {
      double x, width;

      column_extent (self, i, &x, &width);
      height = MAX (height, text_height (context, column_title (i), BOLD_FONT, width));
    }
  return height + 2 * CELL_PAD;
}

static double
chart_title_height (PangoContext *context,
                    double        width)
{
  return text_height (context, dossier_progress_time_title (DOSSIER_PROGRESS_SPAN_MONTH, FALSE), HEADING_FONT, width) + 6 +
         text_height (context, _("From volunteers’ reports"), SMALL_FONT, width) + 6;
}

/**
 * dossier_progress_report_paginate:
 * @context: the context its text is laid out in, for the surface it will
 *   be drawn on
 * @width: the sheet's width in points
 * @height: the sheet's height in points
 *
 * Lays the report out on sheets of this size.
 *
 * Returns: how many pages it takes
 */
int
dossier_progress_report_paginate (DossierProgressReport *self,
                                  PangoContext          *context,
                                  double                 width,
                                  double                 height)
{
  double text_width, y, room;
  guint n_rows, row;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);

  self->width = width;
  self->height = height;
  self->left = MARGIN;
  self->right = width - MARGIN;
  self->top = MARGIN;
  self->bottom = height - MARGIN;
  text_width = self->right - self->left;

  self->header_height = measure_header (self, context);
  self->figures_height = measure_figures (self, context);
  self->channel_height = dossier_chart_measure_height (context, text_width, DOSSIER_CHART_BARS,
                                                       (DossierChartBar *) self->channel_bars->data,
                                                       self->channel_bars->len);
  measure_columns (self, context);
  self->head_height = measure_head (self, context);
  self->row_height = text_height (context, "Ag", BOLD_FONT, -1) +
                     text_height (context, "Ag", SMALL_FONT, -1) + 2 * CELL_PAD;

  y = self->top + self->header_height + GAP + self->figures_height + GAP +
      chart_title_height (context, text_width) + WEEK_CHART_HEIGHT + GAP +
      chart_title_height (context, text_width) + self->channel_height + GAP;
  /* the table's heading, "Urgent actions" */
  y += text_height (context, _("Urgent actions"), HEADING_FONT, text_width) + 6;

  n_rows = self->figures->by_ua->len;
  g_array_set_size (self->page_rows, 0);
  if (self->bottom - y - self->head_height >= MIN (n_rows, MIN_FIRST_ROWS) * self->row_height &&
      self->bottom - y - self->head_height >= self->row_height)
    {
      self->table_page = 0;
      self->table_top = y;
    }
  else
    {
      self->table_page = 1;
      self->table_top = self->top + text_height (context, _("Urgent actions"), HEADING_FONT, text_width) + 6;
    }

  row = 0;
  y = self->table_top;
  do
    {
      guint fit;

      g_array_append_val (self->page_rows, row);
      room = self->bottom - y - self->head_height;
      fit = MAX (1, (guint) (room / self->row_height));
      row += fit;
      y = self->top;
    }
  while (row < n_rows);

  self->n_pages = self->table_page + (int) self->page_rows->len;
  return self->n_pages;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* A chart with its title and a legend of its two shades; returns where
 * it ends. */
static double
draw_chart (DossierProgressReport *self,
            cairo_t               *cr,
            PangoContext          *context,
            double                 y,
            const char            *title,
            DossierChartKind       kind,
            GArray                *bars,
            double                 height)
{
  DossierChartColors colors;
  double text_width = self->right - self->left;
  double x = self->left, swatch;
  g_autoptr(PangoLayout) mine = NULL;
  g_autoptr(PangoLayout) reported = NULL;
  int w;

  dossier_chart_get_print_colors (&colors);
  set_color (cr, &colors.fg);
  y += draw_text (cr, context, self->left, y, text_width, title, HEADING_FONT, PANGO_ALIGN_LEFT, TRUE) + 6;

  /* the legend: the bar's shade, then its part's */
  mine = make_layout (context, _("Logged on this computer"), SMALL_FONT, -1, PANGO_ALIGN_LEFT, TRUE);
  reported = make_layout (context, _("From volunteers’ reports"), SMALL_FONT, -1, PANGO_ALIGN_LEFT, TRUE);
  swatch = layout_height (mine) * 0.7;
  set_color (cr, &colors.bar);
  cairo_rectangle (cr, x, y + (layout_height (mine) - swatch) / 2, swatch, swatch);
  cairo_fill (cr);
  set_color (cr, &colors.fg);
  cairo_move_to (cr, x + swatch + 4, y);
  pango_cairo_show_layout (cr, mine);
  pango_layout_get_size (mine, &w, NULL);
  x += swatch + 4 + (double) w / PANGO_SCALE + 16;
  set_color (cr, &colors.part);
  cairo_rectangle (cr, x, y + (layout_height (mine) - swatch) / 2, swatch, swatch);
  cairo_fill (cr);
  set_color (cr, &colors.fg);
  cairo_move_to (cr, x + swatch + 4, y);
  pango_cairo_show_layout (cr, reported);
  y += layout_height (mine) + 6;

  cairo_save (cr);
  cairo_translate (cr, self->left, y);
  dossier_chart_render (cr, context, text_width, height, kind,
                        (DossierChartBar *) bars->data, bars->len, &colors, -1);
  cairo_restore (cr);
  return y + height;
}

static void
draw_first_page (DossierProgressReport *self,
                 cairo_t               *cr,
                 PangoContext          *context)
{
  double text_width = self->right - self->left;
  double cell = text_width / N_FIGURES;
  double y = self->top;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (cr, context, self->left, y, text_width, _("Progress report"), TITLE_FONT,
                  PANGO_ALIGN_LEFT, FALSE) + 6;
  y += draw_text (cr, context, self->left, y, text_width, self->covers, LINE_FONT, PANGO_ALIGN_LEFT, FALSE);
  y += draw_text (cr, context, self->left, y, text_width, self->period, LINE_FONT, PANGO_ALIGN_LEFT, FALSE);
  y += draw_text (cr, context, self->left, y, text_width, self->generated, LINE_FONT, PANGO_ALIGN_LEFT, FALSE);
  y += GAP;

  /* the overview figures, in a row of boxes */
  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *value = dossier_progress_format_count (figure_value (&self->figures->total, i));
      double x = self->left + i * cell;
      double h;

      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_rectangle (cr, x + 1, y, cell - 2, self->figures_height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      h = draw_text (cr, context, x + CELL_PAD, y + CELL_PAD, cell - 2 * CELL_PAD, value, FIGURE_FONT,
                     PANGO_ALIGN_LEFT, TRUE);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, context, x + CELL_PAD, y + CELL_PAD + h, cell - 2 * CELL_PAD, figure_label (i), LABEL_FONT,
                 PANGO_ALIGN_LEFT, FALSE);
    }
  y += self->figures_height + GAP;

  y = draw_chart (self, cr, context, y, dossier_progress_time_title (self->span, FALSE), DOSSIER_CHART_COLUMNS, self->week_bars,
                  WEEK_CHART_HEIGHT) + GAP;
  draw_chart (self, cr, context, y, _("Actions by channel"), DOSSIER_CHART_BARS, self->channel_bars,
              self->channel_height);
}

static void
draw_cell (DossierProgressReport *self,
           cairo_t               *cr,
           PangoContext          *context,
           int                    column,
           double                 y,
           const char            *text,
           const char            *font)
{
  double x, width;

  column_extent (self, column, &x, &width);
  draw_text (cr, context, x, y, width, text, font,
             column == COL_UA || column == COL_DEADLINE ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, TRUE);
}

static void
draw_table (DossierProgressReport *self,
            cairo_t               *cr,
            PangoContext          *context,
            int                    table_page)
{
  GPtrArray *uas = self->figures->by_ua;
  int first = g_array_index (self->page_rows, int, table_page);
  int last = (guint) table_page + 1 < self->page_rows->len
             ? g_array_index (self->page_rows, int, table_page + 1) : (int) uas->len;
  double y = table_page == 0 ? self->table_top : self->top;
  double text_width = self->right - self->left;

  if (table_page == 0)
    {
      double heading = text_height (context, _("Urgent actions"), HEADING_FONT, text_width) + 6;

      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, context, self->left, y - heading, text_width, _("Urgent actions"), HEADING_FONT,
                 PANGO_ALIGN_LEFT, TRUE);
    }

  if (uas->len == 0)
    {
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, context, self->left, y, text_width, _("No urgent actions to show."), LINE_FONT,
                 PANGO_ALIGN_LEFT, FALSE);
      return;
    }

  /* the header row, on every page */
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  cairo_rectangle (cr, self->left, y, text_width, self->head_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      double x, width;

      column_extent (self, i, &x, &width);
      draw_text (cr, context, x, y + CELL_PAD, width, column_title (i), BOLD_FONT,
                 i == COL_UA || i == COL_DEADLINE ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, FALSE);
    }
  y += self->head_height;

  for (int r = first; r < last; r++)
    {
      const DossierFigure *ua = g_ptr_array_index (uas, r);
      g_autofree char *name = dossier_progress_ua_name (ua);
      g_autofree char *goal = ua->goal > 0 ? dossier_progress_format_count (ua->goal) : g_strdup ("—");
      g_autofree char *letters = dossier_progress_format_count (ua->letters);
      g_autofree char *percent = dossier_progress_format_percent (ua);
      g_autofree char *deadline = ua->deadline ? dossier_format_date (ua->deadline) : g_strdup ("—");
      double line;

      if ((r - first) % 2 == 1)
        {
          cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
          cairo_rectangle (cr, self->left, y, text_width, self->row_height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      line = text_height (context, "Ag", BOLD_FONT, -1);
      draw_cell (self, cr, context, COL_UA, y + CELL_PAD, name, BOLD_FONT);
      draw_cell (self, cr, context, COL_GOAL, y + CELL_PAD, goal, TABLE_FONT);
      draw_cell (self, cr, context, COL_LETTERS, y + CELL_PAD, letters, TABLE_FONT);
      draw_cell (self, cr, context, COL_PROGRESS, y + CELL_PAD, percent, TABLE_FONT);
      draw_cell (self, cr, context, COL_DEADLINE, y + CELL_PAD, deadline, TABLE_FONT);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      /* the title under the figures too: they take one line */
      draw_text (cr, context, self->column_x[COL_UA], y + CELL_PAD + line,
                 self->right - CELL_PAD - self->column_x[COL_UA], ua_subtitle (ua), SMALL_FONT,
                 PANGO_ALIGN_LEFT, TRUE);
      y += self->row_height;
    }
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, self->left, y);
  cairo_line_to (cr, self->right, y);
  cairo_stroke (cr);
}

/**
 * dossier_progress_report_draw_page:
 * @cr: where to draw, the sheet's top left corner at (0, 0)
 * @context: the context dossier_progress_report_paginate() was given
 * @page: from 0
 */
void
dossier_progress_report_draw_page (DossierProgressReport *self,
                                   cairo_t               *cr,
                                   PangoContext          *context,
                                   int                    page)
{
  g_autofree char *number = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page >= 0 && page < self->n_pages);

  cairo_save (cr);
  if (page == 0)
    draw_first_page (self, cr, context);
  if (page >= self->table_page)
    draw_table (self, cr, context, page - self->table_page);

  /* Translators: under each page of the progress report */
  number = g_strdup_printf (_("Page %1$d of %2$d"), page + 1, self->n_pages);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  draw_text (cr, context, self->left, self->height - FOOTER - text_height (context, number, SMALL_FONT, -1),
             self->right - self->left, number, SMALL_FONT, PANGO_ALIGN_CENTER, TRUE);
  cairo_restore (cr);
}

static void
set_up_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(PangoFontDescription) description = NULL;

  /* the same widths at any resolution: paper has no pixels to snap to */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* sizes in points on a sheet measured in points, as a GtkPrintContext
   * in GTK_UNIT_POINTS has it; a cairo context's own default is 96 dpi */
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_language (context, pango_language_get_default ());
  /* the charts' text, which takes the context's font */
  description = pango_font_description_from_string (CHART_FONT);
  pango_context_set_font_description (context, description);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * dossier_progress_report_to_pdf:
 *
 * Draws the report on A4 sheets into a PDF, without a display.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
dossier_progress_report_to_pdf (DossierProgressReport  *self,
                                GError                **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_status_t status;
  int n_pages;

  g_return_val_if_fail (self != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Progress report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dossier " PACKAGE_VERSION);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  set_up_context (context);

  n_pages = dossier_progress_report_paginate (self, context, A4_WIDTH, A4_HEIGHT);
  for (int page = 0; page < n_pages; page++)
    {
      dossier_progress_report_draw_page (self, cr, context, page);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %s is the drawing library's reason */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the report: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

typedef struct
{
  DossierProgressReport *report;
  PangoContext          *context;
} PrintJob;

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  g_clear_object (&job->context);
  job->context = gtk_print_context_create_pango_context (context);
  set_up_context (job->context);
  gtk_print_operation_set_n_pages (operation,
                                   dossier_progress_report_paginate (job->report, job->context,
                                                                     gtk_print_context_get_width (context),
                                                                     gtk_print_context_get_height (context)));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  dossier_progress_report_draw_page (job->report, gtk_print_context_get_cairo_context (context),
                                     job->context, page_nr);
}

/**
 * dossier_progress_report_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @export_path: (nullable): write a PDF here instead of showing the dialog
 *
 * Shows the print dialog and prints the report, or saves it as a PDF
 * from there: the same pages as dossier_progress_report_to_pdf() on A4,
 * or on the paper chosen.
 *
 * Returns: %GTK_PRINT_OPERATION_RESULT_ERROR with @error when printing
 *   failed, %GTK_PRINT_OPERATION_RESULT_CANCEL when the user cancelled
 */
GtkPrintOperationResult
dossier_progress_report_print (DossierProgressReport  *self,
                               GtkWindow              *parent,
                               const char             *export_path,
                               GError                **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintJob job = { self, NULL };
  GtkPrintOperationResult result;

  g_return_val_if_fail (self != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("Progress report"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* positions are from the sheet's edges, as on the PDF surface */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), &job);
  if (export_path)
    gtk_print_operation_set_export_filename (operation, export_path);
  result = gtk_print_operation_run (operation,
                                    export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  g_clear_object (&job.context);
  return result;
}
