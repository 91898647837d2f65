import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795626597337 implements MigrationInterface {
  name = 'Identity1795626597337';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"shopper_address\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"shopper_id\" integer NOT NULL, \"receiver_name\" varchar(32) NOT NULL, \"phone\" varchar(20) NOT NULL, \"province\" varchar(32) NOT NULL, \"city\" varchar(32) NOT NULL, \"district\" varchar(32) NOT NULL, \"detail\" varchar(200) NOT NULL, \"is_default\" boolean NOT NULL DEFAULT (0), \"latitude\" decimal(10,7), \"longitude\" decimal(10,7), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_b347ea78b6f34516564dc6ca14\" ON \"shopper_address\" (\"shopper_id\") ");
    await queryRunner.query("CREATE TABLE \"shopper\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"openid\" varchar(64) NOT NULL, \"unionid\" varchar(64), \"session_key_sealed\" varchar(255), \"nickname\" varchar(64), \"avatar_url\" varchar(512), \"phone\" varchar(32), \"invite_code\" varchar(16) NOT NULL, \"inviter_id\" integer, \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"last_login_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_a59ba82a866991ccb1b016ffed\" ON \"shopper\" (\"openid\") ");
    await queryRunner.query("CREATE INDEX \"IDX_43a466132d131136fc61d6d572\" ON \"shopper\" (\"unionid\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_a8440d1e2f463d2dc5a977fe9c\" ON \"shopper\" (\"invite_code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_68ec88f041c647a380edc3ed08\" ON \"shopper\" (\"inviter_id\") ");
    await queryRunner.query("CREATE TABLE \"refresh_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"audience\" varchar(16) NOT NULL, \"subject_id\" integer NOT NULL, \"family_id\" varchar(32) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"expires_at\" datetime(3) NOT NULL, \"used_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_eb31f2a7917404a46e17f539f1\" ON \"refresh_token\" (\"family_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_f0812282fad2e352cdaf83ef0a\" ON \"refresh_token\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"IDX_e888ad854be5ebd601c775455e\" ON \"refresh_token\" (\"expires_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_18b468cb61310db3c16e9ca000\" ON \"refresh_token\" (\"audience\", \"subject_id\") ");
    await queryRunner.query("CREATE TABLE \"staff_account\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"username\" varchar(32) NOT NULL, \"password_hash\" varchar(255) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"token_version\" integer NOT NULL DEFAULT (1), \"failed_login_count\" integer NOT NULL DEFAULT (0), \"lockout_count\" integer NOT NULL DEFAULT (0), \"locked_until\" datetime(3), \"last_login_at\" datetime(3), \"password_changed_at\" datetime(3), \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_a7c945e39de97ad2b20e719fc2\" ON \"staff_account\" (\"username\") ");
    await queryRunner.query("CREATE TABLE \"role\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"description\" varchar(255) NOT NULL DEFAULT (''), \"is_super_admin\" boolean NOT NULL DEFAULT (0), \"permissions\" text NOT NULL, \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_ae4578dcaed5adff96595e6166\" ON \"role\" (\"name\") ");
    await queryRunner.query("CREATE TABLE \"staff_role\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"staff_id\" integer NOT NULL, \"role_id\" integer NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_1af2a16c07007251164fa14ec9\" ON \"staff_role\" (\"role_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_343a99ce8a1e323ab1036ac683\" ON \"staff_role\" (\"staff_id\", \"role_id\") ");
    await queryRunner.query("CREATE TABLE \"staff_store_scope\" (\"staff_id\" integer PRIMARY KEY NOT NULL, \"store_ids\" text, \"updated_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE TABLE \"operation_log\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"staff_id\" integer, \"username\" varchar(64), \"method\" varchar(8) NOT NULL, \"route\" varchar(255) NOT NULL, \"path\" varchar(512) NOT NULL, \"target_type\" varchar(64), \"target_id\" varchar(64), \"outcome\" varchar(16) NOT NULL, \"status_code\" integer NOT NULL, \"error_code\" varchar(64), \"ip\" varchar(64), \"request_id\" varchar(64), \"body\" text, \"created_at\" datetime(6) NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_26890ada7e8959cb948dbe761e\" ON \"operation_log\" (\"target_type\") ");
    await queryRunner.query("CREATE INDEX \"IDX_1012ce7a568947196069207190\" ON \"operation_log\" (\"created_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_0898eccf0d63062b6cdf8be2ce\" ON \"operation_log\" (\"staff_id\", \"created_at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_0898eccf0d63062b6cdf8be2ce\"");
    await queryRunner.query("DROP INDEX \"IDX_1012ce7a568947196069207190\"");
    await queryRunner.query("DROP INDEX \"IDX_26890ada7e8959cb948dbe761e\"");
    await queryRunner.query("DROP TABLE \"operation_log\"");
    await queryRunner.query("DROP TABLE \"staff_store_scope\"");
    await queryRunner.query("DROP INDEX \"IDX_343a99ce8a1e323ab1036ac683\"");
    await queryRunner.query("DROP INDEX \"IDX_1af2a16c07007251164fa14ec9\"");
    await queryRunner.query("DROP TABLE \"staff_role\"");
    await queryRunner.query("DROP INDEX \"IDX_ae4578dcaed5adff96595e6166\"");
    await queryRunner.query("DROP TABLE \"role\"");
    await queryRunner.query("DROP INDEX \"IDX_a7c945e39de97ad2b20e719fc2\"");
    await queryRunner.query("DROP TABLE \"staff_account\"");
    await queryRunner.query("DROP INDEX \"IDX_18b468cb61310db3c16e9ca000\"");
    await queryRunner.query("DROP INDEX \"IDX_e888ad854be5ebd601c775455e\"");
    await queryRunner.query("DROP INDEX \"IDX_f0812282fad2e352cdaf83ef0a\"");
    await queryRunner.query("DROP INDEX \"IDX_eb31f2a7917404a46e17f539f1\"");
    await queryRunner.query("DROP TABLE \"refresh_token\"");
    await queryRunner.query("DROP INDEX \"IDX_68ec88f041c647a380edc3ed08\"");
    await queryRunner.query("DROP INDEX \"IDX_a8440d1e2f463d2dc5a977fe9c\"");
    await queryRunner.query("DROP INDEX \"IDX_43a466132d131136fc61d6d572\"");
    await queryRunner.query("DROP INDEX \"IDX_a59ba82a866991ccb1b016ffed\"");
    await queryRunner.query("DROP TABLE \"shopper\"");
    await queryRunner.query("DROP INDEX \"IDX_b347ea78b6f34516564dc6ca14\"");
    await queryRunner.query("DROP TABLE \"shopper_address\"");
  }
}
