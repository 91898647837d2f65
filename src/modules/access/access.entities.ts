import { RoleEntity } from './domain/role.entity';
import { StaffRoleEntity } from './domain/staff-role.entity';
import { StaffStoreScopeEntity } from './domain/staff-store-scope.entity';

/** The tables of the access context, contributed to the data source by src/entities.ts. */
export const accessEntities: Function[] = [RoleEntity, StaffRoleEntity, StaffStoreScopeEntity];
