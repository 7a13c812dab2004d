import { ago, cliTable, createdBy, ellipsis, humanSize, shortId } from '../lab/format';
import type { ContainerInfo, HistoryEntry, ImageInfo } from '../sandbox/types';

/** A container of the person's, as `ps` shows it. */
export interface PsRow {
  id: string;
  image: string;
  command: string;
  /** Unix seconds. */
  created: number;
  status: string;
  name: string;
}

/** One name of an image, as `images` shows it. */
export interface ImageRow {
  repo: string;
  tag: string;
  id: string;
  created: number;
  size: number;
}

const age = (created: number, nowMs: number) => ago(nowMs / 1000 - created);

/** `docker ps` as the CLI prints it: IDs shortened to 12, COMMAND quoted and cut to 20 characters. */
export function psTable(rows: readonly PsRow[], nowMs: number, quiet = false): string {
  if (quiet) return rows.map((row) => shortId(row.id)).join('\n');
  return cliTable([
    ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
    ...rows.map((row) => [
      shortId(row.id),
      row.image,
      JSON.stringify(ellipsis(row.command, 20)),
      age(row.created, nowMs),
      row.status,
      '',
      row.name,
    ]),
  ]);
}

/** `docker images`, one row per name. */
export function imagesTable(rows: readonly ImageRow[], nowMs: number, quiet = false): string {
  if (quiet) return [...new Set(rows.map((row) => shortId(row.id)))].join('\n');
  return cliTable([
    ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'],
    ...rows.map((row) => [row.repo, row.tag, shortId(row.id), age(row.created, nowMs), humanSize(row.size)]),
  ]);
}

/** `docker history` with every column the CLI prints. */
export function historyRows(rows: readonly HistoryEntry[], nowMs: number): string {
  return cliTable([
    ['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'],
    ...rows.map((row) => [
      row.id === '<missing>' ? '<missing>' : shortId(row.id),
      age(row.created, nowMs),
      createdBy(row),
      humanSize(row.size),
      row.comment,
    ]),
  ]);
}

/** What `inspect` shows of a container: a subset of the engine's JSON, with the person's own names. */
export function containerView(info: ContainerInfo, shown: { name: string; image: string }) {
  const limits = info.isolation;
  return {
    Id: info.id,
    Name: `/${shown.name}`,
    Created: info.created,
    Image: info.imageId,
    State: {
      Status: info.status,
      Running: info.status === 'running',
      ExitCode: info.exitCode,
      StartedAt: info.startedAt,
      FinishedAt: info.finishedAt,
    },
    Config: {
      Image: shown.image,
      Cmd: info.cmd,
      Env: info.env,
      WorkingDir: info.workingDir,
      User: info.user,
    },
    HostConfig: {
      NetworkMode: limits.networkMode,
      Memory: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
      PidsLimit: limits.pidsLimit,
      CapAdd: limits.capAdd,
      CapDrop: limits.capDrop,
      SecurityOpt: limits.securityOpt,
      Privileged: limits.privileged,
    },
  };
}

/** What `inspect` shows of an image. */
export function imageView(info: ImageInfo, tags: readonly string[]) {
  return {
    Id: info.id,
    RepoTags: [...tags],
    Created: info.created,
    Comment: info.comment,
    Size: info.size,
    Config: { Cmd: info.cmd, Env: info.env, WorkingDir: info.workingDir, User: info.user },
    RootFS: { Layers: info.layers },
  };
}

export type ContainerView = ReturnType<typeof containerView>;
export type ImageView = ReturnType<typeof imageView>;

/** `docker inspect` without --format, as a short readable summary instead of a page of JSON. */
export function containerSummary(view: ContainerView, isolation: ContainerInfo['isolation']): string {
  const state = view.State;
  const status =
    state.Status === 'exited' ? `exited (${state.ExitCode}) at ${state.FinishedAt}` : `${state.Status}`;
  const rows: [string, string][] = [
    ['Name', view.Name.slice(1)],
    ['Id', view.Id],
    ['Image', `${view.Config.Image} (${shortId(view.Image)})`],
    ['Command', view.Config.Cmd.join(' ')],
    ['Status', status],
    ['Created', view.Created],
    ['User', view.Config.User || 'root'],
    ['WorkingDir', view.Config.WorkingDir || '/'],
    ['Env', view.Config.Env.join(' ')],
    [
      'Isolation',
      [
        `network ${isolation.networkMode}`,
        `memory ${isolation.memoryBytes / 1024 / 1024} MiB`,
        `pids ${isolation.pidsLimit}`,
        `cpus ${isolation.nanoCpus / 1e9}`,
        `capabilities dropped: ${isolation.capDrop.join(',') || 'none'}`,
        isolation.securityOpt.join(',') || 'no security options',
        isolation.privileged ? 'PRIVILEGED' : 'not privileged',
        `${isolation.mounts} mounts`,
      ].join(' · '),
    ],
  ];
  return aligned(rows);
}

