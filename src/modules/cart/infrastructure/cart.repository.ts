import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The cart root row (see CartEntity). */
@Injectable()
export class CartRepository {
  /**
   * Creates the shopper's cart row if needed and locks it until the transaction ends. An upsert
   * takes an exclusive lock on the duplicate (a plain INSERT takes a shared one, and two shared
   * holders deadlock when both upgrade).
   */
  async lock(shopperId: number, em: EntityManager): Promise<void> {
    const type = em.connection.options.type;
    if (type === 'mysql' || type === 'mariadb') {
      await em.query('INSERT INTO `cart` (`shopper_id`) VALUES (?) ON DUPLICATE KEY UPDATE `updated_at` = CURRENT_TIMESTAMP(6)', [shopperId]);
    } else {
      // SQLite runs one transaction at a time (TransactionRunner): the row only has to exist.
      await em.query('INSERT INTO "cart" ("shopper_id") VALUES (?) ON CONFLICT ("shopper_id") DO NOTHING', [shopperId]);
    }
  }
}
