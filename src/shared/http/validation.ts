import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf, ValidationOptions } from 'class-validator';
import { DomainError } from '../domain/domain-error';

export interface FieldError {
  field: string;
  message: string;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

export class ValidationFailedError extends DomainError {
  constructor(details: FieldError[], message = 'Validation failed') {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

/** whitelist + forbid unknown fields + transform; every failure is a 400 VALIDATION_FAILED with fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}

/**
 * The field may be left out, but not sent as null (unlike @IsOptional, which skips every check for
 * null too and so lets null reach the use case). Fields that accept null to clear a value keep
 * @IsOptional and say `nullable: true` in their documentation.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
