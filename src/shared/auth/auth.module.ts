import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';

@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret: config.jwt.secret, signOptions: { algorithm: 'HS256' } })],
      providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenService],
    };
  }
}
