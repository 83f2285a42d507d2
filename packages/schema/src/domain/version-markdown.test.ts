import { describe, expect, it } from 'vitest';
import { SAMPLE_SEGMENT_KEYS } from '../sample/segment-keys.js';
import { DomainError, DomainValidationError, type ValidationProblem } from './errors.js';
import { contentHash } from './hash.js';
import { seededRandom } from './testing/seeded-random.js';
import {
  EXPORT_ONLY_KEYS,
  parseVersionMarkdown,
  renderVersionClauses,
  renderVersionMarkdown,
  toCanonicalVersionInput,
  VERSION_MARKDOWN_LIMITS,
  type VersionMarkdown,
} from './version-markdown.js';

const draft: VersionMarkdown = {
  document: 'terms-of-service',
  label: '2023-08',
  material: true,
  changeNote: 'Says that audio, video and chat content does not train AI models without consent.',
  explanations: [
    {
      segment: 'consumer',
      summary: 'Your meetings are not used to train AI models unless you agree.',
      whatChanges: 'A new sentence in 10.4 requires consent first.',
      affected: true,
    },
    { segment: 'enterprise', summary: 'Your contract decides.', whatChanges: '', affected: false },
  ],
  clauses: [
    { key: '10.2', number: '10.2', heading: 'Licence', body: 'You grant us a licence to operate the service.' },
    {
      key: '10.4',
      number: '10.4',
      heading: 'Customer Content',
      body: 'We may use Service Generated Data.\n\nNotwithstanding the above, we will not use audio, video or chat content to train AI models without your consent.',
    },
    { key: 'ai', number: '11', heading: 'Artificial intelligence', body: 'Features are optional.' },
  ],
};

const exported: VersionMarkdown = {
  ...draft,
  title: 'Terms of Service',
  publishedAt: new Date('2023-08-07T00:00:00.000Z'),
  effectiveAt: new Date('2023-08-07T12:30:00.000Z'),
  previousHash: 'a'.repeat(64),
  contentHash: 'b'.repeat(64),
};

/** An exported version imported from a git history. */
const imported: VersionMarkdown = {
  ...exported,
  source: 'git:0123456789abcdef0123456789abcdef01234567:policies/Terms: "v2".md',
  importedAt: new Date('2026-12-01T10:00:00.000Z'),
};

/** The problems of the DomainValidationError that `run` throws. */
function problemsOf(run: () => unknown): ValidationProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return [...(error as DomainValidationError).problems];
  }
  throw new Error('expected a DomainValidationError');
}

const brief = (problems: readonly ValidationProblem[]) => problems.map((p) => [p.line, p.field]);

const FRONT = ['---', 'document: terms-of-service', 'label: "2024"', 'material: false', 'changeNote: Typo.', '---'];

