#!/usr/bin/python3
"""Test data for test/interop/scapy.test.ts (run with Debian's /usr/bin/python3 and python3-scapy).

One process does both directions of the arp-ndp <-> scapy cross-check:

1. generate: from a seed, builds COUNT random ARP / NS / DAD NS / NA frames with scapy (0-2 VLAN tags,
   odd ARP hardware/protocol lengths, random NDP options including nonces and unknown types, random
   traffic class / flow label / hop limit / reserved bits, some deliberately wrong checksums) and reports
   each frame's bytes (hex) with scapy's own dissection of those bytes;
2. dissect: scapy dissects every hex frame given on stdin (frames built by arp-ndp's builders).

stdin:  {"seed": int, "count": int, "hex": ["ffff...", ...]}
stdout: {"scapy": version, "generated": [{"hex": str, "view": VIEW}], "dissected": [VIEW]}

VIEW is the normalised field set the test compares with arp-ndp's decodeFrame:
  eth {dst, src, type}, vlans [{tpid, prio, dei, id}],
  arp {hwtype, ptype, hwlen, plen, op, hwsrc, psrc, hwdst, pdst}   (addresses: scapy's text for
      Ethernet/IPv4/IPv6 fields, lowercase hex for the raw byte strings scapy uses for other lengths),
  ipv6 {version, tc, fl, plen, nh, hlim, src, dst},
  icmpv6 {type, code, cksum, cksum_valid}   (cksum_valid: scapy's recomputed checksum equals the wire's),
  nd {kind: "ns"|"na", R, S, O, res, tgt, options [{type, len, lladdr} | {type, len, data}], rest?}.
Scapy 2.5 dissects only the option types it has classes for and leaves an unknown type (the nonce, 14,
included) and everything after it as Raw; this script walks that remainder by RFC 4861 §4.6 and marks
those options "by": "script". (Building, ICMPv6NDOptUnknown is given an explicit `len`: its own default
counts bytes, not 8-octet units.)
"""
import json
import random
import sys

import scapy
from scapy.layers.inet6 import (
    ICMPv6ND_NA,
    ICMPv6ND_NS,
    ICMPv6NDOptDstLLAddr,
    ICMPv6NDOptSrcLLAddr,
    ICMPv6NDOptUnknown,
    IPv6,
    icmp6ndoptscls,
)
from scapy.layers.l2 import ARP, Dot1AD, Dot1Q, Ether
from scapy.packet import NoPayload, Padding, Raw, bind_layers

# Wireshark dissects TPID 0x9100 (pre-standard QinQ) as a VLAN tag by default (vlan.qinq_ethertype);
# scapy 2.5 binds only 0x8100 and 0x88a8. Bind 0x9100 the same way so both peers read the same tags.
# Likewise RARP (EtherType 0x8035, RFC 903), which shares ARP's layout: scapy binds ARP to 0x0806 only.
for _outer in (Ether, Dot1Q, Dot1AD):
    bind_layers(_outer, Dot1Q, type=0x9100)
    bind_layers(_outer, ARP, type=0x8035)

# Option types scapy dissects with a class of its own; other types come out as ICMPv6NDOptUnknown.
SCAPY_OPTION_TYPES = set(icmp6ndoptscls.keys())
UNKNOWN_OPTION_TYPES = [t for t in range(3, 256) if t not in SCAPY_OPTION_TYPES and t != 14]


def hexs(b):
    return bytes(b).hex()


def rand_mac(r, unicast=True):
    b = bytearray(r.randbytes(6))
    if unicast:
        b[0] &= 0xFE
    return ":".join(f"{x:02x}" for x in b)


def rand_ipv4(r):
    return ".".join(str(x) for x in r.randbytes(4))


def rand_ipv6(r):
    choice = r.random()
    if choice < 0.4:
        return "2001:db8::%x" % r.randrange(1, 0x10000)
    if choice < 0.6:
        return "fe80::%x:%x" % (r.randrange(0x10000), r.randrange(1, 0x10000))
    b = r.randbytes(16)
    return ":".join(b[i : i + 2].hex() for i in range(0, 16, 2))


def solicited_node(addr):
    import ipaddress

    last = ipaddress.IPv6Address(addr).packed[13:]
    return str(ipaddress.IPv6Address(bytes.fromhex("ff02" + "00" * 9 + "01ff") + last))


def multicast_mac(addr):
    import ipaddress

    b = ipaddress.IPv6Address(addr).packed
    return "33:33:" + ":".join(f"{x:02x}" for x in b[12:])


