/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "dossier-minisign.h"
#include "dossier-test-utils.h"

/* Dossier's minisign, against itself and against the real `minisign`
 * (Debian's package, installed by build-aux/deps.sh): a key and a
 * signature made by either one are read and verified by the other, with
 * and without a passphrase, prehashed and legacy; and what must fail
 * fails: a byte changed in the file or in the signature, another key, a
 * comment changed or not text, files that are too large or malformed. */

static const char data[] = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}\n";

/* ---- running minisign ---- */

static char *
minisign_path (void)
{
  char *path = g_find_program_in_path ("minisign");

  if (path == NULL)
    g_test_skip ("minisign is not installed (build-aux/deps.sh installs it)");
  return path;
}

/* Runs minisign with @input on its standard input; its exit status, and
 * what it printed in *@output. */
static int
run_minisign (const char  *input,
              char       **output,
              const char  *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) "minisign");
  va_start (ap, first);
  for (const char *arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("minisign: %s%s", out ? out : "", err ? err : "");
  if (output)
    *output = g_strconcat (out ? out : "", err ? err : "", NULL);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, length, &error));
  g_assert_no_error (error);
}

/* ---- keys ---- */

static void
test_public_key (void)
{
  g_autoptr(DossierMinisignSecretKey) secret = dossier_minisign_secret_key_generate ();
  g_autoptr(DossierMinisignKey) key = dossier_minisign_secret_key_get_public (secret);
  g_autofree char *text = dossier_minisign_key_to_string (key);
  g_autofree char *file = dossier_minisign_key_to_file_text (key);
  g_autofree char *id = dossier_minisign_key_get_id (key);
  g_autofree char *fingerprint = dossier_minisign_key_get_fingerprint (key);
  g_autofree char *spaced = g_strdup_printf ("  %s \n", text);
  g_autoptr(DossierMinisignKey) again = NULL;
  g_autoptr(DossierMinisignKey) from_file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (text), ==, DOSSIER_MINISIGN_KEY_LENGTH);
  g_assert_true (g_str_has_prefix (text, "RW"));
  g_assert_cmpuint (strlen (id), ==, 16);
  g_assert_nonnull (strstr (file, id));
  /* 8 groups of 4 hexadecimal digits */
  g_assert_cmpuint (strlen (fingerprint), ==, 39);
  g_assert_true (g_regex_match_simple ("^([0-9A-F]{4} ){7}[0-9A-F]{4}$", fingerprint, 0, 0));

  again = dossier_minisign_key_parse (spaced, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_minisign_key_equal (key, again));
  from_file = dossier_minisign_key_parse (file, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_minisign_key_equal (key, from_file));
  {
    g_autofree char *of_text = dossier_minisign_fingerprint_of (text);

    g_assert_cmpstr (of_text, ==, fingerprint);
  }
  g_assert_null (dossier_minisign_fingerprint_of ("RWQ"));

  /* exactly sized, exactly encoded */
  {
    g_autofree char *shorter = g_strndup (text, DOSSIER_MINISIGN_KEY_LENGTH - 4);
    g_autofree char *longer = g_strconcat (text, "AAAA", NULL);
    g_autofree char *bad_char = g_strdup (text);
    g_autofree char *two_keys = g_strdup_printf ("%s\n%s\n%s\n", file, text, text);
    g_autofree char *huge = g_strnfill (5000, 'A');
    /* "Eb" and a key: another algorithm */
    const char *other_alg = "RWLyxNKvkNHShA9hODFRfm1VNsQDIOyMEh8nAI6pHSRBe4fdTm1tbShV";
    const char *bad[] = { "", "RW", shorter, longer, bad_char, two_keys, "not a key at all", huge,
                          "untrusted comment: x\n" };
    bad_char[10] = '*';

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(DossierMinisignKey) none = dossier_minisign_key_parse (bad[i], &error);

        g_assert_null (none);
        g_assert_nonnull (error);
        g_assert_true (error->domain == DOSSIER_MINISIGN_ERROR);
        g_clear_error (&error);
      }
    g_assert_null (dossier_minisign_key_parse (other_alg, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_UNSUPPORTED);
  }
}

