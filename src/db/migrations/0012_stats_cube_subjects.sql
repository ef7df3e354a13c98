-- Subjects in the statistics cube (ADR 4): a `subject` variant counting each subject by force, period, category,
-- whether on duty, and live or finalised, with whether each other per-subject field is recorded (or why not),
-- which every answer about subjects reports. Counting subjects from the rows took about a second at two million
-- allegations; the variant has about 220,000 cells there. The values of those other fields (sex, type, handling,
-- outcomes) would make the cells nearly as many as the rows, so breakdowns by them are still counted from the rows.
-- A field's state is `recorded`, or the reason it has no value as the records stand now (repository.ts gives the
-- reasons as at a date).
alter table stats_cube
  add column on_duty text not null default '',
  add column officer_sex text not null default '',
  add column subject_type text not null default '',
  add column criminal_outcome text not null default '',
  add column misconduct_outcome text not null default '';
alter table stats_cube drop constraint stats_cube_pkey;
alter table stats_cube add primary key (variant, force, received_year, received_q1, category, source, case_type,
  complainant_sex, on_duty, officer_sex, subject_type, criminal_outcome, misconduct_outcome, live);
create table stats_cube_subject partition of stats_cube for values in ('subject');

-- A question about current categories (sexual misconduct above all) as at a past date corrects the cube with only
-- the rows of those categories changed since: found here, where the index on the last date alone would read every
-- row changed since.
create index subject_row_versions_category_last_date on subject_row_versions
  (category_current, (greatest(valid_from, valid_to, received_on, criminal_outcome_on, misconduct_outcome_on,
    finalised_on)));

create or replace function stats_cube_sql(delta text) returns text language sql immutable as $fn$
select format($sql$
with delta as (%s),
allegation_units as (
  select sign, min(force) as force, min(received_on) as received_on, min(category) as category,
    min(category_current) as category_current, min(category_group) as category_group, min(source) as source,
    min(case_type) as case_type, min(complainant_sex) as complainant_sex, bool_or(finalised_on is null) as live
  from delta group by sign, allegation_id
),
case_units as (
  select sign, min(force) as force, min(received_on) as received_on, min(source) as source,
    min(case_type) as case_type, min(complainant_sex) as complainant_sex, bool_or(finalised_on is null) as live
  from delta group by sign, case_id
),
contributions as (
  select 'allegation' as variant, force, received_on, category, category_current, category_group,
    '' as source, '' as case_type, '' as complainant_sex, '' as on_duty, '' as officer_sex, '' as subject_type,
    '' as criminal_outcome, '' as misconduct_outcome, live, sign
  from allegation_units
  union all
  select 'allegation_detail', force, received_on, category, category_current, category_group, source,
    case_type, complainant_sex, '', '', '', '', '', live, sign
  from allegation_units
  union all
  select 'case', force, received_on, '', '', '', source, case_type, complainant_sex, '', '', '', '', '', live, sign
  from case_units
  union all
  -- A subject has one row in effect: each row of the delta is a unit.
  select 'subject', force, received_on, category, category_current, category_group, '', '', '', on_duty,
    case when officer_sex = 'not_recorded' then 'not_recorded' else 'recorded' end,
    case when subject_type = 'not_recorded' then 'not_recorded' else 'recorded' end,
    case when criminal_outcome is not null then 'recorded' when finalised_on is null then 'not_yet'
      else 'not_applicable' end,
    case when misconduct_outcome is not null then 'recorded' when finalised_on is null then 'not_yet'
      when handling = 'outside_schedule_3' then 'not_applicable' else 'not_recorded' end,
    finalised_on is null, sign
  from delta
)
insert into stats_cube as cube (variant, force, received_year, received_q1, category, category_current,
  category_group, source, case_type, complainant_sex, on_duty, officer_sex, subject_type, criminal_outcome,
  misconduct_outcome, live, units)
select variant, force, extract(year from received_on)::smallint, extract(month from received_on) < 4, category,
  min(category_current), min(category_group), source, case_type, complainant_sex, on_duty, officer_sex,
  subject_type, criminal_outcome, misconduct_outcome, live, sum(sign)
from contributions
group by variant, force, 3, 4, category, source, case_type, complainant_sex, on_duty, officer_sex, subject_type,
  criminal_outcome, misconduct_outcome, live
having sum(sign) <> 0
-- One order for every writer, so concurrent transactions lock cube rows in the same order.
order by variant, force, 3, 4, category, source, case_type, complainant_sex, on_duty, officer_sex, subject_type,
  criminal_outcome, misconduct_outcome, live
on conflict (variant, force, received_year, received_q1, category, source, case_type, complainant_sex, on_duty,
  officer_sex, subject_type, criminal_outcome, misconduct_outcome, live)
do update set units = cube.units + excluded.units
$sql$, delta)
$fn$;

-- The new variant for the rows already recorded (the other variants are rebuilt with it, in one pass).
set local work_mem = '128MB';
delete from stats_cube;
do $$
begin
  execute stats_cube_sql('select r.*, 1 as sign from subject_row_versions r where r.valid_to is null');
end
$$;
