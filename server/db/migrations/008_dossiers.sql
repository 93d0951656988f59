-- Dossiers (hồ sơ) received at the office or imported from the province's one-stop system,
-- their status history, the tickets that touched them, and the sync API's keys.
-- Owned by server/domain/dossiers. Statuses and channels: shared/dossiers.ts.

-- The daily sequence of dossier codes ({agency}-{yyMMdd}-{seq:4}); updated inside the
-- registering transaction, so a code is never given twice, even after kill -9.
CREATE TABLE dossier_sequences (
  agency_code TEXT NOT NULL,
  -- yyMMdd in the office's time zone
  day TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossiers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  procedure_id INTEGER REFERENCES procedures(id) ON DELETE SET NULL,
  -- the procedure as it was when received (imports may name procedures not in the catalogue)
  procedure_code TEXT NOT NULL DEFAULT '',
  procedure_name TEXT NOT NULL,
  -- the office field, for reports
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
  applicant_name TEXT NOT NULL,
  applicant_phone TEXT NOT NULL DEFAULT '',
  applicant_address TEXT NOT NULL DEFAULT '',
  -- the citizen read from a chip card, when one was (purged with the citizen)
  citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
  channel TEXT NOT NULL CHECK (channel IN ('truc_tiep', 'truc_tuyen', 'buu_chinh')),
  -- DossierDocument[] of shared/dossiers.ts: what was received
  documents_json TEXT NOT NULL DEFAULT '[]',
  sets INTEGER NOT NULL DEFAULT 1 CHECK (sets >= 1),
  status TEXT NOT NULL CHECK (status IN ('registered', 'accepted', 'rejected', 'processing',
    'supplement_requested', 'payment_requested', 'withdrawn', 'stopped', 'resolved', 'returned')),
  received_at TEXT NOT NULL,
  due_at TEXT,
  -- when the result was ready (Đã xử lý xong) and when it was handed over (Đã trả kết quả)
  resolved_at TEXT,
  returned_at TEXT,
  received_by INTEGER REFERENCES officers(id),
  counter_id INTEGER REFERENCES counters(id),
  -- where the record came from: 'counter', 'sync' (API) or 'csv'
  source TEXT NOT NULL DEFAULT 'counter' CHECK (source IN ('counter', 'sync', 'csv')),
  -- where the result is collected (printed on the slip)
  collect_at TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_citizen ON dossiers (citizen_id);

-- Every status change, with who and where.
CREATE TABLE dossier_events (
  id INTEGER PRIMARY KEY,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  at TEXT NOT NULL,
  officer_id INTEGER REFERENCES officers(id),
  counter_id INTEGER REFERENCES counters(id),
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, at);

-- Every ticket that touched a dossier: received it, returned its result, or another visit.
CREATE TABLE dossier_tickets (
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  role TEXT NOT NULL CHECK (role IN ('receive', 'return', 'other')),
  linked_at TEXT NOT NULL,
  officer_id INTEGER REFERENCES officers(id),
  PRIMARY KEY (dossier_id, ticket_id)
);
CREATE INDEX dossier_tickets_ticket ON dossier_tickets (ticket_id);

-- Keys of the sync API. Only a hash of the key is kept; `prefix` (its first characters) lets
-- an admin tell keys apart.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES officers(id),
  last_used_at TEXT,
  revoked_at TEXT
);
