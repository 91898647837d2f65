import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentClaimsAndRefundTransactions1796424067264 implements MigrationInterface {
  name = 'PaymentClaimsAndRefundTransactions1796424067264';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `payment` ADD `pending_order_id` int NULL");
    await queryRunner.query("ALTER TABLE `payment` ADD UNIQUE INDEX `IDX_a9ea9f733af82decf6feaf1a98` (`pending_order_id`)");
    await queryRunner.query("ALTER TABLE `payment_refund` ADD `transaction_id` varchar(32) NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `payment_refund` DROP COLUMN `transaction_id`");
    await queryRunner.query("ALTER TABLE `payment` DROP INDEX `IDX_a9ea9f733af82decf6feaf1a98`");
    await queryRunner.query("ALTER TABLE `payment` DROP COLUMN `pending_order_id`");
  }
}
