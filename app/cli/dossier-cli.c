/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dossier-action.h"
#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-charge.h"
#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-enums.h"
#include "dossier-feed.h"
#include "dossier-feed-item.h"
#include "dossier-json-write.h"
#include "dossier-logging.h"
#include "dossier-store.h"
#include "dossier-target.h"
#include "dossier-urgent-action.h"

/* `dossier COMMAND …`: the same core as the window, for scripts and cron.
 * Commands print for people on stdout, errors on stderr, and exit with a
 * DossierExitStatus. */

typedef int (*CommandFunc) (const char *data_dir, int argc, char **argv);

static int command_check (const char *data_dir, int argc, char **argv);
static int command_import (const char *data_dir, int argc, char **argv);
static int command_export (const char *data_dir, int argc, char **argv);
static int command_log (const char *data_dir, int argc, char **argv);
static int command_actions (const char *data_dir, int argc, char **argv);

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "check", command_check, N_("Check the store’s integrity and count its records") },
  { "import", command_import, N_("Import a campaign file: cases, events, urgent actions, targets") },
  { "export", command_export, N_("Export the campaign as a file others can import") },
  { "keygen", dossier_cli_command_keygen, N_("Make a key pair for signing campaign files, in minisign’s formats") },
  { "log", command_log, N_("Log a letter, email, call or other action on an urgent action") },
  { "actions", command_actions, N_("List the actions you have logged") },
  { "forget-case", dossier_cli_command_forget_case, N_("Remove a case for good, with what is about it alone") },
  { "letter", dossier_cli_command_letter, N_("Print the letter the composer would write to a target of an urgent action") },
  { "feed", dossier_cli_command_feed, N_("Add, list or remove feeds, or show what Dossier reads in a feed file") },
  { "refresh", dossier_cli_command_refresh, N_("Fetch the feeds that are due, once, and say what changed") },
  { "opml", dossier_cli_command_opml, N_("Import or export the list of feeds as OPML, for other feed readers") },
  { "report", dossier_cli_command_report, N_("Write a report of your actions for your coordinator, or import volunteers’ reports") },
  { "backup", dossier_cli_command_backup, N_("Write the whole store to an encrypted backup file") },
  { "restore", dossier_cli_command_restore, N_("Replace the store with what an encrypted backup holds") },
};

/* Commands the GUI library adds (dossier_cli_add_command): those that draw,
 * such as `progress --pdf`, need cairo and Pango, which the core does not
 * link. */
typedef struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} AddedCommand;

static GArray *added_commands;

/**
 * dossier_cli_add_command:
 * @name: what is typed: "progress"
 * @func: runs it, as the built-in commands do
 * @summary: its line in `dossier --help`, marked with N_() and translated
 *   when shown
 *
 * Adds a command that lives outside the core, once, before the command
 * line is read.
 */
void
dossier_cli_add_command (const char         *name,
                         DossierCliCommandFunc func,
                         const char         *summary)
{
  AddedCommand command = { name, func, summary };

  g_return_if_fail (name != NULL && func != NULL && summary != NULL);

  if (added_commands == NULL)
    added_commands = g_array_new (FALSE, FALSE, sizeof (AddedCommand));
  for (guint i = 0; i < added_commands->len; i++)
    if (g_str_equal (g_array_index (added_commands, AddedCommand, i).name, name))
      return;
  g_array_append_val (added_commands, command);
}

