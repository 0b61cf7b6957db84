import type { Command, PaymentEvent } from '@paychart/core/machine'
import type { TimelineRow } from './timeline.js'

const describeEvent = (event: PaymentEvent): string => {
  const result = 'result' in event ? ` ${event.result.resultStatus}/${event.result.resultCode}` : ''
  return `${event.type}${result}`
}

const describeCommand = (command: Command): string => {
  switch (command.kind) {
    case 'publish':
      return `publish ${command.event.type}`
    case 'scheduleTimer':
      return `schedule ${command.timer} at ${new Date(command.dueAt).toISOString()}`
    case 'cancelTimer':
      return `cancel ${command.timer} timer`
    default:
      return `call ${command.kind} (key ${command.idempotencyKey})`
  }
}

/** The timeline as text: one block per event, its state change, then each command it produced. */
export const formatTimeline = (rows: ReadonlyArray<TimelineRow>): string => {
  const start = rows[0]?.at ?? 0
  return rows
    .map((row, i) => {
      const time = `+${String((row.at - start) / 1000).padStart(4)}s`
      const head = `${String(i + 1).padStart(2)}  ${time}  ${row.source.padEnd(12)} ${describeEvent(row.event)}`
      const move = row.from === row.to ? `      state stays ${row.to}` : `      state ${row.from} -> ${row.to}`
      const commands = row.commands.map((c) => `        -> ${describeCommand(c)}`)
      const silent = row.commands.length === 0 && row.from === row.to ? ['        (recorded, no effect)'] : []
      return [head, move, ...commands, ...silent].join('\n')
    })
    .join('\n')
}
