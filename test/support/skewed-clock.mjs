/*
 * Loaded into a desktop process (startDesktop's clockSkewMs) before anything else: the process's
 * clock reads PORTICO_TEST_CLOCK_SKEW_MS ahead (or behind), as a laptop whose clock is wrong
 * does. Only `new Date()` and `Date.now()` move; dates built from a value are what they say.
 */
const skew = Number(process.env.PORTICO_TEST_CLOCK_SKEW_MS ?? 0);
if (Number.isFinite(skew) && skew !== 0) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + skew);
      else super(...args);
    }
    static now() {
      return RealDate.now() + skew;
    }
  }
  globalThis.Date = SkewedDate;
}
