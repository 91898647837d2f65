import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

export interface StoredMedia {
  /** Path under the storage root, e.g. `2025/06/3f…e1.jpg`. */
  key: string;
  /** Public URL shoppers load it from. */
  url: string;
}

/** Where uploaded media go. The local-disk adapter is the default; an object-storage adapter can replace it. */
export abstract class MediaStorage {
  abstract save(content: Buffer, file: { extension: string; contentType: string }): Promise<StoredMedia>;
}

/** Writes under MEDIA_DIR with random names; served at the path of MEDIA_PUBLIC_BASE_URL. */
@Injectable()
export class LocalDiskMediaStorage extends MediaStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async save(content: Buffer, file: { extension: string; contentType: string }): Promise<StoredMedia> {
    const now = new Date();
    const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const key = `${folder}/${randomBytes(16).toString('hex')}.${file.extension}`;
    await mkdir(join(this.config.media.dir, folder), { recursive: true });
    await writeFile(join(this.config.media.dir, key), content, { flag: 'wx' });
    return { key, url: `${this.config.media.publicBaseUrl}/${key}` };
  }
}
