package io.kubemu.emulator.bench;

import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.udp.UdpDatagram;
import io.kubemu.protocols.vxlan.VxlanPacket;
import java.time.Duration;

/** How {@code kubemu bench dataplane} runs: per-phase timing, traffic shape, and the idle-pod count. */
public record BenchOptions(Duration warmup, Duration measure, int payload, int window, int ackEvery, int pods,
    int podsPerNode, String hostHeap) {

  /** What crosses the underlay for one datagram: outer Ethernet, IPv4, UDP and VXLAN, then the inner frame. */
  public int underlayFrameBytes() {
    int inner = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH + UdpDatagram.HEADER_LENGTH + payload;
    return EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH + UdpDatagram.HEADER_LENGTH
        + VxlanPacket.HEADER_LENGTH + inner;
  }

  /** How long one phase may take: warm-up, measured interval, drain and report, with room to spare. */
  public Duration phaseTimeout() {
    return warmup.plus(measure).plusSeconds(30);
  }

  /** Whole seconds for a command line: {@code 2.5}, {@code 10}. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
  }
}
