import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { DomainError, LocalizedText } from '../domain/domain-error';

/** One refused field: its path (`items.0.quantity`) and why, in both languages. */
export interface FieldError {
  field: string;
  message: LocalizedText | string;
}

const VALIDATION_FAILED: LocalizedText = { zh: '请求参数校验失败', en: 'Validation failed' };

function both(message: LocalizedText | string): LocalizedText {
  return typeof message === 'string' ? { zh: message, en: message } : message;
}

export class ValidationFailedError extends DomainError {
  readonly fields: ReadonlyArray<{ field: string; text: LocalizedText }>;

  constructor(details: FieldError[], message: LocalizedText | string = VALIDATION_FAILED) {
    const fields = details.map((d) => ({ field: d.field, text: both(d.message) }));
    super(400, 'VALIDATION_FAILED', message, fields.map((f) => ({ field: f.field, message: f.text.en })));
    this.fields = fields;
  }

  override detailsIn(language: keyof LocalizedText): Array<{ field: string; message: string }> {
    return this.fields.map((f) => ({ field: f.field, message: f.text[language] }));
  }
}

// ---------------------------------------------------------------------------------------------
// class-validator messages in Chinese, per constraint, with the constraint's own arguments.

type Translate = (args: unknown[]) => string;

function listOf(values: unknown): string {
  const list = Array.isArray(values) ? values : values && typeof values === 'object' ? Object.values(values) : [];
  return list.map(String).join('、');
}

/** Chinese for each class-validator constraint (the key class-validator names it by). */
const ZH: Record<string, Translate> = {
  isDefined: () => '必须提供',
  isNotEmpty: () => '不能为空',
  isEmpty: () => '必须为空',
  isString: () => '必须是字符串',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是布尔值',
  isArray: () => '必须是数组',
  isObject: () => '必须是对象',
  isNotEmptyObject: () => '不能是空对象',
  isDate: () => '必须是日期',
  isDateString: () => '必须是 ISO 8601 日期时间',
  isISO8601: () => '必须是 ISO 8601 日期时间',
  isEnum: ([entity, valid]) => `必须是以下值之一：${listOf(Array.isArray(valid) ? valid : entity)}`,
  isIn: ([values]) => `必须是以下值之一：${listOf(values)}`,
  isNotIn: ([values]) => `不能是以下值之一：${listOf(values)}`,
  equals: ([value]) => `必须等于 ${String(value)}`,
  notEquals: ([value]) => `不能等于 ${String(value)}`,
  min: ([n]) => `不能小于 ${String(n)}`,
  max: ([n]) => `不能大于 ${String(n)}`,
  isPositive: () => '必须是正数',
  isNegative: () => '必须是负数',
  minLength: ([n]) => `长度不能少于 ${String(n)} 个字符`,
  maxLength: ([n]) => `长度不能超过 ${String(n)} 个字符`,
  isLength: ([min, max]) => (max === undefined ? `长度不能少于 ${String(min)} 个字符` : `长度必须在 ${String(min)} 到 ${String(max)} 个字符之间`),
  arrayMinSize: ([n]) => `至少需要 ${String(n)} 项`,
  arrayMaxSize: ([n]) => `最多只能有 ${String(n)} 项`,
  arrayNotEmpty: () => '不能为空数组',
  arrayUnique: () => '不能有重复项',
  matches: () => '格式不正确',
  isUrl: () => '必须是有效的网址',
  isEmail: () => '必须是有效的电子邮箱',
  isUUID: () => '必须是 UUID',
  isLatitude: () => '必须是有效的纬度',
  isLongitude: () => '必须是有效的经度',
  isMobilePhone: () => '必须是有效的手机号码',
  isPhoneNumber: () => '必须是有效的电话号码',
  isNumberString: () => '必须是数字字符串',
  whitelistValidation: () => '不允许此字段',
  nestedValidation: () => '必须是对象或对象数组',
  unknownValue: () => '无法识别的值',
};

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** The rules class-validator holds for a class, by property and constraint name (cached). */
const rulesByClass = new WeakMap<Function, Map<string, ValidationMetadata>>();

function rulesOf(target: Function): Map<string, ValidationMetadata> {
  let rules = rulesByClass.get(target);
  if (!rules) {
    rules = new Map();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
      const key = `${m.propertyName}:${m.name ?? m.type}`;
      if (!rules.has(key)) rules.set(key, m);
    }
    rulesByClass.set(target, rules);
  }
  return rules;
}

function translate(error: ValidationError, constraint: string, english: string): LocalizedText {
  const target = error.target && typeof error.target === 'object' ? (error.target as object).constructor : undefined;
  const rule = target ? rulesOf(target).get(`${error.property}:${constraint}`) : undefined;
  const zh = ZH[constraint]?.(rule?.constraints ?? []) ?? '格式不正确';
  return { zh: rule?.each ? `每一项${zh}` : zh, en: english };
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ field, message: translate(error, constraint, message) }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

// ---------------------------------------------------------------------------------------------
// Control characters: refused in every string, except line breaks and tabs in long text fields.

const LONG_TEXT = 'longText';
/** C0 controls and DEL. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** The same, less line feed, carriage return and tab. */
const CONTROL_IN_LONG_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_TEXT: LocalizedText = { zh: '不能包含控制字符', en: 'must not contain control characters' };
const CONTROL_IN_LONG_TEXT_TEXT: LocalizedText = { zh: '除换行和制表符外不能包含控制字符', en: 'must not contain control characters other than line breaks and tabs' };

/**
 * A long text field (a description, remark or reason): line breaks and tabs are allowed in it.
 * Every other string of a body or query refuses all control characters. Kept with class-validator's
 * rules, so that mapped types (PartialType, PickType) inherit it.
 */
export function LongText(): PropertyDecorator {
  return ValidateBy({ name: LONG_TEXT, validator: { validate: () => true } });
}

function isLongText(holder: object | null, property: string): boolean {
  if (!holder || holder.constructor === Object || Array.isArray(holder)) return false;
  return rulesOf(holder.constructor).has(`${property}:${LONG_TEXT}`);
}

/** Every string (and object key) with a control character it may not hold, by field path. */
export function findControlCharacters(value: unknown, root: string): FieldError[] {
  const found: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; long: boolean }> = [{ value, path: root, long: false }];
  const seen = new Set<object>();
  while (stack.length > 0 && found.length < 20) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if ((item.long ? CONTROL_IN_LONG_TEXT : CONTROL).test(item.value)) {
        found.push({ field: item.path, message: item.long ? CONTROL_IN_LONG_TEXT_TEXT : CONTROL_TEXT });
      }
      continue;
    }
    if (!item.value || typeof item.value !== 'object' || seen.has(item.value) || ArrayBuffer.isView(item.value)) continue;
    seen.add(item.value);
    const holder = item.value as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (CONTROL.test(key)) found.push({ field: path, message: CONTROL_TEXT });
      const long = Array.isArray(holder) ? item.long : isLongText(holder, key);
      stack.push({ value: holder[key], path, long });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

/**
 * whitelist + forbid unknown fields + transform; every failure is a 400 VALIDATION_FAILED with
 * fields. Path parameters reach their pipe (IdPipe) as the text received, not as a number Nest
 * guessed from it (`+"0x1"` is 1). Strings with control characters are refused.
 */
class ShopValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return value;
    const result = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = findControlCharacters(result, metadata.data ?? '');
      if (problems.length > 0) throw new ValidationFailedError(problems);
    }
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ShopValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target lets the Chinese message be built from the rule's arguments; it never reaches the body.
    validationError: { target: true, value: false },
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
