import { describe, expect, it } from 'vitest';
import { offsetsPartitionOf } from './group-coordinator.ts';

describe('offsetsPartitionOf', () => {
  // Partitions the local cluster's Kafka 4.4 coordinators logged ("Loaded classic group ...") for these groups.
  it('picks the partition of __consumer_offsets Kafka picks', () => {
    expect(offsetsPartitionOf('coord-repro-mx77xqyj', 50)).toBe(0);
    expect(offsetsPartitionOf('coord-repro-mx7852j4', 50)).toBe(38);
  });

  it('hashes like Java, overflow and sign included', () => {
    // "hello".hashCode() == 99162322; "polygenelubricants".hashCode() == Integer.MIN_VALUE
    expect(offsetsPartitionOf('hello', 1 << 30)).toBe(99162322);
    expect(offsetsPartitionOf('polygenelubricants', 7)).toBe(0);
  });
});
