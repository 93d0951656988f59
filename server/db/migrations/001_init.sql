-- Office configuration (one row) ----------------------------------------------
CREATE TABLE office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  agency_code TEXT NOT NULL,
  time_zone TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  -- minutes after local midnight at which a new service day starts
  day_start_minutes INTEGER NOT NULL DEFAULT 0,
  -- after this many priority calls in a row, the oldest normal ticket goes next
  priority_streak_limit INTEGER NOT NULL DEFAULT 3,
  priority_streak INTEGER NOT NULL DEFAULT 0,
  -- 'oldest': oldest waiting ticket across the counter's fields; 'preference': by field rank first
  call_order TEXT NOT NULL DEFAULT 'oldest' CHECK (call_order IN ('oldest', 'preference')),
  -- tickets a single kiosk client may take per minute (0 = no limit)
  ticket_rate_limit_per_minute INTEGER NOT NULL DEFAULT 12,
  default_service_minutes REAL NOT NULL DEFAULT 6,
  notice TEXT NOT NULL DEFAULT '',
  settings_json TEXT NOT NULL DEFAULT '{}',
  last_rollover_day TEXT
);

-- Opening hours for ticket issue: any number of intervals per weekday (0 = Sunday).
CREATE TABLE opening_hours (
  id INTEGER PRIMARY KEY,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  open_minutes INTEGER NOT NULL CHECK (open_minutes BETWEEN 0 AND 1440),
  close_minutes INTEGER NOT NULL CHECK (close_minutes BETWEEN 0 AND 1440),
  CHECK (close_minutes > open_minutes)
);

CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  icon TEXT NOT NULL DEFAULT 'document',
  prefix TEXT NOT NULL DEFAULT '',
  first_number INTEGER NOT NULL DEFAULT 1 CHECK (first_number >= 0),
  last_number INTEGER NOT NULL DEFAULT 999,
  step INTEGER NOT NULL DEFAULT 1 CHECK (step >= 1),
  digits INTEGER NOT NULL DEFAULT 3 CHECK (digits BETWEEN 1 AND 6),
  daily_max INTEGER CHECK (daily_max IS NULL OR daily_max >= 1),
  fixed_counter_id INTEGER REFERENCES counters(id),
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  CHECK (last_number >= first_number)
);

CREATE TABLE counters (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  paused INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE counter_services (
  counter_id INTEGER NOT NULL REFERENCES counters(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  rank INTEGER NOT NULL,
  PRIMARY KEY (counter_id, service_id)
);

CREATE TABLE officers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'admin')),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- Counters an officer may work at (empty = any counter).
CREATE TABLE officer_counters (
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  counter_id INTEGER NOT NULL REFERENCES counters(id),
  PRIMARY KEY (officer_id, counter_id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE priority_categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0
);

-- Tickets ---------------------------------------------------------------------
-- One row per field per service day: the last number given out. Updated inside
-- the issuing transaction, so numbers never repeat within a day.
CREATE TABLE number_sequences (
  service_id INTEGER NOT NULL REFERENCES services(id),
  service_day TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  issued INTEGER NOT NULL,
  PRIMARY KEY (service_id, service_day)
);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  public_code TEXT NOT NULL UNIQUE,
  service_day TEXT NOT NULL,
  -- the field the ticket is in now (a transfer changes it)
  service_id INTEGER NOT NULL REFERENCES services(id),
  -- the field whose number sequence gave the number (never changes)
  issued_service_id INTEGER NOT NULL REFERENCES services(id),
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  priority_id INTEGER REFERENCES priority_categories(id),
  status TEXT NOT NULL CHECK (status IN ('waiting','called','serving','done','no_show','cancelled','expired')),
  -- a transfer to a specific counter: only that counter calls the ticket
  target_counter_id INTEGER REFERENCES counters(id),
  counter_id INTEGER REFERENCES counters(id),
  officer_id INTEGER REFERENCES officers(id),
  issued_at TEXT NOT NULL,
  -- the ticket's place in the queue: its issue time, kept across transfers and returns
  queue_at TEXT NOT NULL,
  first_called_at TEXT,
  called_at TEXT,
  started_at TEXT,
  finished_at TEXT,
  call_count INTEGER NOT NULL DEFAULT 0,
  printed INTEGER NOT NULL DEFAULT 0,
  kiosk_id TEXT,
  UNIQUE (issued_service_id, service_day, seq)
);
CREATE INDEX tickets_day_status ON tickets (service_day, status);
CREATE INDEX tickets_status_queue ON tickets (status, service_id, queue_at);
CREATE INDEX tickets_counter_status ON tickets (counter_id, status);
CREATE INDEX tickets_service_finished ON tickets (service_id, finished_at);

-- Every transition of every ticket, with who and where.
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  at TEXT NOT NULL,
  counter_id INTEGER REFERENCES counters(id),
  officer_id INTEGER REFERENCES officers(id),
  details_json TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
CREATE INDEX ticket_events_at ON ticket_events (at);

-- Every call and recall (the TV history reads it).
CREATE TABLE call_log (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  number TEXT NOT NULL,
  service_id INTEGER NOT NULL REFERENCES services(id),
  counter_id INTEGER NOT NULL REFERENCES counters(id),
  officer_id INTEGER REFERENCES officers(id),
  kind TEXT NOT NULL CHECK (kind IN ('call', 'recall')),
  at TEXT NOT NULL
);
CREATE INDEX call_log_at ON call_log (at);
