-- Per-force reports: maintained workforce figures (loaded from data-sources/workforce.csv), reports as
-- written (never changed: a new report is written instead) and their events (drafted, signed off),
-- append-only, so "signed off by whom and when" is a fact that cannot be edited.

create table workforce_figures (
  force text not null references forces (slug),
  as_at date not null,
  officers_fte numeric(10, 2) not null check (officers_fte > 0),
  source text not null,
  primary key (force, as_at)
);

create table force_reports (
  id uuid primary key,
  force text not null references forces (slug),
  category text not null,
  period_from text not null,
  period_to text not null,
  as_of date not null,
  threshold integer not null,
  headline text not null,
  markdown text not null,
  html text not null,
  facts jsonb not null,
  created_by uuid references users (id),
  created_by_label text not null,
  created_at timestamptz not null default now()
);
create index force_reports_force on force_reports (force, created_at);
create trigger force_reports_immutable before update or delete on force_reports
  for each row execute function refuse_change();

create table force_report_events (
  id bigint generated always as identity primary key,
  report_id uuid not null references force_reports (id),
  type text not null check (type in ('drafted', 'signed_off')),
  by_user uuid references users (id),
  by_label text not null,
  by_name text not null,
  note text,
  at timestamptz not null default now()
);
create index force_report_events_report on force_report_events (report_id);
-- One sign-off per report, however many people try at once.
create unique index force_report_events_one_sign_off on force_report_events (report_id) where type = 'signed_off';
create trigger force_report_events_append_only before update or delete on force_report_events
  for each row execute function refuse_change();
create trigger force_report_events_no_truncate before truncate on force_report_events
  for each statement execute function refuse_change();
