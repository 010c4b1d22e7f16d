package io.kubemu.emulator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cluster's state folder ({@code $KUBEMU_HOME}, default {@code ~/.kubemu}): {@code run/} exists
 * while the cluster runs and holds a record per host; {@code logs/} keeps each host's log;
 * {@code cluster.conf} the settings {@code up} was given; {@code kubeconfig} points kubectl at the
 * cluster's API server. Several folders, several clusters.
 */
public final class StateDir {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public StateDir(Path root) {
    this.root = root.toAbsolutePath();
  }

  public static StateDir fromEnvironment() {
    String home = System.getProperty("kubemu.home", System.getenv("KUBEMU_HOME"));
    return new StateDir(home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".kubemu"));
  }

  public Path root() {
    return root;
  }

  public Path run() {
    return root.resolve("run");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path log(String host) {
    return logs().resolve(host + ".log");
  }

  public Path clusterConf() {
    return root.resolve("cluster.conf");
  }

  /** The kubeconfig 'up' writes for kubectl and other Kubernetes clients. */
  public Path kubeconfig() {
    return root.resolve("kubeconfig");
  }

  public boolean running() {
    return Files.isDirectory(run());
  }

  public void writeHost(HostRecord record) {
    write(run().resolve("hosts").resolve(record.name() + ".json"), record);
  }

  public List<HostRecord> hosts() {
    Path dir = run().resolve("hosts");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<HostRecord> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(JSON.readValue(f.toFile(), HostRecord.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read host records in " + dir, e);
    }
    out.sort(Comparator.comparing(HostRecord::name));
    return out;
  }

  /** The real ports one host opened for Services, replacing what it wrote before. */
  public void writePorts(String host, List<PortRecord> ports) {
    write(run().resolve("ports").resolve(host + ".json"), ports);
  }

  public List<PortRecord> ports() {
    Path dir = run().resolve("ports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<PortRecord> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.addAll(List.of(JSON.readValue(f.toFile(), PortRecord[].class)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read port records in " + dir, e);
    }
    out.sort(Comparator.comparing(PortRecord::port));
    return out;
  }

  public void writeCluster(ClusterRecord record) {
    write(run().resolve("cluster.json"), record);
  }

  public ClusterRecord cluster() {
    Path f = run().resolve("cluster.json");
    try {
      return Files.exists(f) ? JSON.readValue(f.toFile(), ClusterRecord.class) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  private static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Removes the run marker and every record in it; hosts watching it stop. */
  public void clearRun() {
    if (!Files.exists(run())) {
      return;
    }
    try (Stream<Path> all = Files.walk(run())) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + run(), e);
    }
  }
}
