import { register } from 'node:module';

export interface Tracing {
  readonly enabled: boolean;
  /** Flushes the spans still buffered; call it last on shutdown. */
  shutdown(): Promise<void>;
}

const off: Tracing = { enabled: false, shutdown: async () => {} };

/** Health probes and scrapes would bury the traces people look for. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts the OpenTelemetry SDK when `OTEL_TRACES_EXPORTER` names an exporter (`zipkin`, `otlp`, `console`);
 * the SDK reads its other standard variables itself (`OTEL_EXPORTER_ZIPKIN_ENDPOINT`, `OTEL_SERVICE_NAME`,
 * sampler, resource). Unset or `none`: the SDK is never loaded and every span is a no-op of the API.
 * Call it before the service imports Express or pg, so their instrumentations can hook the modules.
 */
export async function startTracing({ serviceName }: { serviceName: string }): Promise<Tracing> {
  const exporter = process.env.OTEL_TRACES_EXPORTER?.trim();
  if (!exporter || exporter === 'none') return off;
  // ESM imports of CommonJS packages (express, pg) are only seen through this loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [{ NodeSDK }, { HttpInstrumentation }, { ExpressInstrumentation }, { PgInstrumentation }] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-express'),
      import('@opentelemetry/instrumentation-pg'),
    ]);
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  const sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(request.url?.split('?')[0] ?? ''),
        // Outgoing HTTP is the registry client: traced only inside a traced operation.
        requireParentforOutgoingSpans: true,
      }),
      new ExpressInstrumentation(),
      // The relay polls and the readiness checks ping: only SQL inside a traced operation is worth a span.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return { enabled: true, shutdown: () => sdk.shutdown() };
}
