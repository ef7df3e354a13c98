import { sql } from 'kysely'
import { openDatabase } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { bulkLoad } from '../lib/bulk-load.ts'
import { generateStatsData } from '../lib/stats-data.ts'
import { adminQuery } from '../lib/target.ts'
const url = 'postgres://127.0.0.1:5432/test'
await adminQuery(url, 'drop schema if exists bench_keep cascade; create schema bench_keep')
const handle = await openDatabase({ kind: 'postgres', url, schema: 'bench_keep' })
await migrate(handle)
const t = await bulkLoad(handle.db, () => generateStatsData(handle.db, { allegations: 2_000_000, onBatch: (d, n) => process.stderr.write(`\r${d}/${n}`) }))
await sql`analyze`.execute(handle.db)
console.log(t)
await handle.close()
