// The Content-Disposition of a download. File names are built from references people type, which may hold
// quotes, line breaks or characters a header cannot carry; those become hyphens, so the header is always valid.
export function attachment(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'download'
  return `attachment; filename="${safe}"`
}
