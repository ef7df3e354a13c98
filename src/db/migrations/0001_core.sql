-- Core record: forces, officers, accounts, cases with their append-only event log, current-state tables
-- maintained from the log, validity intervals for as-at reads, and the hash-chained audit log.

create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'P0001';
end
$$;

create table forces (
  slug text primary key,
  name text not null unique,
  country text not null check (country in ('england', 'wales', 'other')),
  built_in boolean not null default false,
  created_at timestamptz not null default now()
);

create table officers (
  id uuid primary key,
  national_id text unique,
  given_name text,
  family_name text,
  sex text not null default 'not_recorded' check (sex in ('female', 'male', 'not_recorded')),
  created_at timestamptz not null default now()
);

create table officer_service (
  id uuid primary key,
  officer_id uuid not null references officers (id),
  force text not null references forces (slug),
  force_number text,
  rank text,
  started_on date,
  ended_on date,
  check (ended_on is null or started_on is null or ended_on >= started_on)
);
create unique index officer_service_number on officer_service (force, force_number);
create index officer_service_officer on officer_service (officer_id);

create table users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  password_hash text,
  role text not null check (role in ('case_officer', 'appropriate_authority', 'vetting_officer', 'foi_officer',
    'iopc_oversight', 'analyst', 'admin')),
  force text references forces (slug),
  officer_id uuid references officers (id),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id uuid primary key,
  user_id uuid not null references users (id),
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table cases (
  id uuid primary key,
  force text not null references forces (slug),
  case_ref text not null,
  case_type text not null check (case_type in ('complaint', 'conduct', 'dsi')),
  source text not null check (source in ('public', 'colleague', 'anonymous', 'not_recorded')),
  received_on date not null,
  incident_on date,
  complainant_sex text not null check (complainant_sex in ('female', 'male', 'other', 'not_recorded')),
  summary text,
  status text not null,
  referred_to_iopc boolean not null default false,
  investigation_mode text,
  investigating_force text references forces (slug),
  investigator text,
  restricted boolean not null default false,
  version integer not null,
  last_effective_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (force, case_ref)
);
create index cases_force_received on cases (force, received_on);

create table case_ref_counters (
  force text not null references forces (slug),
  year integer not null,
  last_number integer not null,
  primary key (force, year)
);

create table case_events (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases (id),
  seq integer not null,
  type text not null,
  effective_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by uuid references users (id),
  reason text,
  payload jsonb not null,
  unique (case_id, seq)
);
create trigger case_events_append_only before update or delete on case_events
  for each row execute function refuse_change();
create trigger case_events_no_truncate before truncate on case_events
  for each statement execute function refuse_change();

-- Current state, rewritten from the event log in the transaction that appends to it.
create table complainants (
  id uuid primary key,
  case_id uuid not null references cases (id),
  position integer not null,
  role text not null,
  name text,
  sex text not null,
  contact text
);
create index complainants_case on complainants (case_id);

create table allegations (
  id uuid primary key,
  case_id uuid not null references cases (id),
  position integer not null,
  ref text not null,
  category text not null,
  description text,
  unique (case_id, ref)
);

create table allegation_subjects (
  id uuid primary key,
  case_id uuid not null references cases (id),
  allegation_id uuid not null references allegations (id),
  position integer not null,
  subject_key text not null,
  officer_id uuid references officers (id),
  officer_national_id text,
  officer_force_number text,
  officer_sex text not null,
  subject_type text not null,
  on_duty text not null,
  handling text not null,
  investigating_force text,
  severity text,
  criminal_outcome text,
  criminal_outcome_on date,
  misconduct_outcome text,
  misconduct_outcome_on date,
  finalised_on date
);
create index allegation_subjects_case on allegation_subjects (case_id);
create index allegation_subjects_officer on allegation_subjects (officer_id);

create table case_access (
  case_id uuid not null references cases (id),
  user_id uuid not null references users (id),
  kind text not null check (kind in ('named', 'conflict')),
  primary key (case_id, user_id, kind)
);

-- One row per allegation x subject and per interval of effective dates in which its values held
-- (valid_to exclusive, null while current): statistics as at any date read this table directly.
create table subject_row_versions (
  subject_id uuid not null,
  valid_from date not null,
  valid_to date,
  case_id uuid not null,
  allegation_id uuid not null,
  force text not null,
  case_type text not null,
  source text not null,
  received_on date not null,
  complainant_sex text not null,
  category text not null,
  category_current text not null,
  category_group text not null,
  officer_id uuid,
  officer_sex text not null,
  subject_type text not null,
  on_duty text not null,
  handling text not null,
  criminal_outcome text,
  criminal_outcome_on date,
  misconduct_outcome text,
  misconduct_outcome_on date,
  finalised_on date,
  primary key (subject_id, valid_from)
);
create index subject_row_versions_case on subject_row_versions (case_id);
create index subject_row_versions_received on subject_row_versions (received_on, force);

create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_label text not null,
  action text not null,
  target_type text,
  target_id text,
  detail jsonb not null,
  prev_hash text not null,
  hash text not null
);
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_change();

-- The chain's head, moved forward with every append: deleting the newest entries shows as a mismatch.
create table audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash text not null
);
