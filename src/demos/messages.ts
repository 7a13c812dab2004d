import { ISOLATION_FLAGS } from '../lab/policy';
import { type Block, type Message, quoteUserText } from '../message';
import type { CatalogueEntry } from './catalogue';
import type { Narrative } from './narratives';
import type { RunState, StepState } from './run-state';
import type { Transcript } from './types';

/** Longest output shown per command, so a message stays within Slack's block limits. */
const MAX_OUTPUT_LINES = 24;
const MAX_OUTPUT_CHARS = 1200;

const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;

/** `/docker demo`: what there is to watch. */
export function demoListMessage(entries: readonly CatalogueEntry[]): Message {
  const lines = entries.map(({ narrative }) => `- \`/docker demo ${narrative.id}\`: ${narrative.summary}`);
  return {
    text: `Live demos: ${entries.map((e) => `/docker demo ${e.narrative.id}`).join(', ')}`,
    blocks: [
      { type: 'header', text: 'Live demos on a sandbox Docker engine' },
      {
        type: 'markdown',
        text: `Each demo runs real steps on a Docker engine and posts what the engine answers, next to the \`docker\` command you would type. Pick one:\n${lines.join('\n')}`,
      },
      {
        type: 'context',
        text: 'A demo is posted in this conversation so others can watch; it takes a few seconds. One demo per person at a time.',
      },
    ],
  };
}

/** A word after `/docker demo` that names no demo. */
export function unknownDemoMessage(typed: string, suggestions: readonly CatalogueEntry[]): Message {
  const lines = [`There is no demo called ${quoteUserText(typed)}.`];
  if (suggestions.length)
    lines.push(`Did you mean ${suggestions.map((s) => `\`/docker demo ${s.narrative.id}\``).join(' or ')}?`);
  lines.push('Type `/docker demo` to see them all.');
  const text = lines.join('\n');
  return { text: text.replace(/`/g, ''), blocks: [{ type: 'markdown', text }] };
}

/** The friendly answer to a second demo while the first is still waiting or running. */
export function busyMessage(current: RunState | undefined): Message {
  const which = current ? `the \`${current.demoId}\` demo` : 'a demo';
  const text = `You already have ${which} ${current?.phase === 'queued' ? 'waiting for a slot' : 'running'}: one at a time, please. Start the next one when it has finished.`;
  return {
    text: text.replace(/`/g, ''),
    blocks: [{ type: 'markdown', text: `⏳ ${text}` }],
  };
}

/** The one message a demo run is shown in, from queued to the summary. */
export function runMessage(narrative: Narrative, state: RunState, requestedBy: string): Message {
  const about = [`ran \`/docker demo ${narrative.id}\``];
  if (state.engine) about.push(`Docker Engine ${state.engine}`);
  if (state.image) about.push(`image \`${state.image}\``);
  const blocks: Block[] = [
    { type: 'header', text: `Live demo: ${narrative.title}` },
    { type: 'context', text: about.join(' · '), byUser: requestedBy },
    { type: 'markdown', text: narrative.intro },
  ];
  if (state.phase === 'queued' && !state.position) {
    blocks.push({ type: 'markdown', text: '⏳ Starting…' });
  } else if (state.phase === 'queued') {
    blocks.push({
      type: 'markdown',
      text: `⏳ The sandbox is busy with other demos: you are **number ${state.position} in line**. This message will show the demo as soon as it starts.`,
    });
  } else if (state.phase === 'preparing') {
    blocks.push({ type: 'markdown', text: '⏳ Preparing the sandbox…' });
  }
  if (
    state.phase === 'running' ||
    (state.phase === 'finished' && state.steps.some((s) => s.status !== 'pending'))
  ) {
    state.steps.forEach((step, i) => {
      blocks.push({ type: 'markdown', text: stepText(step, i, state.steps.length) });
    });
  }
  if (state.phase === 'finished') blocks.push(...summaryBlocks(narrative, state));
  return { text: fallbackText(narrative, state), blocks };
}

function stepText(step: StepState, index: number, total: number): string {
  const label = `${index + 1}/${total} ${step.title}`;
  switch (step.status) {
    case 'pending':
      return `◻ ${label}`;
    case 'skipped':
      return `– ${label} _(skipped)_`;
    case 'running':
      return `⏳ **${label}**…`;
    case 'failed':
      return `✗ **${label}** · ${seconds(step.ms)}\n${step.reason ?? 'failed'}`;
    case 'ok': {
      const parts = [`✓ **${label}** · ${seconds(step.ms)}`];
      if (step.shown?.transcript.length) parts.push(transcriptBlock(step.shown.transcript));
      if (step.shown?.note) parts.push(`↳ ${step.shown.note}`);
      return parts.join('\n');
    }
  }
}

/** Commands and their output, as a terminal session. */
function transcriptBlock(transcript: readonly Transcript[]): string {
  const lines = transcript.flatMap(({ command, output }) => [`$ ${command}`, ...clip(output)]);
  return ['```', ...lines.map((line) => line.replace(/```/g, "'''")), '```'].join('\n');
}

function clip(output: string): string[] {
  if (!output) return [];
  const short = output.length > MAX_OUTPUT_CHARS ? `${output.slice(0, MAX_OUTPUT_CHARS)}…` : output;
  const lines = short.split('\n');
  return lines.length > MAX_OUTPUT_LINES
    ? [...lines.slice(0, MAX_OUTPUT_LINES), `… (${lines.length - MAX_OUTPUT_LINES} more lines)`]
    : lines;
}

function summaryBlocks(narrative: Narrative, state: RunState): Block[] {
  const cleaned = state.leftovers
    ? 'Some of what it created could not be removed yet; the janitor will remove it shortly.'
    : 'Everything it created has been removed.';
  switch (state.outcome) {
    case 'ok': {
      const timings = state.steps.map((s) => seconds(s.ms)).join(' + ');
      return [
        { type: 'markdown', text: narrative.outro },
        {
          type: 'context',
          text: `✓ Done in ${seconds(state.elapsedMs)} (${timings}). ${cleaned} Containers ran with \`${ISOLATION_FLAGS}\`. Read more: \`/docker ${narrative.topic}\`.`,
        },
        { type: 'markdown', text: `▶ **Now try it yourself:** ${narrative.try}` },
      ];
    }
    case 'failed':
    case 'cancelled': {
      const at = state.steps.findIndex((s) => s.status === 'failed');
      if (at < 0) break;
      return [
        {
          type: 'context',
          text: `✗ Stopped after ${seconds(state.elapsedMs)} at step ${at + 1} of ${state.steps.length}. ${cleaned}`,
        },
      ];
    }
  }
  return [{ type: 'markdown', text: `⚠️ ${state.problem ?? 'The demo could not run.'}` }];
}

function fallbackText(narrative: Narrative, state: RunState): string {
  const name = `Live demo ${narrative.id}`;
  const done = state.steps.filter((s) => s.status === 'ok').length;
  switch (state.phase) {
    case 'queued':
      return state.position ? `${name}: waiting, number ${state.position} in line` : `${name}: starting`;
    case 'preparing':
      return `${name}: preparing the sandbox`;
    case 'running':
      return `${name}: step ${Math.min(done + 1, state.steps.length)} of ${state.steps.length}`;
    case 'finished':
      return state.outcome === 'ok'
        ? `${name}: done in ${seconds(state.elapsedMs)}`
        : `${name}: ${state.steps.some((s) => s.status !== 'pending') ? 'stopped' : 'did not run'}: ${state.problem ?? ''}`.trim();
  }
}
