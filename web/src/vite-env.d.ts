/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The stepcast server's base URL; empty (the default) means this page's own origin. */
  readonly VITE_API_URL?: string;
  /** "true" offers the photo style, which needs a cloud image engine. */
  readonly VITE_CLOUD_ENGINES?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
