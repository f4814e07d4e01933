/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "dossier-backup.h"
#include "dossier-store.h"
#include "dossier-store-private.h"

/* `dossier backup` and `dossier restore`: the whole store in one file,
 * encrypted with a key made from a passphrase (Argon2id) by libsodium's
 * secretstream (XChaCha20-Poly1305), in parts that each carry their own
 * check, the last marked as the last. docs/backup-format.md describes the
 * file byte by byte.
 *
 * A backup is made from a snapshot (VACUUM INTO, one read transaction:
 * consistent while the window writes, and without the free pages where
 * deleted records were) written to a private file beside the store,
 * unlinked as soon as it is written and overwritten with zeros before its
 * descriptor is closed. A restore decrypts into a private file beside the
 * store, checks it (SQLite's integrity check, then the store's own open
 * and migration), and only then renames it over the store: until that
 * moment the store is as it was, and a wrong passphrase, a cut or changed
 * file change nothing. */

G_DEFINE_QUARK (dossier-backup-error-quark, dossier_backup_error)

#define MAGIC "DOSSBKUP"
#define MAGIC_SIZE 8
#define FORMAT_VERSION 1
#define KDF_ARGON2ID13 1
#define CIPHER_SECRETSTREAM_XCHACHA20POLY1305 1
#define CHUNK_SIZE (64 * 1024)

/* The header: see docs/backup-format.md */
enum {
  HEADER_MAGIC = 0,
  HEADER_VERSION = 8,      /* u16 */
  HEADER_KDF = 10,         /* u8 */
  HEADER_CIPHER = 11,      /* u8 */
  HEADER_CHUNK = 12,       /* u32 */
  HEADER_OPSLIMIT = 16,    /* u64 */
  HEADER_MEMLIMIT = 24,    /* u64 */
  HEADER_SALT = 32,        /* crypto_pwhash_SALTBYTES */
  HEADER_STREAM = 48,      /* crypto_secretstream_xchacha20poly1305_HEADERBYTES */
  HEADER_SIZE = 72,
};

/* The first message of the stream: what the backup holds. */
enum {
  META_STORE_SIZE = 0,     /* u64 */
  META_CREATED = 8,        /* i64 */
  META_SCHEMA = 16,        /* u32 */
  META_SIZE = 32,          /* the rest is zeros */
};

#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

/* What a backup's header may ask for: a hostile file must not make
 * restoring allocate more than 1 GiB or spend minutes on the key. */
#define OPSLIMIT_MAX 10
#define MEMLIMIT_MAX (G_GUINT64_CONSTANT (1) << 30)
#define CHUNK_MIN (4 * 1024)
#define CHUNK_MAX (1024 * 1024)
/* a store of a petabyte is no store: keeps the sums below from overflowing */
#define STORE_SIZE_MAX (G_GUINT64_CONSTANT (1) << 50)

G_STATIC_ASSERT (HEADER_STREAM - HEADER_SALT == crypto_pwhash_SALTBYTES);
G_STATIC_ASSERT (HEADER_SIZE - HEADER_STREAM == crypto_secretstream_xchacha20poly1305_HEADERBYTES);

struct _DossierPassphrase
{
  gsize length;
  gsize capacity;
  char  text[];
};

typedef struct {
  DossierProgressFunc func;
  gpointer            data;
  double              from;
  double              span;
  gint64              last;   /* when it last reported, µs */
} Progress;

static void
report (Progress *progress,
        double    fraction,
        gboolean  always)
{
  gint64 now;

  if (progress->func == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!always && now - progress->last < 50 * 1000)
    return;
  progress->last = now;
  progress->func (NULL, progress->from + progress->span * CLAMP (fraction, 0, 1), progress->data);
}

/**
 * dossier_backup_init:
 *
 * Readies the encryption library; backups call it themselves.
 */
gboolean
dossier_backup_init (GError **error)
{
  static gsize done = 0;
  static gboolean ready = FALSE;

  if (g_once_init_enter (&done))
    {
      ready = sodium_init () >= 0;
      g_once_init_leave (&done, 1);
    }
  if (!ready)
    g_set_error_literal (error, DOSSIER_BACKUP_ERROR, DOSSIER_BACKUP_ERROR_FAILED,
                         _("The encryption library could not be started."));
  return ready;
}

/* Argon2id's "moderate" limits: three passes over 256 MiB, about half a
 * second on a laptop of 2020, and a guess costs an attacker as much. */
void
dossier_backup_default_cost (DossierBackupCost *cost)
{
  g_return_if_fail (cost != NULL);

  cost->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  cost->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
}