/* The command called @name, built in or added; NULL if none. */
static gboolean
find_command (const char   *name,
              CommandFunc  *func,
              const char  **summary)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      {
        if (func)
          *func = commands[i].func;
        if (summary)
          *summary = commands[i].summary;
        return TRUE;
      }
  for (guint i = 0; added_commands && i < added_commands->len; i++)
    {
      AddedCommand *added = &g_array_index (added_commands, AddedCommand, i);

      if (g_strcmp0 (added->name, name) == 0)
        {
          if (func)
            *func = added->func;
          if (summary)
            *summary = added->summary;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * dossier_cli_resolve_data_dir:
 * @data_dir: (nullable): the folder given with --data-dir
 *
 * Returns: the profile folder to use: @data_dir, else $DOSSIER_DATA_DIR,
 *   else NULL for the user's data directory.
 */
char *
dossier_cli_resolve_data_dir (const char *data_dir)
{
  const char *env;

  if (data_dir != NULL && *data_dir != '\0')
    return g_strdup (data_dir);
  env = g_getenv ("DOSSIER_DATA_DIR");
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return NULL;
}

gboolean
dossier_cli_is_command (const char *name)
{
  return find_command (name, NULL, NULL);
}

/* The text `dossier --help` ends with. */
char *
dossier_cli_describe_commands (void)
{
  g_autoptr(GString) text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  for (guint i = 0; added_commands && i < added_commands->len; i++)
    {
      AddedCommand *added = &g_array_index (added_commands, AddedCommand, i);

      g_string_append_printf (text, "  %-12s %s\n", added->name, _(added->summary));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Without a command, Dossier opens its window. "
                           "“dossier COMMAND --help” describes a command."));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Environment: DOSSIER_DATA_DIR is used as the profile folder when --data-dir is not given."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Parses a command's options; what is left must be at most @max_args
 * arguments. Prints why not and returns FALSE on a usage error. */
gboolean
dossier_cli_parse_command (GOptionContext   *context,
                           int              *argc,
                           char           ***argv,
                           int               max_args)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (*argc > max_args + 1)
    {
      /* Translators: %s is what the user typed */
      g_printerr (_("Unexpected argument “%s”\n"), (*argv)[max_args + 1]);
      return FALSE;
    }
  return TRUE;
}

/* Only the commands that bring data in (import, log) create a store: a
 * mistyped --data-dir must not give `export` an empty campaign to publish,
 * nor `check` an empty store to call healthy. The others only read, and
 * can read a store on a read-only disk. */
DossierStore *
dossier_cli_open_store (const char            *data_dir,
                        DossierStoreOpenFlags  flags)
{
  g_autofree char *path = dossier_store_default_path (data_dir);
  g_autoptr(GError) error = NULL;
  DossierStore *store = dossier_store_open_full (path, flags, NULL, NULL, &error);

  if (store == NULL && g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_MISSING))
    g_printerr ("%s\n", error->message);
  else if (store == NULL)
    /* Translators: %s is an error message */
    g_printerr (_("Could not open the store: %s\n"), error->message);
  return store;
}

/* What reached standard output, or why not: a full disk or a closed pipe
 * is a failure a script must hear of. A command that stopped on it
 * (@status is DOSSIER_EXIT_OUTPUT) has said so already. */
static int
finish_output (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      if (status != DOSSIER_EXIT_OUTPUT)
        /* Translators: %s is the system's reason, such as “No space left on device” */
        g_printerr (_("Could not write the output: %s\n"), g_strerror (errno));
      return DOSSIER_EXIT_OUTPUT;
    }
  return status;
}

static const char *
describe_count (GType  kind,
                gint64 n)
{
  gulong count = (gulong) n;

  if (kind == DOSSIER_TYPE_CASE)
    return ngettext ("%lu case", "%lu cases", count);
  if (kind == DOSSIER_TYPE_CHARGE)
    return ngettext ("%lu charge", "%lu charges", count);
  if (kind == DOSSIER_TYPE_CASE_EVENT)
    return ngettext ("%lu case event", "%lu case events", count);
  if (kind == DOSSIER_TYPE_TARGET)
    return ngettext ("%lu target", "%lu targets", count);
  if (kind == DOSSIER_TYPE_URGENT_ACTION)
    return ngettext ("%lu urgent action", "%lu urgent actions", count);
  if (kind == DOSSIER_TYPE_ACTION)
    return ngettext ("%lu action", "%lu actions", count);
  if (kind == DOSSIER_TYPE_FEED)
    return ngettext ("%lu feed", "%lu feeds", count);
  if (kind == DOSSIER_TYPE_FEED_ITEM)
    return ngettext ("%lu feed item", "%lu feed items", count);
  g_assert_not_reached ();
}

static int
command_check (const char  *data_dir,
               int          argc,
               char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  const GType *kinds;
  guint n_kinds;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Checks the store’s integrity, prints its format version "
                                           "and how many records of each kind it holds. "
                                           "Exits with 1 when it finds a problem."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;

  /* Translators: %s is the path of the store's file */
  g_print (_("Store: %s\n"), dossier_store_get_path (store));
  /* Translators: %d is a number */
  g_print (_("Format version: %d\n"), dossier_store_get_schema_version (store));

  if (!dossier_store_check_integrity (store, &problems, &error))
    {
      g_printerr (_("Could not check the store: %s\n"), error->message);
      return DOSSIER_EXIT_PROBLEMS;
    }

  kinds = dossier_store_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (kinds[i]);
      gint64 n = dossier_store_count (store, query, &error);

      if (n < 0)
        {
          g_printerr (_("Could not check the store: %s\n"), error->message);
          return DOSSIER_EXIT_PROBLEMS;
        }
      g_print ("  ");
      g_print (describe_count (kinds[i], n), (gulong) n);
      g_print ("\n");
    }

  if (problems != NULL)
    {
      g_printerr (_("The store has problems:\n%s"), problems);
      return DOSSIER_EXIT_PROBLEMS;
    }
  g_print (_("Integrity: no problems found\n"));
  return DOSSIER_EXIT_OK;
}

