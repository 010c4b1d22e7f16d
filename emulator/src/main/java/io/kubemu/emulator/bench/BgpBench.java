package io.kubemu.emulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code kubemu bench bgp}: every point (node count and topology) in a JVM of its own, one after
 * another, so that each starts from an empty heap and its heap can be measured; the point's JVM
 * prints its progress and one result line, which this JVM follows in its log.
 */
public final class BgpBench {
  /** Out of memory ends the point's JVM at once, rather than after minutes of collections. */
  private static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";
  /** Beyond the convergence and withdrawal timeouts: starting the agents, the warm-up, the full GCs. */
  private static final Duration SLACK = Duration.ofMinutes(10);

  private final BgpBenchOptions options;
  private final PrintStream progress;

  public BgpBench(BgpBenchOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public BgpBenchReport run() throws IOException, InterruptedException {
    Path logs = Files.createTempDirectory("kubemu-bench-bgp-");
    progress.println("logs of the bench's JVMs in " + logs + " (removed when every point finishes)");
    List<BgpBenchReport.Point> points = new ArrayList<>();
    try (ChildJvms jvms = new ChildJvms(logs)) {
      for (BgpPointSpec spec : options.points()) {
        points.add(point(jvms, spec));
      }
    }
    if (points.stream().allMatch(p -> p.failure() == null)) {
      try (Stream<Path> files = Files.walk(logs)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return new BgpBenchReport(Machine.describe(), LocalDate.now().toString(), options, points);
  }

  /**
   * The heap a point's JVM starts with: 8 MB a node (the 1,000-node mesh peaks near 5 GB), at least
   * 1 GB and at most {@code max} (a {@code -Xmx} size such as 12g).
   */
  static String initialHeap(int nodes, String max) {
    long maxMb = megabytes(max);
    return Math.min(maxMb, Math.max(1024, 8L * nodes)) + "m";
  }

  private static long megabytes(String size) {
    char unit = Character.toLowerCase(size.charAt(size.length() - 1));
    long n = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
    switch (unit) {
      case 'g':
        return n * 1024;
      case 'm':
        return n;
      case 'k':
        return n / 1024;
      default:
        return n / (1024 * 1024);
    }
  }

  private BgpBenchReport.Point point(ChildJvms jvms, BgpPointSpec spec) throws IOException, InterruptedException {
    String name = "bgp-" + spec.topology().label() + "-" + spec.nodes();
    String initial = initialHeap(spec.nodes(), options.heap());
    progress.println("bgp: " + spec.topology().label() + " " + spec.nodes() + ": a fresh JVM, -Xms" + initial
        + " (touched at start) -Xmx" + options.heap());
    List<String> args = new ArrayList<>(List.of("bgp", "point"));
    args.addAll(spec.toArgs());
    // A heap sized for the nodes from the start, its pages touched before anything is measured: grown from a 64th of
    // the maximum, a 1,000-node point's heap went through full collections of 2-3 s each while its nodes converged,
    // and a quarter of the CPU then went to the kernel zeroing the pages the heap touched for the first time. Both
    // are the JVM's cost, not BGP's.
    Process p = jvms.start(name, options.heap(), List.of("-Xms" + initial, "-XX:+AlwaysPreTouch", EXIT_ON_OOM),
        args.toArray(String[]::new));
    long deadline = System.nanoTime() + spec.timeout().multipliedBy(2).plus(SLACK).toNanos();
    Follower log = new Follower(jvms.log(name));
    BgpPointResult result = null;
    try {
      while (result == null && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        result = log.follow();
      }
      if (result == null) {
        result = log.follow();
      }
    } finally {
      jvms.stop(name);
    }
    if (result != null) {
      return new BgpBenchReport.Point(spec, result, null);
    }
    String why = p.isAlive() || !p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) ? "no result within "
        + spec.timeout().multipliedBy(2).plus(SLACK).toMinutes() + " minutes" : "its JVM exited with status " + p.exitValue();
    progress.println("bgp: " + spec.topology().label() + " " + spec.nodes() + ": FAILED: " + why + "; its log ("
        + jvms.log(name) + ") ends:\n" + jvms.tail(name, 20));
    return new BgpBenchReport.Point(spec, null, why);
  }

  /** Reads what a point's JVM has added to its log: progress lines go on to the progress stream, the result is returned. */
  private final class Follower {
    private final Path file;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    Follower(Path file) {
      this.file = file;
    }

    BgpPointResult follow() throws IOException {
      if (!Files.exists(file)) {
        return null;
      }
      byte[] added;
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
        added = new byte[(int) Math.max(0, f.length() - offset)];
        f.seek(offset);
        f.readFully(added);
      }
      offset += added.length;
      partial.append(new String(added, StandardCharsets.UTF_8));
      BgpPointResult result = null;
      int nl;
      while ((nl = partial.indexOf("\n")) >= 0) {
        String line = partial.substring(0, nl);
        partial.delete(0, nl + 1);
        if (line.startsWith(BgpPointResult.PREFIX)) {
          result = BgpPointResult.parse(line);
        } else if (line.startsWith("bgp: ")) {
          progress.println(line);
        }
      }
      return result;
    }
  }
}
