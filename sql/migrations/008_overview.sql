-- The overview (issue #12): "Seit der letzten Sitzung" reads a
-- municipality's audit events since a date. The log's indexes lead with
-- (municipality_id, id) and (municipality_id, table_name, row_id, id), so
-- a time window was a scan of the municipality's whole history (some
-- thousands of rows per request at 2,000 measures); this index makes it a
-- range of the recent events only.
CREATE INDEX audit_event_recent ON audit_event (municipality_id, at);
