/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "dossier-action.h"
#include "dossier-backup.h"
#include "dossier-campaign.h"
#include "dossier-case.h"
#include "dossier-logging.h"
#include "dossier-store.h"
#include "dossier-test-utils.h"

/* Encrypted backups on real stores on disk: a round trip gives back every
 * row; a wrong passphrase, a file cut short or with a bit flipped is
 * refused with its own error and leaves the store byte for byte as it was,
 * with nothing left beside it. */

/* Cheap keys for the tests: the file format is the same */
static const DossierBackupCost cheap = { 1, 8 * 1024 * 1024 };

#define CHUNK 65536
#define HEADER 72
#define META_SEALED (32 + 17)
#define ABYTES 17

static const char *dossier_path;

static void
fill_store (const char *dir)
{
  g_autoptr(DossierStore) store = dossier_test_open_store (dir);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample-campaign.json", NULL);
  g_autoptr(DossierRecord) ua = NULL;
  g_autoptr(DossierAction) action = dossier_action_new ();
  g_autoptr(GError) error = NULL;
  DossierImportStats stats;

  g_assert_true (dossier_campaign_import_file (store, sample, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.created, >, 100);
  ua = dossier_store_find_urgent_action (store, "UA 065/20", &error);
  g_assert_nonnull (ua);
  dossier_record_set_string (DOSSIER_RECORD (action), "ua-id", dossier_record_get_id (ua));
  dossier_record_set_string (DOSSIER_RECORD (action), "notes", "Ответ пришёл — written by hand");
  g_assert_true (dossier_store_log_action (store, action, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table, as text: what a store holds, whatever its
 * pages look like. */
static char *
dump_rows (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* read-write: the last connection closed takes its -wal and -shm files along */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 8);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_string_append_printf (out, "== %s\n", (char *) tables->pdata[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const void *blob = sqlite3_column_blob (stmt, c);
              g_autofree char *hex = blob ? g_compute_checksum_for_data (G_CHECKSUM_SHA1, blob,
                                                                         sqlite3_column_bytes (stmt, c)) : NULL;
              g_string_append_printf (row, "%s|", hex ? hex : "NULL");
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      /* in an order of their own: a copy may store them in another */
      g_ptr_array_sort (rows, (GCompareFunc) compare_strings);
      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (out, "%s\n", (char *) rows->pdata[r]);
    }
  g_string_append_printf (out, "user_version ");
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The bytes of the store's files, and the names in its folder. */
static char *
fingerprint (const char *dir)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autofree char *sum = NULL;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
      g_string_append_printf (out, "%s %s %" G_GSIZE_FORMAT "\n", (char *) names->pdata[i], sum, length);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static DossierPassphrase *
passphrase (const char *text)
{
  return dossier_passphrase_new (text, -1);
}

static void
make_backup (const char *dir,
             const char *file,
             const char *text)
{
  g_autofree char *path = dossier_store_default_path (dir);
  g_autoptr(DossierPassphrase) secret = passphrase (text);
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_backup_write (path, file, secret, &cheap, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *file = g_build_filename (dir, "..", "round-trip.dossier-backup", NULL);
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(DossierPassphrase) secret = passphrase ("correct horse battery staple");
  g_autoptr(GError) error = NULL;
  DossierBackupInfo info = { 0 };
  GStatBuf st;

  fill_store (dir);
  before = dump_rows (path);
  folder = fingerprint (dir);
  make_backup (dir, file, "correct horse battery staple");
  /* nothing left beside the store: the snapshot is gone */
  {
    g_autofree char *again = fingerprint (dir);
    g_assert_cmpstr (again, ==, folder);
  }
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    /* nothing of the store readable in the file */
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
    g_assert_true (memcmp (contents, "DOSSBKUP", 8) == 0);
    g_assert_null (g_strstr_len (contents, length, "SQLite format 3"));
    g_assert_null (g_strstr_len (contents, length, "written by hand"));
    g_assert_null (g_strstr_len (contents, length, "UA 065/20"));
  }

  /* the store changes after the backup: a case deleted, another added */
  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autoptr(DossierCase) extra = dossier_case_new ();

    dossier_record_set_string (DOSSIER_RECORD (extra), "name", "Added after the backup");
    g_assert_true (dossier_store_create (store, DOSSIER_RECORD (extra), &error));
    g_assert_no_error (error);
  }
  changed = dump_rows (path);
  g_assert_cmpstr (changed, !=, before);

  g_assert_true (dossier_backup_restore (file, path, secret, &info, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  after = dump_rows (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (info.format_version, ==, 1);
  g_assert_cmpuint (info.schema_version, ==, DOSSIER_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (info.opslimit, ==, cheap.opslimit);
  g_assert_cmpuint (info.memlimit, ==, cheap.memlimit);
  g_assert_cmpint (ABS (info.created - g_get_real_time () / G_USEC_PER_SEC), <, 60);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (info.store_size, ==, st.st_size);

  /* the restored store opens, and its own check finds nothing */
  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autofree char *problems = NULL;

    g_assert_true (dossier_store_check_integrity (store, &problems, &error));
    g_assert_no_error (error);
    g_assert_null (problems);
  }
  g_unlink (file);
  dossier_test_remove_dir (dir);
}

/* A backup is made while the window has a transaction open: what is
 * committed is in it, what is not is not, and nothing waits. */
static void
test_snapshot_while_writing (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *other = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *restored = dossier_store_default_path (other);
  g_autofree char *file = g_build_filename (other, "..", "busy.dossier-backup", NULL);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierCase) committed = dossier_case_new ();
  g_autoptr(DossierCase) pending = dossier_case_new ();
  g_autoptr(DossierPassphrase) secret = passphrase ("p");
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) back = NULL;

  fill_store (dir);
  store = dossier_test_open_store (dir);
  dossier_record_set_string (DOSSIER_RECORD (committed), "name", "Committed");
  g_assert_true (dossier_store_create (store, DOSSIER_RECORD (committed), &error));
  g_assert_true (dossier_store_begin (store, &error));
  dossier_record_set_string (DOSSIER_RECORD (pending), "name", "Not yet committed");
  g_assert_true (dossier_store_create (store, DOSSIER_RECORD (pending), &error));
  g_assert_no_error (error);

  make_backup (dir, file, "p");
  g_assert_true (dossier_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_true (dossier_backup_restore (file, restored, secret, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  back = dossier_test_open_store (other);
  g_assert_cmpint (dossier_store_contains (back, DOSSIER_TYPE_CASE, dossier_record_get_id (DOSSIER_RECORD (committed)), NULL), ==, 1);
  g_assert_cmpint (dossier_store_contains (back, DOSSIER_TYPE_CASE, dossier_record_get_id (DOSSIER_RECORD (pending)), NULL), ==, 0);
  g_unlink (file);
  dossier_test_remove_dir (dir);
  dossier_test_remove_dir (other);
}

/* Tries @file on the store of @dir and expects @code; the store and its
 * folder are byte for byte as they were. */
static void
assert_refused (const char *dir,
                const char *file,
                const char *text,
                int         code)
{
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *folder = fingerprint (dir);
  g_autofree char *again = NULL;
  g_autoptr(DossierPassphrase) secret = passphrase (text);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (dossier_backup_restore (file, path, secret, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DOSSIER_BACKUP_ERROR, code);
  g_test_message ("%s", error->message);
  /* a message names the file, as a person gave it */
  g_assert_nonnull (strstr (error->message, "”"));
  again = fingerprint (dir);
  g_assert_cmpstr (again, ==, folder);
  /* a hostile header cannot make it take long either */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
write_variant (const char *file,
               const char *contents,
               gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, contents, length, &error));
  g_assert_no_error (error);
}

static void
test_wrong_passphrase (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "..", "wrong.dossier-backup", NULL);

  fill_store (dir);
  make_backup (dir, file, "the right one");
  /* the store is closed (fill_store closed it): its files are stable */
  assert_refused (dir, file, "the wrong one", DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE);
  assert_refused (dir, file, "the right on", DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE);
  assert_refused (dir, file, "", DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE);
  g_unlink (file);
  dossier_test_remove_dir (dir);
}

static void
test_truncated (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "..", "cut.dossier-backup", NULL);
  g_autofree char *cut = g_build_filename (dir, "..", "cut-short.dossier-backup", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const gsize first_chunk_end = HEADER + META_SEALED + CHUNK + ABYTES;

  fill_store (dir);
  make_backup (dir, file, "p");
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  /* the sample's store is several parts long */
  g_assert_cmpuint (length, >, first_chunk_end + CHUNK);

  {
    const struct {
      gsize length;
      int   code;
    } cuts[] = {
      { 0, DOSSIER_BACKUP_ERROR_NOT_A_BACKUP },
      { 5, DOSSIER_BACKUP_ERROR_NOT_A_BACKUP },
      { 8, DOSSIER_BACKUP_ERROR_TRUNCATED },           /* the magic alone */
      { 40, DOSSIER_BACKUP_ERROR_TRUNCATED },          /* in the header */
      { HEADER, DOSSIER_BACKUP_ERROR_TRUNCATED },      /* the header alone */
      { HEADER + 20, DOSSIER_BACKUP_ERROR_TRUNCATED }, /* in what it holds */
      { HEADER + META_SEALED, DOSSIER_BACKUP_ERROR_TRUNCATED },
      { first_chunk_end - 1000, DOSSIER_BACKUP_ERROR_TRUNCATED },
      { first_chunk_end, DOSSIER_BACKUP_ERROR_TRUNCATED },  /* at a part's boundary */
      { 0 /* length - 1 */, DOSSIER_BACKUP_ERROR_TRUNCATED },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        gsize n = i + 1 == G_N_ELEMENTS (cuts) ? length - 1 : cuts[i].length;

        g_test_message ("cut at %" G_GSIZE_FORMAT, n);
        write_variant (cut, contents, n);
        assert_refused (dir, cut, "p", cuts[i].code);
      }
  }
  g_unlink (cut);
  g_unlink (file);
  dossier_test_remove_dir (dir);
}

static void
test_tampered (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *file = g_build_filename (dir, "..", "flip.dossier-backup", NULL);
  g_autofree char *flipped = g_build_filename (dir, "..", "flipped.dossier-backup", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  fill_store (dir);
  make_backup (dir, file, "p");
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));

  {
    const struct {
      gssize offset;  /* negative: from the end */
      guint8 mask;
      int    code;
    } flips[] = {
      { 0, 0x01, DOSSIER_BACKUP_ERROR_NOT_A_BACKUP },       /* magic */
      { 8, 0x02, DOSSIER_BACKUP_ERROR_TOO_NEW },            /* format version */
      { 10, 0x04, DOSSIER_BACKUP_ERROR_DAMAGED },           /* key derivation */
      { 12, 0x01, DOSSIER_BACKUP_ERROR_DAMAGED },           /* part size */
      { 16 + 3, 0x01, DOSSIER_BACKUP_ERROR_DAMAGED },       /* opslimit: 16 million passes */
      { 24 + 4, 0x10, DOSSIER_BACKUP_ERROR_DAMAGED },       /* memlimit: 64 GiB more */
      { 16, 0x02, DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE },  /* opslimit 1 → 3: another key */
      { 33, 0x80, DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE },  /* salt */
      { 50, 0x01, DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE },  /* stream header */
      { HEADER + 3, 0x01, DOSSIER_BACKUP_ERROR_WRONG_PASSPHRASE },  /* what it holds */
      { HEADER + META_SEALED + 5, 0x01, DOSSIER_BACKUP_ERROR_DAMAGED },  /* the first part */
      { HEADER + META_SEALED + CHUNK + ABYTES + 100, 0x40, DOSSIER_BACKUP_ERROR_DAMAGED },
      { -1, 0x01, DOSSIER_BACKUP_ERROR_DAMAGED },           /* the last byte: its tag */
      { -(ABYTES + 1), 0x08, DOSSIER_BACKUP_ERROR_DAMAGED },
    };

    for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
      {
        gsize at = flips[i].offset < 0 ? length + flips[i].offset : (gsize) flips[i].offset;
        g_autofree char *copy = g_memdup2 (contents, length);

        g_test_message ("flip 0x%02x at %" G_GSIZE_FORMAT, flips[i].mask, at);
        copy[at] ^= flips[i].mask;
        write_variant (flipped, copy, length);
        assert_refused (dir, flipped, "p", flips[i].code);
      }
  }

  /* a byte more, or the parts of two backups spliced */
  {
    g_autofree char *longer = g_malloc (length + 1);

    memcpy (longer, contents, length);
    longer[length] = 'x';
    write_variant (flipped, longer, length + 1);
    assert_refused (dir, flipped, "p", DOSSIER_BACKUP_ERROR_DAMAGED);
  }
  {
    g_autofree char *second = NULL;
    g_autofree char *spliced = NULL;
    gsize second_length;

    make_backup (dir, flipped, "p");
    g_assert_true (g_file_get_contents (flipped, &second, &second_length, NULL));
    g_assert_cmpuint (second_length, ==, length);
    spliced = g_memdup2 (contents, length);
    /* the second part of another backup of the same store, same passphrase */
    memcpy (spliced + HEADER + META_SEALED + CHUNK + ABYTES,
            second + HEADER + META_SEALED + CHUNK + ABYTES, CHUNK + ABYTES);
    write_variant (flipped, spliced, length);
    assert_refused (dir, flipped, "p", DOSSIER_BACKUP_ERROR_DAMAGED);
  }
  /* not a backup at all: a store */
  {
    g_autofree char *path = dossier_store_default_path (dir);
    g_autofree char *store = NULL;
    gsize store_length;

    g_assert_true (g_file_get_contents (path, &store, &store_length, NULL));
    write_variant (flipped, store, store_length);
    assert_refused (dir, flipped, "p", DOSSIER_BACKUP_ERROR_NOT_A_BACKUP);
  }
  g_unlink (flipped);
  g_unlink (file);
  dossier_test_remove_dir (dir);
}

/* Dossier's window has the store open: restore waits for nothing and
 * changes nothing. */
static void
test_refused_while_open (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *file = g_build_filename (dir, "..", "open.dossier-backup", NULL);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierPassphrase) secret = passphrase ("p");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fill_store (dir);
  make_backup (dir, file, "p");
  store = dossier_test_open_store (dir);
  before = fingerprint (dir);
  g_assert_false (dossier_backup_check_unused (path, 0, &error));
  g_assert_error (error, DOSSIER_BACKUP_ERROR, DOSSIER_BACKUP_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (dossier_backup_restore (file, path, secret, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DOSSIER_BACKUP_ERROR, DOSSIER_BACKUP_ERROR_IN_USE);
  g_clear_error (&error);
  after = fingerprint (dir);
  g_assert_cmpstr (after, ==, before);
  /* and the window's store still works */
  g_assert_cmpint (dossier_store_contains (store, DOSSIER_TYPE_CASE, "nonexistent", NULL), ==, 0);

  g_clear_object (&store);
  g_assert_true (dossier_backup_check_unused (path, 0, &error));
  g_assert_no_error (error);
  g_unlink (file);
  dossier_test_remove_dir (dir);
}

/* Cancelled, or failing: the file that was there stays as it was. */
static void
test_cancelled_and_failed (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *file = g_build_filename (dir, "..", "kept.dossier-backup", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no-such-folder", "x.dossier-backup", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DossierPassphrase) secret = passphrase ("p");
  g_autoptr(GError) error = NULL;

  fill_store (dir);
  folder = fingerprint (dir);
  write_variant (file, "an older file", -1);
  g_cancellable_cancel (cancellable);
  g_assert_false (dossier_backup_write (path, file, secret, &cheap, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (file, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "an older file");

  g_assert_false (dossier_backup_write (path, nowhere, secret, &cheap, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* never over the store itself */
  g_assert_false (dossier_backup_write (path, path, secret, &cheap, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autofree char *again = fingerprint (dir);
    g_assert_cmpstr (again, ==, folder);
  }

  /* a restore cancelled half way leaves the store too */
  make_backup (dir, file, "p");
  g_assert_false (dossier_backup_restore (file, path, secret, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autofree char *again = fingerprint (dir);
    g_assert_cmpstr (again, ==, folder);
  }
  g_unlink (file);
  dossier_test_remove_dir (dir);
}

/* A backup of an older store, or restored onto a machine that has none. */
static void
test_older_store_and_fresh_machine (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *fresh = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *fresh_path = g_build_filename (fresh, "new", "dossier.db", NULL);
  g_autofree char *file = g_build_filename (dir, "..", "old.dossier-backup", NULL);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v6.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(DossierPassphrase) secret = passphrase ("p");
  g_autoptr(GError) error = NULL;
  DossierBackupInfo info = { 0 };
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  make_backup (dir, file, "p");
  g_assert_true (dossier_backup_restore (file, fresh_path, secret, &info, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.schema_version, ==, 6);
  {
    g_autoptr(DossierStore) store = dossier_store_open_full (fresh_path, DOSSIER_STORE_OPEN_EXISTING,
                                                             NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_STORE_SCHEMA_VERSION);
  }
  g_unlink (file);
  dossier_test_remove_dir (dir);
  dossier_test_remove_dir (fresh);
}

/* A backup whose store is not sound: encrypted properly, but not a store. */
static void
test_not_a_store_inside (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *junk_dir = dossier_test_make_dir ();
  g_autofree char *junk = dossier_store_default_path (junk_dir);
  g_autofree char *file = g_build_filename (dir, "..", "junk.dossier-backup", NULL);
  g_autoptr(DossierPassphrase) secret = passphrase ("p");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  fill_store (dir);
  /* another program's database */
  g_assert_cmpint (sqlite3_open (junk, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (dossier_backup_write (junk, file, secret, &cheap, NULL, NULL, NULL, &error));
  g_assert_error (error, DOSSIER_STORE_ERROR, DOSSIER_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  dossier_test_remove_dir (junk_dir);
  dossier_test_remove_dir (dir);
}

static void
test_passphrase (void)
{
  g_autoptr(DossierPassphrase) a = passphrase ("Сезам, откройся");
  g_autoptr(DossierPassphrase) b = dossier_passphrase_new ("Сезам, откройся!", strlen ("Сезам, откройся"));
  g_autoptr(DossierPassphrase) c = passphrase ("Сезам");
  DossierBackupCost cost;

  g_assert_true (dossier_passphrase_equal (a, b));
  g_assert_false (dossier_passphrase_equal (a, c));
  g_assert_cmpstr (dossier_passphrase_get_text (a), ==, "Сезам, откройся");
  dossier_backup_default_cost (&cost);
  g_assert_cmpuint (cost.opslimit, ==, 3);
  g_assert_cmpuint (cost.memlimit, ==, 256 * 1024 * 1024);
}

/* ---- the command line ---- */

static int
run_with_input (const char  *input,
                char       **out,
                char       **err,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) dossier_path);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (void)
{
  g_autofree char *dir = dossier_test_make_dir ();
  g_autofree char *path = dossier_store_default_path (dir);
  g_autofree char *file = g_build_filename (dir, "..", "cli.dossier-backup", NULL);
  g_autofree char *cut = g_build_filename (dir, "..", "cli-cut.dossier-backup", NULL);
  g_autofree char *before = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  fill_store (dir);
  before = dump_rows (path);

  {
    g_autofree char *out = NULL, *err = NULL;

    /* the passphrase never comes from the command line */
    g_assert_cmpint (run_with_input ("", &out, &err, "backup", "--data-dir", dir, file, "secret", NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* standard input is no terminal: it is read only when asked to */
    g_assert_cmpint (run_with_input ("secret\n", &out, &err, "backup", "--data-dir", dir, file, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--passphrase-stdin"));
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_with_input ("\n", &out, &err, "backup", "--passphrase-stdin", "--data-dir", dir, file, NULL), ==, 2);
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_with_input ("Ключ к дому 2026\n", &out, &err, "backup", "--passphrase-stdin",
                                     "--data-dir", dir, file, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Backed up the store"));
    g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  }

  /* the store changes; a wrong passphrase and a cut file change nothing */
  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autoptr(DossierCase) extra = dossier_case_new ();

    dossier_record_set_string (DOSSIER_RECORD (extra), "name", "Added after the backup");
    g_assert_true (dossier_store_create (store, DOSSIER_RECORD (extra), NULL));
  }
  folder = fingerprint (dir);
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_with_input ("Ключ к дому\n", &out, &err, "restore", "--passphrase-stdin",
                                     "--data-dir", dir, file, NULL), ==, 4);
    g_assert_nonnull (strstr (err, "passphrase does not open"));
    g_assert_nonnull (strstr (err, "Nothing was changed"));
    g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
    write_variant (cut, contents, length - 100);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_with_input ("Ключ к дому 2026\n", &out, &err, "restore", "--passphrase-stdin",
                                     "--data-dir", dir, cut, NULL), ==, 4);
    g_assert_nonnull (strstr (err, "incomplete"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_with_input ("x\n", &out, &err, "restore", "--passphrase-stdin",
                                     "--data-dir", dir, "no-such.dossier-backup", NULL), ==, 4);
  }
  {
    g_autofree char *again = fingerprint (dir);
    g_assert_cmpstr (again, ==, folder);
  }

  /* refused while the window has the store open, before any passphrase */
  {
    g_autoptr(DossierStore) store = dossier_test_open_store (dir);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_with_input ("Ключ к дому 2026\n", &out, &err, "restore", "--passphrase-stdin",
                                     "--data-dir", dir, file, NULL), ==, 3);
    g_assert_nonnull (strstr (err, "Close Dossier"));
  }

  {
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *after = NULL;

    /* a line ending as Windows writes it is not part of the passphrase */
    g_assert_cmpint (run_with_input ("Ключ к дому 2026\r\n", &out, &err, "restore", "--passphrase-stdin",
                                     "--data-dir", dir, file, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Restored the store"));
    after = dump_rows (path);
    g_assert_cmpstr (after, ==, before);
  }
  g_unlink (file);
  g_unlink (cut);
  dossier_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dossier_path = g_getenv ("DOSSIER_BINARY");
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_add_func ("/backup/passphrase", test_passphrase);
  g_test_add_func ("/backup/round-trip", test_round_trip);
  g_test_add_func ("/backup/snapshot-while-writing", test_snapshot_while_writing);
  g_test_add_func ("/backup/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/backup/truncated", test_truncated);
  g_test_add_func ("/backup/tampered", test_tampered);
  g_test_add_func ("/backup/refused-while-open", test_refused_while_open);
  g_test_add_func ("/backup/cancelled-and-failed", test_cancelled_and_failed);
  g_test_add_func ("/backup/older-store-and-fresh-machine", test_older_store_and_fresh_machine);
  g_test_add_func ("/backup/not-a-store-inside", test_not_a_store_inside);
  if (dossier_path)
    g_test_add_func ("/backup/cli", test_cli);

  return g_test_run ();
}
