// Shared by the decoder tests (decode-doc, decode-stream).

// The envelope exactly as vpxd writes it (NOTES item 2): four declarations, newlines between parts.
export const envelope = (body: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"\n' +
  ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"\n xmlns:xsd="http://www.w3.org/2001/XMLSchema"\n' +
  ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<soapenv:Body>\n${body}\n</soapenv:Body>\n</soapenv:Envelope>`;

/** The error `fn` throws; fails the test when it does not throw. */
export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