/* The fingerprint is BLAKE2b-128 of the key's 42 bytes, as coreutils'
 * b2sum computes it. */
static void
test_fingerprint_known (void)
{
  const char *text = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
  g_autoptr(DossierMinisignKey) key = dossier_minisign_key_parse (text, NULL);
  g_autofree char *fingerprint = dossier_minisign_key_get_fingerprint (key);
  g_autofree char *b2sum = g_find_program_in_path ("b2sum");
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *raw_path = g_build_filename (dir, "key.raw", NULL);
  g_autofree guchar *raw = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) grouped = g_string_new (NULL);
  gsize raw_length;
  int status;

  g_assert_nonnull (key);
  {
    g_autofree char *id = dossier_minisign_key_get_id (key);

    g_assert_cmpstr (id, ==, "E7620F1842B4E81F");
  }
  if (b2sum == NULL)
    {
      g_test_skip ("b2sum is not installed");
      dossier_test_remove_dir (dir);
      return;
    }
  raw = g_base64_decode (text, &raw_length);
  g_assert_cmpuint (raw_length, ==, 42);
  write_text (raw_path, (const char *) raw, raw_length);
  {
    const char *argv[] = { b2sum, "-l", "128", raw_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
  }
  expected = g_ascii_strup (out, 32);
  for (guint i = 0; i < 32; i += 4)
    g_string_append_printf (grouped, "%s%.4s", i ? " " : "", expected + i);
  g_assert_cmpstr (fingerprint, ==, grouped->str);
  dossier_test_remove_dir (dir);
}

/* ---- signatures made here ---- */

