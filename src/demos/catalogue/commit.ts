import { DemoStepFailed } from '../../errors';
import { printed, shell } from '../../lab/format';
import type { ImageRef } from '../../sandbox/types';
import { succeeded } from '../format';
import { need } from '../need';
import { type ContainerRef, defineDemo } from '../types';

const CHANGE = ['sh', '-c', 'echo "made inside a container" > /tmp/note.txt'];
const READ = ['cat', '/tmp/note.txt'];

/** `docker commit` turns a changed container into a new image; the image it started from stays as it was. */
export const commitDemo = defineDemo<{ box?: ContainerRef; committed?: ImageRef }>({
  id: 'commit',
  init: () => ({}),
  steps: [
    {
      title: 'Start a container and change a file in it',
      async run(ctx, state) {
        const box = await ctx.run('work');
        state.box = box;
        const changed = succeeded(await ctx.exec(box, CHANGE), 'writing the note');
        return {
          transcript: [
            {
              command: `docker run -d --name ${box.name} ${ctx.image.ref} ${shell(ctx.keepAlive)}`,
              output: box.id,
            },
            { command: `docker exec ${box.name} ${shell(CHANGE)}`, output: printed(changed) },
          ],
        };
      },
    },
    {
      title: 'Commit the container to a new image',
      async run(ctx, state) {
        const box = need(state.box, 'the container');
        state.committed = await ctx.commit(box, 'commit');
        return {
          transcript: [
            { command: `docker commit ${box.name} ${state.committed.ref}`, output: state.committed.id },
          ],
        };
      },
    },
    {
      title: 'Compare the two image IDs',
      async run(ctx, state) {
        const committed = need(state.committed, 'the new image');
        const [original, created] = await Promise.all([ctx.imageId(ctx.image), ctx.imageId(committed)]);
        if (original === created) throw new DemoStepFailed('the commit did not make a new image');
        return {
          transcript: [
            {
              command: `docker image inspect --format '{{.Id}}' ${ctx.image.ref} ${committed.ref}`,
              output: `${original}\n${created}`,
            },
          ],
          note: 'Two IDs: the commit made a new image (the old layers plus one with the container’s changes).',
        };
      },
    },
    {
      title: 'The note is in the new image only',
      async run(ctx, state) {
        const committed = need(state.committed, 'the new image');
        const fromNew = await ctx.runOnce('from-new', committed, READ);
        const fromOld = await ctx.runOnce('from-original', ctx.image, READ);
        if (fromNew.exitCode !== 0 || fromOld.exitCode === 0)
          throw new DemoStepFailed('the note was not where the demo expected it');
        return {
          transcript: [
            { command: `docker run --rm ${committed.ref} ${shell(READ)}`, output: printed(fromNew) },
            { command: `docker run --rm ${ctx.image.ref} ${shell(READ)}`, output: printed(fromOld) },
          ],
          note: 'The original image is unchanged. (The demo removes the committed image when it ends.)',
        };
      },
    },
  ],
});
