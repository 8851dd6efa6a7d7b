import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (s: string) => writes.push(s) } };
}

describe('progress', () => {
  it('prints plain lines off a terminal: on a phase change and every 5 s within one, never a carriage return', () => {
    let t = 0;
    const { writes, stream } = sink(false);
    const p = createProgress({ label: 'Demo', stream, now: () => t });
    p.update('products', 0);
    p.update('products', 0.5);
    t = 1000;
    p.update('sales', 0.1);
    for (let f = 0.11; f < 0.9; f += 0.01) p.update('sales', f);
    t = 6000;
    p.update('sales', 0.95);
    p.update('sales', 1);
    t = 12_000;
    p.done('Demo data loaded');
    expect(writes).toEqual([
      'Demo:   0%  products  (0s)\n',
      'Demo:  10%  sales  (1s)\n',
      'Demo:  95%  sales  (6s)\n',
      'Demo data loaded (12s)\n',
    ]);
  });

  it('redraws one line on a terminal and ends it with a newline', () => {
    let t = 0;
    const { writes, stream } = sink(true);
    const p = createProgress({ label: 'Demo', stream, now: () => t });
    p.update('products', 0.5);
    t = 10;
    p.update('products', 0.51); // too soon to redraw
    t = 200;
    p.update('products', 0.75);
    p.done();
    p.update('late', 0.9); // ignored after done
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\r\x1b\[2KDemo █+░+  50%  products/);
    expect(writes[1]).toMatch(/ 75%  products/);
    expect(writes[2]).toBe('\r\x1b[2KDemo: done (0s)\n');
  });

  it('clamps nonsense fractions', () => {
    const { writes, stream } = sink(false);
    const p = createProgress({ label: 'X', stream, now: () => 0 });
    p.update('a', Number.NaN);
    p.update('b', 7);
    expect(writes).toEqual(['X:   0%  a  (0s)\n', 'X: 100%  b  (0s)\n']);
  });
});
