import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SettingsService } from '../../../shared/settings/settings.service';

export interface OrderSettings {
  payTimeoutMinutes: number;
  autoConfirmDays: number;
  afterSaleDays: number;
  /** Flat EXPRESS freight in fen (0: free shipping). */
  expressFee: number;
  /** EXPRESS is free from this goods amount in fen (0: the flat fee always applies). */
  expressFreeThreshold: number;
}

export const ORDER_SETTING_DEFAULTS: OrderSettings = {
  payTimeoutMinutes: 30,
  autoConfirmDays: 7,
  afterSaleDays: 7,
  expressFee: 0,
  expressFreeThreshold: 0,
};

@Injectable()
export class OrderSettingsService {
  constructor(private readonly settings: SettingsService) {}

  get(em?: EntityManager): Promise<OrderSettings> {
    return this.settings.get('order', ORDER_SETTING_DEFAULTS, em);
  }

  update(patch: Partial<OrderSettings>, em?: EntityManager): Promise<OrderSettings> {
    return this.settings.update('order', ORDER_SETTING_DEFAULTS, patch, em);
  }
}
