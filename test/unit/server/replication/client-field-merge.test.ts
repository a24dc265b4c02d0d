import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampEditTime,
  type FieldOnServer,
  resolveFieldEdit,
} from '../../../../server/replication/client-field-merge';

const T0 = Date.parse('2026-12-02T09:00:00.000Z');
const onServer = (
  value: string,
  editedAt: number,
  editedBy: string | null = 'casey',
): FieldOnServer<string> => ({
  value,
  editedAt,
  editedBy,
});

describe('the rule for two edits of one client field', () => {
  it('applies an edit made against the value the server still has', () => {
    expect(resolveFieldEdit(onServer('A', T0 + 5000), { from: 'A', value: 'P', at: T0 })).toEqual({
      kind: 'applied',
    });
  });

  it('keeps the later edit when the earlier one arrives second (the issue’s case)', () => {
    // Casey changed A to C at T0+1s and synced first; Priya changed A to P at T0 and syncs now.
    const casey = onServer('C', T0 + 1000);
    expect(resolveFieldEdit(casey, { from: 'A', value: 'P', at: T0 })).toEqual({ kind: 'lost', kept: casey });
  });

  it('replaces an earlier edit when the later one arrives second', () => {
    const priya = onServer('P', T0, 'priya');
    expect(resolveFieldEdit(priya, { from: 'A', value: 'C', at: T0 + 1000 })).toEqual({
      kind: 'won',
      replaced: priya,
    });
  });

  it('keeps what the server has on an exact tie', () => {
    expect(resolveFieldEdit(onServer('C', T0), { from: 'A', value: 'P', at: T0 }).kind).toBe('lost');
  });

  it('has nothing to do when both set the same value', () => {
    expect(resolveFieldEdit(onServer('C', T0 + 1000), { from: 'A', value: 'C', at: T0 })).toEqual({
      kind: 'unchanged',
    });
  });

  it('lets an edit made after seeing the other one stand, whatever its clock says', () => {
    // Priya pulled Casey's C and changed it: hers comes after his even with a slow clock.
    expect(resolveFieldEdit(onServer('C', T0 + 60_000), { from: 'C', value: 'P', at: T0 }).kind).toBe(
      'applied',
    );
  });

  it('ends with the later edit whichever of two concurrent edits arrives first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (atPriya, atCasey, priyaFirst) => {
          fc.pre(atPriya !== atCasey);
          const start = onServer('A', T0 - 1, null);
          const edits = [
            { who: 'priya', from: 'A', value: 'P', at: T0 + atPriya },
            { who: 'casey', from: 'A', value: 'C', at: T0 + atCasey },
          ];
          const order = priyaFirst ? edits : [...edits].reverse();
          let field = start;
          const lost: string[] = [];
          for (const edit of order) {
            const decided = resolveFieldEdit(field, edit);
            if (decided.kind === 'applied' || decided.kind === 'won') {
              if (decided.kind === 'won') lost.push(decided.replaced.editedBy ?? '');
              field = { value: edit.value, editedAt: edit.at, editedBy: edit.who };
            } else if (decided.kind === 'lost') lost.push(edit.who);
          }
          const later = atPriya > atCasey ? edits[0] : edits[1];
          const earlier = atPriya > atCasey ? edits[1] : edits[0];
          expect(field.value).toBe(later?.value);
          // The one whose edit did not stay is the one told, exactly once.
          expect(lost).toEqual([earlier?.who]);
        },
      ),
    );
  });
});

describe('the edit time the server takes from a desktop', () => {
  const received = T0 + 10_000;

  it('takes a time before the push arrived as it is', () => {
    expect(clampEditTime(new Date(T0).toISOString(), received)).toBe(T0);
  });

  it('caps a time in the future at the moment the push arrived', () => {
    expect(clampEditTime('2027-12-02T09:00:00.000Z', received)).toBe(received);
    expect(clampEditTime('9999-12-31T23:59:59+00:00', received)).toBe(received);
  });

  it('reads offsets as the same instant', () => {
    expect(clampEditTime('2026-12-02T10:00:00+01:00', received)).toBe(T0);
  });

  it('counts a clock reset to its epoch as the earliest time, so such an edit only loses', () => {
    expect(clampEditTime('1970-01-01T00:00:00Z', received)).toBe(Date.UTC(2000, 0, 1));
    expect(clampEditTime('not a time', received)).toBe(Date.UTC(2000, 0, 1));
  });

  it('never lets a future clock beat an edit made later in real time', () => {
    // Priya's clock is a day ahead; her edit arrives at `received`. Casey edits a minute later.
    const priyaAt = clampEditTime(new Date(received + 86_400_000).toISOString(), received);
    const casey = { from: 'A', value: 'C', at: received + 60_000 };
    expect(resolveFieldEdit(onServer('P', priyaAt, 'priya'), casey).kind).toBe('won');
  });
});
