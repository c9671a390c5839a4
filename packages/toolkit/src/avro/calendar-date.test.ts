import { describe, expect, it } from 'vitest';
import { formatDays, parseDays } from './calendar-date.ts';

const DAY_MS = 86_400_000;

describe('calendar dates', () => {
  it('agrees with Date#toISOString on every day Date holds, sampled across leap rules', () => {
    for (let days = -100_000_000; days <= 100_000_000; days += 9_973) {
      const iso = new Date(days * DAY_MS).toISOString();
      expect(formatDays(days), String(days)).toBe(iso.slice(0, iso.indexOf('T')));
    }
    for (let days = -800; days <= 800; days += 1) {
      expect(formatDays(days)).toBe(new Date(days * DAY_MS).toISOString().slice(0, 10));
    }
  });

  it('prints the days Java’s LocalDate.ofEpochDay gives beyond Date’s range', () => {
    expect(formatDays(2_000_000_000)).toBe('+5477784-01-06');
    expect(formatDays(2_147_483_647)).toBe('+5881580-07-11');
    expect(formatDays(-2_147_483_648)).toBe('-5877641-06-23');
    expect(formatDays(-719_529)).toBe('-000001-12-31');
    expect(formatDays(2_932_897)).toBe('+010000-01-01');
  });

  it('parses exactly what it prints, over the whole int range', () => {
    for (const days of [
      0, -1, 19_700, -719_528, -719_529, 2_932_896, 2_932_897, 2_147_483_647, -2_147_483_648,
    ])
      expect(parseDays(formatDays(days))).toBe(days);
  });

  it('rejects impossible days, other spellings and days beyond an int', () => {
    for (const text of [
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-2-1',
      '+002024-01-01',
      '-000000-01-01',
      '12024-01-01',
      '+5881580-07-12',
      '2024-01-01T00:00:00Z',
    ])
      expect(parseDays(text), text).toBeUndefined();
    expect(parseDays('2024-02-29')).toBe(19_782);
  });
});
