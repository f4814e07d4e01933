/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-dates.h"
#include "dossier-enums.h"
#include "dossier-figures.h"
#include "dossier-translations.h"
#include "dossier-progress-report.h"
#include "dossier-store.h"
#include "dossier-urgent-action.h"

/* `dossier progress`: the figures of the Progress section, as text, as
 * JSON, as the CSV of its table of urgent actions or as the PDF progress
 * report. It draws, so it is built into the GUI library and added to the
 * commands by the application (dossier_cli_add_command()); it needs no
 * display. */

/* A table for the terminal: columns as wide as their widest cell, in
 * characters (Latin and Cyrillic alike take one each). */
typedef struct
{
  guint      n_columns;
  guint      right;     /* a bit per column aligned right */
  GPtrArray *cells;     /* n_columns per row, the first row the header */
} TextTable;

/* A table of @n_columns, those of the bits of @right aligned right, its
 * header row the strings after @right (none: no header). */
static void
text_table_init (TextTable *table,
                 guint      n_columns,
                 guint      right,
                 ...)
{
  va_list args;

  table->n_columns = n_columns;
  table->right = right;
  table->cells = g_ptr_array_new_with_free_func (g_free);
  va_start (args, right);
  for (const char *cell = va_arg (args, const char *); cell; cell = va_arg (args, const char *))
    g_ptr_array_add (table->cells, g_strdup (cell));
  va_end (args);
  g_assert (table->cells->len == 0 || table->cells->len == n_columns);
}

static void
text_table_add (TextTable *table,
                char      *cell)
{
  g_ptr_array_add (table->cells, cell);
}

static void
text_table_print (TextTable *table)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);

  g_assert (table->cells->len % table->n_columns == 0);
  for (guint i = 0; i < table->cells->len; i++)
    {
      glong length = g_utf8_strlen (table->cells->pdata[i], -1);

      widths[i % table->n_columns] = MAX (widths[i % table->n_columns], length);
    }
  for (guint i = 0; i < table->cells->len; i++)
    {
      guint column = i % table->n_columns;
      const char *cell = table->cells->pdata[i];
      glong pad = widths[column] - g_utf8_strlen (cell, -1);
      gboolean last = column + 1 == table->n_columns;
      g_autofree char *spaces = g_strnfill (pad, ' ');

      if (column == 0)
        g_print ("  ");
      if (table->right & (1u << column))
        g_print ("%s%s", spaces, cell);
      else
        g_print ("%s%s", cell, last ? "" : spaces);
      g_print (last ? "\n" : "  ");
    }
  g_ptr_array_unref (table->cells);
}

static const char *
group_name (const char *group)
{
  return *group ? group : _("No group given");
}

