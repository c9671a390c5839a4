export { DEFAULT_BODY_LIMIT_BYTES, jsonBody } from './body/json-body.ts';
export { createServiceApp, type ServiceAppDeps } from './create-service-app.ts';
export type { ReadinessCheck } from './health-routes.ts';
export { type RunningHttpServer, startHttpServer } from './http-server.ts';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type ProblemCode,
  type ProblemDetails,
  problemType,
} from './problem-types.ts';
