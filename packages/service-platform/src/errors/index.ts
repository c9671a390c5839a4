export { type FieldError, isServiceError, ServiceError, type ServiceErrorOptions } from './service-error.ts';
