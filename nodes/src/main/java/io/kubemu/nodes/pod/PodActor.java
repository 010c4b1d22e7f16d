package io.kubemu.nodes.pod;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.app.Images;
import io.kubemu.nodes.prober.NetworkProbe;
import io.kubemu.nodes.prober.Probe;
import io.kubemu.nodes.prober.ProbeKind;
import io.kubemu.nodes.prober.Prober;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.ActorTcpTimers;
import io.kubemu.nodes.tcp.TcpTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 * Each container's startup, liveness and readiness probes run on timers while it runs: a readiness
 * change is reported at once, and a failed liveness or startup probe kills the container.
 */
public final class PodActor extends AbstractBehavior<PodActor.Command> {
  public sealed interface Command {}

  public record FrameIn(byte[] frame) implements Command {}

  /** Runs a program; with {@code output} set its output streams there as printed, else it comes in the result. */
  public record Exec(String container, List<String> argv, byte[] stdin, Duration timeout,
      ActorRef<ExecOutput> output, ActorRef<ExecResult> replyTo) implements Command {}

  /**
   * The pod was deleted: each running container's preStop hook runs, then its main process gets
   * SIGTERM; whatever still runs when {@code grace} (terminationGracePeriodSeconds) is over is
   * killed. Once every container stopped, the pod reports itself stopped.
   */
  public record Terminate(Duration grace) implements Command {}

  private record PreStopDone(String container) implements Command {}

  private record GraceOver() implements Command {}

  /** The cluster's objects changed: programs that watch them hear the new view. */
  public record ClusterChanged(ClusterView view) implements Command {}

  /** Runs {@code action} against the pod's stack on the pod's thread (captures, stats). */
  public record WithStack(Consumer<PodStack> action) implements Command {}

  private record ProcessTimer(int pid, String key) implements Command {}

  private record Restart(String container) implements Command {}

  private record Tick() implements Command {}

  private record TcpTimerFired(TcpTimer timer) implements Command {}

  private record ExecTimeout(int pid) implements Command {}

  /** A probe's period tick (also its timer key), or a manual trigger that runs it only once its initial delay is over. */
  private record ProbeTick(String container, ProbeKind kind, boolean manual) implements Command {}

  private record ProbeDone(String container, ProbeKind kind, int instance, boolean success, String output) implements Command {}

  /** A network probe's timeoutSeconds passed (also its timer key). */
  private record ProbeTimeout(String container, ProbeKind kind) implements Command {}

  /**
   * Reported to the node agent whenever a container changes state; {@code stopped} once a
   * terminating pod has no process left; {@code watchesCluster} while a program of it watches the
   * cluster's objects (only such pods are sent them).
   */
  public record StatusChanged(String podKey, List<ContainerState> containers, boolean stopped, boolean watchesCluster) {}

  private final TimerScheduler<Command> timers;
  private final String podKey;
  private final String hostname;
  private final List<ContainerSpec> containers;
  private final PodStack stack;
  private final Consumer<StatusChanged> statusTo;
  private final PodFiles files;
  private final Processes processes;
  private final ContainerStatuses statuses;
  private final Prober prober;
  private final Map<ProbeTimeout, NetworkProbe> networkProbes = new HashMap<>();
  private final Map<Process, List<Consumer<ClusterView>>> clusterWatchers = new HashMap<>();
  private ClusterView view;
  private boolean terminating;
  private boolean stopped;
  private long graceEnds;

