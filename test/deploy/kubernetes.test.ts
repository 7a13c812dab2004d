import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';

/**
 * deploy/kubernetes/ read as Kubernetes would: every YAML file parsed (js-yaml, gray-matter's YAML reader, as
 * some files hold several documents), then the promises of docs/kubernetes.md checked on the objects.
 */
// js-yaml ships no types and is here through gray-matter; this is the one function used.
const { loadAll } = require('js-yaml') as { loadAll: (text: string) => unknown[] };

const root = path.join(__dirname, '..', '..');
const dir = path.join(root, 'deploy', 'kubernetes');

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML, read field by field below.
type Obj = Record<string, any>;

const files = fs
  .readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const docsByFile = new Map(
  files.map((name) => [
    name,
    loadAll(fs.readFileSync(path.join(dir, name), 'utf8')).filter((doc): doc is Obj => doc != null),
  ]),
);
const objects = [...docsByFile.entries()]
  .filter(([name]) => name !== 'kustomization.yaml')
  .flatMap(([, d]) => d);

function only(kind: string, name?: string): Obj {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  expect(found).toHaveLength(1);
  return found[0];
}

const deployment = only('Deployment');
const pod = deployment.spec.template.spec;
const bot = pod.containers.find((c: Obj) => c.name === 'bot');
const configMap = only('ConfigMap');
const secret = only('Secret');
const sandbox = only('StatefulSet');

/** Variables the bot container gets: its env, plus every key of what envFrom names. */
function botEnv(): Map<string, string | Obj> {
  const env = new Map<string, string | Obj>();
  for (const from of bot.envFrom ?? []) {
    const source = from.configMapRef
      ? only('ConfigMap', from.configMapRef.name)
      : only('Secret', from.secretRef.name);
    for (const [key, value] of Object.entries<string>(source.data ?? source.stringData ?? {}))
      env.set(key, value);
  }
  for (const { name, value, valueFrom } of bot.env ?? []) env.set(name, value ?? valueFrom);
  return env;
}

const matches = (selector: Obj, labels: Obj) =>
  Object.entries(selector).every(([key, value]) => labels?.[key] === value);

