export { defineServiceConfig } from './define-service-config.ts';
export { flag, integer } from './env-fields.ts';
export { ConfigError } from './load-env.ts';
export { LOCAL_KAFKA_BROKERS, type RegistryConnection } from './platform-env.ts';
