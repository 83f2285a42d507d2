import { DomainValidationError, parseVersionMarkdown, type ValidationProblem } from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import { type DraftTemplateInput, EXAMPLE_CLAUSE, renderDraftTemplate } from './draft-template.js';

const clauses = [
  { key: '1', number: '1', heading: 'Scope: "all" services', body: 'These terms apply.\n\n### Who\n\nEveryone.' },
  { key: '10.4', number: '10.4', heading: 'Customer Content', body: 'First.\n---\n  Indented # not a heading' },
  { key: 'ai', number: '11', heading: 'AI #1', body: 'Features are optional.' },
];

const input: DraftTemplateInput = {
  document: { slug: 'terms-of-service', title: 'Terms of Service: "the" terms' },
  label: '2024',
  segments: [
    { key: 'consumer', name: 'Consumers' },
    { key: '18-plus', name: 'Adults # only' },
  ],
  basis: { label: '2023-08', effectiveAt: '2023-08-07T00:00:00.000Z', inForce: true, clauses },
  upcoming: [],
};

/** What an author does with the template: every placeholder filled in. */
const fill = (text: string): string =>
  text
    .replace(/^material:.*$/m, 'material: true')
    .replace('changeNote: ""', 'changeNote: Says more.')
    .replace(/^(\s+)summary: ""$/gm, '$1summary: It changes.')
    .replace(/^(\s+)affected:.*$/gm, '$1affected: true');

function problemsOf(run: () => unknown): ValidationProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return [...(error as DomainValidationError).problems];
  }
  throw new Error('expected a DomainValidationError');
}

const read = (text: string) => parseVersionMarkdown(text, { segments: input.segments.map((s) => s.key), draft: true });

describe('renderDraftTemplate', () => {
  it('is refused untouched, naming each placeholder on its own line', () => {
    const text = renderDraftTemplate(input);
    const lines = text.split('\n');
    const problems = problemsOf(() => read(text));
    expect(problems.map((p) => p.field)).toEqual([
      'material',
      'changeNote',
      'explanations.consumer.affected',
      'explanations.18-plus.affected',
    ]);
    for (const problem of problems) {
      expect(lines[(problem.line as number) - 1]?.trim()).toMatch(new RegExp(`^${problem.field.split('.').at(-1)}:`));
    }
  });

  it('once filled in, reads back as the basis’s clauses under the suggested label', () => {
    const parsed = read(fill(renderDraftTemplate(input)));
    expect(parsed).toEqual({
      document: 'terms-of-service',
      label: '2024',
      material: true,
      changeNote: 'Says more.',
      explanations: input.segments.map((s) => ({
        segment: s.key,
        summary: 'It changes.',
        whatChanges: '',
        affected: true,
      })),
      clauses,
    });
  });

  it('says where its text comes from, what is scheduled, and that the effective date is given at publish', () => {
    const text = renderDraftTemplate({
      ...input,
      basis: { ...(input.basis as NonNullable<DraftTemplateInput['basis']>), inForce: false },
      upcoming: [
        { label: '2023-08', effectiveAt: '2023-08-07T00:00:00.000Z' },
        { label: '2027-01', effectiveAt: '2027-01-01T00:00:00.000Z' },
      ],
    });
    const front = text.split('\n---\n')[0] as string;
    expect(front).toContain('version 2023-08, published to take effect on 2023-08-07T00:00:00.000Z');
    expect(front).toContain('Version 2027-01 takes effect on 2027-01-01T00:00:00.000Z');
    expect(front).not.toContain('Version 2023-08 takes effect');
    expect(front).toContain('pnpm candor publish --id ID --effective-at ISO');
    expect(front.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect(front).not.toMatch(/effectiveAt:/);
  });

  it('starts a document with no version from one example clause, and one with no segment without explanations', () => {
    const text = renderDraftTemplate({ ...input, basis: null, segments: [] });
    expect(text).toContain('no published version yet');
    expect(text).not.toContain('explanations');
    expect(read(fill(text)).clauses).toEqual([EXAMPLE_CLAUSE]);
  });
});
