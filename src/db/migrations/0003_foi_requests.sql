-- FOI requests: the request (requester details are personal data), its clock pauses for clarification,
-- the statistics queries attached to it (stored exactly, each with its as-at date), and the response as
-- sent, which is immutable: the exact queries, the threshold, the suppressed tables, the letter.

create table foi_requests (
  id uuid primary key,
  force text not null references forces (slug),
  reference text not null,
  received_on date not null,
  requester_name text not null,
  requester_contact text,
  request_text text not null,
  status text not null check (status in ('open', 'awaiting_clarification', 'sent')),
  due_on date,
  queries jsonb not null default '[]',
  threshold integer not null default 5 check (threshold >= 1),
  version integer not null default 1,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (force, reference)
);
create index foi_requests_force_due on foi_requests (force, due_on);

create table foi_clock_pauses (
  id uuid primary key,
  request_id uuid not null references foi_requests (id),
  paused_on date not null,
  resumed_on date,
  reason text not null,
  check (resumed_on is null or resumed_on >= paused_on)
);
create index foi_clock_pauses_request on foi_clock_pauses (request_id);

create table foi_responses (
  request_id uuid primary key references foi_requests (id),
  queries jsonb not null,
  threshold integer not null,
  tables jsonb not null,
  letter_markdown text not null,
  letter_html text not null,
  tables_csv text not null,
  sent_on date not null,
  sent_at timestamptz not null,
  sent_by uuid references users (id),
  sent_by_label text not null
);
create trigger foi_responses_immutable before update or delete on foi_responses
  for each row execute function refuse_change();
create trigger foi_responses_no_truncate before truncate on foi_responses
  for each statement execute function refuse_change();
