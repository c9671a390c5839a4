import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../stack/paths.ts';

const composeFile = join(repoRoot, 'docker-compose.yml');

describe('docker-compose.yml', () => {
  it('passes dclint (Compose Specification schema and best-practice rules) without errors or warnings', async () => {
    const dclint = join(repoRoot, 'node_modules', '.bin', 'dclint');
    const result = await promisify(execFile)(dclint, [composeFile, '--max-warnings', '0']).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
  });

  it('starts the services only after the stack is healthy and the schemas are registered', () => {
    const { services } = parse(readFileSync(composeFile, 'utf8')) as {
      services: Record<string, { depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }>;
    };
    for (const name of ['user-service', 'profile-service']) {
      expect(services[name]?.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        'schemas-register': { condition: 'service_completed_successfully' },
        'kafka-topics': { condition: 'service_completed_successfully' },
      });
    }
    for (const name of ['kafka', 'schema-registry', 'postgres', 'user-service', 'profile-service']) {
      expect(services[name]?.healthcheck, `${name} has a health check`).toBeDefined();
    }
  });
});
