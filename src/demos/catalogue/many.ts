import { DemoStepFailed } from '../../errors';
import { shell, shortId } from '../../lab/format';
import { succeeded } from '../format';
import { need } from '../need';
import { type ContainerRef, defineDemo } from '../types';

const NAMES = ['one', 'two', 'three'] as const;
const WRITE = ['sh', '-c', 'echo "I am $(hostname)" > /tmp/me.txt'];
const READ = ['cat', '/tmp/me.txt'];

/** One image, many containers: each has its own ID and its own files, all from the same image ID. */
export const manyDemo = defineDemo<{ boxes?: ContainerRef[] }>({
  id: 'many',
  init: () => ({}),
  steps: [
    {
      title: 'Start three containers from one image',
      async run(ctx, state) {
        state.boxes = await Promise.all(NAMES.map((name) => ctx.run(name)));
        return {
          transcript: state.boxes.map((box) => ({
            command: `docker run -d --name ${box.name} ${ctx.image.ref} ${shell(ctx.keepAlive)}`,
            output: box.id,
          })),
        };
      },
    },
    {
      title: 'Each container writes a file of its own',
      async run(ctx, state) {
        const boxes = need(state.boxes, 'the containers');
        await Promise.all(
          boxes.map(async (box) => succeeded(await ctx.exec(box, WRITE), `writing in ${box.name}`)),
        );
        return {
          transcript: boxes.map((box) => ({
            command: `docker exec ${box.name} ${shell(WRITE)}`,
            output: '',
          })),
        };
      },
    },
    {
      title: 'Read the file back from each one',
      async run(ctx, state) {
        const boxes = need(state.boxes, 'the containers');
        const read = await Promise.all(
          boxes.map(async (box) => succeeded(await ctx.exec(box, READ), `reading in ${box.name}`)),
        );
        return {
          transcript: boxes.map((box, i) => ({
            command: `docker exec ${box.name} ${shell(READ)}`,
            output: read[i]?.stdout.trim() ?? '',
          })),
          note: 'Same path, three different files: each container has its own writable layer (and its own hostname).',
        };
      },
    },
    {
      title: 'Compare their IDs with the image ID',
      async run(ctx, state) {
        const boxes = need(state.boxes, 'the containers');
        const infos = await Promise.all(boxes.map((box) => ctx.inspect(box)));
        const format = `'{{.Name}} {{slice .Id 0 12}} {{slice .Image 7 19}}'`;
        const images = new Set(infos.map((info) => info.imageId));
        const ids = new Set(infos.map((info) => info.id));
        if (ids.size !== NAMES.length || images.size !== 1)
          throw new DemoStepFailed(
            `expected 3 container IDs and 1 image ID, saw ${ids.size} and ${images.size}`,
          );
        return {
          transcript: [
            {
              command: `docker inspect --format ${format} ${boxes.map((b) => b.name).join(' ')}`,
              output: infos
                .map((info) => `/${info.name} ${shortId(info.id)} ${shortId(info.imageId)}`)
                .join('\n'),
            },
          ],
          note: `${ids.size} container IDs, ${images.size} image ID: containers are instances, the image is their shared template.`,
        };
      },
    },
  ],
});
