import { parseYaml, readRepositoryFile } from './repository-files';

/** The parts of a Compose file these tests read; the JSON Schema checks the rest. */
export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readComposeFile(): { text: string; document: ComposeFile } {
  const text = readRepositoryFile('docker-compose.yml');
  return { text, document: parseYaml(text) as ComposeFile };
}

/** Services others wait on to finish (`service_completed_successfully`): one-shot jobs. */
export function oneShotServices(compose: ComposeFile): Set<string> {
  const jobs = new Set<string>();
  for (const service of Object.values(compose.services)) {
    for (const [name, dependency] of Object.entries(service.depends_on ?? {})) {
      if (dependency.condition === 'service_completed_successfully') jobs.add(name);
    }
  }
  return jobs;
}

export function findServiceByImage(compose: ComposeFile, imagePrefix: string): [string, ComposeService] {
  const found = Object.entries(compose.services).filter(
    ([, service]) => service.image?.startsWith(imagePrefix) && service.restart !== 'no',
  );
  if (found.length !== 1)
    throw new Error(`expected one long-running ${imagePrefix} service, found ${found.length}`);
  return found[0]!;
}
