import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORD_LINES } from './common-passwords.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, commonPasswordCount, isCommonPassword, passwordProblem } from './password-rules.js';

describe('password rules', () => {
  it('bundles exactly 3,000 distinct common passwords, all long enough to pass the length rule', () => {
    expect(commonPasswordCount()).toBe(3000);
    const words = COMMON_PASSWORD_LINES.flatMap((l) => l.split(' '));
    expect(words).toHaveLength(3000);
    expect(words.every((w) => [...w].length >= MIN_PASSWORD_LENGTH)).toBe(true);
  });

  it('refuses the most common passwords whatever their case', () => {
    for (const p of ['password', '12345678', 'PassWord', 'iloveyou', 'QWERTYUIOP', '13101988']) {
      expect(isCommonPassword(p)).toBe(true);
      expect(passwordProblem(p)).toMatch(/most common/);
    }
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });

  it('accepts 8 to MAX characters, counting code points, and refuses outside that', () => {
    expect(passwordProblem('x7!kQ2p')).toMatch(/at least 8/);
    expect(passwordProblem('x7!kQ2p9')).toBeNull();
    expect(passwordProblem('🐢🐢🐢🐢🐢🐢🐢🐢')).toBeNull(); // 8 code points, 16 UTF-16 units
    expect(passwordProblem('🐢🐢🐢🐢🐢🐢🐢')).toMatch(/at least 8/);
    expect(passwordProblem('a'.repeat(1000) + 'Z')).toBeNull();
    expect(passwordProblem('ab'.repeat(MAX_PASSWORD_LENGTH / 2))).toBeNull();
    expect(passwordProblem('ab'.repeat(MAX_PASSWORD_LENGTH / 2) + 'c')).toMatch(/at most/);
  });

  it('never refuses a long random password for being common', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 20, maxLength: 200 }), (p) => {
        fc.pre([...p.normalize('NFKC')].length >= 20 && !/^(.)\1+$/.test(p));
        expect(passwordProblem(p)).toBeNull();
      }),
    );
  });
});
