/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "dossier-cli.h"
#include "dossier-cli-private.h"
#include "dossier-minisign.h"

/* `dossier keygen` and the signing of `dossier export --sign`: a
 * coordinator's key pair in minisign's formats, so that minisign can sign
 * with a key made here and the other way round. The secret key lives in a
 * file only its owner can read; it is read from there for each signature
 * and never enters the store. A passphrase is read as minisign reads it:
 * from the terminal without echo, or one line of standard input. */

#define PASSPHRASE_MAX 1024

/* One line from standard input, without its line end; from a terminal,
 * after @prompt on stderr and without echo. NULL at the end of input. The
 * caller wipes it with sodium_memzero() and frees it. */
static char *
read_passphrase (const char *prompt)
{
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  char *line = g_malloc0 (PASSPHRASE_MAX);
  gsize length;

  if (terminal)
    {
      fputs (prompt, stderr);
      fflush (stderr);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (line, PASSPHRASE_MAX, stdin) == NULL)
    {
      g_free (line);
      line = NULL;
    }
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputs ("\n", stderr);
    }
  if (line == NULL)
    return NULL;
  length = strlen (line);
  if (length > 0 && line[length - 1] == '\n')
    line[--length] = '\0';
  if (length > 0 && line[length - 1] == '\r')
    line[--length] = '\0';
  return line;
}

static void
free_passphrase (char *passphrase)
{
  if (passphrase == NULL)
    return;
  sodium_memzero (passphrase, PASSPHRASE_MAX);
  g_free (passphrase);
}

/* At most DOSSIER_MINISIGN_MAX_FILE_BYTES + 1 bytes of @path. */
static char *
read_small_file (const char  *path,
                 gsize       *length,
                 GError     **error)
{
  char *data = g_malloc0 (DOSSIER_MINISIGN_MAX_FILE_BYTES + 2);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gssize n = 0;
  gsize total = 0;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
      g_free (data);
      return NULL;
    }
  while (total <= DOSSIER_MINISIGN_MAX_FILE_BYTES &&
         (n = read (fd, data + total, DOSSIER_MINISIGN_MAX_FILE_BYTES + 1 - total)) > 0)
    total += (gsize) n;
  if (n < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved), g_strerror (saved));
      close (fd);
      sodium_memzero (data, DOSSIER_MINISIGN_MAX_FILE_BYTES + 2);
      g_free (data);
      return NULL;
    }
  close (fd);
  *length = total;
  return data;
}

/**
 * dossier_cli_read_public_key:
 * @given: a public key ("RW…"), or the name of a minisign.pub file
 *
 * Returns: (transfer full): the key as text, or %NULL after saying why
 *   on stderr
 */