describe('deploy/kubernetes', () => {
  test('every file parses, and kustomization.yaml lists exactly the other files', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const [name, docs] of docsByFile) {
      expect([name, docs.length > 0]).toEqual([name, true]);
      for (const doc of docs)
        expect([name, typeof doc.apiVersion, typeof doc.kind]).toEqual([name, 'string', 'string']);
    }
    const kustomization = docsByFile.get('kustomization.yaml')?.[0];
    expect([...(kustomization?.resources ?? [])].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml'),
    );
  });

  test('the bot: at least two replicas in HTTP mode, probes on /healthz, non-root and read-only', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const env = botEnv();
    expect(env.has('SLACK_APP_TOKEN')).toBe(false); // no app token: HTTP mode
    expect(env.has('SLACK_SIGNING_SECRET')).toBe(true);
    expect(env.has('DATABASE_URL')).toBe(true);
    for (const probe of [bot.readinessProbe, bot.livenessProbe]) {
      expect(probe?.httpGet?.path).toBe('/healthz');
      const port = bot.ports.find(
        (p: Obj) => p.name === probe.httpGet.port || p.containerPort === probe.httpGet.port,
      );
      expect(port?.containerPort).toBe(Number(env.get('METRICS_PORT')));
    }
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(bot.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(bot.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(bot.securityContext.capabilities.drop).toContain('ALL');
    expect(bot.resources.requests).toBeDefined();
    expect(bot.resources.limits).toBeDefined();
    const mounts = bot.volumeMounts.map((m: Obj) => m.mountPath);
    expect(mounts).toEqual(expect.arrayContaining(['/tmp', env.get('DATA_DIR')]));
  });

  test('INSTANCE_ID is the pod name, from the downward API', () => {
    const instanceId = bot.env.find((e: Obj) => e.name === 'INSTANCE_ID');
    expect(instanceId.valueFrom.fieldRef.fieldPath).toBe('metadata.name');
  });

  test('the grace period covers preStop plus SHUTDOWN_TIMEOUT_S', () => {
    const shutdown = Number(botEnv().get('SHUTDOWN_TIMEOUT_S'));
    const [command, seconds] = bot.lifecycle.preStop.exec.command;
    expect(command).toBe('sleep');
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(Number(seconds) + shutdown);
  });

  test("the Service and the PodDisruptionBudget select the Deployment's pods, and only them", () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(matches(deployment.spec.selector.matchLabels, labels)).toBe(true);
    const pdb = only('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(matches(pdb.spec.selector.matchLabels, labels)).toBe(true);
    expect(matches(pdb.spec.selector.matchLabels, sandbox.spec.template.metadata.labels)).toBe(false);
    const service = only('Service', 'docker-explainer');
    expect(matches(service.spec.selector, labels)).toBe(true);
    expect(service.spec.ports.map((p: Obj) => p.targetPort)).toEqual(expect.arrayContaining(['http', 'ops']));
  });

  test('the Secret holds placeholders only', () => {
    expect(secret.data).toBeUndefined(); // nothing base64-encoded to hide a real value in
    const values = Object.entries<string>(secret.stringData);
    expect(values.map(([key]) => key).sort()).toEqual(
      ['DATABASE_URL', 'METRICS_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].sort(),
    );
    for (const [key, value] of values)
      expect([key, value]).toEqual([key, expect.stringContaining('REPLACE-ME')]);
    // and no other object carries a credential
    for (const [key] of Object.entries(configMap.data))
      expect(key).not.toMatch(/TOKEN|SECRET|PASSWORD|DATABASE_URL/);
  });

  test('the sandbox: docker:dind with TLS, privileged, its own disk, no bridge, behind a headless Service', () => {
    const dockerd = sandbox.spec.template.spec.containers[0];
    expect(dockerd.image).toMatch(/^docker:.*dind/);
    expect(dockerd.env.find((e: Obj) => e.name === 'DOCKER_TLS_CERTDIR')?.value).toBe('/certs');
    expect(dockerd.securityContext.privileged).toBe(true);
    expect(dockerd.args).toEqual(expect.arrayContaining(['--bridge=none', '--iptables=false']));
    expect(dockerd.ports.map((p: Obj) => p.containerPort)).toEqual([2376]);
    expect(sandbox.spec.volumeClaimTemplates[0].spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(dockerd.volumeMounts.find((m: Obj) => m.mountPath === '/var/lib/docker')?.name).toBe(
      sandbox.spec.volumeClaimTemplates[0].metadata.name,
    );
    const headless = only('Service', sandbox.spec.serviceName);
    expect(headless.spec.clusterIP).toBe('None');
    expect(matches(headless.spec.selector, sandbox.spec.template.metadata.labels)).toBe(true);
  });

  test('the bot reaches each sandbox engine over TLS, with a read-only client certificate folder of its own', () => {
    const env = botEnv();
    expect(env.has('DOCKER_HOST')).toBe(false); // refused together with DOCKER_HOSTS
    const entries = String(env.get('DOCKER_HOSTS')).split(',');
    expect(sandbox.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(entries).toHaveLength(sandbox.spec.replicas);
    entries.forEach((entry, n) => {
      const [host, folder] = entry.split('=');
      expect(host).toBe(`tcp://${sandbox.metadata.name}-${n}.${sandbox.spec.serviceName}:2376`);
      const mount = bot.volumeMounts.find((m: Obj) => m.mountPath === folder);
      expect(mount?.readOnly).toBe(true);
      expect(pod.volumes.find((v: Obj) => v.name === mount.name)?.secret?.secretName).toBe(
        `sandbox-${n}-client-tls`,
      );
    });
    // DOCKER_HOSTS is what the app reads: each entry an engine over TLS with its folder.
    expect(loadConfig({ DOCKER_HOSTS: String(env.get('DOCKER_HOSTS')) }).sandbox.engines).toEqual(
      entries.map((entry) => expect.objectContaining({ dockerHost: entry.split('=')[0], tlsVerify: true })),
    );
  });

  test('every variable the manifests give the bot is one the app reads', () => {
    const known = new Set(
      [...fs.readFileSync(path.join(root, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map(
        (m) => m[1],
      ),
    );
    expect(known.size).toBeGreaterThan(20);
    const unknown = [...botEnv().keys()].filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });
});
