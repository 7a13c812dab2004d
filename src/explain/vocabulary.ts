/**
 * The words learners use for Docker ideas, and the words that mark a question as being about Docker at all.
 * Keys and values are plain lower-case words; callers stem them.
 */

/** A learner's word → the words the content uses for the same idea. */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  blueprint: ['image', 'template'],
  template: ['image'],
  recipe: ['image'],
  snapshot: ['image', 'commit'],
  package: ['image'],
  img: ['image'],
  instance: ['container'],
  ctr: ['container'],
  box: ['container'],
  change: ['write', 'writable', 'state'],
  modify: ['change', 'write', 'writable', 'state'],
  edit: ['change', 'write', 'writable'],
  alter: ['change', 'write'],
  mutate: ['change', 'writable', 'state'],
  tweak: ['change'],
  write: ['writable', 'change', 'state'],
  rm: ['remove', 'delete'],
  delete: ['remove', 'rm'],
  remove: ['delete', 'rm'],
  erase: ['delete', 'remove'],
  destroy: ['remove', 'delete'],
  kill: ['stop'],
  gone: ['remove', 'delete'],
  lose: ['remove', 'delete', 'survive'],
  lost: ['remove', 'delete', 'survive'],
  keep: ['survive', 'persist'],
  persist: ['volume', 'survive'],
  persistent: ['volume', 'survive'],
  data: ['volume'],
  vm: ['virtual', 'machine'],
  vms: ['virtual', 'machine'],
  os: ['operating', 'system'],
  lightweight: ['light'],
  lighter: ['lightweight', 'light'],
  heavy: ['lightweight'],
  smaller: ['shrink', 'size'],
  bigger: ['size'],
  big: ['size'],
  huge: ['size'],
  space: ['disk', 'size'],
  storage: ['volume', 'disk'],
  worse: ['better'],
  prefer: ['better'],
  zip: ['package', 'archive', 'image'],
  archive: ['package', 'image'],
  m1: ['arm64', 'mac', 'platform'],
  m2: ['arm64', 'mac', 'platform'],
  arm: ['arm64', 'platform'],
  architecture: ['platform', 'arm64', 'amd64'],
  platform: ['architecture'],
  reboot: ['restart'],
  boot: ['start'],
  boots: ['start'],
  launch: ['run', 'start'],
  spin: ['run', 'start'],
  wipe: ['remove', 'prune'],
  cleanup: ['prune', 'remove'],
  bulk: ['prune'],
  unused: ['prune', 'dangling'],
  leftover: ['prune', 'dangling'],
  leftovers: ['prune', 'dangling'],
  crash: ['exit', 'fail', 'restart'],
  crashes: ['exit', 'fail', 'restart'],
  died: ['exit', 'stop'],
  dies: ['exit', 'stop'],
  exited: ['exit', 'stop'],
  share: ['registry', 'push'],
  upload: ['push'],
  download: ['pull'],
  newest: ['latest', 'newer'],
  version: ['tag'],
  readonly: ['immutable', 'change'],
  immutable: ['readonly', 'change'],
  multiple: ['many'],
  two: ['many'],
  three: ['many'],
  ten: ['many'],
  dozen: ['many'],
  hundred: ['many'],
  hundreds: ['many'],
  several: ['many'],
  lots: ['many'],
  differ: ['difference'],
  different: ['difference'],
  versus: ['difference'],
  vs: ['difference'],
  compare: ['difference'],
  comparison: ['difference'],
  steps: ['workflow'],
  flow: ['workflow'],
  mac: ['macos', 'desktop'],
  windows: ['desktop', 'wsl'],
  dockerhub: ['docker', 'hub'],
  cmd: ['instruction'],
  entrypoint: ['instruction'],
  workdir: ['instruction'],
  expose: ['instruction'],
  env: ['instruction'],
  copy: ['instruction'],
};

