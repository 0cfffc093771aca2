import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generated } from '../../scripts/gen-compliance-tables';
import { squash } from './views';
import { phoneticKey } from './phonetic';

describe('generated character tables', () => {
  it('are what the generator makes from OpenCC and pinyin-pro (npm run gen:compliance-tables)', () => {
    for (const [name, text] of Object.entries(generated())) {
      expect({ name, same: readFileSync(join(import.meta.dirname, 'lexicon', name), 'utf8') === text }).toEqual({ name, same: true });
    }
  }, 60_000);

  it('fold traditional characters and homophones the way agents type them', () => {
    expect(squash('聯繫電話 轉賬 好評返現 連結')).toBe(squash('联系电话转账好评返现连结'));
    expect(phoneticKey(squash('威信'))).toBe(phoneticKey(squash('微信')));
    expect(phoneticKey(squash('薇信'))).toBe(phoneticKey(squash('微信')));
  });
});