static void
test_sign_verify (void)
{
  g_autoptr(DossierMinisignSecretKey) secret = dossier_minisign_secret_key_generate ();
  g_autoptr(DossierMinisignSecretKey) other_secret = dossier_minisign_secret_key_generate ();
  g_autoptr(DossierMinisignKey) key = dossier_minisign_secret_key_get_public (secret);
  g_autoptr(DossierMinisignKey) other = dossier_minisign_secret_key_get_public (other_secret);
  g_autofree char *comment = dossier_minisign_default_comment ("campaign.json", 1700000000);
  g_autofree char *signature = NULL;
  g_autoptr(DossierMinisignSignature) verified = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = strlen (data);

  g_assert_cmpstr (comment, ==, "timestamp:1700000000\tfile:campaign.json\thashed");
  signature = dossier_minisign_sign (secret, (const guint8 *) data, length, comment, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_minisign_verify (key, (const guint8 *) data, length, signature, strlen (signature),
                                          &verified, &error));
  g_assert_no_error (error);
  g_assert_true (verified->prehashed);
  g_assert_cmpstr (verified->trusted_comment, ==, comment);
  g_assert_cmpint (verified->timestamp, ==, 1700000000);
  g_assert_cmpstr (verified->file_name, ==, "campaign.json");

  /* CR LF line ends read the same */
  {
    g_auto(GStrv) lines = g_strsplit (signature, "\n", -1);
    g_autofree char *crlf = g_strjoinv ("\r\n", lines);

    g_assert_true (dossier_minisign_verify (key, (const guint8 *) data, length, crlf, strlen (crlf), NULL, &error));
    g_assert_no_error (error);
  }

  /* one byte of the file changed */
  {
    g_autofree char *changed = g_strdup (data);

    changed[20] ^= 1;
    g_assert_false (dossier_minisign_verify (key, (const guint8 *) changed, length, signature, strlen (signature),
                                             NULL, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
  }
  /* each byte of the signature's base64 changed, in turn: never verified */
  for (gsize i = 0; signature[i]; i++)
    {
      g_autofree char *changed = g_strdup (signature);
      gboolean ok;

      if (changed[i] == '\n')
        continue;
      changed[i] = changed[i] == 'A' ? 'B' : 'A';
      ok = dossier_minisign_verify (key, (const guint8 *) data, length, changed, strlen (changed), NULL, &error);
      /* the untrusted comment is the only part that may change */
      if (i < strlen ("untrusted comment: "))
        {
          g_assert_false (ok);
          g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_MALFORMED);
        }
      else if (i < (gsize) (strchr (signature, '\n') - signature))
        g_assert_true (ok);
      else
        g_assert_false (ok);
      g_clear_error (&error);
    }
  /* another key */
  g_assert_false (dossier_minisign_verify (other, (const guint8 *) data, length, signature, strlen (signature),
                                           NULL, &error));
  g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_WRONG_KEY);
  g_clear_error (&error);
  /* another key that claims this key's id */
  {
    g_autofree char *forged_text = dossier_minisign_key_to_string (other);
    g_autofree char *key_text = dossier_minisign_key_to_string (key);
    g_autofree guchar *raw = g_base64_decode (forged_text, &(gsize) { 0 });
    g_autofree guchar *real = g_base64_decode (key_text, &(gsize) { 0 });
    g_autofree char *forged = NULL;
    g_autoptr(DossierMinisignKey) impostor = NULL;

    memcpy (raw + 2, real + 2, 8);
    forged = g_base64_encode (raw, 42);
    impostor = dossier_minisign_key_parse (forged, &error);
    g_assert_no_error (error);
    g_assert_false (dossier_minisign_verify (impostor, (const guint8 *) data, length, signature,
                                             strlen (signature), NULL, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
  }
  /* the trusted comment changed */
  {
    g_autofree char *changed = g_strdup (signature);
    char *at = strstr (changed, "1700000000");

    at[0] = '2';
    g_assert_false (dossier_minisign_verify (key, (const guint8 *) data, length, changed, strlen (changed),
                                             NULL, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
  }
}

/* What is refused before anything is verified. */
static void
test_signature_malformed (void)
{
  g_autoptr(DossierMinisignSecretKey) secret = dossier_minisign_secret_key_generate ();
  g_autofree char *signature = dossier_minisign_sign (secret, (const guint8 *) data, strlen (data), "x", NULL);
  g_auto(GStrv) lines = g_strsplit (signature, "\n", -1);
  g_autofree char *long_comment = g_strnfill (DOSSIER_MINISIGN_MAX_COMMENT_BYTES + 1, 'c');
  g_autofree char *padding = g_strnfill (DOSSIER_MINISIGN_MAX_FILE_BYTES, 'u');
  g_autoptr(GError) error = NULL;
  struct {
    char *text;
    int   code;
  } cases[] = {
    { g_strdup (""), DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("%s\n%s\n", lines[0], lines[1]), DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n", lines[0], lines[1], lines[2], lines[3], lines[3]),
      DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("comment\n%s\n%s\n%s\n", lines[1], lines[2], lines[3]), DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("%s\n%sA\n%s\n%s\n", lines[0], lines[1], lines[2], lines[3]), DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("%s\n%.96s\n%s\n%s\n", lines[0], lines[1], lines[2], lines[3]), DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("%s\n%s\n%s\n%.84s\n", lines[0], lines[1], lines[2], lines[3]), DOSSIER_MINISIGN_ERROR_MALFORMED },
    /* the trusted comment: a control character, not UTF-8, too long */
    { g_strdup_printf ("%s\n%s\ntrusted comment: a\033[31mb\n%s\n", lines[0], lines[1], lines[3]),
      DOSSIER_MINISIGN_ERROR_BAD_COMMENT },
    { g_strdup_printf ("%s\n%s\ntrusted comment: \xc3\x28\n%s\n", lines[0], lines[1], lines[3]),
      DOSSIER_MINISIGN_ERROR_MALFORMED },
    { g_strdup_printf ("%s\n%s\ntrusted comment: %s\n%s\n", lines[0], lines[1], long_comment, lines[3]),
      DOSSIER_MINISIGN_ERROR_BAD_COMMENT },
    /* more than a signature ever is */
    { g_strdup_printf ("untrusted comment: %s\n%s\n%s\n%s\n", padding, lines[1], lines[2], lines[3]),
      DOSSIER_MINISIGN_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DossierMinisignSignature) parsed = dossier_minisign_signature_parse (cases[i].text,
                                                                                      strlen (cases[i].text), &error);

      g_test_message ("case %u", i);
      g_assert_null (parsed);
      g_assert_error (error, DOSSIER_MINISIGN_ERROR, cases[i].code);
      g_clear_error (&error);
      g_free (cases[i].text);
    }
  /* a NUL inside */
  g_assert_null (dossier_minisign_signature_parse ("untrusted comment: \0x\n", 22, &error));
  g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_MALFORMED);
  g_clear_error (&error);
  /* a comment Dossier would not write is not signed either */
  g_assert_null (dossier_minisign_sign (secret, (const guint8 *) data, 1, "two\nlines", &error));
  g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_COMMENT);
}

/* Random changes to a signature, seeded: whatever is changed after its
 * first line (the untrusted comment), it never verifies, and nothing
 * reads out of bounds (the sanitizer build runs this too). */
static void
test_signature_mutations (void)
{
  g_autoptr(DossierMinisignSecretKey) secret = dossier_minisign_secret_key_generate ();
  g_autoptr(DossierMinisignKey) key = dossier_minisign_secret_key_get_public (secret);
  g_autofree char *signature = dossier_minisign_sign (secret, (const guint8 *) data, strlen (data),
                                                      "timestamp:1700000000\tfile:x\thashed", NULL);
  gsize length = strlen (signature);
  gsize first_line = (gsize) (strchr (signature, '\n') - signature) + 1;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240521);

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *changed = g_strdup (signature);
      gsize changed_length = length;
      guint n = g_rand_int_range (rand, 1, 4);
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < n; i++)
        {
          gsize at = first_line + g_rand_int_range (rand, 0, (gint32) (length - first_line));
          char value = (char) g_rand_int_range (rand, 0, 256);

          if (value == '\r' || value == '\n' || value == changed[at])
            value = changed[at] == '#' ? '%' : '#';
          changed[at] = value;
        }
      if (round % 5 == 0)
        changed_length = first_line + g_rand_int_range (rand, 0, (gint32) (length - first_line));
      g_assert_false (dossier_minisign_verify (key, (const guint8 *) data, strlen (data), changed, changed_length,
                                               NULL, &error));
      g_assert_nonnull (error);
    }
}

