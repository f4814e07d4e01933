/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-fuzz"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "fuzz-campaign.h"

/* Runs the campaign fuzz target where libFuzzer does not exist (gcc): every
 * file of the corpus as it is, then a bounded number of mutations of them,
 * made from a fixed seed so that a run can be repeated exactly. Mutation n
 * depends only on the seed, n and the corpus, never on the inputs before it.
 *
 * The output is TAP: one case per corpus file, one per block of mutations.
 * Inputs run in a child process; when one crashes (or breaks a rule of the
 * target, which abort()s), the input is saved, the case fails and a new
 * child goes on with the next input. */

#define DEFAULT_SEED   1
#define DEFAULT_RUNS   3000
#define DEFAULT_BLOCK  500
#define MAX_INPUT_SIZE      (2 * 1024 * 1024)
#define HUGE_STRING    (100 * 1000)
#define INPUT_TIMEOUT  20  /* seconds */
/* A block goes on after a crash, but only so far: the same crash found
 * again and again would fill the log and take minutes. */
#define MAX_FAILURES   3

typedef struct {
  char   *name;
  GBytes *bytes;
} Seed;

/* Written by the child as it goes, read by the parent when it dies. */
typedef struct {
  volatile gint64 current;
  volatile int    finished;
} Progress;

typedef struct {
  GPtrArray *seeds;  /* Seed */
  guint32    seed;
  guint      runs;
  guint      block;
  char      *crash_dir;
  Progress  *progress;
} Driver;

/* ---- the corpus ---- */

static void
seed_free (gpointer data)
{
  Seed *seed = data;

  g_free (seed->name);
  g_bytes_unref (seed->bytes);
  g_free (seed);
}

static gboolean
add_seed (Driver      *d,
          const char  *path,
          GError     **error)
{
  char *contents;
  gsize length;
  Seed *seed;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  seed = g_new0 (Seed, 1);
  seed->name = g_path_get_basename (path);
  seed->bytes = g_bytes_new_take (contents, length);
  g_ptr_array_add (d->seeds, seed);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* A file, or every file of a folder (not hidden ones), in name order. */
static gboolean
load_corpus (Driver      *d,
             const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return add_seed (d, path, error);

  if (!(dir = g_dir_open (path, 0, error)))
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, names->pdata[i], NULL);

      if (!add_seed (d, file, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- a small lexer: where the strings, numbers and containers are ---- */

typedef struct {
  gsize start;  /* the opening quote, the first digit, the bracket */
  gsize end;    /* just after the token */
  gboolean in_array;  /* containers: an element of an array */
} Span;

typedef struct {
  GArray *strings;     /* Span: keys and values */
  GArray *values;      /* Span: strings that are not keys, numbers, containers */
  GArray *numbers;     /* Span */
  GArray *elements;    /* Span: containers that are elements of arrays */
} Tokens;

static void
tokens_clear (Tokens *t)
{
  g_array_unref (t->strings);
  g_array_unref (t->values);
  g_array_unref (t->numbers);
  g_array_unref (t->elements);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tokens, tokens_clear)

static gboolean
is_key (const guint8 *data,
        gsize         len,
        gsize         end)
{
  while (end < len && g_ascii_isspace (data[end]))
    end++;
  return end < len && data[end] == ':';
}

/* Reads @data as JSON as far as it goes; broken parts are skipped. */
static void
scan (const guint8 *data,
      gsize         len,
      Tokens       *t)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (gsize));

  t->strings = g_array_new (FALSE, FALSE, sizeof (Span));
  t->values = g_array_new (FALSE, FALSE, sizeof (Span));
  t->numbers = g_array_new (FALSE, FALSE, sizeof (Span));
  t->elements = g_array_new (FALSE, FALSE, sizeof (Span));

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c == '"')
        {
          Span span = { i, 0, FALSE };

          for (i++; i < len && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          span.end = MIN (i + 1, len);
          g_array_append_val (t->strings, span);
          if (!is_key (data, len, span.end))
            g_array_append_val (t->values, span);
          i = span.end - 1;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          Span span = { i, 0, FALSE };

          while (i < len && (g_ascii_isdigit (data[i]) || strchr ("+-.eE", data[i])))
            i++;
          span.end = i;
          g_array_append_val (t->numbers, span);
          g_array_append_val (t->values, span);
          i--;
        }
      else if (c == '{' || c == '[')
        g_array_append_val (open, i);
      else if ((c == '}' || c == ']') && open->len > 0)
        {
          gsize start = g_array_index (open, gsize, open->len - 1);
          Span span = { start, i + 1, FALSE };

          g_array_set_size (open, open->len - 1);
          span.in_array = open->len > 0 && data[g_array_index (open, gsize, open->len - 1)] == '[';
          g_array_append_val (t->values, span);
          if (span.in_array)
            g_array_append_val (t->elements, span);
        }
    }
}

