import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { SchemaComponents } from '../../shared/api/schema-components';

const Basis = z.strictObject({ income: z.number().int().default(1_000_000) }).meta({ id: 'TestBasis' });
const Tier = z.object({ name: z.string(), basis: Basis }).meta({ id: 'TestTier' });
const Note = z.strictObject({ text: z.string() }).meta({ id: 'TestNote' });

describe('schema components', () => {
  it('writes a named schema once and refers to it from every use', () => {
    const components = new SchemaComponents();
    const list = components.schemaOf(z.object({ tiers: z.array(Tier) }), 'output');
    const one = components.schemaOf(Tier, 'output');
    expect(one).toEqual({ $ref: '#/components/schemas/TestTier' });
    expect(list).toMatchObject({ properties: { tiers: { items: { $ref: '#/components/schemas/TestTier' } } } });
    expect(Object.keys(components.schemas())).toEqual(['TestBasis', 'TestTier']);
  });

  it("names a request's form <id>Input where it reads differently, down to the schemas it refers to", () => {
    const components = new SchemaComponents();
    components.schemaOf(Tier, 'output');
    const request = components.schemaOf(z.object({ tier: Tier, note: Note }), 'input');
    components.schemaOf(Note, 'output');
    const schemas = components.schemas();
    expect(Object.keys(schemas)).toEqual(['TestBasis', 'TestBasisInput', 'TestNote', 'TestTier', 'TestTierInput']);
    expect(request).toMatchObject({ properties: { tier: { $ref: '#/components/schemas/TestTierInput' }, note: { $ref: '#/components/schemas/TestNote' } } });
    expect(schemas.TestTierInput).toMatchObject({ properties: { basis: { $ref: '#/components/schemas/TestBasisInput' } } });
    expect(schemas.TestBasisInput).not.toHaveProperty('required');
  });

  it('refuses two different schemas under one id', () => {
    const components = new SchemaComponents();
    components.schemaOf(z.object({ a: z.string() }).meta({ id: 'TestTwice' }), 'output');
    expect(() => components.schemaOf(z.object({ b: z.string() }).meta({ id: 'TestTwice' }), 'output')).toThrow(/TestTwice/);
  });
});
