-- Reports, second pack format (server/domain/reports/dayPack.ts): each closed day is kept as
-- three parts that each report reads alone: `counts` (tickets counted by field, counter,
-- officer, hour and status), `times` (the waiting and service seconds of served tickets, sorted
-- per field, counter and officer) and `ratings` (ratings counted by level, with the reasons and
-- the number of written comments). A summary is only a cache of `tickets` and `ratings`: the
-- old rows are dropped and rebuilt on demand. The triggers of 010 keep deleting a day's rows
-- (every part) as soon as one of its tickets or ratings changes.
DROP INDEX report_days_meta;
DROP TABLE report_days;
-- A rowid table: a part (a few KB) then lies mostly in its row's own page, where a WITHOUT
-- ROWID row keeps only about 1 KB locally and chains the rest over more overflow pages.
CREATE TABLE report_days (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  part TEXT NOT NULL CHECK (part IN ('counts', 'times', 'ratings')),
  -- the pack format; a row of another format is rebuilt
  format INTEGER NOT NULL,
  -- the zone the hours of issue were taken in; a pack of another zone is rebuilt
  time_zone TEXT NOT NULL,
  built_at TEXT NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (day, part)
);
-- Which parts are stored and when they were built, without reading the packs' pages.
CREATE INDEX report_days_meta ON report_days (part, day, format, time_zone, built_at);

-- The reasons are counted in the `ratings` part; the report reads only the newest written
-- comments straight from the table.
DROP INDEX ratings_level_day;
CREATE INDEX ratings_comments ON ratings (service_day) WHERE reason_text <> '';
