import type { AppProcess } from '../helpers/app-process';
import { eventually } from '../helpers/docker-engine';
import { describeWithPostgres, freshSchema, type TestSchema } from '../helpers/postgres';
import { killAll, startReplica, startReplicas, stopAll } from '../helpers/replicas';
import { SlackStub } from '../helpers/slack-stub';

/** Every two seconds: several slots within a few seconds of test. */
const EVERY_TWO_SECONDS = '*/2 * * * * *';

interface PostRow {
  channel_id: string;
  slot: string;
  status: string;
  attempts: number;
  claimed_by: string;
}

const postsIn = (schema: TestSchema) =>
  schema.query<PostRow>('SELECT channel_id, slot, status, attempts, claimed_by FROM tip_posts ORDER BY slot');

/** chat.postMessage calls per channel. */
function callsPerChannel(stub: SlackStub): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of stub.callsTo('chat.postMessage')) {
    const channel = String(call.body.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

/** How many slots each channel has a row for: one row per (channel, slot) is all the store allows. */
function slotsPerChannel(rows: readonly PostRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.channel_id, (counts.get(row.channel_id) ?? 0) + row.attempts);
  return counts;
}

/**
 * The daily tip schedule runs on every replica; each (channel, slot) is claimed in the shared database before
 * it is posted, so every slot reaches each channel once, whichever replica wins it.
 */
describeWithPostgres('daily tips on three replicas', () => {
  let stub: SlackStub;
  let schema: TestSchema;
  let replicas: (AppProcess | undefined)[] = [];

  beforeEach(async () => {
    stub = await new SlackStub().start();
    schema = await freshSchema();
  });
  afterEach(async () => {
    await killAll(replicas);
    await stub.stop();
    await schema.drop();
  });

  it('posts each slot to each channel once', async () => {
    const channels = ['C0TIPSA', 'C0TIPSB', 'C0TIPSC', 'C0TIPSD'];
    replicas = await startReplicas(stub, schema, 3, {
      TIP_SCHEDULE: EVERY_TWO_SECONDS,
      TIP_CHANNELS: channels.join(','),
    });
    await eventually('four slots posted', async () => {
      const rows = await postsIn(schema);
      return new Set(rows.map((r) => r.slot)).size >= 4;
    });
    await stopAll(replicas);
    const rows = await postsIn(schema);
    expect(rows.every((r) => r.attempts === 1 && r.status === 'posted')).toBe(true);
    // One call per claimed slot: no slot was posted by two replicas.
    expect(callsPerChannel(stub)).toEqual(slotsPerChannel(rows));
    expect(new Set(rows.map((r) => r.claimed_by)).size).toBeGreaterThan(1);
  }, 30_000);

  it('never posts a slot twice when the replica posting it is killed mid-post', async () => {
    // The first tip post is answered only after 20 s: its replica is still waiting when it is killed.
    stub.queue('chat.postMessage', { delayMs: 20_000, body: { ok: true, ts: '1.1' } });
    replicas = await startReplicas(stub, schema, 3, {
      TIP_SCHEDULE: EVERY_TWO_SECONDS,
      TIP_CHANNELS: 'C0KILL',
    });
    const stuck = await eventually('a replica mid-post', async () => {
      const rows = await postsIn(schema);
      return stub.callsTo('chat.postMessage').length > 0 && rows.find((r) => r.status === 'claimed');
    });
    const owner = replicas.findIndex((_, n) => `replica-${n + 1}` === stuck.claimed_by);
    await replicas[owner]?.kill();
    replicas[owner] = undefined;

    // The others go on posting later slots, and leave the dead replica's slot alone.
    await eventually('two more slots', async () => (await postsIn(schema)).length >= 3);
    const during = await postsIn(schema);
    expect(during.find((r) => r.slot === stuck.slot)).toEqual(
      expect.objectContaining({ status: 'claimed', claimed_by: stuck.claimed_by }),
    );

    // Back with the same INSTANCE_ID, it settles its own unfinished post as unknown: never posted again.
    replicas[owner] = await startReplica(stub, schema, stuck.claimed_by, {
      TIP_SCHEDULE: EVERY_TWO_SECONDS,
      TIP_CHANNELS: 'C0KILL',
    });
    await eventually('the stuck slot settled', async () => {
      const rows = await postsIn(schema);
      return rows.find((r) => r.slot === stuck.slot)?.status === 'unknown';
    });
    await stopAll(replicas);
    const rows = await postsIn(schema);
    expect(callsPerChannel(stub).get('C0KILL')).toBe(slotsPerChannel(rows).get('C0KILL'));
    expect(replicas[owner]?.stderr()).toContain(
      'it may or may not have arrived and will not be posted again',
    );
  }, 40_000);
});
