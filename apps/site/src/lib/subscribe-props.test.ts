import { describe, expect, it } from 'vitest';
import { documentOption } from './subscribe-props';

const segments = [
  { key: 'consumer', name: 'Consumer (free and individual plans)' },
  { key: 'healthcare', name: 'Healthcare (protected health information)' },
];

describe('documentOption', () => {
  it('is the title alone for a document that applies to every segment in use', () => {
    expect(
      documentOption({ slug: 'terms', title: 'Terms of Service', segments: ['consumer', 'healthcare'] }, segments),
    ).toEqual({ value: 'document:terms', label: 'Terms of Service' });
  });

  it('names the segments it applies to otherwise, by their short names', () => {
    expect(
      documentOption(
        { slug: 'baa', title: 'Business Associate Addendum', segments: ['healthcare', 'retired'] },
        segments,
      ),
    ).toEqual({ value: 'document:baa', label: 'Business Associate Addendum (Healthcare only)' });
  });
});
