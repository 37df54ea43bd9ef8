/** Placeholder: being built. */
export function ReportsScreen() {
  return <div className="screen" data-screen="reports" />;
}
