/** The scripts and stylesheets a documentation page loads, as absolute paths on the same server. */
export function pageAssets(pagePath: string, html: string): string[] {
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
  return refs.map((ref) => new URL(ref, `http://server${pagePath}`)).filter((url) => url.host === 'server').map((url) => url.pathname);
}

export const DOCS_PAGES = ['/swagger-ui', '/redoc', '/rapidoc'] as const;