static gboolean
cost_is_allowed (guint64 opslimit,
                 guint64 memlimit)
{
  return opslimit >= crypto_pwhash_OPSLIMIT_MIN && opslimit <= OPSLIMIT_MAX &&
         memlimit >= crypto_pwhash_MEMLIMIT_MIN && memlimit <= MEMLIMIT_MAX;
}

/* ---- passphrases ---- */

/**
 * dossier_passphrase_new_empty:
 * @capacity: the longest passphrase it can hold, in bytes
 *
 * Memory for a passphrase being read, kept out of swap (sodium_malloc),
 * wiped when freed; fill it through dossier_passphrase_get_buffer().
 */
DossierPassphrase *
dossier_passphrase_new_empty (gsize capacity)
{
  DossierPassphrase *self;

  if (!dossier_backup_init (NULL))
    g_error ("libsodium could not be initialised");
  /* sodium_malloc() puts the region's end against a guard page: its start
   * is aligned only when its size is a multiple of the alignment */
  self = sodium_malloc ((sizeof (DossierPassphrase) + capacity + 1 + 15) & ~(gsize) 15);
  if (self == NULL)
    g_error ("could not allocate %" G_GSIZE_FORMAT " bytes of locked memory", capacity);
  sodium_memzero (self->text, capacity + 1);
  self->length = 0;
  self->capacity = capacity;
  return self;
}

/* A copy of @text (@length bytes, or up to its nul when -1) in locked memory. */
DossierPassphrase *
dossier_passphrase_new (const char *text,
                        gssize      length)
{
  DossierPassphrase *self;
  gsize n;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  n = length < 0 ? strlen (text) : (gsize) length;
  self = dossier_passphrase_new_empty (n);
  if (n > 0)
    memcpy (self->text, text, n);
  self->length = n;
  return self;
}

char *
dossier_passphrase_get_buffer (DossierPassphrase *self,
                               gsize             *capacity)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (capacity)
    *capacity = self->capacity;
  return self->text;
}

void
dossier_passphrase_set_length (DossierPassphrase *self,
                               gsize              length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (length <= self->capacity);

  self->length = length;
  self->text[length] = '\0';
}

