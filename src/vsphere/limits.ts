// Bounds on what a vCenter reply may contain, in one place. Each is far above anything a real vCenter
// sends (the largest real text values are certificates and annotations of a few KB; real nesting is ~25
// levels; a tag with its attributes is well under 1 KB), and low enough that a hostile or broken server
// gets a one-line malformed-response error instead of exhausting memory or CPU.

/** Characters of one text node (CDATA included) or one paging token. */
export const MAX_TEXT_CHARS = 16 * 1024 * 1024;

/** Characters of one tag with its attributes, or of one comment / processing instruction. */
export const MAX_TAG_CHARS = 1024 * 1024;

/** Element nesting depth (both decoders; the same as fast-xml-parser's default). */
export const MAX_DEPTH = 100;

/** Whole-document (small) replies may be at most this fraction of the bulk-page ceiling (--max-response-mb). */
export const WHOLE_DOCUMENT_SHARE = 32;

/** Characters of server-provided text (fault strings, bad values) quoted in an error or a report. */
const MAX_ECHO_CHARS = 300;

/** `s` cut to `max` characters, with "…" when something was cut. */
export function bounded(s: string, max = MAX_ECHO_CHARS): string {
  return s.length <= max ? s : s.slice(0, max) + '…';
}

export function describeChars(n: number): string {
  return n >= 1048576 ? `${n / 1048576} Mi characters` : `${n} characters`;
}
