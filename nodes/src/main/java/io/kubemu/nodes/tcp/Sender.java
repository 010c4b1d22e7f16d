package io.kubemu.nodes.tcp;

import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.PSH;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;

import io.kubemu.protocols.tcp.TcpOption;
import io.kubemu.protocols.tcp.TcpSegment;
import java.time.Duration;

/**
 * The sending half of a connection: the send buffer from SND.UNA on, the peer's window, Reno
 * congestion control with an initial window of ten segments (RFC 5681, RFC 6928), fast
 * retransmit on three duplicate ACKs, and the retransmission timer of RFC 6298 with Karn's rule
 * and exponential back-off. A retransmission timeout goes back to SND.UNA and sends again.
 */
final class Sender {
  /** The largest window a peer can advertise without window scaling. */
  private static final int MAX_WINDOW = 65535;
  /** The MSS assumed for a peer whose SYN carries none (RFC 9293 3.7.1). */
  static final int DEFAULT_MSS = 536;
  private static final byte[] NONE = new byte[0];

  private final TcpConnection conn;
  private final TcpConfig config;
  private final int iss;
  private final int localMss;
  private int sndUna;
  private int sndNxt;
  /** The highest sequence number sent so far: SND.NXT moves back to SND.UNA on a timeout, this does not. */
  private int sndMax;
  private int sndWnd;
  private int sndWl1;
  private int sndWl2;
  private final ByteQueue queue = new ByteQueue();
  /** The sequence number of the queue's first byte. */
  private int base;
  private boolean finQueued;
  private int mss = DEFAULT_MSS;
  private int cwnd;
  private int ssthresh = Integer.MAX_VALUE;
  private int dupAcks;
  private long srtt = -1;
  private long rttvar;
  private long rto;
  private int retries;
  private boolean timing;
  private int timedSeq;
  private long timedAt;
  private boolean armed;
  /** When the retransmission timer is due, on the stack's clock, while it is armed. */
  private long due;
  /**
   * Whether a timer message is on its way, and when it fires. The timer is lazy, as Linux's is: a
   * restart that falls due later leaves it be, and when it fires early it is set again for what is
   * left; stopping it on an ACK only disarms it. So a connection that sends and is acknowledged
   * many times within one RTO schedules once, not each time.
   */
  private boolean scheduled;
  private long scheduledFor;

  Sender(TcpConnection conn, int iss, TcpConfig config, int localMss) {
    this.conn = conn;
    this.config = config;
    this.iss = iss;
    this.localMss = localMss;
    this.sndUna = iss;
    this.sndNxt = iss;
    this.sndMax = iss;
    this.base = iss + 1;
    this.cwnd = 10 * DEFAULT_MSS;
    this.rto = config.initialRto().toNanos();
  }

  void sendSyn(boolean withAck) {
    conn.stack.emit(conn, iss, withAck ? conn.rcvNxt() : 0, SYN | (withAck ? ACK : 0), conn.synOptions(), NONE);
    sndNxt = iss + 1;
    sndMax = Seq.max(sndMax, sndNxt);
    if (retries == 0) {
      startTiming(iss);
    }
    restart();
  }

  /** The peer's MSS option, if its SYN has one; the initial window follows from it. */
  void peerOptions(TcpSegment syn) {
    int peer = DEFAULT_MSS;
    try {
      for (TcpOption o : TcpOption.parse(syn.options())) {
        if (o.kind() == TcpOption.MSS) {
          peer = o.mss();
        }
      }
    } catch (RuntimeException e) {
      peer = DEFAULT_MSS; // malformed options are ignored, as Linux does
    }
    mss = Math.max(64, Math.min(localMss, peer));
    cwnd = 10 * mss;
  }

  /** ISS < SEG.ACK <= SND.NXT: the peer acknowledges our SYN. */
  boolean acceptableSynAck(int ack) {
    return Seq.lt(iss, ack) && Seq.le(ack, sndMax);
  }

  void synAcked(int ack) {
    sndUna = ack;
    retries = 0;
    if (timing) {
      sample();
    }
    if (sndUna == sndMax) {
      stop();
    }
  }

  void window(int window, int seq, int ack) {
    sndWnd = window;
    sndWl1 = seq;
    sndWl2 = ack;
  }

  boolean write(byte[] data) {
    if (queue.size() + (long) data.length > config.sendBufferBytes()) {
      return false;
    }
    queue.append(data);
    output();
    return true;
  }

  int queued() {
    return queue.size();
  }

  void queueFin() {
    finQueued = true;
    output();
  }

