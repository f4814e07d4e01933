/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include "config.h"

#include "dossier-case.h"
#include "dossier-schema-private.h"

/* The schema, one migration per version. A migration is never edited once
 * released: a change is a new migration appended here, with a fixture of the
 * previous version kept in tests/data/ so the step from it stays tested.
 *
 * The rules of DESIGN.md "Records" live here as constraints, not only in C:
 * whatever writes to the file, a case without a name, an action without a
 * channel or an event without a real date cannot be stored. Each constraint
 * has a name the store turns into a message a person can act on.
 * Columns of a WITHOUT ROWID table come in the order of its primary key:
 * SQLite 3.40's integrity_check misreads NOT NULL columns placed between
 * key columns.
 * Lists of allowed values repeat the ids of app/core/dossier-enums.c; the
 * store test checks that the two agree. */

#define VALID_DATE(col) "date(" col ", '+0 days') IS " col
#define VALID_TIME(col) col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'"
#define JSON_ARRAY(col) "json_valid(" col ") AND json_type(" col ") = 'array'"
#define RECORD_COLUMNS \
  "  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),\n" \
  "  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (" VALID_TIME ("created_at") "),\n" \
  "  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (" VALID_TIME ("updated_at") "),\n"
#define BOOL(col) col " INTEGER NOT NULL DEFAULT 0 CHECK (" col " IN (0, 1))"

static const char migration_1[] =
  "CREATE TABLE cases (\n"
  RECORD_COLUMNS
  "  name TEXT NOT NULL CONSTRAINT case_name_required CHECK (trim(name) <> ''),\n"
  "  country TEXT NOT NULL DEFAULT '',\n"
  "  city TEXT NOT NULL DEFAULT '',\n"
  "  role TEXT NOT NULL DEFAULT '' CONSTRAINT case_role_known CHECK (role IN ('',"
  "    'activist', 'civic-activist', 'human-rights-defender', 'journalist', 'blogger',"
  "    'trade-unionist', 'lawyer', 'politician', 'religious-believer', 'other')),\n"
  "  status TEXT NOT NULL CONSTRAINT case_status_known CHECK (status IN ("
  "    'detained', 'under-investigation', 'on-trial', 'imprisoned', 'restricted-freedom',"
  "    'suspended-sentence', 'forced-psychiatric-treatment', 'exile', 'extradition-risk',"
  "    'released', 'acquitted', 'other')),\n"
  "  summary TEXT NOT NULL DEFAULT '',\n"
  "  " BOOL ("prisoner_of_conscience") ",\n"
  "  health_concerns TEXT NOT NULL DEFAULT '',\n"
  "  sources TEXT NOT NULL DEFAULT '[]' CONSTRAINT case_sources_list CHECK (" JSON_ARRAY ("sources") "),\n"
  "  tags TEXT NOT NULL DEFAULT '[]' CONSTRAINT case_tags_list CHECK (" JSON_ARRAY ("tags") "),\n"
  "  " BOOL ("followed") ",\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  origin TEXT NOT NULL DEFAULT ''\n"
  ") STRICT;\n"
  "CREATE INDEX cases_by_status ON cases (status, name);\n"
  "CREATE INDEX cases_by_name ON cases (name);\n"

  "CREATE TABLE case_names (\n"
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  name TEXT NOT NULL CONSTRAINT case_other_name_required CHECK (trim(name) <> ''),\n"
  "  PRIMARY KEY (case_id, position)\n"
  ") STRICT, WITHOUT ROWID;\n"

  "CREATE TABLE charges (\n"
  RECORD_COLUMNS
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL DEFAULT 0,\n"
  "  code TEXT NOT NULL DEFAULT '',\n"
  "  article TEXT NOT NULL DEFAULT '',\n"
  "  part TEXT NOT NULL DEFAULT '',\n"
  "  description TEXT NOT NULL DEFAULT '',\n"
  "  CONSTRAINT charge_described CHECK (trim(article) <> '' OR trim(description) <> '')\n"
  ") STRICT;\n"
  "CREATE INDEX charges_by_case ON charges (case_id, position);\n"

  "CREATE TABLE case_events (\n"
  RECORD_COLUMNS
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,\n"
  "  kind TEXT NOT NULL CONSTRAINT event_kind_known CHECK (kind IN ("
  "    'arrest', 'search', 'charge', 'preventive-measure', 'hearing', 'verdict', 'sentence',"
  "    'appeal', 'transfer', 'hunger-strike', 'health', 'release', 'recognition', 'other')),\n"
  "  date TEXT NOT NULL CONSTRAINT event_date_valid CHECK (" VALID_DATE ("date") "),\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  text TEXT NOT NULL DEFAULT '',\n"
  "  source TEXT NOT NULL DEFAULT '',\n"
  "  new_status TEXT NOT NULL DEFAULT '' CONSTRAINT event_status_known CHECK (new_status IN ('',"
  "    'detained', 'under-investigation', 'on-trial', 'imprisoned', 'restricted-freedom',"
  "    'suspended-sentence', 'forced-psychiatric-treatment', 'exile', 'extradition-risk',"
  "    'released', 'acquitted', 'other')),\n"
  "  origin TEXT NOT NULL DEFAULT ''\n"
  ") STRICT;\n"
  "CREATE INDEX case_events_by_case ON case_events (case_id, date);\n"
  "CREATE INDEX case_events_by_date ON case_events (date);\n"

  "CREATE TABLE targets (\n"
  RECORD_COLUMNS
  "  name TEXT NOT NULL CONSTRAINT target_name_required CHECK (trim(name) <> ''),\n"
  "  office TEXT NOT NULL DEFAULT '',\n"
  "  organisation TEXT NOT NULL DEFAULT '',\n"
  "  address TEXT NOT NULL DEFAULT '',\n"
  "  email TEXT NOT NULL DEFAULT '' CONSTRAINT target_email_valid CHECK (email = '' OR email LIKE '%_@_%'),\n"
  "  phone TEXT NOT NULL DEFAULT '',\n"
  "  web_form TEXT NOT NULL DEFAULT '',\n"
  "  salutation TEXT NOT NULL DEFAULT '',\n"
  "  language TEXT NOT NULL DEFAULT '',\n"
  "  country TEXT NOT NULL DEFAULT '',\n"
  "  origin TEXT NOT NULL DEFAULT ''\n"
  ") STRICT;\n"
  "CREATE INDEX targets_by_name ON targets (name);\n"

  "CREATE TABLE urgent_actions (\n"
  RECORD_COLUMNS
  "  reference TEXT NOT NULL CONSTRAINT ua_reference_required CHECK (trim(reference) <> ''),\n"
  "  ua_index TEXT NOT NULL DEFAULT '',\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  issued TEXT CONSTRAINT ua_issued_valid CHECK (issued IS NULL OR " VALID_DATE ("issued") "),\n"
  "  deadline TEXT CONSTRAINT ua_deadline_valid CHECK (deadline IS NULL OR " VALID_DATE ("deadline") "),\n"
  "  status TEXT NOT NULL CONSTRAINT ua_status_known CHECK (status IN ('open', 'closed', 'follow-up')),\n"
  "  follows_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,\n"
  "  key_points TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_key_points_list CHECK (" JSON_ARRAY ("key_points") "),\n"
  "  languages TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_languages_list CHECK (" JSON_ARRAY ("languages") "),\n"
  "  documents TEXT CONSTRAINT ua_documents_object CHECK (documents IS NULL OR"
  "    (json_valid(documents) AND json_type(documents) = 'object')),\n"
  "  posts TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_posts_list CHECK (" JSON_ARRAY ("posts") "),\n"
  "  hashtags TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_hashtags_list CHECK (" JSON_ARRAY ("hashtags") "),\n"
  "  goal INTEGER NOT NULL DEFAULT 0 CONSTRAINT ua_goal_positive CHECK (goal >= 0),\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  origin TEXT NOT NULL DEFAULT '',\n"
  "  CONSTRAINT ua_reference_unique UNIQUE (reference),\n"
  "  CONSTRAINT ua_deadline_after_issued CHECK (issued IS NULL OR deadline IS NULL OR deadline >= issued)\n"
  ") STRICT;\n"
  "CREATE INDEX urgent_actions_by_deadline ON urgent_actions (status, deadline);\n"
  "CREATE INDEX urgent_actions_by_follows ON urgent_actions (follows_id);\n"

  "CREATE TABLE ua_cases (\n"
  "  ua_id TEXT NOT NULL REFERENCES urgent_actions (id) ON DELETE CASCADE,\n"
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  PRIMARY KEY (ua_id, case_id)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE INDEX ua_cases_by_case ON ua_cases (case_id);\n"

  "CREATE TABLE ua_targets (\n"
  "  ua_id TEXT NOT NULL REFERENCES urgent_actions (id) ON DELETE CASCADE,\n"
  "  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  PRIMARY KEY (ua_id, target_id)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE INDEX ua_targets_by_target ON ua_targets (target_id);\n"

  "CREATE TABLE actions (\n"
  RECORD_COLUMNS
  /* a volunteer's record outlives the UA it was for */
  "  ua_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,\n"
  "  target_id TEXT REFERENCES targets (id) ON DELETE SET NULL,\n"
  "  channel TEXT NOT NULL CONSTRAINT action_channel_known CHECK (channel IN ("
  "    'letter', 'email', 'fax', 'phone', 'social-media', 'petition', 'solidarity-card', 'meeting')),\n"
  "  date TEXT NOT NULL CONSTRAINT action_date_valid CHECK (" VALID_DATE ("date") "),\n"
  "  volunteer TEXT NOT NULL DEFAULT '',\n"
  "  volunteer_group TEXT NOT NULL DEFAULT '',\n"
  "  " BOOL ("mine") ",\n"
  "  state TEXT NOT NULL CONSTRAINT action_state_known CHECK (state IN ('drafted', 'sent', 'replied', 'returned')),\n"
  "  reply_text TEXT NOT NULL DEFAULT '',\n"
  "  reply_date TEXT CONSTRAINT action_reply_date_valid CHECK (reply_date IS NULL OR " VALID_DATE ("reply_date") "),\n"
  "  cost REAL NOT NULL DEFAULT 0 CONSTRAINT action_cost_positive CHECK (cost >= 0),\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  letter_text TEXT NOT NULL DEFAULT '',\n"
  "  signature TEXT NOT NULL DEFAULT 'full-name' CONSTRAINT action_signature_known CHECK (signature IN ("
  "    'full-name', 'initials', 'pseudonym', 'group'))\n"
  ") STRICT;\n"
  "CREATE INDEX actions_by_date ON actions (date);\n"
  "CREATE INDEX actions_by_ua ON actions (ua_id, date);\n"
  "CREATE INDEX actions_mine ON actions (mine, date);\n"
  "CREATE INDEX actions_by_target ON actions (target_id);\n"

  "CREATE TABLE feeds (\n"
  RECORD_COLUMNS
  "  url TEXT NOT NULL CONSTRAINT feed_url_valid CHECK (url LIKE 'http://_%' OR url LIKE 'https://_%'),\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  format TEXT NOT NULL DEFAULT 'json' CONSTRAINT feed_format_known CHECK (format IN ('json', 'rss', 'atom')),\n"
  "  refresh_interval INTEGER NOT NULL DEFAULT 60 CONSTRAINT feed_interval_positive CHECK (refresh_interval >= 0),\n"
  "  " BOOL ("enabled") ",\n"
  "  " BOOL ("allow_http") ",\n"
  "  last_fetch TEXT CONSTRAINT feed_last_fetch_valid CHECK (last_fetch IS NULL OR " VALID_TIME ("last_fetch") "),\n"
  "  last_result TEXT NOT NULL DEFAULT '',\n"
  "  etag TEXT NOT NULL DEFAULT '',\n"
  "  last_modified TEXT NOT NULL DEFAULT '',\n"
  "  failures INTEGER NOT NULL DEFAULT 0 CONSTRAINT feed_failures_positive CHECK (failures >= 0),\n"
  "  proxy TEXT NOT NULL DEFAULT 'system' CONSTRAINT feed_proxy_known CHECK (proxy IN ('system', 'none', 'custom')),\n"
  "  CONSTRAINT feed_url_unique UNIQUE (url)\n"
  ") STRICT;\n"

  "CREATE TABLE feed_items (\n"
  RECORD_COLUMNS
  "  feed_id TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,\n"
  "  guid TEXT NOT NULL CONSTRAINT feed_item_guid_required CHECK (guid <> ''),\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  link TEXT NOT NULL DEFAULT '',\n"
  "  published TEXT CONSTRAINT feed_item_published_valid CHECK (published IS NULL OR " VALID_TIME ("published") "),\n"
  "  modified TEXT CONSTRAINT feed_item_modified_valid CHECK (modified IS NULL OR " VALID_TIME ("modified") "),\n"
  "  content TEXT NOT NULL DEFAULT '',\n"
  "  " BOOL ("read") ",\n"
  "  " BOOL ("starred") ",\n"
  "  case_id TEXT REFERENCES cases (id) ON DELETE SET NULL,\n"
  "  ua_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,\n"
  "  CONSTRAINT feed_item_guid_unique UNIQUE (feed_id, guid)\n"
  ") STRICT;\n"
  "CREATE INDEX feed_items_by_published ON feed_items (published);\n"
  "CREATE INDEX feed_items_unread ON feed_items (read, published);\n"
  "CREATE INDEX feed_items_by_case ON feed_items (case_id);\n"
  "CREATE INDEX feed_items_by_ua ON feed_items (ua_id);\n"
  /* marks the file as Dossier's: see DOSSIER_STORE_APPLICATION_ID */
  "PRAGMA application_id = 1148154739;\n";

