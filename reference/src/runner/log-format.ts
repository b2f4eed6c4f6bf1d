// One run-log line per engine event (the log file is for people; its format is not normative).
import type { EngineEvent } from '../engine/events.js';

const LEVEL_WIDTH = 5;

/** The log line of an event, or null for events not worth a line. */
export function formatEventLine(event: EngineEvent): string | null {
  const line = (level: string, text: string): string => `${event.at}  ${level.toUpperCase().padEnd(LEVEL_WIDTH)}  ${text}`;
  switch (event.type) {
    case 'run.started':
      return line('info', `${event.resumed ? 'Resuming' : 'Starting'} flow '${event.flow}' (run ${event.run_id}, pid ${event.pid ?? '-'})`);
    case 'step.started':
      return line('info', `Running step: ${event.exec_id}`);
    case 'step.retrying':
      return line('warn', `Step '${event.exec_id}' failed (attempt ${event.attempt}), retrying in ${event.delay_ms} ms: ${event.error.message}`);
    case 'step.completed':
      return line('info', `Step '${event.exec_id}' completed in ${event.duration_ms} ms`);
    case 'step.failed':
      return line(event.continued ? 'warn' : 'error', `Step '${event.exec_id}' failed [${event.error.code}]${event.continued ? ' (continue_on_error)' : ''}: ${event.error.message}`);
    case 'step.skipped':
      return line('info', `Skipped step '${event.exec_id}' (${event.reason === 'condition' ? 'if condition not met' : 'loop list is empty'})`);
    case 'step.waiting':
      return line('info', `Step '${event.exec_id}' is waiting: ${event.reason}`);
    case 'run.completed':
      return line('info', `Run ${event.run_id} completed in ${event.duration_ms} ms`);
    case 'run.failed':
      return line('error', `Run ${event.run_id} failed [${event.error.code}]: ${event.error.message}`);
    case 'run.suspended':
      return line('info', `Run ${event.run_id} suspended (${event.status}) at '${event.exec_id}'`);
    case 'run.cancelled':
      return line('warn', `Run ${event.run_id} cancelled: ${event.error.message}`);
    case 'log': {
      const where = event.exec_id === undefined ? '' : `[${event.exec_id}${event.stream === undefined ? '' : ` ${event.stream}`}] `;
      return line(event.level, `${where}${event.message}`);
    }
  }
}
