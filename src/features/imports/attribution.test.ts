// An import's events name the import in the case history (the file, the date its extract stands as at, and
// who ran it), never "the complainant, online": the October 2021 extract holds conduct matters.
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { browserFor } from '../../../test/pages.ts'
import { runImport } from '../../cli/actions/import.ts'
import { CliError } from '../../cli/context.ts'
import { paths } from '../../paths.ts'

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url))

let t: TestApp
let authority: TestUser

beforeAll(async () => {
  t = await createTestApp()
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
})
afterAll(() => t.close())

const importFile = (name: string, asOf: string, as?: string) =>
  runImport({ db: t.db, clock: t.clock }, `${FIXTURES}${name}`, { asOf, ...(as ? { as } : {}) }, () => {})

describe('the case history of imported records', () => {
  it('names the file, its date and who ran the import', async () => {
    await importFile('october-2021.csv', '2021-10-12')
    await importFile('january-2022.csv', '2022-01-10', authority.username)
    const list = await t.app.inject({ url: '/api/v1/cases?q=HC-2021-201', headers: authority.headers })
    const id = list.json<{ cases: { id: string }[] }>().cases[0]!.id
    const view = (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: authority.headers })).json<{
      timeline: { by: string; description: string }[]
    }>()
    expect(view.timeline.map((e) => e.by)).toEqual([
      'an operator on the server, importing october-2021.csv (as at 2021-10-12)',
      `Test appropriate_authority ${authority.username.split('.')[1]}, importing january-2022.csv (as at 2022-01-10)`,
    ])
    const page = await (await browserFor(t.app, t.db, authority)).get(paths.cases.show.href({ id }))
    expect(page.body).toContain('an operator on the server, importing october-2021.csv (as at 2021-10-12)')
    expect(page.body).not.toContain('complainant, online')
  })

  it('refuses to name an account that does not exist', async () => {
    await expect(importFile('october-2021.csv', '2021-10-12', 'nobody.here')).rejects.toThrow(CliError)
  })
})
