import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentClaimsAndRefundTransactions1796424067264 implements MigrationInterface {
  name = 'PaymentClaimsAndRefundTransactions1796424067264';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_70fc945c102dc1939bf5a50d70\"");
    await queryRunner.query("DROP INDEX \"IDX_82c3470854cf4642dfb0d7150c\"");
    await queryRunner.query("DROP INDEX \"IDX_f5221735ace059250daac9d980\"");
    await queryRunner.query("CREATE TABLE \"temporary_payment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"status\" varchar(12) NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0), \"prepay_id\" varchar(64), \"prepay_expires_at\" datetime(3), \"transaction_id\" varchar(32), \"paid_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"pending_order_id\" integer)");
    await queryRunner.query("INSERT INTO \"temporary_payment\"(\"id\", \"order_id\", \"out_trade_no\", \"status\", \"amount\", \"prepay_id\", \"prepay_expires_at\", \"transaction_id\", \"paid_at\", \"created_at\", \"updated_at\") SELECT \"id\", \"order_id\", \"out_trade_no\", \"status\", \"amount\", \"prepay_id\", \"prepay_expires_at\", \"transaction_id\", \"paid_at\", \"created_at\", \"updated_at\" FROM \"payment\"");
    await queryRunner.query("DROP TABLE \"payment\"");
    await queryRunner.query("ALTER TABLE \"temporary_payment\" RENAME TO \"payment\"");
    await queryRunner.query("CREATE INDEX \"IDX_70fc945c102dc1939bf5a50d70\" ON \"payment\" (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_82c3470854cf4642dfb0d7150c\" ON \"payment\" (\"transaction_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_f5221735ace059250daac9d980\" ON \"payment\" (\"order_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_0964c2446114a4c7101ec8e74e\"");
    await queryRunner.query("DROP INDEX \"IDX_2b1707b3ca22d8fbca3ec2f381\"");
    await queryRunner.query("DROP INDEX \"IDX_ddf9b0a3d9abeee97fa77f0f20\"");
    await queryRunner.query("CREATE TABLE \"temporary_payment_refund\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"after_sale_id\" integer, \"out_refund_no\" varchar(64) NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0), \"total_amount\" bigint NOT NULL DEFAULT (0), \"status\" varchar(12) NOT NULL, \"reason\" varchar(80) NOT NULL, \"refund_id\" varchar(32), \"failure_reason\" varchar(255), \"succeeded_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"transaction_id\" varchar(32))");
    await queryRunner.query("INSERT INTO \"temporary_payment_refund\"(\"id\", \"order_id\", \"after_sale_id\", \"out_refund_no\", \"out_trade_no\", \"amount\", \"total_amount\", \"status\", \"reason\", \"refund_id\", \"failure_reason\", \"succeeded_at\", \"created_at\", \"updated_at\") SELECT \"id\", \"order_id\", \"after_sale_id\", \"out_refund_no\", \"out_trade_no\", \"amount\", \"total_amount\", \"status\", \"reason\", \"refund_id\", \"failure_reason\", \"succeeded_at\", \"created_at\", \"updated_at\" FROM \"payment_refund\"");
    await queryRunner.query("DROP TABLE \"payment_refund\"");
    await queryRunner.query("ALTER TABLE \"temporary_payment_refund\" RENAME TO \"payment_refund\"");
    await queryRunner.query("CREATE INDEX \"IDX_0964c2446114a4c7101ec8e74e\" ON \"payment_refund\" (\"status\", \"updated_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_2b1707b3ca22d8fbca3ec2f381\" ON \"payment_refund\" (\"out_refund_no\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ddf9b0a3d9abeee97fa77f0f20\" ON \"payment_refund\" (\"order_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_a9ea9f733af82decf6feaf1a98\" ON \"payment\" (\"pending_order_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_a9ea9f733af82decf6feaf1a98\"");
    await queryRunner.query("DROP INDEX \"IDX_ddf9b0a3d9abeee97fa77f0f20\"");
    await queryRunner.query("DROP INDEX \"IDX_2b1707b3ca22d8fbca3ec2f381\"");
    await queryRunner.query("DROP INDEX \"IDX_0964c2446114a4c7101ec8e74e\"");
    await queryRunner.query("ALTER TABLE \"payment_refund\" RENAME TO \"temporary_payment_refund\"");
    await queryRunner.query("CREATE TABLE \"payment_refund\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"after_sale_id\" integer, \"out_refund_no\" varchar(64) NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0), \"total_amount\" bigint NOT NULL DEFAULT (0), \"status\" varchar(12) NOT NULL, \"reason\" varchar(80) NOT NULL, \"refund_id\" varchar(32), \"failure_reason\" varchar(255), \"succeeded_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"payment_refund\"(\"id\", \"order_id\", \"after_sale_id\", \"out_refund_no\", \"out_trade_no\", \"amount\", \"total_amount\", \"status\", \"reason\", \"refund_id\", \"failure_reason\", \"succeeded_at\", \"created_at\", \"updated_at\") SELECT \"id\", \"order_id\", \"after_sale_id\", \"out_refund_no\", \"out_trade_no\", \"amount\", \"total_amount\", \"status\", \"reason\", \"refund_id\", \"failure_reason\", \"succeeded_at\", \"created_at\", \"updated_at\" FROM \"temporary_payment_refund\"");
    await queryRunner.query("DROP TABLE \"temporary_payment_refund\"");
    await queryRunner.query("CREATE INDEX \"IDX_ddf9b0a3d9abeee97fa77f0f20\" ON \"payment_refund\" (\"order_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_2b1707b3ca22d8fbca3ec2f381\" ON \"payment_refund\" (\"out_refund_no\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0964c2446114a4c7101ec8e74e\" ON \"payment_refund\" (\"status\", \"updated_at\") ");
    await queryRunner.query("DROP INDEX \"IDX_f5221735ace059250daac9d980\"");
    await queryRunner.query("DROP INDEX \"IDX_82c3470854cf4642dfb0d7150c\"");
    await queryRunner.query("DROP INDEX \"IDX_70fc945c102dc1939bf5a50d70\"");
    await queryRunner.query("ALTER TABLE \"payment\" RENAME TO \"temporary_payment\"");
    await queryRunner.query("CREATE TABLE \"payment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"order_id\" integer NOT NULL, \"out_trade_no\" varchar(32) NOT NULL, \"status\" varchar(12) NOT NULL, \"amount\" bigint NOT NULL DEFAULT (0), \"prepay_id\" varchar(64), \"prepay_expires_at\" datetime(3), \"transaction_id\" varchar(32), \"paid_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"payment\"(\"id\", \"order_id\", \"out_trade_no\", \"status\", \"amount\", \"prepay_id\", \"prepay_expires_at\", \"transaction_id\", \"paid_at\", \"created_at\", \"updated_at\") SELECT \"id\", \"order_id\", \"out_trade_no\", \"status\", \"amount\", \"prepay_id\", \"prepay_expires_at\", \"transaction_id\", \"paid_at\", \"created_at\", \"updated_at\" FROM \"temporary_payment\"");
    await queryRunner.query("DROP TABLE \"temporary_payment\"");
    await queryRunner.query("CREATE INDEX \"IDX_f5221735ace059250daac9d980\" ON \"payment\" (\"order_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_82c3470854cf4642dfb0d7150c\" ON \"payment\" (\"transaction_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_70fc945c102dc1939bf5a50d70\" ON \"payment\" (\"status\", \"created_at\") ");
  }
}
