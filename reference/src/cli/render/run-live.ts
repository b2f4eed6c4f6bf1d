// The live run view on a terminal: redraws the frame of run-frame.ts in place as events arrive.
import type { EngineEvent } from '../../engine/events.js';
import { HIDE_CURSOR, SHOW_CURSOR, eraseLines, visibleLength } from './ansi.js';
import { renderFrame } from './run-frame.js';
import { applyRunEvent, createRunView, type RunView } from './run-view.js';

/** Redraw interval of the spinner and running durations. */
const TICK_MS = 100;

/** A live view bound to a terminal. */
export interface LiveRenderer {
  readonly view: RunView;
  onEvent(event: EngineEvent): void;
  /** Show that a cancel was requested. */
  markCancelling(): void;
  /** Draw the last frame and stop redrawing; the frame stays on screen. */
  stop(): void;
}

/** Starts a live view writing to `write` (a terminal `columns` wide). */
export function createLiveRenderer(write: (text: string) => void, columns: number): LiveRenderer {
  const view = createRunView();
  let tick = 0;
  let drawnLines = 0;
  let stopped = false;
  const draw = (): void => {
    const lines = renderFrame(view, { now: Date.now(), columns, tick, color: true });
    const text = lines.join('\n');
    write(`${eraseLines(drawnLines)}${text}\n`);
    // Count physical lines: a line wider than the terminal wraps.
    drawnLines = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(visibleLength(line) / Math.max(1, columns))), 0);
  };
  write(HIDE_CURSOR);
  draw();
  const timer = setInterval(() => {
    tick++;
    draw();
  }, TICK_MS);
  return {
    view,
    onEvent(event) {
      applyRunEvent(view, event);
      if (!stopped) draw();
    },
    markCancelling() {
      view.cancelling = true;
      if (!stopped) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      draw();
      write(SHOW_CURSOR);
    },
  };
}
