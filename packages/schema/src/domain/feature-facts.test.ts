import { describe, expect, it } from 'vitest';
import { DomainValidationError, type ValidationProblem } from './errors.js';
import { FEATURE_FACT_FIELDS, FEATURE_FACT_LABELS } from './feature-fact-fields.js';
import {
  diffFeatureFacts,
  parseFeatureRevisionFile,
  sameFactValue,
  validateFeatureFacts,
  validateRevisionExplanations,
} from './feature-facts.js';
import type { FeatureFactsInput } from './types.js';

const summaryFacts: FeatureFactsInput = {
  whatItDoes: 'Summarises a meeting from its transcript.',
  availability: 'experimental',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: false,
  sharedWithVendor: true,
  vendorName: 'Example Models Inc.',
  trainsVendorModels: false,
  retention: 'Deleted 30 days after the meeting.',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: 'No person reads the summaries.',
  consentRequiredFrom: ['account_owner', 'end_user'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: 'A participant who does not agree can only leave the meeting.',
  defaultState: 'off',
  governingClauses: [{ document: 'terms-of-service', key: '10.4' }],
};

const notOffered: FeatureFactsInput = {
  ...summaryFacts,
  availability: 'not_offered',
  dataCategories: [],
  sharedWithVendor: false,
  vendorName: null,
  retentionDays: null,
  consentRequiredFrom: [],
  nonConsentOption: 'not_applicable',
  governingClauses: [],
};

const segments = ['consumer', 'education'];
const facts = { consumer: summaryFacts, education: notOffered };

function problemsOf(run: () => unknown): ValidationProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return [...(error as DomainValidationError).problems];
  }
  throw new Error('expected a DomainValidationError');
}

const fields = (problems: readonly ValidationProblem[]) => problems.map((p) => p.field);

describe('validateFeatureFacts', () => {
  it('returns valid facts in segment order, field order and trimmed', () => {
    const input = {
      education: notOffered,
      consumer: { ...summaryFacts, whatItDoes: '  Summarises.  ', vendorName: ' Example ' },
    };
    const result = validateFeatureFacts(input, segments);
    expect(Object.keys(result)).toEqual(segments);
    expect(Object.keys(result.consumer ?? {})).toEqual([...FEATURE_FACT_FIELDS]);
    expect(result.consumer?.whatItDoes).toBe('Summarises.');
    expect(result.consumer?.vendorName).toBe('Example');
    expect(result.education).toEqual(notOffered);
  });

  it('reads a blank vendor name as none when nothing is shared', () => {
    expect(
      validateFeatureFacts({ ...facts, education: { ...notOffered, vendorName: '  ' } }, segments).education
        ?.vendorName,
    ).toBeNull();
  });

  it('refuses input that is not an object', () => {
    for (const input of [null, [], 'facts', 3]) {
      expect(fields(problemsOf(() => validateFeatureFacts(input, segments)))).toEqual(['facts']);
    }
  });

  it('wants every segment and no other', () => {
    expect(
      fields(problemsOf(() => validateFeatureFacts({ consumer: summaryFacts, martians: notOffered }, segments))),
    ).toEqual(['facts.education', 'facts.martians']);
  });

  it('collects every problem of every segment', () => {
    const { humanReview: _omitted, ...withoutHumanReview } = summaryFacts;
    const problems = problemsOf(() =>
      validateFeatureFacts(
        {
          consumer: {
            ...withoutHumanReview,
            whatItDoes: '   ',
            availability: 'beta',
            dataCategories: ['audio', 'audio'],
            trainsFirstPartyModels: 'no',
            retentionDays: 1.5,
            consentRequiredFrom: ['account_owner', 'robot'],
            nonConsentOption: 'complain',
            defaultState: 'maybe',
            governingClauses: [
              { document: 'Terms', key: '10.4' },
              { document: 'terms-of-service', key: 'has space', note: 'x' },
              'terms-of-service#1',
            ],
            colour: 'blue',
          },
          education: {
            ...notOffered,
            sharedWithVendor: false,
            vendorName: 'Sneaky Vendor',
            trainsVendorModels: true,
            retentionDays: -1,
            retention: 'x'.repeat(1001),
            governingClauses: [
              { document: 'terms-of-service', key: '1' },
              { document: 'terms-of-service', key: '1' },
            ],
          },
        },
        segments,
      ),
    );
    expect(fields(problems)).toEqual([
      'facts.consumer.whatItDoes',
      'facts.consumer.availability',
      'facts.consumer.dataCategories',
      'facts.consumer.trainsFirstPartyModels',
      'facts.consumer.humanReview',
      'facts.consumer.consentRequiredFrom',
      'facts.consumer.nonConsentOption',
      'facts.consumer.defaultState',
      'facts.consumer.retentionDays',
      'facts.consumer.governingClauses[0].document',
      'facts.consumer.governingClauses[1].key',
      'facts.consumer.governingClauses[1].note',
      'facts.consumer.governingClauses[2]',
      'facts.consumer.colour',
      'facts.education.retention',
      'facts.education.vendorName',
      'facts.education.trainsVendorModels',
      'facts.education.retentionDays',
      'facts.education.governingClauses[1]',
    ]);
    expect(problems.find((p) => p.field === 'facts.consumer.consentRequiredFrom')?.message).toContain('"robot"');
  });

  it('wants a vendor name exactly when content is shared with a vendor', () => {
    const missingVendor = { ...facts, consumer: { ...summaryFacts, vendorName: null } };
    expect(fields(problemsOf(() => validateFeatureFacts(missingVendor, segments)))).toEqual([
      'facts.consumer.vendorName',
    ]);
    const numberVendor = { ...facts, consumer: { ...summaryFacts, vendorName: 7 } };
    expect(fields(problemsOf(() => validateFeatureFacts(numberVendor, segments)))).toEqual([
      'facts.consumer.vendorName',
    ]);
  });

  it('lists the problems in the message', () => {
    expect(() => validateFeatureFacts({ consumer: summaryFacts }, segments)).toThrow(
      'The facts has 1 problem: facts.education: The facts for segment "education" are missing.',
    );
  });
});

