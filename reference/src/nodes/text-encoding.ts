// Text encodings of the file nodes, by their Python names (utf-8, utf-8-sig, ascii, latin-1, utf-16 ...).

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'utf-8-sig': 'utf-8-sig',
  'utf8-sig': 'utf-8-sig',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
  l1: 'latin-1',
  'utf-16': 'utf-16',
  utf16: 'utf-16',
  'utf-16-le': 'utf-16-le',
  'utf-16le': 'utf-16-le',
  'utf-16-be': 'utf-16-be',
  'utf-16be': 'utf-16-be',
};

/** The encodings every file node supports (Python spellings). */
export const SUPPORTED_ENCODINGS = ['utf-8', 'utf-8-sig', 'ascii', 'latin-1', 'utf-16', 'utf-16-le', 'utf-16-be'] as const;

/** Thrown when text cannot be decoded or encoded in the requested encoding. */
export class EncodingError extends Error {}

function canonical(name: string): string | undefined {
  return ALIASES[name.trim().toLowerCase().replace(/_/g, '-')];
}

/** Whether `name` is an encoding file.read can decode (the list above, or a WHATWG label). */
export function isReadableEncoding(name: string): boolean {
  if (canonical(name) !== undefined) return true;
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/** Whether `name` is an encoding file.write can encode. */
export function isWritableEncoding(name: string): boolean {
  return canonical(name) !== undefined;
}

/** Decode bytes strictly (like Python's errors='strict'): undecodable bytes throw EncodingError. */
export function decodeText(bytes: Buffer, encoding: string): string {
  const name = canonical(encoding);
  try {
    switch (name) {
      case 'utf-8':
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      case 'utf-8-sig':
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      case 'ascii': {
        const bad = bytes.findIndex((byte) => byte > 0x7f);
        if (bad !== -1) throw new EncodingError(`byte 0x${(bytes[bad] ?? 0).toString(16)} at position ${bad} is not ASCII`);
        return bytes.toString('latin1');
      }
      case 'latin-1':
        return bytes.toString('latin1');
      case 'utf-16':
        return decodeUtf16(bytes);
      case 'utf-16-le':
        return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(bytes);
      case 'utf-16-be':
        return new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }).decode(bytes);
      default:
        return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    }
  } catch (error) {
    if (error instanceof EncodingError) throw error;
    throw new EncodingError(`the content is not valid ${encoding}`);
  }
}

// Python's utf-16: a BOM picks the byte order (and is dropped); without one, little-endian.
function decodeUtf16(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
}

/** Encode text strictly: characters the encoding cannot hold throw EncodingError. */
export function encodeText(text: string, encoding: string): Buffer {
  switch (canonical(encoding)) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-sig':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'ascii':
      return encodeSingleByte(text, 0x7f, encoding);
    case 'latin-1':
      return encodeSingleByte(text, 0xff, encoding);
    case 'utf-16':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16-le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16-be':
      return Buffer.from(text, 'utf16le').swap16();
    default:
      throw new EncodingError(`cannot write in encoding '${encoding}'`);
  }
}

function encodeSingleByte(text: string, max: number, encoding: string): Buffer {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > max) throw new EncodingError(`character ${JSON.stringify(text[i])} at position ${i} cannot be written in ${encoding}`);
  }
  return Buffer.from(text, 'latin1');
}
