import type { AppProcess } from '../helpers/app-process';
import { mentionEvent, postEvent } from '../helpers/events';
import { describeWithPostgres } from '../helpers/postgres';
import { useReplicas } from '../helpers/replicas';
import type { RecordedCall, SlackStub } from '../helpers/slack-stub';

const answersIn = (stub: SlackStub, threadTs: string): RecordedCall[] =>
  stub.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === threadTs);

/**
 * Three replicas behind one URL: Slack retries a delivery it thinks was lost, and a load balancer may send
 * the retry to any replica. Event ids are claimed in the shared database, so each question is answered once.
 */
describeWithPostgres('a Slack event retried to another replica', () => {
  const set = useReplicas(3);

  it('is answered once, by the replica that got it first', async () => {
    const { stub, replicas } = set;
    const body = mentionEvent('what is the difference between an image and a container?');
    const [first, second, third] = replicas as [AppProcess, AppProcess, AppProcess];
    expect(await postEvent(first.url, body)).toBe(200);
    await stub.waitFor(() => answersIn(stub, body.event.ts as string).length > 0, 10_000);
    expect(await postEvent(second.url, body, 1)).toBe(200);
    expect(await postEvent(third.url, body, 2)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(answersIn(stub, body.event.ts as string)).toHaveLength(1);
  });

  it('is answered once when every replica gets it at the same moment, for every event of a burst', async () => {
    const { stub, schema, replicas } = set;
    const bodies = Array.from({ length: 30 }, (_, i) =>
      mentionEvent(['what is an image?', 'what is a container?', 'what is a layer?'][i % 3] as string),
    );
    await Promise.all(
      bodies.flatMap((body) => replicas.map((replica, retry) => postEvent(replica.url, body, retry))),
    );
    await stub.waitFor(() => bodies.every((b) => answersIn(stub, b.event.ts as string).length > 0), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const answers = bodies.map((b) => answersIn(stub, b.event.ts as string).length);
    expect(answers).toEqual(bodies.map(() => 1));
    const rows = await schema.query<{ n: number }>('SELECT count(*)::int AS n FROM seen_events');
    expect(rows[0]?.n).toBe(bodies.length + 1);
  });
});
