// ANSI colours and cursor control for terminal output. Only used when stdout is a terminal and NO_COLOR is unset.

/** Colour functions; the identity when colours are off. */
export interface Palette {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/** A palette with colours (`on`) or without. */
export function createPalette(on: boolean): Palette {
  if (!on) {
    const plain = (text: string): string => text;
    return { green: plain, red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };
  }
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** Whether output may use colours and redraws: a terminal, and NO_COLOR unset or empty (https://no-color.org). */
export function shouldUseTerminalFeatures(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env.NO_COLOR;
  return isTTY === true && (noColor === undefined || noColor === '') && env.TERM !== 'dumb';
}

/** Moves the cursor up `lines` lines to column 0 and clears everything below. */
export function eraseLines(lines: number): string {
  return lines > 0 ? `\u001b[${lines}F\u001b[0J` : '\r\u001b[0J';
}

/** Text length without ANSI escapes. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').length;
}

/** Hide / show the cursor. */
export const HIDE_CURSOR = '\u001b[?25l';
export const SHOW_CURSOR = '\u001b[?25h';
