/**
 * Help texts of `arp-ndp` and its commands (`--help`, `-h`, `arp-ndp help COMMAND`).
 *
 * @packageDocumentation
 */

/** `arp-ndp --help`. */
export const MAIN_HELP = `arp-ndp: decode and build ARP and IPv6 Neighbor Discovery frames

Usage:
  arp-ndp decode FILE|-   [--json] [--filter arp|ndp|invalid]   print the frames of a pcap, pcapng or hex dump
  arp-ndp build KIND --mac MAC --ip ADDR [options]              build a frame (hex, or a pcap/pcapng file)
  arp-ndp demo [--out FILE.pcapng]                              a MetalLB-style Layer 2 failover, written and decoded
  arp-ndp help [COMMAND]                                        this text, or a command's help

Options:
  -h, --help      show help (also after any command)
  -V, --version   print the version

Exit status: 0 success, 2 a usage or input error (one line on stderr), 1 an internal error.
`;

/** `arp-ndp decode --help`. */
export const DECODE_HELP = `Usage: arp-ndp decode FILE|- [--json] [--filter arp|ndp|invalid] [--link-type TYPE]

Prints one line per frame of FILE (or of standard input, with -):
  N TIME SOURCE → DESTINATION [vlan …] PROTOCOL details [flags]
TIME is in seconds since the first frame. IPv6 frames show IPv6 addresses, other frames MACs.
Flags: [bad checksum 0x…], [invalid: rule (RFC …)], [malformed: …], [captured N of M bytes].

Input (recognised by its first bytes): pcap (µs or ns, either byte order), pcapng, or a hex dump:
tcpdump -xx output, a Wireshark "Copy as Hex Dump" or a hex stream (one frame per line). Every input
(files, FIFOs, devices, standard input) is streamed.

Options:
  --json              one JSON object per frame: frame, timestamp, time, length, the decoded frame
                      (byte fields as hex strings), violations, and error when it did not decode
  --filter NAME       keep arp (ARP/RARP), ndp (ICMPv6 133-137) or invalid (malformed, bad checksum,
                      RFC violations) frames; repeat or comma-separate to keep any of several
  --link-type TYPE    ethernet, sll, sll2, raw or a number (tcpdump.org LINKTYPE_): how to read a hex
                      dump's frames (default: what a pasted tcpdump banner says, else ethernet); for a
                      capture file, instead of the link type it records
  -h, --help          show this help
`;

/** `arp-ndp build --help`. */
export const BUILD_HELP = `Usage: arp-ndp build KIND --mac MAC [options] [--hex | --out FILE.pcap|FILE.pcapng]

Kinds:
  garp          gratuitous ARP announcing --ip (RFC 5227 §2.3; --operation reply for the reply form)
  probe         ARP probe for --ip (RFC 5227 §2.1.1: sender IP 0.0.0.0)
  arp-request   ARP request from --ip for --target-ip (RFC 826)
  arp-reply     ARP reply from --mac to --request HEX, a received ARP request frame (RFC 826)
  ns            Neighbor Solicitation for --target from --source (RFC 4861 §4.3; --source :: for DAD)
  na            solicited Neighbor Advertisement answering --solicitation HEX, a received NS frame
                (RFC 4861 §7.2.4)
  una           unsolicited Neighbor Advertisement of --ip to all-nodes (RFC 4861 §7.2.6)

Options:
  --mac MAC                 our MAC address (all kinds)
  --ip ADDR                 our address: IPv4 for garp, probe, arp-request; IPv6 for una (and the
                            default --source of ns)
  --target-ip IPV4          arp-request: the address asked for
  --operation request|reply garp: request (RFC 5227 announcement, default) or reply
  --tha zero|broadcast|sender|MAC
                            garp: target hardware address (default zero for a request,
                            sender for a reply; MetalLB sends broadcast)
  --source IPV6             ns: source address (default --ip, else the link-local of --mac; :: for DAD);
                            una: source address (default --ip itself, as Linux sends it; MetalLB
                            sends from its link-local: --source fe80::...);
                            na: the solicitor's address, to answer an NS made from --source,
                            --peer-mac and --target instead of --solicitation
  --target IPV6             ns: the address solicited
  --nonce HEX               ns: add a Nonce option (RFC 7527), e.g. 0123456789ab
  --solicitation HEX        na: the NS frame being answered (hex, as printed by build --hex)
  --request HEX             arp-reply: the ARP request frame being answered
  --peer-mac MAC            na: the solicitor's MAC (with --source and --target)
  --router                  na, una: set the Router flag
  --no-override             na, una: clear the Override flag (it is set by default)
  --vlan ID[:PCP][/TPID]    add a VLAN tag; repeat for QinQ, outermost first
  --hex                     print the frame as a hex stream (the default)
  --out FILE                write a capture instead: .pcapng or .pcap (by extension)
  -h, --help                show this help
`;

/** `arp-ndp demo --help`. */
export const DEMO_HELP = `Usage: arp-ndp demo [--out FILE.pcapng]

Builds the frames of a MetalLB Layer 2 failover of 192.0.2.240 and 2001:db8::f0 from node A
(02:00:00:00:00:0a) to node B (02:00:00:00:00:0b): B's gratuitous ARPs and unsolicited Neighbor
Advertisements, then a client's ARP request and Neighbor Solicitation answered by B. Writes them to
FILE (default demo/failover.pcapng, open it in Wireshark) and prints them as arp-ndp decode does.

Options:
  --out FILE   where to write the capture (.pcapng or .pcap)
  -h, --help   show this help
`;