export function imageSummary(view: ImageView): string {
  return aligned([
    ['Tags', view.RepoTags.join(', ') || '<none>'],
    ['Id', view.Id],
    ['Created', view.Created],
    ['Size', `${humanSize(view.Size)} in ${view.RootFS.Layers} layer${view.RootFS.Layers === 1 ? '' : 's'}`],
    ['Cmd', JSON.stringify(view.Config.Cmd)],
    ['WorkingDir', view.Config.WorkingDir || '/'],
    ['Env', view.Config.Env.join(' ')],
    ...(view.Comment ? [['Comment', view.Comment] as [string, string]] : []),
  ]);
}

function aligned(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`.trimEnd()).join('\n');
}

/**
 * `inspect --format` with a small, safe subset of Go templates: text with `{{.Path.To.Field}}` and
 * `{{json .Path}}` over the fields the view holds. Anything else (functions, pipelines, ranges) is refused:
 * a template is never evaluated, only looked up.
 */
export function formatTemplate(template: string, view: object): { text: string } | { problem: string } {
  let problem: string | undefined;
  const text = template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, inside: string) => {
    const match = /^(json\s+)?((?:\.[A-Za-z][A-Za-z0-9]*)+|\.)$/.exec(inside);
    if (!match) {
      problem ??= `\`${whole}\` is more than the playground's templates do: it shows fields such as {{.Id}}, {{.State.Status}}, {{.Config.Cmd}}, and {{json .Config}}.`;
      return '';
    }
    const path = match[2] === '.' ? [] : (match[2] ?? '').slice(1).split('.');
    let value: unknown = view;
    for (const key of path) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined) {
        problem ??= `\`${whole}\`: the playground does not show \`.${path.join('.')}\`; try {{.Id}}, {{.State.Status}}, {{.Config.Cmd}} or {{json .}} to see every field it has.`;
        return '';
      }
    }
    return match[1] ? JSON.stringify(value) : goText(value);
  });
  if (problem) return { problem };
  return { text: text.replace(/\\n/g, '\n') };
}

/** A value as Go's text/template prints it: `[a b]` for lists, `map[k:v]` for objects. */
function goText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goText).join(' ')}]`;
  if (value !== null && typeof value === 'object')
    return `map[${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${goText(v)}`)
      .join(' ')}]`;
  return String(value);
}

/** The most output shown per answer, so it stays readable and within Slack's limits. */
export const OUTPUT_LIMIT = { lines: 40, bytes: 3 * 1024 } as const;

/** Output cut to OUTPUT_LIMIT, with a note of what was cut. */
export function capOutput(text: string): { text: string; cut?: string } {
  const whole = text.replace(/\s+$/, '');
  const lines = whole.split('\n');
  const kept: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (kept.length >= OUTPUT_LIMIT.lines) break;
    if (bytes + size > OUTPUT_LIMIT.bytes) {
      // A line longer than the limit on its own is shown up to it.
      if (kept.length === 0) kept.push(Buffer.from(line).subarray(0, OUTPUT_LIMIT.bytes).toString('utf8'));
      break;
    }
    kept.push(line);
    bytes += size;
  }
  const shown = kept.join('\n');
  if (shown === whole) return { text: whole };
  const left = lines.length - kept.length;
  const leftBytes = Buffer.byteLength(whole, 'utf8') - Buffer.byteLength(shown, 'utf8');
  return {
    text: shown,
    cut: `${left ? `${left} more line${left === 1 ? '' : 's'}` : 'The rest of the line'} (${humanSize(leftBytes)}) not shown: answers show at most ${OUTPUT_LIMIT.lines} lines or ${OUTPUT_LIMIT.bytes / 1024} KB.`,
  };
}
