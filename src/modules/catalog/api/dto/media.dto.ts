import { ApiProperty } from '@nestjs/swagger';

export class MediaUploadedDto {
  @ApiProperty({ example: 'http://localhost:3000/media/2025/06/3f2a…e1.jpg' }) url: string;
  @ApiProperty({ enum: ['image', 'video'], enumName: 'MediaKind' }) kind: 'image' | 'video';
  @ApiProperty({ example: 'image/jpeg', description: 'Detected from the content, not from the name' }) contentType: string;
  @ApiProperty({ type: 'integer', example: 48213, description: 'bytes' }) size: number;
}