static void
print_overview (DossierFigures            *figures,
                const DossierFigureFilter *filter)
{
  g_autofree char *covers = dossier_progress_describe_filter (figures, filter);
  g_autofree char *period = dossier_progress_describe_period (figures, filter);
  const DossierFigure *total = &figures->total;
  TextTable table;

  g_print ("%s\n%s\n\n", covers, period);

  /* the totals: a label and a figure a line */
  text_table_init (&table, 2, 1 << 1, NULL);
  text_table_add (&table, g_strdup (C_("progress figure", "Actions that went out")));
  text_table_add (&table, dossier_progress_format_count (total->sent));
  text_table_add (&table, g_strdup (C_("progress figure", "Of those, from volunteers’ reports")));
  text_table_add (&table, dossier_progress_format_count (total->reported));
  text_table_add (&table, g_strdup (C_("progress figure", "Letters that went out")));
  text_table_add (&table, dossier_progress_format_count (total->letters));
  text_table_add (&table, g_strdup (C_("progress figure", "Replies")));
  text_table_add (&table, dossier_progress_format_count (total->replied));
  text_table_add (&table, g_strdup (C_("progress figure", "Returned letters")));
  text_table_add (&table, dossier_progress_format_count (total->returned));
  text_table_print (&table);

  if (figures->by_channel->len > 0)
    {
      g_print ("\n");
      text_table_init (&table, 3, 1 << 1 | 1 << 2, C_("progress column", "Channel"),
                       C_("progress column", "Sent"), C_("progress column", "From reports"), NULL);
      for (guint i = 0; i < figures->by_channel->len; i++)
        {
          const DossierFigure *channel = g_ptr_array_index (figures->by_channel, i);
          const char *label = dossier_enum_label (DOSSIER_ENUM_CHANNEL, channel->key);

          text_table_add (&table, g_strdup (label ? label : channel->key));
          text_table_add (&table, dossier_progress_format_count (channel->sent));
          text_table_add (&table, dossier_progress_format_count (channel->reported));
        }
      text_table_print (&table);
    }

  if (figures->by_group->len > 0)
    {
      g_print ("\n");
      text_table_init (&table, 3, 1 << 1 | 1 << 2, C_("progress column", "Group"),
                       C_("progress column", "Sent"), C_("progress column", "From reports"), NULL);
      for (guint i = 0; i < figures->by_group->len; i++)
        {
          const DossierFigure *group = g_ptr_array_index (figures->by_group, i);

          text_table_add (&table, g_strdup (group_name (group->key)));
          text_table_add (&table, dossier_progress_format_count (group->sent));
          text_table_add (&table, dossier_progress_format_count (group->reported));
        }
      text_table_print (&table);
    }

  if (figures->by_target->len > 0)
    {
      g_print ("\n");
      text_table_init (&table, 4, 1 << 1 | 1 << 2 | 1 << 3, C_("progress column", "Target"),
                       C_("progress column", "Sent"), C_("progress column", "From reports"),
                       C_("progress column", "Replies"), NULL);
      for (guint i = 0; i < figures->by_target->len; i++)
        {
          const DossierFigure *target = g_ptr_array_index (figures->by_target, i);

          text_table_add (&table, g_strdup (target->label && *target->label ? target->label : "—"));
          text_table_add (&table, dossier_progress_format_count (target->sent));
          text_table_add (&table, dossier_progress_format_count (target->reported));
          text_table_add (&table, dossier_progress_format_count (target->replied));
        }
      text_table_print (&table);
    }

  g_print ("\n");
  if (figures->by_ua->len == 0)
    {
      g_print ("%s\n", _("No urgent actions to show."));
      return;
    }
  text_table_init (&table, 7, 1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5,
                   C_("progress column", "Urgent action"), C_("progress column", "Goal"),
                   C_("progress column", "Letters"), C_("progress column", "Progress"),
                   C_("progress column", "Sent"), C_("progress column", "From reports"),
                   C_("progress column", "Deadline"), NULL);
  for (guint i = 0; i < figures->by_ua->len; i++)
    {
      const DossierFigure *ua = g_ptr_array_index (figures->by_ua, i);

      text_table_add (&table, dossier_progress_ua_name (ua));
      text_table_add (&table, ua->goal > 0 ? dossier_progress_format_count (ua->goal) : g_strdup ("—"));
      text_table_add (&table, dossier_progress_format_count (ua->letters));
      text_table_add (&table, dossier_progress_format_percent (ua));
      text_table_add (&table, dossier_progress_format_count (ua->sent));
      text_table_add (&table, dossier_progress_format_count (ua->reported));
      text_table_add (&table, ua->deadline ? dossier_format_date (ua->deadline) : g_strdup ("—"));
    }
  text_table_print (&table);
}

/* The key the figures know a UA by: its id, or "?REF" for one only
 * volunteers' reports name. NULL, said, when there is none. */
static char *
find_ua_key (DossierStore *store,
             const char   *given,
             int          *status)
{
  g_autoptr(DossierRecord) ua = dossier_cli_find_ua (store, given);
  g_autofree char *normalized = NULL;
  g_autoptr(DossierFigures) all = NULL;
  g_autoptr(GError) error = NULL;
  DossierFigureFilter everything = { NULL };

  if (ua)
    return g_strdup (dossier_record_get_id (ua));

  /* a UA of volunteers' reports this store does not have */
  if (!(all = dossier_store_figures (store, &everything, &error)))
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      *status = DOSSIER_EXIT_STORE;
      return NULL;
    }
  normalized = dossier_reference_normalize (given);
  for (guint i = 0; i < all->by_ua->len; i++)
    {
      const DossierFigure *figure = g_ptr_array_index (all->by_ua, i);

      if (figure->key[0] == '?' &&
          (g_str_equal (figure->key + 1, given) || (normalized && g_str_equal (figure->key + 1, normalized))))
        return g_strdup (figure->key);
    }
  /* Translators: %s is what the user typed */
  g_printerr (_("There is no urgent action “%s”.\n"), given);
  *status = DOSSIER_EXIT_INPUT;
  return NULL;
}

