import { createKafka } from '@events/service-platform/kafka';
import { createLogger } from '@events/service-platform/observability';
import { startTracing } from '@events/service-platform/tracing';
import { loadConfig } from '../../config.ts';
import { DLQ_HEADERS } from '../../messaging/dead-letter-headers.ts';
import { replayDeadLetters } from '../../messaging/replay-dead-letters.ts';
import { parseReplayArgs, REPLAY_USAGE, ReplayUsageError } from './replay-arguments.ts';

async function main(): Promise<number> {
  const selection = parseReplayArgs(process.argv.slice(2));
  if (selection === undefined) {
    console.log(REPLAY_USAGE);
    return 0;
  }
  const config = loadConfig();
  // A CLI prints its own progress: the service's info lines would only drown it.
  const logger = createLogger({
    name: 'dlq-replay',
    level: process.env.LOG_LEVEL ? config.logLevel : 'warn',
  });
  const dlqTopic = selection.topic ?? config.consumer.dlqTopic;
  const verb = selection.dryRun ? 'would replay' : 'replayed';
  console.log(`${selection.dryRun ? 'Dry run: reading' : 'Replaying from'} ${dlqTopic}...`);
  const summary = await replayDeadLetters({
    kafka: createKafka({ ...config.kafka, clientId: `${config.kafka.clientId}-dlq-replay` }, logger),
    dlqTopic,
    groupId: `${config.consumer.groupId}.dlq-replay`,
    selection,
    onProgress: ({ partition, offset, target, errorCode }) => {
      const where = `${dlqTopic}[${partition}]@${offset}`;
      console.log(
        target === undefined
          ? `skipped ${where}: no ${DLQ_HEADERS.originalTopic} header`
          : `${verb} ${where} -> ${target} (was ${errorCode ?? 'unknown error'})`,
      );
    },
  });
  console.log(`Done: ${summary.replayed} ${verb}, ${summary.skipped} skipped.`);
  if (summary.incomplete.length > 0) {
    console.error(`Gave up waiting on partitions ${summary.incomplete.join(', ')}: rerun to finish them.`);
    return 1;
  }
  return 0;
}

const tracing = await startTracing({ serviceName: 'profile-service-dlq-replay' });
try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof ReplayUsageError) {
    console.error(`${error.message}\n\n${REPLAY_USAGE}`);
    process.exitCode = 2;
  } else {
    console.error('dlq:replay failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
} finally {
  await tracing.shutdown();
}
