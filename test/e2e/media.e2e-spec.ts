import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/app-factory';
import { ApiClient, asAdmin } from '../support/clients';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size: number) => Buffer.concat([Buffer.from(PNG_SIGNATURE), Buffer.alloc(size - PNG_SIGNATURE.length, 7)]);
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 1)]);
const gif = (size: number) => Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(size - 6, 2)]);
const webp = (size: number) => Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(size - 16, 3)]);
const mp4 = (size: number) => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(size - 12, 4)]);

/** Every file under the media directory (uploads land in year/month folders). */
function storedFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('media uploads', () => {
  let t: TestApp;
  let staff: ApiClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { MEDIA_MAX_IMAGE_BYTES: '4096', MEDIA_MAX_VIDEO_BYTES: '8192' } });
    staff = await asAdmin(t, ['media:write']);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A multipart request as the given staff client (the clients' post() sends JSON). */
  const multipart = (client: ApiClient = staff) => t.http().post('/api/v1/admin/media').set('Authorization', `Bearer ${client.token}`);
  const upload = (content: Buffer, filename: string, contentType = 'application/octet-stream', client = staff) =>
    multipart(client).attach('file', content, { filename, contentType });

  it.each([
    ['png', png(1000), 'image/png', 'image'],
    ['jpeg', jpeg(1000), 'image/jpeg', 'image'],
    ['gif', gif(1000), 'image/gif', 'image'],
    ['webp', webp(1000), 'image/webp', 'image'],
    ['mp4', mp4(6000), 'video/mp4', 'video'],
  ])('stores a %s and serves it at its public URL', async (_name, content, contentType, kind) => {
    const res = await upload(content, 'upload.bin').expect(201);
    expect(res.body).toMatchObject({ kind, contentType, size: content.length });
    const publicBase = t.config.media.publicBaseUrl;
    expect(res.body.url.startsWith(`${publicBase}/`)).toBe(true);
    const served = await t.http().get(new URL(res.body.url).pathname).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(served.headers['content-type']).toContain(contentType);
    expect(Buffer.compare(served.body as Buffer, content)).toBe(0);
  });

  it('gives every upload a new random name', async () => {
    const a = await upload(png(500), 'same.png').expect(201);
    const b = await upload(png(500), 'same.png').expect(201);
    expect(a.body.url).not.toBe(b.body.url);
    expect(a.body.url).not.toContain('same');
  });

  it('refuses content that is no allowed type, whatever its name and declared type, and stores nothing', async () => {
    const before = storedFiles(t.config.media.dir).length;
    const text = await upload(Buffer.from('<?php echo "hi"; ?>'), 'innocent.png', 'image/png').expect(400);
    expect(text.body.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
    const heic = await upload(Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(100)]), 'photo.mp4', 'video/mp4').expect(400);
    expect(heic.body.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
    expect(storedFiles(t.config.media.dir)).toHaveLength(before);
  });

  it('refuses an image over the image limit with 413, and stores nothing', async () => {
    const before = storedFiles(t.config.media.dir).length;
    const res = await upload(png(5000), 'big.png').expect(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 4096, size: 5000 } });
    expect(storedFiles(t.config.media.dir)).toHaveLength(before);
  });

  it('refuses any file over the largest limit with 413 before reading it all, and stores nothing', async () => {
    const before = storedFiles(t.config.media.dir).length;
    const res = await upload(mp4(9000), 'long.mp4').expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(storedFiles(t.config.media.dir)).toHaveLength(before);
  });

  it('refuses a request without a file, or with the file under another field name', async () => {
    const none = await multipart().field('note', 'no file').expect(400);
    expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'file', message: expect.any(String) }] });
    await multipart().attach('image', png(100), 'a.png').expect(400);
  });

  it('needs media:write', async () => {
    const other = await asAdmin(t, ['product:write']);
    await upload(png(100), 'a.png', 'image/png', other).expect(403);
    await t.http().post('/api/v1/admin/media').attach('file', png(100), 'a.png').expect(401);
  });

  it('does not serve files outside the media directory', async () => {
    await t.http().get('/media/../package.json').expect(404);
    await t.http().get('/media/%2e%2e/package.json').expect(404);
  });
});
