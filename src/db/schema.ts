// Table types for Kysely, matching src/db/migrations. Dates are ISO strings (YYYY-MM-DD) on both drivers.
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type { Role } from '../domain/permissions.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string, string>

export interface ForcesTable {
  slug: string
  name: string
  country: 'england' | 'wales' | 'other'
  built_in: ColumnType<boolean, boolean | undefined, boolean>
  created_at: Timestamp
}

export interface OfficersTable {
  id: string
  national_id: string | null
  given_name: string | null
  family_name: string | null
  sex: string
  created_at: Timestamp
  /** The person this record belongs to: its own id unless a confirmed merge joined it to another record. */
  person_id: ColumnType<string, string | undefined, string>
  date_of_birth: string | null
  subject_type: ColumnType<string, string | undefined, string>
}

export interface OfficerServiceTable {
  id: string
  officer_id: string
  force: string
  force_number: string | null
  rank: string | null
  started_on: string | null
  ended_on: string | null
  leaving_reason: ColumnType<string | null, string | null | undefined, string | null>
  /** The transaction that last wrote the spell (xid8), set by the database: never written by the code. */
  changed_in: ColumnType<string | null, never, never>
}

export interface OfficerMergesTable {
  id: string
  kept_officer_id: string
  merged_officer_id: string
  /** The records whose person the merge changed, each with the person it had: `{ officerId, personId }[]`. */
  moved: Json
  why: string
  confirmed_by: string | null
  confirmed_label: string
  confirmed_at: Timestamp
  undone_by: string | null
  undone_label: string | null
  undone_at: Date | null
  undo_reason: string | null
}

export interface OfficerMatchRejectionsTable {
  officer_a: string
  officer_b: string
  reason: string
  rejected_by: string | null
  rejected_label: string
  rejected_at: Timestamp
}

export interface ListEntriesTable {
  id: string
  entry_key: string
  list: 'barred' | 'advisory'
  officer_id: string | null
  national_id: string | null
  family_name: string
  given_names: string
  date_of_birth: string | null
  force: string
  force_number: string | null
  rank: string | null
  entered_on: string
  reason: string
  removed_on: string | null
  removal_reason: string | null
  origin: 'import' | 'recorded' | 'proposal'
  case_id: string | null
  created_at: Timestamp
}

export interface ListProposalsTable {
  id: string
  list: 'barred' | 'advisory'
  officer_id: string
  force: string
  case_id: string | null
  reason: string
  proposed_on: string
  status: 'proposed' | 'accepted' | 'declined' | 'withdrawn'
  decided_by: string | null
  decided_label: string | null
  decided_at: Date | null
  decision_reason: string | null
  entry_id: string | null
}

export interface VettingChecksTable {
  id: string
  officer_id: string
  person_id: string
  purpose: string
  reason: string | null
  checked_by: string | null
  checked_label: string
  checked_at: Timestamp
  result: Json
}

export interface AlertsTable {
  id: string
  person_id: string
  rule: string
  group_key: string
  evidence_key: string
  evidence: Json
  forces: Json
  status: 'new' | 'under_review' | 'intervention_agreed' | 'closed'
  raised_on: string
  raised_at: Timestamp
  closed_reason: string | null
  updated_at: Timestamp
}

export interface AlertEventsTable {
  id: Generated<string>
  alert_id: string
  status: string
  reason: string | null
  recorded_by: string | null
  recorded_label: string
  recorded_at: Timestamp
}

export interface ForceRateThresholdsTable {
  force: string
  percent: number
  computed_on: string
  officers: number
  rate: number
  /** The snapshot (pg_snapshot as text) the threshold was counted in. */
  seen: string
}

export interface AlertSettingsTable {
  scope: string
  rule: string
  enabled: boolean
  threshold: number
  window_years: number
  updated_by: string | null
  updated_label: string
  updated_at: Timestamp
}

export interface UsersTable {
  id: string
  username: string
  display_name: string
  password_hash: string | null
  role: Role
  force: string | null
  officer_id: string | null
  disabled: ColumnType<boolean, boolean | undefined, boolean>
  created_at: Timestamp
  /** Failed password sign-ins since the last success or unlock (ADR 0003). */
  failed_sign_ins: ColumnType<number, number | undefined, number>
  /** Set when failed sign-ins reach the limit; only an administrator clears it. */
  locked_at: Date | null
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export interface ApiTokensTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  created_at: Timestamp
  last_used_at: Date | null
  revoked_at: Date | null
}

