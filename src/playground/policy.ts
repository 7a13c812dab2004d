/**
 * What the playground refuses, and why, in one line that teaches. Every playground container is created by
 * SandboxSession with the isolation of lab/policy.ts whatever the line says; these flags are refused rather
 * than silently ignored, so nobody believes a flag took effect when it did not.
 */

const NO_NETWORK =
  'playground containers have no network at all (`--network none`): nothing can be downloaded, attacked or reached from them.';
const NO_PORTS =
  'publishing a port opens the engine’s host to the network; playground containers have no network, so there is nothing to publish.';
const NO_MOUNTS =
  'a mount puts files of the engine’s host (or a volume) inside the container; the playground mounts nothing, so nothing outside the container is reachable. Read `/docker volumes`.';
const NAMESPACES =
  'sharing a namespace with the host or another container removes the very isolation that makes a container a container. Read `/docker kernel`.';
const LIMITS =
  'the playground’s limits are fixed (64 MB of memory, 64 processes, half a CPU) so everyone gets a fair share of the engine.';
const NO_TERMINAL =
  'Slack cannot give you an interactive terminal: run a command (`run busybox sh -c "ls /"`), or start a container with `run -d` and use `exec`.';
const NO_HOST_FILES = 'it reads a file on your own computer, and there is none here: use `-e NAME=value`.';

/** Flags that would loosen the isolation (or need what Slack cannot give), each with its reason. */
export const REFUSED_FLAGS: Readonly<Record<string, string>> = {
  '--privileged':
    'it gives the container every capability and every device of the engine’s host: one step from root on the host. Playground containers run with all capabilities dropped.',
  '--cap-add':
    'capabilities are slices of root’s power (changing the network, loading modules…); playground containers run with all of them dropped.',
  '--cap-drop':
    'there is nothing left to drop: every playground container already runs with `--cap-drop ALL`.',
  '--security-opt':
    'seccomp, AppArmor and no-new-privileges guard the host’s kernel; the playground keeps them as they are (`no-new-privileges` on).',
  '--device': 'it hands a device of the engine’s host (a disk, a GPU) to the container.',
  '--device-cgroup-rule': 'it lets the container use devices of the engine’s host.',
  '--gpus': 'it hands the engine host’s GPUs to the container.',
  '--runtime':
    'the runtime is what starts and isolates the container; the playground uses the engine’s default with its fixed limits.',
  '--isolation': 'the playground’s isolation is fixed.',
  '--cgroup-parent':
    'the cgroup is where the container’s memory, CPU and process limits live; moving it could escape them.',
  '--cgroupns': NAMESPACES,
  '--pid': NAMESPACES,
  '--ipc': NAMESPACES,
  '--uts': NAMESPACES,
  '--userns': NAMESPACES,
  '--sysctl': 'it changes kernel settings, and the kernel is shared with the host and every other container.',
  '--ulimit': LIMITS,
  '--group-add': 'extra groups (such as root’s) give access to files the playground user should not have.',
  '--volume': NO_MOUNTS,
  '-v': NO_MOUNTS,
  '--mount': NO_MOUNTS,
  '--tmpfs': NO_MOUNTS,
  '--volumes-from': NO_MOUNTS,
  '--volume-driver': NO_MOUNTS,
  '--network': NO_NETWORK,
  '--net': NO_NETWORK,
  '--network-alias': NO_NETWORK,
  '--net-alias': NO_NETWORK,
  '--link': NO_NETWORK,
  '--add-host': NO_NETWORK,
  '--dns': NO_NETWORK,
  '--dns-option': NO_NETWORK,
  '--dns-search': NO_NETWORK,
  '--ip': NO_NETWORK,
  '--ip6': NO_NETWORK,
  '--mac-address': NO_NETWORK,
  '--publish': NO_PORTS,
  '-p': NO_PORTS,
  '--publish-all': NO_PORTS,
  '-P': NO_PORTS,
  '--expose': NO_PORTS,
  '--memory': LIMITS,
  '-m': LIMITS,
  '--memory-swap': LIMITS,
  '--memory-reservation': LIMITS,
  '--memory-swappiness': LIMITS,
  '--kernel-memory': LIMITS,
  '--oom-kill-disable': LIMITS,
  '--oom-score-adj': LIMITS,
  '--cpus': LIMITS,
  '--cpu-shares': LIMITS,
  '-c': LIMITS,
  '--cpu-period': LIMITS,
  '--cpu-quota': LIMITS,
  '--cpuset-cpus': LIMITS,
  '--cpuset-mems': LIMITS,
  '--pids-limit': LIMITS,
  '--shm-size': LIMITS,
  '--blkio-weight': LIMITS,
  '--storage-opt': LIMITS,
  '--restart':
    'a restart policy brings a container back by itself, even after the engine restarts; playground containers stop for good when they stop, so they can always be cleaned up.',
  '--label':
    'the playground’s own labels say whose a container is and when it expires; you cannot set labels.',
  '-l': 'the playground’s own labels say whose a container is and when it expires; you cannot set labels.',
  '--label-file': NO_HOST_FILES,
  '--env-file': NO_HOST_FILES,
  '--cidfile': 'it writes a file on your own computer, and there is none here.',
  '--log-driver': 'logs stay with the engine’s default driver, so `logs` can show them.',
  '--log-opt': 'logs stay with the engine’s default driver, so `logs` can show them.',
  '--pull':
    'nothing can be pulled here (the sandbox has no registry access): run `busybox` or an image you committed.',
  '--platform': 'the playground runs the engine’s own platform only.',
  '--interactive': NO_TERMINAL,
  '-i': NO_TERMINAL,
  '--tty': NO_TERMINAL,
  '-t': NO_TERMINAL,
  '--attach': NO_TERMINAL,
  '-a': NO_TERMINAL,
  '--detach-keys': NO_TERMINAL,
};

