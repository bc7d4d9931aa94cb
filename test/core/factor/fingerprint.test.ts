/**
 * SPEC §2, the factor fingerprint: a hash of the factor settings and the logic version;
 * TRADE_CANVAS_FACTOR_LOGIC_VERSION overrides the version.
 */
import { describe, expect, it } from 'vitest';
import { readRuntimeFlags } from '../../../src/core/index';
import { FACTOR_LOGIC_VERSION, factorFingerprint } from '../../../src/core/factor/fingerprint';
import { FLAG } from '../helpers/backend';

const fp = (env: Record<string, string>) => factorFingerprint(readRuntimeFlags(env));

describe('factorFingerprint', () => {
  it('is the same for the same settings', () => {
    expect(fp({ [FLAG.pivotMajor]: '5' })).toBe(fp({ [FLAG.pivotMajor]: '5' }));
    expect(fp({})).toMatch(/^[0-9a-f]{8}$/);
  });

  it('changes with the logic version and with each pivot window', () => {
    const base = fp({});
    expect(fp({ [FLAG.logicVersion]: 'v2' })).not.toBe(base);
    expect(fp({ [FLAG.pivotMajor]: '49' })).not.toBe(base);
    expect(fp({ [FLAG.pivotMinor]: '4' })).not.toBe(base);
    expect(fp({ [FLAG.logicVersion]: 'v2' })).not.toBe(fp({ [FLAG.logicVersion]: 'v3' }));
  });

  it('an empty override means the built-in logic version', () => {
    expect(fp({ [FLAG.logicVersion]: '' })).toBe(fp({}));
    expect(fp({ [FLAG.logicVersion]: FACTOR_LOGIC_VERSION })).toBe(fp({}));
  });

  it('does not depend on flags outside the factor settings', () => {
    expect(fp({ [FLAG.debug]: '1', [FLAG.compensateCandles]: '1', [FLAG.overlayWindow]: '500' })).toBe(fp({}));
  });
});