const char *
dossier_passphrase_get_text (const DossierPassphrase *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

gsize
dossier_passphrase_get_length (const DossierPassphrase *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

gboolean
dossier_passphrase_equal (const DossierPassphrase *a,
                          const DossierPassphrase *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->length == b->length && sodium_memcmp (a->text, b->text, a->length) == 0;
}

void
dossier_passphrase_free (DossierPassphrase *self)
{
  /* sodium_free() wipes it */
  if (self)
    sodium_free (self);
}

/* ---- files ---- */

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format,
              const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *message = g_strdup_printf (format, name, g_strerror (saved_errno));

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
}

static gssize
read_full (int     fd,
           guint8 *buffer,
           gsize   size)
{
  gsize done = 0;

  while (done < size)
    {
      gssize n = read (fd, buffer + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += n;
    }
  return done;
}

static gboolean
write_full (int           fd,
            const guint8 *buffer,
            gsize         size)
{
  while (size > 0)
    {
      gssize n = write (fd, buffer, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      buffer += n;
      size -= n;
    }
  return TRUE;
}

/* Overwrites the first @size bytes of an open, already unlinked file with
 * zeros and closes it: what a snapshot or an unused restore held does not
 * stay in the file system's free blocks where it can help it (not on a
 * copy-on-write file system, nor inside an SSD's own remapping). */
static void
wipe_and_close (int     fd,
                guint64 size)
{
  static const guint8 zeros[CHUNK_SIZE];

  if (fd < 0)
    return;
  if (lseek (fd, 0, SEEK_SET) == 0)
    {
      for (guint64 done = 0; done < size;)
        {
          gsize n = MIN (size - done, sizeof zeros);

          if (!write_full (fd, zeros, n))
            break;
          done += n;
        }
      fdatasync (fd);
    }
  close (fd);
}

static guint64
file_size (int fd)
{
  struct stat st;

  return fstat (fd, &st) == 0 ? (guint64) st.st_size : 0;
}

/* A private file beside the store, for a snapshot or a restore. */
static int
make_temp_beside (const char  *store_path,
                  const char  *prefix,
                  char       **path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *name = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *tmpl = g_build_filename (dir, name, NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      /* Translators: the first %s is a folder, the second the system's reason */
      set_io_error (error, errno, _("Could not create the folder “%s”: %s"), dir);
      return -1;
    }
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      /* Translators: the first %s is a folder, the second the system's reason */
      set_io_error (error, errno, _("Could not write a file in “%s”: %s"), dir);
      return -1;
    }
  *path = g_steal_pointer (&tmpl);
  return fd;
}

/* Removes what SQLite may have left beside @path. */
static void
remove_journals (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
put_u16 (guint8 *p, guint16 v) { v = GUINT16_TO_LE (v); memcpy (p, &v, 2); }
static void
put_u32 (guint8 *p, guint32 v) { v = GUINT32_TO_LE (v); memcpy (p, &v, 4); }
static void
put_u64 (guint8 *p, guint64 v) { v = GUINT64_TO_LE (v); memcpy (p, &v, 8); }
static guint16
get_u16 (const guint8 *p) { guint16 v; memcpy (&v, p, 2); return GUINT16_FROM_LE (v); }
static guint32
get_u32 (const guint8 *p) { guint32 v; memcpy (&v, p, 4); return GUINT32_FROM_LE (v); }
static guint64
get_u64 (const guint8 *p) { guint64 v; memcpy (&v, p, 8); return GUINT64_FROM_LE (v); }

/* ---- the key ---- */

typedef struct {
  unsigned char                               key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  crypto_secretstream_xchacha20poly1305_state state;
} Secrets;

/* Locked memory for the key and the stream's state, wiped when freed. */
static Secrets *
secrets_new (GError **error)
{
  Secrets *secrets = sodium_malloc (sizeof (Secrets));

  if (secrets == NULL)
    g_set_error_literal (error, DOSSIER_BACKUP_ERROR, DOSSIER_BACKUP_ERROR_FAILED,
                         _("There is not enough memory to encrypt or decrypt the backup."));
  return secrets;
}

static void
secrets_free (Secrets *secrets)
{
  if (secrets)
    sodium_free (secrets);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secrets, secrets_free)

static gboolean
derive_key (Secrets                 *secrets,
            const DossierPassphrase *passphrase,
            const guint8            *salt,
            guint64                  opslimit,
            guint64                  memlimit,
            GError                 **error)
{
  if (crypto_pwhash (secrets->key, sizeof secrets->key, passphrase->text, passphrase->length, salt,
                     opslimit, (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, DOSSIER_BACKUP_ERROR, DOSSIER_BACKUP_ERROR_FAILED,
                           _("There is not enough memory to encrypt or decrypt the backup."));
      return FALSE;
    }
  return TRUE;
}

/* ---- making a backup ---- */

typedef struct {
  GCancellable *cancellable;
  Progress     *progress;
  int           fd;          /* the snapshot being written */
  guint64       expected;    /* the store's size */
} SnapshotWatch;

static int
on_snapshot_progress_cb (void *data)
{
  SnapshotWatch *watch = data;

  if (g_cancellable_is_cancelled (watch->cancellable))
    return 1;
  if (watch->expected > 0)
    report (watch->progress, (double) file_size (watch->fd) / watch->expected, FALSE);
  return 0;
}

/* A consistent copy of the store, without its free pages, in a private
 * file beside it that has no name any more once this returns: the
 * descriptor, read from its start, or -1. */
static int
take_snapshot (const char    *store_path,
               guint         *schema_version,
               Progress      *progress,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *snapshot = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  SnapshotWatch watch = { cancellable, progress, -1, 0 };
  int application_id = 0, version = 0;
  int rc;
  int fd;

  if ((fd = make_temp_beside (store_path, ".dossier-snapshot", &snapshot, error)) < 0)
    return -1;
  watch.fd = fd;

  /* read-write, for the -shm file of a WAL store nobody has open; it
   * writes nothing */
  rc = sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, DOSSIER_STORE_BUSY_TIMEOUT_MS);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                                 " (SELECT user_version FROM pragma_user_version),"
                                 " (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      application_id = sqlite3_column_int (stmt, 0);
      version = sqlite3_column_int (stmt, 1);
      watch.expected = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_OK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* as dossier_store_read_version(): the first versions had no id */
  if (rc == SQLITE_OK && application_id != DOSSIER_STORE_APPLICATION_ID && !(application_id == 0 && version > 0))
    rc = SQLITE_NOTADB;
  if (rc == SQLITE_OK && version > DOSSIER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_TOO_NEW,
                   /* Translators: %s is a file path, the numbers are schema versions */
                   _("The store “%s” was written by a newer version of Dossier (format %d; this version reads up to %d). "
                     "Update Dossier to open it; it has not been changed."),
                   store_path, version, DOSSIER_STORE_SCHEMA_VERSION);
      goto failed;
    }

  if (rc == SQLITE_OK)
    {
      sqlite3_progress_handler (db, 1000, on_snapshot_progress_cb, &watch);
      rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, snapshot, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_OK)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE,
                     _("“%s” is not a Dossier store, or it is damaged."), store_path);
      else if ((rc & 0xff) == SQLITE_FULL)
        g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FULL,
                             _("The disk is full: there is no room for a snapshot of the store."));
      else
        g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FAILED,
                     /* Translators: %s is SQLite's own error message, in English */
                     _("Could not make a snapshot of the store: %s"),
                     db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto failed;
    }
  sqlite3_close (db);
  /* from now on it is only a descriptor */
  g_unlink (snapshot);
  remove_journals (snapshot);
  *schema_version = version;
  report (progress, 1, TRUE);
  return fd;

