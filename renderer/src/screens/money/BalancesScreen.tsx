/** Placeholder: being built. */
export function BalancesScreen() {
  return <div className="screen" data-screen="BalancesScreen" />;
}
