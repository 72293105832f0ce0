/**
 * One mechanism for every layer's error catalog (STYLE R7): a table of stable codes with message
 * templates, and an Error that fills the template with the offending values. Each layer keeps its
 * own table and subclass (`SimError`, `PeerError`, `TwinError` …) and chooses how values read —
 * the product's words quote differently from the twin's.
 */

export type Catalog<C extends string> = Readonly<Record<C, string>>;

export interface CatalogStyle {
  /** start the message with the code (`XTW_ERR_…: …`), as the twin's own errors do */
  readonly prefixCode: boolean;
  /** how a value reads inside a message */
  readonly show: (value: unknown) => string;
}

export class CatalogError<C extends string = string> extends Error {
  readonly code: C;
  /** the offending value, when the error names one */
  readonly value: unknown;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(catalog: Catalog<C>, code: C, params: Record<string, unknown>, style: CatalogStyle) {
    const text = fillTemplate(catalog[code], params, style.show);
    super(style.prefixCode ? `${code}: ${text}` : text);
    this.code = code;
    this.value = params.value;
    this.params = params;
  }
}

/**
 * Replace each `{name}` in `template` with `show(params[name])`, and each `{@name}` with the
 * parameter as it is: a word of the sentence ("a valid IPv4 address"), not a value the layer quotes.
 */
export function fillTemplate(template: string, params: Record<string, unknown>, show: (value: unknown) => string): string {
  return template.replace(/\{(@?)(\w+)\}/g, (_, word: string, key: string) => (word ? String(params[key] ?? '') : show(params[key])));
}

/** The kernel's way to show a value: JSON, so a string is visibly a string. */
export function showAsJson(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