static int
command_import (const char  *data_dir,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DossierImportStats stats;
  const char *file;

  /* Translators: the argument of “dossier import”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Imports a Dossier campaign file (a JSON Feed) into the store: "
                                           "new records are added, changed ones updated, your own notes "
                                           "and follow flags kept. A file with any error imports nothing. "
                                           "“-” reads the file from standard input."));
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the file to import: dossier import FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  file = argv[1];

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_DEFAULT)))
    return DOSSIER_EXIT_STORE;

  if (!dossier_campaign_import_file (store, g_str_equal (file, "-") ? "/dev/stdin" : file,
                                     &stats, &error))
    {
      /* Translators: the first %s is a file name, the second says what is wrong with it */
      g_printerr (_("Could not import “%s”: %s\n"), file, error->message);
      g_printerr (_("Nothing was imported.\n"));
      if (error->domain == DOSSIER_EXCHANGE_ERROR ||
          g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT) ||
          g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_EXISTS))
        return DOSSIER_EXIT_INPUT;
      return DOSSIER_EXIT_STORE;
    }

  /* Translators: %s is a file name */
  g_print (_("Imported “%s”:\n"), file);
  g_print ("  ");
  /* Translators: %u is how many records (cases, events, urgent actions,
   * targets) the import added to the store */
  g_print (ngettext ("%u record added", "%u records added", stats.created), stats.created);
  g_print ("\n  ");
  /* Translators: %u is how many records the import changed */
  g_print (ngettext ("%u record updated", "%u records updated", stats.updated), stats.updated);
  g_print ("\n  ");
  /* Translators: %u is how many records of the file were in the store already, unchanged */
  g_print (ngettext ("%u record unchanged", "%u records unchanged", stats.unchanged), stats.unchanged);
  g_print ("\n");
  if (stats.news_added + stats.news_updated + stats.news_unchanged > 0)
    {
      g_print ("  ");
      /* Translators: news items are a campaign's items that describe no record;
       * they are shown in Updates */
      g_print (ngettext ("%u news item added", "%u news items added", stats.news_added), stats.news_added);
      g_print ("\n  ");
      g_print (ngettext ("%u news item updated", "%u news items updated", stats.news_updated), stats.news_updated);
      g_print ("\n  ");
      g_print (ngettext ("%u news item unchanged", "%u news items unchanged", stats.news_unchanged),
               stats.news_unchanged);
      g_print ("\n");
    }
  return DOSSIER_EXIT_OK;
}

/* Writes the campaign to @file whole or not at all, as g_file_set_contents()
 * did when the export was made in memory: into a new file beside it, which
 * then replaces it at once; on any failure that file is removed and @file
 * is as it was. */
static gboolean
export_to_file (DossierStore  *store,
                const char    *title,
                const char    *signing_key,
                const char    *next_key,
                const char    *file,
                GError       **error)
{
  g_autoptr(GFile) target = g_file_new_for_path (file);
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  gboolean existed = g_file_query_exists (target, NULL);
  gboolean done;

  for (guint tries = 0; stream == NULL; tries++)
    {
      g_autofree char *suffix = g_strdup_printf ("%s.%06x", file, g_random_int_range (0, 0x1000000));
      g_autoptr(GError) local_error = NULL;

      g_set_object (&temp, NULL);
      temp = g_file_new_for_path (suffix);
      stream = g_file_create (temp, G_FILE_CREATE_NONE, NULL, &local_error);
      if (stream == NULL && (tries >= 100 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS)))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  done = dossier_campaign_export_to_stream_full (store, title, signing_key, next_key, G_OUTPUT_STREAM (stream),
                                                 NULL, error) &&
         g_output_stream_write_all (G_OUTPUT_STREAM (stream), "\n", 1, NULL, NULL, error);
  /* as g_file_set_contents(): on disk before it replaces a file */
  if (done && existed && G_IS_FILE_DESCRIPTOR_BASED (stream) &&
      fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream))) != 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      done = FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, done ? error : NULL))
    done = FALSE;
  if (done && !g_file_move (temp, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                            NULL, NULL, NULL, error))
    done = FALSE;
  if (!done)
    g_file_delete (temp, NULL, NULL);
  return done;
}

