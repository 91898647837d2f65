import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CartItemEntity } from '../domain/cart-item.entity';

/** Every query of the cart. Writes take the use case's entity manager (last parameter). */
@Injectable()
export class CartItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  linesOf(shopperId: number, em: EntityManager = this.dataSource.manager): Promise<CartItemEntity[]> {
    return em.find(CartItemEntity, { where: { shopperId }, order: { id: 'DESC' } });
  }

  selectedLinesOf(shopperId: number, em: EntityManager = this.dataSource.manager): Promise<CartItemEntity[]> {
    return em.find(CartItemEntity, { where: { shopperId, selected: true }, order: { id: 'ASC' } });
  }

  findLine(shopperId: number, itemId: number, em: EntityManager = this.dataSource.manager): Promise<CartItemEntity | null> {
    return em.findOneBy(CartItemEntity, { id: itemId, shopperId });
  }

  /**
   * Adds `quantity` units to the shopper's line of the SKU in one statement: inserts the line, or
   * increments it atomically when it exists (and selects it). Parallel adds never lose an update
   * and never fail on the unique key; the row stays locked until the transaction ends.
   * Returns the line as it now stands and whether this call created it.
   */
  async addUnits(shopperId: number, skuId: number, quantity: number, em: EntityManager): Promise<{ line: CartItemEntity; created: boolean }> {
    if (em.connection.options.type === 'mysql' || em.connection.options.type === 'mariadb') {
      // An exclusive lock on the duplicate (unlike a plain INSERT's shared one): no deadlock between waiters.
      await em.query(
        'INSERT INTO `cart_item` (`shopper_id`, `sku_id`, `quantity`, `selected`) VALUES (?, ?, ?, 1) ' +
          'ON DUPLICATE KEY UPDATE `quantity` = `quantity` + ?, `selected` = 1',
        [shopperId, skuId, quantity, quantity],
      );
    } else {
      await em.query(
        'INSERT INTO "cart_item" ("shopper_id", "sku_id", "quantity", "selected", "created_at", "updated_at") ' +
          "VALUES (?, ?, ?, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')) " +
          'ON CONFLICT ("shopper_id", "sku_id") DO UPDATE SET "quantity" = "quantity" + excluded."quantity", "selected" = 1, ' +
          "\"updated_at\" = strftime('%Y-%m-%d %H:%M:%f', 'now')",
        [shopperId, skuId, quantity],
      );
    }
    // The row is ours (locked) now, so this read returns the latest quantity, including our units.
    const line = await em.findOneByOrFail(CartItemEntity, { shopperId, skuId });
    // A merged line already held at least one unit, so it ends above `quantity`.
    return { line, created: line.quantity === quantity };
  }

  /**
   * How many lines the shopper's cart holds, as committed by everyone (a locking read on MySQL: it
   * waits for other transactions adding lines to the same cart, so two adds cannot both pass the cap).
   */
  async countLinesForUpdate(shopperId: number, em: EntityManager): Promise<number> {
    const qb = em.createQueryBuilder(CartItemEntity, 'c').where('c.shopperId = :shopperId', { shopperId });
    const type = em.connection.options.type;
    if (type === 'mysql' || type === 'mariadb') qb.setLock('pessimistic_write');
    return qb.getCount();
  }

  save(line: CartItemEntity, em: EntityManager): Promise<CartItemEntity> {
    return em.save(line);
  }

  /** Deletes one of the shopper's lines; false when there was none. */
  async deleteLine(shopperId: number, itemId: number, em: EntityManager): Promise<boolean> {
    const result = await em.delete(CartItemEntity, { id: itemId, shopperId });
    return Boolean(result.affected);
  }

  async deleteLines(shopperId: number, selectedOnly: boolean, em: EntityManager): Promise<number> {
    const result = await em.delete(CartItemEntity, selectedOnly ? { shopperId, selected: true } : { shopperId });
    return result.affected ?? 0;
  }

  async deleteSkus(shopperId: number, skuIds: readonly number[], em: EntityManager): Promise<number> {
    if (skuIds.length === 0) return 0;
    const result = await em.delete(CartItemEntity, { shopperId, skuId: In([...new Set(skuIds)]) });
    return result.affected ?? 0;
  }
}
