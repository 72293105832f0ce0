// The operator error catalog (STYLE R7): stable unique codes, templates that name the value, and
// the conversion of lower layers' errors keeping their own codes.
import { describe, expect, it } from 'vitest';
import { OPERATOR_ERRORS, OperatorError } from '../../src/operator/index.js';
import { asActionError } from '../../src/operator/errors.js';
import { PeerError, TwinError } from '../../src/twin.js';

describe('operator error catalog', () => {
  it('every code is XTW_ERR_OP_* and every template names the offending {value}', () => {
    for (const [code, template] of Object.entries(OPERATOR_ERRORS)) {
      expect(code).toMatch(/^XTW_ERR_OP_[A-Z_]+$/);
      expect(template, code).toContain('{value}');
    }
  });

  it('an OperatorError fills its template', () => {
    const e = new OperatorError('XTW_ERR_OP_COMMAND_NOT_FOUND', { value: 'ls' });
    expect(e.message).toBe('bash: ls: command not found');
    expect(asActionError(e)).toEqual({ code: 'XTW_ERR_OP_COMMAND_NOT_FOUND', message: 'bash: ls: command not found' });
  });

  it('peer and twin errors keep their codes; the twin\'s code prefix is dropped from the sentence', () => {
    expect(asActionError(new PeerError('XTW_ERR_PEER_NOT_CLUSTERED'))).toEqual({ code: 'XTW_ERR_PEER_NOT_CLUSTERED', message: 'This system is not part of a cluster' });
    expect(asActionError(new TwinError('XTW_ERR_TWIN_UNKNOWN_FAULT', { value: 4 }))).toEqual({ code: 'XTW_ERR_TWIN_UNKNOWN_FAULT', message: 'no active fault with id 4' });
  });

  it('anything else is not an input error (it is rethrown by callers)', () => {
    expect(asActionError(new RangeError('bug'))).toBeUndefined();
  });
});
