import { DomainError } from '../../../shared/domain/domain-error';

/** WeChat refused the login code (40029 invalid, 40163 used, 40226 blocked): 401. */
export class WechatLoginRejectedError extends DomainError {
  constructor(message: string, wechatErrcode: number) {
    super(401, 'UNAUTHORIZED', message, { wechatErrcode });
  }
}
