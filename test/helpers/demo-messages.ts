import type { RecordedCall, SlackStub } from './slack-stub';

/** Every post or edit of the demo message a user started (the context line says `<@USER> ran …`). */
export function demoCalls(stub: SlackStub, user: string): RecordedCall[] {
  return stub.calls.filter(
    (call) =>
      ['chat.postMessage', 'chat.update', 'response_url'].includes(call.method) &&
      JSON.stringify(call.body).includes(`<@${user}> ran`),
  );
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
