import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { isClauseKey } from './identifiers.js';
import { clausesFromPolicyMarkdown, sameClauses } from './policy-markdown.js';
import type { ClauseInput } from './types.js';
import { renderVersionMarkdown } from './version-markdown.js';

/** Shaped like github/site-policy's Terms of Service: front matter, no H1, lettered H2 sections. */
const siteTerms = `---
title: Example Terms of Service
redirect_from:
  - /tos
  - /terms
topics:
  - Policy
---

Thank you for using Example! We're happy you're here. Please read this Terms of Service agreement carefully.

## Summary

| Section | What can you find there? |
| --- | --- |
| [A. Definitions](#a-definitions) | Some basic terms, defined in a way that will help you understand this agreement. |
| [B. Account Terms](#b-account-terms) | These are the basic requirements of having an Account. |

## A. Definitions
**Short version:** *We use these basic terms throughout the agreement.*

1. An "Account" represents your legal relationship with Example.
   - A "User Account" is for one person.
   - An "Organization" is a shared workspace.
2. The "Service" refers to the applications and software provided by Example.

## B. Account Terms
**Short version:** *User Accounts and Organizations have different administrative controls.*

### 1. Account Controls
- **Users.** You retain ultimate administrative control over your Personal Account.

### 2. Required Information
You must provide a valid email address in order to complete the signup process.

<!-- Keep section C in sync with the privacy statement. -->
## C. Acceptable Use
Your use of the Website and Service must not violate any applicable laws. See [the policy](https://example.com/aup).
`;

/** A company policy with an H1 title and "1."-style numbers. */
const privacy = `# Privacy Policy

Last updated: 1 March 2024

## 1. Who we are
Example Ltd, 1 High Street, London.

## 2. What data we collect
### 2.1 Account data
Name and email address.

### 2.2 Usage data
\`\`\`text
# this is a comment inside a fence, not a heading
## nor is this
\`\`\`

## 3. Your rights
You may ask for a copy of your data.
`;

const clauseSummary = (clauses: ClauseInput[]) => clauses.map((c) => [c.key, c.number, c.heading]);

