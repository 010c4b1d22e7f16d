package io.kubemu.nodes.tcp;

import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.RST;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.tcp.TcpOption;
import io.kubemu.protocols.tcp.TcpSegment;
import java.util.List;

/**
 * One connection's transmission control block and the segment-arrival rules of RFC 9293
 * 3.10.7, with RFC 5961's challenge ACKs. Sending (windows, retransmission, FIN) is its
 * {@link Sender}'s. Every entry runs inside its {@link TcpEndpoints}, which batches the segments
 * it emits and runs its timers.
 */
final class TcpConnection implements TcpSocket {
  final long id;
  final ConnectionKey key;
  final TcpEndpoints stack;
  final Sender sender;
  /** The listener that accepts this connection once established; null for an active open or once accepted. */
  private TcpEndpoints.Listener listener;
  private TcpState state;
  private TcpHandler handler;
  private int rcvNxt;
  private final Reassembly outOfOrder;
  /** close() was called: the program hears nothing more, and new data resets the connection. */
  private boolean closedByProgram;
  private boolean ackOwed;
  /** The acknowledgment number of the last segment sent: every byte taken since must be acknowledged. */
  private int lastAckSent;

  /** An active open: SYN-SENT, with the SYN on its way. */
  TcpConnection(TcpEndpoints stack, long id, ConnectionKey key, int iss, TcpHandler handler) {
    this.stack = stack;
    this.id = id;
    this.key = key;
    this.handler = handler;
    this.state = TcpState.SYN_SENT;
    this.outOfOrder = new Reassembly(stack.config().receiveWindow());
    this.sender = new Sender(this, iss, stack.config(), stack.localMss());
  }

  /** Sends the first SYN of an active open. */
  void start() {
    sender.sendSyn(false);
  }

  /** A passive open: SYN-RECEIVED after {@code syn} reached {@code listener}, with the SYN-ACK on its way. */
  TcpConnection(TcpEndpoints stack, long id, ConnectionKey key, int iss, TcpSegment syn, TcpEndpoints.Listener listener) {
    this.stack = stack;
    this.id = id;
    this.key = key;
    this.listener = listener;
    this.state = TcpState.SYN_RECEIVED;
    this.outOfOrder = new Reassembly(stack.config().receiveWindow());
    this.sender = new Sender(this, iss, stack.config(), stack.localMss());
    this.rcvNxt = (int) syn.sequence() + 1;
    sender.peerOptions(syn);
    sender.window(syn.window(), (int) syn.sequence(), iss);
    sender.sendSyn(true);
  }

  @Override
  public Ipv4Address localAddress() {
    return key.localAddress();
  }

  @Override
  public int localPort() {
    return key.localPort();
  }

  @Override
  public Ipv4Address remoteAddress() {
    return key.remoteAddress();
  }

  @Override
  public int remotePort() {
    return key.remotePort();
  }

  @Override
  public TcpState state() {
    return state;
  }

  @Override
  public void handler(TcpHandler handler) {
    this.handler = handler;
  }

  int rcvNxt() {
    return rcvNxt;
  }

  boolean listening() {
    return listener != null;
  }

  TcpEndpoints.Listener listener() {
    return listener;
  }

  @Override
  public boolean write(byte[] data) {
    if (!state.canSend() || sender.finQueued() || closedByProgram) {
      return false;
    }
    return stack.run(() -> sender.write(data));
  }

  @Override
  public int unacknowledged() {
    return sender.queued();
  }

  @Override
  public void shutdownOutput() {
    stack.run(() -> {
      switch (state) {
        case SYN_SENT -> sender.queueFin(); // the FIN follows the handshake (and any data queued)
        case SYN_RECEIVED, ESTABLISHED -> finQueued(TcpState.FIN_WAIT_1);
        case CLOSE_WAIT -> finQueued(TcpState.LAST_ACK);
        default -> { }
      }
      return true;
    });
  }

  private void finQueued(TcpState next) {
    state = next;
    sender.queueFin();
  }

  @Override
  public void close() {
    if (closedByProgram) {
      return;
    }
    closedByProgram = true;
    shutdownOutput();
    if (state == TcpState.FIN_WAIT_2) {
      stack.linger(this, stack.config().timeWait());
    }
  }

  @Override
  public void abort() {
    stack.run(() -> {
      if (state != TcpState.CLOSED && state != TcpState.TIME_WAIT && state != TcpState.SYN_SENT) {
        stack.emit(this, sender.max(), rcvNxt, RST | ACK, new byte[0], new byte[0]);
      }
      closedByProgram = true;
      destroy(null, false);
      return true;
    });
  }