def ethernet_with_vlans(r, dst, src):
    """Ether / 0-2 VLAN tags (outer 802.1ad when two), with random PCP/DEI/VID."""
    frame = Ether(dst=dst, src=src)
    n = r.choice([0, 0, 1, 2])
    for i in range(n):
        tag_cls = Dot1AD if (n == 2 and i == 0) else Dot1Q
        frame = frame / tag_cls(prio=r.randrange(8), id=r.randrange(2), vlan=r.randrange(4096))
    return frame


def gen_arp(r):
    mac = rand_mac(r)
    odd = r.random() < 0.35
    op = r.choice([1, 2, 1, 2, 3, 4, r.randrange(65536)])
    if not odd:
        psrc = rand_ipv4(r)
        garp = r.random() < 0.3
        arp = ARP(
            hwtype=1,
            ptype=0x0800,
            hwlen=6,
            plen=4,
            op=op,
            hwsrc=mac,
            psrc=psrc,
            hwdst=r.choice(["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", rand_mac(r)]),
            pdst=psrc if garp else r.choice([rand_ipv4(r), "0.0.0.0"]),
        )
    else:
        hwtype = r.choice([1, 6, r.randrange(65536)])
        ptype = r.choice([0x0800, 0x86DD, r.randrange(65536)])
        hwlen = r.choice([0, 1, 6, 8, 16, r.randrange(33)])
        plen = r.choice([0, 2, 4, 16, r.randrange(33)])
        if hwtype == 1 and hwlen == 6:
            hwlen = 8  # the odd case: a length that is not the type's usual one

        def proto_address():
            if ptype == 0x0800 and plen == 4:
                return rand_ipv4(r)
            if ptype == 0x86DD and plen == 16:
                return rand_ipv6(r)
            return r.randbytes(plen)

        arp = ARP(
            hwtype=hwtype,
            ptype=ptype,
            hwlen=hwlen,
            plen=plen,
            op=op,
            hwsrc=r.randbytes(hwlen),
            psrc=proto_address(),
            hwdst=r.randbytes(hwlen),
            pdst=proto_address(),
        )
    dst = r.choice(["ff:ff:ff:ff:ff:ff", rand_mac(r)])
    return ethernet_with_vlans(r, dst, mac) / arp


def rand_options(r, lladdr_type):
    opts = []
    for _ in range(r.choice([0, 1, 1, 2, 3])):
        kind = r.random()
        if kind < 0.45:
            cls = ICMPv6NDOptSrcLLAddr if lladdr_type == 1 else ICMPv6NDOptDstLLAddr
            if r.random() < 0.15:  # the other kind of link-layer option, also legal on the wire
                cls = ICMPv6NDOptDstLLAddr if lladdr_type == 1 else ICMPv6NDOptSrcLLAddr
            opts.append(cls(lladdr=rand_mac(r)))
        elif kind < 0.7:
            n = r.choice([1, 1, 2])  # RFC 3971 §5.3.2 nonce: 6 bytes, or more in 8-octet steps
            opts.append(ICMPv6NDOptUnknown(type=14, len=n, data=r.randbytes(8 * n - 2)))
        else:
            n = r.choice([1, 1, 2, 3])
            opts.append(ICMPv6NDOptUnknown(type=r.choice(UNKNOWN_OPTION_TYPES), len=n, data=r.randbytes(8 * n - 2)))
    return opts


def finish_ipv6(r, frame, icmp, src, dst, opts):
    ip = IPv6(
        src=src,
        dst=dst,
        hlim=255 if r.random() < 0.85 else r.randrange(256),
        tc=r.choice([0, r.randrange(256)]),
        fl=r.choice([0, r.randrange(1 << 20)]),
    )
    if r.random() < 0.1:
        icmp.code = r.randrange(1, 256)
    if r.random() < 0.15:
        icmp.cksum = r.randrange(65536)  # usually wrong: the view says whether it is
    pkt = frame / ip / icmp
    for o in opts:
        pkt = pkt / o
    return pkt


def gen_ns(r, dad):
    mac = rand_mac(r)
    target = rand_ipv6(r)
    src = "::" if dad else rand_ipv6(r)
    dst = solicited_node(target) if r.random() < 0.8 else r.choice([target, "ff02::1"])
    ns = ICMPv6ND_NS(tgt=target, res=0 if r.random() < 0.8 else r.randrange(1 << 32))
    opts = [] if dad and r.random() < 0.7 else rand_options(r, 1)
    return finish_ipv6(r, ethernet_with_vlans(r, multicast_mac(dst) if dst.startswith("ff") else rand_mac(r), mac), ns, src, dst, opts)