failed:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_unlink (snapshot);
  remove_journals (snapshot);
  wipe_and_close (fd, file_size (fd));
  return -1;
}

/* Cancels before closing: a GFileOutputStream of g_file_replace() closed
 * after an error would replace the file with half a backup. */
static void
abandon_stream (GOutputStream *stream)
{
  g_autoptr(GCancellable) stop = g_cancellable_new ();

  g_cancellable_cancel (stop);
  g_output_stream_close (stream, stop, NULL);
}

static void
set_snapshot_error (GError **error,
                    int      saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: %s is the system's reason */
               _("Could not read the snapshot of the store: %s"), g_strerror (saved_errno));
}

static gboolean
encrypt_snapshot (int                      fd,
                  const char              *file,
                  const DossierPassphrase *passphrase,
                  const DossierBackupCost *cost,
                  guint                    schema_version,
                  Progress                *progress,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(Secrets) secrets = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (file);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree guint8 *plain = g_malloc (CHUNK_SIZE);
  g_autofree guint8 *sealed = g_malloc (CHUNK_SIZE + ABYTES);
  guint8 header[HEADER_SIZE] = { 0 };
  guint8 meta[META_SIZE] = { 0 };
  guint64 size = file_size (fd);
  guint64 done = 0;
  unsigned long long sealed_len;

  if (!(secrets = secrets_new (error)))
    return FALSE;

  memcpy (header + HEADER_MAGIC, MAGIC, MAGIC_SIZE);
  put_u16 (header + HEADER_VERSION, FORMAT_VERSION);
  header[HEADER_KDF] = KDF_ARGON2ID13;
  header[HEADER_CIPHER] = CIPHER_SECRETSTREAM_XCHACHA20POLY1305;
  put_u32 (header + HEADER_CHUNK, CHUNK_SIZE);
  put_u64 (header + HEADER_OPSLIMIT, cost->opslimit);
  put_u64 (header + HEADER_MEMLIMIT, cost->memlimit);
  randombytes_buf (header + HEADER_SALT, crypto_pwhash_SALTBYTES);

  if (!derive_key (secrets, passphrase, header + HEADER_SALT, cost->opslimit, cost->memlimit, error))
    return FALSE;
  crypto_secretstream_xchacha20poly1305_init_push (&secrets->state, header + HEADER_STREAM, secrets->key);
  sodium_memzero (secrets->key, sizeof secrets->key);

  put_u64 (meta + META_STORE_SIZE, size);
  put_u64 (meta + META_CREATED, (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  put_u32 (meta + META_SCHEMA, schema_version);

  if (!(stream = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                 cancellable, error)))
    return FALSE;

  crypto_secretstream_xchacha20poly1305_push (&secrets->state, sealed, &sealed_len, meta, sizeof meta,
                                              header, sizeof header,
                                              crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), header, sizeof header, NULL, cancellable, error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), sealed, sealed_len, NULL, cancellable, error))
    goto failed;

  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      set_snapshot_error (error, errno);
      goto failed;
    }
  do
    {
      gsize want = MIN (size - done, CHUNK_SIZE);
      gssize got = read_full (fd, plain, want);
      gboolean last;

      if (got != (gssize) want)
        {
          set_snapshot_error (error, got < 0 ? errno : EIO);
          goto failed;
        }
      done += want;
      last = done == size;
      crypto_secretstream_xchacha20poly1305_push (&secrets->state, sealed, &sealed_len, plain, want,
                                                  header, sizeof header,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), sealed, sealed_len, NULL, cancellable, error))
        goto failed;
      report (progress, (double) done / size, FALSE);
    }
  while (done < size);
  sodium_memzero (plain, CHUNK_SIZE);

  /* g_file_replace() syncs the new file before it takes the name */
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return FALSE;
  report (progress, 1, TRUE);
  return TRUE;

