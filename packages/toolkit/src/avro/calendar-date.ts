/**
 * Days since 1970-01-01 as ISO 8601 calendar dates (proleptic Gregorian) for every Avro int: about ±5.8 million
 * years, where JavaScript's Date stops at ±100,000,000 days. Integer arithmetic after Howard Hinnant's
 * `civil_from_days` / `days_from_civil`. Years 0000-9999 print with four digits, others as `Date#toISOString`
 * prints them: a sign and at least six digits (`+275760-09-13`, `-000001-12-31`).
 */

const DAYS_PER_ERA = 146_097; // 400 Gregorian years
const EPOCH_SHIFT = 719_468; // days from 0000-03-01 to 1970-01-01
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const ISO_DATE = /^(\d{4}|[+-]\d{6,7})-(\d{2})-(\d{2})$/;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return `${year}`.padStart(4, '0');
  return `${year < 0 ? '-' : '+'}${`${Math.abs(year)}`.padStart(6, '0')}`;
}

export function formatDays(days: number): string {
  const shifted = days + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}`;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

/** The day number of a date in exactly the form formatDays prints, within the int range; else undefined. */
export function parseDays(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const days = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  // Out-of-range months and days (2023-02-29) and non-canonical years (+002024) do not print back the same.
  if (days < INT_MIN || days > INT_MAX || formatDays(days) !== text) return undefined;
  return days;
}
