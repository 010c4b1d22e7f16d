package io.kubemu.nodes.app.http;

import io.kubemu.nodes.tcp.TcpSocket;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What a program has to send on a socket whose send buffer may not take it at once, as a server's
 * write loop keeps it: handed to the socket in chunks, the rest after the socket drains. So a
 * response larger than the send buffer, or several queued behind a slow client, go out whole.
 */
public final class SendQueue {
  private static final int CHUNK = 64 * 1024;

  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private int offset;
  private long bytes;
  private boolean flushing;

  public void add(byte[] data) {
    if (data.length > 0) {
      queue.add(data);
      bytes += data.length;
    }
  }

  /** Bytes not handed to the socket yet. */
  public long bytes() {
    return bytes;
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /**
   * Hands the socket what it takes now; true once everything went (call again when it drains).
   * Re-entrant calls (a write that makes the peer answer and the socket drain at once, over
   * loopback) return false and leave the sending to the outer call, so no byte goes twice.
   */
  public boolean flush(TcpSocket socket) {
    if (flushing) {
      return false;
    }
    flushing = true;
    try {
      while (!queue.isEmpty()) {
        byte[] head = queue.peek();
        int n = Math.min(CHUNK, head.length - offset);
        byte[] chunk = offset == 0 && n == head.length ? head : Arrays.copyOfRange(head, offset, offset + n);
        if (!socket.write(chunk)) {
          return false;
        }
        offset += n;
        bytes -= n;
        if (offset == head.length) {
          queue.poll();
          offset = 0;
        }
      }
      return true;
    } finally {
      flushing = false;
    }
  }
}
