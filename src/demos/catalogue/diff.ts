import { DemoStepFailed } from '../../errors';
import { printed, shell } from '../../lab/format';
import { succeeded } from '../format';
import { need } from '../need';
import { type ContainerRef, defineDemo } from '../types';

const ADD = ['sh', '-c', 'echo "hello from the container" > /tmp/hello.txt'];
const CHANGE_AND_DELETE = ['sh', '-c', 'echo "demo:x:1000:" >> /etc/group && rmdir /home'];

/** A container's changes live in its own writable layer: `docker diff` lists them; the image never sees them. */
export const diffDemo = defineDemo<{ box?: ContainerRef }>({
  id: 'diff',
  init: () => ({}),
  steps: [
    {
      title: 'Start a container from the image',
      async run(ctx, state) {
        state.box = await ctx.run('box');
        return {
          transcript: [
            {
              command: `docker run -d --name ${state.box.name} ${ctx.image.ref} ${shell(ctx.keepAlive)}`,
              output: state.box.id,
            },
          ],
        };
      },
    },
    {
      title: 'Add a file, change a file and delete a folder inside it',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        const added = succeeded(await ctx.exec(box, ADD), 'adding a file');
        // /etc belongs to root: this one command runs as root, still without any capability.
        const changed = succeeded(
          await ctx.exec(box, CHANGE_AND_DELETE, { asRoot: true }),
          'changing /etc/group',
        );
        return {
          transcript: [
            { command: `docker exec ${box.name} ${shell(ADD)}`, output: printed(added) },
            {
              command: `docker exec -u root ${box.name} ${shell(CHANGE_AND_DELETE)}`,
              output: printed(changed),
            },
          ],
        };
      },
    },
    {
      title: 'Ask the engine what changed',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        const changes = await ctx.diff(box);
        return {
          transcript: [
            {
              command: `docker diff ${box.name}`,
              output: changes.map((c) => `${c.kind} ${c.path}`).join('\n'),
            },
          ],
          note: 'A = added, C = changed, D = deleted: all of it in the container’s own thin writable layer.',
        };
      },
    },
    {
      title: 'Start a fresh container from the same image',
      async run(ctx) {
        const cmd = ['cat', '/tmp/hello.txt'];
        const fresh = await ctx.runOnce('fresh', ctx.image, cmd);
        if (fresh.exitCode === 0) throw new DemoStepFailed('the fresh container found the file');
        return {
          transcript: [{ command: `docker run --rm ${ctx.image.ref} ${shell(cmd)}`, output: printed(fresh) }],
          note: 'The file is not there: the image did not change. Every container starts from the same read-only image.',
        };
      },
    },
  ],
});
