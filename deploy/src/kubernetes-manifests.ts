import { readdirSync } from 'node:fs';
import { parseYaml, parseYamlDocuments, readRepositoryFile, repositoryPath } from './repository-files';

/** A Kubernetes object as far as these tests look into it; the schemas check the rest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

export interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

export interface ServiceManifests {
  directory: string;
  kustomization: Kustomization;
  /** Every YAML file of the directory but kustomization.yaml, as paths from the repository root. */
  resourceFiles: string[];
  objects: KubernetesObject[];
}

export const kubernetesRoot = ['deploy', 'k8s'];

export function serviceDirectories(): string[] {
  return readdirSync(repositoryPath(...kubernetesRoot), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readServiceManifests(service: string): ServiceManifests {
  const directory = [...kubernetesRoot, service];
  const files = readdirSync(repositoryPath(...directory)).sort();
  const resourceFiles = files.filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml');
  return {
    directory: directory.join('/'),
    kustomization: parseYaml(readRepositoryFile(...directory, 'kustomization.yaml')) as Kustomization,
    resourceFiles: resourceFiles.map((file) => [...directory, file].join('/')),
    objects: resourceFiles.flatMap(
      (file) => parseYamlDocuments(readRepositoryFile(...directory, file)) as KubernetesObject[],
    ),
  };
}

export function objectsOfKind<T extends KubernetesObject>(manifests: ServiceManifests, kind: string): T[] {
  return manifests.objects.filter((object) => object.kind === kind) as T[];
}

/** The one object of a kind in a service's directory; anything else is a broken layout. */
export function onlyObjectOfKind<T extends KubernetesObject>(manifests: ServiceManifests, kind: string): T {
  const [object, ...others] = objectsOfKind<T>(manifests, kind);
  if (!object || others.length > 0) {
    throw new Error(
      `${manifests.directory} needs exactly one ${kind}, found ${others.length + (object ? 1 : 0)}`,
    );
  }
  return object;
}
