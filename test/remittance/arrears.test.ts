import { describe, expect, it } from 'vitest';
import { ArrearsWatch, type MonthLedger, watchArrears } from '../../shared/core/remittance/arrears';

/**
 * The arrears watch across a year with a moving "today": each month's state, the unpaid streak,
 * and when cover is lost if nothing more is paid (docs/remittance.md: the first run of three
 * unpaid months, months not yet begun included, the day after the last one's due date). Due
 * dates of 2027 (due-date.ts): the 15th, except May (the 15th is a Saturday: the 17th) and
 * August (a Sunday: the 16th).
 */

const REG = 'remit-arrears-unit';
const MONTHS = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`);
/** Fewer people each month from March (deaths), so that "who loses cover" shows which month it is taken from. */
const peopleIn = (month: string) => 100 - Math.max(0, Number(month.slice(5)) - 2);

function year(overrides: Record<string, Partial<MonthLedger>> = {}): MonthLedger[] {
  return MONTHS.map((month) => {
    const people = peopleIn(month);
    return { month, people, amount: people * 16_800, bySegment: { KETUA_RT: people - 10, MARBOT: 10 }, ...overrides[month] };
  });
}

const paidInFull = (month: string, billId = `bill-${month}`) => ({
  bill: { billId, status: 'accepted', payable: peopleIn(month) * 16_800, paid: peopleIn(month) * 16_800 },
});

const watch = (ledger: MonthLedger[], asOf: string) => {
  const result = watchArrears(REG, 2027, ledger, asOf, `${asOf}T00:00:00.000Z`);
  expect(ArrearsWatch.safeParse(result).success).toBe(true);
  return result;
};
/** month (MM) → state/streak, for the months that are not upcoming. */
const states = (result: ReturnType<typeof watch>) =>
  Object.fromEntries(result.months.filter((m) => m.state !== 'upcoming').map((m) => [m.month.slice(5), `${m.state}/${m.unpaidStreak}`]));
const upcoming = (result: ReturnType<typeof watch>) => result.months.filter((m) => m.state === 'upcoming').map((m) => m.month.slice(5));

describe('watchArrears over a year: cover January–December, January paid, nothing else', () => {
  const ledger = year({ '2027-01': paidInFull('2027-01') });
  const after = (from: number) => MONTHS.slice(from - 1).map((m) => m.slice(5));
  /** February, March and April unpaid: inactive the day after April's due date, April's people. */
  const lostInApril = { on: '2027-04-16', unpaidMonths: ['2027-02', '2027-03', '2027-04'], people: 98, bySegment: { KETUA_RT: 88, MARBOT: 10 } };

  it('knows each month\'s due date', () => {
    const { months } = watch(ledger, '2027-01-10');
    expect(months.map((m) => m.dueDate)).toEqual([
      '2027-01-15', '2027-02-15', '2027-03-15', '2027-04-15', '2027-05-17', '2027-06-15',
      '2027-07-15', '2027-08-16', '2027-09-15', '2027-10-15', '2027-11-15', '2027-12-15',
    ]);
    expect(months[0]).toMatchObject({ month: '2027-01', billId: 'bill-2027-01', billStatus: 'accepted', payable: 1_680_000, paid: 1_680_000, people: 100, amount: 1_680_000 });
    expect(months[1]).toMatchObject({ paid: 0 });
    expect(months[1]).not.toHaveProperty('billId');
  });

  it('10 January: January paid, the rest upcoming; if nothing more is paid, cover is lost on 16 April', () => {
    const result = watch(ledger, '2027-01-10');
    expect(states(result)).toEqual({ '01': 'paid/0' });
    expect(upcoming(result)).toEqual(after(2));
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('16 January: the same (January was paid before it was due)', () => {
    const result = watch(ledger, '2027-01-16');
    expect(states(result)).toEqual({ '01': 'paid/0' });
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('10 February and on the due date itself: February is due', () => {
    for (const asOf of ['2027-02-01', '2027-02-10', '2027-02-15']) {
      const result = watch(ledger, asOf);
      expect(states(result)).toEqual({ '01': 'paid/0', '02': 'due/0' });
      expect(upcoming(result)).toEqual(after(3));
      expect(result.losesCover).toEqual(lostInApril);
    }
  });

  it('16 February: February is late', () => {
    const result = watch(ledger, '2027-02-16');
    expect(states(result)).toEqual({ '01': 'paid/0', '02': 'late/1' });
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('16 March: two unpaid months, cover at risk', () => {
    const result = watch(ledger, '2027-03-16');
    expect(states(result)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'at-risk/2' });
    expect(upcoming(result)).toEqual(after(4));
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('1 April: April has begun, due', () => {
    const result = watch(ledger, '2027-04-01');
    expect(states(result)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'at-risk/2', '04': 'due/0' });
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('16 April: the third unpaid month past due, inactive, on the day the watch said', () => {
    const result = watch(ledger, '2027-04-16');
    expect(states(result)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'at-risk/2', '04': 'inactive/3' });
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('1 May: May is due; the loss stays on 16 April', () => {
    const result = watch(ledger, '2027-05-01');
    expect(states(result)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'at-risk/2', '04': 'inactive/3', '05': 'due/0' });
    expect(upcoming(result)).toEqual(after(6));
    expect(result.losesCover).toEqual(lostInApril);
  });

  it('18 May (after the moved due date of the 17th): May inactive too, the streak at four', () => {
    expect(states(watch(ledger, '2027-05-17'))['05']).toBe('due/0');
    expect(states(watch(ledger, '2027-05-18'))).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'at-risk/2', '04': 'inactive/3', '05': 'inactive/4' });
  });

  it('the end of the year: every month from February inactive from the third on', () => {
    const result = watch(ledger, '2028-01-20');
    expect(result.months.map((m) => m.state)).toEqual(['paid', 'late', 'at-risk', ...Array(9).fill('inactive')]);
    expect(result.months.map((m) => m.unpaidStreak)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe('watchArrears: what counts as paid, and what breaks a streak', () => {
  it('a partly paid month is unpaid: the arrears must be paid', () => {
    const ledger = year({
      '2027-01': paidInFull('2027-01'),
      '2027-02': { bill: { billId: 'bill-feb', status: 'accepted', payable: 1_680_000, paid: 1_679_999 } },
    });
    const result = watch(ledger, '2027-03-16');
    expect(states(result)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'at-risk/2' });
    expect(result.months[1]).toMatchObject({ billId: 'bill-feb', billStatus: 'accepted', payable: 1_680_000, paid: 1_679_999 });
    expect(result.losesCover?.unpaidMonths).toEqual(['2027-02', '2027-03', '2027-04']);
  });

  it('a bill not yet accepted is unpaid, whatever it says was paid', () => {
    const ledger = year({ '2027-01': { bill: { billId: 'bill-jan', status: 'reconciled', paid: 0 } } });
    const result = watch(ledger, '2027-01-16');
    expect(states(result)).toEqual({ '01': 'late/1' });
    expect(result.months[0]).not.toHaveProperty('payable');
  });

  it('paid in full is what acceptance made payable, disputed lines held back', () => {
    const ledger = year({ '2027-01': { bill: { billId: 'bill-jan', status: 'accepted', payable: 1_600_000, paid: 1_600_000 } } });
    expect(states(watch(ledger, '2027-01-16'))).toEqual({ '01': 'paid/0' });
  });

  it('a later payment resets the streak', () => {
    const ledger = year({ '2027-01': paidInFull('2027-01'), '2027-03': paidInFull('2027-03') });
    const april = watch(ledger, '2027-04-16');
    expect(states(april)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'paid/0', '04': 'late/1' });
    // February alone is no run of three: the loss moves to the run from April.
    expect(april.losesCover).toEqual({ on: '2027-06-16', unpaidMonths: ['2027-04', '2027-05', '2027-06'], people: 96, bySegment: { KETUA_RT: 86, MARBOT: 10 } });
    const june = watch(ledger, '2027-06-16');
    expect(states(june)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'paid/0', '04': 'late/1', '05': 'at-risk/2', '06': 'inactive/3' });
    expect(june.losesCover).toEqual({ on: '2027-06-16', unpaidMonths: ['2027-04', '2027-05', '2027-06'], people: 96, bySegment: { KETUA_RT: 86, MARBOT: 10 } });
  });

  it('a month paid late is paid, and no longer counts', () => {
    const ledger = year({ '2027-01': paidInFull('2027-01'), '2027-02': paidInFull('2027-02') });
    expect(states(watch(ledger, '2027-04-16'))).toEqual({ '01': 'paid/0', '02': 'paid/0', '03': 'late/1', '04': 'at-risk/2' });
  });

  it('months with nobody covered are none, and neither break nor lengthen a streak', () => {
    const ledger = year({ '2027-01': paidInFull('2027-01'), '2027-03': { people: 0, amount: 0, bySegment: {} } });
    const april = watch(ledger, '2027-04-16');
    expect(states(april)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'none/0', '04': 'at-risk/2' });
    expect(april.losesCover?.unpaidMonths).toEqual(['2027-02', '2027-04', '2027-05']);
    const may = watch(ledger, '2027-05-18');
    expect(states(may)).toEqual({ '01': 'paid/0', '02': 'late/1', '03': 'none/0', '04': 'at-risk/2', '05': 'inactive/3' });
    expect(may.losesCover).toEqual({ on: '2027-05-18', unpaidMonths: ['2027-02', '2027-04', '2027-05'], people: 97, bySegment: { KETUA_RT: 87, MARBOT: 10 } });
  });

  it('a month nobody is covered in is none even before it begins', () => {
    const ledger = year({ '2027-12': { people: 0, amount: 0, bySegment: {} } });
    expect(watch(ledger, '2027-01-02').months[11]!.state).toBe('none');
  });

  it('sorts the months, whatever order the ledger gives them in', () => {
    const ledger = year({ '2027-01': paidInFull('2027-01') });
    expect(watch([...ledger].reverse(), '2027-03-16')).toEqual(watch(ledger, '2027-03-16'));
  });

  it('paying month by month on time moves the loss on, until fewer than three months of the year are left', () => {
    const dayAfterDue = (month: string) => watch(year(), '2027-01-01').months.find((m) => m.month === month)!.dueDate.replace(/\d\d$/, (d) => String(Number(d) + 1).padStart(2, '0'));
    for (const [i, month] of MONTHS.entries()) {
      const paidSoFar = Object.fromEntries(MONTHS.slice(0, i).map((m) => [m, paidInFull(m)]));
      const result = watch(year(paidSoFar), `${month}-10`);
      expect(result.months[i]!.state).toBe('due');
      expect(result.months.every((m) => m.unpaidStreak === 0)).toBe(true);
      if (i + 3 > MONTHS.length) {
        expect(result.losesCover).toBeUndefined();
      } else {
        expect(result.losesCover?.unpaidMonths).toEqual(MONTHS.slice(i, i + 3));
        expect(result.losesCover?.on).toBe(dayAfterDue(MONTHS[i + 2]!));
      }
    }
  });
});