static int
command_export (const char  *data_dir,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sign = NULL;
  g_autofree char *announce = NULL;
  g_autofree char *next_key = NULL;
  g_autofree char *signing_key = NULL;
  g_autoptr(DossierMinisignSecretKey) secret = NULL;
  const char *file = NULL;
  const GOptionEntry entries[] = {
    { "title", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &title,
      N_("The campaign’s title"),
      /* Translators: the value of --title; keep it in capitals */
      N_("TITLE") },
    { "sign", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &sign,
      N_("Sign the file with this minisign secret key (see “dossier keygen”): FILE.minisig is written beside it"),
      /* Translators: the value of --sign; keep it in capitals */
      N_("SECRETKEYFILE") },
    { "announce-key", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &announce,
      N_("With --sign: announce the key the next updates will be signed with (a key, or its .pub file), so "
         "that subscribers accept it"),
      /* Translators: the value of --announce-key; keep it in capitals */
      N_("KEY") },
    { NULL }
  };

  /* Translators: the optional argument of “dossier export”; keep it in capitals */
  context = g_option_context_new (_("[FILE]"));
  g_option_context_set_summary (context, _("Writes every case with its charges, every case event, "
                                           "urgent action and target as a Dossier campaign file "
                                           "(a JSON Feed) that another Dossier can import. Your own "
                                           "notes and follow flags stay out of it. Without FILE, or "
                                           "with “-”, the campaign goes to standard output."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc == 2 && !g_str_equal (argv[1], "-"))
    file = argv[1];
  if (announce && !sign)
    {
      g_printerr (_("--announce-key goes with --sign: only a signed update can announce a key.\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (sign && file == NULL)
    {
      g_printerr (_("Name the file to sign: dossier export --sign SECRETKEYFILE FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (announce && (next_key = dossier_cli_read_public_key (announce)) == NULL)
    return DOSSIER_EXIT_USAGE;

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  /* the passphrase is asked before anything is written */
  if (sign)
    {
      g_autoptr(DossierMinisignKey) key = NULL;

      if ((secret = dossier_cli_load_secret_key (sign)) == NULL)
        return DOSSIER_EXIT_PROBLEMS;
      key = dossier_minisign_secret_key_get_public (secret);
      signing_key = dossier_minisign_key_to_string (key);
    }

  /* whose names the file holds, said before it is written: on standard
   * error, which is not the campaign */
  {
    g_autofree char *names = dossier_campaign_describe_names (store, &error);

    if (error)
      {
        g_printerr (_("Could not export the campaign: %s\n"), error->message);
        return DOSSIER_EXIT_STORE;
      }
    if (names)
      g_printerr ("%s\n", names);
  }

  if (file == NULL)
    {
      /* written as it is read, item by item, straight to the descriptor:
       * not through g_print(), which would convert the JSON to the
       * locale's charset, nor through a buffer of the whole document */
      g_autoptr(GOutputStream) stream = NULL;

      if (fflush (stdout) != 0)
        return DOSSIER_EXIT_OUTPUT;
      stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      if (!dossier_campaign_export_to_stream (store, title, stream, NULL, &error) ||
          !g_output_stream_write_all (stream, "\n", 1, NULL, NULL, &error))
        {
          /* Translators: %s says what went wrong */
          g_printerr (_("Could not export the campaign: %s\n"), error->message);
          return error->domain == G_IO_ERROR ? DOSSIER_EXIT_OUTPUT : DOSSIER_EXIT_STORE;
        }
      return DOSSIER_EXIT_OK;
    }

  if (!export_to_file (store, title, signing_key, next_key, file, &error))
    {
      g_printerr (_("Could not export the campaign: %s\n"), error->message);
      return error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR
             ? DOSSIER_EXIT_PROBLEMS : DOSSIER_EXIT_STORE;
    }
  /* Translators: %s is a file name */
  g_print (_("Exported the campaign to “%s”.\n"), file);
  if (secret)
    {
      g_autofree char *fingerprint = dossier_minisign_fingerprint_of (signing_key);

      if (!dossier_cli_sign_file (secret, file, &error))
        {
          /* Translators: the first %s is a file name, the second why it could not be signed */
          g_printerr (_("Could not sign “%s”: %s\n"), file, error->message);
          return DOSSIER_EXIT_PROBLEMS;
        }
      /* Translators: the first %s is a file name, the second a key's fingerprint */
      g_print (_("Signed it: “%s.minisig”, with the key of fingerprint %s.\n"), file, fingerprint);
      if (next_key)
        {
          g_autofree char *next_fingerprint = dossier_minisign_fingerprint_of (next_key);

          /* Translators: %s is a key's fingerprint */
          g_print (_("It announces the next key, of fingerprint %s: once your subscribers have fetched this "
                     "update, sign with that key.\n"),
                   next_fingerprint);
        }
    }
  return DOSSIER_EXIT_OK;
}

/* The UA a reference names ("UA 065/20", in any case and spacing) or its
 * id: one look-up in an index each. */
DossierRecord *
dossier_cli_find_ua (DossierStore *store,
                     const char   *given)
{
  DossierRecord *found = dossier_store_fetch (store, DOSSIER_TYPE_URGENT_ACTION, given, NULL);

  if (found)
    return found;
  return dossier_store_find_urgent_action (store, given, NULL);
}

/* One of @ua's targets, by id, by exact name, or by a part of the name
 * that only one of them has. Prints why not and returns NULL. */
DossierRecord *
dossier_cli_find_target (DossierStore  *store,
                         DossierRecord *ua,
                         const char    *given)
{
  const char * const *ids = dossier_record_get_strv (ua, "target-ids");
  g_autofree char *wanted = g_utf8_casefold (given, -1);
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids && ids[i]; i++)
    {
      g_autoptr(DossierRecord) target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, ids[i], NULL);
      g_autofree char *name = NULL;

      if (target == NULL)
        continue;
      name = g_utf8_casefold (dossier_record_get_string (target, "name"), -1);
      if (g_str_equal (ids[i], given) || g_str_equal (name, wanted))
        return g_steal_pointer (&target);
      if (strstr (name, wanted))
        g_ptr_array_add (matches, g_steal_pointer (&target));
    }
  if (matches->len == 1)
    return g_object_ref (g_ptr_array_index (matches, 0));
  if (matches->len == 0)
    {
      /* Translators: the first %s is what the user typed, the second a UA's reference */
      g_printerr (_("“%s” is not one of the targets of %s. They are:\n"), given,
                  dossier_record_get_string (ua, "reference"));
      for (guint i = 0; ids && ids[i]; i++)
        {
          g_autoptr(DossierRecord) target = dossier_store_fetch (store, DOSSIER_TYPE_TARGET, ids[i], NULL);

          if (target)
            g_printerr ("  %s  (%s)\n", dossier_record_get_string (target, "name"), ids[i]);
        }
    }
  else
    {
      /* Translators: %s is what the user typed */
      g_printerr (_("“%s” matches more than one target; give more of the name, or the id:\n"), given);
      for (guint i = 0; i < matches->len; i++)
        g_printerr ("  %s  (%s)\n", dossier_record_get_string (g_ptr_array_index (matches, i), "name"),
                    dossier_record_get_id (g_ptr_array_index (matches, i)));
    }
  return NULL;
}

static int
command_log (const char  *data_dir,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierRecord) target = NULL;
  g_autoptr(DossierAction) action = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ua_ref = NULL, *target_name = NULL, *channel = NULL, *date = NULL;
  g_autofree char *signature = NULL, *state = NULL, *notes = NULL, *volunteer = NULL, *group = NULL;
  const GOptionEntry entries[] = {
    { "ua", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &ua_ref,
      N_("The urgent action, by reference (“UA 065/20”)"),
      /* Translators: the value of --ua; keep it in capitals */
      N_("REFERENCE") },
    { "target", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &target_name,
      N_("Whom you wrote to: one of the urgent action’s targets, by name or a unique part of it"),
      /* Translators: the value of --target; keep it in capitals */
      N_("NAME") },
    { "channel", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &channel,
      N_("letter (the default), email, fax, phone, social-media, petition, solidarity-card or meeting"),
      /* Translators: the value of --channel; keep it in capitals */
      N_("CHANNEL") },
    { "date", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &date,
      N_("When, as YYYY-MM-DD; today when not given"),
      /* Translators: the value of --date; keep it in capitals */
      N_("DATE") },
    { "signature", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &signature,
      N_("How you signed: full-name (the default), initials, pseudonym or group"),
      /* Translators: the value of --signature; keep it in capitals */
      N_("MODE") },
    { "state", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &state,
      N_("sent (the default), drafted, replied or returned"),
      /* Translators: the value of --state; keep it in capitals */
      N_("STATE") },
    { "notes", 'n', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &notes,
      N_("Anything worth remembering about it"),
      /* Translators: the value of --notes; keep it in capitals */
      N_("TEXT") },
    { "volunteer", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &volunteer,
      N_("Your name, as the action records it; the one in Preferences when not given"),
      N_("NAME") },
    { "group", 'g', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &group,
      N_("Your group, as the action records it; the one in Preferences when not given"),
      /* Translators: the value of --group; keep it in capitals */
      N_("GROUP") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Logs one action on an urgent action, with the same checks "
                                           "as the window: the urgent action and the target must exist, "
                                           "and a date in the future is refused for anything done. "
                                           "The action is written whole or not at all."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  if (ua_ref == NULL || *g_strstrip (ua_ref) == '\0')
    {
      g_printerr (_("Name the urgent action: dossier log --ua \"UA 065/20\"\n"));
      return DOSSIER_EXIT_USAGE;
    }
  /* an empty name is in every name: it must not pick a target */
  if (target_name && *g_strstrip (target_name) == '\0')
    {
      g_printerr (_("The target given with --target is empty: give a name, a part of it, or an id.\n"));
      return DOSSIER_EXIT_USAGE;
    }

  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_DEFAULT)))
    return DOSSIER_EXIT_STORE;
  if (!(ua = dossier_cli_find_ua (store, ua_ref)))
    {
      /* Translators: %s is what the user typed */
      g_printerr (_("There is no urgent action “%s”.\n"), ua_ref);
      return DOSSIER_EXIT_INPUT;
    }
  if (target_name && !(target = dossier_cli_find_target (store, ua, target_name)))
    return DOSSIER_EXIT_INPUT;

  action = dossier_action_new ();
  dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", dossier_record_get_id (ua));
  if (target)
    dossier_record_set_string (DOSSIER_RECORD (action), "target-id", dossier_record_get_id (target));
  if (channel)
    dossier_record_set_string (DOSSIER_RECORD (action), "channel", channel);
  if (date)
    dossier_record_set_string (DOSSIER_RECORD (action), "date", date);
  if (signature)
    dossier_record_set_string (DOSSIER_RECORD (action), "signature", signature);
  if (state)
    dossier_record_set_string (DOSSIER_RECORD (action), "state", state);
  if (notes)
    dossier_record_set_string (DOSSIER_RECORD (action), "notes", notes);
  /* this machine's volunteer, as Preferences has them, unless given */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

    if (schema)
      {
        g_autoptr(GSettings) settings = g_settings_new (APP_ID);

        if (volunteer == NULL)
          volunteer = g_settings_get_string (settings, "volunteer-name");
        if (group == NULL)
          group = g_settings_get_string (settings, "volunteer-group");
      }
  }
  if (volunteer)
    dossier_record_set_string (DOSSIER_RECORD (action), "volunteer", volunteer);
  if (group)
    dossier_record_set_string (DOSSIER_RECORD (action), "volunteer-group", group);

  if (!dossier_store_log_action (store, action, &error))
    {
      /* Translators: %s says what is wrong */
      g_printerr (_("Could not log the action: %s\n"), error->message);
      g_printerr (_("Nothing was logged.\n"));
      if (error->domain == DOSSIER_ACTION_ERROR ||
          g_error_matches (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_CONSTRAINT))
        return DOSSIER_EXIT_INPUT;
      return DOSSIER_EXIT_STORE;
    }
  /* Translators: the first %s is a channel ("Letter"), the second a UA's reference, the third a date */
  g_print (_("Logged: %s on %s, %s\n"),
           dossier_enum_label (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (DOSSIER_RECORD (action), "channel")),
           dossier_record_get_string (ua, "reference"),
           dossier_record_get_string (DOSSIER_RECORD (action), "date"));
  g_print ("%s\n", dossier_record_get_id (DOSSIER_RECORD (action)));
  return DOSSIER_EXIT_OK;
}

static void
clear_object (gpointer object)
{
  g_clear_object (&object);
}

/* A field of a record the listing names again and again: a UA's reference. */
static const char *
cached_field (DossierStore *store,
              GHashTable   *cache,
              GType         kind,
              const char   *id,
              const char   *field)
{
  DossierRecord *record;
  gpointer found;

  if (id == NULL)
    return NULL;
  if (!g_hash_table_lookup_extended (cache, id, NULL, &found))
    {
      found = dossier_store_fetch (store, kind, id, NULL);
      g_hash_table_insert (cache, g_strdup (id), found);
    }
  record = found;
  return record ? dossier_record_get_string (record, field) : NULL;
}

/* The members of an action in `actions --json`, in order, after "id", "ua",
 * "ua_id", "target" and "target_id"; then "mine". */
static const char * const action_json_fields[] = {
  "channel", "date", "state", "signature", "volunteer",
  "volunteer-group", "reply-date", "reply-text", "notes",
};

/* The JSON text is written as json-glib's generator pretty-prints the
 * array (two spaces a level, " : " after a name), byte for byte, but an
 * action at a time: a million actions never become a tree in memory. */
#define ACTIONS_FLUSH_SIZE (64 * 1024)

typedef struct {
  DossierStore       *store;
  gboolean            json;
  GHashTable         *cache;      /* UA and target ids → their records */
  guint               n;          /* actions listed */
  gboolean            unwritten;  /* standard output failed */
  GString            *out;        /* JSON not yet written */
  const DossierField *ua_id;
  const DossierField *target_id;
  const DossierField *mine;
  const DossierField *fields[G_N_ELEMENTS (action_json_fields)];
  char               *members[G_N_ELEMENTS (action_json_fields)];  /* "volunteer_group" */
} ActionListing;

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_len (out, "    \"", 5);
  g_string_append (out, name);
  g_string_append_len (out, "\" : ", 4);
  dossier_json_write_string (out, value);
  g_string_append_len (out, ",\n", 2);
}

/* Writes what @listing holds to standard output; FALSE with @error set when
 * it cannot be written (a full disk, a closed pipe): no use reading on. */
static gboolean
flush_listing (ActionListing  *listing,
               GError        **error)
{
  int saved;

  if (listing->out->len > 0 &&
      fwrite (listing->out->str, 1, listing->out->len, stdout) != listing->out->len)
    {
      saved = errno;
      listing->unwritten = TRUE;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (listing->out, 0);
  return TRUE;
}

static gboolean
list_action (DossierRecord  *action,
             gpointer        user_data,
             GError        **error)
{
  ActionListing *listing = user_data;
  const char *ua_id = dossier_field_get_string (listing->ua_id, action);
  const char *target_id = dossier_field_get_string (listing->target_id, action);
  const char *reference = cached_field (listing->store, listing->cache, DOSSIER_TYPE_URGENT_ACTION,
                                        ua_id, "reference");
  const char *target = cached_field (listing->store, listing->cache, DOSSIER_TYPE_TARGET,
                                     target_id, "name");
  GString *out = listing->out;

  if (!listing->json)
    {
      g_print ("%s  %-10s  %-18s  %-12s  %s\n", dossier_record_get_string (action, "date"),
               reference ? reference : "—",
               dossier_enum_label (DOSSIER_ENUM_CHANNEL, dossier_record_get_string (action, "channel")),
               dossier_enum_label (DOSSIER_ENUM_ACTION_STATE, dossier_record_get_string (action, "state")),
               target ? target : "");
      listing->n++;
      return TRUE;
    }

  g_string_append (out, listing->n > 0 ? ",\n  {\n" : "\n  {\n");
  listing->n++;
  append_member (out, "id", dossier_record_get_id (action));
  append_member (out, "ua", reference);
  append_member (out, "ua_id", ua_id);
  append_member (out, "target", target);
  append_member (out, "target_id", target_id);
  for (guint i = 0; i < G_N_ELEMENTS (action_json_fields); i++)
    append_member (out, listing->members[i], dossier_field_get_string (listing->fields[i], action));
  g_string_append (out, dossier_field_get_boolean (listing->mine, action)
                        ? "    \"mine\" : true\n  }" : "    \"mine\" : false\n  }");
  if (out->len >= ACTIONS_FLUSH_SIZE)
    return flush_listing (listing, error);
  return TRUE;
}

static int
command_actions (const char  *data_dir,
                 int          argc,
                 char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierQuery) query = dossier_query_new (DOSSIER_TYPE_ACTION);
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, clear_object);
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree char *ua_ref = NULL;
  gboolean json = FALSE, all = FALSE;
  ActionListing listing = { 0 };
  gboolean listed;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the actions as JSON, for scripts"), NULL },
    { "ua", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &ua_ref,
      N_("Only the actions on this urgent action"), N_("REFERENCE") },
    { "all", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &all,
      N_("Also the actions not logged on this computer"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Lists the actions you have logged, newest first, "
                                           "with a total per channel at the end."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 0))
    return DOSSIER_EXIT_USAGE;
  if (!(store = dossier_cli_open_store (data_dir, DOSSIER_STORE_OPEN_READING)))
    return DOSSIER_EXIT_STORE;
  if (ua_ref)
    {
      if (!(ua = dossier_cli_find_ua (store, ua_ref)))
        {
          g_printerr (_("There is no urgent action “%s”.\n"), ua_ref);
          return DOSSIER_EXIT_INPUT;
        }
      dossier_query_filter_text (query, "ua-id", DOSSIER_QUERY_EQ, dossier_record_get_id (ua));
    }
  if (!all)
    dossier_query_filter_int (query, "mine", DOSSIER_QUERY_EQ, 1);
  dossier_query_sort (query, "date", TRUE);

  klass = g_type_class_ref (DOSSIER_TYPE_ACTION);
  out = g_string_sized_new (ACTIONS_FLUSH_SIZE + 4096);
  listing = (ActionListing) {
    .store = store,
    .json = json,
    .cache = cache,
    .out = out,
    .ua_id = dossier_record_class_find_field (DOSSIER_RECORD_CLASS (klass), "ua-id"),
    .target_id = dossier_record_class_find_field (DOSSIER_RECORD_CLASS (klass), "target-id"),
    .mine = dossier_record_class_find_field (DOSSIER_RECORD_CLASS (klass), "mine"),
  };
  for (guint i = 0; i < G_N_ELEMENTS (action_json_fields); i++)
    {
      listing.fields[i] = dossier_record_class_find_field (DOSSIER_RECORD_CLASS (klass), action_json_fields[i]);
      listing.members[i] = g_strdelimit (g_strdup (action_json_fields[i]), "-", '_');
    }

  if (json)
    g_string_append_c (out, '[');
  /* a page at a time, each read by key from the last, and each action
   * written as it is read: a coordinator's store can hold a million */
  listed = dossier_store_query_foreach (store, query, 1000, list_action, &listing, NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (action_json_fields); i++)
    g_free (listing.members[i]);

  if (!listed && listing.unwritten)
    {
      /* Translators: %s is the system's reason, such as “No space left on device” */
      g_printerr (_("Could not write the output: %s\n"), error->message);
      return DOSSIER_EXIT_OUTPUT;
    }
  if (!listed)
    {
      g_printerr (_("Could not read the store: %s\n"), error->message);
      return DOSSIER_EXIT_STORE;
    }

  if (json)
    {
      g_string_append (out, listing.n ? "\n]\n" : "]\n");
      if (!flush_listing (&listing, &error))
        {
          g_printerr (_("Could not write the output: %s\n"), error->message);
          return DOSSIER_EXIT_OUTPUT;
        }
      return DOSSIER_EXIT_OK;
    }
  if (listing.n == 0)
    g_print (_("No actions logged yet.\n"));
  else
    {
      g_autoptr(GHashTable) counts = dossier_store_count_channels (store, ua ? dossier_record_get_id (ua) : NULL,
                                                                   !all, NULL, NULL);
      g_autofree char *totals = counts ? dossier_action_describe_counts (counts) : NULL;

      /* Translators: %s lists counts per channel: "12 letters, 3 emails" */
      if (totals && *totals)
        g_print (_("In all: %s\n"), totals);
    }
  return DOSSIER_EXIT_OK;
}

