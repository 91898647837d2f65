import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795626999047 implements MigrationInterface {
  name = 'Catalog1795626999047';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"cart_item\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"shopper_id\" integer NOT NULL, \"sku_id\" integer NOT NULL, \"quantity\" integer NOT NULL, \"selected\" boolean NOT NULL DEFAULT (1), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_57695e37a14c5fd2182ce73d18\" ON \"cart_item\" (\"shopper_id\", \"sku_id\") ");
    await queryRunner.query("CREATE TABLE \"category\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"parent_id\" integer, \"name\" varchar(32) NOT NULL, \"image\" varchar(512), \"sort\" integer NOT NULL DEFAULT (0), \"enabled\" boolean NOT NULL DEFAULT (1), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_c4524f0cdf5d8660a5c0e70c80\" ON \"category\" (\"parent_id\", \"sort\") ");
    await queryRunner.query("CREATE TABLE \"product\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"category_id\" integer NOT NULL, \"name\" varchar(128) NOT NULL, \"description\" text, \"images\" text NOT NULL, \"videos\" text NOT NULL, \"main_image\" varchar(512), \"specs\" text NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('OFF_SALE'), \"min_price\" bigint NOT NULL DEFAULT (0), \"max_price\" bigint NOT NULL DEFAULT (0), \"sales\" integer NOT NULL DEFAULT (0), \"deleted_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_0ae2d87ce6909f665d3402ba47\" ON \"product\" (\"category_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0f5cabfe64e20f91f25f586286\" ON \"product\" (\"status\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9a48237b6ab89181ae2cd01ad8\" ON \"product\" (\"status\", \"min_price\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c129c175203c4e8a0bdc3ae9b7\" ON \"product\" (\"status\", \"sales\") ");
    await queryRunner.query("CREATE TABLE \"sku\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"product_id\" integer NOT NULL, \"spec_key\" varchar(40) NOT NULL, \"spec_values\" text NOT NULL, \"price\" bigint NOT NULL DEFAULT (0), \"market_price\" bigint, \"sku_code\" varchar(64), \"image\" varchar(512), \"weight\" integer NOT NULL DEFAULT (0), \"position\" integer NOT NULL DEFAULT (0), \"deleted_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_31bd7fd0df05524a2b866dafeb\" ON \"sku\" (\"sku_code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_c8afbea191e7d1efd1868db43b\" ON \"sku\" (\"product_id\", \"spec_key\") ");
    await queryRunner.query("CREATE TABLE \"sku_stock\" (\"sku_id\" integer PRIMARY KEY NOT NULL, \"product_id\" integer NOT NULL, \"stock\" integer NOT NULL DEFAULT (0), \"low_stock_threshold\" integer NOT NULL DEFAULT (0), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_4e768a8aa25f45d17aa73632a2\" ON \"sku_stock\" (\"product_id\") ");
    await queryRunner.query("CREATE TABLE \"stock_ledger\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"sku_id\" integer NOT NULL, \"product_id\" integer NOT NULL, \"delta\" integer NOT NULL, \"stock_after\" integer NOT NULL, \"reason\" varchar(24) NOT NULL, \"ref_type\" varchar(16), \"ref_id\" varchar(64), \"operator_id\" integer, \"note\" varchar(255), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_6daf93c74883de75f67cc76972\" ON \"stock_ledger\" (\"ref_type\", \"ref_id\", \"sku_id\", \"reason\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ae2749805d88b1f5bf42f98eea\" ON \"stock_ledger\" (\"sku_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"store\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"address\" varchar(255) NOT NULL, \"latitude\" double NOT NULL, \"longitude\" double NOT NULL, \"phone\" varchar(32) NOT NULL, \"business_hours\" text NOT NULL, \"delivery_radius_meters\" integer NOT NULL DEFAULT (0), \"local_delivery_fee\" bigint NOT NULL DEFAULT (0), \"service_modes\" text NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('OPEN'), \"time_zone\" varchar(64) NOT NULL DEFAULT ('Asia/Shanghai'), \"deleted_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"store\"");
    await queryRunner.query("DROP INDEX \"IDX_ae2749805d88b1f5bf42f98eea\"");
    await queryRunner.query("DROP INDEX \"IDX_6daf93c74883de75f67cc76972\"");
    await queryRunner.query("DROP TABLE \"stock_ledger\"");
    await queryRunner.query("DROP INDEX \"IDX_4e768a8aa25f45d17aa73632a2\"");
    await queryRunner.query("DROP TABLE \"sku_stock\"");
    await queryRunner.query("DROP INDEX \"IDX_c8afbea191e7d1efd1868db43b\"");
    await queryRunner.query("DROP INDEX \"IDX_31bd7fd0df05524a2b866dafeb\"");
    await queryRunner.query("DROP TABLE \"sku\"");
    await queryRunner.query("DROP INDEX \"IDX_c129c175203c4e8a0bdc3ae9b7\"");
    await queryRunner.query("DROP INDEX \"IDX_9a48237b6ab89181ae2cd01ad8\"");
    await queryRunner.query("DROP INDEX \"IDX_0f5cabfe64e20f91f25f586286\"");
    await queryRunner.query("DROP INDEX \"IDX_0ae2d87ce6909f665d3402ba47\"");
    await queryRunner.query("DROP TABLE \"product\"");
    await queryRunner.query("DROP INDEX \"IDX_c4524f0cdf5d8660a5c0e70c80\"");
    await queryRunner.query("DROP TABLE \"category\"");
    await queryRunner.query("DROP INDEX \"IDX_57695e37a14c5fd2182ce73d18\"");
    await queryRunner.query("DROP TABLE \"cart_item\"");
  }
}