failed:
  sodium_memzero (plain, CHUNK_SIZE);
  abandon_stream (G_OUTPUT_STREAM (stream));
  return FALSE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * dossier_backup_write:
 * @cost: (nullable): what the key costs to make; %NULL for
 *   dossier_backup_default_cost()
 * @progress: (nullable): told how far it is, from the worker's thread
 *
 * Writes the store at @store_path, as it is at this moment (other
 * connections may write meanwhile), to @file, encrypted with
 * @passphrase. @file is replaced only once the backup is whole: on an
 * error or when cancelled, what was there stays. Blocks: run it in a
 * worker thread where a window waits.
 */
gboolean
dossier_backup_write (const char               *store_path,
                      const char               *file,
                      const DossierPassphrase  *passphrase,
                      const DossierBackupCost  *cost,
                      DossierProgressFunc       progress_func,
                      gpointer                  progress_data,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  DossierBackupCost defaults;
  Progress progress = { progress_func, progress_data, 0, 0.5, 0 };
  guint schema_version = 0;
  gboolean done;
  guint64 size;
  int fd;

  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (cost == NULL || cost_is_allowed (cost->opslimit, cost->memlimit), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!dossier_backup_init (error))
    return FALSE;
  if (cost == NULL)
    {
      dossier_backup_default_cost (&defaults);
      cost = &defaults;
    }
  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_MISSING,
                   /* Translators: %s is the path of the store's file */
                   _("There is no store at “%s”."), store_path);
      return FALSE;
    }
  if (same_file (store_path, file))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("A backup cannot be written over the store itself: choose another file."));
      return FALSE;
    }

  report (&progress, 0, TRUE);
  if ((fd = take_snapshot (store_path, &schema_version, &progress, cancellable, error)) < 0)
    return FALSE;
  size = file_size (fd);
  progress.from = 0.5;
  done = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         encrypt_snapshot (fd, file, passphrase, cost, schema_version, &progress, cancellable, error);
  wipe_and_close (fd, size);
  return done;
}

/* ---- restoring ---- */

static void
set_backup_error (GError     **error,
                  int          code,
                  const char  *format,
                  const char  *file)
{
  g_autofree char *name = g_filename_display_name (file);

  /* the format is one of the translated messages below, with one %s */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, DOSSIER_BACKUP_ERROR, code, format, name);
#pragma GCC diagnostic pop
}

static void
set_truncated (GError    **error,
               const char *file)
{
  set_backup_error (error, DOSSIER_BACKUP_ERROR_TRUNCATED,
                    /* Translators: %s is a file name */
                    _("The backup “%s” is incomplete: it ends before its last part. "
                      "It may not have been copied or downloaded whole."), file);
}

static void
set_damaged (GError    **error,
             const char *file)
{
  set_backup_error (error, DOSSIER_BACKUP_ERROR_DAMAGED,
                    /* Translators: %s is a file name */
                    _("The backup “%s” is damaged, or was changed after it was made."), file);
}

/* Reads and checks the header; the parameters it gives are bounded. */
static gboolean
read_header (int                 fd,
             const char         *file,
             guint8             *header,
             DossierBackupInfo  *info,
             guint32            *chunk,
             GError            **error)
{
  gssize n = read_full (fd, header, HEADER_SIZE);

  if (n < 0)
    {
      /* Translators: the first %s is a file, the second the system's reason */
      set_io_error (error, errno, _("Could not read “%s”: %s"), file);
      return FALSE;
    }
  if (n < MAGIC_SIZE || memcmp (header, MAGIC, MAGIC_SIZE) != 0)
    {
      set_backup_error (error, DOSSIER_BACKUP_ERROR_NOT_A_BACKUP,
                        /* Translators: %s is a file name */
                        _("“%s” is not a Dossier backup."), file);
      return FALSE;
    }
  if (n < HEADER_SIZE)
    {
      set_truncated (error, file);
      return FALSE;
    }
  info->format_version = get_u16 (header + HEADER_VERSION);
  if (info->format_version != FORMAT_VERSION)
    {
      set_backup_error (error, DOSSIER_BACKUP_ERROR_TOO_NEW,
                        /* Translators: %s is a file name */
                        _("The backup “%s” was made by a newer version of Dossier. "
                          "Update Dossier to restore it."), file);
      return FALSE;
    }
  info->opslimit = get_u64 (header + HEADER_OPSLIMIT);
  info->memlimit = get_u64 (header + HEADER_MEMLIMIT);
  *chunk = get_u32 (header + HEADER_CHUNK);
  if (header[HEADER_KDF] != KDF_ARGON2ID13 || header[HEADER_CIPHER] != CIPHER_SECRETSTREAM_XCHACHA20POLY1305 ||
      *chunk < CHUNK_MIN || *chunk > CHUNK_MAX || (*chunk & (*chunk - 1)) != 0 ||
      !cost_is_allowed (info->opslimit, info->memlimit))
    {
      set_damaged (error, file);
      return FALSE;
    }
  return TRUE;
}

