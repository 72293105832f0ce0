import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIpAddress, isPrivateIpv4, parseAddress, parseCidr, sameSubnet } from '../../../sim/index.js';
import { FC_SEED } from '../../setup.js';
import { codeOf } from './world.js';

describe('address: IPv4', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
  ])('%s parses as family 4 with canonical text %s', (text, canonical) => {
    expect(parseAddress(text)).toEqual({ family: 4, text: canonical });
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', ' 1.2.3.4', '1.2.3.4 ', '1..3.4', '', 'a.b.c.d', '1.2.3.-4', '1e1.2.3.4'])(
    '%j is rejected with XTW_ERR_SIM_BAD_ADDRESS that names it',
    (text) => {
      expect(isIpAddress(text)).toBe(false);
      expect(codeOf(() => parseAddress(text))).toBe('XTW_ERR_SIM_BAD_ADDRESS');
      expect(() => parseAddress(text)).toThrow(JSON.stringify(text));
    },
  );

  it.each([undefined, null, 42, {}, ['1.2.3.4']])('non-string %j is rejected, not coerced', (value) => {
    expect(isIpAddress(value)).toBe(false);
    expect(codeOf(() => parseAddress(value))).toBe('XTW_ERR_SIM_BAD_ADDRESS');
  });
});

describe('address: IPv6 (RFC 5952 canonical output)', () => {
  it.each([
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs is compressed
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    ['2001:db8:0:0:1:1:1:1', '2001:db8::1:1:1:1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['0:0:0:0:0:ffff:a00:1', '::ffff:10.0.0.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('%s → %s', (text, canonical) => {
    expect(parseAddress(text)).toEqual({ family: 6, text: canonical });
  });

  it.each(['1::2::3', ':::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '12345::', 'g::1', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:',
    '1::2:3:4:5:6:7:8', 'fe80::1%eth0', '::1.2.3', '1.2.3.4::', '::ffff:256.0.0.1'])('%j is rejected', (text) => {
    expect(codeOf(() => parseAddress(text))).toBe('XTW_ERR_SIM_BAD_ADDRESS');
  });

  it(`canonical text is a fixed point and round-trips the groups (seed ${FC_SEED})`, () => {
    // Why this proves the claim: any 8 groups, written in full with random case, must parse to text
    // that parses to itself, and both forms must describe the same 128 bits.
    const groups = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, fc.boolean(), (g, upper) => {
        const full = g.map((n) => n.toString(16).padStart(4, '0')).join(':');
        const text = upper ? full.toUpperCase() : full;
        const canonical = parseAddress(text).text;
        expect(parseAddress(canonical).text).toBe(canonical);
        expect(canonical).toBe(canonical.toLowerCase());
        expect(sameSubnet(text, canonical, 128)).toBe(true);
        expect((canonical.match(/::/g) ?? []).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('address: prefixes and subnets', () => {
  it('parseCidr splits address and prefix length', () => {
    expect(parseCidr('10.0.0.5/24')).toEqual({ address: '10.0.0.5', family: 4, prefixLength: 24 });
    expect(parseCidr('2001:DB8::1/64')).toEqual({ address: '2001:db8::1', family: 6, prefixLength: 64 });
  });

  it.each(['10.0.0.5/33', '10.0.0.5', '10.0.0.5/', '10.0.0.5/-1', '10.0.0.5/08', '::1/129', '10.0.0.5/2.5'])(
    '%j is rejected with XTW_ERR_SIM_BAD_PREFIX',
    (text) => {
      expect(codeOf(() => parseCidr(text))).toBe('XTW_ERR_SIM_BAD_PREFIX');
    },
  );

  it('parseCidr with a bad address is XTW_ERR_SIM_BAD_ADDRESS', () => {
    expect(codeOf(() => parseCidr('10.0.0.256/24'))).toBe('XTW_ERR_SIM_BAD_ADDRESS');
  });

  it('sameSubnet compares the first prefixLength bits, and never across families', () => {
    expect(sameSubnet('10.0.0.1', '10.0.0.254', 24)).toBe(true);
    expect(sameSubnet('10.0.0.1', '10.0.1.1', 24)).toBe(false);
    expect(sameSubnet('10.0.0.1', '10.0.1.1', 23)).toBe(true);
    expect(sameSubnet('10.0.0.1', '10.0.0.2', 31)).toBe(false);
    expect(sameSubnet('1.2.3.4', '200.2.3.4', 0)).toBe(true);
    expect(sameSubnet('2001:db8::1', '2001:db8::ffff', 64)).toBe(true);
    expect(sameSubnet('2001:db8:0:1::1', '2001:db8::1', 64)).toBe(false);
    expect(sameSubnet('10.0.0.1', '::ffff:10.0.0.1', 0)).toBe(false);
    expect(codeOf(() => sameSubnet('10.0.0.1', '10.0.0.2', 40))).toBe('XTW_ERR_SIM_BAD_PREFIX');
  });

  it('isPrivateIpv4 is true exactly for 10/8, 172.16/12 and 192.168/16', () => {
    for (const a of ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1']) expect(isPrivateIpv4(a)).toBe(true);
    for (const a of ['11.0.0.1', '172.15.0.1', '172.32.0.1', '192.169.0.1', '8.8.8.8', 'fd00::1', 'nonsense']) {
      expect(isPrivateIpv4(a)).toBe(false);
    }
  });
});
