import { topics } from '@events/contracts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { producedTopics } from './produced-topics.ts';

describe('producedTopics', () => {
  it('are exactly the topics the catalog declares this service the producer of', () => {
    const service = loadConfig({}).serviceName;
    const declared = Object.values(topics)
      .filter((topic) => topic.producers.includes(service))
      .map((topic) => topic.topic);
    expect([...producedTopics].sort()).toEqual(declared.sort());
  });
});
