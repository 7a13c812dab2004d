import type { ExecResult, HistoryEntry } from '../sandbox/types';

/** The 12-character form the docker CLI prints: `3f2a5b6c7d8e`. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Sizes as the docker CLI prints them: decimal units, three significant digits (`1.98MB`, `0B`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))}${units[unit]}`;
}

/** Arguments as a person would type them in a POSIX shell. */
export function shell(args: readonly string[]): string {
  return args.map((arg) => (/^[\w./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** What a process printed, as a terminal shows it; a non-zero exit code is added on its own line. */
export function printed(result: ExecResult): string {
  const text = `${result.stdout}${result.stderr}`.replace(/\s+$/, '');
  return result.exitCode === 0 ? text : `${text}${text ? '\n' : ''}[exit code ${result.exitCode}]`;
}

/** `docker history` as the CLI prints it (without the CREATED column, which only says "x seconds ago"). */
export function historyTable(rows: readonly HistoryEntry[]): string {
  const lines = rows.map((row) => {
    const id = row.id === '<missing>' ? '<missing>' : shortId(row.id);
    const createdBy = row.createdBy
      .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
    const by = createdBy.length > 44 ? `${createdBy.slice(0, 43)}…` : createdBy;
    return [id.padEnd(12), by.padEnd(45), humanSize(row.size)];
  });
  return [['IMAGE'.padEnd(12), 'CREATED BY'.padEnd(45), 'SIZE'], ...lines]
    .map((cells) => cells.join('  '))
    .join('\n');
}
