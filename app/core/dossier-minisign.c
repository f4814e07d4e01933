/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "dossier-minisign.h"

/* Every primitive is libsodium's: crypto_sign (Ed25519), crypto_generichash
 * (BLAKE2b), crypto_pwhash_scryptsalsa208sha256, randombytes, sodium_malloc
 * for secret keys (guarded, locked pages, wiped when freed) and
 * sodium_memcmp where a comparison is of secrets. What is written here is
 * only the framing minisign gives them (see the header), read strictly:
 * a line too many, a byte of base64 too many, is a malformed file. */

#define SIG_ALG          "Ed"
#define SIG_ALG_HASHED   "ED"
#define KDF_ALG          "Sc"
#define CHK_ALG          "B2"
#define COMMENT_PREFIX   "untrusted comment: "
#define TRUSTED_PREFIX   "trusted comment: "
#define KEY_ID_BYTES     8
#define PK_BYTES         crypto_sign_PUBLICKEYBYTES   /* 32 */
#define SK_BYTES         crypto_sign_SECRETKEYBYTES   /* 64 */
#define SIG_BYTES        crypto_sign_BYTES            /* 64 */
#define CHK_BYTES        crypto_generichash_BYTES     /* 32 */
#define SALT_BYTES       crypto_pwhash_scryptsalsa208sha256_SALTBYTES /* 32 */
#define PUBLIC_BYTES     (2 + KEY_ID_BYTES + PK_BYTES)                /* 42 */
#define SIGNATURE_BYTES  (2 + KEY_ID_BYTES + SIG_BYTES)               /* 74 */
#define SECRET_BYTES     (2 + 2 + 2 + SALT_BYTES + 8 + 8 + KEY_ID_BYTES + SK_BYTES + CHK_BYTES) /* 158 */
#define ENCRYPTED_BYTES  (KEY_ID_BYTES + SK_BYTES + CHK_BYTES)        /* 104 */
/* minisign's own parameters, the most Dossier spends on a key */
#define OPSLIMIT_MAX     crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE
#define MEMLIMIT_MAX     crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE
#define FINGERPRINT_BYTES 16

G_STATIC_ASSERT (DOSSIER_MINISIGN_KEY_LENGTH == (PUBLIC_BYTES + 2) / 3 * 4);

struct _DossierMinisignKey
{
  guint8 id[KEY_ID_BYTES];
  guint8 pk[PK_BYTES];
};

/* in sodium_malloc()'s memory */
struct _DossierMinisignSecretKey
{
  guint8 id[KEY_ID_BYTES];
  guint8 sk[SK_BYTES];
};

G_DEFINE_QUARK (dossier-minisign-error-quark, dossier_minisign_error)

static void
ensure_sodium (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* 1 is "already initialised"; -1 only when no randomness can be had */
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised: no source of randomness");
      g_once_init_leave (&done, 1);
    }
}

/* ---- framing ---- */

/* Exactly @size bytes from exactly the base64 in @text[0..@length),
 * padded, with nothing around it. */
