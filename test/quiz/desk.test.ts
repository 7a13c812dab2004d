import { QuizDesk } from '../../src/quiz/desk';
import type { QuizQuestion } from '../../src/quiz/questions';
import { toText } from '../../src/render/text';
import { MemoryQuizStore } from '../../src/store/memory/quiz';
import type { Surfaces } from '../../src/transport';
import { recordingOutput } from '../helpers/recording-output';
import { seededRandom } from '../helpers/seeded-random';

const QUESTIONS: QuizQuestion[] = ['one', 'two', 'three'].map((id) => ({
  id,
  topic: 'image',
  question: `Question ${id}?`,
  options: ['right', 'wrong', 'also wrong'],
  answer: 1,
  explain: 'Because it is. That is all.',
  file: `content/quiz/${id}.md`,
}));

const press = { userId: 'U1', channelId: 'C1', inPrivateMessage: false, messageTs: '5.0' };

describe('QuizDesk', () => {
  it('edits the channel tally in place, and through the press when the edit is refused', async () => {
    const edits: string[] = [];
    let refuse = false;
    const surfaces: Surfaces = {
      postDirect: () => Promise.reject(new Error('unused')),
      update: async (ref, message) => {
        if (refuse) throw new Error('not_in_channel');
        edits.push(`${ref.channel} ${ref.ts}: ${toText(message).split('\n').at(-1)}`);
      },
      publishHome: async () => undefined,
    };
    const answered: string[] = [];
    const desk = new QuizDesk({
      questions: QUESTIONS,
      store: new MemoryQuizStore(),
      surfaces,
      random: seededRandom(3),
      onAnswer: async ({ userId }) => void answered.push(userId),
    });
    const posted = await desk.openChannelQuiz('C1', 'U9');
    expect(toText(posted ?? { text: '', blocks: [] })).toContain('No answers yet');
    const { output, shown } = recordingOutput();
    await desk.answerChannel('1:1', press, output);
    expect(edits).toEqual([
      'C1 5.0: 1 answered · 100% right. Everyone can answer once; only you see whether you were right.',
    ]);
    refuse = true;
    await desk.answerChannel('1:2', { ...press, userId: 'U2' }, output);
    expect(shown.map((s) => s.how)).toEqual(['send', 'send', 'replace']);
    expect(toText(shown[2]?.message ?? { text: '', blocks: [] })).toContain('2 answered · 50% right');
    expect(answered).toEqual(['U1', 'U2']);
    await desk.answerChannel('99:1', press, output);
    expect(toText(shown[3]?.message ?? { text: '', blocks: [] })).toContain('no longer open');
  });

  it('has nothing to ask without questions', async () => {
    const desk = new QuizDesk({ questions: [], store: new MemoryQuizStore() });
    expect((await desk.next('U1')).text).toContain('no quiz questions');
    expect(await desk.openChannelQuiz('C1')).toBeUndefined();
  });
});
