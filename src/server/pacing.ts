/**
 * Lab clock pacing: how far a running lab's virtual clock moves for the wall time that passed
 * (×speed, at most MAX_TICK_ADVANCE_MS per tick so a suspended server does not lurch a day ahead),
 * and which speeds a trainer may choose.
 */
import { MAX_SPEED, MAX_TICK_ADVANCE_MS, MIN_SPEED } from './limits.js';

export function validSpeed(speed: unknown): speed is number {
  return typeof speed === 'number' && Number.isFinite(speed) && speed >= MIN_SPEED && speed <= MAX_SPEED;
}

/** Virtual ms a lab running at ×`speed` moves on for `elapsedWallMs` of wall time. */
export function virtualAdvanceMs(elapsedWallMs: number, speed: number): number {
  return Math.min(MAX_TICK_ADVANCE_MS, Math.round(Math.max(0, elapsedWallMs) * speed));
}
