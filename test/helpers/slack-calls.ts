import type { RecordedCall } from './slack-stub';

/** A button as the app rendered it, with `action` its action id without the suffix a repeat gets. */
export interface RenderedButton {
  action: string;
  actionId: string;
  value: string;
  label: string;
  style?: string;
}

type Block = { type: string; text?: { text: string }; elements?: Record<string, unknown>[] };

/** The blocks of a recorded message, or of the view it published. */
export function blocksOf(call: RecordedCall): Block[] {
  const holder = (call.method === 'views.publish' ? call.body.view : call.body) as { blocks?: Block[] };
  return holder?.blocks ?? [];
}

export const headerOf = (call: RecordedCall): string =>
  blocksOf(call).find((b) => b.type === 'header')?.text?.text ?? '';

/** Every button of a message or view, in order. */
export function buttonsOf(call: RecordedCall): RenderedButton[] {
  return blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({
      action: String(e.action_id).replace(/:\d+$/, ''),
      actionId: String(e.action_id),
      value: String(e.value),
      label: String((e.text as { text?: string } | undefined)?.text ?? ''),
      ...(e.style ? { style: String(e.style) } : {}),
    }));
}

/** The buttons of one action. */
export const buttonsFor = (call: RecordedCall, action: string) =>
  buttonsOf(call).filter((b) => b.action === action);

/** Everything a message says, as one string to search. */
export const everything = (call: RecordedCall): string => JSON.stringify(call.body);
