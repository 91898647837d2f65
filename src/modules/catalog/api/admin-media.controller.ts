import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { ValidationFailedError } from '../../../shared/http/validation';
import { MediaService } from '../application/media.service';
import { CatalogPermissions } from '../catalog.permissions';
import { MediaUploadedDto } from './dto/media.dto';

/** The part of multer's file object this route reads (memory storage). */
interface MultipartFile {
  buffer: Buffer;
  size: number;
}

@ApiTags('admin / media')
@Controller('admin/media')
export class AdminMediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @RequirePermissions(CatalogPermissions['media:write'])
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload an image (jpeg, png, webp, gif) or an mp4 video, recognised by its content',
    description: '400 MEDIA_TYPE_NOT_ALLOWED for any other content; 413 PAYLOAD_TOO_LARGE past MEDIA_MAX_IMAGE_BYTES / MEDIA_MAX_VIDEO_BYTES.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: MediaUploadedDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto })
  async upload(@UploadedFile() file: MultipartFile | undefined): Promise<MediaUploadedDto> {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: 'a multipart file field named "file" is required' }]);
    return this.media.upload(file.buffer);
  }
}