/* ---- mutations ---- */

typedef struct {
  Driver     *d;
  GRand      *rand;
  GByteArray *buf;
} Mutator;

static guint
pick (Mutator *m,
      guint    n)
{
  return n ? (guint) g_rand_int_range (m->rand, 0, n) : 0;
}

static gsize
pick_size (Mutator *m,
           gsize    n)
{
  return n ? (gsize) (g_rand_double (m->rand) * n) % n : 0;
}

static gboolean
chance (Mutator *m,
        guint    percent)
{
  return pick (m, 100) < percent;
}

static const Span *
pick_span (Mutator *m,
           GArray  *spans)
{
  return spans->len ? &g_array_index (spans, Span, pick (m, spans->len)) : NULL;
}

static void
replace (GByteArray *buf,
         gsize       start,
         gsize       end,
         const void *with,
         gsize       with_len)
{
  g_autoptr(GByteArray) tail = g_byte_array_new ();

  g_byte_array_append (tail, buf->data + end, buf->len - end);
  g_byte_array_set_size (buf, start);
  g_byte_array_append (buf, with, with_len);
  g_byte_array_append (buf, tail->data, tail->len);
}

static void
insert (GByteArray *buf,
        gsize       at,
        const char *text)
{
  replace (buf, at, at, text, strlen (text));
}

static const char * const interesting_bytes = "\"\\{}[],:0 \x01\x7f\x80\xc0\xff";
static const char * const interesting_tokens[] = {
  "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "true", "\"\"", "{}", "[]", "\\u",
  "\xed\xa0\x80",
};

static void
mutate_flip (Mutator *m)
{
  guint n = 1 + pick (m, 4);

  for (guint i = 0; i < n && m->buf->len; i++)
    {
      gsize at = pick_size (m, m->buf->len);

      if (chance (m, 50))
        m->buf->data[at] ^= 1 << pick (m, 8);
      else
        m->buf->data[at] = interesting_bytes[pick (m, strlen (interesting_bytes))];
    }
}

static void
mutate_insert_bytes (Mutator *m)
{
  gsize at = pick_size (m, m->buf->len + 1);

  if (chance (m, 50))
    insert (m->buf, at, interesting_tokens[pick (m, G_N_ELEMENTS (interesting_tokens))]);
  else
    {
      guint8 bytes[16];
      guint n = 1 + pick (m, sizeof bytes);

      for (guint i = 0; i < n; i++)
        bytes[i] = pick (m, 256);
      replace (m->buf, at, at, bytes, n);
    }
}

static void
mutate_delete (Mutator *m)
{
  gsize at, n;

  if (m->buf->len == 0)
    return;
  at = pick_size (m, m->buf->len);
  n = 1 + pick_size (m, MIN (m->buf->len - at, 64));
  replace (m->buf, at, at + n, NULL, 0);
}

static void
mutate_duplicate (Mutator *m)
{
  g_autoptr(GByteArray) copy = g_byte_array_new ();
  gsize from, n, at;

  if (m->buf->len == 0)
    return;
  from = pick_size (m, m->buf->len);
  n = 1 + pick_size (m, MIN (m->buf->len - from, 256));
  g_byte_array_append (copy, m->buf->data + from, n);
  at = pick_size (m, m->buf->len + 1);
  replace (m->buf, at, at, copy->data, copy->len);
}

