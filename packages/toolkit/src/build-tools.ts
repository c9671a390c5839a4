// `@events/toolkit/build`: what CI and the commands run on a catalog folder, never a service. The runtime a
// service loads is `@events/toolkit` (./index.ts).
export type {
  Catalog,
  SchemaVersion,
  SubjectEntry,
  SubjectNameStrategy,
  SubjectRole,
  TopicEntry,
  TopicKey,
} from './catalog/catalog.ts';
export { CatalogError, type CatalogErrorCode } from './catalog/catalog-error.ts';
export { loadCatalog } from './catalog/load-catalog.ts';
export type { CheckReport, SubjectCheck } from './check/check-report.ts';
export { runSchemasCheck } from './check/run-schemas-check.ts';
export {
  type CheckCompatibilityInput,
  type CompatibilityResult,
  checkCompatibility,
} from './compatibility/check-compatibility.ts';
export type {
  AvroIncompatibility,
  CompatibilityDetails,
  CompatibilityFinding,
  Direction,
  Finding,
  Location,
} from './findings/finding.ts';
export { type RuleCategory, type RuleId, rules, type Severity } from './findings/rules.ts';
export { type RegistrationRow, registerCatalog } from './registry/register-catalog.ts';
