-- Satisfaction ratings from the counter's tablet page, button box or USB keypad.
-- Owned by server/domain/ratings. Level keys: shared/ratings.ts.
CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  -- the visit rated; NULL = an anonymous press outside any ticket's window
  ticket_id INTEGER UNIQUE REFERENCES tickets(id),
  dossier_id INTEGER REFERENCES dossiers(id),
  counter_id INTEGER NOT NULL REFERENCES counters(id),
  officer_id INTEGER REFERENCES officers(id),
  -- the field of the ticket rated (NULL when anonymous)
  service_id INTEGER REFERENCES services(id),
  -- 'very_satisfied' | 'satisfied' | 'neutral' | 'unsatisfied' | 'very_unsatisfied'
  level TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'neutral', 'unsatisfied', 'very_unsatisfied')),
  -- how many levels the office's scale had when this was given (3, 4 or 5)
  scale_size INTEGER NOT NULL CHECK (scale_size BETWEEN 3 AND 5),
  -- preset reason keys (JSON array) and free text, for the lower levels
  reasons_json TEXT NOT NULL DEFAULT '[]',
  reason_text TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('tablet', 'buttons', 'keypad')),
  at TEXT NOT NULL,
  service_day TEXT NOT NULL
);
CREATE UNIQUE INDEX ratings_dossier ON ratings (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX ratings_day ON ratings (service_day, counter_id);

-- Tablets paired with a counter (the /rate/ page). Only a hash of the device token is kept;
-- a counter has at most one paired tablet (pairing a new one replaces it).
CREATE TABLE rating_devices (
  id INTEGER PRIMARY KEY,
  counter_id INTEGER NOT NULL REFERENCES counters(id),
  token_hash TEXT NOT NULL UNIQUE,
  paired_at TEXT NOT NULL,
  -- who confirmed the pairing (the officer at the counter, or an admin)
  paired_by INTEGER REFERENCES officers(id),
  last_seen_at TEXT
);
CREATE UNIQUE INDEX rating_devices_counter ON rating_devices (counter_id);
