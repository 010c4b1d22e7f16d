package io.kubemu.nodes.net;

import io.kubemu.nodes.capture.CaptureBuffer;
import io.kubemu.nodes.metrics.InterfaceCounters;
import io.kubemu.nodes.metrics.InterfaceStats;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A network interface in an emulated namespace (a pod's eth0, a node's cni0, flannel.1, eth0 or
 * a veth): its MAC, address, MTU, counters and the captures tapping it. Every frame that crosses it
 * goes through {@link #transmitted} or {@link #received}.
 */
public final class NetInterface {
  private final String name;
  private final MacAddress mac;
  private final Ipv4Address address;
  private final Ipv4Cidr subnet;
  private final int mtu;
  private final InterfaceCounters counters;
  private final List<CaptureBuffer> taps = new ArrayList<>(1);

  /** An interface of a node's own namespace. */
  public NetInterface(String node, String name, MacAddress mac, Ipv4Address address, Ipv4Cidr subnet, int mtu) {
    this(node, "", name, mac, address, subnet, mtu);
  }

  /** An interface of pod {@code pod} (namespace/name) on {@code node}. */
  public NetInterface(String node, String pod, String name, MacAddress mac, Ipv4Address address, Ipv4Cidr subnet, int mtu) {
    this.name = name;
    this.mac = mac;
    this.address = address;
    this.subnet = subnet;
    this.mtu = mtu;
    this.counters = new InterfaceCounters(node, pod, name);
  }

  public String name() {
    return name;
  }

  public MacAddress mac() {
    return mac;
  }

  /** The interface's IPv4 address, or null for an interface without one (a veth, the bridge ports). */
  public Ipv4Address address() {
    return address;
  }

  public Ipv4Cidr subnet() {
    return subnet;
  }

  public int mtu() {
    return mtu;
  }

  public void transmitted(byte[] frame) {
    counters.sent(frame.length);
    tap(frame);
  }

  public void received(byte[] frame) {
    counters.received(frame.length);
    tap(frame);
  }

  public void dropped(DropReason reason) {
    counters.dropped(reason);
  }

  private void tap(byte[] frame) {
    if (!taps.isEmpty()) {
      for (CaptureBuffer t : taps) {
        t.offer(frame);
      }
    }
  }

  public void addTap(CaptureBuffer tap) {
    taps.add(tap);
  }

  public void removeTap(CaptureBuffer tap) {
    taps.remove(tap);
  }

  /** The interface is removed: its metrics go with it. */
  public void close() {
    counters.close();
  }

  public InterfaceStats stats() {
    return counters.snapshot(name);
  }

  /** {@code ip addr} style text. */
  public String show(int index) {
    return index + ": " + name + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu " + mtu + "\n"
        + "    link/ether " + mac + " brd ff:ff:ff:ff:ff:ff\n"
        + (address == null ? "" : "    inet " + address + "/" + subnet.prefixLength() + " scope global " + name + "\n");
  }
}
