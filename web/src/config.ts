/** Where the stepcast API lives: '' means the page's own origin. */
export function apiBaseUrl(configured: string | undefined = import.meta.env.VITE_API_URL): string {
  return (configured ?? '').trim().replace(/\/+$/, '');
}

/** Whether the build was told the server has cloud engines (and so the photo style). */
export function cloudEnginesConfigured(
  configured: string | undefined = import.meta.env.VITE_CLOUD_ENGINES,
): boolean {
  return configured === 'true' || configured === '1';
}