/* Decrypts the backup into @out, a descriptor of a new private file. */
static gboolean
decrypt_into (int                      fd,
              int                      out,
              const char              *file,
              const DossierPassphrase *passphrase,
              DossierBackupInfo       *info,
              Progress                *progress,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr(Secrets) secrets = NULL;
  g_autofree guint8 *plain = NULL;
  g_autofree guint8 *sealed = NULL;
  guint8 header[HEADER_SIZE];
  guint8 meta[META_SIZE];
  guint8 sealed_meta[META_SIZE + ABYTES];
  guint32 chunk = 0;
  guint64 n_chunks, expected, done = 0;
  unsigned char tag = 0;
  unsigned long long plain_len;
  gboolean ok = FALSE;

  if (!read_header (fd, file, header, info, &chunk, error))
    return FALSE;
  if (!(secrets = secrets_new (error)) ||
      !derive_key (secrets, passphrase, header + HEADER_SALT, info->opslimit, info->memlimit, error))
    return FALSE;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&secrets->state, header + HEADER_STREAM, secrets->key) != 0)
    {
      set_damaged (error, file);
      return FALSE;
    }
  sodium_memzero (secrets->key, sizeof secrets->key);

  /* the first message says what is inside: only the right key opens it */
  if (read_full (fd, sealed_meta, sizeof sealed_meta) != sizeof sealed_meta)
    {
      set_truncated (error, file);
      return FALSE;
    }
  if (crypto_secretstream_xchacha20poly1305_pull (&secrets->state, meta, &plain_len, &tag,
                                                  sealed_meta, sizeof sealed_meta, header, sizeof header) != 0 ||
      plain_len != META_SIZE || tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
    {
      set_backup_error (error, DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE,
                        /* Translators: %s is a file name */
                        _("This passphrase does not open the backup “%s”. Check it and try again; "
                          "if it is right, the backup was changed or damaged."), file);
      return FALSE;
    }
  info->store_size = get_u64 (meta + META_STORE_SIZE);
  info->created = (gint64) get_u64 (meta + META_CREATED);
  info->schema_version = get_u32 (meta + META_SCHEMA);
  if (info->store_size == 0 || info->store_size > STORE_SIZE_MAX)
    {
      set_damaged (error, file);
      return FALSE;
    }

  /* its length follows from what is inside: a file cut at a part's
   * boundary is told from a damaged one before anything is written */
  n_chunks = (info->store_size + chunk - 1) / chunk;
  expected = HEADER_SIZE + sizeof sealed_meta + n_chunks * ABYTES + info->store_size;
  if (file_size (fd) < expected)
    {
      set_truncated (error, file);
      return FALSE;
    }
  if (file_size (fd) > expected)
    {
      set_damaged (error, file);
      return FALSE;
    }

  plain = g_malloc (chunk);
  sealed = g_malloc (chunk + ABYTES);
  for (guint64 i = 0; i < n_chunks; i++)
    {
      gsize want = MIN (info->store_size - done, chunk);
      gssize got = read_full (fd, sealed, want + ABYTES);
      gboolean last = i + 1 == n_chunks;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (got < 0)
        {
          set_io_error (error, errno, _("Could not read “%s”: %s"), file);
          goto out;
        }
      if ((gsize) got != want + ABYTES)
        {
          /* it shrank while being read */
          set_truncated (error, file);
          goto out;
        }
      if (crypto_secretstream_xchacha20poly1305_pull (&secrets->state, plain, &plain_len, &tag,
                                                      sealed, got, header, sizeof header) != 0 ||
          plain_len != want ||
          (last != (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)))
        {
          set_damaged (error, file);
          goto out;
        }
      if (!write_full (out, plain, want))
        {
          int saved = errno;

          if (saved == ENOSPC)
            g_set_error_literal (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_FULL,
                                 _("The disk is full: there is no room to restore the backup."));
          else
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                         /* Translators: %s is the system's reason */
                         _("Could not write the restored store: %s"), g_strerror (saved));
          goto out;
        }
      done += want;
      report (progress, (double) done / info->store_size, FALSE);
    }
  if (fsync (out) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the restored store: %s"), g_strerror (saved));
      goto out;
    }
  ok = TRUE;

out:
  if (plain)
    sodium_memzero (plain, chunk);
  return ok;
}

