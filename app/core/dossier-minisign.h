/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Signatures in minisign's formats (https://jedisct1.github.io/minisign/),
 * made and checked with libsodium's Ed25519, BLAKE2b and scrypt and
 * nothing of our own: a campaign signed with the `minisign` tool verifies
 * here, and a file signed here verifies with `minisign -V`.
 *
 *   public key   base64 ("Ed" ‖ key id (8 bytes) ‖ Ed25519 public key (32))
 *   FILE.minisig "untrusted comment: …" / base64 ("ED" or "Ed" ‖ key id ‖
 *                signature (64)) / "trusted comment: …" / base64 (signature
 *                (64) of the first signature ‖ the trusted comment's text)
 *                "ED": the signed message is BLAKE2b-512 of the file (what
 *                minisign ≥ 0.10 writes, and Dossier); "Ed": the file.
 *   secret key   "untrusted comment: …" / base64 ("Ed" ‖ "Sc" or "\0\0" ‖
 *                "B2" ‖ salt (32) ‖ opslimit (8, LE) ‖ memlimit (8, LE) ‖
 *                (key id ‖ secret key (64) ‖ BLAKE2b-256 checksum) XOR
 *                scrypt (passphrase, salt, opslimit, memlimit))
 *
 * Everything read is bounded before it is parsed: a signature file of
 * more than DOSSIER_MINISIGN_MAX_FILE_BYTES is refused unread, keys are
 * exactly their size, and a secret key that asks for more scrypt work than
 * minisign's own ("sensitive") parameters is refused. GLib and libsodium
 * only: the fetcher, the command line and the tests share it. */

#define DOSSIER_MINISIGN_ERROR (dossier_minisign_error_quark ())

typedef enum {
  DOSSIER_MINISIGN_ERROR_MALFORMED,      /* not a key or signature in minisign's format */
  DOSSIER_MINISIGN_ERROR_TOO_LARGE,      /* more bytes than any such file has */
  DOSSIER_MINISIGN_ERROR_UNSUPPORTED,    /* another algorithm, or too costly a key derivation */
  DOSSIER_MINISIGN_ERROR_WRONG_KEY,      /* made with another key */
  DOSSIER_MINISIGN_ERROR_BAD_SIGNATURE,  /* the data, or the trusted comment, changed since */
  DOSSIER_MINISIGN_ERROR_BAD_COMMENT,    /* a trusted comment that is not one line of text */
  DOSSIER_MINISIGN_ERROR_PASSPHRASE,     /* a passphrase is needed, or it is not this key's */
  DOSSIER_MINISIGN_ERROR_FAILED,         /* the key derivation ran out of memory, … */
} DossierMinisignError;

/* A .minisig is a few hundred bytes; a key file less than one KiB. */
#define DOSSIER_MINISIGN_MAX_FILE_BYTES 4096
/* The longest trusted comment read or written, in bytes. */
#define DOSSIER_MINISIGN_MAX_COMMENT_BYTES 1024
/* A public key as text: base64 of 42 bytes. */
#define DOSSIER_MINISIGN_KEY_LENGTH 56

typedef struct _DossierMinisignKey DossierMinisignKey;
typedef struct _DossierMinisignSecretKey DossierMinisignSecretKey;

typedef struct {
  gboolean  prehashed;        /* "ED": over BLAKE2b-512 of the data */
  char     *key_id;           /* the signing key's id, as minisign prints it */
  char     *trusted_comment;  /* one line of UTF-8, signed with the data */
  gint64    timestamp;        /* the comment's "timestamp:N" (Unix time), or -1 */
  char     *file_name;        /* the comment's "file:NAME", or NULL */
  /*< private >*/
  guint8    algorithm[2];
  guint8    id[8];
  guint8    signature[64];
  guint8    global_signature[64];
} DossierMinisignSignature;

GQuark                    dossier_minisign_error_quark          (void);

DossierMinisignKey       *dossier_minisign_key_parse             (const char                     *text,
                                                                  GError                        **error);
DossierMinisignKey       *dossier_minisign_key_copy              (const DossierMinisignKey       *key);
void                      dossier_minisign_key_free              (DossierMinisignKey             *key);
gboolean                  dossier_minisign_key_equal             (const DossierMinisignKey       *a,
                                                                  const DossierMinisignKey       *b);
char                     *dossier_minisign_key_to_string         (const DossierMinisignKey       *key);
char                     *dossier_minisign_key_get_id            (const DossierMinisignKey       *key);
char                     *dossier_minisign_key_get_fingerprint   (const DossierMinisignKey       *key);
char                     *dossier_minisign_key_to_file_text      (const DossierMinisignKey       *key);
char                     *dossier_minisign_fingerprint_of        (const char                     *key_text);

DossierMinisignSignature *dossier_minisign_signature_parse       (const char                     *text,
                                                                  gsize                           length,
                                                                  GError                        **error);
void                      dossier_minisign_signature_free        (DossierMinisignSignature       *signature);
gboolean                  dossier_minisign_signature_is_by       (const DossierMinisignSignature *signature,
                                                                  const DossierMinisignKey       *key);
gboolean                  dossier_minisign_signature_verify      (const DossierMinisignSignature *signature,
                                                                  const DossierMinisignKey       *key,
                                                                  const guint8                   *data,
                                                                  gsize                           length,
                                                                  GError                        **error);
gboolean                  dossier_minisign_verify                (const DossierMinisignKey       *key,
                                                                  const guint8                   *data,
                                                                  gsize                           length,
                                                                  const char                     *signature_text,
                                                                  gsize                           signature_length,
                                                                  DossierMinisignSignature      **signature,
                                                                  GError                        **error);

DossierMinisignSecretKey *dossier_minisign_secret_key_generate   (void);
gboolean                  dossier_minisign_secret_key_is_encrypted (const char                   *text,
                                                                  gsize                           length);
DossierMinisignSecretKey *dossier_minisign_secret_key_parse      (const char                     *text,
                                                                  gsize                           length,
                                                                  const char                     *passphrase,
                                                                  GError                        **error);
char                     *dossier_minisign_secret_key_to_file_text (const DossierMinisignSecretKey *key,
                                                                  const char                     *passphrase,
                                                                  GError                        **error);
DossierMinisignKey       *dossier_minisign_secret_key_get_public (const DossierMinisignSecretKey *key);
void                      dossier_minisign_secret_key_free       (DossierMinisignSecretKey       *key);
char                     *dossier_minisign_sign                  (const DossierMinisignSecretKey *key,
                                                                  const guint8                   *data,
                                                                  gsize                           length,
                                                                  const char                     *trusted_comment,
                                                                  GError                        **error);
char                     *dossier_minisign_default_comment       (const char                     *file_name,
                                                                  gint64                          timestamp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierMinisignKey, dossier_minisign_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierMinisignSecretKey, dossier_minisign_secret_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierMinisignSignature, dossier_minisign_signature_free)

G_END_DECLS
