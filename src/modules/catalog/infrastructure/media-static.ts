import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express from 'express';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

/** The URL path the public base URL points at, e.g. `/media` for http://localhost:3000/media. */
export function mediaMountPath(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).pathname.replace(/\/+$/, '') || '/';
}

/**
 * Serves the local media directory at the path of MEDIA_PUBLIC_BASE_URL (behind a CDN, this is
 * the origin). Unknown files fall through to the API's 404.
 */
@Injectable()
export class MediaStaticMount implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return; // worker process: no HTTP server
    const app = adapter.getInstance() as express.Express;
    app.use(
      mediaMountPath(this.config.media.publicBaseUrl),
      express.static(this.config.media.dir, { index: false, dotfiles: 'ignore', fallthrough: true, immutable: true, maxAge: '30d', redirect: false }),
    );
  }
}
