import { pack } from 'tar-stream';

/** One file of a build context: a name relative to the context root, its content and Unix mode. */
export interface ContextFile {
  name: string;
  content: string | Buffer;
  mode?: number;
}

/** A build context as the engine's build API takes it: a tar stream with a Dockerfile and the files. */
export function buildContext(dockerfile: string, files: readonly ContextFile[] = []): NodeJS.ReadableStream {
  const tar = pack();
  const mtime = new Date(0);
  tar.entry({ name: 'Dockerfile', mode: 0o644, mtime }, dockerfile);
  for (const file of files) tar.entry({ name: file.name, mode: file.mode ?? 0o644, mtime }, file.content);
  tar.finalize();
  return tar as unknown as NodeJS.ReadableStream; // a streamx Readable: pipe() and events, as dockerode needs
}