/* Version 2: the search index, one per kind that is searched.
 *
 * The documents are written by the store from C (dossier-search.c: the
 * text of a record and its search key, which needs code no SQL function
 * has), into a table of their own. An FTS5 index with that table as its
 * external content follows it through triggers, which are plain SQL: any
 * program that opens the file with the sqlite3 library can still write to
 * it. A document belongs to its record, so deleting a record, or the case
 * or feed whose deletion cascades to it, deletes its document, and the
 * trigger takes it out of the index, in the same statement.
 * Each kind has an index of its own so that ranking (bm25) weighs words
 * against records of the same kind, and a query reads only the kind it
 * asks for. The index keeps in which columns a word is, not where
 * (detail=column: half the size, and search asks for words, never
 * phrases), and every prefix of up to 8 letters of every word, so that
 * a prefix query reads one list of rows instead of merging those of every
 * word it starts (DOSSIER_SEARCH_PREFIX_MAX).
 *
 * The migration runs in three steps in one transaction: this SQL creates
 * the tables; the store writes the document of every record there is
 * (dossier_schema_migration_indexes()); then the finishing SQL builds each
 * index in one pass and only then adds the triggers. FTS5 writes out what
 * it holds in memory at every statement that could be rolled back alone,
 * so filling the index through the triggers, one record at a time, would
 * take minutes on a large store instead of seconds. */
#define SEARCH_DOCS(table) \
  "CREATE TABLE search_" table "_docs (\n" \
  "  docid INTEGER PRIMARY KEY,\n" \
  "  record_id TEXT NOT NULL UNIQUE REFERENCES " table " (id) ON DELETE CASCADE,\n" \
  "  title TEXT NOT NULL DEFAULT '',\n" \
  "  subtitle TEXT NOT NULL DEFAULT '',\n" \
  "  names TEXT NOT NULL DEFAULT '',\n" \
  "  body TEXT NOT NULL DEFAULT '',\n" \
  "  names_key TEXT NOT NULL DEFAULT '',\n" \
  "  body_key TEXT NOT NULL DEFAULT ''\n" \
  ") STRICT;\n" \
  "CREATE VIRTUAL TABLE search_" table " USING fts5 (names, body, names_key, body_key,\n" \
  "  content = 'search_" table "_docs', content_rowid = 'docid',\n" \
  "  tokenize = 'unicode61 remove_diacritics 2', detail = column,\n" \
  "  prefix = '1 2 3 4 5 6 7 8');\n"

