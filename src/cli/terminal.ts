// Text printed on a terminal: what was typed or imported (a reason, a reference) may hold control characters,
// which could move the cursor, recolour the terminal or pass for a line of output. They are shown as spaces, as
// are no-break spaces (set for pages and documents).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

export function terminalText(text: string): string {
  return text.replaceAll('\u00a0', ' ').replace(CONTROL, ' ')
}

/** Lines printed on a terminal, each made safe, with a final line break. */
export function terminalLines(lines: readonly string[]): string {
  return `${lines.map(terminalText).join('\n')}\n`
}
