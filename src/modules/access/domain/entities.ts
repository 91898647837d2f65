import { RoleEntity } from './role.entity';
import { StaffRoleEntity } from './staff-role.entity';
import { StaffStoreScopeEntity } from './staff-store-scope.entity';

export const accessEntities: Function[] = [RoleEntity, StaffRoleEntity, StaffStoreScopeEntity];
