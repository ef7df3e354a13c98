// mappings/philadelphia.sql makes what mappings/philadelphia.json makes: the Philadelphia extract imported through
// each into a database of its own exports as the same file, byte for byte.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { createExportService } from '../exports/service.ts'
import { createForceService } from '../forces/service.ts'
import { formatProblem } from './problems.ts'
import { createImportService } from './service.ts'

const DATA = fileURLToPath(new URL('../../../../shared/data/philadelphia/', import.meta.url))
const COMPLAINTS = join(DATA, 'complaints_against_police.csv')
const FINDINGS = join(DATA, 'complaints.against.police.findings.csv')
const mapping = (name: string) => fileURLToPath(new URL(`../../../mappings/${name}`, import.meta.url))
const present = existsSync(COMPLAINTS) && existsSync(FINDINGS)
if (!present) {
  console.warn(
    `Skipping the Philadelphia SQL mapping test: ${DATA} is not here (it sits beside the project in ../shared).`,
  )
}

const AS_OF = '2024-01-01'
const clock = fixedClock('2024-06-01T12:00:00Z')

/** A database with Philadelphia added, the extract imported through the mapping, and its export. */
async function importAndExport(
  mapFile: string,
): Promise<{ handle: TestDatabase; text: string; rows: { cases: number; rows: number } }> {
  const handle = await createTestDatabase()
  await createForceService({ db: handle.db, clock }).add(null, 'test', {
    slug: 'philadelphia',
    name: 'Philadelphia Police Department',
  })
  const outcome = await createImportService({ db: handle.db, clock }).importFile({
    file: COMPLAINTS,
    mapFile,
    asOf: AS_OF,
    actorLabel: 'cli:import',
  })
  if (!outcome.ok) throw new Error(outcome.problems.slice(0, 20).map(formatProblem).join('\n'))
  let text = ''
  const summary = await createExportService({ db: handle.db, clock }).exportCsv({
    asOf: AS_OF,
    forces: ['Philadelphia Police Department'],
    write: (chunk) => {
      text += chunk
    },
    destination: 'stdout',
    actorLabel: 'cli:export',
  })
  return { handle, text, rows: { cases: summary.cases, rows: summary.rows } }
}

describe.skipIf(!present)('the Philadelphia extract through mappings/philadelphia.sql', () => {
  const handles: TestDatabase[] = []
  const exported: Partial<Record<'json' | 'sql', Awaited<ReturnType<typeof importAndExport>>>> = {}

  beforeAll(async () => {
    for (const kind of ['json', 'sql'] as const) {
      exported[kind] = await importAndExport(mapping(`philadelphia.${kind}`))
      handles.push(exported[kind].handle)
    }
  })
  afterAll(async () => {
    for (const handle of handles) await handle.destroy()
  })

  it('exports the same file as the JSON mapping', () => {
    // Every complaint, and a row per finding or per complaint without findings (docs/import-mapping.md).
    expect(exported.json!.rows).toEqual({ cases: 3388, rows: 8845 })
    expect(exported.sql!.rows).toEqual(exported.json!.rows)
    expect(exported.sql!.text).toBe(exported.json!.text)
  })
})
