-- The overview (issue #12).
--
-- "Seit der letzten Sitzung" reads a municipality's audit events since a
-- date. The log's indexes lead with (municipality_id, id) and
-- (municipality_id, table_name, row_id, id), so a time window was a scan
-- of the municipality's whole history (some thousands of rows per request
-- at 2,000 measures); this index makes it a range of the recent events.
CREATE INDEX audit_event_recent ON audit_event (municipality_id, at);

-- The overview counts a concept's measures (by status, action field,
-- progress, latest Sachstand, planned end) on every request: at 2,000
-- measures of a few kB each, a scan of the table's rows read some 2,000
-- pages (5 ms and more a request). This index holds every column the
-- counts and the measure's row-level security policies read, so the
-- counts are one index-only scan of some 40 pages; ordered by status and
-- rank, it also gives the 50 proposed and suspended measures to decide.
CREATE INDEX measure_overview ON measure (municipality_id, concept_id, status, rank)
  INCLUDE (action_field_id, progress, last_report_status, last_report_on, planned_end,
           visibility, lead_organisation_id, partner_organisation_ids);

-- The overview's figures of a concept as last computed, for the default
-- view (since the last meeting): the counts, indicators, decisions and
-- changes take some milliseconds to compute at 2,000 measures and change
-- only when something of the municipality is changed, which writes an
-- audit event. A row is used while it is of today (Europe/Berlin: stale
-- and overdue depend on the day), the municipality's newest audit event
-- is still audit_max and since is the same; once it is a minute old, one
-- request computes it anew (an event committed late, with a lower id than
-- one already seen, is picked up within that minute). Only officers, the steering group and
-- district admins compute and read it, and they see every measure of
-- their municipality, so one row serves them all.
CREATE TABLE overview_cache (
  municipality_id bigint NOT NULL REFERENCES municipality (id),
  concept_id      bigint NOT NULL,
  since           date NOT NULL,
  audit_max       bigint,
  computed_on     date NOT NULL,
  computed_at     timestamptz NOT NULL DEFAULT now(),
  doc             json NOT NULL,
  PRIMARY KEY (municipality_id, concept_id),
  FOREIGN KEY (municipality_id, concept_id)
    REFERENCES concept (municipality_id, id) ON DELETE CASCADE
);
ALTER TABLE overview_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE overview_cache FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON overview_cache TO teilhabe_app;
