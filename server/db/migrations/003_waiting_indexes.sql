-- Partial indexes over waiting tickets only: call-next walks them in queue order and stops
-- at the first one the counter serves; per-field counts and "people ahead" become range scans.
CREATE INDEX tickets_waiting_queue ON tickets (service_day, (priority_id IS NOT NULL), queue_at, id) WHERE status = 'waiting';
CREATE INDEX tickets_waiting_service ON tickets (service_day, service_id, (priority_id IS NOT NULL), queue_at, id)
  WHERE status = 'waiting';
