/** Placeholder: being built. */
export function ImportsScreen() {
  return <div className="screen" data-screen="ImportsScreen" />;
}
