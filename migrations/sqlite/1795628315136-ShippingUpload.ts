import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShippingUpload1795628315136 implements MigrationInterface {
  name = 'ShippingUpload1795628315136';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"order_shipping_upload\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"logistics_type\" integer NOT NULL, \"status\" varchar(12) NOT NULL, \"attempts\" integer NOT NULL DEFAULT (0), \"last_error\" varchar(255), \"locked_until\" datetime(3), \"uploaded_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_fb902c0a8a07856642d3bf9b56\" ON \"order_shipping_upload\" (\"order_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_16bff2c4cb76c08001d5eafa54\" ON \"order_shipping_upload\" (\"status\", \"updated_at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_16bff2c4cb76c08001d5eafa54\"");
    await queryRunner.query("DROP INDEX \"IDX_fb902c0a8a07856642d3bf9b56\"");
    await queryRunner.query("DROP TABLE \"order_shipping_upload\"");
  }
}