static gboolean
decode_exact (const char *text,
              gsize       length,
              guint8     *out,
              gsize       size)
{
  gsize decoded = 0;
  const char *end = NULL;

  if (length != (size + 2) / 3 * 4)
    return FALSE;
  if (sodium_base642bin (out, size, text, length, NULL, &decoded, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;
  return decoded == size && end == text + length;
}

static char *
encode (const guint8 *data,
        gsize         size)
{
  gsize encoded = sodium_base64_ENCODED_LEN (size, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (encoded);

  sodium_bin2base64 (text, encoded, data, size, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

/* The lines of a small text file: split on "\n", each without a final
 * "\r"; a last line that is empty (the file ended with a newline) is
 * dropped. NULL when the text is too long, holds NUL or is not UTF-8. */
static GStrv
split_lines (const char  *text,
             gsize        length,
             GError     **error)
{
  g_autofree char *copy = NULL;
  GStrv lines;
  guint n;

  if (length > DOSSIER_MINISIGN_MAX_FILE_BYTES)
    {
      g_set_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_TOO_LARGE,
                   /* Translators: %d is a number of bytes */
                   _("This is longer than any key or signature (more than %d bytes)."),
                   DOSSIER_MINISIGN_MAX_FILE_BYTES);
      return NULL;
    }
  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_MALFORMED,
                           _("This is not a key or a signature: it is not text."));
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  /* it may be a secret key */
  sodium_memzero (copy, length);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  if (n > 0 && *lines[n - 1] == '\0')
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }
  return lines;
}

static gboolean
malformed (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_MALFORMED, message);
  return FALSE;
}

/* ---- public keys ---- */

static DossierMinisignKey *
key_from_line (const char  *line,
               GError     **error)
{
  guint8 raw[PUBLIC_BYTES];
  DossierMinisignKey *key;

  if (!decode_exact (line, strlen (line), raw, sizeof raw))
    {
      malformed (error, _("This is not a minisign public key: such a key is 56 letters, digits, "
                          "“+” and “/”, starting with “RW”."));
      return NULL;
    }
  if (memcmp (raw, SIG_ALG, 2) != 0)
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_UNSUPPORTED,
                           _("This key is for another signature algorithm than minisign’s Ed25519."));
      return NULL;
    }
  key = g_new0 (DossierMinisignKey, 1);
  memcpy (key->id, raw + 2, KEY_ID_BYTES);
  memcpy (key->pk, raw + 2 + KEY_ID_BYTES, PK_BYTES);
  return key;
}

/**
 * dossier_minisign_key_parse:
 * @text: a public key as minisign prints it ("RWQ…"), with spaces around
 *   it or not, or the contents of a minisign.pub file (its comment line,
 *   then the key)
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
DossierMinisignKey *
dossier_minisign_key_parse (const char  *text,
                            GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *trimmed = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  length = strlen (text);
  if ((lines = split_lines (text, length, error)) == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (strchr (trimmed, '\n') == NULL)
    return key_from_line (trimmed, error);
  /* a minisign.pub: "untrusted comment: …", then the key */
  if (g_strv_length (lines) != 2 || !g_str_has_prefix (lines[0], COMMENT_PREFIX))
    {
      malformed (error, _("This is not a minisign public key file: it has a comment line, then the key."));
      return NULL;
    }
  return key_from_line (g_strstrip (lines[1]), error);
}

DossierMinisignKey *
dossier_minisign_key_copy (const DossierMinisignKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_memdup2 (key, sizeof *key);
}

void
dossier_minisign_key_free (DossierMinisignKey *key)
{
  g_free (key);
}

gboolean
dossier_minisign_key_equal (const DossierMinisignKey *a,
                            const DossierMinisignKey *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return memcmp (a, b, sizeof *a) == 0;
}

/**
 * dossier_minisign_key_to_string:
 *
 * Returns: (transfer full): the key as minisign prints it ("RWQ…", 56
 *   characters), what `minisign -V -P` takes
 */
char *
dossier_minisign_key_to_string (const DossierMinisignKey *key)
{
  guint8 raw[PUBLIC_BYTES];

  g_return_val_if_fail (key != NULL, NULL);

  memcpy (raw, SIG_ALG, 2);
  memcpy (raw + 2, key->id, KEY_ID_BYTES);
  memcpy (raw + 2 + KEY_ID_BYTES, key->pk, PK_BYTES);
  return encode (raw, sizeof raw);
}

static char *
id_to_string (const guint8 id[KEY_ID_BYTES])
{
  GString *text = g_string_sized_new (2 * KEY_ID_BYTES);

  /* as minisign prints it: the 8 bytes as a little-endian number */
  for (int i = KEY_ID_BYTES - 1; i >= 0; i--)
    g_string_append_printf (text, "%02X", id[i]);
  return g_string_free (text, FALSE);
}

/**
 * dossier_minisign_key_get_id:
 *
 * Returns: (transfer full): the key's id as minisign prints it in its
 *   files' comments ("minisign public key 9A3C…"): 16 hexadecimal digits.
 *   The id only tells keys apart; anyone can make a key with any id. A
 *   person compares the fingerprint, or the whole key.
 */
