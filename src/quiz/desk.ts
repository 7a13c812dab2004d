import type { Message } from '../message';
import { OneAtATime } from '../one-at-a-time';
import { nextTip, type Random } from '../tips/rotation';
import type { ActionOutput, ActionRequest, Person, Surfaces } from '../transport';
import {
  channelQuizMessage,
  NO_QUESTIONS,
  questionMessage,
  resultMessage,
  STALE_QUESTION,
  statsMessage,
} from './messages';
import type { QuizQuestion } from './questions';
import { type QuizScore, scoreOf } from './score';
import type { QuizStore } from './store';

export interface QuizDeskOptions {
  questions: readonly QuizQuestion[];
  store: QuizStore;
  /** Edits a channel quiz's tally in place (chat.update); without it, through the press's response_url. */
  surfaces?: Surfaces;
  /** Told after a person answered (the App Home shows their score). */
  onAnswer?: (person: Person) => Promise<void>;
  /** How many took the tour, for the team's stats. */
  tourCounts?: () => Promise<{ started: number; finished: number }>;
  random?: Random;
  clock?: () => Date;
}

/** The audience keys of the question rounds: each person has one, and so has each channel. */
const personal = (userId: string) => `user:${userId}`;
const channelAudience = (channelId: string) => `channel:${channelId}`;

/** How many questions the team stats list as most often missed. */
const MOST_MISSED = 5;

/**
 * The quiz: one question at a time from each person's own round (no repeats until every question has been
 * seen), answers checked and counted once, score and streaks; channel quizzes everyone answers once, with a
 * live tally; and the team's stats.
 */
export class QuizDesk {
  private readonly byId: Map<string, QuizQuestion>;
  private readonly ids: string[];
  private readonly random: Random;
  private readonly clock: () => Date;
  private readonly tallies = new OneAtATime();

  constructor(private readonly options: QuizDeskOptions) {
    this.byId = new Map(options.questions.map((q) => [q.id, q]));
    this.ids = options.questions.map((q) => q.id);
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? (() => new Date());
  }

  get size(): number {
    return this.ids.length;
  }

  async scoreOf(userId: string): Promise<QuizScore> {
    return scoreOf(await this.options.store.answersOf(userId));
  }

  /** How many questions the person has seen in their current round. */
  async seenBy(userId: string): Promise<number> {
    const saved = await this.options.store.rotation(personal(userId));
    return saved?.shown.filter((id) => this.byId.has(id)).length ?? 0;
  }

  /** `/docker quiz` and Next question: the person's next question, marked seen. */
  async next(userId: string): Promise<Message> {
    const pick = await this.options.store.advance(
      personal(userId),
      (saved) => nextTip(saved, this.ids, this.random),
      this.clock(),
    );
    const question = pick && this.byId.get(pick.questionId);
    if (!pick || !question) return NO_QUESTIONS;
    return questionMessage(question, pick, this.ids.length, await this.scoreOf(userId));
  }

  /**
   * An answer to a question of one's own (`<question id>:<round>:<option>`). It counts only for a question the
   * person was shown in that round, and only the first time.
   */
  async answer(userId: string, value: string): Promise<Message> {
    const [questionId = '', roundText = '', choiceText = ''] = value.split(':');
    const question = this.byId.get(questionId);
    const round = Number(roundText);
    const choice = Number(choiceText);
    const saved = await this.options.store.rotation(personal(userId));
    const shown =
      saved !== undefined &&
      Number.isInteger(round) &&
      round >= 1 &&
      (round < saved.cycle || (round === saved.cycle && saved.shown.includes(questionId)));
    if (!question || !shown || !this.validChoice(question, choice)) return STALE_QUESTION;
    const { recorded, answer } = await this.options.store.record({
      userId,
      questionId,
      choice,
      correct: choice === question.answer,
      at: this.clock(),
      round,
    });
    return resultMessage(question, answer, await this.scoreOf(userId), { channel: false, again: !recorded });
  }

  /** `/docker quiz answer <n>`: answers the question the person was shown last. */
  async answerLast(userId: string, choice: string): Promise<Message> {
    const saved = await this.options.store.rotation(personal(userId));
    if (!saved?.last) return STALE_QUESTION;
    return this.answer(userId, `${saved.last}:${saved.cycle}:${choice}`);
  }

  /** Lets the App Home show the new score. */
  async answered(person: Person): Promise<void> {
    await this.options.onAnswer?.(person);
  }

  /**
   * Opens a quiz for everyone in a channel, from the channel's own round, and returns the message to post
   * (`/docker quiz channel`, and the daily quiz on TIP_QUIZ_DAYS with no `postedBy`); undefined when there are
   * no questions.
   */
  async openChannelQuiz(channelId: string, postedBy?: string): Promise<Message | undefined> {
    const pick = await this.options.store.advance(
      channelAudience(channelId),
      (saved) => nextTip(saved, this.ids, this.random),
      this.clock(),
    );
    const question = pick && this.byId.get(pick.questionId);
    if (!question) return undefined;
    const quiz = await this.options.store.openChannelQuiz(channelId, question.id, this.clock(), postedBy);
    return channelQuizMessage(quiz, question, { answered: 0, correct: 0 });
  }

  /**
   * An answer to a channel quiz (`<quiz id>:<option>`): the result only to the person, once; then the
   * channel message's tally is edited in place, one edit at a time per quiz.
   */
  async answerChannel(value: string, request: ActionRequest, output: ActionOutput): Promise<void> {
    const [idText = '', choiceText = ''] = value.split(':');
    const quiz = await this.options.store.channelQuiz(Number(idText));
    const question = quiz && this.byId.get(quiz.questionId);
    const choice = Number(choiceText);
    if (!quiz || !question || !this.validChoice(question, choice)) {
      await output.send(STALE_QUESTION, 'ephemeral');
      return;
    }
    const { recorded, answer } = await this.options.store.record({
      userId: request.userId,
      questionId: question.id,
      choice,
      correct: choice === question.answer,
      at: this.clock(),
      channelQuiz: quiz.id,
    });
    const score = await this.scoreOf(request.userId);
    await output.send(
      resultMessage(question, answer, score, { channel: true, again: !recorded }),
      'ephemeral',
    );
    if (recorded) {
      await this.tallies.run(String(quiz.id), async () => {
        const message = channelQuizMessage(quiz, question, await this.options.store.tally(quiz.id));
        const { surfaces } = this.options;
        const ts = request.messageTs;
        if (surfaces && ts) {
          try {
            await surfaces.update({ channel: request.channelId, ts }, message);
            return;
          } catch {
            // Not ours to edit (posted through a response_url where the bot is not a member): fall back.
          }
        }
        await output.replace(message);
      });
      await this.answered(request);
    }
  }

  /** `/docker quiz stats`: how many took the tour and the quiz, and the questions missed most. */
  async stats(sharedBy?: string): Promise<Message> {
    const { store, tourCounts } = this.options;
    const [tour, quiz, missed] = await Promise.all([
      tourCounts?.() ?? { started: 0, finished: 0 },
      store.totals(),
      store.mostMissed(MOST_MISSED * 2),
    ]);
    const known = missed
      .map((m) => ({ question: this.byId.get(m.questionId), missed: m }))
      .filter((m): m is { question: QuizQuestion; missed: typeof m.missed } => m.question !== undefined)
      .slice(0, MOST_MISSED);
    return statsMessage({ tour, quiz, missed: known }, sharedBy);
  }

  private validChoice(question: QuizQuestion, choice: number): boolean {
    return Number.isInteger(choice) && choice >= 1 && choice <= question.options.length;
  }
}
