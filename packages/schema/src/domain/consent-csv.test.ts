import { describe, expect, it } from 'vitest';
import { CONSENT_CSV_COLUMNS, CONSENT_CSV_MAX_ROWS, parseConsentCsv } from './consent-csv.js';
import { DomainValidationError, type ValidationProblem } from './errors.js';

const known = {
  segments: ['consumer', 'education'],
  features: ['meeting-summary', 'team-chat-compose'],
  currentMonth: '2026-12',
};
const HEADER = CONSENT_CSV_COLUMNS.join(',');
const csv = (...lines: string[]) => lines.join('\n');

function problemsOf(run: () => unknown): ValidationProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return [...(error as DomainValidationError).problems];
  }
  throw new Error('expected a DomainValidationError');
}

const brief = (problems: readonly ValidationProblem[]) => problems.map((p) => [p.line, p.field]);

describe('parseConsentCsv', () => {
  it('reads rows, with unknown participant outcomes as null', () => {
    const rows = parseConsentCsv(
      csv(
        HEADER,
        'meeting-summary,consumer,2024-05,1200,300,500,400,9100,310',
        'team-chat-compose,education,2024-05,40,0,12,28,,',
        '',
      ),
      known,
    );
    expect(rows).toEqual([
      {
        feature: 'meeting-summary',
        segment: 'consumer',
        period: '2024-05',
        accountsEligible: 1200,
        ownersEnabled: 300,
        ownersDisabled: 500,
        ownersUndecided: 400,
        participantsJoined: 9100,
        participantsLeft: 310,
        line: 2,
      },
      {
        feature: 'team-chat-compose',
        segment: 'education',
        period: '2024-05',
        accountsEligible: 40,
        ownersEnabled: 0,
        ownersDisabled: 12,
        ownersUndecided: 28,
        participantsJoined: null,
        participantsLeft: null,
        line: 3,
      },
    ]);
  });

  it('takes the columns in any order, CRLF, a byte order mark, quotes and trailing blank lines', () => {
    const text = `\uFEFF${[
      'period,"segment",feature,ownersUndecided,ownersDisabled,ownersEnabled,accountsEligible,participantsLeft,participantsJoined',
      '2024-06,consumer,"meeting-summary","1","2","3",6,,',
      '',
      '',
    ].join('\r\n')}`;
    expect(parseConsentCsv(text, known)).toEqual([
      {
        feature: 'meeting-summary',
        segment: 'consumer',
        period: '2024-06',
        accountsEligible: 6,
        ownersEnabled: 3,
        ownersDisabled: 2,
        ownersUndecided: 1,
        participantsJoined: null,
        participantsLeft: null,
        line: 2,
      },
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks, counting lines from where a row starts', () => {
    const text = csv(
      HEADER,
      '"meeting,summary",consumer,2024-05,1,1,0,0,,',
      '"team ""chat""\ncompose",consumer,2024-05,1,1,0,0,,',
      'meeting-summary,nobody,2024-05,1,1,0,0,,',
    );
    const problems = problemsOf(() => parseConsentCsv(text, known));
    expect(brief(problems)).toEqual([
      [2, 'feature'],
      [3, 'feature'],
      [5, 'segment'],
    ]);
    expect(problems[0]?.message).toBe('Unknown feature "meeting,summary".');
    expect(problems[1]?.message).toBe('Unknown feature "team "chat"\ncompose".');
  });

  it('reports every problem of every row at once', () => {
    const text = csv(
      HEADER,
      'meeting-summary,consumer,2024-13,10,5,5,0,,', // 2: bad month
      'unknown,martians,2024-05,-1,1.5,x,,,', // 3
      'meeting-summary,consumer,2024-04,10,5,5,1,3,', // 4: does not add up
      'meeting-summary,consumer,2024-05,10,5,5,0,,', // 5: fine
      'meeting-summary,consumer,2024-05,10,5,5,0,,', // 6: duplicate of 5
      'meeting-summary,consumer,2024-05', // 7: too few fields
      '', // 8: blank line in the middle
      'meeting-summary,consumer,2024-07, 10,5,5,0,,', // 9: spaces are not trimmed
    );
    const problems = problemsOf(() => parseConsentCsv(text, known));
    expect(brief(problems)).toEqual([
      [2, 'period'],
      [3, 'feature'],
      [3, 'segment'],
      [3, 'accountsEligible'],
      [3, 'ownersEnabled'],
      [3, 'ownersDisabled'],
      [3, 'ownersUndecided'],
      [4, 'accountsEligible'],
      [4, 'participantsLeft'],
      [6, 'period'],
      [7, 'row'],
      [8, 'row'],
      [9, 'accountsEligible'],
    ]);
    expect(problems.find((p) => p.line === 6)?.message).toContain('already on line 5');
    expect(problems.find((p) => p.line === 4)?.message).toContain('must equal accountsEligible (10)');
  });

  it('names the lines in the message and the first field in `field`', () => {
    try {
      parseConsentCsv(csv(HEADER, 'meeting-summary,consumer,2024-05,1,1,0,0,,', 'x,consumer,2024-05,1,1,0,0,,'), known);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainValidationError).field).toBe('feature');
      expect((error as Error).message).toBe(
        'The CSV file has 1 problem: line 3, column 1 (feature): Unknown feature "x".',
      );
    }
  });

  it('reports malformed quoting and keeps checking the other rows', () => {
    const text = csv(
      HEADER,
      'meeting-summary,con"sumer,2024-05,1,1,0,0,,',
      '"meeting-summary"x,consumer,2024-05,1,1,0,0,,',
      'meeting-summary,nobody,2024-05,1,1,0,0,,',
      '"meeting-summary,consumer,2024-05,1,1,0,0,,',
    );
    expect(brief(problemsOf(() => parseConsentCsv(text, known)))).toEqual([
      [2, 'row'],
      [3, 'row'],
      [4, 'segment'],
      [5, 'row'],
    ]);
  });

  it('refuses a wrong header, naming each missing, unknown or repeated column', () => {
    const header =
      'Feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,period';
    const problems = problemsOf(() => parseConsentCsv(csv(header, 'a,b,c'), known));
    expect(brief(problems)).toEqual([
      [1, 'header'],
      [1, 'period'],
      [1, 'feature'],
      [1, 'participantsLeft'],
      [1, 'header'],
    ]);
  });

  it('refuses an empty file, a header alone and a broken header', () => {
    expect(brief(problemsOf(() => parseConsentCsv('', known)))).toEqual([[1, 'header']]);
    expect(brief(problemsOf(() => parseConsentCsv('\n\n', known)))).toEqual([[1, 'header']]);
    expect(brief(problemsOf(() => parseConsentCsv(`${HEADER}\r\n`, known)))).toEqual([[2, 'row']]);
    expect(brief(problemsOf(() => parseConsentCsv(`"feature${HEADER}\n`, known)))).toEqual([[1, 'row']]);
  });

  it('accepts the maximum number of rows and refuses one more', () => {
    const months = Array.from(
      { length: 1000 },
      (_, i) => `${String(2000 + Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const features = Array.from({ length: 100 }, (_, i) => `f${i}`);
    // A far-off current month, so that a thousand months from 2000 are all in the past.
    const many = { segments: ['consumer'], features, currentMonth: '2099-12' };
    const rows: string[] = [];
    for (const feature of features) for (const month of months) rows.push(`${feature},consumer,${month},3,1,1,1,,`);
    expect(rows).toHaveLength(CONSENT_CSV_MAX_ROWS);
    expect(parseConsentCsv(csv(HEADER, ...rows, ''), many)).toHaveLength(CONSENT_CSV_MAX_ROWS);
    const tooMany = problemsOf(() => parseConsentCsv(csv(HEADER, ...rows, 'f0,consumer,1999-01,3,1,1,1,,'), many));
    expect(tooMany).toHaveLength(1);
    expect(tooMany[0]?.message).toContain(`more than ${CONSENT_CSV_MAX_ROWS} rows`);
  });

  it('applies the plausibility rules, naming line and column of each problem', () => {
    const text = csv(
      HEADER,
      'meeting-summary,consumer,2027-01,10,5,5,0,100,10', // 2: after the current month
      'meeting-summary,consumer,1000-01,10,5,5,0,100,10', // 3: before 2000
      'meeting-summary,consumer,2024-01,10,5,5,0,10,11', // 4: more left than joined
      'meeting-summary,consumer,2024-02,10,5,5,0,10,', // 5: left unknown, joined known
      'meeting-summary,consumer,2024-03,2000000000,1000000000,1000000000,0,,', // 6: counts too large
      'meeting-summary,consumer,2026-12,10,5,5,0,11,10', // 7: fine (the current month)
    );
    const problems = problemsOf(() => parseConsentCsv(text, known));
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [2, 3, 'period'],
      [3, 3, 'period'],
      [4, 9, 'participantsLeft'],
      [5, 9, 'participantsLeft'],
      [6, 4, 'accountsEligible'],
    ]);
    expect(problems[0]?.message).toBe(
      '2027-01 is in the future: statistics can be published for 2026-12 at the latest.',
    );
    expect(problems[2]?.message).toContain('participantsLeft (11) is more than participantsJoined (10)');
    const error = (() => {
      try {
        parseConsentCsv(text, known);
      } catch (caught) {
        return caught as Error;
      }
      return null;
    })();
    expect(error?.message).toContain('line 4, column 9 (participantsLeft): participantsLeft (11)');
  });

  it('numbers columns as the file orders them', () => {
    const header =
      'participantsLeft,participantsJoined,period,segment,feature,ownersUndecided,ownersDisabled,ownersEnabled,accountsEligible';
    const problems = problemsOf(() =>
      parseConsentCsv(csv(header, '5,4,2024-01,consumer,meeting-summary,0,5,5,10'), known),
    );
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([[2, 1, 'participantsLeft']]);
  });
});
