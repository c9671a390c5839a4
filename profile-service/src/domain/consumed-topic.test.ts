import { topics } from '@events/contracts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { consumedTopic } from './consumed-topic.ts';

describe('consumedTopic', () => {
  it('is exactly the topic the catalog declares this service a consumer of, and the one it subscribes to', () => {
    const config = loadConfig({});
    const declared = Object.values(topics)
      .filter((topic) => topic.consumers.includes(config.serviceName))
      .map((topic) => topic.topic);
    expect(declared).toEqual([consumedTopic]);
    expect(config.consumer.sourceTopic).toBe(consumedTopic);
  });
});
