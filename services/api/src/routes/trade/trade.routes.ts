import type {
  ConsolidationsService,
  DeclarationsService,
  ExcludedGoodsService,
  FxReceiptsService,
  TransactionsService,
} from '@baigou/core';
import type { App } from '../../http/types';
import { consolidationRoutes } from './consolidations.routes';
import { declarationRoutes } from './declarations.routes';
import { excludedGoodsRoutes } from './excluded-goods.routes';
import { fxReceiptRoutes } from './fx-receipts.routes';
import { transactionReadRoutes } from './transactions.read.routes';
import { transactionReviewRoutes } from './transactions.review.routes';
import { transactionSubmitRoutes } from './transactions.submit.routes';

/** Trade: transactions (交易登记), consolidations (组货), declarations (报关), FX receipts (收汇) and the excluded-goods list they are screened against. */
export function tradeRoutes(
  app: App,
  deps: {
    transactions: TransactionsService;
    excludedGoods: ExcludedGoodsService;
    consolidations: ConsolidationsService;
    declarations: DeclarationsService;
    fxReceipts: FxReceiptsService;
  },
) {
  transactionSubmitRoutes(app, deps);
  transactionReadRoutes(app, deps);
  transactionReviewRoutes(app, deps);
  excludedGoodsRoutes(app, deps);
  consolidationRoutes(app, deps);
  declarationRoutes(app, deps);
  fxReceiptRoutes(app, deps);
}
