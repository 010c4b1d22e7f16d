package io.kubemu.nodes.pod;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.Images;
import io.kubemu.nodes.stack.PodStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A pod: its network namespace (shared by its containers) and the programs its containers run.
 * Frames come in from the node's veth and go out through {@code veth}; container state changes are
 * reported to {@code statusTo}. Containers that exit are restarted per restartPolicy with back-off.
 */
public final class PodActor extends AbstractBehavior<PodActor.Command> {
  public sealed interface Command {}

  public record FrameIn(byte[] frame) implements Command {}

  /** Runs a program; with {@code output} set its output streams there as printed, else it comes in the result. */
  public record Exec(String container, List<String> argv, byte[] stdin, Duration timeout,
      ActorRef<ExecOutput> output, ActorRef<ExecResult> replyTo) implements Command {}

  /** Runs {@code action} against the pod's stack on the pod's thread (captures, stats). */
  public record WithStack(Consumer<PodStack> action) implements Command {}

  private record ProcessTimer(int pid, String key) implements Command {}

  private record Restart(String container) implements Command {}

  private record Tick() implements Command {}

  private record ExecTimeout(int pid) implements Command {}

  /** Reported to the node agent whenever a container changes state. */
  public record StatusChanged(String podKey, List<ContainerState> containers) {}

  private final TimerScheduler<Command> timers;
  private final String podKey;
  private final String hostname;
  private final List<ContainerSpec> containers;
  private final String restartPolicy;
  private final PodStack stack;
  private final Consumer<StatusChanged> statusTo;
  private final Map<Integer, Process> processes = new HashMap<>();
  private final Map<Integer, ActorRef<ExecResult>> execs = new HashMap<>();
  private final Map<String, ContainerState> states = new HashMap<>();
  private final Map<String, Integer> restarts = new HashMap<>();
  private int nextPid = 1;