  boolean finQueued() {
    return finQueued;
  }

  private int finSeq() {
    return base + queue.size();
  }

  boolean finAcked() {
    return finQueued && sndUna == finSeq() + 1;
  }

  int nxt() {
    return sndNxt;
  }

  /**
   * The sequence number for a segment without data (a pure ACK or RST): SND.MAX, never the
   * rewound SND.NXT of a retransmission, which the peer would find below its window and drop
   * together with the ACK (each side then answering the other's stale ACK forever).
   */
  int max() {
    return sndMax;
  }

  private boolean synchronizedYet() {
    return Seq.gt(sndUna, iss);
  }

  /**
   * The ACK field of an acceptable segment. False when it acknowledges what was never sent (the
   * caller answers with an ACK and drops the segment).
   */
  boolean ack(int ack, int window, int seq, int payloadLength) {
    if (Seq.gt(ack, sndMax)) {
      return false;
    }
    if (Seq.le(ack, sndUna)) {
      boolean duplicate = ack == sndUna && payloadLength == 0 && window == sndWnd && sndMax != sndUna;
      updateWindow(window, seq, ack);
      if (duplicate && ++dupAcks == 3) {
        fastRetransmit();
      }
      return true;
    }
    int acked = ack - sndUna;
    int data = Math.min(ack - base, queue.size());
    if (data > 0) {
      queue.drop(data);
      base += data;
    }
    sndUna = ack;
    if (Seq.lt(sndNxt, sndUna)) {
      sndNxt = sndUna;
    }
    dupAcks = 0;
    retries = 0;
    if (timing && Seq.gt(ack, timedSeq)) {
      sample();
    }
    if (sndMax - sndUna + acked >= cwnd - mss) {
      // grow only while the window was the limit (Linux's tcp_is_cwnd_limited), and never past
      // what the peer's window could ever use
      long grown = (long) cwnd + (cwnd < ssthresh ? Math.min(acked, mss) : Math.max(1, mss * mss / cwnd));
      cwnd = (int) Math.min(grown, Math.max(10L * mss, 4L * MAX_WINDOW));
    }
    updateWindow(window, seq, ack);
    if (sndUna == sndMax) {
      pause();
    } else {
      restart(); // RFC 6298 5.3: new data acknowledged, the timer starts over
    }
    if (data > 0 && queue.size() == 0) {
      conn.drained();
    }
    return true;
  }

  private void updateWindow(int window, int seq, int ack) {
    if (Seq.lt(sndWl1, seq) || (sndWl1 == seq && Seq.le(sndWl2, ack))) {
      window(window, seq, ack);
    }
  }

  /** Sends what the windows allow, then the FIN once every byte before it went out. */
  void output() {
    if (!synchronizedYet()) {
      return;
    }
    while (true) {
      int sent = Math.max(0, Math.min(sndNxt - base, queue.size()));
      int unsent = queue.size() - sent;
      int usable = Math.min(sndWnd, cwnd) - (sndNxt - sndUna);
      if (unsent <= 0 || usable <= 0) {
        if (unsent > 0 && sndNxt == sndUna) {
          arm(); // a zero window: the retransmission timer probes it
        }
        break;
      }
      int length = Math.min(mss, Math.min(unsent, usable));
      if (length < unsent && length < mss && sndNxt != sndUna) {
        break; // no runt segment while more waits and acknowledgements are due (Nagle)
      }
      boolean fresh = sndNxt == sndMax;
      conn.stack.emit(conn, sndNxt, conn.rcvNxt(), ACK | (sent + length == queue.size() ? PSH : 0), NONE,
          queue.copy(sent, length));
      if (fresh && !timing) {
        startTiming(sndNxt);
      }
      sndNxt += length;
      sndMax = Seq.max(sndMax, sndNxt);
      arm();
    }
    if (finQueued && sndNxt == finSeq()) {
      conn.stack.emit(conn, sndNxt, conn.rcvNxt(), FIN | ACK, NONE, NONE);
      sndNxt += 1;
      sndMax = Seq.max(sndMax, sndNxt);
      arm();
    }
  }

  private void fastRetransmit() {
    ssthresh = Math.max((sndMax - sndUna) / 2, 2 * mss);
    cwnd = ssthresh;
    timing = false;
    conn.stack.retransmitted();
    int length = Math.min(mss, queue.size() - (sndUna - base));
    if (length > 0) {
      conn.stack.emit(conn, sndUna, conn.rcvNxt(), ACK, NONE, queue.copy(sndUna - base, length));
    } else if (finQueued) {
      conn.stack.emit(conn, sndUna, conn.rcvNxt(), FIN | ACK, NONE, NONE);
    }
  }

