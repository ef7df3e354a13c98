// Rule settings: the documented defaults, changed nationally by the IOPC or for one force by its appropriate
// authority (alert_settings; each change audited by the service that makes it).
import type { Db } from '../../db/schema.ts'
import {
  ALERT_RULES,
  DEFAULT_SETTINGS,
  type AlertRule,
  type RuleSetting,
  type SettingsFor,
} from '../../domain/alert-rules.ts'

export const NATIONAL = 'national'

type Settings = Record<AlertRule, RuleSetting>

/** The settings for every force: its own rows over the national rows over the defaults. */
export async function loadSettings(db: Db): Promise<SettingsFor> {
  const rows = await db.selectFrom('alert_settings').selectAll().execute()
  const byScope = new Map<string, Partial<Settings>>()
  for (const r of rows) {
    if (!(ALERT_RULES as readonly string[]).includes(r.rule)) continue
    const scope = byScope.get(r.scope) ?? {}
    scope[r.rule as AlertRule] = { enabled: r.enabled, threshold: r.threshold, windowYears: r.window_years }
    byScope.set(r.scope, scope)
  }
  const national: Settings = { ...DEFAULT_SETTINGS, ...byScope.get(NATIONAL) }
  const cache = new Map<string, Settings>()
  return (force: string) => {
    let settings = cache.get(force)
    if (!settings) {
      settings = { ...national, ...byScope.get(force) }
      cache.set(force, settings)
    }
    return settings
  }
}
