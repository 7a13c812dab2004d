import { askFallback, askSubcommand } from '../../src/commands/ask';
import { listenSubcommand } from '../../src/commands/listen';
import { CommandRouter } from '../../src/commands/router';
import { loadContent } from '../../src/content/load';
import { QuestionAnswerer } from '../../src/explain/ask';
import { AnswerIndex } from '../../src/explain/search';
import { TopicIndex } from '../../src/explain/topics';
import type { Message } from '../../src/message';
import { toText } from '../../src/render/text';
import { MemoryAnswerLog, MemoryListenChannels } from '../../src/store/memory/questions';
import type { Output } from '../../src/transport';

const content = loadContent();
const topics = new TopicIndex(content.topics);
const index = new AnswerIndex(content);
const channels = new MemoryListenChannels();
const answerer = new QuestionAnswerer({ index, content, log: new MemoryAnswerLog() });
const router = new CommandRouter({
  topics,
  subcommands: [askSubcommand(answerer), listenSubcommand(channels)],
  fallback: askFallback(answerer, topics),
});

async function run(text: string, channelId = 'C1'): Promise<{ text: string; visibility?: string }[]> {
  const sent: { text: string; visibility?: string }[] = [];
  const output: Output = {
    send: async (message: Message, visibility) => {
      sent.push({ text: toText(message), visibility });
      return { update: async () => undefined };
    },
  };
  await router.dispatch({ text, userId: 'U1', channelId }, output);
  return sent;
}

describe('/docker ask and the fallback', () => {
  it('answers the question after ask, with Slack code marks taken out of the quote', async () => {
    const [answer] = await run('ask what does `docker commit` leave out?');
    expect(answer?.text).toContain('What does a commit leave out?');
    expect(answer?.text).toContain('You asked `what does docker commit leave out?`');
  });

  it('lists ask and listen in the help', async () => {
    const [help] = await run('help');
    expect(help?.text).toContain('/docker ask <question>');
    expect(help?.text).toContain('/docker listen on');
  });

  it('answers a question typed straight after /docker', async () => {
    const [answer] = await run('if I delete a container is my image gone too');
    expect(answer?.text).toMatch(/\/docker (container|diff|lifecycle|cleanup)/);
  });
});

describe('/docker listen', () => {
  it('turns listen mode on and off per channel, telling the channel, and reports it', async () => {
    expect((await run('listen', 'C7'))[0]?.text).toContain('Listen mode is off');
    const [on] = await run('listen on', 'C7');
    expect(on?.visibility).toBe('in_channel');
    expect(await channels.isListening('C7')).toBe(true);
    expect((await run('listen on', 'C7'))[0]?.text).toContain('already on');
    expect((await run('listen status', 'C7'))[0]?.text).toContain('Listen mode is on');
    expect((await run('LISTEN OFF', 'C7'))[0]?.text).toContain('Listen mode is off in this channel');
    expect(await channels.isListening('C7')).toBe(false);
  });

  it('explains that DMs need no listen mode, and how to use it', async () => {
    expect((await run('listen on', 'D0ALICE'))[0]?.text).toContain('listen mode is for channels');
    expect(await channels.isListening('D0ALICE')).toBe(false);
    expect((await run('listen loudly', 'C8'))[0]?.text).toContain('/docker listen on');
  });
});
