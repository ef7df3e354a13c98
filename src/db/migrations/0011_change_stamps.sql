-- Rewriting a case's current state deletes its allegations, and each delete checks allegation_subjects'
-- reference to them: with no index on it, every check read the whole table (250 ms a case event at national scale).
create index allegation_subjects_allegation on allegation_subjects (allegation_id);

-- A kept top_of_force threshold (0010) is checked against what changed since it was counted: each spell of service
-- and each case carries the transaction that last wrote it, and a threshold the snapshot it was counted in. A spell
-- of its force written by a transaction that snapshot did not see means the threshold may have fallen; a case of its
-- force written so, that it may have risen (src/features/alerts/force-rate.ts). A case's allegations and subjects
-- are only ever written with its row (src/features/cases/case-store.ts). Both are found from an index on (force,
-- changed_in) in a few rows. Rows written before this migration were seen by every later snapshot.
create function stamp_changed_in() returns trigger language plpgsql as $$
begin
  new.changed_in := pg_current_xact_id();
  return new;
end
$$;

alter table officer_service add column changed_in xid8 default pg_current_xact_id();
create trigger officer_service_changed before update on officer_service
  for each row execute function stamp_changed_in();
create index officer_service_changed_in on officer_service (force, changed_in);

alter table cases add column changed_in xid8 default pg_current_xact_id();
create trigger cases_changed before update on cases
  for each row execute function stamp_changed_in();
create index cases_changed_in on cases (force, changed_in);

-- Thresholds kept with a count of spells cannot be checked the new way: they are counted again.
delete from force_rate_thresholds;
alter table force_rate_thresholds drop column spells;
alter table force_rate_thresholds add column seen text not null;
