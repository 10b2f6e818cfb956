export type { Storefront, StorefrontOptions } from './create-app.js';
export { createApp } from './create-app.js';
export type { RunningServer } from './listen.js';
export { listen } from './listen.js';
export type { Order, OrderState, OrderStore } from './orders.js';
export { createOrderStore } from './orders.js';
export type { SandboxConnection } from './sandbox-connection.js';
export { connectSandbox } from './sandbox-connection.js';
