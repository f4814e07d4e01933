-- A Dossier store at schema version 1, with one record of every kind.
-- Kept to test migrations from version 1: never edit; add store-v2.sql for the next.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE cases (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  name TEXT NOT NULL CONSTRAINT case_name_required CHECK (trim(name) <> ''),
  country TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '' CONSTRAINT case_role_known CHECK (role IN ('',    'activist', 'civic-activist', 'human-rights-defender', 'journalist', 'blogger',    'trade-unionist', 'lawyer', 'politician', 'religious-believer', 'other')),
  status TEXT NOT NULL CONSTRAINT case_status_known CHECK (status IN (    'detained', 'under-investigation', 'on-trial', 'imprisoned', 'restricted-freedom',    'suspended-sentence', 'forced-psychiatric-treatment', 'exile', 'extradition-risk',    'released', 'acquitted', 'other')),
  summary TEXT NOT NULL DEFAULT '',
  prisoner_of_conscience INTEGER NOT NULL DEFAULT 0 CHECK (prisoner_of_conscience IN (0, 1)),
  health_concerns TEXT NOT NULL DEFAULT '',
  sources TEXT NOT NULL DEFAULT '[]' CONSTRAINT case_sources_list CHECK (json_valid(sources) AND json_type(sources) = 'array'),
  tags TEXT NOT NULL DEFAULT '[]' CONSTRAINT case_tags_list CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  followed INTEGER NOT NULL DEFAULT 0 CHECK (followed IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO cases VALUES('case-ilyashev','2020-04-20T10:00:00.000Z','2020-06-23T10:00:00.000Z','Alnur Ilyashev','Kazakhstan','Almaty','human-rights-defender','restricted-freedom','Prosecuted for social-media posts criticising the ruling party during the pandemic.',1,'','["https://example.org/ua-065-20"]','["covid-19"]',1,'','');
CREATE TABLE case_names (
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL CONSTRAINT case_other_name_required CHECK (trim(name) <> ''),
  PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;
INSERT INTO case_names VALUES('case-ilyashev',0,'Альнур Ильяшев');
INSERT INTO case_names VALUES('case-ilyashev',1,'Әлнұр Ильяшев');
CREATE TABLE charges (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  code TEXT NOT NULL DEFAULT '',
  article TEXT NOT NULL DEFAULT '',
  part TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  CONSTRAINT charge_described CHECK (trim(article) <> '' OR trim(description) <> '')
) STRICT;
INSERT INTO charges VALUES('charge-1','2020-04-20T10:00:00.000Z','2020-04-20T10:00:00.000Z','case-ilyashev',0,'Criminal Code','274','4(2)','Dissemination of knowingly false information during a state of emergency');
CREATE TABLE case_events (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CONSTRAINT event_kind_known CHECK (kind IN (    'arrest', 'search', 'charge', 'preventive-measure', 'hearing', 'verdict', 'sentence',    'appeal', 'transfer', 'hunger-strike', 'health', 'release', 'recognition', 'other')),
  date TEXT NOT NULL CONSTRAINT event_date_valid CHECK (date(date, '+0 days') IS date),
  title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  new_status TEXT NOT NULL DEFAULT '' CONSTRAINT event_status_known CHECK (new_status IN ('',    'detained', 'under-investigation', 'on-trial', 'imprisoned', 'restricted-freedom',    'suspended-sentence', 'forced-psychiatric-treatment', 'exile', 'extradition-risk',    'released', 'acquitted', 'other')),
  origin TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO case_events VALUES('event-1','2020-04-20T10:00:00.000Z','2020-04-20T10:00:00.000Z','case-ilyashev','arrest','2020-04-17','Arrested in Almaty','Police arrested him at an office and searched two family homes.','','detained','');
INSERT INTO case_events VALUES('event-2','2020-06-23T10:00:00.000Z','2020-06-23T10:00:00.000Z','case-ilyashev','verdict','2020-06-22','Sentenced to restricted freedom','Three years of restricted freedom and a five-year ban on public activity.','','restricted-freedom','');
CREATE TABLE targets (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  name TEXT NOT NULL CONSTRAINT target_name_required CHECK (trim(name) <> ''),
  office TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '' CONSTRAINT target_email_valid CHECK (email = '' OR email LIKE '%_@_%'),
  phone TEXT NOT NULL DEFAULT '',
  web_form TEXT NOT NULL DEFAULT '',
  salutation TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO targets VALUES('target-pg','2020-04-20T10:00:00.000Z','2020-04-20T10:00:00.000Z','Prosecutor General','Prosecutor General''s Office','','Astana, Kazakhstan','office@example.org','','','Dear Prosecutor General','ru','Kazakhstan','');
CREATE TABLE urgent_actions (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  reference TEXT NOT NULL CONSTRAINT ua_reference_required CHECK (trim(reference) <> ''),
  ua_index TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  issued TEXT CONSTRAINT ua_issued_valid CHECK (issued IS NULL OR date(issued, '+0 days') IS issued),
  deadline TEXT CONSTRAINT ua_deadline_valid CHECK (deadline IS NULL OR date(deadline, '+0 days') IS deadline),
  status TEXT NOT NULL CONSTRAINT ua_status_known CHECK (status IN ('open', 'closed', 'follow-up')),
  follows_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,
  key_points TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_key_points_list CHECK (json_valid(key_points) AND json_type(key_points) = 'array'),
  languages TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_languages_list CHECK (json_valid(languages) AND json_type(languages) = 'array'),
  documents TEXT CONSTRAINT ua_documents_object CHECK (documents IS NULL OR    (json_valid(documents) AND json_type(documents) = 'object')),
  posts TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_posts_list CHECK (json_valid(posts) AND json_type(posts) = 'array'),
  hashtags TEXT NOT NULL DEFAULT '[]' CONSTRAINT ua_hashtags_list CHECK (json_valid(hashtags) AND json_type(hashtags) = 'array'),
  goal INTEGER NOT NULL DEFAULT 0 CONSTRAINT ua_goal_positive CHECK (goal >= 0),
  notes TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  CONSTRAINT ua_reference_unique UNIQUE (reference),
  CONSTRAINT ua_deadline_after_issued CHECK (issued IS NULL OR deadline IS NULL OR deadline >= issued)
) STRICT;
INSERT INTO urgent_actions VALUES('ua-065-20','2020-04-20T10:00:00.000Z','2020-04-28T10:00:00.000Z','UA 065/20','EUR 57/2227/2020','Activist jailed for criticism during pandemic','2020-04-20','2020-06-08','closed',NULL,'["Release him immediately and unconditionally"]','["ru","kk","en"]','{"en":"https://example.org/ua-065-20-en.docx"}','["#FreeAlnur"]','["#FreeAlnur"]',100,'','');
CREATE TABLE ua_cases (
  ua_id TEXT NOT NULL REFERENCES urgent_actions (id) ON DELETE CASCADE,
  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (ua_id, case_id)
) STRICT, WITHOUT ROWID;
INSERT INTO ua_cases VALUES('ua-065-20','case-ilyashev',0);
CREATE TABLE ua_targets (
  ua_id TEXT NOT NULL REFERENCES urgent_actions (id) ON DELETE CASCADE,
  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (ua_id, target_id)
) STRICT, WITHOUT ROWID;
INSERT INTO ua_targets VALUES('ua-065-20','target-pg',0);
CREATE TABLE actions (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  ua_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,
  target_id TEXT REFERENCES targets (id) ON DELETE SET NULL,
  channel TEXT NOT NULL CONSTRAINT action_channel_known CHECK (channel IN (    'letter', 'email', 'fax', 'phone', 'social-media', 'petition', 'solidarity-card', 'meeting')),
  date TEXT NOT NULL CONSTRAINT action_date_valid CHECK (date(date, '+0 days') IS date),
  volunteer TEXT NOT NULL DEFAULT '',
  volunteer_group TEXT NOT NULL DEFAULT '',
  mine INTEGER NOT NULL DEFAULT 0 CHECK (mine IN (0, 1)),
  state TEXT NOT NULL CONSTRAINT action_state_known CHECK (state IN ('drafted', 'sent', 'replied', 'returned')),
  reply_text TEXT NOT NULL DEFAULT '',
  reply_date TEXT CONSTRAINT action_reply_date_valid CHECK (reply_date IS NULL OR date(reply_date, '+0 days') IS reply_date),
  cost REAL NOT NULL DEFAULT 0 CONSTRAINT action_cost_positive CHECK (cost >= 0),
  notes TEXT NOT NULL DEFAULT '',
  letter_text TEXT NOT NULL DEFAULT '',
  signature TEXT NOT NULL DEFAULT 'full-name' CONSTRAINT action_signature_known CHECK (signature IN (    'full-name', 'initials', 'pseudonym', 'group'))
) STRICT;
INSERT INTO actions VALUES('action-1','2020-04-29T18:00:00.000Z','2020-04-29T18:00:00.000Z','ua-065-20','target-pg','email','2020-04-29','Anna Keller','Bern group',1,'sent','',NULL,0.0,'','','full-name');
INSERT INTO actions VALUES('action-2','2020-05-02T18:00:00.000Z','2020-05-02T18:00:00.000Z','ua-065-20','target-pg','letter','2020-05-02','Ғалия Сәтбаева','Алматы',0,'replied','',NULL,1.8000000000000000444,'','','initials');
CREATE TABLE feeds (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  url TEXT NOT NULL CONSTRAINT feed_url_valid CHECK (url LIKE 'http://_%' OR url LIKE 'https://_%'),
  title TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL DEFAULT 'json' CONSTRAINT feed_format_known CHECK (format IN ('json', 'rss', 'atom')),
  refresh_interval INTEGER NOT NULL DEFAULT 60 CONSTRAINT feed_interval_positive CHECK (refresh_interval >= 0),
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  allow_http INTEGER NOT NULL DEFAULT 0 CHECK (allow_http IN (0, 1)),
  last_fetch TEXT CONSTRAINT feed_last_fetch_valid CHECK (last_fetch IS NULL OR last_fetch GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  last_result TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  failures INTEGER NOT NULL DEFAULT 0 CONSTRAINT feed_failures_positive CHECK (failures >= 0),
  proxy TEXT NOT NULL DEFAULT 'system' CONSTRAINT feed_proxy_known CHECK (proxy IN ('system', 'none', 'custom')),
  CONSTRAINT feed_url_unique UNIQUE (url)
) STRICT;
INSERT INTO feeds VALUES('feed-1','2020-04-20T10:00:00.000Z','2020-04-20T10:00:00.000Z','https://example.org/campaign.json','Kazakhstan campaign','json',60,1,0,NULL,'','','',0,'system');
CREATE TABLE feed_items (
  id TEXT PRIMARY KEY NOT NULL CONSTRAINT id_required CHECK (id <> ''),
  created_at TEXT NOT NULL CONSTRAINT created_at_valid CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  updated_at TEXT NOT NULL CONSTRAINT updated_at_valid CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  feed_id TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  guid TEXT NOT NULL CONSTRAINT feed_item_guid_required CHECK (guid <> ''),
  title TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  published TEXT CONSTRAINT feed_item_published_valid CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  modified TEXT CONSTRAINT feed_item_modified_valid CHECK (modified IS NULL OR modified GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'),
  content TEXT NOT NULL DEFAULT '',
  read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
  starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
  case_id TEXT REFERENCES cases (id) ON DELETE SET NULL,
  ua_id TEXT REFERENCES urgent_actions (id) ON DELETE SET NULL,
  CONSTRAINT feed_item_guid_unique UNIQUE (feed_id, guid)
) STRICT;
INSERT INTO feed_items VALUES('item-1','2020-04-28T10:00:00.000Z','2020-04-28T10:00:00.000Z','feed-1','ua-065-20-update-1','Latest news','https://example.org/ua-065-20#update','2020-04-28T09:00:00Z',NULL,'Lawyers compelled to sign non-disclosure agreements.',0,1,'case-ilyashev','ua-065-20');
CREATE INDEX cases_by_status ON cases (status, name);
CREATE INDEX cases_by_name ON cases (name);
CREATE INDEX charges_by_case ON charges (case_id, position);
CREATE INDEX case_events_by_case ON case_events (case_id, date);
CREATE INDEX case_events_by_date ON case_events (date);
CREATE INDEX targets_by_name ON targets (name);
CREATE INDEX urgent_actions_by_deadline ON urgent_actions (status, deadline);
CREATE INDEX urgent_actions_by_follows ON urgent_actions (follows_id);
CREATE INDEX ua_cases_by_case ON ua_cases (case_id);
CREATE INDEX ua_targets_by_target ON ua_targets (target_id);
CREATE INDEX actions_by_date ON actions (date);
CREATE INDEX actions_by_ua ON actions (ua_id, date);
CREATE INDEX actions_mine ON actions (mine, date);
CREATE INDEX actions_by_target ON actions (target_id);
CREATE INDEX feed_items_by_published ON feed_items (published);
CREATE INDEX feed_items_unread ON feed_items (read, published);
CREATE INDEX feed_items_by_case ON feed_items (case_id);
CREATE INDEX feed_items_by_ua ON feed_items (ua_id);
COMMIT;
PRAGMA user_version = 1;
PRAGMA application_id = 1148154739;
