import type { Tip } from '../content/load';
import type { Block, Button, Message } from '../message';
import { SHARE_ACTION } from '../share';
import { EXPLAIN_TIP_ACTION, NEXT_TIP_ACTION } from './actions';

/** The ShareRegistry kind for tips: a Share button's value is `tip:<id>`. */
export const TIP_SHARE_KIND = 'tip';

export interface TipMessageOptions {
  /**
   * `private`: an answer only the asker sees, with Share in channel; `channel`: a post everyone sees (the
   * daily tip, or a shared one).
   */
  audience: 'private' | 'channel';
  /** Slack user who shared it into the channel. */
  sharedBy?: string;
}

/** A tip as a message: title, its sentences, the example command as code, and where to learn more. */
export function tipMessage(tip: Tip, options: TipMessageOptions): Message {
  const blocks: Block[] = [
    { type: 'header', text: `Docker tip: ${tip.title}` },
    { type: 'markdown', text: tip.body },
    { type: 'markdown', text: `\`\`\`\n${tip.example}\n\`\`\`` },
    {
      type: 'context',
      text: `More on this: \`/docker ${tip.topic}\` · another tip: \`/docker tip\``,
    },
  ];
  if (options.sharedBy)
    blocks.push({ type: 'context', text: 'shared this from `/docker tip`', byUser: options.sharedBy });
  const buttons: Button[] = [
    { action: NEXT_TIP_ACTION, label: 'Next tip', value: tip.id, hint: '/docker tip' },
    {
      action: EXPLAIN_TIP_ACTION,
      label: 'Explain more',
      value: tip.topic,
      hint: `/docker ${tip.topic}`,
    },
  ];
  if (options.audience === 'private')
    buttons.unshift({
      action: SHARE_ACTION,
      label: 'Share in channel',
      value: `${TIP_SHARE_KIND}:${tip.id}`,
    });
  blocks.push({ type: 'actions', buttons });
  return { text: `Docker tip: ${tip.title}`, blocks };
}
