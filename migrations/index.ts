// Maintained by `npm run migration:generate`: every migration of each dialect, in order.
import { Platform1795625570709 as mysqlPlatform1795625570709 } from './mysql/1795625570709-Platform';
import { Identity1795626597337 as mysqlIdentity1795626597337 } from './mysql/1795626597337-Identity';
import { Catalog1795626999047 as mysqlCatalog1795626999047 } from './mysql/1795626999047-Catalog';
import { Ordering1795627690502 as mysqlOrdering1795627690502 } from './mysql/1795627690502-Ordering';
import { ShippingUpload1795628315136 as mysqlShippingUpload1795628315136 } from './mysql/1795628315136-ShippingUpload';
import { CartRoot1796423716703 as mysqlCartRoot1796423716703 } from './mysql/1796423716703-CartRoot';
import { PaymentClaimsAndRefundTransactions1796424067264 as mysqlPaymentClaimsAndRefundTransactions1796424067264 } from './mysql/1796424067264-PaymentClaimsAndRefundTransactions';
import { Platform1795625570709 as sqlitePlatform1795625570709 } from './sqlite/1795625570709-Platform';
import { Identity1795626597337 as sqliteIdentity1795626597337 } from './sqlite/1795626597337-Identity';
import { Catalog1795626999047 as sqliteCatalog1795626999047 } from './sqlite/1795626999047-Catalog';
import { Ordering1795627690502 as sqliteOrdering1795627690502 } from './sqlite/1795627690502-Ordering';
import { ShippingUpload1795628315136 as sqliteShippingUpload1795628315136 } from './sqlite/1795628315136-ShippingUpload';
import { CartRoot1796423716703 as sqliteCartRoot1796423716703 } from './sqlite/1796423716703-CartRoot';
import { PaymentClaimsAndRefundTransactions1796424067264 as sqlitePaymentClaimsAndRefundTransactions1796424067264 } from './sqlite/1796424067264-PaymentClaimsAndRefundTransactions';

export const mysqlMigrations: Function[] = [mysqlPlatform1795625570709, mysqlIdentity1795626597337, mysqlCatalog1795626999047, mysqlOrdering1795627690502, mysqlShippingUpload1795628315136, mysqlCartRoot1796423716703, mysqlPaymentClaimsAndRefundTransactions1796424067264];
export const sqliteMigrations: Function[] = [sqlitePlatform1795625570709, sqliteIdentity1795626597337, sqliteCatalog1795626999047, sqliteOrdering1795627690502, sqliteShippingUpload1795628315136, sqliteCartRoot1796423716703, sqlitePaymentClaimsAndRefundTransactions1796424067264];
