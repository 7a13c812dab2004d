import type { Topic } from '../content/load';
import { runDemoButton } from '../demos/actions';
import type { Block, Button, View } from '../message';
import type { Logger } from '../ops/log';
import { QUIZ_NEXT_ACTION } from '../quiz/actions';
import { type QuizScore, scoreLine } from '../quiz/score';
import { EXPLAIN_TIP_ACTION } from '../tips/actions';
import { TOUR_CONTINUE_ACTION, TOUR_RESTART_ACTION } from '../tour/actions';
import { progressBar } from '../tour/messages';
import type { TourStatus } from '../tour/tour';
import type { Person, Surfaces } from '../transport';

/**
 * The App Home's part for the playground (`/docker try`): a person's containers there. Optional, so the App
 * Home can be built and tested without an engine.
 */
export interface PlaygroundHome {
  /**
   * Blocks about the person's playground (the playground keys it on `team:user`); at most MAX_PLAYGROUND_BLOCKS
   * are shown.
   */
  homeBlocks(person: Person): Promise<Block[]>;
}

/** Slack shows at most 100 blocks in a view; these caps keep the App Home well inside it, whatever the content. */
export const MAX_PLAYGROUND_BLOCKS = 20;
const MAX_BUTTON_ROWS = 3;
const BUTTONS_PER_ROW = 25;
const MAX_CHANNELS = 30;

/** What the App Home shows of one person, gathered by AppHome and laid out by homeView. */
export interface HomeParts {
  tour: TourStatus;
  quiz: { score: QuizScore; seen: number; total: number };
  topics: readonly Pick<Topic, 'id' | 'title'>[];
  demos: readonly { id: string; title: string }[];
  tipChannels: readonly string[];
  playground?: readonly Block[];
}

/** Buttons in rows of at most 25 (Slack's limit per actions block), and at most a few rows. */
function rows(buttons: readonly Button[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < buttons.length && out.length < MAX_BUTTON_ROWS; i += BUTTONS_PER_ROW)
    out.push({ type: 'actions', buttons: buttons.slice(i, i + BUTTONS_PER_ROW) });
  return out;
}

function tourPart(tour: TourStatus): Block[] {
  const title: Block = { type: 'markdown', text: '**🧭 Guided tour**' };
  switch (tour.state) {
    case 'new':
      return [
        title,
        {
          type: 'markdown',
          text: `${tour.total} short steps from what an image is to the everyday workflow, each with a live demo and one question. About ten minutes, in your direct messages with me.`,
        },
        {
          type: 'actions',
          buttons: [
            { action: TOUR_CONTINUE_ACTION, label: 'Start the tour', value: 'start', style: 'primary' },
          ],
        },
      ];
    case 'on':
      return [
        title,
        {
          type: 'markdown',
          text: `${progressBar(tour.step, tour.total)}  Step ${tour.step} of ${tour.total}: _${tour.title}_ · ${tour.right} ${tour.right === 1 ? 'check' : 'checks'} right`,
        },
        {
          type: 'actions',
          buttons: [
            { action: TOUR_CONTINUE_ACTION, label: 'Continue', value: 'continue', style: 'primary' },
            { action: TOUR_RESTART_ACTION, label: 'Start over', value: 'restart' },
          ],
        },
      ];
    case 'done':
      return [
        title,
        {
          type: 'markdown',
          text: `${progressBar(tour.total, tour.total)}  Finished 🎉 · ${tour.right} of ${tour.total} checks right`,
        },
        {
          type: 'actions',
          buttons: [{ action: TOUR_RESTART_ACTION, label: 'Take it again', value: 'restart' }],
        },
      ];
  }
}

function quizPart({ score, seen, total }: HomeParts['quiz']): Block[] {
  const streak = `${score.streak}${score.bestStreak > score.streak ? ` (best ${score.bestStreak})` : ''}`;
  return [
    { type: 'markdown', text: '**🧠 Quiz**' },
    {
      type: 'fields',
      fields: [
        { label: 'Score', text: scoreLine(score) },
        { label: 'Streak', text: streak },
        { label: 'This round', text: `${seen} of ${total} questions seen` },
      ],
    },
    {
      type: 'actions',
      buttons: [
        { action: QUIZ_NEXT_ACTION, label: score.answered ? 'Next question' : 'Quiz me', value: 'home' },
      ],
    },
  ];
}