/** Phrases rewritten before reading a question ("running thing" is one idea, not two). */
export const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\brunning (thing|copy|version|instance|one)s?\b/g, 'container'],
  [/\b(the )?thing (that )?runs\b/g, 'container'],
  [/\bvirtual machines?\b/g, 'vm'],
  [/\bread[- ]only\b/g, 'readonly'],
  [/\bcopy[- ]on[- ]write\b/g, 'copy-on-write cow'],
  [/\bdocker ?hub\b/g, 'dockerhub'],
  [/\boperating systems?\b/g, 'os'],
];

/**
 * What a learner means by a few everyday words, as the Docker words that name it: "what changed" is
 * `docker diff`, "remove all stopped containers" is prune, "why did it exit" is inspect. Read in questions
 * only; the words are added, nothing is taken away.
 */
export const INTENTS: readonly (readonly [RegExp, string])[] = [
  [
    /\bwhat (?:has |have |was |got )?chang(?!\w* (?:in|with|since) (?:docker|engine|cli|v?\d))|\bchanges? (?:made )?(?:in|inside|to) (?:my |the |a )?container/,
    'diff changes',
  ],
  [
    /\b(?:at once|in bulk|in one go|all (?:the |my )?(?:stopped|unused|old|dangling|exited))\b|\bclean(?:ing)? ?up\b/,
    'prune',
  ],
  [
    /\bwhy (?:did |does |do |has )?(?:it|my|the|a|this)?\s*(?:\w+ )?(?:exit|stop|die|crash|quit)/,
    'inspect exit code',
  ],
  [
    /\b(?:get|go|shell|ssh|bash|log|jump) ?(?:in|into)\b.*\bcontainer|\bshell (?:in|inside|into)\b/,
    'exec shell',
  ],
  [/\b(?:\d+|two|several|multiple|different|many) versions? of\b/, 'tag tags'],
  [
    /\b(?:can'?t|cannot|won'?t|unable to|refuses? to)(?: i| we| you)? (?:delete|remove|rm) (?:an |the |this |that |my )?image/,
    'rmi conflict stopped',
  ],
  [
    /\bcontainers? (?:from|of|using|use|share|sharing) (?:one|the same|a single|an|the) image|\bsame image\b/,
    'many',
  ],
  [
    /\b(?:see|access|read|reach)\b[^?.!]*\b(?:each others?|the other|other containers?|another container)\b|\b(?:each others?|the other|other containers?|another container)\b[^?.!]*\b(?:see|access|read)\b/,
    'own invisible',
  ],
  [/\b(?:re-?build|build (?:it )?again|re-?runs?|re-?install\w*|every build|each build)\b/, 'build cache'],
];

/** Words that on their own make a question about Docker. */
export const DOCKER_WORDS: ReadonlySet<string> = new Set(
  `docker dockerd dockerfile dockerfiles dockerignore dockerhub image images container containers
  containerd containerized layer layers volume volumes registry registries kernel namespace namespaces
  cgroup cgroups hypervisor overlay overlay2 overlayfs unionfs tmpfs entrypoint cmd rmi prune dangling
  cow copy-on-write moby buildkit buildx compose manifest ghcr quay ecr gcr acr dind instruction`.split(
    /\s+/,
  ),
);

/**
 * Words that hint at Docker but also mean something else (git commit, push a branch, a cover-letter
 * template, an AWS instance); two of them together, or one with a Docker word, make a Docker question.
 */
export const HINT_WORDS: ReadonlySet<string> = new Set(
  `blueprint template recipe dish instance snapshot tag tags latest digest commit push pull build built
  run running runs stop stopped kill start restart pause exec vm vms virtual machine bind mount mounts
  rm ps hub cache ship`.split(/\s+/),
);

/** Other tools whose words overlap Docker's (a git tag, a git commit, an AWS instance, a CSS container). */
export const OTHER_TOOLS: ReadonlySet<string> = new Set(
  `git github gitlab bitbucket svn aws ec2 azure gcp photoshop figma excel css html javascript typescript
  python java vpn jira confluence zoom vscode instagram`.split(/\s+/),
);
