import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ordering1795627690502 implements MigrationInterface {
  name = 'Ordering1795627690502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"after_sale\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"shopper_id\" integer NOT NULL, \"store_id\" integer, \"type\" varchar(20) NOT NULL, \"status\" varchar(20) NOT NULL, \"whole_order\" boolean NOT NULL DEFAULT (0), \"reason\" varchar(255) NOT NULL, \"refund_amount\" bigint NOT NULL DEFAULT (0), \"refund_no\" varchar(64), \"reject_reason\" varchar(255), \"failure_reason\" varchar(255), \"return_carrier\" varchar(20), \"return_tracking_no\" varchar(64), \"refunded_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_424461ca79cb1e7270a0da739b\" ON \"after_sale\" (\"order_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_389cf762b8fd5b50eea3ee895b\" ON \"after_sale\" (\"shopper_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_4172255cddc504a3ad1202f621\" ON \"after_sale\" (\"refund_no\") ");
    await queryRunner.query("CREATE INDEX \"IDX_88096cc48ce2cd1fc6596c72e9\" ON \"after_sale\" (\"status\", \"updated_at\") ");
    await queryRunner.query("CREATE TABLE \"after_sale_item\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"after_sale_id\" integer NOT NULL, \"order_item_id\" integer NOT NULL, \"sku_id\" integer NOT NULL, \"quantity\" integer NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0))");
    await queryRunner.query("CREATE INDEX \"IDX_d306e8d9b8f9373ed54ec94b1b\" ON \"after_sale_item\" (\"after_sale_id\") ");
    await queryRunner.query("CREATE TABLE \"order_item\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"sku_id\" integer NOT NULL, \"product_id\" integer NOT NULL, \"category_id\" integer NOT NULL, \"name\" varchar(200) NOT NULL, \"spec_values\" text NOT NULL, \"image\" varchar(500), \"price\" bigint NOT NULL DEFAULT (0), \"quantity\" integer NOT NULL, \"total_amount\" bigint NOT NULL DEFAULT (0), \"discount_amount\" bigint NOT NULL DEFAULT (0), \"coupon_amount\" bigint NOT NULL DEFAULT (0), \"points_amount\" bigint NOT NULL DEFAULT (0), \"pay_amount\" bigint NOT NULL DEFAULT (0), \"claimed_quantity\" integer NOT NULL DEFAULT (0), \"claimed_amount\" bigint NOT NULL DEFAULT (0), \"refunded_quantity\" integer NOT NULL DEFAULT (0), \"refunded_amount\" bigint NOT NULL DEFAULT (0))");
    await queryRunner.query("CREATE INDEX \"IDX_e9674a6053adbaa1057848cddf\" ON \"order_item\" (\"order_id\") ");
    await queryRunner.query("CREATE TABLE \"order_log\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"from_status\" varchar(20), \"to_status\" varchar(20) NOT NULL, \"actor\" varchar(40) NOT NULL, \"reason\" varchar(255) NOT NULL DEFAULT (''), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_a98e1fec3345fa233a229aaddb\" ON \"order_log\" (\"order_id\") ");
    await queryRunner.query("CREATE TABLE \"shop_order\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_no\" varchar(32) NOT NULL, \"shopper_id\" integer NOT NULL, \"store_id\" integer, \"status\" varchar(20) NOT NULL, \"delivery_type\" varchar(20) NOT NULL, \"total_amount\" bigint NOT NULL DEFAULT (0), \"discount_amount\" bigint NOT NULL DEFAULT (0), \"coupon_amount\" bigint NOT NULL DEFAULT (0), \"points_amount\" bigint NOT NULL DEFAULT (0), \"freight_amount\" bigint NOT NULL DEFAULT (0), \"pay_amount\" bigint NOT NULL DEFAULT (0), \"coupon_id\" integer, \"points_used\" integer NOT NULL DEFAULT (0), \"address\" text, \"pickup_code\" varchar(12), \"remark\" varchar(200) NOT NULL DEFAULT (''), \"carrier\" varchar(20), \"tracking_no\" varchar(64), \"cancel_reason\" varchar(200), \"expires_at\" datetime(3) NOT NULL, \"paid_at\" datetime(3), \"ready_at\" datetime(3), \"shipped_at\" datetime(3), \"completed_at\" datetime(3), \"cancelled_at\" datetime(3), \"closed_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_a8956729acc5063ec8345ff610\" ON \"shop_order\" (\"order_no\") ");
    await queryRunner.query("CREATE INDEX \"IDX_8940f787aafb7c8493bd9dbd6a\" ON \"shop_order\" (\"status\", \"shipped_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9d55f5917af6be76e31542750e\" ON \"shop_order\" (\"store_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ad0c4b40acbeb5a4edcf741b8a\" ON \"shop_order\" (\"status\", \"expires_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d43ec15228b86e7d92ee625be7\" ON \"shop_order\" (\"shopper_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"idempotency_record\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"scope\" varchar(160) NOT NULL, \"idempotency_key\" varchar(64) NOT NULL, \"request_hash\" varchar(64) NOT NULL, \"status_code\" integer, \"response_body\" text, \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_e8ec65c1207d5f20b74258d352\" ON \"idempotency_record\" (\"scope\", \"idempotency_key\") ");
    await queryRunner.query("CREATE TABLE \"payment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"status\" varchar(12) NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0), \"prepay_id\" varchar(64), \"prepay_expires_at\" datetime(3), \"transaction_id\" varchar(32), \"paid_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_f5221735ace059250daac9d980\" ON \"payment\" (\"order_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_82c3470854cf4642dfb0d7150c\" ON \"payment\" (\"transaction_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_70fc945c102dc1939bf5a50d70\" ON \"payment\" (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"payment_refund\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"after_sale_id\" integer, \"out_refund_no\" varchar(64) NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0), \"total_amount\" bigint NOT NULL DEFAULT (0), \"status\" varchar(12) NOT NULL, \"reason\" varchar(80) NOT NULL, \"refund_id\" varchar(32), \"failure_reason\" varchar(255), \"succeeded_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_ddf9b0a3d9abeee97fa77f0f20\" ON \"payment_refund\" (\"order_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_2b1707b3ca22d8fbca3ec2f381\" ON \"payment_refund\" (\"out_refund_no\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0964c2446114a4c7101ec8e74e\" ON \"payment_refund\" (\"status\", \"updated_at\") ");
    await queryRunner.query("CREATE TABLE \"payment_anomaly\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"transaction_id\" varchar(32), \"kind\" varchar(40) NOT NULL, \"detail\" varchar(500) NOT NULL, \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"payment_anomaly\"");
    await queryRunner.query("DROP INDEX \"IDX_0964c2446114a4c7101ec8e74e\"");
    await queryRunner.query("DROP INDEX \"IDX_2b1707b3ca22d8fbca3ec2f381\"");
    await queryRunner.query("DROP INDEX \"IDX_ddf9b0a3d9abeee97fa77f0f20\"");
    await queryRunner.query("DROP TABLE \"payment_refund\"");
    await queryRunner.query("DROP INDEX \"IDX_70fc945c102dc1939bf5a50d70\"");
    await queryRunner.query("DROP INDEX \"IDX_82c3470854cf4642dfb0d7150c\"");
    await queryRunner.query("DROP INDEX \"IDX_f5221735ace059250daac9d980\"");
    await queryRunner.query("DROP TABLE \"payment\"");
    await queryRunner.query("DROP INDEX \"IDX_e8ec65c1207d5f20b74258d352\"");
    await queryRunner.query("DROP TABLE \"idempotency_record\"");
    await queryRunner.query("DROP INDEX \"IDX_d43ec15228b86e7d92ee625be7\"");
    await queryRunner.query("DROP INDEX \"IDX_ad0c4b40acbeb5a4edcf741b8a\"");
    await queryRunner.query("DROP INDEX \"IDX_9d55f5917af6be76e31542750e\"");
    await queryRunner.query("DROP INDEX \"IDX_8940f787aafb7c8493bd9dbd6a\"");
    await queryRunner.query("DROP INDEX \"IDX_a8956729acc5063ec8345ff610\"");
    await queryRunner.query("DROP TABLE \"shop_order\"");
    await queryRunner.query("DROP INDEX \"IDX_a98e1fec3345fa233a229aaddb\"");
    await queryRunner.query("DROP TABLE \"order_log\"");
    await queryRunner.query("DROP INDEX \"IDX_e9674a6053adbaa1057848cddf\"");
    await queryRunner.query("DROP TABLE \"order_item\"");
    await queryRunner.query("DROP INDEX \"IDX_d306e8d9b8f9373ed54ec94b1b\"");
    await queryRunner.query("DROP TABLE \"after_sale_item\"");
    await queryRunner.query("DROP INDEX \"IDX_88096cc48ce2cd1fc6596c72e9\"");
    await queryRunner.query("DROP INDEX \"IDX_4172255cddc504a3ad1202f621\"");
    await queryRunner.query("DROP INDEX \"IDX_389cf762b8fd5b50eea3ee895b\"");
    await queryRunner.query("DROP INDEX \"IDX_424461ca79cb1e7270a0da739b\"");
    await queryRunner.query("DROP TABLE \"after_sale\"");
  }
}
