import { SandboxRefused } from '../../errors';
import { shell } from '../../lab/format';
import type { ContainerInfo } from '../../sandbox/types';
import { need } from '../need';
import { type ContainerRef, type DemoContext, defineDemo, type Transcript } from '../types';

const STATE_FORMAT = `'{{.State.Status}} {{.State.ExitCode}}'`;

/** `docker inspect` of the state, as the CLI prints it with STATE_FORMAT. */
async function stateOf(
  ctx: DemoContext,
  box: ContainerRef,
): Promise<{ shown: Transcript; info: ContainerInfo }> {
  const info = await ctx.inspect(box);
  return {
    shown: {
      command: `docker inspect --format ${STATE_FORMAT} ${box.name}`,
      output: `${info.status} ${info.exitCode}`,
    },
    info,
  };
}

/** A container's life: created → running → exited → running → removed; the image outlives it. */
export const lifecycleDemo = defineDemo<{ box?: ContainerRef }>({
  id: 'lifecycle',
  init: () => ({}),
  steps: [
    {
      title: 'Create a container (it does not run yet)',
      async run(ctx, state) {
        const box = await ctx.create('life');
        state.box = box;
        const { shown } = await stateOf(ctx, box);
        return {
          transcript: [
            {
              command: `docker create --name ${box.name} ${ctx.image.ref} ${shell(ctx.keepAlive)}`,
              output: box.id,
            },
            shown,
          ],
        };
      },
    },
    {
      title: 'Start it',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        await ctx.start(box);
        const { shown } = await stateOf(ctx, box);
        return { transcript: [{ command: `docker start ${box.name}`, output: box.name }, shown] };
      },
    },
    {
      title: 'Stop it',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        await ctx.stop(box, 1);
        const { shown, info } = await stateOf(ctx, box);
        return {
          transcript: [{ command: `docker stop -t 1 ${box.name}`, output: box.name }, shown],
          note:
            info.exitCode === 137
              ? '`docker stop` sent SIGTERM (the image sets no other STOPSIGNAL). `sleep` is PID 1 here and has no handler for it, and the kernel gives PID 1 no default action, so nothing happened until the engine sent SIGKILL after 1 s: 137 = 128 + 9. With `docker run --init`, or a program that handles SIGTERM, it stops at once.'
              : 'Stopped: the process ended and the container keeps its files until it is removed.',
        };
      },
    },
    {
      title: 'Start it again',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        await ctx.start(box);
        const { shown, info } = await stateOf(ctx, box);
        return {
          transcript: [{ command: `docker start ${box.name}`, output: box.name }, shown],
          note:
            info.id === box.id
              ? 'The same container (same ID) running again: stopping did not delete it.'
              : undefined,
        };
      },
    },
    {
      title: 'Remove it: the image is still there',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        await ctx.remove(box);
        let gone: string;
        try {
          await ctx.inspect(box);
          gone = 'still there';
        } catch (error) {
          if (!(error instanceof SandboxRefused)) throw error;
          gone = `Error: ${error.reason}`;
        }
        const imageId = await ctx.imageId(ctx.image);
        return {
          transcript: [
            { command: `docker rm -f ${box.name}`, output: box.name },
            { command: `docker inspect ${box.name}`, output: gone },
            { command: `docker image inspect --format '{{.Id}}' ${ctx.image.ref}`, output: imageId },
          ],
          note: 'The container and its writable layer are gone; the image it came from is untouched.',
        };
      },
    },
  ],
});