char *
dossier_minisign_key_get_id (const DossierMinisignKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return id_to_string (key->id);
}

/**
 * dossier_minisign_key_get_fingerprint:
 *
 * Returns: (transfer full): what a person compares: BLAKE2b-128 of the
 *   key's 42 bytes (algorithm, id and Ed25519 key), as 8 groups of 4
 *   hexadecimal digits ("3F0A 91C2 …"). Unlike the key id, it cannot be
 *   chosen by whoever makes a key.
 */
char *
dossier_minisign_key_get_fingerprint (const DossierMinisignKey *key)
{
  guint8 raw[PUBLIC_BYTES];
  guint8 hash[FINGERPRINT_BYTES];
  GString *text = g_string_sized_new (FINGERPRINT_BYTES * 3);

  g_return_val_if_fail (key != NULL, NULL);

  ensure_sodium ();
  memcpy (raw, SIG_ALG, 2);
  memcpy (raw + 2, key->id, KEY_ID_BYTES);
  memcpy (raw + 2 + KEY_ID_BYTES, key->pk, PK_BYTES);
  crypto_generichash (hash, sizeof hash, raw, sizeof raw, NULL, 0);
  for (guint i = 0; i < FINGERPRINT_BYTES; i++)
    g_string_append_printf (text, "%s%02X", i > 0 && i % 2 == 0 ? " " : "", hash[i]);
  return g_string_free (text, FALSE);
}

/**
 * dossier_minisign_fingerprint_of:
 * @key_text: (nullable): a public key as text
 *
 * Returns: (transfer full) (nullable): the fingerprint of @key_text, or
 *   %NULL when it is not a key
 */
char *
dossier_minisign_fingerprint_of (const char *key_text)
{
  g_autoptr(DossierMinisignKey) key = key_text && *key_text ? dossier_minisign_key_parse (key_text, NULL) : NULL;

  return key ? dossier_minisign_key_get_fingerprint (key) : NULL;
}

/**
 * dossier_minisign_key_to_file_text:
 *
 * Returns: (transfer full): a minisign.pub file's contents, as `minisign
 *   -G` writes it
 */
char *
dossier_minisign_key_to_file_text (const DossierMinisignKey *key)
{
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  id = dossier_minisign_key_get_id (key);
  line = dossier_minisign_key_to_string (key);
  return g_strdup_printf (COMMENT_PREFIX "minisign public key %s\n%s\n", id, line);
}

/* ---- signatures ---- */

/* One line of text: what minisign calls printable (no control character
 * but the tab), at most DOSSIER_MINISIGN_MAX_COMMENT_BYTES. The text is
 * valid UTF-8 already. */
static gboolean
comment_is_text (const char *comment)
{
  if (strlen (comment) > DOSSIER_MINISIGN_MAX_COMMENT_BYTES)
    return FALSE;
  for (const char *p = comment; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)))
        return FALSE;
    }
  return TRUE;
}

static void
read_comment_fields (DossierMinisignSignature *signature)
{
  g_auto(GStrv) fields = g_strsplit (signature->trusted_comment, "\t", 32);

  for (guint i = 0; fields[i]; i++)
    {
      const char *value;

      if (g_str_has_prefix (fields[i], "timestamp:") && signature->timestamp < 0)
        {
          guint64 seconds = 0;

          value = fields[i] + strlen ("timestamp:");
          if (*value && strlen (value) <= 18 && strspn (value, "0123456789") == strlen (value) &&
              g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &seconds, NULL))
            signature->timestamp = (gint64) seconds;
        }
      else if (g_str_has_prefix (fields[i], "file:") && signature->file_name == NULL)
        signature->file_name = g_strdup (fields[i] + strlen ("file:"));
    }
}

/**
 * dossier_minisign_signature_parse:
 * @text: a .minisig file's contents
 * @length: its length in bytes
 *
 * Reads a signature as `minisign -S` writes it: four lines, CR LF or LF.
 * The trusted comment must be one line of UTF-8 of at most
 * %DOSSIER_MINISIGN_MAX_COMMENT_BYTES, without control characters.
 * Nothing is verified yet.
 *
 * Returns: (transfer full): the signature, or %NULL with @error set
 */
