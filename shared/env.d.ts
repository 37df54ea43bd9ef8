declare module '*.tsv?raw' {
  const text: string;
  export default text;
}

/** vite's import.meta.glob (eager form), used to pick up the catalog files by name. */
interface ImportMeta {
  glob<T = unknown>(pattern: string | string[], options: { eager: true; import?: string }): Record<string, T>;
}
