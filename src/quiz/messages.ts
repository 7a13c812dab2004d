import type { Block, Button, Message } from '../message';
import { SHARE_ACTION } from '../share';
import { EXPLAIN_TIP_ACTION } from '../tips/actions';
import { QUIZ_ANSWER_ACTION, QUIZ_CHANNEL_ANSWER_ACTION, QUIZ_NEXT_ACTION } from './actions';
import type { QuizQuestion } from './questions';
import { percent, type QuizScore, scoreLine } from './score';
import type { ChannelQuiz, MissedQuestion, QuestionPick, QuizAnswer } from './store';

/** The ShareRegistry kind for the team's stats: a Share button's value is `quiz-stats:all`. */
export const QUIZ_STATS_SHARE_KIND = 'quiz-stats';

const scoreContext = (score: QuizScore) =>
  `Your score: ${scoreLine(score)} · streak ${score.streak}${score.bestStreak > score.streak ? ` (best ${score.bestStreak})` : ''}`;

/** The options as buttons; `value` makes each button's value from the option's number (from 1). */
function optionButtons(
  question: QuizQuestion,
  action: string,
  value: (choice: number) => string,
  hint?: (choice: number) => string,
): Block {
  return {
    type: 'actions',
    buttons: question.options.map((label, i) => ({
      action,
      label,
      value: value(i + 1),
      ...(hint ? { hint: hint(i + 1) } : {}),
    })),
  };
}

/** Right or wrong, the right option, and the two sentences on why. */
function verdict(question: QuizQuestion, answer: Pick<QuizAnswer, 'choice' | 'correct'>): Block[] {
  const right = question.options[question.answer - 1] ?? '';
  const picked = question.options[answer.choice - 1] ?? '';
  return [
    {
      type: 'markdown',
      text: answer.correct
        ? `✅ **Right:** ${right}`
        : `❌ **Not quite.** You picked _${picked}_; the answer is **${right}**.`,
    },
    { type: 'markdown', text: question.explain },
  ];
}

const readMore = (question: QuizQuestion): Button => ({
  action: EXPLAIN_TIP_ACTION,
  label: `Read more: ${question.topic}`,
  value: question.topic,
  hint: `/docker ${question.topic}`,
});

const nextButton = (label: string): Button => ({
  action: QUIZ_NEXT_ACTION,
  label,
  value: 'next',
  style: 'primary',
  hint: '/docker quiz',
});

/** A question of one's own, with its options as buttons. */
export function questionMessage(
  question: QuizQuestion,
  pick: QuestionPick,
  total: number,
  score: QuizScore,
): Message {
  const round = pick.round > 1 ? `, round ${pick.round}` : '';
  return {
    text: `Docker quiz: ${question.question}`,
    blocks: [
      { type: 'context', text: `🧠 Docker quiz · question ${pick.seen} of ${total}${round}` },
      { type: 'markdown', text: `**${question.question}**` },
      optionButtons(
        question,
        QUIZ_ANSWER_ACTION,
        (choice) => `${question.id}:${pick.round}:${choice}`,
        (choice) => `/docker quiz answer ${choice}`,
      ),
      { type: 'context', text: scoreContext(score) },
    ],
  };
}

/**
 * How an answer went, and the way on: to a question of one's own (replacing it, so the question is repeated),
 * or to a channel quiz (shown only to the person). `again`: they had answered it before; the first answer counts.
 */
export function resultMessage(
  question: QuizQuestion,
  answer: QuizAnswer,
  score: QuizScore,
  how: { channel: boolean; again: boolean },
): Message {
  const blocks: Block[] = how.channel ? [] : [{ type: 'markdown', text: `**${question.question}**` }];
  if (how.again)
    blocks.push({
      type: 'context',
      text: `You had answered this ${how.channel ? 'quiz' : 'one'} already; your first answer counts.`,
    });
  blocks.push(...verdict(question, answer));
  blocks.push({ type: 'context', text: `${scoreContext(score)} · more: \`/docker ${question.topic}\`` });
  blocks.push({
    type: 'actions',
    buttons: [nextButton(how.channel ? 'Quiz me' : 'Next question'), readMore(question)],
  });
  return { text: `${answer.correct ? 'Right' : 'Not quite'}: ${question.question}`, blocks };
}

