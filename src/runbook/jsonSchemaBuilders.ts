/**
 * The runbook JSON Schema's vocabulary (jsonSchema.ts builds the schema with it): the draft-07
 * subset it uses, builders that give every property a title and a description, and compile-time
 * ties that make a schema object list exactly the keys of its TypeScript type.
 */

/** The subset of JSON Schema draft-07 the runbook schema uses. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  type?: JsonType | JsonType[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
}
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';


// ── Compile-time ties to schema.ts ─────────────────────────────────────────────────────────────

export type Exhaustive<T, L extends readonly unknown[]> = [Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> };
/** A list of every member of the union `T`; leaving one out is a compile error. */
export const every = <T>() => <const L extends readonly T[]>(list: L & Exhaustive<T, L>): T[] => [...list];
export type AllKeys<T> = T extends unknown ? keyof T & string : never;
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;
export type Variant<U, K extends PropertyKey> = Extract<U, Record<K, unknown>>;

/**
 * An object whose properties are exactly `T`'s keys (a missing or extra key is a compile error),
 * whose `required` lists exactly `T`'s required keys, and which forbids unknown keys.
 */
export const object = <T>() => <const R extends readonly RequiredKeys<T>[]>(
  title: string, description: string, properties: { [K in keyof T & string]-?: JsonSchema }, required: R & Exhaustive<RequiredKeys<T>, R>,
): JsonSchema => ({ title, description, type: 'object', properties, ...(required.length > 0 ? { required: [...required] } : {}), additionalProperties: false });

// ── Small builders: every property carries a title and a description (editor hover help) ──────

export const str = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({ title, description, type: 'string', ...extra });
export const bool = (title: string, description: string): JsonSchema => ({ title, description, type: 'boolean' });
export const num = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({ title, description, type: 'number', ...extra });
export const int = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({ title, description, type: 'integer', ...extra });
export const oneOfStrings = (title: string, description: string, values: readonly unknown[]): JsonSchema => ({ title, description, enum: [...values] });
export const list = (title: string, description: string, items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ title, description, type: 'array', items, ...extra });
export const map = (title: string, description: string): JsonSchema => ({
  title, description, type: 'object', additionalProperties: { title: 'value', description: 'any value (checked when the runner applies it)' },
});
export const ref = (definition: string, title: string, description: string): JsonSchema => ({ $ref: `#/definitions/${definition}`, title, description });
export const peerRef = (title: string, description: string): JsonSchema => ref('peerRef', title, description);

