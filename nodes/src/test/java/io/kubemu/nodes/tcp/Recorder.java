package io.kubemu.nodes.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A program that records what its socket hears: events in order, received bytes, the closing error. */
class Recorder implements TcpHandler {
  final List<String> events = new ArrayList<>();
  final ByteArrayOutputStream received = new ByteArrayOutputStream();
  TcpSocket socket;
  String error;
  boolean closed;

  @Override
  public void onConnected(TcpSocket s) {
    socket = s;
    events.add("connected");
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {
    received.writeBytes(data);
  }

  @Override
  public void onEndOfStream(TcpSocket s) {
    events.add("eof");
  }

  @Override
  public void onDrained(TcpSocket s) {
    events.add("drained");
  }

  @Override
  public void onClosed(TcpSocket s, String error) {
    closed = true;
    this.error = error;
    events.add("closed" + (error == null ? "" : ": " + error));
  }

  String text() {
    return received.toString(StandardCharsets.UTF_8);
  }
}
