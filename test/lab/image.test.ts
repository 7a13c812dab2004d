import { randomBytes } from 'node:crypto';
import { loadContent } from '../../src/content/load';
import { loadNarratives } from '../../src/demos/narratives';
import { DemoService } from '../../src/demos/service';
import { DemoImageUnavailable } from '../../src/errors';
import { BUSYBOX_LABEL, DemoImage } from '../../src/lab/image';
import type { Message } from '../../src/message';
import { createLogger } from '../../src/ops/log';
import type { Output, Posted } from '../../src/transport';
import { describeWithDocker, engineRequest, removeImage } from '../helpers/docker-engine';
import { realSandbox } from '../helpers/sandbox';

describeWithDocker('the demo image', () => {
  const sandbox = realSandbox();
  // Its own tag, so this test never touches the image other tests and the bot use.
  const localTag = `docker-explainer-test/busybox:${randomBytes(4).toString('hex')}`;
  const absent = `docker-explainer-test/absent:${randomBytes(4).toString('hex')}`;
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => logs.push(line) });

  afterAll(async () => {
    await removeImage(localTag);
  });

  it('is built from BUSYBOX_PATH when DEMO_IMAGE cannot be pulled, then reused', async () => {
    const image = new DemoImage(sandbox, { image: absent, busyboxPath: '/bin/busybox', logger, localTag });
    const first = await image.ensure();
    expect(first.ref).toBe(localTag);
    expect(
      logs.some((l) => l.includes('could not pull the demo image') && l.includes(`image=${absent}`)),
    ).toBe(true);
    expect(
      logs.filter((l) => l.includes(`building the local demo image tag=${localTag} from=/bin/busybox`)),
    ).toHaveLength(1);

    const inspected = (await engineRequest('GET', `/images/${encodeURIComponent(localTag)}/json`)).body as {
      Id: string;
      Config: { Labels: Record<string, string>; Cmd: string[] };
    };
    expect(inspected.Id).toBe(first.id);
    expect(inspected.Config.Labels[BUSYBOX_LABEL]).toMatch(/^[0-9a-f]{64}$/);
    expect(inspected.Config.Cmd).toEqual(['sh']);

    const again = await new DemoImage(sandbox, {
      image: absent,
      busyboxPath: '/bin/busybox',
      logger,
      localTag,
    }).ensure();
    expect(again).toEqual(first);
    expect(logs.filter((l) => l.includes(`building the local demo image tag=${localTag}`))).toHaveLength(1);
  });

  it('is DEMO_IMAGE itself when the engine has it', async () => {
    const present = await new DemoImage(sandbox, {
      image: localTag,
      busyboxPath: '/nonexistent',
      logger,
    }).ensure();
    expect(present.ref).toBe(localTag);
  });

  it('says clearly, in the log and to the person, when neither a pull nor a build can provide it', async () => {
    const missingTag = `docker-explainer-test/busybox:${randomBytes(4).toString('hex')}`;
    const image = new DemoImage(sandbox, {
      image: absent,
      busyboxPath: '/nonexistent/busybox',
      logger,
      localTag: missingTag,
    });
    await expect(image.ensure()).rejects.toThrow(DemoImageUnavailable);
    await expect(image.ensure()).rejects.toThrow(
      /BUSYBOX_PATH \/nonexistent\/busybox cannot be read \(ENOENT\); install busybox-static or set DEMO_IMAGE/,
    );

    const demos = new DemoService({
      sandbox,
      narratives: loadNarratives(),
      topics: loadContent().topics,
      config: {
        demoImage: absent,
        busyboxPath: '/nonexistent/busybox',
        localImageTag: missingTag,
        concurrency: 1,
        timeLimitMs: 20_000,
        janitorIntervalMs: 60_000,
      },
      logger,
    });
    const shown: Message[] = [];
    const output: Output = {
      send: async (message) => {
        shown.push(message);
        return { update: async (next) => void shown.push(next) } satisfies Posted;
      },
    };
    await demos.run('diff', { text: 'demo diff', userId: 'U0ALICE', channelId: 'C1' }, output);
    expect(shown[shown.length - 1]?.text).toBe(
      'Live demo diff: did not run: The demo image is not available on the sandbox: it could not be pulled and could not be built from a local busybox. An operator has to fix this (see the log); explanations still work.',
    );
    expect(
      logs.some((l) =>
        / WARN .*demo could not start .*reason="no demo image: .*BUSYBOX_PATH \/nonexistent\/busybox/.test(l),
      ),
    ).toBe(true);
    await demos.stop();
  });
});
