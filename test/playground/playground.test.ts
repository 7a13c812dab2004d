import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFUSED_FLAGS } from '../../src/playground/policy';
import { runMain } from '../helpers/child';
import { everything, readable } from '../helpers/demo-messages';
import {
  type ContainerInspect,
  containersLabelled,
  describeWithDocker,
  engineEnv,
  expectLockedDown,
  imagesLabelled,
  inspectContainer,
} from '../helpers/docker-engine';
import { EngineProxy } from '../helpers/engine-proxy';
import { envelope, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import type { RecordedCall } from '../helpers/slack-stub';
import { TEAM_ID } from '../helpers/slack-stub';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const owner = (user: string) => `${TEAM_ID}:${user}`;

/** What a person reads in a playground answer: the terminal (inside the code fences) and the rest. */
interface Answer {
  call: RecordedCall;
  /** `$ docker …` and the output. */
  terminal: string;
  /** Everything a person reads (terminal, notes, teaching line). */
  shown: string;
}

/**
 * `/docker try` end to end: signed slash commands to the real app, a real engine behind a proxy the test owns.
 * The proxy inspects every container just before it starts and records every create and exec, so the
 * isolation is checked on every container and process the playground makes, and anything that reached the
 * engine when it should not have is seen.
 */
describeWithDocker('/docker try, the playground, on a real engine', () => {
  const proxy = new EngineProxy();
  const started = new Map<string, ContainerInspect>();
  const execs: Record<string, unknown>[] = [];
  let t: TestApp;
  let instance: string;

  beforeAll(async () => {
    await proxy.start();
    proxy.onRequest(/^POST \/(?:v[\d.]+\/)?containers\/([0-9a-f]{64})\/start\b/, async (match) => {
      const id = match[1] ?? '';
      if (!started.has(id)) started.set(id, await inspectContainer(id));
    });
    proxy.onRequest(/^POST \/(?:v[\d.]+\/)?containers\/[0-9a-f]{64}\/exec\b/, async (_match, head) => {
      execs.push(JSON.parse(head.slice(head.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>);
    });
    t = await startTestApp({
      DOCKER_HOST: proxy.dockerHost,
      PLAYGROUND_TIME_LIMIT_S: '2',
      PLAYGROUND_COMMANDS_PER_MINUTE: '500',
    });
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { sandbox: { instance: string } };
    instance = health.sandbox.instance;
  }, 60_000);

  afterAll(async () => {
    for (const user of [ALICE, BOB, 'U0QUOTA', 'U0TIME', 'U0LIMITS', 'U0SHELL'])
      await t?.command('try reset', { user });
    await t?.stop();
    await proxy.stop();
  }, 60_000);

  async function run(user: string, line: string): Promise<Answer> {
    const sent = await t.command(`try ${line}`, { user });
    const call = await t.stub.waitFor((calls) => calls.find((c) => c.responseId === sent.responseId), 20_000);
    const shown = readable(call);
    const terminal = [...shown.matchAll(/```\n?([\s\S]*?)\n?```/g)].map((m) => m[1]).join('\n');
    return { call, terminal, shown };
  }

  const creates = () => proxy.requests.filter((r) => /^POST \S*\/containers\/create/.test(r)).length;

  it('runs a command and answers privately with its real output, laid out like a terminal, with Share', async () => {
    const answer = await run(ALICE, 'run busybox echo hello');
    expect(answer.terminal).toBe('$ docker run busybox echo hello\nhello');
    expect(answer.call.body.response_type).toBe('ephemeral');
    expect(answer.shown).toContain('💡 Each `run` makes a new container');
    expect(everything(answer.call)).toContain('"value":"try:');

    const value = /"value":"(try:[^"]+)"/.exec(everything(answer.call))?.[1] ?? '';
    const pressed = await t.press('share', value, { user: ALICE });
    const shared = await t.stub.waitFor((calls) =>
      calls.find((c) => c.responseId === pressed.responseId && c.body.response_type === 'in_channel'),
    );
    expect(readable(shared)).toContain('$ docker run busybox echo hello\nhello');
    expect(readable(shared)).toContain(`<@${ALICE}> shared this from their \`/docker try\` playground`);
  });

  it('understands the whole workflow: run -d, ps, exec, logs, diff, commit, images, history, inspect, tag, stop, start, restart, rm, rmi', async () => {
    const detached = await run(
      ALICE,
      'docker run -d --name web -e GREETING=hi -w /tmp busybox sh -c "echo started; sleep 300"',
    );
    const id = detached.terminal.split('\n')[1] ?? '';
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const ps = await run(ALICE, 'ps');
    expect(ps.terminal).toMatch(
      new RegExp(
        `^\\$ docker ps\\nCONTAINER ID   IMAGE     COMMAND                  CREATED +STATUS +PORTS +NAMES\\n${id.slice(0, 12)}   busybox   "sh -c 'echo started…"   .+ago +Up .+ +web$`,
      ),
    );
    expect(ps.shown).toContain('not shown: `ps -a` lists every one');
    expect((await run(ALICE, 'ps -aq')).terminal.split('\n').slice(1)).toContain(id.slice(0, 12));
    expect((await run(ALICE, 'container ls -q')).terminal).toBe(
      `$ docker container ls -q\n${id.slice(0, 12)}`,
    );

    const exec = await run(
      ALICE,
      `exec web sh -c 'echo $GREETING from $(pwd) > note.txt; cat note.txt; id -u'`,
    );
    expect(exec.terminal).toBe(
      `$ docker exec web sh -c 'echo $GREETING from $(pwd) > note.txt; cat note.txt; id -u'\nhi from /tmp\n65534`,
    );
    expect((await run(ALICE, 'logs web')).terminal).toBe('$ docker logs web\nstarted');

    const diff = await run(ALICE, 'diff web');
    expect(diff.terminal).toBe('$ docker diff web\nC /tmp\nA /tmp/note.txt');
    expect(diff.shown).toContain('lists only this container’s writable layer');

    const commit = await run(ALICE, `commit -m 'a note' -c 'CMD ["cat", "/tmp/note.txt"]' web myimg:1`);
    const imageId = commit.terminal.split('\n')[1] ?? '';
    expect(imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const images = await run(ALICE, 'images');
    expect(images.terminal).toMatch(
      new RegExp(
        `^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\\nmyimg +1 +${imageId.slice(7, 19)} .+ago +[\\d.]+[kM]?B$`,
        'm',
      ),
    );
    expect(images.terminal).toMatch(/^busybox +latest +[0-9a-f]{12} /m);
    expect(images.terminal).toMatch(/^busybox +1\.36\.1 +[0-9a-f]{12} /m);
    expect((await run(ALICE, 'image ls -q')).terminal).toContain(imageId.slice(7, 19));

    const history = await run(ALICE, 'history myimg:1');
    expect(history.terminal).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$/m);
    expect(history.terminal).toMatch(
      new RegExp(`^${imageId.slice(7, 19)} .+ago +sh -c echo started; sleep 300 +\\d+B +a note$`, 'm'),
    );

    expect((await run(ALICE, 'run --rm myimg:1')).terminal).toBe('$ docker run --rm myimg:1\nhi from /tmp');

    const inspected = await run(ALICE, 'inspect web');
    expect(inspected.terminal).toMatch(/^Name: +web$/m);
    expect(inspected.terminal).toMatch(/^User: +65534:65534$/m);
    expect(inspected.terminal).toMatch(
      /^Isolation: +network none · memory 64 MiB · pids 64 · cpus 0\.5 · capabilities dropped: ALL · no-new-privileges · not privileged · 0 mounts$/m,
    );
    const formatted = await run(
      ALICE,
      `inspect --format '{{.State.Status}} {{json .Config.Cmd}} {{.Id}}' web`,
    );
    expect(formatted.terminal.split('\n')[1]).toBe(`running ["sh","-c","echo started; sleep 300"] ${id}`);
    expect((await run(ALICE, 'inspect -f {{.Config.Cmd}} myimg:1')).terminal.split('\n')[1]).toBe(
      '[cat /tmp/note.txt]',
    );
    expect((await run(ALICE, 'inspect -f "{{.Id}}" web')).terminal.split('\n')[1]).toBe(id);

    expect((await run(ALICE, 'tag myimg:1 other:2')).terminal).toBe('$ docker tag myimg:1 other:2');
    expect((await run(ALICE, 'images other')).terminal).toMatch(
      new RegExp(`^other +2 +${imageId.slice(7, 19)} `, 'm'),
    );
    expect((await run(ALICE, 'rmi myimg:1')).terminal).toBe('$ docker rmi myimg:1\nUntagged: myimg:1');

    const stop = await run(ALICE, 'stop -t 1 web');
    expect(stop.terminal).toBe('$ docker stop -t 1 web\nweb');
    expect((await run(ALICE, 'ps -a')).terminal).toMatch(/Exited \(137\) .+ web$/m);
    expect((await run(ALICE, 'start web')).terminal).toBe('$ docker start web\nweb');
    expect((await run(ALICE, 'restart -t 0 web')).terminal).toBe('$ docker restart -t 0 web\nweb');
    expect((await run(ALICE, 'exec web cat /tmp/note.txt')).terminal).toBe(
      '$ docker exec web cat /tmp/note.txt\nhi from /tmp',
    );

    expect((await run(ALICE, 'rm web')).terminal).toBe(
      `$ docker rm web\nError response from daemon: You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`,
    );
    expect((await run(ALICE, 'rm -f web')).terminal).toBe('$ docker rm -f web\nweb');
    const removed = await run(ALICE, 'rmi other:2');
    expect(removed.terminal).toMatch(/^Untagged: other:2$/m);
    expect(removed.terminal).toMatch(new RegExp(`^Deleted: ${imageId}$`, 'm'));
    expect((await run(ALICE, 'logs web')).terminal).toBe('$ docker logs web\nError: No such container: web');
  });

  it('gives each person their own names: two people with a container called web never meet', async () => {
    const alices = (await run(ALICE, 'run -d --name web busybox sleep 300')).terminal.split('\n')[1] ?? '';
    const bobs = (await run(BOB, 'run -d --name web busybox sleep 300')).terminal.split('\n')[1] ?? '';
    expect(alices).not.toBe(bobs);
    await run(ALICE, 'commit web myimg:1');
    expect((await run(BOB, 'commit web myimg:1')).terminal).toMatch(/sha256:/);

    expect((await run(ALICE, 'ps -q')).terminal.split('\n').slice(1)).toEqual([alices.slice(0, 12)]);
    expect((await run(BOB, 'ps -q')).terminal.split('\n').slice(1)).toEqual([bobs.slice(0, 12)]);
    expect((await run(BOB, 'images myimg')).terminal.split('\n')).toHaveLength(3);

    // Bob reaches for Alice's container by her full ID, a prefix, and by the engine's own name for it.
    const engineName = (await inspectContainer(alices)).Name.slice(1);
    for (const ref of [alices, alices.slice(0, 12), engineName]) {
      expect((await run(BOB, `inspect ${ref}`)).terminal).toBe(
        `$ docker inspect ${ref}\nError: No such object: ${ref}`,
      );
      expect((await run(BOB, `exec ${ref} id`)).terminal).toBe(
        `$ docker exec ${ref} id\nError: No such container: ${ref}`,
      );
      expect((await run(BOB, `stop ${ref}`)).terminal).toBe(
        `$ docker stop ${ref}\nError response from daemon: No such container: ${ref}`,
      );
      expect((await run(BOB, `rm -f ${ref}`)).terminal).toBe(
        `$ docker rm -f ${ref}\nError response from daemon: No such container: ${ref}`,
      );
      expect((await run(BOB, `logs ${ref}`)).terminal).toContain('No such container');
    }
    const alicesImage = (await imagesLabelled({ 'docker-explainer.owner': owner(ALICE) }))[0]?.Id ?? '';
    expect((await run(BOB, `rmi ${alicesImage}`)).terminal).toContain(`Error: No such image: ${alicesImage}`);
    expect((await run(BOB, `run --rm ${alicesImage} echo x`)).shown).toContain('Unable to find image');
    expect((await inspectContainer(alices)).Name).toBe(`/${engineName}`);

    const reset = await run(BOB, 'reset');
    expect(reset.shown).toContain('removed 1 container and 1 image');
    expect(await containersLabelled({ 'docker-explainer.owner': owner(BOB) })).toEqual([]);
    expect(await imagesLabelled({ 'docker-explainer.owner': owner(BOB) })).toEqual([]);
    expect((await run(ALICE, 'ps -q')).terminal.split('\n').slice(1)).toEqual([alices.slice(0, 12)]);
    await run(ALICE, 'reset');
    expect(await containersLabelled({ 'docker-explainer.owner': owner(ALICE) })).toEqual([]);
    expect(await imagesLabelled({ 'docker-explainer.owner': owner(ALICE) })).toEqual([]);
  });

  it("shows a person's own containers on their App Home, and nobody else's", async () => {
    await run('U0HOME', 'run --name homebox busybox echo hi');
    const openHome = async (user: string) => {
      const before = t.stub.calls.length;
      await sendEvent(
        t,
        envelope({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1.1' }),
      );
      return t.stub.waitFor((calls) =>
        calls.slice(before).find((c) => c.method === 'views.publish' && c.body.user_id === user),
      );
    };
    const mine = JSON.stringify((await openHome('U0HOME')).body);
    expect(mine).toContain('Your playground');
    expect(mine).toContain('homebox');
    const theirs = JSON.stringify((await openHome('U0NOPLAY')).body);
    expect(theirs).toContain('Your playground* is empty');
    expect(theirs).not.toContain('homebox');
    await t.command('try reset', { user: 'U0HOME' });
  });

  it('refuses every loosening flag with its reason, before anything reaches the engine', async () => {
    const before = creates();
    for (const flag of Object.keys(REFUSED_FLAGS)) {
      const answer = await run('U0LIMITS', `run ${flag} x busybox id`);
      expect(answer.shown).toContain(`\`${flag}\` is refused in the playground:`);
    }
    for (const line of [
      'run -u 0 busybox id',
      'run --user root busybox id',
      'run --user=0:0 busybox id',
      'run -u 1000:0 busybox id',
      'run -it busybox sh',
      'exec --privileged box sh',
      'exec -u 0 box id',
      'run --network=host busybox id',
      'run -dP busybox',
    ])
      expect((await run('U0LIMITS', line)).shown).toMatch(/is refused/);
    expect(creates()).toBe(before);
    expect(execs.every((body) => body.User !== '0:0' && !body.Privileged)).toBe(true);
  });

  it('never lets shell syntax reach a shell on the host, and runs it in the container when quoted', async () => {
    const marker = path.join(os.tmpdir(), `dx-pwned-${randomBytes(4).toString('hex')}`);
    const before = creates();
    for (const line of [
      `run busybox echo $(touch ${marker})`,
      `run busybox echo \`touch ${marker}\``,
      `run busybox echo "$(touch ${marker})"`,
      `run busybox echo hi; touch ${marker}`,
      `run busybox echo hi && touch ${marker}`,
      `run busybox echo hi || touch ${marker}`,
      `run busybox echo hi | tee ${marker}`,
      `run busybox echo hi > ${marker}`,
      `run busybox echo hi &amp;&amp; touch ${marker}`,
      `run busybox echo $HOME`,
    ]) {
      const answer = await run('U0SHELL', line);
      expect(answer.shown).toMatch(/🚫 .*(on your own computer|shell)/);
      expect(answer.shown).toContain("sh -c 'echo $HOME; ls /tmp'");
    }
    expect(creates()).toBe(before);
    expect(fs.existsSync(marker)).toBe(false);

    const quoted = await run(
      'U0SHELL',
      `run --rm busybox sh -c 'echo $((6*7)) && id -u; echo \`echo nested\` > /tmp/x; cat /tmp/x'`,
    );
    expect(quoted.terminal.split('\n').slice(1)).toEqual(['42', '65534', 'nested']);
    expect(fs.existsSync('/tmp/x') && fs.readFileSync('/tmp/x', 'utf8') === 'nested\n').toBe(false);
  });

  it('stops foreground commands and exec at the time limit, and cuts long output', async () => {
    const began = Date.now();
    const slow = await run('U0TIME', 'run --rm busybox sleep 30');
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(slow.terminal).toBe('$ docker run --rm busybox sleep 30\n[exit code 137]');
    expect(slow.shown).toContain('⏱ Stopped after 2 s');

    await run('U0TIME', 'run -d --name box busybox sleep 300');
    // Each user notes its exec's PID in a file of its own: another user's is not in the way.
    expect((await run('U0TIME', 'exec -u 1000 box id -u')).terminal).toBe(
      '$ docker exec -u 1000 box id -u\n1000',
    );
    expect((await run('U0TIME', 'exec box id -u')).terminal).toBe('$ docker exec box id -u\n65534');
    const execBegan = Date.now();
    const slowExec = await run('U0TIME', 'exec box sleep 30');
    expect(Date.now() - execBegan).toBeLessThan(10_000);
    expect(slowExec.shown).toContain('⏱ Stopped after 2 s');
    // The exec'd sleep is gone; only the container's own is left, and nothing the time limit used.
    const left = (await run('U0TIME', 'exec box ps -o pid,comm')).terminal.split('\n').slice(2);
    expect(left.map((line) => line.trim().split(/\s+/))).toEqual([
      ['1', 'sleep'],
      [expect.stringMatching(/^\d+$/), 'ps'],
    ]);
    expect((await run('U0TIME', 'diff box')).terminal).toBe('$ docker diff box');

    const long = await run('U0TIME', 'run --rm busybox seq 1 100');
    expect(long.terminal.split('\n')).toHaveLength(41);
    expect(long.shown).toContain('60 more lines');
    await run('U0TIME', 'reset');
  });

  it('keeps each person to their quotas', async () => {
    for (const name of ['a', 'b', 'c']) await run('U0QUOTA', `run -d --name ${name} busybox sleep 300`);
    const fourth = await run('U0QUOTA', 'run -d --name d busybox sleep 300');
    expect(fourth.shown).toContain('You have 3 containers, the most a playground keeps');
    for (const name of ['a', 'b', 'c'])
      expect((await run('U0QUOTA', `commit ${name} img:${name}`)).terminal).toMatch(/sha256:/);
    expect((await run('U0QUOTA', 'commit a img:d')).shown).toContain('You have 3 images');
    expect(await containersLabelled({ 'docker-explainer.owner': owner('U0QUOTA') })).toHaveLength(3);
    await run('U0QUOTA', 'reset');
  });

  it('explains itself, and names what it does not support', async () => {
    const intro = await run(ALICE, '');
    expect(intro.shown).toContain('Your own Docker playground');
    expect(intro.shown).toContain('/docker try run busybox echo hello');
    expect((await run(ALICE, 'pull alpine')).shown).toContain('Nothing can be pulled here');
    expect((await run(ALICE, 'swarm init')).shown).toContain('It understands: run, ps, exec');
    expect((await run(ALICE, 'run alpine echo hi')).shown).toContain(
      "Unable to find image 'alpine:latest' in your playground",
    );
  });

  it('ran every container locked down: no network, limits, no capabilities, no mounts, never root', () => {
    expect(started.size).toBeGreaterThanOrEqual(12);
    for (const c of started.values()) {
      expect(c.Config.Labels['docker-explainer.demo']).toBe('playground');
      expectLockedDown(c);
      // Exactly the playground's limits, not merely within them.
      expect([c.HostConfig.Memory, c.HostConfig.PidsLimit, c.HostConfig.NanoCpus]).toEqual([
        64 * 1024 * 1024,
        64,
        500_000_000,
      ]);
      expect(c.Name).toMatch(/^\/dx-pg-[0-9a-f]{12}-[\w.-]+$/);
      expect(c.Config.Labels).toEqual(
        expect.objectContaining({
          'docker-explainer.managed': 'true',
          'docker-explainer.instance': instance,
          'docker-explainer.owner': expect.stringMatching(new RegExp(`^${TEAM_ID}:U0`)),
          'docker-explainer.expires': expect.stringMatching(/^\d{13}$/),
        }),
      );
    }
    expect(execs.length).toBeGreaterThanOrEqual(5);
    for (const body of execs) {
      expect(body.Privileged ?? false).toBe(false);
      expect(String(body.User)).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      expect((body.Cmd as string[]).slice(0, 2)).toEqual(['sh', '-c']);
    }
    expect(proxy.hookErrors).toEqual([]);
  });

  it('left nothing behind once everyone reset', async () => {
    const users = [ALICE, BOB, 'U0QUOTA', 'U0TIME', 'U0LIMITS', 'U0SHELL'];
    for (const user of users) await run(user, 'reset');
    expect(await containersLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
    expect(await imagesLabelled({ 'docker-explainer.instance': instance })).toEqual([]);
    // Nothing of these people's playgrounds, whichever process made it (other test files' playgrounds, made
    // by other people, may be on the same engine at the same time).
    for (const user of users)
      expect(
        await containersLabelled({
          'docker-explainer.demo': 'playground',
          'docker-explainer.owner': owner(user),
        }),
      ).toEqual([]);
  });
});

describeWithDocker('/docker try: a person typing fast', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PLAYGROUND_COMMANDS_PER_MINUTE: '3' });
  }, 60_000);
  afterAll(async () => t?.stop());

  it('is told to slow down after PLAYGROUND_COMMANDS_PER_MINUTE, without the engine being asked', async () => {
    const said: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sent = await t.command('try ps', { user: 'U0FAST' });
      said.push(
        readable(await t.stub.waitFor((calls) => calls.find((c) => c.responseId === sent.responseId))),
      );
    }
    expect(said.slice(0, 3).every((text) => text.includes('$ docker ps'))).toBe(true);
    expect(said[3]).toMatch(/the playground takes 3 commands a minute per person\. Try again in \d+ s\./);
    const other = await t.command('try ps', { user: 'U0SLOW' });
    expect(
      readable(await t.stub.waitFor((calls) => calls.find((c) => c.responseId === other.responseId))),
    ).toContain('$ docker ps');
  });
});

describeWithDocker('/docker try in the local console', () => {
  it('accepts the same lines', async () => {
    const result = await runMain(
      "/docker try run busybox sh -c 'echo hello from the console'\n/docker try docker ps -a\n/docker try reset\n",
      engineEnv(),
      40_000,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "$ docker run busybox sh -c 'echo hello from the console'\n    hello from the console",
    );
    expect(result.stdout).toMatch(/\$ docker ps -a\n +CONTAINER ID +IMAGE/);
    expect(result.stdout).toContain('Your playground is empty again: removed 1 container and 0 images.');
    expect(await containersLabelled({ 'docker-explainer.owner': '-:UCONSOLE' })).toEqual([]);
  });
});
