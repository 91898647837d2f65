export { CartModule } from './cart.module';
export { CartService, type CartLine, type CartView, type SelectedCartLine } from './application/cart.service';
export { CART_LIMITS, type UnavailableReason } from './domain/cart-rules';
