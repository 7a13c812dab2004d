import { busyMessage, runMessage, unknownDemoMessage } from '../../src/demos/messages';
import type { Narrative } from '../../src/demos/narratives';
import type { RunState } from '../../src/demos/run-state';
import { toSlack } from '../../src/render/blocks';
import { toText } from '../../src/render/text';
import { expectGolden } from '../helpers/golden';

const narrative: Narrative = {
  id: 'diff',
  title: 'What a container changes stays in the container',
  summary: 'Change files, list them, see a fresh container has none.',
  topic: 'diff',
  intro: 'A container is its image plus a thin writable layer.',
  outro: 'The image stayed read-only.',
  try: '`/docker try run busybox echo hello`',
  file: 'content/demos/diff.md',
};

const base: RunState = {
  runId: '0a1b2c3d',
  demoId: 'diff',
  phase: 'running',
  engine: '20.10.24',
  image: 'busybox:1.36.1',
  steps: [
    {
      title: 'Start a container from the image',
      status: 'ok',
      ms: 210,
      shown: {
        transcript: [
          { command: 'docker run -d --name dx-0a1b2c3d-box busybox:1.36.1 sleep 25', output: 'f00d' },
        ],
      },
    },
    {
      title: 'Ask the engine what changed',
      status: 'ok',
      ms: 15,
      shown: {
        transcript: [{ command: 'docker diff dx-0a1b2c3d-box', output: 'C /tmp\nA /tmp/<hello>.txt' }],
        note: 'A = added, C = changed.',
      },
    },
    { title: 'Start a fresh container', status: 'running' },
    { title: 'Compare', status: 'pending' },
  ],
};
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('demo messages', () => {
  it('shows a run in progress: done steps with commands and output, the running one, the rest to come', () => {
    const message = runMessage(narrative, base, 'U0ALICE');
    expectGolden('demo-running.blocks.json', json(toSlack(message)));
    expectGolden('demo-running.txt', `${toText(message)}\n`);
    expect(message.text).toBe('Live demo diff: step 3 of 4');
    expect(JSON.stringify(toSlack(message))).toContain('A /tmp/&lt;hello&gt;.txt');
  });

  it('ends with the outro, the timings and what was cleaned up', () => {
    const done: RunState = {
      ...base,
      phase: 'finished',
      outcome: 'ok',
      elapsedMs: 1234,
      leftovers: false,
      steps: base.steps.map((s) => ({ ...s, status: 'ok', ms: s.ms ?? 100 })),
    };
    const text = toText(runMessage(narrative, done, 'U0ALICE'));
    expectGolden('demo-done.txt', `${text}\n`);
    expect(text).toContain(
      '✓ Done in 1.23 s (0.21 s + 0.01 s + 0.10 s + 0.10 s). Everything it created has been removed.',
    );
    expect(runMessage(narrative, done, 'U0ALICE').text).toBe('Live demo diff: done in 1.23 s');
  });

  it('marks the failed step with its reason and says what happened to the leftovers', () => {
    const failed: RunState = {
      ...base,
      phase: 'finished',
      outcome: 'failed',
      elapsedMs: 500,
      leftovers: true,
      problem: 'the engine said: No such container: f00d',
      steps: [
        { ...(base.steps[0] as RunState['steps'][0]) },
        {
          title: 'Ask the engine what changed',
          status: 'failed',
          ms: 3,
          reason: 'the engine said: No such container: f00d',
        },
        { title: 'Start a fresh container', status: 'skipped' },
        { title: 'Compare', status: 'skipped' },
      ],
    };
    const text = toText(runMessage(narrative, failed, 'U0ALICE'));
    expect(text).toContain(
      '✗ 2/4 Ask the engine what changed · 0.00 s\nthe engine said: No such container: f00d',
    );
    expect(text).toContain('– 3/4 Start a fresh container (skipped)');
    expect(text).toContain(
      '✗ Stopped after 0.50 s at step 2 of 4. Some of what it created could not be removed yet',
    );
    expect(text).not.toContain('The image stayed read-only.');
  });

  it('tells a queued person their place, and an unavailable sandbox what it is', () => {
    const queued = runMessage(narrative, { ...base, phase: 'queued', position: 3, steps: [] }, 'U0ALICE');
    expect(toText(queued)).toContain('you are number 3 in line');
    expect(queued.text).toBe('Live demo diff: waiting, number 3 in line');
    const unavailable = runMessage(
      narrative,
      {
        ...base,
        phase: 'finished',
        outcome: 'unavailable',
        problem: 'The demo sandbox is unavailable right now.',
        steps: [],
      },
      'U0ALICE',
    );
    expect(toText(unavailable)).toContain('⚠️ The demo sandbox is unavailable right now.');
    expect(unavailable.text).toBe('Live demo diff: did not run: The demo sandbox is unavailable right now.');
  });

  it('quotes what was typed, and says which demo is still running', () => {
    const unknown = toSlack(unknownDemoMessage('<!channel> x'.repeat(20), []));
    expect(JSON.stringify(unknown)).not.toContain('<!channel>');
    expect(toText(busyMessage({ ...base, phase: 'queued' }))).toContain(
      'You already have the `diff` demo waiting for a slot',
    );
  });
});