/** Version Markdown's own rules, which an import must meet for the version to be exportable. */
function expectExportable(clauses: ClauseInput[]): void {
  expect(() =>
    renderVersionMarkdown({
      document: 'terms',
      label: 'v1',
      material: false,
      changeNote: 'x',
      explanations: [],
      clauses,
    }),
  ).not.toThrow();
  for (const clause of clauses) expect(isClauseKey(clause.key)).toBe(true);
}

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('clausesFromPolicyMarkdown', () => {
  it('splits a site-policy file at its H2 headings, with the front matter title naming the preamble', () => {
    const clauses = clausesFromPolicyMarkdown(siteTerms);
    expect(clauseSummary(clauses)).toEqual([
      ['preamble', '0', 'Example Terms of Service'],
      ['summary', '1', 'Summary'],
      ['definitions', 'A', 'Definitions'],
      ['account-terms', 'B', 'Account Terms'],
      ['acceptable-use', 'C', 'Acceptable Use'],
    ]);
    expect(clauses[0]?.body).toBe(
      "Thank you for using Example! We're happy you're here. Please read this Terms of Service agreement carefully.",
    );
    // Subsections, lists, tables, links and comments stay in the body, verbatim.
    const account = clauses[3]?.body ?? '';
    expect(account).toContain('### 1. Account Controls\n- **Users.**');
    expect(account).toMatch(/signup process\.\n\n<!-- Keep section C in sync with the privacy statement\. -->$/);
    expect(clauses[1]?.body).toMatch(/^\| Section \| What can you find there\? \|\n\| --- \| --- \|/);
    expect(clauses[2]?.body).toContain(
      '1. An "Account" represents your legal relationship with Example.\n   - A "User',
    );
    expect(clauses[4]?.body).toContain('[the policy](https://example.com/aup)');
    expectExportable(clauses);
  });

  it('takes a lone leading H1 as the title and splits at the shallowest repeated level', () => {
    const clauses = clausesFromPolicyMarkdown(privacy);
    expect(clauseSummary(clauses)).toEqual([
      ['preamble', '0', 'Privacy Policy'],
      ['who-we-are', '1', 'Who we are'],
      ['what-data-we-collect', '2', 'What data we collect'],
      ['your-rights', '3', 'Your rights'],
    ]);
    expect(clauses[0]?.body).toBe('Last updated: 1 March 2024');
    expect(clauses[2]?.body).toBe(
      '### 2.1 Account data\nName and email address.\n\n### 2.2 Usage data\n```text\n# this is a comment inside a fence, not a heading\n ## nor is this\n```',
    );
    expectExportable(clauses);
  });

  it('keeps keys when sections are renumbered, so a clause is followed across versions', () => {
    const renumbered = privacy
      .replace('## 1. Who we are', '## 1. Introduction\nHello.\n\n## 2. Who we are')
      .replace('## 2. What', '## 3. What')
      .replace('## 3. Your', '## 4. Your');
    const before = clausesFromPolicyMarkdown(privacy);
    const after = clausesFromPolicyMarkdown(renumbered);
    const byKey = (clauses: ClauseInput[]) => Object.fromEntries(clauses.map((c) => [c.key, c.number]));
    expect(byKey(before)).toEqual({
      preamble: '0',
      'who-we-are': '1',
      'what-data-we-collect': '2',
      'your-rights': '3',
    });
    expect(byKey(after)).toEqual({
      preamble: '0',
      introduction: '1',
      'who-we-are': '2',
      'what-data-we-collect': '3',
      'your-rights': '4',
    });
    expect(after.find((c) => c.key === 'your-rights')?.body).toBe(before.find((c) => c.key === 'your-rights')?.body);
  });

  it.each([
    ['## 1. Definitions', '1', 'Definitions'],
    ['## 1 Definitions', '1', 'Definitions'],
    ['## 1) Definitions', '1', 'Definitions'],
    ['### 3.2 Use of data', '3.2', 'Use of data'],
    ['## 10.4.1. Customer Content', '10.4.1', 'Customer Content'],
    ['## 3A. Arbitration', '3A', 'Arbitration'],
    ['## A. Who we are', 'A', 'Who we are'],
    ['## b) Cookies', 'b', 'Cookies'],
    ['## IV. Liability', 'IV', 'Liability'],
    ['## (a) Scope', 'a', 'Scope'],
    ['## Section 4 – Payment', '4', 'Payment'],
    ['## SECTION 4: Payment', '4', 'Payment'],
    ['## Article 12. Liability', '12', 'Liability'],
    ['## Part II - Data', 'II', 'Data'],
    ['## § 7 Governing law', '7', 'Governing law'],
    ['## Appendix B', 'B', 'Appendix B'],
    ['## 1 - Introduction', '1', 'Introduction'],
    ['## 2023 changes', null, '2023 changes'],
    ['## 3D Secure payments', null, '3D Secure payments'],
    ['## Sections of this policy', null, 'Sections of this policy'],
    ['## Participation', null, 'Participation'],
    ['## U.S. residents', null, 'U.S. residents'],
    ['## **2. Fees**', '2', 'Fees'],
    ['## <a name="fees"></a>2. [Fees](#fees) &amp; `taxes` ##', '2', 'Fees & taxes'],
    ['## 11 Artificial intelligence {#ai}', '11', 'Artificial intelligence'],
  ])('reads %j as number %j, heading %j', (line, number, heading) => {
    const level = /^#+/.exec(line)?.[0];
    const clauses = clausesFromPolicyMarkdown(`${line}\nText.\n\n${level} Other\nMore.\n`);
    expect(clauses[0]?.heading).toBe(heading);
    expect(clauses[0]?.number).toBe(number ?? '1');
  });

  it('makes keys from the heading words: lowercase, accents folded, cut at a word boundary to 32', () => {
    const clauses = clausesFromPolicyMarkdown(
      [
        '## 1. Données & Sécurité',
        'a',
        '## 2. Limitation of Liability and Indemnification Obligations',
        'b',
        '## 3. Supercalifragilisticexpialidociousnessful',
        'c',
        '## 4. データの取り扱い',
        'd',
        '## 5 Customer Content {#10.4}',
        'e',
        "## 6. GitHub's notice to California residents",
        'f',
      ].join('\n'),
    );
    expect(clauses.map((c) => c.key)).toEqual([
      'donnees-securite',
      'limitation-of-liability-and',
      'supercalifragilisticexpialidocio',
      'clause-4',
      '10.4',
      'githubs-notice-to-california',
    ]);
    expectExportable(clauses);
  });

  it('gives back the clauses of a version written in Candor Version Markdown, keys and numbers included', () => {
    const clauses: ClauseInput[] = [
      {
        key: 'accounts',
        number: '1',
        heading: 'Accounts',
        body: 'Keep your password safe.\n\n### 1.1 Sharing\nDo not.',
      },
      {
        key: '10.4',
        number: '10.4',
        heading: 'Customer Content',
        body: '- a list\n  - nested\n\n| a | b |\n|---|---|',
      },
      { key: 'ai', number: '3A', heading: 'Artificial intelligence', body: 'Optional.' },
    ];
    const text = renderVersionMarkdown({
      document: 'terms',
      title: 'Terms',
      label: 'v1',
      material: false,
      changeNote: 'First.',
      explanations: [],
      clauses,
    });
    expect(clausesFromPolicyMarkdown(text)).toEqual(clauses);
  });

  it('makes repeated keys and numbers unique, in reading order', () => {
    const clauses = clausesFromPolicyMarkdown(
      [
        'Intro text.',
        '## Preamble',
        'p',
        '## 1. Changes',
        'a',
        '## 1. Changes',
        'b',
        '## Changes',
        'c',
        '## Introduction',
        'd',
      ].join('\n'),
    );
    expect(clauses.map((c) => [c.key, c.number])).toEqual([
      ['preamble', '0'],
      ['preamble-2', '1'],
      ['changes', '1-2'],
      ['changes-2', '1-3'],
      ['changes-3', '4'],
      ['introduction', '5'],
    ]);
    expectExportable(clauses);
  });

  it('cuts a long repeated key so the suffix still fits in 32 characters', () => {
    const heading = '## Limitation of liability and indemnification obligations';
    const clauses = clausesFromPolicyMarkdown(`${heading}\na\n${heading}\nb\n`);
    expect(clauses.map((c) => c.key)).toEqual(['limitation-of-liability-and', 'limitation-of-liability-and-2']);
    const long = `## ${'word '.repeat(20)}`;
    const cut = clausesFromPolicyMarkdown(`${long}\na\n${long}\nb\n`).map((c) => c.key);
    expect(cut).toEqual(['word-word-word-word-word-word', 'word-word-word-word-word-word-2']);
    expect(cut.every((k) => k.length <= 32)).toBe(true);
  });

  it('does not take bold lines, hashtags, indented code or fenced and commented lines for headings', () => {
    const clauses = clausesFromPolicyMarkdown(
      [
        '## Scope',
        '**1. Definitions**',
        '#hashtag is not a heading',
        '    ## indented code',
        '~~~',
        '## inside a tilde fence',
        '~~~',
        '<!--',
        '## inside a comment',
        '-->',
        '## Contact',
        'Write to us.',
      ].join('\n'),
    );
    expect(clauseSummary(clauses)).toEqual([
      ['scope', '1', 'Scope'],
      ['contact', '2', 'Contact'],
    ]);
    expect(clauses[0]?.body).toContain(' ## inside a comment');
    expectExportable(clauses);
  });

  it('reads setext headings, but not a thematic break or an underlined multi-line paragraph', () => {
    const clauses = clausesFromPolicyMarkdown(
      [
        'Acme Terms',
        '==========',
        '',
        'Welcome.',
        '',
        'Payment',
        '-------',
        'Pay on time.',
        '',
        '---',
        '',
        'Two lines of',
        'one paragraph',
        '---',
        '',
        'Termination',
        '-----------',
        'Either party may end this.',
      ].join('\n'),
    );
    expect(clauseSummary(clauses)).toEqual([
      ['preamble', '0', 'Acme Terms'],
      ['payment', '1', 'Payment'],
      ['termination', '2', 'Termination'],
    ]);
    expect(clauses[1]?.body).toBe('Pay on time.\n\n---\n\nTwo lines of\none paragraph\n---');
  });

  it('splits at H1 when H1 repeats, keeping H2 subsections in the body with a space before them', () => {
    const clauses = clausesFromPolicyMarkdown('# Terms\nIntro.\n## Detail\nSmall print.\n# Privacy\nData.\n');
    expect(clauseSummary(clauses)).toEqual([
      ['terms', '1', 'Terms'],
      ['privacy', '2', 'Privacy'],
    ]);
    expect(clauses[0]?.body).toBe('Intro.\n ## Detail\nSmall print.');
    expectExportable(clauses);
  });

  it('makes the only heading, even a lone H1, the one clause', () => {
    expect(clausesFromPolicyMarkdown('# Cookie Policy\n\nWe use cookies.\n')).toEqual([
      { key: 'cookie-policy', number: '1', heading: 'Cookie Policy', body: 'We use cookies.' },
    ]);
  });

  it('splits at the shallowest level present when none repeats, and at shallower headings too', () => {
    const clauses = clausesFromPolicyMarkdown(
      '# Policy\nIntro.\n## Part one\nOpening words.\n### 1. A\na\n### 2. B\nb\n#### deep\nd\n',
    );
    expect(clauseSummary(clauses)).toEqual([
      ['preamble', '0', 'Policy'],
      ['part-one', '1', 'Part one'],
      ['a', '1-2', 'A'],
      ['b', '2', 'B'],
    ]);
    expect(clauses[3]?.body).toBe('b\n#### deep\nd');
  });

  it('gives a section with no text of its own its subsections, and leaves out a heading with nothing under it', () => {
    const clauses = clausesFromPolicyMarkdown(
      '<!-- generated -->\n\n# Terms\n\n## Part 1\n\n### 1.1 Use\nUse it well.\n## 2. Scope\n## 3. Abuse\nDo not.\n## Part 4\n<!-- todo -->\n',
    );
    expect(clauseSummary(clauses)).toEqual([
      ['part-1', '1', 'Part 1'],
      ['abuse', '3', 'Abuse'],
    ]);
    expect(clauses[0]?.body).toBe('### 1.1 Use\nUse it well.');
  });

  it('normalises line endings and ignores a byte order mark', () => {
    const crlf = `\uFEFF${privacy.replace(/\n/g, '\r\n')}`;
    expect(clausesFromPolicyMarkdown(crlf)).toEqual(clausesFromPolicyMarkdown(privacy));
    expect(clausesFromPolicyMarkdown(privacy.replace(/\n/g, '\r'))).toEqual(clausesFromPolicyMarkdown(privacy));
  });

  it('shortens a heading longer than Version Markdown allows, at a word boundary', () => {
    const clauses = clausesFromPolicyMarkdown(`## ${'terms '.repeat(80)}\nBody.\n`);
    expect(clauses[0]?.heading.length).toBeLessThanOrEqual(300);
    expect(clauses[0]?.heading).toMatch(/terms…$/);
    expectExportable(clauses);
  });

  it('refuses Markdown without headings, naming the field', () => {
    const error = errorOf(() => clausesFromPolicyMarkdown('Just a paragraph.\n\n**Bold**\n', { field: 'file' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.field).toBe('file');
    expect(error.message).toBe('file: no Markdown headings found; Candor splits a policy into clauses at its headings');
    expect(errorOf(() => clausesFromPolicyMarkdown('```\n# code\n```\n')).field).toBe('markdown');
  });

  it('refuses Markdown whose headings have no text under them', () => {
    const error = errorOf(() => clausesFromPolicyMarkdown('# One\n\n# Two\n'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^markdown: every Markdown heading is empty/);
  });
});

describe('sameClauses', () => {
  const base = clausesFromPolicyMarkdown(privacy);

  it('treats whitespace-only edits as no change', () => {
    const rewrapped = clausesFromPolicyMarkdown(
      privacy
        .replace('Name and email address.', 'Name   and\nemail address.   ')
        .replace('## 3. Your rights', '##   3. Your   rights  ')
        .replace('Last updated', '\n\nLast updated'),
    );
    expect(sameClauses(base, rewrapped)).toBe(true);
    const composed = base.map((c) => ({ ...c, body: c.body.normalize('NFD') }));
    expect(sameClauses(base, composed)).toBe(true);
  });

  it('sees changed words, numbers, keys, headings and clause counts', () => {
    expect(sameClauses(base, clausesFromPolicyMarkdown(privacy.replace('a copy', 'the copy')))).toBe(false);
    expect(sameClauses(base, clausesFromPolicyMarkdown(privacy.replace('## 3.', '## 4.')))).toBe(false);
    expect(sameClauses(base, clausesFromPolicyMarkdown(privacy.replace('Your rights', 'Your Rights')))).toBe(false);
    expect(sameClauses(base, base.slice(1))).toBe(false);
    expect(
      sameClauses(
        base,
        base.map((c, i) => (i === 1 ? { ...c, key: 'x' } : c)),
      ),
    ).toBe(false);
  });
});
