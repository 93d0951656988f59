-- Who changed what: configuration and officer changes, logins (failed ones too), reprints,
-- cancels and manual calls. Before/after hold only the changed fields, never a password or
-- a hash; officer_name is the author's name at the time.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  officer_id INTEGER REFERENCES officers(id),
  officer_name TEXT,
  client TEXT,
  action TEXT NOT NULL,
  target_kind TEXT,
  target_id INTEGER,
  target_name TEXT,
  before_json TEXT,
  after_json TEXT,
  details_json TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_officer ON audit_log (officer_id, at);

-- Every configuration record carries a version, raised by each save: a save based on an
-- older version is refused (409 stale_version) instead of silently overwriting.
ALTER TABLE office ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE office ADD COLUMN hours_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE counters ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE officers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE priority_categories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- A generated or admin-set password must be replaced by its owner at the next login.
ALTER TABLE officers ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
