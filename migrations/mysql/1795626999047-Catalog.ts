import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795626999047 implements MigrationInterface {
  name = 'Catalog1795626999047';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `cart_item` (`id` int NOT NULL AUTO_INCREMENT, `shopper_id` int NOT NULL, `sku_id` int NOT NULL, `quantity` int NOT NULL, `selected` tinyint NOT NULL DEFAULT 1, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_57695e37a14c5fd2182ce73d18` (`shopper_id`, `sku_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `category` (`id` int NOT NULL AUTO_INCREMENT, `parent_id` int NULL, `name` varchar(32) NOT NULL, `image` varchar(512) NULL, `sort` int NOT NULL DEFAULT '0', `enabled` tinyint NOT NULL DEFAULT 1, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_c4524f0cdf5d8660a5c0e70c80` (`parent_id`, `sort`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `product` (`id` int NOT NULL AUTO_INCREMENT, `category_id` int NOT NULL, `name` varchar(128) NOT NULL, `description` text NULL, `images` text NOT NULL, `videos` text NOT NULL, `main_image` varchar(512) NULL, `specs` text NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'OFF_SALE', `min_price` bigint NOT NULL DEFAULT '0', `max_price` bigint NOT NULL DEFAULT '0', `sales` int NOT NULL DEFAULT '0', `deleted_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_0ae2d87ce6909f665d3402ba47` (`category_id`, `status`), INDEX `IDX_0f5cabfe64e20f91f25f586286` (`status`, `id`), INDEX `IDX_9a48237b6ab89181ae2cd01ad8` (`status`, `min_price`), INDEX `IDX_c129c175203c4e8a0bdc3ae9b7` (`status`, `sales`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sku` (`id` int NOT NULL AUTO_INCREMENT, `product_id` int NOT NULL, `spec_key` varchar(40) NOT NULL, `spec_values` text NOT NULL, `price` bigint NOT NULL DEFAULT '0', `market_price` bigint NULL, `sku_code` varchar(64) NULL, `image` varchar(512) NULL, `weight` int NOT NULL DEFAULT '0', `position` int NOT NULL DEFAULT '0', `deleted_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_31bd7fd0df05524a2b866dafeb` (`sku_code`), UNIQUE INDEX `IDX_c8afbea191e7d1efd1868db43b` (`product_id`, `spec_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sku_stock` (`sku_id` int NOT NULL, `product_id` int NOT NULL, `stock` int NOT NULL DEFAULT '0', `low_stock_threshold` int NOT NULL DEFAULT '0', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_4e768a8aa25f45d17aa73632a2` (`product_id`), PRIMARY KEY (`sku_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `stock_ledger` (`id` int NOT NULL AUTO_INCREMENT, `sku_id` int NOT NULL, `product_id` int NOT NULL, `delta` int NOT NULL, `stock_after` int NOT NULL, `reason` varchar(24) NOT NULL, `ref_type` varchar(16) NULL, `ref_id` varchar(64) NULL, `operator_id` int NULL, `note` varchar(255) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_6daf93c74883de75f67cc76972` (`ref_type`, `ref_id`, `sku_id`, `reason`), INDEX `IDX_ae2749805d88b1f5bf42f98eea` (`sku_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `store` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `address` varchar(255) NOT NULL, `latitude` double NOT NULL, `longitude` double NOT NULL, `phone` varchar(32) NOT NULL, `business_hours` text NOT NULL, `delivery_radius_meters` int NOT NULL DEFAULT '0', `local_delivery_fee` bigint NOT NULL DEFAULT '0', `service_modes` text NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'OPEN', `time_zone` varchar(64) NOT NULL DEFAULT 'Asia/Shanghai', `deleted_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `store`");
    await queryRunner.query("DROP INDEX `IDX_ae2749805d88b1f5bf42f98eea` ON `stock_ledger`");
    await queryRunner.query("DROP INDEX `IDX_6daf93c74883de75f67cc76972` ON `stock_ledger`");
    await queryRunner.query("DROP TABLE `stock_ledger`");
    await queryRunner.query("DROP INDEX `IDX_4e768a8aa25f45d17aa73632a2` ON `sku_stock`");
    await queryRunner.query("DROP TABLE `sku_stock`");
    await queryRunner.query("DROP INDEX `IDX_c8afbea191e7d1efd1868db43b` ON `sku`");
    await queryRunner.query("DROP INDEX `IDX_31bd7fd0df05524a2b866dafeb` ON `sku`");
    await queryRunner.query("DROP TABLE `sku`");
    await queryRunner.query("DROP INDEX `IDX_c129c175203c4e8a0bdc3ae9b7` ON `product`");
    await queryRunner.query("DROP INDEX `IDX_9a48237b6ab89181ae2cd01ad8` ON `product`");
    await queryRunner.query("DROP INDEX `IDX_0f5cabfe64e20f91f25f586286` ON `product`");
    await queryRunner.query("DROP INDEX `IDX_0ae2d87ce6909f665d3402ba47` ON `product`");
    await queryRunner.query("DROP TABLE `product`");
    await queryRunner.query("DROP INDEX `IDX_c4524f0cdf5d8660a5c0e70c80` ON `category`");
    await queryRunner.query("DROP TABLE `category`");
    await queryRunner.query("DROP INDEX `IDX_57695e37a14c5fd2182ce73d18` ON `cart_item`");
    await queryRunner.query("DROP TABLE `cart_item`");
  }
}
