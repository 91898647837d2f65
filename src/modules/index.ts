import type { DynamicModule, Type } from '@nestjs/common';

/** The bounded contexts, in dependency order. */
export const businessModules: Array<Type<unknown> | DynamicModule> = [];
