-- The source's own words for each allegation × subject row (docs/formats.md §9: the `x_` columns of the allegations
-- CSV), as a JSON object of column name to text, null when the row has none. Statistics count them from the rows.
alter table subject_row_versions add column x jsonb;