#define SEARCH_INDEX(table) \
  "INSERT INTO search_" table " (search_" table ") VALUES ('rebuild');\n" \
  "CREATE TRIGGER search_" table "_added AFTER INSERT ON search_" table "_docs BEGIN\n" \
  "  INSERT INTO search_" table " (rowid, names, body, names_key, body_key)\n" \
  "    VALUES (new.docid, new.names, new.body, new.names_key, new.body_key);\n" \
  "END;\n" \
  "CREATE TRIGGER search_" table "_removed AFTER DELETE ON search_" table "_docs BEGIN\n" \
  "  INSERT INTO search_" table " (search_" table ", rowid, names, body, names_key, body_key)\n" \
  "    VALUES ('delete', old.docid, old.names, old.body, old.names_key, old.body_key);\n" \
  "END;\n" \
  "CREATE TRIGGER search_" table "_changed AFTER UPDATE ON search_" table "_docs BEGIN\n" \
  "  INSERT INTO search_" table " (search_" table ", rowid, names, body, names_key, body_key)\n" \
  "    VALUES ('delete', old.docid, old.names, old.body, old.names_key, old.body_key);\n" \
  "  INSERT INTO search_" table " (rowid, names, body, names_key, body_key)\n" \
  "    VALUES (new.docid, new.names, new.body, new.names_key, new.body_key);\n" \
  "END;\n"

static const char migration_2[] =
  SEARCH_DOCS ("cases")
  SEARCH_DOCS ("urgent_actions")
  SEARCH_DOCS ("targets")
  SEARCH_DOCS ("case_events")
  SEARCH_DOCS ("feed_items");

static const char migration_2_finish[] =
  SEARCH_INDEX ("cases")
  SEARCH_INDEX ("urgent_actions")
  SEARCH_INDEX ("targets")
  SEARCH_INDEX ("case_events")
  SEARCH_INDEX ("feed_items");

/* Version 3: what a UA's row and My Actions count, by channel, read from
 * covering indexes alone: 2 ms for a UA with 20,000 actions and 12 ms for
 * 100,000 of one's own, instead of 76 and 220 ms through the table. */
static const char migration_3[] =
  "CREATE INDEX actions_ua_channels ON actions (ua_id, channel, state);\n"
  "CREATE INDEX actions_mine_channels ON actions (mine, channel, state, date);\n";

/* Version 4: two things that keep the store whole and fast as it grows.
 *
 * The key of a UA's reference (dossier_reference_key(): spacing and case
 * folded), unique: "ua 065/20" can no longer stand beside "UA 065/20", nor
 * be taken for it. Only C computes it, so the store fills it for every UA
 * (DOSSIER_SCHEMA_STEP_REFERENCE_KEYS) before the index is made; should two
 * UAs already share a key, the later one keeps none and `dossier check`
 * names them.
 *
 * Tallies: the number of rows of the two tables that grow without end,
 * and of the subsets the window counts at every start (one's own actions,
 * unread updates), kept by triggers as rows come and go, so that counting
 * them reads one row instead of a million (32 ms). Plain SQL, like the
 * search triggers: any program writing to the file keeps them right. */
#define TALLY_TRIGGERS(table, column, name, counted) \
  "CREATE TRIGGER tally_" table "_added AFTER INSERT ON " table " BEGIN\n" \
  "  UPDATE tallies SET n = n + 1 WHERE name = '" table "';\n" \
  "  UPDATE tallies SET n = n + 1 WHERE name = '" name "' AND new." column " = " counted ";\n" \
  "END;\n" \
  "CREATE TRIGGER tally_" table "_removed AFTER DELETE ON " table " BEGIN\n" \
  "  UPDATE tallies SET n = n - 1 WHERE name = '" table "';\n" \
  "  UPDATE tallies SET n = n - 1 WHERE name = '" name "' AND old." column " = " counted ";\n" \
  "END;\n" \
  "CREATE TRIGGER tally_" table "_" column " AFTER UPDATE OF " column " ON " table \
  "  WHEN (old." column " = " counted ") IS NOT (new." column " = " counted ") BEGIN\n" \
  "  UPDATE tallies SET n = n + (CASE WHEN new." column " = " counted " THEN 1 ELSE -1 END)" \
  "    WHERE name = '" name "';\n" \
  "END;\n"

/* Version 4, also: the search index can be brought up to date once per
 * import instead of once per record. FTS5 writes out what it holds at
 * every statement that writes to it (a trigger's insert included), so an
 * import of 50,000 records wrote 50,000 tiny segments and merged them:
 * two thirds of its time. While search_state.deferred is 1 — only ever
 * inside one of Dossier's bulk transactions, which sets it back before
 * committing — the triggers of added and changed documents stand aside;
 * the store then indexes what the transaction wrote in one statement per
 * kind (dossier-store.c, flush_search_index()). Removals stay immediate. */
#define SEARCH_TRIGGERS_DEFERRABLE(table) \
  "DROP TRIGGER search_" table "_added;\n" \
  "DROP TRIGGER search_" table "_changed;\n" \
  "CREATE TRIGGER search_" table "_added AFTER INSERT ON search_" table "_docs\n" \
  "  WHEN (SELECT deferred FROM search_state) = 0 BEGIN\n" \
  "  INSERT INTO search_" table " (rowid, names, body, names_key, body_key)\n" \
  "    VALUES (new.docid, new.names, new.body, new.names_key, new.body_key);\n" \
  "END;\n" \
  "CREATE TRIGGER search_" table "_changed AFTER UPDATE ON search_" table "_docs\n" \
  "  WHEN (SELECT deferred FROM search_state) = 0 BEGIN\n" \
  "  INSERT INTO search_" table " (search_" table ", rowid, names, body, names_key, body_key)\n" \
  "    VALUES ('delete', old.docid, old.names, old.body, old.names_key, old.body_key);\n" \
  "  INSERT INTO search_" table " (rowid, names, body, names_key, body_key)\n" \
  "    VALUES (new.docid, new.names, new.body, new.names_key, new.body_key);\n" \
  "END;\n"

static const char migration_4[] =
  "CREATE TABLE search_state (\n"
  "  deferred INTEGER NOT NULL CHECK (deferred IN (0, 1))\n"
  ") STRICT;\n"
  "INSERT INTO search_state (deferred) VALUES (0);\n"
  SEARCH_TRIGGERS_DEFERRABLE ("cases")
  SEARCH_TRIGGERS_DEFERRABLE ("urgent_actions")
  SEARCH_TRIGGERS_DEFERRABLE ("targets")
  SEARCH_TRIGGERS_DEFERRABLE ("case_events")
  SEARCH_TRIGGERS_DEFERRABLE ("feed_items")
  "ALTER TABLE urgent_actions ADD COLUMN reference_key TEXT;\n"
  "CREATE TABLE tallies (\n"
  "  name TEXT PRIMARY KEY NOT NULL,\n"
  "  n INTEGER NOT NULL\n"
  ") STRICT, WITHOUT ROWID;\n"
  "INSERT INTO tallies (name, n) VALUES\n"
  "  ('actions', (SELECT count(*) FROM actions)),\n"
  "  ('actions:mine', (SELECT count(*) FROM actions WHERE mine = 1)),\n"
  "  ('feed_items', (SELECT count(*) FROM feed_items)),\n"
  "  ('feed_items:unread', (SELECT count(*) FROM feed_items WHERE read = 0));\n"
  TALLY_TRIGGERS ("actions", "mine", "actions:mine", "1")
  TALLY_TRIGGERS ("feed_items", "read", "feed_items:unread", "0");

static const char migration_4_finish[] =
  "CREATE UNIQUE INDEX urgent_actions_by_key ON urgent_actions (reference_key);\n";

