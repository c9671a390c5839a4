import type { Backoff } from '@events/service-platform/lifecycle';
import type { EachBatchPayload } from 'kafkajs';
import { type ChunkProcessorDeps, createChunkProcessor } from '../../domain/process-chunk.ts';

export interface BatchProcessorDeps extends ChunkProcessorDeps {
  backoff: Backoff;
  /** Messages stored per statement; a fetched batch is worked through in chunks of this size. */
  chunkSize: number;
}

export interface BatchProcessor {
  eachBatch(payload: EachBatchPayload): Promise<void>;
  /** Cancels pending resume timers (shutdown). */
  close(): void;
}

/**
 * kafkajs's side of consuming: works a fetched batch through in chunks (domain/process-chunk.ts settles
 * each), then resolves the chunk's offsets in order. A failure leaves the chunk unresolved and pauses the
 * partition; kafkajs fetches again from the last resolved offset once the backoff timer resumes it, while
 * heartbeats and other partitions carry on.
 */
export function createBatchProcessor(deps: BatchProcessorDeps): BatchProcessor {
  const { metrics, logger, backoff, chunkSize } = deps;
  const processChunk = createChunkProcessor(deps);
  const resumeTimers = new Set<NodeJS.Timeout>();

  function retryLater(payload: EachBatchPayload, firstOffset: string, error: unknown): void {
    const { topic, partition } = payload.batch;
    const delayMs = backoff.next(`${topic}:${partition}`);
    const code = (error as { code?: unknown }).code;
    const retriable = (error as { retriable?: unknown }).retriable === true;
    metrics.retried.inc({ code: typeof code === 'string' ? code : 'UNEXPECTED' });
    // Unexpected errors are retried too (nothing is skipped), but they need a human: log them as errors.
    logger[retriable ? 'warn' : 'error'](
      { err: error, topic, partition, offset: firstOffset, delayMs },
      'processing failed; partition paused, will retry from the first unprocessed offset',
    );
    const resume = payload.pause();
    const timer = setTimeout(() => {
      resumeTimers.delete(timer);
      resume();
    }, delayMs);
    resumeTimers.add(timer);
  }

  return {
    async eachBatch(payload) {
      const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
      const { topic, partition } = batch;
      for (let start = 0; start < batch.messages.length; start += chunkSize) {
        if (!isRunning() || isStale()) return;
        const chunk = batch.messages.slice(start, start + chunkSize);
        const endTimer = metrics.batchSeconds.startTimer();
        try {
          await processChunk(topic, partition, chunk);
        } catch (error) {
          retryLater(payload, chunk[0]?.offset ?? '?', error);
          return;
        }
        endTimer();
        for (const message of chunk) resolveOffset(message.offset);
        backoff.reset(`${topic}:${partition}`);
        const lastOffset = Number(chunk[chunk.length - 1]?.offset);
        metrics.consumerLag.set(
          { topic, partition },
          Math.max(0, Number(batch.highWatermark) - lastOffset - 1),
        );
        await heartbeat();
        await commitOffsetsIfNecessary();
      }
    },
    close() {
      for (const timer of resumeTimers) clearTimeout(timer);
      resumeTimers.clear();
    },
  };
}
