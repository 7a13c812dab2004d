import type { AppProcess } from '../helpers/app-process';
import { mentionEvent, messageEvent, postEvent } from '../helpers/events';
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

  it('sees a setting changed through one replica on the others at once', async () => {
    const { stub, replicas } = set;
    const [first, second, third] = replicas as [AppProcess, AppProcess, AppProcess];
    /** The answer to a command: on its response_url, or (announcements to the channel) a new post. */
    const answer = async (replica: AppProcess, text: string, id: string) => {
      const from = stub.calls.length;
      await replica.command(text, 'U0ALICE', id);
      const reply = await stub.waitFor((calls) =>
        calls
          .slice(from)
          .find((c) => c.responseId === id || (c.method === 'chat.postMessage' && !c.body.thread_ts)),
      );
      return JSON.stringify(reply.body);
    };
    // Listen mode on through the first replica: a question the second replica gets is answered.
    expect(await answer(first, 'listen on', 'listen-on')).toContain('Listen mode is on');
    const asked = messageEvent(
      'C0GENERAL',
      'what is the difference between an image and a container?',
      'channel',
    );
    await postEvent(second.url, asked);
    await stub.waitFor(() => answersIn(stub, asked.event.ts as string).length > 0, 10_000);
    // Off through the third: the second stays quiet from the next message.
    expect(await answer(third, 'listen off', 'listen-off')).toContain('Listen mode is off');
    const quiet = messageEvent(
      'C0GENERAL',
      'what is the difference between an image and a container?',
      'channel',
    );
    await postEvent(second.url, quiet);
    // Daily tips on through one replica are on for another.
    expect(await answer(first, 'tips on', 'tips-on')).toContain('Daily tips are now on');
    expect(await answer(third, 'tips', 'tips-status')).toContain('Daily tips are on here');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answersIn(stub, quiet.event.ts as string)).toEqual([]);
  });
});
