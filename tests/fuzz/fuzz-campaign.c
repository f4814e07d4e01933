/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dossier-campaign.h"
#include "dossier-store.h"
#include "fuzz-campaign.h"

/* The fuzz target for campaign files: every input is imported into a real
 * store on disk, always the same empty one, so a run can be repeated
 * byte for byte. Built with libFuzzer (meson option `fuzzing`) or driven by
 * fuzz-driver.c in every test run.
 *
 * Beyond "it does not crash", it checks what must hold whatever the file:
 *
 * - an import that fails says why, and leaves the store empty;
 * - after an import that succeeds the store passes SQLite's integrity and
 *   foreign-key checks, its export succeeds, is UTF-8 with no NUL in it,
 *   and imports back into the same store creating and changing nothing —
 *   a store never holds what its own export cannot bring back;
 * - a text is not cut short at a "\u0000" without a word: the input is
 *   imported a second time with each escape of a NUL ("\u0000", and the
 *   octal "\0" json-glib reads too) turned into U+E000, and when
 *   both are accepted, the first export must not be the second with every
 *   U+E000 and what follows it in its string taken away.
 *
 * A broken rule abort()s with a line on stderr, which libFuzzer and the
 * driver report as a crash and keep the input of. DOSSIER_FUZZ_VERBOSE=1
 * also prints why each refused input was refused. */

/* U+E000, a private-use character, marks where a "\u0000" was */
#define MARK_ESCAPE "\\uE000"
#define MARK_UTF8   "\xee\x80\x80"

typedef struct {
  char   *dir;        /* a temporary folder, removed at exit */
  char   *dir_a;
  char   *dir_b;
  char   *path;       /* dir/a/dossier.db: the store an input is imported into */
  char   *path_mark;  /* dir/b/dossier.db: the same input with its NULs marked */
  GBytes *empty;      /* an empty store's file, copied to start each input */
  pid_t   owner;      /* the process that made dir; a forked child leaves it */
} Fuzz;

static Fuzz fuzz;

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
static void
violation (const char *format,
           ...)
{
  va_list args;

  fputs ("fuzz-campaign: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

static void
remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
remove_fuzz_dir (void)
{
  if (fuzz.dir == NULL || getpid () != fuzz.owner)
    return;
  remove_store_files (fuzz.path);
  remove_store_files (fuzz.path_mark);
  g_rmdir (fuzz.dir_a);
  g_rmdir (fuzz.dir_b);
  g_rmdir (fuzz.dir);
}

/* Makes an empty store once and keeps its file: copying it is much faster
 * than creating the schema again for every input. */
static void
ensure_initialized (void)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  char *contents;
  gsize length;

  if (fuzz.empty != NULL)
    return;

  /* what GLib only warns about is a finding too */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (!(fuzz.dir = g_dir_make_tmp ("dossier-fuzz-XXXXXX", &error)))
    violation ("cannot make a temporary folder: %s", error->message);
  fuzz.owner = getpid ();
  fuzz.dir_a = g_build_filename (fuzz.dir, "a", NULL);
  fuzz.dir_b = g_build_filename (fuzz.dir, "b", NULL);
  fuzz.path = g_build_filename (fuzz.dir_a, "dossier.db", NULL);
  fuzz.path_mark = g_build_filename (fuzz.dir_b, "dossier.db", NULL);
  atexit (remove_fuzz_dir);
  if (g_mkdir (fuzz.dir_a, 0700) != 0 || g_mkdir (fuzz.dir_b, 0700) != 0)
    violation ("cannot make the store folders in %s", fuzz.dir);

  if (!(store = dossier_store_open (fuzz.path, &error)))
    violation ("cannot make an empty store: %s", error->message);
  g_clear_object (&store);
  /* closing the last connection checkpoints the WAL into the file */
  wal = g_strconcat (fuzz.path, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    violation ("the empty store left %s behind", wal);
  if (!g_file_get_contents (fuzz.path, &contents, &length, &error))
    violation ("cannot read the empty store: %s", error->message);
  fuzz.empty = g_bytes_new_take (contents, length);
}

static DossierStore *
open_empty_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DossierStore *store;
  gsize length;
  const char *contents = g_bytes_get_data (fuzz.empty, &length);

  remove_store_files (path);
  if (!g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    violation ("cannot copy the empty store: %s", error->message);
  if (!(store = dossier_store_open (path, &error)))
    violation ("cannot open the copy of the empty store: %s", error->message);
  return store;
}

/* How many records of any kind the store holds. */
static gint64
count_records (DossierStore *store)
{
  const GType *kinds;
  guint n_kinds;
  gint64 total = 0;

  kinds = dossier_store_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(DossierQuery) query = dossier_query_new (kinds[i]);
      g_autoptr(GError) error = NULL;
      gint64 n = dossier_store_count (store, query, &error);

      if (n < 0)
        violation ("cannot count the %s records: %s", g_type_name (kinds[i]), error->message);
      total += n;
    }
  return total;
}

static void
check_integrity (DossierStore *store,
                 const char   *after)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;

  if (!dossier_store_check_integrity (store, &problems, &error))
    violation ("cannot check the store %s: %s", after, error->message);
  if (problems != NULL)
    violation ("the store is damaged %s: %s", after, problems);
}

