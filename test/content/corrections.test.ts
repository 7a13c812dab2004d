import fs from 'node:fs';
import path from 'node:path';
import { loadContent, type Topic } from '../../src/content/load';
import { DEMOS } from '../../src/demos/catalogue';
import { loadNarratives } from '../../src/demos/narratives';
import { loadQuizQuestions } from '../../src/quiz/questions';
import { loadTourSteps } from '../../src/tour/steps';

/**
 * Claims a review against Docker Engine and CLI 29 found wrong, outdated or misleading (issue 9): each wrong
 * form must stay gone, and the corrected fact must stay said, in the file that had it.
 */
const content = loadContent();
const CATALOGUE = path.join(__dirname, '..', '..', 'src', 'demos', 'catalogue');

function topicText(id: string): string {
  const topic = content.topics.find((t) => t.id === id) as Topic;
  const compare = topic.compare?.rows.map((r) => `${r.aspect}: ${r.left} | ${r.right}`) ?? [];
  return [
    topic.title,
    topic.summary,
    ...compare,
    ...topic.sections.map((s) => `## ${s.heading}\n${s.body}`),
  ].join('\n');
}

function tipText(id: string): string {
  const tip = content.tips.find((t) => t.id === id);
  if (!tip) throw new Error(`no tip ${id}`);
  return `${tip.title}\n${tip.body}`;
}

const demoNote = (id: string) => fs.readFileSync(path.join(CATALOGUE, `${id}.ts`), 'utf8');
const narrative = (id: string) => {
  const found = loadNarratives().find((n) => n.id === id);
  if (!found) throw new Error(`no demo narrative ${id}`);
  return JSON.stringify(found);
};

/** Every place a person reads: topics (compare rows too), tips, demo narratives, the demos' notes, the tour, the quiz. */
const everything = [
  ...loadTourSteps(
    content.topics,
    DEMOS.map((d) => d.id),
  ).map((s) => ({ where: s.file, text: JSON.stringify(s) })),
  ...loadQuizQuestions(content.topics).map((q) => ({ where: q.file, text: JSON.stringify(q) })),
  ...content.topics.map((t) => ({ where: t.file, text: topicText(t.id) })),
  ...content.tips.map((t) => ({ where: t.file, text: tipText(t.id) })),
  ...loadNarratives().map((n) => ({ where: `content/demos/${n.id}.md`, text: narrative(n.id) })),
  ...fs
    .readdirSync(CATALOGUE)
    .map((file) => ({ where: `src/demos/catalogue/${file}`, text: demoNote(path.basename(file, '.ts')) })),
];

/** The fenced code blocks of all topics, with the topic they come from. */
const codeBlocks = content.topics.flatMap((t) =>
  t.sections.flatMap((s) =>
    [...s.body.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => ({ where: s.id, code: m[1] ?? '' })),
  ),
);

interface Correction {
  claim: string;
  /** Where the claim was made: topic ids, `tip:<id>`, `demo:<id>` (narrative) or `note:<id>` (demo code). */
  in: string[];
  /** Wrong forms that must not come back, anywhere in those files. */
  gone: RegExp[];
  /** What each of those files must say instead (all of them, unless `somewhere`). */
  says: RegExp[];
  somewhere?: boolean;
}

