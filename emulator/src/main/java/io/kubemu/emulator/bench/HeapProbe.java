package io.kubemu.emulator.bench;

import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * Heap per idle pod, in a JVM of its own: node agents as a host runs them, then busybox pods running
 * {@code sleep 3600} spread over them, with the heap used after full GCs measured before and
 * after the pods. A warm-up node with a few pods comes first, so that one-time costs (classes,
 * registries, caches) are paid before the first measurement, not by the pods.
 */
final class HeapProbe {
  private static final int WARM_PODS = 5;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private HeapProbe() {}

  static HeapResult measure(int pods, int podsPerNode) throws InterruptedException {
    int nodes = (pods + podsPerNode - 1) / podsPerNode;
    ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), BenchConfig.SYSTEM, BenchConfig.heap());
    try {
      ClusterSettings settings = ClusterSettings.from(system.settings().config());
      ActorRef<PodWatch.Command> watch = Asks.spawn(system, PodWatch.create(), "pod-watch");
      ActorRef<KubeletReport> api = Asks.ask(system, watch, PodWatch.GetApi::new, Duration.ofSeconds(10), "pod watch");

      ActorRef<NodeAgent.Command> warm = node(system, settings, api, "w" + (nodes + 1));
      for (int i = 0; i < WARM_PODS; i++) {
        warm.tell(new NodeAgent.RunPod(idlePod("warm-" + i, "w" + (nodes + 1))));
      }
      awaitRunning(system, watch, WARM_PODS);

      List<ActorRef<NodeAgent.Command>> agents = new ArrayList<>();
      for (int i = 1; i <= nodes; i++) {
        agents.add(node(system, settings, api, "w" + i));
      }
      for (ActorRef<NodeAgent.Command> agent : agents) {
        Asks.ask(system, agent, NodeAgent.GetStats::new, Duration.ofSeconds(30), "node agent start");
      }
      long withNodes = heapAfterGc();

      long start = System.nanoTime();
      for (int k = 0; k < pods; k++) {
        String node = "w" + (k / podsPerNode + 1);
        agents.get(k / podsPerNode).tell(new NodeAgent.RunPod(idlePod(String.format("idle-%05d", k), node)));
      }
      awaitRunning(system, watch, WARM_PODS + pods);
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Thread.sleep(2000); // every pod has ticked once: its timers and mailbox are as they stay
      long withPods = heapAfterGc();
      return new HeapResult(pods, nodes, withNodes, withPods, startMillis);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  private static ActorRef<NodeAgent.Command> node(ActorSystem<SpawnProtocol.Command> system, ClusterSettings settings,
      ActorRef<KubeletReport> api, String name) {
    return Asks.spawn(system, NodeAgent.create(settings.node(name, "h-heap"), api, lease -> { }), "node-" + name);
  }

  private static String idlePod(String name, String node) {
    return BenchPods.pod(name, node, "busybox", List.of("sleep", "3600"));
  }

  private static void awaitRunning(ActorSystem<?> system, ActorRef<PodWatch.Command> watch, int count) {
    int running = Asks.ask(system, watch, r -> new PodWatch.AwaitCount(count, r), START_TIMEOUT, count + " pods Running");
    if (running < count) {
      throw new IllegalStateException("only " + running + " of " + count + " idle pods are Running");
    }
  }

  /** Heap in use after full collections (ParallelGC: System.gc() is a full, compacting one). */
  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
