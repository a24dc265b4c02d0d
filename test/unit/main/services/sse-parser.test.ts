import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../../main/services/sync/sse-parser';

describe('server-sent event parsing', () => {
  it('reads events, multi-line data and ignores comments', () => {
    const parser = new SseParser();
    const messages = parser.push(': keep-alive\n\nevent: changes\ndata: {"a":1}\n\ndata: one\ndata: two\n\n');
    expect(messages).toEqual([
      { event: 'changes', data: '{"a":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const stream =
      'event: resync\ndata: {}\n\nevent: changes\r\ndata: {"x":"y"}\r\n\r\n: ping\n\nevent: changes\ndata: 3\n\n';
    const whole = new SseParser().push(stream);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
        const parser = new SseParser();
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const out = [];
        let from = 0;
        for (const point of [...points, stream.length]) {
          out.push(...parser.push(stream.slice(from, point)));
          from = point;
        }
        expect(out).toEqual(whole);
      }),
    );
  });
});