describe('renderVersionMarkdown', () => {
  it('writes front matter, then one heading and body per clause', () => {
    expect(renderVersionMarkdown({ ...draft, explanations: [], clauses: draft.clauses.slice(0, 1) })).toBe(
      [
        '---',
        'document: terms-of-service',
        'label: 2023-08',
        'material: true',
        `changeNote: ${draft.changeNote}`,
        '---',
        '',
        '## 10.2 Licence {#10.2}',
        '',
        'You grant us a licence to operate the service.',
        '',
      ].join('\n'),
    );
  });

  it('writes the export keys in a fixed order', () => {
    const text = renderVersionMarkdown(exported);
    const keys = text
      .split('\n---\n')[0]
      ?.split('\n')
      .filter((l) => /^[a-zA-Z]+:/.test(l))
      .map((l) => l.split(':')[0]);
    expect(keys).toEqual([
      'document',
      'title',
      'label',
      'material',
      'changeNote',
      'publishedAt',
      'effectiveAt',
      'previousHash',
      'contentHash',
      'explanations',
    ]);
    expect(text).toContain('publishedAt: 2023-08-07T00:00:00.000Z\n');
  });

  it('writes where an imported version came from after its dates', () => {
    const text = renderVersionMarkdown(imported);
    const keys = text
      .split('\n---\n')[0]
      ?.split('\n')
      .filter((l) => /^[a-zA-Z]+:/.test(l))
      .map((l) => l.split(':')[0]);
    expect(keys?.slice(5, 9)).toEqual(['publishedAt', 'effectiveAt', 'source', 'importedAt']);
    expect(text).toContain('importedAt: 2026-12-01T10:00:00.000Z\n');
  });

  it('refuses a source without importedAt, and the reverse', () => {
    expect(problemsOf(() => renderVersionMarkdown({ ...imported, importedAt: undefined }))).toEqual([
      { field: 'importedAt', message: 'importedAt is required with source (an imported version states both).' },
    ]);
    expect(problemsOf(() => renderVersionMarkdown({ ...imported, source: undefined })).map((p) => p.field)).toEqual([
      'source',
    ]);
    expect(problemsOf(() => renderVersionMarkdown({ ...imported, source: ' ' })).map((p) => p.field)).toEqual([
      'source',
    ]);
  });

  it('refuses a label the site uses as a path beside the versions, saying why', () => {
    for (const label of ['compare', 'as-of', 'clauses']) {
      const problems = problemsOf(() => renderVersionMarkdown({ ...draft, label }, { segments: SAMPLE_SEGMENT_KEYS }));
      expect(problems.map((p) => p.field)).toEqual(['label']);
      expect(problems[0]?.message).toContain('reserved');
    }
  });

  it('refuses what the format cannot carry, listing every problem', () => {
    const problems = problemsOf(() =>
      renderVersionMarkdown(
        {
          ...draft,
          label: 'Not A Label',
          explanations: [{ segment: 'martians', summary: 's', whatChanges: '', affected: true }],
          clauses: [
            { key: 'a', number: '1', heading: 'One', body: 'Text\n## 2 Sneaky {#b}\nmore' },
            { key: 'b', number: '2', heading: 'Two\nlines', body: ' padded ' },
            { key: 'a', number: '2', heading: 'Three', body: 'x\r\ny' },
            { key: 'bad key', number: '4 4', heading: ' Four', body: '' },
          ],
        },
        { segments: SAMPLE_SEGMENT_KEYS },
      ),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'label',
      'explanations[0].segment',
      'clauses[0].body',
      'clauses[1].heading',
      'clauses[1].body',
      'clauses[2].key',
      'clauses[2].number',
      'clauses[2].body',
      'clauses[3].key',
      'clauses[3].number',
      'clauses[3].heading',
      'clauses[3].body',
    ]);
    expect(problems[2]?.message).toContain('"## "');
  });

  it('refuses a version without clauses and an invalid date', () => {
    const problems = problemsOf(() =>
      renderVersionMarkdown({ ...draft, clauses: [], effectiveAt: new Date('nonsense') }),
    );
    expect(problems.map((p) => p.field)).toEqual(['effectiveAt', 'clauses']);
  });
});

