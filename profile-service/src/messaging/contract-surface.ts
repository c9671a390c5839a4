import { type ContractManifest, describeContractSurface, serviceIdentityOf } from '@events/contracts';
import type { routeConsumedEvents } from './consumed-events.ts';

/** profile-service's contract manifest: it writes no contract topic (its DLQ holds raw copies) and reads one. */
export function describeServiceContract(
  name: string,
  packageJson: URL,
  router: ReturnType<typeof routeConsumedEvents>,
): ContractManifest {
  return describeContractSurface({
    service: serviceIdentityOf({ name, packageJson }),
    produces: [],
    consumes: [router],
  });
}