/* How many steps of SQLite's machine integrity_check takes per page, about:
 * from 160 on the sample's store to 920 on one of a million actions. Only
 * for the bar, which never reaches the end on this guess alone. */
#define CHECK_STEPS_PER_PAGE 1000
#define CHECK_STEPS_PER_CALL 100000

typedef struct {
  GCancellable *cancellable;
  Progress     *progress;
  guint64       calls;
  guint64       expected;
} CheckWatch;

static int
on_check_progress_cb (void *data)
{
  CheckWatch *watch = data;

  if (g_cancellable_is_cancelled (watch->cancellable))
    return 1;
  watch->calls++;
  if (watch->expected > 0)
    report (watch->progress, MIN ((double) watch->calls / watch->expected, 0.95), FALSE);
  return 0;
}

/* SQLite's own check of the pages, before the store's code reads them. It
 * reads every row and index entry: most of a restore's time (23 s of 26 for
 * a store of 850 MB). */
static gboolean
check_pages (const char    *path,
             const char    *file,
             Progress      *progress,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  CheckWatch watch = { cancellable, progress, 0, 0 };
  gboolean sound = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT page_count FROM pragma_page_count", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    watch.expected = (guint64) sqlite3_column_int64 (stmt, 0) * CHECK_STEPS_PER_PAGE / CHECK_STEPS_PER_CALL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc == SQLITE_OK)
    {
      sqlite3_progress_handler (db, CHECK_STEPS_PER_CALL, on_check_progress_cb, &watch);
      rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    sound = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 &&
            sqlite3_step (stmt) == SQLITE_DONE;
  if (!sound)
    g_debug ("integrity_check of the restored store: %s", db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!sound)
    set_backup_error (error, DOSSIER_BACKUP_ERROR_BAD_STORE,
                      /* Translators: %s is a file name */
                      _("The backup “%s” opened, but the store inside it is damaged."), file);
  return sound;
}

static gboolean
check_store (const char    *path,
             const char    *file,
             Progress      *progress,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!check_pages (path, file, progress, cancellable, error))
    return FALSE;
  /* the store's own check: its format, and a migration when it is older */
  store = dossier_store_open_full (path, DOSSIER_STORE_OPEN_EXISTING, NULL, NULL, &local_error);
  if (store == NULL)
    {
      g_debug ("Opening the restored store: %s", local_error->message);
      if (g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_TOO_NEW))
        set_backup_error (error, DOSSIER_BACKUP_ERROR_TOO_NEW,
                          /* Translators: %s is a file name */
                          _("The backup “%s” holds a store written by a newer version of Dossier. "
                            "Update Dossier to restore it."), file);
      else if (g_error_matches (local_error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE))
        set_backup_error (error, DOSSIER_BACKUP_ERROR_BAD_STORE,
                          _("The backup “%s” opened, but the store inside it is damaged."), file);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* closed here: its journal goes back into the file */
  g_clear_object (&store);
  remove_journals (path);
  return TRUE;
}

/**
 * dossier_backup_unpack:
 * @info: (out) (optional): what the backup's header and first part say
 *
 * Decrypts @file with @passphrase into a private file beside @store_path,
 * checks every part of it, then the store inside (SQLite's integrity
 * check, and opening it as Dossier does, which migrates an older one).
 * The store at @store_path is not touched.
 *
 * Returns: (transfer full) (nullable): the path of the checked store, for
 *   dossier_backup_install() or dossier_backup_discard()
 */
char *
dossier_backup_unpack (const char               *file,
                       const char               *store_path,
                       const DossierPassphrase  *passphrase,
                       DossierBackupInfo        *info,
                       DossierProgressFunc       progress_func,
                       gpointer                  progress_data,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  /* decrypting is quick; SQLite's check of what it gave is not */
  Progress progress = { progress_func, progress_data, 0, 0.2, 0 };
  DossierBackupInfo local_info = { 0 };
  g_autofree char *unpacked = NULL;
  int fd, out;
  gboolean ok;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dossier_backup_init (error))
    return NULL;
  if (info == NULL)
    info = &local_info;
  report (&progress, 0, TRUE);

  fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Could not read “%s”: %s"), file);
      return NULL;
    }
  if ((out = make_temp_beside (store_path, ".dossier-restore", &unpacked, error)) < 0)
    {
      close (fd);
      return NULL;
    }
  ok = decrypt_into (fd, out, file, passphrase, info, &progress, cancellable, error);
  close (fd);
  if (!ok)
    {
      g_unlink (unpacked);
      wipe_and_close (out, file_size (out));
      return NULL;
    }
  close (out);

  progress.from = 0.2;
  progress.span = 0.8;
  report (&progress, 0, TRUE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !check_store (unpacked, file, &progress, cancellable, error))
    {
      dossier_backup_discard (unpacked);
      return NULL;
    }
  report (&progress, 1, TRUE);
  return g_steal_pointer (&unpacked);
}

