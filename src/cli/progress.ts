// Progress of long work (an import, national demo data) on standard error: on a terminal, a bar redrawn in place;
// elsewhere (a log, a pipe), a line after the first step and then at most once a second, so that someone
// watching knows it is working and a log is not flooded.
import { SingleBar } from 'cli-progress'

export type Progress = (done: number, total: number) => void

const count = (n: number) => n.toLocaleString('en-GB')

export function progressReporter(
  /** What is counted, plural: "cases". */
  noun: string,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): Progress {
  if (stream.isTTY) return progressBar(noun, stream)
  let last: number | null = null
  return (done, total) => {
    if (done >= total && last === null) return
    if (last !== null && now() - last < 1000 && done < total) return
    last = now()
    stream.write(`Writing: ${count(done)} of ${count(total)} ${noun}…\n`)
  }
}

function progressBar(noun: string, stream: NodeJS.WriteStream): Progress {
  let bar: SingleBar | null = null
  return (done, total) => {
    if (!bar) {
      bar = new SingleBar({
        stream,
        format: `Writing [{bar}] {percentage}% {value} of {total} ${noun}`,
        formatValue: (value, _options, type) =>
          type === 'value' || type === 'total' ? count(value) : String(value),
        barCompleteChar: '#',
        barIncompleteChar: '-',
      })
      bar.start(total, 0)
    }
    bar.update(done)
    if (done >= total) {
      bar.stop()
      bar = null
    }
  }
}
