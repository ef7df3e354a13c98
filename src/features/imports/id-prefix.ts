// Namespaced person ids (FORMATS §9, docs/formats.md): an import's `--id-prefix` (or a mapping's
// officer_id_prefix setting) is put before every officer_id of the file, so that two sources whose own ids collide
// never link their subjects to the same person. The prefixed id is the id from then on: it is what is stored,
// matched and exported.

/** Letters or digits first, then letters, digits and `- _ . : /`; short, so that ids stay readable. */
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/
export const ID_PREFIX_LIMIT = 20

/** Why `prefix` cannot namespace ids, or null when it can. */
export function idPrefixProblem(prefix: string): string | null {
  if (prefix.length > ID_PREFIX_LIMIT)
    return `an id prefix is at most ${ID_PREFIX_LIMIT} characters, not ${prefix.length} ("${prefix}")`
  if (!PREFIX.test(prefix))
    return (
      `an id prefix starts with a letter or digit and holds only letters, digits and - _ . : / ("${prefix}" does not), ` +
      'such as PHL- or met:'
    )
  return null
}

/** The prefix an import applies: the command's and the mapping's must agree when both are given. */
export function chooseIdPrefix(
  given: string | undefined,
  mapping: string | undefined,
): { prefix: string | undefined; problem: string | null } {
  if (given !== undefined && mapping !== undefined && given !== mapping)
    return {
      prefix: undefined,
      problem:
        `--id-prefix "${given}" differs from the mapping's officer_id_prefix "${mapping}": ` +
        'give one, or the same in both',
    }
  const prefix = given ?? mapping
  return { prefix, problem: prefix === undefined ? null : idPrefixProblem(prefix) }
}

/** The id as this source's: the prefix before a non-empty id; an empty id stays empty (no person). */
export const prefixedId = (id: string | undefined, prefix: string | undefined): string | undefined =>
  prefix && id ? `${prefix}${id}` : id
