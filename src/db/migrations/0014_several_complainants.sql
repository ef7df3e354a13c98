-- Several complainants of different sex (docs/formats.md §9): their sexes as a combination, each code once, in the
-- order female, male, other, not_recorded, joined by ';' (the import puts them in that order).
alter table cases drop constraint cases_complainant_sex_check;
alter table cases add constraint cases_complainant_sex_check check (
  complainant_sex ~ '^(female|male|other|not_recorded)(;(female|male|other|not_recorded))*$'
);