DossierMinisignSignature *
dossier_minisign_signature_parse (const char  *text,
                                  gsize        length,
                                  GError     **error)
{
  g_autoptr(DossierMinisignSignature) signature = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 raw[SIGNATURE_BYTES];
  const char *comment;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if ((lines = split_lines (text ? text : "", length, error)) == NULL)
    return NULL;
  if (g_strv_length (lines) != 4 ||
      !g_str_has_prefix (lines[0], COMMENT_PREFIX) ||
      !g_str_has_prefix (lines[2], TRUSTED_PREFIX))
    {
      malformed (error, _("This is not a minisign signature: it has four lines, an untrusted comment, "
                          "the signature, a trusted comment and its signature."));
      return NULL;
    }
  if (!decode_exact (lines[1], strlen (lines[1]), raw, sizeof raw))
    {
      malformed (error, _("This is not a minisign signature: its second line is not a signature."));
      return NULL;
    }
  signature = g_new0 (DossierMinisignSignature, 1);
  signature->timestamp = -1;
  memcpy (signature->algorithm, raw, 2);
  if (memcmp (raw, SIG_ALG_HASHED, 2) == 0)
    signature->prehashed = TRUE;
  else if (memcmp (raw, SIG_ALG, 2) != 0)
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_UNSUPPORTED,
                           _("This signature was made with another algorithm than minisign’s Ed25519."));
      return NULL;
    }
  memcpy (signature->id, raw + 2, KEY_ID_BYTES);
  memcpy (signature->signature, raw + 2 + KEY_ID_BYTES, SIG_BYTES);
  if (!decode_exact (lines[3], strlen (lines[3]), signature->global_signature, SIG_BYTES))
    {
      malformed (error, _("This is not a minisign signature: its last line is not a signature."));
      return NULL;
    }
  comment = lines[2] + strlen (TRUSTED_PREFIX);
  if (!comment_is_text (comment))
    {
      g_set_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_COMMENT,
                   /* Translators: %d is a number of bytes */
                   _("The signature’s trusted comment is not one line of text of at most %d bytes."),
                   DOSSIER_MINISIGN_MAX_COMMENT_BYTES);
      return NULL;
    }
  signature->trusted_comment = g_strdup (comment);
  signature->key_id = id_to_string (signature->id);
  read_comment_fields (signature);
  return g_steal_pointer (&signature);
}

void
dossier_minisign_signature_free (DossierMinisignSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->key_id);
  g_free (signature->trusted_comment);
  g_free (signature->file_name);
  g_free (signature);
}

/**
 * dossier_minisign_signature_is_by:
 *
 * Returns: whether @signature names @key's id. It says which key to try,
 *   not that the signature is good: only verifying says that.
 */
gboolean
dossier_minisign_signature_is_by (const DossierMinisignSignature *signature,
                                  const DossierMinisignKey       *key)
{
  g_return_val_if_fail (signature != NULL && key != NULL, FALSE);

  return memcmp (signature->id, key->id, KEY_ID_BYTES) == 0;
}

/**
 * dossier_minisign_signature_verify:
 * @data: the signed file's bytes
 *
 * Verifies as `minisign -V` does: the key id, the signature of the data
 * (of its BLAKE2b-512 hash when prehashed), then the signature of the
 * trusted comment.
 *
 * Returns: %TRUE when @key signed @data and the trusted comment;
 *   otherwise %FALSE with @error set (%DOSSIER_MINISIGN_ERROR_WRONG_KEY,
 *   %DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE)
 */
