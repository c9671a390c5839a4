import { loadConfig } from '../../config.ts';
import { routeConsumedEvents } from '../../messaging/consumed-events.ts';
import { describeServiceContract } from '../../messaging/contract-surface.ts';

// What this working tree would deploy, schema ids unknown: `can-i-deploy --service profile-service` reads it.
// The router's handler map is what the manifest reads; no event is routed here, so no handler body is needed.
const manifest = describeServiceContract(
  loadConfig(process.env).serviceName,
  new URL('../../../package.json', import.meta.url),
  routeConsumedEvents(async () => {}),
);
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
