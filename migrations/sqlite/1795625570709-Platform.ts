import { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1795625570709 implements MigrationInterface {
  name = 'Platform1795625570709';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"setting\" (\"key\" varchar(64) PRIMARY KEY NOT NULL, \"value\" text NOT NULL, \"version\" integer NOT NULL DEFAULT (0), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"setting\"");
  }
}