/* ---- secret keys ---- */

static void
test_secret_key_unprotected (void)
{
  g_autoptr(DossierMinisignSecretKey) secret = dossier_minisign_secret_key_generate ();
  g_autoptr(DossierMinisignKey) key = dossier_minisign_secret_key_get_public (secret);
  g_autofree char *text = dossier_minisign_secret_key_to_file_text (secret, NULL, NULL);
  g_autoptr(DossierMinisignSecretKey) again = NULL;
  g_autoptr(DossierMinisignKey) again_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;

  g_assert_true (g_str_has_prefix (text, "untrusted comment: "));
  g_assert_false (dossier_minisign_secret_key_is_encrypted (text, strlen (text)));
  again = dossier_minisign_secret_key_parse (text, strlen (text), NULL, &error);
  g_assert_no_error (error);
  again_key = dossier_minisign_secret_key_get_public (again);
  g_assert_true (dossier_minisign_key_equal (key, again_key));
  signature = dossier_minisign_sign (again, (const guint8 *) data, strlen (data), "t", &error);
  g_assert_true (dossier_minisign_verify (key, (const guint8 *) data, strlen (data), signature,
                                          strlen (signature), NULL, &error));

  /* a changed byte: the checksum says so */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    g_autofree guchar *raw = NULL;
    g_autofree char *encoded = NULL;
    g_autofree char *damaged = NULL;
    gsize length;

    raw = g_base64_decode (lines[1], &length);
    g_assert_cmpuint (length, ==, 158);
    raw[80] ^= 1;
    encoded = g_base64_encode (raw, length);
    damaged = g_strdup_printf ("%s\n%s\n", lines[0], encoded);
    g_assert_null (dossier_minisign_secret_key_parse (damaged, strlen (damaged), NULL, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_MALFORMED);
    g_clear_error (&error);

    /* a key that asks for more scrypt work than minisign's: refused unworked */
    raw[80] ^= 1;
    memcpy (raw + 2, "Sc", 2);
    raw[6 + 32 + 8 + 7] = 0x40;   /* memlimit 2^62 */
    g_free (encoded);
    g_free (damaged);
    encoded = g_base64_encode (raw, length);
    damaged = g_strdup_printf ("%s\n%s\n", lines[0], encoded);
    g_assert_true (dossier_minisign_secret_key_is_encrypted (damaged, strlen (damaged)));
    g_assert_null (dossier_minisign_secret_key_parse (damaged, strlen (damaged), NULL, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_PASSPHRASE);
    g_clear_error (&error);
    g_assert_null (dossier_minisign_secret_key_parse (damaged, strlen (damaged), "pass", &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_UNSUPPORTED);
    g_clear_error (&error);
  }
  g_assert_null (dossier_minisign_secret_key_parse ("untrusted comment: x\nRWQ\n", 24, NULL, &error));
  g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_MALFORMED);
}

/* ---- with the real minisign ---- */

/* minisign signs (prehashed, and legacy with -l); Dossier verifies with
 * the public key minisign wrote, and refuses the file once changed. */
static void
test_minisign_signs (void)
{
  g_autofree char *minisign = minisign_path ();
  g_autofree char *dir = NULL;
  g_autofree char *pk = NULL, *sk = NULL, *file = NULL, *sig = NULL, *legacy_sig = NULL;
  g_autofree char *pk_text = NULL, *sig_text = NULL, *legacy_text = NULL;
  g_autoptr(DossierMinisignKey) key = NULL;
  g_autoptr(DossierMinisignSignature) verified = NULL;
  g_autoptr(GError) error = NULL;

  if (minisign == NULL)
    return;
  dir = dossier_test_make_dir ();
  pk = g_build_filename (dir, "coordinator.pub", NULL);
  sk = g_build_filename (dir, "coordinator.key", NULL);
  file = g_build_filename (dir, "campaign.json", NULL);
  sig = g_strconcat (file, ".minisig", NULL);
  legacy_sig = g_build_filename (dir, "legacy.minisig", NULL);
  write_text (file, data, -1);

  g_assert_cmpint (run_minisign (NULL, NULL, "-G", "-W", "-p", pk, "-s", sk, NULL), ==, 0);
  g_assert_cmpint (run_minisign (NULL, NULL, "-S", "-s", sk, "-m", file, "-t", "campaign of 2024", NULL), ==, 0);
  g_assert_cmpint (run_minisign (NULL, NULL, "-S", "-l", "-s", sk, "-m", file, "-x", legacy_sig, NULL), ==, 0);

  pk_text = read_text (pk);
  sig_text = read_text (sig);
  legacy_text = read_text (legacy_sig);
  key = dossier_minisign_key_parse (pk_text, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_minisign_verify (key, (const guint8 *) data, strlen (data), sig_text, strlen (sig_text),
                                          &verified, &error));
  g_assert_no_error (error);
  g_assert_true (verified->prehashed);
  g_assert_cmpstr (verified->trusted_comment, ==, "campaign of 2024");
  g_assert_cmpint (verified->timestamp, ==, -1);
  g_clear_pointer (&verified, dossier_minisign_signature_free);
  g_assert_true (dossier_minisign_verify (key, (const guint8 *) data, strlen (data), legacy_text,
                                          strlen (legacy_text), &verified, &error));
  g_assert_no_error (error);
  g_assert_false (verified->prehashed);
  /* minisign's default comment has the time and the file's name */
  g_assert_cmpint (verified->timestamp, >, 1600000000);
  g_assert_cmpstr (verified->file_name, ==, "campaign.json");

  {
    g_autofree char *changed = g_strdup (data);

    changed[3] = 'V';
    g_assert_false (dossier_minisign_verify (key, (const guint8 *) changed, strlen (changed), sig_text,
                                             strlen (sig_text), NULL, &error));
    g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE);
  }
  dossier_test_remove_dir (dir);
}