/* Version 5: what fetching feeds needs.
 *
 * A feed's next fetch (the schedule survives a restart, and backs off
 * after failures) and its own proxy when it has one. A feed may also be
 * an imported campaign file's news, which has no address and is never
 * fetched: it is known by its title, and its address is empty. That
 * changes the address's check and uniqueness, which SQLite can only do by
 * copying the table (https://sqlite.org/lang_altertable.html, "Making
 * Other Kinds Of Table Schema Changes"); the store turns foreign keys off
 * for it and checks feed_items' references before committing.
 *
 * The number of each feed's items and unread items, kept by triggers as
 * feed_tallies, so that the Feeds section reads two numbers per feed
 * instead of counting 100,000 items. */
static const char migration_5[] =
  "CREATE TABLE feeds_v5 (\n"
  RECORD_COLUMNS
  "  url TEXT NOT NULL DEFAULT '' CONSTRAINT feed_url_valid CHECK ("
  "    url = '' OR url LIKE 'http://_%' OR url LIKE 'https://_%'),\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  format TEXT NOT NULL DEFAULT 'json' CONSTRAINT feed_format_known CHECK (format IN ('json', 'rss', 'atom')),\n"
  "  refresh_interval INTEGER NOT NULL DEFAULT 0 CONSTRAINT feed_interval_positive CHECK (refresh_interval >= 0),\n"
  "  " BOOL ("enabled") ",\n"
  "  " BOOL ("allow_http") ",\n"
  "  last_fetch TEXT CONSTRAINT feed_last_fetch_valid CHECK (last_fetch IS NULL OR " VALID_TIME ("last_fetch") "),\n"
  "  last_result TEXT NOT NULL DEFAULT '',\n"
  "  etag TEXT NOT NULL DEFAULT '',\n"
  "  last_modified TEXT NOT NULL DEFAULT '',\n"
  "  failures INTEGER NOT NULL DEFAULT 0 CONSTRAINT feed_failures_positive CHECK (failures >= 0),\n"
  "  proxy TEXT NOT NULL DEFAULT 'system' CONSTRAINT feed_proxy_known CHECK (proxy IN ('system', 'none', 'custom')),\n"
  "  next_fetch TEXT CONSTRAINT feed_next_fetch_valid CHECK (next_fetch IS NULL OR " VALID_TIME ("next_fetch") "),\n"
  "  proxy_url TEXT NOT NULL DEFAULT '',\n"
  "  CONSTRAINT feed_file_titled CHECK (url <> '' OR trim(title) <> '')\n"
  ") STRICT;\n"
  "INSERT INTO feeds_v5 (id, created_at, updated_at, url, title, format, refresh_interval, enabled,"
  "    allow_http, last_fetch, last_result, etag, last_modified, failures, proxy)\n"
  "  SELECT id, created_at, updated_at, url, title, format, refresh_interval, enabled,"
  "    allow_http, last_fetch, last_result, etag, last_modified, failures, proxy FROM feeds;\n"
  "DROP TABLE feeds;\n"
  "ALTER TABLE feeds_v5 RENAME TO feeds;\n"
  "CREATE UNIQUE INDEX feeds_by_url ON feeds (url) WHERE url <> '';\n"
  "CREATE UNIQUE INDEX feeds_files_by_title ON feeds (title) WHERE url = '';\n"
  "CREATE INDEX feed_items_by_feed ON feed_items (feed_id, read, published);\n"
  "CREATE TABLE feed_tallies (\n"
  "  feed_id TEXT PRIMARY KEY NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,\n"
  "  items INTEGER NOT NULL DEFAULT 0,\n"
  "  unread INTEGER NOT NULL DEFAULT 0\n"
  ") STRICT, WITHOUT ROWID;\n"
  "INSERT INTO feed_tallies (feed_id, items, unread)\n"
  "  SELECT id, (SELECT count(*) FROM feed_items WHERE feed_id = feeds.id),"
  "    (SELECT count(*) FROM feed_items WHERE feed_id = feeds.id AND read = 0) FROM feeds;\n"
  "CREATE TRIGGER feed_tally_feed_added AFTER INSERT ON feeds BEGIN\n"
  "  INSERT OR IGNORE INTO feed_tallies (feed_id) VALUES (new.id);\n"
  "END;\n"
  "CREATE TRIGGER feed_tally_item_added AFTER INSERT ON feed_items BEGIN\n"
  "  UPDATE feed_tallies SET items = items + 1, unread = unread + (new.read = 0)"
  "    WHERE feed_id = new.feed_id;\n"
  "END;\n"
  "CREATE TRIGGER feed_tally_item_removed AFTER DELETE ON feed_items BEGIN\n"
  "  UPDATE feed_tallies SET items = items - 1, unread = unread - (old.read = 0)"
  "    WHERE feed_id = old.feed_id;\n"
  "END;\n"
  "CREATE TRIGGER feed_tally_item_changed AFTER UPDATE OF feed_id, read ON feed_items\n"
  "  WHEN old.feed_id IS NOT new.feed_id OR old.read IS NOT new.read BEGIN\n"
  "  UPDATE feed_tallies SET items = items - 1, unread = unread - (old.read = 0)"
  "    WHERE feed_id = old.feed_id;\n"
  "  UPDATE feed_tallies SET items = items + 1, unread = unread + (new.read = 0)"
  "    WHERE feed_id = new.feed_id;\n"
  "END;\n";

/* Version 6: the urgent actions a volunteer acted on (the choices of My
 * Actions' filter) come from an index of (mine, ua_id) alone, not from
 * reading every one of their actions: 830 ms → 10 ms for 99,520 actions.
 *
 * And the actions are counted per UA, mine or not, channel and state in
 * action_tallies, kept by triggers, so that a UA's page and row say "3
 * letters, 1 email" from a few rows instead of counting the UA's actions
 * (5 s for a UA of 141,337 actions with a cold cache). An action whose UA
 * was deleted counts under ''. Rows that fall to 0 stay. */
static const char migration_6[] =
  "CREATE INDEX actions_mine_ua ON actions (mine, ua_id);\n"
  /* the composer's draft for a UA and target: of the few drafts, not of
   * all the UA's actions (300 ms for a UA of 141,337) */
  "CREATE INDEX actions_drafts ON actions (ua_id, target_id, date) WHERE mine = 1 AND state = 'drafted';\n"
  /* the Cases list in the reports' order of statuses, then by name: read
   * from an index, not sorted anew for every page (9 ms a page of 10,000
   * cases); the expression is the one the store's queries write */
  "CREATE INDEX cases_by_report_order ON cases (coalesce(nullif(instr(',"
  /* the order of version 6; version 8 adds two statuses */
  "imprisoned,suspended-sentence,restricted-freedom,forced-psychiatric-treatment,"
  "under-investigation,on-trial,detained,extradition-risk,exile,released,acquitted,other"
  ",', ',' || status || ','), 0), 1000000), name);\n"
  "CREATE TABLE action_tallies (\n"
  "  ua_id TEXT NOT NULL,\n"
  "  mine INTEGER NOT NULL,\n"
  "  channel TEXT NOT NULL,\n"
  "  state TEXT NOT NULL,\n"
  "  n INTEGER NOT NULL DEFAULT 0,\n"
  "  PRIMARY KEY (ua_id, mine, channel, state)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "INSERT INTO action_tallies (ua_id, mine, channel, state, n)\n"
  "  SELECT coalesce(ua_id, ''), mine, channel, state, count(*) FROM actions GROUP BY 1, 2, 3, 4;\n"
  "CREATE TRIGGER action_tally_added AFTER INSERT ON actions BEGIN\n"
  "  INSERT INTO action_tallies (ua_id, mine, channel, state, n)\n"
  "    VALUES (coalesce(new.ua_id, ''), new.mine, new.channel, new.state, 1)\n"
  "    ON CONFLICT DO UPDATE SET n = n + 1;\n"
  "END;\n"
  "CREATE TRIGGER action_tally_removed AFTER DELETE ON actions BEGIN\n"
  "  UPDATE action_tallies SET n = n - 1 WHERE ua_id = coalesce(old.ua_id, '') AND mine = old.mine\n"
  "    AND channel = old.channel AND state = old.state;\n"
  "END;\n"
  "CREATE TRIGGER action_tally_changed AFTER UPDATE OF ua_id, mine, channel, state ON actions\n"
  "  WHEN old.ua_id IS NOT new.ua_id OR old.mine IS NOT new.mine OR old.channel IS NOT new.channel\n"
  "    OR old.state IS NOT new.state BEGIN\n"
  "  UPDATE action_tallies SET n = n - 1 WHERE ua_id = coalesce(old.ua_id, '') AND mine = old.mine\n"
  "    AND channel = old.channel AND state = old.state;\n"
  "  INSERT INTO action_tallies (ua_id, mine, channel, state, n)\n"
  "    VALUES (coalesce(new.ua_id, ''), new.mine, new.channel, new.state, 1)\n"
  "    ON CONFLICT DO UPDATE SET n = n + 1;\n"
  "END;\n";

