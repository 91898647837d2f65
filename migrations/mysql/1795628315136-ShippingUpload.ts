import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShippingUpload1795628315136 implements MigrationInterface {
  name = 'ShippingUpload1795628315136';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `order_shipping_upload` (`id` int NOT NULL AUTO_INCREMENT, `order_id` int NOT NULL, `logistics_type` int NOT NULL, `status` varchar(12) NOT NULL, `attempts` int NOT NULL DEFAULT '0', `last_error` varchar(255) NULL, `locked_until` datetime(3) NULL, `uploaded_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_fb902c0a8a07856642d3bf9b56` (`order_id`), INDEX `IDX_16bff2c4cb76c08001d5eafa54` (`status`, `updated_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_16bff2c4cb76c08001d5eafa54` ON `order_shipping_upload`");
    await queryRunner.query("DROP INDEX `IDX_fb902c0a8a07856642d3bf9b56` ON `order_shipping_upload`");
    await queryRunner.query("DROP TABLE `order_shipping_upload`");
  }
}
