import { openDatabase } from '../../src/db/connect.ts'
import { systemClock } from '../../src/domain/clock.ts'
import { createStatsService } from '../../src/features/stats/service.ts'
const handle = await openDatabase({ kind: 'postgres', url: 'postgres://127.0.0.1:5432/test', schema: 'bench_keep' })
const stats = createStatsService({ db: handle.db, clock: systemClock })
const qs = JSON.parse(process.env.QS ?? '[{"by":"force","asOf":"2021-10-12"}]')
for (const q of qs) {
  const times: number[] = []
  for (let i = 0; i < 5; i++) { const s = performance.now(); const a = await stats.query(null, q); times.push(performance.now() - s); if (i === 0) console.log('total', a.total) }
  console.log(JSON.stringify(q), times.map((t) => t.toFixed(0)).join(' '))
}
await handle.close()