describe('diffFeatureFacts', () => {
  it('lists every field from null for a first revision', () => {
    const changes = diffFeatureFacts(null, facts);
    expect(changes).toHaveLength(2 * FEATURE_FACT_FIELDS.length);
    expect(changes[0]).toEqual({
      segment: 'consumer',
      field: 'whatItDoes',
      from: null,
      to: summaryFacts.whatItDoes,
      summary: 'what it does: none → "Summarises a meeting from its transcript." for consumer',
    });
    expect(changes.map((c) => c.segment).indexOf('education')).toBe(FEATURE_FACT_FIELDS.length);
  });

  it('describes changes in words, ordered by segment then field', () => {
    const next = {
      education: { ...notOffered, availability: 'generally_available' as const },
      consumer: {
        ...summaryFacts,
        trainsFirstPartyModels: true,
        dataCategories: ['audio' as const, 'video' as const, 'chat' as const],
        retentionDays: null,
        consentRequiredFrom: [],
        governingClauses: [
          { document: 'terms-of-service', key: '10.4' },
          { document: 'ai-terms', key: '2' },
        ],
      },
    };
    expect(diffFeatureFacts(facts, next).map((c) => c.summary)).toEqual([
      'availability: not offered → generally available for education',
      'data categories: audio, transcripts → audio, video, chat for consumer',
      'trains first-party models: no → yes for consumer',
      'retention in days: 30 → none for consumer',
      'consent required from: account owner, end user → none for consumer',
      'governing clauses: terms-of-service#10.4 → terms-of-service#10.4, ai-terms#2 for consumer',
    ]);
  });

  it('treats lists as sets and equal facts as unchanged', () => {
    const reordered = {
      ...facts,
      consumer: { ...summaryFacts, dataCategories: ['transcripts' as const, 'audio' as const] },
    };
    expect(diffFeatureFacts(facts, reordered)).toEqual([]);
  });

  it('shortens long text in the summary but keeps the values whole', () => {
    const long = 'A'.repeat(200);
    const [change] = diffFeatureFacts(facts, { ...facts, consumer: { ...summaryFacts, retention: long } });
    expect(change?.to).toBe(long);
    expect(change?.summary).toBe(`retention: "${summaryFacts.retention}" → "${'A'.repeat(79)}…" for consumer`);
  });

  it('reports a segment that gained or lost its facts field by field', () => {
    const changes = diffFeatureFacts({ consumer: summaryFacts, business: summaryFacts }, facts);
    expect(changes.filter((c) => c.segment === 'education')).toHaveLength(FEATURE_FACT_FIELDS.length);
    const lost = changes.filter((c) => c.segment === 'business');
    expect(lost).toHaveLength(FEATURE_FACT_FIELDS.length);
    expect(lost.every((c) => c.to === null)).toBe(true);
    expect(changes.at(-1)?.segment).toBe('business');
  });

  it('has a label for every field', () => {
    expect(Object.keys(FEATURE_FACT_LABELS).sort()).toEqual([...FEATURE_FACT_FIELDS].sort());
  });
});