/* How long the escape at @p (a backslash) is when it stands for a NUL,
 * or 0. JSON's is "\u0000"; json-glib also reads octal escapes as C does,
 * one to three digits of a byte: "\0", "\000", even "\400". */
static gsize
nul_escape_length (const char *p,
                   gsize       left)
{
  guint value = 0;
  gsize n = 1;

  if (left >= 6 && memcmp (p + 1, "u0000", 5) == 0)
    return 6;
  while (n < left && n <= 3 && p[n] >= '0' && p[n] <= '7')
    value = value * 8 + (p[n++] - '0');
  return n > 1 && (value & 0xff) == 0 ? n : 0;
}

/* Where the first escape of a NUL in a string of a JSON text starts, or
 * -1. An escaped backslash followed by "u0000" is not one. */
static gssize
find_nul_escape (const char *text,
                 gsize       length)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!in_string)
        {
          in_string = text[i] == '"';
          continue;
        }
      if (text[i] == '"')
        in_string = FALSE;
      else if (text[i] == '\\' && i + 1 < length)
        {
          if (nul_escape_length (text + i, length - i) > 0)
            return i;
          i++;
        }
    }
  return -1;
}

static gboolean
contains (const char *text,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (g_ascii_strncasecmp (text + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* @doc without any U+E000 and, when text follows one in its string, that
 * text: what @doc would be had its strings been cut at the marks.
 * *@cut_text says whether any text was taken away. */
static char *
cut_at_marks (const char *doc,
              gboolean   *cut_text)
{
  GString *out = g_string_new (NULL);
  const char *p = doc;

  *cut_text = FALSE;
  while (*p)
    {
      gsize mark = 0;

      if (g_str_has_prefix (p, MARK_UTF8))
        mark = strlen (MARK_UTF8);
      else if (g_ascii_strncasecmp (p, MARK_ESCAPE, strlen (MARK_ESCAPE)) == 0)
        mark = strlen (MARK_ESCAPE);
      if (mark == 0)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p += mark;
      /* up to the closing quote */
      while (*p && *p != '"')
        {
          if (!g_str_has_prefix (p, MARK_UTF8) &&
              g_ascii_strncasecmp (p, MARK_ESCAPE, strlen (MARK_ESCAPE)) != 0)
            *cut_text = TRUE;
          p += *p == '\\' && p[1] ? 2 : 1;
        }
    }
  return g_string_free (out, FALSE);
}

/* Records the file gives no times get the time of the import: wipe them
 * out of an export, in place, to compare two imports. */
static void
blank_times (char *doc)
{
  static const char * const members[] = { "\"date_published\":\"", "\"date_modified\":\"" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    for (char *p = strstr (doc, members[i]); p; p = strstr (p, members[i]))
      for (p += strlen (members[i]); *p && *p != '"'; p++)
        *p = '0';
}

/* @data with every escape of a NUL in its strings turned into the mark. */
static GByteArray *
mark_nul_escapes (const char *data,
                  gsize       size)
{
  GByteArray *out = g_byte_array_sized_new (size);
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      if (in_string && data[i] == '\\' && i + 1 < size)
        {
          gsize n = nul_escape_length (data + i, size - i);

          if (n > 0)
            g_byte_array_append (out, (const guint8 *) MARK_ESCAPE, strlen (MARK_ESCAPE));
          else
            g_byte_array_append (out, (const guint8 *) data + i, n = 2);
          i += n - 1;
          continue;
        }
      if (data[i] == '"')
        in_string = !in_string;
      g_byte_array_append (out, (const guint8 *) data + i, 1);
    }
  return out;
}

static void
check_nul_not_cut (const char *data,
                   gsize       size,
                   char       *exported)
{
  g_autoptr(GByteArray) marked = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autofree char *marked_export = NULL;
  g_autofree char *cut = NULL;
  gboolean cut_text;

  if (find_nul_escape (data, size) < 0 ||
      contains (data, size, MARK_ESCAPE) || contains (data, size, MARK_UTF8))
    return;

  marked = mark_nul_escapes (data, size);
  store = open_empty_store (fuzz.path_mark);
  if (!dossier_campaign_import_data (store, (const char *) marked->data, marked->len, NULL, NULL))
    return;
  if (!(marked_export = dossier_campaign_export (store, NULL, NULL)))
    return;
  cut = cut_at_marks (marked_export, &cut_text);
  blank_times (cut);
  blank_times (exported);
  if (cut_text && g_str_equal (cut, exported))
    violation ("an import kept the text before a NUL (\\u0000) and silently dropped the rest");
}

static void
check_round_trip (DossierStore *store,
                  const char   *data,
                  gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  DossierImportStats stats;
  const char *end;
  gint64 before;

  check_integrity (store, "after an import");

  if (!(exported = dossier_campaign_export (store, NULL, &error)))
    violation ("the export of an imported store failed: %s", error->message);
  if (!g_utf8_validate (exported, -1, &end))
    violation ("the export is not UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (end - exported));
  if (find_nul_escape (exported, strlen (exported)) >= 0)
    violation ("the export holds a NUL (\\u0000)");

  before = count_records (store);
  if (!dossier_campaign_import_data (store, exported, -1, &stats, &error))
    violation ("the store's own export cannot be imported back: %s", error->message);
  if (stats.created != 0 || stats.updated != 0)
    violation ("importing the store's own export created %u records and changed %u",
               stats.created, stats.updated);
  if (count_records (store) != before)
    violation ("importing the store's own export changed the number of records");

  check_nul_not_cut (data, size, exported);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ensure_initialized ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DossierImportStats stats;
  gint64 left;

  ensure_initialized ();
  store = open_empty_store (fuzz.path);

  if (dossier_campaign_import_data (store, (const char *) data, size, &stats, &error))
    {
      if (error != NULL)
        violation ("an import succeeded and set an error: %s", error->message);
      check_round_trip (store, (const char *) data, size);
      return 0;
    }

  if (error == NULL || error->message == NULL || *error->message == '\0')
    violation ("an import failed without saying why");
  if (g_getenv ("DOSSIER_FUZZ_VERBOSE"))
    fprintf (stderr, "refused: %s\n", error->message);
  if ((left = count_records (store)) != 0)
    violation ("an import failed (%s) and left %" G_GINT64_FORMAT " records in the store",
               error->message, left);
  return 0;
}
