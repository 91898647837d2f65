export interface MediaType {
  kind: 'image' | 'video';
  contentType: string;
  extension: string;
}

/** ISO base media brands of MP4 video (HEIC/AVIF images and QuickTime share the `ftyp` box and are not MP4). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'M4VP', 'mmp4', 'MSNV', 'f4v ']);

const startsWith = (buf: Buffer, bytes: number[], offset = 0) => buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
const ascii = (buf: Buffer, start: number, end: number) => (buf.length >= end ? buf.toString('latin1', start, end) : '');

/** Tells the type from the content's magic bytes (never from the name or the declared type); null when not allowed. */
export function detectMediaType(content: Buffer): MediaType | null {
  if (startsWith(content, [0xff, 0xd8, 0xff])) return { kind: 'image', contentType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', contentType: 'image/png', extension: 'png' };
  const gif = ascii(content, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return { kind: 'image', contentType: 'image/gif', extension: 'gif' };
  if (ascii(content, 0, 4) === 'RIFF' && ascii(content, 8, 12) === 'WEBP') return { kind: 'image', contentType: 'image/webp', extension: 'webp' };
  if (ascii(content, 4, 8) === 'ftyp' && MP4_BRANDS.has(ascii(content, 8, 12))) return { kind: 'video', contentType: 'video/mp4', extension: 'mp4' };
  return null;
}