export const ROOT_USER_REASON =
  'root in a container is root over its files and one kernel bug away from root on the host; playground commands run as `nobody` (65534), or another user ID that is not 0.';

/**
 * The `uid:gid` for `--user`: `nobody`, or numeric IDs other than 0 (root). Names other than nobody are
 * refused because the image, not the playground, would decide which ID they mean.
 */
export function playgroundUser(value: string): { user: string } | { problem: string } {
  if (value === 'nobody' || value === 'nobody:nogroup') return { user: '65534:65534' };
  const match = /^(\d{1,10})(?::(\d{1,10}))?$/.exec(value);
  if (!match)
    return {
      problem: `\`--user ${value}\` is refused: give a numeric user ID (nobody is 65534); ${ROOT_USER_REASON}`,
    };
  const uid = Number(match[1]);
  const gid = match[2] === undefined ? uid : Number(match[2]);
  if (uid === 0 || gid === 0) return { problem: `\`--user ${value}\` is refused: ${ROOT_USER_REASON}` };
  return { user: `${uid}:${gid}` };
}

/** Container names as the docker CLI accepts them, kept short so the engine's name stays readable. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}$/;

/** `repository[:tag]` as docker accepts it for a local image (lowercase path components, a tag). */
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Splits `repo[:tag]`; undefined when it is not a valid local image name. */
export function imageName(text: string): { repo: string; tag: string } | undefined {
  const colon = text.lastIndexOf(':');
  const hasTag = colon > text.lastIndexOf('/');
  const repo = hasTag ? text.slice(0, colon) : text;
  const tag = hasTag ? text.slice(colon + 1) : 'latest';
  if (repo.length > 60 || !REPOSITORY.test(repo) || !TAG.test(tag)) return undefined;
  return { repo, tag };
}

/** Dockerfile instructions `commit -c` may apply: the defaults a container starts with, nothing else. */
export const COMMIT_CHANGES = ['CMD', 'ENTRYPOINT', 'ENV', 'WORKDIR'] as const;
