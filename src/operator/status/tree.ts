/**
 * The status tree: the one model behind `xStatus`, the admin pages and the XML status document
 * (INTERFACES §2.4, §6). A record is an ordered set of named children; a list is a run of items
 * numbered 1, 2, …. Renderers decide the syntax: tshell prints `Peer 1:`, XML `item="1"`.
 */

/** A leaf: strings print quoted in tshell, numbers bare. */
export type StatusScalar = string | number;

/** An element: named children in insertion order. Names must be element names, not numbers. */
export interface StatusRecord {
  readonly [name: string]: StatusNode;
}

/** Arrays are items, numbered 1, 2, … (`Peer 1:` in tshell, `item="1"` in XML). */
export type StatusNode = StatusScalar | StatusRecord | readonly (StatusScalar | StatusRecord)[];

/** `"True"`/`"False"`: how the product writes a flag in status (INTERFACES §2.4). */
export const flag = (on: boolean): string => (on ? 'True' : 'False');
