import { describe, expect, it } from 'vitest';
import { errorCodeLabel, methodLabel, routeLabel } from './record.js';

describe('routeLabel', () => {
  it.each([
    ['POST', '/graphql', true, '/graphql'],
    ['GET', '/graphql/persisted/abc', false, '/graphql'],
    ['GET', '/healthz', true, '/healthz'],
    ['GET', '/readyz', false, '/readyz'],
    ['GET', '/metrics', true, '/metrics'],
    ['GET', '/documents/terms-of-service/', true, 'site'],
    ['GET', '/documents/terms-of-service/', false, 'other'],
    ['POST', '/anything', true, 'other'],
    ['GET', '/graphqlx', true, 'site'],
  ] as const)('%s %s (site: %s) → %s', (method, path, servesSite, label) => {
    expect(routeLabel(method, path, servesSite)).toBe(label);
  });
});

describe('labels stay bounded', () => {
  it('maps unknown methods to OTHER', () => {
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('BREW')).toBe('OTHER');
  });

  it('keeps sane error codes and folds the rest into NONE', () => {
    expect(errorCodeLabel('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(errorCodeLabel(undefined)).toBe('NONE');
    expect(errorCodeLabel('x'.repeat(10))).toBe('NONE');
    expect(errorCodeLabel(42)).toBe('NONE');
  });
});