static gboolean
write_file (const char  *file,
            GBytes      *contents,
            GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  /* whole or not at all, as `dossier export` writes */
  return g_file_set_contents_full (file, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

/**
 * dossier_cli_command_progress:
 *
 * `dossier progress [--ua REF] [--from DATE] [--to DATE] [--group G]
 * [--json] [--pdf FILE] [--csv FILE]`
 */
int
dossier_cli_command_progress (const char  *data_dir,
                              int          argc,
                              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierFigures) figures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ua_ref = NULL;
  g_autofree char *ua_key = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *group = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  gboolean json = FALSE;
  DossierFigureFilter filter = { NULL };
  int status = DOSSIER_EXIT_OK;
  const GOptionEntry entries[] = {
    { "ua", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &ua_ref,
      N_("Only this urgent action, by its reference"), N_("REFERENCE") },
    { "from", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &from,
      N_("From the week of this day, as YYYY-MM-DD"), N_("DATE") },
    { "to", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &to,
      N_("To the week of this day, as YYYY-MM-DD"), N_("DATE") },
    { "group", 'g', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &group,
      N_("Only the actions of this volunteer group; \"\" for those that gave none"),
      /* Translators: the value of --group; keep it in capitals */
      N_("GROUP") },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the figures as JSON, for scripts"), NULL },
    { "pdf", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the progress report as a PDF file, A4"),
      /* Translators: the value of --pdf and --csv; keep it in capitals */
      N_("FILE") },
    { "csv", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &csv,
      N_("Write the table of urgent actions as a CSV file, for a spreadsheet"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Shows how many letters, emails, calls and other actions went out, "
                                           "logged here and from volunteers’ reports: in all, by channel, by "
                                           "group and for each urgent action against its goal. Weeks are "
                                           "counted whole, Monday to Sunday."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  for (guint i = 0; i < 2; i++)
    {
      const char *date = i == 0 ? from : to;

      if (date && !dossier_date_is_valid (date))
        {
          /* Translators: %s is what was given; keep YYYY-MM-DD as it is */
          g_printerr (_("“%s” is not a date written YYYY-MM-DD.\n"), date);
          return DOSSIER_EXIT_INPUT;
        }
    }
  if (from && to && strcmp (from, to) > 0)
    {
      /* Translators: keep --from and --to as they are */
      g_printerr (_("The day given with --from is after the one given with --to.\n"));
      return DOSSIER_EXIT_INPUT;
    }

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  if (ua_ref && !(ua_key = find_ua_key (store, ua_ref, &status)))
    return status;

  filter = (DossierFigureFilter) { .from = from, .to = to, .ua = ua_key, .group = group };
  if (!(figures = dossier_store_figures (store, &filter, &error)))
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }
  dossier_figures_translate_titles (figures, store, dossier_ui_language ());

  if (csv)
    {
      g_autoptr(GBytes) bytes = dossier_progress_ua_table_to_csv (figures, &error);

      if (!bytes || !write_file (csv, bytes, &error))
        {
          /* Translators: the first %s is a file name, the second says what went wrong */
          g_printerr (_("Could not write “%s”: %s\n"), csv, error->message);
          return DOSSIER_EXIT_PROBLEMS;
        }
    }
  if (pdf)
    {
      g_autoptr(DossierProgressReport) report = dossier_progress_report_new (figures, &filter, NULL);
      g_autoptr(GBytes) bytes = dossier_progress_report_to_pdf (report, &error);

      if (!bytes || !write_file (pdf, bytes, &error))
        {
          g_printerr (_("Could not write “%s”: %s\n"), pdf, error->message);
          return DOSSIER_EXIT_PROBLEMS;
        }
    }

  if (json)
    {
      g_autoptr(GBytes) bytes = dossier_progress_to_json (figures, &filter, &error);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      /* as it is: not through g_print(), which would convert it to the
       * locale's charset */
      if (fflush (stdout) != 0 || fwrite (data, 1, length, stdout) != length)
        {
          /* Translators: %s is the system's reason, such as “No space left on device” */
          g_printerr (_("Could not write the output: %s\n"), g_strerror (errno));
          return DOSSIER_EXIT_OUTPUT;
        }
    }
  else if (!pdf && !csv)
    print_overview (figures, &filter);

  /* on standard error after JSON, which is for a script to read whole */
  if (csv)
    {
      /* Translators: %s is a file name */
      g_autofree char *wrote = g_strdup_printf (_("Wrote the table of urgent actions to “%s”.\n"), csv);

      if (json)
        g_printerr ("%s", wrote);
      else
        g_print ("%s", wrote);
    }
  if (pdf)
    {
      /* Translators: %s is a file name */
      g_autofree char *wrote = g_strdup_printf (_("Wrote the progress report to “%s”.\n"), pdf);

      if (json)
        g_printerr ("%s", wrote);
      else
        g_print ("%s", wrote);
    }
  return DOSSIER_EXIT_OK;
}
