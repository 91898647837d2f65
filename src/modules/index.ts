import type { DynamicModule, Type } from '@nestjs/common';
import { AccessModule } from './access';
import { AuditModule } from './audit';
import { IdentityModule } from './identity';

/** The bounded contexts, in dependency order. */
export const businessModules: Array<Type<unknown> | DynamicModule> = [IdentityModule, AccessModule, AuditModule];
