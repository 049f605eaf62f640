/** A size as people read it in a message: `180 bytes`, `1.5 KB`, `256 MB`, `1 GB` (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${trimmed(bytes / (1024 * 1024 * 1024))} GB`;
  if (bytes >= 1024 * 1024) return `${trimmed(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trimmed(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trimmed(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}
