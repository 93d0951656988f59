-- The procedure catalogue (thủ tục hành chính, TTHC) and the office's working calendar.
-- Owned by server/domain/catalogue and server/domain/calendar.

-- One row per procedure, keyed by its national code (e.g. '1.001193'). The lists are JSON in the
-- shapes of shared/catalogue.ts (ProcedureChannel[], ProcedureDocument[]).
CREATE TABLE procedures (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- name and code folded for search: lower case, no diacritics, đ -> d, single spaces
  search_text TEXT NOT NULL,
  -- the office's field (lĩnh vực) the procedure is taken in; NULL = not offered at the kiosk
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
  -- the field's name in the national record (e.g. 'Hộ tịch')
  field_name TEXT NOT NULL DEFAULT '',
  -- 'toan_trinh' | 'mot_phan' | '' (dịch vụ công trực tuyến toàn trình / một phần / none)
  level TEXT NOT NULL DEFAULT '',
  channels_json TEXT NOT NULL DEFAULT '[]',
  documents_json TEXT NOT NULL DEFAULT '[]',
  -- number of sets (bộ) of papers to hand in
  sets INTEGER NOT NULL DEFAULT 1,
  applicants TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX procedures_service ON procedures (service_id, sort_order);

-- Exceptions to the weekly calendar (Monday–Friday working, weekends off): a public holiday on
-- a weekday ('holiday') or a compensatory working Saturday/Sunday ('working').
CREATE TABLE calendar_days (
  -- yyyy-mm-dd in the office's time zone
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'working')),
  name TEXT NOT NULL DEFAULT ''
);

-- The calendar's version (one row): every change raises it; an admin change based on an older
-- one is refused (409 stale_version).
CREATE TABLE calendar_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO calendar_state (id, version) VALUES (1, 0);