gboolean
dossier_minisign_signature_verify (const DossierMinisignSignature *signature,
                                   const DossierMinisignKey       *key,
                                   const guint8                   *data,
                                   gsize                           length,
                                   GError                        **error)
{
  guint8 hash[crypto_generichash_BYTES_MAX];
  g_autofree guint8 *signed_comment = NULL;
  gsize comment_length;
  int verified;

  g_return_val_if_fail (signature != NULL && key != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  ensure_sodium ();
  if (!dossier_minisign_signature_is_by (signature, key))
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_WRONG_KEY,
                           _("The signature was made with another key."));
      return FALSE;
    }
  if (signature->prehashed)
    {
      crypto_generichash (hash, sizeof hash, data, length, NULL, 0);
      verified = crypto_sign_verify_detached (signature->signature, hash, sizeof hash, key->pk);
    }
  else
    verified = crypto_sign_verify_detached (signature->signature, data ? data : (const guint8 *) "",
                                            length, key->pk);
  if (verified != 0)
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE,
                           _("The file does not match its signature: one of them was changed."));
      return FALSE;
    }
  comment_length = strlen (signature->trusted_comment);
  signed_comment = g_malloc (SIG_BYTES + comment_length);
  memcpy (signed_comment, signature->signature, SIG_BYTES);
  memcpy (signed_comment + SIG_BYTES, signature->trusted_comment, comment_length);
  if (crypto_sign_verify_detached (signature->global_signature, signed_comment, SIG_BYTES + comment_length,
                                   key->pk) != 0)
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE,
                           _("The signature’s trusted comment was changed after it was signed."));
      return FALSE;
    }
  return TRUE;
}

/**
 * dossier_minisign_verify:
 * @signature_text: a .minisig file's contents
 * @signature: (out) (optional) (transfer full): what was verified
 *
 * Parses @signature_text and verifies it for @data with @key.
 */
gboolean
dossier_minisign_verify (const DossierMinisignKey  *key,
                         const guint8              *data,
                         gsize                      length,
                         const char                *signature_text,
                         gsize                      signature_length,
                         DossierMinisignSignature **signature,
                         GError                   **error)
{
  g_autoptr(DossierMinisignSignature) parsed = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  parsed = dossier_minisign_signature_parse (signature_text, signature_length, error);
  if (parsed == NULL || !dossier_minisign_signature_verify (parsed, key, data, length, error))
    return FALSE;
  if (signature)
    *signature = g_steal_pointer (&parsed);
  return TRUE;
}

/* ---- secret keys ---- */

static DossierMinisignSecretKey *
secret_key_new (void)
{
  DossierMinisignSecretKey *key;

  ensure_sodium ();
  key = sodium_malloc (sizeof *key);
  if (key == NULL)
    g_error ("Could not allocate %" G_GSIZE_FORMAT " bytes of guarded memory", sizeof *key);
  return key;
}

void
dossier_minisign_secret_key_free (DossierMinisignSecretKey *key)
{
  if (key)
    sodium_free (key);
}

/**
 * dossier_minisign_secret_key_generate:
 *
 * Returns: (transfer full): a new key pair, with a random key id
 */
DossierMinisignSecretKey *
dossier_minisign_secret_key_generate (void)
{
  DossierMinisignSecretKey *key = secret_key_new ();
  guint8 pk[PK_BYTES];

  randombytes_buf (key->id, sizeof key->id);
  crypto_sign_keypair (pk, key->sk);
  return key;
}

DossierMinisignKey *
dossier_minisign_secret_key_get_public (const DossierMinisignSecretKey *key)
{
  DossierMinisignKey *public_key;

  g_return_val_if_fail (key != NULL, NULL);

  public_key = g_new0 (DossierMinisignKey, 1);
  memcpy (public_key->id, key->id, KEY_ID_BYTES);
  crypto_sign_ed25519_sk_to_pk (public_key->pk, key->sk);
  return public_key;
}

static void
checksum (guint8        out[CHK_BYTES],
          const guint8  id[KEY_ID_BYTES],
          const guint8  sk[SK_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, CHK_BYTES);
  crypto_generichash_update (&state, (const guint8 *) SIG_ALG, 2);
  crypto_generichash_update (&state, id, KEY_ID_BYTES);
  crypto_generichash_update (&state, sk, SK_BYTES);
  crypto_generichash_final (&state, out, CHK_BYTES);
}

