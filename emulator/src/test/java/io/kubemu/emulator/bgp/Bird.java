package io.kubemu.emulator.bgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real BIRD 2 router for a test: {@link #start} writes the configuration into a temporary folder,
 * runs {@code bird -f} as a child process on a free port of 127.0.0.1 (no privileges used: no
 * kernel protocol), and waits for its control socket; {@link #birdc} asks it what it knows. Closing
 * it kills the process and removes the folder; a shutdown hook does the same if a test never gets
 * to close it. Use it in try-with-resources or close it in {@code @AfterEach}/{@code @AfterAll}.
 */
public final class Bird implements AutoCloseable {
  private static final List<Path> SBIN = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"), Path.of("/sbin"));
  private static final Duration STARTUP = Duration.ofSeconds(10);
  private static final String INSTALL = "BIRD 2 is not installed (looked for bird and birdc on PATH and in /usr/sbin,"
      + " /usr/local/sbin): install it with `apt-get install -y bird2` (Debian, Ubuntu), `dnf install bird`"
      + " (Fedora) or `brew install bird`";

  private final Path dir;
  private final int port;
  private final Process process;
  private final Thread killer;

  private Bird(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.killer = new Thread(process::destroyForcibly, "kill-bird-" + port);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /**
   * Skips the calling test with {@link #INSTALL} when BIRD is missing, as the project's tests do for
   * the tools they call; in CI (environment CI=true), where .ci/run installs it, a missing BIRD fails.
   */
  public static void assumeInstalled() {
    boolean installed = executable("bird").isPresent() && executable("birdc").isPresent();
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(INSTALL);
    }
    Assumptions.assumeTrue(installed, INSTALL);
  }

  /** Starts BIRD with {@code config} on a free port; a port someone took meanwhile is retried on another. */
  public static Bird start(BirdConfig config) throws IOException, InterruptedException {
    assumeInstalled();
    for (int attempt = 1; ; attempt++) {
      Bird bird = launch(config);
      if (!bird.log().contains("Cannot open listening socket") || attempt == 3) {
        return bird;
      }
      bird.close();
    }
  }

  /** Parses {@code config} with {@code bird -p} and returns what BIRD said about it: empty when it is valid. */
  public static String check(Path config) throws IOException, InterruptedException {
    assumeInstalled();
    Ran ran = exec(List.of(executable("bird").orElseThrow().toString(), "-p", "-c", config.toString()));
    return ran.exit() == 0 ? ran.output().trim() : "exit " + ran.exit() + ": " + ran.output();
  }

  private static Bird launch(BirdConfig config) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("kubemu-bird");
    int port = freePort();
    Files.writeString(dir.resolve("bird.conf"), config.render(port, dir.resolve("bird.log")));
    Process p = new ProcessBuilder(executable("bird").orElseThrow().toString(), "-f", "-c", dir.resolve("bird.conf").toString(),
        "-s", dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("bird.out").toFile()).start();
    Bird bird = new Bird(dir, port, p);
    try {
      bird.awaitControlSocket();
      return bird;
    } catch (IOException | RuntimeException | InterruptedException e) {
      bird.close();
      throw e;
    }
  }

  private void awaitControlSocket() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("bird exited with " + process.exitValue() + ": " + output() + "\nconfig:\n" + config());
      }
      if (Files.exists(dir.resolve("bird.ctl")) && run("show status").contains("Daemon is up and running")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("bird's control socket not up within " + STARTUP + ": " + output());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static Optional<Path> executable(String name) {
    List<Path> places = new ArrayList<>();
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!p.isEmpty()) {
        places.add(Path.of(p));
      }
    }
    places.addAll(SBIN);
    return places.stream().map(p -> p.resolve(name)).filter(Files::isExecutable).findFirst();
  }

  /** The port BIRD listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** Runs one birdc command (e.g. "show route all") and returns what it printed; a failure to ask throws. */
  public String birdc(String command) {
    try {
      return run(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted asking bird: " + command, e);
    }
  }

  private String run(String command) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(executable("birdc").orElseThrow().toString(), "-s", dir.resolve("bird.ctl").toString()));
    argv.addAll(List.of(command.split(" ")));
    return exec(argv).output();
  }

  private record Ran(int exit, String output) {}

  /** Runs a short command to its end (10 s at most) and returns its exit status and output. */
  private static Ran exec(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", argv) + " did not finish");
    }
    return new Ran(p.exitValue(), out);
  }

  public List<BirdShow.Protocol> protocols() {
    return BirdShow.protocols(birdc("show protocols all"));
  }

  /** The BGP protocol whose session is with {@code address}; dynamic ones are found by their neighbour too. */
  public Optional<BirdShow.Protocol> neighbor(String address) {
    return protocols().stream().filter(p -> p.neighbor().equals(address)).findFirst();
  }

  /** Every route in BIRD's IPv4 table, best and others. */
  public List<BirdShow.Route> routes() {
    return BirdShow.routes(birdc("show route all"));
  }

  public List<BirdShow.Route> routes(String prefix) {
    return routes().stream().filter(r -> r.prefix().equals(prefix)).toList();
  }

  /** Polls {@code probe} until it gives a value; fails naming {@code what}, with BIRD's protocols and log. */
  public <T> T await(String what, Duration within, Supplier<Optional<T>> probe) throws InterruptedException {
    return Poll.until("bird: " + what, within, probe,
        () -> "protocols:\n" + birdc("show protocols all") + "\nlog:\n" + log());
  }

  /** BIRD's log file: sessions, errors, NOTIFICATIONs sent and received. */
  public String log() {
    return read(dir.resolve("bird.log"));
  }

  public String config() {
    return read(dir.resolve("bird.conf"));
  }

  private String output() {
    return read(dir.resolve("bird.out")) + log();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** Kills BIRD (TERM, then KILL after 5 s) and removes its folder. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
