/** Placeholder: being built. */
export function StockScreen() {
  return <div className="screen" data-screen="StockScreen" />;
}
