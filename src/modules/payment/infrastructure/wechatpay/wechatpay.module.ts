import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { WechatPayClient } from './wechatpay.client';
import { wechatPaySettingsFrom } from './wechatpay.settings';

/**
 * Provides the WechatPayClient built from AppConfig.wechatPay and AppConfig.wechat.appId. A
 * half-filled or unreadable configuration stops the start (ConfigError naming the variable); an
 * empty WECHATPAY_MCHID leaves WeChat Pay switched off (calls fail with 503).
 */
@Module({
  providers: [
    {
      provide: WechatPayClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const settings = wechatPaySettingsFrom(config);
        return new WechatPayClient(settings && { ...settings, logger: new Logger('WechatPay') });
      },
    },
  ],
  exports: [WechatPayClient],
})
export class WechatPayModule {}
