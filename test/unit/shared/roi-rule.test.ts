import { describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../../shared/domain/requests';
import {
  canRequestRoi,
  duplicateRoiIndexes,
  isRoiInForce,
  openRoiRequestText,
  roiRequestRefusal,
  roiTerm,
} from '../../../shared/domain/roi-rule';

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

describe('one active ROI per client', () => {
  const NOW = new Date('2026-11-25T18:00:00Z');
  const request = (status: RequestStatus, sentAt: string, expiresAt = '2026-12-20T00:00:00Z') => ({
    status,
    sentAt,
    expiresAt,
  });

  it('refuses while another ROI request is open, naming the one sent first', () => {
    const older = request('viewed', '2026-11-01T09:00:00Z');
    const newer = request('sent', '2026-11-20T09:00:00Z');
    expect(roiRequestRefusal([], [newer, older], TODAY, NOW)).toEqual({
      reason: 'open_request',
      request: older,
    });
  });

  it('lets it go when the other requests are closed or past their expiry', () => {
    const closed = (['completed', 'cancelled', 'expired'] as const).map((status) =>
      request(status, '2026-11-01T09:00:00Z'),
    );
    const lapsed = request('sent', '2026-10-01T09:00:00Z', '2026-11-25T17:59:59Z');
    expect(roiRequestRefusal([], [...closed, lapsed], TODAY, NOW)).toBeNull();
  });

  it('answers with the product’s rule first: an ROI in force beats an open request', () => {
    const open = request('sent', '2026-11-20T09:00:00Z');
    expect(roiRequestRefusal([roi(endingIn(30))], [open], TODAY, NOW)).toEqual({ reason: 'active_roi' });
    expect(roiRequestRefusal([roi(endingIn(5))], [], TODAY, NOW)).toBeNull();
  });

  it('names what the reader may know, and nothing of a request hidden from them', () => {
    const facts = { senderName: 'Priya Shah', agencyName: 'Harbor Light Outreach', sentOn: 'Nov 20, 2026' };
    expect(openRoiRequestText({ ...facts, sentByViewer: false })).toBe(
      'This client already has an open Release of Information request, sent by Priya Shah (Harbor Light Outreach) on Nov 20, 2026. Only one can be open at a time: wait until the client signs it, or ask Priya Shah to cancel it.',
    );
    expect(openRoiRequestText({ ...facts, sentByViewer: true })).toContain('you sent it on Nov 20, 2026');
    const hidden = openRoiRequestText(null);
    expect(hidden).toContain('open Release of Information request');
    for (const secret of ['Priya', 'Harbor', 'Nov']) expect(hidden).not.toContain(secret);
  });
});

describe('duplicate ROIs', () => {
  const signed = (startOffset: number, endOffset: number, active = true) => ({
    startDate: endingIn(startOffset),
    endDate: endingIn(endOffset),
    active,
  });

  it('flags an ROI signed while another was in force and not in its last week', () => {
    expect(duplicateRoiIndexes([signed(-100, 265), signed(-10, 355)], TODAY)).toEqual([1]);
    // Listed newest first, the later-signed one is still the one flagged.
    expect(duplicateRoiIndexes([signed(-10, 355), signed(-100, 265)], TODAY)).toEqual([0]);
    // Signed the same day: the second of the two.
    expect(duplicateRoiIndexes([signed(-3, 362), signed(-3, 362)], TODAY)).toEqual([1]);
  });

  it('does not flag a renewal signed in the last 7 days of the one before, nor ROIs no longer in force', () => {
    expect(duplicateRoiIndexes([signed(-362, 3), signed(-2, 363)], TODAY)).toEqual([]);
    expect(duplicateRoiIndexes([signed(-364, 1), signed(-6, 359)], TODAY)).toEqual([]);
    expect(duplicateRoiIndexes([signed(-364, 1), signed(-7, 358)], TODAY)).toEqual([1]);
    expect(duplicateRoiIndexes([signed(-364, 9), signed(-10, 355)], TODAY)).toEqual([1]);
    expect(duplicateRoiIndexes([signed(-200, 165, false), signed(-10, 355)], TODAY)).toEqual([]);
    expect(duplicateRoiIndexes([signed(-400, -35), signed(-30, 335)], TODAY)).toEqual([]);
  });
});