/* Version 7: the language an urgent action's title and key points
 * are written in (BCP 47, as the campaign format's language codes: "en",
 * "kk", "pt-BR"). A letter in another language cannot quote the asks as
 * they are without saying so; '' is a UA from before, read as English. */
#define LANGUAGE_CODE(col) \
  col " = '' OR ((" col " GLOB '[a-z][a-z]' OR " col " GLOB '[a-z][a-z][a-z]'" \
  " OR " col " GLOB '[a-z][a-z]-[A-Za-z0-9]*' OR " col " GLOB '[a-z][a-z][a-z]-[A-Za-z0-9]*')" \
  " AND " col " NOT GLOB '*[^A-Za-z0-9-]*' AND " col " NOT GLOB '*-' AND " col " NOT GLOB '*--*')"

static const char migration_7[] =
  "ALTER TABLE urgent_actions ADD COLUMN language TEXT NOT NULL DEFAULT ''"
  " CONSTRAINT ua_language_code CHECK (" LANGUAGE_CODE ("language") ");\n";

/* Version 8: records in several languages, and what the sources of a
 * campaign say that the records could not hold.
 *
 * - "translations" on cases, charges, targets and urgent actions: a JSON
 *   object, language code → that record's texts in that language
 *   (app/core/dossier-translations.h);
 * - two case statuses the NGO reports group cases by: "prosecution
 *   continues" and "at risk abroad". A CHECK cannot be changed in place,
 *   so cases and case_events are copied into tables that allow them;
 * - a target's fax, social-media handles, the years (as far as known) its
 *   person held the office, and the sources of what it says;
 * - an urgent action's kind (an appeal of a report has no UA number), a
 *   summary and its sources. */
#define CASE_STATUSES_V8 \
  "'detained', 'under-investigation', 'on-trial', 'imprisoned', 'restricted-freedom'," \
  "    'suspended-sentence', 'forced-psychiatric-treatment', 'prosecution-continues', 'exile'," \
  "    'extradition-risk', 'at-risk-abroad', 'released', 'acquitted', 'other'"
#define JSON_OBJECT_OR_NULL(col) \
  col " IS NULL OR (json_valid(" col ") AND json_type(" col ") = 'object')"
#define PARTIAL_DATE(col) \
  col " = '' OR (length(" col ") = 4 AND " col " GLOB '[0-9][0-9][0-9][0-9]')" \
  " OR (length(" col ") = 7 AND date(" col " || '-01', '+0 days') IS " col " || '-01')" \
  " OR (" VALID_DATE (col) ")"

static const char migration_8[] =
  "CREATE TABLE cases_v8 (\n"
  RECORD_COLUMNS
  "  name TEXT NOT NULL CONSTRAINT case_name_required CHECK (trim(name) <> ''),\n"
  "  country TEXT NOT NULL DEFAULT '',\n"
  "  city TEXT NOT NULL DEFAULT '',\n"
  "  role TEXT NOT NULL DEFAULT '' CONSTRAINT case_role_known CHECK (role IN ('',"
  "    'activist', 'civic-activist', 'human-rights-defender', 'journalist', 'blogger',"
  "    'trade-unionist', 'lawyer', 'politician', 'religious-believer', 'other')),\n"
  "  status TEXT NOT NULL CONSTRAINT case_status_known CHECK (status IN (" CASE_STATUSES_V8 ")),\n"
  "  summary TEXT NOT NULL DEFAULT '',\n"
  "  " BOOL ("prisoner_of_conscience") ",\n"
  "  health_concerns TEXT NOT NULL DEFAULT '',\n"
  "  sources TEXT NOT NULL DEFAULT '[]' CONSTRAINT case_sources_list CHECK (" JSON_ARRAY ("sources") "),\n"
  "  tags TEXT NOT NULL DEFAULT '[]' CONSTRAINT case_tags_list CHECK (" JSON_ARRAY ("tags") "),\n"
  "  " BOOL ("followed") ",\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  origin TEXT NOT NULL DEFAULT '',\n"
  "  translations TEXT CONSTRAINT case_translations_object CHECK (" JSON_OBJECT_OR_NULL ("translations") ")\n"
  ") STRICT;\n"
  "INSERT INTO cases_v8 (id, created_at, updated_at, name, country, city, role, status, summary,"
  "    prisoner_of_conscience, health_concerns, sources, tags, followed, notes, origin)\n"
  "  SELECT id, created_at, updated_at, name, country, city, role, status, summary,"
  "    prisoner_of_conscience, health_concerns, sources, tags, followed, notes, origin FROM cases;\n"
  "DROP TABLE cases;\n"
  "ALTER TABLE cases_v8 RENAME TO cases;\n"
  "CREATE INDEX cases_by_status ON cases (status, name);\n"
  "CREATE INDEX cases_by_name ON cases (name);\n"
  "CREATE INDEX cases_by_report_order ON cases (coalesce(nullif(instr(',"
  DOSSIER_CASE_REPORT_ORDER_LIST ",', ',' || status || ','), 0), 1000000), name);\n"

  "CREATE TABLE case_events_v8 (\n"
  RECORD_COLUMNS
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,\n"
  "  kind TEXT NOT NULL CONSTRAINT event_kind_known CHECK (kind IN ("
  "    'arrest', 'search', 'charge', 'preventive-measure', 'hearing', 'verdict', 'sentence',"
  "    'appeal', 'transfer', 'hunger-strike', 'health', 'release', 'recognition', 'other')),\n"
  "  date TEXT NOT NULL CONSTRAINT event_date_valid CHECK (" VALID_DATE ("date") "),\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  text TEXT NOT NULL DEFAULT '',\n"
  "  source TEXT NOT NULL DEFAULT '',\n"
  "  new_status TEXT NOT NULL DEFAULT '' CONSTRAINT event_status_known CHECK (new_status IN ('',"
  "    " CASE_STATUSES_V8 ")),\n"
  "  origin TEXT NOT NULL DEFAULT ''\n"
  ") STRICT;\n"
  "INSERT INTO case_events_v8 (id, created_at, updated_at, case_id, kind, date, title, text, source,"
  "    new_status, origin)\n"
  "  SELECT id, created_at, updated_at, case_id, kind, date, title, text, source, new_status, origin"
  "  FROM case_events;\n"
  "DROP TABLE case_events;\n"
  "ALTER TABLE case_events_v8 RENAME TO case_events;\n"
  "CREATE INDEX case_events_by_case ON case_events (case_id, date);\n"
  "CREATE INDEX case_events_by_date ON case_events (date);\n"

  "ALTER TABLE charges ADD COLUMN translations TEXT"
  " CONSTRAINT charge_translations_object CHECK (" JSON_OBJECT_OR_NULL ("translations") ");\n"
  "ALTER TABLE targets ADD COLUMN fax TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE targets ADD COLUMN handles TEXT NOT NULL DEFAULT '[]'"
  " CONSTRAINT target_handles_list CHECK (" JSON_ARRAY ("handles") ");\n"
  "ALTER TABLE targets ADD COLUMN held_from TEXT NOT NULL DEFAULT ''"
  " CONSTRAINT target_held_from_valid CHECK (" PARTIAL_DATE ("held_from") ");\n"
  "ALTER TABLE targets ADD COLUMN held_to TEXT NOT NULL DEFAULT ''"
  " CONSTRAINT target_held_to_valid CHECK (" PARTIAL_DATE ("held_to") ");\n"
  "ALTER TABLE targets ADD COLUMN sources TEXT NOT NULL DEFAULT '[]'"
  " CONSTRAINT target_sources_list CHECK (" JSON_ARRAY ("sources") ");\n"
  "ALTER TABLE targets ADD COLUMN translations TEXT"
  " CONSTRAINT target_translations_object CHECK (" JSON_OBJECT_OR_NULL ("translations") ");\n"
  "ALTER TABLE urgent_actions ADD COLUMN kind TEXT NOT NULL DEFAULT 'urgent-action'"
  " CONSTRAINT ua_kind_known CHECK (kind IN ('urgent-action', 'appeal'));\n"
  "ALTER TABLE urgent_actions ADD COLUMN summary TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE urgent_actions ADD COLUMN sources TEXT NOT NULL DEFAULT '[]'"
  " CONSTRAINT ua_sources_list CHECK (" JSON_ARRAY ("sources") ");\n"
  "ALTER TABLE urgent_actions ADD COLUMN translations TEXT"
  " CONSTRAINT ua_translations_object CHECK (" JSON_OBJECT_OR_NULL ("translations") ");\n";