/* The head of this input and the tail of another (or of itself). */
static void
mutate_splice (Mutator *m)
{
  Seed *other = m->d->seeds->pdata[pick (m, m->d->seeds->len)];
  gsize other_len;
  const guint8 *other_data = g_bytes_get_data (other->bytes, &other_len);
  gsize cut = pick_size (m, m->buf->len + 1);
  gsize from = pick_size (m, other_len + 1);

  g_byte_array_set_size (m->buf, cut);
  g_byte_array_append (m->buf, other_data + from, other_len - from);
}

static gsize
nesting_depth (Mutator *m)
{
  switch (pick (m, 10))
    {
    case 0: return 100000;                     /* the reported crash */
    case 1: case 2: return 1000 + pick (m, 9000);
    case 3: case 4: case 5: return 64 + pick (m, 64);
    default: return 1 + pick (m, 8);
    }
}

/* [[[…value…]]] around the whole document or one value in it. */
static void
mutate_nest (Mutator *m)
{
  g_auto(Tokens) t;
  const Span *span;
  gsize depth = nesting_depth (m);
  gsize start = 0, end = m->buf->len;
  g_autoptr(GByteArray) open = g_byte_array_new ();
  g_autoptr(GByteArray) close = g_byte_array_new ();
  gboolean objects = chance (m, 20);

  scan (m->buf->data, m->buf->len, &t);
  if (chance (m, 75) && (span = pick_span (m, t.values)))
    start = span->start, end = span->end;
  for (gsize i = 0; i < depth; i++)
    {
      /* {"a":{"a":…}} nests too, through another path of the parser */
      g_byte_array_append (open, (const guint8 *) (objects ? "{\"a\":" : "["), objects ? 5 : 1);
      g_byte_array_append (close, (const guint8 *) (objects ? "}" : "]"), 1);
    }
  replace (m->buf, end, end, close->data, close->len);
  replace (m->buf, start, start, open->data, open->len);
}

/* Where an escape can go in a string: not inside another escape. */
static gsize
pick_in_string (Mutator      *m,
                const guint8 *data,
                const Span   *span)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize i = span->start + 1; i < span->end; i++)
    {
      g_array_append_val (places, i);
      if (data[i] == '\\')
        i++;
    }
  return places->len ? g_array_index (places, gsize, pick (m, places->len)) : span->start + 1;
}

static void
mutate_escape (Mutator *m)
{
  static const char * const escapes[] = {
    "\\ud800", "\\u0000", "\\u001b", "\\udc00", "\\udbff", "\\ud800\\udc00", "\\ud800\\u0041",
    "\\uffff", "\\ufeff", "\\u0000", "\\u0000\\u0000", "\\u202e", "\\u0085", "\\u2028", "\\u0009",
    /* not JSON, but json-glib reads C's octal escapes, and drops the
     * backslash of unknown ones */
    "\\0", "\\203", "\\400", "\\x41", "\\a",
  };
  g_auto(Tokens) t;
  const Span *span;
  const char *escape = escapes[pick (m, G_N_ELEMENTS (escapes))];

  scan (m->buf->data, m->buf->len, &t);
  if (!(span = pick_span (m, chance (m, 80) ? t.values : t.strings)) ||
      m->buf->data[span->start] != '"' || span->end - span->start < 2)
    return;
  if (chance (m, 20))
    {
      g_autofree char *whole = g_strdup_printf ("\"%s\"", escape);

      replace (m->buf, span->start, span->end, whole, strlen (whole));
    }
  else
    insert (m->buf, pick_in_string (m, m->buf->data, span), escape);
}

static void
mutate_number (Mutator *m)
{
  static const char * const numbers[] = {
    "18446744073709551617", "1e400", "-1e400", "1e-400", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "-1", "0", "-0",
    "1.5", "2147483648", "4294967296", "100000000000000000000000000000000000000000", "1E2",
  };
  const char *number = numbers[pick (m, G_N_ELEMENTS (numbers))];
  g_auto(Tokens) t;
  const Span *span;

  scan (m->buf->data, m->buf->len, &t);
  /* a number where there is one, or in place of a text */
  if ((span = pick_span (m, chance (m, 60) && t.numbers->len ? t.numbers : t.values)))
    replace (m->buf, span->start, span->end, number, strlen (number));
}

