import { describe, expect, it } from 'vitest';
import { scratchBrokerProperties } from './scratch-kafka-config.ts';

const stack = [
  'process.roles=broker,controller',
  'node.id=1',
  'controller.quorum.voters=1@127.0.0.1:9093',
  'listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
  'advertised.listeners=PLAINTEXT://127.0.0.1:9092',
  'log.dirs=/stack/kafka/data',
  'auto.create.topics.enable=false',
  '',
].join('\n');

describe('scratchBrokerProperties', () => {
  it('moves listeners, quorum and data to the scratch broker and keeps every other setting', () => {
    const text = scratchBrokerProperties(stack, { port: 29092, controllerPort: 29093, dataDir: '/tmp/k' });
    expect(text.split('\n')).toEqual([
      'process.roles=broker,controller',
      'node.id=1',
      'controller.quorum.voters=1@127.0.0.1:29093',
      'listeners=PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093',
      'advertised.listeners=PLAINTEXT://127.0.0.1:29092',
      'log.dirs=/tmp/k',
      'auto.create.topics.enable=false',
      '',
    ]);
  });

  it('refuses a file that does not name what it must move', () => {
    expect(() =>
      scratchBrokerProperties('node.id=1\nlog.dirs=/x\n', { port: 1, controllerPort: 2, dataDir: '/y' }),
    ).toThrow(/no listeners, advertised.listeners, controller.quorum.voters/);
  });
});
