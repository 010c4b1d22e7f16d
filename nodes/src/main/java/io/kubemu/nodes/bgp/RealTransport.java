package io.kubemu.nodes.bgp;

/**
 * A session's real TCP connection to a router outside kubemu, opened by the host JVM for the node:
 * the node agent relays its events here and sends what the session writes through {@link #writer}.
 */
public final class RealTransport implements BgpTransport {
  /** What the host's relay is asked to do with the connection. */
  public interface Writer {
    boolean write(byte[] data);

    void close();
  }

  private final BgpNeighbor neighbor;
  private Writer writer;
  private String remote = "";

  RealTransport(BgpNeighbor neighbor) {
    this.neighbor = neighbor;
  }

  public String host() {
    return neighbor.spec.address().toString();
  }

  public int port() {
    return neighbor.spec.port();
  }

  /** The loopback address to connect from, so a real router tells the nodes apart; null for any. */
  public String source() {
    return neighbor.spec.source() == null ? null : neighbor.spec.source().toString();
  }

  /** The connection is up; {@code writer} carries what the session sends. */
  public void opened(Writer writer) {
    this.writer = writer;
    this.remote = host() + ":" + port();
    if (!neighbor.attach(this)) {
      writer.close();
    }
  }

  public void received(byte[] data) {
    neighbor.data(this, data);
  }

  /** The connection failed or ended; {@code error} null after an orderly close. */
  public void closed(String error) {
    writer = null;
    neighbor.connectFailed(this, error == null ? "Connection closed" : error);
  }

  @Override
  public boolean write(byte[] data) {
    return writer != null && writer.write(data);
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  @Override
  public String remote() {
    return remote;
  }
}
