package io.kubemu.emulator.bench;

import com.sun.management.OperatingSystemMXBean;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.bgp.BgpSummary;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What converged nodes cost at rest, over a window of two keepalive intervals (every session sends two
 * keepalives each way): BGP messages sent per second over all nodes, and the CPU cores this JVM kept
 * busy meanwhile. -1 for both when not measured.
 */
record SteadyLoad(double messagesPerSecond, double cores) {
  static final SteadyLoad NONE = new SteadyLoad(-1, -1);

  static SteadyLoad measure(SummaryPoller poller, Map<String, ActorRef<NodeAgent.Command>> agents, Duration window)
      throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, BgpSummary> before = poller.snapshot(agents);
    long t0 = System.nanoTime();
    long cpu0 = os.getProcessCpuTime();
    Thread.sleep(window.toMillis());
    long cpu1 = os.getProcessCpuTime();
    long t1 = System.nanoTime();
    Map<String, BgpSummary> after = poller.snapshot(agents);
    long sent = 0;
    for (Map.Entry<String, BgpSummary> e : after.entrySet()) {
      BgpSummary b = before.get(e.getKey());
      sent += b == null ? 0 : e.getValue().messagesSent() - b.messagesSent();
    }
    return new SteadyLoad(sent * 1e9 / (t1 - t0), (cpu1 - cpu0) / (double) (t1 - t0));
  }
}
