import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn, ValueTransformer } from 'typeorm';

/** bigint comes back from drivers as a string; money and counters are safe integers, so read them as numbers. */
const bigintAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/** An amount of money in integer fen (1/100 yuan). */
export function MoneyColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ type: 'bigint', default: 0, ...options, transformer: bigintAsNumber });
}

/** A UTC instant with millisecond precision. */
export function TimestampColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

export function CreatedAtColumn(): PropertyDecorator {
  return CreateDateColumn({ type: 'datetime', precision: 6 });
}

export function UpdatedAtColumn(): PropertyDecorator {
  return UpdateDateColumn({ type: 'datetime', precision: 6 });
}

/** Structured data stored as JSON text (portable across MySQL and SQLite). */
export function JsonColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({
    type: 'text',
    ...options,
    transformer: {
      to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
      from: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
    },
  });
}
