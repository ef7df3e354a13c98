// Where to go after signing in (`next`): only a path on this site, in a form that is safe in a Location
// header. Browsers drop tabs and newlines from a URL and read a backslash as a slash, so "/\t/evil.example"
// and "/\evil.example" would leave the site; CR and LF would break the header; and dot segments can turn
// "/.//evil.example" into "//evil.example". Anything doubtful goes home.

/** Longer than any page address of ours; a longer `next` is dropped rather than carried in headers. */
export const MAX_RETURN_PATH_LENGTH = 2048

const BASE = 'http://probity.invalid'
/** Control characters (CR, LF, tab, …), DEL and backslashes. */
const UNSAFE = /[\u0000-\u001f\u007f\\]/

export function returnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_RETURN_PATH_LENGTH) return '/'
  if (!value.startsWith('/') || value.startsWith('//') || UNSAFE.test(value)) return '/'
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return '/'
  }
  if (url.origin !== BASE) return '/'
  // Percent-encoded by the parser, so only ASCII that a header may carry; checked again after normalising.
  const path = `${url.pathname}${url.search}${url.hash}`
  return path.startsWith('/') && !path.startsWith('//') ? path : '/'
}
