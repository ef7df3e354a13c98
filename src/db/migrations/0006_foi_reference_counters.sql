-- FOI references chosen by Probity (FOI-YYYY-NNNNN) are numbered from a counter per force and year, taken under
-- its row lock inside the registering transaction, as case references are: two processes never draw the same one.
create table foi_reference_counters (
  force text not null references forces (slug),
  year integer not null,
  last_number integer not null,
  primary key (force, year)
);
