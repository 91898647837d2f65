import { MigrationInterface, QueryRunner } from 'typeorm';

export class CartRoot1796423716703 implements MigrationInterface {
  name = 'CartRoot1796423716703';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"cart\" (\"shopper_id\" integer PRIMARY KEY NOT NULL, \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"cart\"");
  }
}
