/** Placeholder: being built. */
export function ShipmentsScreen() {
  return <div className="screen" data-screen="ShipmentsScreen" />;
}