  /** A pod whose containers see {@code files} (the kubelet's resolv.conf and hosts file). */
  public static Behavior<Command> create(String node, String podKey, String hostname, List<ContainerSpec> containers,
      String restartPolicy, PodNetConfig net, PodFiles files, Consumer<byte[]> veth, Consumer<StatusChanged> statusTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new PodActor(ctx, timers, node, podKey, hostname, containers, restartPolicy, net, files, veth, statusTo)));
  }

  /** A host no kubelet manages (an external host): only the hosts file Docker would write (see {@link PodFiles#standalone}). */
  public static Behavior<Command> create(String node, String podKey, String hostname, List<ContainerSpec> containers,
      String restartPolicy, PodNetConfig net, Consumer<byte[]> veth, Consumer<StatusChanged> statusTo) {
    return create(node, podKey, hostname, containers, restartPolicy, net, PodFiles.standalone(hostname, net.ip()), veth,
        statusTo);
  }

  private PodActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, String node, String podKey, String hostname,
      List<ContainerSpec> containers, String restartPolicy, PodNetConfig net, PodFiles files, Consumer<byte[]> veth,
      Consumer<StatusChanged> statusTo) {
    super(ctx);
    this.timers = timers;
    this.files = files;
    this.podKey = podKey;
    this.hostname = hostname;
    this.containers = containers;
    this.statuses = new ContainerStatuses(restartPolicy);
    this.prober = new Prober(containers.stream().collect(Collectors.toMap(ContainerSpec::name, ContainerSpec::probes, (a, b) -> a)));
    this.statusTo = statusTo;
    this.stack = new PodStack(node, podKey, net.mac(), net.ip(), net.podCidr(), net.clusterCidr(), net.gateway(), net.mtu(), veth,
        new ActorTcpTimers<>(timers, TcpTimerFired::new));
    this.processes = new Processes(stack, new ProcessHost());
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
        .onMessage(ClusterChanged.class, this::onClusterChanged)
        .onMessage(Terminate.class, this::onTerminate)
        .onMessage(PreStopDone.class, m -> {
          signal(m.container());
          return this;
        })
        .onMessage(GraceOver.class, m -> onGraceOver())
        .onMessage(ProcessTimer.class, this::onProcessTimer)
        .onMessage(Restart.class, this::onRestart)
        .onMessage(ExecTimeout.class, this::onExecTimeout)
        .onMessage(ProbeTick.class, this::onProbeTick)
        .onMessage(ProbeDone.class, this::onProbeDone)
        .onMessage(ProbeTimeout.class, this::onProbeTimeout)
        .onMessage(Tick.class, this::onTick)
        .onMessage(TcpTimerFired.class, this::onTcpTimer)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onStop() {
    processes.killAll();
    stack.close();
    return this;
  }

  private Behavior<Command> onFrameIn(FrameIn m) {
    stack.receive(m.frame());
    return this;
  }

  private Behavior<Command> onTerminate(Terminate m) {
    if (terminating) {
      // a second delete with a shorter grace period (kubectl delete --now) brings the kill closer
      if (m.grace().compareTo(graceLeft()) < 0) {
        graceEnds = System.nanoTime() + m.grace().toNanos();
        timers.startSingleTimer(new GraceOver(), m.grace());
      }
      return this;
    }
    graceEnds = System.nanoTime() + m.grace().toNanos();
    terminating = true;
    timers.startSingleTimer(new GraceOver(), m.grace());
    for (ContainerSpec c : containers) {
      timers.cancel(new Restart(c.name()));
      // the kubelet stops liveness and startup probes of a terminating pod; readiness goes on
      // (so a still-running container stays ready and its endpoint serving) until the container stops
      timers.cancel(new ProbeTick(c.name(), ProbeKind.LIVENESS, false));
      timers.cancel(new ProbeTick(c.name(), ProbeKind.STARTUP, false));
      if (processes.mainOf(c.name()).isPresent()) {
        preStop(c, m.grace());
      }
    }
    stoppedYet();
    return this;
  }

  private Duration graceLeft() {
    return Duration.ofNanos(Math.max(0, graceEnds - System.nanoTime()));
  }

  /** Runs the container's preStop hook; its end (whatever the outcome, as the kubelet goes on) sends SIGTERM. */
  private void preStop(ContainerSpec c, Duration grace) {
    ActorRef<Command> self = getContext().getSelf();
    PreStopDone done = new PreStopDone(c.name());
    Probe.Action hook = c.preStop();
    if (hook instanceof Probe.Exec e) {
      exec(c, e.command(), new byte[0], grace, null, r -> self.tell(done));
    } else if (hook instanceof Probe.HttpGet h) {
      httpGet(h, r -> self.tell(done));
    } else if (hook instanceof Probe.TcpSocket t) {
      NetworkProbe.tcpSocket(stack.tcp(), t.host(), t.port(), stack.address(), r -> self.tell(done));
    } else if (hook instanceof Probe.Sleep sleep && sleep.seconds() > 0) {
      timers.startSingleTimer(done, Duration.ofSeconds(sleep.seconds()));
    } else {
      self.tell(done);
    }
  }

  /** SIGTERM to the container's main process. */
  private void signal(String container) {
    processes.mainOf(container).ifPresent(p -> p.app().onTerminate());
  }

  private Behavior<Command> onGraceOver() {
    for (ContainerSpec c : containers) {
      processes.mainOf(c.name()).ifPresent(main -> {
        main.kill();
        finished(main, 137, "");
      });
    }
    stoppedYet();
    return this;
  }

  /** A terminating pod whose containers all stopped tells its node, which then removes it. */
  private void stoppedYet() {
    if (terminating && !stopped && containers.stream().noneMatch(c -> processes.mainOf(c.name()).isPresent())) {
      stopped = true;
      timers.cancel(new GraceOver());
      statusTo.accept(new StatusChanged(podKey, List.copyOf(statuses.list(containers, prober)), true, false));
    }
  }

  private Behavior<Command> onClusterChanged(ClusterChanged m) {
    view = m.view();
    clusterWatchers.values().stream().flatMap(List::stream).toList().forEach(w -> w.accept(view));
    return this;
  }

  private Behavior<Command> onWithStack(WithStack m) {
    m.action().accept(stack);
    return this;
  }

  private Behavior<Command> onTcpTimer(TcpTimerFired m) {
    stack.tcp().onTimer(m.timer());
    return this;
  }

  private Behavior<Command> onTick(Tick m) {
    stack.tick();
    return this;
  }

  private Behavior<Command> onExec(Exec m) {
    Optional<ContainerSpec> spec = m.container() == null || m.container().isEmpty()
        ? containers.stream().findFirst() : container(m.container());
    if (spec.isEmpty()) {
      m.replyTo().tell(new ExecResult("", "error: container " + m.container() + " is not valid for pod " + podKey + "\n", 1));
      return this;
    }
    exec(spec.get(), m.argv(), m.stdin(), m.timeout(), m.output() == null ? null : m.output()::tell, m.replyTo()::tell);
    return this;
  }

  /** Runs a program in a container, for kubectl exec and exec probes alike; {@code done} hears how it ended. */
  private void exec(ContainerSpec spec, List<String> argv, byte[] stdin, Duration timeout, Consumer<ExecOutput> stream,
      Consumer<ExecResult> done) {
    if (argv.isEmpty()) {
      done.accept(new ExecResult("", "error: you must specify at least one command for the container\n", 1));
      return;
    }
    Optional<App> app = Images.find(spec.image()).flatMap(i -> i.program(argv.get(0)));
    if (app.isEmpty()) {
      done.accept(new ExecResult("", "OCI runtime exec failed: exec failed: unable to start container process: exec: \""
          + argv.get(0) + "\": executable file not found in $PATH: unknown\n", 126));
      return;
    }
    Process p = processes.exec(spec, argv, stdin, app.get(), done);
    if (stream != null) {
      p.streamTo(stream);
    }
    timers.startSingleTimer(new ExecTimeout(p.pid()), timeout);
    p.app().start(p);
  }

  private Behavior<Command> onExecTimeout(ExecTimeout m) {
    processes.get(m.pid()).ifPresent(p -> {
      p.err("command terminated: exec timeout\n");
      p.kill();
      finished(p, 137, "");
    });
    return this;
  }

  private Behavior<Command> onProcessTimer(ProcessTimer m) {
    processes.get(m.pid()).filter(p -> !p.exited()).ifPresent(p -> p.app().onTimer(m.key()));
    return this;
  }

  private Behavior<Command> onRestart(Restart m) {
    if (terminating) {
      return this;
    }
    container(m.container()).ifPresent(this::startContainer);
    report();
    return this;
  }

  private Behavior<Command> onProbeTick(ProbeTick m) {
    OptionalInt instance = prober.due(m.container(), m.kind(), m.manual());
    Optional<ContainerSpec> spec = container(m.container());
    if (instance.isEmpty() || spec.isEmpty()) {
      return this;
    }
    Probe probe = spec.get().probes().get(m.kind());
    ActorRef<Command> self = getContext().getSelf();
    if (probe.action() instanceof Probe.Exec e) {
      exec(spec.get(), e.command(), new byte[0], probe.timeout(), null, r -> self.tell(new ProbeDone(m.container(), m.kind(),
          instance.getAsInt(), r.exitCode() == 0, Probe.execOutput(r.stdout(), r.stderr(), r.exitCode()))));
    } else if (probe.action() instanceof Probe.TcpSocket || probe.action() instanceof Probe.HttpGet) {
      Consumer<NetworkProbe.Result> done = r -> self.tell(new ProbeDone(m.container(), m.kind(), instance.getAsInt(),
          r.success(), r.output()));
      NetworkProbe run = probe.action() instanceof Probe.TcpSocket t
          ? NetworkProbe.tcpSocket(stack.tcp(), t.host(), t.port(), stack.address(), done)
          : httpGet((Probe.HttpGet) probe.action(), done);
      if (!run.finished()) {
        ProbeTimeout key = new ProbeTimeout(m.container(), m.kind());
        networkProbes.put(key, run);
        timers.startSingleTimer(key, probe.timeout());
      }
    } else {
      self.tell(new ProbeDone(m.container(), m.kind(), instance.getAsInt(), false,
          Probe.unsupported(probe.action(), stack.address().toString())));
    }
    return this;
  }

  private NetworkProbe httpGet(Probe.HttpGet h, Consumer<NetworkProbe.Result> done) {
    return NetworkProbe.httpGet(stack.tcp(), h.scheme(), h.host(), h.port(), h.path(), stack.address(), done);
  }

  private Behavior<Command> onProbeTimeout(ProbeTimeout m) {
    NetworkProbe run = networkProbes.remove(m);
    if (run != null) {
      run.timedOut();
    }
    return this;
  }

  private Behavior<Command> onProbeDone(ProbeDone m) {
    ProbeTimeout key = new ProbeTimeout(m.container(), m.kind());
    if (networkProbes.remove(key) != null) {
      timers.cancel(key);
    }
    switch (prober.record(m.container(), m.kind(), m.instance(), m.success(), m.output())) {
      case NONE -> { }
      case CHANGED -> report();
      case STARTED -> {
        report();
        getContext().getSelf().tell(new ProbeTick(m.container(), ProbeKind.READINESS, true));
      }
      case KILL -> killContainer(m.container(), m.kind().killMessage(m.container(), statuses.restarts(137)));
    }
    return this;
  }

  private Optional<ContainerSpec> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private void startContainer(ContainerSpec c) {
    Optional<Images.Image> image = Images.find(c.image());
    if (image.isEmpty()) {
      statuses.waiting(c, "ErrImagePull",
          "kubemu has no app for image \"" + c.image() + "\" (known: " + String.join(", ", Images.known()) + ")");
      return;
    }
    List<String> argv = new ArrayList<>(c.command().isEmpty() ? image.get().defaultCommand() : c.command());
    argv.addAll(c.args());
    Optional<App> app = image.get().program(argv.get(0));
    if (app.isEmpty()) {
      statuses.waiting(c, "RunContainerError", "exec: \"" + argv.get(0) + "\": executable file not found in $PATH");
      return;
    }
    statuses.running(c);
    Process p = processes.main(c, argv, app.get());
    prober.containerStarted(c.name());
    for (ProbeKind kind : prober.kinds(c.name())) {
      Probe probe = c.probes().get(kind);
      ProbeTick tick = new ProbeTick(c.name(), kind, false);
      // A probe without an initial delay runs at once: a message, not a zero-delay timer (Pekko's
      // manual test clock runs those on the scheduling thread, racing the test's own clock).
      if (probe.initialDelay().isZero()) {
        getContext().getSelf().tell(tick);
        timers.startTimerWithFixedDelay(tick, probe.period(), probe.period());
      } else {
        timers.startTimerWithFixedDelay(tick, probe.initialDelay(), probe.period());
      }
    }
    p.app().start(p);
  }

  /** Kills a container as the kubelet does after a failed liveness or startup probe. */
  private void killContainer(String name, String message) {
    processes.mainOf(name).ifPresent(main -> {
      main.kill();
      finished(main, 137, message);
    });
  }

  private final class ProcessHost implements Process.Host {
    @Override
    public void schedule(int pid, String key, Duration delay) {
      Duration atLeast = delay.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : delay;
      timers.startSingleTimer(new ProcessTimer(pid, key), new ProcessTimer(pid, key), atLeast);
    }

    @Override
    public void cancel(int pid, String key) {
      timers.cancel(new ProcessTimer(pid, key));
    }

    @Override
    public void exited(Process p, int status) {
      finished(p, status, "");
    }

    @Override
    public String hostname() {
      return hostname;
    }

    @Override
    public void watchCluster(Process p, Consumer<ClusterView> listener) {
      boolean first = clusterWatchers.isEmpty();
      clusterWatchers.computeIfAbsent(p, k -> new ArrayList<>()).add(listener);
      if (view != null) {
        listener.accept(view);
      }
      if (first) {
        report(); // the node sends the cluster's objects to pods that say they watch them
      }
    }

    @Override
    public Optional<String> readFile(String path) {
      return files.read(path);
    }
  }

  /**
   * A process ended: an exec'd one answers its caller; a container's main one takes the
   * container's exec'd programs with it, stops its probes, and may restart.
   */
  private void finished(Process p, int status, String message) {
    clusterWatchers.remove(p);
    Optional<Consumer<ExecResult>> done = processes.ended(p);
    if (done.isPresent()) {
      timers.cancel(new ExecTimeout(p.pid()));
      done.get().accept(new ExecResult(p.takeStdout(), p.takeStderr(), status));
      return;
    }
    String name = p.container();
    for (Process exec : processes.execsIn(name)) {
      exec.kill();
      finished(exec, 137, "");
    }
    prober.containerStopped(name);
    prober.kinds(name).forEach(kind -> timers.cancel(new ProbeTick(name, kind, false)));
    if (terminating) {
      statuses.stopped(name, status, message);
    } else {
      statuses.exited(name, status, message, System.currentTimeMillis())
          .ifPresent(delay -> timers.startSingleTimer(new Restart(name), delay));
    }
    report();
    stoppedYet();
  }

  private void report() {
    statusTo.accept(new StatusChanged(podKey, List.copyOf(statuses.list(containers, prober)), false, !clusterWatchers.isEmpty()));
  }
}
