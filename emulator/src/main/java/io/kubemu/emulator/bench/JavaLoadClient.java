package io.kubemu.emulator.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * kubemu's own load client, for machines without wrk: one thread per connection, each sending
 * GET requests one after another on a kept-alive socket until the time is up, reconnecting when
 * the server closes or fails (after 10 ms, so a refusing port is not hammered). Blocking sockets
 * and threads, as the simplest honest client; it is a Java client in a Java JVM, so its numbers
 * are lower than wrk's on the same server, which is why the report names the client.
 */
final class JavaLoadClient implements HttpLoad {
  private static final int TIMEOUT_MS = 5_000;

  @Override
  public String describe() {
    return "kubemu's built-in Java client (blocking sockets, one thread per connection; wrk was not used)";
  }

  @Override
  public HttpLoadResult run(URI url, int connections, int seconds) throws InterruptedException {
    byte[] request = ("GET " + (url.getRawPath().isEmpty() ? "/" : url.getRawPath()) + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
        + url.getPort() + "\r\nUser-Agent: kubemu-bench\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    InetSocketAddress to = new InetSocketAddress(url.getHost(), url.getPort());
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong latencyNanos = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch done = new CountDownLatch(connections);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> {
        try {
          connection(to, request, deadline, ok, errors, latencyNanos);
        } finally {
          done.countDown();
        }
      }, "kubemu-load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    if (!done.await(seconds + 10L, TimeUnit.SECONDS)) {
      threads.forEach(Thread::interrupt);
      throw new IllegalStateException("the built-in load client did not stop within " + (seconds + 10) + " s");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long n = ok.get();
    return new HttpLoadResult("java", n / elapsed, n, elapsed, errors.get(), n == 0 ? Double.NaN : latencyNanos.get() / 1e6 / n);
  }

  /** One connection's loop: requests until the deadline, counted when a 2xx or 3xx answer came back whole. */
  private static void connection(InetSocketAddress to, byte[] request, long deadline, AtomicLong ok, AtomicLong errors,
      AtomicLong latencyNanos) {
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(to, TIMEOUT_MS);
        OutputStream out = s.getOutputStream();
        InputStream in = new BufferedInputStream(s.getInputStream());
        boolean open = true;
        while (open && System.nanoTime() < deadline) {
          long sent = System.nanoTime();
          out.write(request);
          KeepAliveResponse r = KeepAliveResponse.read(in);
          if (r.status() >= 200 && r.status() < 400) {
            ok.incrementAndGet();
            latencyNanos.addAndGet(System.nanoTime() - sent);
          } else {
            errors.incrementAndGet();
          }
          open = !r.close();
        }
      } catch (IOException e) {
        if (System.nanoTime() < deadline) {
          errors.incrementAndGet();
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
