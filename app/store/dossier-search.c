/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dossier-case.h"
#include "dossier-case-event.h"
#include "dossier-countries.h"
#include "dossier-feed-item.h"
#include "dossier-search-private.h"
#include "dossier-translations.h"
#include "dossier-target.h"
#include "dossier-translit.h"
#include "dossier-urgent-action.h"

/* The text the search index keeps for a record, and the FTS5 query for
 * what a person typed. No SQL runs here: dossier-store.c writes the
 * documents and runs the queries.
 *
 * A document has two indexed parts, the names of the record (a case's
 * name and other spellings, a UA's reference and title, a target's name,
 * an event's or feed item's title) and its body (the rest of its text),
 * each written twice: as it is, and as its search key (dossier-translit.c),
 * where Ильяшев and Ilyashev are the same word. */

#define EXCERPT_CHARS 80

/* Appends @text on a line of its own, unless it is empty. */
static void
add_line (GString    *out,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, text);
}

static void
add_lines (GString            *out,
           const char * const *lines)
{
  for (guint i = 0; lines && lines[i]; i++)
    add_line (out, lines[i]);
}

/* Appends @text to a one-line summary, after a separator. */
static void
add_part (GString    *out,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, text);
}

/* The first line of @text, cut to a length a row can show. */
static char *
excerpt (const char *text)
{
  const char *end;
  glong n_chars;
  g_autofree char *cut = NULL;

  if (text == NULL)
    return g_strdup ("");
  end = strchr (text, '\n');
  if (end == NULL)
    end = text + strlen (text);
  n_chars = g_utf8_strlen (text, end - text);
  if (n_chars <= EXCERPT_CHARS)
    return g_strndup (text, end - text);
  end = g_utf8_offset_to_pointer (text, EXCERPT_CHARS - 1);
  cut = g_strndup (text, end - text);
  return g_strconcat (cut, "…", NULL);
}

static const char *
get (DossierRecord *record,
     const char    *field)
{
  const char *value = dossier_record_get_string (record, field);

  return value ? value : "";
}

/* A country in a record's one-line summary: by its English name, as the
 * summary is written once and read in any language; a value kept as it
 * was typed as it is. */
static const char *
country_summary (DossierRecord *record)
{
  const char *english = dossier_country_english_name (get (record, "country"));

  return english ? english : get (record, "country");
}

/**
 * dossier_search_doc_build:
 *
 * Fills @doc with the text the index keeps for @record; its keys are left
 * for dossier_search_doc_set_keys(), which takes longer, to compute.
 *
 * Returns: %FALSE when records of this kind are not searched.
 */
/* A record's texts in other languages are found as its own are: a name
 * or a title among the names, the rest in the body ("Әлнұр" finds the
 * case whose Kazakh name it is). */
static void
add_translations (GString       *names,
                  GString       *body,
                  DossierRecord *record)
{
  g_auto(GStrv) languages = dossier_translations_languages (record);
  guint n;
  const DossierTranslatable *fields = dossier_translatable_fields (G_OBJECT_TYPE (record), &n);

  for (guint l = 0; languages[l]; l++)
    for (guint f = 0; f < n; f++)
      {
        gboolean is_name = g_str_equal (fields[f].member, "name") || g_str_equal (fields[f].member, "title");

        if (fields[f].list)
          {
            g_auto(GStrv) list = dossier_record_get_strv_in (record, fields[f].field, languages[l], TRUE, NULL, NULL);

            add_lines (is_name ? names : body, (const char * const *) list);
          }
        else
          {
            g_autofree char *text = dossier_record_get_text_in (record, fields[f].field, languages[l], TRUE, NULL, NULL);

            add_line (is_name ? names : body, text);
          }
      }
}

