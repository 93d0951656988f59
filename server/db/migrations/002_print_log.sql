-- Every attempt to print a ticket (at issue or a reprint from a counter), with its outcome.
CREATE TABLE print_log (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('issue', 'reprint')),
  printer TEXT NOT NULL,
  ok INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT,
  officer_id INTEGER REFERENCES officers(id)
);
CREATE INDEX print_log_ticket ON print_log (ticket_id);
