import { describe, expect, it } from 'vitest';
import { stagedFileName } from '../../../main/browser-host/staging';

describe('names of files staged by the browser host', () => {
  it('keeps the name the person picked', () => {
    expect(stagedFileName(encodeURIComponent('Pay stub – March.pdf'))).toBe('Pay stub – March.pdf');
  });

  it('never lets a name leave the staging folder or hide', () => {
    expect(stagedFileName(encodeURIComponent('../../etc/passwd'))).toBe('passwd');
    expect(stagedFileName(encodeURIComponent('..\\..\\windows\\win.ini'))).toBe('win.ini');
    expect(stagedFileName(encodeURIComponent('.bashrc'))).toBe('bashrc');
    expect(stagedFileName(encodeURIComponent('a<b>:c?.txt'))).toBe('a_b__c_.txt');
  });

  it('falls back to a plain name when there is none or it cannot be read', () => {
    expect(stagedFileName(undefined)).toBe('file');
    expect(stagedFileName('%E0%A4%A')).toBe('file');
    expect(stagedFileName(encodeURIComponent('..'))).toBe('file');
  });
});