/* @raw is SECRET_BYTES in sodium_malloc() memory. */
static gboolean
decode_secret (const char  *text,
               gsize        length,
               guint8      *raw,
               GError     **error)
{
  g_auto(GStrv) lines = split_lines (text, length, error);

  if (lines == NULL)
    return FALSE;
  gboolean read = g_strv_length (lines) == 2 && g_str_has_prefix (lines[0], COMMENT_PREFIX) &&
                  decode_exact (lines[1], strlen (lines[1]), raw, SECRET_BYTES);

  /* an unprotected key's base64 is the key */
  for (guint i = 0; lines[i]; i++)
    sodium_memzero (lines[i], strlen (lines[i]));
  if (!read)
    return malformed (error, _("This is not a minisign secret key file."));
  if (memcmp (raw, SIG_ALG, 2) != 0 || memcmp (raw + 4, CHK_ALG, 2) != 0 ||
      (memcmp (raw + 2, KDF_ALG, 2) != 0 && memcmp (raw + 2, "\0\0", 2) != 0))
    {
      g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_UNSUPPORTED,
                           _("This secret key uses an algorithm Dossier does not know."));
      return FALSE;
    }
  return TRUE;
}

/**
 * dossier_minisign_secret_key_is_encrypted:
 *
 * Returns: whether the secret key file's contents are protected by a
 *   passphrase; %FALSE also when they are no secret key at all
 */
gboolean
dossier_minisign_secret_key_is_encrypted (const char *text,
                                          gsize       length)
{
  guint8 *raw;
  gboolean encrypted;

  g_return_val_if_fail (text != NULL, FALSE);

  ensure_sodium ();
  raw = sodium_malloc (SECRET_BYTES);
  encrypted = decode_secret (text, length, raw, NULL) && memcmp (raw + 2, KDF_ALG, 2) == 0;
  sodium_free (raw);
  return encrypted;
}

static guint64
load_le64 (const guint8 *p)
{
  guint64 value = 0;

  for (int i = 7; i >= 0; i--)
    value = (value << 8) | p[i];
  return value;
}

static void
store_le64 (guint8  *p,
            guint64  value)
{
  for (int i = 0; i < 8; i++)
    {
      p[i] = value & 0xff;
      value >>= 8;
    }
}

/**
 * dossier_minisign_secret_key_parse:
 * @text: a minisign secret key file's contents
 * @passphrase: (nullable): its passphrase, when it has one
 *
 * Reads a secret key as `minisign -G` writes it, with or without a
 * passphrase (-W). The scrypt parameters are the file's, up to minisign's
 * own: a file that asks for more is refused before any work is done.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *   (%DOSSIER_MINISIGN_ERROR_PASSPHRASE when the passphrase is missing or
 *   wrong)
 */
DossierMinisignSecretKey *
dossier_minisign_secret_key_parse (const char  *text,
                                   gsize        length,
                                   const char  *passphrase,
                                   GError     **error)
{
  guint8 *raw;
  guint8 *stream = NULL;
  guint8 *plain;
  guint8 check[CHK_BYTES];
  DossierMinisignSecretKey *key = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  ensure_sodium ();
  raw = sodium_malloc (SECRET_BYTES);
  if (!decode_secret (text, length, raw, error))
    goto out;
  plain = raw + 6 + SALT_BYTES + 16;
  if (memcmp (raw + 2, KDF_ALG, 2) == 0)
    {
      const guint8 *salt = raw + 6;
      guint64 opslimit = load_le64 (raw + 6 + SALT_BYTES);
      guint64 memlimit = load_le64 (raw + 6 + SALT_BYTES + 8);

      if (passphrase == NULL)
        {
          g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_PASSPHRASE,
                               _("This secret key is protected by a passphrase."));
          goto out;
        }
      if (opslimit > OPSLIMIT_MAX || memlimit > MEMLIMIT_MAX)
        {
          g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_UNSUPPORTED,
                               _("This secret key asks for more work to unlock than minisign ever sets: "
                                 "Dossier does not try."));
          goto out;
        }
      stream = sodium_malloc (ENCRYPTED_BYTES);
      if (crypto_pwhash_scryptsalsa208sha256 (stream, ENCRYPTED_BYTES, passphrase, strlen (passphrase),
                                              salt, opslimit, (size_t) memlimit) != 0)
        {
          g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_FAILED,
                               _("Could not unlock the secret key: its key derivation needs more memory "
                                 "than there is."));
          goto out;
        }
      for (guint i = 0; i < ENCRYPTED_BYTES; i++)
        plain[i] ^= stream[i];
    }
  checksum (check, plain, plain + KEY_ID_BYTES);
  if (sodium_memcmp (check, plain + KEY_ID_BYTES + SK_BYTES, CHK_BYTES) != 0)
    {
      if (memcmp (raw + 2, KDF_ALG, 2) == 0)
        g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_PASSPHRASE,
                             _("This is not the passphrase of this secret key."));
      else
        malformed (error, _("This secret key file is damaged: its checksum does not match."));
      goto out;
    }
  key = secret_key_new ();
  memcpy (key->id, plain, KEY_ID_BYTES);
  memcpy (key->sk, plain + KEY_ID_BYTES, SK_BYTES);

