-- A ticket still called or serving when its service day ends is closed by the rollover:
-- finished at closing time and flagged, so that service-time statistics leave it out.
ALTER TABLE tickets ADD COLUMN closed_by_rollover INTEGER NOT NULL DEFAULT 0;

-- The service day only moves forward: the day in use (last_rollover_day) keeps the time
-- zone and day start it began with; a changed zone or day start takes effect from the
-- next service day.
ALTER TABLE office ADD COLUMN day_time_zone TEXT;
ALTER TABLE office ADD COLUMN day_start_in_effect INTEGER;
UPDATE office SET day_time_zone = time_zone, day_start_in_effect = day_start_minutes;
-- A day start of 24:00 was once accepted; it is the next day's 00:00 (from the next day on).
UPDATE office SET day_start_minutes = 0 WHERE day_start_minutes NOT BETWEEN 0 AND 1439;

-- Tickets left called or serving on past days by earlier versions: closed now, with no
-- service time (their real end is unknown).
INSERT INTO ticket_events (ticket_id, action, from_status, to_status, at, counter_id, officer_id, details_json)
  SELECT id, 'finish', status, 'done', COALESCE(started_at, called_at, issued_at), counter_id, NULL,
    '{"closedByRollover":true}'
  FROM tickets
  WHERE status IN ('called', 'serving') AND service_day < (SELECT last_rollover_day FROM office WHERE id = 1);
UPDATE tickets
  SET status = 'done', closed_by_rollover = 1,
    started_at = COALESCE(started_at, called_at, issued_at),
    finished_at = COALESCE(started_at, called_at, issued_at)
  WHERE status IN ('called', 'serving') AND service_day < (SELECT last_rollover_day FROM office WHERE id = 1);

-- A number is given once per service day: looked up by number, and a last guard on insert.
CREATE INDEX tickets_day_number ON tickets (service_day, upper(number));
CREATE TRIGGER tickets_number_once_a_day BEFORE INSERT ON tickets
  WHEN EXISTS (SELECT 1 FROM tickets WHERE service_day = NEW.service_day AND upper(number) = upper(NEW.number))
BEGIN
  SELECT RAISE(ABORT, 'duplicate ticket number in the service day');
END;
