export { defineServiceConfig, type ServiceConfigDefinition } from './define-service-config.ts';
export { commaList, flag, integer } from './env-fields.ts';
export { ConfigError, loadEnv } from './load-env.ts';
export type {
  HttpServerConfig,
  KafkaConnection,
  PlatformConfig,
  PlatformDefaults,
  PlatformEnv,
  RegistryConnection,
} from './platform-env.ts';