/* Overwrites and removes a store dossier_backup_unpack() made and that is
 * not wanted after all. */
void
dossier_backup_discard (const char *unpacked)
{
  int fd;

  g_return_if_fail (unpacked != NULL);

  fd = g_open (unpacked, O_RDWR | O_CLOEXEC, 0);
  g_unlink (unpacked);
  remove_journals (unpacked);
  if (fd >= 0)
    wipe_and_close (fd, file_size (fd));
}

/* Whether a connection can take the store for itself: none other, in this
 * process or another, has it open. A WAL connection holds a shared lock on
 * the file for as long as it is open; in exclusive locking mode a
 * transaction needs that no other holds one. */
static gboolean
lock_store (const char  *store_path,
            guint        timeout_ms,
            GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
  for (;;)
    {
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master; COMMIT", NULL, NULL, NULL);
      if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
          g_get_monotonic_time () >= deadline)
        break;
      g_usleep (50 * 1000);
      rc = SQLITE_OK;
    }
  sqlite3_close (db);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error_literal (error, DOSSIER_BACKUP_ERROR, DOSSIER_BACKUP_ERROR_IN_USE,
                           _("Dossier has the store open in another window or program. "
                             "Close Dossier’s window and try again."));
      return FALSE;
    }
  /* a store so damaged that SQLite cannot read it is nobody's either */
  return TRUE;
}

/**
 * dossier_backup_check_unused:
 * @timeout_ms: how long to wait for another program to let go of it
 *
 * Whether the store at @store_path can be replaced: no program, Dossier's
 * window included, has it open. A missing store can.
 */
gboolean
dossier_backup_check_unused (const char  *store_path,
                             guint        timeout_ms,
                             GError     **error)
{
  g_return_val_if_fail (store_path != NULL, FALSE);

  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    return TRUE;
  return lock_store (store_path, timeout_ms, error);
}

/**
 * dossier_backup_install:
 * @unpacked: what dossier_backup_unpack() returned
 *
 * Replaces the store at @store_path with @unpacked, at once (rename()),
 * once no connection has the store open; its -wal and -shm files go with
 * it. On an error, the store is as it was and @unpacked is kept for the
 * caller to discard.
 */
gboolean
dossier_backup_install (const char  *unpacked,
                        const char  *store_path,
                        guint        timeout_ms,
                        GError     **error)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *dir = NULL;
  int dir_fd;

  g_return_val_if_fail (unpacked != NULL, FALSE);
  g_return_val_if_fail (store_path != NULL, FALSE);

  if (!dossier_backup_check_unused (store_path, timeout_ms, error))
    return FALSE;
  /* the old store's journal would be read into the new one */
  wal = g_strconcat (store_path, "-wal", NULL);
  shm = g_strconcat (store_path, "-shm", NULL);
  if ((g_unlink (wal) != 0 && errno != ENOENT) || (g_unlink (shm) != 0 && errno != ENOENT))
    {
      /* Translators: the first %s is the store's file, the second the system's reason */
      set_io_error (error, errno, _("Could not replace the store “%s”: %s"), store_path);
      return FALSE;
    }
  if (g_rename (unpacked, store_path) != 0)
    {
      set_io_error (error, errno, _("Could not replace the store “%s”: %s"), store_path);
      return FALSE;
    }
  /* the new name on disk too */
  dir = g_path_get_dirname (store_path);
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/**
 * dossier_backup_restore:
 *
 * dossier_backup_unpack(), then dossier_backup_install() when nothing has
 * the store open: the command line's restore. On any error the store is as
 * it was.
 */
gboolean
dossier_backup_restore (const char               *file,
                        const char               *store_path,
                        const DossierPassphrase  *passphrase,
                        DossierBackupInfo        *info,
                        DossierProgressFunc       progress,
                        gpointer                  progress_data,
                        GCancellable             *cancellable,
                        GError                  **error)
{
  g_autofree char *unpacked = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  unpacked = dossier_backup_unpack (file, store_path, passphrase, info, progress, progress_data,
                                    cancellable, error);
  if (unpacked == NULL)
    return FALSE;
  if (!dossier_backup_install (unpacked, store_path, 0, error))
    {
      dossier_backup_discard (unpacked);
      return FALSE;
    }
  return TRUE;
}
