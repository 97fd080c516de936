import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT, SECRET_VARIABLES, daemonVariables, numericDefault } from './daemon-variables.js';

// The kinds the manifests may contain, each with its schema (Kubernetes' own and prometheus-operator's).
const MODELS: Record<string, { validate(): void } & (new (data: any) => { validate(): void })> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 ConfigMap': ConfigMap,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1 ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1 PrometheusRule': PrometheusRule,
} as any;

const SECRET_NAME = 'camunda-backup-credentials';

/** `kubectl kustomize DIR`, parsed; fails loudly when kubectl is missing. */
function render(dir: string): any[] {
  const kubectl = spawnSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8' });
  if (kubectl.error) {
    throw new Error(
      `kubectl is needed to render ${dir} (kubectl kustomize) and could not be run: ${kubectl.error.message}. ` +
        'Install kubectl (https://kubernetes.io/docs/tasks/tools/) and run the tests again.',
    );
  }
  if (kubectl.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${kubectl.stderr}`);
  return parseAllDocuments(kubectl.stdout).map((document) => document.toJS());
}

function only(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0];
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return (
    Object.keys(selector).length > 0 &&
    Object.entries(selector).every(([key, value]) => labels[key] === value)
  );
}

describe.each([
  ['base', 'deploy/kubernetes/base'],
  ['example overlay', 'deploy/kubernetes/overlays/example'],
])('Kubernetes manifests: %s', (_label, dir) => {
  const variables = daemonVariables();
  const objects = render(dir);
  const deployment = only(objects, 'Deployment');
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0];
  const configMap = only(objects, 'ConfigMap');
  const config: Record<string, string> = configMap.data;
  const portOf = (name: string) => Number(config[name] ?? numericDefault(variables, name));
  const containerPortNamed = (name: string) =>
    container.ports.find((p: any) => p.name === name)?.containerPort;

  it('every object is of a known kind and valid against its schema', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'PrometheusRule',
      'Service',
      'Service',
      'ServiceMonitor',
    ]);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion} ${object.kind}`];
      expect(Model, `no schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(() => new Model(object).validate(), `${object.kind} ${object.metadata.name}`).not.toThrow();
    }
  });

  it('gives the daemon only variables it reads, and every secret only from the Secret', () => {
    expect(pod.spec.containers).toHaveLength(1);
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    const names = [...Object.keys(config), ...container.env.map((e: any) => e.name)];
    for (const name of names) expect(variables.has(name), `${name} is not a daemon variable`).toBe(true);
    expect(new Set(names).size, 'a variable set twice').toBe(names.length);
    for (const secret of SECRET_VARIABLES) {
      expect(config, `${secret} must not be in the ConfigMap`).not.toHaveProperty(secret);
      const entry = container.env.find((e: any) => e.name === secret);
      expect(entry?.valueFrom?.secretKeyRef, `${secret} from the Secret`).toMatchObject({
        name: SECRET_NAME,
        key: secret,
      });
    }
    for (const entry of container.env) {
      expect(entry.value, `${entry.name} must come from the Secret`).toBeUndefined();
    }
    // Needed to start on 0.0.0.0 (REDIS_URL, the dashboard's credentials); the rest only when used.
    const required = container.env
      .filter((e: any) => e.valueFrom.secretKeyRef.optional !== true)
      .map((e: any) => e.name);
    expect(required.sort()).toEqual(['DASHBOARD_PASSWORD', 'DASHBOARD_USERNAME', 'REDIS_URL']);
  });

  it('probes liveness and readiness on the orchestrator port', () => {
    const orchestrator = portOf('ORCHESTRATOR_PORT');
    for (const [probe, path] of [
      ['startupProbe', '/actuator/health/liveness'],
      ['livenessProbe', '/actuator/health/liveness'],
      ['readinessProbe', '/actuator/health/readiness'],
    ]) {
      expect(container[probe]?.httpGet?.path, probe).toBe(path);
      expect(containerPortNamed(container[probe].httpGet.port), probe).toBe(orchestrator);
    }
  });

  it('runs as non-root with a read-only root filesystem, bounded resources and a writable /tmp', () => {
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests.cpu).toBeTruthy();
    expect(container.resources.requests.memory).toBeTruthy();
    expect(container.resources.limits.memory).toBeTruthy();
    const tmp = container.volumeMounts.find((m: any) => m.mountPath === '/tmp');
    expect(pod.spec.volumes.find((v: any) => v.name === tmp.name).emptyDir).toBeDefined();
  });

  it('gives SIGTERM longer than SHUTDOWN_GRACE_MS before Kubernetes kills the pod', () => {
    const shutdownGraceMs = portOf('SHUTDOWN_GRACE_MS');
    expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(shutdownGraceMs);
  });

  it('serves the component ports and the orchestrator port through Services that select the pods', () => {
    const labels = pod.metadata.labels;
    expect(matches(deployment.spec.selector.matchLabels, labels)).toBe(true);
    const services = objects.filter((o) => o.kind === 'Service');
    const served = new Map<number, number>();
    for (const service of services) {
      expect(matches(service.spec.selector, labels), service.metadata.name).toBe(true);
      for (const port of service.spec.ports) served.set(port.port, containerPortNamed(port.targetPort));
    }
    for (const name of ['OPTIMIZE_PORT', 'OPERATE_PORT', 'TASKLIST_PORT', 'ORCHESTRATOR_PORT']) {
      expect(served.get(portOf(name)), name).toBe(portOf(name));
    }
  });

  it('keeps a daemon running through voluntary disruptions', () => {
    const budget = only(objects, 'PodDisruptionBudget');
    expect(matches(budget.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(budget.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(budget.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('lets traffic in only on the management ports', () => {
    const policy = only(objects, 'NetworkPolicy');
    expect(matches(policy.spec.podSelector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(policy.spec.policyTypes).toContain('Ingress');
    const managementPorts = ['OPTIMIZE_PORT', 'OPERATE_PORT', 'TASKLIST_PORT', 'ORCHESTRATOR_PORT']
      .map(portOf)
      .sort();
    for (const rule of policy.spec.ingress) {
      expect(rule.ports.map((p: any) => p.port).sort()).toEqual(managementPorts);
    }
  });

  it('alerts with exactly the rules of deploy/prometheus/alerts.yml', () => {
    const rule = only(objects, 'PrometheusRule');
    const alerts = parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8'));
    expect(rule.spec.groups).toEqual(alerts.groups);
    expect(rule.spec.groups.flatMap((group: any) => group.rules.map((r: any) => r.alert))).toEqual([
      'CamundaBackupTooOld',
      'CamundaBackupFailing',
      'CamundaZeebeExportingPausedTooLong',
      'CamundaBackupMetricsMissing',
    ]);
  });

  it("scrapes /actuator/prometheus on the orchestrator Service's port", () => {
    const monitor = only(objects, 'ServiceMonitor');
    const services = objects.filter((o) => o.kind === 'Service');
    const selected = services.filter((s) => matches(monitor.spec.selector.matchLabels, s.metadata.labels));
    expect(selected).toHaveLength(1);
    const [endpoint] = monitor.spec.endpoints;
    expect(endpoint.path).toBe('/actuator/prometheus');
    const port = selected[0].spec.ports.find((p: any) => p.name === endpoint.port);
    expect(containerPortNamed(port.targetPort)).toBe(portOf('ORCHESTRATOR_PORT'));
    expect(endpoint.authorization.credentials).toMatchObject({
      name: SECRET_NAME,
      key: 'MANAGEMENT_AUTH_TOKEN',
    });
  });
});

describe('Kubernetes manifests: the example overlay', () => {
  const objects = render('deploy/kubernetes/overlays/example');

  it('puts everything in the Camunda release namespace, next to its Elasticsearch and Zeebe gateway', () => {
    for (const object of objects) expect(object.metadata.namespace, object.kind).toBe('camunda');
    const config = only(objects, 'ConfigMap').data;
    expect(config.DATASTORE_URL).toBe('http://camunda-elasticsearch:9200');
    expect(config.ZEEBE_MANAGEMENT_URL).toBe('http://camunda-zeebe-gateway:9600');
    expect(only(objects, 'Deployment').spec.template.spec.containers[0].image).toBe(
      'registry.example.com/camunda-backup-orchestrator:0.1.0',
    );
  });
});