describe('parseVersionMarkdown ∘ renderVersionMarkdown', () => {
  it('round-trips an imported version exactly', () => {
    expect(parseVersionMarkdown(renderVersionMarkdown(imported))).toEqual(imported);
  });

  it('round-trips a draft and an export exactly', () => {
    expect(parseVersionMarkdown(renderVersionMarkdown(draft))).toStrictEqual(draft);
    expect(parseVersionMarkdown(renderVersionMarkdown(exported))).toStrictEqual(exported);
    const first = { ...exported, previousHash: null };
    expect(parseVersionMarkdown(renderVersionMarkdown(first))).toStrictEqual(first);
  });

  it('round-trips a body with paragraphs, unicode, # characters and heading look-alikes', () => {
    const body = [
      'Première partie — « données » 🎥 and 中文, with #hashtags and C# code.',
      '',
      '### A sub-heading is body text',
      '#### So is this',
      '##No space, so not a clause',
      '  ## Indented, so not a clause',
      '---',
      '',
      '',
      'After two blank lines: {#not-a-key} and a trailing space ',
      '\tTabbed line.',
      '- a list item',
      '> a quotation',
    ].join('\n');
    const version: VersionMarkdown = {
      ...draft,
      clauses: [
        { key: 'x.1', number: '§1', heading: 'Heading with {#braces} and # signs', body },
        { key: 'x_2', number: '2', heading: 'Ends with {#', body: 'Mid-line ## is fine, like here: ## two' },
      ],
    };
    const text = renderVersionMarkdown(version);
    expect(parseVersionMarkdown(text)).toStrictEqual(version);
  });

  it('round-trips front matter strings that YAML would otherwise misread', () => {
    const awkward = ['yes', 'null', '123', '  leading', 'trailing\n\n', '#x', 'a: b', '---', '...', 'x\ry', '"q"'];
    awkward.forEach((s, i) => {
      const version: VersionMarkdown = {
        ...exported,
        title: `Title ${s}`,
        changeNote: `Note ${s}`,
        explanations: [{ segment: 'education', summary: s, whatChanges: `\n${s}\n---\n`, affected: i % 2 === 0 }],
      };
      expect(parseVersionMarkdown(renderVersionMarkdown(version))).toStrictEqual(version);
    });
  });

  it('round-trips random valid bodies (seeded)', () => {
    const random = seededRandom(20230807);
    const alphabet = ['#', '#', ' ', '\n', '\n', '-', ':', '{', '}', 'a', 'é', '🎥', '\t', '|', '>', '*'];
    for (let run = 0; run < 200; run++) {
      const chars = Array.from({ length: random.int(1, 80) }, () => alphabet[random.int(0, alphabet.length - 1)]);
      let body = chars.join('').trim();
      body = body
        .split('\n')
        .map((l) => (l.startsWith('## ') ? `x${l}` : l))
        .join('\n');
      if (body === '') body = 'x';
      const version = { ...draft, clauses: [{ key: 'k', number: '1', heading: 'H', body }] };
      expect(parseVersionMarkdown(renderVersionMarkdown(version)).clauses[0]?.body).toBe(body);
    }
  });
});

