import { describe, expect, it } from 'vitest';
import { checkQuickTags, MAX_QUICK_TAGS, quickTagsFor } from '@/utils/settings/quick-tags';
import { exportSettings, readSettingsFile } from '@/utils/settings/transfer';
import { defaultSettings } from '@/utils/storage/schemas';

const LOCATION = 'Rk7sWq2LmX9dTz4NbV1c';
const settings = {
  ...defaultSettings(),
  undoWindowSeconds: 5,
  quickTags: ['hot-lead', '⭐ 5-star review'],
  quickTagsByLocation: { [LOCATION]: ['VIP-Client'] },
  domains: ['app.myagency.com'],
};
const names = { [LOCATION]: 'Sunrise Dental' };

describe('settings file', () => {
  it('round-trips quick tags, per-location lists, the undo window, domains and names, and holds no token', () => {
    const file = exportSettings(settings, names);
    const text = JSON.stringify(file);
    expect(text).not.toMatch(/token|pit-/i);
    expect(readSettingsFile(text)).toEqual({
      ok: true,
      settings: {
        undoWindowSeconds: 5,
        quickTags: settings.quickTags,
        quickTagsByLocation: settings.quickTagsByLocation,
        domains: ['app.myagency.com'],
      },
      connectionNames: names,
    });
  });

  it('reads a file without domains and names (written before they existed)', () => {
    const { domains: _, connectionNames: __, ...older } = exportSettings(settings, names);
    expect(readSettingsFile(JSON.stringify(older))).toMatchObject({
      ok: true,
      settings: { domains: [] },
      connectionNames: {},
    });
  });

  it('refuses foreign, damaged, newer and bad files with a reason', () => {
    const good = exportSettings(settings, names);
    const cases: [unknown, RegExp][] = [
      ['not json at all', /not JSON/],
      [{ hello: 'world' }, /not a Contact Tags settings file/],
      [{ ...good, format: 'something-else' }, /not a Contact Tags settings file/],
      [{ ...good, version: 2 }, /newer version/],
      [{ ...good, undoWindowSeconds: 60 }, /damaged/],
      [{ ...good, token: 'pit-123' }, /damaged/],
      [{ ...good, quickTags: ['a,b'] }, /comma/],
      [{ ...good, quickTags: ['vip', 'VIP'] }, /already a quick tag/],
      [{ ...good, quickTagsByLocation: { 'not-an-id': ['x'] } }, /not a location ID/],
      [{ ...good, domains: ['*.myagency.com'] }, /Wildcards/],
      [{ ...good, connectionNames: { 'not-an-id': 'x' } }, /not a location ID/],
      [{ ...good, domains: ['*.myagency.com'] }, /Wildcards/],
      [{ ...good, connectionNames: { 'not-an-id': 'x' } }, /not a location ID/],
    ];
    for (const [content, reason] of cases) {
      const read = readSettingsFile(
        typeof content === 'string' ? content : JSON.stringify(content),
      );
      expect(read.ok, JSON.stringify(content)).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(reason);
    }
    expect(readSettingsFile('x'.repeat(1_000_001))).toMatchObject({ ok: false });
  });
});

describe('quick tags', () => {
  it('are checked by the tag rules, case-insensitively unique, and bounded', () => {
    expect(checkQuickTags(['  hot  lead ', 'vip'])).toEqual({
      ok: true,
      tags: ['hot lead', 'vip'],
    });
    expect(checkQuickTags([''])).toMatchObject({ ok: false });
    expect(
      checkQuickTags(Array.from({ length: MAX_QUICK_TAGS + 1 }, (_, i) => `t${i}`)),
    ).toMatchObject({ ok: false });
  });

  it('a location’s own list replaces the shared one on its pages only', () => {
    expect(quickTagsFor(settings, LOCATION)).toEqual(['VIP-Client']);
    expect(quickTagsFor(settings, 'Zz7sWq2LmX9dTz4NbV1c')).toEqual(settings.quickTags);
    expect(quickTagsFor(settings, undefined)).toEqual(settings.quickTags);
  });
});