def gen_na(r, unsolicited):
    mac = rand_mac(r)
    target = rand_ipv6(r)
    if unsolicited:
        R, S, O, dst = r.randrange(2), 0, 1, "ff02::1"
    else:
        R, S, O, dst = r.randrange(2), r.randrange(2), r.randrange(2), rand_ipv6(r)
    na = ICMPv6ND_NA(tgt=target, R=R, S=S, O=O, res=0 if r.random() < 0.8 else r.randrange(1 << 29))
    eth_dst = multicast_mac(dst) if dst.startswith("ff") else rand_mac(r)
    return finish_ipv6(r, ethernet_with_vlans(r, eth_dst, mac), na, target if r.random() < 0.7 else rand_ipv6(r), dst, rand_options(r, 2))


GENERATORS = [
    lambda r: gen_arp(r),
    lambda r: gen_ns(r, False),
    lambda r: gen_ns(r, True),
    lambda r: gen_na(r, False),
    lambda r: gen_na(r, True),
]


def value(v):
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    return v


def checksum_valid(frame_bytes, cls):
    """Scapy's verdict: recompute the ICMPv6 checksum over the same bytes and compare."""
    p = Ether(frame_bytes)
    layer = p[cls]
    wire = layer.cksum
    del layer.cksum
    again = Ether(bytes(p))[cls].cksum
    return wire == again


def view(frame_bytes):
    p = Ether(frame_bytes)
    out = {"eth": {"dst": p.dst, "src": p.src}, "vlans": []}
    prev_type = p.type
    layer = p.payload
    while isinstance(layer, (Dot1Q, Dot1AD)):
        out["vlans"].append({"tpid": prev_type, "prio": layer.prio, "dei": layer.id, "id": layer.vlan})
        prev_type = layer.type
        layer = layer.payload
    out["eth"]["type"] = prev_type
    if isinstance(layer, ARP):
        out["arp"] = {f: value(getattr(layer, f)) if getattr(layer, f) is not None else "" for f in ("hwtype", "ptype", "hwlen", "plen", "op", "hwsrc", "psrc", "hwdst", "pdst")}
        return out
    if not isinstance(layer, IPv6):
        out["other"] = layer.name
        return out
    out["ipv6"] = {f: getattr(layer, f) for f in ("version", "tc", "fl", "plen", "nh", "hlim", "src", "dst")}
    icmp = layer.payload
    if not isinstance(icmp, (ICMPv6ND_NS, ICMPv6ND_NA)):
        out["other"] = icmp.name
        return out
    out["icmpv6"] = {"type": icmp.type, "code": icmp.code, "cksum": icmp.cksum, "cksum_valid": checksum_valid(frame_bytes, type(icmp))}
    nd = {"kind": "ns" if isinstance(icmp, ICMPv6ND_NS) else "na", "res": icmp.res, "tgt": icmp.tgt, "options": []}
    if isinstance(icmp, ICMPv6ND_NA):
        nd.update(R=icmp.R, S=icmp.S, O=icmp.O)
    opt = icmp.payload
    while not isinstance(opt, (NoPayload, Padding, Raw)):
        if isinstance(opt, (ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr)):
            nd["options"].append({"type": opt.type, "len": opt.len, "lladdr": opt.lladdr})
        elif isinstance(opt, ICMPv6NDOptUnknown):
            nd["options"].append({"type": opt.type, "len": opt.len, "data": value(opt.data)})
        else:
            nd["options"].append({"type": opt.type, "len": opt.len, "scapy_class": opt.name})
        opt = opt.payload
    if isinstance(opt, Raw) and len(opt.load) > 0:  # Padding is what lies past the IPv6 payload: not options
        # scapy 2.5 leaves an option type it has no class for (and everything after it) as Raw:
        # walk that remainder ourselves by RFC 4861 §4.6 and mark those options as read by this script.
        rest = bytes(opt.load)
        while len(rest) >= 2 and rest[1] != 0 and 8 * rest[1] <= len(rest):
            t, n = rest[0], rest[1]
            body = rest[2 : 8 * n]
            if t in (1, 2) and n == 1:
                nd["options"].append({"type": t, "len": n, "lladdr": ":".join(f"{x:02x}" for x in body), "by": "script"})
            else:
                nd["options"].append({"type": t, "len": n, "data": body.hex(), "by": "script"})
            rest = rest[8 * n :]
        if rest:
            nd["rest"] = rest.hex()
    out["nd"] = nd
    return out


def main():
    request = json.load(sys.stdin)
    r = random.Random(request["seed"])
    generated = []
    for i in range(request["count"]):
        pkt = GENERATORS[i % len(GENERATORS)](r)
        b = bytes(pkt)
        generated.append({"hex": b.hex(), "view": view(b)})
    dissected = [view(bytes.fromhex(h)) for h in request["hex"]]
    json.dump({"scapy": scapy.VERSION, "generated": generated, "dissected": dissected}, sys.stdout)


if __name__ == "__main__":
    main()