static void
mutate_duplicate_item (Mutator *m)
{
  g_autoptr(GByteArray) copy = g_byte_array_new ();
  g_auto(Tokens) t;
  const Span *span;

  scan (m->buf->data, m->buf->len, &t);
  if (!(span = pick_span (m, t.elements)))
    return mutate_duplicate (m);
  g_byte_array_append (copy, (const guint8 *) ",", 1);
  g_byte_array_append (copy, m->buf->data + span->start, span->end - span->start);
  replace (m->buf, span->end, span->end, copy->data, copy->len);
}

static void
mutate_drop_item (Mutator *m)
{
  g_auto(Tokens) t;
  const Span *span;
  gsize start, end;

  scan (m->buf->data, m->buf->len, &t);
  if (!(span = pick_span (m, t.elements)))
    return mutate_delete (m);
  start = span->start;
  end = span->end;
  /* and the comma before or after it */
  if (end < m->buf->len && m->buf->data[end] == ',')
    end++;
  else if (start > 0 && m->buf->data[start - 1] == ',')
    start--;
  replace (m->buf, start, end, NULL, 0);
}

static void
mutate_cut (Mutator *m)
{
  g_byte_array_set_size (m->buf, pick_size (m, m->buf->len));
}

static void
mutate_huge_string (Mutator *m)
{
  static const char * const units[] = { "x", "Ж", "a ", "\\\"", "\\u0416" };
  const char *unit = units[pick (m, G_N_ELEMENTS (units))];
  g_autoptr(GString) text = g_string_new ("\"");
  g_auto(Tokens) t;
  const Span *span;

  while (text->len < HUGE_STRING)
    g_string_append (text, unit);
  g_string_append_c (text, '"');
  scan (m->buf->data, m->buf->len, &t);
  span = pick_span (m, chance (m, 80) ? t.values : t.strings);
  if (span && m->buf->data[span->start] == '"')
    replace (m->buf, span->start, span->end, text->str, text->len);
}

/* A text of this input or another in place of one of this input: ids,
 * references and vocabulary from elsewhere. */
static void
mutate_swap_string (Mutator *m)
{
  Seed *other = m->d->seeds->pdata[pick (m, m->d->seeds->len)];
  gsize other_len;
  const guint8 *other_data = g_bytes_get_data (other->bytes, &other_len);
  g_autoptr(GByteArray) from = g_byte_array_new ();
  g_auto(Tokens) t;
  g_auto(Tokens) u;
  const Span *to, *with;

  if (chance (m, 50))
    g_byte_array_append (from, m->buf->data, m->buf->len);
  else
    g_byte_array_append (from, other_data, other_len);
  scan (m->buf->data, m->buf->len, &t);
  scan (from->data, from->len, &u);
  if ((to = pick_span (m, t.values)) && (with = pick_span (m, u.strings)))
    replace (m->buf, to->start, to->end, from->data + with->start, with->end - with->start);
}

static void
mutate_value (Mutator *m)
{
  static const char * const values[] = {
    "null", "true", "false", "{}", "[]", "0", "\"\"", "\" \"", "\"x\"", "[\"\"]", "[null]",
    "{\"\":\"\"}", "\"\\t\"", "\"2021-02-29\"", "\"https://\"", "\"javascript:alert(1)\"",
  };
  const char *value = values[pick (m, G_N_ELEMENTS (values))];
  g_auto(Tokens) t;
  const Span *span;

  scan (m->buf->data, m->buf->len, &t);
  if ((span = pick_span (m, t.values)))
    replace (m->buf, span->start, span->end, value, strlen (value));
}

typedef void (*MutateFunc) (Mutator *m);

static const MutateFunc mutations[] = {
  mutate_flip, mutate_insert_bytes, mutate_delete, mutate_duplicate, mutate_splice,
  mutate_nest, mutate_escape, mutate_escape, mutate_number, mutate_duplicate_item,
  mutate_drop_item, mutate_cut, mutate_huge_string, mutate_swap_string, mutate_swap_string,
  mutate_value, mutate_value,
};

