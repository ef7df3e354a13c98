// `probity demo --scale national`: its options refused clearly when wrong, and `--csv` writing the files it says.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../context.ts'
import { demoAction, nationalOptions } from './demo.ts'

describe('probity demo --scale national', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'probity-demo-national-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('refuses a scale, seed or size it cannot use, saying which', () => {
    const refusal = (options: Parameters<typeof nationalOptions>[0]) => {
      try {
        nationalOptions(options)
      } catch (error) {
        expect(error).toBeInstanceOf(CliError)
        return (error as Error).message
      }
      return null
    }
    expect(refusal({ scale: 'huge' })).toBe('--scale must be "demo" or "national", not "huge"')
    expect(refusal({ scale: 'demo', csv: 'x' })).toBe('--csv and --allegations go with --scale national')
    expect(refusal({ scale: 'national', seed: '-1' })).toMatch(/^--seed must be a whole number from 1 to/)
    expect(refusal({ scale: 'national', allegations: '10' })).toMatch(
      /^--allegations must be a whole number from 100/,
    )
    expect(refusal({ scale: 'demo' })).toBeNull()
    expect(nationalOptions({ scale: 'national', seed: '7', allegations: '2,500' })).toMatchObject({
      seed: 7,
      allegations: 2500,
    })
  })

  it('with --csv, writes an officers file and two snapshots, and says how many rows each holds', async () => {
    let out = ''
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      out += String(text)
      return true
    })
    try {
      await demoAction({ scale: 'national', seed: '3', allegations: '2000', csv: dir }, new Command())
    } finally {
      write.mockRestore()
    }
    expect((await readdir(dir)).sort()).toEqual([
      'allegations-2020-03-31.csv',
      'allegations-2025-03-31.csv',
      'officers.csv',
    ])
    const lines = async (file: string) =>
      (await readFile(join(dir, file), 'utf8')).trim().split('\n').length - 1
    const later = await lines('allegations-2025-03-31.csv')
    expect(out).toContain(`${later.toLocaleString('en-GB')} allegation rows as at 2025-03-31`)
    expect(out).toMatch(/\d+ service records of \d+ people in /)
    expect(await lines('allegations-2020-03-31.csv')).toBeLessThan(later)
  })
})
