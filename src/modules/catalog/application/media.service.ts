import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { BadRequestError, DomainError } from '../../../shared/domain/domain-error';
import { detectMediaType, MediaType } from '../domain/media-type';
import { MediaStorage } from '../infrastructure/media-storage';

export interface UploadedMedia {
  url: string;
  kind: MediaType['kind'];
  contentType: string;
  size: number;
}

@Injectable()
export class MediaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: MediaStorage,
  ) {}

  /** Stores an image (jpeg, png, webp, gif) or an mp4 video, told apart by content, within its size limit. */
  async upload(content: Buffer): Promise<UploadedMedia> {
    const type = detectMediaType(content);
    if (!type) {
      throw new BadRequestError('MEDIA_TYPE_NOT_ALLOWED', 'Only jpeg, png, webp and gif images and mp4 videos can be uploaded');
    }
    const limit = type.kind === 'image' ? this.config.media.maxImageBytes : this.config.media.maxVideoBytes;
    if (content.length > limit) {
      throw new DomainError(413, 'PAYLOAD_TOO_LARGE', `A ${type.kind} may be at most ${limit} bytes`, { limit, size: content.length });
    }
    const stored = await this.storage.save(content, type);
    return { url: stored.url, kind: type.kind, contentType: type.contentType, size: content.length };
  }
}
