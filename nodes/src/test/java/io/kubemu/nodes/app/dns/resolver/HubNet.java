package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Pod stacks on one hub, 10.244.0.0/24: every frame one sends reaches all the others, which keep
 * what is theirs, so ARP, UDP and TCP between them are the real bytes. Nothing moves until
 * {@link #pump}; an address no stack has (such as {@link #NOBODY}) never answers, not even ARP.
 */
public final class HubNet {
  public static final Ipv4Address NOBODY = Ipv4Address.parse("10.244.0.99");

  private final List<PodStack> stacks = new ArrayList<>();
  private final Deque<Object[]> wire = new ArrayDeque<>();

  /** A pod with address 10.244.0.{@code last}. */
  public PodStack pod(String name, int last) {
    PodStack[] self = new PodStack[1];
    self[0] = new PodStack("w1", "default/" + name, MacAddress.parse(String.format("02:00:00:00:00:%02x", last)),
        Ipv4Address.parse("10.244.0." + last), Ipv4Cidr.parse("10.244.0.0/24"), Ipv4Cidr.parse("10.244.0.0/16"),
        Ipv4Address.parse("10.244.0.1"), 1450, frame -> wire.add(new Object[] {self[0], frame}), new FakeTcpTimers(() -> 0L));
    stacks.add(self[0]);
    return self[0];
  }

  /** Carries frames until the wire is quiet. */
  public void pump() {
    while (!wire.isEmpty()) {
      Object[] sent = wire.poll();
      for (PodStack s : stacks) {
        if (s != sent[0]) {
          s.receive((byte[]) sent[1]);
        }
      }
    }
  }
}