/* Version 9: a case's and a target's country is an ISO 3166-1 alpha-2
 * code ("KZ"), named in the window's language; the store converts the
 * values that name a country from C (dossier-store-migrate.c,
 * convert_country_codes()) and keeps the others as they were typed. The
 * Cases list filters by country and lists the countries of its cases:
 * from an index, now that a country is one of a few hundred values. */
static const char migration_9[] =
  "CREATE INDEX cases_by_country ON cases (country);\n";

/* Version 10: the states an action went through, for its page: a row
 * each time it is logged or its state changes (drafted, sent, replied,
 * returned), written by triggers so that every writer keeps it. When
 * the store wrote it is the action's updated_at then. An action from
 * before has its present state, as of its last change. The rows go with
 * the action. */
static const char migration_10[] =
  "CREATE TABLE action_states (\n"
  "  action_id TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,\n"
  "  at TEXT NOT NULL,\n"
  "  state TEXT NOT NULL\n"
  ") STRICT;\n"
  "CREATE INDEX action_states_by_action ON action_states (action_id, at);\n"
  "INSERT INTO action_states (action_id, at, state) SELECT id, updated_at, state FROM actions;\n"
  "CREATE TRIGGER action_state_logged AFTER INSERT ON actions BEGIN\n"
  "  INSERT INTO action_states (action_id, at, state) VALUES (new.id, new.updated_at, new.state);\n"
  "END;\n"
  "CREATE TRIGGER action_state_changed AFTER UPDATE OF state ON actions\n"
  "  WHEN old.state IS NOT new.state BEGIN\n"
  "  INSERT INTO action_states (action_id, at, state) VALUES (new.id, new.updated_at, new.state);\n"
  "END;\n";

/* Version 11: signed feeds. A feed may pin the public key its updates
 * must be signed with (minisign's format: app/core/dossier-minisign.h):
 * "signed" once the volunteer gave the key or trusted the one the
 * campaign's file named; "pending" while that key waits for the
 * volunteer to trust it (nothing of the feed is applied meanwhile);
 * "unsigned" otherwise, shown as such. key_origin says where the key
 * came from; next_public_key is a key an update signed with the pinned
 * one announced, accepted too until an update signed with it replaces
 * the pinned one. signed_at is the time in the trusted comment of the
 * last applied update (Unix time): an older one is refused. last_refused
 * marks a last fetch whose update was not applied for its signature.
 * Only public keys: a secret key never enters the store. */
#define MINISIGN_KEY(col) \
  col " = '' OR (length(" col ") = 56 AND " col " GLOB 'RW*' AND " col " NOT GLOB '*[^A-Za-z0-9+/]*')"

static const char migration_11[] =
  "ALTER TABLE feeds ADD COLUMN signing TEXT NOT NULL DEFAULT 'unsigned'"
  " CONSTRAINT feed_signing_known CHECK (signing IN ('unsigned', 'pending', 'signed'));\n"
  "ALTER TABLE feeds ADD COLUMN public_key TEXT NOT NULL DEFAULT ''"
  " CONSTRAINT feed_public_key_valid CHECK (" MINISIGN_KEY ("public_key") ")"
  " CONSTRAINT feed_signed_has_key CHECK ((signing = 'unsigned') = (public_key = ''));\n"
  "ALTER TABLE feeds ADD COLUMN next_public_key TEXT NOT NULL DEFAULT ''"
  " CONSTRAINT feed_next_key_valid CHECK (" MINISIGN_KEY ("next_public_key") ");\n"
  "ALTER TABLE feeds ADD COLUMN key_origin TEXT NOT NULL DEFAULT ''"
  " CONSTRAINT feed_key_origin_known CHECK (key_origin IN ('', 'given', 'first-use', 'rotation'));\n"
  "ALTER TABLE feeds ADD COLUMN signed_at INTEGER NOT NULL DEFAULT 0"
  " CONSTRAINT feed_signed_at_positive CHECK (signed_at >= 0);\n"
  "ALTER TABLE feeds ADD COLUMN " BOOL ("last_refused") ";\n";

/* Version 12: the coordinator's view (issue 10, docs/report-format.md).
 *
 * - profile: what this store says about the person using it; for now
 *   the random id their reports carry ("volunteer_id", a UUID made once
 *   per profile, not derived from any name), so that a newer report from
 *   the same volunteer replaces the older one at the coordinator's, and
 *   the number of reports written ("report_sequence"): a report's
 *   sequence says which of two is newer, where a counts-only report may
 *   give no time finer than its week;
 * - report_imports: each volunteer's report brought in, as a whole, so
 *   that it can be listed and undone; "active" is 0 once a newer report
 *   of the same volunteer replaced it (undoing that one brings it back);
 * - reported: the entries of those reports, never in actions (they are
 *   not "mine" and not this computer's). A full report's entry is one
 *   action of a day; a counts-only one is n actions of an ISO week, named
 *   by its Monday. ua_id is filled in when the UA is, or arrives, in this
 *   store (trigger report_ua_arrived); ua_ref keeps what the file said.
 *
 * Progress figures: the actions of this store and the active entries of
 * reports that went out (drafts never count), kept by triggers in the
 * same transaction as every write, in three tables whose rows hold one
 * count per channel and the replies and returned letters among them:
 * progress_cells per urgent action, group, target, week and origin
 * (reported or not; read for one UA, or through its second index for
 * one group), progress_weeks per week and UA (the whole campaign),
 * progress_groups per week and group, and progress_group_totals per group
 * (the campaign's groups of all time, which would read every week). A row per state and channel would
 * make the campaign's figures read 300,000 rows of a store of a million
 * actions; these read 13,000. A UA is known by its id, a UA this store
 * lacks by "?" and the reference a report gave, a deleted one by ''; a
 * target likewise. Counts are added as +n and taken away as -n by the
 * same statement; rows that fall to 0 stay. */
#define PROGRESS_COUNTERS \
  "letter, email, fax, phone, social_media, petition, solidarity_card, meeting, replied, returned"
#define PROGRESS_COUNTER_COLUMNS \
  "  letter INTEGER NOT NULL DEFAULT 0,\n  email INTEGER NOT NULL DEFAULT 0,\n" \
  "  fax INTEGER NOT NULL DEFAULT 0,\n  phone INTEGER NOT NULL DEFAULT 0,\n" \
  "  social_media INTEGER NOT NULL DEFAULT 0,\n  petition INTEGER NOT NULL DEFAULT 0,\n" \
  "  solidarity_card INTEGER NOT NULL DEFAULT 0,\n  meeting INTEGER NOT NULL DEFAULT 0,\n" \
  "  replied INTEGER NOT NULL DEFAULT 0,\n  returned INTEGER NOT NULL DEFAULT 0,\n"
