package io.kubemu.nodes.bench;

import static io.kubemu.nodes.net.TestNodes.peer;

import io.kubemu.nodes.backend.FlannelVxlan;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.TestNodes;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The per-packet cost of the emulated dataplane without actors: pod A on w1 sends UDP to pod B on
 * w2 through PodStack, cni0, flannel.1 (VXLAN), the underlay and back out on w2, all on one
 * thread. Prints wall and thread-CPU ns per packet for each trial, the best of each, and the bytes
 * the last trial allocated per packet (a steady number that tracks copies). Not a test: run it by hand with
 * {@code java -cp nodes/target/test-classes:nodes/target/classes:<deps> io.kubemu.nodes.bench.PacketPathBench [packets] [trials] [payload]}.
 */
public final class PacketPathBench {
  private static final String VETH_A = "veth-w1-a";
  private static final String VETH_B = "veth-w2-a";

  private PacketPathBench() {}

  /** Node output that hands frames straight to the peer node or the pod, as the actors would. */
  private static final class Wire implements NodeDataplane.Output {
    NodeDataplane peer;
    Map<String, PodStack> pods = Map.of();

    @Override
    public void toPod(String veth, byte[] frame) {
      PodStack pod = pods.get(veth);
      if (pod != null) {
        pod.receive(frame);
      }
    }

    @Override
    public void toNode(Ipv4Address nodeIp, byte[] frame) {
      peer.fromUnderlay(frame);
    }
  }

  /** Node {@code name} with the Flannel VXLAN backend and one pod port, veth-{name}-a. */
  private static NodeDataplane node(String name, String nodeIp, String podCidr, Wire out) {
    Ipv4Address ip = Ipv4Address.parse(nodeIp);
    NodeDataplane dp = new NodeDataplane(name, ip, TestNodes.UNDERLAY, Ipv4Cidr.parse(podCidr), new FlannelVxlan(ip), out);
    dp.addVeth("veth-" + name + "-a");
    return dp;
  }

  public static void main(String[] args) {
    int packets = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int payloadBytes = args.length > 2 ? Integer.parseInt(args[2]) : 64;

    Wire out1 = new Wire();
    Wire out2 = new Wire();
    NodeDataplane w1 = node("w1", "172.18.0.2", "10.244.0.0/24", out1);
    NodeDataplane w2 = node("w2", "172.18.0.3", "10.244.1.0/24", out2);
    out1.peer = w2;
    out2.peer = w1;
    peer(w1, w2);
    peer(w2, w1);
    Ipv4Cidr cluster = Ipv4Cidr.parse("10.244.0.0/16");
    PodStack a = new PodStack("w1", "default/a", MacAddress.local(0xA), Ipv4Address.parse("10.244.0.2"),
        w1.cni0().subnet(), cluster, w1.cni0().address(), 1450, f -> w1.fromPod(VETH_A, f),
        new FakeTcpTimers(System::nanoTime));
    PodStack b = new PodStack("w2", "default/b", MacAddress.local(0xB), Ipv4Address.parse("10.244.1.2"),
        w2.cni0().subnet(), cluster, w2.cni0().address(), 1450, f -> w2.fromPod(VETH_B, f),
        new FakeTcpTimers(System::nanoTime));
    out1.pods = Map.of(VETH_A, a);
    out2.pods = Map.of(VETH_B, b);
    long[] received = new long[1];
    b.bindUdp(5001, d -> received[0]++);
    // B speaks first so that w2's cni0 and bridge learn it, as a running pod's traffic would.
    b.sendUdp(40000, a.address(), 9, new byte[1]);

    byte[] payload = new byte[payloadBytes];
    com.sun.management.ThreadMXBean thread = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    long allocated = 0;
    for (int t = 0; t < trials; t++) {
      long before = received[0];
      long allocatedBefore = thread.getCurrentThreadAllocatedBytes();
      long cpuStart = thread.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < packets; i++) {
        payload[0] = (byte) i;
        a.sendUdp(40000, b.address(), 5001, payload);
      }
      long ns = System.nanoTime() - start;
      long cpu = thread.getCurrentThreadCpuTime() - cpuStart;
      allocated = thread.getCurrentThreadAllocatedBytes() - allocatedBefore;
      long got = received[0] - before;
      if (got != packets) {
        throw new IllegalStateException("pod B received " + got + " of " + packets + " datagrams");
      }
      best = Math.min(best, ns);
      bestCpu = Math.min(bestCpu, cpu);
      System.out.printf("trial %d: %.1f ns/packet, %.1f ns CPU/packet%n", t + 1, (double) ns / packets, (double) cpu / packets);
    }
    System.out.printf("best of %d x %d packets (payload %d B): %.1f ns/packet, %.1f ns CPU/packet, %d B allocated/packet%n",
        trials, packets, payloadBytes, (double) best / packets, (double) bestCpu / packets, allocated / packets);
  }
}