export interface CasesTable {
  id: string
  force: string
  case_ref: string
  case_type: string
  source: string
  received_on: string
  incident_on: string | null
  complainant_sex: string
  summary: string | null
  status: string
  referred_to_iopc: boolean
  investigation_mode: string | null
  investigating_force: string | null
  investigator: string | null
  restricted: boolean
  version: number
  last_effective_on: string
  created_at: Timestamp
  updated_at: Timestamp
  /** The transaction that last wrote the row (xid8), set by the database: never written by the code. */
  changed_in: ColumnType<string | null, never, never>
}

export interface CaseRefCountersTable {
  force: string
  year: number
  last_number: number
}

export interface CaseEventsTable {
  id: Generated<string>
  case_id: string
  seq: number
  type: string
  effective_on: string
  recorded_at: Timestamp
  recorded_by: string | null
  reason: string | null
  payload: Json
}

export interface ComplainantsTable {
  id: string
  case_id: string
  position: number
  role: string
  name: string | null
  sex: string
  contact: string | null
}

export interface AllegationsTable {
  id: string
  case_id: string
  position: number
  ref: string
  category: string
  description: string | null
}

export interface AllegationSubjectsTable {
  id: string
  case_id: string
  allegation_id: string
  position: number
  subject_key: string
  officer_id: string | null
  officer_national_id: string | null
  officer_force_number: string | null
  officer_sex: string
  subject_type: string
  on_duty: string
  handling: string
  investigating_force: string | null
  severity: string | null
  criminal_outcome: string | null
  criminal_outcome_on: string | null
  misconduct_outcome: string | null
  misconduct_outcome_on: string | null
  finalised_on: string | null
}

export interface CaseAccessTable {
  case_id: string
  user_id: string
  kind: 'named' | 'conflict'
}

export interface SubjectRowVersionsTable {
  subject_id: string
  valid_from: string
  valid_to: string | null
  case_id: string
  allegation_id: string
  force: string
  case_type: string
  source: string
  received_on: string
  complainant_sex: string
  category: string
  category_current: string
  category_group: string
  officer_id: string | null
  officer_sex: string
  subject_type: string
  on_duty: string
  handling: string
  criminal_outcome: string | null
  criminal_outcome_on: string | null
  misconduct_outcome: string | null
  misconduct_outcome_on: string | null
  finalised_on: string | null
  /** The source's words (docs/formats.md §9). */
  x: ColumnType<Record<string, string> | null, Record<string, string> | null | undefined, never>
}

export interface AuditLogTable {
  seq: string
  at: Timestamp
  actor_id: string | null
  actor_label: string
  action: string
  target_type: string | null
  target_id: string | null
  detail: Json
  prev_hash: string
  hash: string
}

export interface AuditHeadTable {
  id: ColumnType<boolean, boolean | undefined, never>
  seq: string
  hash: string
}

export interface Database {
  forces: ForcesTable
  officers: OfficersTable
  officer_service: OfficerServiceTable
  officer_merges: OfficerMergesTable
  officer_match_rejections: OfficerMatchRejectionsTable
  list_entries: ListEntriesTable
  list_proposals: ListProposalsTable
  vetting_checks: VettingChecksTable
  alerts: AlertsTable
  alert_events: AlertEventsTable
  alert_settings: AlertSettingsTable
  force_rate_thresholds: ForceRateThresholdsTable
  users: UsersTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  cases: CasesTable
  case_ref_counters: CaseRefCountersTable
  case_events: CaseEventsTable
  complainants: ComplainantsTable
  allegations: AllegationsTable
  allegation_subjects: AllegationSubjectsTable
  case_access: CaseAccessTable
  subject_row_versions: SubjectRowVersionsTable
  audit_log: AuditLogTable
  audit_head: AuditHeadTable
  schema_migrations: { name: string; applied_at: Timestamp }
}

/** The database or a transaction: what a query function takes first. */
export type Db = Kysely<Database> | Transaction<Database>
