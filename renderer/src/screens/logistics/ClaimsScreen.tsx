/** Placeholder: being built. */
export function ClaimsScreen() {
  return <div className="screen" data-screen="ClaimsScreen" />;
}
