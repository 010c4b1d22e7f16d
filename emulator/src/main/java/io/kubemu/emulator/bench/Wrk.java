package io.kubemu.emulator.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wrk (github.com/wg/wrk) as the bench's load client: one thread, so that on a small machine it
 * leaves the cores to what it measures, and {@code connections} kept-alive connections for a
 * whole number of seconds. Its report is read by {@link WrkOutput}.
 */
final class Wrk implements HttpLoad {
  private static final int THREADS = 1;
  private final Path binary;
  private final String version;

  Wrk(Path binary) {
    this.binary = binary;
    this.version = version(binary);
  }

  @Override
  public String describe() {
    return version + " (" + binary + "), " + THREADS + " thread";
  }

  @Override
  public HttpLoadResult run(URI url, int connections, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), "-t" + THREADS, "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
        url.toString()).redirectErrorStream(true).start();
    byte[] out;
    try {
      out = p.getInputStream().readAllBytes();
      if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        throw new IllegalStateException("wrk did not finish within " + (seconds + 30) + " s");
      }
    } finally {
      p.destroyForcibly();
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("wrk against " + url + " exited with " + p.exitValue() + ": " + text.trim());
    }
    return WrkOutput.parse("wrk", text);
  }

  /** "wrk 4.1.0" from {@code wrk -v} (which exits 1), or just "wrk". */
  private static String version(Path binary) {
    try {
      Process p = new ProcessBuilder(List.of(binary.toString(), "-v")).redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      p.waitFor(5, TimeUnit.SECONDS);
      return first.matches("wrk \\S+.*") ? first.split(" ")[0] + " " + first.split(" ")[1] : "wrk";
    } catch (IOException e) {
      return "wrk";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "wrk";
    }
  }
}
