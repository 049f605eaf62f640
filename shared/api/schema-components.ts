import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
/** How the schema is read: a request is parsed as input, a response is written as output. */
export type SchemaDirection = 'input' | 'output';

/** Where zod puts a schema named with `.meta({ id })` within one conversion. */
const ZOD_DEFINITIONS = '#/$defs/';
const COMPONENT_SCHEMAS = '#/components/schemas/';

/**
 * The schemas of an OpenAPI document, converted from zod: every schema named with
 * `.meta({ id })` is written once, in `components.schemas`, and referred to (`$ref`) wherever a
 * route uses it.
 *
 * A schema can read differently as a request (input: defaults make fields optional, coercions
 * accept strings) than as a response (output: extra properties are not allowed). Where a named
 * schema is used both ways and the two differ, the request's form is `<id>Input`.
 */
export class SchemaComponents {
  private readonly definitions: Record<SchemaDirection, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  /** The `$ref` objects written into input forms, by the id they refer to: `schemas()` may rename them. */
  private readonly inputReferences = new Map<string, JsonSchema[]>();

  /** The JSON Schema of `schema` read in `direction`, with the named schemas in it as references. */
  schemaOf(schema: z.ZodType, direction: SchemaDirection): JsonSchema {
    const { $schema: _draft, $defs, ...root } = z.toJSONSchema(schema, { io: direction, unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [id, definition] of Object.entries($defs ?? {})) this.define(id, referringToComponents(definition), direction);
    return this.kept(referringToComponents(root), direction);
  }

  /** `components.schemas`, by name; call it once every route's schemas have been converted. */
  schemas(): Record<string, JsonSchema> {
    const { input, output } = this.definitions;
    const twoForms = new Set([...input.keys()].filter((id) => this.readsDifferently(id, new Set())));
    for (const id of twoForms) for (const node of this.inputReferences.get(id) ?? []) node.$ref = `${COMPONENT_SCHEMAS}${id}Input`;
    const requestForms = [...input].filter(([id]) => !output.has(id) || twoForms.has(id));
    const named = [...output, ...requestForms.map(([id, definition]) => [twoForms.has(id) ? `${id}Input` : id, definition] as const)];
    const names = named.map(([name]) => name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) throw new Error(`Two schemas would be components.schemas.${repeated}: rename one (.meta({ id }))`);
    return Object.fromEntries(named.sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private define(id: string, definition: JsonSchema, direction: SchemaDirection): void {
    const known = this.definitions[direction].get(id);
    if (known === undefined) this.definitions[direction].set(id, this.kept(definition, direction));
    else if (JSON.stringify(known) !== JSON.stringify(definition)) {
      throw new Error(`Two different schemas are named ${id} (.meta({ id })): give each its own id`);
    }
  }

  /** `json`, whose references are noted when it is an input form (`schemas()` may rename them). */
  private kept(json: JsonSchema, direction: SchemaDirection): JsonSchema {
    if (direction === 'input') {
      for (const { id, node } of referencesIn(json)) this.inputReferences.set(id, [...(this.inputReferences.get(id) ?? []), node]);
    }
    return json;
  }

  /** Whether a named schema's input form differs from its output form, itself or in a schema it refers to. */
  private readsDifferently(id: string, visiting: Set<string>): boolean {
    const input = this.definitions.input.get(id);
    const output = this.definitions.output.get(id);
    if (input === undefined || output === undefined || visiting.has(id)) return false;
    if (JSON.stringify(input) !== JSON.stringify(output)) return true;
    visiting.add(id);
    return referencesIn(input).some((reference) => this.readsDifferently(reference.id, visiting));
  }
}

/** `json` with zod's references to its `$defs` pointing at `components.schemas` instead. */
function referringToComponents(json: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(json), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(ZOD_DEFINITIONS)
      ? `${COMPONENT_SCHEMAS}${value.slice(ZOD_DEFINITIONS.length)}`
      : value,
  ) as JsonSchema;
}

/** The objects in `json` that refer to a component (`node.$ref`), with the component's id. */
function referencesIn(json: unknown): { id: string; node: JsonSchema }[] {
  if (Array.isArray(json)) return json.flatMap(referencesIn);
  if (json === null || typeof json !== 'object') return [];
  const node = json as JsonSchema;
  const own = typeof node.$ref === 'string' && node.$ref.startsWith(COMPONENT_SCHEMAS) ? [{ id: node.$ref.slice(COMPONENT_SCHEMAS.length), node }] : [];
  return [...own, ...Object.values(node).flatMap(referencesIn)];
}