/* Input @n: the corpus files first, as they are, then the mutations. */
static GByteArray *
make_input (Driver *d,
            gint64  n)
{
  GByteArray *buf = g_byte_array_new ();
  guint32 key[3];
  Mutator m;
  Seed *seed;
  gsize len;
  const guint8 *data;
  guint rounds;

  if (n < (gint64) d->seeds->len)
    {
      data = g_bytes_get_data (((Seed *) d->seeds->pdata[n])->bytes, &len);
      g_byte_array_append (buf, data, len);
      return buf;
    }

  key[0] = d->seed;
  key[1] = (guint32) n;
  key[2] = (guint32) (n >> 32);
  m.d = d;
  m.rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
  m.buf = buf;
  seed = d->seeds->pdata[pick (&m, d->seeds->len)];
  data = g_bytes_get_data (seed->bytes, &len);
  g_byte_array_append (buf, data, len);

  rounds = 1 + pick (&m, 3);
  for (guint i = 0; i < rounds; i++)
    mutations[pick (&m, G_N_ELEMENTS (mutations))] (&m);
  if (buf->len > MAX_INPUT_SIZE)
    g_byte_array_set_size (buf, MAX_INPUT_SIZE);
  g_rand_free (m.rand);
  return buf;
}

/* ---- running ---- */

G_GNUC_NORETURN
static void
run_child (Driver *d,
           gint64  first,
           gint64  last)
{
  /* TAP is the parent's: whatever the code under test prints goes to stderr */
  dup2 (STDERR_FILENO, STDOUT_FILENO);
  for (gint64 n = first; n < last; n++)
    {
      g_autoptr(GByteArray) input = make_input (d, n);
      /* exactly as long as the input, so that reading past it is caught */
      g_autofree guint8 *exact = g_memdup2 (input->data, input->len);

      d->progress->current = n;
      alarm (INPUT_TIMEOUT);
      LLVMFuzzerTestOneInput (exact, input->len);
      alarm (0);
    }
  d->progress->finished = 1;
  exit (0);
}

static char *
describe_status (int status)
{
  if (WIFSIGNALED (status))
    return g_strdup_printf ("killed by signal %d (%s)%s", WTERMSIG (status),
                            g_strsignal (WTERMSIG (status)),
                            WTERMSIG (status) == SIGALRM ? ", over the time limit" : "");
  return g_strdup_printf ("exit status %d", WEXITSTATUS (status));
}

static char *
save_input (Driver *d,
            gint64  n)
{
  g_autoptr(GByteArray) input = make_input (d, n);
  g_autofree char *name = g_strdup_printf ("fuzz-crash-%" G_GINT64_FORMAT ".json",
                                           n - (gint64) d->seeds->len + 1);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (d->crash_dir, name, NULL);

  g_mkdir_with_parents (d->crash_dir, 0755);
  if (!g_file_set_contents (path, (const char *) input->data, input->len, &error))
    {
      g_free (path);
      return g_strdup_printf ("(not saved: %s)", error->message);
    }
  return path;
}

