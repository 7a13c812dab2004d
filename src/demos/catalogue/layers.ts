import { DemoStepFailed } from '../../errors';
import { historyTable, printed, shell } from '../../lab/format';
import type { ImageRef } from '../../sandbox/types';
import { succeeded } from '../format';
import { need } from '../need';
import { defineDemo } from '../types';

const INSTRUCTIONS = [
  'COPY greeting.txt /greeting.txt',
  'RUN echo "written by RUN at build time" > /built.txt',
];

/** An image is a stack of read-only layers, one per instruction that changes files; running it changes none. */
export const layersDemo = defineDemo<{ image?: ImageRef; builtId?: string }>({
  id: 'layers',
  init: () => ({}),
  steps: [
    {
      title: 'Build a tiny image from a Dockerfile, with the classic builder',
      async run(ctx, state) {
        const built = await ctx.build('layers', INSTRUCTIONS, [
          { name: 'greeting.txt', content: 'hello from a layer added by COPY\n' },
        ]);
        state.image = built.image;
        state.builtId = built.image.id;
        const log = built.log.filter(
          (line) => !/^(Removing intermediate container|\s*---> Running in)/.test(line),
        );
        return {
          transcript: [
            { command: 'cat Dockerfile', output: built.dockerfile.trimEnd() },
            { command: `DOCKER_BUILDKIT=0 docker build -t ${built.image.ref} .`, output: log.join('\n') },
          ],
          note: 'This is the classic builder, which prints each step’s layer ID (`--->`). Since Engine 23 a plain `docker build` uses BuildKit and prints `[+] Building` steps instead; newer CLIs also warn first that the classic builder is deprecated.',
        };
      },
    },
    {
      title: 'List its layers',
      async run(ctx, state) {
        const image = need(state.image, 'the built image');
        const rows = await ctx.history(image);
        return {
          transcript: [{ command: `docker history ${image.ref}`, output: historyTable(rows) }],
          note: 'Newest first: the top two rows are this Dockerfile’s RUN and COPY, each a layer with files in it. The rows below come from the image named in FROM; its 0B rows only changed settings such as CMD.',
        };
      },
    },
    {
      title: 'Run a container from it',
      async run(ctx, state) {
        const image = need(state.image, 'the built image');
        const cmd = ['cat', '/greeting.txt', '/built.txt'];
        const result = succeeded(await ctx.runOnce('reader', image, cmd), 'reading the files');
        return {
          transcript: [{ command: `docker run --rm ${image.ref} ${shell(cmd)}`, output: printed(result) }],
        };
      },
    },
    {
      title: 'Check the image ID again',
      async run(ctx, state) {
        const image = need(state.image, 'the built image');
        const id = await ctx.imageId(image);
        if (id !== state.builtId) throw new DemoStepFailed(`the image ID changed to ${id}`);
        return {
          transcript: [{ command: `docker image inspect --format '{{.Id}}' ${image.ref}`, output: id }],
          note: 'The same ID as right after the build: running a container from an image leaves the image as it was.',
        };
      },
    },
  ],
});