describe('parseFeatureRevisionFile', () => {
  it('reads YAML', () => {
    const text = [
      'feature: meeting-summary',
      'changeNote: "  Now generally available.  "',
      'facts:',
      '  consumer:',
      '    whatItDoes: Summarises.',
      '',
    ].join('\n');
    expect(parseFeatureRevisionFile(text)).toEqual({
      feature: 'meeting-summary',
      changeNote: 'Now generally available.',
      facts: { consumer: { whatItDoes: 'Summarises.' } },
      explanations: {},
    });
  });

  it('reads JSON, tab-indented too, and the result validates', () => {
    const file = { feature: 'meeting-summary', changeNote: 'First.', facts };
    const parsed = parseFeatureRevisionFile(JSON.stringify(file, null, '\t'));
    expect(parsed).toEqual({ ...file, explanations: {} });
    expect(validateFeatureFacts(parsed.facts, segments)).toEqual(facts);
  });

  it('reports shape problems with lines', () => {
    const problems = problemsOf(() =>
      parseFeatureRevisionFile(['feature: Meeting Summary', 'changeNote: ""', 'facts: [1]', 'author: me'].join('\n')),
    );
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'author'],
      [1, 'feature'],
      [2, 'changeNote'],
      [3, 'facts'],
    ]);
    expect(fields(problemsOf(() => parseFeatureRevisionFile('feature: a\n')))).toEqual(['changeNote', 'facts']);
  });

  it('refuses syntax errors, non-objects and huge files', () => {
    expect(problemsOf(() => parseFeatureRevisionFile('{"feature": "a",')).map((p) => p.field)).toContain('text');
    expect(problemsOf(() => parseFeatureRevisionFile('feature: a\nfeature: b\n'))[0]?.line).toBe(2);
    expect(fields(problemsOf(() => parseFeatureRevisionFile('- a\n- b')))).toEqual(['text']);
    expect(fields(problemsOf(() => parseFeatureRevisionFile('')))).toEqual(['text']);
    expect(fields(problemsOf(() => parseFeatureRevisionFile('x'.repeat(1_000_001))))).toEqual(['text']);
  });
});

describe('a revision file as the API spells it, and its lines', () => {
  /** The facts of `facts` with enumerations in the API's casing, as `aiFeature { … }` answers. */
  const upper = (f: FeatureFactsInput) => ({
    ...f,
    availability: f.availability.toUpperCase(),
    dataCategories: f.dataCategories.map((c) => c.toUpperCase()),
    consentRequiredFrom: f.consentRequiredFrom.map((c) => c.toUpperCase()),
    nonConsentOption: f.nonConsentOption.toUpperCase(),
    defaultState: f.defaultState.toUpperCase(),
  });

  it('accepts enumeration values in either casing and returns them as the domain spells them', () => {
    const file = {
      feature: 'meeting-summary',
      changeNote: 'Copied from the API.',
      facts: { consumer: upper(summaryFacts), education: { ...notOffered, availability: 'Not_Offered' } },
    };
    const parsed = parseFeatureRevisionFile(JSON.stringify(file, null, 2));
    expect(validateFeatureFacts(parsed.facts, segments)).toEqual(facts);
  });

  it('still refuses values that are not in the enumeration, whatever their casing', () => {
    const problems = problemsOf(() =>
      validateFeatureFacts(
        { ...facts, consumer: { ...summaryFacts, availability: 'BETA', dataCategories: ['AUDIO', 'Audio', 'SMELL'] } },
        segments,
      ),
    );
    expect(problems.map((p) => p.field)).toEqual(['facts.consumer.availability', 'facts.consumer.dataCategories']);
    expect(problems[0]?.message).toContain('either casing');
    expect(problems[1]?.message).toContain('"SMELL"');
    expect(
      problemsOf(() =>
        validateFeatureFacts({ ...facts, consumer: { ...summaryFacts, dataCategories: ['AUDIO', 'audio'] } }, segments),
      )[0]?.message,
    ).toContain('must not repeat');
  });

  it('names the line of every problem the validators find later, a missing field at its parent', () => {
    const text = [
      'feature: meeting-summary', // 1
      'changeNote: Lines.',
      'facts:',
      '  consumer:',
      '    whatItDoes: Summarises.', // 5
      '    availability: sometimes',
      '    colour: blue',
      '    governingClauses:',
      '      - document: terms-of-service',
      '        key: "10.4"', // 10
      '      - document: Terms',
      '        key: "11"',
      '  hospital: {}',
      'explanations:',
      '  consumer:', // 15
      '    summary: Summaries.',
      '    whatChanges: ""',
      '    affected:',
      '',
    ].join('\n');
    const parsed = parseFeatureRevisionFile(text);
    const factProblems = problemsOf(() => validateFeatureFacts(parsed.facts, ['consumer']));
    const at = (field: string) => factProblems.find((p) => p.field === field)?.line;
    expect(at('facts.consumer.availability')).toBe(6);
    expect(at('facts.consumer.colour')).toBe(7);
    expect(at('facts.consumer.governingClauses[1].document')).toBe(11);
    expect(at('facts.consumer.retention')).toBe(4);
    expect(at('facts.hospital')).toBe(13);
    expect(factProblems.every((p) => p.line !== undefined)).toBe(true);
    const explanationProblems = problemsOf(() => validateRevisionExplanations(parsed.explanations, ['consumer']));
    expect(explanationProblems.map((p) => [p.line, p.field])).toEqual([[18, 'explanations.consumer.affected']]);
    // The lines travel hidden: the facts still read and compare as plain data.
    expect(Object.keys(parsed.facts as object)).toEqual(['consumer', 'hospital']);
    expect(JSON.stringify(parsed.explanations)).toBe(
      '{"consumer":{"summary":"Summaries.","whatChanges":"","affected":null}}',
    );
  });

  it('refuses effectiveAt and material with where they are decided, and any other unknown key', () => {
    const text = [
      'feature: meeting-summary',
      'changeNote: x',
      'effectiveAt: 2027-01-01',
      'material: true',
      'facts: {}',
    ].join('\n');
    const problems = problemsOf(() => parseFeatureRevisionFile(text));
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'effectiveAt'],
      [4, 'material'],
    ]);
    expect(problems[0]?.message).toContain('feature publish --id ID --effective-at');
    expect(problems[1]?.message).toContain('computed at publication');
  });
});

