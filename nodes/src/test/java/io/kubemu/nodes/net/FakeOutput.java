package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/** Records the frames a dataplane sends into pods' veths and onto the underlay, in order. */
public final class FakeOutput implements NodeDataplane.Output {
  /** One frame that left the node: to a veth (nodeIp null) or to a node (veth null). */
  public record Sent(String veth, Ipv4Address nodeIp, byte[] frame) {}

  public final List<Sent> sent = new ArrayList<>();

  @Override
  public void toPod(String veth, byte[] frame) {
    sent.add(new Sent(veth, null, frame));
  }

  @Override
  public void toNode(Ipv4Address nodeIp, byte[] frame) {
    sent.add(new Sent(null, nodeIp, frame));
  }

  /** The frames sent into {@code veth}. */
  public List<byte[]> toPod(String veth) {
    return sent.stream().filter(s -> veth.equals(s.veth())).map(Sent::frame).toList();
  }

  /** The frames sent onto the underlay towards {@code nodeIp}. */
  public List<byte[]> toNode(Ipv4Address nodeIp) {
    return sent.stream().filter(s -> nodeIp.equals(s.nodeIp())).map(Sent::frame).toList();
  }

  /** The one frame sent since the last clear; fails when there were none or several. */
  public Sent only() {
    if (sent.size() != 1) {
      throw new AssertionError("expected one frame out, got " + sent.size() + ": " + sent);
    }
    return sent.remove(0);
  }

  public void clear() {
    sent.clear();
  }
}
