import { Injectable } from '@nestjs/common';
import type { PaymentSummaryDto } from '../api/dto/order.dto';

/**
 * Answers "was this order paid after all?" before a timeout cancels it (the payment context asks
 * WeChat Pay).
 */
export interface PaymentStatusProbe {
  /**
   * true when the order turned out to be paid (and was marked so); false when it is really unpaid.
   * Throws when it cannot tell (WeChat Pay unreachable): the order must not be cancelled then.
   */
  settleBeforeCancel(orderId: number): Promise<boolean>;
}

/** The pay attempts of an order, for the staff order detail. */
export interface PaymentHistoryReader {
  paymentsOf(orderId: number): Promise<PaymentSummaryDto[]>;
}

/** The WeChat Pay transaction that paid an order, for the shipping-information upload. */
export interface PaidTransaction {
  transactionId: string;
  payerOpenid: string;
}

export interface PaidTransactionReader {
  /** The order's paid transaction, or null when it has none. */
  paidTransactionOf(orderId: number): Promise<PaidTransaction | null>;
}

/**
 * Where a downstream context (payment) plugs in the answers ordering asks for, at module init.
 * Dependencies stay one way (payment → ordering) with no provider cycle; without a payment
 * context, timeouts trust the local state and orders show no payments.
 */
@Injectable()
export class OrderingHooks {
  paymentProbe: PaymentStatusProbe | null = null;
  paymentHistory: PaymentHistoryReader | null = null;
  paidTransactions: PaidTransactionReader | null = null;
}
