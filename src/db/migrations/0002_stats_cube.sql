-- Statistics at national scale (src/features/stats). Counting distinct units over subject_row_versions
-- takes seconds at two million allegations, so a small cube of unit counts is maintained from it by
-- triggers, in the same transaction as every write. The cube holds each unit's latest values (its rows with
-- valid_to null, no outcome masked); an answer as at a past date corrects it with the few cases changed
-- after that date, found through the index on each row's last date.

-- Rows changed after a date: any of their dates later than it (greatest ignores nulls).
create index subject_row_versions_last_date on subject_row_versions
  ((greatest(valid_from, valid_to, received_on, criminal_outcome_on, misconduct_outcome_on, finalised_on)));
-- Filters by category or force, answered from the rows when the cube cannot answer.
create index subject_row_versions_category on subject_row_versions (category_current, received_on);
create index subject_row_versions_force on subject_row_versions (force, received_on);

-- Unit counts per combination of unit-level values. Each variant is one cube: `allegation` (force, period,
-- category, status), `allegation_detail` (adds source, case type, complainant's sex) and `case` (force,
-- period, source, case type, complainant's sex, status). Values a variant does not hold are ''. The period
-- is the year received and whether in January to March, so calendar and financial years both add up.
-- One partition per variant, so that a question reads only its own cube.
create table stats_cube (
  variant text not null,
  force text not null,
  received_year smallint not null,
  received_q1 boolean not null,
  category text not null,
  category_current text not null,
  category_group text not null,
  source text not null,
  case_type text not null,
  complainant_sex text not null,
  live boolean not null,
  units integer not null,
  primary key (variant, force, received_year, received_q1, category, source, case_type, complainant_sex, live)
) partition by list (variant);
create table stats_cube_allegation partition of stats_cube for values in ('allegation');
create table stats_cube_allegation_detail partition of stats_cube for values in ('allegation_detail');
create table stats_cube_case partition of stats_cube for values in ('case');

-- The statement that adds to the cube the units of `delta`: a query giving subject_row_versions rows
-- (valid_to null) and a `sign`. Rows of one unit and one sign are that unit's values, counted once.
create function stats_cube_sql(delta text) returns text language sql immutable as $fn$
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
    '' as source, '' as case_type, '' as complainant_sex, live, sign
  from allegation_units
  union all
  select 'allegation_detail', force, received_on, category, category_current, category_group, source,
    case_type, complainant_sex, live, sign
  from allegation_units
  union all
  select 'case', force, received_on, '', '', '', source, case_type, complainant_sex, live, sign
  from case_units
)
insert into stats_cube as cube (variant, force, received_year, received_q1, category, category_current,
  category_group, source, case_type, complainant_sex, live, units)
select variant, force, extract(year from received_on)::smallint, extract(month from received_on) < 4, category,
  min(category_current), min(category_group), source, case_type, complainant_sex, live, sum(sign)
from contributions
group by variant, force, 3, 4, category, source, case_type, complainant_sex, live
having sum(sign) <> 0
-- One order for every writer, so concurrent transactions lock cube rows in the same order.
order by variant, force, 3, 4, category, source, case_type, complainant_sex, live
on conflict (variant, force, received_year, received_q1, category, source, case_type, complainant_sex, live)
do update set units = cube.units + excluded.units
$sql$, delta)
$fn$;

-- For the cases a statement touched: their units as the table now stands count +1, as it stood before the
-- statement -1 (now, less the rows the statement added, plus those it removed). A case written in several
-- statements is right after each one.
create function stats_cube_maintain() returns trigger language plpgsql as $$
declare
  -- An array, so that the rows are found through the case_id index: the planner cannot size a transition
  -- table, and a join with one may scan the whole table for each statement.
  now_rows text := 'select r.* from subject_row_versions r
    where r.valid_to is null and r.case_id = any (array(%s))';
  cases text;
  before_rows text;
begin
  if TG_OP = 'INSERT' then
    cases := 'select distinct case_id from stats_new';
    before_rows := 'select n.* from now_rows n where not exists (select 1 from stats_new a
      where a.subject_id = n.subject_id and a.valid_from = n.valid_from)';
  elsif TG_OP = 'DELETE' then
    cases := 'select distinct case_id from stats_old';
    before_rows := 'select n.* from now_rows n union all select o.* from stats_old o where o.valid_to is null';
  else
    cases := 'select case_id from stats_new union select case_id from stats_old';
    before_rows := 'select n.* from now_rows n where not exists (select 1 from stats_new a
      where a.subject_id = n.subject_id and a.valid_from = n.valid_from)
      union all select o.* from stats_old o where o.valid_to is null';
  end if;
  execute stats_cube_sql(format(
    'with now_rows as (%s) select n.*, 1 as sign from now_rows n union all select b.*, -1 from (%s) b',
    format(now_rows, cases), before_rows));
  return null;
end
$$;

create trigger stats_cube_insert after insert on subject_row_versions
  referencing new table as stats_new for each statement execute function stats_cube_maintain();
create trigger stats_cube_delete after delete on subject_row_versions
  referencing old table as stats_old for each statement execute function stats_cube_maintain();
create trigger stats_cube_update after update on subject_row_versions
  referencing old table as stats_old new table as stats_new for each statement execute function stats_cube_maintain();

create function stats_cube_clear() returns trigger language plpgsql as $$
begin
  delete from stats_cube;
  return null;
end
$$;
create trigger stats_cube_truncate after truncate on subject_row_versions
  for each statement execute function stats_cube_clear();

-- The cube for the rows already recorded: one pass grouping every row, given the memory to do it at once.
set local work_mem = '128MB';
do $$
begin
  execute stats_cube_sql('select r.*, 1 as sign from subject_row_versions r where r.valid_to is null');
end
$$;