/** The App Home for one person: the tour, the quiz, topics and demos as buttons, the playground, tip channels. */
export function homeView(parts: HomeParts): View {
  const channels = parts.tipChannels.slice(0, MAX_CHANNELS);
  const more = parts.tipChannels.length - channels.length;
  const blocks: Block[] = [
    { type: 'header', text: 'Docker Explainer: images, containers and how they differ' },
    {
      type: 'markdown',
      text: 'Learn what an image is, what a container is and how they differ: take the tour, watch the live demos, then test yourself. Answers come to your direct messages with me.',
    },
    { type: 'divider' },
    ...tourPart(parts.tour),
    { type: 'divider' },
    ...quizPart(parts.quiz),
    { type: 'divider' },
    { type: 'markdown', text: '**📚 Topics**: an explanation of each' },
    ...rows(
      parts.topics.map((t) => ({
        action: EXPLAIN_TIP_ACTION,
        label: t.id,
        value: t.id,
        hint: `/docker ${t.id}`,
      })),
    ),
    { type: 'markdown', text: '**▶️ Live demos** on a sandbox Docker engine, with its real output' },
    ...rows(parts.demos.map((d) => runDemoButton(d.id, d.id))),
  ];
  if (parts.playground?.length)
    blocks.push({ type: 'divider' }, ...parts.playground.slice(0, MAX_PLAYGROUND_BLOCKS));
  blocks.push(
    { type: 'divider' },
    { type: 'channels', label: 'Channels with daily tips', ids: channels },
    {
      type: 'context',
      text: `${more > 0 ? `And ${more} more channels. ` : ''}\`/docker tips on\` in a channel adds it · \`/docker help\` lists every command · \`/docker quiz stats\` shows how the team is doing`,
    },
  );
  return { type: 'home', blocks };
}

export interface AppHomeOptions {
  tour: { status(userId: string): Promise<TourStatus> };
  quiz: {
    scoreOf(userId: string): Promise<QuizScore>;
    seenBy(userId: string): Promise<number>;
    size: number;
  };
  topics: readonly Pick<Topic, 'id' | 'title'>[];
  demos: readonly { id: string; title: string }[];
  tipChannels: () => Promise<string[]>;
  /** Where the view is published (Slack); the console has no App Home. */
  surfaces?: Surfaces;
  logger: Logger;
  /** The playground's part, once `/docker try` exists (feature/try); without it there is none. */
  playground?: PlaygroundHome;
}

/** Each person's App Home: built on open, and published again when their tour or quiz moves on. */
export class AppHome {
  constructor(private readonly options: AppHomeOptions) {}

  async view(person: Person): Promise<View> {
    const { userId } = person;
    const { tour, quiz, playground } = this.options;
    const [status, score, seen, tipChannels, played] = await Promise.all([
      tour.status(userId),
      quiz.scoreOf(userId),
      quiz.seenBy(userId),
      this.options.tipChannels(),
      playground?.homeBlocks(person).catch((error: unknown) => {
        this.options.logger.warn('the playground part of the App Home failed', { error });
        return [];
      }),
    ]);
    return homeView({
      tour: status,
      quiz: { score, seen, total: quiz.size },
      topics: this.options.topics,
      demos: this.options.demos,
      tipChannels,
      playground: played,
    });
  }

  /** Publishes the person's App Home again; a failure is logged, never thrown (it is a side show). */
  readonly refresh = async (person: Person): Promise<void> => {
    const { surfaces, logger } = this.options;
    if (!surfaces) return;
    try {
      await surfaces.publishHome(person.userId, await this.view(person));
    } catch (error) {
      logger.warn('could not publish the App Home view', { user: person.userId, error });
    }
  };
}
