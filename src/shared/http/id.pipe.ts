import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from './validation';

/** A path id: a positive 32-bit integer, else 400 VALIDATION_FAILED naming the parameter. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > 2_147_483_647) {
      throw new ValidationFailedError([{ field: metadata.data ?? 'id', message: 'must be a positive integer id' }]);
    }
    return n;
  }
}
