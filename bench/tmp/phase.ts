import { sql } from 'kysely'
import { openDatabase } from '../../src/db/connect.ts'
import { systemClock } from '../../src/domain/clock.ts'
import { createStatsService } from '../../src/features/stats/service.ts'
import { changedRowsExceed, rowsToCount, countFromRows, countFromCube, cubeVariantFor, rowsQuery } from '../../src/features/stats/repository.ts'
const handle = await openDatabase({ kind: 'postgres', url: 'postgres://127.0.0.1:5432/test', schema: 'bench_keep' })
const db = handle.db
const stats = createStatsService({ db, clock: systemClock })
const qs = JSON.parse(process.env.QS ?? '[{"by":"force","asOf":"2021-10-12"}]')
const t = async (label: string, f: () => Promise<unknown>) => { const s = performance.now(); const r = await f(); console.log(label, (performance.now() - s).toFixed(0), 'ms', typeof r === 'object' ? '' : r) ; return r }
for (const q of qs) {
  const req = await stats.countRequest(q)
  await db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx)
    for (let i = 0; i < 2; i++) {
    await t('exceed20k', () => changedRowsExceed(trx, req, 20000))
    const n = (await t('rowsToCount', () => rowsToCount(trx, req))) as number
    await t('exceed limit ' + Math.round(n / 6), () => changedRowsExceed(trx, req, Math.round(n / 6)))
    await t('rows', () => countFromRows(trx, req))
    const v = cubeVariantFor(req); if (v) await t('cube', () => countFromCube(trx, req, v))
    }
  })
  if (process.env.SHOW) { const c = rowsQuery(req).compile(db); console.log(c.sql, JSON.stringify(c.parameters)) }
}
await handle.close()
