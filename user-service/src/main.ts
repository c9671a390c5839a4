import { runService } from '@events/service-platform/lifecycle';
import { loadConfig } from './config.ts';
import { startService } from './start-service.ts';

await runService({ loadConfig, start: (config, logger) => startService(config, logger) });
