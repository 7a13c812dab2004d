import type { Button } from '../message';
import type { ActionHandler, CommandRequest, Output } from '../transport';

/** Run the demo, under a topic that has one; the value is the demo's id. */
export const RUN_DEMO_ACTION = 'run_demo';

/** A Run the demo button for a catalogue demo (under a topic, a tour step, on the App Home). */
export function runDemoButton(demoId: string, label = 'Run the demo'): Button {
  return { action: RUN_DEMO_ACTION, label, value: demoId, hint: `/docker demo ${demoId}` };
}

/** Runs a catalogue demo for a person (DemoService.run); other ids get a polite answer. */
export type RunDemo = (demoId: string, request: CommandRequest, output: Output) => Promise<void>;

/** Run the demo: the same as typing `/docker demo <id>`; the id is checked again by `run`. */
export function demoActions(run: RunDemo): ActionHandler[] {
  return [
    {
      id: RUN_DEMO_ACTION,
      name: 'Run the demo',
      async handle(value, request, output) {
        const { userId, channelId, teamId } = request;
        await run(value, { text: `demo ${value}`, userId, channelId, teamId }, output);
      },
    },
  ];
}
