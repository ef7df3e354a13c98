-- Account lockout (ADR 0003): consecutive failed sign-ins per account, counted in the database so that every
-- process, the API and the sign-in page share one count. A success resets it; reaching the limit sets
-- locked_at, and only an administrator clears it (which also resets the count).

alter table users
  add column failed_sign_ins integer not null default 0 check (failed_sign_ins >= 0),
  add column locked_at timestamptz;
