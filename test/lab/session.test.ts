import { LABEL, LIMITS, NOBODY } from '../../src/lab/policy';
import { SandboxSession } from '../../src/lab/session';
import { silentLogger } from '../../src/ops/log';
import { MemorySandbox } from '../helpers/memory-sandbox';

const image = { ref: 'busybox:test', id: 'sha256:test' };

function playground(sandbox: MemorySandbox, signal?: AbortSignal) {
  return new SandboxSession(sandbox, {
    image,
    identity: {
      sessionId: 'pg-u1',
      purpose: 'playground',
      instance: 'i1',
      owner: 'T1:U1',
      expiresAt: 1_900_000_000_000,
    },
    lifetimeMs: 30 * 60_000,
    signal,
  });
}

describe('SandboxSession', () => {
  it("applies the policy to a person's containers: limits, nobody, labels naming the owner and deadline", async () => {
    const sandbox = new MemorySandbox();
    const session = playground(sandbox);
    const web = await session.run('web');
    expect(web.name).toBe('dx-pg-u1-web');
    expect(session.owner).toBe('T1:U1');
    const [spec] = sandbox.created;
    expect(spec).toEqual(
      expect.objectContaining({
        user: NOBODY,
        memoryBytes: LIMITS.memoryBytes,
        pidsLimit: LIMITS.pidsLimit,
        nanoCpus: LIMITS.nanoCpus,
        cmd: ['sleep', String(30 * 60 + 5)],
      }),
    );
    expect(spec?.labels).toEqual({
      [LABEL.managed]: 'true',
      [LABEL.instance]: 'i1',
      [LABEL.run]: 'pg-u1',
      [LABEL.demo]: 'playground',
      [LABEL.owner]: 'T1:U1',
      [LABEL.expires]: '1900000000000',
    });
  });

  it('ends one command on its own signal while the session lives on', async () => {
    const sandbox = new MemorySandbox();
    const session = playground(sandbox);
    const command = new AbortController();
    command.abort(new Error('this command ran past its time limit'));
    await expect(session.withSignal(command.signal).run('slow')).rejects.toThrow(/time limit/);
    const next = await session.withSignal(new AbortController().signal).run('next');
    expect(sandbox.boxes.size).toBe(1);
    await session.withSignal(new AbortController().signal).exec(next, ['echo', 'hi']);
  });

  it('ends every call once the session signal is aborted', async () => {
    const sandbox = new MemorySandbox();
    const ended = new AbortController();
    const session = playground(sandbox, ended.signal);
    ended.abort(new Error('shutting down'));
    await expect(session.withSignal(new AbortController().signal).run('web')).rejects.toThrow(
      'shutting down',
    );
  });

  it('cleans up what any of its commands created, and only that', async () => {
    const sandbox = new MemorySandbox();
    const mine = playground(sandbox);
    await mine.withSignal(new AbortController().signal).run('a');
    await mine.run('b');
    const other = new SandboxSession(sandbox, {
      image,
      identity: { sessionId: 'pg-u2', purpose: 'playground', instance: 'i1', owner: 'T1:U2', expiresAt: 1 },
      lifetimeMs: 1000,
    });
    await other.run('a');
    expect(await mine.cleanup(silentLogger)).toEqual([]);
    expect([...sandbox.boxes.values()].map((box) => box.spec.name)).toEqual(['dx-pg-u2-a']);
  });
});
