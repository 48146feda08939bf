// Text from outside ftscan (VM names, fault strings, file contents) made inert before it reaches a terminal,
// a pipe or a log: control characters shown as escapes, so a name cannot move the cursor, recolour the
// screen, ring the bell or forge a line of output. The one definition; renderers and the Console use it.

// C0 controls, DEL and C1 controls (U+0080-U+009F: 8-bit CSI/OSC on some terminals).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// The same, minus newline and tab, and minus a carriage return that ends a CRLF line (CSV's record end).
const CONTROLS_IN_DOCUMENT = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// A colour/style escape (SGR) as picocolors writes it; nothing else of the ESC family is ever ftscan's own.
const SGR = /\u001b\[[0-9;]*m/y;

function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** Control characters (C0, DEL, C1) shown as escapes: "\n", "\x1b". For one value inside a line. */
export function visible(s: unknown): string {
  return String(s ?? '').replace(CONTROLS, escapeControl);
}

/**
 * A whole multi-line document for a terminal or pipe: its own line structure (\n, \t, CRLF) kept, every other
 * control character shown as an escape; with `sgr`, the colour escapes ftscan itself wrote are kept too.
 */
export function inertDocument(text: string, opts: { sgr?: boolean } = {}): string {
  if (!opts.sgr) return text.replace(CONTROLS_IN_DOCUMENT, escapeControl);
  let out = '';
  let last = 0;
  CONTROLS_IN_DOCUMENT.lastIndex = 0;
  for (let m = CONTROLS_IN_DOCUMENT.exec(text); m; m = CONTROLS_IN_DOCUMENT.exec(text)) {
    SGR.lastIndex = m.index;
    const sgr = m[0] === '\u001b' ? SGR.exec(text) : null;
    if (sgr) {
      CONTROLS_IN_DOCUMENT.lastIndex = m.index + sgr[0].length;
      continue;
    }
    out += text.slice(last, m.index) + escapeControl(m[0]);
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * JSON text for a terminal or pipe: control characters inside strings written as \u00XX, which JSON.stringify
 * leaves raw for DEL and C1. The document decodes to exactly the same value.
 */
export function inertJson(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** At most `max` characters of an echoed outside text, saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

// What XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; a surrogate without its pair).
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for any XML-based output (HTML, JUnit, the xlsx's sheets), the one rule for all of them: a control
 * character XML 1.0 does not allow is shown as an escape ("\x1b"), as a terminal shows it; a non-character
 * (U+FFFE, U+FFFF) or a lone surrogate becomes U+FFFD. Tab, LF and CR stay (the markup escapes them where needed).
 */
export function xmlText(s: unknown): string {
  return String(s ?? '').replace(NOT_XML, (c) => (c.charCodeAt(0) < 0x20 ? escapeControl(c) : '\ufffd'));
}
