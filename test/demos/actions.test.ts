import { demoActions, RUN_DEMO_ACTION } from '../../src/demos/actions';
import type { CommandRequest } from '../../src/transport';
import { recordingOutput } from '../helpers/recording-output';

describe('Run the demo', () => {
  it('runs the demo its value names, as `/docker demo <id>` would for the person who pressed it', async () => {
    const runs: [string, CommandRequest][] = [];
    const [run] = demoActions(async (demoId, request) => void runs.push([demoId, request]));
    expect(run?.id).toBe(RUN_DEMO_ACTION);
    await run?.handle(
      'diff',
      { userId: 'U0BOB', channelId: 'C1', teamId: 'T1', inPrivateMessage: true },
      recordingOutput().output,
    );
    expect(runs).toEqual([['diff', { text: 'demo diff', userId: 'U0BOB', channelId: 'C1', teamId: 'T1' }]]);
  });
});
