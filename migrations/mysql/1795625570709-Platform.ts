import { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1795625570709 implements MigrationInterface {
  name = 'Platform1795625570709';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `setting` (`key` varchar(64) NOT NULL, `value` text NOT NULL, `version` int NOT NULL DEFAULT '0', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`key`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `setting`");
  }
}
