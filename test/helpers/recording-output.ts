import type { Message } from '../../src/message';
import type { ActionOutput, Visibility } from '../../src/transport';

/** What an output was asked to show: a new message (`send`), an edit in place, or a share into the channel. */
export interface Shown {
  how: 'send' | 'replace' | 'share';
  message: Message;
  visibility?: Visibility;
}

/** An Output (and ActionOutput) that records what it is asked to show, in order. */
export function recordingOutput(): { output: ActionOutput; shown: Shown[] } {
  const shown: Shown[] = [];
  const output: ActionOutput = {
    send: async (message, visibility) => {
      shown.push({ how: 'send', message, visibility });
      return { update: async (next) => void shown.push({ how: 'replace', message: next }) };
    },
    replace: async (message) => void shown.push({ how: 'replace', message }),
    share: async (message) => void shown.push({ how: 'share', message }),
  };
  return { output, shown };
}
