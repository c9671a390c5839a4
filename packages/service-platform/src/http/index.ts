export { jsonBody } from './body/json-body.ts';
export { createServiceApp } from './create-service-app.ts';
export type { ReadinessCheck } from './health-routes.ts';
export { startHttpServer } from './http-server.ts';
export type { ProblemDetails } from './problem-types.ts';
