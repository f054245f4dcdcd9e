import { describe, expect, it } from 'vitest';
import { MAX_CONNECTION_LINES, parseConnectionLines } from '@/utils/settings/connection-lines';

const A = 'Rk7sWq2LmX9dTz4NbV1c';
const B = 'Zz7sWq2LmX9dTz4NbV1c';

describe('pasted connections', () => {
  it('reads one connection per line, spaces, tabs or commas between, with an optional name', () => {
    const text = `# location, token, name\n${A}\tpit-aaa\tSunrise Dental\n\n${B}, pit-bbb\n`;
    expect(parseConnectionLines(text)).toEqual({
      connections: [
        { line: 2, locationId: A, token: 'pit-aaa', name: 'Sunrise Dental' },
        { line: 4, locationId: B, token: 'pit-bbb' },
      ],
      refused: [],
    });
  });

  it('refuses each bad line with its reason and keeps the good ones', () => {
    const text = [`${A} pit-aaa`, 'not-an-id pit-x', B, `${A} pit-again`].join('\r\n');
    const parsed = parseConnectionLines(text);
    expect(parsed.connections.map((c) => c.line)).toEqual([1]);
    expect(parsed.refused).toEqual([
      { line: 2, reason: expect.stringContaining('location ID') },
      { line: 3, reason: expect.stringContaining('token must follow') },
      { line: 4, reason: expect.stringContaining('already on line 1') },
    ]);
  });

  it('stops at a bound, saying so once', () => {
    const lines = Array.from({ length: MAX_CONNECTION_LINES + 20 }, (_, i) => `junk-${i}`).join(
      '\n',
    );
    const parsed = parseConnectionLines(lines);
    expect(parsed.refused).toHaveLength(MAX_CONNECTION_LINES + 1);
    expect(parsed.refused.at(-1)?.reason).toMatch(/Only 500 connections/);
  });
});