/* one action (or n) of @channel in @state, as the counters */
#define PROGRESS_VALUES(channel, state, n) \
  "(" channel " = 'letter') * " n ", (" channel " = 'email') * " n ", (" channel " = 'fax') * " n ", " \
  "(" channel " = 'phone') * " n ", (" channel " = 'social-media') * " n ", (" channel " = 'petition') * " n ", " \
  "(" channel " = 'solidarity-card') * " n ", (" channel " = 'meeting') * " n ", " \
  "(" state " = 'replied') * " n ", (" state " = 'returned') * " n
#define PROGRESS_SUMS(channel, state, n) \
  "sum((" channel " = 'letter') * " n "), sum((" channel " = 'email') * " n "), sum((" channel " = 'fax') * " n "), " \
  "sum((" channel " = 'phone') * " n "), sum((" channel " = 'social-media') * " n "), " \
  "sum((" channel " = 'petition') * " n "), sum((" channel " = 'solidarity-card') * " n "), " \
  "sum((" channel " = 'meeting') * " n "), sum((" state " = 'replied') * " n "), sum((" state " = 'returned') * " n ")"
#define PROGRESS_UPSERT \
  "ON CONFLICT DO UPDATE SET letter = letter + excluded.letter, email = email + excluded.email," \
  " fax = fax + excluded.fax, phone = phone + excluded.phone," \
  " social_media = social_media + excluded.social_media, petition = petition + excluded.petition," \
  " solidarity_card = solidarity_card + excluded.solidarity_card, meeting = meeting + excluded.meeting," \
  " replied = replied + excluded.replied, returned = returned + excluded.returned"
#define PROGRESS_ADD(ua, grp, target, week, channel, state, reported, n) \
  "  INSERT INTO progress_cells (ua, grp, target, week, reported, " PROGRESS_COUNTERS ")\n" \
  "    SELECT " ua ", " grp ", " target ", " week ", " reported ", " PROGRESS_VALUES (channel, state, n) "\n" \
  "    WHERE " state " <> 'drafted' " PROGRESS_UPSERT ";\n" \
  "  INSERT INTO progress_weeks (week, ua, reported, " PROGRESS_COUNTERS ")\n" \
  "    SELECT " week ", " ua ", " reported ", " PROGRESS_VALUES (channel, state, n) "\n" \
  "    WHERE " state " <> 'drafted' " PROGRESS_UPSERT ";\n" \
  "  INSERT INTO progress_groups (week, grp, reported, " PROGRESS_COUNTERS ")\n" \
  "    SELECT " week ", " grp ", " reported ", " PROGRESS_VALUES (channel, state, n) "\n" \
  "    WHERE " state " <> 'drafted' " PROGRESS_UPSERT ";\n" \
  "  INSERT INTO progress_group_totals (grp, reported, " PROGRESS_COUNTERS ")\n" \
  "    SELECT " grp ", " reported ", " PROGRESS_VALUES (channel, state, n) "\n" \
  "    WHERE " state " <> 'drafted' " PROGRESS_UPSERT ";\n"
#define ACTION_WEEK(row) "date(" row ".date, '-6 days', 'weekday 1')"
#define PROGRESS_ACTION(row, n) \
  PROGRESS_ADD ("coalesce(" row ".ua_id, '')", row ".volunteer_group", "coalesce(" row ".target_id, '')", \
                ACTION_WEEK (row), row ".channel", row ".state", "0", n)
#define PROGRESS_REPORTED(row, n) \
  PROGRESS_ADD ("coalesce(" row ".ua_id, '?' || " row ".ua_ref)", row ".volunteer_group", \
                "coalesce(" row ".target_id, '?' || " row ".target)", row ".week", row ".channel", \
                row ".state", "1", n)
#define PROGRESS_TABLE(name, columns, key) \
  "CREATE TABLE " name " (\n" columns PROGRESS_COUNTER_COLUMNS \
  "  PRIMARY KEY (" key ")\n" \
  ") STRICT, WITHOUT ROWID;\n"
#define UUID_V4 \
  "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'" \
  " || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

