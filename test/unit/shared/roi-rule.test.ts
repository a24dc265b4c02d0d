import { describe, expect, it } from 'vitest';
import { canRequestRoi, isRoiInForce, roiTerm } from '../../../shared/domain/roi-rule';

const TODAY = '2026-11-25';
const endingIn = (days: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const roi = (endDate: string, active = true) => ({ startDate: '2026-01-01', endDate, active });

describe('the Release of Information rule', () => {
  it('allows a request when the client has no ROI', () => {
    expect(canRequestRoi([], TODAY)).toBe(true);
  });

  it('allows it when the ROI in force expires within 7 days, and refuses it at 8', () => {
    expect(canRequestRoi([roi(endingIn(6))], TODAY)).toBe(true);
    expect(canRequestRoi([roi(endingIn(7))], TODAY)).toBe(true);
    expect(canRequestRoi([roi(endingIn(8))], TODAY)).toBe(false);
  });

  it('allows it when the ROIs are inactive or already expired', () => {
    expect(canRequestRoi([roi(endingIn(200), false)], TODAY)).toBe(true);
    expect(canRequestRoi([roi(endingIn(-1))], TODAY)).toBe(true);
    expect(isRoiInForce(roi(endingIn(0)), TODAY)).toBe(true);
  });

  it('refuses when any ROI in force has more than 7 days left', () => {
    expect(canRequestRoi([roi(endingIn(3)), roi(endingIn(90))], TODAY)).toBe(false);
  });

  it('gives a signed ROI the agency’s default term', () => {
    expect(roiTerm('2026-11-25', 365)).toEqual({ startDate: '2026-11-25', endDate: '2027-11-25' });
  });
});
