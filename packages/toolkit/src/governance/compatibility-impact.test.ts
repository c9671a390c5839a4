import { describe, expect, it } from 'vitest';
import { describeImpact } from './compatibility-impact.ts';

const services = { producers: ['user-service'], consumers: ['profile-service'] };

describe('describeImpact', () => {
  it('names the consumers still on the old version for a FORWARD problem', () => {
    expect(
      describeImpact(
        { direction: 'FORWARD', version: 2 },
        { candidate: 3, topic: 'user_register', services },
      ),
    ).toBe('profile-service reads user_register with v2 and cannot read what v3 writes');
  });

  it('names the upgraded consumers and the producers not yet upgraded for a BACKWARD problem', () => {
    const impact = describeImpact(
      { direction: 'BACKWARD', version: 1 },
      {
        candidate: 3,
        topic: 'user_register',
        services: { producers: ['user-service', 'importer'], consumers: ['a', 'b'] },
      },
    );
    expect(impact).toBe(
      'a and b, once on v3, cannot read the v1 events already in user_register, nor what user-service and importer write until moving to v3',
    );
  });

  it('says nothing when the catalog declares no consumers', () => {
    expect(
      describeImpact(
        { direction: 'FORWARD', version: 1 },
        { candidate: 2, topic: 't', services: { producers: [], consumers: [] } },
      ),
    ).toBeUndefined();
  });
});
