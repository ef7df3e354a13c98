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
const TEXT_STYLE = { color: TEXT, fontFamily: FONT, fontSize: 15 }
// The width of a two-thirds column, so the SVG is drawn at the size it is shown and its text stays legible.
const WIDTH = 640

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** Horizontal bars, so long category names stay readable; a legend only when there is more than one series. */
export function barChartSvg(input: BarChartInput, id: string): string {
  const legend = input.series.length > 1
  const barRows = input.categories.length * Math.max(1, Math.min(input.series.length, 4))
  const height = Math.min(1600, 60 + (legend ? 40 : 0) + barRows * 24 + input.categories.length * 14)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height })
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: TEXT_STYLE,
      grid: { left: 8, right: 48, top: legend ? 48 : 12, bottom: 28, containLabel: true },
      legend: legend ? { top: 0, left: 0, textStyle: TEXT_STYLE, itemWidth: 18, itemHeight: 14 } : undefined,
      xAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: TEXT_STYLE,
        splitLine: { lineStyle: { color: '#b1b4b6' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.categories,
        axisLabel: { ...TEXT_STYLE, width: 240, overflow: 'break' },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      series: input.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values.map((v) => (v === null ? '-' : v)),
        barMaxWidth: 28,
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
