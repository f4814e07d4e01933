/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dossier-backup.h"
#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-store.h"

/* `dossier backup FILE` and `dossier restore FILE`. The passphrase is read
 * from the terminal without echo, or with --passphrase-stdin as the first
 * line of standard input (for scripts); never from the command line, where
 * other users see it in the process list and the shell keeps it in its
 * history. It is read a byte at a time into locked memory, through no
 * stdio buffer, and wiped after use. */

/* The longest passphrase read, in bytes */
#define PASSPHRASE_MAX 1024

static struct termios saved_termios;

/* Ctrl+C at the prompt: the terminal echoes again */
static void
on_interrupt (int signum)
{
  tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* One line of @fd into @passphrase, without its end of line; FALSE when it
 * is too long or cannot be read. */
static gboolean
read_line (int                fd,
           DossierPassphrase *passphrase)
{
  gsize capacity;
  char *buffer = dossier_passphrase_get_buffer (passphrase, &capacity);
  gsize length = 0;

  for (;;)
    {
      char c;
      gssize n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0 || c == '\n')
        break;
      if (length == capacity)
        {
          dossier_passphrase_set_length (passphrase, 0);
          return FALSE;
        }
      buffer[length++] = c;
    }
  if (length > 0 && buffer[length - 1] == '\r')
    length--;
  dossier_passphrase_set_length (passphrase, length);
  return TRUE;
}

/* Asks on the terminal, without echo. */
static DossierPassphrase *
prompt (const char *question)
{
  g_autoptr(DossierPassphrase) passphrase = dossier_passphrase_new_empty (PASSPHRASE_MAX);
  struct termios quiet;
  gboolean read;

  fputs (question, stderr);
  fflush (stderr);
  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return NULL;
  quiet = saved_termios;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  signal (SIGINT, on_interrupt);
  signal (SIGTERM, on_interrupt);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  read = read_line (STDIN_FILENO, passphrase);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  fputs ("\n", stderr);
  return read ? g_steal_pointer (&passphrase) : NULL;
}

/* The passphrase, from standard input or the terminal; NULL after saying
 * why not. @twice: a new one is typed twice. */
static DossierPassphrase *
get_passphrase (gboolean from_stdin,
                gboolean twice)
{
  g_autoptr(DossierPassphrase) passphrase = NULL;

  if (from_stdin)
    {
      passphrase = dossier_passphrase_new_empty (PASSPHRASE_MAX);
      if (!read_line (STDIN_FILENO, passphrase))
        {
          /* Translators: %d is a number of bytes */
          g_printerr (_("Could not read the passphrase from standard input (at most %d bytes, on one line).\n"),
                      PASSPHRASE_MAX);
          return NULL;
        }
    }
  else if (!isatty (STDIN_FILENO))
    {
      g_printerr (_("Standard input is not a terminal: give --passphrase-stdin to read the passphrase from it.\n"));
      return NULL;
    }
  else
    {
      if (twice)
        g_printerr (_("The backup can only be restored with this passphrase. Keep it safe: "
                      "if it is lost, nobody can recover the backup.\n"));
      passphrase = prompt (_("Passphrase: "));
      if (passphrase && twice && dossier_passphrase_get_length (passphrase) > 0)
        {
          g_autoptr(DossierPassphrase) again = prompt (_("The same passphrase again: "));

          if (again == NULL || !dossier_passphrase_equal (passphrase, again))
            {
              g_printerr (_("The two passphrases are not the same. Nothing was written.\n"));
              return NULL;
            }
        }
      if (passphrase == NULL)
        {
          g_printerr (_("Could not read the passphrase from the terminal.\n"));
          return NULL;
        }
    }
  if (dossier_passphrase_get_length (passphrase) == 0)
    {
      g_printerr (_("The passphrase is empty.\n"));
      return NULL;
    }
  return g_steal_pointer (&passphrase);
}

