export { isServiceError, ServiceError, type ServiceErrorOptions } from './service-error.ts';
