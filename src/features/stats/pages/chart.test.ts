// The bar chart must stay legible on a 320 px phone, where the SVG shrinks to the width of the page (about
// 290 px): its text is drawn large enough to be at least 14 px there, and no label is cut short.
import { describe, expect, it } from 'vitest'
import { barChartSvg } from './chart.ts'

const LONG = 'Abuse of position to pursue an inappropriate emotional relationship'

function svgOf(series: { name: string; values: (number | null)[] }[], categories: string[]) {
  return barChartSvg({ title: 'Allegations by category & group', categories, series }, 'chart-title')
}

/** The text the SVG draws, each <text> element's content. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))
}

describe('a bar chart', () => {
  const svg = svgOf(
    [{ name: 'Count', values: [12, 3, null] }],
    [LONG, 'Sexual conduct', 'Not applicable (handled informally, outside Schedule 3)'],
  )

  it('is drawn at a width whose text stays at least 14 px on a 320 px screen', () => {
    const width = Number(/^<svg[^>]*\bwidth="(\d+)"/.exec(svg)?.[1])
    const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)px"/g)].map((m) => Number(m[1]))
    expect(sizes.length).toBeGreaterThan(0)
    for (const size of sizes) expect((size * 290) / width).toBeGreaterThanOrEqual(14)
  })

  it('wraps long labels onto lines above their bars, never cutting them short', () => {
    const drawn = texts(svg).join(' ')
    for (const word of `${LONG} Not applicable (handled informally, outside Schedule 3)`.split(' '))
      expect(drawn).toContain(word)
    expect(drawn).not.toContain('...')
    expect(drawn).not.toContain('…')
    // The long label takes more than one line, none wider than the chart.
    const lines = texts(svg).filter((t) => LONG.includes(t.trim()) && t.trim().length > 0)
    expect(lines.length).toBeGreaterThan(1)
  })

  it('is one image for screen readers, named by its title, with the table beside it as the data', () => {
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="chart-title" focusable="false"/)
    expect(svg).toContain('<title id="chart-title">Allegations by category &amp; group</title>')
    // The page's Content-Security-Policy allows no inline styles.
    expect(svg).not.toMatch(/ style="|<style/)
  })

  it('names every series in a legend when there are several, wrapped like the labels', () => {
    const several = svgOf(
      [
        { name: 'Finalised', values: [4, 1] },
        { name: 'Not applicable (handled informally, outside Schedule 3)', values: [2, 0] },
      ],
      ['Essex Police', 'Metropolitan Police Service'],
    )
    const drawn = texts(several).join(' ')
    expect(drawn).toContain('Finalised')
    expect(drawn).toContain('outside Schedule 3)')
    expect(drawn).toContain('Metropolitan Police Service')
  })
})