out:
  sodium_memzero (check, sizeof check);
  if (stream)
    sodium_free (stream);
  sodium_free (raw);
  return key;
}

/**
 * dossier_minisign_secret_key_to_file_text:
 * @passphrase: (nullable): the passphrase to protect it with, or %NULL for
 *   none (as `minisign -G -W`)
 *
 * Writes the key as `minisign -G` does, protected with scrypt at
 * minisign's own parameters (OPSLIMIT_SENSITIVE and MEMLIMIT_SENSITIVE:
 * 1 GiB of memory, a few seconds), halved as minisign does when there is
 * not that much memory. The text is secret: write it to a file only its
 * owner reads, and wipe it when done.
 *
 * Returns: (transfer full): the file's contents, or %NULL with @error set
 */
char *
dossier_minisign_secret_key_to_file_text (const DossierMinisignSecretKey  *key,
                                          const char                      *passphrase,
                                          GError                         **error)
{
  guint8 *raw;
  guint8 *plain;
  guint8 *stream = NULL;
  gsize encoded_length = sodium_base64_ENCODED_LEN (SECRET_BYTES, sodium_base64_VARIANT_ORIGINAL);
  char *encoded = NULL;
  char *text = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  ensure_sodium ();
  raw = sodium_malloc (SECRET_BYTES);
  memset (raw, 0, SECRET_BYTES);
  memcpy (raw, SIG_ALG, 2);
  memcpy (raw + 2, passphrase ? KDF_ALG : "\0\0", 2);
  memcpy (raw + 4, CHK_ALG, 2);
  plain = raw + 6 + SALT_BYTES + 16;
  memcpy (plain, key->id, KEY_ID_BYTES);
  memcpy (plain + KEY_ID_BYTES, key->sk, SK_BYTES);
  checksum (plain + KEY_ID_BYTES + SK_BYTES, key->id, key->sk);
  if (passphrase)
    {
      guint64 opslimit = OPSLIMIT_MAX;
      guint64 memlimit = MEMLIMIT_MAX;

      randombytes_buf (raw + 6, SALT_BYTES);
      stream = sodium_malloc (ENCRYPTED_BYTES);
      while (crypto_pwhash_scryptsalsa208sha256 (stream, ENCRYPTED_BYTES, passphrase, strlen (passphrase),
                                                 raw + 6, opslimit, (size_t) memlimit) != 0)
        {
          opslimit /= 2;
          memlimit /= 2;
          if (opslimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
              memlimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN)
            {
              g_set_error_literal (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_FAILED,
                                   _("Could not protect the secret key: its key derivation needs more "
                                     "memory than there is."));
              goto out;
            }
        }
      store_le64 (raw + 6 + SALT_BYTES, opslimit);
      store_le64 (raw + 6 + SALT_BYTES + 8, memlimit);
      for (guint i = 0; i < ENCRYPTED_BYTES; i++)
        plain[i] ^= stream[i];
    }
  encoded = sodium_malloc (encoded_length);
  sodium_bin2base64 (encoded, encoded_length, raw, SECRET_BYTES, sodium_base64_VARIANT_ORIGINAL);
  text = g_strdup_printf (COMMENT_PREFIX "minisign encrypted secret key\n%s\n", encoded);
  sodium_memzero (encoded, encoded_length);
  sodium_free (encoded);

out:
  if (stream)
    sodium_free (stream);
  sodium_free (raw);
  return text;
}

