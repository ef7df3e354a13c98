// The Content-Security-Policy a standalone document we generate is served with (an FOI letter as HTML).
import { createHash } from 'node:crypto'

/** No scripts at all, and only the document's own <style> blocks, allowed by their hashes. */
export function standaloneDocumentPolicy(html: string): string {
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(
    ([, body = '']) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  )
  return [
    "default-src 'none'",
    `style-src ${styles.length ? [...new Set(styles)].join(' ') : "'none'"}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}
