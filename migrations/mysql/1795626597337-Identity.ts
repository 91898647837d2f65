import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795626597337 implements MigrationInterface {
  name = 'Identity1795626597337';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `shopper_address` (`id` int NOT NULL AUTO_INCREMENT, `shopper_id` int NOT NULL, `receiver_name` varchar(32) NOT NULL, `phone` varchar(20) NOT NULL, `province` varchar(32) NOT NULL, `city` varchar(32) NOT NULL, `district` varchar(32) NOT NULL, `detail` varchar(200) NOT NULL, `is_default` tinyint NOT NULL DEFAULT 0, `latitude` decimal(10,7) NULL, `longitude` decimal(10,7) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_b347ea78b6f34516564dc6ca14` (`shopper_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `shopper` (`id` int NOT NULL AUTO_INCREMENT, `openid` varchar(64) NOT NULL, `unionid` varchar(64) NULL, `session_key_sealed` varchar(255) NULL, `nickname` varchar(64) NULL, `avatar_url` varchar(512) NULL, `phone` varchar(32) NULL, `invite_code` varchar(16) NOT NULL, `inviter_id` int NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `last_login_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_a59ba82a866991ccb1b016ffed` (`openid`), INDEX `IDX_43a466132d131136fc61d6d572` (`unionid`), UNIQUE INDEX `IDX_a8440d1e2f463d2dc5a977fe9c` (`invite_code`), INDEX `IDX_68ec88f041c647a380edc3ed08` (`inviter_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `refresh_token` (`id` int NOT NULL AUTO_INCREMENT, `audience` varchar(16) NOT NULL, `subject_id` int NOT NULL, `family_id` varchar(32) NOT NULL, `token_hash` varchar(64) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_eb31f2a7917404a46e17f539f1` (`family_id`), UNIQUE INDEX `IDX_f0812282fad2e352cdaf83ef0a` (`token_hash`), INDEX `IDX_e888ad854be5ebd601c775455e` (`expires_at`), INDEX `IDX_18b468cb61310db3c16e9ca000` (`audience`, `subject_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `staff_account` (`id` int NOT NULL AUTO_INCREMENT, `username` varchar(32) NOT NULL, `password_hash` varchar(255) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `token_version` int NOT NULL DEFAULT '1', `failed_login_count` int NOT NULL DEFAULT '0', `lockout_count` int NOT NULL DEFAULT '0', `locked_until` datetime(3) NULL, `last_login_at` datetime(3) NULL, `password_changed_at` datetime(3) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_a7c945e39de97ad2b20e719fc2` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `role` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `description` varchar(255) NOT NULL DEFAULT '', `is_super_admin` tinyint NOT NULL DEFAULT 0, `permissions` text NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_ae4578dcaed5adff96595e6166` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `staff_role` (`id` int NOT NULL AUTO_INCREMENT, `staff_id` int NOT NULL, `role_id` int NOT NULL, INDEX `IDX_1af2a16c07007251164fa14ec9` (`role_id`), UNIQUE INDEX `IDX_343a99ce8a1e323ab1036ac683` (`staff_id`, `role_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `staff_store_scope` (`staff_id` int NOT NULL, `store_ids` text NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`staff_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `operation_log` (`id` int NOT NULL AUTO_INCREMENT, `staff_id` int NULL, `username` varchar(64) NULL, `method` varchar(8) NOT NULL, `route` varchar(255) NOT NULL, `path` varchar(512) NOT NULL, `target_type` varchar(64) NULL, `target_id` varchar(64) NULL, `outcome` varchar(16) NOT NULL, `status_code` int NOT NULL, `error_code` varchar(64) NULL, `ip` varchar(64) NULL, `request_id` varchar(64) NULL, `body` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_26890ada7e8959cb948dbe761e` (`target_type`), INDEX `IDX_1012ce7a568947196069207190` (`created_at`), INDEX `IDX_0898eccf0d63062b6cdf8be2ce` (`staff_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_0898eccf0d63062b6cdf8be2ce` ON `operation_log`");
    await queryRunner.query("DROP INDEX `IDX_1012ce7a568947196069207190` ON `operation_log`");
    await queryRunner.query("DROP INDEX `IDX_26890ada7e8959cb948dbe761e` ON `operation_log`");
    await queryRunner.query("DROP TABLE `operation_log`");
    await queryRunner.query("DROP TABLE `staff_store_scope`");
    await queryRunner.query("DROP INDEX `IDX_343a99ce8a1e323ab1036ac683` ON `staff_role`");
    await queryRunner.query("DROP INDEX `IDX_1af2a16c07007251164fa14ec9` ON `staff_role`");
    await queryRunner.query("DROP TABLE `staff_role`");
    await queryRunner.query("DROP INDEX `IDX_ae4578dcaed5adff96595e6166` ON `role`");
    await queryRunner.query("DROP TABLE `role`");
    await queryRunner.query("DROP INDEX `IDX_a7c945e39de97ad2b20e719fc2` ON `staff_account`");
    await queryRunner.query("DROP TABLE `staff_account`");
    await queryRunner.query("DROP INDEX `IDX_18b468cb61310db3c16e9ca000` ON `refresh_token`");
    await queryRunner.query("DROP INDEX `IDX_e888ad854be5ebd601c775455e` ON `refresh_token`");
    await queryRunner.query("DROP INDEX `IDX_f0812282fad2e352cdaf83ef0a` ON `refresh_token`");
    await queryRunner.query("DROP INDEX `IDX_eb31f2a7917404a46e17f539f1` ON `refresh_token`");
    await queryRunner.query("DROP TABLE `refresh_token`");
    await queryRunner.query("DROP INDEX `IDX_68ec88f041c647a380edc3ed08` ON `shopper`");
    await queryRunner.query("DROP INDEX `IDX_a8440d1e2f463d2dc5a977fe9c` ON `shopper`");
    await queryRunner.query("DROP INDEX `IDX_43a466132d131136fc61d6d572` ON `shopper`");
    await queryRunner.query("DROP INDEX `IDX_a59ba82a866991ccb1b016ffed` ON `shopper`");
    await queryRunner.query("DROP TABLE `shopper`");
    await queryRunner.query("DROP INDEX `IDX_b347ea78b6f34516564dc6ca14` ON `shopper_address`");
    await queryRunner.query("DROP TABLE `shopper_address`");
  }
}
