-- The citizen read from a chip ID card (CCCD / Căn cước), linked to tickets. Only what the
-- service needs: ID number, name, birth date, gender and how the chip was verified. Looked
-- up by a keyed hash (HMAC-SHA256 with the installation's secret) of the ID number. Rows
-- older than the retention period (settings.privacy.retentionDays) are purged; tickets and
-- statistics stay.
CREATE TABLE citizens (
  id INTEGER PRIMARY KEY,
  id_hmac TEXT NOT NULL UNIQUE,
  id_number TEXT NOT NULL,
  full_name TEXT NOT NULL,
  -- yyyy-mm-dd
  birth_date TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('Nam', 'Nữ')),
  chip_check TEXT NOT NULL CHECK (chip_check IN ('verified', 'hashes-only', 'failed', 'qr-only')),
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL
);
CREATE INDEX citizens_last_seen ON citizens (last_seen);

CREATE TABLE ticket_citizens (
  ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
  citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
  linked_at TEXT NOT NULL,
  -- where the card was read: 'kiosk' or 'kiosk:<id>', 'counter:<number>'
  source TEXT NOT NULL,
  -- the verification of this read
  chip_check TEXT NOT NULL
);
CREATE INDEX ticket_citizens_citizen ON ticket_citizens (citizen_id);
CREATE INDEX ticket_citizens_linked_at ON ticket_citizens (linked_at);

-- Each time staff open, link or erase a citizen's data. The ID number is kept masked only.
CREATE TABLE citizen_access_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  officer_id INTEGER REFERENCES officers(id),
  ticket_id INTEGER REFERENCES tickets(id),
  action TEXT NOT NULL CHECK (action IN ('view', 'link', 'erase')),
  citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
  id_masked TEXT NOT NULL
);
CREATE INDEX citizen_access_log_at ON citizen_access_log (at);
