// Type declarations for the subset of buffer-layout (which ships none) that arp-ndp's layouts use.
// buffer-layout works on Node Buffers only: the layouts are a specification and a test oracle, never
// the hot path.
declare module "buffer-layout" {
  /** A declared field or structure. */
  export class Layout<T = unknown> {
    readonly span: number;
    readonly property: string | undefined;
    decode(b: Uint8Array, offset?: number): T;
    encode(src: T, b: Uint8Array, offset?: number): number;
    getSpan(b?: Uint8Array, offset?: number): number;
  }
  export class Structure<T = Record<string, unknown>> extends Layout<T> {
    readonly fields: Layout[];
    offsetOf(property: string): number | undefined;
  }
  export class BitStructure<T = Record<string, unknown>> extends Layout<T> {
    addField(bits: number, property: string): unknown;
    addBoolean(property: string): unknown;
  }
  export function u8(property?: string): Layout<number>;
  export function u16be(property?: string): Layout<number>;
  export function u24be(property?: string): Layout<number>;
  export function u32be(property?: string): Layout<number>;
  export function u48be(property?: string): Layout<number>;
  export function blob(length: number | Layout<number>, property?: string): Layout<Uint8Array>;
  export function struct<T = Record<string, unknown>>(fields: Layout[], property?: string, decodePrefixes?: boolean): Structure<T>;
  export function bits<T = Record<string, unknown>>(word: Layout<number>, msb?: boolean, property?: string): BitStructure<T>;
  export function seq<T>(element: Layout<T>, count: number | Layout<number>, property?: string): Layout<T[]>;
}