const CORRECTIONS: Correction[] = [
  {
    claim: 'BuildKit garbage-collects its build cache by default',
    in: ['cleanup', 'tip:builder-prune-build-cache'],
    gone: [/doesn't delete anything on its own/i, /build cache all stay until you remove/i],
    says: [/garbage-collects|trims it by itself/i, /60 days/],
  },
  {
    claim: 'system prune --volumes removes only anonymous volumes since Engine 23',
    in: ['cleanup', 'tip:system-prune-what-it-removes'],
    gone: [/`--volumes` also removes unused volumes/],
    says: [/--volumes[^.]*anonymous|anonymous[^.]*--volumes|only anonymous/i, /Engine 23/],
  },
  {
    claim: 'plain docker image ls prints the CLI 29 view; the REPOSITORY TAG table belongs to older CLIs',
    in: ['image', 'diff', 'tags'],
    gone: [/^REPOSITORY\s+TAG\s+IMAGE ID/m],
    says: [/^IMAGE\s+ID\s+DISK USAGE\s+CONTENT SIZE\s+EXTRA$/m, /CLI 29/],
  },
  {
    claim: 'the layers demo says it uses the classic builder, as topics/layers.md does',
    in: ['layers', 'demo:layers', 'note:layers'],
    gone: [/`docker build -t \$\{built\.image\.ref\} \.`/, /LABEL \$\{labels\}/],
    says: [/DOCKER_BUILDKIT=0/, /classic builder/],
  },
  {
    claim: 'sleep does not "ignore" SIGTERM: PID 1 gets no default signal action',
    in: ['lifecycle', 'note:lifecycle'],
    gone: [/ignored (it|SIGTERM)/i],
    says: [/PID 1/, /--init/],
  },
  {
    claim: 'only Linux containers share the (Linux) host kernel; Docker Desktop and Hyper-V differ',
    in: ['container', 'kernel', 'tip:containers-share-host-kernel'],
    gone: [
      /All containers share the host's kernel/,
      /inside any container prints the host's/,
      /Every container on a host runs on that host's one kernel/,
    ],
    says: [/Docker Desktop/, /Hyper-V/],
  },
  {
    claim: 'an image runs natively only on the OS and CPU architecture it was built for',
    in: ['image', 'diff'],
    gone: [/any machine with Docker can run it/i, /on any machine with Docker\./],
    says: [/architecture/],
  },
  {
    claim: 'an unchanged combined RUN line is still a cache hit',
    in: ['tip:run-cache-matches-text-only'],
    gone: [
      /Put update and install in the same `RUN`, or build with `--no-cache` when you need everything fresh/,
    ],
    says: [/still a cache hit/, /--no-cache/],
  },
  {
    claim: 'BuildKit fetches only what it needs from the context; .dockerignore still matters',
    in: ['tip:dockerignore-small-context'],
    gone: [/Everything in the build folder is sent to the builder/],
    says: [/BuildKit/, /COPY \. \./, /secrets/],
  },
  {
    claim: 'WORKDIR makes a layer under BuildKit, so 0B does not always mean settings only',
    in: ['layers', 'dockerfile'],
    gone: [
      /`0B` rows only changed settings/,
      /WORKDIR`?, `?CMD`?, `?ENTRYPOINT`?, `?EXPOSE`?, `?USER`? and `?LABEL`?, just record/,
    ],
    says: [/WORKDIR[^.]*layer/],
  },
  {
    claim: 'parser directives and global ARG may precede FROM',
    in: ['dockerfile'],
    gone: [/every Dockerfile begins with one/],
    says: [/ARG/, /# syntax=/],
  },
  {
    claim: 'docker ps STATUS is words; the state names come from inspect and filters',
    in: ['lifecycle'],
    gone: [/`docker ps -a` shows each container's status\. The possible states are/],
    says: [/Exited \(0\)/, /\.State\.Status/, /status=/],
  },
  {
    claim: 'docker stop sends the image’s STOPSIGNAL, SIGTERM only by default',
    in: ['lifecycle', 'tip:stop-asks-kill-does-not'],
    gone: [/`docker stop`:? sends SIGTERM so/],
    says: [/STOPSIGNAL/],
  },
  {
    claim: 'workflow copies the dependency list and installs before copying app.py',
    in: ['workflow'],
    gone: [/COPY app\.py \.\n.*RUN pip install/],
    says: [/COPY requirements\.txt[\s\S]*RUN pip install[^\n]*requirements\.txt[\s\S]*COPY app\.py/],
  },
  {
    claim: 'with the containerd image store, the image ID is the manifest or index digest',
    in: ['image'],
    gone: [],
    says: [/containerd image store[^.]*(manifest|index)/],
  },
];

function textOf(where: string): string {
  if (where.startsWith('tip:')) return tipText(where.slice(4));
  if (where.startsWith('demo:')) return narrative(where.slice(5));
  if (where.startsWith('note:')) return demoNote(where.slice(5));
  return topicText(where);
}

describe('corrected claims stay corrected', () => {
  describe.each(CORRECTIONS.map((c) => [c.claim, c] as const))('%s', (_claim, correction) => {
    it.each(correction.in)('%s has no wrong form left and says what is right', (where) => {
      const text = textOf(where);
      for (const wrong of correction.gone)
        expect(`${where}: ${wrong.test(text) ? `still says ${wrong}` : 'ok'}`).toBe(`${where}: ok`);
      for (const right of correction.says)
        expect(`${where}: ${right.test(text) ? 'ok' : `does not say ${right}`}`).toBe(`${where}: ok`);
    });
  });

  it('no file anywhere says sleep or any program "ignored SIGTERM", or that all containers share one kernel', () => {
    const wrong = everything.filter(({ text }) =>
      /ignored SIGTERM|`sleep` ignored|All containers share the host's kernel/.test(text),
    );
    expect(wrong.map((w) => w.where)).toEqual([]);
  });

  it('no example output prints the old image table as what plain `docker images` shows', () => {
    const old = codeBlocks.filter(({ code }) =>
      /^\$ docker (images|image ls)\b(?!.*--format)[^\n]*\n(REPOSITORY|REPOSITORY:TAG)\s/m.test(code),
    );
    expect(old.map((b) => b.where)).toEqual([]);
  });
});

describe('example outputs are honest', () => {
  it('mark left-out lines with …, and never cut a digest with three dots', () => {
    const cut = codeBlocks.filter(
      ({ code }) =>
        /\.\.\./.test(code) ||
        // A pull that jumps from "Pulling from" straight to the digest, or a push straight to its digest.
        /Pulling from [^\n]+\n(Digest|Status):/.test(code) ||
        /The push refers to repository [^\n]+\n[^\n]*digest:/.test(code),
    );
    expect(cut.map((b) => b.where)).toEqual([]);
  });

  it('show one image ID per image name across every topic', () => {
    const ids = new Map<string, Set<string>>();
    const see = (name: string, id: string) =>
      ids.set(name, (ids.get(name) ?? new Set()).add(id.slice(0, 12)));
    for (const { code } of codeBlocks) {
      for (const m of code.matchAll(/^([a-z0-9][\w./-]*:[\w.-]+)\s+([0-9a-f]{12})\b/gm))
        see(m[1] ?? '', m[2] ?? '');
      for (const m of code.matchAll(/^Untagged: (\S+)\nDeleted: sha256:([0-9a-f]{12})/gm))
        see(m[1] ?? '', m[2] ?? '');
    }
    expect(ids.get('alpine-hello:1')?.size).toBe(1);
    const inconsistent = [...ids]
      .filter(([, found]) => found.size > 1)
      .map(([name, found]) => `${name}: ${[...found]}`);
    expect(inconsistent).toEqual([]);
  });

  it('say which Docker version a versioned fact belongs to', () => {
    // Wherever the content talks about the CLI 29 list view or the containerd store default, it names the version.
    for (const { where, text } of everything) {
      if (/DISK USAGE/.test(text))
        expect(`${where}: ${/CLI 29|Docker 29/.test(text)}`).toBe(`${where}: true`);
      if (/default (for|on) fresh installs/.test(text))
        expect(`${where}: ${/Engine 29/.test(text)}`).toBe(`${where}: true`);
    }
  });
});