describe('revision explanations', () => {
  const explanation = {
    summary: 'Your summaries now train our models.',
    whatChanges: 'Training starts.',
    affected: true,
  };

  it('reads an explanations map beside the facts; an empty key means none', () => {
    const text = [
      'feature: meeting-summary',
      'changeNote: Training.',
      'facts: {}',
      'explanations:',
      '  consumer:',
      '    summary: Your summaries now train our models.',
      '    whatChanges: Training starts.',
      '    affected: true',
      '',
    ].join('\n');
    const parsed = parseFeatureRevisionFile(text);
    expect(parsed.explanations).toEqual({ consumer: explanation });
    expect(validateRevisionExplanations(parsed.explanations, segments)).toEqual({ consumer: explanation });
    expect(parseFeatureRevisionFile('feature: a\nchangeNote: b\nfacts: {}\nexplanations:\n').explanations).toEqual({});
  });

  it('refuses explanations that are not a map, with the line', () => {
    const problems = problemsOf(() =>
      parseFeatureRevisionFile('feature: a\nchangeNote: b\nfacts: {}\nexplanations: [1]\n'),
    );
    expect(problems.map((p) => [p.line, p.field])).toEqual([[4, 'explanations']]);
  });

  it('validates keys against the segments and every field of every entry', () => {
    const problems = problemsOf(() =>
      validateRevisionExplanations(
        {
          consumer: { summary: 3, affected: 'yes', tone: 'warm' },
          healthcare: explanation,
          education: 'none',
        },
        segments,
      ),
    );
    expect(fields(problems)).toEqual([
      'explanations.healthcare',
      'explanations.consumer.tone',
      'explanations.consumer.summary',
      'explanations.consumer.whatChanges',
      'explanations.consumer.affected',
      'explanations.education',
    ]);
    expect(problems[0]?.message).toContain('the segments are consumer, education');
    expect(
      fields(
        problemsOf(() =>
          validateRevisionExplanations({ consumer: { ...explanation, summary: 'x'.repeat(10_001) } }, segments),
        ),
      ),
    ).toEqual(['explanations.consumer.summary']);
  });

  it('keeps segment order, trims text and allows an empty "what changes"', () => {
    expect(
      Object.entries(
        validateRevisionExplanations(
          {
            education: { ...explanation, whatChanges: '', affected: false },
            consumer: { ...explanation, summary: ' S ' },
          },
          segments,
        ),
      ),
    ).toEqual([
      ['consumer', { ...explanation, summary: 'S' }],
      ['education', { ...explanation, whatChanges: '', affected: false }],
    ]);
  });
});

describe('sameFactValue', () => {
  it('compares lists as sets and everything else by value', () => {
    expect(sameFactValue('dataCategories', ['audio', 'chat'], ['chat', 'audio'])).toBe(true);
    expect(sameFactValue('dataCategories', ['audio'], ['audio', 'chat'])).toBe(false);
    expect(
      sameFactValue(
        'governingClauses',
        [{ document: 'terms-of-service', key: '1' }],
        [{ document: 'terms-of-service', key: '1' }],
      ),
    ).toBe(true);
    expect(sameFactValue('retentionDays', 30, 30)).toBe(true);
    expect(sameFactValue('trainsFirstPartyModels', false, true)).toBe(false);
  });
});
