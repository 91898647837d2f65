import { registerDecorator, ValidationOptions } from 'class-validator';
import { SPEC_LIMITS } from '../../domain/product-specs';

/** A flat object of spec name → value, both bounded strings. */
export function IsSpecValues(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSpecValues',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `specValues must map at most ${SPEC_LIMITS.groups} spec names (1..16 characters) to values (1..32 characters)`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= SPEC_LIMITS.groups &&
            entries.every(([k, v]) => k.length >= 1 && k.length <= 16 && typeof v === 'string' && v.length >= 1 && v.length <= 32)
          );
        },
      },
    });
}
