import { describe, expect, it } from 'vitest';
import { prismaPage } from './catalogue-page.js';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const ids = (page: { id: string }[]) => page.map((row) => row.id).join('');

describe('prismaPage (Prisma cursor pagination over rows in memory)', () => {
  it('takes forward from the start, or after a cursor when skipping it', () => {
    expect(ids(prismaPage(rows, { take: 3, skip: 0 }))).toBe('abc');
    expect(ids(prismaPage(rows, { cursor: { id: 'b' }, take: 3, skip: 1 }))).toBe('cde');
    expect(ids(prismaPage(rows, { cursor: { id: 'b' }, take: 2, skip: 0 }))).toBe('bc');
    expect(ids(prismaPage(rows, { cursor: { id: 'e' }, take: 3, skip: 1 }))).toBe('');
  });

  it('takes backward from the end, or up to a cursor', () => {
    expect(ids(prismaPage(rows, { take: -2, skip: 0 }))).toBe('de');
    expect(ids(prismaPage(rows, { cursor: { id: 'd' }, take: -2, skip: 1 }))).toBe('bc');
    expect(ids(prismaPage(rows, { cursor: { id: 'b' }, take: -3, skip: 1 }))).toBe('a');
    expect(ids(prismaPage(rows, { cursor: { id: 'a' }, take: -3, skip: 1 }))).toBe('');
  });

  it('returns nothing for a cursor that names no row', () => {
    expect(prismaPage(rows, { cursor: { id: 'z' }, take: 2, skip: 1 })).toEqual([]);
  });

  it('takes everything without a take', () => {
    expect(ids(prismaPage(rows, {}))).toBe('abcde');
  });
});
