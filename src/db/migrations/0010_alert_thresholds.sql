-- The top_of_force rule compares a person's allegations per year of service in a force with the rate that puts an
-- officer in the force's top share. Counting that rate reads every officer and allegation of the force, so the
-- last count of the day is kept here with the number of officers and spells of service it counted; a rate below
-- it needs no count while the force has as many spells (src/features/alerts/force-rate.ts). Earlier days are
-- deleted.
create table force_rate_thresholds (
  force text not null,
  percent integer not null,
  computed_on date not null,
  officers integer not null,
  spells integer not null,
  rate double precision not null,
  primary key (force, percent, computed_on)
);

-- What the rules read about a person, found without reading the whole table.
create index officer_service_force on officer_service (force);
create index vetting_checks_officer on vetting_checks (officer_id);
create index list_entries_date_of_birth on list_entries (date_of_birth) where date_of_birth is not null;
create index list_entries_case on list_entries (case_id) where case_id is not null;
create index list_proposals_case on list_proposals (case_id) where case_id is not null;
