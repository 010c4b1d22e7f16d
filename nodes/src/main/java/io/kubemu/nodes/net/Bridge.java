package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ethernet.EtherType;
import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.ethernet.EthernetHeader;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The cni0 Linux bridge: a veth port per pod plus the bridge's own interface (the node's L3
 * gateway). It learns source MACs, forwards to the port that owns a destination, floods
 * broadcasts and unknown unicast, and hands frames for cni0 itself up to the node.
 */
final class Bridge {
  private final String node;
  private final NetInterface self;
  private final BiConsumer<String, byte[]> toPod;
  private final Map<String, NetInterface> ports = new HashMap<>();
  private final Map<MacAddress, String> fdb = new HashMap<>();
  /** br_netfilter: what the node's netfilter makes of an IPv4 packet bridged between two ports; null when none. */
  private UnaryOperator<Ipv4Packet> netfilter;

  Bridge(String node, NetInterface self, BiConsumer<String, byte[]> toPod) {
    this.node = node;
    this.self = self;
    this.toPod = toPod;
  }

  void netfilter(UnaryOperator<Ipv4Packet> hook) {
    this.netfilter = hook;
  }

  /** A unicast frame between two ports, after br_netfilter: rewritten when the hook rewrites its packet. */
  private byte[] filtered(EthernetHeader eth, byte[] frame) {
    if (netfilter == null || eth.etherType() != EtherType.IPV4) {
      return frame;
    }
    try {
      Ipv4Packet p = Ipv4Packet.decode(new ByteReader(frame, EthernetFrame.HEADER_LENGTH, frame.length - EthernetFrame.HEADER_LENGTH));
      Ipv4Packet out = netfilter.apply(p);
      return out == p ? frame : Frames.ipv4(eth.source(), eth.destination(), out);
    } catch (MalformedPacketException e) {
      return frame; // the receiving pod's stack drops and counts it
    }
  }

  void addPort(String veth) {
    ports.put(veth, new NetInterface(node, veth, MacAddress.local(0x56_0000_0000L | (veth.hashCode() & 0xFFFF_FFFFL)), null, null, self.mtu()));
  }

  void removePort(String veth) {
    NetInterface port = ports.remove(veth);
    if (port != null) {
      port.close();
    }
    fdb.values().removeIf(veth::equals);
  }

  Map<String, NetInterface> ports() {
    return ports;
  }

  /**
   * A frame a pod sent into its veth. Returns the decoded header when cni0 itself must handle the
   * frame (addressed to cni0, or broadcast), null when the bridge alone dealt with it.
   */
  EthernetHeader input(String veth, byte[] frame) {
    NetInterface port = ports.get(veth);
    if (port == null) {
      return null;
    }
    port.received(frame);
    EthernetHeader eth;
    try {
      eth = EthernetHeader.decode(new ByteReader(frame));
    } catch (MalformedPacketException e) {
      port.dropped(DropReason.MALFORMED);
      return null;
    }
    fdb.put(eth.source(), veth);
    boolean toSelf = eth.destination().equals(self.mac());
    boolean flood = eth.destination().isBroadcast() || eth.destination().isMulticast();
    if (!toSelf) {
      String target = flood ? null : fdb.get(eth.destination());
      if (target != null) {
        transmit(target, filtered(eth, frame));
      } else {
        floodExcept(veth, frame);
      }
    }
    if (toSelf || flood) {
      self.received(frame);
      return eth;
    }
    return null;
  }

  /** cni0 sending into the bridge: to the port that learnt the MAC, or flooded. */
  void output(MacAddress dst, byte[] frame) {
    self.transmitted(frame);
    String target = fdb.get(dst);
    if (target != null) {
      transmit(target, frame);
    } else {
      floodExcept(null, frame);
    }
  }

  private void floodExcept(String ingress, byte[] frame) {
    for (String v : List.copyOf(ports.keySet())) {
      if (!v.equals(ingress)) {
        transmit(v, frame);
      }
    }
  }

  private void transmit(String veth, byte[] frame) {
    NetInterface port = ports.get(veth);
    if (port != null) {
      port.transmitted(frame);
      toPod.accept(veth, frame);
    }
  }
}
