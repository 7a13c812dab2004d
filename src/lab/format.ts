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
  const text = (result.combined ?? `${result.stdout}${result.stderr}`).replace(/\s+$/, '');
  return result.exitCode === 0 ? text : `${text}${text ? '\n' : ''}[exit code ${result.exitCode}]`;
}

/** Text cut to `max` characters, the last one an ellipsis, as the CLI shortens columns. */
export function ellipsis(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A history row's CREATED BY as the CLI shows it: `#(nop)` dropped, one line, at most 45 characters. */
export function createdBy(row: HistoryEntry): string {
  const text = row.createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return ellipsis(text, 45);
}

/** `docker history` as the CLI prints it (without the CREATED column, which only says "x seconds ago"). */
export function historyTable(rows: readonly HistoryEntry[]): string {
  const lines = rows.map((row) => {
    const id = row.id === '<missing>' ? '<missing>' : shortId(row.id);
    return [id.padEnd(12), createdBy(row).padEnd(45), humanSize(row.size)];
  });
  return [['IMAGE'.padEnd(12), 'CREATED BY'.padEnd(45), 'SIZE'], ...lines]
    .map((cells) => cells.join('  '))
    .join('\n');
}

/**
 * Rows laid out as the docker CLI lays out `ps`, `images` and `history` (Go's tabwriter with a minimum cell
 * width of 10 and 3 spaces of padding; the last column is not padded).
 */
export function cliTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 10, Array.from(cell).length + 3);
    });
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 10) - Array.from(cell).length),
        )
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** How long ago, as the docker CLI says it (`5 seconds ago`, `About a minute ago`, `3 hours ago`). */
export function ago(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(s / 60);
  const hours = Math.floor(s / 3600 + 0.5);
  let text: string;
  if (s < 1) text = 'Less than a second';
  else if (s === 1) text = '1 second';
  else if (s < 60) text = `${s} seconds`;
  else if (minutes === 1) text = 'About a minute';
  else if (minutes < 60) text = `${minutes} minutes`;
  else if (hours === 1) text = 'About an hour';
  else if (hours < 48) text = `${hours} hours`;
  else if (hours < 24 * 14) text = `${Math.floor(hours / 24)} days`;
  else if (hours < 24 * 60) text = `${Math.floor(hours / 24 / 7)} weeks`;
  else if (hours < 24 * 730) text = `${Math.floor(hours / 24 / 30)} months`;
  else text = `${Math.floor(hours / 24 / 365)} years`;
  return `${text} ago`;
}