gboolean
dossier_search_doc_build (DossierSearchDoc *doc,
                          DossierRecord    *record)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *country = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (DOSSIER_IS_RECORD (record), FALSE);

  if (DOSSIER_IS_CASE (record) || DOSSIER_IS_TARGET (record))
    country = dossier_country_search_text (get (record, "country"));

  if (DOSSIER_IS_CASE (record))
    {
      const char * const *other_names = dossier_record_get_strv (record, "other-names");
      g_autofree char *joined = other_names ? g_strjoinv (", ", (char **) other_names) : NULL;

      title = g_strdup (get (record, "name"));
      add_part (subtitle, joined);
      add_part (subtitle, get (record, "city"));
      add_part (subtitle, country_summary (record));
      add_line (names, get (record, "name"));
      add_lines (names, other_names);
      add_line (body, get (record, "city"));
      /* found by its name in any of Dossier's languages, not its code only */
      add_line (body, country);
      add_line (body, get (record, "summary"));
      add_line (body, get (record, "health-concerns"));
      add_lines (body, dossier_record_get_strv (record, "tags"));
      add_line (body, get (record, "notes"));
    }
  else if (DOSSIER_IS_URGENT_ACTION (record))
    {
      title = g_strdup (*get (record, "title") ? get (record, "title") : get (record, "reference"));
      add_part (subtitle, get (record, "reference"));
      add_part (subtitle, get (record, "ua-index"));
      add_line (names, get (record, "reference"));
      add_line (names, get (record, "ua-index"));
      add_line (names, get (record, "title"));
      add_lines (body, dossier_record_get_strv (record, "key-points"));
      add_lines (body, dossier_record_get_strv (record, "hashtags"));
      add_lines (body, dossier_record_get_strv (record, "posts"));
      add_line (body, get (record, "notes"));
    }
  else if (DOSSIER_IS_TARGET (record))
    {
      title = g_strdup (get (record, "name"));
      add_part (subtitle, get (record, "office"));
      add_part (subtitle, get (record, "organisation"));
      add_line (names, get (record, "name"));
      add_line (body, get (record, "office"));
      add_line (body, get (record, "organisation"));
      add_line (body, get (record, "address"));
      add_line (body, get (record, "email"));
      add_line (body, get (record, "phone"));
      add_line (body, get (record, "salutation"));
      add_line (body, country);
    }
  else if (DOSSIER_IS_CASE_EVENT (record))
    {
      const char *given = get (record, "title");

      title = *given ? g_strdup (given) : excerpt (get (record, "text"));
      add_part (subtitle, get (record, "date"));
      add_line (names, get (record, "title"));
      add_line (body, get (record, "text"));
    }
  else if (DOSSIER_IS_FEED_ITEM (record))
    {
      const char *published = get (record, "published");
      const char *given = get (record, "title");

      title = *given ? g_strdup (given) : excerpt (get (record, "content"));
      /* the date of "2020-04-28T09:00:00Z" */
      if (strlen (published) >= 10)
        g_string_append_len (subtitle, published, 10);
      add_line (names, get (record, "title"));
      add_line (body, get (record, "content"));
    }
  else
    return FALSE;
  add_translations (names, body, record);

  doc->title = g_steal_pointer (&title);
  doc->subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
  doc->names = g_string_free (g_steal_pointer (&names), FALSE);
  doc->body = g_string_free (g_steal_pointer (&body), FALSE);
  return TRUE;
}

/* Computes the search keys of a document built by dossier_search_doc_build(). */
void
dossier_search_doc_set_keys (DossierSearchDoc *doc)
{
  g_return_if_fail (doc != NULL && doc->names != NULL && doc->body != NULL);

  g_free (doc->names_key);
  g_free (doc->body_key);
  doc->names_key = dossier_translit_key (doc->names);
  doc->body_key = dossier_translit_key (doc->body);
}

void
dossier_search_doc_clear (DossierSearchDoc *doc)
{
  g_clear_pointer (&doc->title, g_free);
  g_clear_pointer (&doc->subtitle, g_free);
  g_clear_pointer (&doc->names, g_free);
  g_clear_pointer (&doc->body, g_free);
  g_clear_pointer (&doc->names_key, g_free);
  g_clear_pointer (&doc->body_key, g_free);
}

