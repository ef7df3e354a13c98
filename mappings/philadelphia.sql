-- City of Philadelphia complaints against police (OpenDataPhilly, as used in the Financial Times' police-misconduct
-- analysis) as an SQL mapping: the rows mappings/philadelphia.json makes, made by DuckDB. Import
-- complaints_against_police.csv with --map mappings/philadelphia.sql after
-- `probity force add philadelphia "Philadelphia Police Department"`. docs/import-mapping.md explains the choices.
with
-- The complaints file is `source`. NA and #VALUE! mark a missing value, read as null like an empty cell.
complaints as (
  select row_number() over () as complaint_line, *
  from (select nullif(nullif(columns(*), 'NA'), '#VALUE!') from source)
),
findings as (
  select row_number() over () as finding_line, *
  from read_csv(
    'complaints.against.police.findings.csv',
    header = true, all_varchar = true, nullstr = ['', 'NA', '#VALUE!']
  )
),
-- One row per finding, with its complaint; a complaint without findings is one row with no subject. A full join,
-- so that a finding whose complaint is missing stops the query (error) instead of being left out, as does a
-- complaint listed twice.
joined as (
  select
    coalesce(c.complaint_id, f.complaint_id) as complaint_id,
    c.* exclude (complaint_id),
    f.* exclude (complaint_id),
    case
      when c.complaint_line is null
        then error(format('finding {} names complaint {}, which is not in the complaints file', f.finding_line, f.complaint_id))
      when c.complaint_id is not null and count(*) over (partition by c.complaint_id, f.finding_line) > 1
        then error(format('complaint {} is in the complaints file more than once', c.complaint_id))
    end as checked
  from complaints c
  full join findings f on f.complaint_id = c.complaint_id
),
-- The extract has no allegation numbers: each distinct allegation text in a complaint is one allegation, numbered
-- in file order; the same officer named again under the same text is a further allegation of that kind.
repeats as (
  select *,
    row_number() over (
      partition by complaint_id, allegations_investigated, officer_id order by finding_line
    ) as repetition
  from joined
),
allegations as (
  select *,
    min(finding_line) over (partition by complaint_id, allegations_investigated, repetition) as first_line,
    case
      when investigative_findings is not null or disciplinary_findings is not null
        then coalesce(investigative_findings, '') || ' / ' || coalesce(disciplinary_findings, '')
    end as findings
  from repeats
)
select
  complaint_id as case_ref,
  'philadelphia' as force,
  'complaint' as case_type,
  -- The city publishes these as civilian complaints against police (CAP).
  'public' as source,
  -- Already YYYY-MM-DD: the import checks it is a real date.
  date_received as received_on,
  summary,
  dense_rank() over (partition by complaint_id order by first_line) as allegation_ref,
  -- Texts that describe the investigation rather than the allegation, and missing ones, fall back to the
  -- complaint's classification. A value not listed passes through, and the import reports it.
  coalesce(
    case allegations_investigated
      when 'Departmental Violation' then 'other_policies_procedures'
      when 'Disciplinary Code Violation' then 'other_policies_procedures'
      when 'Lack of Service' then 'general_level_of_service'
      when 'Verbal Abuse' then 'impolite_language'
      when 'Physical Abuse' then 'use_of_force'
      when 'Unprofessional Conduct' then 'unprofessional_attitude'
      when 'Harassment' then 'overbearing_harassing'
      when 'Criminal Allegation' then 'discreditable_conduct'
      when 'Civil Rights Complaint' then 'discrimination_other'
      when 'Domestic' then 'discreditable_conduct'
      when 'Falsification' then 'discreditable_conduct'
      when 'Drugs' then 'discreditable_conduct'
      when 'Sexual Crime/Misconduct' then 'other_sexual_conduct'
      when 'Other Misconduct' then 'other'
      when 'Investigation OnGoing' then null
      when 'No C.A.P. Investigation' then null
      when 'Referred to Other Agency/C.A.P. Investigation' then null
      else allegations_investigated
    end,
    case general_cap_classification
      when 'DEPARTMENTAL VIOLATIONS' then 'other_policies_procedures'
      when 'LACK OF SERVICE' then 'general_level_of_service'
      when 'PHYSICAL ABUSE' then 'use_of_force'
      when 'USE OF FORCE INTERNAL' then 'use_of_force'
      when 'VERBAL ABUSE' then 'impolite_language'
      when 'UNPROFESSIONAL CONDUCT' then 'unprofessional_attitude'
      when 'HARASSMENT' then 'overbearing_harassing'
      when 'CRIMINAL ALLEGATION' then 'discreditable_conduct'
      when 'CIVIL RIGHTS COMPLAINT' then 'discrimination_other'
      when 'DOMESTIC' then 'discreditable_conduct'
      when 'FALSIFICATION' then 'discreditable_conduct'
      when 'DRUGS' then 'discreditable_conduct'
      when 'SEXUAL CRIME/MISCONDUCT' then 'other_sexual_conduct'
      when 'NON-INVESTIGATORY INCIDENT' then 'other'
      else general_cap_classification
    end
  ) as category,
  officer_id,
  po_sex as officer_sex,
  -- Every finding is about a sworn officer (the po_ columns), named or not, so each is a subject; a complaint
  -- without findings names no one. (A finding has an officer or a finding recorded.)
  case when officer_id is not null or investigative_findings is not null then 'officer' end as subject_type,
  -- Internal Affairs investigates its own force's officers: a local investigation.
  case
    when allegations_investigated is null then null
    when allegations_investigated = 'No C.A.P. Investigation' then 'not_investigated'
    when allegations_investigated = 'Referred to Other Agency/C.A.P. Investigation' then 'not_recorded'
    else 'local'
  end as handling,
  -- No else: a combination not listed here passes through and stops the import, so a new one is mapped deliberately.
  case findings
    when 'No Sustained Findings / Not Applicable' then 'no_case_to_answer'
    when 'Not Applicable / Not Applicable' then 'no_further_action'
    when 'Sustained Finding / Training/Counseling' then 'reflective_practice'
    when 'Sustained Finding / Guilty Finding' then 'written_warning'
    when 'Sustained Finding / No Guilty Findings' then 'not_proven'
    when 'Sustained Finding / Not Applicable' then 'no_further_action'
    when 'Sustained Finding / Pending' then null
    when 'Pending / Pending' then null
    else findings
  end as misconduct_outcome,
  -- The city publishes no outcome dates: a decided row is dated at the end of the extract's last month, and a row
  -- is live while its discipline is pending or its findings are missing.
  case when disciplinary_findings <> 'Pending' then date '2021-03-31' end as misconduct_outcome_on,
  case when disciplinary_findings <> 'Pending' then date '2021-03-31' end as finalised_on,
  -- The city's own words, kept beside the codes they were mapped to (docs/formats.md §9).
  allegations_investigated as x_allegation,
  investigative_findings as x_finding,
  disciplinary_findings as x_penalty
from allegations
where checked is null
-- A case's allegations and subjects are recorded in the order its rows come.
order by complaint_line, finding_line