/* Everything a command prints goes through these: text from a campaign
 * file or the store (a name, a value an error message quotes) never
 * reaches the terminal with its control characters. */
static void
write_escaped (FILE       *stream,
               const char *string)
{
  g_autofree char *escaped = dossier_text_escape_controls (string, -1);
  const char *charset;

  if (!g_get_console_charset (&charset))
    {
      g_autofree char *converted = g_convert_with_fallback (escaped, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);
      if (converted)
        {
          fputs (converted, stream);
          return;
        }
    }
  fputs (escaped, stream);
}

static void
print_escaped (const char *string)
{
  write_escaped (stdout, string);
}

static void
printerr_escaped (const char *string)
{
  write_escaped (stderr, string);
  fflush (stderr);
}

/**
 * dossier_cli_run:
 * @argv: the command and its arguments (argv[0] is the command's name)
 *
 * Returns: the process's exit status.
 */
int
dossier_cli_run (const char  *data_dir,
                 int          argc,
                 char       **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *given = data_dir;
  CommandFunc func;

  g_return_val_if_fail (argc >= 1, DOSSIER_EXIT_USAGE);

  /* --data-dir works after the command too: "dossier check --data-dir X" */
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          for (; i < argc; i++)
            g_ptr_array_add (args, argv[i]);
          break;
        }
      if (g_str_equal (argv[i], "--data-dir") && i + 1 >= argc)
        {
          g_printerr (_("--data-dir needs the name of a folder: --data-dir DIR\n"));
          return DOSSIER_EXIT_USAGE;
        }
      if (g_str_equal (argv[i], "--data-dir"))
        given = argv[++i];
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        given = argv[i] + strlen ("--data-dir=");
      else
        g_ptr_array_add (args, argv[i]);
    }
  g_ptr_array_add (args, NULL);
  if (given != NULL && *given == '\0')
    {
      g_printerr (_("The folder name given with --data-dir is empty.\n"));
      return DOSSIER_EXIT_USAGE;
    }
  dir = dossier_cli_resolve_data_dir (given);

  if (find_command (argv[0], &func, NULL))
    {
      GPrintFunc old_print = g_set_print_handler (print_escaped);
      GPrintFunc old_printerr = g_set_printerr_handler (printerr_escaped);
      int status = func (dir, args->len - 1, (char **) args->pdata);

      status = finish_output (status);
      g_set_print_handler (old_print);
      g_set_printerr_handler (old_printerr);
      return status;
    }

  /* Translators: %s is what the user typed */
  g_printerr (_("Unknown command “%s”. Run “dossier --help” to see the commands.\n"), argv[0]);
  return DOSSIER_EXIT_USAGE;
}
