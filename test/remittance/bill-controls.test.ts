import { describe, expect, it } from 'vitest';
import { controlDifference, describeControlDifference } from '../../shared/core/remittance/bill-controls';

const header = { controlCount: 12_928, controlTotal: 217_190_400 };

describe('a bill against its control figures', () => {
  it('has no difference when the lines add up', () => {
    expect(controlDifference(header, { people: 12_928, amount: 217_190_400 })).toBeUndefined();
    expect(describeControlDifference(header, { people: 12_928, amount: 217_190_400 })).toBe(
      "The bill's lines add up to its control figures: 12,928 people and Rp217,190,400.",
    );
  });

  it('gives lines − controls, and says so in words an office can act on', () => {
    const received = { people: 12_927, amount: 217_173_600 };
    expect(controlDifference(header, received)).toEqual({ count: -1, amount: -16_800 });
    expect(describeControlDifference(header, received)).toBe(
      'The bill says 12,928 people and Rp217,190,400, but its lines add up to 12,927 people and Rp217,173,600 (1 person and Rp16,800 fewer). Ask the BPJS branch for a corrected bill.',
    );
  });

  it('names each direction when people and money differ in opposite ways, or only one differs', () => {
    expect(describeControlDifference(header, { people: 12_926, amount: 217_195_400 })).toContain('(2 people fewer and Rp5,000 more)');
    expect(describeControlDifference(header, { people: 12_928, amount: 217_173_600 })).toContain('(Rp16,800 less)');
    expect(describeControlDifference(header, { people: 12_929, amount: 217_190_400 })).toContain('(1 person more)');
    expect(describeControlDifference(header, { people: 12_930, amount: 217_224_000 })).toContain('(2 people and Rp33,600 more)');
  });
});
