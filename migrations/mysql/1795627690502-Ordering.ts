import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ordering1795627690502 implements MigrationInterface {
  name = 'Ordering1795627690502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `after_sale` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, `shopper_id` int NOT NULL, `store_id` int NULL, `type` varchar(20) NOT NULL, `status` varchar(20) NOT NULL, `whole_order` tinyint NOT NULL DEFAULT 0, `reason` varchar(255) NOT NULL, `refund_amount` bigint NOT NULL DEFAULT '0', `refund_no` varchar(64) NULL, `reject_reason` varchar(255) NULL, `failure_reason` varchar(255) NULL, `return_carrier` varchar(20) NULL, `return_tracking_no` varchar(64) NULL, `refunded_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_424461ca79cb1e7270a0da739b` (`order_id`), INDEX `IDX_389cf762b8fd5b50eea3ee895b` (`shopper_id`), UNIQUE INDEX `IDX_4172255cddc504a3ad1202f621` (`refund_no`), INDEX `IDX_88096cc48ce2cd1fc6596c72e9` (`status`, `updated_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `after_sale_item` (`id` int NOT NULL AUTO_INCREMENT, `after_sale_id` int NOT NULL, `order_item_id` int NOT NULL, `sku_id` int NOT NULL, `quantity` int NOT NULL, `amount` bigint NOT NULL DEFAULT '0', INDEX `IDX_d306e8d9b8f9373ed54ec94b1b` (`after_sale_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `order_item` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, `sku_id` int NOT NULL, `product_id` int NOT NULL, `category_id` int NOT NULL, `name` varchar(200) NOT NULL, `spec_values` text NOT NULL, `image` varchar(500) NULL, `price` bigint NOT NULL DEFAULT '0', `quantity` int NOT NULL, `total_amount` bigint NOT NULL DEFAULT '0', `discount_amount` bigint NOT NULL DEFAULT '0', `coupon_amount` bigint NOT NULL DEFAULT '0', `points_amount` bigint NOT NULL DEFAULT '0', `pay_amount` bigint NOT NULL DEFAULT '0', `claimed_quantity` int NOT NULL DEFAULT '0', `claimed_amount` bigint NOT NULL DEFAULT '0', `refunded_quantity` int NOT NULL DEFAULT '0', `refunded_amount` bigint NOT NULL DEFAULT '0', INDEX `IDX_e9674a6053adbaa1057848cddf` (`order_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `order_log` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, `from_status` varchar(20) NULL, `to_status` varchar(20) NOT NULL, `actor` varchar(40) NOT NULL, `reason` varchar(255) NOT NULL DEFAULT '', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_a98e1fec3345fa233a229aaddb` (`order_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `shop_order` (`id` int NOT NULL AUTO_INCREMENT, `order_no` varchar(32) NOT NULL, `shopper_id` int NOT NULL, `store_id` int NULL, `status` varchar(20) NOT NULL, `delivery_type` varchar(20) NOT NULL, `total_amount` bigint NOT NULL DEFAULT '0', `discount_amount` bigint NOT NULL DEFAULT '0', `coupon_amount` bigint NOT NULL DEFAULT '0', `points_amount` bigint NOT NULL DEFAULT '0', `freight_amount` bigint NOT NULL DEFAULT '0', `pay_amount` bigint NOT NULL DEFAULT '0', `coupon_id` int NULL, `points_used` int NOT NULL DEFAULT '0', `address` text NULL, `pickup_code` varchar(12) NULL, `remark` varchar(200) NOT NULL DEFAULT '', `carrier` varchar(20) NULL, `tracking_no` varchar(64) NULL, `cancel_reason` varchar(200) NULL, `expires_at` datetime(3) NOT NULL, `paid_at` datetime(3) NULL, `ready_at` datetime(3) NULL, `shipped_at` datetime(3) NULL, `completed_at` datetime(3) NULL, `cancelled_at` datetime(3) NULL, `closed_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_a8956729acc5063ec8345ff610` (`order_no`), INDEX `IDX_8940f787aafb7c8493bd9dbd6a` (`status`, `shipped_at`), INDEX `IDX_9d55f5917af6be76e31542750e` (`store_id`, `created_at`), INDEX `IDX_ad0c4b40acbeb5a4edcf741b8a` (`status`, `expires_at`), INDEX `IDX_d43ec15228b86e7d92ee625be7` (`shopper_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `idempotency_record` (`id` int NOT NULL AUTO_INCREMENT, `scope` varchar(160) NOT NULL, `idempotency_key` varchar(64) NOT NULL, `request_hash` varchar(64) NOT NULL, `status_code` int NULL, `response_body` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_e8ec65c1207d5f20b74258d352` (`scope`, `idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `payment` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, `out_trade_no` varchar(32) NOT NULL, `status` varchar(12) NOT NULL, `amount` bigint NOT NULL DEFAULT '0', `prepay_id` varchar(64) NULL, `prepay_expires_at` datetime(3) NULL, `transaction_id` varchar(32) NULL, `paid_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_f5221735ace059250daac9d980` (`order_id`), UNIQUE INDEX `IDX_82c3470854cf4642dfb0d7150c` (`transaction_id`), INDEX `IDX_70fc945c102dc1939bf5a50d70` (`status`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `payment_refund` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, `after_sale_id` int NULL, `out_refund_no` varchar(64) NOT NULL, `out_trade_no` varchar(32) NOT NULL, `amount` bigint NOT NULL DEFAULT '0', `total_amount` bigint NOT NULL DEFAULT '0', `status` varchar(12) NOT NULL, `reason` varchar(80) NOT NULL, `refund_id` varchar(32) NULL, `failure_reason` varchar(255) NULL, `succeeded_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_ddf9b0a3d9abeee97fa77f0f20` (`order_id`), UNIQUE INDEX `IDX_2b1707b3ca22d8fbca3ec2f381` (`out_refund_no`), INDEX `IDX_0964c2446114a4c7101ec8e74e` (`status`, `updated_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `payment_anomaly` (`id` int NOT NULL AUTO_INCREMENT, `out_trade_no` varchar(32) NOT NULL, `transaction_id` varchar(32) NULL, `kind` varchar(40) NOT NULL, `detail` varchar(500) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `payment_anomaly`");
    await queryRunner.query("DROP INDEX `IDX_0964c2446114a4c7101ec8e74e` ON `payment_refund`");
    await queryRunner.query("DROP INDEX `IDX_2b1707b3ca22d8fbca3ec2f381` ON `payment_refund`");
    await queryRunner.query("DROP INDEX `IDX_ddf9b0a3d9abeee97fa77f0f20` ON `payment_refund`");
    await queryRunner.query("DROP TABLE `payment_refund`");
    await queryRunner.query("DROP INDEX `IDX_70fc945c102dc1939bf5a50d70` ON `payment`");
    await queryRunner.query("DROP INDEX `IDX_82c3470854cf4642dfb0d7150c` ON `payment`");
    await queryRunner.query("DROP INDEX `IDX_f5221735ace059250daac9d980` ON `payment`");
    await queryRunner.query("DROP TABLE `payment`");
    await queryRunner.query("DROP INDEX `IDX_e8ec65c1207d5f20b74258d352` ON `idempotency_record`");
    await queryRunner.query("DROP TABLE `idempotency_record`");
    await queryRunner.query("DROP INDEX `IDX_d43ec15228b86e7d92ee625be7` ON `shop_order`");
    await queryRunner.query("DROP INDEX `IDX_ad0c4b40acbeb5a4edcf741b8a` ON `shop_order`");
    await queryRunner.query("DROP INDEX `IDX_9d55f5917af6be76e31542750e` ON `shop_order`");
    await queryRunner.query("DROP INDEX `IDX_8940f787aafb7c8493bd9dbd6a` ON `shop_order`");
    await queryRunner.query("DROP INDEX `IDX_a8956729acc5063ec8345ff610` ON `shop_order`");
    await queryRunner.query("DROP TABLE `shop_order`");
    await queryRunner.query("DROP INDEX `IDX_a98e1fec3345fa233a229aaddb` ON `order_log`");
    await queryRunner.query("DROP TABLE `order_log`");
    await queryRunner.query("DROP INDEX `IDX_e9674a6053adbaa1057848cddf` ON `order_item`");
    await queryRunner.query("DROP TABLE `order_item`");
    await queryRunner.query("DROP INDEX `IDX_d306e8d9b8f9373ed54ec94b1b` ON `after_sale_item`");
    await queryRunner.query("DROP TABLE `after_sale_item`");
    await queryRunner.query("DROP INDEX `IDX_88096cc48ce2cd1fc6596c72e9` ON `after_sale`");
    await queryRunner.query("DROP INDEX `IDX_4172255cddc504a3ad1202f621` ON `after_sale`");
    await queryRunner.query("DROP INDEX `IDX_389cf762b8fd5b50eea3ee895b` ON `after_sale`");
    await queryRunner.query("DROP INDEX `IDX_424461ca79cb1e7270a0da739b` ON `after_sale`");
    await queryRunner.query("DROP TABLE `after_sale`");
  }
}