/* Runs inputs [first, last); returns how many failed. */
static guint
run_inputs (Driver *d,
            gint64  first,
            gint64  last)
{
  gint64 next = first;
  guint failures = 0;

  while (next < last)
    {
      g_autofree char *what = NULL;
      g_autofree char *where = NULL;
      int status = 0;
      gint64 failed;
      pid_t pid;

      d->progress->current = next;
      d->progress->finished = 0;
      fflush (stdout);
      fflush (stderr);
      if ((pid = fork ()) < 0)
        {
          printf ("# cannot fork: %s\n", g_strerror (errno));
          return failures + 1;
        }
      if (pid == 0)
        run_child (d, next, last);
      while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
        ;
      if (WIFEXITED (status) && WEXITSTATUS (status) == 0 && d->progress->finished)
        break;

      failures++;
      what = describe_status (status);
      if (d->progress->finished)
        {
          /* every input ran: what failed is the end, e.g. a leak report
           * (for its whole stack: ASAN_OPTIONS=fast_unwind_on_malloc=0) */
          printf ("# every input ran, then the process failed (%s): see its stderr\n", what);
          break;
        }
      failed = d->progress->current;
      if (failed < (gint64) d->seeds->len)
        printf ("# corpus file %s: %s\n", ((Seed *) d->seeds->pdata[failed])->name, what);
      else
        {
          where = save_input (d, failed);
          printf ("# mutation %" G_GINT64_FORMAT ": %s; input saved to %s\n",
                  failed - (gint64) d->seeds->len + 1, what, where);
        }
      if (failures >= MAX_FAILURES && failed + 1 < last)
        {
          printf ("# %d failures: the rest of this block is skipped\n", MAX_FAILURES);
          break;
        }
      next = failed + 1;
    }
  return failures;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *crash_dir = NULL;
  gint64 seed = DEFAULT_SEED;
  int runs = DEFAULT_RUNS;
  int block = DEFAULT_BLOCK;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the mutations", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many mutated inputs to run", "N" },
    { "block", 0, 0, G_OPTION_ARG_INT, &block, "Mutated inputs per test case", "N" },
    { "crash-dir", 0, 0, G_OPTION_ARG_FILENAME, &crash_dir,
      "Where failing inputs go (default: $MESON_BUILD_ROOT/meson-logs, or the temporary folder)",
      "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL },
    { NULL }
  };
  Driver d = { 0 };
  guint n_cases, n_blocks, test = 0, failed_cases = 0;

  context = g_option_context_new ("CORPUS...");
  g_option_context_set_summary (context,
    "Imports each file of CORPUS (files, or folders of files) and SEED-determined\n"
    "mutations of them through the campaign fuzz target; prints TAP.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      runs < 0 || block < 1 || seed < 0 || seed > G_MAXUINT32 || paths == NULL)
    {
      g_printerr ("%s\n", error ? error->message
                                 : "Usage: fuzz-driver [--seed N] [--runs N] CORPUS...");
      return 2;
    }

  d.seeds = g_ptr_array_new_with_free_func (seed_free);
  d.seed = (guint32) seed;
  d.runs = runs;
  d.block = block;
  if (crash_dir)
    d.crash_dir = g_strdup (crash_dir);
  else if (g_getenv ("MESON_BUILD_ROOT"))
    d.crash_dir = g_build_filename (g_getenv ("MESON_BUILD_ROOT"), "meson-logs", NULL);
  else
    d.crash_dir = g_strdup (g_get_tmp_dir ());
  for (guint i = 0; paths[i]; i++)
    if (!load_corpus (&d, paths[i], &error))
      {
        g_printerr ("%s\n", error->message);
        return 2;
      }
  if (d.seeds->len == 0)
    {
      g_printerr ("The corpus is empty.\n");
      return 2;
    }

  d.progress = mmap (NULL, sizeof *d.progress, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  g_assert (d.progress != MAP_FAILED);
  /* the empty store the children copy is made once, here */
  LLVMFuzzerInitialize (&argc, &argv);

  n_blocks = (d.runs + d.block - 1) / d.block;
  n_cases = d.seeds->len + n_blocks;
  printf ("1..%u\n", n_cases);
  printf ("# %u corpus files, %u mutations, seed %u; failing inputs go to %s\n",
          d.seeds->len, d.runs, d.seed, d.crash_dir);

  for (guint i = 0; i < d.seeds->len; i++)
    {
      guint failures = run_inputs (&d, i, i + 1);

      failed_cases += failures > 0;
      printf ("%s %u - corpus %s\n", failures ? "not ok" : "ok", ++test,
              ((Seed *) d.seeds->pdata[i])->name);
    }
  for (guint b = 0; b < n_blocks; b++)
    {
      gint64 first = (gint64) d.seeds->len + (gint64) b * d.block;
      gint64 last = MIN (first + d.block, (gint64) d.seeds->len + d.runs);
      guint failures = run_inputs (&d, first, last);

      failed_cases += failures > 0;
      printf ("%s %u - mutations %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " (seed %u)\n",
              failures ? "not ok" : "ok", ++test,
              first - (gint64) d.seeds->len + 1, last - (gint64) d.seeds->len, d.seed);
    }

  munmap (d.progress, sizeof *d.progress);
  g_ptr_array_unref (d.seeds);
  g_free (d.crash_dir);
  return failed_cases ? 1 : 0;
}
