// Text into HTML or XML: the one escaping function every renderer of markup uses.

/** Escapes text for HTML and XML content and attribute values (both quote kinds). */
export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
