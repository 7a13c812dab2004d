/**
 * The limits and labels every demo container gets. They live here, applied by the runner's context, so a
 * demo step cannot choose or forget them.
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
  run: 'docker-explainer.run',
  demo: 'docker-explainer.demo',
  /** When the run's hard time limit ends (Unix time in ms); the janitor leaves it alone until then. */
  expires: 'docker-explainer.expires',
} as const;

export interface RunIdentity {
  runId: string;
  demoId: string;
  instance: string;
  /** Unix time in ms when the run's hard time limit ends. */
  expiresAt: number;
}

export function runLabels(run: RunIdentity): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.instance]: run.instance,
    [LABEL.run]: run.runId,
    [LABEL.demo]: run.demoId,
    [LABEL.expires]: String(run.expiresAt),
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