  /** The retransmission timer fired: give up after the configured retries, else back off and resend. */
  void retransmitTimeout() {
    scheduled = false;
    if (!armed) {
      return; // disarmed since it was set
    }
    long now = conn.stack.nanos();
    if (now < due) {
      schedule(due - now);
      return;
    }
    armed = false;
    TcpState state = conn.state();
    boolean handshake = state == TcpState.SYN_SENT || (state == TcpState.SYN_RECEIVED && !synchronizedYet());
    int limit = handshake ? (state == TcpState.SYN_SENT ? config.synRetries() : config.synAckRetries()) : config.retries();
    if (!handshake && sndUna == sndMax) {
      probeZeroWindow();
      return;
    }
    if (!handshake && sndWnd == 0) {
      // the persist timer (RFC 1122 4.2.2.17): a peer that answers with a shut window is alive,
      // so its probes are not retries; the byte at SND.UNA goes again
      rto = Math.min(rto * 2, config.maxRto().toNanos());
      int queuedFromUna = queue.size() - (sndUna - base);
      if (queuedFromUna > 0) {
        conn.stack.emit(conn, sndUna, conn.rcvNxt(), ACK, NONE, queue.copy(sndUna - base, 1));
      }
      restart();
      return;
    }
    if (++retries > limit) {
      conn.timedOut();
      return;
    }
    conn.stack.retransmitted();
    rto = Math.min(rto * 2, config.maxRto().toNanos());
    timing = false;
    if (handshake) {
      sendSyn(state == TcpState.SYN_RECEIVED);
      return;
    }
    ssthresh = Math.max((sndMax - sndUna) / 2, 2 * mss);
    cwnd = mss;
    dupAcks = 0;
    sndNxt = sndUna;
    output();
  }

  /** Nothing in flight but bytes wait: the peer's window is shut, so one byte probes it (RFC 9293 3.8.6.1). */
  private void probeZeroWindow() {
    int unsent = queue.size() - Math.max(0, sndNxt - base);
    if (unsent <= 0) {
      return;
    }
    if (sndWnd == 0) {
      conn.stack.emit(conn, sndNxt, conn.rcvNxt(), ACK, NONE, queue.copy(sndNxt - base, 1));
      sndNxt += 1;
      sndMax = Seq.max(sndMax, sndNxt);
      rto = Math.min(rto * 2, config.maxRto().toNanos());
      arm();
    } else {
      output();
    }
  }

  private void startTiming(int seq) {
    timing = true;
    timedSeq = seq;
    timedAt = conn.stack.nanos();
  }

  /** One RTT measurement (RFC 6298 2.2 and 2.3), bounded by the configured minimum and maximum RTO. */
  private void sample() {
    timing = false;
    long r = Math.max(0, conn.stack.nanos() - timedAt);
    if (srtt < 0) {
      srtt = r;
      rttvar = r / 2;
    } else {
      rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
      srtt = (7 * srtt + r) / 8;
    }
    long min = config.minRto().toNanos();
    rto = Math.min(Math.max(min, srtt + Math.max(1_000_000, 4 * rttvar)), config.maxRto().toNanos());
  }

  /** Starts the retransmission timer unless it runs (RFC 6298 5.1). */
  private void arm() {
    if (!armed) {
      restart();
    }
  }

  private void restart() {
    armed = true;
    due = conn.stack.nanos() + rto;
    if (!scheduled || scheduledFor > due) {
      schedule(rto);
    }
  }

  private void schedule(long delay) {
    scheduled = true;
    scheduledFor = conn.stack.nanos() + delay;
    conn.stack.schedule(new TcpTimer(conn.id, TcpTimer.Kind.RETRANSMIT), Duration.ofNanos(delay));
  }

  /** Everything sent is acknowledged: the timer is disarmed, and a message already on its way finds nothing to do. */
  private void pause() {
    armed = false;
  }

  /** The connection is done with it: no timer message stays behind. */
  void stop() {
    armed = false;
    if (scheduled) {
      scheduled = false;
      conn.stack.cancel(new TcpTimer(conn.id, TcpTimer.Kind.RETRANSMIT));
    }
  }

  @Override
  public String toString() {
    return "una " + Seq.unsigned(sndUna) + " nxt " + Seq.unsigned(sndNxt) + " wnd " + sndWnd + " cwnd " + cwnd
        + " queued " + queue.size() + " rto " + rto / 1_000_000 + "ms";
  }
}
