/**
 * arp-ndp: zero-copy encoders and decoders for Ethernet (802.1Q/802.1ad), ARP (RFC 826, RFC 5227) and
 * IPv6 Neighbor Discovery (RFC 4861), builders for what a Layer 2 speaker sends, and pcap/pcapng I/O.
 *
 * Explicit re-exports only: everything public is named here. Node-only file helpers live in the
 * `arp-ndp/capture/node` subpath, buffer-layout declarations in `arp-ndp/layouts`.
 *
 * @packageDocumentation
 */

// Errors
export {
  FrameError,
  FrameErrorCode,
  attemptDecode,
  ViewErrorCode,
  frameErrorCodeOf,
  isFrameError,
  type DecodeResult,
  type FrameLayer,
} from "./errors.js";

// Addresses
export {
  BROADCAST_MAC,
  MAC_LENGTH,
  ZERO_MAC,
  formatMac,
  formatMacNumber,
  isMulticastMac,
  macToBytes,
  macToNumber,
  parseMac,
  readMac,
  writeMac,
  type MacAddressInput,
} from "./address/mac.js";
export {
  IPV4_LENGTH,
  formatIpv4,
  formatIpv4Number,
  ipv4ToBytes,
  ipv4ToNumber,
  isIpv4Multicast,
  parseIpv4,
  readIpv4,
  writeIpv4,
  type Ipv4AddressInput,
} from "./address/ipv4.js";
export {
  IPV6_LENGTH,
  formatIpv6,
  ipv6ToBytes,
  isIpv6LinkLocal,
  isIpv6Multicast,
  isIpv6Unspecified,
  parseIpv6,
  writeIpv6,
  type Ipv6AddressInput,
} from "./address/ipv6.js";
export {
  isSolicitedNodeMulticast,
  linkLocalFromMac,
  multicastMac,
  solicitedNodeMulticast,
  writeIpv4MulticastMac,
  writeIpv6MulticastMac,
  writeLinkLocalFromMac,
  writeSolicitedNodeMulticast,
} from "./address/multicast.js";

// Checksums
export { crc32 } from "./checksum/crc32.js";
export { foldSum, internetChecksum, sumWords } from "./checksum/internet.js";
export {
  computeIcmpv6Checksum,
  computeIcmpv6ChecksumWith,
  ipv6PseudoHeaderSum,
  verifyIcmpv6Checksum,
  writeIcmpv6Checksum,
} from "./checksum/ipv6-pseudo-header.js";

// Ethernet and VLAN tags
export {
  BROADCAST_MAC_TEXT,
  ETHER_TYPE,
  ETHERNET_HEADER_LENGTH,
  FCS_LENGTH,
  MAX_8023_LENGTH,
  MAX_VLAN_ID,
  MAX_VLAN_PRIORITY,
  MIN_FRAME_LENGTH,
  MIN_PAYLOAD_LENGTH,
  VLAN_TAG_LENGTH,
  isVlanTpid,
  type EtherType,
} from "./ethernet/constants.js";
export {
  EthernetView,
  computeEthernetFcs,
  decodeEthernet,
  encodeEthernet,
  encodeEthernetInto,
  ethernetEncodingLength,
  tryDecodeEthernet,
  ethernetFrameLength,
  ethernetHeaderLength,
  verifyEthernetFcs,
  type DecodedEthernet,
  type EthernetFrameInput,
  type EthernetHeader,
  type LlcHeader,
} from "./ethernet/ethernet.js";
export { type VlanOption, type VlanTag, type VlanTagInput } from "./ethernet/vlan.js";

// ARP
export {
  ARP_ETHERNET_IPV4_LENGTH,
  ARP_HARDWARE_TYPE,
  ARP_HEADER_LENGTH,
  ARP_OPERATION,
  ARP_PROTOCOL_IPV4,
  ARP_PROTOCOL_IPV6,
  type ArpHardwareType,
  type ArpOperation,
} from "./arp/constants.js";
export {
  ArpView,
  arpEncodingLength,
  decodeArp,
  encodeArp,
  encodeArpInto,
  tryDecodeArp,
  type ArpAddressInput,
  type ArpPacket,
  type ArpPacketInput,
} from "./arp/arp.js";
export {
  ARP_FRAME_LENGTH,
  buildArpProbe,
  buildArpProbeInto,
  buildArpReply,
  buildArpReplyInto,
  buildArpRequest,
  buildArpRequestInto,
  buildGratuitousArp,
  buildGratuitousArpInto,
  type ArpProbeOptions,
  type ArpReplyOptions,
  type ArpRequestFrame,
  type ArpRequestFrameView,
  type ArpRequestOptions,
  type GratuitousArpOptions,
  type GratuitousTargetHardwareAddress,
} from "./arp/builders.js";
export { ARP_RULES, classifyArp, validateArp, type ArpKind, type ArpRule } from "./arp/validate.js";

// IPv6
export {
  ALL_NODES_MULTICAST_BYTES,
  ALL_ROUTERS_MULTICAST_BYTES,
  IPV6_HEADER_LENGTH,
  IPV6_MAX_EXTENSION_HEADERS,
  NEXT_HEADER,
  UNSPECIFIED_ADDRESS_BYTES,
  type NextHeader,
} from "./ipv6/constants.js";
export {
  Ipv6View,
  decodeIpv6,
  encodeIpv6,
  encodeIpv6Into,
  ipv6EncodingLength,
  tryDecodeIpv6,
  writeIpv6Header,
  type DecodedIpv6,
  type Ipv6ExtensionHeader,
  type Ipv6Header,
  type Ipv6HeaderInput,
  type Ipv6PacketInput,
} from "./ipv6/ipv6.js";

