import { join } from 'node:path';
import { bundleServiceVariant, type ServiceVariant } from './variant-bundle.ts';
import { buildVariantCatalog } from './variant-catalog.ts';

export interface Variants {
  userV2: ServiceVariant;
  userV3: ServiceVariant;
  profileV2: ServiceVariant;
  profileV3: ServiceVariant;
  /** A profile-service whose reader requires `referrer`, which no producer writes: never started. */
  profileRequiringReferrer: ServiceVariant;
}

const here = join(import.meta.dirname, 'variants');
const v3Schema = join(here, 'schemas/v3-email-domain.avsc');

/** Both services built against main's catalog (v2) and against v3, and the refused reader, all on `topic`. */
export async function buildVariants(dir: string, topic: string): Promise<Variants> {
  const [v2, v3, v4] = await Promise.all([
    buildVariantCatalog({ dir: join(dir, 'catalog-v2'), topic }),
    buildVariantCatalog({ dir: join(dir, 'catalog-v3'), topic, extraVersions: [v3Schema] }),
    buildVariantCatalog({
      dir: join(dir, 'catalog-v4'),
      topic,
      extraVersions: [v3Schema, join(here, 'schemas/v4-requires-referrer.avsc')],
    }),
  ]);
  const profileV3Code = {
    overrides: {
      'domain/create-profile.ts': join(here, 'profile-service/create-profile.ts'),
      'data-access/profile-repository.ts': join(here, 'profile-service/profile-repository.ts'),
    },
    extraMigrations: [join(here, 'profile-service/migrations/002_profiles-email-domain.sql')],
  };
  const [userV2, userV3, profileV2, profileV3, profileRequiringReferrer] = await Promise.all([
    bundleServiceVariant({
      service: 'user-service',
      dir: join(dir, 'user-v2'),
      catalog: v2,
      versionSuffix: 'user-register-v2',
    }),
    bundleServiceVariant({
      service: 'user-service',
      dir: join(dir, 'user-v3'),
      catalog: v3,
      versionSuffix: 'user-register-v3',
      overrides: { 'domain/user-registered.ts': join(here, 'user-service/user-registered.ts') },
    }),
    bundleServiceVariant({
      service: 'profile-service',
      dir: join(dir, 'profile-v2'),
      catalog: v2,
      versionSuffix: 'user-register-v2',
    }),
    bundleServiceVariant({
      service: 'profile-service',
      dir: join(dir, 'profile-v3'),
      catalog: v3,
      versionSuffix: 'user-register-v3',
      ...profileV3Code,
    }),
    bundleServiceVariant({
      service: 'profile-service',
      dir: join(dir, 'profile-v4'),
      catalog: v4,
      versionSuffix: 'user-register-v4-requires-referrer',
      ...profileV3Code,
    }),
  ]);
  return { userV2, userV3, profileV2, profileV3, profileRequiringReferrer };
}
