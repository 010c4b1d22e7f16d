package io.kubemu.emulator.bench;

import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.pod.ContainerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The bench's stand-in for the API server: node agents report to it, and the bench asks it when a
 * pod is Running (with its IP) or when N pods are. A container that cannot start answers at once.
 */
public final class PodWatch extends AbstractBehavior<PodWatch.Command> {
  public sealed interface Command {}

  /** Where node agents send their reports. */
  public record GetApi(ActorRef<ActorRef<KubeletReport>> replyTo) implements Command {}

  public record AwaitRunning(String pod, ActorRef<PodRunning> replyTo) implements Command {}

  /** A pod's IP once Running, or why it will not run. */
  public record PodRunning(String pod, String ip, String problem) {}

  public record AwaitCount(int running, ActorRef<Integer> replyTo) implements Command {}

  private record Reported(KubeletReport report) implements Command {}

  private static final Set<String> FATAL = Set.of("ErrImagePull", "RunContainerError", "CrashLoopBackOff");

  private final ActorRef<KubeletReport> api;
  private final Map<String, String> ips = new HashMap<>();
  private final Map<String, String> problems = new HashMap<>();
  private final Set<String> running = new HashSet<>();
  private final List<AwaitRunning> waiting = new ArrayList<>();
  private final List<AwaitCount> counting = new ArrayList<>();

  public static Behavior<Command> create() {
    return Behaviors.setup(PodWatch::new);
  }

  private PodWatch(ActorContext<Command> ctx) {
    super(ctx);
    this.api = ctx.messageAdapter(KubeletReport.class, Reported::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetApi.class, this::onGetApi)
        .onMessage(AwaitRunning.class, this::onAwaitRunning)
        .onMessage(AwaitCount.class, this::onAwaitCount)
        .onMessage(Reported.class, this::onReported)
        .build();
  }

  private Behavior<Command> onGetApi(GetApi m) {
    m.replyTo().tell(api);
    return this;
  }

  private Behavior<Command> onAwaitRunning(AwaitRunning m) {
    waiting.add(m);
    answer();
    return this;
  }

  private Behavior<Command> onAwaitCount(AwaitCount m) {
    counting.add(m);
    answer();
    return this;
  }

  private Behavior<Command> onReported(Reported m) {
    if (m.report() instanceof KubeletReport.PodStatusReport s) {
      if (s.phase().equals("Running") && s.podIp() != null) {
        running.add(s.name());
        ips.put(s.name(), s.podIp());
      }
      s.containers().stream().filter(c -> FATAL.contains(c.reason())).findFirst()
          .ifPresent(c -> problems.put(s.name(), describe(c)));
      answer();
    }
    return this;
  }

  private static String describe(ContainerState c) {
    return "container " + c.name() + " (" + c.image() + "): " + c.reason() + (c.message().isEmpty() ? "" : ": " + c.message());
  }

  private void answer() {
    waiting.removeIf(w -> {
      String problem = problems.get(w.pod());
      if (problem != null || running.contains(w.pod())) {
        w.replyTo().tell(new PodRunning(w.pod(), ips.get(w.pod()), problem));
        return true;
      }
      return false;
    });
    counting.removeIf(c -> {
      if (running.size() >= c.running() || !problems.isEmpty()) {
        c.replyTo().tell(running.size());
        return true;
      }
      return false;
    });
  }
}