/** A question for the whole channel, with the live tally. */
export function channelQuizMessage(
  quiz: ChannelQuiz,
  question: QuizQuestion,
  tally: { answered: number; correct: number },
): Message {
  const counted =
    tally.answered === 0
      ? 'No answers yet'
      : `**${tally.answered} answered · ${percent(tally.correct, tally.answered)} right**`;
  return {
    text: `Channel quiz: ${question.question}`,
    blocks: [
      { type: 'header', text: 'Channel quiz' },
      quiz.postedBy
        ? { type: 'context', text: 'posted a quiz for everyone here', byUser: quiz.postedBy }
        : { type: 'context', text: "Today's quiz, in place of the daily tip" },
      { type: 'markdown', text: `**${question.question}**` },
      optionButtons(question, QUIZ_CHANNEL_ANSWER_ACTION, (choice) => `${quiz.id}:${choice}`),
      {
        type: 'context',
        text: `${counted}. Everyone can answer once; only you see whether you were right.`,
      },
    ],
  };
}

export interface TeamStats {
  tour: { started: number; finished: number };
  quiz: { people: number; answers: number; correct: number };
  missed: { question: QuizQuestion; missed: MissedQuestion }[];
}

/** `/docker quiz stats`: how many took part and what is missed most; nobody's own score. */
export function statsMessage(stats: TeamStats, sharedBy?: string): Message {
  const { tour, quiz } = stats;
  const missed = stats.missed.map(
    ({ question, missed: m }, i) =>
      `${i + 1}. ${question.question} _missed ${m.wrong} of ${m.answered} times_ · \`/docker ${question.topic}\``,
  );
  const blocks: Block[] = [
    { type: 'header', text: 'How the team is learning Docker' },
    {
      type: 'fields',
      fields: [
        { label: 'Took the tour', text: `${tour.started} ${tour.started === 1 ? 'person' : 'people'}` },
        { label: 'Finished it', text: `${tour.finished}` },
        { label: 'Answered the quiz', text: `${quiz.people} ${quiz.people === 1 ? 'person' : 'people'}` },
        { label: 'Answers, right', text: `${quiz.answers}, ${percent(quiz.correct, quiz.answers)}` },
      ],
    },
    {
      type: 'markdown',
      text: missed.length
        ? `**Most often missed**: where to explain better\n${missed.join('\n')}`
        : '**Most often missed**: nothing yet. Try `/docker quiz`, or `/docker quiz channel` for everyone here.',
    },
    {
      type: 'context',
      text: 'Everyone who used the tour or quiz in this workspace; no one’s own score is shown.',
    },
  ];
  if (sharedBy) blocks.push({ type: 'context', text: 'shared these stats', byUser: sharedBy });
  else
    blocks.push({
      type: 'actions',
      buttons: [{ action: SHARE_ACTION, label: 'Share in channel', value: `${QUIZ_STATS_SHARE_KIND}:all` }],
    });
  return {
    text: `Docker learning: ${tour.started} took the tour, ${quiz.people} answered the quiz.`,
    blocks,
  };
}

export const NO_QUESTIONS: Message = {
  text: 'There are no quiz questions yet: add some to content/quiz.',
  blocks: [{ type: 'markdown', text: 'There are no quiz questions yet: add some to `content/quiz`.' }],
};

/** A button or typed answer that no longer matches a question (content changed, or a stale button). */
export const STALE_QUESTION: Message = {
  text: 'That question is no longer open. Type /docker quiz for a new one.',
  blocks: [{ type: 'markdown', text: 'That question is no longer open. Type `/docker quiz` for a new one.' }],
};

export const CHANNEL_ONLY: Message = {
  text: 'A channel quiz is for a channel: type /docker quiz channel in one. /docker quiz asks you a question here.',
  blocks: [
    {
      type: 'markdown',
      text: 'A channel quiz is for a channel: type `/docker quiz channel` in one. `/docker quiz` asks you a question here.',
    },
  ],
};