/* A word as the index's tokenizer sees it, roughly: lower case, without
 * accents. Only compared with the key, to spare a second phrase when
 * both are the same. */
static char *
simple_fold (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* An FTS5 string: in double quotes, a double quote written twice. Inside
 * one, nothing is syntax: AND, NEAR, *, ( and : are words or nothing. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
has_apostrophe (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isalnum (g_utf8_get_char (p)) && !g_unichar_ismark (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
has_alnum (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Appends one term, quoted; as a prefix when @prefix. A prefix longer than
 * the longest prefix the index keeps (dossier-schema.c) is cut to it: FTS5
 * would otherwise merge the rows of every word starting with it before
 * returning the first, tens of milliseconds for a word most records hold.
 * Cut, it also finds other forms of a long word (Нұрланқызы, Нұрланқызына).
 */
static void
append_term (GString    *out,
             const char *term,
             gboolean    prefix)
{
  if (prefix && g_utf8_strlen (term, -1) > DOSSIER_SEARCH_PREFIX_MAX)
    {
      g_autofree char *cut = g_utf8_substring (term, 0, DOSSIER_SEARCH_PREFIX_MAX);

      append_quoted (out, cut);
    }
  else
    append_quoted (out, term);
  if (prefix)
    g_string_append_c (out, '*');
}

/* The key of a word, which is one word but for odd characters NFKD spells
 * as two ("½"): every part must match, the last as a prefix when @prefix. */
static void
append_key (GString    *out,
            const char *key,
            gboolean    prefix)
{
  g_auto(GStrv) parts = g_strsplit (key, " ", -1);
  guint n_parts = g_strv_length (parts);

  if (n_parts > 1)
    g_string_append_c (out, '(');
  for (guint i = 0; i < n_parts; i++)
    {
      if (i > 0)
        g_string_append (out, " AND ");
      append_term (out, parts[i], prefix && i == n_parts - 1);
    }
  if (n_parts > 1)
    g_string_append_c (out, ')');
}

/**
 * dossier_search_match:
 * @text: what a person typed
 *
 * Builds the FTS5 query for @text: every word must match, either as it is
 * in the names and body, or through its key in their keys; the last word
 * matches as a prefix unless a space follows it, so that results follow
 * the typing. What the person typed is never FTS5 syntax: words are taken
 * out of it and each is quoted.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @text
 *   holds no word to look for.
 */
char *
dossier_search_match (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  guint n_words;
  gboolean last_is_prefix;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  words = dossier_translit_words (text);
  n_words = g_strv_length (words);
  len = strlen (text);
  last_is_prefix = len > 0 && !g_ascii_isspace (text[len - 1]);

  for (guint i = 0; i < n_words; i++)
    {
      g_autofree char *word = g_utf8_normalize (words[i], -1, G_NORMALIZE_NFC);
      g_autofree char *key = dossier_translit_key (word);
      g_autofree char *folded = simple_fold (word);
      gboolean prefix = i == n_words - 1 && last_is_prefix;
      /* the index has O'Neill as two words, o and neill, and holds no
       * phrases (detail=column): only the key, oneil, finds it whole */
      gboolean as_written = !has_apostrophe (word);
      gboolean as_key = *key != '\0';

      if (!has_alnum (word) || !(as_written || as_key))
        continue;
      if (match->len > 0)
        g_string_append (match, " AND ");

      if (as_key && (!as_written || g_str_equal (key, folded)))
        /* the same word either way: one term, in every column */
        append_key (match, key, prefix);
      else if (!as_key)
        {
          g_string_append (match, "{names body} : ");
          append_term (match, word, prefix);
        }
      else
        {
          g_string_append (match, "({names body} : ");
          append_term (match, word, prefix);
          g_string_append (match, " OR {names_key body_key} : ");
          append_key (match, key, prefix);
          g_string_append_c (match, ')');
        }
    }

  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/* Ranking: bm25, as FTS5's own bm25() computes it, except that the weight
 * of a word (its inverse document frequency) counts at most
 * RANK_COUNT_LIMIT rows that hold it. FTS5's bm25() reads every row that
 * holds each word of the query first, to count them: for a word in every
 * event of a large store ("court", or "к" while the person types "Карағанды")
 * that alone takes longer than a frame. Past this many rows a word is common
 * and weighs little either way; the rows found are then ranked as bm25()
 * would rank them, but for the weights of very common words.
 * Registered on each connection as dossier_rank(table, weight, …), with
 * one weight per column; nothing stored in the file depends on it. */

#define RANK_COUNT_LIMIT 1000
#define RANK_K1 1.2
#define RANK_B 0.75

typedef struct
{
  int     n_phrases;
  double  avgdl;   /* tokens in a row, on average */
  double *idf;     /* per phrase */
} RankData;

static void
rank_data_free (void *data)
{
  RankData *rank = data;

  g_free (rank->idf);
  g_free (rank);
}

static int
count_row_cb (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              void                   *user_data)
{
  gint64 *n = user_data;

  return ++*n >= RANK_COUNT_LIMIT ? SQLITE_DONE : SQLITE_OK;
}

static RankData *
rank_data_new (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               int                     *rc)
{
  RankData *rank = g_new0 (RankData, 1);
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;

  rank->n_phrases = api->xPhraseCount (fts);
  rank->idf = g_new0 (double, MAX (rank->n_phrases, 1));
  *rc = api->xRowCount (fts, &n_rows);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  rank->avgdl = n_rows > 0 ? (double) n_tokens / n_rows : 1.0;

  for (int i = 0; *rc == SQLITE_OK && i < rank->n_phrases; i++)
    {
      gint64 n_hits = 0;
      double idf;

      *rc = api->xQueryPhrase (fts, i, &n_hits, count_row_cb);
      idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
      /* as bm25(): a word in most rows still counts a little */
      rank->idf[i] = idf > 1e-6 ? idf : 1e-6;
    }
  if (*rc != SQLITE_OK)
    g_clear_pointer (&rank, rank_data_free);
  return rank;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *ctx,
               int                      n_args,
               sqlite3_value          **args)
{
  RankData *rank = api->xGetAuxdata (fts, 0);
  int n_columns = api->xColumnCount (fts);
  double score = 0.0;
  double norm;
  int row_tokens = 0;
  int rc = SQLITE_OK;

  if (rank == NULL)
    {
      rank = rank_data_new (api, fts, &rc);
      if (rank != NULL)
        rc = api->xSetAuxdata (fts, rank, rank_data_free);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (ctx, rc);
          return;
        }
    }

  rc = api->xColumnSize (fts, -1, &row_tokens);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (ctx, rc);
      return;
    }
  norm = RANK_K1 * (1 - RANK_B + RANK_B * row_tokens / rank->avgdl);

  for (int i = 0; i < rank->n_phrases; i++)
    {
      Fts5PhraseIter iter;
      double weighted = 0.0;
      int column;

      /* the index keeps which columns hold a word, not how often */
      rc = api->xPhraseFirstColumn (fts, i, &iter, &column);
      for (; rc == SQLITE_OK && column >= 0; api->xPhraseNextColumn (fts, &iter, &column))
        weighted += column < MIN (n_args, n_columns) ? sqlite3_value_double (args[column]) : 1.0;
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (ctx, rc);
          return;
        }
      if (weighted > 0)
        score += rank->idf[i] * weighted * (RANK_K1 + 1) / (weighted + norm);
    }

  /* lower is better, as with bm25() */
  sqlite3_result_double (ctx, -score);
}

/**
 * dossier_search_register_rank:
 *
 * Makes dossier_rank() known to FTS5 on @db.
 *
 * Returns: an SQLite result code.
 */
int
dossier_search_register_rank (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  rc = sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;
  return api->xCreateFunction (api, "dossier_rank", NULL, rank_function, NULL);
}
