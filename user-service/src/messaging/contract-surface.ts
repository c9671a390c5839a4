import { type ContractManifest, describeContractSurface, serviceIdentityOf } from '@events/contracts';
import { producedTopics } from '../domain/produced-topics.ts';

/** user-service's contract manifest: the topics it declares it writes, and none it reads. */
export function describeServiceContract(name: string, packageJson: URL): ContractManifest {
  return describeContractSurface({
    service: serviceIdentityOf({ name, packageJson }),
    produces: producedTopics,
    consumes: [],
  });
}
