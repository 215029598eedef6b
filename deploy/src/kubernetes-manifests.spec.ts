import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type KubernetesObject,
  onlyObjectOfKind,
  readServiceManifests,
  serviceDirectories,
} from './kubernetes-manifests';
import { kubernetesValidate } from './kubernetes-validate';
import { repositoryPath } from './repository-files';
import { rekeyServices } from './rekey-services';

/** The oldest and the newest Kubernetes minor versions the manifests are meant for. */
const kubernetesVersions = ['1.31', '1.37'] as const;

const allManifests = rekeyServices.map((service) => readServiceManifests(service.name));

describe('deploy/k8s', () => {
  it('has one directory per service', () => {
    expect(serviceDirectories()).toEqual(rekeyServices.map((service) => service.name).sort());
  });

  it.each(kubernetesVersions)(
    'validates offline and strictly against the Kubernetes %s schemas',
    (version) => {
      const files = allManifests.flatMap((manifests) =>
        manifests.resourceFiles.map((file) => repositoryPath(file)),
      );
      const objectCount = allManifests.reduce((count, manifests) => count + manifests.objects.length, 0);

      const result = kubernetesValidate(files, version);

      expect(result.output).not.toMatch(/^(ERROR|WARN)/m);
      expect(result.exitCode).toBe(0);
      // Every object checked against a schema: an unknown kind only warns and would slip through.
      expect(result.passed).toHaveLength(objectCount);
    },
  );

  it('is checked by a validator that rejects a field Kubernetes does not know', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'rekey-k8s-'));
    try {
      const deployment = readFileSync(repositoryPath('deploy/k8s/audit/deployment.yaml'), 'utf8');
      const broken = path.join(directory, 'deployment.yaml');
      writeFileSync(broken, deployment.replace('  replicas: 2', '  replicas: 2\n  replica: 2'));

      const result = kubernetesValidate([broken], kubernetesVersions[0]);

      expect(result.exitCode).not.toBe(0);
      expect(result.output).toMatch(/'replica' was unexpected/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

interface Probe {
  httpGet?: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}

interface Deployment extends KubernetesObject {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers: Container[] };
    };
  };
}

interface PodDisruptionBudget extends KubernetesObject {
  spec: { minAvailable?: number; selector: { matchLabels?: Record<string, string> } };
}

interface ServiceObject extends KubernetesObject {
  spec: { selector: Record<string, string>; ports: { port: number; targetPort: string | number }[] };
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

describe.each(rekeyServices)('deploy/k8s/$name', (service) => {
  const manifests = readServiceManifests(service.name);
  const deployment = onlyObjectOfKind<Deployment>(manifests, 'Deployment');
  const budget = onlyObjectOfKind<PodDisruptionBudget>(manifests, 'PodDisruptionBudget');
  const configMap = onlyObjectOfKind(manifests, 'ConfigMap');
  const serviceObject = onlyObjectOfKind<ServiceObject>(manifests, 'Service');
  const [container] = deployment.spec.template.spec.containers;
  const podLabels = deployment.spec.template.metadata.labels;

  it('lists every one of its files in its kustomization, and nothing else', () => {
    const listed = (manifests.kustomization.resources ?? []).map((file) => `${manifests.directory}/${file}`);

    expect(listed.sort()).toEqual(manifests.resourceFiles);
  });

  it('pins its image release in the kustomization', () => {
    expect(manifests.kustomization.images).toEqual([
      expect.objectContaining({ name: container?.image.split(':')[0], newTag: expect.stringMatching(/^\d/) }),
    ]);
  });

  it('uses only stable API versions', () => {
    const allowed = ['apps/v1', 'policy/v1', 'v1', 'autoscaling/v2'];

    expect(manifests.objects.filter((object) => !allowed.includes(object.apiVersion))).toEqual([]);
  });

  it('runs two replicas of one container, matched by the Deployment selector', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers).toHaveLength(1);
    expect(selects(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
  });

  it('probes liveness, readiness and start-up on the health routes of its port', () => {
    const port = container?.ports?.find((candidate) => candidate.name === 'http');

    expect(port?.containerPort).toBe(service.port);
    expect(container?.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container?.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(container?.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
  });

  it('requests and limits CPU and memory', () => {
    expect(Object.keys(container?.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(container?.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
  });

  it('runs as non-root on a read-only root filesystem without capabilities', () => {
    expect(deployment.spec.template.spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
    });
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('takes its settings from its ConfigMap and DATABASE_URL from a Secret', () => {
    const databaseUrl = container?.env?.find((variable) => variable.name === 'DATABASE_URL');

    expect(container?.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    expect(configMap.data).toMatchObject({
      PORT: String(service.port),
      OTEL_SERVICE_NAME: service.name,
      OTEL_TRACES_EXPORTER: 'otlp',
    });
    expect(Object.keys(configMap.data ?? {})).toEqual(
      expect.arrayContaining([
        'KAFKA_BROKERS',
        'LOG_LEVEL',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'OPERATOR_JWKS_URL',
        'OPERATOR_JWT_ISSUER',
        'OPERATOR_JWT_AUDIENCE',
      ]),
    );
    expect(databaseUrl?.valueFrom?.secretKeyRef).toEqual({
      name: `${service.name}-database`,
      key: 'DATABASE_URL',
    });
  });

  it('keeps at least one pod through voluntary disruptions', () => {
    expect(budget.spec.minAvailable).toBe(1);
    expect(selects(budget.spec.selector.matchLabels, podLabels)).toBe(true);
  });

  it('routes its Service to the pods on the named port', () => {
    expect(selects(serviceObject.spec.selector, podLabels)).toBe(true);
    expect(serviceObject.spec.ports.map((port) => port.targetPort)).toEqual(['http']);
  });

  it('selects no other service’s pods', () => {
    const otherPods = allManifests
      .filter((other) => other.directory !== manifests.directory)
      .map((other) => onlyObjectOfKind<Deployment>(other, 'Deployment').spec.template.metadata.labels);

    for (const labels of otherPods) {
      expect(selects(deployment.spec.selector.matchLabels, labels)).toBe(false);
      expect(selects(budget.spec.selector.matchLabels, labels)).toBe(false);
      expect(selects(serviceObject.spec.selector, labels)).toBe(false);
    }
  });
});