  /** A segment for this connection (RFC 9293 3.10.7.3 for SYN-SENT, 3.10.7.4 otherwise). */
  void receive(TcpSegment seg) {
    if (state == TcpState.SYN_SENT) {
      receiveInSynSent(seg);
    } else {
      receiveSynchronized(seg);
    }
    if (state != TcpState.CLOSED) {
      sender.output();
      if (ackOwed || (state != TcpState.SYN_SENT && lastAckSent != rcvNxt)) {
        stack.emit(this, sender.max(), rcvNxt, ACK, new byte[0], new byte[0]);
      }
    }
  }

  /** The sender emitted a segment acknowledging {@code ack}: the ACK that was owed went with it. */
  void acked(int ack) {
    lastAckSent = ack;
    ackOwed = false;
  }

  private void receiveInSynSent(TcpSegment seg) {
    int ack = (int) seg.acknowledgment();
    boolean hasAck = (seg.flags() & ACK) != 0;
    if (hasAck && !sender.acceptableSynAck(ack)) {
      if ((seg.flags() & RST) == 0) {
        stack.emit(this, ack, 0, RST, new byte[0], new byte[0]);
      }
      return;
    }
    if ((seg.flags() & RST) != 0) {
      if (hasAck) {
        destroy("Connection refused", true);
      }
      return;
    }
    if ((seg.flags() & SYN) == 0) {
      return;
    }
    rcvNxt = (int) seg.sequence() + 1;
    sender.peerOptions(seg);
    if (hasAck) {
      sender.synAcked(ack);
      sender.window(seg.window(), (int) seg.sequence(), ack);
      state = sender.finQueued() ? TcpState.FIN_WAIT_1 : TcpState.ESTABLISHED;
      ackOwed = true;
      handler.onConnected(this);
    } else {
      state = TcpState.SYN_RECEIVED;
      sender.sendSyn(true);
    }
  }

  private void receiveSynchronized(TcpSegment seg) {
    int seq = (int) seg.sequence();
    int len = seg.payload().length + ((seg.flags() & SYN) != 0 ? 1 : 0) + ((seg.flags() & FIN) != 0 ? 1 : 0);
    if (!acceptable(seq, len)) {
      if ((seg.flags() & RST) == 0) {
        ackOwed = true;
      }
      if (state == TcpState.TIME_WAIT && (seg.flags() & FIN) != 0) {
        stack.linger(this, stack.config().timeWait());
      }
      return;
    }
    if ((seg.flags() & RST) != 0) {
      if (seq != rcvNxt) {
        ackOwed = true; // RFC 5961 3.2: a challenge ACK for an in-window RST that is not exact
      } else if (state == TcpState.SYN_RECEIVED && listener != null) {
        destroy(null, false); // back to LISTEN: nobody saw this connection yet
      } else {
        boolean quiet = state == TcpState.CLOSING || state == TcpState.LAST_ACK || state == TcpState.TIME_WAIT;
        destroy(quiet ? null : "Connection reset by peer", true);
      }
      return;
    }
    if ((seg.flags() & SYN) != 0) {
      ackOwed = true; // RFC 5961 4.2: a SYN in a synchronized state gets a challenge ACK
      return;
    }
    if ((seg.flags() & ACK) == 0) {
      return;
    }
    if (!receiveAck(seg)) {
      return;
    }
    receiveText(seq, seg.payload(), (seg.flags() & FIN) != 0);
  }

  /** RFC 9293's four acceptability cases, with our receive window. */
  private boolean acceptable(int seq, int len) {
    int window = stack.config().receiveWindow();
    boolean startIn = Seq.le(rcvNxt, seq) && Seq.lt(seq, rcvNxt + window);
    if (len == 0) {
      return startIn;
    }
    int last = seq + len - 1;
    return startIn || (Seq.le(rcvNxt, last) && Seq.lt(last, rcvNxt + window));
  }

  /** The ACK field's part; false when the segment is to be dropped. */
  private boolean receiveAck(TcpSegment seg) {
    int ack = (int) seg.acknowledgment();
    if (state == TcpState.SYN_RECEIVED) {
      if (!sender.acceptableSynAck(ack)) {
        stack.emit(this, ack, 0, RST, new byte[0], new byte[0]);
        return false;
      }
      sender.synAcked(ack);
      sender.window(seg.window(), (int) seg.sequence(), ack);
      state = sender.finQueued() ? TcpState.FIN_WAIT_1 : TcpState.ESTABLISHED;
      TcpEndpoints.Listener accepting = listener;
      listener = null;
      if (accepting != null) {
        stack.accepted(this, accepting);
      } else {
        handler.onConnected(this);
      }
      if (state == TcpState.CLOSED) {
        return false;
      }
    }
    if (!sender.ack(ack, seg.window(), (int) seg.sequence(), seg.payload().length)) {
      ackOwed = true; // it acknowledges something not yet sent
      return false;
    }
    if (sender.finAcked()) {
      switch (state) {
        case FIN_WAIT_1 -> {
          state = TcpState.FIN_WAIT_2;
          if (closedByProgram) {
            stack.linger(this, stack.config().timeWait()); // tcp_fin_timeout for an orphaned socket
          }
        }
        case CLOSING -> timeWait();
        case LAST_ACK -> {
          destroy(null, true);
          return false;
        }
        default -> { }
      }
    }
    return true;
  }

