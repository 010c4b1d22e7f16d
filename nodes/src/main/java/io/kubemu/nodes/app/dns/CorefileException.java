package io.kubemu.nodes.app.dns;

/**
 * A Corefile that CoreDNS would refuse, with the message CoreDNS (Caddy's parser) prints:
 * {@code /etc/coredns/Corefile:7 - Error during parsing: unknown property 'foo'}, prefixed with
 * {@code plugin/<name>: } when a plugin's own setup found the problem.
 */
public final class CorefileException extends IllegalArgumentException {
  private final int line;

  CorefileException(String path, int line, String plugin, String problem) {
    super((plugin == null ? "" : "plugin/" + plugin + ": ") + path + ":" + line + " - Error during parsing: " + problem);
    this.line = line;
  }

  /** The line of the Corefile the problem is on (1 is the first). */
  public int line() {
    return line;
  }
}
