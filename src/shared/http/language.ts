import type { LocalizedText } from '../domain/domain-error';

/** The languages the API answers in. */
export type Language = 'zh' | 'en';

/**
 * The answer language for an `Accept-Language` header: the supported language (zh, en) the client
 * ranks highest (q-values honoured, q=0 refused); zh-CN when it names neither or sends none.
 */
export function pickLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'zh';
  const ranked = value
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.q > 0 && r.q <= 1)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
  }
  return 'zh';
}

export function inLanguage(text: LocalizedText, language: Language): string {
  return text[language];
}