/* Dossier makes the key and signs; `minisign -V` verifies, with the key
 * as a file and as text, and refuses the file once changed. */
static void
test_minisign_verifies (void)
{
  g_autofree char *minisign = minisign_path ();
  g_autoptr(DossierMinisignSecretKey) secret = dossier_minisign_secret_key_generate ();
  g_autoptr(DossierMinisignKey) key = dossier_minisign_secret_key_get_public (secret);
  g_autofree char *key_text = dossier_minisign_key_to_string (key);
  g_autofree char *key_file = dossier_minisign_key_to_file_text (key);
  g_autofree char *comment = dossier_minisign_default_comment ("campaign.json", 1700000000);
  g_autofree char *signature = NULL;
  g_autofree char *dir = NULL, *pk = NULL, *file = NULL, *sig = NULL, *output = NULL;

  if (minisign == NULL)
    return;
  dir = dossier_test_make_dir ();
  pk = g_build_filename (dir, "dossier.pub", NULL);
  file = g_build_filename (dir, "campaign.json", NULL);
  sig = g_strconcat (file, ".minisig", NULL);
  signature = dossier_minisign_sign (secret, (const guint8 *) data, strlen (data), comment, NULL);
  write_text (pk, key_file, -1);
  write_text (file, data, -1);
  write_text (sig, signature, -1);

  g_assert_cmpint (run_minisign (NULL, &output, "-V", "-p", pk, "-m", file, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Signature and comment signature verified"));
  g_assert_nonnull (strstr (output, "timestamp:1700000000\tfile:campaign.json\thashed"));
  g_clear_pointer (&output, g_free);
  /* -H: minisign insists on a prehashed signature, which this is */
  g_assert_cmpint (run_minisign (NULL, NULL, "-V", "-H", "-P", key_text, "-m", file, NULL), ==, 0);

  write_text (file, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[1]}\n", -1);
  g_assert_cmpint (run_minisign (NULL, &output, "-V", "-p", pk, "-m", file, NULL), !=, 0);
  g_assert_nonnull (strstr (output, "Signature verification failed"));
  dossier_test_remove_dir (dir);
}

/* Secret keys with a passphrase, both ways: one Dossier wrote signs in
 * minisign, one minisign wrote signs in Dossier; the wrong passphrase is
 * refused. Each unlock is scrypt at minisign's parameters (1 GiB, a few
 * seconds). */
static void
test_minisign_passphrase_keys (void)
{
  g_autofree char *minisign = minisign_path ();
  g_autoptr(DossierMinisignSecretKey) secret = NULL;
  g_autoptr(DossierMinisignSecretKey) unlocked = NULL;
  g_autoptr(DossierMinisignKey) key = NULL;
  g_autoptr(DossierMinisignKey) minisign_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *pk = NULL, *sk = NULL, *file = NULL, *sig = NULL;
  g_autofree char *sk_text = NULL, *pk_text = NULL, *sig_text = NULL, *signature = NULL, *output = NULL;
  g_autofree char *minisign_pk = NULL, *minisign_sk = NULL;

  if (minisign == NULL)
    return;
  dir = dossier_test_make_dir ();
  pk = g_build_filename (dir, "dossier.pub", NULL);
  sk = g_build_filename (dir, "dossier.key", NULL);
  file = g_build_filename (dir, "campaign.json", NULL);
  sig = g_strconcat (file, ".minisig", NULL);
  write_text (file, data, -1);

  /* Dossier's key, protected, used by minisign */
  secret = dossier_minisign_secret_key_generate ();
  key = dossier_minisign_secret_key_get_public (secret);
  sk_text = dossier_minisign_secret_key_to_file_text (secret, "correct horse", &error);
  g_assert_no_error (error);
  g_assert_true (dossier_minisign_secret_key_is_encrypted (sk_text, strlen (sk_text)));
  write_text (sk, sk_text, -1);
  pk_text = dossier_minisign_key_to_file_text (key);
  write_text (pk, pk_text, -1);
  g_assert_cmpint (run_minisign ("correct horse\n", NULL, "-S", "-s", sk, "-m", file, NULL), ==, 0);
  sig_text = read_text (sig);
  g_assert_true (dossier_minisign_verify (key, (const guint8 *) data, strlen (data), sig_text, strlen (sig_text),
                                          NULL, &error));
  g_assert_no_error (error);
  /* and by Dossier again, not with another passphrase */
  g_assert_null (dossier_minisign_secret_key_parse (sk_text, strlen (sk_text), "wrong horse", &error));
  g_assert_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_PASSPHRASE);
  g_clear_error (&error);

  /* minisign's key, protected, used by Dossier */
  minisign_pk = g_build_filename (dir, "minisign.pub", NULL);
  minisign_sk = g_build_filename (dir, "minisign.key", NULL);
  g_assert_cmpint (run_minisign ("battery staple\nbattery staple\n", NULL, "-G", "-p", minisign_pk,
                                 "-s", minisign_sk, NULL), ==, 0);
  g_free (sk_text);
  sk_text = read_text (minisign_sk);
  g_assert_true (dossier_minisign_secret_key_is_encrypted (sk_text, strlen (sk_text)));
  unlocked = dossier_minisign_secret_key_parse (sk_text, strlen (sk_text), "battery staple", &error);
  g_assert_no_error (error);
  minisign_key = dossier_minisign_secret_key_get_public (unlocked);
  g_free (pk_text);
  pk_text = read_text (minisign_pk);
  {
    g_autoptr(DossierMinisignKey) written = dossier_minisign_key_parse (pk_text, &error);

    g_assert_no_error (error);
    g_assert_true (dossier_minisign_key_equal (written, minisign_key));
  }
  signature = dossier_minisign_sign (unlocked, (const guint8 *) data, strlen (data), "signed by Dossier", &error);
  g_assert_no_error (error);
  write_text (sig, signature, -1);
  g_assert_cmpint (run_minisign (NULL, &output, "-V", "-p", minisign_pk, "-m", file, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Trusted comment: signed by Dossier"));
  dossier_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/minisign/public-key", test_public_key);
  g_test_add_func ("/minisign/fingerprint", test_fingerprint_known);
  g_test_add_func ("/minisign/sign-verify", test_sign_verify);
  g_test_add_func ("/minisign/malformed", test_signature_malformed);
  g_test_add_func ("/minisign/mutations", test_signature_mutations);
  g_test_add_func ("/minisign/secret-key", test_secret_key_unprotected);
  g_test_add_func ("/minisign/interop/minisign-signs", test_minisign_signs);
  g_test_add_func ("/minisign/interop/minisign-verifies", test_minisign_verifies);
  g_test_add_func ("/minisign/interop/passphrase-keys", test_minisign_passphrase_keys);
  return g_test_run ();
}
