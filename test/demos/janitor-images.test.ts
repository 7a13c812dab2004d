import { randomBytes } from 'node:crypto';
import { Janitor } from '../../src/lab/janitor';
import { MAX_TIME_LIMIT_S, runImageName, sessionLabels } from '../../src/lab/policy';
import { createLogger } from '../../src/ops/log';
import { MemorySandbox } from '../helpers/memory-sandbox';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const LONGEST_RUN_MS = MAX_TIME_LIMIT_S * 1000;
const id = () => `sha256:${randomBytes(32).toString('hex')}`;

function janitorOn(sandbox: MemorySandbox): Janitor {
  return new Janitor(sandbox, { intervalMs: 60_000, logger: createLogger('error'), now: () => NOW });
}

/** A `docker-explainer/<what>:<runId>` name, as a run gives the images it builds. */
function runImage(what: string): string {
  const { repo, tag } = runImageName(what, randomBytes(4).toString('hex'));
  return `${repo}:${tag}`;
}

describe('the janitor, on images a run built (which carry no labels, only a run name)', () => {
  it('removes one that is older than the longest run, and keeps one a run may still be using', async () => {
    const sandbox = new MemorySandbox();
    const old = runImage('layers');
    const recent = runImage('layers');
    sandbox.stored.set(old, { id: id(), labels: {}, created: NOW - LONGEST_RUN_MS - 10_000 });
    sandbox.stored.set(recent, { id: id(), labels: {}, created: NOW - LONGEST_RUN_MS + 10_000 });

    expect(await janitorOn(sandbox).sweep()).toEqual({ containers: 0, images: 1 });
    expect(sandbox.stored.has(old)).toBe(false);
    expect(sandbox.stored.has(recent)).toBe(true);
  });

  it('leaves old images alone that are not a run’s: the demo image, and anyone else’s', async () => {
    const sandbox = new MemorySandbox();
    const longAgo = NOW - 30 * 24 * 3600 * 1000;
    for (const ref of [
      'docker-explainer/busybox:local',
      'docker-explainer/layers:latest',
      'layers:0123abcd',
      'someone/docker-explainer/layers:0123abcd',
    ])
      sandbox.stored.set(ref, { id: id(), labels: {}, created: longAgo });

    expect(await janitorOn(sandbox).sweep()).toEqual({ containers: 0, images: 0 });
    expect(sandbox.stored.size).toBe(5); // with the sandbox's own busybox:test
  });

  it('goes by the deadline label, not by age, for images that carry the run labels (commits)', async () => {
    const sandbox = new MemorySandbox();
    const committed = runImage('commit');
    const labels = sessionLabels({
      sessionId: 'abcd0123',
      purpose: 'commit',
      instance: 'i',
      expiresAt: NOW + 60_000,
    });
    sandbox.stored.set(committed, { id: id(), labels, created: NOW - 2 * LONGEST_RUN_MS });

    expect(await janitorOn(sandbox).sweep()).toEqual({ containers: 0, images: 0 });
    expect(sandbox.stored.has(committed)).toBe(true);
  });
});
