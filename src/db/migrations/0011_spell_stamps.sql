-- Rewriting a case's current state deletes its allegations, and each delete checks allegation_subjects'
-- reference to them: with no index on it, every check read the whole table (250 ms a case event at national scale).
create index allegation_subjects_allegation on allegation_subjects (allegation_id);

-- A kept top_of_force threshold (0010) holds while no spell of service in its force changed since it was counted.
-- Counting the force's spells to tell took longer than the rest of the rules together; instead each spell carries
-- the transaction that last wrote it, and a threshold the snapshot it was counted in: any spell of the force
-- written by a transaction that snapshot did not see invalidates it, found from an index in a few rows
-- (src/features/alerts/force-rate.ts). Spells written before this migration were seen by every later snapshot.
alter table officer_service add column changed_in xid8 default pg_current_xact_id();

create function officer_service_changed() returns trigger language plpgsql as $$
begin
  new.changed_in := pg_current_xact_id();
  return new;
end
$$;

create trigger officer_service_changed before update on officer_service
  for each row execute function officer_service_changed();

create index officer_service_changed_in on officer_service (force, changed_in);

-- Thresholds kept with a count of spells cannot be checked the new way: they are counted again.
delete from force_rate_thresholds;
alter table force_rate_thresholds drop column spells;
alter table force_rate_thresholds add column seen text not null;
