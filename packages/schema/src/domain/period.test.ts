import { describe, expect, it } from 'vitest';
import { versionInForce } from './as-of.js';
import { DomainError } from './errors.js';
import {
  compareMonths,
  endOfDayUtc,
  formatMonth,
  MAX_MONTH_RANGE,
  monthRange,
  parseDateOnly,
  parseMonth,
} from './period.js';

const badInput = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', field });

describe('parseMonth', () => {
  it('parses YYYY-MM', () => {
    expect(parseMonth('2023-08')).toEqual({ year: 2023, month: 8 });
    expect(parseMonth('2023-12')).toEqual({ year: 2023, month: 12 });
  });

  it('rejects anything else, naming the field', () => {
    for (const s of ['2023-13', '2023-00', '2023-8', '23-08', '2023-08-01', ' 2023-08', '2023/08', '', '２０２３-08']) {
      expect(() => parseMonth(s, 'period')).toThrow(badInput('period'));
    }
    expect(() => parseMonth('nope')).toThrow(badInput('month'));
  });
});

describe('formatMonth / compareMonths', () => {
  it('round-trips and orders months', () => {
    expect(formatMonth({ year: 987, month: 3 })).toBe('0987-03');
    expect(formatMonth(parseMonth('2023-01'))).toBe('2023-01');
    expect(compareMonths('2023-01', '2023-02')).toBe(-1);
    expect(compareMonths('2024-01', '2023-12')).toBe(1);
    expect(compareMonths('2023-05', '2023-05')).toBe(0);
    expect(() => compareMonths('2023-5', '2023-05')).toThrow(DomainError);
  });
});

describe('monthRange', () => {
  it('lists months inclusively across a year boundary', () => {
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthRange('2023-08', '2023-08')).toEqual(['2023-08']);
  });

  it('rejects a reversed range, malformed months and ranges over the cap', () => {
    expect(() => monthRange('2024-01', '2023-12')).toThrow(badInput('from'));
    expect(() => monthRange('2024-1', '2024-02')).toThrow(badInput('from'));
    expect(() => monthRange('2024-01', '2024-13')).toThrow(badInput('to'));
    expect(monthRange('1924-01', '2023-12')).toHaveLength(MAX_MONTH_RANGE);
    expect(() => monthRange('1923-12', '2023-12')).toThrow(badInput('to'));
  });
});

describe('parseDateOnly / endOfDayUtc', () => {
  it('returns the start of the day in UTC', () => {
    expect(parseDateOnly('2023-08-07', 'date').toISOString()).toBe('2023-08-07T00:00:00.000Z');
    expect(parseDateOnly('2024-02-29', 'date').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDateOnly('0050-01-01', 'date').getUTCFullYear()).toBe(50);
  });

  it('rejects impossible and malformed dates', () => {
    for (const s of [
      '2023-02-30',
      '2023-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-8-7',
      '2023-08-07T00:00:00Z',
      '',
    ]) {
      expect(() => parseDateOnly(s, 'at')).toThrow(badInput('at'));
    }
  });

  it('gives the last millisecond of the UTC day', () => {
    expect(endOfDayUtc(new Date('2023-08-07T13:45:00.000Z')).toISOString()).toBe('2023-08-07T23:59:59.999Z');
    expect(endOfDayUtc(parseDateOnly('2023-12-31', 'date')).toISOString()).toBe('2023-12-31T23:59:59.999Z');
  });

  it('lets "the terms on date D" include a version effective later that day', () => {
    const versions = [
      {
        id: 'old',
        effectiveAt: new Date('2023-01-01T00:00:00.000Z'),
        publishedAt: new Date('2022-12-01T00:00:00.000Z'),
      },
      {
        id: 'noon',
        effectiveAt: new Date('2023-08-11T12:00:00.000Z'),
        publishedAt: new Date('2023-08-07T00:00:00.000Z'),
      },
    ];
    const day = parseDateOnly('2023-08-11', 'date');
    expect(versionInForce(versions, endOfDayUtc(day))?.id).toBe('noon');
    expect(versionInForce(versions, day)?.id).toBe('old');
  });
});
