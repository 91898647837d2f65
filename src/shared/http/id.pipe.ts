import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from './validation';

/** The largest id a column holds (signed 32-bit INT, MySQL's and TypeORM's default). */
export const MAX_ID = 2_147_483_647;

const PLAIN_DECIMAL = /^[1-9][0-9]{0,9}$/;
const ID_MESSAGE = { zh: '必须是正整数 ID（十进制，不带前导零）', en: 'must be a positive integer id (plain decimal, no leading zeros)' };

/**
 * The one pipe for ids in a path: plain decimal digits without sign, leading zeros, exponent,
 * spaces or hex, from 1 to MAX_ID; anything else is 400 VALIDATION_FAILED naming the parameter.
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const n = typeof value === 'string' && PLAIN_DECIMAL.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_ID)) {
      throw new ValidationFailedError([{ field: metadata.data ?? 'id', message: ID_MESSAGE }]);
    }
    return n;
  }
}
