// Bar charts drawn on the server as SVG with echarts, so they work without JavaScript. The chart only
// repeats a table printed beside it; the SVG is labelled as one image for screen readers.
import * as echarts from 'echarts'

interface BarChartInput {
  /** Says what the chart shows; becomes the SVG's <title> and accessible name. */
  title: string
  categories: string[]
  /** One series per bar colour; a null value is a figure that is not published, so no bar is drawn. */
  series: { name: string; values: (number | null)[] }[]
}

// GOV.UK colours, in an order where neighbours are easy to tell apart.
const COLOURS = ['#1d70b8', '#f47738', '#00703c', '#912b88', '#5694ca', '#d4351c', '#85994b', '#28a197']
const TEXT = '#0b0c0c'
const FONT = 'arial, sans-serif'
// The SVG shrinks to the page's width and no further grows: drawn 360 px wide, it is shown at that size in a
// two-thirds column and at about 290 px on a 320 px phone, where 18 px text is still 14.5 px.
const WIDTH = 360
const FONT_SIZE = 18
const LINE_HEIGHT = 24
const TEXT_STYLE = { color: TEXT, fontFamily: FONT, fontSize: FONT_SIZE, lineHeight: LINE_HEIGHT }
/** Characters of a line of labels, on a generous estimate of Arial's average width (0.55 em). */
const LINE_CHARACTERS = Math.floor((WIDTH - 16) / (FONT_SIZE * 0.55))
const BAR = 20
const BAR_GAP = 0.2
/** Room at the right for a bar's value, and below for the axis. */
const VALUE_ROOM = 60
const AXIS_ROOM = 36
const BAND_SPACE = 14

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** A label broken into lines at spaces (a word longer than a line keeps a line of its own). */
function wrap(text: string, characters: number): string[] {
  const lines: string[] = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= characters)
      lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines.length ? lines : ['']
}

/**
 * Horizontal bars, each value's label in full on the lines above its bars, so that long category names stay
 * readable at any width; a legend, one series a line, only when there is more than one series.
 */
export function barChartSvg(input: BarChartInput, id: string): string {
  const legendLines =
    input.series.length > 1 ? input.series.map((s) => wrap(s.name, LINE_CHARACTERS - 3)) : []
  const legendHeight = legendLines.reduce((h, lines) => h + lines.length * LINE_HEIGHT + 6, 0)
  const labelLines = Math.max(1, ...input.categories.map((c) => wrap(c, LINE_CHARACTERS).length))
  const bars = input.series.length * BAR + (input.series.length - 1) * BAR * BAR_GAP
  // echarts gives every category the same band: room for the longest label above the group of bars.
  const band = labelLines * LINE_HEIGHT + 6 + bars + BAND_SPACE
  const top = legendHeight ? legendHeight + 12 : 4
  const height = Math.ceil(top + input.categories.length * band + AXIS_ROOM)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height })
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: TEXT_STYLE,
      grid: { left: 8, right: VALUE_ROOM, top, bottom: AXIS_ROOM, containLabel: false },
      legend: legendLines.length
        ? {
            orient: 'vertical',
            top: 0,
            left: 0,
            itemGap: 6,
            itemWidth: 18,
            itemHeight: 14,
            textStyle: TEXT_STYLE,
            formatter: (name: string) => wrap(name, LINE_CHARACTERS - 3).join('\n'),
          }
        : undefined,
      xAxis: {
        type: 'value',
        minInterval: 1,
        splitNumber: 3,
        axisLabel: TEXT_STYLE,
        splitLine: { lineStyle: { color: '#b1b4b6' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.categories,
        axisLabel: {
          ...TEXT_STYLE,
          inside: true,
          margin: 6,
          align: 'left',
          verticalAlign: 'bottom',
          // From the middle of the band to just above its group of bars.
          padding: [0, 0, bars / 2 + 4, 0],
          formatter: (value: string) => wrap(value, LINE_CHARACTERS).join('\n'),
        },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      series: input.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values.map((v) => (v === null ? '-' : v)),
        barWidth: BAR,
        barGap: `${BAR_GAP * 100}%`,
        label: { show: true, position: 'right', ...TEXT_STYLE },
      })),
    })
    const svg = withoutInlineStyles(chart.renderToSVGString())
    const title = escapeXml(input.title)
    return svg
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}" focusable="false" class="app-chart__svg" `)
      .replace(/^(<svg[^>]*>)/, `$1<title id="${id}">${title}</title>`)
  } finally {
    chart.dispose()
  }
}

/**
 * The page's Content-Security-Policy allows no inline styles, so echarts' style="" attributes (font size and
 * family on text) become SVG presentation attributes, which CSP does not govern, and its <style> element
 * (hover effects only; the chart is not interactive) is dropped. The size rules live in app.css.
 */
function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      // A value may hold escaped quotes (&quot;), whose ";" does not end the declaration.
      [...declarations.matchAll(/([a-z-]+)\s*:\s*((?:&#?\w+;|[^;])*)/g)]
        .map(([, property, value]) => ` ${property}="${value?.trim()}"`)
        .join(''),
    )
}
