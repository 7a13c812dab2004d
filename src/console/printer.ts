import type { Message } from '../message';
import type { Posted } from '../transport';

interface Screen {
  write(text: string): unknown;
  rows?: number;
}

/** The index of the first line where two renderings differ. */
export function firstChangedLine(before: readonly string[], after: readonly string[]): number {
  let same = 0;
  while (same < before.length && same < after.length && before[same] === after[same]) same++;
  return same;
}

/**
 * Prints messages for the console. An edited message (demo progress) is not printed whole again: on a
 * terminal the changed part is redrawn in place; in a pipe only the lines from the first change on are
 * added, so the output reads as a log.
 */
export class Printer {
  /** The message printed last, still at the bottom of the screen. */
  private bottom?: { lines: string[] };

  constructor(
    private readonly screen: Screen,
    private readonly render: (message: Message) => string,
    private readonly redraw: boolean,
  ) {}

  show(message: Message): Posted {
    const shown = { lines: this.render(message).split('\n') };
    this.write(shown.lines);
    this.bottom = shown;
    return {
      update: async (next) => {
        const lines = this.render(next).split('\n');
        const from = firstChangedLine(shown.lines, lines);
        if (from === lines.length && from === shown.lines.length) return;
        if (this.bottom !== shown) {
          this.write(lines);
        } else if (this.redraw && shown.lines.length - from + 1 < (this.screen.rows ?? 24)) {
          // Back to the first changed line (past the blank line after the message), clear below, redraw.
          this.screen.write(`\x1b[${shown.lines.length - from + 1}F\x1b[J`);
          this.write(lines.slice(from));
        } else {
          this.write(lines.slice(from));
        }
        shown.lines = lines;
        this.bottom = shown;
      },
    };
  }

  /** Text between messages (hints, errors). */
  note(text: string): void {
    this.screen.write(`${text}\n\n`);
    this.bottom = undefined;
  }

  private write(lines: readonly string[]): void {
    this.screen.write(`${lines.join('\n')}\n\n`);
  }
}
