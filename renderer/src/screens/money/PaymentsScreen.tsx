/** Placeholder: being built. */
export function PaymentsScreen() {
  return <div className="screen" data-screen="PaymentsScreen" />;
}
