import type { RecordedCall } from './slack-stub';

/** Slack's published limits for the surfaces and blocks the app sends. */
const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 40_000,
  header: 150,
  section: 3000,
  fields: 10,
  field: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
};

type Json = Record<string, unknown>;
const textOf = (object: unknown) => String((object as { text?: unknown } | undefined)?.text ?? '');

function blockProblems(block: Json, where: string): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(`${where}: ${problem}`);
  };
  switch (block.type) {
    case 'header':
      check(textOf(block.text).length <= LIMITS.header, 'header text over 150 characters');
      break;
    case 'section': {
      const fields = (block.fields ?? []) as Json[];
      check(block.text !== undefined || fields.length > 0, 'section without text or fields');
      check(textOf(block.text).length <= LIMITS.section, 'section text over 3000 characters');
      check(fields.length <= LIMITS.fields, 'more than 10 fields');
      for (const field of fields) check(textOf(field).length <= LIMITS.field, 'field over 2000 characters');
      break;
    }
    case 'context': {
      const elements = (block.elements ?? []) as Json[];
      check(
        elements.length >= 1 && elements.length <= LIMITS.contextElements,
        'context with 0 or over 10 elements',
      );
      for (const element of elements)
        check(textOf(element).length <= LIMITS.section, 'context text over 3000');
      break;
    }
    case 'actions': {
      const elements = (block.elements ?? []) as Json[];
      check(
        elements.length >= 1 && elements.length <= LIMITS.actionsElements,
        'actions with 0 or over 25 elements',
      );
      const ids = elements.map((e) => String(e.action_id));
      check(new Set(ids).size === ids.length, `action_ids repeat in one block (${ids.join(', ')})`);
      for (const element of elements) {
        check(String(element.action_id).length <= LIMITS.actionId, 'action_id over 255 characters');
        if (element.type !== 'button') continue;
        const label = textOf(element.text);
        check(
          label.length >= 1 && label.length <= LIMITS.buttonText,
          `button text "${label}" not 1 to 75 characters`,
        );
        check(String(element.value ?? '').length <= LIMITS.buttonValue, 'button value over 2000 characters');
      }
      break;
    }
    case 'divider':
      break;
    default:
      problems.push(`${where}: unexpected block type ${String(block.type)}`);
  }
  return problems;
}

/**
 * What Slack would refuse in a recorded message or view (chat.postMessage, chat.update, a response_url post,
 * views.publish): too many blocks, texts over their limits, buttons over theirs, repeated action_ids. Empty
 * when Slack would take it.
 */
export function blockKitProblems(call: RecordedCall): string[] {
  const view = call.method === 'views.publish' ? (call.body.view as Json | undefined) : undefined;
  const holder = view ?? call.body;
  const blocks = (holder.blocks ?? []) as Json[];
  if (!Array.isArray(blocks)) return [`${call.method}: blocks is not a list`];
  const where = `${call.method}${view ? ' view' : ''}`;
  const problems: string[] = [];
  const max = view ? LIMITS.viewBlocks : LIMITS.messageBlocks;
  if (blocks.length > max) problems.push(`${where}: ${blocks.length} blocks (at most ${max})`);
  if (!view && blocks.length && typeof call.body.text !== 'string')
    problems.push(`${where}: no plain text fallback`);
  if (!view && String(call.body.text ?? '').length > LIMITS.text) problems.push(`${where}: text over 40000`);
  blocks.forEach((block, i) => {
    problems.push(...blockProblems(block, `${where} block ${i}`));
  });
  return problems;
}

/** Every message and view the app sent to the stand-in, with what Slack would refuse in each. */
export function everyPayloadProblem(calls: readonly RecordedCall[]): string[] {
  return calls
    .filter((c) => ['chat.postMessage', 'chat.update', 'response_url', 'views.publish'].includes(c.method))
    .flatMap(blockKitProblems);
}
