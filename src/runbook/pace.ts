/**
 * The operator's pace in a runbook: how much virtual time passes between one action and the next
 * step. The product has no such number; it is the twin's model of a person at a keyboard, and a
 * step may set its own (`gap`), e.g. `gap: 0` to read a page at the moment of a save, when a new
 * Peer N row still shows "Unknown" (DOMAIN §5.1).
 */

/** assumption: an operator spends a second between two actions (lets immediate effects settle in order). */
export const STEP_GAP_MS = 1_000;