describe('parseVersionMarkdown', () => {
  it('reads a hand-written draft with CRLF line endings and a byte order mark', () => {
    const text = `\uFEFF${[
      ...FRONT,
      '',
      '## 1 Scope {#scope}',
      'Line one.',
      '',
      '',
      'Line two.   ',
      '',
      '## 2   Spaced   heading   {#k-2}   ',
      '',
      'Body.',
    ].join('\r\n')}\r\n\r\n`;
    expect(parseVersionMarkdown(text)).toStrictEqual({
      document: 'terms-of-service',
      label: '2024',
      material: false,
      changeNote: 'Typo.',
      explanations: [],
      clauses: [
        { key: 'scope', number: '1', heading: 'Scope', body: 'Line one.\n\n\nLine two.' },
        { key: 'k-2', number: '2', heading: 'Spaced   heading', body: 'Body.' },
      ],
    });
  });

  it('accepts a bare date and an offset for the instants', () => {
    const text = [
      '---',
      'document: a',
      'label: v1',
      'material: true',
      'changeNote: x',
      'publishedAt: 2023-08-07',
      'effectiveAt: 2023-08-07T02:00+02:00',
      'previousHash: ~',
      '---',
      '## 1 A {#a}',
      'b',
    ].join('\n');
    const parsed = parseVersionMarkdown(text);
    expect(parsed.publishedAt?.toISOString()).toBe('2023-08-07T00:00:00.000Z');
    expect(parsed.effectiveAt?.toISOString()).toBe('2023-08-07T00:00:00.000Z');
    expect(parsed.previousHash).toBeNull();
  });

  it('reports every front matter problem with its line', () => {
    const text = [
      '---',
      'document: Terms Of Service',
      'label: 2024',
      'material: "yes"',
      'changeNote: "   "',
      'effectiveAt: 2023-02-30T00:00:00Z',
      'contentHash: ABC',
      'previousHash: 12',
      'author: someone',
      'explanations:',
      '  consumer:',
      '    summary: fine',
      '    affected: maybe',
      '    mood: happy',
      '  martians:',
      '    summary: no',
      '  business: just text',
      '---',
      '## 1 A {#a}',
      'b',
    ].join('\n');
    const problems = problemsOf(() => parseVersionMarkdown(text, { segments: SAMPLE_SEGMENT_KEYS }));
    expect(brief(problems)).toEqual([
      [2, 'document'],
      [3, 'label'],
      [4, 'material'],
      [5, 'changeNote'],
      [6, 'effectiveAt'],
      [7, 'contentHash'],
      [8, 'previousHash'],
      [9, 'frontMatter'],
      [11, 'explanations.consumer.whatChanges'],
      [13, 'explanations.consumer.affected'],
      [14, 'explanations.consumer'],
      [15, 'explanations'],
      [17, 'explanations.business'],
    ]);
    expect(problems.find((p) => p.field === 'explanations')?.message).toContain('"martians" is not a segment');
    expect(problems.find((p) => p.field === 'frontMatter')?.message).toContain('Unknown front matter key "author"');
  });

  it('reports missing required keys and an empty front matter', () => {
    expect(brief(problemsOf(() => parseVersionMarkdown('---\nlabel: v1\n---\n## 1 A {#a}\nb')))).toEqual([
      [1, 'document'],
      [1, 'material'],
      [1, 'changeNote'],
    ]);
    expect(problemsOf(() => parseVersionMarkdown('---\n---\n## 1 A {#a}\nb')).map((p) => p.field)).toEqual([
      'document',
      'label',
      'material',
      'changeNote',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with lines', () => {
    const problems = problemsOf(() =>
      parseVersionMarkdown(
        ['---', 'document: a', 'label: v1', 'label: v2', 'material: [', '---', '## 1 A {#a}', 'b'].join('\n'),
      ),
    );
    expect(problems.every((p) => p.field === 'frontMatter' && p.message.startsWith('YAML:'))).toBe(true);
    expect(problems.map((p) => p.line)).toContain(4);
  });

  it('refuses front matter that is not a map, missing, or not closed', () => {
    expect(brief(problemsOf(() => parseVersionMarkdown('---\n- a\n- b\n---\n## 1 A {#a}\nb')))).toEqual([
      [2, 'frontMatter'],
    ]);
    expect(brief(problemsOf(() => parseVersionMarkdown('## 1 A {#a}\nb')))).toEqual([[1, 'frontMatter']]);
    expect(brief(problemsOf(() => parseVersionMarkdown('---\ndocument: a\n## 1 A {#a}\nb')))).toEqual([
      [1, 'frontMatter'],
    ]);
  });

  it('reports every clause problem with its line', () => {
    const text = [
      ...FRONT, // lines 1–6
      '',
      'Stray preamble.', // 8
      'More preamble.',
      '## 1 First {#a}', // 10
      'Body.',
      '## 2 No key', // 12
      'Body.',
      '## 3 Bad key {#has space}', // 14
      'Body.',
      '## 1 Same number {#b}', // 16
      'Body.',
      '## 4 Same key {#a}', // 18
      'Body.',
      '## 5 Empty {#c}', // 20
      '   ',
      '## 6 {#d}', // 22
      'Body.',
      '## {#e}', // 24
      'Body.',
    ].join('\n');
    const problems = problemsOf(() => parseVersionMarkdown(text));
    expect(brief(problems)).toEqual([
      [8, 'clauses'],
      [12, 'clauses[1].key'],
      [14, 'clauses[1].key'],
      [16, 'clauses[2].number'],
      [18, 'clauses[3].key'],
      [20, 'clauses[4].body'],
      [22, 'clauses[5].heading'],
      [24, 'clauses[6].number'],
      [24, 'clauses[6].heading'],
    ]);
    expect(problems[3]?.message).toContain('line 10');
    expect(problems[4]?.message).toContain('line 10');
  });

  it('lists the problems in the error message, the first field in `field`', () => {
    try {
      parseVersionMarkdown('---\nlabel: v1\n---\n## 1 A {#a}\nb');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('document');
      expect((error as Error).message).toMatch(
        /^The version file has 3 problems: line 1, document: document is required\.; line 1, material: .*changeNote/,
      );
    }
  });

  it('refuses a file without clauses', () => {
    expect(brief(problemsOf(() => parseVersionMarkdown(`${FRONT.join('\n')}\n\n`)))).toEqual([[8, 'clauses']]);
  });

  it('enforces the size limits', () => {
    const limits = VERSION_MARKDOWN_LIMITS;
    expect(problemsOf(() => parseVersionMarkdown('x'.repeat(limits.textChars + 1))).map((p) => p.field)).toEqual([
      'text',
    ]);

    const many = Array.from({ length: limits.clauses + 1 }, (_, i) => `## ${i} C {#k${i}}\nb`);
    const tooMany = problemsOf(() => parseVersionMarkdown([...FRONT, ...many].join('\n')));
    expect(brief(tooMany)).toEqual([[7 + 2 * limits.clauses, 'clauses']]);

    const long = [...FRONT, `## 1 ${'h'.repeat(limits.headingChars + 1)} {#a}`, 'x'.repeat(limits.bodyChars + 1)];
    expect(brief(problemsOf(() => parseVersionMarkdown(long.join('\n'))))).toEqual([
      [7, 'clauses[0].heading'],
      [7, 'clauses[0].body'],
    ]);
    const atLimit = [...FRONT, `## 1 ${'h'.repeat(limits.headingChars)} {#a}`, 'x'.repeat(limits.bodyChars)];
    expect(parseVersionMarkdown(atLimit.join('\n')).clauses).toHaveLength(1);
  });

  it('reads source and importedAt, both or neither, naming the one missing', () => {
    const front = FRONT.slice(0, -1);
    const both = [...front, 'source: "ota:Terms/2020-01-01.md"', 'importedAt: 2026-12-01T10:00:00Z', '---'];
    const clause = ['## 1 Scope {#1}', 'Text.'];
    expect(parseVersionMarkdown([...both, ...clause].join('\n'))).toMatchObject({
      source: 'ota:Terms/2020-01-01.md',
      importedAt: new Date('2026-12-01T10:00:00.000Z'),
    });
    const alone = [...front, 'source: "ota:x"', '---', ...clause].join('\n');
    expect(brief(problemsOf(() => parseVersionMarkdown(alone)))).toEqual([[1, 'importedAt']]);
    const badDate = [...front, 'source: "ota:x"', 'importedAt: yesterday', '---', ...clause].join('\n');
    expect(brief(problemsOf(() => parseVersionMarkdown(badDate)))).toEqual([[7, 'importedAt']]);
  });

  it('accepts any well-spelled segment key by default or when told to, and only the given ones when given', () => {
    const custom: VersionMarkdown = {
      ...draft,
      explanations: [{ segment: '18-plus-clinics', summary: 'S.', whatChanges: '', affected: true }],
    };
    const text = renderVersionMarkdown(custom, { segments: 'any' });
    expect(parseVersionMarkdown(text, { segments: 'any' })).toEqual(custom);
    expect(problemsOf(() => parseVersionMarkdown(text, { segments: SAMPLE_SEGMENT_KEYS })).map((p) => p.field)).toEqual(
      ['explanations'],
    );
    const badKey = { ...custom, explanations: [{ ...custom.explanations[0], segment: 'Clinics' }] } as VersionMarkdown;
    expect(problemsOf(() => renderVersionMarkdown(badKey, { segments: 'any' }))[0]?.message).toContain(
      '"Clinics" is not a segment key',
    );
  });

  it('only accepts explanations for the segments it is given', () => {
    const text = renderVersionMarkdown(draft);
    expect(() => parseVersionMarkdown(text, { segments: ['consumer', 'enterprise'] })).not.toThrow();
    expect(problemsOf(() => parseVersionMarkdown(text, { segments: ['consumer'] })).map((p) => p.field)).toEqual([
      'explanations',
    ]);
  });
});

describe('parseVersionMarkdown as a draft', () => {
  it('reads a draft as without the option', () => {
    const text = renderVersionMarkdown(draft);
    expect(parseVersionMarkdown(text, { draft: true })).toStrictEqual(parseVersionMarkdown(text));
  });

  it('refuses every key only exports write, naming it and its line', () => {
    const text = renderVersionMarkdown(imported);
    const problems = problemsOf(() => parseVersionMarkdown(text, { draft: true }));
    expect(problems.map((p) => p.field).sort()).toEqual([...EXPORT_ONLY_KEYS].sort());
    for (const problem of problems) {
      expect(text.split('\n')[(problem.line as number) - 1]).toMatch(new RegExp(`^${problem.field}:`));
    }
    // Exports and imports still read them.
    expect(parseVersionMarkdown(text)).toEqual(imported);
  });

  it('says that the effective date is given at publication', () => {
    const text = [...FRONT.slice(0, -1), 'effectiveAt: 2027-01-01T00:00:00Z', '---', '## 1 A {#a}', 'b'].join('\n');
    const [problem, ...rest] = problemsOf(() => parseVersionMarkdown(text, { draft: true }));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'effectiveAt', line: 6 });
    expect(problem?.message).toContain('pnpm candor publish --id ID --effective-at ISO');
  });
});