char *
dossier_cli_read_public_key (const char *given)
{
  g_autoptr(DossierMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (g_file_test (given, G_FILE_TEST_IS_REGULAR) &&
      (text = read_small_file (given, &length, &error)) == NULL)
    {
      /* Translators: the first %s is a file name, the second why it could not be read */
      g_printerr (_("Could not read “%s”: %s\n"), given, error->message);
      return NULL;
    }
  key = dossier_minisign_key_parse (text ? text : given, &error);
  if (key == NULL)
    {
      /* Translators: the first %s is what the user gave, the second what is wrong with it */
      g_printerr (_("“%s” is not a campaign key: %s\n"), given, error->message);
      return NULL;
    }
  return dossier_minisign_key_to_string (key);
}

/**
 * dossier_cli_load_secret_key:
 * @path: a minisign secret key file
 *
 * Reads the key, asking for its passphrase when it has one.
 *
 * Returns: (transfer full): the key, or %NULL after saying why on stderr
 */
DossierMinisignSecretKey *
dossier_cli_load_secret_key (const char *path)
{
  g_autoptr(GError) error = NULL;
  DossierMinisignSecretKey *key = NULL;
  char *passphrase = NULL;
  char *text;
  gsize length = 0;
  GStatBuf info;

  if ((text = read_small_file (path, &length, &error)) == NULL)
    {
      g_printerr (_("Could not read “%s”: %s\n"), path, error->message);
      return NULL;
    }
  if (g_stat (path, &info) == 0 && (info.st_mode & 077) != 0)
    /* Translators: %s is a file name; keep “chmod 600” as it is */
    g_printerr (_("Warning: other users of this computer can read the secret key “%s”. Only you should "
                  "(chmod 600 it).\n"), path);
  if (dossier_minisign_secret_key_is_encrypted (text, length))
    {
      /* Translators: %s is a file name */
      g_autofree char *prompt = g_strdup_printf (_("Passphrase of “%s”: "), path);

      passphrase = read_passphrase (prompt);
      if (passphrase == NULL)
        {
          g_printerr (_("No passphrase was given: nothing was signed.\n"));
          goto out;
        }
    }
  key = dossier_minisign_secret_key_parse (text, length, passphrase, &error);
  if (key == NULL)
    /* Translators: the first %s is a file name, the second what is wrong */
    g_printerr (_("Could not use the secret key “%s”: %s\n"), path, error->message);

out:
  free_passphrase (passphrase);
  sodium_memzero (text, DOSSIER_MINISIGN_MAX_FILE_BYTES + 2);
  g_free (text);
  return key;
}

/**
 * dossier_cli_sign_file:
 * @path: the file to sign
 *
 * Writes @path.minisig: a prehashed signature whose trusted comment has
 * the time and the file's name, as minisign's own.
 */
gboolean
dossier_cli_sign_file (const DossierMinisignSecretKey  *key,
                       const char                      *path,
                       GError                         **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);
  g_autofree char *name = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *signature_path = NULL;

  if (mapped == NULL)
    return FALSE;
  name = g_path_get_basename (path);
  comment = dossier_minisign_default_comment (name, g_get_real_time () / G_USEC_PER_SEC);
  signature = dossier_minisign_sign (key, (const guint8 *) g_mapped_file_get_contents (mapped),
                                     g_mapped_file_get_length (mapped), comment, error);
  if (signature == NULL)
    return FALSE;
  signature_path = g_strconcat (path, ".minisig", NULL);
  return g_file_set_contents_full (signature_path, signature, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* ---- dossier keygen ---- */

static char *
public_path_for (const char *secret)
{
  if (g_str_has_suffix (secret, ".key"))
    {
      g_autofree char *stem = g_strndup (secret, strlen (secret) - strlen (".key"));

      return g_strconcat (stem, ".pub", NULL);
    }
  return g_strconcat (secret, ".pub", NULL);
}

int
dossier_cli_command_keygen (const char  *data_dir,
                            int          argc,
                            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DossierMinisignSecretKey) secret = NULL;
  g_autoptr(DossierMinisignKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *public_text = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *fingerprint = NULL;
  char *secret_text = NULL;
  char *passphrase = NULL;
  gboolean no_passphrase = FALSE;
  gboolean force = FALSE;
  const char *secret_path;
  int status = DOSSIER_EXIT_OK;
  GOptionEntry entries[] = {
    { "public", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &public_path,
      N_("Where to write the public key (default: the secret key’s name, ending in .pub)"), N_("FILE") },
    { "no-passphrase", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &no_passphrase,
      N_("Do not protect the secret key with a passphrase (as minisign -W): anyone who copies the file can sign"),
      NULL },
    { "force", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &force,
      N_("Replace key files that exist"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: the argument of “dossier keygen”; keep it in capitals */
  context = g_option_context_new (_("SECRETKEYFILE"));
  g_option_context_set_summary (context, _("Makes a key pair for signing a campaign, in minisign’s formats: "
                                           "the secret key in SECRETKEYFILE, readable only by you and "
                                           "protected by a passphrase, and the public key beside it. Give "
                                           "the public key to the campaign’s volunteers; sign with "
                                           "“dossier export --sign SECRETKEYFILE FILE” or with minisign."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dossier_cli_parse_command (context, &argc, &argv, 1))
    return DOSSIER_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr (_("Name the file for the secret key: dossier keygen SECRETKEYFILE\n"));
      return DOSSIER_EXIT_USAGE;
    }
  secret_path = argv[1];
  if (public_path == NULL)
    public_path = public_path_for (secret_path);
  if (!force && (g_file_test (secret_path, G_FILE_TEST_EXISTS) || g_file_test (public_path, G_FILE_TEST_EXISTS)))
    {
      /* Translators: the %s are file names; keep --force as it is */
      g_printerr (_("“%s” or “%s” exists already: nothing was written. Add --force to replace them.\n"),
                  secret_path, public_path);
      return DOSSIER_EXIT_PROBLEMS;
    }

  if (!no_passphrase)
    {
      char *again;

      passphrase = read_passphrase (_("Passphrase for the new secret key: "));
      again = passphrase ? read_passphrase (_("The same passphrase again: ")) : NULL;
      if (passphrase == NULL || again == NULL || *passphrase == '\0')
        {
          g_printerr (_("No passphrase was given: nothing was written. To make a key without one, add "
                        "--no-passphrase.\n"));
          status = DOSSIER_EXIT_USAGE;
        }
      else if (!g_str_equal (passphrase, again))
        {
          g_printerr (_("The two passphrases differ: nothing was written.\n"));
          status = DOSSIER_EXIT_USAGE;
        }
      free_passphrase (again);
      if (status != DOSSIER_EXIT_OK)
        goto out;
      g_printerr (_("Protecting the secret key: this takes a few seconds…\n"));
    }

  secret = dossier_minisign_secret_key_generate ();
  key = dossier_minisign_secret_key_get_public (secret);
  secret_text = dossier_minisign_secret_key_to_file_text (secret, passphrase, &error);
  if (secret_text == NULL)
    {
      g_printerr ("%s\n", error->message);
      status = DOSSIER_EXIT_PROBLEMS;
      goto out;
    }
  /* 0600 from the start: the file is never readable by others */
  if (!g_file_set_contents_full (secret_path, secret_text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      /* Translators: the first %s is a file name, the second why it could not be written */
      g_printerr (_("Could not write “%s”: %s\n"), secret_path, error->message);
      status = DOSSIER_EXIT_OUTPUT;
      goto out;
    }
  public_text = dossier_minisign_key_to_file_text (key);
  if (!g_file_set_contents_full (public_path, public_text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      g_printerr (_("Could not write “%s”: %s\n"), public_path, error->message);
      status = DOSSIER_EXIT_OUTPUT;
      goto out;
    }

  key_text = dossier_minisign_key_to_string (key);
  fingerprint = dossier_minisign_key_get_fingerprint (key);
  /* Translators: %s is a file name */
  g_print (_("The secret key is in “%s”. Keep it, and its passphrase, to yourself.\n"), secret_path);
  /* Translators: %s is a file name */
  g_print (_("The public key is in “%s”. Give it to the campaign’s volunteers:\n"), public_path);
  g_print ("  %s\n", key_text);
  /* Translators: %s is a key's fingerprint, such as “3F0A 91C2 …” */
  g_print (_("Its fingerprint: %s\n"), fingerprint);
  g_print (_("They subscribe with: dossier feed add URL --key %s\n"), key_text);
  /* Translators: %s is a file name */
  g_print (_("You sign a campaign with: dossier export --sign %s FILE\n"), secret_path);

out:
  if (secret_text)
    {
      sodium_memzero (secret_text, strlen (secret_text));
      g_free (secret_text);
    }
  free_passphrase (passphrase);
  return status;
}
