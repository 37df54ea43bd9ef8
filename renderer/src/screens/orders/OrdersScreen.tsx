/** Placeholder: being built. */
export function OrdersScreen() {
  return <div className="screen" data-screen="OrdersScreen" />;
}
