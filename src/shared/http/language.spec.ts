import { pickLanguage } from './language';

describe('pickLanguage', () => {
  it.each<[string | undefined, 'zh' | 'en']>([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh-CN', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh;q=0.5, en;q=0.9', 'en'],
    ['en;q=0, zh', 'zh'],
    ['fr-FR, en;q=0.3', 'en'],
    ['fr, de', 'zh'],
    ['*', 'zh'],
    ['english', 'zh'],
    ['en;q=bogus', 'en'],
  ])('answers %p in %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});
