import { EngineProxy } from '../helpers/engine-proxy';
import { messageEvent, sendEvent } from '../helpers/events';
import { startTestApp, type TestApp } from '../helpers/harness';
import { describeWithPostgres, freshSchema, type TestSchema, testDatabaseUrl } from '../helpers/postgres';
import type { RecordedCall } from '../helpers/slack-stub';

const everything = (call: RecordedCall) => JSON.stringify(call.body);
const buttons = (call: RecordedCall) =>
  ((call.body.blocks ?? []) as { type: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.action_id);

describeWithPostgres('the shared database going away mid-run', () => {
  let proxy: EngineProxy;
  let schema: TestSchema;
  let t: TestApp;

  beforeAll(async () => {
    const server = new URL(testDatabaseUrl() as string);
    proxy = await new EngineProxy(() => ({
      host: server.hostname,
      port: Number(server.port || 5432),
    })).start();
    schema = await freshSchema();
    const url = new URL(schema.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.listenPort);
    t = await startTestApp({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await t?.stop();
    await proxy.stop();
    await schema.drop();
  });

  const answer = async (text: string, channel: string) => {
    const sent = await t.command(text, { channel });
    expect(sent.status).toBe(200);
    return t.stub.waitFor((calls) => calls.find((c) => c.responseId === sent.responseId), 15_000);
  };

  it('says so plainly where it is needed, keeps explaining and answering, and recovers', async () => {
    expect(everything(await answer('tips on', 'C0OUTAGE1'))).toContain('Daily tips are now on');
    await proxy.stop();

    const refused = await answer('tips on', 'C0OUTAGE2');
    expect(refused.body.response_type).toBe('ephemeral');
    expect(everything(refused)).toContain('My database is not answering right now');
    expect(everything(await answer('image', 'C0OUTAGE2'))).toContain('What is a Docker image?');

    // A question is answered from the content; its vote buttons need it stored, so they are left off.
    const question = messageEvent('D0OUTAGE', 'what is copy on write?', 'im');
    await sendEvent(t, question);
    await sendEvent(t, question, 1);
    const reply = await t.stub.waitFor(
      () => t.stub.callsTo('chat.postMessage').find((c) => c.body.channel === 'D0OUTAGE'),
      15_000,
    );
    expect(everything(reply)).toContain('copy-on-write');
    expect(buttons(reply)).not.toContain('feedback_up');

    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { database: { status: string } };
    expect(health.database.status).toBe('unavailable');

    await proxy.start();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(everything(await answer('tips', 'C0OUTAGE1'))).toContain('Daily tips are on here');
    expect(t.stub.callsTo('chat.postMessage').filter((c) => c.body.channel === 'D0OUTAGE')).toHaveLength(1);
  });
});
