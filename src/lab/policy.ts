/**
 * The limits and labels every container the app creates gets, for demos and playgrounds alike. They live
 * here, applied by SandboxSession (session.ts), so a demo step or a playground command cannot choose or
 * forget them.
 */
export const LIMITS = {
  memoryBytes: 64 * 1024 * 1024,
  pidsLimit: 64,
  /** Half a CPU. */
  nanoCpus: 500_000_000,
} as const;

/** `nobody`: the user every container's processes run as, unless a step must change files root owns. */
export const NOBODY = '65534:65534';
export const ROOT = '0:0';

/** Whether `uid[:gid]` names root, or root's group, or is not plain numeric IDs (a name could mean root). */
export function isRoot(user: string): boolean {
  const match = /^(\d+)(?::(\d+))?$/.exec(user);
  return !match || Number(match[1]) === 0 || (match[2] !== undefined && Number(match[2]) === 0);
}

/** How the same isolation reads as `docker run` flags, for people who want to reproduce a demo. */
export const ISOLATION_FLAGS =
  '--network none --memory 64m --pids-limit 64 --cpus 0.5 --cap-drop ALL --security-opt no-new-privileges --user 65534:65534';

/** Extra time the janitor allows past a run's deadline before removing what it left, for clock skew. */
export const JANITOR_GRACE_MS = 5000;

/** The longest DEMO_TIME_LIMIT_S any instance may have: no run lasts longer than this from its start. */
export const MAX_TIME_LIMIT_S = 300;

export const LABEL = {
  /** Names the bot: everything it creates on the engine has it. */
  managed: 'docker-explainer.managed',
  /** Which app process ran the demo. */
  instance: 'docker-explainer.instance',
  /** The session (a demo run, a person's playground) that created it. */
  run: 'docker-explainer.run',
  /** What the session is for: a demo's id, or `playground`. */
  demo: 'docker-explainer.demo',
  /** The person a session belongs to, when it is someone's own. */
  owner: 'docker-explainer.owner',
  /** When the session ends (Unix time in ms); the janitor leaves what it made alone until then. */
  expires: 'docker-explainer.expires',
} as const;

/** Who a sandbox session is, as its labels say: what the janitor, cleanup and a playground's `ps` filter by. */
export interface SessionIdentity {
  /** Names (`dx-<id>-<name>`) and labels everything the session creates. */
  sessionId: string;
  /** What the session is for: a demo's id, or `playground`. */
  purpose: string;
  /** Which app process runs it. */
  instance: string;
  /** The person it belongs to (say `T0123:U0456`), when it is someone's own. */
  owner?: string;
  /** Unix time in ms when the session ends (a demo's hard time limit). */
  expiresAt: number;
}

export function sessionLabels(session: SessionIdentity): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.instance]: session.instance,
    [LABEL.run]: session.sessionId,
    [LABEL.demo]: session.purpose,
    ...(session.owner === undefined ? {} : { [LABEL.owner]: session.owner }),
    [LABEL.expires]: String(session.expiresAt),
  };
}

/**
 * The name of an image a run builds: `docker-explainer/<what>:<runId>`. Built images carry no labels (the
 * classic builder would show a LABEL step in the transcript and in `docker history`), so this name is how
 * the run's cleanup and the janitor know them.
 */
export function runImageName(what: string, runId: string): { repo: string; tag: string } {
  return { repo: `docker-explainer/${what}`, tag: runId };
}

const RUN_IMAGE_NAME = /^docker-explainer\/[a-z0-9-]+:[0-9a-f]{8}$/;

/** Whether a tag names an image a run made (runImageName), as opposed to the demo image or anyone else's. */
export function isRunImageName(tag: string): boolean {
  return RUN_IMAGE_NAME.test(tag);
}
