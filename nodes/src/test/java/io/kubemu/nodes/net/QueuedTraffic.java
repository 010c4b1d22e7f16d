package io.kubemu.nodes.net;

import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Real traffic through several hops for tests: pods on node dataplanes, every frame queued
 * between hops as actor messages queue them and run in order until none is left, and the two
 * programs such tests run (a server that says hello to its peer, a client that notes what it reads).
 */
public final class QueuedTraffic {
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private final Map<String, PodStack> pods = new HashMap<>();
  private final Ipv4Cidr cluster;

  /** Traffic among pods of the pod network {@code cluster}. */
  public QueuedTraffic(Ipv4Cidr cluster) {
    this.cluster = cluster;
  }

  /** A hop to run after the ones already queued. */
  public void later(Runnable hop) {
    queue.add(hop);
  }

  /** A frame a node's bridge sends into a pod's veth. */
  public void toPod(String veth, byte[] frame) {
    queue.add(() -> pods.get(veth).receive(frame));
  }

  /** A node's output: frames for a pod reach its stack, and {@code toNode} takes those for another address; both later. */
  public NodeDataplane.Output output(BiConsumer<Ipv4Address, byte[]> toNode) {
    return new NodeDataplane.Output() {
      @Override
      public void toPod(String veth, byte[] frame) {
        QueuedTraffic.this.toPod(veth, frame);
      }

      @Override
      public void toNode(Ipv4Address to, byte[] frame) {
        queue.add(() -> toNode.accept(to, frame));
      }
    };
  }

  /** A pod on {@code veth} of {@code node}, its gateway the node's cni0. */
  public PodStack pod(NodeDataplane node, String veth, String ip, long mac) {
    node.addVeth(veth);
    PodStack p = new PodStack(node.node(), veth, MacAddress.local(mac), Ipv4Address.parse(ip), node.cni0().subnet(), cluster,
        node.cni0().address(), 1450, f -> queue.add(() -> node.fromPod(veth, f)), new FakeTcpTimers(System::nanoTime));
    pods.put(veth, p);
    return p;
  }

  /** Runs the queued hops, and the ones they queue, until none is left. */
  public void pump() {
    for (int i = 0; !queue.isEmpty(); i++) {
      if (i > 100_000) {
        throw new AssertionError("frames never stopped");
      }
      queue.poll().run();
    }
  }

  /** A server that answers each connection with "hello <peer address>" and closes. */
  public static void serveHello(PodStack stack, int port) {
    serveHello(stack.tcp(), port);
  }

  /** The same on any TCP, a node's own among them. */
  public static void serveHello(TcpEndpoints tcp, int port) {
    serve(tcp, port, socket -> "hello " + socket.remoteAddress());
  }

  /** A server that answers each connection with {@code answer}'s text for it and closes. */
  public static void serve(PodStack stack, int port, Function<TcpSocket, String> answer) {
    serve(stack.tcp(), port, answer);
  }

  private static void serve(TcpEndpoints tcp, int port, Function<TcpSocket, String> answer) {
    tcp.listen(port, 128, s -> new TcpHandler() {
      @Override
      public void onConnected(TcpSocket socket) {
        socket.write(answer.apply(socket).getBytes(StandardCharsets.UTF_8));
        socket.close();
      }

      @Override
      public void onData(TcpSocket socket, byte[] data) {}
    });
  }

  /** Connects {@code from} to {@code to:port}: what it reads goes to {@code got}, a failure as "error: " and its errno text. */
  public static TcpSocket connect(PodStack from, Ipv4Address to, int port, StringBuilder got) {
    return connect(from.tcp(), to, port, got);
  }

  private static TcpSocket connect(TcpEndpoints from, Ipv4Address to, int port, StringBuilder got) {
    return from.connect(to, port, new TcpHandler() {
      @Override
      public void onData(TcpSocket socket, byte[] data) {
        got.append(new String(data, StandardCharsets.UTF_8));
      }

      @Override
      public void onEndOfStream(TcpSocket socket) {
        socket.close();
      }

      @Override
      public void onClosed(TcpSocket socket, String error) {
        if (error != null) {
          got.append("error: ").append(error);
        }
      }
    });
  }

  /** Connects, and runs the traffic out: what was read, or the error. */
  public String fetch(PodStack from, Ipv4Address to, int port) {
    return fetch(from.tcp(), to, port);
  }

  /** The same from any TCP, a node's own among them. */
  public String fetch(TcpEndpoints from, Ipv4Address to, int port) {
    StringBuilder got = new StringBuilder();
    connect(from, to, port, got);
    pump();
    return got.toString();
  }
}
