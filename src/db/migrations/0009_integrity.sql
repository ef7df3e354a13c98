-- Integrity across forces (docs/formats.md §5 to §8): one person across forces, service spells that end with a
-- reason, merges of two records as one person (undoable), the Barred and Advisory Lists, vetting checks and
-- early-warning alerts.

-- A record is an officer as one source knows them; `person_id` names the person it belongs to, itself unless a
-- confirmed merge joined it to another record. Merging and undoing change only `person_id`, so every case keeps
-- the record it named and figures as at earlier dates are unchanged.
alter table officers add column person_id uuid;
update officers set person_id = id;
alter table officers alter column person_id set not null;
-- A new record is its own person until a merge says otherwise.
create function officer_own_person() returns trigger language plpgsql as $$
begin
  new.person_id := coalesce(new.person_id, new.id);
  return new;
end
$$;
create trigger officers_own_person before insert on officers
  for each row execute function officer_own_person();
alter table officers add column date_of_birth date;
alter table officers add column subject_type text not null default 'not_recorded'
  check (subject_type in ('officer', 'staff', 'special_constable', 'not_recorded'));
create index officers_person on officers (person_id);
create index officers_family_name on officers (lower(family_name));
create index officers_date_of_birth on officers (date_of_birth) where date_of_birth is not null;

alter table officer_service add column leaving_reason text check (leaving_reason in ('transferred', 'resigned',
  'retired', 'dismissed', 'resigned_under_investigation', 'retired_under_investigation', 'died', 'other',
  'not_recorded'));
alter table officer_service add check (leaving_reason is null or ended_on is not null);

-- A confirmed match. `moved` lists the records whose person changed and the person each had, so that undoing
-- puts back exactly what the merge changed.
create table officer_merges (
  id uuid primary key,
  kept_officer_id uuid not null references officers (id),
  merged_officer_id uuid not null references officers (id),
  moved jsonb not null,
  why text not null,
  confirmed_by uuid references users (id),
  confirmed_label text not null,
  confirmed_at timestamptz not null,
  undone_by uuid references users (id),
  undone_label text,
  undone_at timestamptz,
  undo_reason text
);
create index officer_merges_kept on officer_merges (kept_officer_id);
create index officer_merges_merged on officer_merges (merged_officer_id);

-- A proposed match someone decided is not the same person: never proposed again (officer_a < officer_b).
create table officer_match_rejections (
  officer_a uuid not null references officers (id),
  officer_b uuid not null references officers (id),
  reason text not null,
  rejected_by uuid references users (id),
  rejected_label text not null,
  rejected_at timestamptz not null,
  primary key (officer_a, officer_b),
  check (officer_a < officer_b)
);

-- The Barred and Advisory Lists (§6). `entry_key` makes importing the same file twice change nothing.
create table list_entries (
  id uuid primary key,
  entry_key text not null unique,
  list text not null check (list in ('barred', 'advisory')),
  officer_id uuid references officers (id),
  national_id text,
  family_name text not null,
  given_names text not null,
  date_of_birth date,
  force text not null references forces (slug),
  force_number text,
  rank text,
  entered_on date not null,
  reason text not null,
  removed_on date,
  removal_reason text,
  origin text not null check (origin in ('import', 'recorded', 'proposal')),
  case_id uuid references cases (id),
  created_at timestamptz not null default now(),
  check (removed_on is null or removed_on >= entered_on)
);
create index list_entries_officer on list_entries (officer_id);
create index list_entries_national_id on list_entries (national_id) where national_id is not null;
create index list_entries_name on list_entries (lower(family_name), date_of_birth);

-- An entry Probity proposes to an appropriate authority: Barred on a dismissal outcome, Advisory on leaving while
-- a case is live. One proposal per list, person and case.
create table list_proposals (
  id uuid primary key,
  list text not null check (list in ('barred', 'advisory')),
  officer_id uuid not null references officers (id),
  force text not null references forces (slug),
  case_id uuid references cases (id),
  reason text not null,
  proposed_on date not null,
  status text not null check (status in ('proposed', 'accepted', 'declined', 'withdrawn')),
  decided_by uuid references users (id),
  decided_label text,
  decided_at timestamptz,
  decision_reason text,
  entry_id uuid references list_entries (id),
  unique (list, officer_id, case_id)
);
create index list_proposals_force_status on list_proposals (force, status);

-- A vetting check (§7), kept whole as answered so that its PDF and HTML can be downloaded again unchanged.
create table vetting_checks (
  id uuid primary key,
  officer_id uuid not null references officers (id),
  person_id uuid not null,
  purpose text not null check (purpose in ('transfer', 'recruitment', 're_vetting', 'promotion', 'other')),
  reason text,
  checked_by uuid references users (id),
  checked_label text not null,
  checked_at timestamptz not null,
  result jsonb not null
);
create index vetting_checks_person on vetting_checks (person_id, checked_at);

-- Early-warning alerts (§8). At most one open alert per person, rule and group (what it is about: a spell, a
-- check, or the person's whole record for a pattern), its evidence growing as more is recorded; the engine never
-- raises an alert for evidence a closed one already held.
create table alerts (
  id uuid primary key,
  person_id uuid not null,
  rule text not null,
  group_key text not null,
  evidence_key text not null,
  evidence jsonb not null,
  forces jsonb not null,
  status text not null check (status in ('new', 'under_review', 'intervention_agreed', 'closed')),
  raised_on date not null,
  raised_at timestamptz not null,
  closed_reason text,
  updated_at timestamptz not null
);
create unique index alerts_one_open on alerts (person_id, rule, group_key) where status <> 'closed';
create index alerts_person on alerts (person_id, rule);
create index alerts_status on alerts (status, raised_on);

create table alert_events (
  id bigint generated always as identity primary key,
  alert_id uuid not null references alerts (id),
  status text not null,
  reason text,
  recorded_by uuid references users (id),
  recorded_label text not null,
  recorded_at timestamptz not null
);
create index alert_events_alert on alert_events (alert_id);

-- Thresholds that differ from the documented defaults: `scope` is 'national' or a force slug.
create table alert_settings (
  scope text not null,
  rule text not null,
  enabled boolean not null,
  threshold integer not null check (threshold > 0),
  window_years integer not null check (window_years > 0),
  updated_by uuid references users (id),
  updated_label text not null,
  updated_at timestamptz not null,
  primary key (scope, rule)
);
