import { MigrationInterface, QueryRunner } from 'typeorm';

export class CartRoot1796423716703 implements MigrationInterface {
  name = 'CartRoot1796423716703';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `cart` (`shopper_id` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`shopper_id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `cart`");
  }
}