  public static Behavior<Command> create(String node, String podKey, String hostname, List<ContainerSpec> containers,
      String restartPolicy, PodNetConfig net, Consumer<byte[]> veth, Consumer<StatusChanged> statusTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new PodActor(ctx, timers, node, podKey, hostname, containers, restartPolicy, net, veth, statusTo)));
  }

  private PodActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, String node, String podKey, String hostname,
      List<ContainerSpec> containers, String restartPolicy, PodNetConfig net, Consumer<byte[]> veth,
      Consumer<StatusChanged> statusTo) {
    super(ctx);
    this.timers = timers;
    this.podKey = podKey;
    this.hostname = hostname;
    this.containers = containers;
    this.restartPolicy = restartPolicy == null ? "Always" : restartPolicy;
    this.statusTo = statusTo;
    this.stack = new PodStack(node, podKey, net.mac(), net.ip(), net.podCidr(), net.clusterCidr(), net.gateway(), net.mtu(), veth);
    timers.startTimerWithFixedDelay(new Tick(), Duration.ofSeconds(1));
    containers.forEach(c -> startContainer(c));
    report();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FrameIn.class, this::onFrameIn)
        .onMessage(Exec.class, this::onExec)
        .onMessage(WithStack.class, this::onWithStack)
        .onMessage(ProcessTimer.class, this::onProcessTimer)
        .onMessage(Restart.class, this::onRestart)
        .onMessage(ExecTimeout.class, this::onExecTimeout)
        .onMessage(Tick.class, this::onTick)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onStop() {
    processes.values().forEach(Process::kill);
    stack.close();
    return this;
  }

  private Behavior<Command> onFrameIn(FrameIn m) {
    stack.receive(m.frame());
    return this;
  }

  private Behavior<Command> onWithStack(WithStack m) {
    m.action().accept(stack);
    return this;
  }

  private Behavior<Command> onTick(Tick m) {
    stack.tick();
    return this;
  }

  private Behavior<Command> onExec(Exec m) {
    Optional<ContainerSpec> spec = m.container() == null || m.container().isEmpty()
        ? containers.stream().findFirst()
        : containers.stream().filter(c -> c.name().equals(m.container())).findFirst();
    if (spec.isEmpty()) {
      m.replyTo().tell(new ExecResult("", "error: container " + m.container() + " is not valid for pod " + podKey + "\n", 1));
      return this;
    }
    if (m.argv().isEmpty()) {
      m.replyTo().tell(new ExecResult("", "error: you must specify at least one command for the container\n", 1));
      return this;
    }
    Optional<App> app = Images.find(spec.get().image()).flatMap(i -> i.program(m.argv().get(0)));
    if (app.isEmpty()) {
      m.replyTo().tell(new ExecResult("", "OCI runtime exec failed: exec failed: unable to start container process: exec: \""
          + m.argv().get(0) + "\": executable file not found in $PATH: unknown\n", 126));
      return this;
    }
    Process p = spawn(spec.get(), m.argv(), m.stdin(), app.get());
    if (m.output() != null) {
      p.streamTo(o -> m.output().tell(o));
    }
    execs.put(p.pid(), m.replyTo());
    timers.startSingleTimer(new ExecTimeout(p.pid()), m.timeout());
    p.app().start(p);
    return this;
  }

  private Behavior<Command> onExecTimeout(ExecTimeout m) {
    Process p = processes.get(m.pid());
    if (p != null) {
      p.err("command terminated: exec timeout\n");
      p.kill();
      finished(p, 137);
    }
    return this;
  }

  private Behavior<Command> onProcessTimer(ProcessTimer m) {
    Process p = processes.get(m.pid());
    if (p != null && !p.exited()) {
      p.app().onTimer(m.key());
    }
    return this;
  }

  private Behavior<Command> onRestart(Restart m) {
    containers.stream().filter(c -> c.name().equals(m.container())).findFirst().ifPresent(this::startContainer);
    report();
    return this;
  }

  private void startContainer(ContainerSpec c) {
    Optional<Images.Image> image = Images.find(c.image());
    int restartCount = restarts.getOrDefault(c.name(), 0);
    if (image.isEmpty()) {
      states.put(c.name(), new ContainerState(c.name(), c.image(), "waiting", "ErrImagePull",
          "kubemu has no app for image \"" + c.image() + "\" (known: " + String.join(", ", Images.known()) + ")", 0, restartCount));
      return;
    }
    List<String> argv = new ArrayList<>(c.command().isEmpty() ? image.get().defaultCommand() : c.command());
    argv.addAll(c.args());
    Optional<App> app = image.get().program(argv.get(0));
    if (app.isEmpty()) {
      states.put(c.name(), new ContainerState(c.name(), c.image(), "waiting", "RunContainerError",
          "exec: \"" + argv.get(0) + "\": executable file not found in $PATH", 0, restartCount));
      return;
    }
    states.put(c.name(), new ContainerState(c.name(), c.image(), "running", "", "", 0, restartCount));
    Process p = spawn(c, argv, new byte[0], app.get());
    p.app().start(p);
  }

  private Process spawn(ContainerSpec c, List<String> argv, byte[] stdin, App app) {
    int pid = nextPid++;
    Process p = new Process(pid, c.name(), argv, stdin, c.env(), stack, new ProcessHost(), app);
    processes.put(pid, p);
    return p;
  }

  private final class ProcessHost implements Process.Host {
    @Override
    public void schedule(int pid, String key, Duration delay) {
      timers.startSingleTimer(new ProcessTimer(pid, key), new ProcessTimer(pid, key), delay);
    }

    @Override
    public void cancel(int pid, String key) {
      timers.cancel(new ProcessTimer(pid, key));
    }

    @Override
    public void exited(Process p, int status) {
      finished(p, status);
    }

    @Override
    public String hostname() {
      return hostname;
    }
  }

  private void finished(Process p, int status) {
    processes.remove(p.pid());
    ActorRef<ExecResult> replyTo = execs.remove(p.pid());
    if (replyTo != null) {
      timers.cancel(new ExecTimeout(p.pid()));
      replyTo.tell(new ExecResult(p.takeStdout(), p.takeStderr(), status));
      return;
    }
    String name = p.container();
    int count = restarts.getOrDefault(name, 0);
    boolean restart = restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && status != 0);
    if (restart) {
      Duration backoff = Duration.ofSeconds(Math.min(300, 10L << Math.min(count, 5)));
      restarts.put(name, count + 1);
      states.put(name, new ContainerState(name, states.get(name).image(), "waiting", "CrashLoopBackOff",
          "back-off " + backoff.toSeconds() + "s restarting failed container " + name, status, count + 1));
      timers.startSingleTimer(new Restart(name), backoff);
    } else {
      states.put(name, new ContainerState(name, states.get(name).image(), "terminated", status == 0 ? "Completed" : "Error",
          "", status, count));
    }
    report();
  }

  private void report() {
    List<ContainerState> list = List.copyOf(containers.stream().map(c -> states.get(c.name())).filter(s -> s != null).toList());
    statusTo.accept(new StatusChanged(podKey, list));
  }
}
