/**
 * The shape of a declared layout as arp-ndp's `layouts` subpath exports it, independent of
 * buffer-layout's own (undeclared) types.
 *
 * @packageDocumentation
 */

/**
 * A fixed header declared with buffer-layout: `span` bytes long, `offsetOf(field)` gives each field's
 * offset, `decode`/`encode` work on a Node `Buffer` (buffer-layout's own restriction).
 */
export interface DeclaredLayout<T = Record<string, unknown>> {
  /** Length of the header in bytes. */
  readonly span: number;
  /** Offset of a named field, or undefined when the layout has no such field. */
  offsetOf(property: string): number | undefined;
  /** Decodes the header at `offset` of a Node Buffer (does not check that it fits: check `span` first). */
  decode(b: Uint8Array, offset?: number): T;
  /** Encodes the header into a Node Buffer and returns the bytes written. */
  encode(src: T, b: Uint8Array, offset?: number): number;
}
