import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../server/http/rate-limit';

describe('sliding-window limiter', () => {
  it('allows the limit within the window, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 10_000 }, () => now);
    expect(limiter.take('a')).toBe(0);
    now += 2_000;
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBe(8_000);
    expect(limiter.take('b')).toBe(0);
    now += 4_000;
    expect(limiter.take('a')).toBe(4_000);
    // The window slides: the first hit leaves it and one more is allowed; refusals did not count.
    now += 4_001;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1_999);
  });

  it('forgets keys that went quiet', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000 }, () => now);
    limiter.take('x');
    now = 5_000;
    limiter.sweep();
    expect(limiter.take('x')).toBe(0);
  });
});
