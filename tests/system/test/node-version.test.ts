import { describe, expect, it } from 'vitest';

describe('the runtime', () => {
  it('is the Node 24 the project installs, not the machine default', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(24);
  });
});
