import { loadConfig } from '../../config.ts';
import { describeServiceContract } from '../../messaging/contract-surface.ts';

// What this working tree would deploy, schema ids unknown: `can-i-deploy --service user-service` reads it.
const manifest = describeServiceContract(
  loadConfig(process.env).serviceName,
  new URL('../../../package.json', import.meta.url),
);
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
