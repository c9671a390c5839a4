import { startTracing } from '@events/service-platform/tracing';

// Tracing first: Express and pg must be imported after the SDK hooks them, hence the dynamic imports.
const tracing = await startTracing({ serviceName: 'profile-service' });
const [{ runService }, { loadConfig }, { startService }] = await Promise.all([
  import('@events/service-platform/lifecycle'),
  import('./config.ts'),
  import('./start-service.ts'),
]);

await runService({
  loadConfig,
  start: async (config, logger) => {
    const service = await startService(config, logger);
    return {
      async stop() {
        await service.stop();
        await tracing.shutdown();
      },
    };
  },
});
