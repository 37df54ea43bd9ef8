/** The screens of the left navigation, in order; the first is the home screen. */
export const SCREENS = ['dashboard', 'orders', 'payments', 'balances', 'shipments', 'imports', 'stock', 'claims', 'reports', 'import', 'history', 'backup', 'parties', 'products', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];
