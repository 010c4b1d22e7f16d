package io.kubemu.nodes.app;

/**
 * Sender-side flow control over a FIFO path: at most {@code size} messages unacknowledged. Acks
 * carry the receiver's cumulative count. A probe sent after {@code sentBefore} messages is
 * answered after all of them arrived or were lost, so whatever its answer does not count is lost:
 * that frees the window instead of stalling it forever.
 */
public final class SendWindow {
  private final int size;
  private long sent;
  private long delivered;
  private long lost;

  public SendWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("bad window: " + size + " (expected: >= 1)");
    }
    this.size = size;
  }

  public boolean canSend() {
    return inFlight() < size;
  }

  public void sent() {
    sent++;
  }

  public void acked(long cumulative) {
    delivered = Math.max(delivered, cumulative);
  }

  public void probeAnswered(long cumulative, long sentBefore) {
    acked(cumulative);
    lost = Math.max(lost, sentBefore - delivered);
  }

  public long inFlight() {
    return sent - delivered - lost;
  }

  public long sentCount() {
    return sent;
  }

  public long deliveredCount() {
    return delivered;
  }

  /** Messages written off by probes: sent before a probe, never counted by the receiver. */
  public long lostCount() {
    return lost;
  }
}
