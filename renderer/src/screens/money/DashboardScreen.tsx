/** Placeholder: being built. */
export function DashboardScreen() {
  return <div className="screen" data-screen="DashboardScreen" />;
}
