/*
 * Folder paths in addresses, for both pages: a path is an array of names; in an API URL each
 * name is percent-encoded, and in the address bar's #/a/b it is read back leniently.
 */

/** The names joined with "/", each percent-encoded. */
export function encodePath(segments) {
  return segments.map(encodeURIComponent).join('/');
}

/** The parts of the address's #/a/b, split at "/" ([''] when there is none). */
export function hashParts() {
  return location.hash.replace(/^#\/?/, '').split('/');
}

/** The non-empty parts, decoded; a part that is not valid percent-encoding is kept as it is. */
export function decodeSegments(parts) {
  return parts.filter(function (s) { return s.length > 0; }).map(function (s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  });
}