describe('renderVersionClauses', () => {
  it('writes what renderVersionMarkdown writes after the front matter', () => {
    const whole = renderVersionMarkdown(draft);
    expect(whole.endsWith(`---\n${renderVersionClauses(draft.clauses)}`)).toBe(true);
  });

  it('refuses clauses the format cannot carry, and none at all', () => {
    expect(problemsOf(() => renderVersionClauses([])).map((p) => p.field)).toEqual(['clauses']);
    const bad = [{ key: 'a', number: '1', heading: 'A', body: 'x\n## y' }];
    expect(problemsOf(() => renderVersionClauses(bad)).map((p) => p.field)).toEqual(['clauses[0].body']);
  });
});

describe('toCanonicalVersionInput', () => {
  it('gives the hash inputs of an exported file', () => {
    const version = { ...exported, contentHash: undefined };
    const input = toCanonicalVersionInput(parseVersionMarkdown(renderVersionMarkdown(exported)));
    expect(contentHash(input)).toBe(
      contentHash({
        ...version,
        publishedAt: exported.publishedAt as Date,
        effectiveAt: exported.effectiveAt as Date,
        previousHash: exported.previousHash as string,
        source: null,
      }),
    );
  });

  it('gives an imported version its source, which its hash commits to', () => {
    const input = toCanonicalVersionInput(parseVersionMarkdown(renderVersionMarkdown(imported)));
    expect(input.source).toEqual({ reference: imported.source, importedAt: imported.importedAt });
    const plain = contentHash({ ...input, source: null });
    expect(contentHash(input)).not.toBe(plain);
    expect(
      contentHash({
        ...input,
        source: { ...(input.source as NonNullable<typeof input.source>), reference: 'git:other' },
      }),
    ).not.toBe(contentHash(input));
    expect(toCanonicalVersionInput(exported).source).toBeNull();
  });

  it('refuses a draft, which lacks the export keys', () => {
    expect(problemsOf(() => toCanonicalVersionInput(draft)).map((p) => p.field)).toEqual([
      'publishedAt',
      'effectiveAt',
      'previousHash',
    ]);
  });
});
