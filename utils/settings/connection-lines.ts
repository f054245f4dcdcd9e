import { isHighLevelId } from '../detect/ids';

export interface ConnectionLine {
  line: number;
  locationId: string;
  token: string;
  name?: string;
}

/** At most this many connections in one paste (an agency's whole roster). */
export const MAX_CONNECTION_LINES = 500;

/**
 * Reads pasted connections, one per line: `locationId token` and an optional name after
 * them, separated by spaces, tabs or commas (a spreadsheet's columns). Blank lines and
 * `#` comments are skipped; every other line is taken or refused with its reason.
 */
export function parseConnectionLines(text: string): {
  connections: ConnectionLine[];
  refused: { line: number; reason: string }[];
} {
  const connections: ConnectionLine[] = [];
  const refused: { line: number; reason: string }[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    if (connections.length + refused.length >= MAX_CONNECTION_LINES) {
      if (connections.length + refused.length === MAX_CONNECTION_LINES) {
        refused.push({
          line,
          reason: `Only ${MAX_CONNECTION_LINES} connections at a time; this line and the rest were left out.`,
        });
      }
      return;
    }
    const [locationId = '', token = '', ...rest] = content.split(/[\s,;]+/);
    const name = rest.join(' ').trim() || undefined;
    if (!isHighLevelId(locationId)) {
      refused.push({
        line,
        reason: 'The first column must be a location ID (20 letters and digits).',
      });
    } else if (token === '') {
      refused.push({ line, reason: 'A token must follow the location ID.' });
    } else if (seen.has(locationId)) {
      refused.push({
        line,
        reason: `Location ${locationId} is already on line ${seen.get(locationId)}.`,
      });
    } else {
      seen.set(locationId, line);
      connections.push({ line, locationId, token, ...(name ? { name } : {}) });
    }
  });
  return { connections, refused };
}