  private void receiveText(int seq, byte[] data, boolean fin) {
    if (state == TcpState.TIME_WAIT) {
      if (fin) {
        ackOwed = true;
        stack.linger(this, stack.config().timeWait());
      }
      return;
    }
    boolean receiving = state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2;
    if (data.length == 0 && !fin) {
      return;
    }
    if (!receiving) {
      return; // CLOSE-WAIT, CLOSING, LAST-ACK: the peer's FIN came already; nothing more is taken
    }
    if (data.length > 0 && closedByProgram) {
      // Linux: data for a socket the program closed resets the connection (TCPAbortOnData).
      stack.emit(this, sender.max(), rcvNxt, RST | ACK, new byte[0], new byte[0]);
      destroy(null, true);
      return;
    }
    ackOwed = true;
    int windowEnd = rcvNxt + stack.config().receiveWindow();
    if (Seq.gt(seq + data.length, windowEnd)) {
      data = java.util.Arrays.copyOf(data, Math.max(0, windowEnd - seq)); // what lies past the window is not taken
      fin = false;
    }
    if (Seq.gt(seq, rcvNxt)) {
      if (!outOfOrder.add(new Reassembly.Piece(seq, data, fin))) {
        stack.droppedOutOfOrder();
      }
      return;
    }
    outOfOrder.addInOrder(new Reassembly.Piece(seq, data, fin));
    for (Reassembly.Piece p : outOfOrder.takeFrom(rcvNxt)) {
      rcvNxt = p.end();
      if (p.data().length > 0 && !closedByProgram) {
        handler.onData(this, p.data());
      }
      if (p.fin()) {
        rcvNxt++;
        outOfOrder.clear();
        finReceived();
      }
      if (state == TcpState.CLOSED) {
        return;
      }
    }
  }

  private void finReceived() {
    boolean bothDone = state == TcpState.FIN_WAIT_2 || (state == TcpState.FIN_WAIT_1 && sender.finAcked());
    switch (state) {
      case ESTABLISHED -> state = TcpState.CLOSE_WAIT;
      case FIN_WAIT_1 -> state = bothDone ? TcpState.TIME_WAIT : TcpState.CLOSING;
      case FIN_WAIT_2 -> state = TcpState.TIME_WAIT;
      default -> { }
    }
    if (!closedByProgram) {
      handler.onEndOfStream(this);
    }
    if (bothDone && state == TcpState.TIME_WAIT) {
      timeWait();
    }
  }

  /** Every byte the program queued was acknowledged. */
  void drained() {
    if (!closedByProgram) {
      handler.onDrained(this);
    }
  }

  private void timeWait() {
    state = TcpState.TIME_WAIT;
    sender.stop();
    stack.linger(this, stack.config().timeWait());
    if (!closedByProgram) {
      closedByProgram = true;
      handler.onClosed(this, null);
    }
  }

  /** An ICMP error quoting one of our segments: fatal only while connecting, as in Linux. */
  void icmpError(String error) {
    if (state == TcpState.SYN_SENT) {
      destroy(error, true);
    }
  }

  /** A timer of this connection fired. */
  void timer(TcpTimer.Kind kind) {
    if (kind == TcpTimer.Kind.LINGER) {
      destroy(null, false);
    } else if (state != TcpState.CLOSED) {
      sender.retransmitTimeout();
    }
  }

  /** The retransmission limit ran out. */
  void timedOut() {
    if (state == TcpState.SYN_RECEIVED && listener != null) {
      destroy(null, false);
    } else {
      destroy("Connection timed out", true);
    }
  }

  /** The first SYN could not leave the pod (no route): connect() fails at once, as in Linux. */
  void unsendable(String error) {
    if (state == TcpState.SYN_SENT) {
      destroy(error, true);
    }
  }

  /** Leaves the table; the program hears {@code error} unless it closed the socket already. */
  void destroy(String error, boolean tell) {
    if (state == TcpState.CLOSED) {
      return;
    }
    state = TcpState.CLOSED;
    sender.stop();
    outOfOrder.clear();
    stack.removed(this);
    if (tell && !closedByProgram && listener == null) {
      closedByProgram = true;
      handler.onClosed(this, error);
    }
  }

  /** The MSS option this end announces in its SYN. */
  byte[] synOptions() {
    return TcpOption.encodeAll(List.of(TcpOption.mss(stack.localMss())));
  }

  @Override
  public String toString() {
    return state.ss() + " " + key + " snd " + sender + " rcv " + Seq.unsigned(rcvNxt);
  }
}
