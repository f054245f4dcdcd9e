import { describe, expect, it } from 'vitest';
import { applyTagAnswer } from '@/utils/api/answer-rule';

const known = ['VIP-Client', 'newsletter'];

describe('reading add/remove answers (whole list or changed tags)', () => {
  it('an add answered with the whole list: the list is the truth', () => {
    expect(applyTagAnswer('add', ['hot-lead'], ['hot-lead', 'newsletter'], known)).toEqual([
      'hot-lead',
      'newsletter',
    ]);
  });

  it('an add answered with only the added tags: merged into the known list', () => {
    expect(applyTagAnswer('add', ['hot-lead'], ['hot-lead'], known)).toEqual([
      ...known,
      'hot-lead',
    ]);
  });

  it('a lowercasing server: the server’s spelling replaces ours', () => {
    expect(applyTagAnswer('add', ['Hot-Lead'], ['hot-lead'], known)).toEqual([
      ...known,
      'hot-lead',
    ]);
    expect(applyTagAnswer('add', ['vip-client'], ['vip-client'], known)).toEqual([
      'newsletter',
      'vip-client',
    ]);
  });

  it('a remove answered with the removed tags, or with an empty whole list', () => {
    expect(applyTagAnswer('remove', ['newsletter'], ['newsletter'], known)).toEqual(['VIP-Client']);
    expect(applyTagAnswer('remove', ['VIP-Client', 'newsletter'], [], known)).toEqual([]);
  });

  it('a remove answered with the remaining whole list', () => {
    expect(applyTagAnswer('remove', ['newsletter'], ['VIP-Client', 'other'], known)).toEqual([
      'VIP-Client',
      'other',
    ]);
  });

  it('changed-only answers with no known list leave the list unknown', () => {
    expect(applyTagAnswer('add', ['a'], ['a'], undefined)).toBeUndefined();
    expect(applyTagAnswer('add', ['a'], ['a', 'b'], undefined)).toEqual(['a', 'b']);
  });
});
