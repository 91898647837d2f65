import { DomainError } from '../../../shared/domain/domain-error';

/** WeChat refused the login code (40029 invalid, 40163 used, 40226 blocked): 401. */
export class WechatLoginRejectedError extends DomainError {
  constructor(message: string, wechatErrcode: number) {
    super(401, 'UNAUTHORIZED', message, { wechatErrcode });
  }
}

/** 401 for a staff login that fails for any reason tied to the account: unknown username, wrong password, disabled. */
export class BadLoginError extends DomainError {
  constructor() {
    super(401, 'UNAUTHORIZED', { zh: '用户名或密码错误', en: 'Wrong username or password' });
  }
}
