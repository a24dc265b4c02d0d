import { describe, expect, it } from 'vitest';
import { numberAnswerProblem, parseNumberAnswer } from '../../../shared/domain/assessment-answers';

describe('answers to number questions', () => {
  it('takes digits with a sign and a decimal point, and nothing Number() would guess at', () => {
    for (const [typed, number] of [
      ['3', 3],
      [' 12.50 ', 12.5],
      ['-2', -2],
      ['.5', 0.5],
      ['0', 0],
    ] as const)
      expect(parseNumberAnswer(typed), typed).toBe(number);
    for (const typed of [
      'two',
      '',
      ' ',
      '0x1A',
      '1e3',
      'Infinity',
      '1,5',
      '3 people',
      '--1',
      '+-2',
      '9'.repeat(400),
    ])
      expect(parseNumberAnswer(typed), typed).toBeUndefined();
    expect(parseNumberAnswer(4)).toBe(4);
    expect(parseNumberAnswer(Number.NaN)).toBeUndefined();
  });

  it('refuses numbers below the field’s minimum, where the field has one', () => {
    expect(numberAnswerProblem({ min: 0 }, '-1')).toBe('below_minimum');
    expect(numberAnswerProblem({ min: 1 }, '0')).toBe('below_minimum');
    expect(numberAnswerProblem({ min: 0 }, '0')).toBeNull();
    expect(numberAnswerProblem({}, '-40')).toBeNull();
    expect(numberAnswerProblem({ min: 0 }, 'abc')).toBe('not_a_number');
  });
});
