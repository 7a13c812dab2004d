import { Janitor } from '../../src/lab/janitor';
import { LIMITS, NOBODY, sessionLabels } from '../../src/lab/policy';
import { silentLogger } from '../../src/ops/log';
import { eventually } from '../helpers/docker-engine';
import { MemorySandbox } from '../helpers/memory-sandbox';

const GRACE_MS = 100;

/** A running container a demo of `instance` made, whose run ends `inMs` from now. */
async function leftover(sandbox: MemorySandbox, instance: string, inMs: number): Promise<string> {
  const labels = sessionLabels({
    sessionId: `run${instance}`,
    purpose: 'diff',
    instance,
    expiresAt: Date.now() + inMs,
  });
  const id = await sandbox.containers.create({
    name: `dx-${instance}-box`,
    image: 'busybox:test',
    cmd: ['sleep', '60'],
    user: NOBODY,
    labels,
    memoryBytes: LIMITS.memoryBytes,
    pidsLimit: LIMITS.pidsLimit,
    nanoCpus: LIMITS.nanoCpus,
  });
  await sandbox.containers.start(id);
  return id;
}

/** A janitor of the instance `me`, whose periodic pass is a minute away. */
const janitorOf = (sandbox: MemorySandbox) =>
  new Janitor(sandbox, { intervalMs: 60_000, logger: silentLogger, graceMs: GRACE_MS, instance: 'me' });

describe('the janitor, after a crash', () => {
  it('sweeps just after the soonest deadline of what another process left, not only at its periodic pass', async () => {
    const sandbox = new MemorySandbox();
    const crashed = await leftover(sandbox, 'crashed', 400);
    const later = await leftover(sandbox, 'crashed2', 900);
    const janitor = janitorOf(sandbox);
    const began = Date.now();
    janitor.start();
    try {
      await eventually('the first leftover to go', async () => !sandbox.boxes.has(crashed), 3000);
      const first = Date.now() - began;
      expect(first).toBeGreaterThanOrEqual(400 + GRACE_MS);
      expect(first).toBeLessThan(400 + GRACE_MS + 1000);
      expect(sandbox.boxes.has(later)).toBe(true);
      await eventually('the second leftover to go', async () => !sandbox.boxes.has(later), 3000);
      expect(Date.now() - began).toBeLessThan(900 + GRACE_MS + 1000);
    } finally {
      await janitor.stop();
    }
  });

  it("sets no early sweep for this process's own runs, which clean up after themselves", async () => {
    const sandbox = new MemorySandbox();
    const mine = await leftover(sandbox, 'me', 100);
    const janitor = janitorOf(sandbox);
    janitor.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(sandbox.boxes.has(mine)).toBe(true);
    } finally {
      await janitor.stop();
    }
  });
});