int
dossier_cli_command_backup (const char  *data_dir,
                            int          argc,
                            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = dossier_store_default_path (data_dir);
  g_autofree char *size = NULL;
  gboolean from_stdin = FALSE;
  GStatBuf st;
  const GOptionEntry entries[] = {
    { "passphrase-stdin", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &from_stdin,
      N_("Read the passphrase from the first line of standard input, for scripts"), NULL },
    { NULL }
  };

  /* Translators: the argument of “dossier backup”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Writes the whole store — every record, your notes and "
                                           "logged actions, the feeds — to FILE, encrypted with a "
                                           "passphrase you type. It can be made while Dossier’s window "
                                           "is open. Without the passphrase the backup cannot be "
                                           "read, nor restored."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the file to write: dossier backup FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("There is no store at “%s”.\n"), store_path);
      return DOSSIER_EXIT_STORE;
    }
  if (!(passphrase = get_passphrase (from_stdin, TRUE)))
    return DOSSIER_EXIT_USAGE;

  if (!dossier_backup_write (store_path, argv[1], passphrase, NULL, NULL, NULL, NULL, &error))
    {
      /* Translators: the first %s is a file name, the second says what went wrong */
      g_printerr (_("Could not back up to “%s”: %s\n"), argv[1], error->message);
      return error->domain == DOSSIER_STORE_ERROR ? DOSSIER_EXIT_STORE : DOSSIER_EXIT_PROBLEMS;
    }
  size = g_stat (argv[1], &st) == 0 ? g_format_size (st.st_size) : g_strdup ("?");
  /* Translators: the first %s is a file name, the second its size, such as “2.1 MB” */
  g_print (_("Backed up the store to “%s” (%s).\n"), argv[1], size);
  return DOSSIER_EXIT_OK;
}

int
dossier_cli_command_restore (const char  *data_dir,
                             int          argc,
                             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierPassphrase) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *store_path = dossier_store_default_path (data_dir);
  g_autofree char *when = NULL;
  DossierBackupInfo info = { 0 };
  gboolean from_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "passphrase-stdin", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &from_stdin,
      N_("Read the passphrase from the first line of standard input, for scripts"), NULL },
    { NULL }
  };

  /* Translators: the argument of “dossier restore”; keep it in capitals */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Replaces everything in the store with what the backup "
                                           "FILE holds, once the passphrase opens it and every part "
                                           "of it is checked; until then the store is not touched. "
                                           "Close Dossier’s window first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the backup to restore: dossier restore FILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  /* before the passphrase is asked for: the window must be closed */
  if (!dossier_backup_check_unused (store_path, 0, &error))
    {
      g_printerr (_("Could not restore “%s”: %s\n"), argv[1], error->message);
      return DOSSIER_EXIT_STORE;
    }
  if (!(passphrase = get_passphrase (from_stdin, FALSE)))
    return DOSSIER_EXIT_USAGE;

  if (!dossier_backup_restore (argv[1], store_path, passphrase, &info, NULL, NULL, NULL, &error))
    {
      /* Translators: the first %s is a file name, the second says what went wrong */
      g_printerr (_("Could not restore “%s”: %s\n"), argv[1], error->message);
      g_printerr (_("Nothing was changed: the store is as it was.\n"));
      if (error->domain == DOSSIER_BACKUP_ERROR && error->code != DOSSIER_BACKUP_ERROR_IN_USE &&
          error->code != DOSSIER_BACKUP_ERROR_FAILED)
        return DOSSIER_EXIT_INPUT;
      if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_NOT_FOUND)
        return DOSSIER_EXIT_INPUT;
      return DOSSIER_EXIT_STORE;
    }
  created = g_date_time_new_from_unix_local (info.created);
  when = created ? g_date_time_format (created, "%Y-%m-%d %H:%M") : g_strdup ("?");
  /* Translators: the first %s is a file name, the second a date and time */
  g_print (_("Restored the store from “%s”, a backup made on %s.\n"), argv[1], when);
  return DOSSIER_EXIT_OK;
}