// ICMPv6 and Neighbor Discovery
export {
  ICMPV6_CHECKSUM_OFFSET,
  ICMPV6_HEADER_LENGTH,
  ICMPV6_TYPE,
  Icmpv6View,
  decodeIcmpv6,
  tryDecodeIcmpv6,
  writeIcmpv6Header,
  type Icmpv6Header,
  type Icmpv6Type,
} from "./ndp/icmpv6.js";
export {
  ALL_NODES_MULTICAST,
  ALL_NODES_MULTICAST_MAC,
  ETHERNET_LINK_LAYER_OPTION_UNITS,
  NA_FLAG_OVERRIDE,
  NA_FLAG_ROUTER,
  NA_FLAG_SOLICITED,
  NA_RESERVED_MASK,
  NDP_FIXED_LENGTH,
  NDP_HOP_LIMIT,
  NDP_MAX_OPTION_LENGTH,
  NDP_OPTION_TYPE,
  NDP_OPTION_UNIT,
  NDP_TARGET_OFFSET,
  type NdpOptionType,
} from "./ndp/constants.js";
export {
  NdpOptionCursor,
  decodeNdpOptions,
  isLinkLayerAddressOption,
  isNonceOption,
  ndpOptionEncodingLength,
  ndpOptionsEncodingLength,
  writeNdpOptions,
  type LinkLayerAddressOption,
  type LinkLayerAddressOptionInput,
  type NdpOption,
  type NdpOptionInput,
  type NonceOption,
  type NonceOptionInput,
  type RawOption,
  type RawOptionInput,
} from "./ndp/options.js";
export {
  decodeNeighborSolicitation,
  encodeNeighborSolicitation,
  encodeNeighborSolicitationInto,
  neighborSolicitationEncodingLength,
  tryDecodeNeighborSolicitation,
  type NeighborSolicitation,
  type NeighborSolicitationInput,
} from "./ndp/neighbor-solicitation.js";
export {
  decodeNeighborAdvertisement,
  encodeNeighborAdvertisement,
  encodeNeighborAdvertisementInto,
  neighborAdvertisementEncodingLength,
  tryDecodeNeighborAdvertisement,
  type NeighborAdvertisement,
  type NeighborAdvertisementInput,
} from "./ndp/neighbor-advertisement.js";
export {
  NdpView,
  decodeNdp,
  encodeNdp,
  encodeNdpInto,
  ndpEncodingLength,
  tryDecodeNdp,
  type NdpMessage,
  type NdpMessageInput,
} from "./ndp/ndp.js";
export {
  buildNeighborAdvertisement,
  buildNeighborAdvertisementInto,
  buildNeighborSolicitation,
  buildNeighborSolicitationInto,
  buildUnsolicitedNeighborAdvertisement,
  buildUnsolicitedNeighborAdvertisementInto,
  type DecodedSolicitationFrame,
  type NdpBuilderOverrides,
  type NeighborAdvertisementOptions,
  type NeighborSolicitationOptions,
  type SolicitationFrameView,
  type UnsolicitedNeighborAdvertisementOptions,
} from "./ndp/builders.js";
export { NDP_RULES, validateNdp, type NdpRule, type NdpSolicitationContext, type NdpValidationInput } from "./ndp/validate.js";

// Whole frames, link layers of captures, validation
export { FRAME_KIND, type FrameKind } from "./frame-kind.js";
export {
  FrameView,
  decodeFrame,
  tryDecodeFrame,
  validateFrame,
  type DecodeFrameOptions,
  type DecodedCapturedFrame,
  type DecodedFrame,
} from "./frame.js";
export { SLL2_HEADER_LENGTH, SLL_HEADER_LENGTH, SllView, type SllHeader } from "./link/sll.js";
export { type Violation } from "./validate-types.js";

// Captures (portable: Uint8Array in, Uint8Array out; file helpers are in `arp-ndp/capture/node`)
export {
  CAPTURE_LINK_TYPE,
  DEFAULT_MAX_RECORD_LENGTH,
  PCAPNG_BLOCK_TYPE,
  PCAPNG_BYTE_ORDER_MAGIC,
  PCAP_HEADER_LENGTH,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
  PCAP_MAXIMUM_SNAP_LENGTH,
  PCAP_RECORD_HEADER_LENGTH,
  PcapCursor,
  PcapWriter,
  PcapngCursor,
  PcapngWriter,
  detectCaptureFormat,
  DEFAULT_MAX_HEX_LINE_LENGTH,
  parseHex,
  parseHexDump,
  readHexDump,
  type HexDumpRecord,
  type ReadHexDumpOptions,
  readCapture,
  readCaptureAll,
  readCaptureStream,
  readPcap,
  readPcapAll,
  readPcapng,
  readPcapngAll,
  splitTimestamp,
  writePcap,
  writePcapng,
  type CaptureChunkSource,
  type CaptureFormat,
  type CaptureLinkType,
  type CaptureRecord,
  type CaptureResolution,
  type CaptureWriteRecord,
  type PcapngInterface,
  type PcapngInterfaceOptions,
  type ReadCaptureOptions,
  type ReadCaptureStreamOptions,
  type ReadableStreamLike,
  type TruncatedPolicy,
  type WritePcapOptions,
  type WritePcapngOptions,
} from "./capture/index.js";
