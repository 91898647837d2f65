import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere, IsNull } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { ForbiddenError, NotFoundError } from '../../../shared/domain/domain-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { Page, pageOf } from '../../../shared/http/pagination';
import { ValidationFailedError } from '../../../shared/http/validation';
import { assertStoreInScope, storeScopeWhere } from '../../access';
import { BusinessHoursRange, businessHoursProblems, isValidTimeZone } from '../domain/business-hours';
import { StoreEntity } from '../domain/store.entity';
import { DEFAULT_TIME_ZONE, DeliveryType, StoreStatus } from '../domain/store.types';

export interface StoreInput {
  name?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  phone?: string;
  businessHours?: BusinessHoursRange[];
  deliveryRadiusMeters?: number;
  localDeliveryFee?: number;
  serviceModes?: DeliveryType[];
  status?: StoreStatus;
  timeZone?: string;
}

type Scope = Pick<StaffPrincipal, 'storeIds'>;

/** Staff management of stores, limited to the stores of the caller's scope (others: 404). */
@Injectable()
export class StoreAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async list(scope: Scope, query: { page: number; pageSize: number; status?: StoreStatus }): Promise<Page<StoreEntity>> {
    const where: FindOptionsWhere<StoreEntity> = { deletedAt: IsNull(), ...storeScopeWhere(scope, 'id') };
    if (query.status) where.status = query.status;
    const [items, total] = await this.dataSource.getRepository(StoreEntity).findAndCount({
      where,
      order: { id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  async get(scope: Scope, id: number): Promise<StoreEntity> {
    this.assertInScope(scope, id);
    const store = await this.dataSource.getRepository(StoreEntity).findOneBy({ id, deletedAt: IsNull() });
    if (!store) throw new NotFoundError('Store', { storeId: id });
    return store;
  }

  async create(scope: Scope, input: Required<Omit<StoreInput, 'localDeliveryFee' | 'status' | 'timeZone'>> & StoreInput): Promise<StoreEntity> {
    if (scope.storeIds) throw new ForbiddenError('A staff account limited to some stores cannot create stores');
    validate(input);
    return this.tx.run(async (em) => {
      const store = em.create(StoreEntity, {
        ...input,
        localDeliveryFee: input.localDeliveryFee ?? 0,
        status: input.status ?? 'OPEN',
        timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
        deletedAt: null,
      });
      return em.save(store);
    });
  }

  async update(scope: Scope, id: number, input: StoreInput): Promise<StoreEntity> {
    this.assertInScope(scope, id);
    validate(input);
    return this.tx.run(async (em) => {
      const store = await em.findOneBy(StoreEntity, { id, deletedAt: IsNull() });
      if (!store) throw new NotFoundError('Store', { storeId: id });
      Object.assign(store, stripUndefined(input));
      return em.save(store);
    });
  }

  /** Soft delete: orders keep pointing at the store; it leaves every list and takes no orders. */
  async remove(scope: Scope, id: number): Promise<void> {
    this.assertInScope(scope, id);
    await this.tx.run(async (em) => {
      const result = await em.update(StoreEntity, { id, deletedAt: IsNull() }, { deletedAt: new Date() });
      if (!result.affected) throw new NotFoundError('Store', { storeId: id });
    });
  }

  private assertInScope(scope: Scope, id: number): void {
    assertStoreInScope(scope, id, 'Store');
  }
}

function validate(input: StoreInput): void {
  const problems = input.businessHours ? businessHoursProblems(input.businessHours) : [];
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    problems.push({ field: 'timeZone', message: 'timeZone must be an IANA time zone such as Asia/Shanghai' });
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
