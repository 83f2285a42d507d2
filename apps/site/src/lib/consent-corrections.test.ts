import { describe, expect, it } from 'vitest';
import { correctionMark, correctionNotes } from './consent-corrections';
import type { ConsentCorrection, ConsentFigures, ConsentRow } from './entry-types';

const cell = (value: number | null) => ({ value, suppressed: false });
const SUPPRESSED = { value: null, suppressed: true };

/** Figures that add up (eligible = enabled + disabled + undecided), participants as given. */
function figures(eligible: number, enabled: number, participants: [number, number] = [900, 30]): ConsentFigures {
  return {
    accountsEligible: cell(eligible),
    ownersEnabled: cell(enabled),
    ownersDisabled: cell(100),
    ownersUndecided: cell(eligible - enabled - 100),
    participantsJoined: cell(participants[0]),
    participantsLeft: cell(participants[1]),
  };
}

const correction = (day: string, reason: string, previous: ConsentFigures): ConsentCorrection => ({
  correctedAt: new Date(`${day}T10:00:00.000Z`),
  reason,
  contentHash: `hash-${day}`,
  previous,
});

function row(period: string, current: ConsentFigures, corrections: ConsentCorrection[] = []): ConsentRow {
  return { period, ...current, enabledRate: null, corrected: corrections.length > 0, corrections };
}

describe('correctionMark', () => {
  it('leaves a figure never corrected, or not changed by the correction, unmarked', () => {
    expect(correctionMark(row('2024-09', figures(1234, 300)), 'accountsEligible')).toBeNull();
    const corrected = row('2024-09', figures(1234, 300), [correction('2026-05-01', 'Late data', figures(1243, 300))]);
    expect(correctionMark(corrected, 'ownersEnabled')).toBeNull();
    expect(correctionMark(corrected, 'ownersDisabled')).toBeNull();
  });

  it('shows the figure a correction replaced beside the new one', () => {
    const corrected = row('2024-09', figures(1234, 300), [correction('2026-05-01', 'Late data', figures(1243, 300))]);
    expect(correctionMark(corrected, 'accountsEligible')).toBe('corrected; was 1,243');
    // Undecided = eligible − enabled − disabled changed with it.
    expect(correctionMark(corrected, 'ownersUndecided')).toBe('corrected; was 843');
  });

  it('lists every earlier figure of a cell corrected twice, newest first', () => {
    const twice = row('2024-09', figures(1234, 300), [
      correction('2026-04-01', 'First fix', figures(1250, 300)),
      correction('2026-05-01', 'Second fix', figures(1243, 300)),
    ]);
    expect(correctionMark(twice, 'accountsEligible')).toBe('corrected; was 1,243, before that 1,250');
  });

  it('keeps suppression: a cell suppressed now, or suppressed then, says so', () => {
    const nowHidden = row('2024-09', { ...figures(1234, 300), ownersEnabled: SUPPRESSED }, [
      correction('2026-05-01', 'Recount', figures(1234, 312)),
    ]);
    expect(correctionMark(nowHidden, 'ownersEnabled')).toBe('corrected; was 312');
    const thenHidden = row('2024-09', figures(1234, 300), [
      correction('2026-05-01', 'Recount', { ...figures(1234, 300), ownersEnabled: SUPPRESSED }),
    ]);
    expect(correctionMark(thenHidden, 'ownersEnabled')).toBe('corrected; was suppressed');
    const bothHidden = row('2024-09', { ...figures(1234, 300), ownersEnabled: SUPPRESSED }, [
      correction('2026-05-01', 'Recount', { ...figures(1234, 300), ownersEnabled: SUPPRESSED }),
    ]);
    expect(correctionMark(bothHidden, 'ownersEnabled')).toBeNull();
  });
});

describe('correctionNotes', () => {
  const late = correction('2026-05-01', 'Late data from one region.', figures(1243, 300));
  const rows = [
    row('2024-10', figures(1300, 310)),
    row('2024-09', figures(1234, 300), [late]),
    row('2024-08', figures(1100, 290, [800, 20]), [
      correction('2026-05-02', 'Participants double-counted.', figures(1100, 290, [1600, 40])),
    ]),
  ];
  const OWNERS = ['accountsEligible', 'ownersEnabled', 'ownersDisabled', 'ownersUndecided'] as const;
  const PARTICIPANTS = ['participantsJoined', 'participantsLeft'] as const;

  it('lists each correction that changed a column of the table: month, segment, date, reason and what changed', () => {
    expect(correctionNotes(rows, OWNERS, { segmentName: 'Consumer', elsewhere: null })).toEqual([
      {
        period: '2024-09',
        where: 'September 2024, consumer accounts',
        correctedAt: late.correctedAt,
        reason: 'Late data from one region.',
        contentHash: 'hash-2026-05-01',
        changes: 'Eligible accounts from 1,243 to 1,234; owners who never decided from 843 to 834.',
      },
    ]);
    expect(
      correctionNotes(rows, PARTICIPANTS, { segmentName: 'Consumer', elsewhere: null }).map((note) => note.changes),
    ).toEqual(['Participants who joined from 1,600 to 800; participants who left from 40 to 20.']);
  });

  it('orders by month, then by publication', () => {
    const notes = correctionNotes(rows, [...OWNERS, ...PARTICIPANTS], { segmentName: 'Consumer', elsewhere: null });
    expect(notes.map((note) => note.period)).toEqual(['2024-08', '2024-09']);
  });

  it('the catch-all table also lists a correction no other table shows, even one that changed nothing visible', () => {
    const hidden = row('2024-11', { ...figures(1234, 300), ownersEnabled: SUPPRESSED }, [
      correction('2026-05-03', 'Recount of a small group.', { ...figures(1234, 300), ownersEnabled: SUPPRESSED }),
    ]);
    const all = [...rows, hidden];
    // With the participants in a table of their own, their correction stays there.
    expect(
      correctionNotes(all, OWNERS, { segmentName: 'Education', elsewhere: PARTICIPANTS }).map((note) => [
        note.period,
        note.changes,
      ]),
    ).toEqual([
      ['2024-09', 'Eligible accounts from 1,243 to 1,234; owners who never decided from 843 to 834.'],
      ['2024-11', 'No published figure changed: the counts it corrected are suppressed.'],
    ]);
    // Alone (the participants' table not shown), it lists what did change.
    expect(
      correctionNotes(all, OWNERS, { segmentName: 'Education', elsewhere: [] }).map((note) => note.changes),
    ).toEqual([
      'Participants who joined from 1,600 to 800; participants who left from 40 to 20.',
      'Eligible accounts from 1,243 to 1,234; owners who never decided from 843 to 834.',
      'No published figure changed: the counts it corrected are suppressed.',
    ]);
    expect(correctionNotes(all, OWNERS, { segmentName: 'Education', elsewhere: null })).toHaveLength(1);
  });

  it('compares each correction with the one after it, not with the figures in force', () => {
    const twice = row('2024-09', figures(1234, 300), [
      correction('2026-04-01', 'First fix.', figures(1250, 300)),
      correction('2026-05-01', 'Second fix.', figures(1243, 300)),
    ]);
    expect(
      correctionNotes([twice], ['accountsEligible'], { segmentName: 'Consumer', elsewhere: null }).map((note) => [
        note.reason,
        note.changes,
      ]),
    ).toEqual([
      ['First fix.', 'Eligible accounts from 1,250 to 1,243.'],
      ['Second fix.', 'Eligible accounts from 1,243 to 1,234.'],
    ]);
  });
});
