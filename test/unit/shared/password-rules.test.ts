import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../../server/seed/demo-data';
import {
  forbiddenWords,
  hasRepeatedRun,
  hasSequentialRun,
  PASSWORD_PROBLEM_MESSAGES,
  type PasswordOwner,
  STAFF_PASSWORD_RULES,
  staffPasswordProblems,
} from '../../../shared/domain/password-rules';

const casey: PasswordOwner = { username: 'casey', displayName: 'Casey Morgan' };

describe('staff password rules', () => {
  it('accept the demo password for every demo staff member ("2026" is no run)', () => {
    for (const staff of DEMO_STAFF)
      expect(
        staffPasswordProblems(DEMO_PASSWORD, { username: staff.username, displayName: staff.name }),
      ).toEqual([]);
  });

  it.each([
    ['Ab1#', ['too_short']],
    ['ab1#wxqy', ['needs_upper']],
    ['AB1#WXQY', ['needs_lower']],
    ['Abc#wxqy', ['needs_digit', 'sequential_run']],
    ['Ab1dWxqy', ['needs_symbol']],
    ['Ab1#Wxqy', []],
    ['Ab1 Wxqy', []],
    [`A1#${'bq'.repeat(100)}`, ['too_long']],
  ] as const)('%s breaks %j', (password, problems) => {
    expect(staffPasswordProblems(password, casey)).toEqual(problems);
  });

  it('refuse the username and name words of 3+ letters, in any case and without accents', () => {
    expect(staffPasswordProblems('xCASEY#1q', casey)).toContain('contains_name');
    expect(staffPasswordProblems('Morgan#1q', casey)).toContain('contains_name');
    const jose: PasswordOwner = { username: 'jgarcia', displayName: 'José Ana García-Ruiz' };
    expect(forbiddenWords(jose).sort()).toEqual(['ana', 'garcia', 'jgarcia', 'jose', 'ruiz'].sort());
    expect(staffPasswordProblems('Jose#1wq', jose)).toContain('contains_name');
    expect(staffPasswordProblems('RUIZ#1wq', jose)).toContain('contains_name');
    // Words of fewer than 3 letters are not checked: "Li" would forbid too much.
    const li: PasswordOwner = { username: 'li', displayName: 'Li Wu' };
    expect(forbiddenWords(li)).toEqual([]);
    expect(staffPasswordProblems('Lili#1wq', li)).toEqual([]);
  });

  it('find runs of 3 sequential letters or digits either way, without wrapping around', () => {
    for (const run of ['abc', 'ABC', 'aBc', 'cba', 'CBA', 'xyz', '123', '321', '789', '012'])
      expect(hasSequentialRun(`Q#${run}q`), run).toBe(true);
    for (const safe of ['2026', 'yza', '901', 'abd', 'ab1', 'a1b', 'acb', '1357', 'ab', '12'])
      expect(hasSequentialRun(safe), safe).toBe(false);
  });

  it('find a character repeated 3 times in a row, in any letter case', () => {
    for (const run of ['aaa', 'aAa', '111', '!!!', 'xx xxx']) expect(hasRepeatedRun(run), run).toBe(true);
    for (const safe of ['aa', 'aab', 'abab', 'a a a']) expect(hasRepeatedRun(safe), safe).toBe(false);
  });

  it('say every rule and every problem in a sentence', () => {
    for (const sentence of [...STAFF_PASSWORD_RULES, ...Object.values(PASSWORD_PROBLEM_MESSAGES)])
      expect(sentence).toMatch(/^[A-Z].*\.$/);
  });
});
