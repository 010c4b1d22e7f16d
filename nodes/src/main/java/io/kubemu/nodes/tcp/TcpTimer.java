package io.kubemu.nodes.tcp;

/**
 * A timer of one connection, as the owner of the stack schedules it: {@code RETRANSMIT} (RTO,
 * also SYN and SYN-ACK retries) or {@code LINGER} (TIME-WAIT, and FIN-WAIT-2 of a closed socket).
 * Scheduling a key again replaces the earlier one.
 */
public record TcpTimer(long connection, Kind kind) {
  public enum Kind { RETRANSMIT, LINGER }

  /** How the stack's owner runs timers: it calls {@link TcpEndpoints#onTimer} when one fires. */
  public interface Scheduler {
    void schedule(TcpTimer timer, java.time.Duration delay);

    void cancel(TcpTimer timer);
  }
}
