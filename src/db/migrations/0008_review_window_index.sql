-- The home page asks which complaints' review windows close this week: those whose latest outcome was given 28
-- days before one of its days (src/domain/deadlines.ts). Outcomes by date find them without reading every subject.
create index allegation_subjects_finalised on allegation_subjects (finalised_on) where finalised_on is not null;
