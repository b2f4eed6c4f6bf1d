// Plain progress output of `stepyard run` (not a terminal, or NO_COLOR): one line per engine event, never redrawn.
import type { EngineEvent } from '../../engine/events.js';
import { formatDuration } from './values.js';

/** The progress line of an event, or null for events the plain view does not show (the run's end: see run-summary). */
export function formatPlainEvent(event: EngineEvent): string | null {
  switch (event.type) {
    case 'run.started':
      return `▶ ${event.flow} (run ${event.run_id}${event.resumed ? ', resumed' : ''})`;
    case 'step.started':
      return `→ ${event.exec_id}`;
    case 'step.retrying':
      return `↻ ${event.exec_id} attempt ${event.attempt} failed (${event.error.code}: ${firstLine(event.error.message)}); retrying in ${formatDuration(event.delay_ms)}`;
    case 'step.completed':
      return `✓ ${event.exec_id} (${formatDuration(event.duration_ms)})`;
    case 'step.failed':
      if (event.error.code === 'RUN_CANCELLED') return `⊘ ${event.exec_id} (${formatDuration(event.duration_ms)}) cancelled`;
      return `✗ ${event.exec_id} (${formatDuration(event.duration_ms)}) ${event.error.code}: ${firstLine(event.error.message)}${event.continued ? ' [continue_on_error]' : ''}`;
    case 'step.skipped':
      return `○ ${event.exec_id} skipped (${event.reason === 'condition' ? 'condition false' : 'empty loop'})`;
    case 'step.waiting':
      return `⏸ ${event.exec_id} waiting: ${event.reason}`;
    case 'log':
      if (event.exec_id !== undefined) return `  ${event.exec_id} │ ${event.message}`;
      return `  ${event.level === 'info' ? '' : `${event.level}: `}${event.message}`;
    case 'run.completed':
    case 'run.failed':
    case 'run.cancelled':
    case 'run.suspended':
      return null;
  }
}

function firstLine(text: string): string {
  const index = text.indexOf('\n');
  return index === -1 ? text : `${text.slice(0, index)} …`;
}
