import type { RecordedCall, SlackStub } from './slack-stub';

/**
 * Demo messages by the user who started them (their context line says `<@USER> ran …`), indexed as calls
 * arrive so that waiting on many demos at once stays cheap.
 */
const indexes = new WeakMap<SlackStub, { seen: number; byUser: Map<string, RecordedCall[]> }>();

function index(stub: SlackStub): Map<string, RecordedCall[]> {
  let entry = indexes.get(stub);
  if (!entry) {
    entry = { seen: 0, byUser: new Map() };
    indexes.set(stub, entry);
  }
  for (; entry.seen < stub.calls.length; entry.seen++) {
    const call = stub.calls[entry.seen] as RecordedCall;
    if (!['chat.postMessage', 'chat.update', 'response_url'].includes(call.method)) continue;
    const user = /<@([UW][A-Z0-9]+)> ran/.exec(JSON.stringify(call.body))?.[1];
    if (user) entry.byUser.set(user, [...(entry.byUser.get(user) ?? []), call]);
  }
  return entry.byUser;
}

/** Every post or edit of the demo messages a user started, in order. */
export function demoCalls(stub: SlackStub, user: string): RecordedCall[] {
  return index(stub).get(user) ?? [];
}

const FINISHED = /^Live demo [a-z]+: (done in|stopped|did not run)/;

/** Waits (bounded) for the user's demo message to reach its summary; that last version of it. */
export function finishedDemo(stub: SlackStub, user: string, timeoutMs = 40_000): Promise<RecordedCall> {
  return stub.waitFor(
    () => demoCalls(stub, user).find((call) => FINISHED.test(String(call.body.text))),
    timeoutMs,
  );
}

/** All the text of a call, as one string (blocks included). */
export const everything = (call: RecordedCall): string => JSON.stringify(call.body);

/** The section texts of a message, joined: what a person reads. */
export function readable(call: RecordedCall): string {
  const blocks = (call.body.blocks ?? []) as { text?: { text?: string }; elements?: { text?: string }[] }[];
  return blocks
    .map((b) => b.text?.text ?? b.elements?.map((e) => e.text ?? '').join(' ') ?? '')
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
