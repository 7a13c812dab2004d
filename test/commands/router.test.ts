import { CommandRouter } from '../../src/commands/router';
import { ContentError } from '../../src/errors';
import type { Message } from '../../src/message';
import type { Output, Subcommand } from '../../src/transport';
import { fixtureIndex as index } from '../helpers/fixture-content';

function recorder(): { output: Output; sent: Message[] } {
  const sent: Message[] = [];
  const output: Output = {
    send: async (message) => {
      sent.push(message);
      return { update: async () => undefined };
    },
  };
  return { sent, output };
}
const request = (text: string) => ({ text, userId: 'U1', channelId: 'C1' });

describe('CommandRouter', () => {
  it('sends a subcommand its arguments and a topic its answer', async () => {
    const seen: string[] = [];
    const echo: Subcommand = {
      name: 'echo',
      aliases: ['say'],
      help: [{ usage: 'echo <words>', summary: 'repeats' }],
      run: async (args) => {
        seen.push(args);
      },
    };
    const router = new CommandRouter({ topics: index, subcommands: [echo] });
    const { output, sent } = recorder();
    await router.dispatch(request('ECHO  Hello   World'), output);
    await router.dispatch(request('say it'), output);
    await router.dispatch(request('img'), output);
    expect(seen).toEqual(['hello world', 'it']);
    expect(sent[0]?.blocks[0]).toEqual({ type: 'header', text: 'Fixture image' });
    expect(JSON.stringify(router.help())).toContain('/docker echo <words>');
  });

  it('answers an empty command with help, and an unknown one with the fallback', async () => {
    const fallbacks: string[] = [];
    const router = new CommandRouter({ topics: index, fallback: async (text) => void fallbacks.push(text) });
    const { output, sent } = recorder();
    await router.dispatch(request('   '), output);
    await router.dispatch(request('what is a pod?'), output);
    expect(sent[0]?.text).toMatch(/^Docker Explainer/);
    expect(fallbacks).toEqual(['what is a pod?']);
  });

  it('refuses a topic alias that would shadow a command', () => {
    const clash: Subcommand = { name: 'img', help: [], run: async () => undefined };
    expect(() => new CommandRouter({ topics: index, subcommands: [clash] })).toThrow(ContentError);
    expect(() => new CommandRouter({ topics: index, subcommands: [clash] })).toThrow(
      /content\/topics\/image.md: aliases: "img"/,
    );
  });

  it('looks at no more than the first 500 characters', async () => {
    const fallbacks: string[] = [];
    const router = new CommandRouter({ topics: index, fallback: async (text) => void fallbacks.push(text) });
    await router.dispatch(request('x'.repeat(10_000)), recorder().output);
    expect(fallbacks[0]).toHaveLength(500);
  });
});