static const char migration_12[] =
  "CREATE TABLE profile (\n"
  "  key TEXT PRIMARY KEY NOT NULL,\n"
  "  value TEXT NOT NULL\n"
  ") STRICT, WITHOUT ROWID;\n"
  "INSERT INTO profile (key, value) VALUES ('volunteer_id', " UUID_V4 ");\n"

  "CREATE TABLE report_imports (\n"
  "  id TEXT PRIMARY KEY NOT NULL CONSTRAINT report_id_required CHECK (id <> ''),\n"
  "  volunteer_id TEXT NOT NULL,\n"
  "  detail TEXT NOT NULL CONSTRAINT report_detail_known CHECK (detail IN ('full', 'counts')),\n"
  "  sequence INTEGER NOT NULL CHECK (sequence >= 0),\n"
  "  created TEXT NOT NULL,\n"
  "  period_from TEXT CONSTRAINT report_from_valid CHECK (period_from IS NULL OR " VALID_DATE ("period_from") "),\n"
  "  period_to TEXT CONSTRAINT report_to_valid CHECK (period_to IS NULL OR " VALID_DATE ("period_to") "),\n"
  "  volunteer TEXT NOT NULL DEFAULT '',\n"
  "  volunteer_group TEXT NOT NULL DEFAULT '',\n"
  "  file_name TEXT NOT NULL DEFAULT '',\n"
  "  digest TEXT NOT NULL,\n"
  "  imported_at TEXT NOT NULL CONSTRAINT report_imported_valid CHECK (" VALID_TIME ("imported_at") "),\n"
  "  entries INTEGER NOT NULL CHECK (entries >= 0),\n"
  "  actions INTEGER NOT NULL CHECK (actions >= 0),\n"
  "  replaces TEXT REFERENCES report_imports (id) ON DELETE SET NULL,\n"
  "  replaced INTEGER NOT NULL DEFAULT 0 CHECK (replaced >= 0),\n"
  "  " BOOL ("active") "\n"
  ") STRICT;\n"
  "CREATE INDEX report_imports_by_volunteer ON report_imports (volunteer_id, active, sequence);\n"
  "CREATE INDEX report_imports_by_time ON report_imports (imported_at);\n"

  "CREATE TABLE reported (\n"
  "  import_id TEXT NOT NULL REFERENCES report_imports (id) ON DELETE CASCADE,\n"
  "  seq INTEGER NOT NULL,\n"
  "  ua_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,\n"
  "  ua_ref TEXT NOT NULL CONSTRAINT reported_ua_required CHECK (trim(ua_ref) <> ''),\n"
  "  ua_ref_key TEXT NOT NULL,\n"
  "  target_id TEXT REFERENCES targets (id) ON DELETE SET NULL,\n"
  "  target TEXT NOT NULL DEFAULT '',\n"
  "  channel TEXT NOT NULL CONSTRAINT reported_channel_known CHECK (channel IN ("
  "    'letter', 'email', 'fax', 'phone', 'social-media', 'petition', 'solidarity-card', 'meeting')),\n"
  "  state TEXT NOT NULL CONSTRAINT reported_state_known CHECK (state IN ('sent', 'replied', 'returned')),\n"
  "  date TEXT CONSTRAINT reported_date_valid CHECK (date IS NULL OR " VALID_DATE ("date") "),\n"
  "  week TEXT NOT NULL CONSTRAINT reported_week_monday CHECK (" VALID_DATE ("week") " AND strftime('%w', week) = '1'),\n"
  "  signature TEXT CONSTRAINT reported_signature_known CHECK (signature IS NULL OR signature IN ("
  "    'full-name', 'initials', 'pseudonym', 'group')),\n"
  "  volunteer TEXT NOT NULL DEFAULT '',\n"
  "  volunteer_group TEXT NOT NULL DEFAULT '',\n"
  "  n INTEGER NOT NULL CONSTRAINT reported_count_range CHECK (n BETWEEN 1 AND 1000000),\n"
  "  " BOOL ("active") ",\n"
  "  PRIMARY KEY (import_id, seq)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE INDEX reported_by_week ON reported (week, active);\n"
  "CREATE INDEX reported_by_ua ON reported (ua_id, week);\n"
  "CREATE INDEX reported_unlinked ON reported (ua_ref_key) WHERE ua_id IS NULL;\n"
  "CREATE INDEX reported_by_target ON reported (target_id);\n"
  "CREATE TRIGGER report_ua_arrived AFTER INSERT ON urgent_actions BEGIN\n"
  "  UPDATE reported SET ua_id = new.id WHERE ua_id IS NULL AND ua_ref_key = new.reference_key;\n"
  "END;\n"
  "CREATE TRIGGER report_ua_renamed AFTER UPDATE OF reference_key ON urgent_actions\n"
  "  WHEN new.reference_key IS NOT NULL BEGIN\n"
  "  UPDATE reported SET ua_id = new.id WHERE ua_id IS NULL AND ua_ref_key = new.reference_key;\n"
  "END;\n"

  PROGRESS_TABLE ("progress_cells",
                  "  ua TEXT NOT NULL,\n  grp TEXT NOT NULL,\n  target TEXT NOT NULL,\n  week TEXT NOT NULL,\n"
                  "  reported INTEGER NOT NULL,\n",
                  "ua, grp, target, week, reported")
  "CREATE INDEX progress_cells_by_group ON progress_cells (grp, ua, week);\n"
  PROGRESS_TABLE ("progress_weeks",
                  "  week TEXT NOT NULL,\n  ua TEXT NOT NULL,\n  reported INTEGER NOT NULL,\n",
                  "week, ua, reported")
  PROGRESS_TABLE ("progress_groups",
                  "  week TEXT NOT NULL,\n  grp TEXT NOT NULL,\n  reported INTEGER NOT NULL,\n",
                  "week, grp, reported")
  PROGRESS_TABLE ("progress_group_totals",
                  "  grp TEXT NOT NULL,\n  reported INTEGER NOT NULL,\n",
                  "grp, reported")
  "INSERT INTO progress_cells (ua, grp, target, week, reported, " PROGRESS_COUNTERS ")\n"
  "  SELECT coalesce(ua_id, ''), volunteer_group, coalesce(target_id, ''), " ACTION_WEEK ("actions") ", 0,"
  "    " PROGRESS_SUMS ("channel", "state", "1") " FROM actions WHERE state <> 'drafted' GROUP BY 1, 2, 3, 4;\n"
  "INSERT INTO progress_weeks (week, ua, reported, " PROGRESS_COUNTERS ")\n"
  "  SELECT week, ua, reported, sum(letter), sum(email), sum(fax), sum(phone), sum(social_media), sum(petition),"
  "    sum(solidarity_card), sum(meeting), sum(replied), sum(returned) FROM progress_cells GROUP BY 1, 2, 3;\n"
  "INSERT INTO progress_groups (week, grp, reported, " PROGRESS_COUNTERS ")\n"
  "  SELECT week, grp, reported, sum(letter), sum(email), sum(fax), sum(phone), sum(social_media), sum(petition),"
  "    sum(solidarity_card), sum(meeting), sum(replied), sum(returned) FROM progress_cells GROUP BY 1, 2, 3;\n"
  "INSERT INTO progress_group_totals (grp, reported, " PROGRESS_COUNTERS ")\n"
  "  SELECT grp, reported, sum(letter), sum(email), sum(fax), sum(phone), sum(social_media), sum(petition),"
  "    sum(solidarity_card), sum(meeting), sum(replied), sum(returned) FROM progress_cells GROUP BY 1, 2;\n"

  "CREATE TRIGGER progress_action_added AFTER INSERT ON actions BEGIN\n"
  PROGRESS_ACTION ("new", "1")
  "END;\n"
  "CREATE TRIGGER progress_action_removed AFTER DELETE ON actions BEGIN\n"
  PROGRESS_ACTION ("old", "-1")
  "END;\n"
  "CREATE TRIGGER progress_action_changed\n"
  "  AFTER UPDATE OF ua_id, target_id, volunteer_group, date, channel, state ON actions\n"
  "  WHEN old.ua_id IS NOT new.ua_id OR old.target_id IS NOT new.target_id\n"
  "    OR old.volunteer_group IS NOT new.volunteer_group OR old.date IS NOT new.date\n"
  "    OR old.channel IS NOT new.channel OR old.state IS NOT new.state BEGIN\n"
  PROGRESS_ACTION ("old", "-1")
  PROGRESS_ACTION ("new", "1")
  "END;\n"
  "CREATE TRIGGER progress_reported_added AFTER INSERT ON reported WHEN new.active = 1 BEGIN\n"
  PROGRESS_REPORTED ("new", "new.n")
  "END;\n"
  "CREATE TRIGGER progress_reported_removed AFTER DELETE ON reported WHEN old.active = 1 BEGIN\n"
  PROGRESS_REPORTED ("old", "-old.n")
  "END;\n"
  "CREATE TRIGGER progress_reported_left AFTER UPDATE OF ua_id, target_id, active ON reported\n"
  "  WHEN old.active = 1 AND (new.active = 0 OR old.ua_id IS NOT new.ua_id OR old.target_id IS NOT new.target_id) BEGIN\n"
  PROGRESS_REPORTED ("old", "-old.n")
  "END;\n"
  "CREATE TRIGGER progress_reported_entered AFTER UPDATE OF ua_id, target_id, active ON reported\n"
  "  WHEN new.active = 1 AND (old.active = 0 OR old.ua_id IS NOT new.ua_id OR old.target_id IS NOT new.target_id) BEGIN\n"
  PROGRESS_REPORTED ("new", "new.n")
  "END;\n";

static const struct {
  const char       *sql;
  DossierSchemaStep step;   /* what the store writes from C after sql */
  const char       *finish; /* run after that, or NULL */
  const char       *rebuilt; /* tables copied and replaced, whose children are checked */
} migrations[] = {
  { migration_1, DOSSIER_SCHEMA_STEP_NONE, NULL },
  { migration_2, DOSSIER_SCHEMA_STEP_SEARCH_DOCUMENTS, migration_2_finish },
  { migration_3, DOSSIER_SCHEMA_STEP_NONE, NULL },
  { migration_4, DOSSIER_SCHEMA_STEP_REFERENCE_KEYS, migration_4_finish },
  { migration_5, DOSSIER_SCHEMA_STEP_NONE, NULL, "feeds" },
  { migration_6, DOSSIER_SCHEMA_STEP_NONE, NULL },
  { migration_7, DOSSIER_SCHEMA_STEP_NONE, NULL },
  { migration_8, DOSSIER_SCHEMA_STEP_NONE, NULL, "cases case_events" },
  { migration_9, DOSSIER_SCHEMA_STEP_COUNTRY_CODES, NULL },
  { migration_10, DOSSIER_SCHEMA_STEP_NONE, NULL },
  { migration_11, DOSSIER_SCHEMA_STEP_NONE, NULL },
  { migration_12, DOSSIER_SCHEMA_STEP_NONE, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == 12 /* DOSSIER_STORE_SCHEMA_VERSION */);

/* The SQL of migration @version; the first step when it has more. */
const char *
dossier_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1].sql;
}

/* What the store must write from C after the SQL of migration @version:
 * search keys and reference keys need code no SQL function has. */
DossierSchemaStep
dossier_schema_migration_step (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), DOSSIER_SCHEMA_STEP_NONE);

  return migrations[version - 1].step;
}

/* The SQL that ends migration @version, after the documents, or NULL. */
const char *
dossier_schema_migration_finish (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1].finish;
}

guint
dossier_schema_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

/* The table migration @version copies and replaces, or NULL. Foreign keys
 * must be off while it does (or dropping the old table would delete its
 * children) and the children's references checked before committing. */
const char *
dossier_schema_migration_rebuilt (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1].rebuilt;
}
