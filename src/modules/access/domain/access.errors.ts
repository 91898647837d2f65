import { ConflictError } from '../../../shared/domain/domain-error';

export class SuperAdminRoleProtectedError extends ConflictError {
  constructor(what: string) {
    super('SUPER_ADMIN_ROLE_PROTECTED', `The super admin role cannot be ${what}`);
  }
}

export class LastSuperAdminError extends ConflictError {
  constructor() {
    super('LAST_SUPER_ADMIN', 'At least one active staff account must keep the super admin role');
  }
}