/**
 * dossier_minisign_default_comment:
 * @file_name: (nullable): the signed file's name, without its folder
 * @timestamp: Unix time
 *
 * Returns: (transfer full): the trusted comment minisign writes by
 *   default for a prehashed signature: "timestamp:N\tfile:NAME\thashed".
 *   Dossier reads the timestamp back, to refuse an update older than the
 *   one it applied.
 */
char *
dossier_minisign_default_comment (const char *file_name,
                                  gint64      timestamp)
{
  g_autofree char *name = NULL;

  /* one line, whatever the file is called */
  name = g_strdelimit (g_strdup (file_name ? file_name : ""), "\t\r\n", '_');
  if (!g_utf8_validate (name, -1, NULL))
    g_clear_pointer (&name, g_free);
  return g_strdup_printf ("timestamp:%" G_GINT64_FORMAT "\tfile:%s\thashed", timestamp, name ? name : "");
}

/**
 * dossier_minisign_sign:
 * @trusted_comment: one line of text, signed with the data: see
 *   dossier_minisign_default_comment()
 *
 * Signs @data prehashed ("ED", BLAKE2b-512), as minisign ≥ 0.10 does by
 * default.
 *
 * Returns: (transfer full): the .minisig file's contents, or %NULL with
 *   @error set when the comment is not one line of text
 */
char *
dossier_minisign_sign (const DossierMinisignSecretKey  *key,
                       const guint8                    *data,
                       gsize                            length,
                       const char                      *trusted_comment,
                       GError                         **error)
{
  guint8 hash[crypto_generichash_BYTES_MAX];
  guint8 raw[SIGNATURE_BYTES];
  guint8 global[SIG_BYTES];
  g_autofree guint8 *signed_comment = NULL;
  g_autofree char *line = NULL;
  g_autofree char *global_line = NULL;
  g_autofree char *id = NULL;
  gsize comment_length;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (trusted_comment != NULL, NULL);

  ensure_sodium ();
  if (!g_utf8_validate (trusted_comment, -1, NULL) || !comment_is_text (trusted_comment))
    {
      g_set_error (error, DOSSIER_MINISIGN_ERROR, DOSSIER_MINISIGN_ERROR_BAD_COMMENT,
                   _("The signature’s trusted comment is not one line of text of at most %d bytes."),
                   DOSSIER_MINISIGN_MAX_COMMENT_BYTES);
      return NULL;
    }
  crypto_generichash (hash, sizeof hash, data ? data : (const guint8 *) "", length, NULL, 0);
  memcpy (raw, SIG_ALG_HASHED, 2);
  memcpy (raw + 2, key->id, KEY_ID_BYTES);
  crypto_sign_detached (raw + 2 + KEY_ID_BYTES, NULL, hash, sizeof hash, key->sk);

  comment_length = strlen (trusted_comment);
  signed_comment = g_malloc (SIG_BYTES + comment_length);
  memcpy (signed_comment, raw + 2 + KEY_ID_BYTES, SIG_BYTES);
  memcpy (signed_comment + SIG_BYTES, trusted_comment, comment_length);
  crypto_sign_detached (global, NULL, signed_comment, SIG_BYTES + comment_length, key->sk);

  line = encode (raw, sizeof raw);
  global_line = encode (global, sizeof global);
  id = id_to_string (key->id);
  return g_strdup_printf (COMMENT_PREFIX "signature from minisign secret key %s\n%s\n" TRUSTED_PREFIX "%s\n%s\n",
                          id, line, trusted_comment, global_line);
}
