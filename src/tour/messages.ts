import { runDemoButton } from '../demos/actions';
import type { Block, Button, Message } from '../message';
import { QUIZ_NEXT_ACTION } from '../quiz/actions';
import { TOUR_CHECK_ACTION, TOUR_GO_ACTION, TOUR_RESTART_ACTION } from './actions';
import type { TourStep } from './steps';
import { END_OF_TOUR, type TourCheck, type TourProgress } from './store';

/** `●●●○○○○○`: where a step is in the tour. */
export function progressBar(done: number, total: number): string {
  return '●'.repeat(done) + '○'.repeat(Math.max(0, total - done));
}

/** What a check answer says: right or not, the right option, and why. */
function checkFeedback(step: TourStep, check: TourCheck): string {
  const right = step.check.options[step.check.answer - 1] ?? '';
  const picked = step.check.options[check.choice - 1] ?? '';
  return check.correct
    ? `✅ **Right:** ${right}. ${step.check.explain}`
    : `❌ **Not quite.** You picked _${picked}_; the answer is **${right}**. ${step.check.explain}`;
}

/** One step of the tour: its sentences, the demo, the check question (or how it was answered), Back and Next. */
export function stepMessage(steps: readonly TourStep[], index: number, progress: TourProgress): Message {
  const step = steps[index] as TourStep;
  const total = steps.length;
  const check = progress.checks[step.id];
  const blocks: Block[] = [
    { type: 'header', text: `Tour, step ${index + 1} of ${total}: ${step.title}` },
    { type: 'markdown', text: step.body },
    { type: 'actions', buttons: [runDemoButton(step.demo)] },
    {
      type: 'context',
      text: `${step.tryIt ? `Or try it yourself: ${step.tryIt}\n` : ''}Read more: \`/docker ${step.topic}\``,
    },
    { type: 'divider' },
    { type: 'markdown', text: `**Check:** ${step.check.question}` },
  ];
  if (check) blocks.push({ type: 'markdown', text: checkFeedback(step, check) });
  else
    blocks.push({
      type: 'actions',
      buttons: step.check.options.map((label, i) => ({
        action: TOUR_CHECK_ACTION,
        label,
        value: `${step.id}:${i + 1}`,
        hint: `/docker tour answer ${i + 1}`,
      })),
    });
  const moves: Button[] = [];
  const before = steps[index - 1];
  if (before)
    moves.push({ action: TOUR_GO_ACTION, label: '← Back', value: before.id, hint: '/docker tour back' });
  const after = steps[index + 1];
  moves.push({
    action: TOUR_GO_ACTION,
    label: after ? 'Next →' : 'Finish the tour',
    value: after ? after.id : END_OF_TOUR,
    style: 'primary',
    hint: '/docker tour next',
  });
  blocks.push({ type: 'actions', buttons: moves });
  blocks.push({ type: 'context', text: `${progressBar(index + 1, total)}  step ${index + 1} of ${total}` });
  return { text: `Docker tour, step ${index + 1} of ${total}: ${step.title}`, blocks };
}

/** The end of the tour: how the checks went, and what to do next. */
export function finishedMessage(steps: readonly TourStep[], progress: TourProgress): Message {
  const right = steps.filter((s) => progress.checks[s.id]?.correct).length;
  const last = steps[steps.length - 1];
  const buttons: Button[] = [
    { action: QUIZ_NEXT_ACTION, label: 'Quiz me', value: 'tour', style: 'primary', hint: '/docker quiz' },
  ];
  if (last)
    buttons.push({ action: TOUR_GO_ACTION, label: '← Back', value: last.id, hint: '/docker tour back' });
  buttons.push({
    action: TOUR_RESTART_ACTION,
    label: 'Start over',
    value: 'restart',
    hint: '/docker tour restart',
  });
  return {
    text: 'You finished the Docker tour.',
    blocks: [
      { type: 'header', text: '🎉 You finished the tour' },
      {
        type: 'markdown',
        text: `You went from what an image is to the everyday workflow, and got **${right} of ${steps.length}** checks right first time.\nKeep it fresh with \`/docker quiz\` (one question at a time), watch any demo again with \`/docker demo\`, or ask me anything about images and containers.`,
      },
      { type: 'actions', buttons },
      { type: 'context', text: `${progressBar(steps.length, steps.length)}  done` },
    ],
  };
}

/** What a superseded tour message turns into, so old buttons do not linger above the new one. */
export const MOVED_ON: Message = {
  text: 'This tour continues in a newer message below.',
  blocks: [{ type: 'context', text: 'This tour continues in a newer message below. ⬇️' }],
};

/** The note to someone who typed `/docker tour` outside their DM with the bot. */
export function whereNote(steps: readonly TourStep[], progress: TourProgress): Message {
  const index = steps.findIndex((s) => s.id === progress.stepId);
  const where =
    progress.stepId === END_OF_TOUR || index === -1
      ? 'at its end'
      : `at step ${index + 1} of ${steps.length}, _${steps[index]?.title}_`;
  const text = `Your tour is in your direct messages with me (Apps → Docker Explainer → Messages), ${where}. \`/docker tour restart\` starts it over.`;
  return { text: text.replace(/[_`]/g, ''), blocks: [{ type: 'markdown', text: `👋 ${text}` }] };
}

export const NO_TOUR: Message = {
  text: 'There is no tour yet: add steps to content/tour.',
  blocks: [{ type: 'markdown', text: 'There is no tour yet: add steps to `content/tour`.' }],
};
