-- Reports: the `leader` role (Lãnh đạo: reads reports and the dashboard, changes nothing), the
-- per-day report summaries (tickets and ratings; dossiers), the demo-data mark. Owned by server/domain/reports.

-- SQLite cannot change a CHECK constraint: the officers table is rebuilt with the same columns
-- (001 and 005) and ids, so sessions, tickets, events, logs and dossiers that name an officer
-- keep pointing at the same row. Foreign keys are checked at commit, when the rows are back
-- (no rename: renaming would rewrite the other tables' REFERENCES clauses).
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE officers_copy AS SELECT * FROM officers;
DROP TABLE officers;
CREATE TABLE officers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'admin', 'leader')),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  must_change_password INTEGER NOT NULL DEFAULT 0
);
-- Inserting the rows back under their ids satisfies the deferred references again.
INSERT INTO officers (id, name, username, password_hash, role, active, created_at, version, must_change_password)
  SELECT id, name, username, password_hash, role, active, created_at, version, must_change_password FROM officers_copy;
DROP TABLE officers_copy;

-- One row per closed service day: that day's tickets and ratings, packed for the reports
-- (server/domain/reports/dayPack.ts). Built the first time a report needs a closed day, and
-- deleted by the triggers below whenever a ticket or rating of that day changes, so a summary
-- always equals a direct computation over `tickets` and `ratings`. Open days are read live.
CREATE TABLE report_days (
  day TEXT PRIMARY KEY,
  -- the pack format; a row of another format is rebuilt
  format INTEGER NOT NULL,
  -- the zone the hours of issue were taken in; a pack of another zone is rebuilt
  time_zone TEXT NOT NULL,
  tickets INTEGER NOT NULL,
  ratings INTEGER NOT NULL,
  built_at TEXT NOT NULL,
  data BLOB NOT NULL
) WITHOUT ROWID;
-- Which days are stored and when they were built, without reading the packs' pages.
CREATE INDEX report_days_meta ON report_days (day, format, time_zone, tickets, ratings, built_at);

CREATE TRIGGER report_days_ticket_insert AFTER INSERT ON tickets BEGIN
  DELETE FROM report_days WHERE day = NEW.service_day;
END;
CREATE TRIGGER report_days_ticket_update AFTER UPDATE ON tickets BEGIN
  DELETE FROM report_days WHERE day IN (OLD.service_day, NEW.service_day);
END;
CREATE TRIGGER report_days_ticket_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM report_days WHERE day = OLD.service_day;
END;
CREATE TRIGGER report_days_rating_insert AFTER INSERT ON ratings BEGIN
  DELETE FROM report_days WHERE day = NEW.service_day;
END;
CREATE TRIGGER report_days_rating_update AFTER UPDATE ON ratings BEGIN
  DELETE FROM report_days WHERE day IN (OLD.service_day, NEW.service_day);
END;
CREATE TRIGGER report_days_rating_delete AFTER DELETE ON ratings BEGIN
  DELETE FROM report_days WHERE day = OLD.service_day;
END;

-- The same for dossiers, by the local day of receipt (server/domain/reports/dossierPack.ts).
-- A change to a dossier deletes the packs of the days around its receipt (any time zone's
-- local day of an instant is within one day of its UTC date).
CREATE TABLE report_dossier_days (
  day TEXT PRIMARY KEY,
  format INTEGER NOT NULL,
  -- the office's time zone the local days were taken in; a pack of another zone is rebuilt
  time_zone TEXT NOT NULL,
  dossiers INTEGER NOT NULL,
  data BLOB NOT NULL,
  built_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER report_dossier_days_insert AFTER INSERT ON dossiers BEGIN
  DELETE FROM report_dossier_days WHERE day BETWEEN date(NEW.received_at, '-1 day') AND date(NEW.received_at, '+1 day');
END;
CREATE TRIGGER report_dossier_days_update AFTER UPDATE ON dossiers BEGIN
  DELETE FROM report_dossier_days WHERE day BETWEEN date(OLD.received_at, '-1 day') AND date(OLD.received_at, '+1 day');
  DELETE FROM report_dossier_days WHERE day BETWEEN date(NEW.received_at, '-1 day') AND date(NEW.received_at, '+1 day');
END;
CREATE TRIGGER report_dossier_days_delete AFTER DELETE ON dossiers BEGIN
  DELETE FROM report_dossier_days WHERE day BETWEEN date(OLD.received_at, '-1 day') AND date(OLD.received_at, '+1 day');
END;

-- The reasons given for the lower satisfaction levels, read by day.
CREATE INDEX ratings_level_day ON ratings (level, service_day);

-- Set by `npm run seed:demo`: the database holds made-up data (the admin page shows a banner).
-- `first_ticket_id`..`last_ticket_id` are the tickets it created.
CREATE TABLE demo_data (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  created_at TEXT NOT NULL,
  months INTEGER NOT NULL,
  first_ticket_id INTEGER NOT NULL,
  last_ticket_id INTEGER NOT NULL
);
