import { runService } from '@events/service-platform/lifecycle';
import { loadConfig } from './config.ts';
import { startProfileService } from './start-service.ts';

await runService({ loadConfig, start: (config, logger) => startProfileService({ config, logger }) });
