/**
 * The kernel's error catalog (STYLE R7, R8). Every rejection of bad input is a `SimError` whose
 * `code` is one of these stable `XTW_ERR_SIM_*` codes and whose message names the offending value.
 * Codes are never reused; retired codes move to `RETIRED_SIM_ERROR_CODES`.
 */
import { CatalogError, showAsJson } from './catalogError.js';

export const SIM_ERRORS = {
  XTW_ERR_SIM_BAD_DELAY: 'delay must be a finite, non-negative number of milliseconds, got {value}',
  XTW_ERR_SIM_BAD_TIME: 'time {value} ms is in the past (now is {now} ms) or not finite',
  XTW_ERR_SIM_BAD_PERIOD: 'period must be a finite number of milliseconds greater than 0, got {value}',
  XTW_ERR_SIM_EVENT_LIMIT: 'run stopped after {value} events without reaching its goal (limit hit)',
  XTW_ERR_SIM_BAD_ADDRESS: 'not a valid IPv4 or IPv6 address: {value}',
  XTW_ERR_SIM_BAD_PREFIX: 'not a valid prefix length for {family}: {value}',
  XTW_ERR_SIM_UNKNOWN_HOST: 'unknown host: {value}',
  XTW_ERR_SIM_DUPLICATE_HOST: 'a host named {value} already exists',
  XTW_ERR_SIM_DUPLICATE_INTERFACE: 'interface {value} already exists on host {host}',
  XTW_ERR_SIM_DUPLICATE_ADDRESS: 'address {value} is already assigned to {owner}',
  XTW_ERR_SIM_UNKNOWN_INTERFACE: 'host {host} has no interface {value}',
  XTW_ERR_SIM_UNKNOWN_ADDRESS: 'no interface owns address {value}',
  XTW_ERR_SIM_BAD_PORT: 'not a valid port (1-65535): {value}',
  XTW_ERR_SIM_PORT_IN_USE: 'port {value} is already bound on {host}',
  XTW_ERR_SIM_BAD_RATIO: 'ratio must be between 0 and 1, got {value}',
  XTW_ERR_SIM_NAT_CONFLICT: 'NAT rule conflicts with an existing one: {value}',
  XTW_ERR_SIM_BAD_RULE: 'invalid network rule: {value}',
  XTW_ERR_SIM_DNS_BAD_NAME: 'not a valid DNS name: {value}',
  XTW_ERR_SIM_DNS_BAD_RECORD: 'record of the wrong type or shape: {value}',
  XTW_ERR_SIM_SOCKET_CLOSED: 'connection {value} is closed',
  XTW_ERR_SIM_BAD_NAME: 'not a valid {what} name: {value}',
  XTW_ERR_SIM_BAD_SIZE: 'size must be a non-negative integer number of bytes, got {value}',
  XTW_ERR_SIM_BAD_OPTION: 'option {option} cannot be {value}: {expected}',
  XTW_ERR_SIM_DUPLICATE_HANDLER: 'an event handler named {value} is already registered on this queue',
  XTW_ERR_SIM_UNKNOWN_HANDLER: 'the checkpoint names event handler {value}, which this world does not register',
  XTW_ERR_SIM_NOT_SAVABLE: 'cannot save {value}: {why}',
  XTW_ERR_SIM_BAD_CHECKPOINT: 'cannot load {value}: {why}',
} as const satisfies Record<`XTW_ERR_SIM_${string}`, string>;

export type SimErrorCode = keyof typeof SIM_ERRORS;

/** Codes that once existed and must never be reused. */
export const RETIRED_SIM_ERROR_CODES: readonly string[] = [];

/** A rejected input: `code` is stable, `value` is the offending value, the message says what is wrong. */
export class SimError extends CatalogError<SimErrorCode> {
  constructor(code: SimErrorCode, params: { value: unknown } & Record<string, unknown>) {
    super(SIM_ERRORS, code, params, { prefixCode: true, show: showAsJson });
    this.name = 'SimError';
  }
}
