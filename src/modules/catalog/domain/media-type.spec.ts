import { detectMediaType } from './media-type';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('media type from magic bytes', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg', 'jpg'],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png', 'png'],
    ['gif87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif', 'gif'],
    ['gif89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif', 'gif'],
    ['webp', bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'webp'],
    ['mp4', bytes([0, 0, 0, 24], 'ftypisom', [0, 0, 2, 0], 'isomiso2'), 'video/mp4', 'mp4'],
  ])('recognises %s', (_name, content, contentType, extension) => {
    expect(detectMediaType(content)).toEqual(expect.objectContaining({ contentType, extension }));
  });

  it.each([
    ['text', bytes('hello, this is not an image')],
    ['pdf', bytes('%PDF-1.7\n')],
    ['a RIFF that is not WEBP (wav)', bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt ')],
    ['HEIC, which has an ftyp box but is an image', bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0])],
    ['QuickTime', bytes([0, 0, 0, 20], 'ftypqt  ', [0, 0, 0, 0])],
    ['a truncated png signature', bytes([0x89, 0x50, 0x4e])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, content) => {
    expect(detectMediaType(content)).toBeNull();
  });
});
