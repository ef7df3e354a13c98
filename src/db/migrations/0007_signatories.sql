-- Who signed: a report's sign-off (and its drafting) and a sent FOI response record the account that did it,
-- with its display name, role and force as they were at that moment, so a later rename, promotion or move
-- never changes who a published report or a sent letter says signed it. Both tables are append-only: the
-- columns are filled from now on, and rows written before stay as they were (no role or force recorded; the
-- name of an earlier report sign-off is the one that was typed).
alter table force_report_events
  add column by_role text,
  add column by_force text references forces (slug);

alter table foi_responses
  add column sent_by_name text,
  add column sent_by_role text,
  add column sent_by_force text references forces (slug);
